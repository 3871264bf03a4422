"""document.xml body: the model's blocks as paragraphs that carry style references only."""

from __future__ import annotations

from pipeline.layouts import Layout
from pipeline.model import Document, Figure, Heading, Paragraph, Paragraphs, Quote, Turn
from pipeline.writers.docx.contract import variant
from pipeline.writers.docx.figures import Media
from pipeline.writers.docx.running import plain
from pipeline.writers.docx.xml import paragraph, run


def char_style(span, bold: bool = False, italic: bool = False) -> str | None:
    """The contract character style of a span (its inline markup, or the turn's label) inside
    a paragraph style that is ``bold``/``italic``: a variant that does not set those again."""
    if span.speaker:
        role = "Speaker"
    elif span.bold and span.italic:
        role = "Strong Emphasis"
    elif span.bold:
        role = "Strong"
    elif span.italic:
        role = "Emphasis"
    else:
        return None
    return variant(role, bold, italic)


class Body:
    """Writes paragraphs; ``ids`` maps contract style names to the style sheet's ids,
    ``toggles`` paragraph style names to the (bold, italic) they set."""

    def __init__(self, ids: dict[str, str], toggles: dict[str, tuple[bool, bool]],
                 media: Media, column_width: float):
        self.ids, self.toggles, self.media = ids, toggles, media
        self.column_width = column_width
        self.out: list[str] = []

    def spans(self, spans: Paragraph, style: str) -> str:
        out = []
        bold, italic = self.toggles.get(style, (False, False))
        for span in spans:
            name = char_style(span, bold, italic)
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
            self.para("Lead", self.spans(lead, "Lead"))
        for person in doc.interviewees:
            line = " – ".join(x for x in (person.name or person.label, person.title) if x)
            self.text("Interviewee", line)

    def blocks(self, doc: Document) -> None:
        turn = "Body Text"
        for block in doc.blocks:
            if isinstance(block, Turn):
                turn = "Question" if block.kind == "q" else "Answer"
                for p in block.paragraphs:
                    self.para(turn, self.spans(p, turn))
            elif isinstance(block, Paragraphs):
                for p in block.paragraphs:
                    self.para(turn, self.spans(p, turn))
            elif isinstance(block, Figure):
                self.figure(block)
            elif isinstance(block, Quote):
                for p in block.paragraphs:
                    self.para("Pull Quote", self.spans(p, "Pull Quote"))
                if block.speaker:
                    self.text("Pull Quote", f"— {block.speaker.name or block.speaker.label}")
            elif isinstance(block, Heading):
                self.para("Heading 1", self.spans(block.text, "Heading 1"))
            else:  # a block kind added to the model later must not vanish silently
                raise TypeError(f"the DOCX writer cannot render {type(block).__name__}")
        if doc.byline:
            self.text("Byline", doc.byline)

    def figure(self, figure: Figure) -> None:
        self.para("Figure", self.media.drawing(figure, self.column_width))
        content = self.spans(figure.caption, "Caption")
        if figure.credit:
            content += run(" ") + run(f"Ảnh: {figure.credit}", self.ids["Credit"])
        self.para("Caption", content)
