"""The OPC package: content types, relationships, properties, and a reproducible zip."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

from pipeline.writers.docx.xml import DECL, esc

CT = "application/vnd.openxmlformats-officedocument"
WML = f"{CT}.wordprocessingml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OVERRIDES = {
    "word/document.xml": f"{WML}.document.main+xml",
    "word/styles.xml": f"{WML}.styles+xml",
    "word/settings.xml": f"{WML}.settings+xml",
    "word/fontTable.xml": f"{WML}.fontTable+xml",
    "word/theme/theme1.xml": f"{CT}.theme+xml",
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": f"{CT}.extended-properties+xml",
    "docProps/custom.xml": f"{CT}.custom-properties+xml",
}
DEFAULTS = {"rels": "application/vnd.openxmlformats-package.relationships+xml",
            "xml": "application/xml", "jpeg": "image/jpeg", "png": "image/png",
            "odttf": f"{CT}.obfuscatedFont"}
STORED = (".jpeg", ".png")  # already compressed


def content_types(names) -> str:
    over = []
    for name in names:
        ctype = OVERRIDES.get(name)
        if name.startswith("word/header"):
            ctype = f"{WML}.header+xml"
        elif name.startswith("word/footer"):
            ctype = f"{WML}.footer+xml"
        if ctype:
            over.append(f'<Override PartName="/{name}" ContentType="{ctype}"/>')
    defaults = "".join(f'<Default Extension="{e}" ContentType="{t}"/>'
                       for e, t in DEFAULTS.items())
    return (f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types">{defaults}{"".join(over)}</Types>')


def relationships(rels) -> str:
    """``rels``: (id, type, target) triples."""
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{esc(target)}"/>'
                   for i, t, target in rels)
    return f'{DECL}<Relationships xmlns="{PKG_REL}">{body}</Relationships>'


def package_rels() -> str:
    return relationships([
        ("rId1", f"{REL}/officeDocument", "word/document.xml"),
        ("rId2", f"{PKG_REL}/metadata/core-properties", "docProps/core.xml"),
        ("rId3", f"{REL}/extended-properties", "docProps/app.xml"),
        ("rId4", f"{REL}/custom-properties", "docProps/custom.xml"),
    ])


def core_xml(*, title, creator, subject, keywords, language, when: dt.date) -> str:
    stamp = f"{when.isoformat()}T00:00:00Z"
    return (f'{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
            '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
            f'XMLSchema-instance"><dc:title>{esc(title)}</dc:title>'
            f"<dc:subject>{esc(subject)}</dc:subject><dc:creator>{esc(creator)}</dc:creator>"
            f"<cp:keywords>{esc(keywords)}</cp:keywords>"
            f"<dc:language>{esc(language)}</dc:language>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            "</cp:coreProperties>")


def app_xml(version: str) -> str:
    return (f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'extended-properties"><Application>interview-pipeline {esc(version)}'
            "</Application><DocSecurity>0</DocSecurity></Properties>")


def custom_xml(values: dict[str, str]) -> str:
    fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    props = "".join(
        f'<property fmtid="{fmtid}" pid="{pid}" name="{esc(name)}">'
        f"<vt:lpwstr>{esc(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2))
    return (f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/docPropsVTypes">{props}</Properties>')


def zip_time(fallback: dt.date) -> tuple[int, int, int, int, int, int]:
    """Entry timestamps: SOURCE_DATE_EPOCH when set, else the source's date (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        t = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    else:
        t = dt.datetime(fallback.year, fallback.month, fallback.day)
    t = max(t.replace(tzinfo=None), dt.datetime(1980, 1, 1))
    return (t.year, t.month, t.day, t.hour, t.minute, t.second)


def write_zip(parts: dict[str, bytes | str], when: dt.date) -> bytes:
    """The package in a fixed order ([Content_Types].xml first), with fixed timestamps."""
    stamp = zip_time(when)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, stamp)
            info.create_system = 0
            info.external_attr = 0
            if isinstance(data, str):
                data = data.encode("utf-8")
            if name.endswith(STORED):
                info.compress_type = zipfile.ZIP_STORED
                z.writestr(info, data)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data, compresslevel=1 if name.endswith(".odttf") else 6)
    return buf.getvalue()
