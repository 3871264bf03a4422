"""Page setup: section properties (size, margins, columns) and header/footer parts."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.layouts import Layout
from pipeline.writers.docx.running import part, running_text
from pipeline.writers.docx.styles import twips
from pipeline.writers.docx.xml import DECL, W_NS, esc

HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"


@dataclass
class PageSetup:
    """Page size and margins in twips (a reference DOCX may replace the layout's)."""

    width: int
    height: int
    top: int
    right: int
    bottom: int
    left: int
    header: int
    footer: int

    @classmethod
    def of(cls, layout: Layout) -> "PageSetup":
        m = {k: twips(v) for k, v in layout.margin.items()}
        return cls(twips(layout.width), twips(layout.height), m["top"], m["outside"],
                   m["bottom"], m["inside"], m["top"] // 2, m["bottom"] // 2)

    @property
    def mirror(self) -> bool:
        """Inside and outside margins differ: mirrored margins (w:mirrorMargins)."""
        return self.left != self.right

    def column_width(self, columns: int, gutter: float) -> float:
        """Points available to one column."""
        text = (self.width - self.left - self.right) / 20
        return (text - (columns - 1) * gutter) / columns

    def xml(self) -> str:
        return (f'<w:pgSz w:w="{self.width}" w:h="{self.height}"/>'
                f'<w:pgMar w:top="{self.top}" w:right="{self.right}" w:bottom="{self.bottom}" '
                f'w:left="{self.left}" w:header="{self.header}" w:footer="{self.footer}" '
                'w:gutter="0"/>')


@dataclass
class Running:
    """Header and footer parts of a layout: zip name -> XML, and the section references."""

    parts: dict[str, str] = field(default_factory=dict)
    rels: list[tuple[str, str, str]] = field(default_factory=list)  # (id, type, target)
    refs: str = ""
    title_page: bool = False


def running(layout: Layout, fields: dict, ids: dict[str, str]) -> Running:
    """Headers/footers; a layout's ``from_page: 2`` gives an empty first page (w:titlePg).
    Word can only tell the first page apart, so any later start is treated as 2."""
    out = Running()
    refs = []
    for kind, spec, style, rel in (("header", layout.header, "Header", HEADER_REL),
                                   ("footer", layout.footer, "Footer", FOOTER_REL)):
        text = running_text(spec.text, fields).strip() if spec else ""
        if not text:
            continue
        tag = "hdr" if kind == "header" else "ftr"
        variants = [("default", text)]
        if spec.from_page > 1:
            out.title_page = True
            variants.append(("first", ""))
        for variant, content in variants:
            n = len(out.parts) + 1
            name = f"{kind}{n}.xml"
            out.parts[f"word/{name}"] = part(tag, ids[style], content)
            rid = f"rIdHf{n}"
            out.rels.append((rid, rel, name))
            refs.append(f'<w:{kind}Reference w:type="{variant}" r:id="{rid}"/>')
    # Schema order: all header references before the footer references.
    out.refs = "".join(sorted(refs, key=lambda r: not r.startswith("<w:header")))
    return out


def sect_pr(page: PageSetup, columns: int, gutter: float, *, refs: str = "",
            continuous: bool = False, title_page: bool = False) -> str:
    kind = '<w:type w:val="continuous"/>' if continuous else ""
    cols = (f'<w:cols w:num="{columns}" w:space="{twips(gutter)}"/>' if columns > 1
            else '<w:cols w:space="720"/>')
    title = "<w:titlePg/>" if title_page else ""
    return f"<w:sectPr>{refs}{kind}{page.xml()}{cols}{title}</w:sectPr>"


def settings_xml(page: PageSetup, language: str) -> str:
    """Fonts are embedded; mirrored margins when inside and outside differ."""
    mirror = "<w:mirrorMargins/>" if page.mirror else ""
    return (f"{DECL}<w:settings {W_NS}><w:embedTrueTypeFonts/>{mirror}"
            '<w:defaultTabStop w:val="720"/>'
            '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>'
            '<w:compatSetting w:name="compatibilityMode" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
            f'<w:themeFontLang w:val="{esc(language)}"/></w:settings>')
