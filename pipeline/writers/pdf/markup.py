"""Model text to ReportLab paragraph markup: every user character escaped, spans as faces."""

from __future__ import annotations

from functools import lru_cache

from pipeline.model import Paragraph
from pipeline.writers.pdf.fonts import face

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """Literal text for ReportLab's paragraph parser (no tag, entity or attribute survives)."""
    return text.translate(_ESCAPES)


def spans(paragraph: Paragraph, family: str, bold: bool, italic: bool,
          speaker_family: str | None = None) -> str:
    """Markup of one paragraph; each span names its face, so nothing depends on <b>/<i>."""
    out = []
    for span in paragraph:
        fam = speaker_family if span.speaker and speaker_family else family
        name = face(fam, bold or span.bold or span.speaker, italic or span.italic)
        out.append(f'<font face="{name}">{escape(span.text)}</font>')
    return "".join(out)


@lru_cache(maxsize=64)
def _template(text: str):
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=False).from_string(text)


def render_text(template: str, fields: dict) -> str:
    """A layout's Jinja2 string rendered over the source's fields: plain, unescaped text.
    Each distinct template string is compiled once per process."""
    if "{" not in template:
        return template
    return _template(template).render(fields).strip()
