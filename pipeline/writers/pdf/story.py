"""The model's blocks as platypus flowables: head across the page, body for the columns."""

from __future__ import annotations

import re


from pipeline.model import Document, Figure, Heading, Paragraphs, Quote, Turn, plain_text
from pipeline.writers.pdf import images
from pipeline.writers.pdf.display import display
from pipeline.writers.pdf.flowables import (FitFigure, KeepWithFirstLines, Marked, Para, Photo,
                                           Placeholder, PullQuote, Rule)
from pipeline.writers.pdf.fonts import face
from pipeline.writers.pdf.geometry import Geometry
from pipeline.writers.pdf.justified import Justified, JustifiedMarked, can_set
from pipeline.writers.pdf.markup import escape, frags, spans
from pipeline.writers.pdf.pieces import pieces
from pipeline.writers.pdf.styles import Styles, cmyk

_MARKS = re.compile("[\u0300-\u036f]")


class StoryBuilder:
    """Turns one document into flowables for one layout and its page geometry."""

    def __init__(self, doc: Document, styles: Styles, geo: Geometry):
        self.doc, self.styles, self.geo, self.offset = doc, styles, geo, geo.offset
        self._bookmarks = 0
        self._in_section = False
        self._across = None  # the opening photo, when the head holds it (across())

    def para(self, style_name: str, paragraph, cls=Para, **kw):
        s = self.styles.model(style_name)
        speaker = self.styles.model("Speaker").family
        style = self.styles[style_name]
        marks = any(_MARKS.search(span.text) for span in paragraph)
        if not style.shaping and marks:
            style = self.styles.shaped(style_name)  # combining marks NFC could not absorb
        shown = cls if s.align == "justify" else display(style_name, plain_text(paragraph), cls)
        if shown is not cls:
            cls, kw = shown, {**kw, "words": plain_text(paragraph)}
        if s.caps:  # the parser applies the text transform
            return cls(spans(paragraph, s.family, s.bold, s.italic, speaker), style, **kw)
        parts = frags(paragraph, style, s.family, s.bold, s.italic, speaker)
        if s.align == "justify" and not marks and can_set(parts):  # marks: HarfBuzz places
            cls = JustifiedMarked if cls is Marked else Justified
            kw.update(fit=self.styles.layout.justify, kern=s.kerning)
        return cls(plain_text(paragraph), style, frags=parts, **kw)

    def plain(self, style_name: str, text: str):
        cls = display(style_name, text)
        kw = {"words": text} if cls is not Para else {}
        return cls(escape(text), self.styles[style_name], **kw)

    # -- head: across the columns on page 1 ------------------------------------------------
    def head(self) -> list:
        d, out = self.doc, []
        if d.kicker:
            out.append(self.plain("Kicker", d.kicker))
        out.append(self.plain("Title", d.title))
        out.extend(self.para("Lead", p) for p in d.lead)
        who = d.interviewees[0] if d.interviewees else None
        if who:
            s = self.styles.model("Interviewee")
            name = who.name or who.label
            text = f'<font face="{face(s.family, True, s.italic)}">{escape(name)}</font>'
            if who.title:
                text += f" – {escape(who.title)}"
            plain = name + (f" – {who.title}" if who.title else "")
            cls = display("Interviewee", plain)
            out.append(cls(text, self.styles["Interviewee"],
                           **({"words": plain} if cls is not Para else {})))
        out.append(Rule(cmyk(self.styles.layout.colors.get("rule", (0, 0, 0, .3))), 0.6,
                        space_after=2))
        return out

    # -- body: the interview, in reading order ------------------------------------------
    def body(self) -> list:
        items: list[tuple[object, bool]] = []  # (flowable, keep with next)
        for block in self.doc.blocks:
            if block is self._across:
                continue
            if isinstance(block, Turn):
                style = "Question" if block.kind == "q" else "Answer"
                for i, p in enumerate(block.paragraphs):
                    if i == 0 and block.kind == "q":
                        items.append((self.marked(style, p), True))
                    else:
                        items.append((self.para(style if i == 0 else "Body Text", p),
                                      i == 0 and self.styles.model(style).keep_with_next
                                      and len(block.paragraphs) > 1))
            elif isinstance(block, Paragraphs):
                items.extend((self.para("Body Text", p), False) for p in block.paragraphs)
            elif isinstance(block, Figure):
                items.append((self.figure(block), False))
            elif isinstance(block, Quote):
                items.append((self.quote(block), False))
            elif isinstance(block, Heading):
                self._in_section = False
                items.append((self.marked("Heading 1", block.text, level=0), True))
                self._in_section = True
        if self.doc.byline:
            items.append((self.plain("Byline", self.doc.byline), False))
        return _group(self.cut_long(items))

    def cut_long(self, items: list[tuple[object, bool]]) -> list[tuple[object, bool]]:
        """Very long paragraphs as pieces (see pieces.py); the last piece keeps with next."""
        out = []
        for flowable, keep in items:
            if isinstance(flowable, Para):
                parts = pieces(flowable, self.geo.column_width)
                out.extend((part, keep and part is parts[-1]) for part in parts)
            else:
                out.append((flowable, keep))
        return out

    def fit_head(self, head: list, room: float) -> tuple[list, list]:
        """The head as (across the page, into the columns): when it is taller than ``room``,
        the lead and what follows it go to the top of the first column instead, so that a
        long lead cannot push the columns off the page. The kicker and title always stay
        (the source's contract keeps them short)."""
        if stack_height(head, self.geo.text_area(1)[2]) <= room:
            return head, []
        keep = 2 if self.doc.kicker else 1
        spill = [item for flowable in head[keep:] for item in
                 (pieces(flowable, self.geo.column_width) if isinstance(flowable, Para)
                  else [flowable])]
        return head[:keep], spill

    def marked(self, style_name: str, paragraph, level: int | None = None):
        self._bookmarks += 1
        title = short_title(plain_text(paragraph))
        lvl = level if level is not None else int(self._in_section)
        return self.para(style_name, paragraph, cls=Marked,
                         outline=(title, f"b{self._bookmarks}", lvl), offset=self.offset)

    def across(self, head: list):
        """``head`` with the photo that opens the interview set across the columns above its
        closing rule (at the type area's width, its caption under it), which body() then
        leaves out: the reading order stays. None when the interview opens otherwise, the
        layout has one column, the photo would be taller than a column's MAX_FIGURE_SHARE
        there, or it has fewer pixels than the layout's image_ppi asks at that width (a
        draft's placeholder has all it needs)."""
        blocks, width = self.doc.blocks, self.geo.text_area(1)[2]
        first = blocks[0] if blocks else None
        if (not isinstance(first, Figure) or self.geo.layout.columns < 2
                or not isinstance(head[-1], Rule)):
            return None
        if self.geo.figure_size(first.aspect, width)[0] < width - 0.01:
            return None
        if first.pixels and first.pixels[0] < width / 72 * self.geo.layout.image_ppi:
            return None
        self._across = first
        return [*head[:-1], self.figure(first, width), head[-1]]

    def figure(self, fig: Figure, width: float | None = None):
        width, height = self.geo.figure_size(fig.aspect, width)
        if fig.pixels:
            picture = Photo(images.cmyk_jpeg(fig.path, self.geo.photo_pixels(width)), width,
                            height)
        else:
            picture = Placeholder(width, height, cmyk((0, 0, 0, .15)), f"[{fig.src}]",
                                  face(self.styles.model("Caption").family))
        picture.spaceAfter = 3
        s, c = self.styles.model("Caption"), self.styles.model("Credit")
        text = spans(fig.caption, s.family, s.bold, s.italic)
        plain = plain_text(fig.caption)
        if fig.credit:
            credit_face = face(c.family, c.bold, c.italic)
            text += f' <font face="{credit_face}">Ảnh: {escape(fig.credit)}</font>'
            plain += f" Ảnh: {fig.credit}"
        cls = display("Caption", plain)
        kw = {"words": plain} if cls is not Para else {}
        return FitFigure(picture, cls(text, self.styles["Caption"], **kw),
                         min_scale=self.styles.layout.makeup.figure_min_scale)

    def quote(self, q: Quote):
        color = cmyk(self.styles.model("Pull Quote").color)
        parts = [Rule(color, 1.6, space_before=self.styles.model("Pull Quote").space_before,
                      space_after=5, width_ratio=0.3)]
        for p in q.paragraphs:
            parts.extend(pieces(self.para("Pull Quote", p), self.geo.column_width))
        if q.speaker:
            parts.append(self.plain("Byline", q.speaker.name or q.speaker.label))
        parts.append(Rule(color, 0.6, space_before=2, space_after=10, width_ratio=0.3))
        return PullQuote(parts)


def short_title(title: str, limit: int = 90) -> str:
    """A title as an outline entry shows it: cut at ``limit`` characters with an ellipsis."""
    return title if len(title) <= limit else title[:limit - 2].rstrip() + "…"


def stack_height(flowables, width: float) -> float:
    """Height of flowables stacked in a frame of ``width``, spaces between them included
    (a photo kept with its caption counted as its parts: ReportLab's KeepTogether gives
    no height of its own)."""
    total, prev_after = 0.0, 0.0
    flowables = [part for f in flowables
                 for part in (f._content if isinstance(f, FitFigure) else [f])]
    for i, f in enumerate(flowables):
        h = f.wrap(width, 0x7FFFFFFF)[1]
        before = f.getSpaceBefore() if i else 0.0
        total += h + max(before, prev_after)
        prev_after = f.getSpaceAfter()
    return total + prev_after


def _group(items: list[tuple[object, bool]]) -> list:
    """Flowables that keep with the next one are joined to it (see KeepWithFirstLines);
    with the next text, when a photo or a pull quote comes between: that floats (floats.py)
    and follows the group, so a closing question stays with the byline whether or not the
    photo after it fits."""
    from pipeline.writers.pdf.floats import is_figure

    out, heads, passed = [], [], []
    for flowable, keep in items:
        if keep:
            heads.append(flowable)
            continue
        if heads and is_figure(flowable):
            passed.append(flowable)
            continue
        out.append(KeepWithFirstLines(heads, flowable) if heads else flowable)
        out.extend(passed)
        heads, passed = [], []
    out.extend(heads)
    out.extend(passed)
    return out
