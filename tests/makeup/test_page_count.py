"""Page count: fitted to a multiple of 4 first, else padded at the end with notes pages."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

from pipeline.build import resolve_layouts
from pipeline.cli import main
from pipeline.source import load_source
from pipeline.writers.booklet import impose_booklet
from pipeline.writers.pdf import render_pdf

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"
PHOTOS = sorted(p.name for p in (SAMPLE.parent / "images").glob("0*.jpg"))
NOTES = "Ghi chú"
ANSWER = ("Ban Chấp hành Đảng bộ đã ban hành nghị quyết về nâng cao năng lực của tổ chức cơ sở "
          "đảng đối với việc lãnh đạo thực hiện nhiệm vụ chính trị của cơ quan, đơn vị; xác "
          "định vai trò, nội dung, phương thức tổ chức đảng lãnh đạo thực hiện nhiệm vụ chính "
          "trị của các cơ quan cấp tỉnh, phối hợp cung cấp thông tin, quản lý cán bộ, đảng viên.")


@pytest.fixture(scope="module", autouse=True)
def _image_cache(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("PIPELINE_CACHE_DIR", str(tmp_path_factory.mktemp("cmyk")))


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def layout(name: str, dirs: tuple = ()):
    return resolve_layouts((name,), dirs)[0]


def interview(tmp: Path, units: int) -> Path:
    """The sample's head over a generated body of ``units`` questions with their answers,
    a photo after every second answer (answers of varying length, so that the photos do
    not fall at the same place on every page)."""
    shutil.copytree(SAMPLE.parent / "images", tmp / "images", dirs_exist_ok=True)
    head = SAMPLE.read_text(encoding="utf-8").split("\nbody:\n", 1)[0]
    body = []
    for i in range(units):
        answer = " ".join([ANSWER] * (1 + i * 7 % 3))  # answers of 1 to 3 sentences
        body.append(f"  - q: Câu hỏi thứ {i + 1} của phóng viên về công tác xây dựng Đảng?\n"
                    f"  - a: Trả lời {i + 1}. {answer}\n")
        if i % 2:
            body.append(f"  - figure: images/{PHOTOS[i // 2 % len(PHOTOS)]}\n"
                        f"    caption: Ảnh minh họa số {i // 2 + 1} của bài phỏng vấn.\n")
    path = tmp / f"interview-{units}.yaml"
    path.write_text(head + "\nbody:\n" + "".join(body), encoding="utf-8")
    return path


def pages_text(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def is_notes(text: str) -> bool:
    return NOTES in text


@pytest.fixture(scope="module")
def handout() -> bytes:
    return render_pdf(load_source(SAMPLE), layout("handout"))


@pytest.fixture(scope="module")
def unscaled(tmp_path_factory) -> tuple:
    """The handout layout with figures never scaled to save a page (figure_min_scale 100 %)."""
    folder = tmp_path_factory.mktemp("layouts")
    text = (ROOT / "templates" / "handout.yaml").read_text(encoding="utf-8")
    assert "figure_min_scale: 60%" in text
    (folder / "handout.yaml").write_text(text.replace("figure_min_scale: 60%",
                                                      "figure_min_scale: 100%"), "utf-8")
    return (folder,)


@pytest.fixture(scope="module")
def a_bit_over(tmp_path_factory, unscaled) -> Path:
    """The shortest generated interview whose handout, figures unscaled, runs past 8 pages."""
    tmp = tmp_path_factory.mktemp("over")
    for units in range(8, 30):
        source = interview(tmp, units)
        texts = pages_text(render_pdf(load_source(source), layout("handout", unscaled)))
        if sum(not is_notes(t) for t in texts) > 8:
            return source
    raise AssertionError("no generated interview runs past 8 pages")


# -- the sample handout: padded at the end with notes pages ------------------------------------
def test_the_handout_and_its_booklet_have_a_multiple_of_4_pages(handout):
    pages = len(pages_text(handout))
    sides = len(pages_text(impose_booklet(handout, layout("handout"))))
    assert pages % 4 == 0
    assert sides % 2 == 0 and 2 * sides == pages  # whole sheets, two pages a side


def test_padding_pages_are_lined_notes_pages_at_the_end(handout):
    texts = pages_text(handout)
    notes = [n for n, text in enumerate(texts, 1) if is_notes(text)]
    assert notes, "the sample handout is padded"
    assert notes == list(range(len(texts) - len(notes) + 1, len(texts) + 1))  # at the end
    with pdfplumber.open(io.BytesIO(handout)) as doc:
        for n in notes:
            page = doc.pages[n - 1]
            rules = [line for line in page.lines if line["x1"] - line["x0"] > page.width / 2]
            assert len(rules) >= 15, (n, len(rules))  # writing lines down the page
            assert f"Trang {n}/{len(texts)}" in texts[n - 1]  # the footer, as elsewhere


def test_no_page_is_blank_in_the_handout_or_its_booklet(handout):
    with pdfplumber.open(io.BytesIO(handout)) as doc:
        for n, page in enumerate(doc.pages, 1):
            assert page.chars, f"page {n} is blank"
    booklet = impose_booklet(handout, layout("handout"))
    with pdfplumber.open(io.BytesIO(booklet)) as doc:
        for n, side in enumerate(doc.pages, 1):
            middle = side.width / 2
            for half, chars in (("left", [c for c in side.chars if c["x1"] <= middle]),
                                ("right", [c for c in side.chars if c["x0"] >= middle])):
                assert chars, f"sheet side {n}: the {half} page is blank"


def test_the_booklets_notes_pages_are_where_the_padding_is(handout):
    texts = pages_text(handout)
    notes = {n for n, text in enumerate(texts, 1) if is_notes(text)}
    booklet = impose_booklet(handout, layout("handout"))
    seen = set()
    with pdfplumber.open(io.BytesIO(booklet)) as doc:
        for side in doc.pages:
            middle = side.width / 2
            for half in (side.crop((0, 0, middle, side.height)),
                         side.crop((middle, 0, side.width, side.height))):
                text = half.extract_text() or ""
                folio = re.search(r"Trang (\d+)/", text)
                if folio:
                    assert is_notes(text) == (int(folio.group(1)) in notes), text[-60:]
                    seen.add(int(folio.group(1)))
    assert notes and notes <= seen


# -- fitting to the smaller multiple ----------------------------------------------------------
def test_a_handout_a_bit_over_8_pages_is_fitted_into_8(a_bit_over, tmp_path):
    result = CliRunner().invoke(main, ["build", "-o", str(tmp_path), "--layout", "handout",
                                       "--format", "pdf", str(a_bit_over)])
    assert result.exit_code == 0, result.output
    assert "error" not in result.output.lower() and "warning" not in result.output.lower()
    pdf = (tmp_path / a_bit_over.stem / "handout.pdf").read_bytes()
    texts = pages_text(pdf)
    assert len(texts) == 8
    assert not any(is_notes(text) for text in texts)


def test_the_fitted_handout_keeps_every_word_in_order(a_bit_over):
    pdf = render_pdf(load_source(a_bit_over), layout("handout"))
    text = " ".join(re.sub(r"Đại hội đại biểu.*2025|Trang \d+/\d+", " ", t)
                    for t in pages_text(pdf))
    flat = " ".join(text.split())
    at = 0
    units = len(re.findall(r"Câu hỏi thứ", flat))
    assert units >= 8
    for i in range(units):
        for expected in (f"Câu hỏi thứ {i + 1} của phóng viên", f"Trả lời {i + 1}. Ban Chấp",
                         *["quản lý cán bộ, đảng viên."] * (1 + i * 7 % 3)):
            found = flat.find(expected, at)
            assert found >= 0, (i, expected)
            at = found + len(expected)


def test_a_fitted_handout_builds_byte_identical(a_bit_over):
    doc = load_source(a_bit_over)
    assert render_pdf(doc, layout("handout")) == render_pdf(doc, layout("handout"))


# -- the last page -----------------------------------------------------------------------------
def test_the_newsletters_last_page_is_a_third_full_or_the_document_shorter():
    L = layout("newsletter")
    pdf = render_pdf(load_source(SAMPLE), L)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = doc.pages
        last = pages[-1]
        offset = (last.height - L.height) / 2
        top, bottom = offset + L.margin["top"], offset + L.height - L.margin["bottom"]
        ink = [c["bottom"] for c in last.chars if c["bottom"] <= bottom + 1]
        ink += [im["bottom"] for im in last.images]
        fill = (max(ink) - top) / (bottom - top)
        assert len(pages) < 4 or fill >= L.makeup.last_page_min, (len(pages), fill)


# -- tightening: a line fewer within the tolerances --------------------------------------------
def test_tightening_sets_some_paragraphs_a_line_shorter_within_the_tolerances():
    import random

    from pipeline.layouts import Justify
    from pipeline.writers.pdf.linebreak import break_lines
    from pipeline.writers.pdf.looseness import _ratio, fewest_lines

    fit, rng, shorter = Justify(), random.Random(10), 0
    for _ in range(200):
        n = rng.randrange(30, 120)
        boxes = [rng.uniform(8, 22) for _ in range(n)]  # syllables at 10.5 pt
        gaps, spaces = [2.6] * n, [True] * n
        widths = (250.0, 250.0)
        total_fit = break_lines(boxes, gaps, spaces, widths, fit)
        found = fewest_lines(boxes, gaps, spaces, widths, fit)
        if found is None:
            continue
        lines, _ = found
        assert len(lines) <= len(total_fit)
        shorter += len(lines) < len(total_fit)
        assert lines[0][0] == 0 and lines[-1][1] == n
        assert all(a[1] == b[0] for a, b in zip(lines, lines[1:]))  # every word, in order
        assert lines[-1][1] - lines[-1][0] >= fit.min_last  # no lone syllable at the end
        for a, b in lines:
            box, space = sum(boxes[a:b]), sum(gaps[a:b - 1])
            ratio = _ratio(box, space, 250.0, fit, final=b == n)
            assert ratio is not None and -1 <= ratio <= fit.tolerance
    assert shorter > 0


# -- the padding of a pack, and padding with blank pages ---------------------------------------
def test_a_packs_padding_before_its_back_cover_is_notes_pages(tmp_path):
    from tests.collections.test_pack_pdf import PACK, make_pack

    pack = make_pack(tmp_path)
    back = "back_cover: |\n  Tài liệu lưu hành nội bộ\n"
    pack.write_text(PACK.replace("items:\n", back + "items:\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(pack), "-o", str(tmp_path / "out"),
                                       "--format", "pdf"])
    assert result.exit_code == 0, result.output
    texts = pages_text((tmp_path / "out" / "pack" / "pack.pdf").read_bytes())
    assert len(texts) % 4 == 0 and "Tài liệu lưu hành nội bộ" in texts[-1]
    notes = [n for n, text in enumerate(texts, 1) if is_notes(text)]
    assert notes, "the pack is padded before its back cover"
    assert notes == list(range(notes[0], len(texts)))  # a run that ends before the back cover
    assert all(text.strip() for text in texts[notes[0] - 1:])  # no bare page among them


def test_pad_with_blank_pads_with_bare_pages(tmp_path):
    text = (ROOT / "templates" / "handout.yaml").read_text(encoding="utf-8")
    (tmp_path / "handout.yaml").write_text(text.replace("pad_with: notes", "pad_with: blank"),
                                           encoding="utf-8")
    texts = pages_text(render_pdf(load_source(SAMPLE), layout("handout", (tmp_path,))))
    assert len(texts) % 4 == 0 and not texts[-1].strip()
    assert not any(is_notes(text) for text in texts)


def _last_content_share(pdf: bytes, layout_) -> tuple[int, float]:
    """(pages of text, how full the last of them is: its lowest body character's share of
    the type area's height), read with pdfplumber."""
    top, bottom = layout_.margin["top"], layout_.height - layout_.margin["bottom"]
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = [p for p in doc.pages if not is_notes(p.extract_text() or "")]
        bleed = layout_.bleed
        low = max(c["bottom"] - bleed for c in pages[-1].chars
                  if c["bottom"] - bleed <= bottom + 1)
    return len(pages), (low - top) / (bottom - top)


@pytest.fixture(scope="module")
def nearly_empty_last_page(tmp_path_factory) -> tuple[Path, tuple]:
    """A generated interview whose handout, not fitted for its last page (last_page_min
    0 %), takes 4 pages of text with the fourth under a third full; and that layout."""
    folder = tmp_path_factory.mktemp("lastpage")
    text = (ROOT / "templates" / "handout.yaml").read_text(encoding="utf-8")
    assert "last_page_min: 33%" in text
    (folder / "handout.yaml").write_text(text.replace("last_page_min: 33%",
                                                      "last_page_min: 0%"), "utf-8")
    tmp = tmp_path_factory.mktemp("short")
    for units in range(4, 20):
        source = interview(tmp, units)
        pdf = render_pdf(load_source(source), layout("handout", (folder,)))
        pages, share = _last_content_share(pdf, layout("handout", (folder,)))
        if pages == 4 and share < 1 / 3:
            return source, (folder,)
        if pages > 4:
            break
    pytest.skip("no generated interview ends with a short fourth page")  # pragma: no cover


def test_a_handouts_nearly_empty_last_page_of_text_becomes_a_notes_page(nearly_empty_last_page):
    source, unfitted = nearly_empty_last_page
    before = render_pdf(load_source(source), layout("handout", unfitted))
    assert _last_content_share(before, layout("handout", unfitted))[0] == 4
    pdf = render_pdf(load_source(source), layout("handout"))
    texts = pages_text(pdf)
    assert len(texts) == 4 and is_notes(texts[-1]) and not any(map(is_notes, texts[:-1]))
    running = {load_source(source).event}  # the running head; the folio is "Trang N/M"

    def words(texts):
        return [w for t in texts for line in t.splitlines() if line not in running
                and not re.fullmatch(r"Trang \d+/\d+", line) for w in re.findall(r"\w+", line)]

    assert words(texts[:-1]) == words(pages_text(before))
