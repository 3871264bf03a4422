"""The congress pack PDF: cover, contents with the right page numbers, right-hand starts,
running heads, folios, bookmarks, and every print property of a single handout."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"
TITLES = ("Phát huy truyền thống đoàn kết trong Đảng bộ Khối",
          "Cải cách hành chính bắt đầu từ tiếp công dân",
          "Xây dựng đội ngũ cán bộ đủ tầm, đủ tâm")
PACK = """\
kind: pack
title: Tài liệu phục vụ Đại hội
publication: Báo Nghệ An
issue: Số 25
date: 2020-07-10
event: Đại hội đại biểu Đảng bộ Khối lần thứ XX
place: TP. Vinh, Nghệ An
cover: images/bia.jpg
items:
  - mot.yaml
  - hai.yaml
  - ba.yaml
"""
QUESTIONS_AND_HEADINGS = len(re.findall(r"^  - (q|heading):", SAMPLE.read_text(encoding="utf-8"),
                                        re.M))
FOLIO = re.compile(r"Trang (\d+)/(\d+)")


def make_pack(folder: Path) -> Path:
    """Three interviews (the sample under three titles), a cover photo, the pack file."""
    from PIL import Image

    shutil.copytree(ROOT / "source" / "images", folder / "images")
    sample = SAMPLE.read_text(encoding="utf-8")
    old_title = re.search(r"^title: .*$", sample, re.M)[0]
    for name, title in zip(("mot", "hai", "ba"), TITLES):
        (folder / f"{name}.yaml").write_text(sample.replace(old_title, f"title: {title}"),
                                             encoding="utf-8")
    cover = Image.linear_gradient("L").resize((2000, 1334)).convert("RGB")
    cover.save(folder / "images" / "bia.jpg", quality=85, dpi=(300, 300))
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    return folder / "pack.yaml"


@pytest.fixture(scope="module", params=[False, True], ids=["plain", "marks"])
def built(request, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("marks" if request.param else "plain")
    pack = make_pack(folder)
    args = ["build", str(pack), "-o", str(folder / "out")] + ["--marks"] * request.param
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return folder / "out" / "pack"


def pages_text(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def starts(pages: list[str]) -> dict[str, int]:
    """Title -> the page (1-based) whose text begins with the item's headline block."""
    found = {}
    for n, page in enumerate(pages, 1):
        for title in TITLES:
            if n > 2 and title in page and title not in found and "Trang" in page:
                found[title] = n
    return found


def test_cover_then_contents_with_the_page_each_item_starts_on(built):
    pages = pages_text(built / "pack.pdf")
    cover = pages[0]
    for text in ("Tài liệu phục vụ Đại hội", "Đại hội đại biểu Đảng bộ Khối lần thứ XX".upper(),
                 "TP. Vinh, Nghệ An – 10/07/2020", "Báo Nghệ An", "Số 25"):
        assert text in cover
    assert "Trang" not in cover  # no folio on the cover
    first = starts(pages)
    assert sorted(first.values()) == [first[t] for t in TITLES]  # in the pack's order
    assert pages[1].startswith("Mục lục")
    lines = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2",
                            str(built / "pack.pdf"), "-"], check=True, capture_output=True,
                           text=True).stdout.splitlines()
    for title in TITLES:  # the number stands on the title's first line (balanced: short)
        line = next(line for line in lines if title[:20] in line)
        assert line.split()[-1] == str(first[title]), line


def test_each_item_starts_on_a_right_hand_page_after_a_blank_left_one(built):
    pages = pages_text(built / "pack.pdf")
    first = starts(pages)
    assert all(page % 2 == 1 for page in first.values()), first
    for page in first.values():
        assert pages[page - 1].startswith("CHÀO MỪNG")  # its own headline block: the kicker
    blanks = [n for n, page in enumerate(pages, 1) if not page.strip()]
    assert all(n % 2 == 0 or n > max(first.values()) for n in blanks)


def test_folios_run_through_the_pack_and_the_page_count_is_a_multiple_of_4(built):
    pages = pages_text(built / "pack.pdf")
    assert len(pages) % 4 == 0
    for n, page in enumerate(pages, 1):
        if n == 1 or not page.strip():
            continue
        assert FOLIO.findall(page)[-1] == (str(n), str(len(pages))), (n, page[-80:])


def test_the_running_head_names_the_item_the_page_belongs_to(built):
    pages = pages_text(built / "pack.pdf")
    first = starts(pages)
    order = sorted(first.items(), key=lambda kv: kv[1])
    for n, page in enumerate(pages, 1):
        if n <= 2 or not page.strip() or n in first.values():
            continue
        title = [t for t, start in order if start <= n][-1]
        # drawn last, when the pages are known: the text before the folio
        assert page[:page.rindex(" Trang ")].endswith(title), (n, title, page[-80:])


def test_bookmarks_per_item_with_its_questions_under_it(built):
    with pikepdf.open(built / "pack.pdf") as pdf, pdf.open_outline() as outline:
        top = [item.title for item in outline.root]
        assert top == ["Mục lục", *TITLES]
        for item in outline.root[1:]:
            titles = [child.title for child in item.children]
            assert titles[0].startswith("P.V: Thưa đồng chí Bí thư")
            below = [grandchild.title for child in item.children for grandchild in child.children]
            assert len(titles) + len(below) == QUESTIONS_AND_HEADINGS


@pytest.mark.parametrize("name", ["pack.pdf", "pack-booklet.pdf"])
def test_the_pack_passes_preflight_and_the_pdfa_validator(built, name):
    result = CliRunner().invoke(main, ["preflight", str(built / name)])
    assert result.exit_code == 0, result.output
    assert ": error: " not in result.output
    assert "embedded subset" in result.output and "colour: DeviceCMYK" in result.output
    report = pikepdf.pdfa.validate_written(built / name, "2b")
    assert report.findings == []


def test_the_booklet_has_half_as_many_a4_sheet_sides(built):
    with pikepdf.open(built / "pack.pdf") as pack, \
            pikepdf.open(built / "pack-booklet.pdf") as booklet:
        assert len(booklet.pages) == len(pack.pages) // 2
        trim = [float(v) for v in booklet.pages[0].obj.TrimBox]
        assert (round(trim[2] - trim[0], 2), round(trim[3] - trim[1], 2)) == (841.89, 595.28)


def test_rebuilding_gives_identical_bytes(built, tmp_path):
    pack = built.parent.parent / "pack.yaml"
    marks = ["--marks"] if "marks" in built.parent.parent.name else []
    result = CliRunner().invoke(main, ["build", str(pack), "-o", str(tmp_path), *marks])
    assert result.exit_code == 0, result.output
    for name in ("pack.pdf", "pack-booklet.pdf"):
        assert (tmp_path / "pack" / name).read_bytes() == (built / name).read_bytes()
