"""DOCX test helpers: the edge-case source, a parsed view of a built DOCX, building."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from pipeline.build import Options, build_source, resolve_layouts
from pipeline.source import load_source

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}

# Every kind of block, inline markup, a credit and alt text, and text that looks like XML.
EDGE = """\
format: 1
title: "Tiêu đề <w:t>&amp; ]]> \\"x\\" & <b>"
kicker: "Kicker </w:t></w:r></w:p>"
lead: |
  Đoạn dẫn có **chữ đậm** & *nghiêng* <i>.
publication: "Báo <Thử> & Co"
issue: "Số <1>"
date: 2021-03-04
byline: "Tác giả & <b>"
event: "Sự kiện <w:p/> & hội nghị"
people:
  pv: {label: "P.V", role: interviewer}
  x: {label: "Ông <X>", name: "Nguyễn Văn <X>", title: "Giám đốc & CEO", role: interviewee}
body:
  - q: "Câu hỏi <w:r><w:t>chèn</w:t></w:r> & **thêm** *nghiêng* ***cả ba***?"
  - a: |
      Trả lời **đậm** và *nghiêng* và ***cả hai*** </w:t></w:r></w:p>.

      Đoạn hai & <xml/> &amp; &#x41;.
  - figure: images/01-btv-lam-viec.jpg
    caption: "Chú thích <i> & ảnh"
    credit: "T.D & <co>"
    alt: "Mô tả \\"ảnh\\" <alt> & co"
  - p: "Tiếp theo."
  - quote: "Đoàn kết – <Nêu gương> *Kỷ cương* **Đổi mới**"
    by: x
  - heading: "Mục <h1> & **đậm**"
  - figure: images/02-phong-van.jpg
    caption: "Không có alt."
  - q: "Xin cảm ơn!"
"""


class Docx:
    """One built DOCX: its parts, parsed on demand."""

    def __init__(self, path: Path, source: Path, layout: str):
        self.path, self.source, self.layout_name = path, source, layout
        self.data = path.read_bytes()
        with zipfile.ZipFile(path) as z:
            self.parts = {name: z.read(name) for name in z.namelist()}
            self.infos = z.infolist()

    def xml(self, name: str):
        return etree.fromstring(self.parts[name])

    @property
    def doc(self):
        return load_source(self.source)

    @property
    def layout(self):
        return resolve_layouts((self.layout_name,))[0]

    def paragraph_texts(self) -> list[str]:
        texts = []
        for p in self.xml("word/document.xml").iter(f"{{{W}}}p"):
            texts.append("".join(t.text or "" for t in p.iter(f"{{{W}}}t")))
        return texts


def build(source: Path, out: Path, layouts=("newsletter", "handout"), **kw) -> dict:
    options = Options(out_dir=out, layouts=layouts, formats=("docx",), **kw)
    result = build_source(source, options, resolve_layouts(layouts))
    assert result.ok, [str(e) for e in result.errors]
    return {p.stem: p for p in result.written}


def strip_fonts(src: Path, dst: Path) -> None:
    """A copy of a DOCX without its embedded fonts (the control of the font test)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith(".odttf"):
                continue
            if info.filename == "word/fontTable.xml":
                data = re.sub(rb"<w:embed\w+ [^>]*/>", b"", data)
            if info.filename == "word/_rels/fontTable.xml.rels":
                data = re.sub(rb"<Relationship [^>]*/>", b"", data)
            zout.writestr(info, data)


