"""DOCX fixtures: the sample and an edge-case source built once, then converted by headless
LibreOffice in one call that sees no system font but one that is not Noto."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.docx.helpers import EDGE, ROOT, SAMPLE, Docx, build, strip_fonts


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Docx]:
    """name -> Docx: sample-newsletter, sample-handout, edge-newsletter, edge-handout."""
    base = tmp_path_factory.mktemp("docx")
    edge_dir = base / "edge"
    shutil.copytree(ROOT / "source" / "images", edge_dir / "images")
    edge = edge_dir / "edge.yaml"
    edge.write_text(EDGE, encoding="utf-8")
    out = {}
    for stem, source in (("sample", SAMPLE), ("edge", edge)):
        for layout, path in build(source, base / "out" / stem).items():
            out[f"{stem}-{layout}"] = Docx(path, source, layout)
    return out


def _isolated_fonts(base: Path) -> dict[str, str]:
    """Environment for a fontconfig that sees one non-Noto font only (LibreOffice will not
    start without any font)."""
    fonts = base / "fonts"
    fonts.mkdir()
    listing = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True,
                             text=True).stdout.split()
    other = next(f for f in sorted(listing) if "noto" not in f.lower()
                 and f.lower().endswith(".ttf"))
    shutil.copy(other, fonts)
    conf = base / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{fonts}</dir>'
                    f"<cachedir>{base / 'cache'}</cachedir></fontconfig>")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


@pytest.fixture(scope="session")
def converted(built, tmp_path_factory) -> dict[str, Path]:
    """name -> PDF that LibreOffice made of each DOCX (plus "control": the sample newsletter
    without embedded fonts), in one soffice run that cannot see the system's fonts."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    base = tmp_path_factory.mktemp("lo")
    docs = base / "docx"
    docs.mkdir()
    for name, docx in built.items():
        shutil.copy(docx.path, docs / f"{name}.docx")
    strip_fonts(built["sample-newsletter"].path, docs / "control.docx")
    pdfs = base / "pdf"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{base / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(pdfs),
                    *sorted(str(p) for p in docs.glob("*.docx"))],
                   env=_isolated_fonts(base), capture_output=True, timeout=300, check=True)
    return {p.stem: p for p in pdfs.glob("*.pdf")}
