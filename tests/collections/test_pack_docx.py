"""The pack's DOCX: a section per item from a right-hand page, a TOC field whose cached
entries already hold the titles and the PDF's page numbers, named styles only."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from tests.collections.test_pack_pdf import TITLES, make_pack, pages_text, starts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docx")
    pack = make_pack(folder)
    result = CliRunner().invoke(main, ["build", str(pack), "-o", str(folder / "out")])
    assert result.exit_code == 0, result.output
    assert "wrote " + str(folder / "out" / "pack" / "pack.docx") in result.stdout
    return folder / "out" / "pack"


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_one_section_per_item_each_from_a_right_hand_page(built):
    document = part(built / "pack.docx", "word/document.xml")
    sections = re.findall(r"<w:sectPr>.*?</w:sectPr>", document)
    assert len(sections) == 2 + len(TITLES)  # cover, contents, the items
    assert ['<w:type w:val="oddPage"/>' in s for s in sections] == [False, False, True, True,
                                                                       True]
    assert all("<w:headerReference" in s for s in sections[1:])
    assert "<w:headerReference" not in sections[0]  # the cover has no running elements


def test_the_contents_field_holds_the_titles_and_the_pdfs_page_numbers(built):
    document = part(built / "pack.docx", "word/document.xml")
    first = starts(pages_text(built / "pack.pdf"))
    assert document.count("TOC \\f p \\h \\z") == 1
    entries = re.findall(r'<w:hyperlink w:anchor="(_TocItem\d)".*?<w:t xml:space="preserve">'
                         r"(.*?)</w:t>.*?PAGEREF (_TocItem\d).*?<w:t xml:space=\"preserve\">"
                         r"(\d+)</w:t>", document)
    assert [(title, int(page)) for _, title, _, page in entries] == [
        (title, first[title]) for title in TITLES]
    for anchor, _, ref, _ in entries:  # each entry links to the item's bookmarked title
        assert anchor == ref
        assert f'<w:bookmarkStart w:id="{anchor[-1]}" w:name="{anchor}"/>' in document
    for title in TITLES:
        assert f'TC &quot;{title}&quot; \\f p \\l 1' in document


def test_named_styles_only(built):
    document = part(built / "pack.docx", "word/document.xml")
    styles = part(built / "pack.docx", "word/styles.xml")
    defined = set(re.findall(r'w:styleId="([^"]+)"', styles))
    used = set(re.findall(r'<w:(?:pStyle|rStyle) w:val="([^"]+)"/>', document))
    assert used <= defined
    assert '<w:name w:val="toc 1"/>' in styles
    for paragraph in re.findall(r"<w:pPr>(.*?)</w:pPr>", document):
        assert re.fullmatch(r'<w:pStyle w:val="[^"]+"/>(<w:sectPr>.*</w:sectPr>)?',
                            paragraph), paragraph
    assert "<w:rPr><w:rStyle" in document and not re.search(r"<w:rPr>(?!<w:rStyle)", document)


def test_rebuilding_the_docx_gives_identical_bytes(built, tmp_path):
    pack = built.parent.parent / "pack.yaml"
    result = CliRunner().invoke(main, ["build", str(pack), "--format", "docx",
                                       "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {tmp_path / 'pack' / 'pack.docx'}\n"
    assert (tmp_path / "pack" / "pack.docx").read_bytes() == (built / "pack.docx").read_bytes()
