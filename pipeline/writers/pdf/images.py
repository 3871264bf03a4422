"""Photos to CMYK JPEG through the ICC profiles (sRGB or embedded -> FOGRA39), cached per build."""

from __future__ import annotations

import hashlib
import io
import os
from functools import lru_cache
from pathlib import Path

COLOR_DIR = Path(__file__).resolve().parent.parent.parent / "color"
OUTPUT_PROFILE = COLOR_DIR / "FOGRA39L_coated.icc"
JPEG_QUALITY = 88

_cache: dict[tuple, str] = {}
_scratch: list = []  # a per-process folder when the disk cache is off


@lru_cache(maxsize=4)
def _transform(source_icc: bytes | None):
    from PIL import ImageCms

    src = (ImageCms.ImageCmsProfile(io.BytesIO(source_icc)) if source_icc
           else ImageCms.getOpenProfile(str(COLOR_DIR / "sRGB.icc")))
    dst = ImageCms.getOpenProfile(str(OUTPUT_PROFILE))
    return ImageCms.buildTransform(src, dst, "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def cmyk_jpeg(path: Path, min_width_px: int) -> str:
    """A file holding the photo as a CMYK JPEG at least ``min_width_px`` wide where the file
    allows (JPEG draft decoding skips resolution the page cannot use). A file, not bytes:
    ReportLab then embeds the JPEG once by name, never decoding it again."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, min_width_px)
    if key not in _cache:
        data = path.read_bytes()
        digest = hashlib.sha256(b"%d|%d|" % (min_width_px, JPEG_QUALITY) + data).hexdigest()
        _cache[key] = _disk_get(digest) or _disk_put(digest, _convert(path, min_width_px))
    return _cache[key]


def _cache_dir() -> Path | None:
    """Conversions are kept between builds (PIPELINE_CACHE_DIR; empty turns that off)."""
    env = os.environ.get("PIPELINE_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(base) / "interview-pipeline" / "cmyk-v1"


def _disk_get(digest: str) -> str | None:
    folder = _cache_dir()
    path = folder / f"{digest}.jpg" if folder else None
    return str(path) if path and path.is_file() else None


def _disk_put(digest: str, data: bytes) -> str:
    folder = _cache_dir()
    try:
        if folder is None:
            raise OSError
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        if not _scratch:
            import tempfile

            _scratch.append(tempfile.TemporaryDirectory(prefix="pipeline-cmyk-"))
        folder = Path(_scratch[0].name)
    tmp = folder / f"{digest}.{os.getpid()}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, folder / f"{digest}.jpg")
    return str(folder / f"{digest}.jpg")


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
