"""Inline markup is **bold** and *italic* only; every other character is literal text."""

from __future__ import annotations

import re
import time
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.inline import _merge, markup, paragraphs, parse
from pipeline.model import Span


def test_bold_and_italic():
    assert parse("**Thứ nhất:** Nắm vững *các* chỉ thị") == (
        Span("Thứ nhất:", bold=True), Span(" Nắm vững "), Span("các", italic=True),
        Span(" chỉ thị"))


def test_bold_italic_and_nesting():
    assert parse("***a*** **b *c* d**") == (
        Span("a", bold=True, italic=True), Span(" "), Span("b ", bold=True),
        Span("c", bold=True, italic=True), Span(" d", bold=True))


def test_markup_characters_stay_literal_when_unpaired_or_spaced():
    for text in ("5 * 3 * 2", "*", "** a **", "a**", "<b>&amp; # _x_ `y`"):
        assert parse(text) == (Span(text),)


def test_paragraphs_split_on_blank_lines_and_fold_single_newlines():
    assert paragraphs("một\nhai\n\n  ba  bốn \n\n\n") == ((Span("một hai"),), (Span("ba bốn"),))


def test_text_is_nfc():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Nam Đình")
    assert decomposed != "Nguyễn Nam Đình"
    assert paragraphs(decomposed) == ((Span("Nguyễn Nam Đình"),),)


def test_non_breaking_spaces_are_kept():
    assert parse("10\u00a0000 đồng") == (Span("10\u00a0000 đồng"),)


def test_markup_is_the_inverse_of_parse():
    text = "**Thứ nhất:** a *b* ***c*** d"
    assert parse(markup(parse(text))) == parse(text)


# The rule as one regular expression (what parse did before it was made linear): the
# specification the linear parser is checked against.
_EMPHASIS = re.compile(r"(?<!\*)(\*\*\*|\*\*|\*)(?=[^\s*])(.+?)(?<=[^\s*])\1(?!\*)", re.DOTALL)


def _by_regex(text: str, bold: bool = False, italic: bool = False) -> tuple:
    spans, pos = [], 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > pos:
            spans.append(Span(text[pos:match.start()], bold, italic))
        marker, inner = match.group(1), match.group(2)
        spans.extend(_by_regex(inner, bold or len(marker) >= 2, italic or len(marker) in (1, 3)))
        pos = match.end()
    if pos < len(text):
        spans.append(Span(text[pos:], bold, italic))
    return _merge(spans)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="**ab \u00a0\n\t\u2003", max_size=40))
def test_parse_follows_the_emphasis_rule(text):
    assert parse(text) == _by_regex(text)


def test_parse_time_grows_linearly_with_unclosed_markers():
    """"*a " x 8000 took 3.6 s (each opener searched to the end of the text for a closer)."""
    def seconds(n: int) -> float:  # the best of five: the machine may be busy
        text = "*a " * n
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            assert parse(text) == (Span(text),)
            best = min(best, time.perf_counter() - start)
            assert best < 1, f"{n} markers took {best:.2f} s"
        return best

    small, large = seconds(20_000), seconds(80_000)  # linear: 4 times; quadratic: 16
    assert large < 10 * small, f"20,000: {small:.3f} s, 80,000: {large:.3f} s"
