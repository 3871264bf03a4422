"""XML text for WordprocessingML: escaping user text, runs and paragraphs by style id."""

from __future__ import annotations

import re

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
W_NS = f'xmlns:w="{NS["w"]}" xmlns:r="{NS["r"]}"'
ALL_NS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())

# Characters XML 1.0 cannot carry at all (the source contract refuses them; be safe anyway).
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile(r"(\t|\n)")


def esc(text: str) -> str:
    """User text as XML character data or attribute value, printed literally."""
    if _INVALID.search(text):
        text = _INVALID.sub("", text)
    # str.replace is several times faster than str.translate on non-ASCII text.
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def run(text: str, char_style: str | None = None) -> str:
    """One run of literal text; the only run property ever written is the style."""
    props = f'<w:rPr><w:rStyle w:val="{esc(char_style)}"/></w:rPr>' if char_style else ""
    parts = []
    for piece in _BREAKS.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece == "\n":
            parts.append("<w:br/>")
        elif piece:
            parts.append(f'<w:t xml:space="preserve">{esc(piece)}</w:t>')
    return f"<w:r>{props}{''.join(parts)}</w:r>" if parts else ""


def paragraph(style_id: str, content: str, sect_pr: str = "") -> str:
    """A paragraph that refers to its style and nothing else (a section break may end it)."""
    return (f'<w:p><w:pPr><w:pStyle w:val="{esc(style_id)}"/>{sect_pr}</w:pPr>'
            f"{content}</w:p>")
