"""The served folder's state: one entry per source, kept current by a poller and a builder."""

from __future__ import annotations

import datetime as dt
import logging
import queue
import shutil
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.build import Options, resolve_layouts
from pipeline.errors import Diagnostic, UserError
from pipeline.model import Document, Figure
from pipeline.source import load_source
from pipeline.watch import INTERVAL, Tracker, dependencies, stamp
from pipeline.web import builder, collection_builds, thumbs

KEEP_BUILDS = 3  # newest builds kept per source in the cache

log = logging.getLogger("pipeline.web")


@dataclass(frozen=True)
class Entry:
    """What the page shows of one source or collection. ``kind``: source, pack, issue, or
    collection (one not yet read). ``state``: pending (changed, not yet looked at),
    building, ok, error (the source's fault: ``errors``), failed (ours: logged)."""

    stem: str
    path: Path
    state: str = "pending"
    kind: str = "source"
    title: str = ""
    date: dt.date | None = None
    interviewee: str = ""
    interviewee_title: str = ""
    event: str = ""  # a collection's event, place and item titles
    place: str = ""
    items: tuple[str, ...] = ()
    key: str = ""
    folder: Path | None = None
    files: tuple[str, ...] = ()
    expected: tuple[str, ...] = ()
    thumbs: dict[str, str] = field(default_factory=dict)
    errors: tuple[Diagnostic, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()

    def current_file(self, key: str, name: str) -> Path | None:
        """The file to download if ``key`` is this entry's current build, else None."""
        if self.state in ("ok", "building") and key == self.key and name in self.files:
            return self.folder / name
        return None


def describe(doc: Document) -> dict:
    people = [p for p in doc.people.values() if p.role == "interviewee"]
    return {"title": doc.title, "date": doc.date,
            "interviewee": ", ".join(p.name or p.label for p in people),
            "interviewee_title": ", ".join(p.title for p in people if p.title)}


def _render_collection(collection, layouts, options, warnings=None) -> dict[str, bytes]:
    from pipeline.build_collection import render_collection

    return render_collection(collection, layouts, options, warnings)


class _Superseded(Exception):
    """The source changed again while it was being built."""


class Catalog:
    def __init__(self, source_dir: Path, cache_dir: Path, options: Options | None = None,
                 render: builder.Render | None = None, render_collection=None):
        self.source_dir = Path(source_dir).resolve()
        self.cache_dir = Path(cache_dir).resolve()
        self.builds = self.cache_dir / "builds"
        self.thumbs = self.cache_dir / "thumbs"
        self.options = options or Options()
        self.layouts = resolve_layouts(self.options.layouts, self.options.layout_dirs)
        self.expected = tuple(builder.output_names(self.layouts, self.options.formats))
        self.render = render or builder.default_render
        self.render_collection = render_collection or _render_collection
        self.names = set(self.expected) | collection_builds.every_name(
            self.layouts, self.options.formats)  # every file name a download link may have
        self.fingerprint = builder.code_fingerprint(self.layouts)
        self.hasher = builder.Hasher()
        self.tracker = Tracker()
        self.entries: dict[str, Entry] = {}
        self.recent: dict[str, list[str]] = {}  # stem -> build keys, newest last
        self.versions: dict[str, int] = {}
        self.generation = 0
        self.lock = threading.Lock()
        self.queue: queue.Queue[Path] = queue.Queue()
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    # -- reading -----------------------------------------------------------------------
    def snapshot(self) -> list[Entry]:
        with self.lock:
            return [self.entries[k] for k in sorted(self.entries)]

    def get(self, stem: str) -> Entry | None:
        with self.lock:
            return self.entries.get(stem)

    def busy(self) -> bool:
        with self.lock:
            return any(e.state in ("pending", "building") for e in self.entries.values())

    # -- noticing changes --------------------------------------------------------------
    def scan(self) -> list[Path]:
        """Sources and collections added, changed or removed since the last look (a
        collection changes with its items, their photos and its cover); changed ones become
        pending at once, so that no outdated download stays on the page."""
        from pipeline.collection import is_collection

        # Hidden files (.name.yaml: editor backups) are not sources, as for `pipeline build`.
        paths = sorted(p for p in self.source_dir.glob("*.yaml")
                       if not p.name.startswith(".") and self._inside(p))
        stems = {p.stem for p in paths}
        changed = self.tracker.changed(paths)
        kinds = {p: "collection" if is_collection(p) else "source" for p in changed}
        with self.lock:
            for stem in set(self.entries) - stems:
                del self.entries[stem]
                self.versions[stem] = self.versions.get(stem, 0) + 1
                self.generation += 1
            for path in changed:
                before = self.tracker.seen.get(path, {path: None})
                self.tracker.seen[path] = {f: stamp(f) for f in before}
                self.versions[path.stem] = self.versions.get(path.stem, 0) + 1
                self.entries[path.stem] = Entry(path.stem, path, kind=kinds[path],
                                                expected=self.expected)
                self.generation += 1
        for path in list(self.tracker.seen):
            if path.stem not in stems:
                self.tracker.forget(path)
        return changed

    def _inside(self, path: Path) -> bool:
        """A regular file whose real place is this folder (a link out of it is skipped)."""
        try:
            return path.is_file() and path.resolve().parent == self.source_dir
        except OSError:
            return False

    def refresh(self) -> None:
        """Look at the folder and bring every changed source up to date (synchronously)."""
        for path in self.scan():
            self.evaluate(path)

    # -- building ----------------------------------------------------------------------
    def _publish(self, entry: Entry, version: int) -> None:
        stale: list[str] = []
        with self.lock:
            if self.versions.get(entry.stem) != version:
                raise _Superseded()
            self.entries[entry.stem] = entry
            self.generation += 1
            if entry.key and entry.state in ("ok", "error"):
                stale = self._remember(entry.stem, entry.key)
        for key in stale:
            shutil.rmtree(self.builds / key, ignore_errors=True)

    def _remember(self, stem: str, key: str) -> list[str]:
        """Note ``key`` as the newest build of ``stem``; return the builds no source keeps
        any more (each source keeps its KEEP_BUILDS newest: an edit undone is instant, and
        the cache does not grow with every edit of a server that runs for months)."""
        keys = [k for k in self.recent.get(stem, []) if k != key] + [key]
        self.recent[stem], dropped = keys[-KEEP_BUILDS:], keys[:-KEEP_BUILDS]
        kept = {k for ks in self.recent.values() for k in ks}
        return [k for k in dropped if k not in kept]

    def evaluate(self, path: Path) -> None:
        """Validate one source, then take its build from the cache or render it."""
        with self.lock:
            version = self.versions.get(path.stem, 0)
        try:
            self._evaluate(path, version)
        except _Superseded:
            return
        except Exception:
            log.exception("building %s failed", path)
            try:
                self._publish(Entry(path.stem, path, "failed", expected=self.expected),
                              version)
            except _Superseded:
                pass

    def _evaluate(self, path: Path, version: int) -> None:
        from pipeline.collection import is_collection

        base = Entry(path.stem, path, expected=self.expected)
        if is_collection(path):
            collection_builds.evaluate(self, path, version, base, _Superseded)
            return
        try:
            raw = path.read_bytes()
            doc = load_source(path, draft=self.options.draft)
            if path.read_bytes() != raw:
                raise _Superseded()  # edited while read: the poller sees it again
        except UserError as exc:
            self._track(path, dependencies(path)[1:])
            errors = builder.relative(exc.diagnostics, self.source_dir)
            self._publish(replace(base, state="error", errors=errors), version)
            return
        except OSError:
            return  # removed meanwhile; the next scan drops it
        self._track(path, [b.path for b in doc.blocks if isinstance(b, Figure)])
        key = builder.build_key(doc, raw, self.options, self.fingerprint, self.hasher)
        folder = self.builds / key
        entry = replace(base, **describe(doc), key=key, folder=folder,
                        warnings=builder.relative(doc.warnings, self.source_dir))
        manifest = builder.load_manifest(folder)
        if manifest is None:
            self._build(doc, entry, version)
            return
        self._from_manifest(entry, manifest, version)

    def _from_manifest(self, entry: Entry, manifest: dict, version: int) -> None:
        """Publish a build found in the cache (its thumbnails made again if removed)."""
        folder = entry.folder
        errors = tuple(builder.diag_from_json(d) for d in manifest.get("errors", ()))
        if errors:
            self._publish(replace(entry, state="error", errors=errors), version)
            return
        shots = {stem: thumbs.thumbnail((folder / f"{stem}.pdf").read_bytes(), self.thumbs)
                 for stem, digest in manifest["thumbs"].items()
                 if thumbs.path_of(self.thumbs, digest) is None}
        made = tuple(builder.diag_from_json(d) for d in manifest.get("warnings", ()))
        self._publish(replace(entry, state="ok", files=tuple(manifest["files"]),
                              thumbs={**manifest["thumbs"], **shots},
                              warnings=(*entry.warnings, *made)), version)

    def _track(self, path: Path, images: list[Path], stamps: dict | None = None) -> None:
        """Watch ``images`` too; files stamped when the change was seen keep that stamp
        (taken before reading), new ones get theirs from ``stamps`` (taken before reading
        them) or now. The dict is replaced, never changed in place, since the poller reads
        it from another thread."""
        seen = dict(self.tracker.seen.get(path, {path: None}))
        for image in images:
            seen.setdefault(image, stamps[image] if stamps and image in stamps else stamp(image))
        self.tracker.seen[path] = seen

    def _build(self, doc: Document, entry: Entry, version: int) -> None:
        entry = replace(entry, state="building")
        self._publish(entry, version)
        state = {"files": [], "thumbs": {}}

        def on_file(name: str, _path: Path, data: bytes) -> None:
            state["files"].append(name)
            self._publish(replace(entry, files=tuple(state["files"]),
                                  thumbs=dict(state["thumbs"])), version)
            layout = name.removesuffix(".pdf")
            if name.endswith(".pdf") and not name.endswith("-booklet.pdf"):
                state["thumbs"][layout] = thumbs.thumbnail(data, self.thumbs)
                self._publish(replace(entry, files=tuple(state["files"]),
                                      thumbs=dict(state["thumbs"])), version)

        made: list = []  # the make-up's warnings
        try:
            builder.render_into(doc, self.layouts, self.options, entry.folder, on_file,
                                self.render, made)
        except UserError as exc:
            errors = builder.relative(exc.diagnostics, self.source_dir)
            builder.save_manifest(entry.folder, {
                "files": [], "thumbs": {}, "errors": [builder.diag_to_json(d) for d in errors]})
            self._publish(replace(entry, state="error", files=(), thumbs={}, errors=errors),
                          version)
            return
        made = builder.relative(made, self.source_dir)
        builder.save_manifest(entry.folder, {**state, "errors": [], "warnings": [
            builder.diag_to_json(d) for d in made]})
        self._publish(replace(entry, state="ok", files=tuple(state["files"]),
                              thumbs=dict(state["thumbs"]),
                              warnings=(*entry.warnings, *made)), version)

    # -- background --------------------------------------------------------------------
    def start(self, interval: float = INTERVAL) -> None:
        """Poll the folder every ``interval`` seconds and build in a second thread."""
        self.threads = [threading.Thread(target=self._poll, args=(interval,), daemon=True,
                                         name="pipeline-web-poll"),
                        threading.Thread(target=self._work, daemon=True,
                                         name="pipeline-web-build")]
        for thread in self.threads:
            thread.start()

    def close(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def _poll(self, interval: float) -> None:
        while not self.stop.is_set():
            try:
                for path in self.scan():
                    self.queue.put(path)
            except Exception:
                log.exception("looking at %s failed", self.source_dir)
            self.stop.wait(interval)

    def _work(self) -> None:
        while not self.stop.is_set():
            try:
                path = self.queue.get(timeout=0.2)
            except queue.Empty:
                continue
            self.evaluate(path)
