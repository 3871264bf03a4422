"""Custom properties for what the printed DOCX does not carry, for `pipeline import`."""

from __future__ import annotations

import json

from pipeline.model import Document, Figure, Heading, Paragraphs, Quote, Turn


def block_tokens(doc: Document) -> str:
    """The body's blocks in order, one token each: the kind and its paragraph count ("q1",
    "a2", "p1", "quote1", a quote with ``by`` "quote1:by"), "figure" or "heading"."""
    out = []
    for block in doc.blocks:
        if isinstance(block, Turn):
            out.append(f"{block.kind}{len(block.paragraphs)}")
        elif isinstance(block, Paragraphs):
            out.append(f"p{len(block.paragraphs)}")
        elif isinstance(block, Quote):
            out.append(f"quote{len(block.paragraphs)}" + (":by" if block.speaker else ""))
        elif isinstance(block, Figure):
            out.append("figure")
        elif isinstance(block, Heading):
            out.append("heading")
    return " ".join(out)


def people_json(doc: Document) -> str:
    """The people as compact JSON, in source order; ``printed`` is false for a person the
    DOCX never names (an interviewer without a turn)."""
    speakers = {b.speaker.key for b in doc.blocks if isinstance(b, Turn)}
    out = []
    for person in doc.people.values():
        item = {"key": person.key, "label": person.label}
        if person.name:
            item["name"] = person.name
        if person.title:
            item["title"] = person.title
        item["role"] = person.role
        if person.role != "interviewee" and person.key not in speakers:
            item["printed"] = False
        out.append(item)
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def source_properties(doc: Document) -> dict[str, str]:
    """"Source …" properties: the fields no layout prints in full (set ones only), the
    people and the block boundaries. "Source people" is always written: its presence says
    that the others were stored, so an absent "Source url" means the source had none."""
    values = {"Source language": doc.language}
    for name in ("url", "event", "issue"):
        if getattr(doc, name):
            values[f"Source {name}"] = getattr(doc, name)
    values["Source people"] = people_json(doc)
    values["Source blocks"] = block_tokens(doc)
    return values
