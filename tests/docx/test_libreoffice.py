"""A real client: LibreOffice opens every DOCX and prints it as designed, with the embedded
fonts only (the system's fonts are hidden from it)."""

from __future__ import annotations

import subprocess

import pytest
from lxml import etree

from tests.docx.test_document import expected_texts

XHTML = "{http://www.w3.org/1999/xhtml}"
NAMES = ["sample-newsletter", "sample-handout", "edge-newsletter", "edge-handout"]


def pdfinfo(path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def lines(path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, text) of every text line, from pdftotext -bbox-layout."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True,
                         check=True).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True))
    found = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        for line in page.iter(f"{XHTML}line"):
            words = [w.text or "" for w in line.iter(f"{XHTML}word")]
            box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            found.append((number, *box, " ".join(words)))
    return found


def body_lines(path, layout):
    """Lines inside the type area (no running header or footer)."""
    top, bottom = layout.margin["top"] - 2, layout.height - layout.margin["bottom"] + 2
    return [line for line in lines(path) if line[2] >= top and line[4] <= bottom]


def test_every_docx_converts(built, converted):
    assert set(built) | {"control"} == set(converted)
    for path in converted.values():
        assert int(pdfinfo(path)["Pages"]) >= 1


@pytest.mark.parametrize("name", NAMES)
def test_page_size_is_the_layouts(built, converted, name):
    layout = built[name].layout
    size = pdfinfo(converted[name])["Page size"].split()
    assert float(size[0]) == pytest.approx(layout.width, abs=1)
    assert float(size[2]) == pytest.approx(layout.height, abs=1)


def test_newsletter_body_runs_in_two_columns(built, converted):
    layout = built["sample-newsletter"].layout
    left = layout.margin["inside"]
    column = (layout.width - left - layout.margin["outside"] - layout.gutter) / 2
    second = left + column + layout.gutter
    page2 = [line for line in body_lines(converted["sample-newsletter"], layout)
             if line[0] == 2]
    starts = {round(x0) for _, x0, _, _, _, _ in page2}
    assert any(abs(x - left) < 2 for x in starts) and any(abs(x - second) < 2 for x in starts)
    assert all(x1 - x0 <= column + 1 for _, x0, _, x1, _, _ in page2)
    # Page 1: the title spans the page, wider than a column.
    page1 = [line for line in body_lines(converted["sample-newsletter"], layout)
             if line[0] == 1]
    assert max(x1 - x0 for _, x0, _, x1, _, _ in page1) > column * 1.3


def test_handout_is_one_column(built, converted):
    layout = built["sample-handout"].layout
    text_width = layout.width - layout.margin["inside"] - layout.margin["outside"]
    widths = [x1 - x0 for _, x0, _, x1, _, _ in body_lines(converted["sample-handout"], layout)]
    assert sum(w > text_width * 0.9 for w in widths) > len(widths) / 2
    assert max(widths) <= text_width + 1


def reading_order(path, layout) -> str:
    """The type area's text, column by column on each page; the head (down to the last line
    wider than a column, the newsletter's title) reads first."""
    left = layout.margin["inside"]
    column = (layout.width - left - layout.margin["outside"]
              - (layout.columns - 1) * layout.gutter) / layout.columns
    found = body_lines(path, layout)
    head_end = {}
    for page, x0, _, x1, y1, _ in found:
        if x1 - x0 > column + layout.gutter / 2:
            head_end[page] = max(head_end.get(page, 0), y1)

    def key(line):
        page, x0, y0, x1, _, _ = line
        if y0 < head_end.get(page, 0):
            return (page, 0, y0, x0)
        index = min(max(int((x0 - left + 2) // (column + layout.gutter)), 0),
                    layout.columns - 1)
        return (page, 1 + index, y0, x0)

    return " ".join(line[5] for line in sorted(found, key=key))


@pytest.mark.parametrize("name", NAMES)
def test_text_round_trip_every_paragraph_in_order(built, converted, name):
    docx = built[name]
    text = " ".join(reading_order(converted[name], docx.layout).split()).casefold()
    position = 0
    for expected in expected_texts(docx.doc):
        wanted = " ".join(expected.split()).casefold()
        found = text.find(wanted, position)
        assert found >= 0, f"missing or out of order in {name}: {expected[:60]}"
        position = found + len(wanted)


def fonts(path) -> set[str]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    return {line.split()[0].split("+")[-1] for line in out if line.strip()}


@pytest.mark.parametrize("name", NAMES)
def test_the_embedded_fonts_are_used_without_system_fonts(built, converted, name):
    used = fonts(converted[name])
    families = {s.family.replace(" ", "") for s in built[name].layout.styles.values()}
    assert {f.split("-")[0] for f in used} == families, used
    assert "NotoSerif-Regular" in used and "NotoSerif-Bold" in used
    assert "NotoSans-Bold" in used


def test_control_without_embedded_fonts_gets_no_noto(converted):
    # Proves the system's Noto was hidden: the same document without its fonts falls back.
    assert not any("Noto" in f for f in fonts(converted["control"]))
