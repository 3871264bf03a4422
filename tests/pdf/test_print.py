"""Print production: fonts, page boxes, CMYK only, PDF/A-2b, reproducible bytes, layouts."""

from __future__ import annotations

import io
import re
import subprocess

import pikepdf
import pytest
from pdf_testkit import SAMPLE, build, pdftotext

MM = 72 / 25.4


def pdffonts(pdf: bytes) -> list[list[str]]:
    out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout
    return [line.split() for line in out.decode().splitlines()[2:]]


@pytest.mark.parametrize("name", ["newsletter", "handout"])
def test_only_embedded_noto_fonts(name, request):
    pdf = request.getfixturevalue(name)
    rows = pdffonts(pdf)
    assert rows
    for row in rows:
        assert re.match(r"[A-Z]{6}\+Noto(Serif|Sans)-", row[0]), row
        assert row[-5] == "yes", row  # emb
    assert b"Helvetica" not in pdf and b"Times-Roman" not in pdf


def _boxes(pdf: bytes):
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return [tuple(tuple(float(v) for v in page.obj[k]) for k in
                      ("/MediaBox", "/TrimBox", "/BleedBox")) for page in doc.pages]


@pytest.mark.parametrize("name, w, h", [("newsletter", 210, 297), ("handout", 148, 210)])
def test_trim_and_bleed_boxes_on_every_page(name, w, h, request):
    for media, trim, bleed in _boxes(request.getfixturevalue(name)):
        b = 3 * MM
        assert trim == pytest.approx((b, b, b + w * MM, b + h * MM), abs=0.01)
        assert bleed == pytest.approx((0, 0, w * MM + 2 * b, h * MM + 2 * b), abs=0.01)
        assert media == pytest.approx(bleed, abs=0.01)


def test_marks_grow_the_media_box(newsletter_marks):
    for media, trim, bleed in _boxes(newsletter_marks):
        assert media[0] == 0 and bleed[0] > 5 * MM
        assert media[2] - bleed[2] == pytest.approx(bleed[0], abs=0.01)
        assert trim[0] - bleed[0] == pytest.approx(3 * MM, abs=0.01)


def _content_streams(doc):
    for page in doc.pages:
        yield page
        for _name, xobj in page.resources.get("/XObject", {}).items():
            if xobj.get("/Subtype") == "/Form":
                yield xobj


def test_newsletter_is_cmyk_only(newsletter):
    with pikepdf.open(io.BytesIO(newsletter)) as doc:
        images = 0
        for stream in _content_streams(doc):
            ops = {str(op) for _operands, op in pikepdf.parse_content_stream(stream)}
            assert not ops & {"rg", "RG", "sc", "scn", "SC", "SCN", "cs", "CS"}, ops
        for page in doc.pages:
            for _name, xobj in page.resources.get("/XObject", {}).items():
                if xobj.get("/Subtype") == "/Image":
                    images += 1
                    assert xobj["/ColorSpace"] == "/DeviceCMYK"
        assert images == 8


def test_masthead_band_bleeds(newsletter):
    with pikepdf.open(io.BytesIO(newsletter)) as doc:
        ops = list(pikepdf.parse_content_stream(doc.pages[0]))
    rects = [tuple(float(v) for v in operands) for operands, op in ops if str(op) == "re"]
    b = 3 * MM
    assert any(x <= -b and w >= 210 * MM + 2 * b and y + h >= 297 * MM + b
               for x, y, w, h in rects)


@pytest.mark.parametrize("name", ["newsletter", "handout"])
def test_pdfa_2b_declared_with_output_intent(name, request):
    with pikepdf.open(io.BytesIO(request.getfixturevalue(name))) as doc:
        assert doc.open_metadata().pdfa_status == "2B"
        assert doc.check_pdf_syntax() == []
        [intent] = doc.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1"
        assert intent.DestOutputProfile.N == 4
        assert str(doc.Root.Lang) == "vi"
        assert "/Filter" not in doc.Root.Metadata
        meta = doc.open_metadata()
        assert meta["dc:title"].startswith("Phát huy truyền thống")
        assert meta["dc:creator"] == ["Thành Duy"]
        assert meta["xmp:CreateDate"].startswith("2020-07-10")
        assert str(doc.docinfo.Author) == "Thành Duy"
        assert str(doc.docinfo.CreationDate).startswith("D:20200710")
        titles = []
        with doc.open_outline() as outline:
            stack = list(outline.root)
            while stack:
                item = stack.pop(0)
                titles.append(item.title)
                stack[0:0] = list(item.children)
        assert len(titles) == 5  # four questions and a heading
        assert "Nhiệm vụ trọng tâm nhiệm kỳ 2020 – 2025" in titles


def test_rebuild_is_byte_identical(newsletter):
    assert build(SAMPLE, "newsletter") == newsletter


def test_the_photo_cache_folder_leaves_no_trace_in_the_bytes(tmp_path):
    """Another user or machine (another cache folder) gets the same PDF: ReportLab named
    each photo's XObject after the converted file's path."""
    import os
    import sys

    outputs = []
    for folder in ("a", "another-cache-folder"):
        env = dict(os.environ, PIPELINE_CACHE_DIR=str(tmp_path / folder))
        out = tmp_path / f"out-{folder}"
        subprocess.run([sys.executable, "-m", "pipeline", "build", "-q", "-o", str(out),
                        "--layout", "newsletter", "--format", "pdf", str(SAMPLE)],
                       check=True, env=env, cwd=SAMPLE.parents[1])
        outputs.append((out / SAMPLE.stem / "newsletter.pdf").read_bytes())
    assert outputs[0] == outputs[1]


def test_handout_pages_are_a_multiple_of_four(handout, tmp_path):
    pages = pdftotext(handout, tmp_path, "-raw").split("\f")[:-1]
    assert len(pages) % 4 == 0
    event = "Đại hội đại biểu Đảng bộ Khối Các cơ quan tỉnh lần thứ XX"
    assert event not in pages[0] and "Trang 1/" not in pages[0]  # the title page: neither
    assert event in pages[1] and f"Trang 2/{len(pages)}" in pages[1]


def test_a_third_layout_is_a_file(tmp_path):
    text = (SAMPLE.parents[1] / "templates" / "newsletter.yaml").read_text(encoding="utf-8")
    text = text.replace("name: newsletter", "name: bantin3").replace("columns: 2", "columns: 3")
    text = text.replace('"{{ publication }} · {{ date }} · Trang {{ page }}/{{ pages }}"',
                        '"Ba cột · {{ page }} trên {{ pages }}"')
    (tmp_path / "bantin3.yaml").write_text(text, encoding="utf-8")
    pdf = build(SAMPLE, "bantin3", (tmp_path,))
    text = pdftotext(pdf, tmp_path, "-raw")
    assert "Ba cột · 2 trên " in text
    html = pdftotext(pdf, tmp_path, "-bbox")
    lefts = {round(float(x)) for x in re.findall(r'xMin="([\d.]+)"', html)}
    assert len([x for x in lefts if x > 200]) > 10  # text starts in a third column too


def test_document_dates_are_the_source_date_whatever_the_clock(monkeypatch):
    import pikepdf

    from pdf_testkit import SAMPLE, build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pdf = pikepdf.open(__import__("io").BytesIO(build(SAMPLE, "newsletter")))
    assert str(pdf.docinfo["/CreationDate"]).startswith("D:20200710")
    assert str(pdf.docinfo["/ModDate"]).startswith("D:20200710")
    with pdf.open_metadata() as xmp:
        assert xmp["xmp:CreateDate"].startswith("2020-07-10")
