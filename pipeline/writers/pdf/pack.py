"""Print-ready PDF of a congress pack: cover, contents, each interview from a right-hand page."""

from __future__ import annotations

import io

from pipeline.layouts import Layout

CONTENTS_TITLE = "Mục lục"


def render_pack_pdf(collection, layout: Layout, marks: bool = False, pdfx: bool = False,
                    plan=None, warnings: list | None = None, output: str = "pack.pdf") -> bytes:
    """The pack's PDF bytes, built as render_pdf builds one interview (same canvas, doc
    template, styles, story builder, standard), in one pass: the contents page numbers and
    running heads are drawn at save, when every page is known. ``plan`` (a pack_parts.Plan)
    is filled with what the pages hold, such as the page each item starts on.
    ``warnings``: gets a Diagnostic, at the item's source, for each interview whose last
    page stays under ``makeup.last_page_min`` (``output``: the file they name)."""
    from pipeline.writers.pdf.geometry import Geometry
    from pipeline.writers.pdf.images import cmyk_jpeg, prefetch

    geo = Geometry(layout, marks)
    for doc in collection.items:
        prefetch(doc, geo)
    photo = None
    if collection.cover is not None and collection.cover.pixels:
        width = layout.width + 2 * layout.bleed + 1
        photo = (cmyk_jpeg(collection.cover.path, geo.photo_pixels(width)),
                 collection.cover.aspect)


    from pipeline.writers.pdf import standard
    from pipeline.writers.pdf.metrics import install_fast_paths
    from pipeline.writers.pdf.pack_makeup import make_up
    from pipeline.writers.pdf.pack_parts import Plan
    from pipeline.writers.pdf.pack_running import PackRunning
    from pipeline.writers.pdf.pages import ColumnDoc, binary_streams, canvas_maker
    from pipeline.writers.pdf.styles import Styles

    install_fast_paths()
    styles = Styles(layout)
    pack_doc = collection.as_document()
    plan = Plan() if plan is None else plan
    running = PackRunning(pack_doc, layout, styles, geo, plan, collection)
    story, contents, items = pack_story(collection, styles, geo, plan, photo)
    short, starts, shares = make_up(contents, items, geo)  # each interview as a document

    def build(story: list, short: dict) -> bytes:
        buf = io.BytesIO()
        meta = standard.info(pack_doc)
        tpl = ColumnDoc(buf, geo, 0, 0, running.on_page, short, invariant=1,
                        pageCompression=1, lang=pack_doc.language, **meta)
        with binary_streams():
            tpl.build(story, canvasmaker=canvas_maker(pack_doc, layout, geo, running.draw,
                                                      pdfx, f"pack-{layout.name}"))
        return buf.getvalue()

    pdf = build(story, short)
    if short and [plan.starts.get(i) for i in range(len(starts))] != starts:
        plan.__dict__.update(Plan().__dict__)  # the columns ended higher on other pages
        pdf = build(pack_story(collection, styles, geo, plan, photo)[0], {})
    elif warnings is not None:  # the pages as the make-up predicted them
        from pipeline.writers.pdf.lastpage import short_last_page

        for doc, start, pages in zip(collection.items, starts, shares):
            if len(pages) > 1:
                warnings.extend(short_last_page(doc, geo, pages, output, start))
    return pdf


def pack_story(collection, styles, geo, plan, photo) -> tuple[list, list, list[list]]:
    """(the story, its contents page's flowables, each item's flowables): cover,
    contents, then each item: a right-hand start, its bookmark, its headline block and its
    body, with the body's bookmarks nested under the item's."""
    from pipeline.writers.pdf.display import display_text
    from pipeline.writers.pdf.pack_parts import (BackCoverPage, Bookmark, ContentsEntry,
                                                  Cover, NewPage, RightHand, item_stories)

    fields = {"title": collection.title, "publication": collection.publication,
              "issue": collection.issue or "", "event": collection.event or "",
              "place": collection.place or "", "date": collection.date.strftime("%d/%m/%Y")}
    story = [Cover(fields, styles, geo, photo), NewPage(),
             Bookmark(CONTENTS_TITLE, "contents", plan, offset=geo.offset),
             display_text(CONTENTS_TITLE, styles["Title"], "Title")]
    for i, doc in enumerate(collection.items):
        who = doc.interviewees[0] if doc.interviewees else None
        line = None
        if who:
            text = (who.name or who.label) + (f" – {who.title}" if who.title else "")
            line = display_text(text, styles["Interviewee"], "Interviewee")
        story.append(ContentsEntry(i, display_text(doc.title, styles["Heading 1"], "Heading 1"),
                                   line, plan))
    contents, items = story[2:], []
    for bookmark, head, body in item_stories(collection, styles, geo, plan):
        items.append([bookmark, *head, *body])
        story += [NewPage(), RightHand(plan), *items[-1]]
    if collection.back_cover:
        story += [NewPage(), BackCoverPage(plan)]
    return story, contents, items
