"""Hostile sources: every field filled with generated text, YAML bent out of shape, bytes
changed at random. `check` and `build` end with a result or a located error."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.harness import ends_cleanly, fuzz

ROOT = Path(__file__).resolve().parents[2]
BASE = """\
format: 1
title: {title}
kicker: {kicker}
lead: {lead}
publication: Báo
date: 2020-07-10
byline: {byline}
people:
  pv: {{label: {label}, role: interviewer}}
  dinh: {{label: Ông Đình, role: interviewee, name: {name}}}
body:
  - q: {q}
  - a: {a}
  - p: {p}
  - heading: {heading}
  - quote: {quote}
    by: dinh
  - figure: images/01-btv-lam-viec.jpg
    caption: {caption}
"""
FIELDS = ("title", "kicker", "lead", "byline", "label", "name", "q", "a", "p", "heading",
          "quote", "caption")
MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"

words = st.lists(st.sampled_from("một hai ba Nguyễn đồng chí *x* **y** 5*3 \u00a0 -- "
                                 "https://example.vn/a_b?c=d".split(" ")), max_size=60
                 ).map(" ".join)
hostile = st.one_of(
    st.text(max_size=80),  # any characters: controls, surrogates aside, emoji, RTL marks
    words,
    st.builds(lambda ch, n: ch * n, st.sampled_from("xW–Đ*_\u00a0"), st.integers(1, 3000)),
    st.builds(lambda n: "a" + MARKS[: n % 9] * (n // 9 + 1), st.integers(0, 200)),
    st.builds(lambda n: "*a " * n, st.integers(0, 3000)),
    st.builds(lambda w, n: " ".join([w] * n), words, st.integers(1, 400)),
)


def write(folder: Path, text: str | bytes) -> Path:
    shutil.copytree(ROOT / "source" / "images", folder / "images")
    path = folder / "s.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    return path


def filled(values: dict[str, str]) -> str:
    return BASE.format(**{k: json.dumps(values.get(k, "Chữ"), ensure_ascii=True)
                          for k in FIELDS})


@fuzz(share=3)
@given(st.dictionaries(st.sampled_from(FIELDS), hostile, max_size=4))
def test_check_ends_cleanly_on_hostile_values(values):
    with tempfile.TemporaryDirectory() as tmp:
        ends_cleanly("check", write(Path(tmp), filled(values)))


@fuzz(share=1)
@given(st.dictionaries(st.sampled_from(FIELDS), hostile, max_size=3))
def test_build_ends_cleanly_on_hostile_values(values):
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp), filled(values))
        ends_cleanly("build", path, "-o", Path(tmp) / "out", "--layout", "handout",
                     "--format", "pdf", "--format", "docx")


YAML_BITS = ["&a [*a]", "*nope", "!!python/object:os.system", "!!binary AAAA", "---", "...",
             "\t", "? [a]\n: b", "{a: 1, a: 2}", "[", "'", '"\\x00"', "%YAML 1.1", "<<: *a",
             "- - -", "key: |\n  \x0c", "\ufeff", "\r", "@", "`", "!<tag:x>"]


@fuzz(share=3)
@given(st.lists(st.tuples(st.integers(0, 40), st.sampled_from(YAML_BITS)), max_size=4),
       st.integers(0, 60))
def test_check_ends_cleanly_on_bent_yaml(insertions, depth):
    lines = filled({}).splitlines()
    lines[1] = "title: " + "[" * depth + "x" + "]" * depth  # nesting within the bound of 60
    for at, bit in insertions:
        lines.insert(at % (len(lines) + 1), bit)
    with tempfile.TemporaryDirectory() as tmp:
        ends_cleanly("check", write(Path(tmp), "\n".join(lines)))


@fuzz(share=3)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=4)),
                min_size=1, max_size=6))
def test_check_ends_cleanly_on_changed_bytes(changes):
    data = bytearray((ROOT / "source" / "bao-nghe-an.yaml").read_bytes())
    for at, new in changes:
        at %= len(data)
        data[at:at + len(new)] = new
    with tempfile.TemporaryDirectory() as tmp:
        ends_cleanly("check", write(Path(tmp), bytes(data)))


@pytest.mark.parametrize("depth", [495, 600, 800, 999])  # not hypothesis: it raises the
def test_check_ends_cleanly_on_deep_nesting(depth):  # recursion limit while it runs a test
    with tempfile.TemporaryDirectory() as tmp:
        ends_cleanly("check", write(Path(tmp), "title: " + "[" * depth + "]" * depth + "\n"))


@fuzz(share=0.3)
@given(st.sampled_from(["a\x00b.jpg", "a" * 300 + ".jpg", "images/" + "b" * 256 + ".png"]))
def test_check_ends_cleanly_on_impossible_figure_names(name):
    text = filled({}).replace("images/01-btv-lam-viec.jpg", json.dumps(name))
    with tempfile.TemporaryDirectory() as tmp:
        ends_cleanly("check", write(Path(tmp), text))
