"""Photos: media parts, inline drawings at column width with alt text, placeholders."""

from __future__ import annotations

import struct
import zlib

from pipeline.model import Figure
from pipeline.writers.docx.xml import esc

IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
EMU_PER_PT = 12700


def placeholder_png(width: int = 300, height: int = 200) -> bytes:
    """A flat light-grey PNG standing in for a missing photo (draft builds, samples)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    rows = b"".join(b"\x00" + b"\xd9" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def upright(figure: Figure) -> bytes:
    """The photo's bytes as stored, or, when its EXIF orientation turns it, an upright copy:
    Word places the stored pixels and ignores the orientation tag."""
    if figure.orientation == 1:
        return figure.path.read_bytes()
    import io

    from PIL import Image, ImageOps

    with Image.open(figure.path) as im:
        turned = ImageOps.exif_transpose(im)
        out = io.BytesIO()
        if figure.image_format == "png":
            turned.save(out, "PNG")
        else:
            turned.save(out, "JPEG", quality=92, icc_profile=im.info.get("icc_profile"))
        return out.getvalue()


class Media:
    """Collects image parts (one per distinct file) and numbers the drawings."""

    def __init__(self):
        self.files: dict[str, bytes] = {}  # zip name -> bytes
        self.rels: list[tuple[str, str, str]] = []  # (id, type, target)
        self._by_source: dict[str, str] = {}
        self.count = 0

    def add(self, figure: Figure) -> str:
        """The relationship id of the figure's image, adding the part on first use."""
        source = str(figure.path) if figure.pixels else "\x00placeholder"
        if source not in self._by_source:
            n = len(self._by_source) + 1
            if figure.pixels:
                ext = "png" if figure.image_format == "png" else "jpeg"
                data = upright(figure)
            else:
                ext, data = "png", placeholder_png()
            target = f"media/image{n}.{ext}"
            self.files[f"word/{target}"] = data
            rid = f"rIdImg{n}"
            self.rels.append((rid, IMAGE_REL, target))
            self._by_source[source] = rid
        return self._by_source[source]

    def drawing(self, figure: Figure, width_pt: float) -> str:
        """An inline picture run, ``width_pt`` wide, keeping the photo's aspect ratio."""
        rid = self.add(figure)
        self.count += 1
        n = self.count
        cx = round(width_pt * EMU_PER_PT)
        cy = round(width_pt * figure.aspect * EMU_PER_PT)
        alt = esc(figure.alt_text)
        name = esc(f"Ảnh {n}")
        return (
            f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{n}" name="{name}" descr="{alt}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/>'
            '</wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.'
            'openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr>'
            f'<pic:cNvPr id="{n}" name="{name}" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
            f'</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" '
            f'cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
            "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")
