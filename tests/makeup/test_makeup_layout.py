"""The layout's `makeup:` section: read with defaults, every wrong value at its line."""

from pathlib import Path

import pytest

from pipeline.errors import UserError
from pipeline.layouts import MakeUp, load_layout

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize("name", ["newsletter", "handout"])
def test_both_layouts_make_up_on_a_grid_with_notes_pages(name):
    makeup = load_layout(TEMPLATES / f"{name}.yaml").makeup
    assert makeup.grid and makeup.pad_with == "notes"
    assert makeup.figure_min_scale == pytest.approx(0.6)
    assert makeup.last_page_min == pytest.approx(0.33)


def test_a_layout_without_the_section_gets_the_defaults(tmp_path):
    text = (TEMPLATES / "newsletter.yaml").read_text(encoding="utf-8")
    start = text.index("makeup:")
    end = text.index("fonts:", start)
    (tmp_path / "a.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    assert load_layout(tmp_path / "a.yaml").makeup == MakeUp()


def test_wrong_values_are_reported_at_their_lines(tmp_path):
    text = ((TEMPLATES / "newsletter.yaml").read_text(encoding="utf-8")
            .replace("baseline_grid: true", "baseline_grid: maybe")
            .replace("figure_min_scale: 60%", "figure_min_scale: 160%")
            .replace("pad_with: notes", "pad_with: kittens"))
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_layout(tmp_path / "b.yaml")
    message = str(err.value)
    lines = text.splitlines()
    for key, words in (("baseline_grid", "true or false"), ("figure_min_scale", "from 0%"),
                       ("pad_with", "notes, blank")):
        line = next(i for i, t in enumerate(lines, 1) if t.strip().startswith(key))
        assert f"b.yaml:{line}:" in message and words in message
