"""Cleaned lines into paragraphs: join hard-wrapped lines, split bodies whose breaks were lost."""

from __future__ import annotations

from pipeline.errors import Diagnostic
from pipeline.importer.article import Para
from pipeline.importer.text.markers import (STRONG_SPLIT_RE, WEAK_SPLIT_RE, ends_sentence,
                                       parse_marker)

_LONG = 600  # characters: a line this long holding several turns lost its breaks


def _continues(prev: str, line: str) -> bool:
    """``line`` carries on the sentence ``prev`` broke off (a hard-wrapped paragraph)."""
    return bool(prev) and not ends_sentence(prev) and line[0].islower()


def _split_points(text: str) -> list[int]:
    points = [m.end() for m in STRONG_SPLIT_RE.finditer(text)
              if parse_marker(text[m.end():]).kind in ("pv", "label")]
    if len(text) >= _LONG:
        weak = [m.end() for m in WEAK_SPLIT_RE.finditer(text)]
        if len(weak) >= 2 and "?" in text:
            points += weak
    return sorted(set(points))


def paragraphs(lines: list[tuple[int, str]], source_name: str) -> tuple[list[Para], list[Diagnostic]]:
    paras: list[Para] = []
    warnings: list[Diagnostic] = []
    prev_line = 0
    # Only a text that separates its paragraphs with blank lines can have hard-wrapped ones.
    wrapped = sum(1 for a, b in zip(lines, lines[1:]) if a[1] and not b[1]) >= 2
    for lineno, text in lines:
        if not text:
            prev_line = 0
            continue
        if wrapped and paras and prev_line == lineno - 1 and _continues(paras[-1].text, text):
            paras[-1].text += " " + text
            warnings.append(Diagnostic(source_name, lineno, 1, "line joined to the one before:"
                                       " it continues the same sentence", severity="warning"))
        else:
            paras.append(Para(text, lineno))
        prev_line = lineno
    out: list[Para] = []
    for para in paras:
        points = _split_points(para.text)
        if not points:
            out.append(para)
            continue
        warnings.append(Diagnostic(
            source_name, para.line, points[0] + 1, f"paragraph breaks were lost: line split into"
            f" {len(points) + 1} paragraphs where questions and answers start", severity="warning"))
        bounds = [0, *points, len(para.text)]
        for a, b in zip(bounds, bounds[1:]):
            if para.text[a:b].strip():
                out.append(Para(para.text[a:b].strip(), para.line))
    return out, warnings
