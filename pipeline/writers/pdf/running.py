"""What repeats on pages: the newsletter's masthead band, running header and footer."""

from __future__ import annotations

from pipeline.writers.pdf.fonts import face
from pipeline.writers.pdf.markup import render_text
from pipeline.writers.pdf.styles import cmyk

class Running:
    """Draws page furniture; text templates are rendered over the source's fields."""

    def __init__(self, doc, layout, styles, geometry):
        self.doc, self.layout, self.styles, self.geo = doc, layout, styles, geometry
        self.fields = doc.fields()
        self.band, self.masthead_height = geometry.band, geometry.masthead_height

    # -- page 1 band, drawn when the page begins ------------------------------------------
    def on_page(self, canv, tpl):
        if tpl.page == 1 and self.band:
            self._masthead(canv)

    def _masthead(self, canv):
        L, mast, b = self.layout, self.layout.masthead, self.layout.bleed + 0.5
        canv.saveState()
        canv.setFillColor(cmyk(L.colors.get("accent", (1, .72, 0, .18))))
        canv.rect(-b, L.height - self.band, L.width + 2 * b, self.band + b, stroke=0, fill=1)
        x, _, w, _ = self.geo.text_area(1)
        base = L.height - self.band / 2
        title = L.styles["Masthead"]
        self._text(canv, render_text(str(mast.get("text", "")), self.fields), title,
                   x, w, base - title.size * 0.35, "left")
        info = L.styles["Masthead Info"]
        self._text(canv, render_text(str(mast.get("info", "")), self.fields), info,
                   x, w, base - info.size * 0.35, "right")
        canv.restoreState()

    # -- header and footer, drawn at save when the page count is known -----------------------
    def draw(self, canv, page: int, pages: int, blank: bool) -> None:
        """The header and footer of ``page``; a padding page (``blank``) is a notes page
        with them, or left blank, as the layout's ``makeup: pad_with`` says."""
        L = self.layout
        if blank:
            if L.makeup.pad_with != "notes":
                return
            from pipeline.writers.pdf.notes import draw_notes

            draw_notes(canv, L, self.geo, page)
        x, y, w, h = self.geo.text_area(page)
        fields = {**self.fields, "page": page, "pages": pages}
        for running, style_name, base in (
                (L.header, "Header", self._header_base()),
                (L.footer, "Footer", self._footer_base())):
            if not running or page < running.from_page:
                continue
            text = render_text(running.text, fields)
            if not text:
                continue
            style = L.styles[style_name]
            if style_name == "Footer":
                canv.setStrokeColor(cmyk(L.colors.get("rule", (0, 0, 0, .3))))
                canv.setLineWidth(0.4)
                canv.line(x, base + style.leading, x + w, base + style.leading)
            self._text(canv, text, style, x, w, base, style.align)

    def _header_base(self) -> float:
        """Midway in the top margin, but with the ascenders inside the safety margin."""
        L = self.layout
        ascent = _extent(L.styles["Header"])[0]
        return min(L.height - L.margin["top"] / 2, L.height - L.print.safety - ascent)

    def _footer_base(self) -> float:
        """Midway in the bottom margin, descenders inside the safety margin; its rule stays
        below the type area."""
        L = self.layout
        style = L.styles["Footer"]
        descent = -_extent(style)[1]
        return max(min(L.margin["bottom"] / 2, L.margin["bottom"] - style.leading - 2),
                   L.print.safety + descent)

    def _text(self, canv, text, style, x, w, base, align):
        """One line, shrunk to fit the width; drawString never parses markup."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        font = face(style.family, style.bold, style.italic)
        size = style.size
        if style.caps:
            text = text.upper()
        width = stringWidth(text, font, size)
        if width > w:
            size *= w / width
            width = w
        canv.setFont(font, size)
        canv.setFillColor(cmyk(style.color))
        if align == "right":
            canv.drawString(x + w - width, base, text)
        elif align == "center":
            canv.drawString(x + (w - width) / 2, base, text)
        else:
            canv.drawString(x, base, text)


def _extent(style) -> tuple[float, float]:
    """Ascent and descent (negative) of a style's face at its size, in points."""
    from reportlab.pdfbase.pdfmetrics import getAscentDescent

    return getAscentDescent(face(style.family, style.bold, style.italic), style.size)
