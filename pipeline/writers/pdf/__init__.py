"""Print-ready PDF of a document in a layout (ReportLab platypus, CMYK, PDF/A-2b or PDF/X-4)."""

from __future__ import annotations

import io
from typing import NamedTuple

from pipeline.layouts import Layout
from pipeline.model import Document

BLEED_EXTRA = 0.5  # points the masthead band reaches past the bleed box, against rounding
HEAD_LEAVES = 8  # lines of body text the head leaves on page 1 at least (else the lead moves)


def render_pdf(doc: Document, layout: Layout, marks: bool = False, pdfx: bool = False,
               warnings: list | None = None) -> bytes:
    """The PDF bytes; identical input gives identical bytes. ``pdfx``: a PDF/X-4 file for
    the print shop (black overprints) instead of PDF/A-2b. ``warnings``: gets a Diagnostic
    when the last page stays under ``makeup.last_page_min`` (what to add or cut)."""
    from pipeline.writers.pdf.geometry import Geometry
    from pipeline.writers.pdf.images import prefetch

    geo = Geometry(layout, marks)
    prefetch(doc, geo)  # photos convert on the other core while ReportLab loads and lays out

    from pipeline.writers.pdf import standard
    from pipeline.writers.pdf.flowables import Rule
    from pipeline.writers.pdf.lastpage import short_last_page
    from pipeline.writers.pdf.metrics import install_fast_paths
    from pipeline.writers.pdf.pages import ColumnDoc, binary_streams, canvas_maker
    from pipeline.writers.pdf.running import Running
    from pipeline.writers.pdf.story import StoryBuilder, stack_height
    from pipeline.writers.pdf.styles import Styles

    install_fast_paths()
    styles = Styles(layout)
    running = Running(doc, layout, styles, geo)
    area = geo.text_area(1)
    room = area[3] - running.masthead_height - 2 - HEAD_LEAVES * layout.styles["Body Text"].leading
    builder = StoryBuilder(doc, styles, geo)
    made = _made_up(builder, builder.head(), geo, running, room)
    low, pages = layout.makeup.last_page_min, made.filling.pages
    if (len(pages) > 1 and layout.makeup.lead_across
            and (pages[-1] < low or made.filling.taken_back)):
        again = StoryBuilder(doc, styles, geo)  # new flowables: the first were made up
        head = again.across(again.head())
        if head is not None and stack_height(head, area[2]) <= room:
            wide = _made_up(again, head, geo, running, room)
            if (len(wide.filling.pages) == len(pages) and not wide.filling.taken_back
                    and wide.filling.pages[-1] >= low):
                made = wide
    story, head, head_height, filling = made
    if warnings is not None and len(filling.pages) > 1:
        warnings.extend(short_last_page(doc, geo, filling.pages))
    if filling.head:  # page 1's columns lower: the room goes around the head, half above
        head_height += filling.head  # it and half above its closing rule (air, not a hole)
        if len(head) > 1 and isinstance(head[-1], Rule):  # (spaces collapse: the larger)
            from reportlab.platypus import Spacer

            rule, above = head[-1], filling.head / 2
            rule.spaceBefore = max(rule.spaceBefore, head[-2].getSpaceAfter()) + above
            story.insert(0, Spacer(1, filling.head - above))
            story[0]._head = True

    buf = io.BytesIO()
    meta = standard.info(doc)
    tpl = ColumnDoc(buf, geo, head_height, running.masthead_height, running.on_page,
                    filling.ends,
                    invariant=1, pageCompression=1, lang=doc.language, **meta)
    with binary_streams():
        tpl.build(story, canvasmaker=canvas_maker(doc, layout, geo, running.draw, pdfx,
                                                  layout.name))
    return buf.getvalue()


class _MadeUp(NamedTuple):
    """A document's flowables made up (render_pdf's ``_made_up``)."""

    story: list
    head: list  # across page 1
    head_height: float
    filling: object  # holes.Filling


def _made_up(builder, head: list, geo, running, room: float) -> _MadeUp:
    """The document's flowables, the head across page 1 (``head``, or its lead and what
    follows in the first column when it is taller than ``room``), fitted (fit.py), its
    columns filled (holes.py) and its last page given lines (lastpage.py)."""
    from reportlab.platypus.doctemplate import FrameBreak

    from pipeline.writers.pdf.fit import MAX_PAGES, fit_story
    from pipeline.writers.pdf.holes import Filling
    from pipeline.writers.pdf.lastpage import make_up_columns
    from pipeline.writers.pdf.story import stack_height

    head, spill = builder.fit_head(head, room)
    head_height = running.masthead_height + stack_height(head, geo.text_area(1)[2]) + 2
    for f in head:
        f._head = True
    story = [*head, FrameBreak(), *spill, *builder.body()]
    fitted = fit_story(story, geo, head_height)  # figures scaled, lines tightened: a page less
    filling = Filling()  # no column ends short, in documents of MAX_PAGES pages at most
    if fitted.fitted <= MAX_PAGES:  # full columns, a last page that is not a widow
        filling = make_up_columns(story, geo, head_height, MAX_PAGES)
    return _MadeUp(story, head, head_height, filling)
