"""A DOCX uploaded on the page: made from a source of the folder, it is an edit of that source
(shown block by block, replaced only once confirmed); otherwise it is imported as a draft."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask, abort, redirect, render_template, request, url_for

from pipeline import atomic
from pipeline.errors import Diagnostic, UserError
from pipeline.source import load_source
from pipeline.web import builder
from pipeline.web.compare import Change, compare
from pipeline.web.diffs import word_diff
from pipeline.web.history import digest
from pipeline.web.login import user
from pipeline.web.uploads import Refused, Upload, safe_stem

CHANGES = ("refuse", "accept", "reject")  # the upload form's choice for tracked changes
IMAGES = "images"


def receive_docx(upload: Upload, sent, state, changes: str):
    """Either an edit of a source, kept in ``upload.result`` to confirm (returns None), or
    (YAML path, warnings) of an import to build as a draft."""
    from pipeline.importer.docx import import_docx, made_by_pipeline, refusal
    from pipeline.importer.docx.package import open_package
    from pipeline.importer.docx.styles import Styles

    docx = upload.src / f"{safe_stem(sent.filename)}.docx"
    atomic.write_bytes(docx, sent.read())
    catalog = state.catalog
    try:
        pkg = open_package(docx, docx.name)
        styles = Styles(pkg.styles)
        origin = pkg.custom.get("Source", "")
        stem = Path(origin).stem if origin.endswith(".yaml") and "/" not in origin else ""
        target = catalog.source_dir / f"{stem}.yaml"
        entry = catalog.get(stem) if stem else None
        if entry is not None and entry.kind == "source" and target.is_file():
            photos: dict[Path, bytes] = {}
            result = import_docx(docx, target, changes=changes, photos=photos)
            _propose(upload, state, target, result, photos)
            return None
        if made_by_pipeline(pkg, styles):
            out = upload.src / f"{docx.stem}.yaml"
            result = import_docx(docx, out, changes=changes)
            atomic.write_bytes(out, result.yaml_text.encode("utf-8"))
            return out, tuple(builder.relative(result.warnings, upload.src))
        return _as_text(upload, docx, pkg, styles, changes, refusal)
    except UserError as exc:
        pending = any("tracked change" in d.message for d in exc.diagnostics)
        message = ("Tệp DOCX còn thay đổi được theo dõi (Track Changes) chưa được chấp nhận "
                   "hay từ chối, liệt kê dưới đây; không có gì được thay. Hãy chấp nhận hoặc "
                   "từ chối chúng trong Word rồi tải lên lại, hoặc chọn “chấp nhận tất cả” / "
                   "“bỏ tất cả” trong mẫu tải lên." if pending else
                   "Không nhập được tệp DOCX; xem các lỗi dưới đây.")
        raise Refused(message, 422, builder.relative(exc.diagnostics, upload.src)) from None


def _as_text(upload: Upload, docx: Path, pkg, styles, changes: str, refusal):
    """A DOCX not made by the pipeline: its paragraphs' text through the text importer."""
    from pipeline.importer import import_text
    from pipeline.importer.docx.read import paragraphs
    from pipeline.importer.docx.revisions import comments, pending

    found = pending(pkg.document, styles)
    if found and changes == "refuse":
        raise UserError(refusal(docx.name, found, comments(pkg.document, pkg.comments)))
    text = "\n".join(p.text for p in paragraphs(pkg.document, styles, reject=changes == "reject"))
    if not text.strip():
        raise Refused("Tệp DOCX không có chữ nào để nhập.", 422)
    result = import_text(text, docx.name)
    out = upload.src / f"{docx.stem}.yaml"
    atomic.write_bytes(out, result.yaml_text.encode("utf-8"))
    note = Diagnostic(docx.name, 0, 0, "not made by this pipeline: imported from its text "
                      "only, paragraph by paragraph (photos and formatting are not read); "
                      "check the questions, answers and captions", "warning")
    return out, (note, *result.warnings)


def load_beside(path: Path, data: bytes):
    """``data`` read as the source ``path`` would be (photos found beside it; missing ones
    are placeholders), from a hidden copy."""
    check = path.with_name(f".{path.stem}.checking-{secrets.token_hex(6)}.tmp")
    try:
        check.write_bytes(data)
        return load_source(check, draft=True)
    finally:
        check.unlink(missing_ok=True)


def _differences(target: Path, data: bytes, new_doc) -> tuple:
    current = target.read_bytes()
    try:
        changes = compare(load_source(target, draft=True), new_doc)
    except UserError:  # the current source has errors: compare the texts
        changes = [Change("changed", "YAML", tuple(word_diff(
            current.decode("utf-8", "replace"), data.decode("utf-8"))))]
    return digest(current), changes


def _propose(upload: Upload, state, target: Path, result, photos: dict[Path, bytes]) -> None:
    data = result.yaml_text.encode("utf-8")
    try:
        new_doc = load_beside(target, data)
    except UserError as exc:
        raise Refused("Bài nhập từ DOCX có lỗi nên không thể thay tệp nguồn.", 422,
                      builder.relative(exc.diagnostics, target.parent)) from None
    kept = upload.folder / "photos"
    names = []
    for path, photo in photos.items():
        atomic.write_bytes(kept / path.name, photo)
        names.append(path.name)
    base, changes = _differences(target, data, new_doc)
    upload.result = {
        "kind": "docx-edit", "stem": target.stem, "title": new_doc.title, "files": (),
        "yaml": data, "photos": names, "base": base, "changes": changes,
        "warnings": tuple(builder.relative(result.warnings, upload.src)), "done": False,
    }


def install(app: Flask, state) -> None:
    @app.post("/uploads/<token>/confirm")
    def confirm(token: str):
        upload = state.uploads.get(token)
        r = upload.result if upload is not None else None
        if r is None or r.get("kind") != "docx-edit" or r["done"]:
            abort(404)
        target = state.catalog.source_dir / f"{r['stem']}.yaml"
        if not target.is_file():
            abort(404)
        base = request.form.get("base", "")
        if digest(target.read_bytes()) != base:
            return _conflict(upload, target)
        images = target.parent / IMAGES
        for name in r["photos"]:
            photo = (upload.folder / "photos" / name).read_bytes()
            there = images / name
            if there.exists() and there.read_bytes() != photo:
                raise Refused(f"Ảnh {IMAGES}/{name} vừa được thêm vào thư mục nguồn; hãy tải "
                              "tệp DOCX lên lại.", 409)
            if not there.exists():
                atomic.write_bytes(there, photo)
        if not state.history.replace(target, r["yaml"], user(), expected=base):
            return _conflict(upload, target)
        r["done"] = True
        return redirect(url_for("index", _anchor=f"src-{r['stem']}"), 303)


def _conflict(upload: Upload, target: Path):
    """The source changed since the differences were shown: show them anew."""
    r = upload.result
    r["base"], r["changes"] = _differences(target, r["yaml"], load_beside(target, r["yaml"]))
    return render_template("confirm.html", upload=upload, r=r, conflict=True), 409
