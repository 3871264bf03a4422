"""Atomic file output: write to a temporary name in the same folder, then rename.

A set of files (one source's outputs) is replaced as a whole: every temporary file is
written first, and only then are they renamed, with SIGINT/SIGTERM held back during the
renames. Temporaries carry the writer's process id (``.NAME.PID.XXXX.tmp``), so that those
left by a killed build are removed by the next write into the same folder."""

from __future__ import annotations

import os
import re
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

_TEMP = re.compile(r"^\.(?P<name>.+?)\.(?:(?P<pid>\d+)\.)?[A-Za-z0-9_]{8}\.tmp$")


class PartlyWritten(OSError):
    """Renaming stopped half-way: ``new`` files were replaced, ``old`` still hold the
    previous build (the message lists both); ``filename`` is the file that failed."""

    def __init__(self, failed: OSError, path: Path, new: list[Path], old: list[Path]):
        self.new, self.old = new, old
        super().__init__(failed.errno, failed.strerror or str(failed), str(path))


def target_of(path: Path) -> Path:
    """Where writing ``path`` lands: a symbolic link is written through to its target
    (the link stays a link); anything else is written in place."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new, never half."""
    write_all({path: data})


def write_all(files: dict[Path, bytes]) -> None:
    """Replace all ``files`` together: temporaries first, then the renames, so that a failed
    or interrupted write leaves the old set untouched and no temporary file behind.
    OSError names the real file (never a temporary); see :class:`PartlyWritten`."""
    targets = {target_of(Path(path)): data for path, data in files.items()}
    temps: dict[Path, str] = {}
    try:
        with _terminate_raises():
            for target, data in targets.items():
                _check_writable(target)
                _write_temp(target, data, temps)
        _rename_all(temps)
    finally:
        for tmp in temps.values():
            _unlink(tmp)


def remove_stale_temporaries(folder: Path, names=None) -> list[Path]:
    """Delete temporaries in ``folder`` (of ``names`` only, if given) left by a build that
    was killed (its process no longer runs); returns what was removed."""
    removed = []
    wanted = None if names is None else set(names)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP.match(entry.name)
        if (not match or (wanted is not None and match["name"] not in wanted)
                or not entry.is_file(follow_symlinks=False)):
            continue
        pid = match["pid"]
        if pid is not None and _running(int(pid)):
            continue  # being written right now (by this process or another)
        if _unlink(entry.path):
            removed.append(Path(entry.path))
    return removed


def _check_writable(target: Path) -> None:
    if target.is_dir():
        raise IsADirectoryError(21, "a folder has this name; remove or rename the folder",
                                str(target))


def _write_temp(target: Path, data: bytes, temps: dict[Path, str]) -> None:
    """Write ``data`` next to ``target`` under a temporary name, recorded in ``temps`` as
    soon as it exists (so that an interruption at any point still removes it)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise NotADirectoryError(20, "a part of the folder path is a file, not a folder",
                                 str(target.parent)) from None
    except OSError as exc:
        raise _named(exc, target.parent) from None
    try:
        remove_stale_temporaries(target.parent, [target.name])
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp",
                                   prefix=f".{target.name}.{os.getpid()}.")
        temps[target] = tmp
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
    except OSError as exc:
        raise _named(exc, target) from None


def _rename_all(temps: dict[Path, str]) -> None:
    done: list[Path] = []
    with _signals_deferred():
        for target, tmp in list(temps.items()):
            try:
                os.replace(tmp, target)
            except OSError as exc:
                if not done:
                    raise _named(exc, target) from None
                raise PartlyWritten(exc, target, done, list(temps)) from None
            del temps[target]
            done.append(target)


def _named(exc: OSError, path: Path) -> OSError:
    """The same error, naming the real file rather than a temporary one."""
    return type(exc)(exc.errno, exc.strerror or str(exc), str(path))


def _unlink(path) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def _running(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would send Ctrl+C there; keep the file
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def _terminate_raises():
    """While temporaries are written, SIGTERM unwinds (exit status 143) like Ctrl+C does,
    so that the temporaries are removed on the way out."""
    if not _main_thread() or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return

    def terminate(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextmanager
def _signals_deferred():
    """Hold SIGINT and SIGTERM back while the renames run (they take microseconds), so that
    a set is never left half old and half new; the signal is delivered afterwards."""
    if not _main_thread():
        yield
        return
    caught: list[int] = []
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)
        for sig in caught:
            signal.raise_signal(sig)
