"""Preflight checks on what pdfium draws: ink inside the safety margin, text over text, rules
across text (what a print shop sees, whatever made the file)."""

from __future__ import annotations

MM = 72 / 25.4
SAFETY_MM = 5.0
SCALE = 2.0  # pixels per point in the rendered margin strips (144 dpi)
INK = 230  # a pixel whose darkest channel is below this carries ink
BLEED_PROBE = 1 * MM  # a background that bleeds is still ink this far past the trim
MAX_RECTS = 4000  # text segments per page compared pairwise; more are not compared
MAX_PAGES = 2000  # pages drawn (a print job is rarely longer; time stays bounded)
MAX_SIDE = 14400  # points: PDF's largest page (200 in); larger boxes are not drawn


def render_checks(path, trims: dict[int, tuple], add, safety_mm: float = SAFETY_MM) -> None:
    """``trims``: page number -> TrimBox; ``add(page, severity, message)``."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        add(None, "warning", f"pdfium cannot open the file to check the margins ({exc})")
        return
    try:
        if len(pdf) > MAX_PAGES:
            add(None, "warning", f"only the first {MAX_PAGES} of {len(pdf)} pages are drawn to "
                "check the safety margin and overlapping text")
        for index in range(min(len(pdf), MAX_PAGES)):
            number = index + 1
            try:
                page = pdf[index]
                if number in trims:
                    _safety(page, trims[number], safety_mm * MM, number, add)
                _collisions(page, number, add)
            except (pdfium.PdfiumError, MemoryError) as exc:
                add(number, "warning", f"pdfium cannot draw the page to check its margins "
                    f"({exc})")
    finally:
        pdf.close()


def _safety(page, trim, safety: float, number: int, add) -> None:
    cx0, cy0, cx1, cy1 = page.get_cropbox()
    tx0, ty0, tx1, ty1 = trim
    if max(cx1 - cx0, cy1 - cy0, tx1 - tx0, ty1 - ty0) > MAX_SIDE:
        add(number, "warning", "the page is larger than PDF allows (200 inches); its safety "
            "margin is not checked")
        return
    worst: dict[str, float] = {}
    for side in ("top", "bottom", "left", "right"):
        near = _side_ink(page, side, (cx0, cy0, cx1, cy1), trim, safety)
        if near is not None:
            worst[side] = near
    for side, distance in worst.items():
        add(number, "error", f"ink {distance / MM:.1f} mm from the trim at the {side} edge, "
            f"inside the {safety / MM:g} mm safety margin: only backgrounds that run into the "
            f"bleed may come nearer; move text, rules and photos at least {safety / MM:g} mm "
            "in")


def _side_ink(page, side, crop_box, trim, safety):
    """The smallest distance from the trim edge of ink inside the margin on one side that is
    not a background running on into the bleed; None when there is none."""
    cx0, cy0, cx1, cy1 = crop_box
    tx0, ty0, tx1, ty1 = trim
    # The strip: from the safety line out to BLEED_PROBE past the trim (within the page).
    if side == "top":
        region = (tx0, ty1 - safety, tx1, min(cy1, ty1 + BLEED_PROBE))
    elif side == "bottom":
        region = (tx0, max(cy0, ty0 - BLEED_PROBE), tx1, ty0 + safety)
    elif side == "left":
        region = (max(cx0, tx0 - BLEED_PROBE), ty0, tx0 + safety, ty1)
    else:
        region = (tx1 - safety, ty0, min(cx1, tx1 + BLEED_PROBE), ty1)
    rx0, ry0, rx1, ry1 = region
    if rx1 - rx0 < 1 or ry1 - ry0 < 1:
        return None
    crop = (rx0 - cx0, ry0 - cy0, cx1 - rx1, cy1 - ry1)
    image = page.render(scale=SCALE, crop=crop, draw_annots=True).to_pil().convert("RGB")
    from PIL import ImageChops

    r, g, b = image.split()
    darkest = ImageChops.darker(ImageChops.darker(r, g), b)
    w, h = darkest.size
    ink = darkest.load()
    # Distance of each pixel from the trim edge, and the direction towards the bleed.
    best = None
    if side in ("top", "bottom"):
        edge_px = (min(cy1, ty1 + BLEED_PROBE) - ty1) * SCALE if side == "top" \
            else (ty0 - max(cy0, ty0 - BLEED_PROBE)) * SCALE
        for x in range(w):
            column = [ink[x, y] < INK for y in range(h)]
            if side == "bottom":
                column.reverse()  # index 0 is the outermost pixel, as for the top
            best = _scan(column, edge_px, safety, best)
    else:
        edge_px = (tx0 - max(cx0, tx0 - BLEED_PROBE)) * SCALE if side == "left" \
            else (min(cx1, tx1 + BLEED_PROBE) - tx1) * SCALE
        for y in range(h):
            row = [ink[x, y] < INK for x in range(w)]
            if side == "right":
                row.reverse()
            best = _scan(row, edge_px, safety, best)
    return best


def _scan(line: list[bool], edge_px: float, safety: float, best):
    """``line`` runs from outside (the bleed) inwards. Ink past the trim edge that is joined
    without a break to ink in the bleed is a bleeding background; any other ink counts."""
    start = int(round(edge_px))
    limit = len(line) - 1  # the last pixel touches the safety line: anti-aliasing, not ink
    bleeding = start > 0 and all(line[:start + 1])
    for i in range(start + 1, limit):
        if not line[i]:
            bleeding = False
            continue
        if bleeding:
            continue
        distance = (i - edge_px) / SCALE
        if distance < safety - 0.5:
            best = distance if best is None else min(best, distance)
        break
    return best


def _collisions(page, number: int, add) -> None:
    """Text printed over other text (a running footer over the last line), and thin rules
    drawn across a line of text."""
    textpage = page.get_textpage()
    try:
        rects = [textpage.get_rect(i) for i in range(min(textpage.count_rects(), MAX_RECTS))]
    finally:
        textpage.close()
    rects = [r for r in rects if r[3] - r[1] > 2 and r[2] - r[0] > 1]
    rects.sort()
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            if b[0] >= a[2]:
                break
            overlap_w = min(a[2], b[2]) - max(a[0], b[0])
            overlap_h = min(a[3], b[3]) - max(a[1], b[1])
            if overlap_w > 1 and overlap_h > 0.3 * min(a[3] - a[1], b[3] - b[1]):
                add(number, "error", f"text overlaps other text at {a[0] / MM:.0f} mm from the "
                    f"left, {a[1] / MM:.0f} mm from the bottom (a running header or footer over "
                    "the body?); every line needs a place of its own")
                return
    for x0, y0, x1, y1 in _rules(page):
        for r in rects:
            if x0 < r[2] - 1 and x1 > r[0] + 1:
                height = r[3] - r[1]
                if r[1] + 0.2 * height < (y0 + y1) / 2 < r[3] - 0.2 * height:
                    add(number, "error", f"a rule crosses a line of text at {y0 / MM:.0f} mm "
                        "from the bottom; rules belong between lines, not across them")
                    return


def _rules(page):
    """Bounds (page space) of thin horizontal paths, followed into forms."""
    import pypdfium2.raw as raw

    matrices = {0: (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)}
    for obj in page.get_objects(filter=None, max_depth=8):
        level = obj.level
        parent = matrices.get(level, matrices[0])
        if obj.type == raw.FPDF_PAGEOBJ_FORM:
            matrices[level + 1] = _concat(obj.get_matrix().get(), parent)
            continue
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        x0, y0, x1, y1 = obj.get_bounds()
        corners = [_apply(parent, x, y) for x in (x0, x1) for y in (y0, y1)]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        if max(ys) - min(ys) < 2 and max(xs) - min(xs) > 10:
            yield min(xs), min(ys), max(xs), max(ys)


def _concat(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _apply(m, x, y):
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f
