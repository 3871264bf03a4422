"""Vietnamese words in line breaking: display lines break only between words (underthesea's
model) and are balanced; in justified text a break inside a word costs a penalty; the
segmentation is kept on disk, so a rebuild does not load the model."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.model import Figure, Heading, Quote, plain_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"
LAYOUTS = ("newsletter", "handout")
DISPLAY_FONT = "NotoSans-"  # the layouts' display face (Noto Sans); body text is Noto Serif


@pytest.fixture(scope="module", autouse=True)
def _cache(tmp_path_factory):
    old = os.environ.get("PIPELINE_CACHE_DIR")
    os.environ["PIPELINE_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("PIPELINE_CACHE_DIR", None)
    else:
        os.environ["PIPELINE_CACHE_DIR"] = old


def build(layout_name: str, source: Path = SAMPLE) -> bytes:
    from pipeline.build import resolve_layouts
    from pipeline.source import load_source
    from pipeline.writers.pdf import render_pdf

    [layout] = resolve_layouts((layout_name,), ())
    return render_pdf(load_source(source), layout)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for name in LAYOUTS:
        path = tmp_path_factory.mktemp("pdf") / f"{name}.pdf"
        path.write_bytes(build(name))
        out[name] = path
    return out


def display_lines(path: Path) -> list[dict]:
    """Lines set in the display face, in reading order of each column: {text, words, x0,
    x1, top, size}; a line's words are split where a column gap opens between them."""
    import pdfplumber

    lines = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = [w for w in page.extract_words(extra_attrs=["fontname", "size"],
                                                   use_text_flow=True)
                     if DISPLAY_FONT in w["fontname"]]
            rows: dict[float, list] = {}
            for w in words:
                rows.setdefault(round(w["bottom"]), []).append(w)
            for _, row in sorted(rows.items()):
                row.sort(key=lambda w: w["x0"])
                line = [row[0]]
                for w in row[1:]:
                    if w["x0"] - line[-1]["x1"] > 2 * w["size"]:  # the gutter
                        lines.append(_line(line, page.page_number))
                        line = []
                    line.append(w)
                lines.append(_line(line, page.page_number))
    return lines


def _line(words, page) -> dict:
    return {"words": [w["text"] for w in words], "text": " ".join(w["text"] for w in words),
            "x0": words[0]["x0"], "x1": words[-1]["x1"], "top": words[0]["top"],
            "size": round(max(w["size"] for w in words), 1), "page": page}


def paragraphs(lines: list[dict]) -> list[list[dict]]:
    """Lines grouped into paragraphs: the next line of one is in the same column, a leading
    lower, in the same size."""
    out: list[list[dict]] = []
    for line in sorted(lines, key=lambda ln: (ln["page"], ln["x0"] > 300, ln["top"])):
        last = out[-1][-1] if out else None
        if (last and last["page"] == line["page"] and last["size"] == line["size"]
                and 0 < line["top"] - last["top"] < 1.6 * line["size"]
                and line["x0"] < last["x1"] and last["x0"] < line["x1"]):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def display_texts() -> list[str]:
    """The sample's text set in display styles: kicker, title, interviewee, captions,
    pull quotes, headings."""
    from pipeline.source import load_source

    doc = load_source(SAMPLE)
    who = doc.interviewees[0]
    texts = [doc.kicker, doc.title, f"{who.name} – {who.title}"]
    for block in doc.blocks:
        if isinstance(block, Figure):
            texts.append(plain_text(block.caption))
        elif isinstance(block, Quote):
            texts.extend(plain_text(p) for p in block.paragraphs)
        elif isinstance(block, Heading):
            texts.append(plain_text(block.text))
    return texts


def bare(word: str) -> str:
    """A word as compared: lower case, without the punctuation around it."""
    return re.sub(r"^\W+|\W+$", "", word).casefold()


def ends(para: list[dict]) -> list[tuple[str, str]]:
    """(last word of a line, first word of the next) of a paragraph's lines."""
    return [(bare(a["words"][-1]), bare(b["words"][0])) for a, b in zip(para, para[1:])]


def inside_pairs(texts) -> set[tuple[str, str]]:
    """(syllable, next syllable) of every gap the segmenter puts inside a word."""
    from pipeline import segment

    pairs = set()
    for text in texts:
        chunks = segment.chunks(text)
        for i, joined in enumerate(segment.joins(text)):
            if joined == "1":
                pairs.add((bare(chunks[i]), bare(chunks[i + 1])))
    return pairs


# -- display lines ------------------------------------------------------------------------

@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_issue_s_bad_display_breaks_are_gone(pdfs, layout):
    found = {end for para in paragraphs(display_lines(pdfs[layout])) for end in ends(para)}
    for bad in (("thứ", "xx"), ("đổi", "mới"), ("hiệu", "quả"), ("đô", "lương")):
        assert bad not in found, (layout, bad)


def set_as(path: Path) -> dict[str, list[list[dict]]]:
    """Each display text of the sample and the paragraphs of the PDF that print it."""
    paras = paragraphs(display_lines(path))
    flat = {" ".join(bare(w) for ln in para for w in ln["words"]): para for para in paras}
    found: dict[str, list] = {}
    for text in display_texts():
        key = " ".join(bare(w) for w in text.split())
        found[text] = [flat[key]] if key in flat else []
    return found


@pytest.mark.parametrize("layout", LAYOUTS)
def test_display_lines_end_only_between_the_segmenter_s_words(pdfs, layout):
    """Each line of a display paragraph ends at a gap that the segmenter puts between
    two words of that very text."""
    from pipeline import segment

    found = set_as(pdfs[layout])
    missing = [text for text, paras in found.items() if not paras]
    assert len(missing) <= len(found) // 5, missing  # a few split across columns
    broken = 0
    for text, paras in found.items():
        joins = segment.joins(text)
        for para in paras:
            at = -1
            for line in para[:-1]:
                at += len(line["words"])
                assert joins[at] == "0", (layout, [ln["text"] for ln in para])
                broken += 1
    assert broken >= 5
    assert "1" in segment.joins(display_texts()[1])  # the headline has words of syllables


@pytest.mark.parametrize("layout", LAYOUTS)
def test_display_paragraphs_are_balanced(pdfs, layout):
    """Every display paragraph of several lines (headline, kicker, captions, quotes...)
    ends with more than one word, and its lines are of similar length."""
    checked = 0
    for para in paragraphs(display_lines(pdfs[layout])):
        if len(para) < 2 or para[0]["size"] < 7:  # running heads and folios: one line
            continue
        widths = [ln["x1"] - ln["x0"] for ln in para]
        assert len(para[-1]["words"]) > 1, (layout, [ln["text"] for ln in para])
        assert min(widths) > 0.5 * max(widths), (layout, [ln["text"] for ln in para])
        checked += 1
    assert checked >= 4


def test_the_headline_prints_with_ordinary_spaces_in_the_source_s_order(pdfs):
    from pipeline.source import load_source

    doc = load_source(SAMPLE)
    for layout in LAYOUTS:
        found = set_as(pdfs[layout])
        assert len(found[doc.title]) == 1 and len(found[doc.title][0]) >= 3
        assert len(found[doc.kicker]) == 1
        text = subprocess.run(["pdftotext", str(pdfs[layout]), "-"], check=True,
                              capture_output=True, text=True).stdout
        assert "\u00a0" not in text
        assert " ".join(text.split()).count(" ".join(doc.title.split()[:6])) == 1


def test_a_balanced_paragraph_is_as_narrow_as_its_line_count_allows():
    from reportlab.lib.styles import ParagraphStyle

    from pipeline.writers.pdf.display import Balanced

    style = ParagraphStyle("t", fontName="Helvetica", fontSize=20, leading=24)
    text = "Phát huy truyền thống đoàn kết xây dựng Đảng bộ vững mạnh"
    para = Balanced(text, style, words=text)
    para.wrap(400, 1000)
    used = [400 - ln[0] for ln in para._printed.lines]
    assert len(used) == 2 and max(used) - min(used) < 0.25 * max(used)
    assert [" ".join(ln[1]) for ln in para._printed.lines] == [
        "Phát huy truyền thống đoàn kết", "xây dựng Đảng bộ vững mạnh"]


# -- justified body text ------------------------------------------------------------------

def test_a_break_inside_a_word_costs_the_penalty():
    from pipeline.layouts import Justify
    from pipeline.writers.pdf.linebreak import break_lines

    boxes, gaps, spaces = [20.0] * 8, [5.0] * 8, [True] * 8  # 5 + 3 syllables, or 4 + 4
    fit = Justify(stretch=2.0, shrink=0.5, expand=0.001, tolerance=10)
    widths = (116.0, 116.0)
    plain = break_lines(boxes, gaps, spaces, widths, fit)
    assert [ln.stop for ln in plain] == [5, 8]  # a tight first line beats a loose one
    inside = [False] * 8
    inside[4] = True  # syllables 5 and 6 are one word
    assert [ln.stop for ln in break_lines(boxes, gaps, spaces, widths, fit, inside)] == [4, 8]
    free = dataclasses.replace(fit, word_break_penalty=0)
    assert [ln.stop for ln in break_lines(boxes, gaps, spaces, widths, free, inside)] == [5, 8]


def test_the_sample_body_breaks_inside_fewer_words():
    from pipeline.build import resolve_layouts
    from pipeline.source import load_source
    from pipeline.writers.pdf.geometry import Geometry
    from pipeline.writers.pdf.justified import Justified
    from pipeline.writers.pdf.story import StoryBuilder
    from pipeline.writers.pdf.styles import Styles

    [layout] = resolve_layouts(("newsletter",), ())
    assert layout.justify.word_break_penalty == 50
    geo = Geometry(layout, False)
    body = [f for f in StoryBuilder(load_source(SAMPLE), Styles(layout), geo).body()
            if isinstance(f, Justified)]

    def breaks_inside(penalty: int) -> int:
        count = 0
        for para in body:
            para.fit = dataclasses.replace(layout.justify, word_break_penalty=penalty)
            para._words, para._broken_at = None, None
            para.wrap(geo.column_width, 1e6)
            words = para._set
            words.mark_inside("".join(f.text for f in para.frags))
            count += sum(bool(words.inside) and words.inside[hi - 1]
                         for _, hi, _ in para._lines[:-1])
        return count

    assert breaks_inside(50) < breaks_inside(0)


# -- the segmenter and its cache ----------------------------------------------------------

PROBE = """
import sys
from pathlib import Path
from pipeline import segment
from pipeline.build import resolve_layouts
from pipeline.source import load_source
from pipeline.writers.pdf import render_pdf
[layout] = resolve_layouts(("newsletter",), ())
render_pdf(load_source(Path(sys.argv[1])), layout)
print(segment.loads, "underthesea" in sys.modules, "underthesea_core" in sys.modules)
"""


def test_a_rebuild_reads_the_words_from_the_cache_without_the_model(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PIPELINE_CACHE_DIR": str(tmp_path)}

    def run() -> str:
        return subprocess.run([sys.executable, "-c", PROBE, str(SAMPLE)], env=env, cwd=ROOT,
                              check=True, capture_output=True, text=True).stdout.split()

    assert run() == ["1", "False", "True"]  # the model, through underthesea_core only
    assert list(tmp_path.glob("*.words"))  # beside the converted photos
    assert run() == ["0", "False", "False"]  # nothing loaded the second time


def test_the_segmenter_gives_the_issue_s_words():
    from pipeline import segment

    text = "“Đổi mới – Hiệu quả” tại cơ quan huyện Đô Lương, lần thứ XX"
    chunks = segment.chunks(text)
    joined = segment.joins(text)
    words, word = [], [chunks[0]]
    for chunk, j in zip(chunks[1:], joined):
        if j == "1":
            word.append(chunk)
        else:
            words.append(" ".join(word))
            word = [chunk]
    words.append(" ".join(word))
    assert words == ["“Đổi mới", "–", "Hiệu quả”", "tại", "cơ quan", "huyện", "Đô Lương,",
                     "lần", "thứ XX"]


def test_a_display_paragraph_split_between_columns_keeps_its_words():
    from reportlab.lib.styles import ParagraphStyle

    from pipeline.writers.pdf.display import Balanced

    style = ParagraphStyle("c", fontName="Helvetica", fontSize=10, leading=12)
    text = "Đảng ủy Khối Các cơ quan tỉnh khánh thành công trình tại huyện Đô Lương " * 3
    para = Balanced(text.strip(), style, words=text.strip())
    para.wrap(90, 1000)
    head, rest = para.split(90, 40)
    printed = []
    for part in (head, rest):
        part.wrap(90, 1000)
        for line in part._printed.lines:
            words = line[1] if isinstance(line, tuple) else [w.text for w in line.words]
            printed.append(" ".join(words).strip())
    assert all("\u00a0" not in line for line in printed)
    assert " ".join(printed).split() == text.split()
    assert not any(line.endswith("Đô") for line in printed)
