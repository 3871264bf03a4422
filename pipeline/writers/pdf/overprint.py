"""Overprint of 100 % black: text and rules in pure K print over what is under them."""

from __future__ import annotations

# One ExtGState per (fill overprints, stroke overprints); each names both flags, since a
# missing /op takes the value of /OP. OPM 1: zero components leave the inks below alone.
NAMES = {(f, s): f"OP{int(f)}{int(s)}" for f in (False, True) for s in (False, True)}


def is_black(color) -> bool:
    """True for 100 % K and no other ink (the colour that should overprint)."""
    try:
        d = getattr(color, "density", 1)
        c, m, y, k = (d * color.cyan, d * color.magenta, d * color.yellow, d * color.black)
    except AttributeError:
        return False
    return c == m == y == 0 and k >= 0.999


def resources() -> dict:
    """The four ExtGState dictionaries, by resource name."""
    from reportlab.pdfbase import pdfdoc

    return {name: pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("ExtGState"), "op": "true" if f else "false",
        "OP": "true" if s else "false", "OPM": 1}) for (f, s), name in NAMES.items()}


def operator(state: list[bool]) -> str:
    return f"/{NAMES[(state[0], state[1])]} gs"


def text_object_class():
    """A ReportLab text object that sets overprint with every colour it sets."""
    from reportlab.pdfgen.textobject import PDFTextObject

    class OverprintText(PDFTextObject):
        def setFillColor(self, aColor, alpha=None):
            super().setFillColor(aColor, alpha)
            self._canvas._overprint[0] = is_black(aColor)
            self._code.append(operator(self._canvas._overprint))

        def setStrokeColor(self, aColor, alpha=None):
            super().setStrokeColor(aColor, alpha)
            self._canvas._overprint[1] = is_black(aColor)
            self._code.append(operator(self._canvas._overprint))

    return OverprintText
