"""A user's restyled reference DOCX: its style sheet (checked against the contract) and page."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from pipeline.errors import UserError, display_path
from pipeline.zipparts import ZIP_ERRORS, Budget, PartTooLarge
from pipeline.writers.docx.contract import STYLES, key, split
from pipeline.writers.docx.page import PageSetup

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_PART = 20_000_000  # bytes decompressed; a style sheet is a few hundred kB at most
MAX_TOTAL = 60_000_000  # of the (at most four) parts read
MAX_TWIPS = 31_680  # 22 inches: Word's largest page


@dataclass
class Reference:
    styles: bytes
    ids: dict[str, str]  # contract name -> the reference's style id
    page: PageSetup | None
    theme: bytes | None
    toggles: dict[str, tuple[bool, bool]]  # paragraph style name -> (bold, italic) it sets


def load_reference(path: Path, layout_name: str) -> Reference:
    """Read and check ``path``; every problem is a :class:`UserError` at ``FILE:1:1``."""
    name = display_path(path)

    def fail(message: str) -> UserError:
        return UserError.at(name, 1, 1, message)

    try:
        archive = zipfile.ZipFile(path)
    except ZIP_ERRORS as exc:
        raise fail(f"not a DOCX file ({exc}); make one with `pipeline reference-docx` and "
                   "restyle it in Word or LibreOffice") from None
    budget = Budget(MAX_PART, MAX_TOTAL)
    with archive:
        def read(part: str) -> bytes | None:
            try:
                info = archive.getinfo(part)
            except KeyError:
                return None
            try:
                return budget.read(archive, info)
            except PartTooLarge:
                raise fail(f"{part} decompresses to more than {MAX_PART // 1_000_000} MB (or "
                           f"all parts read to more than {MAX_TOTAL // 1_000_000} MB); make "
                           "the reference with `pipeline reference-docx`") from None
            except ZIP_ERRORS as exc:
                raise fail(f"not a DOCX file: cannot read {part} ({exc})") from None

        styles = read("word/styles.xml")
        if styles is None:
            raise fail("not a DOCX file: it has no word/styles.xml")
        ids = _contract_ids(styles, fail)
        page = _page(read("word/document.xml")) if _layout(read("docProps/custom.xml")) \
            == layout_name else None
        return Reference(styles, ids, page, read("word/theme/theme1.xml"),
                         _toggles(_parse(styles), ids))


def _parse(data: bytes | None):
    if data is None:
        return None
    try:
        return ET.fromstring(data)
    except ET.ParseError:
        return None


def _contract_ids(styles: bytes, fail) -> dict[str, str]:
    root = _parse(styles)
    if root is None:
        raise fail("not a DOCX file: word/styles.xml is not well-formed XML")
    styles = []  # (type, id, name)
    for style in root.iter(f"{W}style"):
        name_el = style.find(f"{W}name")
        name = name_el.get(f"{W}val", "") if name_el is not None else ""
        styles.append((style.get(f"{W}type"), style.get(f"{W}styleId") or "", name))
    ids, missing = {}, []
    for cs in STYLES:
        # Editors rename and renumber: LibreOffice saves "Strong Emphasis" as "Strong" (its
        # own name for it) and our "caption" as "Caption1" next to its own "Caption". Best
        # match: the name we wrote, then the id we wrote, then the name in any spelling.
        best, best_score = None, (0, 0, 0)
        for kind, sid, name in styles:
            if kind != cs.kind or not sid:
                continue
            score = (name == cs.word_name, sid == cs.style_id, key(name) == key(cs.name))
            if score > best_score:
                best, best_score = sid, score
        if best is not None:
            ids[cs.name] = best
        elif split(cs.name)[1]:  # a reference made before the variants: its role's style
            ids[cs.name] = ids.get(split(cs.name)[0], "")
        else:
            missing.append(f"{cs.name} ({cs.kind})")
    if missing:
        raise fail(f"the reference DOCX lacks {len(missing)} of the contract's styles: "
                   f"{', '.join(missing)}; start from `pipeline reference-docx` and restyle "
                   "its styles rather than deleting or renaming them")
    return ids


def _on(props, tag: str) -> bool | None:
    el = None if props is None else props.find(f"{W}{tag}")
    if el is None:
        return None
    return el.get(f"{W}val", "1").lower() not in ("0", "false", "off")


def _toggles(root, ids: dict[str, str]) -> dict[str, tuple[bool, bool]]:
    """(bold, italic) each contract paragraph style of a reference sets: the nearest value
    along its basedOn chain, over the document defaults."""
    by_id = {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}
    base = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    out = {}
    for cs in STYLES:
        if cs.kind != "paragraph":
            continue
        found, sid, seen = [None, None], ids[cs.name], set()
        while sid in by_id and sid not in seen and None in found:
            seen.add(sid)
            props = by_id[sid].find(f"{W}rPr")
            found = [f if f is not None else _on(props, t) for f, t in zip(found, "bi")]
            based = by_id[sid].find(f"{W}basedOn")
            sid = based.get(f"{W}val") if based is not None else None
        found = [f if f is not None else _on(base, t) for f, t in zip(found, "bi")]
        out[cs.name] = (bool(found[0]), bool(found[1]))
    return out


def _layout(custom: bytes | None) -> str | None:
    """The layout a reference was made from (custom property "Layout"), if any."""
    root = _parse(custom)
    if root is None:
        return None
    for prop in root:
        if prop.get("name") == "Layout" and len(prop):
            return prop[0].text
    return None


def _page(document: bytes | None) -> PageSetup | None:
    """Page size and margins of the reference's last section."""
    root = _parse(document)
    sect = None if root is None else root.find(f"{W}body/{W}sectPr")
    if sect is None:
        return None
    size, mar = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    try:
        def num(el, attr: str) -> int:
            value = float(el.get(f"{W}{attr}"))
            if not 0 <= value <= MAX_TWIPS:  # also inf and nan: not a page this can print
                raise ValueError(value)
            return round(value)

        return PageSetup(num(size, "w"), num(size, "h"), num(mar, "top"), num(mar, "right"),
                         num(mar, "bottom"), num(mar, "left"), num(mar, "header"),
                         num(mar, "footer"))
    except (AttributeError, TypeError, ValueError):
        return None
