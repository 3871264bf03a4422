"""A photo that opens a short interview set across the columns under the head (issue 10,
item 4: `makeup: lead_photo_across`), so that the last page is at least a third full; the
text in the same order, and never a photo without the pixels for that width."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

from pipeline.errors import UserError
from pipeline.layouts import MakeUp, load_layout
from tests.makeup.generated import CORPUS, ROOT
from tests.makeup.test_last_page import last_page, words

ARTICLE = "04-tuoitre-bds-luong-si-khoa"  # 2 pages; opens with a photo; page 2 was 12 % full
TEMPLATES = ROOT / "templates"


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """The corpus article imported: a source whose body opens with a photo."""
    from pipeline.cli import main

    if not (CORPUS / f"{ARTICLE}.txt").exists():
        pytest.skip("../shared/corpus is not beside the project")
    out = tmp_path_factory.mktemp("across") / "a.yaml"
    result = CliRunner().invoke(main, ["import", str(CORPUS / f"{ARTICLE}.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert re.search(r"^body:\n(  #.*\n)*  - figure: ", out.read_text("utf-8"), re.M)
    return out


def layout_with(tmp: Path, across: str):
    text = (TEMPLATES / "newsletter.yaml").read_text("utf-8")
    assert "lead_photo_across: true" in text
    (tmp / "newsletter.yaml").write_text(
        text.replace("lead_photo_across: true", f"lead_photo_across: {across}"), "utf-8")
    return load_layout(tmp / "newsletter.yaml")


def render(source: Path, layout, draft: bool = True) -> bytes:
    from pipeline.source import load_source
    from pipeline.writers.pdf import render_pdf

    return render_pdf(load_source(source, draft=draft), layout)


def pictures(pdf: bytes, layout) -> list[tuple[int, float, float, float]]:
    """(page, width, top, bottom) of each photo or placeholder, in points from the trim's
    top edge (the masthead band, which bleeds, left out)."""
    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for n, page in enumerate(doc.pages, 1):
            boxes = [*page.images, *(r for r in page.rects if r["top"] > layout.bleed + 1)]
            found.extend((n, b["x1"] - b["x0"], b["top"] - layout.bleed,
                          b["bottom"] - layout.bleed) for b in boxes)
    return found


def type_width(layout) -> float:
    return layout.width - layout.margin["inside"] - layout.margin["outside"]


def first_body_line(pdf: bytes, layout) -> float:
    """The top of the highest body-size character on page 1 (the columns' first lines)."""
    size = layout.styles["Body Text"].size
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return min(c["top"] for c in doc.pages[0].chars
                   if abs(c["size"] - size) < 0.3) - layout.bleed


def test_the_newsletter_sets_an_opening_photo_across_only_when_needed():
    assert load_layout(TEMPLATES / "newsletter.yaml").makeup.lead_across
    assert not load_layout(TEMPLATES / "handout.yaml").makeup.lead_across  # one column
    assert not MakeUp().lead_across


def test_a_wrong_value_is_reported_at_its_line(tmp_path):
    text = (TEMPLATES / "newsletter.yaml").read_text("utf-8").replace(
        "lead_photo_across: true", "lead_photo_across: often")
    (tmp_path / "b.yaml").write_text(text, "utf-8")
    with pytest.raises(UserError) as err:
        load_layout(tmp_path / "b.yaml")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "lead_photo_across" in t)
    assert f"b.yaml:{line}:" in str(err.value) and "true or false" in str(err.value)


def test_a_short_interview_gets_its_opening_photo_across_and_a_fuller_last_page(
        imported, tmp_path):
    on = load_layout(TEMPLATES / "newsletter.yaml")
    off = layout_with(tmp_path, "false")
    across, column = render(imported, on), render(imported, off)
    assert last_page(column, off) == (2, pytest.approx(0.12, abs=0.02))  # as before
    pages, share = last_page(across, on)
    assert pages == 2 and share >= on.makeup.last_page_min
    [(page, width, top, bottom)] = pictures(across, on)
    assert page == 1 and width == pytest.approx(type_width(on), abs=0.5)
    assert bottom < first_body_line(across, on)  # above both columns
    with pdfplumber.open(io.BytesIO(across)) as doc:  # no text over it but a draft's label
        inside = "".join(c["text"] for c in doc.pages[0].chars
                         if top - 0.5 < c["bottom"] - on.bleed and c["top"] - on.bleed < bottom)
    assert inside == "[images/photo-1.jpg]"
    [(_, narrow, _, _)] = pictures(column, off)
    assert narrow < type_width(off) / 2
    assert words(across) == words(column)  # every word, in the same order


def test_an_interview_whose_last_page_is_full_enough_keeps_its_photo_in_the_column(
        imported, tmp_path):
    text = imported.read_text("utf-8")
    cut = text[:text.index("  - q:", text.index("  - q:", text.index("  - q:") + 1) + 1)]
    source = tmp_path / "short.yaml"
    source.write_text(cut + "  - q: Xin cảm ơn ông!\n", "utf-8")
    layout = load_layout(TEMPLATES / "newsletter.yaml")
    pdf = render(source, layout)
    assert last_page(pdf, layout)[0] == 1
    [(_, width, _, _)] = pictures(pdf, layout)
    assert width < type_width(layout) / 2


def test_a_photo_that_does_not_open_the_interview_stays_in_its_column(imported, tmp_path):
    """Across the columns it would come before the text it follows."""
    text = imported.read_text("utf-8")
    figure = re.search(r"^  - figure: .*\n(    .*\n)+", text, re.M)
    rest = text[:figure.start()] + text[figure.end():]
    first_answer = rest.index("  - q:", rest.index("  - a:"))  # after the first answer
    source = tmp_path / "later.yaml"
    source.write_text(rest[:first_answer] + figure.group() + rest[first_answer:], "utf-8")
    layout = load_layout(TEMPLATES / "newsletter.yaml")
    [(_, width, _, _)] = pictures(render(source, layout), layout)
    assert width < type_width(layout) / 2


@pytest.mark.parametrize("pixels,across", [(1500, False), (2200, True)])
def test_a_photo_goes_across_only_with_the_pixels_for_it(imported, tmp_path, pixels, across):
    """300 ppi (the layout's image_ppi) at the type area's 180 mm needs 2126 pixels: the
    sample's 1500-pixel photos would print at 212 ppi, under the preflight's 300."""
    from PIL import Image

    (tmp_path / "images").mkdir()
    Image.new("RGB", (pixels, pixels * 2 // 3), (120, 160, 200)).save(
        tmp_path / "images" / "photo-1.jpg", quality=80)
    source = tmp_path / "a.yaml"
    source.write_text(imported.read_text("utf-8"), "utf-8")
    layout = load_layout(TEMPLATES / "newsletter.yaml")
    pdf = render(source, layout, draft=False)
    [(_, width, top, bottom)] = pictures(pdf, layout)
    assert (width == pytest.approx(type_width(layout), abs=0.5)) is across
    assert (width < type_width(layout) / 2) is not across
    if across:  # no text beside or over it: it spans the type area
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            assert not [c["text"] for c in doc.pages[0].chars
                        if top < c["bottom"] - layout.bleed and c["top"] - layout.bleed < bottom]
