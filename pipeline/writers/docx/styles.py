"""styles.xml from a layout: the contract styles with the layout's fonts, sizes and colours."""

from __future__ import annotations

from pipeline.layouts import Layout, Style
from pipeline.writers.docx.contract import STYLES, TOGGLES, ContractStyle, split
from pipeline.writers.docx.xml import DECL, W_NS, esc

ALIGN = {"left": "left", "right": "right", "center": "center", "justify": "both"}
CHAR_PROPS = {"font": "family", "bold": "bold", "italic": "italic", "color": "color",
              "size": "size", "caps": "caps"}


def rgb(cmyk: tuple[float, float, float, float]) -> str:
    """CMYK (0..1) to a screen colour, hex RRGGBB (the naive, profile-free conversion)."""
    c, m, y, k = cmyk
    return "".join(f"{round(255 * (1 - v) * (1 - k)):02X}" for v in (c, m, y))


def twips(points: float) -> int:
    return round(points * 20)


def language_tag(language: str) -> str:
    """BCP 47 tag as Word writes it: a region is added to bare tags ("vi" -> "vi-VN")."""
    regions = {"vi": "VN", "en": "US", "fr": "FR", "de": "DE", "zh": "CN", "ja": "JP"}
    parts = language.split("-")
    if len(parts) == 1 and parts[0].lower() in regions:
        return f"{parts[0].lower()}-{regions[parts[0].lower()]}"
    return language


def lang_xml(tag: str) -> str:
    return f'<w:lang w:val="{esc(tag)}" w:eastAsia="{esc(tag)}" w:bidi="{esc(tag)}"/>'


def props(style: Style) -> dict:
    """The properties a DOCX style can carry, in WordprocessingML units."""
    return {
        "family": style.family, "size": round(style.size * 2), "bold": style.bold,
        "italic": style.italic, "caps": style.caps, "color": rgb(style.color),
        "keep": style.keep_with_next, "hyphenate": style.hyphenate,
        "before": twips(style.space_before), "after": twips(style.space_after),
        "line": twips(style.leading), "left": twips(style.left_indent),
        "first": twips(style.first_indent), "align": ALIGN[style.align],
    }


def _toggle(tag: str, value) -> str:
    return f"<w:{tag}/>" if value else f'<w:{tag} w:val="0"/>'


def ppr_xml(p: dict, base: dict, extra: dict) -> str:
    """Paragraph properties that differ from ``base``, in schema order."""
    d = {k: v for k, v in p.items() if base.get(k) != v}
    out = []
    if "keep" in d:
        out.append(_toggle("keepNext", d["keep"]))
    out.append(extra.get("shd", ""))
    if "hyphenate" in d:
        out.append(_toggle("suppressAutoHyphens", not d["hyphenate"]))
    spacing = [f'w:{k}="{d[k]}"' for k in ("before", "after") if k in d]
    if "line" in d:
        spacing.append(f'w:line="{p["line"]}" w:lineRule="{extra.get("line_rule", "exact")}"')
    if spacing:
        out.append(f"<w:spacing {' '.join(spacing)}/>")
    ind = [f'w:{k}="{d[k]}"' for k in ("left",) if k in d]
    if "first" in d:
        ind.append(f'w:firstLine="{max(d["first"], 0)}"' if d["first"] >= 0
                   else f'w:hanging="{-d["first"]}"')
    if ind:
        out.append(f"<w:ind {' '.join(ind)}/>")
    if "align" in d:
        out.append(f'<w:jc w:val="{d["align"]}"/>')
    out.append(extra.get("outline", ""))
    body = "".join(out)
    return f"<w:pPr>{body}</w:pPr>" if body else ""


def rpr_xml(p: dict, base: dict, lang: str) -> str:
    """Run properties that differ from ``base``, in schema order, plus the language."""
    d = {k: v for k, v in p.items() if base.get(k) != v}
    out = []
    if "family" in d:
        f = esc(d["family"])
        out.append(f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>')
    for key, tags in (("bold", ("b", "bCs")), ("italic", ("i", "iCs")), ("caps", ("caps",))):
        if key in d:
            out.extend(_toggle(tag, d[key]) for tag in tags)
    if "color" in d:
        out.append(f'<w:color w:val="{d["color"]}"/>')
    if "size" in d:
        out.append(f'<w:sz w:val="{d["size"]}"/><w:szCs w:val="{d["size"]}"/>')
    out.append(lang)
    return f"<w:rPr>{''.join(out)}</w:rPr>"


def _style(cs: ContractStyle, ppr: str, rpr: str, based_on: str | None, extra: str = "") -> str:
    attrs = ' w:default="1"' if cs.name == "Normal" else ""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{cs.style_id}"/>' if cs.kind == "paragraph" else ""
    if cs.name not in BUILTIN:
        attrs += ' w:customStyle="1"'
    return (f'<w:style w:type="{cs.kind}"{attrs} w:styleId="{cs.style_id}">'
            f'<w:name w:val="{esc(cs.word_name)}"/>{based}{nxt}<w:qFormat/>'
            f"{extra}{ppr}{rpr}</w:style>")


def paragraph_toggles(layout: Layout) -> dict[str, tuple[bool, bool]]:
    """(bold, italic) of each paragraph style of the layout, as its DOCX style shows them."""
    return {name: (style.bold, style.italic) for name, style in layout.styles.items()}


BUILTIN = {"Normal", "Body Text", "Title", "Strong", "Emphasis", "Caption", "Heading 1",
           "Header", "Footer"}


def styles_xml(layout: Layout, language: str) -> str:
    """The whole style sheet for ``layout`` with every contract style."""
    lang = lang_xml(language_tag(language))
    body = props(layout.style("Body Text"))
    normal = dict(body, bold=False, italic=False, caps=False, keep=False, before=0, after=0,
                  left=0, first=0, align="left", color=rgb(layout.colors.get("ink",
                                                                          (0, 0, 0, 1))))
    band = rgb(layout.colors.get("accent", (0, 0, 0, 1)))
    raw = (layout.raw.get("styles") or {}) if isinstance(layout.raw, dict) else {}
    resolved = {name: props(style) for name, style in layout.styles.items()}
    parents = {name: (raw.get(name) or {}).get("parent") for name in layout.styles}
    by_id = {cs.name: cs.style_id for cs in STYLES}
    out = []
    for cs in STYLES:
        if cs.name == "Normal":
            out.append(_style(cs, ppr_xml(normal, {}, {}), rpr_xml(normal, {}, lang), None))
        elif cs.kind == "character":
            role, left_out = split(cs.name)
            if role in resolved:
                given = raw.get(role) or {}
                own = {key: resolved[role][key] for prop, key in CHAR_PROPS.items()
                       if prop in given}
            else:
                own = {prop: True for prop in TOGGLES[role]}
            if role == "Credit":  # only ever inside Caption: never toggle what it sets
                caption = resolved.get("Caption", normal)
                left_out = tuple(p for p in ("bold", "italic") if caption[p])
            for prop in left_out:
                own.pop(prop, None)
            out.append(_style(cs, "", rpr_xml(own, {}, lang), None))
        elif cs.name == "Figure":
            caption = resolved.get("Caption", normal)
            p = dict(normal, keep=True, align="center", before=caption["after"], after=twips(2),
                     line=240)  # single spacing: an exact line height would crop the photo
            out.append(_style(cs, ppr_xml(p, normal, {"line_rule": "auto"}),
                              rpr_xml(p, normal, lang), "Normal"))
        else:
            p = resolved.get(cs.name, normal)
            parent = parents.get(cs.name)
            base = resolved[parent] if parent in resolved else normal
            extra = {}
            if cs.name.startswith("Masthead"):
                extra["shd"] = f'<w:shd w:val="clear" w:color="auto" w:fill="{band}"/>'
            if cs.name == "Heading 1":
                extra["outline"] = '<w:outlineLvl w:val="0"/>'
            out.append(_style(cs, ppr_xml(p, base, extra), rpr_xml(p, base, lang),
                              by_id.get(parent, "Normal")))
    defaults = (f"<w:docDefaults><w:rPrDefault>{rpr_xml(normal, {}, lang)}</w:rPrDefault>"
                "<w:pPrDefault><w:pPr><w:widowControl/></w:pPr></w:pPrDefault></w:docDefaults>")
    default_font = ('<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
                    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/>'
                    "<w:semiHidden/><w:unhideWhenUsed/></w:style>")
    return f"{DECL}<w:styles {W_NS}>{defaults}{default_font}{''.join(out)}</w:styles>"
