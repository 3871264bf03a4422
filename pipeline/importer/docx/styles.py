"""The style sheet read back: which contract style a style id stands for, and bold/italic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.importer.docx.package import w

if TYPE_CHECKING:  # the parts' elements: python-docx's oxml (lxml) ones
    from lxml.etree import _Element as Element

# Contract paragraph styles (docs/styles.md) by normalised name or id -> role.
PARAGRAPH_ROLES = {
    "title": "title", "kicker": "kicker", "lead": "lead", "question": "q", "answer": "a",
    "bodytext": "p", "textbody": "p", "caption": "caption", "pullquote": "quote",
    "heading1": "heading", "interviewee": "interviewee", "byline": "byline",
    "figure": "figure", "masthead": "masthead", "mastheadinfo": "masthead-info",
    "header": "header", "footer": "footer",
}
CHARACTER_ROLES = {"speaker": "speaker", "speakerinbold": "speaker", "credit": "credit"}
# The contract's variants for inside bold/italic paragraphs set less than they mean (Word
# toggles bold and italic, docs/styles.md): the markup each stands for, (bold, italic).
VARIANTS = {"stronginbold": (True, False), "strongemphasisinbold": (True, True),
            "emphasisinitalic": (False, True), "strongemphasisinitalic": (True, True),
            "strongemphasisinbolditalic": (True, True)}
_HEADING = re.compile(r"heading(\d)$")


def key(name: str | None) -> str:
    """A style name or id as the contract compares them: no case, no spaces."""
    return re.sub(r"[\s_-]+", "", name or "").lower()


def flag(props: Element | None, tag: str) -> bool | None:
    """A WordprocessingML on/off property (``<w:b/>``, ``<w:b w:val="0"/>``), or None."""
    if props is None:
        return None
    el = props.find(w(tag))
    if el is None:
        return None
    return el.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


@dataclass(frozen=True)
class Role:
    """What a paragraph style stands for; ``exact`` is False when only guessed."""

    role: str | None
    name: str
    exact: bool


class Styles:
    def __init__(self, root: Element | None):
        self.by_id: dict[str, Element] = {}
        for style in (root.iter(w("style")) if root is not None else ()):
            sid = style.get(w("styleId"))
            if sid and sid not in self.by_id:
                self.by_id[sid] = style

    def name(self, sid: str | None) -> str:
        style = self.by_id.get(sid or "")
        el = style.find(w("name")) if style is not None else None
        return (el.get(w("val")) if el is not None else None) or sid or "Normal"

    def _chain(self, sid: str | None):
        seen = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            style = self.by_id[sid]
            yield sid, style
            based = style.find(w("basedOn"))
            sid = based.get(w("val")) if based is not None else None

    def _known(self, sid: str, table: dict[str, str]) -> str | None:
        for candidate in (key(self.name(sid)), key(sid)):
            if candidate in table:
                return table[candidate]
        return None

    def paragraph(self, sid: str | None) -> Role:
        """The role of a paragraph style: exact for contract styles; for others, the role of
        the nearest contract style it is based on, or a numbered heading, else None."""
        name = self.name(sid)
        if sid is None:
            return Role(None, name, False)
        for i, (ancestor, _) in enumerate(self._chain(sid)):
            role = self._known(ancestor, PARAGRAPH_ROLES)
            if role:
                return Role(role, name, i == 0)
            heading = _HEADING.match(key(self.name(ancestor))) or _HEADING.match(key(ancestor))
            if heading:
                return Role("heading", name, False)
        if sid not in self.by_id:
            role = PARAGRAPH_ROLES.get(key(sid))
            return Role(role, name, False)
        return Role(None, name, False)

    def character(self, sid: str | None) -> str | None:
        """"speaker", "credit" or None for a character style id."""
        if not sid:
            return None
        for ancestor, _ in self._chain(sid):
            role = self._known(ancestor, CHARACTER_ROLES)
            if role:
                return role
        return CHARACTER_ROLES.get(key(sid))

    def flags(self, sid: str | None) -> tuple[bool | None, bool | None]:
        """(bold, italic) a style sets, nearest definition first; None when unset. For the
        contract's variants (and styles based on them), the markup they stand for."""
        bold = italic = None
        for ancestor, style in self._chain(sid):
            meant = self._known(ancestor, VARIANTS)
            if meant:
                return (meant[0] if bold is None else bold,
                        meant[1] if italic is None else italic)
            props = style.find(w("rPr"))
            if bold is None:
                bold = flag(props, "b")
            if italic is None:
                italic = flag(props, "i")
        return bold, italic
