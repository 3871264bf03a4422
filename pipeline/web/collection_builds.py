"""Collections on the web page: a pack or an issue built as a whole, keyed by all its files."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

from pipeline import atomic
from pipeline.errors import UserError
from pipeline.watch import dependencies, stamp
from pipeline.web import builder, thumbs

LABELS = {"pack": "Tập tài liệu Đại hội", "issue": "Số bản tin", "collection": "Tập hợp bài"}


def output_names(kind: str, layouts, formats: tuple[str, ...]) -> list[str]:
    """The files a collection of ``kind`` gets from ``layouts`` (those of its family):
    pack.pdf, pack-booklet.pdf, pack.docx; issue.pdf, issue.docx."""
    from pipeline.collection import layout_family
    from pipeline.collection_contract import FAMILY

    names = []
    for layout in layouts:
        if layout_family(layout) != FAMILY[kind]:
            continue
        stem = kind if layout.name == FAMILY[kind] else f"{kind}-{layout.name}"
        for fmt in formats:
            names.append(f"{stem}.{fmt}")
            if fmt == "pdf" and kind == "pack" and layout.booklet:
                names.append(f"{stem}-booklet.pdf")
    return names


def every_name(layouts, formats: tuple[str, ...]) -> set[str]:
    from pipeline.collection_contract import FAMILY

    return {name for kind in FAMILY for name in output_names(kind, layouts, formats)}


def _texts(files: list[Path]) -> dict[Path, bytes]:
    """The bytes of the YAML files among ``files`` (the collection and its items)."""
    out = {}
    for path in files:
        if path.suffix in (".yaml", ".yml"):
            try:
                out[path] = path.read_bytes()
            except OSError:
                out[path] = b""
    return out


def build_key(catalog, files: list[Path], texts: dict[Path, bytes]) -> str:
    """Same collection, items, photos and cover (by content), options and code: same key."""
    options = catalog.options
    h = hashlib.sha256(catalog.fingerprint.encode())
    h.update(repr(("collection", options.layouts, options.formats, options.marks,
                   options.draft)).encode())
    for path in files:
        digest = (hashlib.sha256(texts[path]).hexdigest() if path in texts
                  else catalog.hasher.file(path))
        h.update(f"\n{os.path.relpath(path, catalog.source_dir)}={digest}".encode())
    return h.hexdigest()[:32]


def evaluate(catalog, path: Path, version: int, base, superseded: type[Exception]) -> None:
    """Validate a collection and all its items, then take its build from the cache or
    render it; an item's errors are shown at the item's own FILE:LINE:COL."""
    from pipeline.collection import load_collection

    base = replace(base, kind="collection")
    files = dependencies(path)  # the collection, its cover, its items and their photos
    stamps = {f: stamp(f) for f in files}  # before reading: an edit meanwhile is seen
    texts = _texts(files)
    try:
        collection = load_collection(path, draft=catalog.options.draft)
    except UserError as exc:
        catalog._track(path, files[1:], stamps)
        errors = builder.relative(exc.diagnostics, catalog.source_dir)
        catalog._publish(replace(base, state="error", errors=errors), version)
        return
    if _texts(files) != texts or dependencies(path) != files:
        raise superseded()  # edited while read: the poller sees it again
    catalog._track(path, files[1:], stamps)
    key = build_key(catalog, files, texts)
    entry = replace(base, kind=collection.kind, title=collection.title, date=collection.date,
                    event=collection.event or "", place=collection.place or "",
                    items=tuple(doc.title for doc in collection.items), key=key,
                    folder=catalog.builds / key,
                    expected=tuple(output_names(collection.kind, catalog.layouts,
                                                catalog.options.formats)),
                    warnings=builder.relative(collection.warnings, catalog.source_dir))
    manifest = builder.load_manifest(entry.folder)
    if manifest is not None:
        catalog._from_manifest(entry, manifest, version)
        return
    catalog._publish(replace(entry, state="building"), version)
    made: list = []  # the make-up's warnings (a pack's interview ending on a short page)
    try:
        rendered = catalog.render_collection(collection, catalog.layouts, catalog.options,
                                             made)
    except UserError as exc:
        errors = builder.relative(exc.diagnostics, catalog.source_dir)
        builder.save_manifest(entry.folder, {
            "files": [], "thumbs": {}, "errors": [builder.diag_to_json(d) for d in errors]})
        catalog._publish(replace(entry, state="error", errors=errors), version)
        return
    shots = {}
    for name, data in rendered.items():
        atomic.write_bytes(entry.folder / name, data)
        if name.endswith(".pdf") and not name.endswith("-booklet.pdf"):
            shots[name.removesuffix(".pdf")] = thumbs.thumbnail(data, catalog.thumbs)
    names = [name for name in entry.expected if name in rendered]
    made = builder.relative(made, catalog.source_dir)
    builder.save_manifest(entry.folder, {"files": names, "thumbs": shots, "errors": [],
                                         "warnings": [builder.diag_to_json(d) for d in made]})
    catalog._publish(replace(entry, state="ok", files=tuple(names), thumbs=shots,
                             warnings=(*entry.warnings, *made)), version)
