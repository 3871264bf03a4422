"""The font's kerning inside a word, from HarfBuzz, and text shown with it (TJ arrays)."""

from __future__ import annotations

_kerns: dict[tuple[str, str], tuple | None] = {}
_fonts: dict[str, object] = {}
_FEATURES = {"kern": True, "liga": False, "clig": False, "calt": False, "dlig": False}


def kerns(text: str, font_name: str) -> tuple | None:
    """Per character, the kerning after it in thousandths of an em (negative: closer), or
    None when there is none or HarfBuzz would do more than kern (substitute, move marks):
    such a word prints as its characters, unkerned."""
    key = (text, font_name)
    if key in _kerns:
        return _kerns[key]
    if len(_kerns) > 200_000:  # a long-running server: stay bounded
        _kerns.clear()
    _kerns[key] = found = _shape(text, font_name) if len(text) > 1 else None
    return found


def _shape(text: str, font_name: str) -> tuple | None:
    import uharfbuzz as hb

    font = _fonts.get(font_name)
    if font is None:
        from reportlab.pdfbase.pdfmetrics import getFont

        font = _fonts[font_name] = hb.Font(getFont(font_name).hbFace)
    buf = hb.Buffer()
    buf.add_codepoints([ord(c) for c in text])
    buf.guess_segment_properties()
    hb.shape(font, buf, _FEATURES)
    infos, positions = buf.glyph_infos, buf.glyph_positions
    if len(infos) != len(text):
        return None
    scale = 1000 / font.face.upem
    out, any_kern = [], False
    for i, (info, pos) in enumerate(zip(infos, positions)):
        if (info.cluster != i or pos.x_offset or pos.y_offset
                or font.get_nominal_glyph(ord(text[i])) != info.codepoint):
            return None
        k = (pos.x_advance - font.get_glyph_h_advance(info.codepoint)) * scale
        any_kern = any_kern or k != 0
        out.append(k)
    return tuple(out) if any_kern else None


def show(tx, text: str, adjust: list[float]) -> None:
    """Show ``text`` in the text object's font with ``adjust[i]`` (thousandths of an em)
    after character i: one TJ array per font subset, as ReportLab's own Tj would split."""
    from reportlab.lib.rl_accel import fp_str
    from reportlab.pdfbase.pdfmetrics import getFont

    canv = tx._canvas
    font, doc = getFont(tx._fontname), canv._doc
    i = 0
    for subset, chunk in font.splitString(text, doc):
        if subset != tx._curSubset:
            tx._code.append(f"{font.getSubsetInternalName(subset, doc)} "
                            f"{fp_str(tx._fontsize)} Tf {fp_str(tx._leading)} TL")
            tx._curSubset = subset
        parts, start = [], 0
        for j in range(len(chunk)):
            k = adjust[i + j]
            if k and i + j < len(text) - 1:  # none after the last: the line's end
                parts.append(f"({canv._escape(chunk[start:j + 1])}) {fp_str(-k)}")
                start = j + 1
        if start < len(chunk):
            parts.append(f"({canv._escape(chunk[start:])})")
        tx._code.append(f"[{' '.join(parts)}] TJ")
        i += len(chunk)
