"""The sample source is the seed interview, complete: every sentence, word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.model import Figure, Turn
from pipeline.source import load_source
from tests.printed_text import squash

ROOT = Path(__file__).resolve().parents[2]
SEED = next((p for p in (ROOT.parent / "shared" / "seed" / "interview.txt",
                         Path("/work/shared/seed/interview.txt")) if p.is_file()), None)
pytestmark = pytest.mark.skipif(SEED is None, reason="../shared/seed is not beside the project")


def sample_text() -> str:
    doc = load_source(ROOT / "source" / "bao-nghe-an.yaml")
    texts = doc.texts()
    credits = [f"{b.caption[-1].text.strip()} Ảnh: {b.credit}" for b in doc.blocks
               if isinstance(b, Figure) and b.credit]
    return squash(" ".join(texts + credits))


def seed_lines() -> list[str]:
    lines = [squash(line) for line in SEED.read_text(encoding="utf-8").splitlines()]
    return [line for i, line in enumerate(lines) if line and (i == 0 or line != lines[i - 1])]


def test_every_line_of_the_seed_is_in_the_sample_word_for_word():
    text = sample_text()
    missing = [line for line in seed_lines() if line not in text]
    assert not missing


def test_the_seed_speakers_are_people_and_its_points_have_a_bold_lead_in():
    doc = load_source(ROOT / "source" / "bao-nghe-an.yaml")
    assert {p.label for p in doc.people.values()} == {"P.V", "Đồng chí Nguyễn Nam Đình"}
    points = [para for block in doc.blocks if hasattr(block, "paragraphs")
              for para in block.paragraphs if para[0].text.startswith("Thứ ")]
    assert len(points) == 8
    assert all(para[0].bold and para[0].text.endswith(":") for para in points)
    turns = [b for b in doc.blocks if isinstance(b, Turn)]
    assert [t.kind for t in turns] == ["q", "a", "q", "a", "q", "a", "q"]


def test_each_doubled_caption_of_the_seed_is_one_figure():
    doc = load_source(ROOT / "source" / "bao-nghe-an.yaml")
    figures = [b for b in doc.blocks if isinstance(b, Figure)]
    assert len(figures) == 8
    assert figures[-1].credit == "T.D"
