"""What may fill a column that would end short: space, a smaller photo, columns ending higher."""

from __future__ import annotations

from contextlib import contextmanager

# what each costs, against a paragraph set a line longer or shorter (its added demerits,
# some 1e3 to 1e6): the least visible first
SPACED = {"Heading 1": 5e7, "Heading 2": 5e7, "Question": 8e7}  # a line more before
MORE_BEFORE = 2  # lines a heading or question may move down at most: a wider break, no hole
SHRINKING = 1e8  # a photo a line less tall
HEADING = 2e8  # page 1's columns a line lower under the head
SHORTENING = 1e9  # a column ending a line higher


def spaced(flowable, leading: float) -> int:
    """Body lines of space a Spacing added before ``flowable`` (a heading, a question)."""
    return round((flowable.getSpaceBefore() - flowable.style.spaceBefore) / leading)


class Spacing:
    """A heading or a question with a body line more of space before it (a section break
    a line wider; the grid holds, as the space is a whole line)."""

    def __init__(self, flowable, leading: float, start: int):
        self.flowable, self.leading, self.start = flowable, leading, start
        # a line more before a break already moved costs more: lines spread over breaks
        self.cost = SPACED.get(flowable.style.name, 0.0) * (1 + 10 * spaced(flowable, leading))

    def apply(self) -> None:
        f = self.flowable
        f.spaceBefore = f.getSpaceBefore() + self.leading

    def undo(self) -> None:
        f = self.flowable
        f.spaceBefore = f.getSpaceBefore() - self.leading
        if abs(f.spaceBefore - f.style.spaceBefore) < 1e-6:
            del f.spaceBefore


class HeadSpace:
    """Page 1's columns ``lines`` body lines lower under the head (``run``: a dry run of
    dryrun.py; render_pdf puts the room above the rule that ends the head)."""

    start = 0

    def __init__(self, run, lines: int, leading: float):
        self.run, self.by, self.cost = run, lines * leading, HEADING * lines

    def apply(self) -> None:
        self.run.head_height += self.by

    def undo(self) -> None:
        self.run.head_height -= self.by


class Shrinking:
    """A photo (its FitFigure) ``lines`` body lines less tall, centred, its caption as it
    was."""

    def __init__(self, figure, picture, lines: int, start: int):
        self.figure, self.picture, self.start = figure, picture, start
        self.cost, self.saved = SHRINKING * lines, None

    @classmethod
    def of(cls, figure, lines: int, leading: float, width: float, start: int):
        """``figure`` ``lines`` lines less tall, or None when it would be narrower than its
        ``min_scale`` of the column ``width``."""
        now = figure.picture
        factor = (now.height - lines * leading) / now.height
        if factor <= 0 or now.width * factor < figure.min_scale * width - 0.01:
            return None
        return cls(figure, now.scaled(factor), lines, start)

    def apply(self) -> None:
        self.saved = self.figure.picture
        self.figure.use(self.picture)

    def undo(self) -> None:
        if self.saved is not None:
            self.figure.use(self.saved)
            self.saved = None


class Shortening:
    """Columns (counted through the pages) that end higher, ``lines`` body lines each
    (column -> lines), in ``short`` (points by column, as ColumnDoc's): each passes lines
    on to the next, the last to the short column after them."""

    def __init__(self, short: dict, lines: dict, leading: float):
        self.short, self.lines, self.leading = short, lines, leading
        self.start, self.cost = min(lines), SHORTENING * sum(lines.values())

    def apply(self) -> None:
        for i, n in self.lines.items():
            self.short[i] = self.short.get(i, 0.0) + n * self.leading

    def undo(self) -> None:
        for i, n in self.lines.items():
            left = self.short.get(i, 0.0) - n * self.leading
            if left > 1e-6:
                self.short[i] = left
            else:
                self.short.pop(i, None)


@contextmanager
def shortened(short: dict, column: int, by: float):
    """``short`` with ``column`` ending ``by`` points higher, while inside."""
    saved = short.get(column)
    if by:
        short[column] = (saved or 0.0) + by
    try:
        yield
    finally:
        if saved is None:
            short.pop(column, None)
        else:
            short[column] = saved
