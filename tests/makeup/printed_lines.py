"""Lines of a built PDF as pdfplumber reads them, per page and column, and what the page
make-up tests measure on them (baselines shared, the grid, lines left at a column's foot)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pipeline.layouts import Layout


@dataclass
class Line:
    baseline: float  # top-down points
    size: float
    bold: bool


@dataclass
class Column:
    top: float  # the type area's top, or the rule under page 1's head
    lines: list[Line] = field(default_factory=list)
    bottom: float = 0.0  # lowest line box or photo (top-down points)
    photo_top: float | None = None  # highest photo's top, if any
    photos: list[tuple[float, float]] = field(default_factory=list)  # (top, bottom) each

    def body(self, layout: Layout) -> list[Line]:
        size = layout.styles["Body Text"].size
        return [ln for ln in self.lines if abs(ln.size - size) < 0.3]

    def baselines(self, layout: Layout) -> list[float]:
        return [ln.baseline for ln in self.body(layout)]


@dataclass
class Page:
    columns: list[Column]
    height: float  # the media box's, bleed included


def read(pdf_bytes: bytes, layout: Layout) -> list[Page]:
    """Each page's columns with their lines (glyph baselines clustered within a quarter of
    the body size) under the head, without the running header and footer, and photos."""
    import io

    import pdfplumber

    body = layout.styles["Body Text"]
    pages = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            top, foot = area(layout, page.height)
            wide = 0.9 * text_width(layout)
            across = [ln["top"] for ln in page.lines if ln["x1"] - ln["x0"] > wide]
            top = max([top, *(y for y in across if y < foot)])  # the rule under the head
            ncol, middle = layout.columns, page.width / 2
            cols = [Column(top) for _ in range(ncol)]
            found: list[dict[float, Counter]] = [{} for _ in range(ncol)]
            for ch in page.chars:
                if not ch["text"].strip() or not top <= ch["top"] <= foot:
                    continue
                col = 0 if ncol == 1 or (ch["x0"] + ch["x1"]) / 2 < middle else 1
                base = page.height - ch["matrix"][5]
                near = next((b for b in found[col] if abs(b - base) < body.size / 4), None)
                key = (round(ch["size"], 1), "Bold" in ch["fontname"])
                found[col].setdefault(base if near is None else near, Counter())[key] += 1
            for col, lines in zip(cols, found):
                for base in sorted(lines):
                    size, bold = lines[base].most_common(1)[0][0]
                    col.lines.append(Line(base, size, bold))
                    col.bottom = max(col.bottom, base + body.leading - body.size)
            for im in page.images:
                col = cols[0 if ncol == 1 or (im["x0"] + im["x1"]) / 2 < middle else 1]
                col.bottom = max(col.bottom, im["bottom"])
                col.photo_top = min(col.photo_top or im["top"], im["top"])
                col.photos.append((im["top"], im["bottom"]))
            pages.append(Page(cols, page.height))
    while pages and not any(c.lines for c in pages[-1].columns):
        pages.pop()  # pages added to reach a multiple of 4
    return pages


def fill(page, layout: Layout) -> float:
    """How full a page is (a pdfplumber page): its lowest character's share of the type
    area's height, page 1's head included, the running foot left out."""
    top, bottom = layout.margin["top"], layout.height - layout.margin["bottom"]
    low = max(b for b in (c["bottom"] - layout.bleed for c in page.chars) if b <= bottom + 1)
    return (low - top) / (bottom - top)


def area(layout: Layout, page_height: float) -> tuple[float, float]:
    """The type area's top and foot, top-down points on a page of ``page_height`` (bleed
    included)."""
    offset = (page_height - layout.height) / 2
    return offset + layout.margin["top"], offset + layout.height - layout.margin["bottom"]


def text_width(layout: Layout) -> float:
    return layout.width - layout.margin["inside"] - layout.margin["outside"]


def shared(pages: list[Page], layout: Layout) -> tuple[int, int]:
    """(right-column body lines within 0.5 pt of a left-column body baseline, all of them),
    on every page but the last: the issue's measure, as bench/typography.py's "shared"."""
    hit = total = 0
    for page in pages[:-1]:
        left = page.columns[0].baselines(layout)
        right = page.columns[-1].baselines(layout)
        total += len(right)
        hit += sum(any(abs(y - x) <= 0.5 for x in left) for y in right)
    return hit, total


def on_grid(pages: list[Page], layout: Layout) -> tuple[int, int]:
    """(right-column body lines within 0.5 pt of the left column's baseline grid: its first
    body baseline plus a whole number of leadings, all of them), on every page but the last.
    Unlike shared(), a line beside a photo or a heading in the left column counts."""
    leading = layout.styles["Body Text"].leading
    hit = total = 0
    for page in pages[:-1]:
        left = page.columns[0].baselines(layout)
        right = page.columns[-1].baselines(layout)
        if not left:
            continue
        total += len(right)
        hit += sum(off_grid(y, left[0], leading) <= 0.5 for y in right)
    return hit, total


def off_grid(y: float, origin: float, leading: float) -> float:
    """Distance from ``y`` to the nearest line of a grid through ``origin``."""
    return abs((y - origin + leading / 2) % leading - leading / 2)


def blank_runs(pages: list[Page], layout: Layout) -> list[tuple[int, int, float]]:
    """(page, column, body lines) of each blank run inside a column longer than three body
    lines: between two lines of text, or between the column's top and its first line,
    with no photo in it. A question's or heading's space makes one, and filling a column
    may move it two lines down (remedies.MORE_BEFORE); more is a hole a layout artist
    would not leave."""
    leading = layout.styles["Body Text"].leading
    out = []
    for n, page in enumerate(pages, 1):
        for k, col in enumerate(page.columns, 1):
            tops = [col.top, *(ln.baseline for ln in col.lines)]
            for above, below in zip(tops, tops[1:]):
                if any(top < below and bottom > above for top, bottom in col.photos):
                    continue
                if above == col.top:  # from the top to the first line's top
                    blank = (below - layout.styles["Body Text"].size - above) / leading
                else:
                    blank = (below - above) / leading - 1
                if blank > 3.5:
                    out.append((n, k, round(blank, 1)))
    return out


def lines_left(layout: Layout, page: Page, column: Column) -> int:
    """Whole body lines that would still fit under the column's last line or photo."""
    return int((area(layout, page.height)[1] - column.bottom) / layout.styles["Body Text"].leading)


def kept_lines(layout: Layout, column: Column) -> int:
    """Grid lines a column begins with before its first plain body line: a question (bold),
    a heading or a photo kept with what follows; 0 when it begins with plain text."""
    body = layout.styles["Body Text"]
    first = next((ln for ln in column.body(layout) if not ln.bold), None)
    if first is None:  # all of it kept together (a closing question with the byline)
        return round((column.bottom - column.top) / body.leading)
    starts = [ln.baseline for ln in column.lines if ln.baseline < first.baseline]
    if column.photo_top is not None and column.photo_top < first.baseline:
        starts.append(column.photo_top)
    if not starts:
        return 0
    return round((first.baseline - body.size - column.top) / body.leading)


def ends_short(layout: Layout, page: Page, column: Column, following: Column | None) -> str:
    """How ``column`` ends too short, or "": more than one body line above its foot, or
    more than two where ``following`` (the next column) begins with a group that may not be
    split (a question with two lines of its answer, a heading with its text, a photo with
    its caption, a pull quote between its rules)."""
    left = lines_left(layout, page, column)
    kept = kept_lines(layout, following) if following is not None else 0
    return f"{left} lines empty at its foot (next kept: {kept} lines)" if left > (
        2 if kept else 1) else ""


def columns_in_order(pages: list[Page]):
    """(page, column, the column after it or None) for every column of every page."""
    flat = [(p, c) for p in pages for c in p.columns]
    for i, (page, col) in enumerate(flat):
        yield page, col, flat[i + 1][1] if i + 1 < len(flat) else None
