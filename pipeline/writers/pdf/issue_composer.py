"""The issue's page make-up: headline blocks across the type area, bodies in columns below."""

from __future__ import annotations

import io

from reportlab.platypus.doctemplate import ActionFlowable, LayoutError
from reportlab.platypus.frames import Frame

from pipeline.writers.pdf.geometry import MM

ITEM_GAP = 7 * MM  # between the end of one item's columns and the next headline
MIN_SHARE = 1 / 3  # a later item starts on a new page when less than this of one is left
SPILL = 0.1  # an item whose last page would hold less than this of one is fitted a page less


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


class Composer:
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
                if self.grid is not None and depth > room - leading:  # a full page
                    depth = self._level_full(body, room)
                self._pour_columns(body, depth)
                self.top -= depth
                return
            body = self._pour_columns(body, room, [short.get(column + i, 0.0)
                                                   for i in range(L.columns)])
            column += L.columns
            self._new_page()

    def _level_full(self, body: list, room: float) -> float:
        """Where the rest of ``body`` fills the page, it fills the columns from the first,
        each ``room`` deep, rather than balanced a little higher (where a group that cannot
        be split would leave the first column lines short); the last column, if it would
        end a line or more above the others, gets a line more above a question or heading
        in it (balance.level_with_space), while that brings it level and the body still
        fits. The depth to pour: ``room``, or the balanced one when the body does not fit.
        On the baseline grid only (the space is whole lines)."""
        from pipeline.writers.pdf.balance import level_with_space

        L = self.layout
        spacings = level_with_space(body, room, L.columns, self.geo.column_width,
                                    L.styles["Body Text"].leading, self.scratch, self.grid)
        if self._fits(body, [room] * L.columns):
            return room
        for spacing in reversed(spacings):  # they pushed the body over: taken back
            spacing.undo()
        return self._balanced(body, room)

    def _filled(self, body: list) -> dict:
        """The body's columns that would end short filled as a document's are (holes.py),
        its first page being the room left on this one; the points by which each column,
        counted from the body's first, then ends higher. A body whose last page would hold
        less than SPILL of one is fitted a page shorter first, as a document is (fit.py:
        its photos smaller, its paragraphs tighter), rather than spill a few lines over
        the next page's headline."""
        from pipeline.writers.pdf.fit import MAX_PAGES, dry_run, fit_story
        from pipeline.writers.pdf.holes import fill_holes

        above = self._area()[3] - self._room()  # as a document's head on its page 1
        pages = dry_run(body, self.geo, above)
        if pages is not None and len(pages) > 1 and pages[-1] < SPILL:
            fit_story(body, self.geo, above, pad=False)  # photos smaller: a page less
        return fill_holes(body, self.geo, above, MAX_PAGES, head_space=False).ends

    def _balanced(self, body: list, room: float) -> float:
        """The least column depth (to half a point) at which the body fits in the columns,
        and no less than its tallest block that may not be split (a photo with its caption,
        one held over from the column before included; a pull quote; a question with the
        first lines of its answer: balance.unbreakable): a column that short would shrink
        the photo, or part the block."""
        from pipeline.writers.pdf.balance import unbreakable
        from pipeline.writers.pdf.floats import Opening
        from pipeline.writers.pdf.flowables import leaves

        cw = self.geo.column_width
        tops = [f.figure if isinstance(f, Opening) else f for f in body
                if not isinstance(f, ActionFlowable)]
        low = min(room, max([unbreakable(f, _stack_height(list(leaves([f])), cw, self.scratch))
                             for f in tops], default=0.0))
        if low and self._fits(body, [low] * self.layout.columns):
            return low
        high = room
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
        if isinstance(parts[0], _FrameBreak) and is_figure(f):
            break  # a photo moves on with its caption, whole, to the next column
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
