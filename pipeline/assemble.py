"""Validated source data to the model: labelled turns, paragraphs of spans, figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline import inline
from pipeline.model import (Document, Figure, Heading, Location, Paragraphs, Person, Quote,
                            Span, Turn)
from pipeline.yamlload import Located


def assemble(path: Path, data: dict, people: dict[str, Person], checked: list,
             loc_of: Located, draft: bool, warnings: tuple) -> Document:
    """The :class:`Document` of data that has passed validation; ``checked`` holds, per
    block, its kind, its speaker and (for a figure) the image facts found."""
    blocks = []
    for i, (item, (kind, speaker, image)) in enumerate(zip(data["body"], checked)):
        line, col = loc_of.key_pos(("body", i, kind))
        at = Location(line, col)
        if kind in ("q", "a"):
            paras = inline.paragraphs(item[kind])
            blocks.append(Turn(kind, speaker, _labelled(speaker.label, paras), at))
        elif kind == "p":
            blocks.append(Paragraphs(inline.paragraphs(item["p"]), at))
        elif kind == "quote":
            blocks.append(Quote(inline.paragraphs(item["quote"]), speaker, at))
        elif kind == "heading":
            blocks.append(Heading(inline.parse(inline.normalize(item["heading"])), at))
        else:
            target, pixels, image_format, orientation = image
            blocks.append(Figure(target, item["figure"],
                                 inline.parse(inline.normalize(item["caption"])),
                                 optional_text(item.get("credit")), optional_text(item.get("alt")),
                                 pixels, at, image_format=image_format,
                                 orientation=orientation))
    return Document(
        source_path=path,
        title=inline.normalize(data["title"]),
        publication=inline.normalize(data["publication"]),
        date=dt.date.fromisoformat(data["date"]),
        people=people,
        blocks=tuple(blocks),
        kicker=optional_text(data.get("kicker")),
        lead=inline.paragraphs(data["lead"]) if data.get("lead") else (),
        byline=optional_text(data.get("byline")),
        issue=optional_text(data.get("issue")),
        event=optional_text(data.get("event")),
        url=optional_text(data.get("url")),
        language=data.get("language") or "vi",
        draft=draft,
        warnings=warnings,
    )


def optional_text(value) -> str | None:
    """A text value normalised, or None when absent or blank."""
    return inline.normalize(value) if isinstance(value, str) and value.strip() else None


def _labelled(label: str, paras: tuple) -> tuple:
    """Prefix the first paragraph with the bold speaker label: ``**Label:** text``."""
    head = (Span(f"{label}:", bold=True, speaker=True), Span(" "))
    if not paras:
        return (head[:1],)
    first = paras[0]
    if first and not first[0].bold and not first[0].italic:
        first = (Span(" " + first[0].text),) + first[1:]
        return ((head[0],) + first,) + paras[1:]
    return ((*head, *first),) + paras[1:]
