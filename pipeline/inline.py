"""Text values to paragraphs of spans: NFC, blank-line paragraphs, **bold** and *italic*."""

from __future__ import annotations

import re
import unicodedata

from pipeline.model import Paragraph, Span

_PARA_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SPACE = re.compile(r"[ \t\r\n]+")
# Emphasis opens before a non-space and closes after a non-space, as in Markdown, so that
# "5 * 3 * 2" or a lone "*" stays literal text. A marker is a whole run of one to three stars;
# it closes at the next run of the same length that follows a non-space.
_STARS = re.compile(r"\*+")


def normalize(text: str) -> str:
    """NFC, with runs of ordinary white space folded to one space (NBSP is kept)."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Split a text value on blank lines and parse each paragraph's inline markup."""
    text = unicodedata.normalize("NFC", text)
    parts = (normalize(part) for part in _PARA_BREAK.split(text.strip()))
    return tuple(parse(part) for part in parts if part)


def parse(text: str, bold: bool = False, italic: bool = False) -> Paragraph:
    """Inline markup of one paragraph; every other character is literal text. Linear in the
    length of the text: each run of stars is looked at once, whatever the markup."""
    runs = [(m.start(), m.end() - m.start()) for m in _STARS.finditer(text)]
    spans: list[Span] = []
    _emphasis(text, runs, _closers(text, runs), (0, len(text)), (0, len(runs)),
              bold, italic, spans)
    return _merge(spans)


def _closers(text: str, runs: list[tuple[int, int]]) -> list[int | None]:
    """For each run that can open emphasis, the index of the run that closes it (the next run
    of the same length after a non-space), else None."""
    out: list[int | None] = [None] * len(runs)
    latest: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        start, length = runs[i]
        end = start + length
        if length <= 3 and end < len(text) and not text[end].isspace():
            out[i] = latest.get(length)
        if start > 0 and not text[start - 1].isspace():
            latest[length] = i
    return out


def _emphasis(text: str, runs: list[tuple[int, int]], closers: list[int | None],
              chars: tuple[int, int], between: tuple[int, int], bold: bool, italic: bool,
              spans: list[Span]) -> None:
    """Spans of ``text[chars[0]:chars[1]]``, whose runs of stars are ``runs[between[0]:
    between[1]]``. Nesting is at most three deep: each level's marker has its own length."""
    pos, end = chars
    i, stop = between
    while i < stop:
        close = closers[i]
        if close is None or close >= stop:
            i += 1
            continue
        start, length = runs[i]
        if start > pos:
            spans.append(Span(text[pos:start], bold, italic))
        _emphasis(text, runs, closers, (start + length, runs[close][0]), (i + 1, close),
                  bold or length >= 2, italic or length in (1, 3), spans)
        pos = runs[close][0] + length
        i = close + 1
    if pos < end:
        spans.append(Span(text[pos:end], bold, italic))


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
