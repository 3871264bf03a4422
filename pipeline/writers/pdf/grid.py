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

    def gap(self, above, below) -> float:
        """Space between flowables ``above`` and ``below`` before ``below`` moves to the
        grid: after a block off the grid, only that block's space after."""
        if self.holds(below) and not self.holds(above):
            return above.getSpaceAfter()
        return max(above.getSpaceAfter(), below.getSpaceBefore())

    def room(self, height: float, room: float) -> float:
        """Of ``room`` left below a position in a column of ``height``, what is left once
        that position moves down to the next grid line."""
        return height - self.snap(height - room)


def on_the_grid(style, name: str, layout):
    """``style`` (a ParagraphStyle of the layout's style ``name``) as the grid sets it: a
    paragraph set like the body gets no space after it (it would break the grid), and Body
    Text the layout's first-line indent instead (makeup: paragraph_indent), unless the
    layout gives it one; its space before still makes one blank line (a question's)."""
    body = layout.styles["Body Text"]
    if not (abs(style.leading - body.leading) < EPS and abs(style.fontSize - body.size) < EPS):
        return style
    indent = style.firstLineIndent
    if name == "Body Text" and not indent:
        indent = layout.makeup.indent * body.size
    return style.clone(style.name, spaceAfter=0, firstLineIndent=indent)


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
        self._held = True  # the last flowable added began on the grid

    def _snap(self, flowable) -> None:
        """Moves the position down so that the paragraph Frame._add places next starts on
        a grid line: the next one below its space before, or, after a block off the grid
        (a heading), below that block's own space after."""
        if self._atTop or not self.grid.holds(flowable):
            return
        space = flowable.getSpaceBefore()
        if self._oASpace:
            space = max(space - self._prevASpace, 0)
        offset = self._y2 - (self._y - (space if self._held else 0))
        self._y = self._y2 - self.grid.snap(offset) + space

    def _add(self, flowable, canv, trySplit=0):
        self._snap(flowable)
        added = Frame._add(self, flowable, canv, trySplit)
        if added and not getattr(flowable, "frameAction", None):
            self._held = self.grid.holds(flowable)
        return added

    add = _add

    def split(self, flowable, canv):
        self._snap(flowable)
        return Frame.split(self, flowable, canv)

    def grid_room(self, room: float) -> float:
        """Of ``room`` left above this column's foot, what is left for body lines (see
        Grid.room)."""
        return self.grid.room(self._y2 - self._y1p, room)

    def grid_gap(self, above, below) -> float:
        """Space between ``above`` and ``below`` as this frame leaves it (see Grid.gap)."""
        return self.grid.gap(above, below)
