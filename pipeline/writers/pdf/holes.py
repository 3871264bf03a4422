"""Columns that would end short of their foot, filled: the search for remedies (remedies.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus.doctemplate import ActionFlowable

from pipeline.writers.pdf.remedies import (MORE_BEFORE, SPACED, HeadSpace, Shortening,
                                           Shrinking, Spacing, shortened, spaced)

MAX_STEPS = 4  # single remedies tried one after another for one column, at most
LOOSE = 1.0  # the largest stretch ratio of a line in a paragraph set a line longer
AHEAD = 3  # flowables at the top of the next column whose paragraphs may be reset too
BEFORE = 2  # columns before a short one whose headings and questions may move down
HEAD_SPACE = 4  # body lines by which page 1's columns may move down under the head
SHRINK = 4  # body lines by which a photo may become less tall (to its min_scale at most)
CHAIN = 4  # columns before a short one that may end higher, passing lines on to it
SHORT = 2  # body lines by which each of those may end higher
PLAIN = ("Body Text", "Answer")  # styles of text that a column may begin with unkept


@dataclass
class Filling:
    """What filling did: the columns found short, those filled, the remedies applied
    (looseness.Tightening, remedies.Spacing, HeadSpace, Shrinking, Shortening), the columns
    that end higher (points by column counted through the pages: ColumnDoc's ``short``),
    the room added under page 1's head, the share of each page then used and before
    filling, and whether filling was taken back for the last page's sake."""

    short: int = 0
    filled: int = 0
    remedies: list = field(default_factory=list)
    ends: dict = field(default_factory=dict)
    head: float = 0.0
    pages: list = field(default_factory=list)  # each page's share used (fit.dry_run)
    before: list = field(default_factory=list)  # ... before filling
    taken_back: bool = False


def fill_holes(story: list, geo, head_height: float, max_pages: int,
               head_space: bool = True, last_page: bool = True) -> Filling:
    """Makes every column of ``story`` (a document's, as render_pdf builds it; the head
    ``head_height`` tall) on a page but the last end within one body line of its foot, or
    two where the next column begins with what may not be split (a question with the
    first lines of its answer, a heading with its text, a photo with its caption, a pull
    quote), where it can.

    Column by column, in a dry run (dryrun.py, exact to the point): a column that ends
    shorter gets the best of these remedies, the least visible first (remedies.py): a
    paragraph in it or at the top of the next set a line longer (every line within
    ``LOOSE`` of its stretch) or shorter (within the layout's tolerance); a heading or a
    question in it, or in the BEFORE columns before it, a body line lower (those pass a
    line on; MORE_BEFORE lines each at most, spread over breaks first); on page 1, its
    columns up to HEAD_SPACE lines lower under the head; a photo in it up to SHRINK lines
    less tall (no narrower than its ``figure_min_scale``). Then another, up to MAX_STEPS.
    If it is still short, the CHAIN columns before it may each
    end up to SHORT lines higher (each within the rule itself), passing lines on to it: the
    fewest lines that fill it. A remedy never leaves an earlier column shorter than it
    was; remedies that do not make the column less short are taken back. The whole filling
    is taken back when the document would then take more pages, or end on a last page
    under ``makeup.last_page_min`` that it did not (``last_page`` False: not for that; the
    caller gives the last page lines first, lastpage.make_up_columns). ``head_space``
    False: page 1's columns stay where they are (its head is in the columns, as in a
    pack)."""
    from pipeline.writers.pdf.dryrun import Run
    from pipeline.writers.pdf.fit import _all, dry_run
    from pipeline.writers.pdf.flowables import FitFigure

    before = dry_run(story, geo, head_height)
    if before is None:
        return Filling()
    figures = [f for f in _all(story) if isinstance(f, FitFigure)]
    holes = Holes(Run(story, geo, head_height), geo, figures, head_space)
    run, out = holes.run, Filling(ends=holes.run.short)
    checked = 0  # the columns before this one are settled
    while not run.ended():
        holes.step()
        while checked < len(run.cols) and run.cols[checked].page < run.cols[-1].page:
            if holes.excess(checked) > 0:  # short, and not on the last page
                out.short += 1
                out.remedies.extend(holes.fill(checked) or ())
                out.filled += holes.excess(checked) == 0
            checked += 1
    out.head = run.head_height - head_height
    after = dry_run(story, geo, run.head_height, out.ends) if out.remedies else before
    low = geo.layout.makeup.last_page_min
    if after is None or len(after) > len(before) or (
            last_page and len(after) == len(before) and after[-1] < low <= before[-1]):
        for remedy in reversed(out.remedies):
            remedy.undo()
        return Filling(out.short, pages=before, before=before)
    out.pages, out.before = after, before
    return out


class Holes:
    """A dry run (dryrun.Run) that keeps the state before each column and the column each
    paragraph is first placed in, to go back and fill a column anew."""

    def __init__(self, run, geo, figures: list, head_space: bool = True):
        self.run, self.width, self.figures = run, geo.column_width, figures
        self.head_space = head_space  # whether page 1's columns may move down
        self.leading = geo.layout.styles["Body Text"].leading
        self.states: list = []
        self.seen: dict[int, int] = {}  # id(paragraph) -> the column it is first placed in

    def step(self) -> None:
        """Fills the next column."""
        del self.states[len(self.run.cols):]
        self.states.append(self.run.state())
        col = self.run.column()
        for p in [*whole_paragraphs(col.placed), *_figures(col.placed, self.figures)]:
            self.seen.setdefault(id(p), len(self.run.cols) - 1)

    def excess(self, j: int) -> int:
        """Body lines column ``j`` ends shorter than it may (0 when the next column is
        empty: the story ended)."""
        cols = self.run.cols
        if j + 1 >= len(cols) or not cols[j + 1].placed:
            return 0
        return self._excess(cols[j], cols[j + 1].placed[0])

    def _excess(self, col, following) -> int:
        """Body lines ``col`` ends shorter than it may, ``following`` opening the next."""
        hole = int((col.height - col.used) / self.leading + 1e-6)
        plain = getattr(getattr(following, "style", None), "name", None) in PLAIN
        return max(0, hole - (1 if plain else 2))

    def fill(self, j: int) -> list | None:
        """Fills column ``j`` as fill_holes says: the remedies applied, None when none
        helped; the run refilled to where it was."""
        upto, first = len(self.run.cols), max(0, j - CHAIN)
        before = [self.excess(i) for i in range(j + 1)]
        now, applied, start = (before[j], self._slack(first, j)), [], j
        for _ in range(MAX_STEPS):  # the best single step each time
            best = None
            for t in self._actions(j):
                start = min(start, t.start)
                t.apply()
                self.refill_from(t.start, j + 2, keep=False)
                t.undo()
                key = (self.excess(j), self._slack(first, j)) if len(self.run.cols) > j else (0, 0)
                if key >= now or any(self.excess(i) > before[i] for i in range(t.start, j)):
                    continue  # no better here (a step may fill the columns before first)
                if best is None or (key, t.cost) < best[0]:
                    best = ((key, t.cost), t)
            if best is None:
                break
            (now, _), t = best
            t.apply()
            applied.append(t)
            self.refill_from(t.start, j + 2)  # the states after it, as they now are
            if now[0] == 0:
                break
        if now[0] >= before[j]:
            for t in reversed(applied):
                t.undo()
            applied = []
        if now[0]:  # still short: the columns before may pass lines on
            self.refill_from(min(start, first), j + 2)
            chain = self._chain(j, before)
            if chain is not None:
                chain.apply()
                applied.append(chain)
        self.refill_from(min(start, first), upto)
        return applied or None

    def refill_from(self, k: int, upto: int, keep: bool = True) -> None:
        """Fills anew from column ``k`` to column ``upto`` (not included): as ``step``, or
        for a trial, keeping no state."""
        self.run.restore(self.states[k])
        while len(self.run.cols) < upto and not self.run.ended():
            if keep:
                self.step()
            else:
                self.run.column()

    def _slack(self, first: int, j: int) -> int:
        """Body lines left empty at the foot of columns ``first`` to ``j`` (not included)."""
        return sum(int((c.height - c.used) / self.leading + 1e-6)
                   for c in self.run.cols[first:j])

    def _actions(self, j: int):
        """The single remedies for column ``j``, as fill_holes lists them."""
        from pipeline.writers.pdf.looseness import reset

        for para in _candidates(self.run.cols, j):
            s = min(self.seen.get(id(para), j), j)
            for change, tolerance in ((1, LOOSE), (-1, para.fit.tolerance)):
                t = reset(para, self.width, len(para._lines) + change, tolerance)
                if t is not None:
                    t.start = s
                    yield t
        for i in range(j, max(-1, j - 1 - BEFORE), -1):  # here, or lines passed on
            for f in breaks(self.run.cols[i].placed):
                if spaced(f, self.leading) < MORE_BEFORE:
                    yield Spacing(f, self.leading, min(self.seen.get(id(f), i), i))
        if self.head_space and self.run.cols[j].page == 1:
            for lines in range(1, HEAD_SPACE + 1):
                yield HeadSpace(self.run, lines, self.leading)
        for fig in _figures(self.run.cols[j].placed, self.figures):
            s = min(self.seen.get(id(fig), j), j)
            for lines in range(1, SHRINK + 1):
                smaller = Shrinking.of(fig, lines, self.leading, self.width, s)
                if smaller is None:
                    break
                yield smaller

    def _chain(self, j: int, before: list) -> Shortening | None:
        """The columns before column ``j`` (CHAIN at most) ending 0 to SHORT lines higher,
        each passing lines on to the next, that fill column ``j`` with the fewest lines
        moved, no column among them shorter than it may be unless it was; None."""
        run, first = self.run, max(0, j - CHAIN)
        best: list = [None]  # ((excess after, lines), {column: lines})
        choice: dict[int, int] = {}

        def visit(i: int) -> None:
            if i == j:
                run.column()
                key = (self._excess_last(), sum(choice.values()))
                if key[0] < before[j] and key[1] and (best[0] is None or key < best[0][0]):
                    best[0] = (key, dict(choice))
                return
            state = run.state()
            for lines in range(SHORT + 1):
                choice[i] = lines
                with shortened(run.short, i, lines * self.leading):
                    run.column()
                    if self._excess_last() <= before[i]:
                        visit(i + 1)
                run.restore(state)
            del choice[i]

        run.restore(self.states[first])
        visit(first)
        if best[0] is None:
            return None
        return Shortening(run.short, {i: n for i, n in best[0][1].items() if n}, self.leading)

    def _excess_last(self) -> int:
        """excess() of the column filled last, the next column's beginning read from what
        is left to place."""
        run = self.run
        following = run.floats.held or next(
            (f for f in run.queue if not isinstance(f, ActionFlowable)), None)
        return 0 if following is None else self._excess(run.cols[-1], following)


def whole_paragraphs(placed: list):
    """The whole justified paragraphs of which ``placed`` (flowables) holds lines."""
    from pipeline.writers.pdf.flowables import leaves
    from pipeline.writers.pdf.justified import Justified

    out: dict[int, object] = {}
    for leaf in leaves(placed):
        p = getattr(leaf, "_whole", leaf)
        if isinstance(p, Justified) and p._first and p._ends:
            out.setdefault(id(p), p)
    return list(out.values())


def breaks(placed: list) -> list:
    """The headings and questions of ``placed`` (a column's) below its top, whole."""
    from pipeline.writers.pdf.flowables import leaves

    found = list(leaves(placed))[1:]
    return [f for f in found if getattr(getattr(f, "style", None), "name", None) in SPACED
            and getattr(f, "_whole", None) is None and getattr(f, "_first", True)]


def _figures(placed: list, figures: list) -> list:
    """Those of ``figures`` (FitFigure: photos with captions) whose photo ``placed`` holds
    at its full size, floated or not."""
    from pipeline.writers.pdf.floats import Opening

    photos = {id(fig.picture): fig for fig in figures}
    out = []
    for f in placed:
        if isinstance(f, Opening):
            f = f.figure.picture if f.parts and f.parts[0] is f.figure.picture else None
        if id(f) in photos:
            out.append(photos[id(f)])
    return out


def _candidates(cols: list, j: int) -> list:
    """The paragraphs that may be reset to fill column ``j``: its own, and those at the
    top of the next column."""
    found = whole_paragraphs([*cols[j].placed, *cols[j + 1].placed[:AHEAD]])
    return [p for p in found if getattr(p, "_broken_at", None) is not None]
