"""DOCX writer: the model as a styled, editable WordprocessingML package (no direct formatting)."""

from __future__ import annotations

from pathlib import Path

from pipeline import __version__
from pipeline.layouts import Layout
from pipeline.model import Document
from pipeline.writers.docx import package
from pipeline.writers.docx.body import Body
from pipeline.writers.docx.contract import STYLES
from pipeline.writers.docx.figures import Media
from pipeline.writers.docx.fonts import embedded_fonts
from pipeline.writers.docx.page import PageSetup, running, sect_pr, settings_xml
from pipeline.writers.docx.source_props import source_properties
from pipeline.writers.docx.styles import language_tag, paragraph_toggles, styles_xml
from pipeline.writers.docx.xml import ALL_NS, DECL

REL = package.REL


def render_docx(doc: Document, layout: Layout, reference: Path | None = None) -> bytes:
    """The DOCX of ``doc`` in ``layout``; with ``reference``, its style sheet (and page setup,
    when it was made for this layout) replaces the layout's."""
    lang = language_tag(doc.language)
    ids = {s.name: s.style_id for s in STYLES}
    page = PageSetup.of(layout)
    toggles = paragraph_toggles(layout)
    extra: dict[str, bytes | str] = {}
    if reference is not None:
        from pipeline.writers.docx.reference import load_reference

        ref = load_reference(reference, layout.name)
        styles, ids, toggles = ref.styles, ref.ids, ref.toggles
        page = ref.page or page
        if ref.theme:
            extra["word/theme/theme1.xml"] = ref.theme
    else:
        styles = styles_xml(layout, doc.language)

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
    document = (f'{DECL}<w:document {ALL_NS}><w:body>{"".join(body.out)}{final}'
                "</w:body></w:document>")

    families = {s.family for s in layout.styles.values()}
    font_table, font_rels, font_files = embedded_fonts(families)
    rels = [("rIdStyles", f"{REL}/styles", "styles.xml"),
            ("rIdSettings", f"{REL}/settings", "settings.xml"),
            ("rIdFonts", f"{REL}/fontTable", "fontTable.xml"),
            *heads.rels, *media.rels]
    if "word/theme/theme1.xml" in extra:
        rels.append(("rIdTheme", f"{REL}/theme", "theme/theme1.xml"))

    parts: dict[str, bytes | str] = {
        "_rels/.rels": package.package_rels(),
        "docProps/core.xml": package.core_xml(
            title=doc.title, creator=doc.byline or doc.publication,
            subject=doc.kicker or doc.event or doc.publication,
            keywords=", ".join(dict.fromkeys(
                [doc.publication, *(p.name or p.label for p in doc.interviewees)])),
            language=lang, when=doc.date),
        "docProps/app.xml": package.app_xml(__version__),
        "docProps/custom.xml": package.custom_xml({
            "Source": doc.source_path.name, "Pipeline version": __version__,
            "Layout": layout.name, **source_properties(doc)}),
        "word/document.xml": document,
        "word/_rels/document.xml.rels": package.relationships(rels),
        "word/styles.xml": styles,
        "word/settings.xml": settings_xml(page, lang),
        "word/fontTable.xml": font_table,
        "word/_rels/fontTable.xml.rels": font_rels,
        **heads.parts, **extra, **media.files, **font_files,
    }
    parts = {"[Content_Types].xml": package.content_types(parts), **parts}
    return package.write_zip(parts, doc.date)
