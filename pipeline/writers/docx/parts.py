"""What every DOCX the pipeline writes holds besides its body: the style set-up (the layout's,
or a reference DOCX's) and the zipped package with properties, styles and fonts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.layouts import Layout
from pipeline.writers.docx import package
from pipeline.writers.docx.contract import STYLES
from pipeline.writers.docx.fonts import embedded_fonts
from pipeline.writers.docx.page import PageSetup, settings_xml
from pipeline.writers.docx.styles import paragraph_toggles, styles_xml
from pipeline.writers.docx.xml import ALL_NS, DECL

REL = package.REL


@dataclass
class StyleSetup:
    styles: str  # styles.xml
    ids: dict[str, str]  # style name -> style id
    toggles: dict
    page: PageSetup
    extra: dict[str, bytes | str] = field(default_factory=dict)  # e.g. the reference's theme


def style_setup(layout: Layout, language: str, reference: Path | None) -> StyleSetup:
    """The layout's styles, or a reference DOCX's (its page setup too, when it was made for
    this layout, and its theme)."""
    page = PageSetup.of(layout)
    if reference is None:
        return StyleSetup(styles_xml(layout, language), {s.name: s.style_id for s in STYLES},
                          paragraph_toggles(layout), page)
    from pipeline.writers.docx.reference import load_reference

    ref = load_reference(reference, layout.name)
    extra = {"word/theme/theme1.xml": ref.theme} if ref.theme else {}
    return StyleSetup(ref.styles, ref.ids, ref.toggles, ref.page or page, extra)


def docx_package(body_xml: str, final_props: str, layout: Layout, setup: StyleSetup, *,
                 lang: str, running, media, core: dict[str, str], source: str,
                 custom: dict[str, str], when) -> bytes:
    """The zipped package: ``body_xml`` then the last section's properties ``final_props``
    close the document; ``core``: title, creator, subject, keywords; ``source``: the file
    the document was built from (a custom property, as ``custom``)."""
    document = (f'{DECL}<w:document {ALL_NS}><w:body>{body_xml}{final_props}'
                "</w:body></w:document>")
    families = {s.family for s in layout.styles.values()}
    font_table, font_rels, font_files = embedded_fonts(families)
    rels = [("rIdStyles", f"{REL}/styles", "styles.xml"),
            ("rIdSettings", f"{REL}/settings", "settings.xml"),
            ("rIdFonts", f"{REL}/fontTable", "fontTable.xml"),
            *running.rels, *media.rels]
    if "word/theme/theme1.xml" in setup.extra:
        rels.append(("rIdTheme", f"{REL}/theme", "theme/theme1.xml"))
    parts: dict[str, bytes | str] = {
        "_rels/.rels": package.package_rels(),
        "docProps/core.xml": package.core_xml(**core, language=lang, when=when),
        "docProps/app.xml": package.app_xml(__version__),
        "docProps/custom.xml": package.custom_xml({
            "Source": source, "Pipeline version": __version__, "Layout": layout.name,
            **custom}),
        "word/document.xml": document,
        "word/_rels/document.xml.rels": package.relationships(rels),
        "word/styles.xml": setup.styles,
        "word/settings.xml": settings_xml(setup.page, lang),
        "word/fontTable.xml": font_table,
        "word/_rels/fontTable.xml.rels": font_rels,
        **running.parts, **setup.extra, **media.files, **font_files,
    }
    parts = {"[Content_Types].xml": package.content_types(parts), **parts}
    return package.write_zip(parts, when)


def collection_docx(collection, layout: Layout, out: list[str], setup: StyleSetup, *,
                    lang: str, running, media, subject: str) -> bytes:
    """A collection's package; the last paragraph of ``out`` carries the last section's
    properties, which close the body instead."""
    final = out.pop()
    last_props = final[final.index("<w:sectPr>"):final.index("</w:sectPr>") + 11]
    out.append(final.replace(last_props, ""))
    core = {"title": collection.title, "creator": collection.publication, "subject": subject,
            "keywords": ", ".join(dict.fromkeys([collection.publication,
                                                 *(d.title for d in collection.items)]))}
    custom = {"Kind": collection.kind,
              "Items": ", ".join(d.source_path.name for d in collection.items)}
    return docx_package("".join(out), last_props, layout, setup, lang=lang, running=running,
                        media=media, core=core, source=collection.source_path.name,
                        custom=custom, when=collection.date)
