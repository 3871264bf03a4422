"""Format-neutral document model: what every writer renders, built once per source."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Span:
    """A run of text with one inline style. ``speaker`` marks a turn's label ("P.V:")."""

    text: str
    bold: bool = False
    italic: bool = False
    speaker: bool = False


Paragraph = tuple[Span, ...]


def plain_text(paragraph: Paragraph) -> str:
    return "".join(span.text for span in paragraph)


@dataclass(frozen=True)
class Location:
    """Where a block came from in its source file (1-based)."""

    line: int
    col: int


@dataclass(frozen=True)
class Person:
    key: str
    label: str
    role: str  # "interviewer" | "interviewee"
    name: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Turn:
    """A question or an answer: a speaker and paragraphs; the first starts with the label."""

    kind: str  # "q" | "a"
    speaker: Person
    paragraphs: tuple[Paragraph, ...]
    loc: Location


@dataclass(frozen=True)
class Paragraphs:
    """More paragraphs of the current turn, without a label (block kind ``p``)."""

    paragraphs: tuple[Paragraph, ...]
    loc: Location
    kind: str = "p"


@dataclass(frozen=True)
class Figure:
    """A photo with caption. ``path`` is absolute; ``pixels`` is (width, height) as shown,
    after the EXIF ``orientation`` is applied, or None for a missing image in a draft
    build; ``image_format`` is "jpeg" or "png" (from the file's content, not its name)."""

    path: Path
    src: str  # as written in the source, relative to the YAML file
    caption: Paragraph
    credit: str | None
    alt: str | None
    pixels: tuple[int, int] | None
    loc: Location
    kind: str = "figure"
    image_format: str = "jpeg"
    orientation: int = 1

    @property
    def alt_text(self) -> str:
        return self.alt or plain_text(self.caption)

    @property
    def aspect(self) -> float:
        """Height divided by width (3:2 news photo when the image is missing)."""
        if not self.pixels:
            return 2 / 3
        w, h = self.pixels
        return h / w


@dataclass(frozen=True)
class Quote:
    paragraphs: tuple[Paragraph, ...]
    speaker: Person | None
    loc: Location
    kind: str = "quote"


@dataclass(frozen=True)
class Heading:
    text: Paragraph
    loc: Location
    kind: str = "heading"


Block = Turn | Paragraphs | Figure | Quote | Heading


@dataclass(frozen=True)
class Document:
    """One interview, validated and normalised (NFC, inline markup parsed)."""

    source_path: Path
    title: str
    publication: str
    date: dt.date
    people: dict[str, Person]
    blocks: tuple[Block, ...]
    kicker: str | None = None
    lead: tuple[Paragraph, ...] = ()
    byline: str | None = None
    issue: str | None = None
    event: str | None = None
    url: str | None = None
    language: str = "vi"
    draft: bool = False
    warnings: tuple = ()  # Diagnostics with severity "warning" (draft placeholders)

    @property
    def interviewees(self) -> list[Person]:
        return [p for p in self.people.values() if p.role == "interviewee"]

    @property
    def stem(self) -> str:
        return self.source_path.stem

    def texts(self) -> list[str]:
        """Every paragraph of printed source text in reading order, as plain text: title,
        lead, then each block's paragraphs (turns with their labels, captions, headings)."""
        out = [self.title, *(plain_text(p) for p in self.lead)]
        for block in self.blocks:
            if isinstance(block, Figure):
                out.append(plain_text(block.caption))
            elif isinstance(block, Heading):
                out.append(plain_text(block.text))
            else:
                out.extend(plain_text(p) for p in block.paragraphs)
        return out

    def fields(self) -> dict:
        """Plain values for text templates (running headers, masthead, metadata)."""
        first = self.interviewees[0] if self.interviewees else None
        return {
            "title": self.title,
            "publication": self.publication,
            "date": self.date.strftime("%d/%m/%Y"),
            "iso_date": self.date.isoformat(),
            "kicker": self.kicker or "",
            "byline": self.byline or "",
            "issue": self.issue or "",
            "event": self.event or "",
            "url": self.url or "",
            "interviewee": (first.name or first.label) if first else "",
            "interviewee_title": (first.title or "") if first else "",
        }
