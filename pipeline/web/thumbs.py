"""Page-1 thumbnails of PDFs (pypdfium2), cached as PNG files named by the PDF's sha256."""

from __future__ import annotations

import hashlib
import io
import re
import threading
from pathlib import Path

from pipeline import atomic

WIDTH = 360  # pixels; shown at half size, sharp on high-density screens
_LOCK = threading.Lock()  # PDFium is not thread-safe
HASH = re.compile(r"^[0-9a-f]{64}$")


def thumbnail(pdf: bytes, folder: Path) -> str:
    """The hash naming ``folder/<hash>.png``, the first page of ``pdf``; made once."""
    digest = hashlib.sha256(pdf).hexdigest()
    target = folder / f"{digest}.png"
    if not target.is_file():
        atomic.write_bytes(target, render_png(pdf))
    return digest


def render_png(pdf: bytes, width: int = WIDTH) -> bytes:
    import pypdfium2 as pdfium

    with _LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            page = document[0]
            try:
                scale = width / page.get_width()
                bitmap = page.render(scale=scale)
                try:
                    image = bitmap.to_pil()
                finally:
                    bitmap.close()
            finally:
                page.close()
        finally:
            document.close()
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", optimize=False)
    return out.getvalue()


def path_of(folder: Path, digest: str) -> Path | None:
    """The cached thumbnail for a hash taken from a URL, or None (never another file)."""
    if not HASH.match(digest):
        return None
    target = folder / f"{digest}.png"
    return target if target.is_file() else None
