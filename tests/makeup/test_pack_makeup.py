"""A pack's interviews are made up as documents of their own (issue 10, item 4): full
columns on every page of an interview but its last, read back from the built pack."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from pipeline.build import resolve_layouts
from pipeline.collection import load_collection
from pipeline.writers.pdf import pack_makeup
from pipeline.writers.pdf.pack import render_pack_pdf
from pipeline.writers.pdf.pack_parts import Plan
from tests.makeup.printed_lines import ends_short, read

PACK = Path(__file__).resolve().parents[2] / "source" / "goi-dai-hoi.yaml"


def built(monkeypatch=None) -> tuple[bytes, Plan, object, list]:
    """The sample pack's PDF, its plan, its layout and the start pages make_up predicted."""
    [layout] = resolve_layouts(("handout",), ())
    predicted = []
    if monkeypatch is not None:
        real = pack_makeup.make_up

        def spy(*args):
            out = real(*args)
            predicted.append(out[1])
            return out

        monkeypatch.setattr(pack_makeup, "make_up", spy)
    plan = Plan()
    return render_pack_pdf(load_collection(PACK), layout, plan=plan), plan, layout, predicted


def short_pages(pdf: bytes, plan: Plan, layout) -> list[str]:
    """The pages of each interview but its last whose column ends more than one body line
    above its foot (two before a group that may not be split), as test_full_pages counts."""
    pages = read(pdf, layout)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        notes = {n for n, p in enumerate(doc.pages, 1) if "Ghi chú" in (p.extract_text() or "")}
    starts = sorted(plan.starts.values())
    out = []
    for i, start in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else len(pages) + 1
        own = [n for n in range(start, stop) if n not in plan.blank and n not in notes
               and n <= len(pages)]
        for n in own[:-1]:  # the interview's last page may end where it ends
            if short := ends_short(layout, pages[n - 1], pages[n - 1].columns[-1],
                                   pages[n].columns[0]):
                out.append(f"page {n}: {short}")
    return out


def test_every_page_of_an_interview_in_the_pack_but_its_last_is_full(monkeypatch):
    pdf, plan, layout, _ = built()
    assert short_pages(pdf, plan, layout) == []
    monkeypatch.setattr(pack_makeup, "make_up", lambda *args: ({}, [], []))
    pdf, plan, layout, _ = built()
    assert short_pages(pdf, plan, layout) != []  # page 6 ended 6 lines above a photo


def test_the_dry_runs_predict_where_each_interview_starts(monkeypatch):
    pdf, plan, layout, predicted = built(monkeypatch)
    assert predicted[0] == [plan.starts[i] for i in range(len(plan.starts))] == [3, 13, 15]


def test_the_made_up_pack_builds_byte_identical():
    assert built()[0] == built()[0]


def test_a_pack_whose_pages_fall_otherwise_than_predicted_is_built_without_make_up(
        monkeypatch):
    """The columns that end higher are counted through the pack's pages: should an
    interview start on another page than its dry run said, they would shorten the wrong
    pages, so the pack is built anew as it would be without make-up."""
    monkeypatch.setattr(pack_makeup, "make_up",
                        lambda *args: ({6: 15.0}, [5, 13, 17], [[1.0]] * 3))
    wrong = built()[0]
    monkeypatch.setattr(pack_makeup, "make_up", lambda *args: ({}, [], []))
    assert wrong == built()[0]
