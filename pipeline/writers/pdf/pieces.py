"""Very long paragraphs cut into pieces of whole lines, so that laying them out stays linear."""

from __future__ import annotations

from reportlab.platypus.paragraph import FragLine

BIG = 0x7FFFFFFF
PIECE_LINES = 40  # lines per piece (the last up to 60): fewer than a newsletter column holds
MIN_CHARS = 8_000  # paragraphs shorter than this are laid out whole, as before


def pieces(para, width: float) -> list:
    """``para`` as one or more paragraphs that print like it at ``width``: each piece holds
    whole lines of it, the last line of all but the last piece justified like any other line.

    ReportLab splits a paragraph at a column's foot by breaking all its remaining text into
    lines again, once for every column it fills: quadratic in the paragraph's length. Pieces
    of a few dozen lines make that cost a piece's, and the paragraph's lines are broken once."""
    from pipeline.writers.pdf.justified import Justified

    if isinstance(para, Justified):  # broken once already; split between its lines, no more
        return [para]
    wrapped = "blPara" in para.__dict__  # its fragments may be words now, without .text
    if not wrapped and sum(len(getattr(frag, "text", "")) for frag in para.frags) < MIN_CHARS:
        return [para]
    para.wrap(width, BIG)
    blpara = para.blPara
    lines = blpara.lines
    if len(lines) <= 2 * PIECE_LINES:
        return [para]
    cut = para._get_split_blParaFunc()
    style = para.style
    first = style.clone(f"{style.name} (first piece)", spaceAfter=0)
    middle = style.clone(f"{style.name} (piece)", spaceBefore=0, spaceAfter=0,
                         firstLineIndent=0)
    last = style.clone(f"{style.name} (last piece)", spaceBefore=0, firstLineIndent=0)
    bounds = list(range(0, len(lines) - PIECE_LINES // 2, PIECE_LINES)) + [len(lines)]
    out = []
    for i, (start, stop) in enumerate(zip(bounds, bounds[1:])):
        piece_style = first if i == 0 else last if stop == len(lines) else middle
        piece = _copy(para, piece_style, cut(blpara, start, stop), keep_outline=i == 0)
        if stop < len(lines):
            end = lines[stop - 1]
            piece._JustifyLast = not (isinstance(end, FragLine) and getattr(end, "lineBreak", 0))
        out.append(prewrap(piece, blpara, start, stop, width))
    return out


def prewrap(piece, blpara, start: int, stop: int, width: float):
    """``piece`` wrapped at ``width`` as lines ``start:stop`` of ``blpara``, which were broken
    at that width already: what ReportLab's wrap would compute, without breaking them again.
    Only for lines after the first or a piece that keeps the first line's indent."""
    style = piece.style
    piece.width = width
    piece._wrapWidths = [width - style.leftIndent - style.firstLineIndent - style.rightIndent,
                         width - style.leftIndent - style.rightIndent]
    lines = blpara.lines[start:stop]
    if lines and hasattr(lines[0], "sFW"):  # lines index the fragments: the piece has its own
        base = lines[0].sFW
        lines = [line.clone(sFW=line.sFW - base) for line in lines]
    piece.blPara = blpara.clone(lines=lines)
    piece.height = (stop - start) * style.leading
    piece._wrapped_at = width
    piece._prewrapped = True
    return piece


def _copy(para, style, frags, keep_outline: bool):
    from pipeline.writers.pdf.flowables import Marked

    if isinstance(para, Marked):
        return Marked(None, style, frags=frags, outline=para._outline if keep_outline else None,
                      offset=para._offset)
    return type(para)(None, style, frags=frags)
