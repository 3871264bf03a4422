"""The newsletter issue PDF: one masthead with the issue's number and date, the lead story
with "Trong số này", each later headline across the columns where the previous item ends
(a new page only when less than a third of one is left), the running footer throughout."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.collection import load_collection

ROOT = Path(__file__).resolve().parents[2]
ISSUE = ROOT / "source" / "ban-tin-dai-hoi.yaml"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("issue")
    result = CliRunner().invoke(main, ["build", str(ISSUE), "--format", "pdf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out / 'ban-tin-dai-hoi' / 'issue.pdf'}\n"
    return out / "ban-tin-dai-hoi" / "issue.pdf"


@pytest.fixture(scope="module")
def titles() -> list[str]:
    return [doc.title for doc in load_collection(ISSUE).items]


def headline(pdf, title: str):
    """(page number, top, x0, x1) of the headline's first line: the words of the title's
    start set in the largest size on the page."""
    first = title.split()[:3]
    for n, page in enumerate(pdf.pages, 1):
        words = page.extract_words(extra_attrs=["size"])
        for i, word in enumerate(words):
            if [w["text"] for w in words[i:i + 3]] == first and word["size"] > 14:
                line = [w for w in words if abs(w["top"] - word["top"]) < 2]
                return n, word["top"], min(w["x0"] for w in line), max(w["x1"] for w in line)
    raise AssertionError(f"headline {title!r} not found")


def test_page_one_has_the_masthead_the_lead_story_and_the_box(built, titles):
    with pdfplumber.open(built) as pdf:
        text = pdf.pages[0].extract_text()
        assert "Báo Nghệ An" in text and "Số 25 · 10/07/2020" in text
        assert headline(pdf, titles[0])[0] == 1
        starts = [headline(pdf, title)[0] for title in titles[1:]]
    lines = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(built), "-"],
                           check=True, capture_output=True, text=True).stdout.splitlines()
    assert any("TRONG SỐ NÀY" in line for line in lines)
    for title, page in zip(titles[1:], starts):
        line = next(line for line in lines if title[:30] in line)
        assert re.search(rf"{re.escape(title[:30])}.*\s{page}\b", line), line


def test_later_headlines_run_across_the_columns_where_the_previous_item_ends(built, titles):
    with pdfplumber.open(built) as pdf:
        width = float(pdf.pages[0].width)
        second = headline(pdf, titles[1])
        page = pdf.pages[second[0] - 1]
        above = [w for w in page.extract_words() if w["bottom"] < second[1] - 2
                 and w["top"] > 20 * MM]
        assert above, "the second item should start below the end of the first"
        assert second[2] < width / 2 < second[3]  # across the gutter
        third = headline(pdf, titles[2])
    if third[0] != second[0]:  # moved on: less than a third of the page was left
        with pdfplumber.open(built) as pdf:
            before = pdf.pages[third[0] - 2]
            height = float(before.height)
            body = [w for w in before.extract_words() if w["bottom"] < height - 20 * MM]
            lowest = max(w["bottom"] for w in body)
            type_height = height - 2 * 3 * MM - (14 + 18) * MM
            assert height - 3 * MM - 18 * MM - lowest < type_height / 3


def test_the_running_footer_continues_through_the_issue(built):
    text = subprocess.run(["pdftotext", "-raw", str(built), "-"], check=True,
                          capture_output=True, text=True).stdout.split("\f")[:-1]
    assert "Trang" not in text[0]
    for n, page in enumerate(text[1:], 2):
        assert f"Báo Nghệ An · 10/07/2020 · Trang {n}/{len(text)}" in page


def test_bookmarks_per_item(built, titles):
    with pikepdf.open(built) as pdf, pdf.open_outline() as outline:
        shown = [item.title for item in outline.root]
        assert len(shown) == len(titles)
        for entry, title in zip(shown, titles):  # long titles are cut, with "…"
            assert title.startswith(entry.removesuffix("…"))
        assert all(len(item.children) >= 2 for item in outline.root)


def test_the_issue_passes_preflight_and_the_pdfa_validator_and_rebuilds_identically(
        built, tmp_path):
    result = CliRunner().invoke(main, ["preflight", str(built)])
    assert result.exit_code == 0, result.output
    assert ": error: " not in result.output and ": warning: " not in result.output
    assert pikepdf.pdfa.validate_written(built, "2b").findings == []
    again = CliRunner().invoke(main, ["build", str(ISSUE), "--format", "pdf", "-o",
                                      str(tmp_path)])
    assert again.exit_code == 0, again.output
    assert (tmp_path / "ban-tin-dai-hoi" / "issue.pdf").read_bytes() == built.read_bytes()


def test_an_issue_built_with_the_handout_layout_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["build", str(ISSUE), "--layout", "handout", "-o",
                                       str(tmp_path)])
    assert result.exit_code == 1
    assert "ban-tin-dai-hoi.yaml:6:7: error: a collection of `kind: issue` is built with the " \
           "newsletter layout, not `handout` (a handout layout)" in result.stderr
