"""Bounds on the text a source may hold, so that every accepted source can be laid out."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_TEXT_CHARS = 1_000_000  # all text of one source (about 170,000 words, 400 newsletter pages)
MAX_VALUE_CHARS = 100_000  # one text value (one answer: about 17,000 words, 40 pages)
MAX_HEADLINE_CHARS = 300  # title and kicker: they must fit across page 1 above the columns
MAX_MARKS = 8  # combining marks stacked on one letter (Vietnamese needs two at most)
HEADLINES = ("title", "kicker")


@lru_cache(maxsize=1)
def _stacked_marks() -> re.Pattern:
    from pipeline.fonts import _covered_set

    marks = sorted(ch for ch in _covered_set() if unicodedata.combining(ch))
    return re.compile("[%s]{%d,}" % ("".join(re.escape(ch) for ch in marks), MAX_MARKS + 1))


def stacked_marks(text: str) -> int | None:
    """Index in ``text`` of the first letter carrying more than MAX_MARKS combining marks."""
    if text.isascii():
        return None
    match = _stacked_marks().search(text)
    return None if match is None else max(match.start() - 1, 0)
