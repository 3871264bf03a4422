"""Layout definitions (templates/*.yaml): page geometry, fonts, CMYK colours, named styles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.errors import Diagnostic, UserError, display_path
from pipeline.fonts import FAMILIES
from pipeline.yamlload import LoadError, load

_HERE = Path(__file__).resolve().parent
# Installed wheels carry templates/ inside the package; a source checkout has it at the root.
DEFAULT_DIRS = tuple(d for d in (_HERE / "templates", _HERE.parent / "templates") if d.is_dir())[:1]

UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)\s*$")
_EMS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*em\s*$")

# Style properties and how to read them.
STYLE_PROPS = {
    "parent": "name", "font": "font", "size": "length", "leading": "length", "bold": "bool",
    "italic": "bool", "color": "color", "align": "align", "space_before": "length",
    "space_after": "length", "first_indent": "length", "left_indent": "length",
    "keep_with_next": "bool", "caps": "bool", "hyphenate": "bool", "kerning": "bool",
}
ALIGNS = ("left", "right", "center", "justify")
REQUIRED_STYLES = ("Body Text", "Answer", "Question", "Speaker", "Title", "Kicker", "Lead",
                   "Interviewee", "Byline", "Caption", "Credit", "Pull Quote", "Heading 1",
                   "Header", "Footer", "Masthead", "Masthead Info")
DEFAULT_STYLE = {"font": "text", "size": 10.0, "leading": 12.0, "bold": False, "italic": False,
                 "color": "ink", "align": "left", "space_before": 0.0, "space_after": 0.0,
                 "first_indent": 0.0, "left_indent": 0.0, "keep_with_next": False,
                 "caps": False, "hyphenate": False, "kerning": False}


@dataclass(frozen=True)
class Style:
    """A resolved paragraph/character style: family name, points, CMYK 0..1."""

    name: str
    family: str
    size: float
    leading: float
    bold: bool
    italic: bool
    color: tuple[float, float, float, float]
    align: str
    space_before: float
    space_after: float
    first_indent: float
    left_indent: float
    keep_with_next: bool
    caps: bool
    hyphenate: bool
    kerning: bool = False  # shape with HarfBuzz: the font's kerning and mark positioning


@dataclass(frozen=True)
class PrintRules:
    """Rules a print shop holds the pages to (points)."""

    safety: float = 5 * UNITS["mm"]  # no ink this close to the trim but bleeding backgrounds
    single_ink_below: float = 12.0  # text smaller than this is set in one ink
    reversed_min: float = 10.0  # text reversed out of a tint: at least this size, and bold


@dataclass(frozen=True)
class Justify:
    """How justified paragraphs are set (pipeline/writers/pdf/linebreak.py). A line may move
    from its natural width by its word spaces (``stretch``, ``shrink``: fractions of a
    space) and its glyphs (``expand``: horizontal scaling either way, at most 2 %), shared
    in proportion; ``tolerance``: the largest stretch ratio accepted while any breaking
    stays within it (1 = all the stretch used); ``min_last``: fewest words (Vietnamese:
    syllables) on a paragraph's last line, while any breaking allows it;
    ``word_break_penalty``: what a line break inside a Vietnamese word of several syllables
    costs ("Đổi / mới"; TeX's penalty scale: 50 is its hyphen's; 0: no segmentation);
    ``letter_space``: for a line whose word spaces would print wider than all their
    stretch (the text left no better breaking), the most space added after each letter to
    take the rest, a share of the type size (0: never)."""

    stretch: float = 0.35
    shrink: float = 0.25
    expand: float = 0.02
    tolerance: float = 1.5
    min_last: int = 2
    word_break_penalty: int = 50
    letter_space: float = 0.0


MAX_EXPAND = 0.02  # glyph scaling beyond this shows
MAX_LETTER_SPACE = 0.05  # letters spaced wider than this (of the type size) read as gaps


@dataclass(frozen=True)
class MakeUp:
    """How pages are made up (pipeline/writers/pdf): ``grid``: body lines on a baseline grid
    of the body leading; ``figure_min_scale``: a photo may be scaled down to this share of
    the column width to keep pages full or save a page; ``last_page_min``: the last page is
    at least this full, or the document is made a page shorter; ``pad_with``: what pads a
    document to ``pad_pages_to`` pages (``notes``: lined "Ghi chú" pages; ``blank``);
    ``indent``: on the grid, the first-line indent of Body Text paragraphs, in ems of its
    size, which then have no space between them (space would break the grid);
    ``lead_across``: a photo that opens the interview may be set across the columns under
    the head when the last page would otherwise stay under ``last_page_min``."""

    grid: bool = True
    indent: float = 1.0
    figure_min_scale: float = 0.6
    last_page_min: float = 1 / 3
    pad_with: str = "notes"
    lead_across: bool = False


PAD_KINDS = ("notes", "blank")


@dataclass(frozen=True)
class Running:
    text: str  # Jinja2 template
    from_page: int


@dataclass
class Layout:
    name: str
    path: Path
    description: str
    width: float
    height: float
    bleed: float
    margin: dict[str, float]  # top, bottom, inside, outside (points)
    columns: int
    gutter: float
    pad_pages_to: int
    booklet: bool
    fonts: dict[str, str]
    colors: dict[str, tuple[float, float, float, float]]
    styles: dict[str, Style]
    header: Running | None
    footer: Running | None
    masthead: dict | None
    raw: dict = field(repr=False, default_factory=dict)
    image_ppi: int = 300  # photos are downsampled to this resolution, never enlarged
    print: PrintRules = field(default_factory=PrintRules)
    justify: Justify = field(default_factory=Justify)
    makeup: MakeUp = field(default_factory=MakeUp)

    def style(self, name: str) -> Style:
        return self.styles[name]


def available(dirs: tuple[Path, ...] = ()) -> dict[str, Path]:
    """Layout name -> file, later folders overriding earlier ones (built-ins first)."""
    found: dict[str, Path] = {}
    for folder in (*DEFAULT_DIRS, *dirs):
        for path in sorted(Path(folder).glob("*.yaml")):
            found[path.stem] = path
    return found


@lru_cache(maxsize=16)
def load_layout(path: Path) -> Layout:
    """Read and check one layout file; errors are FILE:LINE:COL like source errors."""
    name = display_path(path)
    try:
        located = load(path.read_bytes(), name)
    except LoadError as exc:
        raise UserError(exc.diagnostics) from None
    return _Reader(path, name, located).layout()


class _Reader:
    def __init__(self, path, name, located):
        self.path, self.name, self.loc = path, name, located
        self.errors: list[Diagnostic] = []

    def fail(self, keypath: tuple, message: str):
        line, col = self.loc.value_pos(keypath)
        self.errors.append(Diagnostic(self.name, line, col, message))

    def get(self, data, keypath: tuple, default=None):
        value = data
        for key in keypath:
            if not isinstance(value, dict) or key not in value:
                return default
            value = value[key]
        return value

    def length(self, value, keypath) -> float:
        match = _LENGTH.match(value) if isinstance(value, str) else None
        if not match:
            self.fail(keypath, f"`{value}` is not a length; write a number with a unit: "
                      "12mm, 9.5pt, 1.2cm or 0.5in")
            return 0.0
        return float(match.group(1)) * UNITS[match.group(2)]

    def integer(self, value, keypath, low=1) -> int:
        if not (isinstance(value, str) and value.isdigit() and int(value) >= low):
            self.fail(keypath, f"`{value}` must be a whole number of at least {low}")
            return low
        return int(value)

    def layout(self) -> Layout:
        d = self.loc.data
        if not isinstance(d, dict):
            raise UserError.at(self.name, 1, 1, "a layout file must be a mapping of keys")
        g = lambda *k, default=None: self.get(d, k, default)  # noqa: E731
        colors = {}
        for cname, value in (g("colors") or {}).items():
            colors[cname] = self.cmyk(value, ("colors", cname))
        fonts = {}
        for role, family in (g("fonts") or {}).items():
            if family not in FAMILIES:
                self.fail(("fonts", role), f"font `{family}` is not bundled; use one of: "
                          f"{', '.join(FAMILIES)}")
            fonts[role] = family
        margin = {side: self.length(g("page", "margin", side, default="15mm"),
                                    ("page", "margin", side))
                  for side in ("top", "bottom", "inside", "outside")}
        layout = Layout(
            name=str(g("name", default=self.path.stem)),
            path=self.path,
            description=str(g("description", default="")),
            width=self.length(g("page", "width", default="210mm"), ("page", "width")),
            height=self.length(g("page", "height", default="297mm"), ("page", "height")),
            bleed=self.length(g("page", "bleed", default="0mm"), ("page", "bleed")),
            margin=margin,
            columns=self.integer(g("columns", default="1"), ("columns",)),
            gutter=self.length(g("gutter", default="0mm"), ("gutter",)),
            pad_pages_to=self.integer(g("pad_pages_to", default="1"), ("pad_pages_to",)),
            booklet=g("booklet", default="false") == "true",
            fonts=fonts,
            colors=colors,
            styles={},
            header=self.running(g("header"), "header"),
            footer=self.running(g("footer"), "footer"),
            masthead=g("masthead"),
            raw=d,
            image_ppi=self.integer(g("image_ppi", default="300"), ("image_ppi",), low=72),
        )
        layout.print = PrintRules(
            safety=self.length(g("print", "safety", default="5mm"), ("print", "safety")),
            single_ink_below=self.length(g("print", "single_ink_below", default="12pt"),
                                         ("print", "single_ink_below")),
            reversed_min=self.length(g("print", "reversed_min", default="10pt"),
                                     ("print", "reversed_min")))
        layout.justify = self.justify(g("justify"))
        layout.makeup = self.makeup(g("makeup"))
        layout.styles = self.styles(g("styles") or {}, layout)
        self.colour_rules(layout)
        if self.errors:
            raise UserError(self.errors)
        return layout

    def colour_rules(self, layout: Layout) -> None:
        """Small text in one ink (registration), reversed text big and bold enough."""
        rules = layout.print
        for name, style in layout.styles.items():
            inks = sum(v > 0 for v in style.color)
            where = ("styles", name, "color") if "color" in (self.get(self.loc.data, (
                "styles", name)) or {}) else ("styles", name)
            if inks > 1 and style.size < rules.single_ink_below:
                self.fail(where, f"{name} is {style.size:g} pt text in {inks} inks; text under "
                          f"{rules.single_ink_below:g} pt must be one ink (a misregistered "
                          "press blurs it): give it a colour with one ink, such as "
                          "[0, 0, 0, 100] or [100, 0, 0, 0]")
            if inks == 0 and (style.size < rules.reversed_min or not style.bold):
                self.fail(where, f"{name} is reversed (paper-coloured) text at "
                          f"{style.size:g} pt{'' if style.bold else ', not bold'}; text reversed "
                          f"out of a tint must be at least {rules.reversed_min:g} pt and bold")

    def cmyk(self, value, keypath) -> tuple[float, float, float, float]:
        try:
            parts = tuple(float(v) / 100 for v in value)
            if len(parts) != 4 or not all(0 <= p <= 1 for p in parts):
                raise ValueError
            return parts
        except (TypeError, ValueError):
            self.fail(keypath, "a colour is four CMYK percentages, for example [100, 72, 0, 18]")
            return (0.0, 0.0, 0.0, 1.0)

    def justify(self, raw) -> Justify:
        if raw is None:
            return Justify()
        if not isinstance(raw, dict):
            self.fail(("justify",), "`justify:` is a mapping: word_space_stretch, "
                      "word_space_shrink, glyph_scale, tolerance, letter_space, last_line_words, "
                      "word_break_penalty")
            return Justify()
        known = {"word_space_stretch": ("stretch", 5.0), "word_space_shrink": ("shrink", 0.9),
                 "glyph_scale": ("expand", MAX_EXPAND), "tolerance": ("tolerance", 100.0),
                 "letter_space": ("letter_space", MAX_LETTER_SPACE)}
        values = {}
        for key, value in raw.items():
            path = ("justify", key)
            if key == "last_line_words":
                values["min_last"] = self.integer(value, path)
            elif key == "word_break_penalty":
                values["word_break_penalty"] = min(self.integer(value, path, low=0), 10_000)
            elif key in known:
                name, most = known[key]
                values[name] = self.share(value, path, most)
            else:
                self.fail(path, f"unknown key `{key}` under `justify:`; known: "
                          f"{', '.join([*known, 'last_line_words', 'word_break_penalty'])}")
        return Justify(**values)

    def makeup(self, raw) -> MakeUp:
        if raw is None:
            return MakeUp()
        keys = ("baseline_grid", "paragraph_indent", "figure_min_scale", "last_page_min",
                "pad_with", "lead_photo_across")
        if not isinstance(raw, dict):
            self.fail(("makeup",), f"`makeup:` is a mapping: {', '.join(keys)}")
            return MakeUp()
        values = {}
        for key, value in raw.items():
            path = ("makeup", key)
            if key in ("baseline_grid", "lead_photo_across"):
                if value not in ("true", "false"):
                    self.fail(path, f"`{value}` must be true or false")
                values["grid" if key == "baseline_grid" else "lead_across"] = value == "true"
            elif key == "paragraph_indent":
                match = _EMS.match(str(value))
                if match is None:
                    self.fail(path, f"`{value}` is not an indent in ems; write one like 1em "
                              "(0em: none)")
                else:
                    values["indent"] = float(match.group(1))
            elif key == "figure_min_scale":
                values["figure_min_scale"] = self.share(value, path, 1.0) or 1.0
            elif key == "last_page_min":
                values["last_page_min"] = self.share(value, path, 1.0)
            elif key == "pad_with":
                if value not in PAD_KINDS:
                    self.fail(path, f"`{value}` is not a kind of padding page; use one of: "
                              f"{', '.join(PAD_KINDS)}")
                else:
                    values["pad_with"] = value
            else:
                self.fail(path, f"unknown key `{key}` under `makeup:`; known: {', '.join(keys)}")
        return MakeUp(**values)

    def share(self, value, keypath, most: float) -> float:
        """A percentage (``50%``) or a plain number (``1.5``) from 0 to ``most``."""
        text = str(value).strip()
        try:
            number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
        except ValueError:
            number = -1.0
        if not 0 <= number <= most:
            self.fail(keypath, f"`{value}` must be a percentage from 0% to {most:.0%}"
                      if most <= 1 else f"`{value}` must be a number from 0 to {most:g}")
            return 0.0
        return number

    def running(self, value, key) -> Running | None:
        if not isinstance(value, dict) or not value.get("text"):
            return None
        return Running(value["text"], self.integer(value.get("from_page", "1"), (key, "from_page")))

    def styles(self, raw: dict, layout: Layout) -> dict[str, Style]:
        missing = [name for name in REQUIRED_STYLES if name not in raw]
        if missing:
            self.fail(("styles",), f"{len(missing)} style(s) missing: {', '.join(missing)}; "
                      "every layout defines each of these (copy them from newsletter.yaml)")
        resolved: dict[str, dict] = {}

        def resolve(name: str, seen: tuple = ()) -> dict:
            if name in resolved:
                return resolved[name]
            props = raw.get(name) or {}
            parent = props.get("parent")
            base = dict(DEFAULT_STYLE)
            if parent:
                if parent not in raw or parent in seen:
                    self.fail(("styles", name, "parent"), f"parent style `{parent}` is unknown "
                              "or makes a loop")
                else:
                    base = dict(resolve(parent, seen + (name,)))
            for prop, value in props.items():
                kind = STYLE_PROPS.get(prop)
                path = ("styles", name, prop)
                if kind is None:
                    self.fail(path, f"unknown style property `{prop}`; known: "
                              f"{', '.join(STYLE_PROPS)}")
                elif kind == "length":
                    base[prop] = self.length(value, path)
                elif kind == "bool":
                    base[prop] = value == "true"
                elif kind == "align":
                    if value not in ALIGNS:
                        self.fail(path, f"align must be one of {', '.join(ALIGNS)}")
                    base[prop] = value
                elif kind in ("font", "color"):
                    table = layout.fonts if kind == "font" else layout.colors
                    if value not in table:
                        self.fail(path, f"{kind} `{value}` is not defined under `{kind}s:`")
                    base[prop] = value
            resolved[name] = base
            return base

        out = {}
        for name in raw:
            p = resolve(name)
            out[name] = Style(
                name=name, family=layout.fonts.get(p["font"], "Noto Serif"),
                size=p["size"], leading=p["leading"], bold=p["bold"], italic=p["italic"],
                color=layout.colors.get(p["color"], (0.0, 0.0, 0.0, 1.0)), align=p["align"],
                space_before=p["space_before"], space_after=p["space_after"],
                first_indent=p["first_indent"], left_indent=p["left_indent"],
                keep_with_next=p["keep_with_next"], caps=p["caps"], hyphenate=p["hyphenate"],
                kerning=p["kerning"])
        return out
