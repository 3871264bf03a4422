"""Print-ready PDF of a newsletter issue: one masthead, the first item as lead story with
"Trong số này" beside it, each later item's headline across the columns where the previous
item ends (a new page only when less than a third of one is left)."""

from __future__ import annotations

import io
from types import SimpleNamespace

from pipeline.layouts import Layout

BOX_TITLE = "Trong số này"


def render_issue_pdf(collection, layout: Layout, marks: bool = False, pdfx: bool = False,
                     plan=None) -> bytes:
    """The issue's PDF bytes, laid out page by page on the print canvas of a single
    newsletter (masthead, running footer, standard, boxes). ``plan`` (a pack_parts.Plan)
    is filled with the page each item starts on."""
    from pipeline.writers.pdf.geometry import Geometry
    from pipeline.writers.pdf.images import prefetch

    geo = Geometry(layout, marks)
    for doc in collection.items:
        prefetch(doc, geo)

    from reportlab.platypus.doctemplate import BaseDocTemplate

    from pipeline.writers.pdf import standard
    from pipeline.writers.pdf.issue_composer import Composer
    from pipeline.writers.pdf.metrics import install_fast_paths
    from pipeline.writers.pdf.pack_parts import Plan
    from pipeline.writers.pdf.pages import binary_streams, canvas_maker
    from pipeline.writers.pdf.styles import Styles

    install_fast_paths()
    styles = Styles(layout)
    issue_doc = collection.as_document()
    plan = Plan() if plan is None else plan
    running = _running(issue_doc, layout, styles, geo, plan)
    buf = io.BytesIO()
    meta = standard.info(issue_doc)
    tpl = BaseDocTemplate(buf, pagesize=geo.media, invariant=1, pageCompression=1,
                          lang=issue_doc.language, **meta)
    canvasmaker = canvas_maker(issue_doc, layout, geo, running.draw, pdfx,
                               f"issue-{layout.name}")
    with binary_streams():
        canv = tpl._makeCanvas(filename=buf, canvasmaker=canvasmaker)
        running.on_page(canv, SimpleNamespace(page=1))  # the masthead band
        Composer(canv, geo, styles).compose(_items(collection, styles, geo, plan))
        canv.showPage()  # the last page, as the doc template ends it
        canv.save()
    return buf.getvalue()


def _running(doc, layout, styles, geo, plan):
    from pipeline.writers.pdf.pack_parts import draw_numbers
    from pipeline.writers.pdf.running import Running
    from pipeline.writers.pdf.styles import cmyk

    class IssueRunning(Running):
        """The newsletter's running elements over the issue's fields, and the page
        numbers of the "Trong số này" box, drawn when every page is known."""

        def draw(self, canv, page, pages, blank):
            super().draw(canv, page, pages, blank)
            style = styles["Caption"]
            draw_numbers(canv, plan, page, style.fontName, style.fontSize,
                         cmyk(layout.styles["Kicker"].color))

    return IssueRunning(doc, layout, styles, geo)


def _items(collection, styles, geo, plan) -> list[tuple[list, list]]:
    """(headline block, body) of each item; the lead story's body opens with the box."""
    from pipeline.writers.pdf.pack_parts import item_stories

    out = [([bookmark, *head], body)
           for bookmark, head, body in item_stories(collection, styles, geo, plan)]
    if len(collection.items) > 1:
        out[0][1].insert(0, _box(collection, styles, plan))
    return out


def _box(collection, styles, plan):
    """"Trong số này": the later items with the page each starts on."""
    from reportlab.platypus import KeepTogether

    from pipeline.writers.pdf.display import display_text
    from pipeline.writers.pdf.flowables import Rule
    from pipeline.writers.pdf.pack_parts import ContentsEntry
    from pipeline.writers.pdf.styles import cmyk

    color = cmyk(styles.layout.colors.get("accent", (1, .72, 0, .18)))
    parts = [Rule(color, 1.2, space_after=4), display_text(BOX_TITLE, styles["Kicker"], "Kicker")]
    for i, doc in enumerate(collection.items[1:], 1):
        parts.append(ContentsEntry(i, display_text(doc.title, styles["Caption"], "Caption"), None,
                                   plan))
    parts.append(Rule(color, 0.6, space_before=2, space_after=10))
    return KeepTogether(parts)
