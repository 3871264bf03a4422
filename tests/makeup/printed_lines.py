"""Body lines of a built PDF as pdfplumber reads them: baselines per page and column."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pipeline.layouts import Layout


@dataclass
class Column:
    baselines: list[float] = field(default_factory=list)  # top-down points, body lines only
    bottom: float = 0.0  # deepest ink of its body lines and photos (top-down points)
    first_size: float = 0.0  # size of its first text line (a question, heading, body...)


@dataclass
class Page:
    columns: list[Column]
    height: float  # the media box's, bleed included


def read(pdf_bytes: bytes, layout: Layout) -> list[Page]:
    """Each page's columns: baselines of the lines set in the body's size (clustered within
    a quarter of it), the deepest photo or line, the size of the first line."""
    import io

    import pdfplumber

    body = layout.styles["Body Text"].size
    below = layout.styles["Body Text"].leading - body  # a line's box under its baseline
    pages = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            ncol = layout.columns
            cols = [Column() for _ in range(ncol)]
            lines: list[dict[float, Counter]] = [{} for _ in range(ncol)]
            middle = page.width / 2
            top, bottom = area(layout, page.height)
            for ch in page.chars:
                if not ch["text"].strip() or not top <= ch["top"] <= bottom:
                    continue  # the running header and footer
                col = 0 if ncol == 1 or (ch["x0"] + ch["x1"]) / 2 < middle else 1
                base = page.height - ch["matrix"][5]
                near = next((b for b in lines[col] if abs(b - base) < body / 4), None)
                lines[col].setdefault(base if near is None else near, Counter())[
                    round(ch["size"], 1)] += 1
            for col, found in zip(cols, lines):
                for base in sorted(found):
                    size = found[base].most_common(1)[0][0]
                    if not col.first_size:
                        col.first_size = size
                    if abs(size - body) < 0.3:
                        col.baselines.append(base)
                    col.bottom = max(col.bottom, base + below)
            for im in page.images:
                col = 0 if ncol == 1 or (im["x0"] + im["x1"]) / 2 < middle else 1
                cols[col].bottom = max(cols[col].bottom, im["bottom"])
            pages.append(Page(cols, page.height))
    return pages


def shared(pages: list[Page]) -> tuple[int, int]:
    """(right-column body lines within 0.5 pt of a left-column baseline, all of them), on
    every page but the last."""
    hit = total = 0
    for page in pages[:-1]:
        left, right = page.columns[0].baselines, page.columns[-1].baselines
        total += len(right)
        hit += sum(any(abs(y - x) <= 0.5 for x in left) for y in right)
    return hit, total


def on_grid(pages: list[Page], leading: float) -> tuple[int, int]:
    """(right-column body lines within 0.5 pt of the left column's baseline grid: its first
    body baseline plus a whole number of leadings, all of them), on every page but the last.
    Unlike shared(), a right-column line beside a photo or a heading on the left counts."""
    hit = total = 0
    for page in pages[:-1]:
        left, right = page.columns[0].baselines, page.columns[-1].baselines
        if not left:
            continue
        total += len(right)
        hit += sum(abs((y - left[0] + leading / 2) % leading - leading / 2) <= 0.5
                   for y in right)
    return hit, total


def area(layout: Layout, page_height: float) -> tuple[float, float]:
    """The type area's top and foot, top-down points on a page of ``page_height`` (bleed
    included)."""
    offset = (page_height - layout.height) / 2
    return offset + layout.margin["top"], offset + layout.height - layout.margin["bottom"]


def lines_left(layout: Layout, page: Page, column: Column) -> float:
    """Body lines that would still fit under the column's last line or photo: 0 to 1 in a
    full column."""
    return (area(layout, page.height)[1] - column.bottom) / layout.styles["Body Text"].leading
