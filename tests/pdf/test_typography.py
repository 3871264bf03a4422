"""Typographic rules, checked on the layout decisions themselves: what ends each column."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pdf_testkit import build, variant
from reportlab.platypus import Paragraph
from reportlab.platypus.doctemplate import ActionFlowable

from pipeline.writers.pdf import flowables, pages


@dataclass
class Drawn:
    page: int
    frame: str
    kind: str  # "question", "heading", "paragraph", "image", "caption", "other"
    lines: int
    split_head: bool  # the first part of a paragraph split across columns


def kind_of(flowable, styles_seen) -> str:
    if isinstance(flowable, flowables.Marked):
        return "heading" if flowable.style.name == "Heading 1" else "question"
    if isinstance(flowable, flowables.Photo):
        return "image"
    if isinstance(flowable, Paragraph):
        return "caption" if flowable.style.name == "Caption" else "paragraph"
    return "other"


@pytest.fixture(scope="module", params=["newsletter", "handout"])
def drawn(request, tmp_path_factory) -> list[Drawn]:
    """Every flowable drawn in a build of ten times the sample's body, in order."""
    record: list[Drawn] = []
    original = pages.ColumnDoc.afterFlowable

    def after(self, flowable):
        if self.frame is None or isinstance(flowable, ActionFlowable):  # nothing drawn
            return original(self, flowable)
        lines = len(flowable.blPara.lines) if isinstance(flowable, Paragraph) else 0
        record.append(Drawn(self.page, self.frame.id, kind_of(flowable, None), lines,
                            bool(getattr(flowable, "_splitpara", 0))))
        return original(self, flowable)

    pages.ColumnDoc.afterFlowable = after
    try:
        build(variant(tmp_path_factory.mktemp("x10"), repeat=10), request.param)
    finally:
        pages.ColumnDoc.afterFlowable = original
    assert len({(d.page, d.frame) for d in record}) > 20  # many column ends to judge
    return record


def column_ends(drawn: list[Drawn]) -> list[tuple[Drawn, Drawn]]:
    """(last flowable of a column, first flowable of the next column)."""
    return [(a, b) for a, b in zip(drawn, drawn[1:]) if (a.page, a.frame) != (b.page, b.frame)
            and a.frame != "head"]


def test_no_question_or_heading_ends_a_column(drawn):
    """(But the first lines of a long question split across columns, two at least: a hole
    as tall as the question would be worse; see docs/print.md, full columns.)"""
    bad = [(a.page, a.frame, a.kind) for a, _ in column_ends(drawn)
           if a.kind in ("question", "heading")
           and not (a.kind == "question" and a.split_head and a.lines >= 2)]
    assert not bad


def test_a_question_is_followed_in_its_column_by_lines_of_the_answer(drawn):
    for a, b in zip(drawn, drawn[1:]):
        if a.kind == "question" and not a.split_head:  # (a split one goes on with itself)
            assert (a.page, a.frame) == (b.page, b.frame), a
            assert b.kind != "paragraph" or b.lines >= 2 or not b.split_head, b


def test_no_orphans_a_split_paragraph_leaves_two_lines_at_least(drawn):
    heads = [a for a, _ in column_ends(drawn) if a.split_head]
    assert heads, "the stress source must split paragraphs across columns"
    assert all(a.lines >= 2 for a in heads), [a for a in heads if a.lines < 2]


def test_no_widows_a_continued_paragraph_brings_two_lines_at_least(drawn):
    starts = [i for i, (a, b) in enumerate(zip(drawn, drawn[1:]), 1)
              if (a.page, a.frame) != (b.page, b.frame) and a.frame != "head" and a.split_head]
    carried = [next(d for d in drawn[i:] if d.kind not in ("image", "caption", "other"))
               for i in starts]  # after a photo that floated to the column's top (floats.py)
    assert all(b.lines >= 2 for b in carried), [b for b in carried if b.lines < 2]


def test_a_photo_is_never_separated_from_its_caption(drawn):
    for a, b in zip(drawn, drawn[1:]):
        if a.kind == "image":
            assert b.kind == "caption" and (a.page, a.frame) == (b.page, b.frame), (a, b)


def test_the_last_page_columns_end_level(tmp_path):
    import re

    from pdf_testkit import pdftotext

    answer = ("Câu trả lời có nhiều chữ để lấp đầy các cột của trang cuối cùng, "
              "và các cột phải kết thúc ngang nhau. ") * 3
    body = "  - q: Câu hỏi mở đầu?\n" + "".join(f"  - a: {answer}\n" for _ in range(23))
    pdf = build(variant(tmp_path, body), "newsletter")
    html = pdftotext(pdf, tmp_path, "-bbox")
    last = html.rsplit("<page ", 1)[1]
    middle = float(re.search(r'width="([\d.]+)"', last)[1]) / 2
    bottoms = {"left": 0.0, "right": 0.0}
    for x, y in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)"',
                           last):
        if float(y) < 760:  # above the running footer
            side = "left" if float(x) < middle else "right"
            bottoms[side] = max(bottoms[side], float(y))
    assert bottoms["right"] > 0, "the last page uses one column only"
    assert abs(bottoms["left"] - bottoms["right"]) <= 2 * 13 + 1, bottoms


def test_a_photo_shrinks_to_end_a_column_rather_than_leave_a_gap():
    import io
    from concurrent.futures import Future

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas

    def figure():
        photo = flowables.Photo(Future(), 200, 150)
        photo.spaceAfter = 3
        caption = flowables.Para("Chú thích ảnh.", ParagraphStyle("c", leading=10))
        fig = flowables.FitFigure(photo, caption)
        fig.canv = Canvas(io.BytesIO())
        return fig

    parts = figure().split(200, 0.8 * 150 + 3 + 10 + 1)  # room for the photo at 80 %
    assert [type(p).__name__ for p in parts] == ["Photo", "Para"]
    assert parts[0].width == pytest.approx(160) and parts[0].hAlign == "CENTER"
    parts = figure().split(200, 0.3 * 150 + 14)  # 30 % would be a stamp: it moves on whole
    assert [p.width for p in parts if isinstance(p, flowables.Photo)] == [200]
