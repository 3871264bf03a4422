"""Layout text templates (masthead, header, footer): Jinja2 over the source's fields."""

from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(r"\{\{\s*(\w+)\s*\}\}|\{%\s*if\s+(\w+)\s*%\}|\{%\s*endif\s*%\}")
_SYNTAX = ("{{", "{%", "{#")


def render(template: str, fields: dict) -> str:
    """Render a layout's text template as plain (unescaped) text. The common subset
    ({{ name }}, {% if name %} … {% endif %}) is done here without importing Jinja2
    (start-up time counts); anything else goes to a sandboxed Jinja2 environment."""
    out, stack, pos = [], [], 0
    for m in _TOKEN.finditer(template):
        literal = template[pos:m.start()]
        if any(t in literal for t in _SYNTAX):
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
    if stack or any(t in tail for t in _SYNTAX):
        return _jinja(template, fields)
    out.append(tail)
    text = "".join(out)
    return text[:-1] if text.endswith("\n") else text  # as Jinja2 does


@lru_cache(maxsize=64)
def _compiled(template: str):
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=False).from_string(template)


def _jinja(template: str, fields: dict) -> str:
    from jinja2 import TemplateError

    from pipeline.errors import UserError

    try:
        return _compiled(template).render(**fields)
    except TemplateError as exc:
        raise UserError(f"the layout text template {template!r} is not valid Jinja2 ({exc}); "
                        "fix it in the layout file") from None
