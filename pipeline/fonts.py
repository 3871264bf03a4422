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


def covered(char: str) -> bool:
    cp = ord(char)
    return char in "\n\t" or any(lo <= cp <= hi for lo, hi in _coverage())


def missing_chars(text: str) -> list[tuple[int, str]]:
    """(index, char) of each character in ``text`` that no bundled font can draw."""
    # Fast path: nearly all text is in the first ranges; check only unusual characters.
    return [(i, ch) for i, ch in enumerate(text) if ord(ch) > 0x7E and not covered(ch)
            or ord(ch) < 0x20 and ch not in "\n\t"]
