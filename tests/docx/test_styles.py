"""The style contract: styles only in document.xml, styles mirroring the layout, vi-VN."""

from __future__ import annotations

import pytest
from tests.docx.helpers import ROOT, W

from pipeline.writers.docx.contract import STYLES
from pipeline.writers.docx.styles import rgb

NAMES = ["sample-newsletter", "sample-handout", "edge-newsletter", "edge-handout"]


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def styles_of(docx) -> dict[str, object]:
    """style id -> w:style element."""
    return {s.get(q("styleId")): s for s in docx.xml("word/styles.xml").iter(q("style"))}


def test_docs_describe_every_contract_style():
    text = (ROOT / "docs" / "styles.md").read_text(encoding="utf-8")
    for style in STYLES:
        assert f"| {style.name} |" in text, style.name


@pytest.mark.parametrize("name", NAMES)
def test_every_contract_style_is_defined_with_its_kind(built, name):
    styles = styles_of(built[name])
    for style in STYLES:
        element = styles[style.style_id]
        assert element.get(q("type")) == style.kind
        assert element.find(q("name")).get(q("val")) == style.word_name


@pytest.mark.parametrize("name", NAMES)
def test_no_direct_formatting_only_style_references(built, name):
    docx = built[name]
    defined = styles_of(docx)
    parts = [n for n in docx.parts if n == "word/document.xml"
             or n.startswith(("word/header", "word/footer"))]
    for part in parts:
        root = docx.xml(part)
        for rpr in root.iter(q("rPr")):
            assert [c.tag for c in rpr] == [q("rStyle")], part
            assert defined[rpr[0].get(q("val"))].get(q("type")) == "character"
        for ppr in root.iter(q("pPr")):
            tags = [c.tag for c in ppr]
            assert tags[0] == q("pStyle") and set(tags[1:]) <= {q("sectPr")}, part
            assert defined[ppr[0].get(q("val"))].get(q("type")) == "paragraph"
        for p in root.iter(q("p")):
            assert p.find(q("pPr")) is not None, "every paragraph names its style"
        # No formatting elements hide anywhere else either (tables, frames, shading...).
        for tag in ("tbl", "framePr", "shd", "highlight", "u", "b", "i", "sz", "color"):
            assert root.find(f".//{q(tag)}") is None, (part, tag)


def test_bold_italic_and_labels_are_character_styles(built):
    docx = built["edge-newsletter"]
    used = {}
    for r in docx.xml("word/document.xml").iter(q("r")):
        style = r.find(f"{q('rPr')}/{q('rStyle')}")
        text = "".join(t.text or "" for t in r.iter(q("t")))
        if style is not None:
            used.setdefault(style.get(q("val")), []).append(text)
    # Inside bold paragraph styles (Question, Lead, Pull Quote, Heading 1) the variants that
    # do not set bold again (tests/docx/test_toggles.py checks what each one shows).
    assert used["SpeakerInBold"] == ["P.V:", "P.V:"]
    assert used["Speaker"] == ["Ông <X>:"]
    assert used["Strong"] == ["đậm"]
    assert used["StrongInBold"] == ["chữ đậm", "thêm", "Đổi mới", "đậm"]
    assert used["Emphasis"] == ["nghiêng", "nghiêng", "nghiêng", "Kỷ cương"]
    assert used["StrongEmphasis"] == ["cả hai"]
    assert used["StrongEmphasisInBold"] == ["cả ba"]
    assert used["Credit"] == ["Ảnh: T.D & <co>"]


def _rpr(style, tag):
    return style.find(f"{q('rPr')}/{q(tag)}")


def _ppr(style, tag):
    return style.find(f"{q('pPr')}/{q(tag)}")


@pytest.mark.parametrize("name", ["sample-newsletter", "sample-handout"])
def test_styles_mirror_the_layout(built, name):
    docx = built[name]
    layout, styles = docx.layout, styles_of(docx)
    body = layout.style("Body Text")
    normal = styles["Normal"]
    assert _rpr(normal, "rFonts").get(q("ascii")) == body.family
    assert _rpr(normal, "sz").get(q("val")) == str(round(body.size * 2))
    assert _ppr(normal, "spacing").get(q("line")) == str(round(body.leading * 20))
    assert _ppr(styles["BodyText"], "jc").get(q("val")) == "both"
    title = layout.style("Title")
    assert _rpr(styles["Title"], "rFonts").get(q("ascii")) == title.family
    assert _rpr(styles["Title"], "sz").get(q("val")) == str(round(title.size * 2))
    assert _rpr(styles["Title"], "b") is not None
    question = layout.style("Question")
    colour = _rpr(styles["Question"], "color")  # absent: the same as the body text's
    assert (colour.get(q("val")) if colour is not None else rgb(body.color)) == \
        rgb(question.color)
    assert _ppr(styles["Question"], "spacing").get(q("before")) == \
        str(round(question.space_before * 20))
    assert _rpr(styles["Kicker"], "caps") is not None
    assert _rpr(styles["Credit"], "i") is not None
    assert styles["Answer"].find(q("basedOn")).get(q("val")) == "BodyText"


@pytest.mark.parametrize("name", ["sample-newsletter", "sample-handout"])
def test_questions_headings_and_photos_keep_with_next_widow_control_on(built, name):
    root = built[name].xml("word/styles.xml")
    styles = styles_of(built[name])
    for sid in ("Question", "Heading1", "Figure"):
        keep = _ppr(styles[sid], "keepNext")
        assert keep is not None and keep.get(q("val")) is None, sid
    assert root.find(f".//{q('pPrDefault')}//{q('widowControl')}") is not None
    assert root.find(f".//{q('widowControl')}[@{q('val')}='0']") is None


def test_cmyk_is_converted_for_screen():
    assert rgb((0, 0, 0, 1)) == "000000"
    assert rgb((0, 0, 0, 0)) == "FFFFFF"
    assert rgb((1, 0.72, 0, 0.18)) == "003BD1"


@pytest.mark.parametrize("name", NAMES)
def test_language_vi_vn_in_defaults_and_on_every_style(built, name):
    root = built[name].xml("word/styles.xml")
    default = root.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}/{q('lang')}")
    assert default.get(q("val")) == "vi-VN" and default.get(q("eastAsia")) == "vi-VN"
    for style in root.iter(q("style")):
        if style.get(q("styleId")) == "DefaultParagraphFont":
            continue
        lang = _rpr(style, "lang")
        assert lang is not None and lang.get(q("val")) == "vi-VN", style.get(q("styleId"))
    settings = built[name].xml("word/settings.xml")
    assert settings.find(q("themeFontLang")).get(q("val")) == "vi-VN"
