"""The bundled fonts: where they are, what they cover, and finding characters they lack."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
FAMILIES = {"Noto Serif": "NotoSerif", "Noto Sans": "NotoSans"}


def font_file(family: str, style: str = "Regular") -> Path:
    """Path of a bundled TrueType file, e.g. ``font_file("Noto Serif", "Bold")``."""
    try:
        stem = FAMILIES[family]
    except KeyError:
        raise ValueError(f"font family {family!r} is not bundled; "
                         f"bundled: {', '.join(FAMILIES)}") from None
    return FONT_DIR / f"{stem}-{style}.ttf"


def style_name(bold: bool, italic: bool) -> str:
    return ("Bold" if bold else "") + ("Italic" if italic else "") or "Regular"


@lru_cache(maxsize=1)
def _coverage() -> tuple[tuple[int, int], ...]:
    ranges = []
    for line in (FONT_DIR / "coverage.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            lo, hi = line.split("-")
            ranges.append((int(lo, 16), int(hi, 16)))
    return tuple(ranges)


@lru_cache(maxsize=1)
def _covered_set() -> frozenset[str]:
    return frozenset(chr(cp) for lo, hi in _coverage() for cp in range(lo, hi + 1)) | {"\n", "\t", "\r"}


def covered(char: str) -> bool:
    return char in _covered_set()


def missing_chars(text: str) -> list[tuple[int, str]]:
    """(index, char) of each character in ``text`` that no bundled font can draw."""
    if set(text) <= _covered_set():  # the common case, at C speed
        return []
    return [(i, ch) for i, ch in enumerate(text) if not covered(ch)]
