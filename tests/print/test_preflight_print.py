"""`pipeline preflight` catches each print-shop defect on a file that has it (and only there):
safety margin, text over text, inks of small and reversed text, black that knocks out,
PDF/A findings, PDF/X-4 clauses, colliding subset names, the output profile, encryption."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from reportlab.lib.units import mm

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"


def preflight(*paths):
    result = CliRunner().invoke(main, ["preflight", *map(str, paths)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def pipeline_pdfs(tmp_path_factory) -> dict[str, bytes]:
    """The sample's newsletter as PDF/A (default) and as PDF/X-4."""
    out = {}
    for name, extra in (("pdfa", []), ("pdfx", ["--pdfx"])):
        folder = tmp_path_factory.mktemp(name)
        result = CliRunner().invoke(main, ["build", str(SAMPLE), "--layout", "newsletter",
                                           "--format", "pdf", "-o", str(folder), *extra])
        assert result.exit_code == 0, result.output
        out[name] = (folder / SAMPLE.stem / "newsletter.pdf").read_bytes()
    return out


def edit(data: bytes, change, **save) -> bytes:
    pdf = pikepdf.open(BytesIO(data))
    change(pdf)
    out = BytesIO()
    pdf.save(out, **save)
    return out.getvalue()


def test_the_pipeline_files_pass(pipeline_pdfs, write_pdf):
    for name, data in pipeline_pdfs.items():
        code, out = preflight(write_pdf(data, f"{name}.pdf"))
        assert code == 0, out
    assert "black: overprints" in preflight(write_pdf(pipeline_pdfs["pdfx"], "x.pdf"))[1]


# -- what pdfium draws --------------------------------------------------------------------
def test_text_inside_the_safety_margin_is_an_error_with_its_distance(make_pdf, write_pdf):
    def draw(c, x, y):
        c.drawString(x + 30 * mm, y + 2 * mm, "Trang 1/12")  # 2 mm above the bottom trim

    code, out = preflight(write_pdf(make_pdf(draw)))
    assert code == 1
    assert re.search(r"page 1: error: ink [0-2]\.\d mm from the trim at the bottom edge, "
                     r"inside the 5 mm safety margin", out), out


def test_a_background_running_into_the_bleed_is_not_ink_in_the_margin(make_pdf, write_pdf):
    def draw(c, x, y):
        c.setFillColorCMYK(1, 0.72, 0, 0.18)
        c.rect(-3 * mm, y + 150 * mm, 160 * mm, 70 * mm, stroke=0, fill=1)  # a masthead band

    code, out = preflight(write_pdf(make_pdf(draw)))
    assert code == 0, out


def test_a_footer_printed_over_the_last_line_is_an_error(make_pdf, write_pdf):
    def draw(c, x, y):
        c.drawString(x + 20 * mm, y + 30 * mm, "dòng cuối cùng của cột văn bản")
        c.drawString(x + 40 * mm, y + 30.5 * mm, "Trang 2/12")

    code, out = preflight(write_pdf(make_pdf(draw)))
    assert code == 1 and "page 1: error: text overlaps other text" in out, out


def test_a_rule_across_a_line_of_text_is_an_error(make_pdf, write_pdf):
    def draw(c, x, y):
        c.drawString(x + 20 * mm, y + 30 * mm, "dòng cuối cùng của cột văn bản")
        c.setLineWidth(0.4)
        c.line(x + 15 * mm, y + 30 * mm + 3, x + 120 * mm, y + 30 * mm + 3)

    code, out = preflight(write_pdf(make_pdf(draw)))
    assert code == 1 and "page 1: error: a rule crosses a line of text" in out, out


# -- inks -------------------------------------------------------------------------------
def test_small_text_in_several_inks_is_an_error(make_pdf, write_pdf):
    def draw(c, x, y):
        c.setFillColorCMYK(1, 0.72, 0, 0.18)
        c.setFontSize(9.5)
        c.drawString(x + 20 * mm, y + 60 * mm, "Thưa đồng chí?")

    code, out = preflight(write_pdf(make_pdf(draw)))
    assert code == 1
    assert "page 1: error: 9.5 pt text (" in out and "C100 M72 K18) is printed in 3 inks" in out


def test_big_text_in_several_inks_and_small_text_in_one_are_fine(make_pdf, write_pdf):
    def draw(c, x, y):
        c.setFillColorCMYK(1, 0.72, 0, 0.18)
        c.setFontSize(12)
        c.drawString(x + 20 * mm, y + 60 * mm, "Đoàn kết")
        c.setFillColorCMYK(1, 0, 0, 0)
        c.setFontSize(7)
        c.drawString(x + 20 * mm, y + 80 * mm, "Ảnh: T.D")

    code, out = preflight(write_pdf(make_pdf(draw)))
    assert code == 0, out


def test_small_or_light_text_reversed_out_of_a_band_is_an_error(make_pdf, write_pdf):
    def draw(c, x, y):
        c.setFillColorCMYK(1, 0.72, 0, 0.18)
        c.rect(x + 10 * mm, y + 100 * mm, 100 * mm, 20 * mm, stroke=0, fill=1)
        c.setFillColorCMYK(0, 0, 0, 0)
        c.setFontSize(8.5)
        c.drawString(x + 15 * mm, y + 108 * mm, "Số 1 · 10/7/2020")

    code, out = preflight(write_pdf(make_pdf(draw)))
    assert code == 1
    assert "8.5 pt text (" in out and "is reversed out of the colour under it" in out


def test_black_that_knocks_out_is_an_error_in_a_pdfx_file(pipeline_pdfs, write_pdf):
    def no_overprint(pdf):
        for page in pdf.pages:
            for state in page.Resources.ExtGState.values():
                state.op = state.OP = False

    code, out = preflight(write_pdf(edit(pipeline_pdfs["pdfx"], no_overprint)))
    assert code == 1
    assert "pt text (" in out and "K100) in 100 % black knocks out (without overprint)" in out


def test_black_that_knocks_out_is_only_noted_in_an_office_pdfa_file(pipeline_pdfs, write_pdf):
    code, out = preflight(write_pdf(pipeline_pdfs["pdfa"]))
    assert code == 0
    assert re.search(r"black: 100 % black knocks out on \d page\(s\)", out), out


# -- standards --------------------------------------------------------------------------
def test_pdfa_findings_of_pikepdfs_validator_are_errors(pipeline_pdfs, write_pdf):
    def trapped_in_xmp(pdf):
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["pdf:Trapped"] = "False"

    code, out = preflight(write_pdf(edit(pipeline_pdfs["pdfa"], trapped_in_xmp)))
    assert code == 1
    assert "error: PDF/A-2b violated (ISO_19005_2:6.6.2.3.1-1" in out
    assert "XMP property pdf:Trapped is not permitted" in out


def test_what_pikepdf_cannot_verify_is_a_warning(pipeline_pdfs, write_pdf):
    def transition(pdf):
        pdf.pages[0].obj.Trans = pikepdf.Dictionary()

    code, out = preflight(write_pdf(edit(pipeline_pdfs["pdfa"], transition)))
    assert code == 0
    assert "warning: PDF/A-2b not verified (pikepdf:schema-Page" in out


def _drop_info(key):
    def change(pdf):
        del pdf.docinfo[key]
    return change


def _xmp(key, value):
    def change(pdf):
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            if value is None:
                del meta[key]
            else:
                meta[key] = value
    return change


def _second_intent(pdf):
    intent = pdf.Root.OutputIntents[0]
    other = pikepdf.Dictionary({k: v for k, v in intent.items()})
    other.DestOutputProfile = pdf.make_stream(intent.DestOutputProfile.read_bytes(), N=4)
    other.S = pikepdf.Name.GTS_PDFA1
    pdf.Root.OutputIntents.append(pdf.make_indirect(other))


def _no_trim(pdf):
    del pdf.pages[1].obj["/TrimBox"]


def _transfer(pdf):
    state = next(iter(pdf.pages[0].Resources.ExtGState.values()))
    state.TR = pikepdf.Name.Identity


def _javascript(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript,
                                             JS=pikepdf.String("app.alert(1)"))


def _printing_annotation(pdf):
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Square, F=4,
        Rect=pikepdf.Array([100, 100, 200, 200]))]))


PDFX_BREAKS = {
    "6.2.2 identification": _xmp("pdfxid:GTS_PDFXVersion", None),
    "6.2.3 trapping": _drop_info("/Trapped"),
    "6.2.1 metadata": _xmp("xmpMM:DocumentID", None),
    "6.2.4 output intent": _second_intent,
    "6.2.5 page boxes": _no_trim,
    "6.3 transfer functions": _transfer,
    "6.6 actions": _javascript,
    "6.5 annotations": _printing_annotation,
}


@pytest.mark.parametrize("clause", list(PDFX_BREAKS))
def test_each_pdfx4_clause_has_a_file_that_breaks_it(pipeline_pdfs, write_pdf, clause):
    code, out = preflight(write_pdf(edit(pipeline_pdfs["pdfx"], PDFX_BREAKS[clause])))
    assert code == 1
    assert f"error: PDF/X-4 {clause}:" in out, out


def test_a_pdfx4_file_with_a_pdf_1_7_header_is_an_error(pipeline_pdfs, write_pdf):
    data = pipeline_pdfs["pdfx"].replace(b"%PDF-1.6", b"%PDF-1.7", 1)
    code, out = preflight(write_pdf(data))
    assert code == 1 and "error: PDF/X-4 6.1 version: the header says PDF 1.7" in out


def test_an_encrypted_copy_is_an_error(pipeline_pdfs, write_pdf, tmp_path):
    pdf = pikepdf.open(BytesIO(pipeline_pdfs["pdfa"]))
    path = tmp_path / "locked.pdf"
    pdf.save(path, encryption=pikepdf.Encryption(owner="chủ", user="", R=6))
    code, out = preflight(path)
    assert code == 1
    assert "error: the PDF is encrypted; PDF/A and PDF/X forbid encryption" in out


def test_an_uncompressed_output_profile_is_a_warning(pipeline_pdfs, write_pdf):
    def uncompress(pdf):
        profile = pdf.Root.OutputIntents[0].DestOutputProfile
        profile.write(profile.read_bytes())  # no filter

    code, out = preflight(write_pdf(edit(pipeline_pdfs["pdfa"], uncompress,
                                         compress_streams=False)))
    assert code == 0
    assert "warning: the output intent's ICC profile is stored uncompressed (" in out


# -- across files -----------------------------------------------------------------------
def _same_subset_name(data: bytes) -> bytes:
    """Every embedded subset renamed AAAAAA+…, as ReportLab's own counter names them."""
    def rename(pdf):
        for font in pdf.pages[0].Resources.Font.values():
            name = str(font.BaseFont)[1:].split("+", 1)[-1]
            font.BaseFont = pikepdf.Name("/AAAAAA+" + name)
    return edit(data, rename)


def test_one_subset_name_for_two_different_subsets_across_files_is_an_error(make_pdf,
                                                                            write_pdf):
    def text(words):
        return lambda c, x, y: c.drawString(x + 30 * mm, y + 60 * mm, words)

    a = write_pdf(_same_subset_name(make_pdf(text("Đổi mới"))), "a.pdf")
    b = write_pdf(_same_subset_name(make_pdf(text("Hiệu quả"))), "b.pdf")
    same = write_pdf(_same_subset_name(make_pdf(text("Đổi mới"))), "same.pdf")
    code, out = preflight(a, same)
    assert code == 0, out  # the same subset under the same name is fine
    code, out = preflight(a, b)
    assert code == 1
    assert re.search(r"error: font subset AAAAAA\+NotoSerif-Regular in .*b\.pdf is not the "
                     r"subset of that name in .*a\.pdf", out), out


def test_the_pipelines_subset_names_follow_the_glyphs(tmp_path):
    from pipeline.writers.pdf.fonts import subset_prefix

    assert subset_prefix(b"NotoSans-Bold", [32, 65, 7871]) == \
        subset_prefix(b"NotoSans-Bold", [32, 65, 7871])
    assert subset_prefix(b"NotoSans-Bold", [32, 65, 7871]) != \
        subset_prefix(b"NotoSans-Bold", [32, 65, 7873])
    assert re.fullmatch(rb"[A-Z]{6}", subset_prefix(b"NotoSans-Bold", [32]))


def test_a_page_box_that_is_not_numbers_is_a_finding_on_its_page(pipeline_pdfs, write_pdf):
    def bad_box(pdf):
        pdf.pages[1].obj.TrimBox = pikepdf.Array([pikepdf.Name.x, 0, 100, 100])

    code, out = preflight(write_pdf(edit(pipeline_pdfs["pdfa"], bad_box)))
    assert code == 1
    assert "page 2: error: the TrimBox is not four numbers" in out
