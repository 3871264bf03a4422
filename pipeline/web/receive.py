"""One upload, start to end: save or unpack or import, validate, render into its folder."""

from __future__ import annotations

import logging
from dataclasses import replace

from werkzeug.exceptions import ClientDisconnected

from pipeline import atomic
from pipeline.errors import UserError
from pipeline.source import load_source
from pipeline.web import builder, limits, thumbs
from pipeline.web.catalog import describe
from pipeline.web.docx_upload import CHANGES, receive_docx
from pipeline.web.uploads import Refused, Upload, safe_stem, save_yaml, unpack_zip

log = logging.getLogger("pipeline.web")


def receive(request, state, owner: str) -> str:
    """Handle the form post of uploader ``owner``; return the upload's token, or raise
    :class:`Refused`."""
    try:
        sent = request.files.get("file")  # reading files enforces MAX_CONTENT_LENGTH (413)
        draft = bool(request.form.get("draft"))
        changes = request.form.get("changes", "refuse")
    except (OSError, ClientDisconnected) as exc:  # the read timed out or the client left
        log.warning("upload not received: %s", exc)
        raise Refused("Tệp được gửi lên quá chậm hoặc bị ngắt giữa chừng; xin gửi lại.",
                      408) from None
    if sent is None or not sent.filename:
        raise Refused("Chưa chọn tệp nào để tải lên.", 400)
    upload = state.uploads.create(sent.filename, owner)
    try:
        with state.slots.held():
            build(upload, sent, state, draft=draft,
                  changes=changes if changes in CHANGES else "refuse")
    except BaseException:
        state.uploads.discard(upload)
        raise
    return upload.token


def build(upload: Upload, sent, state, draft: bool, changes: str = "refuse") -> None:
    catalog = state.catalog
    warnings = ()
    if upload.kind == "docx":
        imported = receive_docx(upload, sent, state, changes)
        if imported is None:
            return  # an edit of a source: shown, replaced once confirmed
        (source, warnings), draft = imported, True
    elif upload.kind == "yaml":
        source = save_yaml(upload, sent.filename, sent.read())
    elif upload.kind == "zip":
        source = unpack_zip(upload, sent.stream)
        limits.check_pixels(upload.src)
    else:
        source, warnings = _import(upload, sent)
        draft = True
    options = replace(catalog.options, draft=draft)
    try:
        doc = load_source(source, draft=draft)
        made: list = []  # the make-up's warnings
        names = builder.render_into(doc, catalog.layouts, options, upload.out,
                                    render=catalog.render, warnings=made)
    except UserError as exc:
        diagnostics = builder.relative(exc.diagnostics, upload.src)
        raise Refused(f"Tệp nguồn có {len(diagnostics)} lỗi; sửa các lỗi dưới đây "
                      "(TỆP:DÒNG:CỘT) rồi tải lên lại. Không có tệp nào được tạo.", 422,
                      diagnostics) from None
    shots = {name.removesuffix(".pdf"): thumbs.thumbnail((upload.out / name).read_bytes(),
                                                         upload.thumbs)
             for name in names if name.endswith(".pdf") and not name.endswith("-booklet.pdf")}
    upload.result = {
        **describe(doc), "stem": source.stem, "files": names, "thumbs": shots,
        "draft": draft, "kind": upload.kind,
        "warnings": (*warnings, *builder.relative((*doc.warnings, *made), upload.src)),
    }


def _import(upload: Upload, sent):
    data = sent.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused("Văn bản thô phải được lưu bằng bảng mã UTF-8.", 400) from None
    try:
        from pipeline.importer import import_text
    except ImportError:
        raise Refused("Máy chủ này chưa có trình nhập văn bản thô.", 501) from None
    name = f"{safe_stem(sent.filename)}.txt"
    try:
        result = import_text(text, name)
    except UserError as exc:
        raise Refused("Không nhập được văn bản thô; xem các lỗi dưới đây.", 422,
                      exc.diagnostics) from None
    source = upload.src / f"{safe_stem(sent.filename)}.yaml"
    atomic.write_bytes(source, result.yaml_text.encode("utf-8"))
    return source, tuple(result.warnings)
