"""Fuzz fixtures: a DOCX and a PDF built by the pipeline once, to be mutated."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """The sample's handout as DOCX and PDF (paths: examples print their arguments)."""
    from pipeline.build import Options, build_source, resolve_layouts

    out = tmp_path_factory.mktemp("fuzz-built")
    options = Options(out_dir=out, layouts=("handout",), formats=("docx", "pdf"))
    result = build_source(ROOT / "source" / "bao-nghe-an.yaml", options,
                          resolve_layouts(("handout",)))
    assert result.ok, result.errors
    return {p.name: p for p in result.written}
