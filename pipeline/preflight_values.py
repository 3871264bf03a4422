"""What content-stream operands mean for print: colour spaces, colour values and their inks,
and what a font dictionary says of its weight."""

from __future__ import annotations

import pikepdf
from pikepdf import Name

DEVICE = {"/DeviceRGB": "DeviceRGB", "/RGB": "DeviceRGB", "/DeviceCMYK": "DeviceCMYK",
          "/CMYK": "DeviceCMYK", "/DeviceGray": "DeviceGray", "/G": "DeviceGray",
          "/Pattern": "Pattern"}
RGB_SPACES = {"DeviceRGB", "ICC RGB", "CalRGB"}
# Operators that set a colour in the space they name (or in the current one).
def colour_space(cs, resources=None, depth: int = 0) -> str:
    """A short family name for a colour space object or resource name."""
    if depth > 4 or cs is None:
        return "unknown"
    if isinstance(cs, Name):
        key = str(cs)
        if key in DEVICE:
            return DEVICE[key]
        named = _named(resources, cs)
        return colour_space(named, None, depth + 1) if named is not None else f"unknown {key}"
    if isinstance(cs, pikepdf.Array) and len(cs):
        family = str(cs[0])
        if family == "/ICCBased":
            n = int(cs[1].get("/N", 0))
            return {1: "ICC Gray", 3: "ICC RGB", 4: "ICC CMYK"}.get(n, f"ICC {n}-channel")
        if family in ("/Indexed", "/I"):
            return f"Indexed {colour_space(cs[1], resources, depth + 1)}"
        if family == "/Separation":
            return f"Separation {str(cs[1])[1:]}"
        if family == "/DeviceN":
            return "DeviceN"
        if family == "/Pattern":
            return "Pattern"
        if family in ("/CalRGB", "/CalGray", "/Lab"):
            return family[1:]
        return colour_space(cs[0], resources, depth + 1)
    return "unknown"


def is_rgb(space: str) -> bool:
    return space in RGB_SPACES or space.removeprefix("Indexed ") in RGB_SPACES


def _named(resources, name):
    try:
        return resources["/ColorSpace"][name]
    except (KeyError, TypeError, AttributeError, ValueError):
        return None


def colour_value(space: str, operands, resources=None) -> tuple:
    """The colour an operator sets, as ("cmyk", c, m, y, k), ("gray", g), ("sep", name, t)."""
    try:
        values = [float(v) for v in operands if not isinstance(v, Name)]
    except (TypeError, ValueError):
        return ("other", space)
    if space in ("DeviceCMYK", "ICC CMYK") and len(values) == 4:
        return ("cmyk", *(round(v, 4) for v in values))
    if space in ("DeviceGray", "ICC Gray", "CalGray") and len(values) == 1:
        return ("gray", round(values[0], 4))
    if space.startswith("Separation ") and len(values) == 1:
        return ("sep", space.removeprefix("Separation "), round(values[0], 4))
    return ("other", space)


def inks_of(colour: tuple) -> int:
    """How many printing inks a colour uses (0: paper colour, text reversed out)."""
    kind = colour[0]
    if kind == "cmyk":
        return sum(v > 0.005 for v in colour[1:])
    if kind == "gray":
        return int(colour[1] < 0.995)
    if kind == "sep":
        return 0 if colour[2] <= 0.005 or colour[1] == "None" else \
            4 if colour[1] == "All" else 1
    return 1 if kind == "other" and colour[1] == "stencil mask" else -1  # unknown


def font_facts(font) -> tuple[str, bool]:
    name = str(font.get("/BaseFont", "/?"))[1:]
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        try:
            descriptor = font.DescendantFonts[0].get("/FontDescriptor")
        except (IndexError, TypeError, AttributeError):
            descriptor = None
    weight = 0
    try:
        weight = int(descriptor.get("/FontWeight", 0)) if descriptor is not None else 0
    except (TypeError, ValueError):
        weight = 0
    plain = name.split("+", 1)[-1].lower()
    bold = weight >= 600 or any(w in plain for w in ("bold", "black", "heavy", "semibold"))
    return name, bold
