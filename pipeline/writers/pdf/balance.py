"""The last page's column height, chosen by dry runs of its columns' filling so they end level."""

from __future__ import annotations

from reportlab.platypus.doctemplate import ActionFlowable, LCActionFlowable

from pipeline.writers.pdf.grid import EPS

STEPS = 8  # heights tried: the estimate and this many half-lines below it


def level_height(story: list, estimate: float, floor: float, columns: int, width: float,
                 leading: float, canv, grid=None) -> float:
    """Of ``estimate`` and heights a half line apart below it, the one whose dry run leaves
    the columns most nearly level (the last column takes the rest); the highest of equals,
    and none under ``floor`` (the tallest block that cannot be split).
    Line counts decide where the columns end: with paragraphs of equal length, a fixed
    margin over the mean puts a whole paragraph too many in the first column.
    On a baseline ``grid`` (grid.py) the heights are whole lines, a line apart."""
    best, best_spread = estimate, None
    step_size = leading / 2
    if grid is not None:
        estimate = best = grid.snap(estimate) + EPS
        step_size = grid.leading
    for step in range(STEPS + 1):
        height = estimate - step * step_size
        if height < floor:
            break
        heights = _fill(story, height, columns, width, canv, grid)
        if heights is None:
            continue
        spread = max(heights) - min(heights)
        if best_spread is None or spread < best_spread - 0.5:
            best, best_spread = height, spread
    return best


def _fill(story: list, height: float, columns: int, width: float, canv,
          grid=None) -> list[float] | None:
    """Heights used in each column when ``story`` fills columns of ``height`` but the last,
    which takes the rest; None when the dry run cannot tell (more than fits). On a ``grid``
    body paragraphs start on its lines, as in a GridFrame."""
    queue = [f for f in story if not getattr(f, "_head", False)]
    used, moves = [], 0
    for _ in range(columns - 1):
        room, top, after, held = height, True, 0.0, True
        while queue:
            moves += 1
            if moves > 4 * len(story) + 20:
                return None  # a flowable that keeps asking to move: leave it to the real run
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
                top, after = False, f.getSpaceAfter()
                held = grid is not None and grid.holds(f)
                continue
            parts = _split(f, canv, width, room - space, grid, height, top)
            if len(parts) > 1 or (parts and parts[0] is not f):
                queue[:0] = parts
                continue
            queue.insert(0, f)
            if top:
                return None  # taller than a column: leave it to the real filling
            break
        used.append(height - room)
    rest, after, top, held = 0.0, 0.0, True, True
    for f in _unpacked(queue):
        if isinstance(f, ActionFlowable):
            continue
        space = 0.0 if top else max(after, f.getSpaceBefore())
        if grid is not None and not top and grid.holds(f):
            space = grid.snap(rest + (space if held else after)) - rest
        rest += f.wrapOn(canv, width, 0x7FFFFFFF)[1] + space
        top, after = False, f.getSpaceAfter()
        held = grid is not None and grid.holds(f)
    return [*used, rest]


def _unpacked(flowables):
    """Flowables with those that keep others with them (KeepWithFirstLines, which asks for
    all the room there is) replaced by what they keep."""
    from pipeline.writers.pdf.flowables import KeepWithFirstLines

    for f in flowables:
        if isinstance(f, KeepWithFirstLines):
            yield from _unpacked(f._content)
        else:
            yield f


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
