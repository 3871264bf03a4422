"""`pipeline preflight`: each print problem is caught, reported per page, and sets the exit."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from PIL import Image
from reportlab.lib.utils import ImageReader

from pipeline.cli import main
from pipeline.writers.booklet import impose_booklet


def preflight(*paths):
    result = CliRunner().invoke(main, ["preflight", *map(str, paths)])
    return result.exit_code, result.output


def picture(pixels: int, mode: str = "CMYK") -> ImageReader:
    colour = (0, 120, 200, 10) if mode == "CMYK" else (200, 30, 30)
    return ImageReader(Image.new(mode, (pixels, pixels), colour))


def test_a_good_handout_passes_with_a_summary(handout, write_pdf):
    path = write_pdf(handout, "handout.pdf")
    code, out = preflight(path)
    assert code == 0, out
    assert ": error:" not in out and ": warning:" not in out
    assert f"{path}: 8 pages, 0 errors, 0 warnings" in out
    assert "pages 1-8: trim 148 x 210 mm, bleed 3 mm, media 154 x 216 mm" in out
    assert "NotoSerif-Regular (TrueType, embedded subset)" in out
    assert "colour: DeviceCMYK" in out
    assert "PDF/A-2b; output intent: GTS_PDFA1 FOGRA39 (CMYK)" in out


def test_the_booklet_passes_with_a_no_bleed_warning_per_sheet(handout, write_pdf):
    path = write_pdf(impose_booklet(handout), "booklet.pdf")
    code, out = preflight(path)
    assert code == 0, out
    assert f"{path}: page 4: warning: no bleed" in out
    assert f"{path}: 4 pages, 0 errors, 4 warnings" in out


def test_rgb_colour_in_the_content_is_an_error(make_pdf, write_pdf):
    path = write_pdf(make_pdf(lambda c, x, y: (c.setFillColorRGB(1, 0, 0),
                                                c.rect(x, y, 50, 50, fill=1))))
    code, out = preflight(path)
    assert code == 1
    assert f"{path}: page 1: error: RGB colour (DeviceRGB) in the content, set by `rg`" in out


def test_rgb_colour_through_an_icc_colour_space_is_an_error(make_pdf, write_pdf):
    import pikepdf
    from io import BytesIO

    pdf = pikepdf.open(BytesIO(make_pdf()))
    page = pdf.pages[0]
    icc = pdf.make_stream(b"stand-in profile", N=3)
    page.Resources.ColorSpace = pikepdf.Dictionary(CS0=pikepdf.Array([pikepdf.Name.ICCBased,
                                                                        icc]))
    page.contents_add(pdf.make_stream(b"/CS0 cs 0 1 0 sc 10 10 50 50 re f"), prepend=False)
    out_bytes = BytesIO()
    pdf.save(out_bytes)
    code, out = preflight(write_pdf(out_bytes.getvalue()))
    assert code == 1
    assert "page 1: error: RGB colour (ICC RGB) in the content, set by `/CS0 cs`" in out


def test_an_rgb_image_is_an_error(make_pdf, write_pdf):
    path = write_pdf(make_pdf(lambda c, x, y: c.drawImage(picture(400, "RGB"), x, y, 72, 72)))
    code, out = preflight(path)
    assert code == 1
    assert "page 1: error: image /" in out and "is RGB (DeviceRGB)" in out


def test_an_unembedded_helvetica_is_an_error(make_pdf, write_pdf):
    path = write_pdf(make_pdf(font="Helvetica"))
    code, out = preflight(path)
    assert code == 1
    assert f"{path}: page 1: error: font Helvetica (Type1) is not embedded" in out


def test_missing_trim_and_bleed_boxes_are_errors(make_pdf, write_pdf):
    path = write_pdf(make_pdf(trim=False, pages=2))
    code, out = preflight(path)
    assert code == 1
    for page in (1, 2):
        assert f"{path}: page {page}: error: no TrimBox" in out
        assert f"{path}: page {page}: error: no BleedBox" in out


def test_bleed_under_3_mm_is_an_error(make_pdf, write_pdf):
    code, out = preflight(write_pdf(make_pdf(bleed_mm=2)))
    assert code == 1
    assert "page 1: error: bleed is 2 mm at the left edge; at least 3 mm is needed" in out


@pytest.mark.parametrize("pixels, severity, ppi", [(100, "error", 100), (200, "warning", 200)])
def test_low_resolution_images_are_caught(make_pdf, write_pdf, pixels, severity, ppi):
    # the image is placed one inch wide, so its pixel count is its resolution
    path = write_pdf(make_pdf(lambda c, x, y: c.drawImage(picture(pixels), x + 57, y + 57, 72, 72)))
    code, out = preflight(path)
    assert code == (1 if severity == "error" else 0)
    assert (f"page 1: {severity}: image /" in out
            and f"({pixels} x {pixels} px, placed 25.4 x 25.4 mm) is {ppi} ppi" in out)


def test_a_300_ppi_image_is_fine(make_pdf, write_pdf):
    code, out = preflight(write_pdf(make_pdf(lambda c, x, y: c.drawImage(picture(300), x + 57,
                                                                         y + 57, 72, 72))))
    assert code == 0, out
    assert "images: 1 placed, lowest 300 ppi (page 1)" in out


def test_resolution_counts_the_scaling_of_the_form_that_places_the_image(make_pdf, write_pdf):
    def draw(c, x, y):
        c.beginForm("logo")
        c.drawImage(picture(400), 0, 0, 72, 72)  # 400 ppi inside the form
        c.endForm()
        c.saveState()
        c.translate(x, y)
        c.scale(4, 4)  # ... but the form is drawn four times as large: 100 ppi
        c.doForm("logo")
        c.restoreState()

    code, out = preflight(write_pdf(make_pdf(draw)))
    assert code == 1
    assert "placed 101.6 x 101.6 mm) is 100 ppi, under 150 ppi" in out


def test_an_inline_rgb_image_is_caught(make_pdf, write_pdf, monkeypatch):
    from reportlab import rl_config

    # ReportLab's inline images need ASCII85 on; another module may have turned it off
    monkeypatch.setattr(rl_config, "useA85", 1)
    path = write_pdf(make_pdf(lambda c, x, y: c.drawInlineImage(
        Image.new("RGB", (40, 40), "red"), x, y, 72, 72)))
    code, out = preflight(path)
    assert code == 1
    assert "page 1: error: inline image (40 x 40 px" in out
    assert "is 40 ppi, under 150 ppi" in out and "is RGB (DeviceRGB)" in out


def test_no_output_intent_is_a_warning(make_pdf, write_pdf):
    code, out = preflight(write_pdf(make_pdf()))
    assert code == 0
    assert ": error:" not in out
    assert ": warning: no output intent" in out
    assert "standard: neither PDF/A nor PDF/X; output intent: none" in out


def test_claiming_pdfa_without_output_intent_is_an_error(handout, write_pdf):
    import pikepdf
    from io import BytesIO

    pdf = pikepdf.open(BytesIO(handout))
    del pdf.Root.OutputIntents
    data = BytesIO()
    pdf.save(data)
    code, out = preflight(write_pdf(data.getvalue()))
    assert code == 1
    assert ": error: claims PDF/A-2b but has no output intent" in out


def test_a_file_that_is_not_a_pdf_is_a_clean_error(write_pdf, tmp_path):
    text = tmp_path / "notes.pdf"
    text.write_text("Phỏng vấn\n", encoding="utf-8")
    broken = write_pdf(b"%PDF-1.7\n1 0 obj << /Type /Catalog", "broken.pdf")
    code, out = preflight(text, broken)
    assert code == 1
    assert f"{text}: error: not a PDF file" in out
    assert f"{broken}: error: not a readable PDF" in out
    assert "Traceback" not in out


def test_a_missing_file_is_a_usage_error(tmp_path):
    code, out = preflight(tmp_path / "missing.pdf")
    assert code == 2
    assert "does not exist" in out


def test_every_file_is_reported_and_one_error_fails_the_run(handout, make_pdf, write_pdf):
    good = write_pdf(handout, "good.pdf")
    bad = write_pdf(make_pdf(font="Helvetica"), "bad.pdf")
    code, out = preflight(good, bad)
    assert code == 1
    assert f"{good}: 8 pages, 0 errors, 0 warnings" in out
    assert f"{bad}: 1 page, 1 error, 1 warning" in out


def test_quiet_prints_only_findings(make_pdf, write_pdf):
    path = write_pdf(make_pdf(font="Helvetica"))
    result = CliRunner().invoke(main, ["preflight", "--quiet", str(path)])
    assert result.exit_code == 1
    assert all(": error: " in line or ": warning: " in line
               for line in result.output.splitlines())


def test_an_rgb_image_in_a_printing_annotation_appearance_is_caught(make_pdf, write_pdf):
    import pikepdf
    from io import BytesIO

    pdf = pikepdf.open(BytesIO(make_pdf()))
    image = pdf.make_stream(b"\xff\x00\x00" * 4, Type=pikepdf.Name.XObject,
                            Subtype=pikepdf.Name.Image, Width=2, Height=2,
                            ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8)
    appearance = pdf.make_stream(b"q 10 0 0 10 0 0 cm /Im9 Do Q", Type=pikepdf.Name.XObject,
                                 Subtype=pikepdf.Name.Form, BBox=[0, 0, 10, 10],
                                 Resources=pikepdf.Dictionary(
                                     XObject=pikepdf.Dictionary(Im9=image)))
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Stamp, F=4, Rect=[100, 100, 172, 172],
        AP=pikepdf.Dictionary(N=appearance))]))
    data = BytesIO()
    pdf.save(data)
    code, out = preflight(write_pdf(data.getvalue()))
    assert code == 1
    # 2 px over the 72 pt (one inch) Rect the appearance is fitted to
    assert "page 1: error: image /Im9 (2 x 2 px, placed 25.4 x 25.4 mm) is RGB" in out
    assert "is 2 ppi, under 150 ppi" in out


def test_colour_spaces_are_named_and_rgb_ones_recognised():
    import pikepdf

    from pipeline.preflight_values import colour_space, is_rgb

    icc3 = pikepdf.Dictionary(N=3)
    cases = [
        (pikepdf.Name.DeviceCMYK, "DeviceCMYK"),
        (pikepdf.Array([pikepdf.Name.ICCBased, pikepdf.Dictionary(N=4)]), "ICC CMYK"),
        (pikepdf.Array([pikepdf.Name.ICCBased, icc3]), "ICC RGB"),
        (pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 1, b"\0" * 6]),
         "Indexed DeviceRGB"),
        (pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name("/PANTONE 185 C"),
                        pikepdf.Name.DeviceCMYK, pikepdf.Dictionary()]),
         "Separation PANTONE 185 C"),
    ]
    assert [colour_space(space) for space, _ in cases] == [name for _, name in cases]
    assert [is_rgb(name) for _, name in cases] == [False, False, True, True, False]
