"""The last page's column height, chosen by dry runs of its columns' filling so they end level."""

from __future__ import annotations

from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import Flowable, _ContainerSpace
from reportlab.platypus.paragraph import Paragraph

from pipeline.writers.pdf.dryrun import TALLER, Moves, fill_column, stacked
from pipeline.writers.pdf.grid import EPS

LEVEL_STEPS = 6  # lines of space added, at most, to level the last page's columns
STEPS = 8  # heights tried: the estimate and this many half-lines below it


def balanced_height(story: list, room: float, geo, canv, grid=None) -> float | None:
    """Column height that makes ``story`` (the rest of it) end level on a page whose
    columns are ``room`` tall, or None when it does not fit on this page. Never less than
    the tallest block that must not be broken (a photo with its caption, a question with
    what it keeps with)."""
    from pipeline.writers.pdf.flowables import Marked, leaves

    L = geo.layout
    if L.columns < 2 or not story:
        return None
    capacity = room * L.columns * 0.97
    total, tallest, kept, cw = 0.0, 0.0, 0.0, geo.column_width
    for top in story:
        if getattr(top, "_head", False) or isinstance(top, ActionFlowable):
            continue
        height = sum(_height(f, cw, canv) for f in leaves([top])
                     if not isinstance(f, ActionFlowable))
        if grid is not None:  # on the grid a block takes whole lines
            height = grid.snap(height)
        total += height
        if total > capacity:
            return None
        if isinstance(top, Marked):  # a question or heading loose from its group
            kept += height
            continue
        tallest = max(tallest, kept + unbreakable(top, height))
        kept = 0.0
    leading = L.styles["Body Text"].leading
    if total - tallest < 3 * leading:  # the rest would stand alone: keep it with the block
        return min(room, total + leading)
    estimate = min(room, max(total / L.columns + 2 * leading, tallest + leading))
    height = level_height(story, estimate, tallest + leading, L.columns, cw, leading, canv,
                          grid)
    if grid is not None:
        level_with_space(story, height, L.columns, cw, leading, canv, grid)
    return height


def level_with_space(story: list, height: float, columns: int, width: float, leading: float,
                     canv, grid) -> list:
    """When a column would still end a body line or more above the longest (a paragraph
    leaves two lines at a column's foot and brings two, so some endings cannot be level), a
    heading or question in it gets a body line more of space before it (as
    remedies.Spacing), once each, or in the last column the byline, which may move down to
    the foot: while that brings the columns nearer level. The spacings applied
    (remedies.Spacing)."""
    from pipeline.writers.pdf.flowables import leaves
    from pipeline.writers.pdf.holes import breaks
    from pipeline.writers.pdf.remedies import Spacing

    spaced: set[int] = set()
    applied: list = []
    for _ in range(LEVEL_STEPS):
        heights, held = _fill(story, height, columns, width, canv, leading, grid, rest=True)
        if heights is None or max(heights) - min(heights) < leading - 0.5:
            return applied
        spread = max(heights) - min(heights)
        low = heights.index(min(heights))
        found = [f for f in breaks(held[low]) if id(f) not in spaced]
        tail = [f for f in leaves(held[-1]) if not isinstance(f, ActionFlowable)][-1:]
        byline = tail[0] if tail and low == columns - 1 and getattr(
            getattr(tail[0], "style", None), "name", None) == "Byline" else None
        for f in [*found, *([byline] if byline is not None else [])]:
            spacing = Spacing(f, leading, 0)
            spacing.apply()
            after, _ = _fill(story, height, columns, width, canv, leading, grid, rest=True)
            if after is not None and max(after) - min(after) < spread - 0.5:
                if f is not byline:
                    spaced.add(id(f))
                applied.append(spacing)
                break
            spacing.undo()
        else:
            return applied
    return applied


def unbreakable(top, height: float) -> float:
    """The part of a top-level flowable that cannot be split between columns."""
    from pipeline.writers.pdf.flowables import KeepWithFirstLines

    if isinstance(top, KeepWithFirstLines) and isinstance(top.body, Paragraph):
        heads = sum(f.height + f.getSpaceBefore() + f.getSpaceAfter() for f in top.heads)
        return heads + 2 * top.body.style.leading
    if isinstance(top, (_ContainerSpace, Flowable)) and not isinstance(top, Paragraph):
        return height
    return 2 * top.style.leading


def _height(f, width, canv) -> float:
    return f.wrapOn(canv, width, 0x7FFFFFFF)[1] + f.getSpaceBefore() + f.getSpaceAfter()


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
        heights = _fill(story, height, columns, width, canv, leading, grid)
        if heights is None:
            continue
        spread = max(heights) - min(heights)
        if best_spread is None or spread < best_spread - 0.5:
            best, best_spread = height, spread
    return best


def _fill(story: list, height: float, columns: int, width: float, canv, leading: float,
          grid=None, rest: bool = False):
    """Heights used in each column when ``story`` fills columns of ``height`` but the last,
    which takes the rest; None when the dry run cannot tell (more than fits, or a flowable
    taller than a column). Photos float as in the real run (floats.py). With ``rest``:
    (heights or None, what each column holds)."""
    from pipeline.writers.pdf.floats import Floats

    queue = [f for f in story if not getattr(f, "_head", False)]
    used, moves, floats, held = [], Moves(len(story)), Floats(leading), []
    for _ in range(columns - 1):
        held.append([])
        height_used = fill_column(queue, height, width, canv, grid, moves, floats, held[-1])
        if height_used is None or height_used == TALLER:
            return (None, []) if rest else None  # leave it to the real filling
        used.append(height_used)
    last = [*floats.release(), *queue]
    heights = [*used, stacked(last, width, canv, grid)]
    return (heights, [*held, last]) if rest else heights
