"""Full columns and a level last page, read back from built PDFs (issue 10 item 4)."""

import pytest

from tests.makeup.generated import ARTICLES, DISPLAY, TEXT, built, corpus_draft, sample
from tests.makeup.printed_lines import blank_runs, columns_in_order, ends_short, off_grid, read

CASES = [(kinds, seed, layout) for kinds in (TEXT, DISPLAY) for seed in (0, 1, 2)
         for layout in ("newsletter", "handout")]


def short_columns(pdf: bytes, layout) -> list[str]:
    """The columns on every page but the last that end more than one body line above the
    column's foot, or more than two where the next column begins with a group that may not
    be split (a question with two lines of its answer, a heading with its text, a photo
    with its caption, a pull quote between its rules)."""
    pages = read(pdf, layout)
    out = []
    for n, (page, column, following) in enumerate(columns_in_order(pages), 1):
        if page is pages[-1]:
            break
        if short := ends_short(layout, page, column, following):
            out.append(f"column {n}: {short}")
    return out


@pytest.mark.parametrize("kinds,seed,layout_name", CASES)
def test_every_column_but_the_last_pages_ends_within_a_line_of_its_foot(kinds, seed,
                                                                         layout_name):
    assert short_columns(*built(kinds, seed, layout_name)) == []


@pytest.mark.parametrize("layout_name", ["newsletter", "handout"])
def test_the_samples_columns_end_within_a_line_of_their_foot(layout_name):
    assert short_columns(*sample(layout_name)) == []


@pytest.mark.parametrize("kinds,seed,layout_name", CASES)
def test_no_column_holds_a_hole_of_more_than_three_blank_lines(kinds, seed, layout_name):
    pdf, layout = built(kinds, seed, layout_name)
    assert blank_runs(read(pdf, layout), layout) == []


@pytest.mark.skipif(not ARTICLES, reason="../shared/corpus is not beside the project")
@pytest.mark.parametrize("layout_name", ["newsletter", "handout"])
@pytest.mark.parametrize("article", [a.stem for a in ARTICLES])
def test_the_corpus_articles_columns_end_within_a_line_of_their_foot(article, layout_name):
    assert short_columns(*corpus_draft(article, layout_name)) == []


def level_ends(pdf: bytes, layout) -> None:
    """The last page's columns end within one body line of each other (the byline's line
    included), and share the grid."""
    last = read(pdf, layout)[-1]
    leading = layout.styles["Body Text"].leading
    ends = [col.bottom for col in last.columns]
    assert max(ends) - min(ends) < leading, f"columns end at {ends}"
    left, right = (col.baselines(layout) for col in last.columns)
    assert max(off_grid(y, left[0], leading) for y in right) <= 0.5


@pytest.mark.parametrize("kinds,seed", [(kinds, seed) for kinds in (TEXT, DISPLAY)
                                        for seed in (0, 1, 2)])
def test_the_last_pages_columns_end_level_on_the_grid(kinds, seed):
    level_ends(*built(kinds, seed, "newsletter"))


@pytest.mark.skipif(not ARTICLES, reason="../shared/corpus is not beside the project")
@pytest.mark.parametrize("article", [a.stem for a in ARTICLES])
def test_the_corpus_newsletters_last_page_ends_level(article):
    level_ends(*corpus_draft(article, "newsletter"))


def test_the_byline_moves_down_to_level_the_last_page(tmp_path):
    """Generated seed 10, twice the sample's blocks: the last column, which ends with the
    closing question and the byline, would end four lines above the first; the byline
    moves down to the foot of the first column's text."""
    from tests.makeup.generated import build, shuffled

    level_ends(*build(shuffled(tmp_path, 10, kinds=DISPLAY), "newsletter"))
