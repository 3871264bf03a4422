"""Saddle-stitch imposition: the A5 handout two-up on A4 landscape sheets, for office duplex
printers (ink 5 mm from the paper edge) or for the print shop (bleed, crop and fold marks)."""

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


MARK_GAP, MARK_LEN = 2 * MM, 6 * MM  # crop and fold marks: gap from the bleed, length
SLUG = 10 * MM  # room outside the bleed for the marks
PRINTER_EDGE = 5 * MM  # office printers leave 4-5 mm at the paper edge unprinted


def impose_booklet(pdf_bytes: bytes, layout=None, marks: bool = False) -> bytes:
    """The handout PDF imposed as a booklet; same fonts, metadata and output intent.

    Without ``marks`` (office duplex printers): sheets exactly A4 landscape, each page placed
    as a form XObject clipped to its TrimBox, and scaled when needed so that no ink comes
    nearer than 5 mm to the paper edge. With ``marks`` (a shop deliverable): the TrimBox is
    the A4 sheet, the pages keep their bleed on the sheet's outer edges, and crop and fold
    marks stand outside the bleed on a larger MediaBox.
    """
    pdf = pikepdf.open(BytesIO(pdf_bytes))
    originals = list(pdf.pages)
    bleed = _bleed(originals[0]) if originals else 0.0
    sheet = _Sheet(bleed if marks else 0.0, SLUG if marks else 0.0)
    scale = 1.0 if marks else _office_scale(originals, layout)
    placed = [_trimmed_form(pdf, page, with_bleed=marks) for page in originals]
    for left, right in saddle_order(len(originals)):
        _add_sheet_side(pdf, sheet, scale, [placed[left] if left is not None else None,
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


class _Sheet:
    """A sheet side: the A4 trim, the bleed around it and room for marks."""

    def __init__(self, bleed: float, slug: float):
        self.bleed, self.offset = bleed, bleed + slug
        self.media = [0, 0, SHEET_WIDTH + 2 * self.offset, SHEET_HEIGHT + 2 * self.offset]
        o = self.offset
        self.trim = [o, o, o + SHEET_WIDTH, o + SHEET_HEIGHT]
        self.bleed_box = [o - bleed, o - bleed, o + SHEET_WIDTH + bleed,
                          o + SHEET_HEIGHT + bleed]


def _bleed(page: pikepdf.Page) -> float:
    trim, bleed = _box(page, "/TrimBox"), _box(page, "/BleedBox")
    return max(0.0, min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2],
                        bleed[3] - trim[3]))


def _office_scale(pages, layout) -> float:
    """The largest scale (at most 1) that keeps the pages' ink 5 mm from the paper edge.
    The layout's safety margin keeps ink off the trim edge, unless a background bleeds
    (a masthead band): then the trim edge itself must stay 5 mm in."""
    if not pages:
        return 1.0
    x0, y0, x1, y1 = _box(pages[0], "/TrimBox")
    w, h = x1 - x0, y1 - y0
    safety = 0.0
    if layout is not None and not layout.masthead:
        safety = layout.print.safety
    fits = ((SHEET_HEIGHT / 2 - PRINTER_EDGE) / (h / 2 - safety),
            (SHEET_WIDTH / 2 - PRINTER_EDGE) / (w - safety))
    return min(1.0, *fits)


def _trimmed_form(pdf: pikepdf.Pdf, page: pikepdf.Page, with_bleed: bool):
    """(form XObject, trim box, bleed box) for one page."""
    form = page.as_form_xobject()
    # Forms are clipped to their BBox: the trim (or bleed) box is all that can show.
    bleed = _box(page, "/BleedBox")
    form.BBox = Array(bleed if with_bleed else _box(page, "/TrimBox"))
    if "/Group" in page.obj:
        form.Group = page.obj.Group
    return form, _box(page, "/TrimBox"), bleed


def _box(page: pikepdf.Page, key: str) -> list[float]:
    box = page.obj.get(key) or page.obj.get("/CropBox") or page.mediabox
    x0, y0, x1, y1 = (float(v) for v in box)
    return [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]


def _add_sheet_side(pdf: pikepdf.Pdf, sheet: _Sheet, scale: float, slots) -> None:
    """One sheet side with up to two pages meeting at its vertical centre line; each page
    shows its trim, plus its bleed on the sheet's outer edges when the sheet has a bleed."""
    o, b = sheet.offset, sheet.bleed
    fold = o + SHEET_WIDTH / 2
    xobjects = Dictionary()
    ops = []
    for i, slot in enumerate(slots):
        if slot is None:
            continue
        form, (tx0, ty0, tx1, ty1), _ = slot
        width, height = (tx1 - tx0) * scale, (ty1 - ty0) * scale
        x = fold - width if i == 0 else fold
        y = o + (SHEET_HEIGHT - height) / 2
        # clip: the trim, grown by the bleed on every side but the fold
        cx0, cx1 = (x - b, x + width) if i == 0 else (x, x + width + b)
        name = f"/P{i}"
        xobjects[name] = form
        ops.append(f"q {_n(cx0)} {_n(y - b)} {_n(cx1 - cx0)} {_n(height + 2 * b)} re W n "
                   f"{_n(scale)} 0 0 {_n(scale)} {_n(x - tx0 * scale)} {_n(y - ty0 * scale)} cm "
                   f"{name} Do Q")
    if sheet.offset > sheet.bleed:
        ops.append(_marks(sheet))
    groups = [slot[0].Group for slot in slots if slot is not None and "/Group" in slot[0]]
    page = Dictionary(
        Type=Name.Page,
        MediaBox=Array(sheet.media),
        TrimBox=Array(sheet.trim),
        BleedBox=Array(sheet.bleed_box),
        Resources=Dictionary(XObject=xobjects),
        Contents=pdf.make_stream("\n".join(ops).encode("ascii")),
    )
    if groups:  # pages with transparency: blend on the sheet as on the page
        page.Group = groups[0]
    pdf.pages.append(pikepdf.Page(page))


def _marks(sheet: _Sheet) -> str:
    """Crop marks at the four trim corners and fold marks at the centre line, in
    registration colour, all outside the bleed."""
    x0, y0, x1, y1 = sheet.trim
    near, far = sheet.bleed + MARK_GAP, sheet.bleed + MARK_GAP + MARK_LEN
    lines = []
    for x in (x0, x1):
        for y, sign in ((y0, -1), (y1, 1)):
            lines.append((x, y + sign * near, x, y + sign * far))
    for y in (y0, y1):
        for x, sign in ((x0, -1), (x1, 1)):
            lines.append((x + sign * near, y, x + sign * far, y))
    fold = (x0 + x1) / 2
    fold_lines = [(fold, y0 - near, fold, y0 - far), (fold, y1 + near, fold, y1 + far)]
    path = " ".join(f"{_n(a)} {_n(b)} m {_n(c)} {_n(d)} l" for a, b, c, d in lines)
    dashed = " ".join(f"{_n(a)} {_n(b)} m {_n(c)} {_n(d)} l" for a, b, c, d in fold_lines)
    return (f"q 1 1 1 1 K 0.25 w {path} S [2 1] 0 d {dashed} S Q")


def _n(value: float) -> str:
    """A PDF number with at most 4 decimals and no trailing zeros."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
