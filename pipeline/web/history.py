"""Earlier versions of the sources the page replaces: ``.history/<stem>/<time>-<user>.yaml``
beside them, the newest KEEP per source."""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pipeline import atomic

FOLDER = ".history"
KEEP = 50  # versions kept per source; the oldest goes when a 51st is added
OPEN_USER = "trang-mo"  # the user named in versions saved by the open page (no login)
_NAME = re.compile(r"^(?P<stamp>\d{8}T\d{6}\.\d{6}Z)-(?P<user>[\w.@-]{1,64})\.yaml$")


@dataclass(frozen=True)
class Version:
    name: str  # the file's name, its address on the page
    when: datetime  # UTC
    user: str
    size: int  # bytes


def digest(data: bytes) -> str:
    """What an edit form carries of the version it edits (a conflict check, not a secret)."""
    return hashlib.sha256(data).hexdigest()


class History:
    """The versions of the sources in ``source_dir``; ``replace`` is the one way the page
    writes a source: it keeps the current one first."""

    def __init__(self, source_dir: Path, keep: int = KEEP):
        self.source_dir = Path(source_dir)
        self.keep = keep
        self.lock = threading.Lock()

    def folder(self, stem: str) -> Path:
        return self.source_dir / FOLDER / stem

    def versions(self, stem: str) -> list[Version]:
        """Newest first."""
        out = []
        folder = self.folder(stem)
        for path in (folder.iterdir() if folder.is_dir() else ()):
            m = _NAME.match(path.name)
            if m is None or not path.is_file() or path.is_symlink():
                continue
            when = datetime.strptime(m["stamp"], "%Y%m%dT%H%M%S.%fZ").replace(
                tzinfo=timezone.utc)
            out.append(Version(path.name, when, m["user"], path.stat().st_size))
        return sorted(out, key=lambda v: v.name, reverse=True)

    def read(self, stem: str, name: str) -> bytes | None:
        """A version's bytes, or None when there is no such version."""
        if not _NAME.match(name) or name not in {v.name for v in self.versions(stem)}:
            return None
        return (self.folder(stem) / name).read_bytes()

    def replace(self, path: Path, data: bytes, user: str, expected: str | None = None) -> bool:
        """Write ``data`` as the source ``path``, keeping its current bytes as a version of
        ``user`` first. With ``expected`` (a digest), only if the source still has it:
        returns False (nothing written) when it changed meanwhile."""
        with self.lock:
            try:
                current = path.read_bytes()
            except FileNotFoundError:
                current = None
            if expected is not None and (current is None or digest(current) != expected):
                return False
            if current is not None and current != data:
                self._keep(path.stem, current, user)
            if current != data:
                atomic.write_bytes(path, data)
            return True

    def _keep(self, stem: str, data: bytes, user: str) -> None:
        folder = self.folder(stem)
        folder.mkdir(parents=True, exist_ok=True)
        user = user if re.fullmatch(r"[\w.@-]{1,64}", user or "") else OPEN_USER
        target = folder / f"{_stamp()}-{user}.yaml"
        while target.exists():  # two saves within one microsecond
            target = folder / f"{_stamp()}-{user}.yaml"
        atomic.write_bytes(target, data)
        for old in self.versions(stem)[self.keep:]:
            (folder / old.name).unlink(missing_ok=True)


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
