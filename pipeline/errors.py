"""User-facing diagnostics: one exception type that carries FILE:LINE:COL messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in a user's file, at a 1-based line and column."""

    file: str
    line: int
    col: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        if not self.file:
            return f"{self.severity}: {self.message}"
        if self.line <= 0:
            return f"{self.file}: {self.severity}: {self.message}"
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"


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
