"""End to end: the sample builds, and every sentence of it is in each PDF and DOCX, in order."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline.source import load_source
from tests.printed_text import squash, without_running_lines

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"
FILES = ("newsletter.pdf", "newsletter.docx", "handout.pdf", "handout.docx",
         "handout-booklet.pdf")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = subprocess.run([sys.executable, "-m", "pipeline", "build", str(SAMPLE), "-o",
                             str(out)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"wrote {out / 'bao-nghe-an' / name}"
                                          for name in _order(result.stdout)]
    return out / "bao-nghe-an"


def _order(stdout: str) -> list[str]:
    return [Path(line.split(" ", 1)[1]).name for line in stdout.splitlines()]


def sentences(skip: tuple[str, ...] = ()) -> list[str]:
    """Every sentence of the sample, in reading order (title, lead, body), but ``skip``'s."""
    return [s for t in load_source(SAMPLE).texts() if t not in skip
            for s in re.split(r"(?<=[.!?…])\s+", t) if s]


def captions() -> tuple[str, ...]:
    from pipeline.model import Figure, plain_text

    return tuple(plain_text(b.caption) for b in load_source(SAMPLE).blocks
                 if isinstance(b, Figure))


def assert_in_order(haystack: str, wanted: list[str]) -> None:
    haystack, pos = squash(haystack), 0
    for sentence in wanted:
        found = haystack.find(squash(sentence), pos)
        assert found >= 0, f"missing or out of order: {sentence!r}"
        pos = found + len(sentence)


def pdf_text(path: Path, layout_name: str) -> str:
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return without_running_lines(raw, layout_name, load_source(SAMPLE).fields())


def docx_text(path: Path) -> str:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    texts = ("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in paragraphs)
    from html import unescape

    return "\n".join(unescape(t) for t in texts)


def test_build_writes_every_file(built):
    assert sorted(p.name for p in built.iterdir()) == sorted(FILES)


@pytest.mark.parametrize("name", ["newsletter.pdf", "handout.pdf"])
def test_every_sentence_is_in_the_pdf_in_order(built, name):
    """A caption is whole but may come after text that moved up before its photo, which
    floated to the next column (tests/makeup/test_floats.py)."""
    text = pdf_text(built / name, name.split(".")[0])
    assert all(squash(caption) in squash(text) for caption in captions())
    assert_in_order(text, sentences(skip=captions()))


def test_the_booklet_holds_every_handout_page_whole(built):
    def page_text(path, page):
        return squash(subprocess.run(["pdftotext", "-raw", "-f", str(page), "-l", str(page),
                                      str(path), "-"], capture_output=True, text=True,
                                     check=True).stdout)

    booklet = squash(subprocess.run(["pdftotext", "-raw", str(built / "handout-booklet.pdf"),
                                     "-"], capture_output=True, text=True, check=True).stdout)
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(built / "handout.pdf")], capture_output=True, text=True).stdout)[1])
    for page in range(1, pages + 1):
        assert page_text(built / "handout.pdf", page) in booklet, page


@pytest.mark.parametrize("name", ["newsletter.docx", "handout.docx"])
def test_every_sentence_is_in_the_docx_in_order(built, name):
    assert_in_order(docx_text(built / name), sentences())


def test_fonts_are_embedded_and_bundled(built):
    for name in ("newsletter.pdf", "handout.pdf", "handout-booklet.pdf"):
        fonts = subprocess.run(["pdffonts", str(built / name)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert fonts, name
        for line in fonts:
            assert "Noto" in line and " yes " in line, (name, line)


def test_rebuilding_gives_identical_bytes(built, tmp_path):
    subprocess.run([sys.executable, "-m", "pipeline", "build", str(SAMPLE), "-q", "-o",
                    str(tmp_path)], check=True, cwd=ROOT)
    for name in FILES:
        assert (tmp_path / "bao-nghe-an" / name).read_bytes() == (built / name).read_bytes(), name
