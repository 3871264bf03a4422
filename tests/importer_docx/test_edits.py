"""An editor's changes come back: new and changed text, bold and italic applied by hand, and
paragraphs without the pipeline's styles, mapped by best effort with a warning each."""

from __future__ import annotations

import zipfile
from pathlib import Path

import yaml

from pipeline.model import Figure, Paragraphs, Quote, Span, Turn
from pipeline.source import load_source
from tests.importer_docx.helpers import build_docx, import_to

LAST_Q = '<w:p><w:pPr><w:pStyle w:val="Question"/></w:pPr>'


def edited(src: Path, dst: Path, change) -> Path:
    """A copy of ``src`` whose document.xml is ``change(xml)``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    return dst


def para(text: str, style: str | None = None, props: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def number_at(xml: str, pos: int) -> int:
    return xml[:pos].count("<w:p>") + 1


def sample(built) -> Path:
    return built["sample-newsletter"][0]


def test_unstyled_paragraphs_are_mapped_with_a_warning_giving_their_number(built, tmp_path):
    numbers = {}

    def change(xml):
        pos = xml.rindex(LAST_Q)
        numbers["q"] = number_at(xml, pos)
        added = (para("Đồng chí đánh giá thế nào về công tác cán bộ?")
                 + para("Đồng chí Nguyễn Nam Đình: Công tác cán bộ là then chốt.", "Normal")
                 + para("Một đoạn với kiểu lạ.", "KieuLa") + "<w:p/>" * 2)
        return xml[:pos] + added + xml[pos:]

    docx = edited(sample(built), tmp_path / "e.docx", change)
    result = import_to(docx, tmp_path / "e.yaml")
    n = numbers["q"]
    assert [(w.line, w.severity, w.message) for w in result.warnings] == [
        (n, "warning", f"paragraph {n}: has style 'Normal', which is not one of the "
         "pipeline's; imported as a question (q)"),
        (n + 1, "warning", f"paragraph {n + 1}: has style 'Normal', which is not one of the "
         "pipeline's; imported as an answer (a)"),
        (n + 2, "warning", f"paragraph {n + 2}: has style 'KieuLa', which is not one of the "
         "pipeline's; imported as a paragraph (p)")]
    assert str(result.warnings[0]).startswith(f"{docx}:{n}:1: warning: paragraph {n}:")
    blocks = load_source(tmp_path / "e.yaml").blocks
    question, answer = blocks[-4], blocks[-3]
    assert (question.kind, question.speaker.key) == ("q", "pv")
    assert question.paragraphs[0][-1].text.endswith("công tác cán bộ?")
    assert (answer.kind, answer.speaker.key) == ("a", "dinh")
    assert [p[-1].text for p in answer.paragraphs] == [" Công tác cán bộ là then chốt.",
                                                       "Một đoạn với kiểu lạ."]


def test_bold_and_italic_applied_by_hand_become_markup(built, tmp_path):
    def change(xml):
        pos = xml.rindex(LAST_Q)
        added = ('<w:p><w:pPr><w:pStyle w:val="Answer"/></w:pPr>'
                 '<w:r><w:t xml:space="preserve">Xin </w:t></w:r>'
                 '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">chân thành </w:t></w:r>'
                 '<w:r><w:rPr><w:i w:val="1"/></w:rPr><w:t>cảm ơn</w:t></w:r>'
                 '<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve"> đồng chí!</w:t>'
                 "</w:r></w:p>")
        xml = xml[:pos] + added + xml[pos:]
        start = xml.index("Thưa đồng chí Bí thư")  # in the first question, bold by its style
        return xml[:start] + "</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>" + xml[start:]

    import_to(edited(sample(built), tmp_path / "e.docx", change), tmp_path / "e.yaml")
    data = yaml.safe_load((tmp_path / "e.yaml").read_text(encoding="utf-8"))
    assert data["body"][-3] == {"p": "Xin **chân thành** *cảm ơn* đồng chí!"}
    assert data["body"][0]["q"].startswith("Thưa đồng chí Bí thư")  # bold as its style is


def test_an_edited_caption_credit_and_alt_text_come_back(built, tmp_path):
    def change(xml):
        return (xml.replace('descr="Một góc thành phố Vinh."', 'descr="Đường phố có đèn."')
                .replace("Một góc thành phố Vinh.", "Thành phố Vinh về đêm.")
                .replace("Ảnh: T.D", "Ảnh: Thành Duy"))

    import_to(edited(sample(built), tmp_path / "e.docx", change), tmp_path / "e.yaml")
    figure = load_source(tmp_path / "e.yaml").blocks[-1]
    assert isinstance(figure, Figure)
    assert (figure.caption, figure.credit, figure.alt) == (
        (Span("Thành phố Vinh về đêm."),), "Thành Duy", "Đường phố có đèn.")


def test_a_photo_whose_caption_was_deleted_takes_its_alt_text(built, tmp_path):
    numbers = {}

    def change(xml):
        start = xml.index('<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr>')
        end = xml.index("</w:p>", start) + len("</w:p>")
        numbers["figure"] = number_at(xml, start) - 1
        return xml[:start] + xml[end:]

    result = import_to(edited(sample(built), tmp_path / "e.docx", change), tmp_path / "e.yaml")
    n = numbers["figure"]
    assert [str(w) for w in result.warnings] == [
        f"{tmp_path / 'e.docx'}:{n}:1: warning: paragraph {n}: a photo without a caption "
        "(Caption style) after it; its alt text is used"]
    figures = [b for b in load_source(tmp_path / "e.yaml").blocks if isinstance(b, Figure)]
    assert figures[0].caption[0].text.startswith("Ban Thường vụ Tỉnh ủy Nghệ An làm việc")


def test_a_new_pull_quote_and_a_table_paragraph(built, tmp_path):
    def change(xml):
        pos = xml.rindex(LAST_Q)
        table = f"<w:tbl><w:tr><w:tc>{para('Ô trong bảng.', 'Answer')}</w:tc></w:tr></w:tbl>"
        return xml[:pos] + para("“Kỷ cương”", "PullQuote") + table + xml[pos:]

    result = import_to(edited(sample(built), tmp_path / "e.docx", change), tmp_path / "e.yaml")
    assert [w.message.split(": ", 1)[1] for w in result.warnings] == [
        "is inside a table; its text is imported as running text"]
    blocks = load_source(tmp_path / "e.yaml").blocks
    assert isinstance(blocks[-4], Quote) and blocks[-4].speaker is None
    assert isinstance(blocks[-3], Paragraphs)
    assert blocks[-3].paragraphs == ((Span("Ô trong bảng."),),)
    assert isinstance(blocks[-2], Turn)


def test_a_draft_placeholder_becomes_a_todo_path_not_a_grey_photo(tmp_path):
    src = tmp_path / "src" / "draft.yaml"
    src.parent.mkdir()
    src.write_text("title: T\npublication: P\ndate: 2021-01-02\npeople:\n"
                   "  pv: {label: P.V, role: interviewer}\n  x: {label: X, role: interviewee}\n"
                   "body:\n  - q: Hỏi?\n  - figure: images/missing.jpg\n    caption: Ảnh thiếu.\n",
                   encoding="utf-8")
    docx = build_docx(src, tmp_path / "docx", draft=True)["handout"]
    result = import_to(docx, tmp_path / "out" / "back.yaml")
    text = (tmp_path / "out" / "back.yaml").read_text(encoding="utf-8")
    assert "  # TODO: put the photo at images/back-01.jpg\n  - figure: images/back-01.jpg\n" \
        in text
    assert any("the photo was a placeholder" in w.message for w in result.warnings)
    assert not (tmp_path / "out" / "images").exists()
    doc = load_source(tmp_path / "out" / "back.yaml", draft=True)
    assert doc.blocks[-1].pixels is None and doc.blocks[-1].caption == (Span("Ảnh thiếu."),)
