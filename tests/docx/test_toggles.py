"""Bold and italic as Word shows them (toggles, ECMA-376 17.7.3) and as LibreOffice does."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

import pytest
from lxml import etree

from pipeline.layouts import load_layout
from pipeline.model import Figure, Heading, Paragraphs, Quote, Turn
from pipeline.source import load_source
from pipeline.writers.docx import render_docx
from tests.docx.helpers import ROOT, SAMPLE, W
from tests.docx.test_reference import reference, rewrite

NAMES = ["sample-newsletter", "sample-handout", "edge-newsletter", "edge-handout"]
# What each inline role adds to its paragraph: (bold, italic); variants share the role.
WANTS = {"Speaker": (True, False), "Strong": (True, False), "Emphasis": (False, True),
         "Strong Emphasis": (True, True), "Credit": (False, True)}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _on(props, tag: str) -> bool | None:
    el = None if props is None else props.find(q(tag))
    if el is None:
        return None
    return el.get(q("val"), "true").lower() not in ("0", "false", "off")


class Sheet:
    """styles.xml: each style's value of a toggle property along its basedOn chain."""

    def __init__(self, root):
        self.by_id = {s.get(q("styleId")): s for s in root.iter(q("style"))}
        self.defaults = root.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}")

    def name(self, sid: str) -> str:
        return self.by_id[sid].find(q("name")).get(q("val"))

    def level(self, sid: str | None, tag: str) -> bool | None:
        """The value one level of the hierarchy (a paragraph or character style) specifies:
        the style's own, else inherited through basedOn (nearest first); None if unset."""
        seen = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            value = _on(self.by_id[sid].find(q("rPr")), tag)
            if value is not None:
                return value
            based = self.by_id[sid].find(q("basedOn"))
            sid = based.get(q("val")) if based is not None else None
        return None

    def word(self, pstyle, rstyle, direct, tag: str) -> bool:
        """ECMA-376 17.7.3: direct formatting is absolute; in styles, true toggles the value
        so far (document defaults, then the paragraph style, then the character style) and
        false leaves it unchanged."""
        if _on(direct, tag) is not None:
            return _on(direct, tag)
        value = bool(_on(self.defaults, tag))
        for level in (self.level(pstyle, tag), self.level(rstyle, tag)):
            if level:
                value = not value
        return value

    def libreoffice(self, pstyle, rstyle, direct, tag: str) -> bool:
        """No toggling: the nearest level that says anything wins."""
        for value in (_on(direct, tag), self.level(rstyle, tag), self.level(pstyle, tag),
                      _on(self.defaults, tag)):
            if value is not None:
                return value
        return False


def runs(data: bytes):
    """(paragraph style, character style name or None, text, Word's (b, i), LibreOffice's
    (b, i), the paragraph's own (b, i)) for each text run of the body."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = Sheet(etree.fromstring(z.read("word/styles.xml")))
        document = etree.fromstring(z.read("word/document.xml"))
    for p in document.iter(q("p")):
        pstyle = p.find(f"{q('pPr')}/{q('pStyle')}").get(q("val"))
        for r in p.iter(q("r")):
            text = "".join(t.text or "" for t in r.iter(q("t")))
            if not text.strip():
                continue
            rpr = r.find(q("rPr"))
            rs = rpr.find(q("rStyle")) if rpr is not None else None
            rstyle = rs.get(q("val")) if rs is not None else None
            yield (sheet.name(pstyle), sheet.name(rstyle) if rstyle else None, text,
                   tuple(sheet.word(pstyle, rstyle, rpr, t) for t in "bi"),
                   tuple(sheet.libreoffice(pstyle, rstyle, rpr, t) for t in "bi"),
                   tuple(sheet.word(pstyle, None, None, t) for t in "bi"))


def check(data: bytes) -> Counter:
    """Every labelled or marked-up run shows what its markup asks for on top of its
    paragraph, in Word and in LibreOffice alike; plain runs show just the paragraph. Returns
    the (text, bold, italic) of the marked-up runs."""
    marked = Counter()
    for pstyle, cstyle, text, word, lo, para in runs(data):
        role = cstyle.partition(" in ")[0] if cstyle else None
        add = WANTS[role] if role else (False, False)
        want = (para[0] or add[0], para[1] or add[1])
        assert word == want, (pstyle, cstyle, text, "Word")
        assert lo == want, (pstyle, cstyle, text, "LibreOffice")
        if role and role not in ("Speaker", "Credit"):
            marked[text, *add] += 1
        if role == "Speaker" or role == "Strong" and pstyle != "Question":
            assert word[0], text
        if not role and not para[0]:
            assert not word[0], (pstyle, text)
    return marked


def source_markup(doc) -> Counter:
    """(text, bold, italic) of every **bold**/*italic* span of the source."""
    paras = list(doc.lead)
    for block in doc.blocks:
        if isinstance(block, (Turn, Paragraphs, Quote)):
            paras += block.paragraphs
        elif isinstance(block, Heading):
            paras.append(block.text)
        elif isinstance(block, Figure):
            paras.append(block.caption)
    return Counter((s.text, s.bold, s.italic) for p in paras for s in p
                   if (s.bold or s.italic) and not s.speaker)


@pytest.mark.parametrize("name", NAMES)
def test_labels_bold_and_italic_show_under_toggle_rules_and_in_libreoffice(built, name):
    docx = built[name]
    assert check(docx.data) == source_markup(docx.doc)


def test_the_rule_itself_a_bold_style_in_a_bold_paragraph_shows_regular(built):
    """The failure this guards against: the plain Strong style inside a Question."""
    docx = built["edge-newsletter"]
    sheet = Sheet(docx.xml("word/styles.xml"))
    assert sheet.word("Question", "Strong", None, "b") is False
    assert sheet.libreoffice("Question", "Strong", None, "b") is True
    assert sheet.word("Question", "StrongInBold", None, "b") is True
    assert sheet.word("Answer", "Strong", None, "b") is True


def _layout(tmp_path, changes: dict[str, str]):
    text = (ROOT / "templates" / "newsletter.yaml").read_text(encoding="utf-8")
    for style, extra in changes.items():
        line = re.search(rf"^  {style}: {{.*$", text, flags=re.M).group(0)
        new = line
        for key in re.findall(r"(\w+):", extra):
            new = re.sub(rf"{key}: [^,}}]+, ", "", new)
        text = text.replace(line, new.replace("{", "{" + extra + ", ", 1))
    path = tmp_path / "italics.yaml"
    path.write_text(text.replace("name: newsletter", "name: italics"), encoding="utf-8")
    return load_layout(path)


def test_italic_and_bold_italic_paragraph_styles_get_their_variants(built, tmp_path):
    """A layout with an italic pull quote, a bold italic heading, an italic caption and
    italic answers: every variant is used and everything still shows right."""
    layout = _layout(tmp_path, {"Pull Quote": "italic: true, bold: false",
                                "Heading 1": "italic: true", "Caption": "italic: true",
                                "Answer": "italic: true"})
    edge = built["edge-newsletter"]
    data = render_docx(edge.doc, layout)
    assert check(data) == source_markup(edge.doc)
    used = {c for _, c, *_ in runs(data)}
    assert {"Emphasis in Italic", "Strong Emphasis in Italic", "Strong in Bold",
            "Strong Emphasis in Bold", "Speaker in Bold", "Speaker", "Credit"} <= used


def test_a_restyled_reference_decides_which_variant_is_used(tmp_path):
    """A reference whose Question is no longer bold gets the plain Speaker and Strong there."""
    ref = reference(tmp_path)
    plain = rewrite(ref, tmp_path / "plain-q.docx", "word/styles.xml", lambda d: re.sub(
        rb'(w:styleId="Question">.*?)<w:b/><w:bCs/>', rb"\1", d, count=1, flags=re.S))
    doc = load_source(SAMPLE)
    layout = load_layout(ROOT / "templates" / "newsletter.yaml")
    data = render_docx(doc, layout, plain)
    check(data)
    assert ("Question", "Speaker") in {(p, c) for p, c, *_ in runs(data)}
    assert ("Question", "Speaker in Bold") not in {(p, c) for p, c, *_ in runs(data)}


def test_a_reference_made_before_the_variants_still_builds(tmp_path):
    """Its "… in Bold"/"… in Italic" styles missing, their roles' styles stand in (Word then
    toggles as before); regenerating the reference brings them."""
    ref = reference(tmp_path)
    old = rewrite(ref, tmp_path / "old.docx", "word/styles.xml", lambda d: re.sub(
        rb'<w:style [^>]*w:styleId="\w+In(Bold|Italic)\w*">.*?</w:style>', b"", d, flags=re.S))
    assert b"InBold" not in zipfile.ZipFile(old).read("word/styles.xml")
    doc = load_source(SAMPLE)
    data = render_docx(doc, load_layout(ROOT / "templates" / "newsletter.yaml"), old)
    assert ("Question", "Speaker") in {(p, c) for p, c, *_ in runs(data)}
