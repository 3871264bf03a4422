"""Display paragraphs (headline, kicker, quotes, headings, captions): lines break only
between Vietnamese words (segment.py) and are balanced, as CSS ``text-wrap: balance``."""

from __future__ import annotations

from reportlab.platypus.paragraph import Paragraph

from pipeline import segment
from pipeline.writers.pdf.flowables import Marked, Para

NBSP = "\xa0"  # ReportLab breaks lines at its white space (_wsc), never at U+00A0
PRECISION = 0.5  # points: how close to the narrowest width of the same line count
STYLES = ("Title", "Kicker", "Pull Quote", "Heading 1", "Caption", "Interviewee")
MAX_CHARS = 600  # longer text is no display line (a source's mistake): filled as body text


def bind(frags, words: str | None = None) -> list:
    """``frags`` with each white-space gap inside a word (segment.joins of ``words``, by
    default of the fragments' text) turned into no-break spaces; the fragments themselves
    are left as they are (copies where a gap changes)."""
    text = "".join(getattr(f, "text", "") for f in frags)
    gaps = list(segment.GAP.finditer(text))
    if not gaps or text.strip() != text or NBSP in text:
        return list(frags)  # leading or trailing space, or bound by its author: as it is
    inside = segment.joins(words if words is not None else text)
    if len(inside) != len(gaps) or "1" not in inside:
        return list(frags)
    chars = list(text)
    for gap, joined in zip(gaps, inside):
        if joined == "1":
            chars[gap.start():gap.end()] = NBSP * (gap.end() - gap.start())
    out, at = [], 0
    for f in frags:
        t = getattr(f, "text", "")
        new = "".join(chars[at:at + len(t)])
        at += len(t)
        out.append(f.clone(text=new) if new != t else f)
    return out


def display(style_name: str, text: str, cls=Para):
    """The class that sets ``text`` in ``style_name``: a balanced one for display styles
    (``Balanced``, or ``BalancedMarked`` for ``Marked``), else ``cls``."""
    if style_name not in STYLES or len(text) > MAX_CHARS or cls not in (Para, Marked):
        return cls
    return BalancedMarked if cls is Marked else Balanced


class Balanced(Para):
    """A display paragraph: no line ends inside a word, and the lines are as narrow as they
    can be while their count stays that of filling each line (the widest line as short as
    possible), so that they come out of similar length. Prints ordinary spaces."""

    _bound = None  # the fragments with no-break spaces inside words
    _binds = False  # some are ours (else any no-break space is the author's, and prints)
    balance = True

    def __init__(self, text, style, bulletText=None, frags=None,  # noqa: N803 (ReportLab's)
                 words: str | None = None):
        super().__init__(text, style, bulletText=bulletText, frags=frags)
        self._words = words  # the text to segment, when the fragments' is transformed (caps)
        text = words if words is not None else "".join(getattr(f, "text", "")
                                                        for f in self.frags)
        if NBSP not in text:  # else a part of a split paragraph, bound already
            segment.expect(text)

    def wrap(self, aW, aH):
        if aW == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        if self._bound is None:
            self._bound = bind(self.frags, self._words)
            self._binds = any(a is not b for a, b in zip(self._bound, self.frags))
        self.frags = self._bound
        s = self.style
        full = aW - s.leftIndent - s.rightIndent
        found = _balanced(self, full, s.firstLineIndent) if self.balance and full > 0 else None
        if found is not None:  # ReportLab broke once, at the balanced width
            self.blPara = found
            width, height = aW, len(found.lines) * s.leading
        else:
            width, height = Paragraph.wrap(self, aW, aH)
            lines = self.blPara.lines
            if self.balance and len(lines) > 1 and full > 0:
                self.blPara = _narrowest(self, full, len(lines), s.firstLineIndent)
        self._wrapped_at, self.width, self.height = aW, width, height  # breakLines resets
        self._printed = _spaces(self.blPara) if self._binds else self.blPara
        return width, height

    def draw(self):
        bound = self.blPara
        self.blPara = self._printed
        try:
            super().draw()
        finally:
            self.blPara = bound

    def split(self, aW, aH):
        self.wrap(aW, aH)
        parts = Paragraph.split(self, aW, aH)  # from the no-break lines: parts stay bound
        if len(parts) > 1:
            for part in parts:
                part._bound, part._binds, part.balance = part.frags, self._binds, False
                part.__dict__.pop("blPara", None)
                part._wrapped_at = None
        return parts


class BalancedMarked(Balanced, Marked):
    """A balanced display paragraph with an outline entry (a heading), as ``Marked``."""

    def __init__(self, text, style, bulletText=None, frags=None,  # noqa: N803
                 outline: tuple[str, str, int] | None = None, offset: float = 0.0,
                 words: str | None = None):
        Balanced.__init__(self, text, style, bulletText=bulletText, frags=frags, words=words)
        self._outline, self._offset = outline, offset

    def draw(self):
        bound = self.blPara
        self.blPara = self._printed
        try:
            Marked.draw(self)
        finally:
            self.blPara = bound

    def split(self, aW, aH):
        parts = Balanced.split(self, aW, aH)
        for i, part in enumerate(parts):
            part._outline, part._offset = (self._outline if i == 0 else None), self._offset
        return parts


KERN_SLACK = 1.03  # kerning makes a line this much narrower than its glyphs' widths, at most


def _balanced(para, full: float, indent: float):
    """The balanced lines, ReportLab breaking only once: when the words' widths say how
    many lines filling gives, and say it clearly (kerning could not make one fewer); else
    None, and the paragraph is filled first (``_narrowest``)."""
    measured = _measure(para)
    if measured is None:
        return None
    boxes, gaps = measured
    count = _count(boxes, gaps, full - indent, full)
    fixed = getattr(para.style, "autoLeading", "") in ("", "off", None)  # height: n leadings
    slack = _count(boxes, gaps, (full - indent) * KERN_SLACK, full * KERN_SLACK)
    if count < 2 or count != slack or not fixed:
        return None
    width = _search(boxes, gaps, full, count, indent)
    trial = para.breakLines([width - indent, width])
    if len(trial.lines) != count:
        return None
    _widen(trial, full - width)
    return trial


def _measure(para):
    """The widths of the paragraph's words and of the spaces after them, once."""
    from pipeline.writers.pdf.justified import Words

    if "_measured" not in para.__dict__:
        try:
            words = Words(para._bound)  # not para.frags: ReportLab's shaped words by now
            para._measured = (words.boxes, words.gaps)
        except AttributeError:  # a fragment without text (an image): as filled
            para._measured = None
    return para._measured


def _search(boxes, gaps, hi: float, count: int, indent: float) -> float:
    """The narrowest width (to ``PRECISION``) that fills the words into ``count`` lines,
    by bisection: fewer lines never come from a narrower width."""
    lo = max(max(boxes, default=0.0), (sum(boxes) + sum(gaps)) / count - max(gaps, default=0))
    while hi - lo > PRECISION:
        mid = (lo + hi) / 2
        if _count(boxes, gaps, mid - indent, mid) <= count:
            hi = mid
        else:
            lo = mid
    return hi


def _narrowest(para, full: float, count: int, indent: float):
    """The lines at the narrowest width that still gives ``count`` lines (those ReportLab
    filled at ``full``), unused space measured from ``full``."""
    greedy = para.blPara
    measured = _measure(para)
    if measured is None:
        return greedy
    hi = _search(*measured, max(_used(line, full) for line in greedy.lines), count, indent)
    for width in (hi, hi + PRECISION, hi + 2 * PRECISION):
        trial = para.breakLines([width - indent, width])
        if len(trial.lines) == count:
            _widen(trial, full - width)
            return trial
    return greedy


def _count(boxes, gaps, first: float, rest: float) -> int:
    """Lines of words filled greedily into ``first``, then ``rest`` wide."""
    lines, used, width = 1, 0.0, first
    for i, box in enumerate(boxes):
        if used and used + gaps[i - 1] + box > width + 1e-6:
            lines, used, width = lines + 1, box, rest
        else:
            used += (gaps[i - 1] if used else 0.0) + box
    return lines


def _used(line, full: float) -> float:
    return full - (line[0] if isinstance(line, tuple) else line.extraSpace)


def _widen(blpara, extra: float) -> None:
    """Unused space of lines broken at a narrower width, as measured from the full one
    (alignment: centred and right-aligned lines sit where the full width puts them)."""
    for i, line in enumerate(blpara.lines):
        if isinstance(line, tuple):
            blpara.lines[i] = (line[0] + extra, *line[1:])
        else:
            line.extraSpace += extra


def _spaces(blpara):
    """The lines as they print: ordinary spaces where no-break ones held words together
    (text extraction gives the source's spaces)."""
    import copy

    out = copy.copy(blpara)
    lines = []
    for line in blpara.lines:
        if isinstance(line, tuple):
            words = line[1]
            if any(NBSP in w for w in words):
                words = [w.replace(NBSP, " ") for w in words]
            lines.append((line[0], words, *line[2:]))
        else:
            new = copy.copy(line)
            new.words = [w.clone(text=w.text.replace(NBSP, " "))
                         if NBSP in getattr(w, "text", "") else w for w in line.words]
            lines.append(new)
    out.lines = lines
    return out


def display_text(text: str, style, style_name: str, markup: str | None = None):
    """Plain ``text`` as a paragraph in ``style`` (a ReportLab style of layout style
    ``style_name``): balanced where that is a display style. ``markup``: the paragraph's
    markup when it is more than ``text`` escaped (faces); its text must be ``text``."""
    from pipeline.writers.pdf.markup import escape

    cls = display(style_name, text)
    body = escape(text) if markup is None else markup
    return cls(body, style, words=text) if cls is not Para else Paragraph(body, style)
