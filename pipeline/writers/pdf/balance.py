"""The last page's column height, chosen by dry runs of its columns' filling so they end level."""

from __future__ import annotations

from pipeline.writers.pdf.dryrun import TALLER, Moves, fill_column, stacked
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
        heights = _fill(story, height, columns, width, canv, leading, grid)
        if heights is None:
            continue
        spread = max(heights) - min(heights)
        if best_spread is None or spread < best_spread - 0.5:
            best, best_spread = height, spread
    return best


def _fill(story: list, height: float, columns: int, width: float, canv, leading: float,
          grid=None) -> list[float] | None:
    """Heights used in each column when ``story`` fills columns of ``height`` but the last,
    which takes the rest; None when the dry run cannot tell (more than fits, or a flowable
    taller than a column). Photos float as in the real run (floats.py)."""
    from pipeline.writers.pdf.floats import Floats

    queue = [f for f in story if not getattr(f, "_head", False)]
    used, moves, floats = [], Moves(len(story)), Floats(leading)
    for _ in range(columns - 1):
        height_used = fill_column(queue, height, width, canv, grid, moves, floats)
        if height_used is None or height_used == TALLER:
            return None  # leave it to the real filling
        used.append(height_used)
    return [*used, stacked([*floats.release(), *queue], width, canv, grid)]
