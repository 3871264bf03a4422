"""A pack's optional back cover: the last page of the PDF, page count still a multiple of 4."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from tests.collections.test_pack_pdf import PACK, make_pack, pages_text

BACK = ("Tài liệu lưu hành nội bộ", "Ban Tuyên giáo Đảng ủy Khối Các cơ quan tỉnh")
BACK_YAML = f"back_cover: |\n  {BACK[0]}\n\n  {BACK[1]}\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("back")
    pack = make_pack(folder)
    pack.write_text(PACK.replace("items:\n", BACK_YAML + "items:\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(pack), "-o", str(folder / "out")])
    assert result.exit_code == 0, result.output
    return folder / "out" / "pack"


def test_the_back_cover_is_the_last_page_and_the_count_a_multiple_of_4(built):
    pages = pages_text(built / "pack.pdf")
    assert len(pages) % 4 == 0
    last = pages[-1]
    assert BACK[0] in last and BACK[1] in last and "Báo Nghệ An" in last
    assert "Trang" not in last  # no folio on a cover
    assert not any(BACK[0] in page for page in pages[:-1])


def test_without_a_back_cover_the_last_page_has_none(tmp_path):
    pack = make_pack(tmp_path)
    result = CliRunner().invoke(main, ["build", str(pack), "-o", str(tmp_path / "out"),
                                       "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert BACK[0] not in pages_text(tmp_path / "out" / "pack" / "pack.pdf")[-1]


def test_the_booklets_outer_sheet_holds_the_back_cover_beside_the_cover(built):
    sheets = pages_text(built / "pack-booklet.pdf")
    assert BACK[0] in sheets[0] and "Tài liệu phục vụ Đại hội" in sheets[0]


@pytest.mark.parametrize("name", ["pack.pdf", "pack-booklet.pdf"])
def test_the_pack_with_a_back_cover_passes_preflight_and_pdfa(built, name):
    result = CliRunner().invoke(main, ["preflight", str(built / name)])
    assert result.exit_code == 0, result.output
    assert ": error: " not in result.output
    assert pikepdf.pdfa.validate_written(built / name, "2b").findings == []


def test_the_docx_ends_with_the_back_cover_on_a_left_hand_page(built):
    with zipfile.ZipFile(built / "pack.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
        last = re.findall(r"<w:sectPr>.*?</w:sectPr>", xml)[-1]
        tail = xml[xml.rindex("oddPage"):]
        assert '<w:type w:val="evenPage"/>' in last
        for rid in re.findall(r'r:id="(rIdHf\d+)"', last):  # empty running elements
            target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"',
                               z.read("word/_rels/document.xml.rels").decode())[1]
            assert "<w:t" not in z.read(f"word/{target}").decode()
    for text in BACK:
        assert f'<w:pStyle w:val="Interviewee"/></w:pPr><w:r><w:t xml:space="preserve">{text}' \
            in tail


def test_an_issue_has_no_back_cover(tmp_path):
    pack = make_pack(tmp_path)
    text = PACK.replace("kind: pack", "kind: issue").replace("items:\n", BACK_YAML + "items:\n")
    pack.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(pack)])
    assert result.exit_code == 1
    line = text.splitlines().index(BACK_YAML.splitlines()[0]) + 1
    assert f"pack.yaml:{line}:1: error: `back_cover` is for a pack" in result.output
