"""The DOCX style contract: every style name the writer uses, its kind and its purpose."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContractStyle:
    name: str  # the name users see and restyle (docs/styles.md)
    kind: str  # "paragraph" | "character"
    word_name: str  # w:name as Word spells its built-ins ("heading 1", "caption")
    style_id: str  # w:styleId in the default style sheet
    purpose: str


def _s(name, kind, purpose, word_name=None):
    return ContractStyle(name, kind, word_name or name, name.title().replace(" ", ""), purpose)


STYLES = (
    _s("Normal", "paragraph", "Base of every paragraph style: body font and size, no spacing."),
    _s("Body Text", "paragraph", "Running text outside any turn (a `p` block before the first "
       "question or answer); base of Answer and Question."),
    _s("Question", "paragraph", "Every paragraph of a question turn (`q`); kept with the next "
       "paragraph so a question never ends a column."),
    _s("Answer", "paragraph", "Every paragraph of an answer turn (`a`) and the `p` blocks that "
       "continue it."),
    _s("Title", "paragraph", "The headline (`title`)."),
    _s("Kicker", "paragraph", "The small line above the headline (`kicker`)."),
    _s("Lead", "paragraph", "The standfirst under the headline (`lead`)."),
    _s("Interviewee", "paragraph", "Name and office of the person interviewed, under the lead."),
    _s("Byline", "paragraph", "The author's name (`byline`), after the interview."),
    _s("Figure", "paragraph", "The paragraph holding a photo, at column width; kept with its "
       "caption."),
    _s("Caption", "paragraph", "A photo's caption, with its credit.", "caption"),
    _s("Pull Quote", "paragraph", "A pull quote or motto (`quote`), set apart from the text."),
    _s("Heading 1", "paragraph", "A section heading inside the interview (`heading`); kept with "
       "the next paragraph.", "heading 1"),
    _s("Header", "paragraph", "The running header (page top).", "header"),
    _s("Footer", "paragraph", "The running footer with \"Trang N/M\" (page bottom).", "footer"),
    _s("Masthead", "paragraph", "The publication's name in the newsletter's masthead band."),
    _s("Masthead Info", "paragraph", "Issue and date in the masthead band."),
    _s("Speaker", "character", "A turn's label (\"P.V:\"), before the first words of the turn."),
    _s("Strong", "character", "Bold from the source's `**bold**`."),
    _s("Emphasis", "character", "Italic from the source's `*italic*`."),
    _s("Strong Emphasis", "character", "Bold italic from `***both***`."),
    _s("Credit", "character", "A photo credit (\"Ảnh: …\") at the end of its caption."),
    _s("Speaker in Bold", "character", "A turn's label inside a bold paragraph style "
       "(Question): sets no bold, which the paragraph gives."),
    _s("Strong in Bold", "character", "`**bold**` inside a bold paragraph style (Question, Lead, "
       "Pull Quote, Heading 1): sets no bold."),
    _s("Strong Emphasis in Bold", "character", "`***both***` inside a bold paragraph style: "
       "italic only."),
    _s("Emphasis in Italic", "character", "`*italic*` inside an italic paragraph style: sets no "
       "italic."),
    _s("Strong Emphasis in Italic", "character", "`***both***` inside an italic paragraph "
       "style: bold only."),
    _s("Strong Emphasis in Bold Italic", "character", "`***both***` inside a bold italic "
       "paragraph style: sets neither."),
)
BY_NAME = {s.name: s for s in STYLES}

# Bold and italic are toggles in Word (ECMA-376 17.7.3): set in a character style, they flip
# what the paragraph style sets, so a bold character style inside a bold paragraph shows
# regular weight. Each inline style therefore has variants that leave out what the
# paragraph style already sets; LibreOffice, which does not toggle, shows the same.
TOGGLES = {"Speaker": ("bold",), "Strong": ("bold",), "Emphasis": ("italic",),
           "Strong Emphasis": ("bold", "italic")}


def variant(role: str, bold: bool, italic: bool) -> str:
    """The character style for ``role`` (a TOGGLES key) inside a paragraph style that is
    ``bold`` and/or ``italic``: the role itself, or its variant without those properties."""
    clash = [p for p in TOGGLES[role] if (bold, italic)[p == "italic"]]
    return f"{role} in {' '.join(p.title() for p in clash)}" if clash else role


def split(name: str) -> tuple[str, tuple[str, ...]]:
    """A character style's role and the properties it leaves out ("Strong in Bold" ->
    ("Strong", ("bold",)))."""
    role, _, rest = name.partition(" in ")
    return role, tuple(rest.lower().split())


def key(name: str) -> str:
    """Style names compare without case and spaces ("heading 1" is "Heading 1")."""
    return "".join(name.split()).casefold()
