"""The text importer: raw article text to a v1 YAML source (``import_text``)."""

from __future__ import annotations

import yaml

from pipeline.errors import Diagnostic
from pipeline.importer.article import Article, Block, ImportResult
from pipeline.importer.text.classify import build
from pipeline.importer.text.clean import clean
from pipeline.importer.emit import render
from pipeline.importer.text.paragraphs import paragraphs


def analyse(text: str, source_name: str = "<stdin>") -> tuple[Article, list[Diagnostic]]:
    """The article the importer sees in ``text`` (with its reading-order trace), and warnings."""
    lines, warnings = clean(text, source_name)
    paras, more = paragraphs(lines, source_name)
    art = build(paras)
    _ensure_body(art)
    warnings += more
    if not any(b.kind == "q" for b in art.blocks):
        warnings.append(Diagnostic(source_name, 1, 1, "no question was recognised: the text is"
                                   " kept as paragraphs", severity="warning"))
    return art, sorted(warnings, key=lambda d: (d.line, d.col))


def _ensure_body(art: Article) -> None:
    """The contract wants at least one block: a text without turns becomes paragraphs."""
    if art.blocks:
        return
    if art.lead:
        art.blocks.append(Block("p", "\n\n".join(art.lead), comments=[
            "no questions or answers were recognised: the whole text is kept as paragraphs"]))
        art.lead = []
    else:
        art.blocks.append(Block("p", "TODO", comments=["TODO: the interview (no text was found)"]))


def expected_values(art: Article) -> dict:
    """The values the YAML must load back to (checked before anything is returned)."""
    body = []
    for b in art.blocks:
        if b.kind == "figure":
            item = {"figure": b.path, "caption": b.caption}
            if b.credit:
                item["credit"] = b.credit
        else:
            item = {b.kind: b.text}
            if b.by:
                item["by"] = b.by
        body.append(item)
    values = {"title": art.title or "TODO", "body": body,
              "publication": art.publication or "TODO",
              "people": {p.key: p.label for p in art.people}}
    for key in ("byline", "url"):
        if getattr(art, key):
            values[key] = getattr(art, key)
    if art.lead:
        values["lead"] = "\n\n".join(art.lead)
    return values


def _round_trips(yaml_text: str, art: Article) -> bool:
    try:
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError:
        return False
    want = expected_values(art)
    got = {k: data.get(k) for k in want if k not in ("people",)}
    got["people"] = {k: v.get("label") for k, v in (data.get("people") or {}).items()}
    return got == want


def import_text(text: str, source_name: str = "<stdin>",
                schema_ref: str = "../schema.json") -> ImportResult:
    """Turn raw article text into a v1 source that ``pipeline check --draft`` accepts."""
    art, warnings = analyse(text, source_name)
    for quoted in (False, True):
        yaml_text = render(art, schema_ref, source_name, quoted)
        if _round_trips(yaml_text, art):
            return ImportResult(yaml_text, warnings)
    raise RuntimeError("internal error: the YAML written does not load back to the same text")
