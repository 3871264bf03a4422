"""Character repairs on raw article text (zero-width and odd spaces, Ð, controls, NFC), each reported."""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from pipeline.errors import Diagnostic

_ZERO_WIDTH = {
    "\u200b": "zero-width space (U+200B)", "\u200c": "zero-width non-joiner (U+200C)",
    "\u200d": "zero-width joiner (U+200D)", "\u2060": "word joiner (U+2060)",
    "\ufeff": "zero-width no-break space (U+FEFF)", "\u00ad": "soft hyphen (U+00AD)",
}
_SPACES = {"\u00a0": "non-breaking space (U+00A0)", "\u202f": "narrow no-break space (U+202F)",
           "\u3000": "ideographic space (U+3000)", "\u205f": "medium mathematical space (U+205F)"}
_SPACES.update({chr(c): f"space U+{c:04X}" for c in range(0x2000, 0x200B)})
_LETTERS = {"\u00d0": ("Đ", "'Ð' (U+00D0, Icelandic eth) replaced by 'Đ' (U+0110)"),
            "\u00f0": ("đ", "'ð' (U+00F0, Icelandic eth) replaced by 'đ' (U+0111)")}
_BREAKS = {"\u2028": "line separator (U+2028)", "\u2029": "paragraph separator (U+2029)",
           "\u0085": "next-line control (U+0085)"}
_SENTENCE_END = ".?!…\"”»)"


def _restores_break(line: str, i: int) -> bool:
    """A zero-width character glued between a finished sentence and the next one, where a
    paragraph break was lost (as scraped pages often show)."""
    before = line[:i].rstrip(" \u00a0")
    after = line[i + 1:].lstrip(" \u00a0" + "".join(_ZERO_WIDTH))
    if not before or not after or not (after[0].isupper() or after[0] in "“\"("):
        return False
    # "…hoài cổ.<ZW>Qua" or, glued without any space, "…Ảnh: Mai Vinh<ZW>Nhà thiết kế"
    return before[-1] in _SENTENCE_END or (
        line[i] == "\u200b" and line[i - 1].isalnum() and line[i + 1].isupper() and not line[i - 1].isupper())


def clean(text: str, source_name: str) -> tuple[list[tuple[int, str]], list[Diagnostic]]:
    """Lines of the repaired text as (input line number, text); one input line may give
    several when a lost paragraph break is restored. Blank lines are kept as ""."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[tuple[int, str]] = []
    warnings: list[Diagnostic] = []
    for lineno, line in enumerate(text.split("\n"), 1):
        found: dict[str, list[int]] = defaultdict(list)
        pieces: list[str] = []
        buf: list[str] = []
        for i, ch in enumerate(line):
            if ch in _ZERO_WIDTH:
                if _restores_break(line, i):
                    found["paragraph break restored at a " + _ZERO_WIDTH[ch]].append(i)
                    pieces.append("".join(buf))
                    buf = []
                else:  # U+200B marks a word boundary: it never glues two words together
                    found[_ZERO_WIDTH[ch] + " removed"].append(i)
                    if ch == "\u200b":
                        buf.append(" ")
            elif ch in _SPACES:
                found[_SPACES[ch] + " replaced by a space"].append(i)
                buf.append(" ")
            elif ch in _LETTERS:
                found[_LETTERS[ch][1]].append(i)
                buf.append(_LETTERS[ch][0])
            elif ch in _BREAKS:
                found[_BREAKS[ch] + " treated as a paragraph break"].append(i)
                pieces.append("".join(buf))
                buf = []
            elif ch == "\t":
                buf.append(" ")
            elif unicodedata.category(ch) in ("Cc", "Cs", "Co") or ch in "\ufffe\uffff":
                found[f"control or private character U+{ord(ch):04X} replaced by a space"].append(i)
                buf.append(" ")
            else:
                buf.append(ch)
        pieces.append("".join(buf))
        for part in pieces:
            nfc = unicodedata.normalize("NFC", part)
            if nfc != part:
                found["decomposed accents composed (Unicode NFC)"].append(0)
            out.append((lineno, " ".join(nfc.split())))
        for message, cols in found.items():
            count = f" ({len(cols)} times)" if len(cols) > 1 else ""
            warnings.append(Diagnostic(source_name, lineno, cols[0] + 1, message + count,
                                       severity="warning"))
    return out, warnings
