"""The pack's booklet: the cover's bleeding photo and band are cut back for office sheets."""

from __future__ import annotations

from io import BytesIO


def office_cover(pdf_bytes: bytes, safety: float) -> bytes:
    """The pack PDF with its cover clipped ``safety`` inside the trim on the top, bottom and
    outer edges: on an A4 office sheet the A5 cover's trim is the paper edge (or 0.5 mm
    from it), where an office printer prints nothing and the safety margin wants no ink.
    The inner edge stays at the trim (it meets the back cover at the fold)."""
    import pikepdf

    pdf = pikepdf.open(BytesIO(pdf_bytes))
    cover = pdf.pages[0]
    x0, y0, x1, y1 = (float(v) for v in cover.obj.TrimBox)
    clip = (f"q {x0:.4f} {y0 + safety:.4f} {x1 - safety - x0:.4f} "
            f"{y1 - y0 - 2 * safety:.4f} re W n\n").encode("ascii")
    cover.contents_add(pdf.make_stream(clip), prepend=True)
    cover.contents_add(pdf.make_stream(b"\nQ"), prepend=False)
    out = BytesIO()
    pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()
