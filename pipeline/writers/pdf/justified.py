"""Justified paragraphs broken total-fit (linebreak.py), set by word spaces and glyph scaling."""

from __future__ import annotations

import copy
import re

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import Paragraph, _wsc

from pipeline.writers.pdf.flowables import Marked
from pipeline.writers.pdf.kerning import kerns, show
from pipeline.writers.pdf.linebreak import Fit, break_lines

_SPLIT = re.compile(f"([{re.escape(_wsc)}]+)").split  # ReportLab's spaces; U+00A0 binds
_PLAIN = ("cbDefn", "link", "us_lines", "backColor", "lineBreak", "rise")
_widths: dict[tuple, float] = {}


def width_of(text: str, font: str, size: float) -> float:
    key = (text, font, size)
    w = _widths.get(key)
    if w is None:
        if len(_widths) > 200_000:  # a long-running server: stay bounded
            _widths.clear()
        w = _widths[key] = stringWidth(text, font, size)
    return w


def can_set(frags) -> bool:
    """Fragments this flowable draws as ReportLab would: text in faces, sizes and colours."""
    return bool(frags) and all(not any(getattr(f, a, None) for a in _PLAIN) for f in frags)


class Words:
    """A paragraph's words: each a list of (fragment, text, kerning) pieces, its width, and
    the fragment and width of the space after it (None after the last word). ``kern``: the
    font's kerning inside words (kerning.py); else a piece's kerning is None. ``inside``:
    for each space, whether it is inside a Vietnamese word (see ``mark_inside``), or None."""

    inside: list[bool] | None = None

    def __init__(self, frags, kern: bool = False):
        self.pieces: list[list[tuple]] = []
        self.space_frag: list = []
        word: list[tuple] = []
        for frag in frags:
            for i, part in enumerate(_SPLIT(frag.text)):
                if i % 2:  # white space: ends the word, if any
                    if word:
                        self.pieces.append(word)
                        self.space_frag.append(frag)
                        word = []
                elif part:
                    word.append((frag, part, kerns(part, frag.fontName) if kern else None))
        if word:
            self.pieces.append(word)
            self.space_frag.append(None)
        elif self.space_frag:
            self.space_frag[-1] = None  # trailing white space
        self.boxes = [sum(width_of(t, f.fontName, f.fontSize)
                          + (sum(k) * f.fontSize / 1000 if k else 0.0) for f, t, k in w)
                      for w in self.pieces]
        self.gaps = [width_of(" ", f.fontName, f.fontSize) if f is not None else 0.0
                     for f in self.space_frag]
        self.spaces = [f is not None for f in self.space_frag]

    def part(self, lo: int, hi: int) -> "Words":
        """Words ``lo:hi`` of these."""
        out = copy.copy(self)
        for name in ("pieces", "boxes", "gaps", "spaces", "space_frag"):
            setattr(out, name, getattr(self, name)[lo:hi])
        if self.inside is not None:
            out.inside = self.inside[lo:hi]
        return out

    def mark_inside(self, text: str) -> None:
        """Which spaces of these words (syllables), ``text`` being theirs, are inside a
        Vietnamese word (pipeline/segment.py)."""
        from pipeline import segment

        joins = segment.joins(text)
        if len(joins) == len(self.pieces) - 1 and "1" in joins:
            self.inside = [j == "1" for j in joins] + [False]

    def cut_long(self, width: float) -> "Words":
        """These words with each one wider than ``width`` cut where it must (no space)."""
        if all(b <= width for b in self.boxes):
            return self
        out = copy.copy(self)
        out.pieces, out.boxes, out.gaps, out.spaces, out.space_frag = [], [], [], [], []
        inside = self.inside or [False] * len(self.pieces)
        out.inside = [] if self.inside is not None else None
        for pieces, box, gap, space, frag, joined in zip(self.pieces, self.boxes, self.gaps,
                                                         self.spaces, self.space_frag, inside):
            chunks = _chunks(pieces, width) if box > width else [(pieces, box)]
            for k, (chunk, w) in enumerate(chunks):
                last = k == len(chunks) - 1
                if out.inside is not None:
                    out.inside.append(joined and last)
                out.pieces.append(chunk)
                out.boxes.append(w)
                out.gaps.append(gap if last else 0.0)
                out.spaces.append(space if last else False)
                out.space_frag.append(frag if last else None)
        return out


def _text(frags) -> str:
    return "".join(f.text for f in frags)


def _chunks(pieces, width: float) -> list[tuple[list, float]]:
    """A word too wide for a line as lines' worth of its characters (unkerned)."""
    out, chunk, used = [], [], 0.0
    for frag, text, _ in pieces:
        for ch in text:
            w = width_of(ch, frag.fontName, frag.fontSize)
            if chunk and used + w > width:
                out.append((chunk, used))
                chunk, used = [], 0.0
            if chunk and chunk[-1][0] is frag:
                chunk[-1] = (frag, chunk[-1][1] + ch, None)
            else:
                chunk.append((frag, ch, None))
            used += w
    out.append((chunk, used))
    return out


def broken_at(para, width: float) -> bool:
    """Whether justified ``para`` is broken for ``width`` (to a micropoint: a frame's
    width and the geometry's differ in their last bits)."""
    done = getattr(para, "_broken_at", None)
    return done is not None and abs(done - width) < 1e-6


class _Lines:
    """What ReportLab's paragraphs keep as ``blPara``, as far as callers look: the lines."""

    kind = 1

    def __init__(self, lines):
        self.lines = lines


class Justified(Paragraph):
    """A justified paragraph whose lines are chosen together (total fit), each set to the
    full width by its word spaces and, within ``fit.expand``, by scaling its glyphs (Tz);
    the last line at natural width. Splits between the lines it has broken."""

    def __init__(self, text, style, bulletText=None,  # noqa: N803 (ReportLab's name)
                 frags=None, fit: Fit | None = None, kern: bool = False):
        Paragraph.__init__(self, text, style, bulletText, frags)  # not Marked's (see below)
        self.fit, self.kern = fit or Fit(), kern
        self._words = None  # the words to set: all the paragraph's, or a split part's
        if self.fit.word_break_penalty and frags:
            from pipeline import segment

            segment.expect(_text(frags))
        self._first, self._ends = True, True  # holds the paragraph's first, last line
        self._broken_at = None

    def wrap(self, aW, aH):
        if not broken_at(self, aW):
            self._break(aW)
        self.width = aW
        return aW, self.height

    def _break(self, aW) -> None:
        s = self.style
        if self._words is None:
            self._words = Words(self.frags, self.kern)
            if self.fit.word_break_penalty:
                self._words.mark_inside(_text(self.frags))
        rest = aW - s.leftIndent - s.rightIndent
        self._widths = (rest - (s.firstLineIndent if self._first else 0), rest)
        self._set = words = self._words.cut_long(min(self._widths))
        letters = None
        if self.fit.letter_space:  # counted only if the breaker needs them (a loose text)
            letters = (lambda: [sum(len(t) for _, t, _ in w) for w in words.pieces],
                       self.fit.letter_space * s.fontSize)
        lines = break_lines(words.boxes, words.gaps, words.spaces, self._widths, self.fit,
                            words.inside, letters)
        self._lines = [(ln.start, ln.stop, not self._ends or ln.stop < len(words.boxes))
                       for ln in lines]
        self._broken_at = aW
        self.blPara = _Lines(self._lines)
        self.height = len(self._lines) * s.leading

    def split(self, aW, aH):
        if not self.frags or aW <= 0 or aH <= 0:
            return []
        self.wrap(aW, aH)
        s = self.style
        fit_lines = int(aH / s.leading)
        n = len(self._lines)
        if n <= fit_lines:
            return [self]
        if fit_lines == 0 or (fit_lines <= 1 and not s.allowOrphans):
            return []
        if not s.allowWidows and n == fit_lines + 1:
            if n > 3 or (s.allowOrphans and n == 3):
                fit_lines -= 1
            else:
                return []
        head = self._part(0, fit_lines)
        head._splitpara = 1
        return [head, self._part(fit_lines, n)]

    def _part(self, i: int, j: int) -> "Justified":
        """Lines ``i:j`` as a paragraph of their own, already broken at this width."""
        part = copy.copy(self)
        for state in ("_postponed", "_splitpara", "_frame"):  # the layout's marks on self
            part.__dict__.pop(state, None)
        part._whole = getattr(self, "_whole", self)  # the paragraph the part comes from
        lo, hi = self._lines[i][0], self._lines[j - 1][1]
        part._words = part._set = self._set.part(lo, hi)
        part._first = self._first and i == 0
        if not part._first:
            part._widths = (self._widths[1], self._widths[1])
        part._ends = self._ends and j == len(self._lines)
        part._lines = [(a - lo, b - lo, justify) for a, b, justify in self._lines[i:j]]
        part.blPara = _Lines(part._lines)
        part.height = len(part._lines) * self.style.leading
        return part

    def draw(self):
        canv, s, words = self.canv, self.style, self._set
        leading = s.leading
        y = self.height - s.fontSize
        tx = canv.beginText(s.leftIndent + (s.firstLineIndent if self._first else 0), y)
        font = size = color = None
        scale, word_space, char_space = 100.0, 0.0, 0.0
        for k, (lo, hi, justify) in enumerate(self._lines):
            width = self._widths[0 if k == 0 else 1]
            if k:
                tx.setTextOrigin(s.leftIndent, y)
            runs = _runs(words, lo, hi)
            new_scale, new_space = (
                _spacing(words, lo, hi, width, self.fit) if justify else (100.0, 0.0))
            new_char = 0.0
            if justify and self.fit.letter_space:
                new_space, new_char = _letter_spacing(
                    words, lo, hi, new_space, sum(len(text) for _, text, _ in runs) - 1,
                    self.fit, s.fontSize)
            if new_scale != scale:
                tx.setHorizScale(new_scale)
                scale = new_scale
            if new_space != word_space:
                tx.setWordSpace(new_space)
                word_space = new_space
            if new_char != char_space:
                tx.setCharSpace(new_char)
                char_space = new_char
            for frag, text, adjust in runs:
                if frag.fontName != font or frag.fontSize != size:
                    font, size = frag.fontName, frag.fontSize
                    tx.setFont(font, size, leading)
                if frag.textColor is not color and frag.textColor != color:
                    color = frag.textColor
                    tx.setFillColor(color)
                if adjust:
                    show(tx, text, adjust)
                else:
                    tx._textOut(text)
            y -= leading
        if scale != 100.0:
            tx.setHorizScale(100.0)
        if word_space:
            tx.setWordSpace(0)
        if char_space:
            tx.setCharSpace(0)
        canv.drawText(tx)


def _runs(words: Words, lo: int, hi: int) -> list[tuple]:
    """(fragment, text, kerning or None) runs of words ``lo:hi`` with the spaces between
    them, merged where the fragments print alike."""
    runs: list[tuple] = []
    frag, texts, adjust, length = None, [], None, 0
    pieces, spaces, space_frag = words.pieces, words.spaces, words.space_frag
    for i in range(lo, hi):
        parts = pieces[i]
        if i < hi - 1 and spaces[i]:
            parts = [*parts, (space_frag[i], " ", None)]
        for f, text, kern in parts:
            if f is not frag and not (frag is not None and _alike(frag, f)):
                if frag is not None:
                    runs.append((frag, "".join(texts), adjust))
                frag, texts, adjust, length = f, [], None, 0
            if kern:
                if adjust is None:
                    adjust = [0.0] * length
                adjust.extend(kern)
            elif adjust is not None:
                adjust.extend([0.0] * len(text))
            texts.append(text)
            length += len(text)
    if frag is not None:
        runs.append((frag, "".join(texts), adjust))
    return runs


def _alike(f, g) -> bool:
    return f is g or (f.fontName == g.fontName and f.fontSize == g.fontSize
                      and (f.textColor is g.textColor or f.textColor == g.textColor))


def _spacing(words: Words, lo: int, hi: int, width: float, fit: Fit) -> tuple[float, float]:
    """(horizontal scale %, extra word space) that set words ``lo:hi`` at ``width``: the
    line's stretch (or shrink) shared by its spaces and its glyphs in proportion to what
    each may give, glyphs never scaled past ``fit.expand``; spaces take the rest."""
    box = sum(words.boxes[lo:hi])
    gaps = [words.gaps[i] for i in range(lo, hi - 1) if words.spaces[i]]
    space = sum(gaps)
    excess = width - box - space
    give = space * (fit.stretch if excess > 0 else fit.shrink) + box * fit.expand
    ratio = excess / give if give else 0.0
    expand = max(-fit.expand, min(fit.expand, ratio * fit.expand))
    if not gaps:
        expand = max(-fit.expand, min(fit.expand, excess / box)) if box else 0.0
        return round(100 * (1 + expand), 3), 0.0
    scale = round(100 * (1 + expand), 3)
    extra = (width * 100 / scale - box - space) / len(gaps)
    return scale, round(extra, 4)


def _letter_spacing(words: Words, lo: int, hi: int, extra: float, glyphs: int, fit: Fit,
                    size: float) -> tuple[float, float]:
    """(extra word space, space after each glyph) for words ``lo:hi`` set with ``extra``
    word space (_spacing's) and ``glyphs`` glyphs followed by another on the line: where
    the spaces would print wider than all their stretch (``fit.stretch``; the text left no
    better breaking), the letters take the rest, each at most ``fit.letter_space`` of
    ``size``, as InDesign's letter spacing does (TeX would leave the spaces that wide). A
    space between words then prints its own width, the word space and two letter spaces
    (after the word's last glyph, after the space): those count against the stretch."""
    gaps = [words.gaps[i] for i in range(lo, hi - 1) if words.spaces[i]]
    n = len(gaps)
    if not n or glyphs <= 2 * n:
        return extra, 0.0
    allowed = fit.stretch * sum(gaps)
    if extra * n <= allowed:
        return extra, 0.0
    char = round(min(fit.letter_space * size, (extra * n - allowed) / (glyphs - 2 * n)), 4)
    return round(extra - char * glyphs / n, 4), char


class JustifiedMarked(Justified, Marked):
    """A justified paragraph that adds an outline entry (bookmark) where its first line is
    drawn, as ``Marked`` does (a question)."""

    def __init__(self, text, style, outline: tuple[str, str, int] | None = None,
                 offset: float = 0.0, frags=None, fit: Fit | None = None, kern: bool = False):
        Justified.__init__(self, text, style, frags=frags, fit=fit, kern=kern)
        self._outline, self._offset = outline, offset

    def draw(self):
        self.bookmark()
        Justified.draw(self)

    def split(self, aW, aH):
        parts = Justified.split(self, aW, aH)
        for later in parts[1:]:
            later._outline = None
        return parts
