"""DOCX writer: the model as a styled, editable WordprocessingML package (no direct formatting)."""

from __future__ import annotations

from pathlib import Path

from pipeline.layouts import Layout
from pipeline.model import Document
from pipeline.writers.docx.body import Body
from pipeline.writers.docx.figures import Media
from pipeline.writers.docx.page import running, sect_pr
from pipeline.writers.docx.parts import docx_package, style_setup
from pipeline.writers.docx.source_props import source_properties
from pipeline.writers.docx.styles import language_tag


def render_docx(doc: Document, layout: Layout, reference: Path | None = None) -> bytes:
    """The DOCX of ``doc`` in ``layout``; with ``reference``, its style sheet (and page setup,
    when it was made for this layout) replaces the layout's."""
    lang = language_tag(doc.language)
    setup = style_setup(layout, doc.language, reference)
    ids, toggles, page = setup.ids, setup.toggles, setup.page

    media = Media()
    body = Body(ids, toggles, media, page.column_width(layout.columns, layout.gutter))
    fields = doc.fields()
    heads = running(layout, fields, ids)
    body.head(doc, layout)
    if layout.columns > 1:
        # The head spans the page; a continuous section break, then the body in columns.
        last = body.out.pop()
        break_pr = sect_pr(page, 1, 0, refs=heads.refs, title_page=heads.title_page)
        body.out.append(last.replace("</w:pPr>", f"{break_pr}</w:pPr>", 1))
        body.blocks(doc)
        final = sect_pr(page, layout.columns, layout.gutter, refs=heads.refs,
                        continuous=True)
    else:
        body.blocks(doc)
        final = sect_pr(page, 1, 0, refs=heads.refs, title_page=heads.title_page)
    core = {"title": doc.title, "creator": doc.byline or doc.publication,
            "subject": doc.kicker or doc.event or doc.publication,
            "keywords": ", ".join(dict.fromkeys(
                [doc.publication, *(p.name or p.label for p in doc.interviewees)]))}
    return docx_package("".join(body.out), final, layout, setup, lang=lang, running=heads,
                        media=media, core=core, source=doc.source_path.name,
                        custom=source_properties(doc), when=doc.date)
