"""Running text (header, footer, masthead): Jinja2 templates with PAGE/NUMPAGES fields."""

from __future__ import annotations

import re

from pipeline.writers.docx.xml import ALL_NS, DECL, paragraph, run

MARK = "\x00"  # never in user text: the source contract refuses control characters
PAGE_FIELDS = {"page": f"{MARK}PAGE{MARK}", "pages": f"{MARK}NUMPAGES{MARK}"}
_TOKEN = re.compile(r"\{\{\s*(\w+)\s*\}\}|\{%\s*if\s+(\w+)\s*%\}|\{%\s*endif\s*%\}")


def render(template: str, fields: dict) -> str:
    """Render a layout's text template. The common subset ({{ name }}, {% if name %} …
    {% endif %}) is done here, without importing Jinja2 (start-up time); anything else
    goes to Jinja2 itself."""
    out, stack, pos = [], [], 0
    for m in _TOKEN.finditer(template):
        literal = template[pos:m.start()]
        if any(t in literal for t in ("{{", "{%", "{#")):
            return _jinja(template, fields)
        if all(stack):
            out.append(literal)
        if m.group(1):
            if all(stack):
                out.append(str(fields.get(m.group(1), "")))
        elif m.group(2):
            stack.append(bool(fields.get(m.group(2))))
        elif stack:
            stack.pop()
        else:
            return _jinja(template, fields)
        pos = m.end()
    tail = template[pos:]
    if stack or any(t in tail for t in ("{{", "{%", "{#")):
        return _jinja(template, fields)
    out.append(tail)
    text = "".join(out)
    return text[:-1] if text.endswith("\n") else text  # as Jinja2 does


def _jinja(template: str, fields: dict) -> str:
    import jinja2

    return jinja2.Environment(autoescape=False).from_string(template).render(**fields)


def field_runs(text: str) -> str:
    """Runs of ``text`` where the PAGE/NUMPAGES marks become fields (cached result 1)."""
    out = []
    for i, piece in enumerate(text.split(MARK)):
        if i % 2:
            out.append(f'<w:fldSimple w:instr=" {piece} \\* MERGEFORMAT ">'
                       f"{run('1')}</w:fldSimple>")
        else:
            out.append(run(piece))
    return "".join(out)


def part(kind: str, style_id: str, text: str) -> str:
    """A header (kind "hdr") or footer ("ftr") part of one paragraph."""
    return f"{DECL}<w:{kind} {ALL_NS}>{paragraph(style_id, field_runs(text))}</w:{kind}>"


def running_text(template: str, fields: dict) -> str:
    return render(template, {**fields, **PAGE_FIELDS})


def plain(template: str, fields: dict) -> str:
    """A template without page fields (masthead lines)."""
    return render(template, fields)

