"""Two of ReportLab's line-breaking hot spots made cheaper, with the same results."""

from __future__ import annotations

_installed = False
_SAME = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")


def install_fast_paths() -> None:
    """Give ReportLab's paragraph module a memoising ``stringWidth`` (Vietnamese reuses a
    few thousand syllables) and a ``sameFrag`` that compares attribute values by identity
    first (the C version calls CMYKColor.__eq__ in Python for every word)."""
    global _installed
    if _installed:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import paragraph

    measure = pdfmetrics.stringWidth
    cache: dict[tuple, float] = {}

    def string_width(text, font_name, font_size, encoding="utf8"):
        key = (text, font_name, font_size)
        width = cache.get(key)
        if width is None:
            if len(cache) > 200_000:  # a long-running server: stay bounded
                cache.clear()
            width = cache[key] = measure(text, font_name, font_size, encoding)
        return width

    paragraph.stringWidth = string_width
    paragraph.sameFrag = same_frag
    _installed = True


def same_frag(f, g) -> bool:
    """ReportLab's sameFrag: two fragments print alike (font, size, colour, rise, lines,
    link, background, nobr) and neither carries a callback or a line break."""
    fd, gd = f.__dict__, g.__dict__
    if "cbDefn" in fd or "lineBreak" in fd or "cbDefn" in gd or "lineBreak" in gd:
        return False
    fget, gget = fd.get, gd.get
    for key in _SAME:
        a, b = fget(key), gget(key)
        if a is not b and a != b:
            return False
    return True
