"""Total-fit line breaking (Knuth and Plass): a paragraph's breaks chosen together."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline.layouts import Justify as Fit

INFEASIBLE = float("inf")
DOUBLED = 1.9  # word spaces this many times their width look like holes
LINE_PENALTY = 10  # TeX's \linepenalty: fewer lines are better, all else equal
ADJ_DEMERITS = 3000  # a very loose line next to a tight one (TeX's \adjdemerits is 10000)
RIGID = 1e3  # the stretch ratio of a short line that cannot stretch (one word, glyphs fixed)


@dataclass(frozen=True)
class Line:
    start: int  # first word
    stop: int  # one past the last word
    ratio: float  # stretch (> 0) or shrink (< 0) ratio; 0 for the last line


def break_lines(boxes: list[float], gaps: list[float], spaces: list[bool],
                widths: tuple[float, float], fit: Fit,
                inside: list[bool] | None = None,
                letters: tuple[Callable[[], list[int]], float] | None = None
                ) -> list[Line]:
    """Lines of words ``boxes`` (widths), ``gaps[i]`` being the natural space after word i
    (``spaces[i]`` False: a break without a space, inside a word too long for a line). Line 1
    is ``widths[0]`` wide, the others ``widths[1]``; the last line is set at natural width.
    ``inside[i]``: the space after word i (a syllable) is inside a Vietnamese word; a break
    there adds ``fit.word_break_penalty`` squared to the demerits, as TeX's penalties do.

    Passes, until one finds a breaking: within the tolerance and no one-word last line;
    word spaces under ``DOUBLED`` times their width and no one-word last line; the same with
    one; anything, the least bad (a word wider than its line is overfull on a line of its
    own). So a paragraph ends with a lone syllable only when avoiding it would nearly double
    the word spaces of another line. ``letters``: (a function giving each word's glyph
    count, the most space letter spacing may add after a glyph): word spaces are counted as
    they print once a line looser than all its stretch has its letters spaced
    (justified.py)."""
    if not boxes:
        return []
    passes = ((fit.tolerance, fit.min_last, None), (INFEASIBLE, fit.min_last, DOUBLED),
              (INFEASIBLE, 1, DOUBLED), (INFEASIBLE, 1, None))
    counted = None
    for tolerance, min_last, max_spaces in passes:
        if max_spaces is not None and letters and counted is None:
            counted = (letters[0](), letters[1])
        found = _total_fit(boxes, gaps, spaces, widths, fit, tolerance,
                           min(min_last, len(boxes)), max_spaces, inside, counted)
        if found is not None:
            return found
    raise AssertionError("the last pass accepts any breaking")  # pragma: no cover


def spaces_ratio(width: float, box: float, space: float, ratio: float, expand: float) -> float:
    """How many times their natural width a stretched line's word spaces print, glyphs
    scaled by their share (justified.py's _spacing): the line less its scaled glyphs, over
    its natural spaces."""
    return (width - box * (1 + min(ratio, 1.0) * expand)) / space


def _total_fit(boxes, gaps, spaces, widths, fit: Fit, tolerance: float, min_last: int,
               max_spaces: float | None, inside: list[bool] | None = None,
               letters: tuple[list[int], float] | None = None):
    n = len(boxes)
    penalty = float(fit.word_break_penalty) ** 2 if inside else 0.0
    W = [0.0] * (n + 1)  # prefix sums of box widths and of the natural spaces after them
    G = [0.0] * (n + 1)
    for i in range(n):
        W[i + 1] = W[i] + boxes[i]
        G[i + 1] = G[i] + (gaps[i] if spaces[i] else 0.0)
    unit = letters[1] if letters else 0.0
    if unit:  # ... of the glyphs letter spacing may space (a word's and its space's), spaces
        C, S = [0] * (n + 1), [0] * (n + 1)
        for i in range(n):
            C[i + 1] = C[i] + letters[0][i] + spaces[i]
            S[i + 1] = S[i] + spaces[i]
    st, sh, ex = fit.stretch, fit.shrink, fit.expand
    first, rest = widths
    history: list[tuple[int, int, float]] = [(0, -1, 0.0)]  # (position, previous, ratio)
    active = [(0, -1, 0, 0.0, 0)]  # (position, fitness, lines, demerits, history index)
    for b in range(1, n + 1):
        final = b == n
        cost = penalty if penalty and not final and inside[b - 1] else 0.0
        best: dict[int, tuple] = {}  # fitness class -> (demerits, history index, ratio, lines)
        keep = []
        for index, node in enumerate(active):
            a, fitness, lines, demerits, hist = node
            width = first if lines == 0 else rest
            box = W[b] - W[a]
            space = G[b - 1] - G[a]  # the spaces inside the line, not the one after it
            natural = box + space
            if natural > width:
                if b - a == 1:
                    ratio = -1.0  # a lone word wider than the line: overfull, but placed
                elif natural - (space * sh + box * ex) > width + 1e-9 or final:
                    continue  # too long from here on (a last line is never shrunk)
                else:
                    ratio = (width - natural) / (space * sh + box * ex)
                keep.append(node)
            elif final:
                keep.append(node)
                ratio = 0.0
            else:
                flex = space * st + box * ex  # 0: one word, no glyph scaling
                ratio = (width - natural) / flex if flex > 0 else RIGID
                if max_spaces is not None:  # no spaces: only glyph scaling fills the line
                    if space:
                        printed = spaces_ratio(width, box, space, ratio, ex)
                        if unit and printed > 1 + st:  # the letters take what they can
                            # (two letter spaces print in each word space: justified.py)
                            glyphs = C[b] - C[a] - spaces[b - 1] - 1 - 2 * (S[b - 1] - S[a])
                            printed = max(1 + st, printed - max(0, glyphs) * unit / space)
                        loose = printed > max_spaces
                    else:
                        loose = ratio > 1
                elif ratio > tolerance:
                    if lines or first == rest:  # later breakpoints make shorter lines still
                        keep.extend(active[index:])
                        break
                    loose = True
                else:
                    loose = False
                keep.append(node)
                if loose:
                    continue
            if final and b - a < min_last:
                continue
            badness = 100 * abs(ratio) ** 3
            cls = 0 if ratio < -0.5 else 1 if ratio <= 0.5 else 2 if ratio <= 1 else 3
            total = demerits + (LINE_PENALTY + badness) ** 2 + cost
            if fitness >= 0 and abs(cls - fitness) > 1:
                total += ADJ_DEMERITS
            if cls not in best or total < best[cls][0]:
                best[cls] = (total, hist, ratio, lines + 1)
        if final:
            break
        active = keep
        for cls in sorted(best):
            total, hist, ratio, lines = best[cls]
            history.append((b, hist, ratio))
            active.append((b, cls, lines, total, len(history) - 1))
        if not active:
            return None
    if not best:
        return None
    _, hist, ratio, _ = min(best.values())
    out, stop = [], n
    while hist >= 0:
        pos, prev, prev_ratio = history[hist]
        out.append(Line(pos, stop, ratio))
        stop, ratio, hist = pos, prev_ratio, prev
    out.reverse()
    return out
