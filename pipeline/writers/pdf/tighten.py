"""Justified paragraphs set a line shorter within the layout's tolerances (TeX's looseness -1)."""

from __future__ import annotations

from dataclasses import dataclass

LINE_PENALTY = 10  # as linebreak.py: demerits of a line are (LINE_PENALTY + badness) ** 2


@dataclass
class Tightening:
    """A paragraph's lines one fewer: ``cost`` the demerits it adds (the least first)."""

    para: object
    lines: list  # (start, stop, justify) as Justified keeps them
    cost: float
    saved: tuple = ()

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
        if getattr(para, "_broken_at", None) != width or not para._first or not para._ends:
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
