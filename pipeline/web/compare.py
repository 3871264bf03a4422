"""Two versions of an interview compared block by block, and within a block word by word."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from pipeline import inline
from pipeline.model import Document, Figure, Heading
from pipeline.web.diffs import word_diff

FIELDS = (("title", "Tít"), ("kicker", "Dòng trên tít"), ("publication", "Báo"),
          ("issue", "Số báo"), ("date", "Ngày"), ("byline", "Tác giả"), ("event", "Sự kiện"),
          ("url", "Địa chỉ"))
KINDS = {"q": "Hỏi", "a": "Đáp", "p": "Đoạn văn", "quote": "Trích dẫn",
         "heading": "Tiêu đề phụ", "figure": "Chú thích ảnh"}


@dataclass(frozen=True)
class Change:
    op: str  # "changed" | "added" | "removed"
    label: str  # what the block is, e.g. "Đáp — Đồng chí Nguyễn Nam Đình"
    segments: tuple  # word_diff segments


def _markup(paragraphs) -> str:
    return "\n\n".join(inline.markup(tuple(p)) for p in paragraphs)


def entries(doc: Document) -> list[tuple[str, str]]:
    """(label, text) for every field and block, in order."""
    out = [(label, str(getattr(doc, key))) for key, label in FIELDS if getattr(doc, key)]
    if doc.lead:
        out.append(("Sapo", _markup(doc.lead)))
    for block in doc.blocks:
        label = KINDS.get(block.kind, block.kind)
        if isinstance(block, Figure):
            text = _markup([block.caption]) + (f" (Ảnh: {block.credit})" if block.credit else "")
            out.append((f"{label} {block.src}", text))
        elif isinstance(block, Heading):
            out.append((label, _markup([block.text])))
        else:
            speaker = getattr(block, "speaker", None)
            out.append((label + (f" — {speaker.label}" if speaker else ""),
                        _markup(block.paragraphs)))
    return out


def compare(old: Document, new: Document) -> list[Change]:
    """What differs from ``old`` to ``new``; empty when they print the same text."""
    a, b = entries(old), entries(new)
    out: list[Change] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(a[a0:a1], b[b0:b1])) if op == "replace" else []
        for (label, before), (_, after) in pairs:
            out.append(Change("changed", label, tuple(word_diff(before, after))))
        for label, text in a[a0 + len(pairs):a1]:
            out.append(Change("removed", label, (("del", text),)))
        for label, text in b[b0 + len(pairs):b1]:
            out.append(Change("added", label, (("ins", text),)))
    return out
