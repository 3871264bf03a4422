"""Padding pages the layout defines (``makeup: pad_with``): lined "Ghi chú" notes pages."""

from __future__ import annotations

from pipeline.writers.pdf.geometry import MM

NOTES_TITLE = "Ghi chú"
LINE_SPACING = 8 * MM  # a handwriting line
RULE_WIDTH = 0.5  # points: prints on office printers, light beside the text


def draw_notes(canv, layout, geo, page: int) -> None:
    """A notes page in the type area of ``page``: "Ghi chú" in the Heading 1 style, then
    writing lines in the rule colour every LINE_SPACING down to the foot of the type area.
    The running header and footer are drawn by the caller, as on any other page."""
    from reportlab.pdfbase.pdfmetrics import getAscentDescent

    from pipeline.writers.pdf.fonts import face
    from pipeline.writers.pdf.styles import cmyk

    x, y, w, h = geo.text_area(page)
    style = layout.styles["Heading 1"]
    font = face(style.family, style.bold, style.italic)
    ascent, _ = getAscentDescent(font, style.size)
    base = y + h - ascent
    canv.saveState()
    canv.setFont(font, style.size)
    canv.setFillColor(cmyk(style.color))
    canv.drawString(x, base, NOTES_TITLE.upper() if style.caps else NOTES_TITLE)
    canv.setStrokeColor(cmyk(layout.colors.get("rule", (0, 0, 0, .3))))
    canv.setLineWidth(RULE_WIDTH)
    rule = base - LINE_SPACING
    while rule >= y:
        canv.line(x, rule, x + w, rule)
        rule -= LINE_SPACING
    canv.restoreState()
