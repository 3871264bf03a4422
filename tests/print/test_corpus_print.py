"""The six corpus articles, imported and built as drafts in every print variant: pikepdf
passes each PDF/A file with no findings, and `pipeline preflight` passes every PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
ARTICLES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
pytestmark = pytest.mark.skipif(not ARTICLES, reason="../shared/corpus is not beside the project")


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("corpus")
    out = []
    for article in ARTICLES:
        target = folder / f"{article.stem}.yaml"
        result = CliRunner().invoke(main, ["import", str(article), "-o", str(target)])
        assert result.exit_code == 0, result.output
        out.append(target)
    return out


@pytest.fixture(scope="module", params=[[], ["--marks"], ["--pdfx"]],
                ids=["plain", "marks", "pdfx"])
def pdfs(request, sources, tmp_path_factory) -> tuple[list[str], list[Path]]:
    out = tmp_path_factory.mktemp("built")
    result = CliRunner().invoke(main, ["build", *map(str, sources), "--draft", "--format",
                                       "pdf", "-o", str(out), *request.param])
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*/*.pdf"))
    assert len(files) == 3 * len(ARTICLES)
    return request.param, files


def test_every_draft_pdf_passes_preflight(pdfs):
    _, files = pdfs
    result = CliRunner().invoke(main, ["preflight", "-q", *map(str, files)])
    assert result.exit_code == 0, result.output
    assert ": error:" not in result.output


def test_every_pdfa_draft_passes_pikepdfs_validator_with_no_findings(pdfs):
    from pikepdf import pdfa

    flags, files = pdfs
    if "--pdfx" in flags:
        pytest.skip("PDF/X-4 files claim no PDF/A")
    for path in files:
        report = pdfa.validate_written(path, "2b")
        assert report.findings == [] and report.passed, (path.name, report.findings[:3])
