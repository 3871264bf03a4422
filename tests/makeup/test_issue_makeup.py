"""A newsletter issue's columns on the baseline grid and full on every page but the last,
its photos with their captions (issue 10, items 3 to 5), read back from the sample issue."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from pipeline.build import resolve_layouts
from pipeline.collection import load_collection
from pipeline.writers.pdf import issue_composer
from pipeline.writers.pdf.issue import render_issue_pdf
from tests.makeup.printed_lines import read
from tests.makeup.test_full_pages import short_columns as document_short_columns

ISSUE = Path(__file__).resolve().parents[2] / "source" / "ban-tin-dai-hoi.yaml"


def short_columns() -> list[str]:
    """The sample issue's columns that end short of the rule on every page but the last
    (test_full_pages.short_columns). Where an item ends and the next one's headline
    follows below, the next item's columns run on to the foot and are read with it."""
    [layout] = resolve_layouts(("newsletter",), ())
    return document_short_columns(render_issue_pdf(load_collection(ISSUE), layout), layout)


def test_an_issues_columns_are_full_on_every_page_but_the_last(monkeypatch):
    assert short_columns() == []
    monkeypatch.setattr(issue_composer.Composer, "_filled", lambda self, body: {})
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


def test_an_issues_photos_keep_their_captions_under_them_and_items_do_not_spill():
    """The lead story ends with a photo after its byline: where it does not fit at the
    foot of page 3 it opens page 4 whole, its caption under it (it was parted: photo in
    one column, caption in the next). The second item then no longer fits page 4 by its
    closing question and byline: its photo is fitted smaller rather than spill those two
    lines over page 5, split between two columns."""
    [layout] = resolve_layouts(("newsletter",), ())
    collection = load_collection(ISSUE)
    pdf = render_issue_pdf(collection, layout)
    caption = layout.styles["Caption"].size
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for n, page in enumerate(doc.pages, 1):
            words = page.extract_words(extra_attrs=["size"])
            for image in page.images:
                below = [w for w in words if 0 <= w["top"] - image["bottom"] < 12
                         and image["x0"] - 1 <= w["x0"] < image["x1"]]
                assert below and all(abs(w["size"] - caption) < 0.3 for w in below), n
        texts = [p.extract_text() or "" for p in doc.pages]
    second = collection.items[1]  # its headline is on page 4, below the lead story's end
    assert [n for n, t in enumerate(texts, 1) if second.byline in t] == [4]


def test_an_item_that_fills_its_page_to_the_foot_ends_level(monkeypatch):
    """The second item ends at the foot of page 4: its right column, which ended two lines
    above the left, gets a line more above a question and ends level with it."""
    [layout] = resolve_layouts(("newsletter",), ())
    leading = layout.styles["Body Text"].leading

    def spread() -> float:
        page = read(render_issue_pdf(load_collection(ISSUE), layout), layout)[3]
        return max(c.bottom for c in page.columns) - min(c.bottom for c in page.columns)

    assert spread() < leading
    monkeypatch.setattr(issue_composer.Composer, "_level_full", lambda self, body, room:
                        self._balanced(body, room))
    assert spread() >= leading
