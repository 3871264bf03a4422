"""document.xml body: the model's blocks as paragraphs that carry style references only."""

from __future__ import annotations

from pipeline.layouts import Layout
from pipeline.model import Document, Figure, Heading, Paragraph, Paragraphs, Quote, Turn
from pipeline.writers.docx.figures import Media
from pipeline.writers.docx.running import plain
from pipeline.writers.docx.xml import paragraph, run


def char_style(span) -> str | None:
    """The contract character style of a span: its inline markup, or the turn's label."""
    if span.speaker:
        return "Speaker"
    if span.bold and span.italic:
        return "Strong Emphasis"
    if span.bold:
        return "Strong"
    if span.italic:
        return "Emphasis"
    return None


class Body:
    """Writes paragraphs; ``ids`` maps contract style names to the style sheet's ids."""

    def __init__(self, ids: dict[str, str], media: Media, column_width: float):
        self.ids, self.media, self.column_width = ids, media, column_width
        self.out: list[str] = []

    def spans(self, spans: Paragraph) -> str:
        out = []
        for span in spans:
            name = char_style(span)
            out.append(run(span.text, self.ids[name] if name else None))
        return "".join(out)

    def para(self, style: str, content: str, sect_pr: str = "") -> None:
        self.out.append(paragraph(self.ids[style], content, sect_pr))

    def text(self, style: str, text: str) -> None:
        self.para(style, run(text))

    def head(self, doc: Document, layout: Layout) -> None:
        """Masthead (when the layout has one), kicker, title, lead, interviewee."""
        fields = doc.fields()
        if layout.masthead:
            self.text("Masthead", plain(str(layout.masthead.get("text", "")), fields))
            info = plain(str(layout.masthead.get("info", "")), fields)
            if info:
                self.text("Masthead Info", info)
        if doc.kicker:
            self.text("Kicker", doc.kicker)
        self.text("Title", doc.title)
        for lead in doc.lead:
            self.para("Lead", self.spans(lead))
        for person in doc.interviewees:
            line = " – ".join(x for x in (person.name or person.label, person.title) if x)
            self.text("Interviewee", line)

    def blocks(self, doc: Document) -> None:
        turn = "Body Text"
        for block in doc.blocks:
            if isinstance(block, Turn):
                turn = "Question" if block.kind == "q" else "Answer"
                for p in block.paragraphs:
                    self.para(turn, self.spans(p))
            elif isinstance(block, Paragraphs):
                for p in block.paragraphs:
                    self.para(turn, self.spans(p))
            elif isinstance(block, Figure):
                self.figure(block)
            elif isinstance(block, Quote):
                for p in block.paragraphs:
                    self.para("Pull Quote", self.spans(p))
                if block.speaker:
                    self.text("Pull Quote", f"— {block.speaker.name or block.speaker.label}")
            elif isinstance(block, Heading):
                self.para("Heading 1", self.spans(block.text))
            else:  # a block kind added to the model later must not vanish silently
                raise TypeError(f"the DOCX writer cannot render {type(block).__name__}")
        if doc.byline:
            self.text("Byline", doc.byline)

    def figure(self, figure: Figure) -> None:
        self.para("Figure", self.media.drawing(figure, self.column_width))
        content = self.spans(figure.caption)
        if figure.credit:
            content += run(" ") + run(f"Ảnh: {figure.credit}", self.ids["Credit"])
        self.para("Caption", content)
