"""document.xml as numbered paragraphs of styled runs and pictures, in reading order, with its
tracked changes taken (the default) or undone (``reject``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline.importer.docx.package import R, w
from pipeline.importer.docx.styles import Role, Styles, flag

if TYPE_CHECKING:  # the parts' elements: python-docx's oxml (lxml) ones
    from lxml.etree import _Element as Element

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
_CONTAINERS = {w(t) for t in ("hyperlink", "smartTag", "fldSimple", "sdt", "sdtContent",
                              "customXml", "bdo", "dir")}
ADDED = (w("ins"), w("moveTo"))  # tracked: text that accepting keeps, rejecting drops
REMOVED = (w("del"), w("moveFrom"))  # tracked: text that accepting drops, rejecting keeps
_DESCEND = {False: _CONTAINERS | set(ADDED), True: _CONTAINERS | set(REMOVED)}


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    speaker: bool = False
    credit: bool = False

    def same_style(self, other: Run) -> bool:
        return (self.bold, self.italic, self.speaker, self.credit) == (
            other.bold, other.italic, other.speaker, other.credit)


@dataclass
class Picture:
    rid: str
    descr: str


@dataclass
class Para:
    number: int  # 1-based, counting every paragraph of the body
    style: Role
    runs: list[Run] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    in_table: bool = False
    joins_next: bool = False  # its paragraph mark is gone once the changes are taken


    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def paragraphs(document: Element, styles: Styles, reject: bool = False) -> list[Para]:
    """The body's paragraphs with tracked changes accepted, or rejected (``reject``); a
    paragraph whose mark the changes remove is joined to the next, as Word does."""
    out = [_paragraph(p, styles, n, in_table, reject)
           for n, (p, in_table) in enumerate(body_paragraphs(document), 1)]
    joined: list[Para] = []
    carry: Para | None = None
    for para in out:
        if carry is not None:
            para.number, para.runs = carry.number, carry.runs + para.runs
            para.pictures = carry.pictures + para.pictures
        carry = para if para.joins_next else None
        if carry is None:
            joined.append(para)
    if carry is not None:
        joined.append(carry)
    return joined


def body_paragraphs(document: Element):
    """(w:p, inside a table) of the body in reading order: the paragraphs numbered 1, 2, …"""
    body = document.find(w("body"))
    if body is not None:
        yield from _walk(body, False)


def _walk(parent: Element, in_table: bool):
    for child in parent:
        if child.tag == w("p"):
            yield child, in_table
        elif child.tag in (w("tbl"), w("tr"), w("tc")):
            yield from _walk(child, True)
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml")):
            yield from _walk(child, in_table)


def old_properties(props: Element | None, change: str) -> Element | None:
    """The properties before a tracked formatting change (``rPrChange``, ``pPrChange``), or
    ``props`` itself when it records none."""
    from lxml import etree

    if props is None:
        return None
    changed = props.find(w(change))
    if changed is None:
        return props
    old = changed.find(w(change[:3]))
    return old if old is not None else etree.Element(w(change[:3]))


def mark_removed(ppr: Element | None, reject: bool) -> bool:
    """Whether taking (or undoing) the tracked changes removes the paragraph's mark."""
    mark = ppr.find(w("rPr")) if ppr is not None else None
    gone = ADDED if reject else REMOVED
    return mark is not None and any(child.tag in gone for child in mark)


def _paragraph(p: Element, styles: Styles, number: int, in_table: bool,
               reject: bool) -> Para:
    ppr = p.find(w("pPr"))
    style_props = old_properties(ppr, "pPrChange") if reject else ppr
    pstyle = style_props.find(w("pStyle")) if style_props is not None else None
    sid = pstyle.get(w("val")) if pstyle is not None else None
    para = Para(number, styles.paragraph(sid), in_table=in_table,
                joins_next=mark_removed(ppr, reject))
    para_bold, para_italic = styles.flags(sid)
    _runs(p, styles, para, bool(para_bold), bool(para_italic), reject)
    merged: list[Run] = []
    for run in para.runs:
        if merged and merged[-1].same_style(run):
            merged[-1].text += run.text
        elif run.text:
            merged.append(run)
    para.runs = merged
    return para


def _runs(parent: Element, styles: Styles, para: Para, pb: bool, pi: bool,
          reject: bool) -> None:
    for child in parent:
        if child.tag == w("r"):
            _run(child, styles, para, pb, pi, reject)
        elif child.tag == f"{{{MC}}}AlternateContent":
            choice = next(iter(child), None)
            if choice is not None:
                _runs(choice, styles, para, pb, pi, reject)
        elif child.tag in _DESCEND[reject]:
            _runs(child, styles, para, pb, pi, reject)


def _run(r: Element, styles: Styles, para: Para, pb: bool, pi: bool, reject: bool) -> None:
    rpr = r.find(w("rPr"))
    if reject:
        rpr = old_properties(rpr, "rPrChange")
    rstyle = rpr.find(w("rStyle")) if rpr is not None else None
    cs = rstyle.get(w("val")) if rstyle is not None else None
    role = styles.character(cs)
    sb, si = styles.flags(cs) if cs else (None, None)
    bold = _effective(flag(rpr, "b"), sb, pb)
    italic = _effective(flag(rpr, "i"), si, pi)
    text = []
    for child in r:
        tag = child.tag
        if tag in (w("t"), w("delText")):  # delText: only read inside a rejected deletion
            text.append(child.text or "")
        elif tag in (w("tab"), w("br"), w("cr")):
            text.append(" ")
        elif tag == w("noBreakHyphen"):
            text.append("-")
        elif tag in (w("drawing"), w("pict")):
            para.pictures.extend(_pictures(child))
        elif tag == f"{{{MC}}}AlternateContent" and len(child):
            para.pictures.extend(_pictures(child[0]))  # mc:Choice; mc:Fallback repeats it
    para.runs.append(Run("".join(text), bold and role is None, italic and role is None,
                         role == "speaker", role == "credit"))


def _effective(direct: bool | None, style: bool | None, paragraph: bool) -> bool:
    """Bold (or italic) as markup: a character style's value, else direct formatting, except
    direct formatting that only repeats the paragraph style's (as LibreOffice writes it)."""
    if direct is None:
        return bool(style)
    if direct and not style and paragraph:
        return False
    return direct


def _pictures(el: Element) -> list[Picture]:
    out = []
    for inline in el.iter():
        if inline.tag not in (f"{{{WP}}}inline", f"{{{WP}}}anchor", f"{{{V}}}shape"):
            continue
        doc_pr = inline.find(f"{{{WP}}}docPr")
        descr = (doc_pr.get("descr") or "") if doc_pr is not None else ""
        for blip in inline.iter():
            rid = None
            if blip.tag == f"{{{A}}}blip":
                rid = blip.get(f"{{{R}}}embed")
            elif blip.tag == f"{{{V}}}imagedata":
                rid = blip.get(f"{{{R}}}id")
            if rid:
                out.append(Picture(rid, descr))
                break
    return out

