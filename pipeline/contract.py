"""The v1 source contract as data: keys, types, descriptions; the JSON Schema comes from here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """One key of a mapping in the source. ``type`` names a checker in ``validate``."""

    name: str
    type: str
    required: bool
    description: str


TOP = (
    Key("format", "format", False, "Version of the source format; absent means 1."),
    Key("title", "text", True, "Headline."),
    Key("kicker", "text", False, "Small line above the headline."),
    Key("lead", "text", False, "Standfirst: the paragraph under the headline."),
    Key("publication", "text", True, "Name of the newspaper or office."),
    Key("issue", "text", False, "Issue, shown in the newsletter masthead (e.g. Số 25)."),
    Key("date", "date", True, "Publication date, YYYY-MM-DD."),
    Key("byline", "text", False, "Author of the interview."),
    Key("url", "url", False, "Online version of the article, http(s)."),
    Key("event", "text", False, "Event named in the handout header."),
    Key("language", "language", False, "BCP 47 language tag; default vi."),
    Key("people", "people", True, "Speakers: key -> person; one interviewer, one interviewee at least."),
    Key("body", "body", True, "The interview in reading order: a list of blocks."),
)

PERSON = (
    Key("label", "text", True, "Words printed before each of this person's turns, without the colon."),
    Key("role", "role", True, "interviewer or interviewee."),
    Key("name", "text", False, "Full name."),
    Key("title", "text", False, "Position or job title."),
)

# Each block has exactly one kind key (first entry) plus the others listed.
BLOCKS: dict[str, tuple[Key, ...]] = {
    "q": (Key("q", "text", True, "A question: starts a new turn, printed with the speaker's label."),
          Key("by", "person", False, "Who asks (a people key); default: the only interviewer.")),
    "a": (Key("a", "text", True, "An answer: starts a new turn, printed with the speaker's label."),
          Key("by", "person", False, "Who answers (a people key); default: the only interviewee.")),
    "p": (Key("p", "text", True, "More paragraphs of the current turn, without a label."),),
    "figure": (Key("figure", "image", True, "Photo: a JPEG or PNG path relative to this file."),
               Key("caption", "text", True, "Caption printed under the photo."),
               Key("credit", "text", False, "Photographer; printed as \"Ảnh: …\"."),
               Key("alt", "text", False, "Text alternative; default: the caption.")),
    "quote": (Key("quote", "text", True, "A pull quote or motto, set apart from the running text."),
              Key("by", "person", False, "Who said it (a people key).")),
    "heading": (Key("heading", "text", True, "A section heading inside the interview."),),
}

ROLES = ("interviewer", "interviewee")
DEFAULT_ROLE = {"q": "interviewer", "a": "interviewee"}

LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def _json_type(key: Key) -> dict:
    base = {"description": key.description}
    kind = key.type
    if kind in ("text", "person", "image"):
        return {**base, "type": "string", "minLength": 1}
    if kind == "format":
        return {**base, "const": 1, "default": 1}
    if kind == "date":
        return {**base, "type": "string", "format": "date", "pattern": DATE_PATTERN}
    if kind == "url":
        return {**base, "type": "string", "format": "uri", "pattern": URL_PATTERN}
    if kind == "language":
        return {**base, "type": "string", "pattern": LANGUAGE_PATTERN, "default": "vi"}
    if kind == "role":
        return {**base, "enum": list(ROLES)}
    if kind == "people":
        return {**base, "type": "object", "minProperties": 2,
                "additionalProperties": {"$ref": "#/$defs/Person"}}
    if kind == "body":
        return {**base, "type": "array", "minItems": 1, "items": {"$ref": "#/$defs/Block"}}
    raise ValueError(kind)


def _object(keys: tuple[Key, ...], title: str) -> dict:
    return {
        "title": title,
        "type": "object",
        "additionalProperties": False,
        "properties": {k.name: _json_type(k) for k in keys},
        "required": [k.name for k in keys if k.required],
    }


def json_schema() -> dict:
    """JSON Schema (draft 2020-12) of the v1 source, for editors' completion and checks."""
    schema = _object(TOP, "Interview source, format version 1")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "https://example.invalid/interview-pipeline/schema.json", **schema}
    schema["$defs"] = {
        "Person": _object(PERSON, "Person"),
        "Block": {"oneOf": [{"$ref": f"#/$defs/{kind.capitalize()}Block"} for kind in BLOCKS]},
        **{f"{kind.capitalize()}Block": _object(keys, f"Block `{kind}`")
           for kind, keys in BLOCKS.items()},
    }
    return schema
