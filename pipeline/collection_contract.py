"""The collection contract (packs and newsletter issues) as data; its JSON Schema comes from here."""

from __future__ import annotations

from pipeline.contract import DATE_PATTERN, LANGUAGE_PATTERN, Key

KINDS = {
    "pack": "a congress pack: cover, contents, each item from a right-hand page (handout layout)",
    "issue": "a newsletter issue: one masthead, the items one after another (newsletter layout)",
}
# The layout family each kind is built with.
FAMILY = {"pack": "handout", "issue": "newsletter"}

TOP = (
    Key("format", "format", False, "Version of the collection format; absent means 1."),
    Key("kind", "kind", True, "pack (congress pack, handout layout) or issue (newsletter issue)."),
    Key("title", "text", True, "Title of the pack or issue, printed on the cover or masthead."),
    Key("publication", "text", True, "Publisher: the newspaper or office."),
    Key("issue", "text", False, "Issue number, printed on the cover and masthead (e.g. Số 25)."),
    Key("date", "date", True, "Date of the pack or issue, YYYY-MM-DD."),
    Key("event", "text", False, "The event the pack is for, printed on the cover."),
    Key("place", "text", False, "Where the event takes place, printed on the cover."),
    Key("cover", "image", False, "Cover photo: a JPEG or PNG path relative to this file; "
        "printed into the bleed."),
    Key("back_cover", "text", False, "A pack's back cover (its last page): a text such as "
        "the publisher's address and \"Lưu hành nội bộ\"; paragraphs separated by a blank "
        "line. A pack only."),
    Key("language", "language", False, "BCP 47 language tag; default vi."),
    Key("items", "items", True, "The sources, in order: paths of interview YAML files relative "
        "to this file, inside its folder, each listed once."),
)

SCHEMA_ID = "https://example.invalid/interview-pipeline/collection.schema.json"


def _json_type(key: Key) -> dict:
    base = {"description": key.description}
    if key.type in ("text", "image"):
        return {**base, "type": "string", "minLength": 1}
    if key.type == "format":
        return {**base, "const": 1, "default": 1}
    if key.type == "kind":
        return {**base, "enum": list(KINDS)}
    if key.type == "date":
        return {**base, "type": "string", "format": "date", "pattern": DATE_PATTERN}
    if key.type == "language":
        return {**base, "type": "string", "pattern": LANGUAGE_PATTERN, "default": "vi"}
    if key.type == "items":
        return {**base, "type": "array", "minItems": 1, "uniqueItems": True,
                "items": {"type": "string", "minLength": 1, "pattern": r"\.ya?ml$"}}
    raise ValueError(key.type)


def json_schema() -> dict:
    """JSON Schema (draft 2020-12) of a collection file, for editors' completion and checks."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Collection (pack or newsletter issue), format version 1",
        "type": "object",
        "additionalProperties": False,
        "properties": {k.name: _json_type(k) for k in TOP},
        "required": [k.name for k in TOP if k.required],
    }
