"""Bundled Noto fonts registered with ReportLab on first use, one TrueType file per face."""

from __future__ import annotations

from pipeline.fonts import FAMILIES, font_file, style_name

_registered: set[str] = set()


def face(family: str, bold: bool = False, italic: bool = False) -> str:
    """ReportLab font name of a bundled face (``NotoSerif-Bold``), registering it if new."""
    style = style_name(bold, italic)
    name = f"{FAMILIES[family]}-{style}"
    if name not in _registered:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont(name, str(font_file(family, style))))
        _registered.add(name)
    return name


def prepare_shaping(family: str) -> None:
    """Ready every face of a family for HarfBuzz shaping. ReportLab maps glyphs that have no
    character (Vietnamese alternates from the font's `locl` feature) through the face the
    run uses, and that face must have been opened for shaping first."""
    from reportlab.pdfbase import pdfmetrics

    for bold in (False, True):
        for italic in (False, True):
            pdfmetrics.getFont(face(family, bold, italic)).hbFont()
