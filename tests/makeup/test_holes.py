"""Columns that would end short are filled (issue 10, item 4): each remedy, read back from
built PDFs, is what fills the columns it is chosen for; the dry run that chooses them
predicts every column's foot; no document gets longer for it."""

from __future__ import annotations

import random

import pytest

from pipeline.writers.pdf import holes, looseness
from pipeline.writers.pdf.fit import MAX_PAGES
from tests.makeup.generated import (ARTICLES, DISPLAY, SAMPLE, TEXT, build, corpus_draft,
                                    shuffled)
from tests.makeup.printed_lines import blank_runs, columns_in_order, lines_left, read
from tests.makeup.test_full_pages import short_columns


def fresh(tmp_path, kinds, seed: int, layout_name: str):
    """(PDF, layout) of a generated source, built now (not the test run's cached build)."""
    folder = tmp_path / f"{kinds[-1]}-{seed}-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    return build(shuffled(folder, seed, kinds=kinds), layout_name)


def filled(monkeypatch) -> list:
    """For each document built from now on: (its Filling as fill_holes made it, a copy of
    those remedies, the columns the dry run predicts after the last page's filling too);
    the build consumes the story."""
    from pipeline.writers.pdf import lastpage
    from pipeline.writers.pdf.dryrun import columns

    seen = []
    real, last = holes.fill_holes, lastpage.fill_last_page

    def spy(story, geo, head_height, max_pages, *rest):
        out = real(story, geo, head_height, max_pages, *rest)
        seen.append([out, list(out.remedies), None])
        return out

    def spy_last(story, geo, head_height, filling, *rest):
        last(story, geo, head_height, filling, *rest)
        seen[-1][2] = columns(story, geo, head_height + filling.head, MAX_PAGES, filling.ends)

    monkeypatch.setattr(holes, "fill_holes", spy)
    monkeypatch.setattr(lastpage, "fill_last_page", spy_last)
    return seen


# -- each remedy fills the columns it is chosen for ---------------------------------------
REMEDIES = [  # (the remedy, a source whose columns need one and get this one, its layout)
    ("Spacing", (TEXT, 0), "handout"),
    ("HeadSpace", (DISPLAY, 1), "newsletter"),
    ("Shortening", "sample", "handout"),
    ("Shrinking", "04-tuoitre-bds-luong-si-khoa", "newsletter"),
    ("Tightening", "01-vov-mobifone-avg-le-thanh-van", "handout"),
]


@pytest.mark.parametrize("remedy,source,layout_name", REMEDIES, ids=[r[0] for r in REMEDIES])
def test_each_remedy_fills_the_columns_it_is_chosen_for(remedy, source, layout_name, tmp_path,
                                                        monkeypatch):
    """Chosen in the dry run, the remedy shows in the PDF: without filling the document has
    columns that end short, with it none, and this remedy is among those applied."""
    if isinstance(source, str) and source != "sample" and not ARTICLES:
        pytest.skip("../shared/corpus is not beside the project")

    def make():
        if source == "sample":
            return build(SAMPLE, layout_name)
        if isinstance(source, str):
            corpus_draft.cache_clear()
            return corpus_draft(source, layout_name)
        return fresh(tmp_path, *source, layout_name)

    seen = filled(monkeypatch)
    try:
        assert short_columns(*make()) == []
        assert remedy in [type(r).__name__ for r in seen[0][1]]
        monkeypatch.setattr(holes, "fill_holes", lambda *args: holes.Filling())
        assert short_columns(*make()) != []
    finally:
        corpus_draft.cache_clear()


def test_page_1s_columns_move_down_under_the_heads_rule_in_whole_lines(tmp_path,
                                                                       monkeypatch):
    """The room goes around the head, half above it (under the masthead) and half between
    it and its closing rule, so that it reads as air rather than a hole under the head;
    the rule stays just above the columns, which move down by whole body lines."""
    import io

    import pdfplumber

    spaced, layout = fresh(tmp_path, DISPLAY, 1, "newsletter")
    monkeypatch.setattr(holes, "HEAD_SPACE", 0)
    plain, _ = fresh(tmp_path, DISPLAY, 1, "newsletter")
    leading = layout.styles["Body Text"].leading
    gaps = []
    for pdf in (plain, spaced):
        left = read(pdf, layout)[0].columns[0]
        with pdfplumber.open(io.BytesIO(pdf)) as doc:  # the head's first line, under the
            band = layout.bleed + 22 * 72 / 25.4  # masthead band (22 mm from the trim)
            title = min(c["top"] for c in doc.pages[0].chars if c["top"] > band)
        gaps.append((left.top, left.lines[0].baseline - left.top, title))
    (rule_plain, under_plain, head_plain), (rule_spaced, under_spaced, head_spaced) = gaps
    assert abs(under_plain - under_spaced) < 0.5  # rule to the first line: as ever
    moved = rule_spaced - rule_plain
    assert moved > leading - 0.5
    assert abs(moved / leading - round(moved / leading)) < 0.05
    assert abs((head_spaced - head_plain) - moved / 2) < 0.5


@pytest.mark.skipif(not ARTICLES, reason="../shared/corpus is not beside the project")
def test_a_pull_quote_that_does_not_fit_opens_the_next_column_and_the_text_after_moves_up():
    """Corpus article 07: its second quote comes before a heading; at the foot of page 1's
    right column it does not fit, so the heading and its text fill that column and the
    quote opens page 2 (it floats as a photo does, floats.py)."""
    import subprocess

    pdf, layout = corpus_draft("07-tuoitre-hiep-si-bat-cuop", "newsletter")
    pages = read(pdf, layout)
    quote = layout.styles["Pull Quote"].size
    assert lines_left(layout, pages[0], pages[0].columns[1]) <= 1
    assert abs(pages[1].columns[0].lines[0].size - quote) < 0.3
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    assert text.index("Phải có phương pháp") < text.index("Mọi người cứ đoàn kết")


# -- the dry run, and what filling may not do ----------------------------------------------
@pytest.mark.parametrize("kinds,seed,layout_name", [(TEXT, 0, "handout"),
                                                    (DISPLAY, 1, "newsletter"),
                                                    (TEXT, 0, "newsletter")])
def test_the_dry_run_predicts_every_columns_foot(kinds, seed, layout_name, tmp_path,
                                                 monkeypatch):
    seen = filled(monkeypatch)
    pdf, layout = fresh(tmp_path, kinds, seed, layout_name)
    out, _, predicted = seen[0]
    assert out.filled == out.short > 0
    leading = layout.styles["Body Text"].leading
    pages = read(pdf, layout)
    printed = [lines_left(layout, p, c) for p, c, _ in columns_in_order(pages)
               if p is not pages[-1]]
    assert printed == [int((c.height - c.used) / leading + 1e-6) for c in predicted
                       if not c.last]


@pytest.mark.parametrize("kinds,seed,layout_name", [(TEXT, 0, "handout"),
                                                    (DISPLAY, 1, "newsletter"),
                                                    (TEXT, 2, "handout")])
def test_filling_never_makes_a_document_longer(kinds, seed, layout_name, tmp_path,
                                                monkeypatch):
    seen = filled(monkeypatch)
    with_filling, layout = fresh(tmp_path, kinds, seed, layout_name)
    assert seen[0][1]
    monkeypatch.setattr(holes, "fill_holes", lambda *args: holes.Filling())
    without, _ = fresh(tmp_path, kinds, seed, layout_name)
    assert len(read(with_filling, layout)) <= len(read(without, layout))


# -- a paragraph set to a given number of lines (looseness.py) ------------------------------
def test_a_paragraph_can_be_set_in_exactly_so_many_lines_within_the_tolerances():
    from types import SimpleNamespace

    from pipeline.layouts import Justify
    from pipeline.writers.pdf.linebreak import break_lines
    from pipeline.writers.pdf.looseness import _ratio, with_lines

    fit, rng, longer, shorter = Justify(), random.Random(11), 0, 0
    for _ in range(150):
        n = rng.randrange(30, 160)
        words = SimpleNamespace(boxes=[rng.uniform(8, 22) for _ in range(n)], gaps=[2.6] * n,
                                spaces=[True] * n, inside=None)
        widths = (250.0, 250.0)
        best = len(break_lines(words.boxes, words.gaps, words.spaces, widths, fit))
        for count in (best - 1, best, best + 1):
            found = with_lines(words, widths, fit, count, fit.tolerance)
            if found is None:
                assert count != best or n < 40, "the total-fit count itself is feasible"
                continue
            longer += count > best
            shorter += count < best
            lines, _ = found
            assert len(lines) == count
            assert lines[0][0] == 0 and lines[-1][1] == n
            assert all(a[1] == b[0] for a, b in zip(lines, lines[1:]))  # every word, in order
            assert lines[-1][1] - lines[-1][0] >= fit.min_last
            for a, b in lines:
                ratio = _ratio(sum(words.boxes[a:b]), sum(words.gaps[a:b - 1]), 250.0, fit,
                               final=b == n)
                assert ratio is not None and -1 <= ratio <= fit.tolerance
    assert longer > 0 and shorter > 0


def test_a_paragraph_set_a_line_longer_keeps_its_lines_in_a_frame_a_hair_narrower():
    """A frame's width and the geometry's differ in their last bits (334.488188976378 and
    334.48818897637796 in the handout): a paragraph broken for one is broken for the
    other, so that lines reset in the dry run stay so in the PDF."""
    from reportlab.lib.styles import ParagraphStyle

    from pipeline.layouts import Justify
    from pipeline.writers.pdf.justified import Justified

    rng = random.Random(3)
    words = " ".join("".join(rng.choice("abcdeghiklmnopqrstuvxy") for _ in range(rng.randint(2, 7)))
                     for _ in range(400))
    style = ParagraphStyle("Body Text", fontName="Helvetica", fontSize=10, leading=13)
    width = 334.488188976378
    for k in range(40):
        para = Justified(words[k * 37:], style, fit=Justify(word_break_penalty=0))
        para.wrap(width, 1000)
        t = looseness.reset(para, width, len(para._lines) + 1, 5.0)
        if t is None:
            continue
        t.apply()
        para.wrap(334.48818897637796, 1000)
        assert para._lines == t.lines
        return
    pytest.fail("no paragraph could be set a line longer")


# text only, the sample's paragraphs in other orders: before the lines a column needed
# were piled above one question (a line more each time it was chosen), leaving holes of
# 8 blank lines (the handout's page 6) and 7 (the newsletter's page 4)
HOLED = [(2, 2, "handout"), (6, 3, "newsletter")]


@pytest.mark.parametrize("seed,repeat,layout_name", HOLED)
def test_filling_spreads_its_lines_over_breaks_and_leaves_no_hole_in_a_column(
        seed, repeat, layout_name, tmp_path):
    """A heading or a question moves down two body lines at most, and a line more above
    one already moved costs more than one above another (remedies.py): the columns stay
    full, the last page a third full, and no column holds more than three blank lines
    between two of its lines."""
    from tests.makeup.test_last_page import last_page

    pdf, layout = build(shuffled(tmp_path, seed, repeat=repeat, kinds=TEXT), layout_name)
    assert blank_runs(read(pdf, layout), layout) == []
    assert short_columns(pdf, layout) == []
    assert last_page(pdf, layout)[1] >= layout.makeup.last_page_min
