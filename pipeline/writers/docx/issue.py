"""DOCX of a newsletter issue: one masthead, "Trong số này", and each item's headline across
the page followed by its body in columns, in continuous sections (Word balances the columns
above each headline, so the next item starts where the previous one ends)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pipeline.layouts import Layout
from pipeline.writers.docx.body import Body
from pipeline.writers.docx.parts import collection_docx, style_setup
from pipeline.writers.docx.figures import Media
from pipeline.writers.docx.pack import (TOC_STYLE_ID, _bookmark, _field, _mark_title,
                                        _with_toc_style)
from pipeline.writers.docx.page import running, sect_pr
from pipeline.writers.docx.running import plain
from pipeline.writers.docx.styles import language_tag
from pipeline.writers.docx.xml import run

BOX_TITLE = "Trong số này"


def render_issue_docx(collection, layout: Layout, starts: dict[int, int],
                      reference: Path | None = None) -> bytes:
    """The issue's DOCX; ``starts`` (item index -> page of the issue's PDF) fills the cached
    page numbers of "Trong số này"."""
    lang = language_tag(collection.language)
    setup = style_setup(layout, collection.language, reference)
    ids, toggles, page = setup.ids, setup.toggles, setup.page
    setup.styles = _with_toc_style(setup.styles, ids, page)

    media = Media()
    body = Body(ids, toggles, media, page.column_width(layout.columns, layout.gutter))
    fields = collection.as_document().fields()
    heads = running(layout, fields, ids)
    no_masthead = dataclasses.replace(layout, masthead=None)
    if layout.masthead:
        body.text("Masthead", plain(str(layout.masthead.get("text", "")), fields))
        info = plain(str(layout.masthead.get("info", "")), fields)
        if info:
            body.text("Masthead Info", info)
    for i, doc in enumerate(collection.items):
        first = len(body.out)
        body.head(doc, no_masthead)
        _mark_title(body, first, ids["Title"], i, doc.title)
        if i == 0 and len(collection.items) > 1:
            _box(body, collection, starts)
        _end(body, sect_pr(page, 1, 0, refs=heads.refs, title_page=heads.title_page,
                           continuous=i > 0))
        body.blocks(doc)
        _end(body, sect_pr(page, layout.columns, layout.gutter, continuous=True))
    return collection_docx(collection, layout, body.out, setup, lang=lang, running=heads,
                           media=media, subject=collection.issue or collection.title)


def _end(body: Body, props: str) -> None:
    last = body.out.pop()
    body.out.append(last.replace("</w:pPr>", f"{props}</w:pPr>", 1))


def _box(body: Body, collection, starts: dict[int, int]) -> None:
    """"Trong số này": the later items, each a link to its title with its page number."""
    body.text("Kicker", BOX_TITLE)
    for i, doc in enumerate(collection.items[1:], 1):
        pb, ps, pe = _field(f"PAGEREF {_bookmark(i)} \\h")
        body.out.append(
            f'<w:p><w:pPr><w:pStyle w:val="{TOC_STYLE_ID}"/></w:pPr><w:hyperlink '
            f'w:anchor="{_bookmark(i)}" w:history="1">{run(doc.title)}<w:r><w:tab/></w:r>'
            f'{pb}{ps}{run(str(starts.get(i, "")))}{pe}</w:hyperlink></w:p>')
