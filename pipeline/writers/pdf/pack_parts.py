"""Flowables of a congress pack: cover, contents entries, right-hand starts, item marks."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.paragraph import Paragraph

from pipeline.writers.pdf.display import display_text
from pipeline.writers.pdf.geometry import MM
from pipeline.writers.pdf.styles import cmyk

NUMBER_ROOM = 12 * MM  # kept free at the right of a contents line for its page number
COVER_PHOTO_SHARE = 0.5  # of the trim height, at most, for the cover photo
BAND = 20 * MM  # the publisher's band at the foot of the cover


@dataclass
class Plan:
    """What the pages hold, learnt while they are drawn; the page furniture (drawn at save,
    when the page count is known) reads it: which item each page belongs to, which pages
    were left blank, and where the contents page numbers go."""

    starts: dict[int, int] = field(default_factory=dict)  # item index -> its first page
    blank: set[int] = field(default_factory=set)
    contents: set[int] = field(default_factory=set)  # pages of the contents list
    numbers: list[tuple[int, float, float, int]] = field(default_factory=list)
    back: int | None = None  # the page kept free after the last item for the back cover

    def item_on(self, page: int) -> int | None:
        """The index of the item page ``page`` belongs to (None before the first)."""
        found = None
        for index, start in sorted(self.starts.items(), key=lambda kv: kv[1]):
            if start <= page:
                found = index
        return found


def _trim_origin(canv) -> tuple[float, float]:
    """Where the flowable's origin is, in trim coordinates (the canvas preamble has
    already moved the origin to the trim corner)."""
    return canv.absolutePosition(0, 0)


class Cover(Flowable):
    """The cover page, drawn in trim coordinates: the photo across the top into the bleed
    (when there is one), the event, title, place and date, and the publisher's band at the
    foot, bleeding off the bottom and sides. Takes no room in the frame."""

    def __init__(self, fields: dict, styles, geo, photo=None):
        super().__init__()
        self.fields, self.styles, self.geo, self.photo = fields, styles, geo, photo

    def wrap(self, aW, aH):
        return aW, 0

    def draw(self):
        c, L, geo = self.canv, self.geo.layout, self.geo
        ox, oy = _trim_origin(c)
        c.saveState()
        c.translate(-ox, -oy)
        b = L.bleed + 0.5  # past the bleed box, against rounding
        x, _, w, _ = geo.text_area(1)
        top = L.height - L.margin["top"]
        if self.photo is not None:
            future, aspect = self.photo
            width = L.width + 2 * b
            height = min(width * aspect, L.height * COVER_PHOTO_SHARE + b)
            shown = width * aspect  # the photo keeps its shape; the box crops it
            path = c.beginPath()
            path.rect(-b, L.height + b - height, width, height)
            c.clipPath(path, stroke=0, fill=0)
            c.drawImage(future.result(), -b, L.height + b - height / 2 - shown / 2, width,
                        shown)
            c.restoreState()
            c.saveState()
            c.translate(-ox, -oy)
            top = L.height + b - height - 8 * MM
        draw_band(c, self.styles, self.geo, self.fields)
        # event, title, place and date, from the top of the free area down
        y = top
        parts = []
        if self.fields.get("event"):
            parts.append(("Kicker", self.fields["event"]))
        parts.append(("Cover Title", self.fields["title"]))
        where = " – ".join(v for v in (self.fields.get("place"), self.fields["date"]) if v)
        parts.append(("Interviewee", where))
        for style_name, text in parts:
            style = self._style(style_name)
            para = display_text(text, style, "Title" if style_name == "Cover Title"
                                else style_name)
            _, h = para.wrapOn(c, w, L.height)
            y -= h
            para.drawOn(c, x, y)
            y -= style.spaceAfter
        c.restoreState()

    def _style(self, name: str):
        if name != "Cover Title":
            return self.styles[name]
        base = self.styles["Title"]
        return base.clone("Cover Title", fontSize=base.fontSize * 1.3,
                          leading=base.leading * 1.3, spaceAfter=base.spaceAfter * 2)



def draw_band(c, styles, geo, fields: dict, page: int = 1) -> None:
    """The publisher's band across the foot of a cover, bleeding off the bottom and sides,
    with the publication (and issue); drawn in trim coordinates."""
    L, b = geo.layout, geo.layout.bleed + 0.5
    x, _, w, _ = geo.text_area(page)
    c.setFillColor(cmyk(L.colors.get("accent", (0, .9, .85, .2))))
    c.rect(-b, -b, L.width + 2 * b, BAND + b, stroke=0, fill=1)
    _band_line(c, styles, fields["publication"], "Masthead", x, w, BAND / 2, "left")
    if fields.get("issue"):
        _band_line(c, styles, fields["issue"], "Masthead Info", x, w, BAND / 2, "right")


def _band_line(c, styles, text: str, style_name: str, x, w, middle, align) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    style = styles.model(style_name)
    font = styles[style_name].fontName
    size = style.size
    width = stringWidth(text, font, size)
    if width > w:
        size, width = size * w / width, w
    c.setFont(font, size)
    c.setFillColor(cmyk(style.color))
    left = x + w - width if align == "right" else x
    c.drawString(left, middle - size * 0.35, text)


def draw_back_cover(c, styles, geo, fields: dict, paragraphs, page: int) -> None:
    """The back cover, in trim coordinates: its paragraphs centred in the text area's
    lower half, above the publisher's band."""
    L = geo.layout
    x, _, w, _ = geo.text_area(page)
    style = styles["Interviewee"].clone("Back Cover", alignment=1)
    paras = [display_text(text, style, "Interviewee") for text in paragraphs]
    heights = [p.wrapOn(c, w, L.height)[1] for p in paras]
    y = BAND + 12 * MM + sum(heights) + style.spaceAfter * (len(paras) - 1)
    c.saveState()
    for para, h in zip(paras, heights):
        y -= h
        para.drawOn(c, x, y)
        y -= style.spaceAfter
    c.restoreState()
    c.saveState()
    draw_band(c, styles, geo, fields, page)
    c.restoreState()


class ContentsEntry(Flowable):
    """One line of the contents: the item's title (and who speaks), with room at the right
    where its page number is drawn once the pages are known (see Plan.numbers)."""

    def __init__(self, index: int, title: Paragraph, who: Paragraph | None, plan: Plan):
        super().__init__()
        self.index, self.title, self.who, self.plan = index, title, who, plan
        self.spaceBefore = title.style.spaceBefore
        self.spaceAfter = 6

    def wrap(self, aW, aH):
        self.width = aW
        self._th = self.title.wrap(aW - NUMBER_ROOM, aH)[1]
        self._wh = self.who.wrap(aW - NUMBER_ROOM, aH)[1] if self.who else 0
        self.height = self._th + self._wh
        return aW, self.height

    def draw(self):
        c = self.canv
        self.title.drawOn(c, 0, self._wh)
        if self.who:
            self.who.drawOn(c, 0, 0)
        if getattr(c, "_scratch", False):  # a trial layout (issue.py): nothing to note
            return
        x, y = _trim_origin(c)
        baseline = y + self._wh + self._th - self.title.style.fontSize
        self.plan.numbers.append((c.getPageNumber(), x + self.width, baseline, self.index))
        self.plan.contents.add(c.getPageNumber())


class Bookmark(Flowable):
    """A zero-height mark: an outline entry at level 0 where it is drawn; for an item it
    also notes the page the item starts on."""

    def __init__(self, title: str, key: str, plan: Plan, index: int | None = None,
                 offset: float = 0.0):
        super().__init__()
        self.title, self.key, self.plan, self.index, self.offset = title, key, plan, index, offset

    def wrap(self, aW, aH):
        return 0, 0

    def draw(self):
        c = self.canv
        if getattr(c, "_scratch", False):  # a trial layout (issue.py): nothing to note
            return
        x, y = c.absolutePosition(0, 0)
        c.bookmarkPage(self.key, fit="XYZ", left=x + self.offset, top=y + self.offset)
        c.addOutlineEntry(self.title, self.key, level=0, closed=False)
        if self.index is not None:
            self.plan.starts[self.index] = c.getPageNumber()


class BackCoverPage(Flowable):
    """A zero-height mark after the last item, on a page of its own: that page is left
    blank, and the pack's last page (this one or a padding page after it) gets the back
    cover, so that the page count stays a multiple of 4."""

    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan

    def wrap(self, aW, aH):
        return 0, 0

    def draw(self):
        page = self.canv.getPageNumber()
        self.plan.blank.add(page)
        self.plan.back = page


class NewPage(ActionFlowable):
    """Ends the page (what follows starts on the next one)."""

    def apply(self, doc):
        doc.handle_pageBreak()


class RightHand(ActionFlowable):
    """After a NewPage: when the new page is a left-hand (even) one, it is left blank and
    what follows starts on the right-hand page after it."""

    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan

    def apply(self, doc):
        if doc.page % 2 == 0:
            self.plan.blank.add(doc.page)
            doc.handle_pageBreak()


def item_stories(collection, styles, geo, plan):
    """Each item's (bookmark, headline block, body): bookmark keys unique across the items,
    the body's outline entries nested under the item's own."""
    from pipeline.writers.pdf.story import StoryBuilder, short_title

    marks = 0
    for i, doc in enumerate(collection.items):
        builder = StoryBuilder(doc, styles, geo)
        builder._bookmarks = marks
        head, body = builder.head(), builder.body()
        marks = builder._bookmarks
        nest_outline(body)
        yield (Bookmark(short_title(doc.title), f"item{i}", plan, index=i, offset=geo.offset),
               head, body)


def nest_outline(flowables, by: int = 1) -> None:
    """Push the outline entries of an item's body one level down, under the item's own."""
    from pipeline.writers.pdf.flowables import Marked

    for f in flowables:
        if isinstance(f, Marked) and f._outline:
            title, key, level = f._outline
            f._outline = (title, key, level + by)
        nest_outline(getattr(f, "_content", ()), by)


def draw_numbers(canv, plan: Plan, page: int, font: str, size: float, color) -> None:
    """The contents page numbers on ``page``, right-aligned on their titles' first lines."""
    for on, right, baseline, index in plan.numbers:
        if on != page or index not in plan.starts:
            continue
        canv.setFont(font, size)
        canv.setFillColor(color)
        canv.drawRightString(right, baseline, str(plan.starts[index]))
