"""Floating figures (issue 10, item 3), read from built PDFs: a photo with its caption that
does not fit in what is left of a column opens the next column, and the text after it moves
up to fill the column; it lands at most one column after the paragraph before it (its
anchor), never on an earlier page; figures, text and bookmarks keep their order; a photo is
scaled (to no less than the layout's figure_min_scale of the column width) only where no
text can fill the column."""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from pipeline.build import resolve_layouts
from pipeline.model import Figure, Heading, Paragraphs, Quote, Turn, plain_text
from pipeline.source import load_source

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"
LAYOUTS = ("newsletter", "handout")
SEEDS = (1, 2, 3, 4)
PHOTOS = sorted(p.name for p in (ROOT / "source" / "images").glob("0[1-8]-*.jpg"))


# -- sources ------------------------------------------------------------------------------
def generated(tmp: Path, seed: int, questions: bool = False) -> Path:
    """The sample's head over a generated body: a question, then long answers (the sample's
    words in a random order) with a photo after every few paragraphs, each at a position
    in its column that the seed decides. Paragraph ends and captions carry numbered tags.
    With ``questions``, a question with its answer comes now and then, and a heading."""
    rnd = random.Random(seed)
    vocabulary = [w for w in " ".join(load_source(SAMPLE).texts()).split() if w[0].isalpha()]
    shutil.copytree(SAMPLE.parent / "images", tmp / "images", dirs_exist_ok=True)
    body = ["  - q: Đồng chí có thể điểm lại kết quả nổi bật của Đảng bộ trong nhiệm kỳ qua?\n",
            "  - a: Trong nhiệm kỳ qua, Đảng bộ đã có nhiều đổi mới.\n"]
    words_since, figures = 0, 0
    for n in range(1, 10_000):
        if questions and rnd.random() < 0.2:
            if rnd.random() < 0.3:
                body.append(f"  - heading: Phần {n} của cuộc trò chuyện\n")
            body.append(f"  - q: Câu hỏi số {n} của phóng viên về nhiệm vụ trọng tâm?\n")
            body.append(f"  - a: Trả lời câu hỏi {n}, {_words(rnd, vocabulary, 20, 60)} "
                        f"hết{seed}{n:03d}.\n")
        size = rnd.randint(40, 160)
        body.append(f"  - p: {_words(rnd, vocabulary, size, size)} hết{seed}{n:03d}.\n")
        words_since += size
        if words_since > rnd.randint(420, 700):  # more than a column of text between photos
            figures += 1
            words_since = 0
            body.append(f"  - figure: images/{PHOTOS[(figures + seed) % len(PHOTOS)]}\n"
                        f"    caption: Hình{seed}{figures:02d} {_words(rnd, vocabulary, 6, 30)}\n")
            if figures == 7:
                break
    for n in range(3):  # a column of text after the last photo, that can fill its column
        body.append(f"  - p: {_words(rnd, vocabulary, 150, 150)} cuối{seed}{n}.\n")
    head = SAMPLE.read_text(encoding="utf-8").split("\nbody:\n", 1)[0]
    path = tmp / f"g{seed}.yaml"
    path.write_text(head + "\nbody:\n" + "".join(body), encoding="utf-8")
    return path


def _words(rnd: random.Random, vocabulary: list[str], low: int, high: int) -> str:
    text = " ".join(rnd.choice(vocabulary) for _ in range(rnd.randint(low, high)))
    return re.sub(r"[\"':#\[\]{}&*!|>%@`?]", "", text)


# -- what a built PDF shows -------------------------------------------------------------
@dataclass
class Word:
    text: str
    page: int  # from 1
    column: int  # counted through the document: (page - 1) * columns + column on its page
    bottom: float
    size: float
    bold: bool


@dataclass
class Built:
    name: str
    pdf: bytes
    sources: list[Path]  # the document's, or a collection's items'
    layout: object
    words: list[Word]  # in the order they are drawn, inside the type area
    images: list[tuple[int, int, float, float]]  # (page, column, width, bottom)
    feet: float  # bottom of the type area, top-down
    pages: int  # pages with content


def build(source: Path, layout_name: str) -> Built:
    from pipeline.writers.pdf import render_pdf

    [layout] = resolve_layouts((layout_name,), ())
    return measure(f"{source.stem} {layout_name}", render_pdf(load_source(source), layout),
                   [source], layout)


def measure(name: str, pdf: bytes, sources: list[Path], layout) -> Built:
    words, images = [], []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        height = doc.pages[0].height
        offset = (height - layout.height) / 2
        top, feet = offset + layout.margin["top"], offset + layout.height - layout.margin["bottom"]
        for number, page in enumerate(doc.pages, 1):
            def column(x0, x1):
                side = 1 if layout.columns > 1 and (x0 + x1) / 2 > page.width / 2 else 0
                return (number - 1) * layout.columns + side

            for w in page.extract_words(use_text_flow=True, extra_attrs=["fontname", "size"]):
                if w["top"] >= top - 1 and w["bottom"] <= feet + 3:  # not the running lines
                    words.append(Word(_nfc(w["text"]), number, column(w["x0"], w["x1"]),
                                      w["bottom"], w["size"], "Bold" in w["fontname"]))
            images += [(number, column(i["x0"], i["x1"]), i["x1"] - i["x0"], i["bottom"])
                       for i in page.images]
    pages = max([w.page for w in words] + [i[0] for i in images])
    return Built(name, pdf, sources, layout, words, images, feet, pages)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def find(built: Built, text: str, last: bool) -> Word:
    """Where the first (or ``last``) word of a paragraph is printed: found in drawing order
    by as many of its first (last) words as make it unique."""
    words, texts = _nfc(text).split(), [w.text for w in built.words]
    for size in sorted({min(n, len(words)) for n in (6, 12, 24, len(words))}):
        phrase = words[-size:] if last else words[:size]
        hits = [i for i in range(len(texts) - size + 1) if texts[i:i + size] == phrase]
        if len(hits) == 1:
            return built.words[hits[0] + (size - 1 if last else 0)]
    raise AssertionError(f"{built.name}: {' '.join(words[:8])!r} not printed once")


def figures_and_anchors(source: Path) -> list[tuple[str, str | None]]:
    """(caption, anchor) of each figure in source order; the anchor is the paragraph
    before the figure."""
    out, before = [], None
    for block in load_source(source).blocks:
        if isinstance(block, Figure):
            out.append((plain_text(block.caption), before))
        elif isinstance(block, (Turn, Paragraphs, Quote)):
            before = plain_text(block.paragraphs[-1])
        elif isinstance(block, Heading):
            before = plain_text(block.text)
    return out


@pytest.fixture(scope="module", params=[(name, seed) for name in LAYOUTS
                                        for seed in (0, *SEEDS)],
                ids=lambda p: f"{p[0]}-{'sample' if not p[1] else f'seed{p[1]}'}")
def built(request, tmp_path_factory) -> Built:
    """The sample (seed 0) and generated sources, in both layouts."""
    layout, seed = request.param
    source = SAMPLE if not seed else generated(tmp_path_factory.mktemp(f"g{seed}"), seed)
    return build(source, layout)


@pytest.fixture(scope="module", params=[(name, seed) for name in LAYOUTS for seed in SEEDS[:3]],
                ids=lambda p: f"{p[0]}-questions-seed{p[1]}")
def with_questions(request, tmp_path_factory) -> Built:
    """Generated sources with questions and headings (bookmarks) among the figures."""
    layout, seed = request.param
    return build(generated(tmp_path_factory.mktemp(f"q{seed}"), seed, questions=True), layout)


# -- the rules ------------------------------------------------------------------------------
def check_places(built: Built) -> None:
    placed = []
    for caption, anchor in [pair for s in built.sources for pair in figures_and_anchors(s)]:
        figure = find(built, caption, last=False)
        if anchor is not None:
            after = find(built, anchor, last=True)
            assert figure.page >= after.page, (built.name, caption[:30], "before its anchor")
            assert 0 <= figure.column - after.column <= 1, (
                built.name, caption[:30], after.column, figure.column)
        placed.append((figure.column, figure.bottom))
    assert placed == sorted(placed), (built.name, "figures out of source order", placed)


def test_a_figure_lands_at_most_one_column_after_its_anchor_and_in_order(built):
    check_places(built)


def test_with_questions_a_figure_lands_at_most_one_column_after_its_anchor(with_questions):
    check_places(with_questions)


def test_no_figure_leaves_a_hole_at_the_foot_of_a_column(built):
    """A column that a photo follows (the next column opens with it) ends within two body
    lines of its foot, as where any keep rule holds (photo with caption here): the photo
    went on and the text after it filled the column, but for a line a paragraph could not
    give without an orphan or widow. Not checked: the last page, and a column whose text
    after the photo opens with a question or heading (kept with its answer or text: issue 10
    item 4's; the sample handout's page 4 is one)."""
    leading = built.layout.styles["Body Text"].leading
    bottoms: dict[int, float] = {}
    for w in built.words:
        if w.page < built.pages:
            bottoms[w.column] = max(bottoms.get(w.column, 0.0), w.bottom)
    for page, column, _, bottom in built.images:
        if page < built.pages:
            bottoms[column] = max(bottoms.get(column, 0.0), bottom)
    holes = {column: round(built.feet - bottom, 1) for column, bottom in bottoms.items()
             if built.feet - bottom > 2 * leading + 1 and _photo_then_text(built, column + 1)}
    assert not holes, (built.name, "holes (pt) at the foot of columns", holes)


def _photo_then_text(built: Built, column: int) -> bool:
    """The column opens with a photo, and the text after it with body text."""
    size = built.layout.styles["Body Text"].size
    words = [w for w in built.words if w.column == column]
    images = [i for i in built.images if i[1] == column]
    if not images or (words and min(i[3] for i in images) > min(w.bottom for w in words) + 1):
        return False
    after = [w for w in words if w.size >= size - 0.1][:8]  # drawn after the caption
    question = all(w.bold for w in after)  # (an answer's label is bold, not its words)
    return not after or (not question and after[0].size < size + 0.1)


def test_the_last_page_ends_level_with_a_figure_floated_onto_it(built):
    """The last page's column height is chosen by a dry run that floats figures as the
    real run does (balance.py): its two columns end within two body lines of each other."""
    if built.layout.columns < 2:
        pytest.skip("one column")
    bottoms: dict[int, float] = {}
    for w in built.words:
        if w.page == built.pages:
            bottoms[w.column] = max(bottoms.get(w.column, 0.0), w.bottom)
    for page, column, _, bottom in built.images:
        if page == built.pages:
            bottoms[column] = max(bottoms.get(column, 0.0), bottom)
    leading = built.layout.styles["Body Text"].leading
    if len(bottoms) == 2:
        assert max(bottoms.values()) - min(bottoms.values()) <= 2 * leading + 1, bottoms


def test_photos_are_never_narrower_than_the_layouts_least_scale(built):
    from pipeline.writers.pdf.geometry import Geometry

    geo = Geometry(built.layout, False)
    least = built.layout.makeup.figure_min_scale * geo.column_width
    assert all(least - 0.5 <= width <= geo.column_width + 0.5
               for _, _, width, _ in built.images), built.images


def test_every_body_word_is_printed_in_source_order_and_captions_whole(built, tmp_path):
    (tmp_path / "x.pdf").write_bytes(built.pdf)
    raw = _nfc(subprocess.run(["pdftotext", "-raw", str(tmp_path / "x.pdf"), "-"],
                              check=True, capture_output=True, text=True).stdout).split()
    body, captions = [], []
    for block in [b for source in built.sources for b in load_source(source).blocks]:
        if isinstance(block, Figure):
            captions.append(_nfc(plain_text(block.caption)).split())
        elif isinstance(block, Heading):
            body += _nfc(plain_text(block.text)).split()
        else:
            body += [w for p in block.paragraphs for w in _nfc(plain_text(p)).split()]
    at = 0
    for i, word in enumerate(body):
        try:
            at = raw.index(word, at) + 1
        except ValueError:
            pytest.fail(f"{built.name}: body word {i} {word!r} missing or out of order")
    joined = " ".join(raw)
    for caption in captions:
        assert " ".join(caption) in joined, (built.name, "caption not whole", caption[:6])


def test_bookmarks_keep_the_order_of_the_questions_and_headings(with_questions):
    [source] = with_questions.sources
    doc = load_source(source)
    expected = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            expected.append(plain_text(block.text))
        elif isinstance(block, Turn) and block.kind == "q":
            expected.append(plain_text(block.paragraphs[0]))
    with pikepdf.open(io.BytesIO(with_questions.pdf)) as pdf, pdf.open_outline() as outline:
        titles = []

        def walk(items):
            for item in items:
                titles.append(item.title)
                walk(item.children)

        walk(outline.root)
    assert titles == [t if len(t) <= 90 else t[:88].rstrip() + "…" for t in expected]


@pytest.fixture(scope="module", params=["issue", "pack"])
def collected(request, tmp_path_factory) -> Built:
    """A newsletter issue and a congress pack of two generated items: their bodies are
    laid out by the same story code (issue.py pours its own columns, floats and all)."""
    from pipeline.collection import load_collection
    from pipeline.writers.pdf.issue import render_issue_pdf
    from pipeline.writers.pdf.pack import render_pack_pdf

    kind = request.param
    tmp = tmp_path_factory.mktemp(kind)
    items = [generated(tmp, seed) for seed in (1, 2)]
    head = "\n".join(line for line in (SAMPLE.parent / "goi-dai-hoi.yaml").read_text(
        encoding="utf-8").splitlines() if not line.startswith(("cover:", "  - ", "kind:")))
    (tmp / "c.yaml").write_text(f"kind: {kind}\n{head}\n" + "".join(
        f"  - {item.name}\n" for item in items), encoding="utf-8")
    collection = load_collection(tmp / "c.yaml")
    [layout] = resolve_layouts(("newsletter" if kind == "issue" else "handout",), ())
    render = render_issue_pdf if kind == "issue" else render_pack_pdf
    return measure(kind, render(collection, layout), items, layout)


def test_in_an_issue_or_pack_a_figure_lands_at_most_one_column_after_its_anchor(collected):
    check_places(collected)


def test_in_an_issue_or_pack_every_body_word_is_printed_in_order(collected, tmp_path):
    test_every_body_word_is_printed_in_source_order_and_captions_whole(collected, tmp_path)


# -- the choice, on flowables --------------------------------------------------------------
def _figure(canv):
    from concurrent.futures import Future

    from reportlab.lib.styles import ParagraphStyle

    from pipeline.writers.pdf.flowables import FitFigure, Para, Photo

    photo = Photo(Future(), 200, 150)
    photo.spaceAfter = 3
    figure = FitFigure(photo, Para("Chú thích ảnh.", ParagraphStyle("c", leading=10)))
    figure.canv = canv
    return figure


def _text(words: int):
    from reportlab.lib.styles import ParagraphStyle

    from pipeline.writers.pdf.flowables import Para

    return Para(" ".join(["chữ"] * words), ParagraphStyle("b", leading=12))


@pytest.fixture
def canv():
    from reportlab.pdfgen.canvas import Canvas

    return Canvas(io.BytesIO())


ROOM_80 = 0.8 * 150 + 3 + 10 + 1  # room for the photo at 80 %
ROOM_30 = 0.3 * 150 + 14  # at 30 %: narrower than the layout allows


def test_a_figure_floats_when_the_text_after_it_fills_the_column(canv):
    from pipeline.writers.pdf.floats import Floats

    floats = Floats(12)
    assert floats.hold(_figure(canv), ROOM_80, [_text(400)], 200, canv)
    assert len(floats.release()) == 1 and floats.release() == []


def test_a_figure_is_scaled_where_no_text_can_fill_the_column(canv):
    from pipeline.writers.pdf.floats import Floats

    figure = _figure(canv)
    assert not Floats(12).hold(figure, ROOM_80, [_text(5)], 200, canv)
    assert figure.split(200, ROOM_80)[0].width == pytest.approx(160)


def test_a_figure_moves_on_when_it_cannot_be_scaled_and_no_text_follows(canv):
    from pipeline.writers.pdf.floats import Floats

    assert not Floats(12).hold(_figure(canv), ROOM_30, [], 200, canv)
    assert Floats(12).hold(_figure(canv), ROOM_30, [_text(5)], 200, canv)  # a smaller hole


def test_a_second_figure_waits_behind_the_held_one_and_is_not_held_again(canv):
    from pipeline.writers.pdf.floats import Floats

    floats = Floats(12)
    first, second = _figure(canv), _figure(canv)
    assert floats.hold(first, ROOM_80, [_text(400)], 200, canv)
    queue = [second, _text(400)]
    assert floats.wait(queue)  # the column ends before the second figure
    assert floats.release() == [first]
    assert not floats.hold(queue[0], ROOM_80, [_text(400)], 200, canv)


@pytest.mark.parametrize("layout_name", LAYOUTS)
def test_a_closing_question_followed_by_a_photo_stays_with_the_byline(layout_name):
    """The sample ends with its closing question, a photo, the byline: the question keeps
    with the byline (the next text), and the photo floats after them, so the question never
    moves on with a photo that does not fit, leaving the column short."""
    from pipeline.writers.pdf import render_pdf
    from pipeline.writers.pdf.flowables import FitFigure, KeepWithFirstLines
    from pipeline.writers.pdf.geometry import Geometry
    from pipeline.writers.pdf.story import StoryBuilder
    from pipeline.writers.pdf.styles import Styles

    [layout] = resolve_layouts((layout_name,), ())
    doc = load_source(ROOT / "source" / "bao-nghe-an.yaml")
    *_, closing, photo = StoryBuilder(doc, Styles(layout), Geometry(layout, False)).body()
    assert isinstance(closing, KeepWithFirstLines) and isinstance(photo, FitFigure)
    assert [f.style.name for f in closing._content] == ["Question", "Byline"]
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=render_pdf(doc, layout),
                          capture_output=True, check=True).stdout.decode().splitlines()
    at = text.index("P.V: Xin cảm ơn đồng chí!")
    assert text[at + 1] == doc.byline
