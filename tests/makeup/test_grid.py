"""The baseline grid, read back from built PDFs: body lines on lines of the body leading
counted from each column's top, so that lines across columns align (issue 10 item 5)."""

from pathlib import Path

import pytest

from pipeline.errors import UserError
from pipeline.layouts import load_layout
from tests.makeup.generated import DISPLAY, TEXT, built, sample
from tests.makeup.printed_lines import off_grid, on_grid, read, shared

SEEDS = (0, 1, 2)
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_the_sample_newsletters_right_column_lines_sit_on_the_left_columns_grid():
    pdf, layout = sample("newsletter")
    hit, total = on_grid(read(pdf, layout), layout)
    assert total > 60 and hit / total >= 0.9, f"{hit} of {total} on the grid"


@pytest.mark.parametrize("seed", SEEDS)
def test_text_in_two_columns_shares_nine_baselines_in_ten(seed):
    pdf, layout = built(TEXT, seed, "newsletter")
    hit, total = shared(read(pdf, layout), layout)
    assert total > 80 and hit / total >= 0.9, f"{hit} of {total} share a baseline"


@pytest.mark.parametrize("seed", SEEDS)
def test_headings_and_quotes_take_whole_grid_lines(seed):
    pdf, layout = built(DISPLAY, seed, "newsletter")
    hit, total = on_grid(read(pdf, layout), layout)
    assert total > 80 and hit / total >= 0.9, f"{hit} of {total} on the grid"


@pytest.mark.parametrize("source", ["sample", *SEEDS])
def test_the_handouts_body_lines_are_on_one_grid_on_every_page(source):
    pdf, layout = sample("handout") if source == "sample" else built(DISPLAY, source, "handout")
    leading = layout.styles["Body Text"].leading
    for n, page in enumerate(read(pdf, layout), 1):
        lines = page.columns[0].baselines(layout)
        off = [round(off_grid(y, lines[0], leading), 1) for y in lines]
        assert max(off, default=0) <= 0.5, f"page {n}: {off}"


def test_the_paragraph_indent_is_layout_data_in_ems(tmp_path):
    text = (TEMPLATES / "newsletter.yaml").read_text(encoding="utf-8")
    assert load_layout(TEMPLATES / "newsletter.yaml").makeup.indent == 1.0
    (tmp_path / "a.yaml").write_text(text.replace("paragraph_indent: 1em",
                                                  "paragraph_indent: 1.5em"), encoding="utf-8")
    assert load_layout(tmp_path / "a.yaml").makeup.indent == 1.5
    wrong = text.replace("paragraph_indent: 1em", "paragraph_indent: 4mm")
    (tmp_path / "b.yaml").write_text(wrong, encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_layout(tmp_path / "b.yaml")
    line = next(i for i, t in enumerate(wrong.splitlines(), 1) if "paragraph_indent" in t)
    assert f"b.yaml:{line}:" in str(err.value) and "1em" in str(err.value)


def test_on_the_grid_body_paragraphs_are_indented_without_space_between():
    """The PDF's styles, not the layout's: the DOCX keeps the layout's spacing."""
    from pipeline.writers.pdf.styles import Styles

    layout = load_layout(TEMPLATES / "newsletter.yaml")
    styles = Styles(layout)
    body, answer, question = styles["Body Text"], styles["Answer"], styles["Question"]
    assert body.firstLineIndent == pytest.approx(layout.styles["Body Text"].size)
    assert answer.firstLineIndent == question.firstLineIndent == 0
    assert body.spaceAfter == answer.spaceAfter == question.spaceAfter == 0
    assert question.spaceBefore == layout.styles["Question"].space_before > 0
    assert layout.styles["Body Text"].space_after > 0  # what the DOCX uses


@pytest.mark.parametrize("room_lines,fits", [(3.6, True), (3.0, False)])
def test_the_byline_under_the_closing_question_sits_where_it_falls_off_the_grid(room_lines,
                                                                              fits):
    """The closing question with the byline needs its blank line, its own line and the
    byline's 6 pt and 11 pt: 3.2 lines, not 4 (the byline, off the grid and last, is not
    moved to a grid line): it fits under a line of text with 3.6 lines left, not with 3."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from pipeline.build import resolve_layouts
    from pipeline.writers.pdf.flowables import KeepWithFirstLines
    from pipeline.writers.pdf.grid import GridFrame, grid_of
    from pipeline.writers.pdf.styles import Styles

    [layout] = resolve_layouts(("handout",), ())
    styles, leading = Styles(layout), layout.styles["Body Text"].leading
    frame = GridFrame(0, 0, 300, (1 + room_lines) * leading, grid=grid_of(layout),
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    canv = Canvas("unused.pdf")
    assert frame.add(Paragraph("Một dòng.", styles["Body Text"]), canv)
    closing = KeepWithFirstLines([Paragraph("P.V: Xin cảm ơn ông!", styles["Question"])],
                                 Paragraph("Minh Châu", styles["Byline"]))
    closing._frame = frame
    parts = frame.split(closing, canv)
    assert (parts == closing._content) is fits
