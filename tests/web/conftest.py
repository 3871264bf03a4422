"""Fixtures for the web tests: a copy of the sample folder, a counting stand-in renderer."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pikepdf
import pytest

from pipeline.errors import Diagnostic
from pipeline.web.app import create_app
from tests.web.chromium import browser, page  # noqa: F401 (fixtures of the Chromium tests)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = "bao-nghe-an"


class FakeRender:
    """Stands in for pipeline.build.render: one-page PDFs carrying the title, counted."""

    def __init__(self):
        self.calls: list[tuple[str, str, str]] = []
        self.warn: str | None = None  # a make-up warning each PDF gives (render_pdf's)

    def __call__(self, doc, layout, fmt, options, warnings=None):
        self.calls.append((doc.source_path.stem, layout.name, fmt))
        if self.warn and fmt == "pdf" and warnings is not None:
            warnings.append(Diagnostic(str(doc.source_path), 7, 3,
                                       f"{layout.name}.pdf: {self.warn}", "warning"))
        if fmt == "docx":
            return {f"{layout.name}.docx": b"PK\x03\x04 fake docx " + doc.title.encode()}
        files = {f"{layout.name}.pdf": pdf_bytes(f"{layout.name}: {doc.title}")}
        if layout.booklet:
            files[f"{layout.name}-booklet.pdf"] = pdf_bytes(f"booklet: {doc.title}")
        return files


def pdf_bytes(title: str) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(300, 400))
    pdf.docinfo["/Title"] = title
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    pdf.close()
    return out.getvalue()


def _rewrite(path: Path, text: str) -> None:
    """Write ``text`` and move the modification time on, as a later save would."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture
def sample_dir(tmp_path) -> Path:
    """The sample interview and its photos (not the sample pack's other sources)."""
    target = tmp_path / "source"
    shutil.copytree(ROOT / "source" / "images", target / "images")
    shutil.copyfile(ROOT / "source" / "bao-nghe-an.yaml", target / "bao-nghe-an.yaml")
    return target


@pytest.fixture
def render() -> FakeRender:
    return FakeRender()


@pytest.fixture
def app(sample_dir, tmp_path, render):
    app = create_app(sample_dir, tmp_path / "cache", uploads_dir=tmp_path / "uploads",
                     render=render)
    app.extensions["pipeline"].catalog.refresh()
    yield app
    app.extensions["pipeline"].close()


@pytest.fixture
def catalog(app):
    return app.extensions["pipeline"].catalog


@pytest.fixture
def client(app):
    with app.test_client() as client:
        yield client


@pytest.fixture
def rewrite():
    """rewrite(path, text): save a file as an editor would, with a later mtime."""
    return _rewrite


@pytest.fixture
def line_of():
    """line_of(path, needle): the 1-based line holding ``needle``."""
    return _line_of


@pytest.fixture
def sample(sample_dir) -> Path:
    return sample_dir / f"{SAMPLE}.yaml"
