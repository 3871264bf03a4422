"""Content-hashed builds: a key from source, images and code; staged rendering into a folder."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pipeline import __version__, atomic
from pipeline.build import Options, render as default_render
from pipeline.errors import Diagnostic
from pipeline.layouts import Layout
from pipeline.model import Document, Figure

Render = Callable[[Document, Layout, str, Options, "list | None"], dict[str, bytes]]
OnFile = Callable[[str, Path, bytes], None]

_PACKAGE = Path(__file__).resolve().parent.parent


def code_fingerprint(layouts: list[Layout]) -> str:
    """Changes when the pipeline's code, fonts or the layouts change (taken once at start)."""
    h = hashlib.sha256(__version__.encode())
    for root, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "web"))
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".ttf", ".icc")):
                st = os.stat(os.path.join(root, name))
                h.update(f"{root}/{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    for layout in layouts:
        h.update(layout.path.read_bytes())
    return h.hexdigest()


class Hasher:
    """sha256 of files, remembered by (path, mtime, size) so shared images are read once."""

    def __init__(self) -> None:
        self.memo: dict[tuple, str] = {}

    def file(self, path: Path) -> str:
        try:
            st = os.stat(path)
        except OSError:
            return "missing"
        memo_key = (str(path), st.st_mtime_ns, st.st_size)
        if memo_key not in self.memo:
            self.memo[memo_key] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self.memo[memo_key]


def build_key(doc: Document, yaml_bytes: bytes, options: Options, fingerprint: str,
              hasher: Hasher) -> str:
    """Same source bytes, same image bytes, same options and code: same key."""
    h = hashlib.sha256(fingerprint.encode())
    h.update(repr((options.layouts, options.formats, options.marks, options.draft)).encode())
    h.update(hashlib.sha256(yaml_bytes).digest())
    for block in doc.blocks:
        if isinstance(block, Figure):
            h.update(f"\n{block.src}={hasher.file(block.path)}".encode())
    return h.hexdigest()[:32]


def output_names(layouts: list[Layout], formats: tuple[str, ...]) -> list[str]:
    names = []
    for layout in layouts:
        for fmt in formats:
            names.append(f"{layout.name}.{fmt}")
            if fmt == "pdf" and layout.booklet:
                names.append(f"{layout.name}-booklet.pdf")
    return names


def render_into(doc: Document, layouts: list[Layout], options: Options, folder: Path,
                on_file: OnFile | None = None, render: Render = default_render,
                warnings: list | None = None) -> list[str]:
    """Render each layout x format (the first layout's PDF first) and write its files
    atomically into ``folder`` as soon as they are rendered; UserError propagates. What
    the make-up could not mend (a last page left short) goes to ``warnings``."""
    written = []
    for layout in layouts:
        for fmt in options.formats:
            for name, data in render(doc, layout, fmt, options, warnings).items():
                path = folder / name
                atomic.write_bytes(path, data)
                written.append(name)
                if on_file:
                    on_file(name, path, data)
    return written


def save_manifest(folder: Path, manifest: dict) -> None:
    atomic.write_bytes(folder / "manifest.json",
                       json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode())


def load_manifest(folder: Path) -> dict | None:
    try:
        data = json.loads((folder / "manifest.json").read_bytes())
    except (OSError, ValueError):
        return None
    if not all((folder / name).is_file() for name in data.get("files", [])):
        return None
    return data


def diag_to_json(d: Diagnostic) -> list:
    return [d.file, d.line, d.col, d.message, d.severity]


def diag_from_json(item: list) -> Diagnostic:
    return Diagnostic(*item)


def relative(diagnostics, base: Path) -> tuple[Diagnostic, ...]:
    """Diagnostics naming files relative to ``base`` (never a temporary or home path)."""
    out = []
    base = base.resolve()
    for d in diagnostics:
        name = d.file
        if name:
            p = Path(name)
            try:
                name = str((p if p.is_absolute() else Path.cwd() / p).resolve()
                           .relative_to(base))
            except (ValueError, OSError):
                name = p.name
        message = d.message
        for prefix in {str(base), str(_cwd_relative(base))}:
            message = message.replace(prefix + "/", "").replace(prefix, ".")
        out.append(replace(d, file=name, message=message))
    return tuple(out)


def _cwd_relative(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path
