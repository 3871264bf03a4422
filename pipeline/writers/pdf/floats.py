"""Floating figures: a photo that does not fit where it comes opens the next column instead."""

from __future__ import annotations

import copy

from reportlab.platypus.doctemplate import ActionFlowable, LCActionFlowable, NullActionFlowable
from reportlab.platypus.flowables import Flowable, _listWrapOn
from reportlab.platypus.frames import Frame

from pipeline.writers.pdf.flowables import BIG, FitFigure, PullQuote

FUZZ = 1e-6
LOOK = 200  # flowables a dry fill looks at, at most (a guard: a column holds far fewer)


class EndOfStory(ActionFlowable):
    """Closes a story: a figure still held back is placed in the next column."""

    def apply(self, doc):
        flush(doc.canv)


class Opening(Flowable):
    """A held figure opening its column: it takes its room at the top at once, but is drawn
    there only once the paragraph that the column break cut has ended (``drawn``), so that
    the extracted text reads that paragraph whole, then the caption."""

    def __init__(self, figure):
        super().__init__()
        self.figure, self.parts = figure, None

    def getSpaceBefore(self):
        return self.figure.getSpaceBefore()

    def getSpaceAfter(self):
        return self.figure.getSpaceAfter()

    def wrap(self, aW, aH):
        figure = self.figure
        figure.canv = self.canv
        figure.wrap(aW, aH)
        scale = figure.fit_scale(aW, aH)
        if figure._H <= aH + FUZZ:
            self.parts = list(figure._content)
        elif scale is not None:
            self.parts = [figure.picture.scaled(scale), figure.caption]
        else:
            return aW, BIG  # not even scaled: split as the figure itself would be
        self.width, self.height = aW, _listWrapOn(self.parts, aW, self.canv)[1]
        return self.width, self.height

    def split(self, aW, aH):
        self.figure._frame = getattr(self, "_frame", None)
        return self.figure.splitOn(self.canv, aW, aH)

    def drawOn(self, canv, x, y, _sW=0):
        canv._opening = (x, y, self.width, self.height, self.parts)
        if not getattr(canv, "_cut", False):  # no paragraph to wait for
            flush(canv)


def drawn(canv, f) -> None:
    """After ``f`` is drawn in a column: a figure opening the column is drawn when the
    paragraph cut by the column break ends (a split part's head does not end it)."""
    if isinstance(f, (Opening, ActionFlowable)):
        return
    canv._cut = bool(getattr(f, "_splitpara", 0))
    if not canv._cut:
        flush(canv)


def flush(canv) -> None:
    """Draw the figure that opens the column, if it is still waiting (at the column's end
    at the latest)."""
    pending = getattr(canv, "_opening", None)
    if pending is None:
        return
    canv._opening = None
    x, y, width, height, parts = pending
    frame = Frame(x, y - 1, width, height + 1, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    for part in parts:
        frame.add(part, canv)


def is_figure(f) -> bool:
    """Whether ``f`` floats: a photo with its caption, or a pull quote."""
    return isinstance(f, (FitFigure, PullQuote))


class Floats:
    """The floating of one filling of columns (a build, or a dry run of one): a photo with
    its caption that does not fit in what is left of a column (below its top) is

    - held back when the text after it fills the column (to within a body line): that text
      moves up, and the figure opens the next column;
    - else scaled to fit (FitFigure.split, down to the layout's figure_min_scale of the
      column width), so that the column ends full where no text could fill it;
    - else held back all the same when some text can move up (a smaller hole), or moves on.

    At most one figure is held. While it is, the next figure, or an action such as a new
    page (the next item of a pack), ends the column: the held figure opens the next one,
    and the waiting figure follows it there and is not held again (it would land two
    columns after its anchor). So figures keep their order and stay within one column of
    the paragraph before them; the text keeps its order around them."""

    def __init__(self, leading: float):
        self.leading, self.held = leading, None

    def release(self, opening: bool = False) -> list:
        """The held figure (none or one), to open a column; it is no longer held. With
        ``opening``, as an Opening (drawn once the paragraph the column break cut ends)."""
        held, self.held = self.held, None
        if held is None:
            return []
        return [Opening(held) if opening else held]

    def wait(self, queue: list) -> bool:
        """True when ``queue[0]`` must wait for the held figure: the column ends before it.
        A waiting figure is replaced by a copy that will not be held again."""
        f = queue[0]
        if self.held is None:
            return False
        if is_figure(f):
            queue[0] = copy.copy(f)
            queue[0]._pinned = True
            return True
        return isinstance(f, ActionFlowable) and not isinstance(
            f, (LCActionFlowable, NullActionFlowable))

    def hold(self, f, room: float, following: list, width: float, canv) -> bool:
        """Hold ``f`` back when it is a figure that does not fit in ``room`` (below the
        top of a column, ``following`` after it) and floating it is the choice."""
        if not is_figure(f) or getattr(f, "_pinned", False) or self.held is not None:
            return False
        f.wrapOn(canv, width, room)
        if f._H <= room + FUZZ:
            return False
        filled = fill(following, room, width, canv)
        if filled < room - self.leading and (f.fit_scale(width, room) or filled <= 0):
            return False  # scaled to end the column (or moves on: no text can move up)
        self.held = f
        return True

    def hold_in(self, frame, f, following: list, canv) -> bool:
        """``hold`` at the current place of a platypus frame (never at its top)."""
        if not is_figure(f) or frame._atTop:
            return False
        space = f.getSpaceBefore()
        if frame._oASpace:
            space = max(space - frame._prevASpace, 0)
        room = frame._y - frame._y1p - space
        return self.hold(f, room, following, frame._getAvailableWidth(), canv)

    def take(self, doc, flowables: list) -> bool:
        """The doc template's hook before it places ``flowables[0]``: True when handled
        here (the column ended, or the figure is held back)."""
        if self.wait(flowables):
            doc.handle_frameEnd()
            return True
        f = flowables[0]
        if is_figure(f) and self.hold_in(doc.frame, f, flowables[1:1 + LOOK], doc.canv):
            del flowables[0]
            return True
        return False


def fill(queue: list, room: float, width: float, canv) -> float:
    """Height that the flowables of ``queue`` take of ``room`` at the foot of a column, in
    a dry run that stops at the next figure, column break or action."""
    queue, used, after = list(queue[:LOOK]), 0.0, 0.0
    for _ in range(LOOK):
        if not queue:
            break
        f = queue.pop(0)
        if isinstance(f, NullActionFlowable):
            continue
        if is_figure(f) or isinstance(f, ActionFlowable):
            break
        space = max(after, f.getSpaceBefore()) if used else 0.0
        left = room - used - space
        if left <= 0:
            break
        h = f.wrapOn(canv, width, left)[1]
        if h <= left + FUZZ:
            used += h + space
            after = f.getSpaceAfter()
            continue
        parts = f.splitOn(canv, width, left)
        if not parts or parts[0] is f:
            break
        queue[:0] = parts
    return used
