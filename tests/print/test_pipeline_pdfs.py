"""Every PDF the pipeline writes passes preflight; the sample's booklet is in saddle-stitch order."""

from __future__ import annotations

import re
import subprocess
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"
FOOTER = re.compile(r"Trang (\d+)/(\d+)")


def _writer_or_skip() -> None:
    writer = pytest.importorskip("pipeline.writers.pdf")
    if not hasattr(writer, "render_pdf"):
        pytest.skip("the PDF writer (pipeline.writers.pdf.render_pdf) has not landed")


@pytest.fixture(scope="module", params=[False, True], ids=["plain", "marks"])
def built(request, tmp_path_factory) -> Path:
    """The sample's PDFs, built with and without crop marks."""
    _writer_or_skip()
    out = tmp_path_factory.mktemp("marks" if request.param else "plain")
    args = ["build", str(SAMPLE), "--format", "pdf", "-o", str(out)]
    result = CliRunner().invoke(main, args + ["--marks"] * request.param)
    assert result.exit_code == 0, result.output
    return out / SAMPLE.stem


def pages_text(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def footer_numbers(text: str) -> list[int]:
    return [int(number) for number, _ in FOOTER.findall(text)]


@pytest.mark.parametrize("name", ["newsletter.pdf", "handout.pdf", "handout-booklet.pdf"])
def test_every_pipeline_pdf_passes_preflight(built, name):
    result = CliRunner().invoke(main, ["preflight", str(built / name)])
    assert result.exit_code == 0, result.output
    assert ": error: " not in result.output
    assert "images: none" in result.output or "lowest" in result.output


def test_the_booklet_has_the_handout_pages_in_saddle_stitch_order(built):
    handout = [footer_numbers(page) for page in pages_text(built / "handout.pdf")]
    count = len(handout)
    assert count % 4 == 0
    expected = []
    for sheet in range(count // 4):
        lo, hi = 2 * sheet, count - 1 - 2 * sheet
        expected += [handout[hi] + handout[lo], handout[lo + 1] + handout[hi - 1]]
    sides = [footer_numbers(side) for side in pages_text(built / "handout-booklet.pdf")]
    assert sides == expected
    assert any(sides)  # the footers are there to check against


def test_the_booklet_keeps_the_handouts_standard_and_output_intent(built):
    handout = pikepdf.open(built / "handout.pdf")
    booklet = pikepdf.open(built / "handout-booklet.pdf")
    assert len(booklet.pages) * 2 == len(handout.pages)
    assert booklet.open_metadata().pdfa_status == handout.open_metadata().pdfa_status
    assert booklet.Root.get("/Lang") == handout.Root.get("/Lang")
    assert len(booklet.Root.get("/OutputIntents", [])) == \
        len(handout.Root.get("/OutputIntents", []))
    marks = built.parent.name.startswith("marks")
    for page in booklet.pages:
        trim = [round(float(v), 2) for v in page.trimbox]
        assert [trim[2] - trim[0], trim[3] - trim[1]] == pytest.approx([841.89, 595.28],
                                                                       abs=0.01)
        if marks:  # the shop's sheet: bleed and room for the marks around the A4 trim
            assert float(page.mediabox[2]) > trim[2] + 8 * 72 / 25.4
            assert float(page.obj.BleedBox[2]) == pytest.approx(trim[2] + 3 * 72 / 25.4,
                                                                abs=0.01)
        else:  # the office printer's sheet: exactly A4
            assert [float(v) for v in page.mediabox] == [0, 0, 841.89, 595.28]


def test_imposing_the_same_handout_twice_gives_identical_bytes(built):
    from pipeline.layouts import available, load_layout
    from pipeline.writers.booklet import impose_booklet

    layout = load_layout(available()["handout"])
    marks = built.parent.name.startswith("marks")
    data = (built / "handout.pdf").read_bytes()
    assert impose_booklet(data, layout, marks) == impose_booklet(data, layout, marks) == \
        (built / "handout-booklet.pdf").read_bytes()


def test_each_handout_page_is_clipped_to_its_trim_box_on_the_sheet(built):
    if built.parent.name.startswith("marks"):
        pytest.skip("with marks the pages keep their bleed (tests/print/test_print_rules.py)")
    handout = pikepdf.open(built / "handout.pdf")
    trims = {tuple(round(float(v), 2) for v in page.trimbox) for page in handout.pages}
    booklet = pikepdf.open(BytesIO((built / "handout-booklet.pdf").read_bytes()))
    for page in booklet.pages:
        for form in page.Resources.XObject.values():
            assert tuple(round(float(v), 2) for v in form.BBox) in trims
        clips = [[float(v) for v in operands]
                 for operands, op in pikepdf.parse_content_stream(page) if str(op) == "re"]
        for x, _, w, _ in clips:
            assert x == pytest.approx(841.89 / 2 - w, abs=0.01) or \
                x == pytest.approx(841.89 / 2, abs=0.01)
