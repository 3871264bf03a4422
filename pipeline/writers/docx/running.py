"""Running text (header, footer, masthead): Jinja2 templates with PAGE/NUMPAGES fields."""

from __future__ import annotations


from pipeline.textfields import render
from pipeline.writers.docx.xml import ALL_NS, DECL, paragraph, run

MARK = "\x00"  # never in user text: the source contract refuses control characters
PAGE_FIELDS = {"page": f"{MARK}PAGE{MARK}", "pages": f"{MARK}NUMPAGES{MARK}"}


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

