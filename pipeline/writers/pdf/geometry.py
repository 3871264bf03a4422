"""Page geometry in points: trim, bleed, marks, type area, columns and photo sizes."""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.layouts import _LENGTH, UNITS, Layout

MM = 72 / 25.4
SLUG = 10 * MM  # room outside the bleed for crop marks
MASTHEAD_GAP = 6 * MM  # between the band and the kicker
MAX_FIGURE_SHARE = 0.62  # of the column height: a tall portrait is narrowed, not cropped


def _length(value, default: float) -> float:
    match = _LENGTH.match(str(value)) if value is not None else None
    return float(match.group(1)) * UNITS[match.group(2)] if match else default


@dataclass(frozen=True)
class Geometry:
    layout: Layout
    marks: bool

    @property
    def offset(self) -> float:
        """Distance from the MediaBox corner to the trim corner."""
        return self.layout.bleed + (SLUG if self.marks else 0)

    @property
    def media(self) -> tuple[float, float]:
        return (self.layout.width + 2 * self.offset, self.layout.height + 2 * self.offset)

    def box(self, grow: float) -> tuple[float, float, float, float]:
        o, L = self.offset, self.layout
        return (o - grow, o - grow, o + L.width + grow, o + L.height + grow)

    def text_area(self, page: int) -> tuple[float, float, float, float]:
        """x, y, width, height of the type area in trim coordinates (mirrored margins)."""
        L, m = self.layout, self.layout.margin
        left = m["inside"] if page % 2 else m["outside"]
        return (left, m["bottom"], L.width - m["inside"] - m["outside"],
                L.height - m["top"] - m["bottom"])

    @property
    def band(self) -> float:
        """Height of the masthead band that starts at the top trim edge (0: none)."""
        mast = self.layout.masthead
        return _length(mast.get("height"), 22 * MM) if mast else 0.0

    @property
    def masthead_height(self) -> float:
        """Room the band takes from the type area of page 1."""
        if not self.layout.masthead:
            return 0.0
        return max(0.0, self.band + MASTHEAD_GAP - self.layout.margin["top"])

    @property
    def column_height(self) -> float:
        return self.text_area(1)[3] - self.masthead_height

    def figure_size(self, aspect: float, width: float | None = None) -> tuple[float, float]:
        """A photo at column width (or ``width``); a tall portrait is narrowed, never
        cropped."""
        width = width or self.column_width
        height = width * aspect
        if height > self.column_height * MAX_FIGURE_SHARE:
            height = self.column_height * MAX_FIGURE_SHARE
            width = height / aspect
        return width, height

    def photo_pixels(self, width: float) -> int:
        """Pixel width a photo is converted to: the layout's resolution, a hair over."""
        return max(64, math.ceil(width / 72 * self.layout.image_ppi * 1.01))

    @property
    def column_width(self) -> float:
        L = self.layout
        width = self.text_area(1)[2]
        return (width - (L.columns - 1) * L.gutter) / L.columns
