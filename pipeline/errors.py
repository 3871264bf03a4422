"""User-facing diagnostics: one exception type that carries FILE:LINE:COL messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Control characters (C0, DEL, C1), the bidirectional overrides that reorder what follows, and
# lone surrogates (undecodable bytes of a file name or PDF string), which no terminal can show.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                          "\u2066-\u2069\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes (\\n, \\x1b, \\u202e): a message stays
    on one line and a value from a file cannot send escape sequences to the terminal."""
    return _UNPRINTABLE.sub(lambda m: _NAMED.get(m[0]) or (
        f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}"), text)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in a user's file, at a 1-based line and column."""

    file: str
    line: int
    col: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        file, message = printable(self.file), printable(self.message)
        if not file:
            return f"{self.severity}: {message}"
        if self.line <= 0:
            return f"{file}: {self.severity}: {message}"
        return f"{file}:{self.line}:{self.col}: {self.severity}: {message}"


class UserError(Exception):
    """Errors the user can fix; shown without traceback, exit status 1."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic | str):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        elif isinstance(diagnostics, str):
            diagnostics = [Diagnostic("", 0, 0, diagnostics)]
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.file, d.line, d.col))
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def at(cls, file: str | Path, line: int, col: int, message: str) -> "UserError":
        return cls(Diagnostic(str(file), line, col, message))


def display_path(path: str | Path) -> str:
    """A path as the user should see it: relative to the working folder when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(p)
