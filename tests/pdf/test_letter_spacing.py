"""Letters spaced a little, as InDesign does, where the text leaves a line looser than all
its word-space stretch: word spaces never print twice their width (issue 10, item 1)."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pikepdf
import pytest

from pipeline.layouts import Justify
from pipeline.writers.pdf import justified
from pipeline.writers.pdf.justified import _letter_spacing
from tests.makeup.generated import ARTICLES, corpus_draft

SPACING = Path(__file__).resolve().parents[3] / "shared" / "tools" / "spacing.py"


class Line:
    """Three words, 90 pt of glyphs, two spaces of 4 pt."""

    boxes, gaps, spaces = [40.0, 40.0, 10.0], [4.0, 4.0, 0.0], [True, True, False]


def test_a_line_within_its_stretch_keeps_its_letters_as_they_are():
    fit = Justify(letter_space=0.03)
    assert _letter_spacing(Line, 0, 3, 1.4, 30, fit, 10.0) == (1.4, 0.0)  # 4 pt + 35 %


def test_a_looser_line_spaces_its_letters_the_width_kept():
    """A word space prints its word space and two letter spaces (after the word, after the
    space): together they come to all the stretch (35 % of 4 pt) where the letters can
    take the rest, 3 % of the size at most."""
    fit = Justify(letter_space=0.03)
    extra, char = _letter_spacing(Line, 0, 3, 3.0, 30, fit, 10.0)
    assert 0 < char < 0.3 and extra + 2 * char == pytest.approx(1.4, abs=1e-3)
    assert 2 * extra + 30 * char == pytest.approx(2 * 3.0, abs=1e-3)  # as wide as before
    extra, char = _letter_spacing(Line, 0, 3, 8.0, 30, fit, 10.0)
    assert char == pytest.approx(0.3) and extra == pytest.approx(8.0 - 4.5)  # at most 3 %
    assert _letter_spacing(Line, 0, 3, 8.0, 30, Justify(letter_space=0.0), 10.0) == (8.0, 0.0)


def test_a_lone_last_syllable_is_avoided_where_spaced_letters_keep_the_spaces_under_double():
    """Five syllables fit line 1 and leave one alone on line 2; four on line 1 would print
    its spaces over 1.9 times their width, but with its letters spaced (up to 0.3 pt each)
    the spaces print within their stretch: the breaker now counts them that way."""
    from pipeline.writers.pdf.linebreak import break_lines

    chars = [4, 5, 6, 4, 2, 6]
    boxes, gaps, spaces = [5.0 * c for c in chars], [2.5] * 6, [True] * 5 + [False]
    fit = Justify(letter_space=0.03)

    def stops(letters=None):
        return [ln.stop for ln in break_lines(boxes, gaps, spaces, (112.0, 112.0), fit,
                                              letters=letters)]

    assert stops() == [5, 6]
    assert stops((lambda: chars, 0.3)) == [4, 6]


def char_spaces(pdf: bytes) -> list[tuple[float, float]]:
    """(Tc, the font size it is set with) for every Tc operator of the PDF."""
    found, size = [], 0.0
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "Tf":
                    size = float(operands[1])
                elif str(op) == "Tc":
                    found.append((float(operands[0]), size))
    return found


def loosest(pdf: bytes, tmp_path: Path) -> float:
    """The largest word-space ratio of a justified line, as ../shared/tools/spacing.py (the
    issue's method) measures it."""
    spec = importlib.util.spec_from_file_location("spacing", SPACING)
    spacing = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(spacing)
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf)
    return spacing.analyse(str(path))["max"]


@pytest.mark.skipif(not SPACING.is_file() or len(ARTICLES) < 6,
                    reason="../shared (tools, corpus) is not beside the project")
@pytest.mark.parametrize("key", ["01", "09"])
def test_no_word_space_prints_twice_its_width_in_the_corpus_newsletters(key, tmp_path,
                                                                        monkeypatch):
    """Corpus 01 ("moreTheo ông Lê Thanh Vân, trong thương vụ", the next word too long for
    the line) and 09 (a two-line question, "... có khó / không?") each had one line with
    word spaces 2.3-2.4 times their width."""
    stem = next(a.stem for a in ARTICLES if a.stem.startswith(key))
    corpus_draft.cache_clear()
    try:
        pdf, layout = corpus_draft(stem, "newsletter")
        spaced = char_spaces(pdf)
        assert spaced and all(tc <= layout.justify.letter_space * size + 1e-3
                              for tc, size in spaced)
        assert loosest(pdf, tmp_path) < 2.0
        monkeypatch.setattr(justified, "_letter_spacing", lambda w, lo, hi, extra, *a: (
            extra, 0.0))
        corpus_draft.cache_clear()
        assert loosest(corpus_draft(stem, "newsletter")[0], tmp_path) > 2.0
    finally:
        corpus_draft.cache_clear()


def test_the_layouts_letter_space_is_read_and_checked(tmp_path):
    from pipeline.errors import UserError
    from pipeline.layouts import load_layout

    template = Path(__file__).resolve().parents[2] / "templates" / "newsletter.yaml"
    assert load_layout(template).justify.letter_space == pytest.approx(0.03)
    text = template.read_text(encoding="utf-8").replace("letter_space: 3%", "letter_space: 6%")
    (tmp_path / "wide.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_layout(tmp_path / "wide.yaml")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "letter_space" in t)
    assert f"wide.yaml:{line}:" in str(err.value) and "from 0% to 5%" in str(err.value)


@pytest.mark.parametrize("stem,words,ending", [
    ("cung-con-chon-nghe", "rủi ro", "thì sao?"),
    ("giu-chat-luong-con-tom", "đến nay", "vẫn khó?")])
def test_a_sample_question_no_longer_ends_with_a_lone_syllable(stem, words, ending,
                                                                monkeypatch):
    """Two questions of the sample sources' handouts ended "… rủi ro thì / sao?" and "… đến
    nay vẫn / khó?": avoiding the lone syllable would have doubled the first line's word
    spaces, but not once its letters are spaced."""
    from pipeline.build import resolve_layouts
    from pipeline.source import load_source
    from pipeline.writers.pdf import render_pdf

    drawn = []
    original = justified.Justified.draw

    def draw(self):
        drawn.append(self)
        return original(self)

    monkeypatch.setattr(justified.Justified, "draw", draw)
    [layout] = resolve_layouts(("handout",), ())
    render_pdf(load_source(Path(__file__).resolve().parents[2] / "source" / f"{stem}.yaml"),
               layout)

    def text(p, lo, hi):
        return "".join(t for _, t, _ in justified._runs(p._set, lo, hi))

    [question] = [p for p in drawn if words in text(p, 0, len(p._set.boxes))
                  and p.style.name == "Question"]
    lo, hi, _ = question._lines[-1]
    assert text(question, lo, hi) == ending
