"""What the writer stored in docProps/custom.xml ("Source …"): fields, people, block ends."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from pipeline.importer.docx.blocks import Block

_TOKEN = re.compile(r"(q|a|p|quote|figure|heading)(\d*)(:by)?$")
ROLES = ("interviewer", "interviewee")
FIELDS = ("url", "event", "issue", "language")


@dataclass
class Group:
    """Source blocks that print as one imported block: a turn and the ``p`` blocks after it,
    or quotes without ``by`` and the quote after them."""

    kind: str
    counts: list[int] = field(default_factory=list)
    closed: bool = False  # a quote group ended by a quote with ``by``

    def takes(self, kind: str) -> bool:
        if kind == "p":
            return self.kind in ("q", "a", "p")
        return kind == "quote" and self.kind == "quote" and not self.closed


@dataclass
class Stored:
    fields: dict[str, str | None]
    people: list[dict]
    groups: list[Group] | None  # None: no usable "Source blocks"

    @classmethod
    def of(cls, custom: dict[str, str]) -> Stored | None:
        """The stored values, or None when the DOCX has none (made by an older version, or
        re-saved by a tool that drops custom properties) or they are damaged."""
        people = _people(custom.get("Source people"))
        if people is None:
            return None
        values = {name: custom.get(f"Source {name}") or None for name in FIELDS}
        return cls(values, people, _groups(custom.get("Source blocks", "")))

    def split(self, blocks: list[Block]) -> list[Block]:
        """``blocks`` with each merged block split where the source's blocks ended, wherever
        the imported block still lines up with its source group (same kind, same number of
        paragraphs); edited parts stay as they are."""
        if not self.groups:
            return blocks
        from difflib import SequenceMatcher

        matcher = SequenceMatcher(None, [b.kind for b in blocks],
                                  [g.kind for g in self.groups], autojunk=False)
        pieces: dict[int, list[Block]] = {}
        for i, j, size in matcher.get_matching_blocks():
            for block, group in zip(blocks[i:i + size], self.groups[j:j + size]):
                if len(group.counts) > 1 and sum(group.counts) == len(block.paras):
                    pieces[id(block)] = _split(block, group.counts)
        return [piece for b in blocks for piece in pieces.get(id(b), [b])]


def _split(block: Block, counts: list[int]) -> list[Block]:
    out, start = [], 0
    for n, count in enumerate(counts):
        paras = block.paras[start:start + count]
        start += count
        if n == 0:
            kind, person = block.kind, None if block.kind == "quote" else block.person
        else:
            kind, person = ("quote", None) if block.kind == "quote" else ("p", None)
        out.append(Block(kind, block.number, paras, person, comments=[] if n else
                         block.comments))
    if block.kind == "quote":  # the "— Name" line after the last quote names its speaker
        out[-1].person = block.person
    return out


def _people(text: str | None) -> list[dict] | None:
    try:
        people = json.loads(text) if text else None
    except ValueError:
        return None
    if not isinstance(people, list):
        return None
    for p in people:
        if not (isinstance(p, dict) and p.get("role") in ROLES
                and all(isinstance(p.get(k), str) and p[k] for k in ("key", "label"))
                and all(isinstance(p.get(k, ""), str) for k in ("name", "title"))):
            return None
    return people


def _groups(text: str) -> list[Group] | None:
    groups: list[Group] = []
    for token in text.split():
        m = _TOKEN.match(token)
        if m is None:
            return None
        kind, count, by = m.group(1), int(m.group(2) or 0), bool(m.group(3))
        if groups and groups[-1].takes(kind):
            groups[-1].counts.append(count)
        else:
            groups.append(Group(kind, [count]))
        if kind == "quote":
            groups[-1].closed = by
    return groups
