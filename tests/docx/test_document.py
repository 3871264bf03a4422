"""Document content: page and columns, running header/footer, figures, every block's text."""

from __future__ import annotations

import pytest

from pipeline.model import Figure, plain_text
from tests.docx.helpers import NS, W


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def sections(docx):
    return list(docx.xml("word/document.xml").iter(q("sectPr")))


def attr(el, name):
    return el.get(q(name))


def test_newsletter_is_a4_head_in_one_column_then_body_in_columns(built):
    docx = built["sample-newsletter"]
    first, body = sections(docx)
    for sect in (first, body):
        size = sect.find(q("pgSz"))
        assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")  # A4
    assert attr(first.find(q("cols")), "num") in (None, "1")
    assert attr(body.find(q("type")), "val") == "continuous"
    assert attr(body.find(q("cols")), "num") == str(docx.layout.columns) == "2"
    assert attr(body.find(q("cols")), "space") == str(round(docx.layout.gutter * 20))
    # The break closes the head: masthead, kicker, title before it; questions after.
    paragraphs = list(docx.xml("word/document.xml").iter(q("p")))
    styles = [p.find(f"{q('pPr')}/{q('pStyle')}").get(q("val")) for p in paragraphs]
    cut = next(i for i, p in enumerate(paragraphs) if p.find(f".//{q('sectPr')}") is not None)
    assert styles[:3] == ["Masthead", "MastheadInfo", "Kicker"] and "Title" in styles[:cut + 1]
    assert styles[cut + 1] == "Question" and "Question" not in styles[:cut + 1]


def test_handout_is_a5_one_column(built):
    (sect,) = sections(built["sample-handout"])
    size = sect.find(q("pgSz"))
    assert (attr(size, "w"), attr(size, "h")) == ("8391", "11906")  # A5
    assert attr(sect.find(q("cols")), "num") in (None, "1")
    assert "Masthead" not in built["sample-handout"].parts["word/document.xml"].decode()


@pytest.mark.parametrize("name", ["sample-newsletter", "sample-handout"])
def test_footer_has_page_and_numpages_fields(built, name):
    docx = built[name]
    footers = [n for n in docx.parts if n.startswith("word/footer")]
    texts = []
    for part in footers:
        root = docx.xml(part)
        instr = [f.get(q("instr")).split()[0] for f in root.iter(q("fldSimple"))]
        text = "".join(t.text or "" for t in root.iter(q("t")))
        texts.append((instr, text))
    assert (["PAGE", "NUMPAGES"], ) in [(i,) for i, _ in texts]
    full = next(t for i, t in texts if i)
    assert "Trang 1/1" in full  # the fields' cached results
    rels = docx.parts["word/_rels/document.xml.rels"].decode()
    for part in footers:
        assert part.removeprefix("word/") in rels


def test_newsletter_footer_starts_on_page_2_handout_header_is_the_event(built):
    first = sections(built["sample-newsletter"])[0]
    assert first.find(q("titlePg")) is not None
    handout = built["sample-handout"]
    assert sections(handout)[0].find(q("titlePg")) is not None  # the title page: no header
    headers = [handout.xml(n) for n in handout.parts if n.startswith("word/header")]
    assert sorted("".join(t.text for t in h.iter(q("t"))) for h in headers) == \
        ["", handout.doc.event]


def test_figures_inline_at_column_width_with_alt_text_and_caption(built):
    docx = built["edge-newsletter"]
    layout, doc = docx.layout, docx.doc
    figures = [b for b in doc.blocks if isinstance(b, Figure)]
    root = docx.xml("word/document.xml")
    inlines = list(root.iter(f"{{{NS['wp']}}}inline"))
    assert len(inlines) == len(figures)
    text_width = layout.width - layout.margin["inside"] - layout.margin["outside"]
    column = (text_width - (layout.columns - 1) * layout.gutter) / layout.columns
    for inline, figure in zip(inlines, figures):
        extent = inline.find(f"{{{NS['wp']}}}extent")
        # The page is in twips: the column is the layout's to within a point.
        assert int(extent.get("cx")) == pytest.approx(column * 12700, abs=12700)
        assert int(extent.get("cy")) == pytest.approx(int(extent.get("cx")) * figure.aspect,
                                                      abs=2)
        assert inline.find(f"{{{NS['wp']}}}docPr").get("descr") == figure.alt_text
        blip = inline.find(f".//{{{NS['a']}}}blip").get(f"{{{NS['r']}}}embed")
        assert blip in docx.parts["word/_rels/document.xml.rels"].decode()
        paragraph = inline.getparent().getparent().getparent()
        caption = paragraph.getnext()
        assert caption.find(f"{q('pPr')}/{q('pStyle')}").get(q("val")) == "Caption"
        text = "".join(t.text for t in caption.iter(q("t")))
        assert text.startswith(plain_text(figure.caption))
        if figure.credit:
            assert text.endswith(f"Ảnh: {figure.credit}")
    descr = [i.find(f"{{{NS['wp']}}}docPr").get("descr") for i in inlines]
    assert descr == ['Mô tả "ảnh" <alt> & co', "Không có alt."]
    media = [n for n in docx.parts if n.startswith("word/media/")]
    assert sorted(docx.parts[n] for n in media) == sorted(f.path.read_bytes() for f in figures)


def expected_texts(doc) -> list[str]:
    """Every paragraph of the source's text, in reading order."""
    out = [doc.kicker or "", *doc.texts()]
    if doc.byline:
        out.append(doc.byline)
    return [t for t in out if t]


@pytest.mark.parametrize("name", ["sample-newsletter", "sample-handout", "edge-newsletter",
                                  "edge-handout"])
def test_every_paragraph_of_the_source_in_order_printed_literally(built, name):
    docx = built[name]
    paragraphs = docx.paragraph_texts()
    position = 0
    for expected in expected_texts(docx.doc):
        found = next((i for i in range(position, len(paragraphs))
                      if paragraphs[i].startswith(expected)), None)
        assert found is not None, f"missing or out of order: {expected[:60]}"
        position = found + 1


def test_hostile_text_comes_out_literally(built):
    docx = built["edge-newsletter"]
    texts = docx.paragraph_texts()
    assert 'Tiêu đề <w:t>&amp; ]]> "x" & <b>' in texts
    assert "Kicker </w:t></w:r></w:p>" in texts
    assert "Đoạn hai & <xml/> &amp; &#x41;." in texts
    assert "Mục <h1> & đậm" in texts
    assert "— Nguyễn Văn <X>" in texts
    assert "Báo <Thử> & Co" in texts and "Số <1> · 04/03/2021" in texts
    header = [docx.xml(n) for n in docx.parts if n.startswith("word/footer")]
    assert any("Báo <Thử> & Co" in "".join(t.text or "" for t in h.iter(q("t")))
               for h in header)
