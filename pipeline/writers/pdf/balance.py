"""The last page's column height, chosen by dry runs of its columns' filling so they end level."""

from __future__ import annotations

from reportlab.platypus.doctemplate import ActionFlowable, LCActionFlowable
from reportlab.platypus.flowables import _ContainerSpace, _listWrapOn

STEPS = 8  # heights tried: the estimate and this many half-lines below it


def level_height(story: list, estimate: float, floor: float, columns: int, width: float,
                 leading: float, canv) -> float:
    """Of ``estimate`` and heights a half line apart below it, the one whose dry run leaves
    the columns most nearly level (the last column takes the rest); the highest of equals,
    and none under ``floor`` (the tallest block that cannot be split).
    Line counts decide where the columns end: with paragraphs of equal length, a fixed
    margin over the mean puts a whole paragraph too many in the first column."""
    best, best_spread = estimate, None
    for step in range(STEPS + 1):
        height = estimate - step * leading / 2
        if height < floor:
            break
        heights = _fill(story, height, columns, width, canv, leading)
        if heights is None:
            continue
        spread = max(heights) - min(heights)
        if best_spread is None or spread < best_spread - 0.5:
            best, best_spread = height, spread
    return best


def _fill(story: list, height: float, columns: int, width: float, canv,
          leading: float) -> list[float] | None:
    """Heights used in each column when ``story`` fills columns of ``height`` but the last,
    which takes the rest; None when the dry run cannot tell (more than fits). Figures float
    as in the real run (floats.py)."""
    from pipeline.writers.pdf.floats import Floats

    queue = [f for f in story if not getattr(f, "_head", False)]
    used, moves, floats = [], 0, Floats(leading)
    for _ in range(columns - 1):
        queue[:0] = floats.release()
        room, top, after = height, True, 0.0
        while queue:
            moves += 1
            if moves > 4 * len(story) + 20:
                return None  # a flowable that keeps asking to move: leave it to the real run
            if floats.wait(queue):
                break
            f = queue.pop(0)
            if isinstance(f, LCActionFlowable):  # a frame (column) break
                if top:
                    continue
                break
            if isinstance(f, ActionFlowable):
                continue
            space = 0.0 if top else max(after, f.getSpaceBefore())
            h = f.wrapOn(canv, width, room - space)[1]
            if h + space <= room + 1e-6:
                room -= h + space
                top, after = False, f.getSpaceAfter()
                continue
            if not top and floats.hold(f, room - space, queue, width, canv):
                continue
            parts = f.splitOn(canv, width, room - space) if room - space > 0 else []
            if len(parts) > 1 or (parts and parts[0] is not f):
                queue[:0] = parts
                continue
            queue.insert(0, f)
            if top:
                return None  # taller than a column: leave it to the real filling
            break
        used.append(height - room)
    queue[:0] = floats.release()
    rest, after, top = 0.0, 0.0, True
    for f in queue:
        if isinstance(f, ActionFlowable):
            continue
        space = 0.0 if top else max(after, f.getSpaceBefore())
        rest += _whole(f, width, canv) + space
        top, after = False, f.getSpaceAfter()
    return [*used, rest]


def _whole(f, width: float, canv) -> float:
    """Height of ``f`` unbroken: a group (a figure, a question with its answer) by what it
    holds, as its own wrap asks to be split instead of telling."""
    if isinstance(f, _ContainerSpace):
        return _listWrapOn(f._content, width, canv)[1]
    return f.wrapOn(canv, width, 0x7FFFFFFF)[1]
