"""The parts of a DOCX package the importer reads, opened safely; failures are UserErrors."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from pipeline.errors import UserError
from pipeline.zipparts import ZIP_ERRORS, Budget, PartTooLarge

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
OFFICE_DOC = f"{R}/officeDocument"
STRICT_DOC = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
MAX_PART = 32_000_000  # decompressed bytes of one part: a zip bomb stops here
MAX_TOTAL = 128_000_000  # of all parts read together (see docs/limits.md)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Package:
    """``document``: the root of word/document.xml; ``styles``: of styles.xml (or None);
    ``images``: relationship id -> (part name, bytes); ``headers``: the header parts' roots."""

    document: ET.Element
    styles: ET.Element | None
    core: dict[str, str] = field(default_factory=dict)
    custom: dict[str, str] = field(default_factory=dict)
    images: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    headers: list[ET.Element] = field(default_factory=list)
    footers: list[ET.Element] = field(default_factory=list)
    comments: ET.Element | None = None  # word/comments.xml


class _Reader:
    def __init__(self, path: Path, name: str):
        self.name = name
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise self.error("not a DOCX: the file is not a zip package (save it from Word "
                             "or LibreOffice as .docx)") from None
        self.names = {info.filename: info for info in self.zip.infolist()}
        self.budget = Budget(MAX_PART, MAX_TOTAL)

    def error(self, message: str) -> UserError:
        return UserError.at(self.name, 1, 1, message)

    def raw(self, part: str) -> bytes | None:
        info = self.names.get(part)
        if info is None:
            return None
        try:
            return self.budget.read(self.zip, info)
        except PartTooLarge:
            raise self.error(f"the part {part} decompresses to more than "
                             f"{MAX_PART // 1_000_000} MB, or all parts together to more than "
                             f"{MAX_TOTAL // 1_000_000} MB; this is not a document made by this "
                             "pipeline") from None
        except ZIP_ERRORS as exc:
            raise self.error(f"the DOCX is damaged: cannot read {part} ({exc})") from None

    def xml(self, part: str) -> ET.Element | None:
        data = self.raw(part)
        if data is None:
            return None
        try:
            return ET.fromstring(data)
        except (ET.ParseError, ValueError) as exc:
            raise self.error(f"the DOCX is damaged: {part} is not well-formed XML "
                             f"({exc})") from None

    def rels(self, part: str) -> list[tuple[str, str, str, str]]:
        """(id, type, target part, mode) of a part's relationships."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out = []
        for rel in (root if root is not None else ()):
            if rel.tag != f"{{{PKG_REL}}}Relationship":
                continue
            target = rel.get("Target", "")
            mode = rel.get("TargetMode", "Internal")
            if mode == "Internal":
                target = (target.lstrip("/") if target.startswith("/")
                          else posixpath.normpath(posixpath.join(folder, target)))
            out.append((rel.get("Id", ""), rel.get("Type", ""), target, mode))
        return out


def open_package(path: Path, name: str) -> Package:
    """The package at ``path``; ``name`` is how diagnostics call the file."""
    reader = _Reader(path, name)
    with reader.zip:
        main = next((t for _, kind, t, _ in reader.rels("") if kind in (OFFICE_DOC, STRICT_DOC)),
                    "word/document.xml")
        document = reader.xml(main)
        if document is None or document.tag != w("document"):
            raise reader.error("not a DOCX: it has no Word document part (word/document.xml)")
        pkg = Package(document, None)
        for rid, kind, target, mode in reader.rels(main):
            short = kind.rsplit("/", 1)[-1]
            if mode != "Internal":
                continue
            if short == "styles":
                pkg.styles = reader.xml(target)
            elif short == "image":
                data = reader.raw(target)
                if data is not None:
                    pkg.images[rid] = (target, data)
            elif short == "comments":
                pkg.comments = reader.xml(target)
            elif short in ("header", "footer"):
                root = reader.xml(target)
                if root is not None:
                    (pkg.headers if short == "header" else pkg.footers).append(root)
        pkg.core = _core(reader.xml("docProps/core.xml"))
        pkg.custom = _custom(reader.xml("docProps/custom.xml"))
    return pkg


def _core(root: ET.Element | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for child in (root if root is not None else ()):
        local = child.tag.rsplit("}", 1)[-1]
        if child.tag in (f"{{{DC}}}{local}", f"{{{CP}}}{local}", f"{{{DCTERMS}}}{local}"):
            out[local] = (child.text or "").strip()
    return out


def _custom(root: ET.Element | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for prop in (root if root is not None else ()):
        if prop.tag == f"{{{CUSTOM}}}property" and prop.get("name"):
            out[prop.get("name", "")] = "".join(prop.itertext()).strip()
    return out
