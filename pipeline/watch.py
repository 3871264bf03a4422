"""Polling file watcher: rebuild a source whenever it or one of its images changes."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

Stamp = tuple[int, int] | None  # (mtime_ns, size), or None for a missing file

INTERVAL = 0.1  # seconds between two looks at the files


def stamp(path: Path) -> Stamp:
    """What changes when a file is written: its modification time and size."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def dependencies(source: Path) -> list[Path]:
    """The source file and the images it names (missing ones included), as far as the
    source can be read; a source with errors depends on itself only."""
    from pipeline.collection import is_collection
    from pipeline.errors import UserError
    from pipeline.model import Figure
    from pipeline.source import load_source

    if is_collection(source):
        return _collection_dependencies(source)
    try:
        doc = load_source(source, draft=True)
    except UserError:
        return [source]
    images = sorted({b.path for b in doc.blocks if isinstance(b, Figure)})
    return [source, *images]


def _collection_dependencies(path: Path) -> list[Path]:
    """A collection, its cover and every item with its images, as far as they can be read
    (an item in error still counts: fixing it must rebuild the collection)."""
    from pipeline.collection import is_collection
    from pipeline.reading import read_limited
    from pipeline.yamlload import load

    try:
        data = load(read_limited(path, 1_000_000), str(path)).data
    except Exception:  # noqa: BLE001 - unreadable or broken: the file itself is all
        return [path]
    files = [path]
    if not isinstance(data, dict):
        return files
    folder = path.parent
    if isinstance(data.get("cover"), str):
        files.append(folder / data["cover"])
    items = data.get("items") if isinstance(data.get("items"), list) else []
    for item in items:
        if not isinstance(item, str) or not item.strip() or "\0" in item:
            continue
        target = folder / item
        if target.is_file() and not is_collection(target):  # never a loop of collections
            files.extend(dependencies(target))
        else:
            files.append(target)
    return list(dict.fromkeys(files))


class Tracker:
    """Remembers the stamps of each source's files and tells which sources changed."""

    def __init__(self, deps: Callable[[Path], list[Path]] = dependencies):
        self.deps = deps
        self.seen: dict[Path, dict[Path, Stamp]] = {}

    def record(self, source: Path) -> None:
        """Take the current stamps of ``source`` and its files (call it before building,
        so that an edit made during the build is seen next time)."""
        files = self.deps(source)
        self.seen[source] = {f: stamp(f) for f in files}

    def forget(self, source: Path) -> None:
        self.seen.pop(source, None)

    def changed(self, sources: Iterable[Path]) -> list[Path]:
        """Sources that are new, or whose files' stamps differ from the recorded ones."""
        out = []
        for source in sources:
            before = self.seen.get(source)
            if before is None or any(stamp(f) != s for f, s in list(before.items())):
                out.append(source)
        return out


def _round(tracker: Tracker, pending: list[Path], run_once) -> bool:
    """Record and build ``pending``; an internal error is shown and watching goes on."""
    try:
        for path in pending:
            tracker.record(path)
        return run_once(pending)
    except Exception:  # noqa: BLE001 - a bug: shown in full, but watching goes on
        import traceback

        traceback.print_exc()
        print("error: the build failed (an internal error, shown above; please report it)",
              file=sys.stderr, flush=True)
        return False


def watch_sources(paths: list[Path], run_once: Callable[[list[Path]], bool], *,
                  interval: float = INTERVAL, sleep: Callable[[float], None] = time.sleep,
                  stop: threading.Event | None = None) -> None:
    """Build ``paths`` once, then again each source whose YAML or images changed, until
    Ctrl+C (or ``stop`` is set). ``run_once(changed_paths)`` builds and prints."""
    stop = stop or threading.Event()
    tracker = Tracker()
    paths = [Path(p) for p in paths]
    print(f"watching {len(paths)} source(s); Ctrl+C stops", file=sys.stderr, flush=True)
    try:
        pending = paths
        while not stop.is_set():
            if pending:
                ok = _round(tracker, pending, run_once)
                print(f"{'built' if ok else 'errors'}; waiting for changes",
                      file=sys.stderr, flush=True)
            sleep(interval)
            pending = tracker.changed(paths)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
