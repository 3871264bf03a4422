"""Helpers for the PDF tests: building, source variants, poppler text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"
HOSTILE = '<img src="/etc/passwd"/> <font color=red>đỏ</font> </para> &amp; A & B'
LONG_URL = "https://example.vn/" + "a1b2c3d4e5" * 28 + "xyz"  # 300 characters, no break


def build(source: Path, layout_name: str, dirs: tuple = (), marks: bool = False) -> bytes:
    from pipeline.build import resolve_layouts
    from pipeline.source import load_source
    from pipeline.writers.pdf import render_pdf

    [layout] = resolve_layouts((layout_name,), dirs)
    return render_pdf(load_source(source), layout, marks=marks)


def variant(tmp: Path, body_yaml: str | None = None, repeat: int = 1) -> Path:
    """A copy of the sample (with its images) whose body is replaced or repeated."""
    shutil.copytree(SAMPLE.parent / "images", tmp / "images", dirs_exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    head, body = text.split("\nbody:\n", 1)
    if body_yaml is not None:
        body = body_yaml
    (tmp / "s.yaml").write_text(head + "\nbody:\n" + body * repeat, encoding="utf-8")
    return tmp / "s.yaml"


def pdftotext(pdf: bytes, tmp: Path, *args: str) -> str:
    path = tmp / "x.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", *args, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
