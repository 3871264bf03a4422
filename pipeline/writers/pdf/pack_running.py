"""A pack's page furniture: the current item's title as running head, folios through the
pack, and the contents page numbers, all drawn at save when every page is known."""

from __future__ import annotations

from pipeline.writers.pdf.markup import render_text
from pipeline.writers.pdf.running import Running


class PackRunning(Running):
    """Running elements of a pack. No head or folio on the cover or on blank pages; on an
    item's first page (it has its own headline block) the folio only; elsewhere the head
    names the item the page belongs to (the pack's title on the contents pages and on the
    padding pages at the end, which are notes pages when the layout says so)."""

    def __init__(self, doc, layout, styles, geometry, plan, collection):
        super().__init__(doc, layout, styles, geometry)
        self.plan, self.collection = plan, collection

    def on_page(self, canv, tpl):
        return None  # the cover draws itself; a handout has no masthead band

    def draw(self, canv, page: int, pages: int, blank: bool) -> None:
        if page == pages and self.plan.back is not None:
            from pipeline.writers.pdf.pack_parts import draw_back_cover

            c = self.collection
            draw_back_cover(canv, self.styles, self.geo,
                            {"publication": c.publication, "issue": c.issue or ""},
                            c.back_cover, page)
            return
        L = self.layout
        notes = (blank or page == self.plan.back) and L.makeup.pad_with == "notes"
        if notes:  # padding after the last item (the back cover's page when not the last)
            from pipeline.writers.pdf.notes import draw_notes

            draw_notes(canv, L, self.geo, page)
        elif blank or page == 1 or page in self.plan.blank:
            return
        x, _, w, _ = self.geo.text_area(page)
        self._numbers(canv, page)
        index = self.plan.item_on(page)
        first_pages = set(self.plan.starts.values())
        head = None
        if index is None or notes:
            head = self.collection.title
        elif page not in first_pages:
            head = self.collection.items[index].title
        if head and L.header:
            style = L.styles["Header"]
            self._text(canv, _fit(head, style, w), style, x, w, self._header_base(),
                       style.align)
        if L.footer:
            fields = {**self.fields, "page": page, "pages": pages}
            text = render_text(L.footer.text, fields)
            if text:
                from pipeline.writers.pdf.styles import cmyk

                style = L.styles["Footer"]
                base = self._footer_base()
                canv.setStrokeColor(cmyk(L.colors.get("rule", (0, 0, 0, .3))))
                canv.setLineWidth(0.4)
                canv.line(x, base + style.leading, x + w, base + style.leading)
                self._text(canv, text, style, x, w, base, style.align)

    def _numbers(self, canv, page: int) -> None:
        """The contents page numbers on this page, right-aligned on the title's first line."""
        from pipeline.writers.pdf.pack_parts import draw_numbers
        from pipeline.writers.pdf.styles import cmyk

        style = self.styles["Heading 1"]
        draw_numbers(canv, self.plan, page, style.fontName, style.fontSize,
                     cmyk(self.layout.styles["Heading 1"].color))


def _fit(text: str, style, width: float) -> str:
    """``text`` cut at a word with an ellipsis so that it fits ``width`` at its size."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from pipeline.writers.pdf.fonts import face

    font = face(style.family, style.bold, style.italic)
    text = text.upper() if style.caps else text
    if stringWidth(text, font, style.size) <= width:
        return text
    words = text.split()
    while len(words) > 1 and stringWidth(" ".join(words) + " …", font, style.size) > width:
        words.pop()
    return " ".join(words) + " …"
