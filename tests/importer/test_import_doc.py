"""docs/import.md lists every kind of text the importer may consume, as the code does."""

from __future__ import annotations

from pathlib import Path

from pipeline.importer.text.markers import CONSUMED

DOC = Path(__file__).resolve().parents[2] / "docs" / "import.md"


def test_the_documented_list_is_the_code_list():
    text = DOC.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1:] == [f"| {kind} | {what} |" for kind, what in CONSUMED.items()]
