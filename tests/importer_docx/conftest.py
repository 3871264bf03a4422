"""DOCX import fixtures: the sample and a few generated sources built once, and the same DOCX
re-saved by headless LibreOffice in one call, as an editor's tool would."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.importer_docx.helpers import MARKED, SAMPLE, build_docx, random_source

GENERATED_SEEDS = (1, 2, 3, 5, 8)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, tuple[Path, Path, str]]:
    """name -> (DOCX, its source, layout) for the sample and the generated sources."""
    base = tmp_path_factory.mktemp("built")
    sources = {"sample": SAMPLE, "marked": base / "marked" / "marked.yaml"}
    sources["marked"].parent.mkdir()
    sources["marked"].write_text(MARKED, encoding="utf-8")
    for seed in GENERATED_SEEDS:
        sources[f"gen{seed}"] = random_source(random.Random(seed), base / f"gen{seed}")
    out = {}
    for stem, source in sources.items():
        for layout, path in build_docx(source, base / "docx" / stem).items():
            out[f"{stem}-{layout}"] = (path, source, layout)
    return out


@pytest.fixture(scope="session")
def resaved(built, tmp_path_factory) -> dict[str, Path]:
    """name -> the DOCX of ``built`` after LibreOffice opened and saved it as DOCX."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    base = tmp_path_factory.mktemp("lo")
    (base / "in").mkdir()
    for name, (path, _, _) in built.items():
        shutil.copy(path, base / "in" / f"{name}.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{base / 'profile'}", "--headless",
                    "--convert-to", "docx", "--outdir", str(base / "out"),
                    *sorted(str(p) for p in (base / "in").glob("*.docx"))],
                   capture_output=True, timeout=300, check=True)
    out = {p.stem: p for p in (base / "out").glob("*.docx")}
    assert set(out) == set(built), "LibreOffice did not convert every DOCX"
    return out
