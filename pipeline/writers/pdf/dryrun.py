"""Dry runs of the column filling (no drawing): what the real frames would hold, grid included."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus.doctemplate import ActionFlowable, LCActionFlowable

TALLER = -1.0  # fill_column's answer for a flowable that is taller than a column


class Moves:
    """A budget of flowables taken from the queue: a flowable that keeps asking to move
    (split into itself) ends the dry run instead of looping."""

    def __init__(self, story_length: int):
        self.left = 4 * story_length + 20

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


@dataclass
class Column:
    """One column of a dry run: its page (from 1), its height and the height used, what
    was placed in it, and whether its page is the document's last."""

    page: int
    height: float
    used: float
    placed: list = field(default_factory=list)
    last: bool = False


def columns(story: list, geo, head_height: float, max_pages: int,
            short: dict | None = None) -> list[Column] | None:
    """The columns the story would fill in a document's pages (``geo``: geometry.py; the
    head, ``head_height`` tall on page 1, left out), photos floating, on the layout's grid
    if any: a dry run of ColumnDoc's filling (pages.py). ``short``: points by which a
    column (counted from 0 through the pages) ends above its foot. None past ``max_pages``
    pages."""
    run = Run(story, geo, head_height, short)
    while not run.ended():
        if run.column().page > max_pages:
            return None
    return run.done()


class Run:
    """A dry run of a document's columns, one at a time, that can go back to a column it
    filled (``state``, ``restore``) and fill on from there. ``short``: as columns()."""

    def __init__(self, story: list, geo, head_height: float, short: dict | None = None):
        from pipeline.writers.pdf.floats import Floats
        from pipeline.writers.pdf.grid import grid_of

        self.geo, self.head_height, self.grid = geo, head_height, grid_of(geo.layout)
        self.floats = Floats(geo.layout.styles["Body Text"].leading)
        self.queue = [f for f in story if not getattr(f, "_head", False)
                      and not isinstance(f, ActionFlowable)]
        self.cols: list[Column] = []
        self.short = {} if short is None else short

    def column(self) -> Column:
        """The next column, filled from the queue."""
        per_page = self.geo.layout.columns
        n = len(self.cols) // per_page + 1
        height = self.geo.text_area(n)[3] - (self.head_height if n == 1 else 0.0)
        col = Column(n, height, 0.0)
        room = height - self.short.get(len(self.cols), 0.0)
        col.used = fill_column(self.queue, room, self.geo.column_width, None, self.grid,
                               floats=self.floats, placed=col.placed)
        if col.used == TALLER:  # a flowable taller than a column that cannot split
            col.placed.append(self.queue.pop(0))
            col.used = room
        self.cols.append(col)
        return col

    def ended(self) -> bool:
        """Whether the story is placed and its last page's columns filled."""
        return (not self.queue and self.floats.held is None
                and len(self.cols) % self.geo.layout.columns == 0)

    def state(self) -> tuple:
        """What ``restore`` needs to fill on from the next column."""
        return list(self.queue), self.floats.held, len(self.cols)

    def restore(self, state: tuple) -> None:
        queue, self.floats.held, k = state
        self.queue = list(queue)
        del self.cols[k:]

    def done(self) -> list[Column]:
        """The columns, each told whether its page is the last."""
        for col in self.cols:
            col.last = col.page == self.cols[-1].page
        return self.cols


def fill_column(queue: list, height: float, width: float, canv, grid=None,
                moves: Moves | None = None, floats=None, placed: list | None = None
                ) -> float | None:
    """Fills one column of ``height`` from ``queue`` (consumed from the front, split parts
    put back) as a frame does: spaces between flowables, splits where a flowable allows,
    else the rest goes on to the next column. On a baseline ``grid`` (grid.py) body
    paragraphs start on its lines, as in a GridFrame. The height used; TALLER when the
    column's first flowable cannot be split and does not fit (left in ``queue``); None when
    ``moves`` runs out. With ``floats`` (floats.Floats) photos float as in the real run: a
    held photo opens this column, one that does not fit may be held for the next.
    ``placed``, if given, gets each flowable placed (split parts as placed)."""
    if floats is not None:
        queue[:0] = floats.release()
    room, top, after, held = height, True, 0.0, True
    while queue:
        if moves is not None and not moves.spend():
            return None
        if floats is not None and floats.wait(queue):
            break
        f = queue.pop(0)
        if isinstance(f, LCActionFlowable):  # a frame (column) break
            if top:
                continue
            break
        if isinstance(f, ActionFlowable):
            continue
        space = 0.0 if top else max(after, f.getSpaceBefore())
        if grid is not None and not top and grid.holds(f):
            space = grid.snap(height - room + (space if held else after)) - (height - room)
        h = f.wrapOn(canv, width, room - space)[1]
        if h + space <= room + 1e-6:
            room -= h + space
            if placed is not None:
                placed.append(f)
            top, after = False, f.getSpaceAfter()
            held = grid is not None and grid.holds(f)
            continue
        if floats is not None and not top and floats.hold(f, room - space, queue, width, canv):
            continue
        parts = _split(f, canv, width, room - space, grid, height, top)
        if len(parts) > 1 or (parts and parts[0] is not f):
            queue[:0] = parts
            continue
        queue.insert(0, f)
        if top:
            return TALLER
        break
    return height - room


def stacked(queue, width: float, canv, grid=None) -> float:
    """Height of ``queue`` set in one column without end, groups by what they hold."""
    from pipeline.writers.pdf.flowables import leaves

    rest, after, top, held = 0.0, 0.0, True, True
    for f in leaves(queue):
        if isinstance(f, ActionFlowable):
            continue
        space = 0.0 if top else max(after, f.getSpaceBefore())
        if grid is not None and not top and grid.holds(f):
            space = grid.snap(rest + (space if held else after)) - rest
        rest += f.wrapOn(canv, width, 0x7FFFFFFF)[1] + space
        top, after = False, f.getSpaceAfter()
        held = grid is not None and grid.holds(f)
    return rest


def _split(f, canv, width: float, room: float, grid, height: float, top: bool) -> list:
    """``f`` split to ``room``; on a grid, as in a GridFrame of ``height`` (KeepWithFirstLines
    asks its frame where the body's lines may start)."""
    if room <= 0:
        return []
    from pipeline.writers.pdf.flowables import KeepWithFirstLines

    if grid is None or not isinstance(f, KeepWithFirstLines):
        return f.splitOn(canv, width, room)
    f._frame = _DryColumn(grid, height, top)
    try:
        return f.splitOn(canv, width, room)
    finally:
        del f._frame


class _DryColumn:
    """What KeepWithFirstLines.split asks of its GridFrame, in a dry run of a column."""

    def __init__(self, grid, height: float, top: bool):
        self.grid, self.height, self._atTop = grid, height, int(top)

    def grid_room(self, room: float) -> float:
        return self.grid.room(self.height, room)

    def grid_gap(self, above, below) -> float:
        return self.grid.gap(above, below)
