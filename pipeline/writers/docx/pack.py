"""DOCX of a congress pack: a cover, a table-of-contents field whose cached entries are
already filled in, and one section per interview, each starting on a right-hand page."""

from __future__ import annotations

from pathlib import Path

from pipeline.layouts import Layout
from pipeline.model import Figure, Location
from pipeline.writers.docx.body import Body
from pipeline.writers.docx.parts import collection_docx, style_setup
from pipeline.writers.docx.figures import Media
from pipeline.writers.docx.page import FOOTER_REL, HEADER_REL, PageSetup
from pipeline.writers.docx.running import part, running_text
from pipeline.writers.docx.styles import language_tag, twips
from pipeline.writers.docx.xml import esc, run

CONTENTS_TITLE = "Mục lục"
TOC_STYLE_ID = "TOC1"  # Word's built-in "toc 1", the style its TOC field gives level 1


def render_pack_docx(collection, layout: Layout, starts: dict[int, int],
                     reference: Path | None = None) -> bytes:
    """The pack's DOCX; ``starts`` (item index -> page, from the pack's PDF) fills the
    contents' cached page numbers, so that the contents read right before Word updates
    the field (Word's own pages may then differ by a little)."""
    lang = language_tag(collection.language)
    setup = style_setup(layout, collection.language, reference)
    ids, toggles, page = setup.ids, setup.toggles, setup.page
    setup.styles = _with_toc_style(setup.styles, ids, page)

    media = Media()
    body = Body(ids, toggles, media, page.column_width(1, 0))
    hf = _HeadersFooters(ids, layout)
    pack_doc = collection.as_document()
    pack_fields = pack_doc.fields()

    # the cover: no running elements
    if collection.cover is not None and collection.cover.pixels:
        c = collection.cover
        cover = Figure(c.path, c.path.name, (), None, collection.title, c.pixels,
                       Location(1, 1), image_format=c.image_format, orientation=c.orientation)
        body.para("Figure", media.drawing(cover, body.column_width))
    if collection.event:
        body.text("Kicker", collection.event)
    body.text("Title", collection.title)
    where = " – ".join(x for x in (collection.place, pack_fields["date"]) if x)
    body.text("Interviewee", where)
    body.text("Lead", " – ".join(x for x in (collection.publication, collection.issue) if x))
    _end_section(body, page, "")

    # the contents: a TOC field over the items' TC entries, its result already written
    body.text("Kicker", CONTENTS_TITLE)
    body.out.extend(_toc(collection, starts))
    _end_section(body, page, hf.refs(collection.title, pack_fields, first_blank=False),
                 odd=False)

    for i, doc in enumerate(collection.items):
        first = len(body.out)
        body.head(doc, layout)
        _mark_title(body, first, ids["Title"], i, doc.title)
        body.blocks(doc)
        _end_section(body, page, hf.refs(doc.title, {**pack_fields, **doc.fields()},
                                         first_blank=True), odd=True)
    if collection.back_cover:  # the last page: a left-hand one, no running elements
        for text in collection.back_cover:
            body.text("Interviewee", text)
        body.text("Lead", " – ".join(x for x in (collection.publication, collection.issue)
                                      if x))
        _end_section(body, page, hf.empty(), even=True)
    return collection_docx(collection, layout, body.out, setup, lang=lang, running=hf,
                           media=media, subject=collection.event or collection.title)


class _HeadersFooters:
    """Header and footer parts per section: the item's title as header (none on its first
    page), the layout's footer with page fields on every page."""

    def __init__(self, ids: dict[str, str], layout: Layout):
        self.ids, self.layout = ids, layout
        self.parts: dict[str, str] = {}
        self.rels: list[tuple[str, str, str]] = []

    def _add(self, kind: str, text: str) -> str:
        n = len(self.parts) + 1
        name = f"{kind}{n}.xml"
        tag, style = ("hdr", "Header") if kind == "header" else ("ftr", "Footer")
        self.parts[f"word/{name}"] = part(tag, self.ids[style], text)
        rid = f"rIdHf{n}"
        self.rels.append((rid, HEADER_REL if kind == "header" else FOOTER_REL, name))
        return rid

    def empty(self) -> str:
        """An empty header and footer (a section without them would inherit the previous
        section's)."""
        return (f'<w:headerReference w:type="default" r:id="{self._add("header", "")}"/>'
                f'<w:footerReference w:type="default" r:id="{self._add("footer", "")}"/>')

    def refs(self, title: str, fields: dict, first_blank: bool) -> str:
        footer = running_text(self.layout.footer.text, fields).strip() if self.layout.footer else ""
        head = self._add("header", title)
        out = [f'<w:headerReference w:type="default" r:id="{head}"/>']
        if first_blank:
            out.append(f'<w:headerReference w:type="first" r:id="{self._add("header", "")}"/>')
        foot = self._add("footer", footer)
        out.append(f'<w:footerReference w:type="default" r:id="{foot}"/>')
        if first_blank:
            out.append(f'<w:footerReference w:type="first" r:id="{foot}"/>')
        return "".join(out) + ("<w:titlePg/>" if first_blank else "")


def _end_section(body: Body, page: PageSetup, refs: str, odd: bool = False,
                 even: bool = False) -> None:
    """Close the section with its last paragraph: its running elements, page setup, and
    whether it starts on a right-hand (``odd``) or left-hand (``even``) page."""
    title = "<w:titlePg/>" if refs.endswith("<w:titlePg/>") else ""
    refs = refs.removesuffix("<w:titlePg/>")
    kind = ('<w:type w:val="oddPage"/>' if odd else
            '<w:type w:val="evenPage"/>' if even else "")
    props = f'<w:sectPr>{refs}{kind}{page.xml()}<w:cols w:space="720"/>{title}</w:sectPr>'
    last = body.out.pop()
    body.out.append(last.replace("</w:pPr>", f"{props}</w:pPr>", 1))


def _field(instruction: str) -> tuple[str, str, str]:
    """The runs that open a field, separate its instruction from its result, and close it."""
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
            f'xml:space="preserve"> {esc(instruction)} </w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _toc(collection, starts: dict[int, int]) -> list[str]:
    """A TOC field over the TC entries of the items (``\\f p``), hyperlinked, with each
    entry already written as Word would: title, tab, PAGEREF to the item's bookmark."""
    begin, separate, end = _field("TOC \\f p \\h \\z")
    out = []
    count = len(collection.items)
    for i, doc in enumerate(collection.items):
        pb, ps, pe = _field(f"PAGEREF {_bookmark(i)} \\h")
        entry = (f'<w:hyperlink w:anchor="{_bookmark(i)}" w:history="1">{run(doc.title)}'
                 f'<w:r><w:tab/></w:r>{pb}{ps}{run(str(starts.get(i, "")))}{pe}</w:hyperlink>')
        lead = begin + separate if i == 0 else ""
        tail = end if i == count - 1 else ""
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{TOC_STYLE_ID}"/></w:pPr>'
                   f"{lead}{entry}{tail}</w:p>")
    return out


def _bookmark(index: int) -> str:
    return f"_TocItem{index + 1}"


def _mark_title(body: Body, start: int, title_id: str, index: int, title: str) -> None:
    """Bookmark the item's title paragraph and give it the TC entry the TOC field reads."""
    marker = f'<w:pStyle w:val="{esc(title_id)}"/>'
    for n in range(start, len(body.out)):
        para = body.out[n]
        if marker in para:
            text = title.replace('"', "”")
            tb, _, te = _field(f'TC "{text}" \\f p \\l 1')
            head, rest = para.split("</w:pPr>", 1)
            body.out[n] = (f'{head}</w:pPr><w:bookmarkStart w:id="{index + 1}" '
                           f'w:name="{_bookmark(index)}"/>{rest[:-len("</w:p>")]}'
                           f'<w:bookmarkEnd w:id="{index + 1}"/>{tb}{te}</w:p>')
            return


def _with_toc_style(styles: str, ids: dict[str, str], page: PageSetup) -> str:
    """The style sheet plus "toc 1" (based on Body Text, a dotted right tab at the text
    edge), unless it has one already: the contents' entries use it, and so does Word when
    it updates the field."""
    if f'w:styleId="{TOC_STYLE_ID}"' in styles:
        return styles
    edge = page.width - page.left - page.right
    style = (f'<w:style w:type="paragraph" w:styleId="{TOC_STYLE_ID}"><w:name w:val="toc 1"/>'
             f'<w:basedOn w:val="{esc(ids["Body Text"])}"/><w:uiPriority w:val="39"/>'
             f'<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{edge}"/></w:tabs>'
             f'<w:spacing w:before="{twips(4)}" w:after="{twips(4)}"/></w:pPr></w:style>')
    return styles.replace("</w:styles>", style + "</w:styles>", 1)
