"""End to end: the seed text imported with `pipeline import` builds as a draft (missing photos
become labelled placeholders, with a warning) whose PDF and DOCX hold every sentence of the
seed; a normal build of the same import fails on the missing photos at FILE:LINE:COL."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from html import unescape
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.importer.docx import import_docx
from pipeline.source import load_source
from tests.printed_text import squash, without_running_lines

SEED = Path("/work/shared/seed/interview.txt")
if not SEED.is_file():
    SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "interview.txt"
pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="the seed text is not here")


def seed_sentences() -> list[str]:
    text = SEED.read_text(encoding="utf-8-sig")
    return [s for line in text.splitlines() for s in re.split(r"(?<=[.!?…])\s+", squash(line))
            if s]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("seed")
    shutil.copy(SEED, folder / "interview.txt")
    runner = CliRunner()
    imported = runner.invoke(main, ["import", str(folder / "interview.txt")])
    draft = runner.invoke(main, ["build", "--draft", str(folder / "interview.yaml"),
                                 "-o", str(folder / "draft")])
    normal = runner.invoke(main, ["build", str(folder / "interview.yaml"),
                                  "-o", str(folder / "normal")])
    return {"folder": folder, "import": imported, "draft": draft, "normal": normal,
            "out": folder / "draft" / "interview"}


def figure_lines(source: Path) -> list[tuple[int, int, str]]:
    """(line, column, path) of each figure value in the YAML text."""
    out = []
    for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        m = re.match(r"(\s*- figure: )(\S+)", line)
        if m:
            out.append((n, len(m.group(1)) + 1, m.group(2)))
    return out


def test_the_import_and_the_draft_build_succeed(project):
    assert len(seed_sentences()) > 40
    assert project["import"].exit_code == 0, project["import"].output
    assert project["draft"].exit_code == 0, project["draft"].output
    assert sorted(p.name for p in project["out"].iterdir()) == [
        "handout-booklet.pdf", "handout.docx", "handout.pdf", "newsletter.docx",
        "newsletter.pdf"]


def test_each_missing_photo_is_a_located_warning_in_the_draft(project):
    figures = figure_lines(project["folder"] / "interview.yaml")
    assert figures, "the seed's captions should give figures"
    for line, col, path in figures:
        assert re.search(rf"interview\.yaml:{line}:{col}: warning: image file `{re.escape(path)}`"
                         r" not found .*; a placeholder is printed", project["draft"].output)


@pytest.mark.parametrize("layout", ["newsletter", "handout"])
def test_every_sentence_of_the_seed_is_in_the_pdf(project, layout):
    raw = subprocess.run(["pdftotext", "-raw", str(project["out"] / f"{layout}.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    fields = load_source(project["folder"] / "interview.yaml", draft=True).fields()
    text = squash(without_running_lines(raw, layout, fields))
    missing = [s for s in seed_sentences() if squash(s) not in text]
    assert missing == []


@pytest.mark.parametrize("layout", ["newsletter", "handout"])
def test_every_sentence_of_the_seed_is_in_the_docx(project, layout):
    xml = zipfile.ZipFile(project["out"] / f"{layout}.docx").read("word/document.xml").decode()
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    text = squash(" ".join(unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)))
                           for p in paragraphs))
    missing = [s for s in seed_sentences() if squash(s) not in text]
    assert missing == []


def test_a_normal_build_fails_on_each_missing_photo_at_its_line(project):
    result = project["normal"]
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert errors == [
        f"{project['folder'] / 'interview.yaml'}:{line}:{col}: error: image file `{path}` not "
        f"found (looked in {project['folder'] / 'images'}); check the spelling or put the "
        "photo there" for line, col, path in figure_lines(project["folder"] / "interview.yaml")]
    assert not (project["folder"] / "normal" / "interview").exists()


def test_the_draft_docx_imports_back_with_photo_todos(project, tmp_path):
    """The draft's placeholders are not taken for photos: the figures keep TODO paths."""
    result = import_docx(project["out"] / "newsletter.docx", tmp_path / "back.yaml")
    data = yaml.safe_load(result.yaml_text)
    original = yaml.safe_load((project["folder"] / "interview.yaml").read_text("utf-8"))
    captions = [b["caption"] for b in data["body"] if "figure" in b]
    assert captions == [b["caption"] for b in original["body"] if "figure" in b]
    assert sum("the photo was a placeholder" in w.message for w in result.warnings) == len(
        captions)
    assert not (tmp_path / "images").exists()
