"""Print-ready PDF of a newsletter issue: one masthead, the first item as lead story with
"Trong số này" beside it, each later item's headline across the columns where the previous
item ends (a new page only when less than a third of one is left)."""

from __future__ import annotations

import io
from types import SimpleNamespace

from reportlab.platypus.doctemplate import ActionFlowable, LayoutError
from reportlab.platypus.frames import Frame

from pipeline.layouts import Layout
from pipeline.writers.pdf.geometry import MM

BOX_TITLE = "Trong số này"
ITEM_GAP = 7 * MM  # between the end of one item's columns and the next headline
MIN_SHARE = 1 / 3  # a later item starts on a new page when less than this of one is left


def render_issue_pdf(collection, layout: Layout, marks: bool = False, pdfx: bool = False,
                     plan=None) -> bytes:
    """The issue's PDF bytes, laid out page by page on the print canvas of a single
    newsletter (masthead, running footer, standard, boxes). ``plan`` (a pack_parts.Plan)
    is filled with the page each item starts on."""
    from pipeline.writers.pdf.geometry import Geometry
    from pipeline.writers.pdf.images import prefetch

    geo = Geometry(layout, marks)
    for doc in collection.items:
        prefetch(doc, geo)

    from reportlab.platypus.doctemplate import BaseDocTemplate

    from pipeline.writers.pdf import standard
    from pipeline.writers.pdf.metrics import install_fast_paths
    from pipeline.writers.pdf.pack_parts import Plan
    from pipeline.writers.pdf.pages import binary_streams, canvas_maker
    from pipeline.writers.pdf.styles import Styles

    install_fast_paths()
    styles = Styles(layout)
    issue_doc = collection.as_document()
    plan = Plan() if plan is None else plan
    running = _running(issue_doc, layout, styles, geo, plan)
    buf = io.BytesIO()
    meta = standard.info(issue_doc)
    tpl = BaseDocTemplate(buf, pagesize=geo.media, invariant=1, pageCompression=1,
                          lang=issue_doc.language, **meta)
    canvasmaker = canvas_maker(issue_doc, layout, geo, running.draw, pdfx,
                               f"issue-{layout.name}")
    with binary_streams():
        canv = tpl._makeCanvas(filename=buf, canvasmaker=canvasmaker)
        running.on_page(canv, SimpleNamespace(page=1))  # the masthead band
        _Composer(canv, geo, styles).compose(_items(collection, styles, geo, plan))
        canv.showPage()  # the last page, as the doc template ends it
        canv.save()
    return buf.getvalue()


def _running(doc, layout, styles, geo, plan):
    from pipeline.writers.pdf.pack_parts import draw_numbers
    from pipeline.writers.pdf.running import Running
    from pipeline.writers.pdf.styles import cmyk

    class IssueRunning(Running):
        """The newsletter's running elements over the issue's fields, and the page
        numbers of the "Trong số này" box, drawn when every page is known."""

        def draw(self, canv, page, pages, blank):
            super().draw(canv, page, pages, blank)
            style = styles["Caption"]
            draw_numbers(canv, plan, page, style.fontName, style.fontSize,
                         cmyk(layout.styles["Kicker"].color))

    return IssueRunning(doc, layout, styles, geo)


def _items(collection, styles, geo, plan) -> list[tuple[list, list]]:
    """(headline block, body) of each item; the lead story's body opens with the box."""
    from pipeline.writers.pdf.pack_parts import item_stories

    out = [([bookmark, *head], body)
           for bookmark, head, body in item_stories(collection, styles, geo, plan)]
    if len(collection.items) > 1:
        out[0][1].insert(0, _box(collection, styles, plan))
    return out


def _box(collection, styles, plan):
    """"Trong số này": the later items with the page each starts on."""
    from reportlab.platypus import KeepTogether

    from pipeline.writers.pdf.display import display_text
    from pipeline.writers.pdf.flowables import Rule
    from pipeline.writers.pdf.pack_parts import ContentsEntry
    from pipeline.writers.pdf.styles import cmyk

    color = cmyk(styles.layout.colors.get("accent", (1, .72, 0, .18)))
    parts = [Rule(color, 1.2, space_after=4), display_text(BOX_TITLE, styles["Kicker"], "Kicker")]
    for i, doc in enumerate(collection.items[1:], 1):
        parts.append(ContentsEntry(i, display_text(doc.title, styles["Caption"], "Caption"), None,
                                   plan))
    parts.append(Rule(color, 0.6, space_before=2, space_after=10))
    return KeepTogether(parts)


class _Scratch:
    """A canvas for trial layouts: it measures and draws nowhere."""

    _scratch = True

    def __init__(self, real):
        from reportlab.pdfgen.canvas import Canvas

        self.canvas = Canvas(io.BytesIO(), pagesize=real._pagesize,
                             initialFontName=real._fontname)
        self.canvas._scratch = True
        for name in ("drawImage", "bookmarkPage", "addOutlineEntry", "doForm"):
            setattr(self.canvas, name, lambda *a, **k: None)


class _Composer:
    """Pours the items into frames page by page: a headline block across the type area,
    then the body in balanced columns as deep as needed, the next headline below."""

    def __init__(self, canv, geo, styles):
        from pipeline.writers.pdf.grid import grid_of

        self.canv, self.geo, self.styles = canv, geo, styles
        self.layout = geo.layout
        self.grid = grid_of(geo.layout)  # the columns' baseline grid (grid.py), or None
        self.scratch = _Scratch(canv).canvas
        self.page = 1
        x, y, w, h = geo.text_area(1)
        self.top = y + h - geo.masthead_height  # where the free room on this page begins

    def compose(self, items) -> None:
        for i, (head, body) in enumerate(items):
            if i:
                self._headline(head)
            else:
                self._place_across(list(head))
            self._columns(list(body))

    # -- the room on the page -------------------------------------------------------
    def _area(self):
        return self.geo.text_area(self.page)

    def _room(self) -> float:
        return self.top - self._area()[1]

    def _new_page(self) -> None:
        self.canv.showPage()
        self.page += 1
        x, y, w, h = self._area()
        self.top = y + h

    # -- headline blocks ----------------------------------------------------------------
    def _headline(self, head: list) -> None:
        x, y, w, h = self._area()
        at_top = self.top >= y + h - 0.5
        needed = _stack_height(head, w, self.scratch) + ITEM_GAP
        if not at_top and (self._room() < h * MIN_SHARE or self._room() < needed):
            self._new_page()
        elif not at_top:
            self.top -= ITEM_GAP
        self._place_across(head)

    def _place_across(self, head: list) -> None:
        x, _, w, _ = self._area()
        height = _stack_height(head, w, self.scratch) + 2
        frame = _frame(x, self.top - height, w, height)
        left = _pour(frame, head, self.canv)
        if left:
            raise LayoutError("a headline block is taller than the free room on its page")
        self.top -= height

    # -- bodies in columns ----------------------------------------------------------------
    def _columns(self, body: list) -> None:
        L = self.layout
        leading = L.styles["Body Text"].leading
        if self._room() < 3 * leading:
            self._new_page()
        short, column = self._filled(body), 0
        while _content(body):
            room = self._room()
            heights = [room] * L.columns
            if self._fits(body, heights):
                depth = self._balanced(body, room)
                self._pour_columns(body, depth)
                self.top -= depth
                return
            body = self._pour_columns(body, room, [short.get(column + i, 0.0)
                                                   for i in range(L.columns)])
            column += L.columns
            self._new_page()

    def _filled(self, body: list) -> dict:
        """The body's columns that would end short filled as a document's are (holes.py),
        its first page being the room left on this one; the points by which each column,
        counted from the body's first, then ends higher."""
        from pipeline.writers.pdf.fit import MAX_PAGES
        from pipeline.writers.pdf.holes import fill_holes

        above = self._area()[3] - self._room()  # as a document's head on its page 1
        return fill_holes(body, self.geo, above, MAX_PAGES, head_space=False).ends

    def _balanced(self, body: list, room: float) -> float:
        """The least column depth (to half a point) at which the body fits in the columns."""
        low, high = 0.0, room
        while high - low > 0.5:
            middle = (low + high) / 2
            if self._fits(body, [middle] * self.layout.columns):
                high = middle
            else:
                low = middle
        return high

    def _fits(self, body: list, heights: list[float]) -> bool:
        rest = list(body)
        cw, leading = self.geo.column_width, self.layout.styles["Body Text"].leading
        for height in heights:
            rest = _pour(_frame(0, 0, cw, height, self.grid), rest, self.scratch, leading)
            if not _content(rest):
                return True
        return False

    def _pour_columns(self, body: list, depth: float, short: list | None = None) -> list:
        """Pours ``body`` into the columns ``depth`` deep from the top of the free room,
        each ending ``short`` points higher; what is left."""
        x = self._area()[0]
        cw, gutter = self.geo.column_width, self.layout.gutter
        leading = self.layout.styles["Body Text"].leading
        for i, less in enumerate(short or [0.0] * self.layout.columns):
            frame = _frame(x + i * (cw + gutter), self.top - depth + less, cw, depth - less,
                           self.grid)
            body = _pour(frame, body, self.canv, leading)
        return body


def _content(flowables: list) -> bool:
    return any(not isinstance(f, ActionFlowable) for f in flowables)


def _pour(frame: Frame, flowables: list, canv, leading: float | None = None) -> list:
    """Add flowables to ``frame`` (splitting as platypus does) until it is full or a frame
    break asks for the next one; returns what is left, split parts first. With the body
    ``leading``, figures float (floats.py): one held back opens what is left."""
    from reportlab.platypus.doctemplate import _FrameBreak

    from pipeline.writers.pdf.floats import LOOK, Floats, drawn, flush, is_figure

    items, floats = list(flowables), Floats(leading or 0.0)
    while items:
        if floats.wait(items):
            break
        f = items[0]
        if isinstance(f, _FrameBreak):
            items.pop(0)
            break
        if isinstance(f, ActionFlowable):
            items.pop(0)
            continue
        if frame.add(f, canv, trySplit=1):
            drawn(canv, items.pop(0))
            continue
        if leading and is_figure(f) and floats.hold_in(frame, f, items[1:1 + LOOK], canv):
            items.pop(0)
            continue
        parts = frame.split(f, canv)
        if not parts:
            if frame._atTop and not getattr(canv, "_scratch", False):
                raise LayoutError(f"{type(f).__name__} is too large for a column")
            break
        if isinstance(parts[0], ActionFlowable):
            items[0:1] = parts
            continue
        if not frame.add(parts[0], canv, trySplit=0):
            items[0:1] = parts
            break
        drawn(canv, parts[0])
        items[0:1] = parts[1:]
    flush(canv)
    return [*floats.release(opening=bool(leading)), *items]


def _frame(x, y, w, h, grid=None) -> Frame:
    """A frame without padding; on the baseline ``grid`` if one is given (a column)."""
    pad = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    if grid is not None:
        from pipeline.writers.pdf.grid import GridFrame

        return GridFrame(x, y, w, h, grid=grid, **pad)
    return Frame(x, y, w, h, **pad)


def _stack_height(flowables, width: float, canv) -> float:
    total, prev_after = 0.0, 0.0
    for i, f in enumerate(flowables):
        if isinstance(f, ActionFlowable):
            continue
        h = f.wrapOn(canv, width, 0x7FFFFFFF)[1]
        before = f.getSpaceBefore() if i else 0.0
        total += h + max(before, prev_after)
        prev_after = f.getSpaceAfter()
    return total + prev_after
