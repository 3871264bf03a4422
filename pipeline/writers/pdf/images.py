"""Photos to CMYK JPEG through the ICC profiles (sRGB or embedded -> FOGRA39), cached per build."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

COLOR_DIR = Path(__file__).resolve().parent.parent.parent / "color"
OUTPUT_PROFILE = COLOR_DIR / "FOGRA39L_coated.icc"
JPEG_QUALITY = 88

_cache: dict[tuple, bytes] = {}


@lru_cache(maxsize=4)
def _transform(source_icc: bytes | None):
    from PIL import ImageCms

    src = (ImageCms.ImageCmsProfile(io.BytesIO(source_icc)) if source_icc
           else ImageCms.getOpenProfile(str(COLOR_DIR / "sRGB.icc")))
    dst = ImageCms.getOpenProfile(str(OUTPUT_PROFILE))
    return ImageCms.buildTransform(src, dst, "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def cmyk_jpeg(path: Path, min_width_px: int) -> bytes:
    """The photo as a CMYK JPEG at least ``min_width_px`` wide where the file allows (JPEG
    draft decoding skips resolution the page cannot use); same file, same bytes."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, min_width_px)
    if key not in _cache:
        _cache[key] = _convert(path, min_width_px)
    return _cache[key]


def _convert(path: Path, min_width_px: int) -> bytes:
    from PIL import Image, ImageOps

    with Image.open(path) as im:
        if im.format == "JPEG" and im.width > min_width_px:
            scale = min_width_px / im.width
            im.draft(im.mode if im.mode in ("RGB", "L", "CMYK") else "RGB",
                     (min_width_px, max(1, round(im.height * scale))))
        im.load()
        icc = im.info.get("icc_profile")
        im = ImageOps.exif_transpose(im)
        if im.mode != "CMYK":
            if im.mode in ("RGBA", "LA", "P", "PA") or "transparency" in im.info:
                rgba = im.convert("RGBA")
                im = Image.new("RGB", rgba.size, (255, 255, 255))
                im.paste(rgba, mask=rgba.getchannel("A"))
            elif im.mode != "RGB":
                im, icc = im.convert("RGB"), None
            try:
                im = _apply(im, icc)
            except Exception:  # a broken embedded profile: fall back to sRGB
                im = _apply(im, None)
        out = io.BytesIO()
        im.save(out, "JPEG", quality=JPEG_QUALITY, optimize=False)
        return out.getvalue()


def _apply(im, icc):
    from PIL import ImageCms

    return ImageCms.applyTransform(im, _transform(icc))
