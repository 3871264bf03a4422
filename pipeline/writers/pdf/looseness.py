"""Justified paragraphs set a line shorter or longer within the layout's tolerances (TeX's looseness)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.writers.pdf.justified import broken_at

LINE_PENALTY = 10  # as linebreak.py: demerits of a line are (LINE_PENALTY + badness) ** 2


@dataclass
class Tightening:
    """A paragraph's lines reset (one fewer, or a given count): ``cost`` the demerits it
    adds (the least first)."""

    para: object
    lines: list  # (start, stop, justify) as Justified keeps them
    cost: float
    saved: tuple = ()
    start: int = 0  # the column the paragraph begins in (holes.py)

    def apply(self) -> None:
        from pipeline.writers.pdf.justified import _Lines

        p = self.para
        if self.saved:
            return
        self.saved = (p._lines, p.blPara, p.height)
        p._lines, p.blPara = self.lines, _Lines(self.lines)
        p.height = len(self.lines) * p.style.leading

    def undo(self) -> None:
        if self.saved:
            p = self.para
            p._lines, p.blPara, p.height = self.saved
            self.saved = ()


def tightenings(paragraphs, width: float) -> list[Tightening]:
    """For each whole justified paragraph (broken at ``width``) that can lose a line with
    every line within the tolerances (word spaces shrunk at most ``fit.shrink``, stretched
    at most ``fit.tolerance`` times ``fit.stretch``; glyphs within ``fit.expand``; no
    shorter last line than ``fit.min_last`` words), its fewest-lines breaking; the least
    costly first."""
    out = []
    for para in paragraphs:
        if not broken_at(para, width) or not para._first or not para._ends:
            continue
        words, fit = para._set, para.fit
        found = fewest_lines(words.boxes, words.gaps, words.spaces, para._widths, fit)
        if found is None or len(found[0]) >= len(para._lines):
            continue
        breaks, demerits = found
        n = len(words.boxes)
        lines = [(a, b, b < n) for a, b in breaks]
        out.append(Tightening(para, lines, demerits - _demerits(para, words, fit)))
    out.sort(key=lambda t: t.cost)
    return out


def reset(para, width: float, count: int, tolerance: float) -> Tightening | None:
    """The breaking of a whole justified ``para`` (broken at ``width``) into exactly
    ``count`` lines with the least demerits, every line's stretch ratio within
    ``tolerance`` (and the shrink and glyph limits, no shorter last line than
    ``fit.min_last`` words, in-word breaks costing as in linebreak.py); None when there is
    none."""
    if not broken_at(para, width) or not para._first or not para._ends:
        return None
    words, fit = para._set, para.fit
    found = with_lines(words, para._widths, fit, count, tolerance)
    if found is None:
        return None
    breaks, demerits = found
    n = len(words.boxes)
    now = _demerits(para, words, fit)
    if fit.word_break_penalty and words.inside:
        now += float(fit.word_break_penalty) ** 2 * sum(
            words.inside[b - 1] for _, b, _ in para._lines if b < n)
    return Tightening(para, [(a, b, b < n) for a, b in breaks], demerits - now)


def with_lines(words, widths, fit, count: int, tolerance: float):
    """(lines as (start, stop) word ranges, demerits): the breaking of ``words`` into
    ``count`` lines with the least demerits, within the limits ``reset`` names; None."""
    boxes, n = words.boxes, len(words.boxes)
    if n == 0 or count < 1 or count > n or max(boxes) > min(widths):
        return None
    W, G = [0.0] * (n + 1), [0.0] * (n + 1)
    for i in range(n):
        W[i + 1] = W[i] + boxes[i]
        G[i + 1] = G[i] + (words.gaps[i] if words.spaces[i] else 0.0)
    inside = words.inside
    penalty = float(fit.word_break_penalty) ** 2 if inside else 0.0
    min_last = min(fit.min_last, n)
    layer: dict[int, float] = {0: 0.0}
    back: list[dict[int, int]] = []
    for k in range(count):
        width = widths[0] if k == 0 else widths[1]
        final = k == count - 1
        nxt: dict[int, float] = {}
        came: dict[int, int] = {}
        for a, demerits in layer.items():
            stops = [n] if final else range(a + 1, n)
            for b in stops:
                if final and b - a < min_last:
                    continue
                ratio = _ratio(W[b] - W[a], G[b - 1] - G[a], width, fit, final=b == n)
                if ratio is None:
                    break
                if ratio > tolerance:
                    continue
                total = demerits + (LINE_PENALTY + 100 * abs(ratio) ** 3) ** 2
                if penalty and b < n and inside[b - 1]:
                    total += penalty
                if b not in nxt or total < nxt[b]:
                    nxt[b], came[b] = total, a
        if not nxt:
            return None
        layer = nxt
        back.append(came)
    if n not in layer:
        return None
    out, b = [], n
    for came in reversed(back):
        a = came[b]
        out.append((a, b))
        b = a
    return out[::-1], layer[n]


def fewest_lines(boxes, gaps, spaces, widths, fit):
    """(lines as (start, stop) word ranges, demerits): the breaking with the fewest lines,
    each within the tolerances, the least demerits among those; None when a word is wider
    than its line or no breaking keeps within them."""
    n = len(boxes)
    if n == 0 or max(boxes) > min(widths):
        return None
    W, G = [0.0] * (n + 1), [0.0] * (n + 1)
    for i in range(n):
        W[i + 1] = W[i] + boxes[i]
        G[i + 1] = G[i] + (gaps[i] if spaces[i] else 0.0)
    min_last = min(fit.min_last, n)
    best: list[tuple[int, float, int] | None] = [None] * (n + 1)  # (lines, demerits, from)
    best[0] = (0, 0.0, -1)
    for a in range(n):
        if best[a] is None:
            continue
        lines, demerits, _ = best[a]
        width = widths[0] if a == 0 else widths[1]
        for b in range(a + 1, n + 1):
            ratio = _ratio(W[b] - W[a], G[b - 1] - G[a], width, fit, final=b == n)
            if ratio is None:
                break  # too long, and longer from here on
            if ratio > fit.tolerance or (b == n and b - a < min_last):
                continue
            cand = (lines + 1, demerits + (LINE_PENALTY + 100 * abs(ratio) ** 3) ** 2, a)
            if best[b] is None or cand[:2] < best[b][:2]:
                best[b] = cand
    if best[n] is None:
        return None
    out, b = [], n
    while b > 0:
        a = best[b][2]
        out.append((a, b))
        b = a
    return out[::-1], best[n][1]


def _ratio(box: float, space: float, width: float, fit, final: bool) -> float | None:
    """The line's stretch (> 0) or shrink (< 0) ratio as linebreak.py counts it (the last
    line at its natural width: 0); None when it is too long even shrunk to the limit."""
    natural = box + space
    if natural > width:
        if final or natural - (space * fit.shrink + box * fit.expand) > width + 1e-9:
            return None
        return (width - natural) / (space * fit.shrink + box * fit.expand)
    if final:
        return 0.0
    return (width - natural) / (space * fit.stretch + box * fit.expand)


def _demerits(para, words, fit) -> float:
    """The demerits of the paragraph's lines as they are, counted as fewest_lines does."""
    W, G = [0.0], [0.0]
    for box, gap, space in zip(words.boxes, words.gaps, words.spaces):
        W.append(W[-1] + box)
        G.append(G[-1] + (gap if space else 0.0))
    total, n = 0.0, len(words.boxes)
    for i, (a, b, _) in enumerate(para._lines):
        ratio = _ratio(W[b] - W[a], G[b - 1] - G[a], para._widths[0 if i == 0 else 1], fit,
                       final=b == n)
        total += (LINE_PENALTY + 100 * abs(ratio if ratio is not None else 1.0) ** 3) ** 2
    return total
