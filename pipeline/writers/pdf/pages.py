"""Page geometry, frames, the deferred running header/footer, crop marks and balancing."""

from __future__ import annotations

from contextlib import contextmanager

from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.frames import Frame

from pipeline.writers.pdf.geometry import MM, Geometry

MARK_GAP, MARK_LEN = 2 * MM, 6 * MM
REGISTRATION = CMYKColor(1, 1, 1, 1)


class PrintCanvas(Canvas):
    """Draws in trim coordinates, adds crop marks, and at save draws each page's running
    header/footer (which need the page count) as a form, after padding the page count.
    With ``overprint`` (PDF/X), text and rules in 100 % K overprint; nothing else does."""

    def __init__(self, *args, geometry: Geometry, runner, overprint: bool = False, **kw):
        from pipeline.writers.pdf.overprint import text_object_class

        self._geo, self._runner, self._overprinting = geometry, runner, overprint
        self._overprint = [False, False]  # (fill, stroke) overprint in force
        if overprint:
            self.beginText = self._overprint_text
            self.setFillColor, self.setStrokeColor = self._fill_op, self._stroke_op
            self.drawImage = self._image_op
        self._text_class = text_object_class()
        super().__init__(*args, **kw)
        add_page = self._doc.addPage

        def add_without_transition(page):  # ReportLab writes an empty /Trans on every page
            page.Trans = None
            add_page(page)

        self._doc.addPage = add_without_transition

    def _make_preamble(self):
        super()._make_preamble()
        self._form_preamble = self._preamble  # forms are placed in trim coordinates already
        off = self._geo.offset
        self._preamble += f" 1 0 0 1 {off:.4f} {off:.4f} cm"

    def endForm(self, **extra):
        page_preamble, self._preamble = self._preamble, self._form_preamble
        try:
            super().endForm(**extra)
        finally:
            self._preamble = page_preamble

    # -- overprint of pure black, set with every colour ----------------------------------
    def _overprint_text(self, x=0, y=0, direction=None):
        return self._text_class(self, x, y, direction=direction)

    def _fill_op(self, aColor, alpha=None):
        from pipeline.writers.pdf.overprint import is_black, operator

        Canvas.setFillColor(self, aColor, alpha)
        self._overprint[0] = is_black(aColor)
        self._code.append(operator(self._overprint))

    def _stroke_op(self, aColor, alpha=None):
        from pipeline.writers.pdf.overprint import is_black, operator

        Canvas.setStrokeColor(self, aColor, alpha)
        self._overprint[1] = is_black(aColor)
        self._code.append(operator(self._overprint))

    def _image_op(self, *args, **kw):
        from pipeline.writers.pdf.overprint import operator

        self._overprint[:] = [False, False]  # a photo knocks out what is under it
        self._code.append(operator(self._overprint))
        return Canvas.drawImage(self, *args, **kw)

    def saveState(self):
        super().saveState()
        self._overprint_stack = [*getattr(self, "_overprint_stack", []), list(self._overprint)]

    def restoreState(self):
        super().restoreState()
        if getattr(self, "_overprint_stack", None):
            self._overprint[:] = self._overprint_stack.pop()

    def _setExtGState(self, obj):
        from reportlab.pdfbase import pdfdoc

        from pipeline.writers.pdf.overprint import resources

        super()._setExtGState(obj)
        if not self._overprinting:
            return
        states = obj.ExtGState.dict if obj.ExtGState is not None else {}
        obj.ExtGState = pdfdoc.PDFDictionary({**states, **resources()})
        if isinstance(obj, pdfdoc.PDFFormXObject):  # ReportLab leaves ExtGState out of forms
            obj.__class__ = _form_with_states()

    def showPage(self):
        self.doForm(f"run{self._pageNumber}")
        if self._geo.marks:
            self._crop_marks()
        super().showPage()

    def _crop_marks(self):
        L, b = self._geo.layout, self._geo.layout.bleed
        self.saveState()
        self.setStrokeColor(REGISTRATION)
        self.setLineWidth(0.25)
        near, far = b + MARK_GAP, b + MARK_GAP + MARK_LEN
        for x in (0, L.width):
            for y, sign in ((0, -1), (L.height, 1)):
                self.line(x, y + sign * near, x, y + sign * far)
        for y in (0, L.height):
            for x, sign in ((0, -1), (L.width, 1)):
                self.line(x + sign * near, y, x + sign * far, y)
        self.restoreState()

    def save(self):
        pad = self._geo.layout.pad_pages_to
        shown = content = self._pageNumber - 1
        while shown % pad:
            shown += 1
            self.showPage()
        o = self._geo.offset
        for n in range(1, shown + 1):
            self.beginForm(f"run{n}", -o, -o, self._pagesize[0] - o, self._pagesize[1] - o)
            self._runner(self, n, shown, n > content)
            self.endForm()
        super().save()


def _form_with_states():
    from reportlab.pdfbase import pdfdoc

    class FormWithStates(pdfdoc.PDFFormXObject):
        def format(self, document):
            if not self.Resources:
                resources = pdfdoc.PDFResourceDictionary()
                resources.basicFonts()
                resources.ExtGState = self.ExtGState
                if self.XObjects:
                    resources.XObject = self.XObjects
                self.Resources = resources
            return super().format(document)

    return FormWithStates


def canvas_maker(doc, layout, geo: Geometry, runner, pdfx: bool, name: str):
    """A ReportLab canvasmaker: a PrintCanvas in CMYK, starting in the body face, with the
    boxes, running elements and metadata of PDF/A-2b (or PDF/X-4 with ``pdfx``)."""
    from pipeline.writers.pdf import standard
    from pipeline.writers.pdf.fonts import face

    initial = face(layout.styles["Body Text"].family)

    def make(*args, **kw):
        kw.update(geometry=geo, runner=runner, overprint=pdfx, enforceColorSpace="cmyk",
                  initialFontName=initial, initialFontSize=10, initialLeading=12,
                  trimBox=geo.box(0), bleedBox=geo.box(layout.bleed), lang=doc.language)
        canv = PrintCanvas(*args, **kw)
        standard.apply(canv, doc, name, standard.PDFX if pdfx else standard.PDFA)
        return canv

    return make


@contextmanager
def binary_streams():
    """ReportLab writes streams without ASCII85 (it costs time) while inside; the setting is
    process-wide, so it is restored as found."""
    from reportlab import rl_config

    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


class ColumnDoc(BaseDocTemplate):
    """Page 1: a head frame across the columns, then columns; later pages: columns. The page
    where the rest of the story fits gets shorter columns, so that they end level. ``short``:
    points by which a column (counted from 0 through the pages) ends higher (holes.py)."""

    def __init__(self, buf, geometry: Geometry, head_height: float, head_skip: float, decorate,
                 short: dict | None = None, **kw):
        self.geo, self.head_height, self.decorate = geometry, head_height, decorate
        self.short = short or {}
        self.head_skip = head_skip  # room kept above the head frame (the masthead band)
        from pipeline.writers.pdf.grid import grid_of

        self.grid = grid_of(geometry.layout)  # the columns' baseline grid (grid.py), or None
        self._story: list = []
        super().__init__(buf, pagesize=geometry.media, leftMargin=0, rightMargin=0,
                         topMargin=0, bottomMargin=0, **kw)
        self.addPageTemplates([self._template(1, None)])

    def build(self, flowables, canvasmaker):
        from pipeline.writers.pdf.floats import EndOfStory, Floats

        self._floats = Floats(self.geo.layout.styles["Body Text"].leading)
        flowables.append(EndOfStory())  # in place: what is laid out can be freed
        self._story = flowables
        super().build(flowables, canvasmaker=canvasmaker)

    # -- floating figures (floats.py): held back where they do not fit, placed first in
    # the next column
    def handle_flowable(self, flowables):
        if not self._floats.take(self, flowables):
            super().handle_flowable(flowables)

    def handle_frameBegin(self, resume=0, pageTopFlowables=None):
        super().handle_frameBegin(resume, pageTopFlowables)
        self._hanging.extend(self._floats.release(opening=True))

    def handle_frameEnd(self, resume=0):
        from pipeline.writers.pdf.floats import flush

        flush(self.canv)  # a figure opening the column is drawn in it at the latest
        super().handle_frameEnd(resume)

    def handle_pageEnd(self):
        from pipeline.writers.pdf.floats import flush

        flush(self.canv)  # (a page break ends the page without ending its frame)
        super().handle_pageEnd()

    def afterFlowable(self, flowable):
        from pipeline.writers.pdf.floats import drawn

        drawn(self.canv, flowable)

    def handle_pageBegin(self):
        n = self.page + 1
        self.pageTemplate = self._template(n, self._balanced_height(n))
        super().handle_pageBegin()

    def _template(self, n: int, balanced: float | None) -> PageTemplate:
        L = self.geo.layout
        x, y, w, h = self.geo.text_area(n)
        frames = []
        if n == 1 and self.head_height:
            frames.append(_frame("head", x, y + h - self.head_height, w,
                                 self.head_height - self.head_skip))
            h -= self.head_height
        cw = self.geo.column_width
        for i in range(L.columns):
            ch = h if balanced is None or i == L.columns - 1 else min(h, balanced)
            if balanced is None:
                ch -= self.short.get((n - 1) * L.columns + i, 0.0)
            frames.append(_frame(f"col{i}", x + i * (cw + L.gutter), y + h - ch, cw, ch,
                                 self.grid))
        return PageTemplate(id=f"p{n}", frames=frames, onPage=self.decorate,
                            pagesize=self.geo.media)

    def _balanced_height(self, n: int) -> float | None:
        """Column height that makes the rest of the story end level on page ``n``, or None
        when it does not fit there (balance.py); a photo held back opens the page."""
        from pipeline.writers.pdf.balance import balanced_height

        held = self._floats.held
        story = self._story if held is None else [held, *self._story]
        room = self.geo.text_area(n)[3] - (self.head_height if n == 1 else 0)
        return balanced_height(story, room, self.geo, self.canv, self.grid)


def _frame(fid, x, y, w, h, grid=None) -> Frame:
    pad = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=fid)
    if grid is not None:
        from pipeline.writers.pdf.grid import GridFrame

        return GridFrame(x, y, w, h, grid=grid, **pad)
    return Frame(x, y, w, h, **pad)
