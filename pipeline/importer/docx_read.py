"""document.xml as numbered paragraphs of styled runs and pictures, in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from pipeline.importer.docx_package import R, w
from pipeline.importer.docx_styles import Role, Styles, flag

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
_DESCEND = {w(t) for t in ("hyperlink", "ins", "smartTag", "fldSimple", "sdt", "sdtContent",
                           "customXml", "moveTo", "bdo", "dir")}
_SKIP = {w(t) for t in ("pPr", "del", "moveFrom", "rPr")}


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

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def paragraphs(document: ET.Element, styles: Styles) -> list[Para]:
    body = document.find(w("body"))
    out: list[Para] = []
    if body is not None:
        _walk(body, styles, out, False)
    return out


def _walk(parent: ET.Element, styles: Styles, out: list[Para], in_table: bool) -> None:
    for child in parent:
        if child.tag == w("p"):
            out.append(_paragraph(child, styles, len(out) + 1, in_table))
        elif child.tag in (w("tbl"), w("tr"), w("tc")):
            _walk(child, styles, out, True)
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml")):
            _walk(child, styles, out, in_table)


def _paragraph(p: ET.Element, styles: Styles, number: int, in_table: bool) -> Para:
    ppr = p.find(w("pPr"))
    pstyle = ppr.find(w("pStyle")) if ppr is not None else None
    sid = pstyle.get(w("val")) if pstyle is not None else None
    para = Para(number, styles.paragraph(sid), in_table=in_table)
    para_bold, para_italic = styles.flags(sid)
    _runs(p, styles, para, bool(para_bold), bool(para_italic))
    merged: list[Run] = []
    for run in para.runs:
        if merged and merged[-1].same_style(run):
            merged[-1].text += run.text
        elif run.text:
            merged.append(run)
    para.runs = merged
    return para


def _runs(parent: ET.Element, styles: Styles, para: Para, pb: bool, pi: bool) -> None:
    for child in parent:
        if child.tag == w("r"):
            _run(child, styles, para, pb, pi)
        elif child.tag == f"{{{MC}}}AlternateContent":
            choice = next(iter(child), None)
            if choice is not None:
                _runs(choice, styles, para, pb, pi)
        elif child.tag in _DESCEND:
            _runs(child, styles, para, pb, pi)


def _run(r: ET.Element, styles: Styles, para: Para, pb: bool, pi: bool) -> None:
    rpr = r.find(w("rPr"))
    rstyle = rpr.find(w("rStyle")) if rpr is not None else None
    cs = rstyle.get(w("val")) if rstyle is not None else None
    role = styles.character(cs)
    sb, si = styles.flags(cs) if cs else (None, None)
    bold = _effective(flag(rpr, "b"), sb, pb)
    italic = _effective(flag(rpr, "i"), si, pi)
    text = []
    for child in r:
        tag = child.tag
        if tag == w("t"):
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


def _pictures(el: ET.Element) -> list[Picture]:
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

