"""Fixtures for the print tests: small handout-like PDFs made with ReportLab and pikepdf."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from pipeline.fonts import font_file

ICC = Path(__file__).resolve().parents[2] / "pipeline" / "color" / "FOGRA39L_coated.icc"
A5 = (148 * mm, 210 * mm)
BLEED = 3 * mm


def _serif() -> str:
    if "TestSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("TestSerif", str(font_file("Noto Serif"))))
    return "TestSerif"


def make_handout(pages: int = 8, bleed: float = BLEED, marks: float = 0.0,
                 pdfa: bool = True) -> bytes:
    """A5 pages with bleed: CMYK background reaching into the bleed, "Trang N" text on each,
    "BLEEDN" text inside the bottom bleed only, TrimBox/BleedBox, optionally a PDF/A-2b intent."""
    w, h = A5
    outer = bleed + marks
    buf = BytesIO()
    font = _serif()
    c = canvas.Canvas(buf, pagesize=(w + 2 * outer, h + 2 * outer), invariant=1,
                      initialFontName=font)
    for n in range(1, pages + 1):
        c.setTrimBox((outer, outer, outer + w, outer + h))
        c.setBleedBox((outer - bleed, outer - bleed, outer + w + bleed, outer + h + bleed))
        c.setFillColorCMYK(0, 0.1 * (n % 5), 0.2, 0)
        c.rect(outer - bleed, outer - bleed, w + 2 * bleed, h + 2 * bleed, stroke=0, fill=1)
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont(font, 14)
        c.drawString(outer + 20 * mm, outer + h / 2, f"Trang {n} – Nghệ An")
        if bleed >= 3 * mm:
            c.setFont(font, 5)
            c.drawString(outer + 20 * mm, outer - bleed + 0.6 * mm, f"BLEED{n}")
        c.showPage()
    c.save()
    return add_pdfa(buf.getvalue()) if pdfa else buf.getvalue()


def add_pdfa(data: bytes) -> bytes:
    """Language, PDF/A-2b XMP identification and a FOGRA39 output intent, as the writer adds."""
    pdf = pikepdf.open(BytesIO(data))
    for page in pdf.pages:  # ReportLab's empty transition dictionary, which PDF/A cannot have
        if "/Trans" in page.obj:
            del page.obj["/Trans"]
    pdf.Root.Lang = pikepdf.String("vi")
    icc = pdf.make_stream(ICC.read_bytes(), N=4)
    pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String("FOGRA39"),
        Info=pikepdf.String("Coated FOGRA39"), DestOutputProfile=icc)])
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
        meta["dc:title"] = "Phỏng vấn"
        meta["xmp:CreateDate"] = dt.datetime(2024, 5, 1).isoformat()
    pdf.docinfo["/Title"] = pikepdf.String("Phỏng vấn")
    out = BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


@pytest.fixture
def handout() -> bytes:
    return make_handout(8)


@pytest.fixture(name="make_handout")
def make_handout_fixture():
    return make_handout


@pytest.fixture
def write_pdf(tmp_path):
    def write(data: bytes, name: str = "test.pdf") -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path
    return write


def make_pdf(draw=None, pages: int = 1, trim: bool = True, bleed_mm: float = 3.0,
             font: str | None = None) -> bytes:
    """An A5 page with TrimBox/BleedBox (unless ``trim`` is false) and ``bleed_mm`` of bleed;
    ``draw(canvas, x, y)`` paints it, (x, y) being the trim box's lower left corner."""
    w, h = A5
    bleed = bleed_mm * mm
    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=(w + 2 * bleed, h + 2 * bleed), invariant=1,
                      initialFontName=font or _serif())
    for _ in range(pages):
        if trim:
            c.setTrimBox((bleed, bleed, bleed + w, bleed + h))
            c.setBleedBox((0, 0, w + 2 * bleed, h + 2 * bleed))
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont(font or _serif(), 10)
        c.drawString(bleed + 20 * mm, bleed + 20 * mm, "Xin chào")
        if draw:
            draw(c, bleed, bleed)
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(name="make_pdf")
def make_pdf_fixture():
    return make_pdf
