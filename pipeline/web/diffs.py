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
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    codes = matcher.get_opcodes()
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
