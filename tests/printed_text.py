"""Test helpers for reading printed text back: white space folded, running lines removed."""

from __future__ import annotations

import re

from pipeline.layouts import available, load_layout
from pipeline.textfields import render


def squash(text: str) -> str:
    """Runs of white space (non-breaking ones too) folded to one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def running_pattern(layout_name: str, fields: dict) -> re.Pattern:
    """A pattern matching a layout's running header and footer lines, any page number."""
    layout = load_layout(available()[layout_name])
    parts = []
    for running in (layout.header, layout.footer):
        text = render(running.text, {**fields, "page": "\0", "pages": "\0"}) if running else ""
        if text.strip():
            parts.append(re.escape(squash(text)).replace("\x00", r"\d+"))
    return re.compile("^(" + "|".join(parts) + ")$") if parts else re.compile("(?!)")


def without_running_lines(pdftotext_raw: str, layout_name: str, fields: dict) -> str:
    pattern = running_pattern(layout_name, fields)
    return "\n".join(line for line in pdftotext_raw.splitlines()
                     if not pattern.match(squash(line)))
