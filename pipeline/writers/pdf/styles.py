"""Layout styles (pipeline.layouts.Style) as ReportLab ParagraphStyles, built once a layout."""

from __future__ import annotations

from pipeline.layouts import Layout, Style
from pipeline.writers.pdf.fonts import face

_ALIGN = {"left": 0, "center": 1, "right": 2, "justify": 4}


def cmyk(color: tuple[float, float, float, float]):
    from reportlab.lib.colors import CMYKColor

    return CMYKColor(*color)


def paragraph_style(style: Style):
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(
        style.name,
        fontName=face(style.family, style.bold, style.italic),
        fontSize=style.size, leading=style.leading, textColor=cmyk(style.color),
        alignment=_ALIGN[style.align], spaceBefore=style.space_before,
        spaceAfter=style.space_after, firstLineIndent=style.first_indent,
        leftIndent=style.left_indent,
        keepWithNext=0,  # done by story.KeepWithFirstLines, which keeps lines, not blocks
        textTransform="uppercase" if style.caps else None,
        allowWidows=0, allowOrphans=0, splitLongWords=1, uriWasteReduce=0,
        wordWrap=None, embeddedHyphenation=0, hyphenationLang=None,
        shaping=1 if style.kerning else 0,
    )


class Styles:
    """Named ParagraphStyles of one layout, created on first use."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self._cache: dict[str, object] = {}

    def __getitem__(self, name: str):
        if name not in self._cache:
            self._cache[name] = paragraph_style(self.layout.styles[name])
            if self.layout.makeup.grid:
                from pipeline.writers.pdf.grid import on_the_grid

                self._cache[name] = on_the_grid(self._cache[name], name, self.layout)
            if self._cache[name].shaping:
                self._prepare_shaping()
        return self._cache[name]

    def _prepare_shaping(self) -> None:
        from pipeline.writers.pdf.fonts import prepare_shaping

        for family in set(self.layout.fonts.values()):
            prepare_shaping(family)

    def shaped(self, name: str):
        """The style with HarfBuzz shaping on, for text whose marks need placing."""
        key = f"{name}\0shaped"
        if key not in self._cache:
            self._cache[key] = self[name].clone(f"{name} (shaped)", shaping=1)
            self._prepare_shaping()
        return self._cache[key]

    def model(self, name: str) -> Style:
        return self.layout.styles[name]
