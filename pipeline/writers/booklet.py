"""Saddle-stitch imposition: the A5 handout two-up on A4 landscape sheets, for duplex printing."""

from __future__ import annotations

from io import BytesIO

import pikepdf
from pikepdf import Array, Dictionary, Name

MM = 72 / 25.4
# Exactly A4 landscape, as a print driver expects it (297 x 210 mm, rounded to 0.01 pt).
SHEET_WIDTH = 841.89
SHEET_HEIGHT = 595.28

# Catalog entries that point at the handout's own pages; on the sheets they would be wrong.
_PAGE_BOUND = ("/StructTreeRoot", "/MarkInfo", "/Outlines", "/PageLabels", "/OpenAction",
               "/Dests", "/PageMode", "/AcroForm")


def saddle_order(count: int) -> list[tuple[int | None, int | None]]:
    """Sheet sides in printing order, each (left, right) 0-based page indices; None = blank.

    ``count`` pages are padded to a multiple of 4 with blank pages at the end. Side 1 (front
    of sheet 1) is last | first, side 2 (its back) is second | last-but-one, and so on, for
    duplex printing flipped on the short edge.
    """
    total = -(-count // 4) * 4
    page = lambda i: i if i < count else None  # noqa: E731
    sides = []
    for sheet in range(total // 4):
        lo, hi = 2 * sheet, total - 1 - 2 * sheet
        sides.append((page(hi), page(lo)))
        sides.append((page(lo + 1), page(hi - 1)))
    return sides


def impose_booklet(pdf_bytes: bytes, doc=None, layout=None, marks: bool = False) -> bytes:
    """The handout PDF imposed as a booklet; same fonts, metadata and output intent.

    Each page is placed as a form XObject clipped to its TrimBox, so the bleed (and any crop
    marks) stay off the sheet; the two trimmed pages meet at the fold in the middle of the
    sheet. ``doc``, ``layout`` and ``marks`` are accepted for the writer interface: the sheet
    is exactly A4 and has no room outside the pages for marks.
    """
    pdf = pikepdf.open(BytesIO(pdf_bytes))
    originals = list(pdf.pages)
    placed = [_trimmed_form(pdf, page) for page in originals]
    for left, right in saddle_order(len(originals)):
        _add_sheet_side(pdf, [placed[left] if left is not None else None,
                              placed[right] if right is not None else None])
    for _ in originals:
        del pdf.pages[0]
    for key in _PAGE_BOUND:
        if key in pdf.Root:
            del pdf.Root[key]
    if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
        del pdf.Root.Names["/Dests"]
    out = BytesIO()
    pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


def _trimmed_form(pdf: pikepdf.Pdf, page: pikepdf.Page):
    """(form XObject, trim width, trim height, trim origin) for one page."""
    trim = _box(page, "/TrimBox")
    form = page.as_form_xobject()
    # Forms are clipped to their BBox: the trim box is all that can show.
    form.BBox = Array(trim)
    if "/Group" in page.obj:
        form.Group = page.obj.Group
    x0, y0, x1, y1 = trim
    return form, x1 - x0, y1 - y0, (x0, y0)


def _box(page: pikepdf.Page, key: str) -> list[float]:
    box = page.obj.get(key) or page.obj.get("/CropBox") or page.mediabox
    x0, y0, x1, y1 = (float(v) for v in box)
    return [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]


def _add_sheet_side(pdf: pikepdf.Pdf, slots) -> None:
    """One A4 landscape page with up to two trimmed pages meeting at the vertical centre line."""
    fold = SHEET_WIDTH / 2
    xobjects = Dictionary()
    ops = []
    for i, slot in enumerate(slots):
        if slot is None:
            continue
        form, width, height, (ox, oy) = slot
        x = fold - width if i == 0 else fold
        y = (SHEET_HEIGHT - height) / 2
        name = f"/P{i}"
        xobjects[name] = form
        ops.append(f"q {_n(x)} {_n(y)} {_n(width)} {_n(height)} re W n "
                   f"1 0 0 1 {_n(x - ox)} {_n(y - oy)} cm {name} Do Q")
    sheet = Array([0, 0, SHEET_WIDTH, SHEET_HEIGHT])
    groups = [slot[0].Group for slot in slots if slot is not None and "/Group" in slot[0]]
    page = Dictionary(
        Type=Name.Page,
        MediaBox=sheet,
        TrimBox=sheet,
        BleedBox=sheet,
        Resources=Dictionary(XObject=xobjects),
        Contents=pdf.make_stream("\n".join(ops).encode("ascii")),
    )
    if groups:  # pages with transparency: blend on the sheet as on the page
        page.Group = groups[0]
    pdf.pages.append(pikepdf.Page(page))


def _n(value: float) -> str:
    """A PDF number with at most 4 decimals and no trailing zeros."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
