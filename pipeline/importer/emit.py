"""The article as a readable v1 YAML source, written by hand: block scalars, comments, TODOs."""

from __future__ import annotations

import yaml

from pipeline.importer.article import Article, Block

PLACEHOLDER_DATE = "2000-01-01"  # not before 1980: DOCX (zip) cannot hold older dates
_INDICATORS = tuple("-?:,[]{}#&*!|>'\"%@`")
_ESCAPES = {"\\": "\\\\", "\"": "\\\"", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x85": "\\N",
            "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\ufeff"}


def double_quoted(value: str) -> str:
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch in "\ufffe\uffff":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def plain_ok(value: str) -> bool:
    if not value or value != value.strip() or value.startswith(_INDICATORS) or "\n" in value:
        return False
    try:
        return yaml.safe_load("k: " + value) == {"k": value}
    except yaml.YAMLError:
        return False


def _printable(ch: str) -> bool:
    """Written as is inside a YAML block scalar (YAML's printable set, no odd line breaks)."""
    o = ord(ch)
    return ch in "\t\n" or 0x20 <= o <= 0x7E or 0xA0 <= o <= 0xD7FF or (
        0xE000 <= o <= 0xFFFD and o != 0xFEFF) or o >= 0x10000


def _block_ok(value: str) -> bool:
    lines = value.split("\n")
    return bool(value.strip()) and lines[0] != "" and lines[-1] != "" and all(
        not line[:1].isspace() for line in lines) and all(map(_printable, value)) and all(
        "\u2028" not in line and "\u2029" not in line for line in lines)


def scalar(value: str, indent: int, quoted: bool = False, short: bool = False) -> str:
    """What follows ``key:`` for a text value whose key sits at column ``indent``; a
    ``short`` value stays on the key's line unless it holds several paragraphs."""
    if not quoted and ("\n" in value or len(value) > 72 and not short) and _block_ok(value):
        pad = " " * (indent + 2)
        return " |-\n" + "\n".join(pad + line if line else "" for line in value.split("\n"))
    if not quoted and plain_ok(value):
        return " " + value
    return " " + double_quoted(value)


def _comments(notes: list[str], indent: int) -> list[str]:
    out = []
    for note in notes:
        note = " ".join(note.split())
        out.append(" " * indent + ("# " if note.startswith("TODO") else "# importer: ") + note)
    return out


def _block(block: Block, quoted: bool) -> list[str]:
    out = _comments(block.comments, 2)
    if block.kind == "figure":
        out.append("  - figure:" + scalar(block.path, 4, quoted))
        out.append("    caption:" + scalar(block.caption, 4, quoted))
        if block.credit:
            out.append("    credit:" + scalar(block.credit, 4, quoted))
        return out
    out.append(f"  - {block.kind}:" + scalar(block.text, 4, quoted))
    if block.by:
        out.append("    by:" + scalar(block.by, 4, quoted))
    return out


def render(art: Article, schema_ref: str, source_name: str, quoted: bool = False) -> str:
    out = [f"# yaml-language-server: $schema={schema_ref}",
           f"# Imported from {' '.join(source_name.split())} by 'pipeline import'. Read each"
           " '# importer:' note,", "# supply what each '# TODO' asks for, then delete these comments."]
    out += _comments(art.notes, 0)
    out.append("format: 1")
    if art.title:
        out.append("title:" + scalar(art.title, 0, quoted, short=True))
    else:
        out += _comments(["TODO: the headline (no first line was found)"], 0) + ["title: TODO"]
    if art.lead:
        out.append("lead:" + scalar("\n\n".join(art.lead), 0, quoted))
    if art.publication:
        out += _comments([art.publication_note] if art.publication_note else [], 0)
        out.append("publication:" + scalar(art.publication, 0, quoted, short=True))
    else:
        out += _comments(["TODO: the newspaper's name (none was found in the text)"], 0)
        out.append("publication: TODO")
    if art.date:
        out.append(f"date: {art.date}")
    else:
        out += _comments(["TODO: the publication date (none was found in the text)"], 0)
        out.append(f"date: {PLACEHOLDER_DATE}")
    if art.byline:
        out.append("byline:" + scalar(art.byline, 0, quoted, short=True))
    if art.url:
        out.append("url:" + scalar(art.url, 0, quoted))
    out += ["language: vi", "people:"]
    for person in art.people:
        out += _comments([person.comment] if person.comment else [], 2)
        out.append(f"  {person.key}:")
        out.append("    label:" + scalar(person.label, 4, quoted))
        if person.name and person.name != person.label:
            out.append("    name:" + scalar(person.name, 4, quoted))
        out.append(f"    role: {person.role}")
    out.append("body:")
    for block in art.blocks:
        out += _block(block, quoted)
    return "\n".join(out) + "\n"
