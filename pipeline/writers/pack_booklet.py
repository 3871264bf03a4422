"""The pack's booklet: the covers' bleeding photo and band are cut back for office sheets."""

from __future__ import annotations

from io import BytesIO


def office_cover(pdf_bytes: bytes, safety: float, front: bool = True,
                 back: bool = False) -> bytes:
    """The pack PDF with its cover (``front``) and its back cover (``back``, the last page)
    clipped ``safety`` inside the trim on the top, bottom and outer edges: on an A4 office
    sheet the A5 cover's trim is the paper edge (or 0.5 mm from it), where an office
    printer prints nothing and the safety margin wants no ink. The inner edges stay at the
    trim (the two covers meet at the fold)."""
    import pikepdf

    pdf = pikepdf.open(BytesIO(pdf_bytes))
    pages = ([(pdf.pages[0], "right")] if front else []) + (
        [(pdf.pages[len(pdf.pages) - 1], "left")] if back else [])
    for page, outer in pages:
        x0, y0, x1, y1 = (float(v) for v in page.obj.TrimBox)
        left, right = (x0 + safety, x1) if outer == "left" else (x0, x1 - safety)
        clip = (f"q {left:.4f} {y0 + safety:.4f} {right - left:.4f} "
                f"{y1 - y0 - 2 * safety:.4f} re W n\n").encode("ascii")
        page.contents_add(pdf.make_stream(clip), prepend=True)
        page.contents_add(pdf.make_stream(b"\nQ"), prepend=False)
    out = BytesIO()
    pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()
