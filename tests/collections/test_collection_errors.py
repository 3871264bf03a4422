"""A collection's errors: its own at FILE:LINE:COL, its items' at theirs, all at once."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from pipeline.collection import load_collection
from pipeline.errors import UserError
from tests.collections.helpers import interviews, pack_text


def errors_of(folder: Path, text: str, name: str = "pack.yaml") -> list[str]:
    (folder / name).write_text(text, encoding="utf-8")
    try:
        with contextlib.chdir(folder):
            load_collection(Path(name))
    except UserError as exc:
        return [str(d) for d in exc.diagnostics]
    return []


def test_a_valid_pack_loads_its_items_in_order(tmp_path):
    names = interviews(tmp_path)
    (tmp_path / "pack.yaml").write_text(pack_text(names[::-1]), encoding="utf-8")
    pack = load_collection(tmp_path / "pack.yaml")
    assert pack.kind == "pack" and pack.family == "handout"
    assert [doc.title for doc in pack.items] == [
        "Cuộc trao đổi thứ 3", "Cuộc trao đổi thứ 2", "Cuộc trao đổi thứ 1"]
    assert (pack.event, pack.place, pack.date.isoformat()) == (
        "Đại hội đại biểu lần thứ XX", "TP. Vinh", "2020-07-10")


def test_missing_duplicated_and_outside_items_are_reported_at_the_collections_lines(tmp_path):
    interviews(tmp_path / "src")
    (tmp_path / "elsewhere.yaml").write_text("x: 1\n", encoding="utf-8")
    folder = tmp_path / "src"
    assert errors_of(folder, pack_text(["mot.yaml", "khong-co.yaml", "mot.yaml",
                                        "../elsewhere.yaml", "hai.yaml"])) == [
        "pack.yaml:9:5: error: item `khong-co.yaml` not found (looked in .); check the "
        "spelling, or write the interview first (`pipeline new`)",
        "pack.yaml:10:5: error: the item `mot.yaml` is listed twice (first on line 8); a pack "
        "prints each interview once: remove one",
        "pack.yaml:11:5: error: the item `../elsewhere.yaml` is outside the collection's "
        "folder; move the interview into the folder (or a folder inside it) and give a "
        "relative path",
    ]


def test_an_items_own_errors_are_reported_at_its_own_lines_all_of_them(tmp_path):
    names = interviews(tmp_path)
    bad = (tmp_path / "hai.yaml").read_text(encoding="utf-8")
    (tmp_path / "hai.yaml").write_text(
        bad.replace("date: 2020-07-10", "date: 2020-13-40").replace("role: interviewer",
                                                                    "role: reporter"),
        encoding="utf-8")
    errors = errors_of(tmp_path, pack_text(names + ["thieu.yaml"]))
    assert errors == [
        "hai.yaml:4:7: error: `date: 2020-13-40` is not a valid date; write it as YYYY-MM-DD, "
        "for example 2020-07-10",
        "hai.yaml:8:11: error: `role: reporter` is not a role; write `interviewer` or "
        "`interviewee`",
        "pack.yaml:11:5: error: item `thieu.yaml` not found (looked in .); check the "
        "spelling, or write the interview first (`pipeline new`)",
    ]


def test_the_collections_own_keys_are_checked_like_a_sources(tmp_path):
    names = interviews(tmp_path)
    text = pack_text(names, **{"kind: pack": "kind: poster", "date: 2020-07-10": "",
                               "place:": "palce:"})
    assert errors_of(tmp_path, text) == [
        "pack.yaml:1:1: error: missing required key `date` in a collection (Date of the pack "
        "or issue, YYYY-MM-DD)",
        "pack.yaml:1:7: error: `kind: poster` is not a kind of collection; write `kind: pack` "
        "(a congress pack) or `kind: issue` (a newsletter issue)",
        "pack.yaml:6:1: error: unknown key `palce`; did you mean `place`?",
    ]


@pytest.mark.parametrize("items, message", [
    ("items: []\n", "pack.yaml:5:8: error: `items` is empty; list the interview files"),
    ("items: mot.yaml\n", "pack.yaml:5:8: error: `items` must be a list of interview files"),
    ("items:\n  - mot.txt\n", "pack.yaml:6:5: error: the item `mot.txt` is not a YAML file"),
    ("items:\n  - pack.yaml\n", "pack.yaml:6:5: error: the item `pack.yaml` is this "
                               "collection itself"),
    ("items:\n  - other.yaml\n", "pack.yaml:6:5: error: the item `other.yaml` is a "
                                "collection, not an interview; list its items here instead"),
])
def test_bad_item_lists(tmp_path, items, message):
    interviews(tmp_path)
    (tmp_path / "other.yaml").write_text("kind: pack\n", encoding="utf-8")
    head = "kind: pack\ntitle: T\npublication: P\ndate: 2020-07-10\n"
    errors = errors_of(tmp_path, head + items)
    assert len(errors) == 1 and errors[0].startswith(message), errors


def test_a_missing_cover_photo_is_reported_at_its_line(tmp_path):
    names = interviews(tmp_path)
    text = pack_text(names, **{"place: TP. Vinh": "place: TP. Vinh\ncover: images/bia.jpg"})
    errors = errors_of(tmp_path, text)
    assert len(errors) == 1
    assert errors[0].startswith("pack.yaml:7:8: error: image file `images/bia.jpg` not found")
