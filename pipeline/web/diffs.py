"""Two texts compared word by word (difflib), long unchanged stretches shortened."""

from __future__ import annotations

import difflib
import re

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
CONTEXT = 12  # unchanged words and spaces kept on each side of a change


def word_diff(old: str, new: str, context: int = CONTEXT) -> list[tuple[str, str]]:
    """[(op, text)] with op "same", "del", "ins", or "gap" (unchanged text left out);
    empty when the texts are equal."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    if a == b:
        return []
    out: list[tuple[str, str]] = []
    codes = _joined(a, difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    for i, (op, a0, a1, b0, b1) in enumerate(codes):
        if op == "equal":
            tokens = a[a0:a1]
            head = tokens[:context] if i > 0 else []
            tail = tokens[-context:] if i < len(codes) - 1 else []
            if len(tokens) > len(head) + len(tail) + 1:
                out += [("same", "".join(head)), ("gap", ""), ("same", "".join(tail))]
            else:
                out.append(("same", "".join(tokens)))
            continue
        if a1 > a0:
            out.append(("del", "".join(a[a0:a1])))
        if b1 > b0:
            out.append(("ins", "".join(b[b0:b1])))
    return [(op, text) for op, text in out if text or op == "gap"]


def _joined(a: list[str], codes: list[tuple]) -> list[tuple]:
    """The opcodes with a lone space kept between two changes made part of them, so that
    "chính trị" -> "thật sự" reads as one change, not two around a shared space."""
    codes = [("replace", *c[1:]) if c[0] == "equal" and 0 < i < len(codes) - 1
             and not "".join(a[c[1]:c[2]]).strip() else c for i, c in enumerate(codes)]
    out: list[tuple] = []
    for code in codes:
        if out and code[0] != "equal" and out[-1][0] != "equal":
            last = out.pop()
            code = ("replace", last[1], code[2], last[3], code[4])
        out.append(code)
    return out
