"""What a print shop checks, measured on the pipeline's own PDFs with tools that are not ours:
pikepdf's PDF/A validator, pdfplumber's boxes, poppler's renders, and `pipeline preflight`."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from click.testing import CliRunner
from PIL import Image

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"
MM = 72 / 25.4
SAFETY = 5 * MM
RUNNING = re.compile(r"Trang \d+/\d+|Báo Nghệ An · |Đại hội đại biểu")
VARIANTS = {"plain": [], "marks": ["--marks"], "pdfx": ["--pdfx"],
            "pdfx-marks": ["--pdfx", "--marks"]}


@pytest.fixture(scope="module", params=list(VARIANTS))
def built(request, tmp_path_factory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp(request.param)
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "--format", "pdf", "-o", str(out),
                                       *VARIANTS[request.param]])
    assert result.exit_code == 0, result.output
    return request.param, out / SAMPLE.stem


PDFS = ["newsletter.pdf", "handout.pdf", "handout-booklet.pdf"]


@pytest.mark.parametrize("name", PDFS)
def test_pikepdf_passes_pdfa_2b_with_no_findings_or_the_file_is_pdfx(built, name):
    from pikepdf import pdfa

    variant, folder = built
    report = pdfa.validate_written(folder / name, "2b")
    pdf = pikepdf.open(folder / name)
    if variant.startswith("pdfx"):  # a PDF/X-4 file claims no PDF/A (docs/print.md)
        assert pdf.open_metadata().get("pdfaid:part") is None
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert pdf.open_metadata().get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
        assert [str(i.S) for i in pdf.Root.OutputIntents] == ["/GTS_PDFX"]
    else:
        assert report.findings == [] and report.passed
        assert [str(i.S) for i in pdf.Root.OutputIntents] == ["/GTS_PDFA1"]
    assert pdf.pdf_version == "1.6"
    assert str(pdf.docinfo.Trapped) == "/False"
    profile = pdf.Root.OutputIntents[0].DestOutputProfile
    assert "/Filter" in profile and len(profile.read_raw_bytes()) < 100_000  # compressed


@pytest.mark.parametrize("name", PDFS)
def test_preflight_passes_every_pdf(built, name):
    result = CliRunner().invoke(main, ["preflight", str(built[1] / name)])
    assert result.exit_code == 0, result.output
    assert ": error:" not in result.output


def _running_and_body(page):
    """(running elements, everything else) as boxes in trim coordinates: the header and
    footer lines by their text, the footer rule by its place and width (a pull quote's
    short rules may end a column), body words, images, rules."""
    lines: dict[float, list] = {}
    for word in page.extract_words(keep_blank_chars=False, use_text_flow=False):
        lines.setdefault(round(word["bottom"]), []).append(word)
    running, body = [], []
    for words in lines.values():
        text = " ".join(w["text"] for w in words)
        target = running if RUNNING.search(text) and len(text) < 120 else body
        target.extend((w["x0"], w["top"], w["x1"], w["bottom"]) for w in words)
    for img in page.images:
        body.append((img["x0"], img["top"], img["x1"], img["bottom"]))
    tx0, ttop, tx1, tbottom = page.trimbox
    for line in page.lines + page.rects:
        box = (line["x0"], line["top"], line["x1"], line["bottom"])
        if box[3] - box[1] > 2 or box[0] < tx0 + 1 or box[2] > tx1 - 1 or box[1] < ttop + 1 \
                or box[3] > tbottom - 1:
            continue  # bands, backgrounds and crop marks (clipped ones too), not rules
        near_foot = box[1] > tbottom - 25 * MM  # the header has no rule: one near the head
        wide = box[2] - box[0] > 0.4 * (tx1 - tx0)  # is the body's (a quote opening a page),
        (running if near_foot and wide else body).append(box)  # so is a quote's at the foot
    return running, body


def _overlap(a, b) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


@pytest.mark.parametrize("name", PDFS)
def test_running_elements_stay_inside_the_safety_margin_and_clear_of_the_body(built, name):
    with pdfplumber.open(built[1] / name) as pdf:
        checked = 0
        for page in pdf.pages:
            x0, top, x1, bottom = page.trimbox
            running, body = _running_and_body(page)
            for box in running:
                checked += 1
                assert box[0] >= x0 + SAFETY - 0.5 and box[2] <= x1 - SAFETY + 0.5, \
                    (page.page_number, box)
                assert box[1] >= top + SAFETY - 0.5 and box[3] <= bottom - SAFETY + 0.5, \
                    (page.page_number, box)
                for other in body:
                    assert not _overlap(box, other), (page.page_number, box, other)
            rules = [b for b in running if b[3] - b[1] < 2]
            words = [b for b in body if b[3] - b[1] >= 2]
            if rules and words and "booklet" not in name:  # the rule spans the text block
                left, right = min(b[0] for b in words), max(b[2] for b in words)
                assert rules[0][0] == pytest.approx(left, abs=1.5), page.page_number
                assert rules[0][2] >= right - 1.5, page.page_number
        assert checked > 10  # the running elements were found


def _ink_near_edges(pdf_path: Path, tmp_path: Path, page: int, margin: float,
                    box: str) -> list:
    """Inked pixels within ``margin`` points of the given box's edges on one page, rendered
    by poppler at 72 dpi; bands that run on into the bleed are not counted."""
    stem = tmp_path / f"r{page}"
    subprocess.run(["pdftoppm", "-r", "72", "-f", str(page), "-l", str(page), "-png",
                    str(pdf_path), str(stem)], check=True)
    image = Image.open(next(tmp_path.glob(f"r{page}*.png"))).convert("L")
    doc = pikepdf.open(pdf_path)
    p = doc.pages[page - 1]
    media = [float(v) for v in p.mediabox]
    x0, y0, x1, y1 = (float(v) for v in p.obj.get(box, p.mediabox))
    height = media[3] - media[1]
    left, right = int(x0 - media[0] + margin), int(x1 - media[0] - margin)
    top, bottom = int(height - y1 + margin), int(height - y0 - margin)
    tx0, tx1, ty0, ty1 = int(x0 - media[0]), int(x1 - media[0]), int(height - y1), \
        int(height - y0)
    inked = []
    for y in range(max(ty0, 0), min(ty1, image.height)):
        for x in range(max(tx0, 0), min(tx1, image.width)):
            if left <= x < right and top <= y < bottom:
                continue
            if image.getpixel((x, y)) < 200:
                inked.append((x, y))
    return inked


def test_the_office_booklet_keeps_all_ink_5_mm_from_the_paper_edge(built, tmp_path):
    variant, folder = built
    if "marks" in variant:
        pytest.skip("the shop's sheet is trimmed: see the marks test")
    path = folder / "handout-booklet.pdf"
    for page in range(1, len(pikepdf.open(path).pages) + 1):
        assert _ink_near_edges(path, tmp_path, page, SAFETY - 1, "/TrimBox") == [], page


def test_pages_keep_ink_out_of_the_safety_margin_but_bands_that_bleed(built, tmp_path):
    folder = built[1]
    for name in ("newsletter.pdf", "handout.pdf"):
        path = folder / name
        for page in range(1, len(pikepdf.open(path).pages) + 1):
            inked = _ink_near_edges(path, tmp_path / name, page, SAFETY - 1, "/TrimBox") \
                if (tmp_path / name).mkdir(exist_ok=True) is None else []
            if name == "newsletter.pdf" and page == 1:  # the masthead band bleeds at the top
                inked = [(x, y) for x, y in inked if y > 30 * MM + 12 * MM]
            assert inked == [], (name, page, inked[:5])


def test_with_marks_the_booklet_is_a_shop_sheet_with_bleed_and_marks(built, tmp_path):
    variant, folder = built
    if "marks" not in variant:
        pytest.skip("plain builds give the office sheet")
    pdf = pikepdf.open(folder / "handout-booklet.pdf")
    for page in pdf.pages:
        trim = [float(v) for v in page.trimbox]
        bleed = [float(v) for v in page.obj.BleedBox]
        media = [float(v) for v in page.mediabox]
        assert trim[2] - trim[0] == pytest.approx(841.89, abs=0.01)
        assert trim[3] - trim[1] == pytest.approx(595.28, abs=0.01)
        assert trim[0] - bleed[0] == pytest.approx(3 * MM, abs=0.01)
        assert media[2] > bleed[2] + 8 * MM
    subprocess.run(["pdftoppm", "-r", "144", "-f", "1", "-l", "1", "-png",
                    str(folder / "handout-booklet.pdf"), str(tmp_path / "sheet")], check=True)
    image = Image.open(next(tmp_path.glob("sheet*.png"))).convert("L")
    px = 2.0  # pixels per point
    height = media[3]

    def inked(x: float, y: float) -> bool:  # PDF coordinates, a 1-pixel neighbourhood
        cx, cy = round(x * px), round((height - y) * px)
        return any(image.getpixel((cx + dx, cy + dy)) < 160
                   for dx in (-1, 0, 1) for dy in (-1, 0, 1))

    mid = 3 * MM + 2 * MM + 3 * MM  # bleed, gap, half the mark's length
    fold = (trim[0] + trim[2]) / 2
    for x in (trim[0], fold, trim[2]):  # crop marks at the corners, fold marks in the middle
        assert inked(x, trim[3] + mid) and inked(x, trim[1] - mid), x
    for y in (trim[1], trim[3]):
        assert inked(trim[0] - mid, y) and inked(trim[2] + mid, y), y
    assert not inked(fold - 20 * MM, trim[3] + mid)  # nothing else out there


def test_pdfx_black_text_and_rules_overprint_and_nothing_else_does(built):
    from pipeline.preflight_scan import scan_page

    variant, folder = built
    pdf = pikepdf.open(folder / "newsletter.pdf")
    uses = set().union(*(scan_page(page).inks for page in pdf.pages))
    black = [u for u in uses if u.colour == ("cmyk", 0, 0, 0, 1)]
    others = [u for u in uses if u.colour != ("cmyk", 0, 0, 0, 1)]
    assert black and others
    if variant.startswith("pdfx"):
        assert all(u.overprint and u.mode == 1 for u in black)
    else:  # PDF/A: pikepdf cannot verify overprint mode 1, so nothing overprints
        assert not any(u.overprint for u in black)
    assert not any(u.overprint for u in others)


def test_small_text_is_one_ink_and_reversed_text_is_big_and_bold(built):
    from pipeline.preflight_scan import scan_page
    from pipeline.preflight_values import inks_of

    pdf = pikepdf.open(built[1] / "newsletter.pdf")
    uses = [u for page in pdf.pages for u in scan_page(page).inks if u.kind == "text"]
    assert all(inks_of(u.colour) == 1 for u in uses if u.size < 12 and inks_of(u.colour))
    reversed_ = [u for u in uses if inks_of(u.colour) == 0]
    assert reversed_ and all(u.size >= 10 and u.bold for u in reversed_)
