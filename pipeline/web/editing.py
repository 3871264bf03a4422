"""Pages that change a source: quick edits of its YAML (validated, conflicts refused, a draft
copy when it has errors) and its history (view, compare, restore)."""

from __future__ import annotations

import dataclasses
import secrets
from pathlib import Path

from flask import Flask, abort, redirect, render_template, request, url_for

from pipeline.errors import Diagnostic, UserError
from pipeline.source import MAX_FILE_BYTES, load_source
from pipeline.web.catalog import Catalog
from pipeline.web.diffs import word_diff
from pipeline.web.history import History, digest
from pipeline.web.login import user
from pipeline.web.uploads import Refused

DRAFT_SUFFIX = "-draft"


def validate(path: Path, data: bytes, draft: bool) -> list[Diagnostic]:
    """The errors ``data`` would have as the source ``path`` (checked from a hidden copy
    beside it, so that its photos are found), named as ``path``."""
    check = path.with_name(f".{path.stem}.checking-{secrets.token_hex(6)}.tmp")
    try:
        check.write_bytes(data)
        load_source(check, draft=draft)
        return []
    except UserError as exc:
        return [dataclasses.replace(d, file=path.name) for d in exc.diagnostics]
    finally:
        check.unlink(missing_ok=True)


def install(app: Flask, catalog: Catalog, history: History) -> None:
    def source(stem: str) -> Path:
        entry = catalog.get(stem)
        path = catalog.source_dir / f"{stem}.yaml"
        if (entry is None or entry.kind != "source"  # a collection is edited as a file
                or path.is_symlink() or not path.is_file()):
            abort(404)
        return path

    def edit_page(stem: str, text: str, base: str, status: int = 200, **extra):
        lines = text.split("\n")
        return render_template("edit.html", stem=stem, text=text, base=base, lines=lines,
                               **{"errors": (), "diff": None, **extra}), status

    @app.get("/sources/<stem>/edit")
    def edit_form(stem: str):
        data = source(stem).read_bytes()
        return edit_page(stem, data.decode("utf-8", "replace"), digest(data))

    @app.post("/sources/<stem>/edit")
    def edit_save(stem: str):
        path = source(stem)
        text = request.form.get("yaml", "").replace("\r\n", "\n")
        base = request.form.get("base", "")
        data = text.encode("utf-8")
        if len(data) > MAX_FILE_BYTES:
            raise Refused(f"Tệp nguồn lớn hơn giới hạn {MAX_FILE_BYTES // 1_000_000} MB.", 413)
        if request.form.get("action") == "draft":
            draft = path.with_name(f"{stem}{DRAFT_SUFFIX}.yaml")
            history.replace(draft, data, user())
            return redirect(url_for("index", _anchor=f"src-{draft.stem}"), 303)
        current = path.read_bytes()
        if digest(current) != base:
            return conflict(stem, current, text)
        errors = validate(path, data, catalog.options.draft)
        if errors:
            return edit_page(stem, text, base, 422, errors=errors)
        if not history.replace(path, data, user(), expected=base):
            return conflict(stem, path.read_bytes(), text)
        return redirect(url_for("index", _anchor=f"src-{stem}"), 303)

    def conflict(stem: str, current: bytes, text: str):
        """The form again, now based on the current version, with what differs."""
        now = current.decode("utf-8", "replace")
        return edit_page(stem, text, digest(current), 409, conflict=True,
                         diff=word_diff(now, text))

    @app.get("/sources/<stem>/history")
    def history_page(stem: str):
        path = source(stem)
        return render_template("history.html", stem=stem, versions=history.versions(stem),
                               size=path.stat().st_size, keep=history.keep)

    def version(stem: str, name: str) -> bytes:
        data = history.read(stem, name)
        if data is None:
            abort(404)
        return data

    @app.get("/sources/<stem>/history/<name>")
    def version_page(stem: str, name: str):
        source(stem)
        text = version(stem, name).decode("utf-8", "replace")
        return render_template("version.html", stem=stem, name=name, text=text)

    @app.get("/sources/<stem>/history/<name>/diff")
    def version_diff(stem: str, name: str):
        current = source(stem).read_bytes().decode("utf-8", "replace")
        old = version(stem, name).decode("utf-8", "replace")
        return render_template("diff.html", stem=stem, name=name, diff=word_diff(old, current))

    @app.post("/sources/<stem>/history/<name>/restore")
    def version_restore(stem: str, name: str):
        path = source(stem)
        history.replace(path, version(stem, name), user())
        return redirect(url_for("history_page", stem=stem), 303)
