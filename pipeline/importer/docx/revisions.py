"""Tracked changes still pending in a DOCX, and its comments, each with its paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.importer.docx.package import w
from pipeline.importer.docx.read import body_paragraphs
from pipeline.importer.docx.styles import Styles

if TYPE_CHECKING:  # the parts' elements: python-docx's oxml (lxml) ones
    from lxml.etree import _Element as Element

KINDS = {w("ins"): "insertion", w("del"): "deletion", w("moveFrom"): "move (from here)",
         w("moveTo"): "move (to here)"}
MARK_KINDS = {w("ins"): "paragraph break inserted", w("del"): "paragraph break deleted",
              w("moveFrom"): "paragraph break moved away", w("moveTo"): "paragraph break moved here"}
# Formatting changes of tables, sections and numbering: the importer reads none of them.
OTHER = {w(t): t for t in ("sectPrChange", "tblPrChange", "tblGridChange", "trPrChange",
                           "tcPrChange", "tblPrExChange", "numberingChange", "cellIns",
                           "cellDel", "cellMerge")}
ROLE_NAMES = {"q": "a question", "a": "an answer", "p": "a paragraph", "caption": "a caption",
              "quote": "a pull quote", "heading": "a heading", "title": "the title",
              "kicker": "the kicker", "lead": "the lead", "byline": "the byline",
              "interviewee": "the interviewee line", "masthead": "the masthead",
              "masthead-info": "the masthead line", "figure": "a photo paragraph"}
_DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d))?")


@dataclass(frozen=True)
class Change:
    """One tracked change not yet accepted or rejected."""

    paragraph: int
    kind: str
    author: str
    date: str  # "2026-12-01 23:51", or "" when the file gives none
    words: str
    where: str  # "an answer (“Trong nhiệm kỳ qua…”)"

    def describe(self) -> str:
        by = f" by {self.author}" if self.author else ""
        when = f" on {self.date}" if self.date else ""
        words = f" “{_short(self.words, 80)}”" if self.words.strip() else ""
        return f"paragraph {self.paragraph}, {self.where}: tracked {self.kind}{words}{by}{when}"


@dataclass(frozen=True)
class Comment:
    paragraph: int
    author: str
    date: str
    text: str
    anchor: str  # the words it is attached to

    def note(self) -> str:
        """The comment as a YAML comment's text (beside its block)."""
        who = ", ".join(x for x in (self.author, self.date) if x)
        on = f" on “{_short(self.anchor, 60)}”" if self.anchor.strip() else ""
        return f"comment ({who or 'no author'}){on}: {' '.join(self.text.split())}"


def readable_date(value: str | None) -> str:
    m = _DATE.match(value or "")
    if m is None or m[1] == "0000":
        return ""
    return f"{m[1]}-{m[2]}-{m[3]}" + (f" {m[4]}:{m[5]}" if m[4] else "")


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def _text(el: Element, deleted: bool = True) -> str:
    out = []
    for node in el.iter():
        if node.tag == w("t") or deleted and node.tag == w("delText"):
            out.append(node.text or "")
        elif node.tag in (w("tab"), w("br"), w("cr")):
            out.append(" ")
    return "".join(out)


def pending(document: Element, styles: Styles) -> list[Change]:
    """Every tracked change of the body, in reading order (empty ones, such as an insertion
    that holds no text, are left out: they change nothing the importer reads)."""
    out: list[Change] = []
    for number, (p, _) in enumerate(body_paragraphs(document), 1):
        ppr = p.find(w("pPr"))
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        role = styles.paragraph(pstyle.get(w("val")) if pstyle is not None else None).role
        text = _short(_text(p, deleted=False), 40)
        where = ROLE_NAMES.get(role or "", "a paragraph") + (f" (“{text}”)" if text else "")

        def add(kind: str, el: Element, words: str = "") -> None:
            out.append(Change(number, kind, el.get(w("author"), ""),
                              readable_date(el.get(w("date"))), words, where))

        mark = ppr.find(w("rPr")) if ppr is not None else None
        for el in (mark if mark is not None else ()):
            if el.tag in MARK_KINDS:
                add(MARK_KINDS[el.tag], el)
        for el in (ppr if ppr is not None else ()):
            if el.tag == w("pPrChange"):
                add("paragraph style change", el)
        _content(p, add)
    for el in document.iter():
        if el.tag in OTHER:
            out.append(Change(0, f"table or section formatting change ({OTHER[el.tag]})",
                              el.get(w("author"), ""), readable_date(el.get(w("date"))), "",
                              "outside the text"))
    return out


def _content(parent: Element, add) -> None:
    for child in parent:
        if child.tag in (w("pPr"), w("rPr")):
            continue
        if child.tag in KINDS:
            words = _text(child)
            if words.strip():
                add(KINDS[child.tag], child, words)
            continue
        if child.tag == w("r"):
            rpr = child.find(w("rPr"))
            change = rpr.find(w("rPrChange")) if rpr is not None else None
            if change is not None and _text(child).strip():
                add("formatting change", change, _text(child))
            continue
        _content(child, add)


def comments(document: Element, part: Element | None) -> list[Comment]:
    """The comments of word/comments.xml, each at the paragraph where its range starts (or
    its reference stands), with the words it covers."""
    if part is None:
        return []
    bodies = {c.get(w("id")): c for c in part.iter(w("comment"))}
    where: dict[str, int] = {}
    anchors: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    for number, (p, _) in enumerate(body_paragraphs(document), 1):
        for node in p.iter():
            cid = node.get(w("id"))
            if node.tag == w("commentRangeStart"):
                where.setdefault(cid, number)
                open_ids.add(cid)
            elif node.tag == w("commentRangeEnd"):
                open_ids.discard(cid)
            elif node.tag == w("commentReference"):
                where.setdefault(cid, number)
            elif node.tag == w("t"):
                for i in open_ids:
                    anchors.setdefault(i, []).append(node.text or "")
    out = []
    for cid, body in bodies.items():
        out.append(Comment(where.get(cid, 0), body.get(w("author"), ""),
                           readable_date(body.get(w("date"))),
                           "\n".join(_text(p) for p in body.iter(w("p"))) or _text(body),
                           "".join(anchors.get(cid, []))))
    return sorted(out, key=lambda c: c.paragraph)
