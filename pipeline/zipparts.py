"""Parts of a zip package read with bounds on the bytes actually decompressed."""

from __future__ import annotations

import zipfile
import zlib

CHUNK = 1 << 20
# what a damaged or hostile zip raises
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
              NotImplementedError, RuntimeError, zlib.error)


class PartTooLarge(Exception):
    """A part decompresses to more bytes than allowed (its header may say otherwise)."""


class Budget:
    """Bytes that the parts of one package may decompress to, each and all together. Only
    decompressed bytes count: the sizes a zip's headers declare may be lies."""

    def __init__(self, per_part: int, total: int):
        self.per_part, self.left = per_part, total

    def read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        """The part's bytes; raises PartTooLarge past a bound, ZIP_ERRORS when damaged."""
        limit, chunks, size = min(self.per_part, self.left), [], 0
        with archive.open(info) as stream:
            while size <= limit:  # small reads: zipfile inflates as much as it is asked for
                chunk = stream.read(CHUNK)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        if size > limit:
            raise PartTooLarge(info.filename)
        self.left -= size
        return b"".join(chunks)
