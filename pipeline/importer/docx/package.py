"""The parts of a DOCX package the importer reads, through python-docx once our bounds hold."""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from pipeline.errors import UserError
from pipeline.zipparts import ZIP_ERRORS, Budget, PartTooLarge

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
MAX_PART = 32_000_000  # decompressed bytes of one part: a zip bomb stops here
MAX_TOTAL = 128_000_000  # of all parts together (see docs/limits.md)
# core properties by the local name of their element in docProps/core.xml
CORE = {"title": "title", "subject": "subject", "creator": "author", "keywords": "keywords",
        "description": "comments", "language": "language", "created": "created"}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Package:
    """``document``: the root of word/document.xml; ``styles``: of styles.xml (or None);
    ``images``: relationship id -> (part name, bytes); ``headers``: the header parts' roots.
    Roots are python-docx's oxml (lxml) elements."""

    document: Any
    styles: Any
    core: dict[str, str] = field(default_factory=dict)
    custom: dict[str, str] = field(default_factory=dict)
    images: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    headers: list[Any] = field(default_factory=list)
    footers: list[Any] = field(default_factory=list)
    comments: Any = None  # word/comments.xml


def _error(name: str, message: str) -> UserError:
    return UserError.at(name, 1, 1, message)


def check_bounds(data: bytes, name: str) -> dict[str, bytes]:
    """Every part of the zip ``data`` decompresses within MAX_PART, all within MAX_TOTAL
    (counting the bytes inflated, not the sizes the headers declare), else a UserError; the
    names of the parts, with the bytes of the relationship parts."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS:
        raise _error(name, "not a DOCX: the file is not a zip package (save it from Word "
                     "or LibreOffice as .docx)") from None
    budget, parts = Budget(MAX_PART, MAX_TOTAL), {}
    with archive:
        for info in archive.infolist():
            try:
                part = budget.read(archive, info)
                parts[info.filename] = part if info.filename.endswith(".rels") else b""
            except PartTooLarge:
                raise _error(name, f"the part {info.filename} decompresses to more than "
                             f"{MAX_PART // 1_000_000} MB, or all parts together to more than "
                             f"{MAX_TOTAL // 1_000_000} MB; this is not a document made by "
                             "this pipeline") from None
            except ZIP_ERRORS as exc:
                raise _error(name, f"the DOCX is damaged: cannot read {info.filename} "
                             f"({exc})") from None
    return parts


def without_dangling(data: bytes, parts: dict[str, bytes]) -> bytes:
    """The package with relationships to parts it lacks left out (python-docx refuses those;
    some tools drop docProps/custom.xml but not its relationship). ``parts``: check_bounds'."""
    from docx.oxml.parser import parse_xml
    from lxml import etree

    fixed = {}
    for rels, xml in parts.items():
        if not rels.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(rels))
        try:
            root = parse_xml(xml)
        except etree.XMLSyntaxError:
            continue  # python-docx says which part is damaged
        gone = [rel for rel in root if isinstance(rel.tag, str)
                and rel.get("TargetMode", "Internal") == "Internal"
                and _target(folder, rel.get("Target", "")) not in parts]
        for rel in gone:
            root.remove(rel)
        if gone:
            fixed[rels] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if not fixed:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, fixed.get(info.filename) or src.read(info))
    return out.getvalue()


def _target(folder: str, target: str) -> str:
    target = unquote(target.split("#")[0])
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def open_package(path: Path, name: str) -> Package:
    """The package at ``path``; ``name`` is how diagnostics call the file. Its bounds are
    checked first, then python-docx reads it (its lxml parser resolves no entities)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise _error(name, f"cannot read the file: {exc.strerror or exc}") from None
    data = without_dangling(data, check_bounds(data, name))
    import docx
    from lxml import etree

    try:
        return _package(docx.Document(io.BytesIO(data)))
    except etree.XMLSyntaxError as exc:
        raise _error(name, f"the DOCX is damaged: {_unparsable(data)} is not well-formed XML "
                     f"({exc})") from None
    except (KeyError, ValueError, etree.LxmlError, *ZIP_ERRORS) as exc:
        raise _error(name, "not a DOCX: it has no Word document part (word/document.xml) "
                     f"that python-docx can open ({type(exc).__name__}: {exc}); save it from "
                     "Word or LibreOffice as .docx") from None


def _unparsable(data: bytes) -> str:
    """The first XML part of the package that does not parse (python-docx does not say)."""
    from docx.oxml.parser import parse_xml
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename.endswith((".xml", ".rels")):
                try:
                    parse_xml(archive.read(info))
                except etree.XMLSyntaxError:
                    return info.filename
    return "a part"


def _package(document) -> Package:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    main = document.part
    pkg = Package(_plain(document.element), None)
    for rid, rel in main.rels.items():
        if rel.is_external:
            continue
        part = rel.target_part
        if rel.reltype == RT.STYLES:
            pkg.styles = _element(part)
        elif rel.reltype == RT.IMAGE:
            pkg.images[rid] = (str(part.partname).lstrip("/"), part.blob)
        elif rel.reltype == RT.COMMENTS:
            pkg.comments = _element(part)
        elif rel.reltype in (RT.HEADER, RT.FOOTER):
            (pkg.headers if rel.reltype == RT.HEADER else pkg.footers).append(_element(part))
    for rel in main.package.rels.values():  # python-docx makes up core properties if asked
        if rel.is_external:  # for them where the package has none: look for them here
            continue
        if rel.reltype.endswith("/metadata/core-properties") and hasattr(  # LibreOffice's
                rel.target_part, "core_properties"):  # type is not the standard's
            pkg.core = _core(rel.target_part.core_properties)
        elif rel.reltype == RT.CUSTOM_PROPERTIES:
            pkg.custom = _custom(_element(rel.target_part))
    return pkg


def _element(part):
    """A part's root element: python-docx's own for the parts it knows, else parsed with its
    parser (no entities resolved, no huge trees)."""
    from docx.oxml.parser import parse_xml

    element = getattr(part, "element", None)
    return _plain(element if element is not None else parse_xml(part.blob))


def _plain(root):
    """``root`` without XML comments and processing instructions, their text joined around
    them (lxml keeps them as nodes where ElementTree drops them; a w:t would lose text)."""
    from lxml import etree

    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)
    return root


def _core(props) -> dict[str, str]:
    out: dict[str, str] = {}
    for local, attr in CORE.items():
        value = getattr(props, attr)
        if value:
            out[local] = value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
    return out


def _custom(root) -> dict[str, str]:
    out: dict[str, str] = {}
    for prop in root:
        if prop.tag == f"{{{CUSTOM}}}property" and prop.get("name"):
            out[prop.get("name", "")] = "".join(prop.itertext()).strip()
    return out
