"""The baseline grid: body lines on whole multiples of the body leading below a column's top."""

from __future__ import annotations

import math

from reportlab.platypus.flowables import _ContainerSpace
from reportlab.platypus.frames import Frame
from reportlab.platypus.paragraph import Paragraph

EPS = 0.01  # points: a position this close to a grid line is on it


class Grid:
    """Grid lines ``leading`` apart from a column's top. A paragraph set like the body (its
    leading and size) starts on a grid line, so its lines, and those of the next column,
    share baselines; anything else (a heading, a quote, a photo) sits where it falls and
    the next body line moves down to the next grid line: the block takes whole lines."""

    def __init__(self, leading: float, size: float):
        self.leading, self.size = leading, size

    def snap(self, offset: float) -> float:
        """``offset`` (points below the column's top) moved down to the next grid line."""
        return math.ceil(offset / self.leading - EPS / self.leading) * self.leading

    def holds(self, flowable) -> bool:
        """True when ``flowable`` begins with a paragraph set like the body."""
        while isinstance(flowable, _ContainerSpace) and flowable._content:
            flowable = flowable._content[0]
        style = getattr(flowable, "style", None)
        return (isinstance(flowable, Paragraph) and style is not None
                and abs(style.leading - self.leading) < EPS
                and abs(style.fontSize - self.size) < EPS)

    def room(self, height: float, room: float) -> float:
        """Of ``room`` left below a position in a column of ``height``, what is left once
        that position moves down to the next grid line."""
        return height - self.snap(height - room)


def grid_of(layout) -> Grid | None:
    """The layout's baseline grid, or None when its make-up has none."""
    if not layout.makeup.grid:
        return None
    body = layout.styles["Body Text"]
    return Grid(body.leading, body.size)


class GridFrame(Frame):
    """A column whose body paragraphs start on grid lines counted from its top."""

    def __init__(self, *args, grid: Grid, **kw):
        super().__init__(*args, **kw)
        self.grid = grid

    def _snap(self, flowable) -> None:
        if self._atTop or not self.grid.holds(flowable):
            return
        space = flowable.getSpaceBefore()
        if self._oASpace:
            space = max(space - self._prevASpace, 0)
        offset = self._y2 - (self._y - space)
        self._y -= self.grid.snap(offset) - offset

    def _add(self, flowable, canv, trySplit=0):
        self._snap(flowable)
        return Frame._add(self, flowable, canv, trySplit)

    add = _add

    def split(self, flowable, canv):
        self._snap(flowable)
        return Frame.split(self, flowable, canv)

    def grid_room(self, room: float) -> float:
        """Of ``room`` left above this column's foot, what is left for body lines (see
        Grid.room)."""
        return self.grid.room(self._y2 - self._y1p, room)
