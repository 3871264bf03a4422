"""Image files: kind and pixel size read from the header, without decoding the image."""

from __future__ import annotations

import struct
from pathlib import Path

MAX_PIXELS = 80_000_000  # a 10000 x 8000 photo; larger is refused (decompression bombs)


# Pillow modes a JPEG or PNG opens in that the conversions handle; others are refused.
# I;16* and I (16-bit greyscale PNG) are scaled to 8 bits by eight_bit(), not clipped.
MODES = frozenset({"1", "L", "LA", "P", "PA", "RGB", "RGBA", "CMYK",
                   "I", "I;16", "I;16B", "I;16L"})
WIDE_GREY = frozenset({"I", "I;16", "I;16B", "I;16L"})


class ImageProblem(Exception):
    """The file is not an image we accept; the message says why."""


def probe(path: Path) -> tuple[str, int, int]:
    """Return ("jpeg" | "png", width, height), reading at most the first 64 KiB chunks."""
    with path.open("rb") as f:
        head = f.read(32)
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            if head[12:16] != b"IHDR" or len(head) < 24:
                raise ImageProblem("the PNG file is damaged (its IHDR header is missing or "
                                   "cut short)")
            width, height = struct.unpack(">II", head[16:24])
            return _checked("png", width, height)
        if head.startswith(b"\xff\xd8"):
            f.seek(2)
            return _checked("jpeg", *_jpeg_size(f))
    raise ImageProblem("the file is not a JPEG or PNG image (save it as .jpg or .png)")


def check_decodes(path: Path, kind: str, width: int, height: int) -> int:
    """Decode the image cheaply (JPEG at 1/8 scale) so that a damaged or truncated file is
    refused here, with its location, rather than failing half-way through a build. Returns
    the EXIF orientation (1 upright; 5 to 8 mean the photo is shown turned a quarter)."""
    from PIL import Image

    try:
        with Image.open(path) as im:
            orientation = im.getexif().get(0x0112, 1)
            if kind == "jpeg":
                im.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            im.load()
            mode = im.mode
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError, …
        raise ImageProblem(f"the {kind.upper()} file is damaged or incomplete ({exc}); "
                           "export it again from the photo editor") from None
    if mode not in MODES:
        raise ImageProblem(f"the image's colour mode ({mode}) cannot be printed; save it "
                           "as an 8-bit RGB, CMYK or greyscale JPEG or PNG")
    return orientation if orientation in range(1, 9) else 1


def eight_bit(im):
    """``im`` with 16-bit greyscale (I;16, I) scaled down to 8-bit L, 65535 -> 255; RGB
    conversion would clip those values and print every pixel above 255 as white. Other
    modes are returned as they are."""
    if im.mode not in WIDE_GREY:
        return im
    transparent = im.info.get("transparency")
    out = im.convert("I").point(lambda v: v / 257).convert("L")
    if isinstance(transparent, int):
        out.info["transparency"] = transparent // 257
    return out


def _jpeg_size(f) -> tuple[int, int]:
    for _ in range(10_000):
        byte = f.read(1)
        while byte and byte != b"\xff":
            byte = f.read(1)
        while byte == b"\xff":
            byte = f.read(1)
        if not byte:
            break
        marker = byte[0]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            continue
        length_bytes = f.read(2)
        if len(length_bytes) < 2:
            break
        (length,) = struct.unpack(">H", length_bytes)
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            data = f.read(5)
            if len(data) < 5:
                break
            height, width = struct.unpack(">HH", data[1:5])
            return width, height
        f.seek(length - 2, 1)
    raise ImageProblem("the JPEG file is damaged (no frame header with its size)")


def _checked(kind: str, width: int, height: int) -> tuple[str, int, int]:
    if width <= 0 or height <= 0:
        raise ImageProblem(f"the {kind.upper()} image has no pixels ({width} x {height})")
    if width * height > MAX_PIXELS:
        raise ImageProblem(f"the image is {width} x {height} pixels, more than the "
                           f"{MAX_PIXELS // 1_000_000} megapixels allowed; scale it down")
    return kind, width, height
