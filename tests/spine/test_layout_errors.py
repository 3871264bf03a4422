"""A hand-written layout with mistakes is refused with located errors, like a source."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.errors import UserError
from pipeline.layouts import load_layout

ROOT = Path(__file__).resolve().parents[2]


def errors_of_layout(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    load_layout.cache_clear()
    with contextlib.chdir(tmp_path), pytest.raises(UserError) as caught:
        load_layout(Path("bad.yaml"))
    return [str(d) for d in caught.value.diagnostics]


def test_missing_styles_are_named_in_one_error(tmp_path):
    text = (ROOT / "templates" / "newsletter.yaml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines()
                     if not line.startswith(("  Caption:", "  Credit:")))
    errors = errors_of_layout(tmp_path, text)
    assert len(errors) == 1
    assert "error: 2 style(s) missing: Caption, Credit;" in errors[0]


def test_bad_values_are_located(tmp_path):
    text = (ROOT / "templates" / "handout.yaml").read_text(encoding="utf-8")
    text = text.replace("width: 148mm", "width: 148furlong").replace("columns: 1", "columns: x")
    text = text.replace("font: display, bold: true, size: 19pt", "font: comic, bold: true, size: 19pt")
    errors = errors_of_layout(tmp_path, text)
    lines = {e.split(": error: ")[1].split(";")[0]: e.split(": error: ")[0] for e in errors}
    assert lines["`148furlong` is not a length"] == "bad.yaml:6:10"
    assert lines["`x` must be a whole number of at least 1"] == "bad.yaml:10:10"
    assert any("font `comic` is not defined under `fonts:`" in e for e in errors)


def test_importing_an_empty_text_file_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "empty.txt"])
    assert result.exit_code == 1
    assert result.stderr.startswith("empty.txt:1:1: error: the file is empty")
    assert not (tmp_path / "empty.yaml").exists()
