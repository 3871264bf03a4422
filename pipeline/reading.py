"""Reading a user's file: regular files only, never more than a limit of bytes."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotReadable(Exception):
    """The file cannot be used; the message says why and how to fix it."""


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def read_limited(path: Path, limit: int, what: str = "a source holds one interview") -> bytes:
    """The bytes of ``path``, reading at most ``limit + 1`` of them: the limit holds for
    files whose size the system does not know (/dev/zero, /proc) and for files that grow.
    A FIFO, device or folder is refused before reading (opening a FIFO could wait for ever),
    also behind a symbolic link. Raises NotReadable or OSError."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO then returns at once
    fd = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_CLOEXEC", 0))
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotReadable(f"not a regular file (it is {kind}); name a file saved by "
                              "an editor")
        if nonblocking:
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise NotReadable(f"the file is larger than {limit / 1_000_000:g} MB; {what}")
    return data
