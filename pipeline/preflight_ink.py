"""Preflight rules for ink on text and rules: one ink when small, reversed text big and bold,
100 % black overprinting."""

from __future__ import annotations

from pipeline.preflight_scan import InkUse
from pipeline.preflight_values import inks_of

SMALL_TEXT = 12.0  # points: smaller text is set in one ink
REVERSED_MIN = 10.0  # points: reversed text at least this size, and bold


def describe(colour: tuple) -> str:
    kind = colour[0]
    if kind == "cmyk":
        parts = [f"{letter}{round(v * 100)}" for letter, v in zip("CMYK", colour[1:]) if v > 0.005]
        return " ".join(parts) or "paper white (no ink)"
    if kind == "gray":
        return f"K{round((1 - colour[1]) * 100)}" if colour[1] < 0.995 else "paper white"
    if kind == "sep":
        return f"{colour[1]} {round(colour[2] * 100)} %"
    return str(colour[1])


def is_solid_black(colour: tuple) -> bool:
    if colour[0] == "cmyk":
        return colour[1] == colour[2] == colour[3] == 0 and colour[4] >= 0.995
    return colour[0] == "gray" and colour[1] <= 0.005


def check_inks(uses: set[InkUse], add, pdfx: bool) -> bool:
    """``add(severity, message)`` for each rule a text or rule breaks. Knocked-out black is an
    error in a PDF/X file (made for the press); elsewhere it is only returned (True), for one
    warning for the whole file."""
    knocks_out = False
    for use in sorted(uses, key=lambda u: (u.kind, u.size, u.font, u.colour)):
        inks = inks_of(use.colour)
        what = (f"{use.size:g} pt text ({use.font}, {describe(use.colour)})" if use.kind == "text"
                else f"{use.size:g} pt rule ({describe(use.colour)})")
        if use.kind == "text" and inks > 1 and use.size < SMALL_TEXT:
            add("error", f"{what} is printed in {inks} inks; text under {SMALL_TEXT:g} pt must "
                "use one ink, or the slightest misregistration blurs it")
        if use.kind == "text" and inks == 0 and (use.size < REVERSED_MIN or not use.bold):
            add("error", f"{what} is reversed out of the colour under it; reversed text must be "
                f"at least {REVERSED_MIN:g} pt and bold, or it fills in on press")
        if is_solid_black(use.colour) and not (use.overprint and use.mode == 1) \
                and use.colour[0] == "cmyk":
            knocks_out = True
            if pdfx:
                how = "with overprint mode 0" if use.overprint else "without overprint"
                add("error", f"{what} in 100 % black knocks out ({how}); a press wants black "
                    "text and rules to overprint (/OP and /op true, /OPM 1)")
    return knocks_out


def knockout_note(pages: list[int]) -> str:
    return (f"100 % black knocks out on {len(pages)} page(s): fine for an office printer; "
            "a press wants it to overprint (pipeline build --pdfx)")
