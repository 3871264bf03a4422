"""Justified paragraphs: total-fit line breaks, no one-syllable last line, glyph scaling
within 2 %, every word printed in order, byte-identical builds."""

from __future__ import annotations

import io
import random
import re

import pikepdf
import pytest
from pdf_testkit import SAMPLE, build, pdftotext, variant, words

from pipeline.layouts import Justify
from pipeline.writers.pdf.linebreak import break_lines

SYLLABLES = ("đổi mới hiệu quả cơ quan Đô Lương nhiệm kỳ Đảng bộ chính trị công tác cán bộ "
             "đảng viên phát triển kinh tế xã hội tỉnh Nghệ An thực hiện nghị quyết lãnh đạo "
             "chỉ đạo phong trào thi đua yêu nước trách nhiệm nêu gương chuyển đổi số").split()


FIT = dict(stretch=0.5, shrink=0.25, expand=0.02, tolerance=1.5, min_last=2)  # not the
# layouts' values, which may be tuned: these pin the breaker's choices


def breaks(boxes, gap=4.0, width=100.0, **fit):
    lines = break_lines(boxes, [gap] * len(boxes), [True] * len(boxes), (width, width),
                        Justify(**{**FIT, **fit}))
    return [(line.start, line.stop) for line in lines]


# -- the breaker, on small paragraphs ------------------------------------------------------
def test_a_layout_without_glyph_scaling_sets_a_line_of_one_word():
    # glyph_scale: 0% and a word alone on its line (the next one does not fit beside it):
    # nothing can stretch that line; it was a division by zero
    assert breaks([60, 50, 30], expand=0.0) == [(0, 1), (1, 3)]


def test_breaks_are_chosen_together_not_line_by_line():
    boxes = [15, 15, 20, 20, 15, 30, 15, 15, 15, 25, 20, 10]
    # first fit fills line 1 with four words (82 pt of 100: spaces 2.4 times their
    # stretch); total fit takes five, shrunk a little, and no line is that loose
    assert breaks(boxes) == [(0, 5), (5, 9), (9, 12)]
    ratios = [line.ratio for line in break_lines(boxes, [4.0] * 12, [True] * 12, (100, 100),
                                                 Justify(**FIT))]
    assert max(ratios) < 1.75 and ratios[-1] == 0.0


def test_no_one_syllable_last_line_where_another_breaking_exists():
    boxes = [30, 25, 30, 15, 20, 20, 10, 10, 10, 15]
    assert breaks(boxes, min_last=1)[-1] == (9, 10)  # what the rule forbids
    assert breaks(boxes) == [(0, 3), (3, 8), (8, 10)]


def test_a_lone_last_syllable_rather_than_word_spaces_doubled():
    boxes = [30, 30, 30, 30, 30, 25, 10]
    # without the lone "10": a line of two words, 36 pt short (spaces 5 times as wide)
    assert breaks(boxes) == [(0, 3), (3, 6), (6, 7)]


def test_a_one_word_paragraph_is_one_line():
    assert breaks([30]) == [(0, 1)]


def test_a_word_wider_than_the_line_gets_a_line_of_its_own():
    assert breaks([20, 150, 20, 20]) == [(0, 1), (1, 2), (2, 4)]


def test_glyph_scaling_takes_its_share_and_never_more_than_two_percent():
    from pipeline.writers.pdf.justified import _spacing

    class W:
        boxes, gaps, spaces = [40.0, 40.0, 10.0], [4.0, 4.0, 0.0], [True, True, False]

    fit = Justify(**FIT)
    scale, extra = _spacing(W, 0, 3, 100.0, fit)  # 2 pt short: shared by spaces and glyphs
    assert 100 < scale < 102 and extra > 0
    assert (90 + 8 + 2 * extra) * scale / 100 == pytest.approx(100, abs=1e-3)
    scale, extra = _spacing(W, 0, 3, 130.0, fit)  # far short: glyphs stop at 2 %
    assert scale == 102 and (90 + 8 + 2 * extra) * 1.02 == pytest.approx(130, abs=1e-3)
    scale, _ = _spacing(W, 0, 3, 95.0, fit)
    assert 98 <= scale < 100


def test_layout_justify_section_is_read_and_checked(tmp_path):
    from pipeline.errors import UserError
    from pipeline.layouts import load_layout

    text = (ROOT_LAYOUT.read_text(encoding="utf-8")
            .replace("glyph_scale: 2%", "glyph_scale: 1.5%")
            .replace("word_space_stretch: 35%", "word_space_stretch: 40%"))
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    fit = load_layout(tmp_path / "a.yaml").justify
    assert (fit.expand, fit.stretch, fit.shrink, fit.min_last) == pytest.approx(
        (0.015, 0.4, 0.25, 2))
    (tmp_path / "b.yaml").write_text(text.replace("glyph_scale: 1.5%", "glyph_scale: 5%"),
                                     encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_layout(tmp_path / "b.yaml")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "glyph_scale" in t)
    assert f"b.yaml:{line}:" in str(err.value) and "from 0% to 2%" in str(err.value)


# -- built PDFs ----------------------------------------------------------------------------
ROOT_LAYOUT = SAMPLE.parents[1] / "templates" / "newsletter.yaml"


def generated_body(seed: int) -> str:
    """Questions, answers and paragraphs of random syllables, with bold and italic spans."""
    rnd = random.Random(seed)

    def sentence(n):
        out = [rnd.choice(SYLLABLES) for _ in range(n)]
        i = rnd.randrange(n)
        if rnd.random() < 0.4:
            out[i] = f"**{out[i]}**"
        elif rnd.random() < 0.4:
            out[i] = f"*{out[i]}*"
        return " ".join(out) + rnd.choice(".,;?")

    items = []
    for _ in range(14):
        items.append(f"  - q: '{sentence(rnd.randint(8, 40))}'")
        paras = [" ".join(sentence(rnd.randint(3, 25)) for _ in range(rnd.randint(1, 5)))
                 for _ in range(rnd.randint(1, 3))]
        items.append("  - a: |\n" + "\n\n".join(f"      {p}" for p in paras))
    return "\n".join(items) + "\n"


@pytest.fixture(scope="module", params=["sample", "generated-1", "generated-2"])
def source(request, tmp_path_factory):
    if request.param == "sample":
        return SAMPLE
    seed = int(request.param.split("-")[1])
    return variant(tmp_path_factory.mktemp("gen"), generated_body(seed))


@pytest.fixture(scope="module", params=["newsletter", "handout"])
def drawn(request, source):
    """Every justified paragraph (or part) drawn, and the PDF."""
    from pipeline.writers.pdf import justified

    record = []
    original = justified.Justified.draw

    def draw(self):
        record.append(self)
        return original(self)

    justified.Justified.draw = draw
    try:
        pdf = build(source, request.param)
    finally:
        justified.Justified.draw = original
    assert len(record) > 10
    return record, pdf, source, request.param


def widest_spaces(words, widths, fit: Justify, min_last: int, size: float = 0.0) -> float:
    """Over every breaking whose last line has ``min_last`` words at least, the smallest
    possible word-space ratio (printed / natural) of its loosest line: a min-max search, not
    the breaker's way. A stretched line's glyphs take their share, 2 % at most; the spaces
    print the rest of the line, less what letters spaced (``fit.letter_space`` of ``size``
    each, two of them printing in every word space) take of what is over the stretch."""
    n, inf = len(words.boxes), float("inf")
    chars = [sum(len(t) for _, t, _ in w) for w in words.pieces]
    unit = fit.letter_space * size
    best = [0.0] + [inf] * n  # best[b]: loosest spaces of the best breaking of words :b
    for b in range(1, n + 1):
        for a in range(b - 1, -1, -1):
            if best[a] == inf:
                continue
            width = widths[0] if a == 0 else widths[1]
            box = sum(words.boxes[a:b])
            space = sum(g for g, s in zip(words.gaps[a:b - 1], words.spaces[a:b - 1]) if s)
            natural = box + space
            if b == n:
                if natural > width:
                    break
                loosest = 0.0 if b - a >= min_last else inf
            elif natural > width:
                if natural - space * fit.shrink - box * fit.expand > width:
                    break
                loosest = 0.0
            else:
                share = (width - natural) / (space * fit.stretch + box * fit.expand)
                if space == 0:  # glyph scaling alone fills the line, or nothing does
                    loosest = 0.0 if share <= 1 else inf
                else:
                    loosest = (width - box * (1 + min(1.0, share) * fit.expand)) / space
                    gaps = sum(words.spaces[a:b - 1])
                    glyphs = sum(chars[a:b]) + gaps - 1 - 2 * gaps
                    if unit and loosest > 1 + fit.stretch and glyphs > 0:
                        loosest = max(1 + fit.stretch, loosest - glyphs * unit / space)
            best[b] = min(best[b], max(best[a], loosest))
    return best[n]


def test_no_paragraph_ends_with_a_one_syllable_line_unless_avoiding_it_doubles_spaces(drawn):
    from pipeline.writers.pdf.linebreak import DOUBLED

    record, pdf, source, layout = drawn
    ends = [p for p in record if p._ends and len(p._set.boxes) > 1]
    runts = [p for p in ends if p._lines[-1][1] - p._lines[-1][0] < 2]
    assert ends
    for p in runts:
        whole = getattr(p, "_whole", p)
        assert widest_spaces(whole._set, whole._widths, p.fit, 2, p.style.fontSize) > DOUBLED
    if source == SAMPLE:
        assert not runts


def test_glyphs_are_scaled_two_percent_at_most(drawn):
    pdf = drawn[1]
    scales = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "Tz":
                    scales.append(float(operands[0]))
    assert scales, "justified lines are set with glyph scaling"
    assert all(98 <= s <= 102 for s in scales), min(scales, key=lambda s: -abs(s - 100))
    assert any(s != 100 for s in scales)


def test_every_word_of_the_source_is_printed_in_order(drawn, tmp_path):
    from pipeline.model import Turn, plain_text
    from pipeline.source import load_source

    _, pdf, source, _ = drawn
    doc = load_source(source)
    text = words(re.sub(r"\S+ · \S+ · Trang \d+/\d+", " ", pdftotext(pdf, tmp_path, "-raw")))
    printed = text.split()
    at = 0
    for block in doc.blocks:
        if not isinstance(block, Turn):
            continue
        for paragraph in block.paragraphs:
            for word in plain_text(paragraph).split():
                while at < len(printed) and printed[at] != word:
                    at += 1
                assert at < len(printed), f"{word!r} missing or out of order"
                at += 1


def test_builds_are_byte_identical(drawn):
    _, pdf, source, layout = drawn
    assert build(source, layout) == pdf


def test_spans_keep_their_faces(tmp_path):
    import pdfplumber

    body = ("  - q: 'Câu hỏi **đậm** và *nghiêng* ở đây, đủ dài để xuống dòng một lần nữa "
            "cho chắc chắn rằng đoạn văn được căn đều hai bên như mọi câu hỏi khác?'\n"
            "  - a: 'Trả lời có **vững** và *mềm* giữa câu, rồi thêm nhiều chữ nữa "
            "để đoạn này dài hơn một dòng của cột báo, như mọi câu trả lời khác.'\n")
    path = tmp_path / "x.pdf"
    path.write_bytes(build(variant(tmp_path, body), "newsletter"))
    faces: dict[str, set] = {}
    with pdfplumber.open(path) as pdf:
        for word in pdf.pages[0].extract_words(extra_attrs=["fontname"]):
            name = word["fontname"].split("+")[1]
            if "Serif" in name:  # body text, not display text (title, masthead)
                faces.setdefault(word["text"].strip(".,?"), set()).add(name)
    assert faces["Câu"] == faces["đậm"] == {"NotoSerif-Bold"}  # a question
    assert faces["nghiêng"] == {"NotoSerif-BoldItalic"}
    assert faces["Trả"] == {"NotoSerif-Regular"}  # an answer
    assert faces["vững"] == {"NotoSerif-Bold"} and faces["mềm"] == {"NotoSerif-Italic"}
    assert faces["Đình:"] == {"NotoSerif-Bold"}  # the speaker label
