"""Flowables the story needs beyond ReportLab's: lines kept with a question, marks, rules."""

from __future__ import annotations

from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import Flowable, KeepTogether, _ContainerSpace, _listWrapOn
from reportlab.platypus.paragraph import Paragraph

BIG = 0xFFFFFF


class KeepWithFirstLines(_ContainerSpace, Flowable):
    """``heads`` (a heading, a question) never end a column: they go with the first lines of
    ``body`` (a paragraph, split as its widow/orphan rules allow) or with all of it."""

    def __init__(self, heads: list, body):
        self.heads, self.body = heads, body
        self._content = [*heads, body]

    def wrap(self, aW, aH):
        self._H = _listWrapOn(list(leaves(self._content)), aW, self.canv)[1]
        return aW, BIG  # always asks to be split, like KeepTogether

    def split(self, aW, aH):
        room = self._body_room(aW, aH) if isinstance(self.body, Paragraph) else None
        if _listWrapOn(list(leaves(self._content)), aW, self.canv)[1] <= aH and (
                room is None or self.body.wrap(aW, aH)[1] <= room):
            return list(self._content)
        if room is not None:
            parts = self.body.split(aW, room) if room > 0 else []
            if len(parts) > 1:
                return [*self.heads, *parts]
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", 0):
            return self.split_heads(aW, aH)
        parts = self.split_heads(aW, aH, inside=True)  # a long question's first lines
        if len(parts) != len(self._content) or any(a is not b for a, b in zip(parts,
                                                                               self._content)):
            return parts
        return [FrameBreak(), *self._content]

    def _body_room(self, aW, aH) -> float:
        """Room left for the body under the heads, on the frame's baseline grid if any and
        the body is set like the body text."""
        head_h = _listWrapOn(self.heads, aW, self.canv)[1]
        frame = getattr(self, "_frame", None)
        if not hasattr(frame, "grid_room"):
            return aH - head_h - max(self.heads[-1].getSpaceAfter(), self.body.getSpaceBefore())
        room = aH - head_h - frame.grid_gap(self.heads[-1], self.body)
        # a body off the grid (the byline under the closing question) sits where it falls
        return frame.grid_room(room) if frame.grid.holds(self.body) else room

    def split_heads(self, aW, aH, inside: bool = False) -> list:
        """Heads taller than the room (a long question; at the top of a column, one of a
        thousand words) are split where the column ends, as their widow and orphan rules
        allow; the rest still keeps with body. ``inside`` a column, the last head may also
        split when the body's first lines do not fit under it: its last two lines go on
        with the body. All of them when none splits."""
        room, frame = aH, getattr(self, "_frame", None)
        for i, head in enumerate(self.heads):
            if i and hasattr(frame, "grid_room"):  # on the grid the head may move down
                room = room - frame.grid_gap(self.heads[i - 1], head)
                room = frame.grid_room(room) if frame.grid.holds(head) else room
            elif i:
                room -= max(self.heads[i - 1].getSpaceAfter(), head.getSpaceBefore())
            height = head.wrap(aW, aH)[1]
            if height > room or (inside and i == len(self.heads) - 1
                                 and isinstance(head, Paragraph)):
                parts = head.split(aW, min(room, height - 2 * head.style.leading + 1e-3))
                if len(parts) > 1:
                    return [*self.heads[:i], parts[0],
                            KeepWithFirstLines([*parts[1:], *self.heads[i + 1:]], self.body)]
                break
            room -= height
        return list(self._content)


def leaves(flowables):
    """Flowables with containers (a photo kept with its caption) replaced by their contents:
    a container asks to be split whatever the room, its contents tell their height."""
    for f in flowables:
        if isinstance(f, _ContainerSpace):
            yield from leaves(f._content)
        else:
            yield f


class Para(Paragraph):
    """A paragraph that keeps its line breaks for the width it was last wrapped at: platypus
    asks again and again (keep-with-next, splitting, balancing) and the answer is the same."""

    _wrapped_at = None

    def wrap(self, aW, aH):
        if aW == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        result = super().wrap(aW, aH)
        self._wrapped_at = aW
        return result

    def split(self, aW, aH):
        parts = super().split(aW, aH)
        if len(parts) > 1 and getattr(self, "_prewrapped", False):  # a piece (see pieces.py)
            from pipeline.writers.pdf.pieces import prewrap

            head, rest = parts
            rest._JustifyLast = getattr(self, "_JustifyLast", False)
            lines, cut = len(self.blPara.lines), len(head.blPara.lines)
            prewrap(head, self.blPara, 0, cut, aW)
            prewrap(rest, self.blPara, cut, lines, aW)
        return parts


class Marked(Para):
    """A paragraph that adds an outline entry (bookmark) where its first line is drawn."""

    def __init__(self, text, style, bulletText=None, frags=None,  # noqa: N803 (ReportLab's)
                 outline: tuple[str, str, int] | None = None, offset: float = 0.0):
        super().__init__(text, style, bulletText=bulletText, frags=frags)
        self._outline, self._offset = outline, offset

    def draw(self):
        self.bookmark()
        super().draw()

    def bookmark(self) -> None:
        """The outline entry, at the first line's top, if this part has it."""
        if self._outline:
            title, key, level = self._outline
            x, y = self.canv.absolutePosition(0, self.height)
            self.canv.bookmarkPage(key, fit="XYZ", left=x + self._offset,
                                   top=y + self._offset + self.style.leading)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)

    def split(self, aW, aH):
        parts = super().split(aW, aH)  # ReportLab rebuilds the parts without the outline
        for i, part in enumerate(parts):
            part._outline, part._offset = (self._outline if i == 0 else None), self._offset
        return parts


class Rule(Flowable):
    """A horizontal line across the frame, in a CMYK colour."""

    def __init__(self, color, thickness: float, space_before: float = 0, space_after: float = 0,
                 width_ratio: float = 1.0):
        super().__init__()
        self.color, self.thickness, self.ratio = color, thickness, width_ratio
        self.spaceBefore, self.spaceAfter = space_before, space_after

    def wrap(self, aW, aH):
        self.width = aW
        return aW, self.thickness

    def draw(self):
        c = self.canv
        c.setStrokeColor(self.color)
        c.setLineWidth(self.thickness)
        x0 = self.width * (1 - self.ratio) / 2
        c.line(x0, self.thickness / 2, self.width - x0, self.thickness / 2)


class FitFigure(KeepTogether):
    """A photo kept with its caption. Where it would leave a gap at the foot of a column,
    the photo shrinks (centred, its width to no less than ``min_scale`` of the column's:
    the layout's figure_min_scale) and stays, rather than moving on and leaving the gap.
    Whether it floats to the next column instead is decided before (floats.py)."""

    def __init__(self, picture, caption, min_scale: float = 0.6):
        super().__init__([picture, caption])
        self.picture, self.caption, self.min_scale = picture, caption, min_scale

    def use(self, picture) -> None:
        """Shows ``picture`` (the photo at another size) from now on."""
        self.picture = picture
        self._content = [picture, *self._content[1:]]
        self.__dict__.pop("_wrapInfo", None)

    def fit_scale(self, aW, aH) -> float | None:
        """The scale (under 1) at which the photo and caption fit a room of ``aH``, or None
        when they fit as they are or the photo would be narrower than allowed."""
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if self._H <= aH:
            return None
        rest = self._H - self.picture.height  # caption and the space between
        scale = (aH - rest - 1) / self.picture.height
        if scale < 1 and self.picture.width * scale >= self.min_scale * aW - 0.01:
            return scale
        return None

    def split(self, aW, aH):
        scale = self.fit_scale(aW, aH)
        if scale is not None:
            return [self.picture.scaled(scale), self.caption]
        frame = getattr(self, "_frame", None)
        if (self._H > aH and getattr(frame, "_atTop", False)
                and self._doctemplateAttr("_peekNextFrame") is None):
            return []  # too tall for a whole frame of a trial layout (issue.py), where
            # ReportLab's KeepTogether.split would fail looking for the next frame
        return super().split(aW, aH)


class PullQuote(KeepTogether):
    """A pull quote between its rules, kept together. It floats as a photo does (floats.py):
    where it does not fit, the text after it may fill the column and it opens the next."""

    def fit_scale(self, aW, aH) -> None:
        return None  # text is not scaled


class Photo(Flowable):
    """A photo of fixed size whose file (a CMYK JPEG) is still being converted: it is
    needed only when the page is drawn, not while the layout is computed."""

    def __init__(self, future, width: float, height: float):
        super().__init__()
        self.future, self.width, self.height = future, width, height

    def wrap(self, aW, aH):
        return self.width, self.height

    def scaled(self, factor: float) -> "Photo":
        smaller = Photo(self.future, self.width * factor, self.height * factor)
        smaller.hAlign, smaller.spaceAfter = "CENTER", self.spaceAfter
        return smaller

    def draw(self):
        self.canv.drawImage(self.future.result(), 0, 0, self.width, self.height)


class Placeholder(Flowable):
    """A grey box where a draft build's missing photo will go."""

    def __init__(self, width, height, color, label, font):
        super().__init__()
        self.width, self.height, self.color, self.label, self.font = (
            width, height, color, label, font)

    def wrap(self, aW, aH):
        return self.width, self.height

    def scaled(self, factor: float) -> "Placeholder":
        smaller = Placeholder(self.width * factor, self.height * factor, self.color,
                              self.label, self.font)
        smaller.hAlign, smaller.spaceAfter = "CENTER", self.spaceAfter
        return smaller

    def draw(self):
        c = self.canv
        c.setFillColor(self.color)
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFont(self.font, 8)
        c.drawCentredString(self.width / 2, self.height / 2, self.label)
