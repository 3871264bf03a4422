"""Text of any accepted length is laid out: split across columns and pages, in linear time."""

from __future__ import annotations

import random
from collections import Counter
import time
from pathlib import Path

import pikepdf
import pytest

from pdf_testkit import build, pdftotext, variant, words

WORDS = ("một hai ba bốn năm sáu bảy tám chín mười chính sách phát triển kinh tế xã "
         "hội").split()


def text(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n))


def source(tmp: Path, body: str, lead: str) -> Path:
    path = tmp / "s.yaml"
    path.write_text(f"""format: 1
title: Tiêu đề
lead: {lead}
publication: Báo Nghệ An
date: 2020-07-10
people:
  pv: {{label: P.V, role: interviewer}}
  dinh: {{label: Ông Đình, role: interviewee}}
body:
{body}""", encoding="utf-8")
    return path


def lost(written: str, printed: str) -> Counter:
    """Letters of ``written`` that ``printed`` lacks (case and order aside: two columns)."""
    return Counter(written.casefold().split()) - Counter(printed.casefold().split()) if (
        max(map(len, written.split())) < 100) else (
        Counter("".join(written.casefold().split())) - Counter("".join(printed.casefold().split())))


# Each of these stopped `build` with a traceback although `check` said ok.
CASES = {
    "a heading taller than a column (TypeError: Marked)": f"  - q: Hỏi?\n  - a: Đáp.\n"
                                                          f"  - heading: {text(700)}\n"
                                                          f"  - p: {text(40, 2)}\n",
    "a question of a thousand words (Splitting error)": f"  - q: {text(1000)}\n"
                                                        f"  - a: {text(40, 2)}\n",
    "a 2,000-character word in a question (Splitting error)": f"  - q: {'x' * 2000}\n"
                                                              "  - a: Đáp.\n",
    "a hundred headings in a row": "".join(f"  - heading: {text(40, i)}\n" for i in range(100))
                                   + "  - p: Hết.\n",
}


@pytest.mark.parametrize("layout", ["newsletter", "handout"])
@pytest.mark.parametrize("case", list(CASES))
def test_blocks_taller_than_a_column_are_split(case, layout, tmp_path):
    pdf = build(variant(tmp_path, CASES[case]), layout)
    written = " ".join(line.split(": ", 1)[1] for line in CASES[case].splitlines())
    assert not lost(written, pdftotext(pdf, tmp_path).replace("\u00a0", " "))


def test_a_split_heading_keeps_one_outline_entry(tmp_path):
    heading = text(700)
    pdf = build(variant(tmp_path, f"  - q: Hỏi?\n  - a: Đáp.\n  - heading: {heading}\n"
                                  "  - p: Hết.\n"), "newsletter")
    with pikepdf.open(__import__("io").BytesIO(pdf)) as doc, doc.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert sum(t.startswith(heading[:40]) for t in titles) == 1


@pytest.mark.parametrize("layout", ["newsletter", "handout"])
def test_a_lead_taller_than_the_page_continues_in_the_columns(layout, tmp_path):
    """A 3,000-word lead made the head frame taller than the page: LayoutError "too large"."""
    lead = text(3000)
    pdf = build(source(tmp_path, "  - q: Hỏi?\n  - a: Đáp cuối.\n", lead), layout)
    printed = words(pdftotext(pdf, tmp_path)).replace("\u00a0", " ")
    assert words(lead)[:200] in printed and words(lead)[-200:] in printed
    assert printed.index(words(lead)[-200:]) < printed.index("Đáp cuối.")


def test_a_long_paragraph_prints_whole_and_in_order(tmp_path):
    paragraph = text(6000)
    pdf = build(variant(tmp_path, f"  - q: Hỏi?\n  - a: {paragraph}\n  - p: Hết.\n"),
                "newsletter")
    from pipeline.source import load_source
    from tests.printed_text import without_running_lines

    fields = load_source(tmp_path / "s.yaml").fields()
    printed = words(without_running_lines(pdftotext(pdf, tmp_path), "newsletter", fields))
    assert words(paragraph) in printed.replace("\u00a0", " ")


def test_layout_time_grows_linearly_with_the_paragraph(tmp_path):
    """One 80,000-word paragraph took 75 s (40,000 words: 16 s): at each column's foot
    ReportLab broke all the paragraph's remaining text into lines again."""
    def seconds(n: int) -> float:
        path = variant(tmp_path / str(n), f"  - q: Hỏi?\n  - a: {text(n)}\n")
        start = time.perf_counter()
        build(path, "newsletter")
        return time.perf_counter() - start

    (tmp_path / "4000").mkdir()
    (tmp_path / "16000").mkdir()
    small, large = seconds(4000), seconds(16000)
    assert large < 8, f"16,000 words took {large:.1f} s"
    assert large < 6 * small, f"4,000 words: {small:.2f} s, 16,000: {large:.2f} s"


def chars(n: int) -> str:
    return text(n // 4)[:n].strip()  # the words average more than three letters


@pytest.mark.parametrize("place", ["quote", "name", "q", "lead"])
def test_the_longest_value_a_block_may_hold_builds_in_time(place, tmp_path):
    """99,000 characters (the limit is 100,000): a pull quote took 44 s, a person's name (the
    line under the title) 15 s, each column re-breaking all that was left of it."""
    big = chars(99_000)
    assert len(big) > 98_000
    body = {"quote": f"  - q: Hỏi?\n  - a: Đáp.\n  - quote: {big}\n",
            "q": f"  - q: {big}\n  - a: Đáp.\n"}.get(place, "  - q: Hỏi?\n  - a: Đáp.\n")
    path = source(tmp_path, body, big if place == "lead" else "Mở đầu.")
    if place == "name":
        path.write_text(path.read_text(encoding="utf-8").replace(
            "role: interviewee}", f"role: interviewee, name: {big}}}"), encoding="utf-8")
    start = time.perf_counter()
    pdf = build(path, "newsletter")
    assert time.perf_counter() - start < 6
    assert big[-80:] in words(pdftotext(pdf, tmp_path)).replace("\u00a0", " ")
