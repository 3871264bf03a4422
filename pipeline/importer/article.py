"""Data the importers pass between their stages: paragraphs, pieces, blocks, people, article, result."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.errors import Diagnostic


@dataclass
class Para:
    """One paragraph of the cleaned input and the (1-based) input line it starts on."""

    text: str
    line: int


@dataclass
class Piece:
    """A run of input text in reading order: ``kind`` "text" is kept in the output's text
    values; any other kind is one of ``markers.CONSUMED``."""

    kind: str
    text: str
    # Kept text the output holds somewhere else than in reading order: a photo caption met
    # before the lead is printed as the body's first figure, after the lead.
    moved: bool = False


@dataclass
class Person:
    key: str
    label: str
    role: str
    name: str | None = None
    comment: str | None = None


@dataclass
class Block:
    kind: str  # q | a | p | figure | quote | heading
    text: str = ""
    line: int = 0
    by: str | None = None
    caption: str = ""
    credit: str | None = None
    path: str = ""
    comments: list[str] = field(default_factory=list)


@dataclass
class Article:
    title: str = ""
    lead: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    publication: str | None = None
    publication_note: str | None = None
    date: str | None = None
    byline: str | None = None
    url: str | None = None
    notes: list[str] = field(default_factory=list)
    trace: list[Piece] = field(default_factory=list)

    def keep(self, text: str) -> Piece:
        self.trace.append(piece := Piece("text", text))
        return piece

    def consume(self, kind: str, text: str) -> None:
        if text.strip():
            self.trace.append(Piece(kind, text))


@dataclass
class ImportResult:
    """What an import gives back: the complete v1 source, ready to write, and its warnings."""

    yaml_text: str
    warnings: list[Diagnostic]  # repairs made and doubts, with the input line
