"""Word widths remembered per font and size: Vietnamese reuses a few thousand syllables."""

from __future__ import annotations

_installed = False


def install_width_cache() -> None:
    """Give ReportLab's line breaker a memoising ``stringWidth``. Same results (a pure
    function of text, font and size), without measuring each repeated syllable again."""
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
    _installed = True
