"""A last page under ``makeup.last_page_min`` given lines from the pages before it."""

from __future__ import annotations

import math

from pipeline.writers.pdf import holes
from pipeline.writers.pdf.holes import HEAD_SPACE, LOOSE, Filling, Holes, breaks, whole_paragraphs
from pipeline.writers.pdf.remedies import HeadSpace, Shortening, Spacing

PASSES = 3  # times the remedies are gone through, while one more holds
REPAIRS = 3  # columns a remedy leaves short that may be filled anew (holes.py) to keep it


def make_up_columns(story: list, geo, head_height: float, max_pages: int,
                    head_space: bool = True) -> Filling:
    """Fills the columns of ``story`` (fill_holes) and gives its last page lines
    (fill_last_page). Filling a column draws lines back from the last page: when that
    leaves it under ``makeup.last_page_min`` (it was not) and the pages before cannot give
    them back, the filling is taken back (its Filling says ``taken_back``): the columns as
    they were, the last page full enough."""
    filling = holes.fill_holes(story, geo, head_height, max_pages, head_space, False)
    fill_last_page(story, geo, head_height, filling, head_space)
    low, pages, before = geo.layout.makeup.last_page_min, filling.pages, filling.before
    if (filling.remedies and len(pages) == len(before) > 1
            and pages[-1] < low <= before[-1]):
        for remedy in reversed(filling.remedies):
            remedy.undo()
        return Filling(filling.short, pages=before, before=before, taken_back=True)
    return filling


def fill_last_page(story: list, geo, head_height: float, filling,
                   head_space: bool = True) -> None:
    """Makes the last page of ``story`` (a document's, as render_pdf builds it, after
    fill_holes gave ``filling``) at least ``makeup.last_page_min`` full, when it is not
    and the document could not lose the page (fit.py), by passing it lines from the pages
    before, the least visible way first, as a book's last page is kept from being a widow:
    a paragraph before it set a line longer (every line within its stretch, holes.LOOSE);
    the pages before it ending a body line higher (in a one-column layout both pages of a
    spread alike, in a layout of columns all of a page's columns; then single columns);
    page 1's columns lower under the head (HEAD_SPACE lines at most, with what filling
    did); a heading or question a body line lower, once each. No column on a page but the
    last ends shorter than the full-column rule allows (holes.py) unless it did (a remedy
    that leaves one short is kept if that column can be filled as fill_holes fills one),
    and the document keeps its pages. Remedies that turn out not to be needed are taken
    back; so is everything when the last page still would not reach the share. Adds what
    it applied to ``filling`` (its ``remedies``, ``ends``, ``head``; ``pages`` anew).
    ``head_space`` False: page 1's columns stay where they are (as fill_holes)."""
    from pipeline.writers.pdf.dryrun import Run
    from pipeline.writers.pdf.fit import shares

    low = geo.layout.makeup.last_page_min
    if len(filling.pages) < 2 or filling.pages[-1] >= low:
        return
    run = Run(story, geo, head_height + filling.head, filling.ends)
    pulls = _Pulls(Holes(run, geo, [], head_space=False), geo)
    if pulls.pages < 2 or pulls.share() >= low:
        return
    applied: list = []
    for _ in range(PASSES):  # a remedy that did not hold may hold after others
        count = len(applied)
        for remedy in _remedies(pulls, head_height if head_space else None, applied):
            if pulls.share() >= low:
                break
            kept = pulls.tried(remedy)
            if kept is not None:
                applied.append(kept)
        if pulls.share() >= low or len(applied) == count:
            break
    if pulls.share() < low:
        for remedy in reversed(applied):
            remedy.undo()
        return
    for k in range(len(applied) - 1, -1, -1):  # those of the kinds tried last first
        remedy = applied[k]
        if any(_paragraphs(remedy) & _paragraphs(r) for r in applied[k + 1:]):
            continue  # a later remedy reset a paragraph it reset: taken back in turn only
        remedy.undo()
        pulls.refill(remedy.start)
        if pulls.holds() and pulls.share() >= low:
            del applied[k]
        else:
            remedy.apply()
            pulls.refill(remedy.start)
    filling.remedies.extend(applied)
    filling.head = run.head_height - head_height
    filling.pages = shares(pulls.run.cols, geo)


def short_last_page(doc, geo, pages: list[float], output: str | None = None,
                    first: int | None = None) -> list:
    """A warning (errors.Diagnostic, at the source's last block) when the last of
    ``pages`` (each page's share used, as fit.shares gives them) is still under
    ``makeup.last_page_min`` after all make-up: how many lines would fill it, and how many
    cut would save it; else none. ``output``: the file it names (the layout's PDF);
    ``first``: the page ``doc`` starts on, in a pack (the PDF is the document's own)."""
    from pipeline.errors import Diagnostic, display_path

    L = geo.layout
    low, share, n = L.makeup.last_page_min, pages[-1], len(pages)
    if share >= low:
        return []
    lines = geo.text_area(n)[3] / L.styles["Body Text"].leading * L.columns  # a full page
    more, less = math.ceil((low - share) * lines), math.ceil(share * lines)
    loc = doc.blocks[-1].loc if doc.blocks else None
    whose = "its last page"
    if first is not None:
        whose, n = "this interview's last page", first + n - 1
    output = output or f"{L.name}.pdf"
    return [Diagnostic(
        display_path(doc.source_path), loc.line if loc else 1, loc.col if loc else 1,
        f"{output}: {whose} (page {n}) is only {share:.0%} full, under the "
        f"layout's {low:.0%} (makeup: last_page_min), and neither the pages before it nor "
        f"a page less could change that; add about {more} lines of column (a photo, or a "
        f"`quote:` from the interview), or cut about {less} lines so that it ends on page "
        f"{n - 1}", "warning")]


class _Pulls:
    """A dry run filled to its end, which remembers how short each column on a page but
    the last could be under the full-column rule, to judge remedies against it."""

    def __init__(self, holes: Holes, geo):
        self.holes, self.run, self.geo = holes, holes.run, geo
        self.per_page = geo.layout.columns
        while not self.run.ended():
            holes.step()
        self.run.done()
        self.count = len(self.run.cols)
        self.pages = self.count // self.per_page
        self.allowed = [holes.excess(i) for i in range(self.before_last())]
        self.now = self.measure()

    def before_last(self) -> int:
        """The columns on the pages before the last."""
        return self.count - self.per_page

    def refill(self, start: int, keep: bool = True) -> None:
        """Fills anew from column ``start`` to the end (for a trial, ``keep`` False: the
        states and ``now`` as they were)."""
        self.holes.refill_from(start, 10 ** 6, keep)
        self.run.done()
        if keep:
            self.now = self.measure()

    def holds(self) -> bool:
        """Whether the run keeps its pages, and every column before the last page within
        what the rule allowed it."""
        return len(self.run.cols) == self.count and all(
            self.holes.excess(i) <= self.allowed[i] for i in range(self.before_last()))

    def measure(self) -> tuple[float, float]:
        """(the last page's share, how far down the pages the content sits): larger is a
        fuller last page, or lines moved on towards it."""
        from pipeline.writers.pdf.fit import shares

        cols = self.run.cols
        return shares(cols, self.geo)[-1], sum(k * c.used for k, c in enumerate(cols))

    def share(self) -> float:
        return self.now[0]

    def tried(self, remedy):
        """Applies ``remedy`` if the document still holds with it and its last page gets
        fuller, or its content moves on towards it; else leaves it as it was. A remedy that
        leaves a column before the last page short is kept with that column filled anew
        (holes.py; REPAIRS columns at most): what was applied (the remedy, or _Together),
        or None."""
        remedy.apply()
        self.refill(remedy.start, keep=False)
        if self.holds():
            if self._better(self.now):
                self.refill(remedy.start)  # the states from there as they now are
                return remedy
        elif len(self.run.cols) == self.count:
            was, start = self.now, remedy.start
            self.refill(start)
            repairs = self._repairs()
            start = min([start, *(r.start for r in repairs)])
            if repairs and self.holds() and self._better(was):
                return _Together([remedy, *repairs])
            self.now = was
            for repair in reversed(repairs):
                repair.undo()
            remedy.undo()
            self.refill(start)
            return None
        remedy.undo()
        self.refill(remedy.start)
        return None

    def _better(self, than: tuple) -> bool:
        """Whether the run as it is now leaves the last page fuller than ``than`` (as
        measure() gives it), or as full with the content further on towards it."""
        found = self.measure()
        return found[0] > than[0] + 1e-6 or (
            abs(found[0] - than[0]) <= 1e-6 and found[1] > than[1] + 1e-6)

    def _repairs(self) -> list:
        """The columns before the last page that end shorter than they may, filled by
        fill_holes' remedies, the first first, REPAIRS columns at most; the remedies
        applied (the run filled to its end)."""
        found: list = []
        for _ in range(REPAIRS):
            short = next((i for i in range(self.before_last())
                          if self.holes.excess(i) > self.allowed[i]), None)
            if short is None or len(self.run.cols) != self.count:
                break
            filled = self.holes.fill(short)
            if not filled:
                break
            found.extend(filled)
            self.refill(min(r.start for r in filled))
        return found


def _paragraphs(remedy) -> set[int]:
    """The ids of the paragraphs whose lines ``remedy`` sets (a looseness.Tightening, or
    any in a _Together)."""
    inner = getattr(remedy, "remedies", None)
    if inner is not None:
        return set().union(*map(_paragraphs, inner))
    para = getattr(remedy, "para", None)
    return set() if para is None else {id(para)}


class _Together:
    """Remedies applied and taken back as one: a remedy, and those that fill the columns
    it left short."""

    def __init__(self, remedies: list):
        self.remedies, self.start = remedies, min(r.start for r in remedies)

    def apply(self) -> None:
        for r in self.remedies:
            r.apply()

    def undo(self) -> None:
        for r in reversed(self.remedies):
            r.undo()


def _remedies(pulls: _Pulls, head_height: float | None, applied: list):
    """The remedies fill_last_page tries, in its order, the later columns first in each
    kind (a remedy's ``start``: the first column it changes); page 1's columns lower only
    with a ``head_height``."""
    from pipeline.writers.pdf.looseness import reset

    run, leading = pulls.run, pulls.geo.layout.styles["Body Text"].leading
    last = pulls.before_last()
    width = pulls.geo.column_width
    reset_already = set().union(*map(_paragraphs, applied))
    for i in range(last - 1, -1, -1):
        for para in whole_paragraphs(run.cols[i].placed):
            if pulls.holes.seen.get(id(para)) == i and id(para) not in reset_already:
                looser = reset(para, width, len(para._lines) + 1, LOOSE)
                if looser is not None:
                    looser.start = i
                    yield looser
    for group in _groups(pulls.per_page, last):
        yield Shortening(run.short, {i: 1 for i in group}, leading)
    for i in range(last - 1, -1, -1):
        yield Shortening(run.short, {i: 1}, leading)
    if head_height is not None and last >= pulls.per_page:  # page 1 is not the last
        for _ in range(int(HEAD_SPACE - (run.head_height - head_height) / leading + 1e-6)):
            yield HeadSpace(run, 1, leading)
    for i in range(last - 1, -1, -1):
        for f in breaks(run.cols[i].placed):
            if "spaceBefore" not in f.__dict__:  # once each
                yield Spacing(f, leading, i)


def _groups(per_page: int, last: int) -> list[list[int]]:
    """The columns (before column ``last``) that end higher together, from the last back:
    a page's columns; in a one-column layout, a spread's two pages (page 1 on its own)."""
    if per_page > 1:
        groups = [list(range(k, k + per_page)) for k in range(0, last, per_page)]
    else:
        groups = [[0]] + [[k, k + 1] for k in range(1, last - 1, 2)]
    return groups[::-1]
