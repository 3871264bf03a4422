"""Photos to CMYK JPEG through the ICC profiles (sRGB or embedded -> FOGRA39), converted in
background threads while the page layout runs, and kept by content hash between builds."""

from __future__ import annotations

import hashlib
import io
import os
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

COLOR_DIR = Path(__file__).resolve().parent.parent.parent / "color"
OUTPUT_PROFILE = COLOR_DIR / "FOGRA39L_coated.icc"
JPEG_QUALITY = 88

_cache: dict[tuple, Future] = {}
_scratch: list = []  # a per-process folder when the disk cache is off
_pool: list[ThreadPoolExecutor] = []


@lru_cache(maxsize=4)
def _transform(source_icc: bytes | None):
    from PIL import ImageCms

    src = (ImageCms.ImageCmsProfile(io.BytesIO(source_icc)) if source_icc
           else ImageCms.getOpenProfile(str(COLOR_DIR / "sRGB.icc")))
    dst = ImageCms.getOpenProfile(str(OUTPUT_PROFILE))
    return ImageCms.buildTransform(src, dst, "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def cmyk_jpeg(path: Path, width_px: int) -> Future:
    """A future of the file holding the photo as a CMYK JPEG about ``width_px`` wide (never
    enlarged). A file, not bytes: ReportLab then embeds the JPEG by name without decoding it.
    Pillow releases the GIL while decoding, converting and encoding, so the conversions run
    on the other core while the layout is computed."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, width_px)
    if key not in _cache:
        if not _pool:
            _pool.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="cmyk"))
        _cache[key] = _pool[0].submit(_cached_conversion, path, width_px)
    return _cache[key]


def prefetch(doc, geo) -> None:
    """Start converting every photo of the document at the size the layout will ask for."""
    for block in doc.blocks:
        if getattr(block, "kind", "") == "figure" and block.pixels:
            width, _ = geo.figure_size(block.aspect)
            cmyk_jpeg(block.path, geo.photo_pixels(width))


class ConvertedPhoto(str):
    """The path of a converted photo that ReportLab sees by its content: drawImage names an
    image file's XObject after the string it is given (``str()``), so the folder of the
    cache would change the PDF's bytes from one machine or user to the next; ``open()``
    still reads the path."""

    def __new__(cls, path: str, digest: str):
        converted = super().__new__(cls, path)
        converted.digest = digest
        return converted

    def __str__(self) -> str:
        return f"photo-{self.digest}"


def _cached_conversion(path: Path, width_px: int) -> str:
    data = path.read_bytes()
    digest = hashlib.sha256(b"%d|%d|" % (width_px, JPEG_QUALITY) + data).hexdigest()
    found = _disk_get(digest) or _disk_put(digest, _convert(io.BytesIO(data), width_px))
    return ConvertedPhoto(found, digest)


def _cache_dir() -> Path | None:
    """Conversions are kept between builds (PIPELINE_CACHE_DIR; empty turns that off)."""
    env = os.environ.get("PIPELINE_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(base) / "interview-pipeline" / "cmyk-v3"  # v3: 16-bit grey scaled, not clipped


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
    tmp = folder / f"{digest}.{os.getpid()}.{id(data)}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, folder / f"{digest}.jpg")
    return str(folder / f"{digest}.jpg")


def _convert(stream, width_px: int) -> bytes:
    """One photo to CMYK JPEG bytes, holding as few full-size copies as possible (the
    conversion runs beside the layout, so its peak memory adds to the build's)."""
    from PIL import Image, ImageOps

    from pipeline.images import eight_bit

    im = Image.open(stream)
    if im.format == "JPEG" and im.width > width_px:
        scale = width_px / im.width
        im.draft(im.mode if im.mode in ("RGB", "L", "CMYK") else "RGB",
                 (width_px, max(1, round(im.height * scale))))
    im.load()
    icc = im.info.get("icc_profile")
    ImageOps.exif_transpose(im, in_place=True)
    im = eight_bit(im)
    if im.width > width_px * 1.1:  # more pixels than the page can use
        size = (width_px, max(1, round(im.height * width_px / im.width)))
        im = im.resize(size, Image.Resampling.BOX)  # area average: fast, no ringing
    if im.mode != "CMYK":
        if im.mode in ("RGBA", "LA", "P", "PA") or "transparency" in im.info:
            rgba = im.convert("RGBA")
            im = Image.new("RGB", rgba.size, (255, 255, 255))
            im.paste(rgba, mask=rgba.getchannel("A"))
            del rgba
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
