"""Photos as a camera or an editor saves them: turned by EXIF, PNG under a .jpg name, grey,
palette, transparent, 16-bit, CMYK: each lands upright and undistorted in PDF and DOCX."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from pipeline.build import Options, build_source, resolve_layouts

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "source" / "images" / "01-btv-lam-viec.jpg"  # 1500 x 1000


def save_variants(folder: Path) -> list[str]:
    base = Image.open(BASE)
    folder.mkdir()
    exif = base.getexif()
    exif[0x0112] = 6  # stored landscape, shown turned a quarter: portrait
    base.save(folder / "turned.jpg", exif=exif)
    base.save(folder / "png-named.jpg", "PNG")
    base.convert("L").save(folder / "grey.png")
    base.convert("P").save(folder / "palette.png")
    base.convert("RGBA").save(folder / "alpha.png")
    base.convert("L").convert("I;16").save(folder / "sixteen.png")
    base.convert("CMYK").save(folder / "cmyk.jpg")
    return ["turned.jpg", "png-named.jpg", "grey.png", "palette.png", "alpha.png",
            "sixteen.png", "cmyk.jpg"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("photos")
    names = save_variants(tmp / "images")
    body = "".join(f"  - figure: images/{n}\n    caption: Ảnh {n}\n" for n in names)
    source = tmp / "s.yaml"
    source.write_text("format: 1\ntitle: Ảnh\npublication: Báo\ndate: 2020-01-01\npeople:\n"
                      "  pv: {label: P.V, role: interviewer}\n"
                      "  k: {label: Ông K, role: interviewee}\nbody:\n  - q: Hỏi?\n" + body,
                      encoding="utf-8")
    options = Options(out_dir=tmp / "out", layouts=("newsletter",))
    result = build_source(source, options, resolve_layouts(("newsletter",)))
    assert result.ok, result.errors
    return tmp / "out" / "s"


def test_pdf_places_every_photo_undistorted_and_upright(built):
    listing = subprocess.run(["pdfimages", "-list", str(built / "newsletter.pdf")],
                             capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    assert len(rows) == 7
    for row in rows:
        x_ppi, y_ppi = int(row[12]), int(row[13])
        assert abs(x_ppi - y_ppi) <= 1, row  # not stretched
        assert row[5] == "cmyk", row
    assert sum(int(r[4]) > int(r[3]) for r in rows) == 1  # the turned photo stands upright


def test_docx_embeds_upright_pixels_with_a_matching_frame(built):
    docx = zipfile.ZipFile(built / "newsletter.docx")
    media = sorted(n for n in docx.namelist() if n.startswith("word/media/"))
    sizes = [Image.open(io.BytesIO(docx.read(n))).size for n in media]
    assert sizes.count((1000, 1500)) == 1 and len(sizes) == 7
    assert media[1].endswith(".png")  # the PNG saved under a .jpg name is a PNG part
    xml = docx.read("word/document.xml").decode()
    frames = [(int(cx), int(cy)) for cx, cy in re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"/>',
                                                         xml)]
    for (cx, cy), (w, h) in zip(frames, sizes):
        assert abs(cy / cx - h / w) < 0.01, ((cx, cy), (w, h))
