"""The DOCX package of a collection (pack or issue): document, properties, styles, fonts."""

from __future__ import annotations

from pipeline import __version__
from pipeline.writers.docx import package
from pipeline.writers.docx.fonts import embedded_fonts
from pipeline.writers.docx.page import settings_xml
from pipeline.writers.docx.xml import ALL_NS, DECL

REL = package.REL


def collection_docx(collection, layout, out: list[str], *, styles, page, lang, running, media,
                    extra, subject: str) -> bytes:
    """Zip the body paragraphs ``out`` (the last one carries the last section's properties,
    which close the body instead) with everything a collection's DOCX holds."""
    final = out.pop()
    last_props = final[final.index("<w:sectPr>"):final.index("</w:sectPr>") + 11]
    out.append(final.replace(last_props, ""))
    document = (f'{DECL}<w:document {ALL_NS}><w:body>{"".join(out)}{last_props}'
                "</w:body></w:document>")

    families = {s.family for s in layout.styles.values()}
    font_table, font_rels, font_files = embedded_fonts(families)
    rels = [("rIdStyles", f"{REL}/styles", "styles.xml"),
            ("rIdSettings", f"{REL}/settings", "settings.xml"),
            ("rIdFonts", f"{REL}/fontTable", "fontTable.xml"),
            *running.rels, *media.rels]
    if "word/theme/theme1.xml" in extra:
        rels.append(("rIdTheme", f"{REL}/theme", "theme/theme1.xml"))
    parts: dict[str, bytes | str] = {
        "_rels/.rels": package.package_rels(),
        "docProps/core.xml": package.core_xml(
            title=collection.title, creator=collection.publication, subject=subject,
            keywords=", ".join(dict.fromkeys([collection.publication,
                                              *(d.title for d in collection.items)])),
            language=lang, when=collection.date),
        "docProps/app.xml": package.app_xml(__version__),
        "docProps/custom.xml": package.custom_xml({
            "Source": collection.source_path.name, "Pipeline version": __version__,
            "Layout": layout.name, "Kind": collection.kind,
            "Items": ", ".join(d.source_path.name for d in collection.items)}),
        "word/document.xml": document,
        "word/_rels/document.xml.rels": package.relationships(rels),
        "word/styles.xml": styles,
        "word/settings.xml": settings_xml(page, lang),
        "word/fontTable.xml": font_table,
        "word/_rels/fontTable.xml.rels": font_rels,
        **running.parts, **extra, **media.files, **font_files,
    }
    parts = {"[Content_Types].xml": package.content_types(parts), **parts}
    return package.write_zip(parts, collection.date)
