"""Every contract violation is reported at its FILE:LINE:COL with a way out, all at once."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.spine.helpers import VALID, errors_of

ROOT = Path(__file__).resolve().parents[2]
JPEG = ROOT / "source" / "images" / "01-btv-lam-viec.jpg"


def test_the_valid_minimum_has_no_errors(tmp_path):
    assert errors_of(tmp_path, VALID) == []


def test_the_sample_source_is_valid():
    from pipeline.source import load_source

    doc = load_source(ROOT / "source" / "bao-nghe-an.yaml")
    assert doc.publication == "Báo Nghệ An"
    assert {b.kind for b in doc.blocks} == {"q", "a", "p", "figure", "quote", "heading"}


@pytest.mark.parametrize("text, expected", [
    (VALID.replace("title:", "titel:"),
     ["s.yaml:1:1: error: missing required key `title`",
      "s.yaml:2:1: error: unknown key `titel`; did you mean `title`?"]),
    (VALID.replace("publication: Báo Nghệ An\n", ""),
     ["s.yaml:1:1: error: missing required key `publication`"]),
    (VALID.replace("date: 2020-07-10", "date: 10/07/2020"),
     ["s.yaml:4:7: error: `date: 10/07/2020` is not a valid date; write it as YYYY-MM-DD"]),
    (VALID.replace("date: 2020-07-10", "date: 2020-02-30"),
     ["s.yaml:4:7: error: `date: 2020-02-30` is not a valid date"]),
    (VALID.replace("format: 1", "format: 2"),
     ["s.yaml:1:9: error: `format: 2` is not supported"]),
    (VALID.replace("title: Tiêu đề", "title: [a, b]"),
     ["s.yaml:2:8: error: `title` must be text, not a list"]),
    (VALID.replace("title: Tiêu đề", "title:"),
     ["s.yaml:2:7: error: `title` is empty"]),
    (VALID.replace("role: interviewer", "role: host"),
     ["s.yaml:8:11: error: `role: host` is not a role; write `interviewer` or `interviewee`"]),
    (VALID.replace("role: interviewer", "role: interviewee"),
     ["s.yaml:5:1: error: `people` needs at least one interviewer",
      "s.yaml:14:5: error: there is more than one interviewee (pv, dinh)"]),
    (VALID.replace("    role: interviewee\n", "    role: interviewee\n    nmae: X\n"),
     ["s.yaml:12:5: error: unknown key `nmae`; did you mean `name`?"]),
    (VALID.replace("  - a: Trả lời.", "  - a: Trả lời.\n    by: lan"),
     ["s.yaml:15:9: error: `by: lan` names no person; people are: pv, dinh"]),
    (VALID.replace("  - a: Trả lời.", "  - a: Trả lời.\n    q: Hai?"),
     ["s.yaml:15:5: error: this block has two kinds (`a` and `q`)"]),
    (VALID.replace("  - a: Trả lời.", "  - caption: Ảnh"),
     ["s.yaml:14:5: error: unknown key `caption`",
      "s.yaml:14:5: error: this block has no kind; start it with one of q, a, p, figure"]),
    (VALID.replace("  - a: Trả lời.", "  - a: Trả lời.\n    credit: T.D"),
     ["s.yaml:15:5: error: unknown key `credit`; a `a` block takes: a, by"]),
    (VALID.replace("url", "x") + "url: ftp://example.vn\n",
     ["s.yaml:15:6: error: `url: ftp://example.vn` is not a web address"]),
    (VALID + "language: tiếng việt\n",
     ["s.yaml:15:11: error: `language: tiếng việt` is not a language tag"]),
    (VALID.replace("body:\n  - q: Câu hỏi?\n  - a: Trả lời.\n", "body: []\n"),
     ["s.yaml:12:7: error: `body` is empty"]),
    (VALID.replace("  - a: Trả lời.", "  - Trả lời."),
     ["s.yaml:14:5: error: a block must be a mapping such as `- q: …`"]),
])
def test_each_violation_is_located(tmp_path, text, expected):
    errors = errors_of(tmp_path, text)
    for line in expected:
        assert any(e.startswith(line) for e in errors), (line, errors)
    assert len(errors) == len(expected), errors


def test_by_is_required_where_the_role_is_ambiguous(tmp_path):
    text = VALID.replace("body:", "  lan:\n    label: Bà Lan\n    role: interviewee\nbody:")
    errors = errors_of(tmp_path, text)
    assert errors == ["s.yaml:17:5: error: there is more than one interviewee (dinh, lan); "
                      "say who answers with `by:` on this block"]
    assert errors_of(tmp_path, text.replace("  - a: Trả lời.", "  - a: Trả lời.\n    by: lan")) == []


def test_all_problems_are_reported_at_once(tmp_path):
    text = VALID.replace("title:", "titel:").replace("date: 2020-07-10", "date: hôm qua")
    assert len(errors_of(tmp_path, text)) == 3


@pytest.mark.parametrize("raw, expected", [
    (b"", "s.yaml:1:1: error: the file is empty"),
    (b"# only a comment\n", "s.yaml:1:1: error: the file is empty"),
    ("title: Tiêu\n".encode("cp1258"), "s.yaml:1:10: error: the file is not UTF-8"),
    (b"title: [unclosed\n", "s.yaml:2:1: error: YAML syntax:"),
    (b"- a\n- b\n", "s.yaml:1:1: error: the file must be a mapping"),
    (b"title: a\ntitle: b\n", "s.yaml:2:1: error: duplicate key `title`"),
    (b"title: a\x07\n", "s.yaml:1:9: error: control character U+0007"),
])
def test_whole_file_problems(tmp_path, raw, expected):
    errors = errors_of(tmp_path, raw)
    assert errors and errors[0].startswith(expected), errors


def test_a_bom_is_accepted(tmp_path):
    assert errors_of(tmp_path, b"\xef\xbb\xbf" + VALID.encode()) == []


def test_alias_bombs_are_refused_quickly(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    errors = errors_of(tmp_path, "\n".join(lines) + "\n")
    assert len(errors) == 1 and "expands to more than" in errors[0]


def _with_figure(src: str, extra: str = "") -> str:
    return VALID + f"  - figure: {src}\n    caption: Chú thích\n{extra}"


def test_a_figure_with_a_real_image_is_valid(tmp_path):
    (tmp_path / "images").mkdir()
    shutil.copyfile(JPEG, tmp_path / "images" / "a.jpg")
    assert errors_of(tmp_path, _with_figure("images/a.jpg")) == []


def test_a_missing_image(tmp_path):
    assert errors_of(tmp_path, _with_figure("images/khong-co.jpg")) == [
        "s.yaml:15:13: error: image file `images/khong-co.jpg` not found (looked in images); "
        "check the spelling or put the photo there"]


def test_an_image_outside_the_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copyfile(JPEG, tmp_path / "outside.jpg")
    errors = errors_of(tmp_path, _with_figure("../outside.jpg"), name="sub/s.yaml")
    assert errors and "sub/s.yaml:15:13: error: the image `../outside.jpg` is outside" in errors[0]
    errors = errors_of(tmp_path, _with_figure(str(tmp_path / "outside.jpg")), name="sub/s.yaml")
    assert errors and "is outside the source's folder" in errors[0]


def test_a_symlink_leaving_the_folder_is_outside(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copyfile(JPEG, tmp_path / "outside.jpg")
    (tmp_path / "sub" / "link.jpg").symlink_to(tmp_path / "outside.jpg")
    errors = errors_of(tmp_path, _with_figure("link.jpg"), name="sub/s.yaml")
    assert errors and "is outside the source's folder" in errors[0]


def test_an_image_that_is_not_jpeg_or_png(tmp_path):
    (tmp_path / "a.gif").write_bytes(b"GIF89a" + b"\0" * 20)
    errors = errors_of(tmp_path, _with_figure("a.gif"))
    assert errors == ["s.yaml:15:13: error: `a.gif`: the file is not a JPEG or PNG image "
                      "(save it as .jpg or .png)"]


@pytest.mark.parametrize("length", [16, 20, 23])
def test_a_png_cut_inside_its_header_is_refused(tmp_path, length):
    """struct.error: the header was read without checking that it was all there."""
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x01\x00\x00\x00\x01\x00"
    (tmp_path / "a.png").write_bytes(png[:length])
    assert errors_of(tmp_path, _with_figure("a.png")) == [
        "s.yaml:15:13: error: `a.png`: the PNG file is damaged (its IHDR header is missing "
        "or cut short)"]


def test_an_image_with_too_many_pixels(tmp_path):
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    png = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr
           + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)))
    (tmp_path / "big.png").write_bytes(png)
    errors = errors_of(tmp_path, _with_figure("big.png"))
    assert len(errors) == 1 and "100000 x 100000 pixels" in errors[0]


def test_characters_no_font_has_are_refused_where_they_stand(tmp_path):
    text = VALID.replace("  - a: Trả lời.", "  - a: |\n      Dòng một.\n      Có ký tự 😀 lạ.")
    assert errors_of(tmp_path, text) == [
        "s.yaml:16:16: error: character '😀' (U+1F600) is not in font Noto Serif or "
        "Noto Sans (the bundled fonts); replace or remove it"]


def test_each_missing_character_is_located_and_the_list_stops_at_a_hundred(tmp_path):
    text = VALID + "  - p: |\n" + "      a😀 b😀\n" * 60
    errors = errors_of(tmp_path, text)
    assert len(errors) == 101
    assert errors[:3] == [f"s.yaml:{line}:{col}: error: character '😀' (U+1F600) is not in font "
                          "Noto Serif or Noto Sans (the bundled fonts); replace or remove it"
                          for line, col in ((16, 8), (16, 11), (17, 8))]
    assert errors[99].startswith("s.yaml:65:11: error: character '😀'")
    assert errors[100] == ("s.yaml:66:8: error: 20 more character(s) from here on are not in the "
                           "bundled fonts either (only the first 100 are listed); replace or "
                           "remove them as well")


def test_missing_characters_are_found_in_linear_time(tmp_path):
    """20,000 lines of a character no font has took 29 s: each position was found by
    splitting and counting the whole text again."""
    def seconds(lines: int) -> float:
        start = time.perf_counter()
        errors = errors_of(tmp_path, VALID + "  - p: |\n" + "      😀\n" * lines)
        assert len(errors) == 101
        return time.perf_counter() - start

    small, large = seconds(5_000), seconds(20_000)
    assert large < 2, f"20,000 lines took {large:.1f} s"
    assert large < 6 * small, f"5,000 lines: {small:.2f} s, 20,000: {large:.2f} s"


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_a_damaged_image_is_refused_before_rendering(tmp_path, damage):
    data = JPEG.read_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    else:  # a valid frame header (1500 x 1000) followed by nothing that decodes
        data = data[:2] + b"\xff\xc0\x00\x11\x08\x03\xe8\x05\xdc\x03\x01\x22\x00\x02\x11\x01" \
            b"\x03\x11\x01" + b"garbage" * 10
    (tmp_path / "a.jpg").write_bytes(data)
    errors = errors_of(tmp_path, _with_figure("a.jpg"))
    assert len(errors) == 1 and errors[0].startswith(
        "s.yaml:15:13: error: `a.jpg`: the JPEG file is damaged or incomplete"), errors


def test_text_beyond_what_can_be_printed_is_refused_where_it_stands(tmp_path):
    """These passed `check`, then `build` ran out of memory (marks) or ran for hours."""
    text = VALID.replace("title: Tiêu đề", "title: " + "Tiêu đề " * 40).replace(
        "  - a: Trả lời.", "  - a: Trả lời.\n  - p: " + "chữ " * 26_000 + "\n  - p: a"
        + "\u0301" * 1_000_000)
    errors = errors_of(tmp_path, text)
    assert [e.split(": error: ")[0] for e in errors] == ["s.yaml:2:8", "s.yaml:15:8", "s.yaml:16:8",
                                                         "s.yaml:16:8", "s.yaml:16:8"]
    assert "`title` is 319 characters long; it is printed across page 1, so keep it under 300" \
        in errors[0]
    assert "this text is 103,999 characters long, more than the 100,000 one block may hold; " \
        "split it into several blocks" in errors[1]
    assert any("carries more than 8 combining marks" in e for e in errors[2:])
    assert any("the source's text passes 1,000,000 characters here" in e for e in errors[2:])


def test_vietnamese_marks_and_long_interviews_are_accepted(tmp_path):
    paragraph = "Người dân được hưởng lợi " * 3_000  # 75,000 characters in one block
    text = VALID.replace("  - a: Trả lời.", "".join(f"  - a: {paragraph}\n" for _ in range(12)))
    assert errors_of(tmp_path, text.replace("Câu hỏi?", "Ả\u0301\u0323 hỏi?")) == []
