"""Bundled Noto fonts registered with ReportLab on first use, one TrueType file per face."""

from __future__ import annotations

from pipeline.fonts import FAMILIES, font_file, style_name

_registered: set[str] = set()


def face(family: str, bold: bool = False, italic: bool = False) -> str:
    """ReportLab font name of a bundled face (``NotoSerif-Bold``), registering it if new."""
    style = style_name(bold, italic)
    name = f"{FAMILIES[family]}-{style}"
    if name not in _registered:
        from reportlab.pdfbase import pdfmetrics

        font = _hashed_subsets_class()(name, str(font_file(family, style)))
        pdfmetrics.registerFont(font)
        # ReportLab hands a name the font already registered for the same face (a caller's
        # own TTFont of this file), which would name subsets AAAAAA+: ours it must be.
        pdfmetrics._fonts[name] = font
        _registered.add(name)
    return name


def subset_prefix(face_name: bytes, subset) -> bytes:
    """Six capitals from a hash of the face and its subset's characters: the same glyph set
    gets the same name in every file, a different set a different name (ReportLab would
    call every first subset AAAAAA+, so two files' different subsets could collide in a
    RIP's font cache)."""
    import hashlib

    digest = hashlib.sha256(face_name + b"\0" + ",".join(map(str, subset)).encode()).digest()
    return bytes(65 + b % 26 for b in digest[:6])


def _hashed_subsets_class():
    from reportlab.pdfbase import ttfonts

    class HashedSubsetTTFont(ttfonts.TTFont):
        """A TrueType font whose subsets are named by a hash of their contents."""

        def addObjects(self, doc):
            state = self.state.get(doc)
            subsets = state.subsets if state is not None else []
            plain = ttfonts.SUBSETN
            ttfonts.SUBSETN = lambda n, *a: subset_prefix(self.face.name, subsets[n])
            try:
                return super().addObjects(doc)
            finally:
                ttfonts.SUBSETN = plain

    return HashedSubsetTTFont


def prepare_shaping(family: str) -> None:
    """Ready every face of a family for HarfBuzz shaping. ReportLab maps glyphs that have no
    character (Vietnamese alternates from the font's `locl` feature) through the face the
    run uses, and that face must have been opened for shaping first."""
    from reportlab.pdfbase import pdfmetrics

    for bold in (False, True):
        for italic in (False, True):
            pdfmetrics.getFont(face(family, bold, italic)).hbFont()
