"""A newsletter issue's columns on the baseline grid, and full where an item goes on to the
next page (issue 10, items 4 and 5), read back from the sample issue."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from pipeline.build import resolve_layouts
from pipeline.collection import load_collection
from pipeline.writers.pdf import issue
from pipeline.writers.pdf.issue import render_issue_pdf
from tests.makeup.printed_lines import columns_in_order, ends_short, read

ISSUE = Path(__file__).resolve().parents[2] / "source" / "ban-tin-dai-hoi.yaml"


def short_columns() -> list[str]:
    """The sample issue's columns that end more than one body line above their foot (two
    before a group that may not be split), on every page but those where an item ends (it
    ends level, and the next headline follows below or on the next page)."""
    [layout] = resolve_layouts(("newsletter",), ())
    collection = load_collection(ISSUE)
    pdf = render_issue_pdf(collection, layout)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        texts = [p.extract_text() or "" for p in doc.pages]
    ends = {max(n for n, text in enumerate(texts, 1) if item.byline in text)
            for item in collection.items}
    pages = read(pdf, layout)
    out = []
    for n, (page, column, following) in enumerate(columns_in_order(pages), 1):
        number = pages.index(page) + 1
        if number in ends or page is pages[-1]:
            continue
        if short := ends_short(layout, page, column, following):
            out.append(f"page {number}, column {n}: {short}")
    return out


def test_an_issues_columns_are_full_where_an_item_goes_on(monkeypatch):
    assert short_columns() == []
    monkeypatch.setattr(issue._Composer, "_filled", lambda self, body: {})
    assert short_columns() != []  # page 2's right column ended 3 lines above a question


def off_grid() -> float:
    """How far the furthest body line of page 2's right column (the lead story's) is from
    the grid of its left column, in points."""
    [layout] = resolve_layouts(("newsletter",), ())
    pdf = render_issue_pdf(load_collection(ISSUE), layout)
    leading = layout.styles["Body Text"].leading
    left, right = (col.baselines(layout) for col in read(pdf, layout)[1].columns)
    assert len(right) > 15
    return max(abs((y - left[0] + leading / 2) % leading - leading / 2) for y in right)


def test_an_issues_columns_share_the_baseline_grid(monkeypatch):
    assert off_grid() <= 0.5
    from pipeline.writers.pdf import grid

    monkeypatch.setattr(grid, "grid_of", lambda layout: None)
    assert off_grid() > 0.5  # as the issue was set before
