"""The handout booklet: A5 pages two-up on A4 landscape in saddle-stitch order, trimmed."""

from __future__ import annotations

import subprocess
from io import BytesIO

import pikepdf
import pytest
from PIL import Image

from pipeline.layouts import available, load_layout
from pipeline.writers.booklet import SHEET_WIDTH, impose_booklet, saddle_order

# The handout layout: its 5 mm safety margin keeps ink off the trim edge, so the pages go on
# the office sheet at full size.
LAYOUT = load_layout(available()["handout"])



def pdftotext_pages(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "booklet.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def page_numbers(text: str) -> list[int]:
    return [int(word) for before, word in zip(text.split(), text.split()[1:])
            if before == "Trang"]


def test_saddle_order_of_eight_pages():
    # 1-based: sheet 1 front 8|1, back 2|7; sheet 2 front 6|3, back 4|5
    assert [(l + 1, r + 1) for l, r in saddle_order(8)] == [(8, 1), (2, 7), (6, 3), (4, 5)]


def test_saddle_order_pads_with_blank_pages_at_the_end():
    assert saddle_order(6) == [(None, 0), (1, None), (5, 2), (3, 4)]
    assert saddle_order(1) == [(None, 0), (None, None)]


def test_sheets_are_exactly_a4_landscape(handout):
    pdf = pikepdf.open(BytesIO(impose_booklet(handout, LAYOUT)))
    assert len(pdf.pages) == 4
    for page in pdf.pages:
        assert [float(v) for v in page.mediabox] == [0, 0, 841.89, 595.28]
        assert [float(v) for v in page.trimbox] == [0, 0, 841.89, 595.28]


def test_pdftotext_reads_the_pages_in_saddle_stitch_order(handout, tmp_path):
    sides = pdftotext_pages(impose_booklet(handout, LAYOUT), tmp_path)
    assert [page_numbers(side) for side in sides] == [[8, 1], [2, 7], [6, 3], [4, 5]]


def test_bleed_content_is_not_on_the_sheet(handout, tmp_path):
    assert "BLEED1" in pdftotext_pages(handout, tmp_path)[0]
    assert not any("BLEED" in side for side in pdftotext_pages(impose_booklet(handout, LAYOUT),
                                                                tmp_path))


def _placements(page: pikepdf.Page):
    """(clip rectangle, translation, form) for each form drawn on a sheet side."""
    found, clip, shift = [], None, None
    for operands, op in pikepdf.parse_content_stream(page):
        if str(op) == "re":
            clip = [float(v) for v in operands]
        elif str(op) == "cm":
            shift = [float(v) for v in operands][4:]
        elif str(op) == "Do":
            found.append((clip, shift, page.Resources.XObject[operands[0]]))
    return found


def test_each_page_is_clipped_to_its_trim_box_and_the_two_meet_at_the_fold(handout):
    pdf = pikepdf.open(BytesIO(impose_booklet(handout, LAYOUT)))
    a5_w, a5_h = 148 * 72 / 25.4, 210 * 72 / 25.4
    (left_clip, left_shift, left_form), (right_clip, _, right_form) = _placements(pdf.pages[0])
    assert left_clip == pytest.approx([SHEET_WIDTH / 2 - a5_w, 0, a5_w, a5_h], abs=0.01)
    assert right_clip == pytest.approx([SHEET_WIDTH / 2, 0, a5_w, a5_h], abs=0.01)
    # 0.5 mm at each outer edge
    assert left_clip[0] == pytest.approx(0.5 * 72 / 25.4, abs=0.01)
    assert SHEET_WIDTH - right_clip[0] - right_clip[2] == pytest.approx(0.5 * 72 / 25.4,
                                                                        abs=0.01)
    # the form itself is cut to the trim box (3 mm bleed at the page origin)
    bleed = 3 * 72 / 25.4
    assert [float(v) for v in left_form.BBox] == pytest.approx(
        [bleed, bleed, bleed + a5_w, bleed + a5_h], abs=0.01)
    # the trim box's corner lands on the clip's corner
    assert left_shift[0] + bleed == pytest.approx(left_clip[0], abs=0.01)
    assert [float(v) for v in right_form.BBox] == [float(v) for v in left_form.BBox]


def test_rendered_sheet_shows_white_outer_edges_and_no_bleed(handout, tmp_path):
    path = tmp_path / "b.pdf"
    path.write_bytes(impose_booklet(handout, LAYOUT))
    subprocess.run(["pdftoppm", "-r", "144", "-f", "1", "-l", "1", "-png", str(path),
                    str(tmp_path / "sheet")], check=True)
    image = Image.open(next(tmp_path.glob("sheet*.png"))).convert("RGB")
    width, height = image.size
    white = (255, 255, 255)
    # 0.5 mm = 2.8 px at 144 dpi: the first and last two columns are paper, not bleed colour
    for x in (0, 1, width - 2, width - 1):
        assert image.getpixel((x, height // 2)) == white
    for x in (5, width // 2 - 2, width // 2 + 2, width - 6):
        assert image.getpixel((x, height // 2)) != white


def test_trim_box_placement_holds_with_crop_marks_around_the_bleed(make_handout, tmp_path):
    marked = make_handout(4, marks=10 * 72 / 25.4)
    sides = pdftotext_pages(impose_booklet(marked, LAYOUT), tmp_path)
    assert [page_numbers(side) for side in sides] == [[4, 1], [2, 3]]
    assert not any("BLEED" in side for side in sides)


def test_padding_leaves_blank_slots(make_handout, tmp_path):
    sides = pdftotext_pages(impose_booklet(make_handout(6), LAYOUT), tmp_path)
    assert [page_numbers(side) for side in sides] == [[1], [2], [6, 3], [4, 5]]


def test_fonts_stay_embedded(handout, tmp_path):
    path = tmp_path / "b.pdf"
    path.write_bytes(impose_booklet(handout, LAYOUT))
    rows = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                          text=True).stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)


def test_metadata_language_and_output_intent_are_kept(handout):
    pdf = pikepdf.open(BytesIO(impose_booklet(handout, LAYOUT)))
    assert str(pdf.Root.Lang) == "vi"
    assert str(pdf.docinfo.Title) == "Phỏng vấn"
    assert pdf.open_metadata().pdfa_status == "2B"
    intent = pdf.Root.OutputIntents[0]
    assert intent.S == pikepdf.Name.GTS_PDFA1
    assert intent.DestOutputProfile.N == 4


def test_nothing_is_rasterised_and_no_rgb_appears(handout):
    pdf = pikepdf.open(BytesIO(impose_booklet(handout, LAYOUT)))
    for page in pdf.pages:
        for form in page.Resources.XObject.values():
            assert form.Subtype == pikepdf.Name.Form
            assert not form.get("/Resources", {}).get("/XObject")
    assert b"/DeviceRGB" not in impose_booklet(handout, LAYOUT)


def test_same_input_gives_byte_identical_output(handout):
    assert impose_booklet(handout, LAYOUT) == impose_booklet(bytes(handout), LAYOUT)


def test_pages_whose_ink_may_reach_the_trim_are_scaled_5_mm_off_the_paper_edge(handout,
                                                                               tmp_path):
    path = tmp_path / "b.pdf"
    path.write_bytes(impose_booklet(handout))  # no layout: backgrounds may bleed
    subprocess.run(["pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-png", str(path),
                    str(tmp_path / "sheet")], check=True)
    image = Image.open(next(tmp_path.glob("sheet*.png"))).convert("L")
    width, height = image.size
    edge = int(5 * 72 / 25.4)  # 14 px
    inked = [(x, y) for y in range(height) for x in range(width)
             if (x < edge or y < edge or x >= width - edge or y >= height - edge)
             and image.getpixel((x, y)) < 250]
    assert not inked
    assert image.getpixel((width // 4, height // 2)) < 250  # the page itself is there
