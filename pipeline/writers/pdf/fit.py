"""A document fitted to a page less where one would be wasted: figures scaled, lines tightened."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.writers.pdf.dryrun import columns

STEP = 0.1  # figure scales tried from the top: 0.9, 0.8, ... down to figure_min_scale
REFINE_STEPS = 2  # halvings of the step above the largest scale found that fits
MAX_PAGES = 24  # longer documents are not fitted: the dry run would hold all their lines at once
SLACK = 1.0  # lines of room the dry run must leave on the target's last page (it is a guess)


@dataclass
class Outcome:
    """What fitting found and did: the page counts of the dry runs, the scale given to the
    figures, the paragraphs set a line shorter."""

    pages: int  # before fitting
    fitted: int  # after (the dry run's count)
    target: int | None = None
    scale: float = 1.0
    tightened: int = 0  # paragraphs set a line shorter


def fit_story(story: list, geo, head_height: float, pad: bool = True) -> Outcome:
    """Makes ``story`` (a document's, as render_pdf builds it) take fewer pages when a page
    is wasted: more pages than the smaller multiple of the layout's ``pad_pages_to``, or a
    last page under ``makeup.last_page_min``. First the figures shrink, all alike, as
    little as reaches the target and to no less than ``makeup.figure_min_scale`` of their
    width; when that is not enough, the fewest justified paragraphs that can lose a line
    within the ``justify:`` tolerances (looseness.py) are set a line shorter, the least
    costly first, and the figures shrink again as little as then needed. When nothing
    reaches the target the story is left as it was (padding pages follow). The pages are
    predicted by a dry run of the column filling (no drawing, about a millisecond).
    ``pad`` False: a page less is the only target (an interview in a pack, which pads as a
    whole)."""
    L = geo.layout
    filled = None if _far_too_long(story, geo) else dry_run(story, geo, head_height)
    if filled is None:
        return Outcome(MAX_PAGES + 1, MAX_PAGES + 1)
    out = Outcome(len(filled), len(filled))
    for target in _targets(filled, L, pad):
        if _fit_to(story, geo, head_height, target, out):
            break
    return out


def _fit_to(story: list, geo, head_height: float, target: int, out: Outcome) -> bool:
    """Fits ``story`` into ``target`` pages if it can (see fit_story), saying how in
    ``out``; False, the story left as it was, when it cannot."""
    L = geo.layout
    out.target = target
    figures = [f for f in _all(story) if hasattr(f, "picture") and hasattr(f.picture, "scaled")]
    low = L.makeup.figure_min_scale if figures else 1.0
    slack = SLACK * L.styles["Body Text"].leading

    def fits() -> bool:
        filled = dry_run(story, geo, head_height)
        return filled is not None and _fits(filled, target, geo, slack)

    scale = _largest_scale(figures, low, fits, top=1.0 - STEP)
    if scale is not None:
        out.scale, out.fitted = scale, target
        return True
    from pipeline.writers.pdf.justified import Justified
    from pipeline.writers.pdf.looseness import tightenings

    tight = tightenings([f for f in _all(story) if isinstance(f, Justified)], geo.column_width)
    for t in tight:
        t.apply()
    scale = _largest_scale(figures, low, fits, top=1.0) if tight else None
    if scale is None:
        for t in tight:
            t.undo()
        return False
    out.tightened = _fewest_tightened(tight, fits)
    out.scale, out.fitted = scale, target
    return True


def _largest_scale(figures, low: float, fits, top: float) -> float | None:
    """The largest figure scale from ``top`` down to ``low`` that fits, the figures left at
    it; None (figures at full size) when none does. Tried from the top in steps of STEP,
    since a smaller photo may leave a larger hole (moved on whole where the larger one was
    shrunk to end the column); then refined upwards by halving."""
    if not figures or low >= 1:
        scales = [1.0] if top >= 1 else []
    else:
        scales = [round(top - STEP * k, 3) for k in range(int(max(0.0, top - low) / STEP
                                                              + 1e-6) + 1)]
        scales = [x for x in scales if x >= low] + ([low] if low < top else [])
        scales = sorted(set(scales), reverse=True)
    above = 1.0  # the smallest scale known not to fit
    for scale in scales:
        _scale(figures, scale)
        if not fits():
            above = scale
            continue
        for _ in range(REFINE_STEPS if scale < above else 0):
            mid = round((scale + above) / 2, 3)
            _scale(figures, mid)
            if fits():
                scale = mid
            else:
                above = mid
        _scale(figures, scale)
        return scale
    _scale(figures, 1.0)
    return None


def _fewest_tightened(tight, fits) -> int:
    """How many of ``tight`` (all applied, and fitting), the cheapest first, are enough; the
    others are undone."""
    lo, hi = 0, len(tight)  # lo: known not to fit (or none tried), hi: known to fit
    while hi - lo > 1:
        mid = (lo + hi) // 2
        for i, t in enumerate(tight):
            t.apply() if i < mid else t.undo()
        if fits():
            hi = mid
        else:
            lo = mid
    for i, t in enumerate(tight):
        t.apply() if i < hi else t.undo()
    return hi


def _far_too_long(story: list, geo) -> bool:
    """Whether the story's text alone fills well over MAX_PAGES pages (a character takes
    half its size in width, a line the body leading): then not even the dry run is worth
    its time."""
    from reportlab.platypus.paragraph import Paragraph

    body = geo.layout.styles["Body Text"]
    per_page = (geo.layout.columns * geo.text_area(2)[3] / body.leading
                * geo.column_width / (0.5 * body.size))
    chars = sum(len(f.text) for f in _all(story) if isinstance(f, Paragraph)
                and isinstance(getattr(f, "text", None), str))
    return chars > 1.5 * MAX_PAGES * per_page


def _targets(filled: list[float], L, pad: bool = True) -> list[int]:
    """The page counts worth trying for, best first: the smaller multiple of
    ``pad_pages_to`` when the pages run past one; a page less when the last page is under
    ``makeup.last_page_min`` (a padded layout then pads with one page more, its own kind,
    rather than print a nearly empty page of text). None when the pages are fine."""
    n, pad = len(filled), max(1, L.pad_pages_to) if pad else 1
    if n < 2:
        return []
    targets = []
    if pad > 1 and n % pad and n > pad:
        targets.append((n - 1) // pad * pad)
    if filled[-1] < L.makeup.last_page_min and n - 1 not in targets:
        targets.append(n - 1)
    return targets


def _fits(filled: list[float], target: int, geo, slack: float) -> bool:
    """The dry run ends within ``target`` pages, with ``slack`` points to spare on the
    last (the real filling may differ from the dry run by a line)."""
    if len(filled) > target:
        return False
    height = geo.text_area(len(filled))[3]
    return filled[-1] * height <= height - slack


def _scale(figures, scale: float) -> None:
    """Each figure's photo at ``scale`` of its full size (centred; the caption keeps the
    column width)."""
    for fig in figures:
        full = fig.__dict__.setdefault("_full_picture", fig.picture)
        fig.use(full if scale >= 1 else full.scaled(scale))


def _all(flowables):
    """Every flowable, containers' contents included."""
    for f in flowables:
        yield f
        content = getattr(f, "_content", None)
        if content:
            yield from _all(content)


def dry_run(story: list, geo, head_height: float, short: dict | None = None
            ) -> list[float] | None:
    """The share of each page's column height the story would use, the deepest column's,
    filling columns as platypus does (split where a flowable allows, else to the next
    column); the last page as if balanced (its content shared out over its columns).
    ``short``: as dryrun.columns(). None past MAX_PAGES pages."""
    cols = columns(story, geo, head_height, MAX_PAGES, short)
    return None if cols is None else shares(cols, geo)


def shares(cols: list, geo) -> list[float]:
    """The share of each page's column height that ``cols`` (a dry run's, dryrun.py) use,
    as dry_run() counts it."""
    pages: list[float] = []
    per_page = geo.layout.columns
    for k in range(0, len(cols), per_page):
        page = cols[k:k + per_page]
        height = page[0].height
        if not page[0].last:
            pages.append(max(c.used for c in page) / height)
        else:
            full = geo.text_area(page[0].page)[3]  # the head, on page 1, counts as content
            pages.append((full - height + sum(c.used for c in page) / per_page) / full)
    return pages
