"""The issue's DOCX: one masthead, "Trong số này" with the PDF's page numbers, each item's
headline across the page then its body in columns, in continuous sections."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.collection import load_collection
from tests.collections.test_issue_pdf import ISSUE, headline

W_COLS = re.compile(r'<w:cols w:num="(\d)"')


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("issue-docx")
    result = CliRunner().invoke(main, ["build", str(ISSUE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out / "ban-tin-dai-hoi"


def document(built: Path) -> str:
    with zipfile.ZipFile(built / "issue.docx") as z:
        return z.read("word/document.xml").decode("utf-8")


def test_headline_sections_across_and_body_sections_in_columns(built):
    xml = document(built)
    sections = re.findall(r"<w:sectPr>.*?</w:sectPr>", xml)
    items = len(load_collection(ISSUE).items)
    assert len(sections) == 2 * items
    assert [bool(W_COLS.search(s)) for s in sections] == [False, True] * items
    assert ['<w:type w:val="continuous"/>' in s for s in sections] == [False] + [True] * (
        2 * items - 1)
    assert xml.count("<w:headerReference") + xml.count("<w:footerReference") >= 1
    assert re.findall(r'<w:pStyle w:val="Masthead"/>', xml) == ['<w:pStyle w:val="Masthead"/>']


def test_the_box_lists_the_later_items_with_the_pdfs_pages(built):
    import pdfplumber

    xml = document(built)
    titles = [doc.title for doc in load_collection(ISSUE).items]
    with pdfplumber.open(built / "issue.pdf") as pdf:
        pages = [headline(pdf, title)[0] for title in titles[1:]]
    entries = re.findall(r'<w:hyperlink w:anchor="_TocItem(\d)".*?<w:t xml:space="preserve">'
                         r"(.*?)</w:t>.*?PAGEREF _TocItem\d.*?<w:t xml:space=\"preserve\">"
                         r"(\d+)</w:t>", xml)
    assert [(title, int(page)) for _, title, page in entries] == list(zip(titles[1:], pages))
    assert "Trong số này" in xml


def test_named_styles_only_and_identical_rebuilds(built, tmp_path):
    with zipfile.ZipFile(built / "issue.docx") as z:
        styles = z.read("word/styles.xml").decode("utf-8")
    defined = set(re.findall(r'w:styleId="([^"]+)"', styles))
    used = set(re.findall(r'<w:(?:pStyle|rStyle) w:val="([^"]+)"/>', document(built)))
    assert used <= defined
    result = CliRunner().invoke(main, ["build", str(ISSUE), "--format", "docx",
                                       "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ban-tin-dai-hoi" / "issue.docx").read_bytes() == (
        built / "issue.docx").read_bytes()
