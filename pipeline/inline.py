"""Text values to paragraphs of spans: NFC, blank-line paragraphs, **bold** and *italic*."""

from __future__ import annotations

import re
import unicodedata

from pipeline.model import Paragraph, Span

_PARA_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SPACE = re.compile(r"[ \t\r\n]+")
# Emphasis opens before a non-space and closes after a non-space, as in Markdown, so that
# "5 * 3 * 2" or a lone "*" stays literal text.
_EMPHASIS = re.compile(
    r"(?<!\*)(\*\*\*|\*\*|\*)(?=[^\s*])(.+?)(?<=[^\s*])\1(?!\*)", re.DOTALL)


def normalize(text: str) -> str:
    """NFC, with runs of ordinary white space folded to one space (NBSP is kept)."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Split a text value on blank lines and parse each paragraph's inline markup."""
    text = unicodedata.normalize("NFC", text)
    parts = (normalize(part) for part in _PARA_BREAK.split(text.strip()))
    return tuple(parse(part) for part in parts if part)


def parse(text: str, bold: bool = False, italic: bool = False) -> Paragraph:
    """Inline markup of one paragraph; every other character is literal text."""
    spans: list[Span] = []
    pos = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > pos:
            spans.append(Span(text[pos:match.start()], bold, italic))
        marker, inner = match.group(1), match.group(2)
        spans.extend(parse(inner,
                           bold or len(marker) >= 2,
                           italic or len(marker) in (1, 3)))
        pos = match.end()
    if pos < len(text):
        spans.append(Span(text[pos:], bold, italic))
    return _merge(spans)


def _merge(spans: list[Span]) -> Paragraph:
    merged: list[Span] = []
    for span in spans:
        if merged and (merged[-1].bold, merged[-1].italic) == (span.bold, span.italic):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic)
        elif span.text:
            merged.append(span)
    return tuple(merged)


def markup(paragraph: Paragraph) -> str:
    """The inverse of :func:`parse`, for importers writing sources back."""
    out = []
    for span in paragraph:
        marker = "*" * ((2 if span.bold else 0) + (1 if span.italic else 0))
        out.append(f"{marker}{span.text}{marker}" if marker and span.text.strip() else span.text)
    return "".join(out)
