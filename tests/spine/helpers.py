"""Test helpers: write a source next to a stand-in image and collect its diagnostics."""

from __future__ import annotations

import contextlib
from pathlib import Path

from pipeline.errors import UserError
from pipeline.source import load_source

VALID = """\
format: 1
title: Tiêu đề
publication: Báo Nghệ An
date: 2020-07-10
people:
  pv:
    label: P.V
    role: interviewer
  dinh:
    label: Đồng chí Nguyễn Nam Đình
    role: interviewee
body:
  - q: Câu hỏi?
  - a: Trả lời.
"""


def errors_of(tmp_path: Path, text: str | bytes, name: str = "s.yaml") -> list[str]:
    """The error lines `load_source` reports for ``text`` (empty when it is valid)."""
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    try:
        with contextlib.chdir(tmp_path):
            load_source(Path(name))
    except UserError as exc:
        return [str(d) for d in exc.diagnostics]
    return []
