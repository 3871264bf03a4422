"""The imported DOCX as a readable v1 YAML source (block scalars, notes), checked on reload."""

from __future__ import annotations

import datetime as dt

import yaml

from pipeline.importer.docx.blocks import Block, Body
from pipeline.importer.emit import PLACEHOLDER_DATE, scalar

TOP = ("title", "kicker", "lead", "publication", "issue", "date", "byline", "url", "event",
       "language")


def _comments(notes: list[str], indent: int) -> list[str]:
    return [" " * indent + ("# " if n.startswith(("TODO", "comment (")) else "# importer: ")
            + " ".join(n.split()) for n in notes]


def values(fields: dict, body: Body) -> dict:
    """The plain data the YAML must load back to."""
    data: dict = {"format": 1}
    for key in TOP:
        value = "\n\n".join(body.lead) if key == "lead" else fields.get(key)
        if key == "date":
            value = value or PLACEHOLDER_DATE
        elif key in ("title", "publication"):
            value = value or "TODO"
        if value:
            data[key] = value
    data["people"] = {}
    for p in body.people.people:
        person = {"label": p.label}
        if p.name and (p.name != p.label or p.named):
            person["name"] = p.name
        if p.title:
            person["title"] = p.title
        person["role"] = p.role
        data["people"][p.key] = person
    data["body"] = [_block(b, body) for b in body.blocks]
    return data


def _block(block: Block, body: Body) -> dict:
    if block.kind == "figure":
        item = {"figure": block.path, "caption": block.caption}
        for key in ("credit", "alt"):
            if getattr(block, key):
                item[key] = getattr(block, key)
        return item
    item = {block.kind: "\n\n".join(block.paras) or "TODO"}
    if block.kind in ("q", "a") and block.person:
        by = body.people.by_for(block.person, block.kind)
        if by:
            item["by"] = by
    elif block.kind == "quote" and block.person:
        item["by"] = block.person.key
    return item


def render(fields: dict, body: Body, notes: list[str], schema_ref: str, docx_name: str,
           origin: str | None, quoted: bool = False) -> str:
    data = values(fields, body)
    built = f" (built from {' '.join(origin.split())})" if origin else ""
    out = [f"# yaml-language-server: $schema={schema_ref}",
           f"# Imported from {' '.join(docx_name.split())}{built} by 'pipeline import'. Read "
           "each '# importer:' note,", "# supply what each '# TODO' asks for, then delete "
           "these comments."]
    out += _comments(notes, 0)
    for key, value in data.items():
        if key == "format":
            out.append("format: 1")
        elif key == "date":
            out.append(f"date: {value}")
        elif key == "people":
            out.append("people:")
            for p in body.people.people:
                out += _comments([p.comment] if p.comment else [], 2)
                out.append(f"  {p.key}:")
                for k, v in value[p.key].items():
                    out.append(f"    {k}:" + (f" {v}" if k == "role" else
                                              scalar(v, 4, quoted, short=True)))
        elif key == "body":
            out.append("body:")
            for block, item in zip(body.blocks, value):
                out += _comments(block.comments, 2)
                for i, (k, v) in enumerate(item.items()):
                    lead = "  - " if i == 0 else "    "
                    out.append(f"{lead}{k}:" + scalar(v, 4, quoted, short=k in ("by", "figure")))
        else:
            out.append(f"{key}:" + scalar(value, 0, quoted, short=key != "lead"))
    return "\n".join(out) + "\n"


def write_yaml(fields: dict, body: Body, notes: list[str], schema_ref: str, docx_name: str,
               origin: str | None) -> str:
    """The YAML text, in block style when that loads back to the same values, else quoted."""
    want = values(fields, body)
    want["date"] = dt.date.fromisoformat(want["date"])  # as YAML reads an ISO date
    for quoted in (False, True):
        text = render(fields, body, notes, schema_ref, docx_name, origin, quoted)
        try:
            if yaml.safe_load(text) == want:
                return text
        except yaml.YAMLError:
            pass
    raise RuntimeError("internal error: the YAML written does not load back to the same text")
