"""The Flask application: index, downloads, thumbnails, uploads, and error pages."""

from __future__ import annotations

import io
import logging
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, abort, redirect, render_template, request, send_file, url_for
from werkzeug.exceptions import HTTPException

from pipeline.build import Options
from pipeline.web import docx_upload, editing, guard, login, thumbs
from pipeline.web.catalog import Catalog
from pipeline.web.collection_builds import LABELS as KIND_LABELS
from pipeline.web.history import History
from pipeline.web.limits import BUILDS, BuildSlots
from pipeline.web.uploads import KEEP, MAX_UPLOAD, TOKEN, Refused, Uploads

log = logging.getLogger("pipeline.web")

LAYOUT_LABELS = {"newsletter": "Bản tin", "handout": "Tài liệu phát tay"}
STATUS_TITLES = {
    400: "Yêu cầu không hợp lệ", 401: "Cần đăng nhập", 403: "Bị từ chối", 404: "Không tìm thấy",
    405: "Phương thức không được phép", 408: "Gửi quá chậm", 410: "Bản này đã cũ",
    409: "Nguồn đã thay đổi", 413: "Tệp quá lớn", 415: "Loại tệp không được hỗ trợ",
    422: "Tệp nguồn có lỗi", 429: "Quá nhiều lần thử",
    500: "Lỗi máy chủ", 501: "Chưa hỗ trợ", 503: "Máy chủ đang bận",
}
STATUS_TEXTS = {
    400: "Yêu cầu gửi lên không hợp lệ.",
    404: "Không có trang hoặc tệp này.",
    405: "Trang này không nhận phương thức đó.",
    410: "Nguồn đã thay đổi từ khi trang được mở, nên tệp này không còn là bản hiện hành. "
         "Hãy tải lại trang danh sách để lấy bản mới.",
    413: f"Tệp tải lên lớn hơn giới hạn {MAX_UPLOAD // (1024 * 1024)} MB.",
    500: "Đã xảy ra lỗi nội bộ; lỗi đã được ghi vào nhật ký máy chủ. Xin thử lại sau.",
}
MEDIA = {".pdf": "application/pdf",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
UPLOADER = "pipeline_uploader"  # cookie: a random token naming the browser's uploads


@dataclass
class State:
    catalog: Catalog
    uploads: Uploads
    slots: BuildSlots
    history: History

    def close(self) -> None:
        self.uploads.close()
        self.catalog.close()
        self.uploads.close()  # again: an upload being built meanwhile may have written


def create_app(source_dir: Path, cache_dir: Path, *, uploads_dir: Path | None = None,
               options: Options | None = None, render=None,
               hosts: frozenset[str] | None = None, builds: int = BUILDS,
               users: dict[str, str] | None = None, behind_proxy: bool = False) -> Flask:
    """The app for ``source_dir``, answering to the host names ``hosts`` (default: the
    loopback names) and building ``builds`` uploads at once; with ``users`` (name ->
    password hash) every page asks for a login; ``behind_proxy`` trusts one proxy's
    X-Forwarded-For and -Proto. Nothing is built until ``state.catalog`` is refreshed or
    started (``pipeline serve`` starts it)."""
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=MAX_UPLOAD, PROPAGATE_EXCEPTIONS=False,
                      TEMPLATES_AUTO_RELOAD=False)
    app.jinja_env.globals.update(layout_label=lambda n: LAYOUT_LABELS.get(n, n),
                                  kind_label=lambda k: KIND_LABELS.get(k, k))
    app.jinja_env.globals.update(
        link_for=lambda stem, key: lambda name: url_for("download", stem=stem, key=key,
                                                        name=name),
        upload_link=lambda token: lambda name: url_for("upload_file", token=token, name=name),
        thumb_link=lambda digest: url_for("thumbnail", digest=digest),
        upload_thumb=lambda token: lambda digest: url_for("upload_thumbnail", token=token,
                                                          digest=digest))
    app.jinja_env.filters["vndate"] = lambda d: d.strftime("%d/%m/%Y") if d else ""
    app.jinja_env.filters["vntime"] = lambda t: t.astimezone().strftime("%d/%m/%Y %H:%M:%S")
    catalog = Catalog(source_dir, cache_dir, options, render)
    if uploads_dir is None:
        uploads = Uploads(Path(tempfile.mkdtemp(prefix="pipeline-uploads-")), owned=True)
    else:
        uploads = Uploads(uploads_dir)
    state = State(catalog, uploads, BuildSlots(builds), History(catalog.source_dir))
    app.extensions["pipeline"] = state
    guard.install(app, hosts or guard.allowed_hosts())
    login.install(app, users, behind_proxy)
    editing.install(app, catalog, state.history)
    docx_upload.install(app, state)
    layouts = [layout.name for layout in catalog.layouts]

    @app.get("/")
    def index():
        return render_template("index.html", entries=catalog.snapshot(), layouts=layouts,
                               busy=catalog.busy(), generation=catalog.generation,
                               source_dir=catalog.source_dir.name)

    @app.get("/generation")
    def generation():
        return Response(str(catalog.generation), mimetype="text/plain",
                        headers={"Cache-Control": "no-store"})

    @app.get("/files/<stem>/<key>/<name>")
    def download(stem: str, key: str, name: str):
        entry = catalog.get(stem)
        if entry is None or name not in catalog.names:
            abort(404)
        path = entry.current_file(key, name)
        if path is None:
            abort(410 if entry.key != key or entry.state not in ("ok", "building") else 404)
        return _send(path, f"{stem}-{name}")

    @app.get("/thumbs/<digest>.png")
    def thumbnail(digest: str):
        return _send_thumb(catalog.thumbs, digest)

    @app.get("/upload")
    def upload_form():
        return render_template("upload.html")

    @app.post("/upload")
    def upload():
        from pipeline.web.receive import receive

        owner = request.cookies.get(UPLOADER, "")
        if not TOKEN.match(owner):
            owner = secrets.token_urlsafe(18)
        token = receive(request, state, owner)
        response = redirect(url_for("upload_result", token=token), 303)
        response.set_cookie(UPLOADER, owner, max_age=365 * 86400, httponly=True,
                            samesite="Lax")
        return response

    @app.get("/uploads/<token>/")
    def upload_result(token: str):
        upload = uploads.get(token)
        if upload is None or upload.result is None:
            abort(404)
        if upload.result.get("kind") == "docx-edit":
            return render_template("confirm.html", upload=upload, r=upload.result)
        return render_template("result.html", upload=upload, r=upload.result, layouts=layouts,
                               keep=KEEP)

    @app.get("/uploads/<token>/<name>")
    def upload_file(token: str, name: str):
        upload = uploads.get(token)
        if upload is None or upload.result is None or name not in upload.result["files"]:
            abort(404)
        return _send(upload.out / name, f"{upload.result['stem']}-{name}")

    @app.get("/uploads/<token>/thumbs/<digest>.png")
    def upload_thumbnail(token: str, digest: str):
        upload = uploads.get(token)
        if upload is None or upload.result is None:
            abort(404)
        return _send_thumb(upload.thumbs, digest)

    @app.errorhandler(Refused)
    def refused(exc: Refused):
        page, status = _error_page(exc.status, str(exc), exc.diagnostics)
        return page, status, exc.headers

    @app.errorhandler(Exception)
    def failed(exc: Exception):
        if isinstance(exc, HTTPException):
            return _error_page(exc.code or 500, STATUS_TEXTS.get(exc.code, exc.description))
        log.exception("internal error on %s %s", request.method, request.path)
        return _error_page(500, STATUS_TEXTS[500])

    return app


def _send(path: Path, download_name: str):
    """The file's bytes as an attachment (read whole: outputs are a few MB at most)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        abort(404)
    return send_file(io.BytesIO(data), mimetype=MEDIA.get(path.suffix, "application/octet-stream"),
                     as_attachment=True, download_name=download_name, max_age=0)


def _send_thumb(folder: Path, digest: str):
    path = thumbs.path_of(folder, digest)
    if path is None:
        abort(404)
    return send_file(io.BytesIO(path.read_bytes()), mimetype="image/png", max_age=31536000)


def _error_page(status: int, message: str, diagnostics=()):
    title = STATUS_TITLES.get(status, "Lỗi")
    return render_template("error.html", status=status, title=title, message=message,
                           diagnostics=diagnostics), status
