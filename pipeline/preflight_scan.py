"""Content-stream walk for preflight: colours, fonts that show text, and placed images."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Dictionary, Name

from pipeline.preflight_values import colour_space, colour_value, font_facts

IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 24
# Parsed instructions take about 1 kB each in Python: a content stream is walked only up to
# this many decoded bytes (the pipeline's own pages hold well under 0.2 MB).
MAX_CONTENT_BYTES = 2_000_000
FIXED_COLOUR_OPS = {"rg": "DeviceRGB", "RG": "DeviceRGB", "k": "DeviceCMYK", "K": "DeviceCMYK",
                    "g": "DeviceGray", "G": "DeviceGray"}
SHOW_TEXT = {"Tj", "TJ", "'", '"'}


@dataclass(frozen=True)
class ImageUse:
    label: str  # "image /Im0", "inline image"
    pixels: tuple[int, int]
    size_pt: tuple[float, float]
    ppi: float  # the lower of the horizontal and vertical effective resolutions
    space: str


@dataclass(frozen=True)
class InkUse:
    """Text shown or a line stroked: its colour, size and whether it overprints."""

    kind: str  # "text" | "rule"
    colour: tuple  # ("cmyk", c, m, y, k) | ("gray", g) | ("sep", name, tint) | ("other", space)
    size: float  # text: effective font size in points; rules: line width
    font: str  # BaseFont of the text's font ("" for rules)
    bold: bool
    overprint: bool  # the paint overprints (op/OP true)
    mode: int  # overprint mode (OPM)


@dataclass
class PageScan:
    """What one page's content streams (and the forms they draw) use."""

    spaces: dict[str, str] = field(default_factory=dict)  # space -> first use ("rg", "image /Im0")
    fonts: dict[tuple, Dictionary] = field(default_factory=dict)  # objgen/name -> font dict
    images: list[ImageUse] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # unreadable streams and the like
    inks: set[InkUse] = field(default_factory=set)  # text and rules, each kind once
    unchecked: list[str] = field(default_factory=list)  # what was too large to walk

    def use(self, space: str, how: str) -> None:
        self.spaces.setdefault(space, how)


def concat(m, n):
    """The matrix product m x n, PDF style (apply m, then n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _lookup(resources, category: str, name):
    try:
        return resources[category][name]
    except (KeyError, TypeError, AttributeError, ValueError):
        return None


def content_size(obj) -> int:
    """Decoded bytes of a page's or form's content, reading no further than the limit."""
    import zlib

    streams = obj.obj.get("/Contents") if isinstance(obj, pikepdf.Page) else obj
    if isinstance(streams, pikepdf.Stream):
        streams = [streams]
    total = 0
    for stream in streams if isinstance(streams, (list, pikepdf.Array)) else []:
        if not isinstance(stream, pikepdf.Stream):
            continue
        filters = stream.get("/Filter")
        if filters is None:
            total += len(stream.read_raw_bytes())
        elif filters == pikepdf.Name.FlateDecode or (
                isinstance(filters, pikepdf.Array) and list(filters) == [pikepdf.Name.FlateDecode]):
            inflater = zlib.decompressobj()
            try:
                total += len(inflater.decompress(stream.read_raw_bytes(),
                                                 MAX_CONTENT_BYTES + 1 - total))
            except zlib.error:
                pass  # parse_content_stream reports the damage
        else:
            total += len(stream.read_bytes())
        if total > MAX_CONTENT_BYTES:
            break
    return total


def _objkey(obj) -> tuple:
    return obj.objgen if getattr(obj, "is_indirect", False) else ("direct", id(obj))


def _number(value, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


class _Walker:
    def __init__(self, scan: PageScan):
        self.scan = scan
        self.fonts: dict[tuple, tuple[str, bool]] = {}

    def walk(self, stream, resources, ctm, depth: int = 0, seen: tuple = (),
             inherited: dict | None = None) -> None:
        if depth > MAX_DEPTH:
            self.scan.problems.append("forms nest too deeply to follow")
            return
        try:
            size = content_size(stream)
            if size > MAX_CONTENT_BYTES:
                self.scan.unchecked.append(
                    f"a content stream of more than {MAX_CONTENT_BYTES // 1_000_000} MB is not "
                    "checked for colours, fonts and images")
                return
            instructions = pikepdf.parse_content_stream(stream)
        except pikepdf.PdfError as exc:
            self.scan.problems.append(f"content stream cannot be read ({exc})")
            return
        stack = []
        state = {"ctm": ctm, "fill": "DeviceGray", "stroke": "DeviceGray", "font": None,
                 "fill_value": ("gray", 0.0), "stroke_value": ("gray", 0.0), "size": 0.0,
                 "tm": IDENTITY, "op": False, "OP": False, "OPM": 0, "Tr": 0, "lw": 1.0}
        if inherited:  # a form starts with the graphics state it is drawn in
            state.update({k: v for k, v in inherited.items() if k not in ("ctm", "tm")})
        for operands, op in instructions:
            op = str(op)
            if op == "q":
                stack.append(dict(state))
            elif op == "Q":
                if stack:
                    state = stack.pop()
            elif op == "cm" and len(operands) == 6:
                state["ctm"] = concat(tuple(_number(v) for v in operands), state["ctm"])
            elif op in FIXED_COLOUR_OPS:
                self.scan.use(FIXED_COLOUR_OPS[op], f"`{op}` operator")
                key = "fill" if op.islower() else "stroke"
                state[key] = FIXED_COLOUR_OPS[op]
                state[key + "_value"] = colour_value(FIXED_COLOUR_OPS[op], operands)
            elif op in ("cs", "CS") and operands:
                space = colour_space(operands[0], resources)
                key = "fill" if op == "cs" else "stroke"
                state[key] = space
                state[key + "_value"] = colour_value(
                    space, [0, 0, 0, 1] if "CMYK" in space else [0] if "Gray" in space else [1])
                self.scan.use(space, f"`{operands[0]} {op}`")
            elif op in ("sc", "scn", "SC", "SCN"):
                key = "fill" if op.islower() else "stroke"
                space = state[key]
                if space == "Pattern" and operands and isinstance(operands[-1], Name):
                    self.pattern(operands[-1], resources, depth, seen)
                else:
                    self.scan.use(space, f"`{op}` operator")
                    state[key + "_value"] = colour_value(space, operands)
            elif op == "gs" and operands:
                self.graphics_state(_lookup(resources, "/ExtGState", operands[0]), state)
            elif op == "BT":
                state["tm"] = IDENTITY
            elif op == "Tm" and len(operands) == 6:
                state["tm"] = tuple(_number(v) for v in operands)
            elif op == "Tr" and operands:
                state["Tr"] = int(_number(operands[0]))
            elif op == "w" and operands:
                state["lw"] = _number(operands[0], 1.0)
            elif op in ("S", "s", "B", "B*", "b", "b*"):
                a, b, c, d, _, _ = state["ctm"]
                width = state["lw"] * math.sqrt(abs(a * d - b * c))
                self.scan.inks.add(InkUse("rule", state["stroke_value"], round(width, 2), "",
                                          False, state["OP"], state["OPM"]))
            elif op == "sh" and operands:
                shading = _lookup(resources, "/Shading", operands[0])
                if shading is not None:
                    self.scan.use(colour_space(shading.get("/ColorSpace"), resources),
                                  f"shading {operands[0]}")
            elif op == "Tf" and operands:
                state["font"] = operands[0]
                state["size"] = _number(operands[-1]) if len(operands) > 1 else 0.0
            elif op in SHOW_TEXT and state["font"] is not None:
                font = _lookup(resources, "/Font", state["font"])
                if font is not None:
                    self.scan.fonts.setdefault(_objkey(font), font)
                    self.text(font, state)
            elif op == "Do" and operands:
                self.xobject(operands[0], resources, state["ctm"], depth, seen, state)
            elif op == "INLINE IMAGE" and operands:
                image = operands[0].obj
                self.image("inline image", image, resources, state["ctm"])

    def graphics_state(self, params, state) -> None:
        if not isinstance(params, Dictionary):
            return
        if "/OP" in params:
            state["OP"] = bool(params.OP)
            if "/op" not in params:
                state["op"] = state["OP"]
        if "/op" in params:
            state["op"] = bool(params.op)
        if "/OPM" in params:
            state["OPM"] = int(_number(params.OPM))
        if "/LW" in params:
            state["lw"] = _number(params.LW, 1.0)

    def text(self, font, state) -> None:
        if state["Tr"] in (3, 7) or not isinstance(font, Dictionary):  # invisible: OCR layers
            return
        key = _objkey(font)
        if key not in self.fonts:
            self.fonts[key] = font_facts(font)
        name, bold = self.fonts[key]
        a, b, c, d, _, _ = concat(state["tm"], state["ctm"])
        size = abs(state["size"]) * math.sqrt(abs(a * d - b * c))
        stroked = state["Tr"] in (1, 5)
        colour = state["stroke_value" if stroked else "fill_value"]
        overprint = state["OP" if stroked else "op"]
        self.scan.inks.add(InkUse("text", colour, round(size, 2), name, bold, overprint,
                                  state["OPM"]))

    def xobject(self, name, resources, ctm, depth, seen, state=None) -> None:
        xobj = _lookup(resources, "/XObject", name)
        if xobj is None:
            return
        subtype = xobj.get("/Subtype")
        if subtype == Name.Image:
            self.image(f"image {name}", xobj, resources, ctm)
        elif subtype == Name.Form:
            key = _objkey(xobj)
            if key in seen:
                return
            matrix = tuple(_number(v) for v in xobj.get("/Matrix", IDENTITY))
            self.walk(xobj, xobj.get("/Resources", resources), concat(matrix, ctm),
                      depth + 1, seen + (key,), state)

    def pattern(self, name, resources, depth, seen) -> None:
        pattern = _lookup(resources, "/Pattern", name)
        if pattern is None:
            return
        if int(pattern.get("/PatternType", 0)) == 2:
            shading = pattern.get("/Shading")
            if shading is not None:
                self.scan.use(colour_space(shading.get("/ColorSpace"), resources),
                              f"shading pattern {name}")
        elif isinstance(pattern, pikepdf.Stream) and _objkey(pattern) not in seen:
            matrix = tuple(float(v) for v in pattern.get("/Matrix", IDENTITY))
            self.walk(pattern, pattern.get("/Resources", resources), matrix, depth + 1,
                      seen + (_objkey(pattern),))

    def image(self, label, image, resources, ctm) -> None:
        if image.get("/ImageMask", False):
            space = "stencil mask"
        elif "/ColorSpace" in image:
            space = colour_space(image.ColorSpace, resources)
        else:
            space = "embedded (JPX)"
        self.scan.use(space, label)
        width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
        a, b, c, d, _, _ = ctm
        w_pt, h_pt = math.hypot(a, b), math.hypot(c, d)
        if not (width and height and w_pt > 1e-6 and h_pt > 1e-6):
            return
        ppi = min(width * 72 / w_pt, height * 72 / h_pt)
        self.scan.images.append(ImageUse(label, (width, height),
                                         (w_pt, h_pt), ppi, space))


def scan_page(page: pikepdf.Page) -> PageScan:
    """Walk the page's content and the appearance of every annotation that prints."""
    scan = PageScan()
    resources = page.obj.get("/Resources", Dictionary())
    walker = _Walker(scan)
    walker.walk(page, resources, IDENTITY)
    for annot in page.obj.get("/Annots", []):
        appearance = annot.get("/AP", {}).get("/N")
        if isinstance(appearance, pikepdf.Stream) and int(annot.get("/F", 0)) & 4:
            walker.walk(appearance, appearance.get("/Resources", resources),
                        _appearance_matrix(appearance, annot), 1)
    return scan


def _appearance_matrix(form, annot):
    """The form's Matrix, then the fit of its transformed BBox onto the annotation's Rect."""
    matrix = tuple(float(v) for v in form.get("/Matrix", IDENTITY))
    try:
        x0, y0, x1, y1 = (float(v) for v in form.BBox)
        rx0, ry0, rx1, ry1 = (float(v) for v in annot.Rect)
    except (AttributeError, ValueError, TypeError):
        return matrix
    a, b, c, d, e, f = matrix
    corners = [(a * x + c * y + e, b * x + d * y + f) for x in (x0, x1) for y in (y0, y1)]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    if w <= 0 or h <= 0:
        return matrix
    sx, sy = abs(rx1 - rx0) / w, abs(ry1 - ry0) / h
    fit = (sx, 0.0, 0.0, sy, min(rx0, rx1) - min(xs) * sx, min(ry0, ry1) - min(ys) * sy)
    return concat(matrix, fit)
