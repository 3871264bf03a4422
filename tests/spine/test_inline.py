"""Inline markup is **bold** and *italic* only; every other character is literal text."""

from __future__ import annotations

import unicodedata

from pipeline.inline import markup, paragraphs, parse
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
