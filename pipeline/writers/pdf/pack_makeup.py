"""A pack's interviews made up one by one: fitted, columns filled, last pages given lines."""

from __future__ import annotations


def make_up(contents: list, items: list[list], geo) -> tuple[dict, list[int], list[list]]:
    """Makes up each of ``items`` (an interview's flowables, its headline block in its
    columns, as the pack sets it from a right-hand page) as render_pdf makes up a document
    (fit.py without padding, which the pack does as a whole; holes.py; lastpage.py; page 1's
    columns never lower, the head being in them), after a cover page and the ``contents``
    page(s). Returns the columns that end higher, counted through the pack's pages (as
    ColumnDoc's ``short``), the page each item is predicted to start on (the dry run's
    page counts place them) and each item's pages' shares used (fit.shares). An item of
    more than MAX_PAGES pages is not made up, nor are the items after it (their pages are
    not known)."""
    from pipeline.writers.pdf.dryrun import columns
    from pipeline.writers.pdf.fit import MAX_PAGES, fit_story
    from pipeline.writers.pdf.lastpage import make_up_columns

    per_page = geo.layout.columns
    cols = columns(contents, geo, 0.0, MAX_PAGES)
    if cols is None:
        return {}, [], []
    page = 1 + len(cols) // per_page + 1  # the cover, the contents, then the first item
    short: dict = {}
    starts: list[int] = []
    shares: list[list[float]] = []
    for story in items:
        page += page % 2 == 0  # a right-hand page
        if fit_story(story, geo, 0.0, pad=False).fitted > MAX_PAGES:
            break
        filling = make_up_columns(story, geo, 0.0, MAX_PAGES, head_space=False)
        if not filling.pages:  # its dry run went past MAX_PAGES
            break
        starts.append(page)
        shares.append(filling.pages)
        for column, points in filling.ends.items():
            short[(page - 1) * per_page + column] = points
        page += len(filling.pages)
    return short, starts, shares
