"""Styled DOCX paragraphs back to source values: head fields, people and body blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline import inline
from pipeline.importer.docx.people import People, Person
from pipeline.importer.docx.read import Para, Picture, Run
from pipeline.model import Span, plain_text

_WS = re.compile(r"[ \t\r\n]+")
_EDGES = re.compile(r"^([ \t\r\n]*)(.*?)([ \t\r\n]*)$", re.DOTALL)
GUESSED = {"q": "a question (q)", "a": "an answer (a)", "p": "a paragraph (p)",
           "heading": "a heading", "quote": "a pull quote", "caption": "a caption"}


@dataclass
class Block:
    kind: str  # q | a | p | figure | quote | heading
    number: int  # the DOCX paragraph it starts at
    paras: list[str] = field(default_factory=list)  # text with **bold**/*italic* markup
    person: Person | None = None
    picture: Picture | None = None
    caption: str = ""
    credit: str | None = None
    alt: str | None = None
    path: str = ""
    comments: list[str] = field(default_factory=list)


@dataclass
class Body:
    head: dict[str, list[str]] = field(default_factory=dict)  # role -> paragraphs' text
    lead: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    people: People = field(default_factory=People)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (paragraph, warning)


def markup(runs: list[Run]) -> tuple[str, bool]:
    """Runs as source text with inline markup, and whether it parses back to the same
    bold and italic (markup cannot say everything, e.g. bold glued to italic)."""
    spans = []
    for run in runs:
        if run.bold or run.italic:
            lead, core, trail = _EDGES.match(run.text).groups()
            spans += [Span(lead), Span(core, run.bold, run.italic), Span(trail)]
        else:
            spans.append(Span(run.text))
    text = inline.normalize(inline.markup(tuple(s for s in spans if s.text)))
    return text, _styled(spans) == _styled(inline.parse(text))


def _styled(spans) -> list[tuple[str, bool, bool]]:
    return [(ch, s.bold, s.italic) for s in spans for ch in s.text if not ch.isspace()]


def plain(runs: list[Run]) -> str:
    return inline.normalize("".join(r.text for r in runs))


class Assembler:
    def __init__(self, paras: list[Para]):
        self.paras = [p for p in paras if p.text.strip() or p.pictures]
        self.body = Body()
        self.open_turn: Block | None = None  # a turn that following text continues
        self.open_p: Block | None = None
        self.open_quote: Block | None = None
        self.pending: list[Block] = []  # figures waiting for their caption

    def note(self, para: Para, message: str) -> None:
        self.body.notes.append((para.number, f"paragraph {para.number}: {message}"))

    def run(self) -> Body:
        people = self.body.people
        for para in self.paras:  # speakers first, so labels typed without the style match
            if para.style.role in ("q", "a") and para.runs and para.runs[0].speaker:
                label = plain([para.runs[0]]).rstrip(":").strip()
                if label:
                    people.speaker(label, "interviewer" if para.style.role == "q"
                                   else "interviewee")
        people.interviewee_lines([plain(p.runs) for p in self.paras
                                  if p.style.role == "interviewee"])
        for para in self.paras:
            self.paragraph(para)
        self.finish()
        return self.body

    def paragraph(self, para: Para) -> None:
        role, style = para.style.role, para.style.name
        if para.in_table:
            self.note(para, "is inside a table; its text is imported as running text")
        if role is None or not para.style.exact:
            role = self.guess(para)
            if para.text.strip():
                self.note(para, f"has style '{style}', which is not one of the pipeline's; "
                          f"imported as {GUESSED.get(role, role)}")
        if role in ("title", "kicker", "masthead", "masthead-info", "byline", "interviewee",
                    "header", "footer"):
            self.close()
            self.body.head.setdefault(role, []).append(plain(para.runs))
        elif role == "lead":
            self.body.lead.append(self.text(para, para.runs))
        elif role in ("q", "a", "p"):
            self.turn_text(para, role)
        elif role == "caption":
            self.caption(para)
        elif role == "quote":
            self.quote(para)
        elif role == "heading":
            self.close()
            self.body.blocks.append(Block("heading", para.number, [self.text(para, para.runs)]))
        elif para.text.strip():  # "figure" paragraph with text
            self.turn_text(para, "p")
        for picture in para.pictures:
            self.close()
            figure = Block("figure", para.number, picture=picture)
            self.body.blocks.append(figure)
            self.pending.append(figure)

    def guess(self, para: Para) -> str:
        if para.style.role and para.style.role not in ("figure", "header", "footer"):
            return para.style.role
        text = plain(para.runs)
        if self.label_of(para) is not None:
            return "q" if self.label_of(para).role == "interviewer" else "a"
        if text.endswith("?"):
            return "q"
        return "p" if text else "figure"

    def label_of(self, para: Para) -> Person | None:
        text = plain(para.runs)
        for person in self.body.people.people:
            if text.startswith(person.label + ":"):
                return person
        return None

    def text(self, para: Para, runs: list[Run]) -> str:
        value, exact = markup([r for r in runs if not r.speaker and not r.credit])
        if not exact:
            self.note(para, "its bold and italic cannot be written exactly as **bold** and "
                      "*italic* markup; check the result")
        return value

    def close(self) -> None:
        self.open_turn = self.open_p = self.open_quote = None

    def turn_text(self, para: Para, role: str) -> None:
        runs, person, exact = list(para.runs), None, para.style.exact
        if role in ("q", "a") and runs and runs[0].speaker:
            label = plain([runs.pop(0)]).rstrip(":").strip()
            person = self.body.people.speaker(label, "interviewer" if role == "q"
                                              else "interviewee")
        elif self.label_of(para) is not None:
            person = self.label_of(para)
            runs = _drop_prefix(runs, len(person.label) + 1)
        elif role == "q" and not exact:
            people = self.body.people
            person = next((p for p in people.people if p.role == "interviewer"), None) or \
                people.speaker("P.V", "interviewer")
        text = self.text(para, runs)
        if person is not None:
            self.close()
            kind = role if role in ("q", "a") and exact else (
                "q" if person.role == "interviewer" else "a")
            self.open_turn = Block(kind, para.number, [text] if text else [], person)
            self.body.blocks.append(self.open_turn)
        elif not text:
            return
        elif self.open_turn is not None:
            self.open_turn.paras.append(text)
        elif self.open_p is not None:
            self.open_p.paras.append(text)
        else:
            self.close()
            self.open_p = Block("p", para.number, [text])
            self.body.blocks.append(self.open_p)

    def caption(self, para: Para) -> None:
        if not self.pending:
            self.note(para, "is a caption without a photo before it; imported as a paragraph")
            return self.turn_text(para, "p")
        figure = self.pending.pop()  # the photo just before it
        self.pending.clear()
        credit_runs = [r for r in para.runs if r.credit]
        if credit_runs:
            credit = plain(credit_runs)
            figure.credit = re.sub(r"^Ảnh\s*:\s*", "", credit).strip() or None
        figure.caption = self.text(para, para.runs)

    def finish(self) -> None:
        """Captions (required) and alt text of the figures."""
        for block in self.body.blocks:
            if block.kind != "figure":
                continue
            descr = inline.normalize(block.picture.descr) if block.picture else ""
            if not block.caption:
                block.caption = descr or "TODO"
                block.comments.append("TODO: the photo had no caption in the DOCX; write one")
                self.body.notes.append((block.number, f"paragraph {block.number}: a photo "
                                        "without a caption (Caption style) after it; "
                                        + ("its alt text is used" if descr else
                                           "write one where the TODO is")))
            elif descr and descr != plain_text(inline.parse(block.caption)):
                block.alt = descr

    def quote(self, para: Para) -> None:
        self.open_turn = self.open_p = None
        who = self.body.people.attribution(plain(para.runs))
        if who is not None and self.open_quote is not None:
            self.open_quote.person = who
            self.open_quote = None
            return
        text = self.text(para, para.runs)
        if self.open_quote is None:
            self.open_quote = Block("quote", para.number)
            self.body.blocks.append(self.open_quote)
        self.open_quote.paras.append(text)


def _drop_prefix(runs: list[Run], count: int) -> list[Run]:
    """``runs`` without their first ``count`` characters and the spaces after them."""
    raw = "".join(r.text for r in runs)
    out, skip = [], count + len(raw) - len(raw.lstrip())
    for run in runs:
        if skip >= len(run.text):
            skip -= len(run.text)
            continue
        out.append(Run(run.text[skip:], run.bold, run.italic))
        skip = 0
    if out:
        out[0].text = out[0].text.lstrip()
    return out


def assemble(paras: list[Para]) -> Body:
    return Assembler(paras).run()
