"""The printed text is the source's text: every sentence, in order, literally."""

from __future__ import annotations

import re
import subprocess

from pdf_testkit import HOSTILE, LONG_URL, SAMPLE, pdftotext, words
from pipeline.source import load_source

FOOTER = re.compile(r"^Báo Nghệ An · \d\d/\d\d/\d{4} · Trang \d+/\d+$", re.M)


def sample_paragraphs():
    return load_source(SAMPLE).texts()


def sentences(paragraph: str):
    return [s for s in re.split(r"(?<=[.?!;:])\s+", words(paragraph)) if s]


def sample_captions() -> list[str]:
    from pipeline.model import Figure, plain_text

    return [plain_text(b.caption) for b in load_source(SAMPLE).blocks if isinstance(b, Figure)]


def check_in_order(text: str):
    """Every sentence in source order; a caption whole, where its photo floated to (the
    text after a photo may move up before it, a split sentence go round it: see
    tests/makeup/test_floats.py), so captions are checked and taken out first."""
    text = words(FOOTER.sub("", text))
    captions = sample_captions()
    for caption in captions:
        assert words(caption) in text, f"caption not whole: {caption[:80]!r}"
        text = words(text.replace(words(caption), " ", 1))
    pos = 0
    for paragraph in sample_paragraphs():
        if paragraph in captions:
            continue
        for sentence in sentences(paragraph):
            found = text.find(sentence, pos)
            assert found >= 0, f"missing or out of order: {sentence[:80]!r}"
            pos = found + len(sentence)


def test_newsletter_prints_every_sentence_in_order(newsletter, tmp_path):
    check_in_order(pdftotext(newsletter, tmp_path, "-raw"))


def test_handout_prints_every_sentence_in_order(handout, tmp_path):
    text = pdftotext(handout, tmp_path, "-raw")
    text = re.sub(r"^(Trang \d+/\d+|Đại hội đại biểu Đảng bộ Khối Các cơ quan tỉnh lần thứ XX, "
                  r"nhiệm kỳ 2020 – 2025)$", "", text, flags=re.M)
    check_in_order(text)


def test_running_footer_from_page_two(newsletter, tmp_path):
    pages = pdftotext(newsletter, tmp_path, "-raw").split("\f")
    n = len([p for p in pages if p.strip()])
    assert not FOOTER.search(pages[0])
    for i in range(2, n + 1):
        assert f"Báo Nghệ An · 10/07/2020 · Trang {i}/{n}" in pages[i - 1]


def test_masthead_credit_and_quotes(newsletter, tmp_path):
    text = words(pdftotext(newsletter, tmp_path, "-raw"))
    assert "Số 25 · 10/07/2020" in text
    assert "Ảnh: T.D" in text
    assert "“Đoàn kết – Nêu gương – Kỷ cương – Đổi mới – Hiệu quả”" in text


def test_hostile_text_is_printed_literally(hostile, tmp_path):
    text = words(pdftotext(hostile, tmp_path, "-raw"))
    assert text.count(HOSTILE) >= 3  # answer, pull quote, heading


def test_long_url_stays_inside_its_column(hostile, tmp_path):
    from pipeline.build import resolve_layouts

    [layout] = resolve_layouts(("newsletter",))
    html = pdftotext(hostile, tmp_path, "-bbox")
    off = layout.bleed
    x0 = off + layout.margin["inside"]  # page 1 is a right-hand page
    cw = (layout.width - layout.margin["inside"] - layout.margin["outside"]
          - layout.gutter) / 2
    columns = [(x0, x0 + cw), (x0 + cw + layout.gutter, x0 + 2 * cw + layout.gutter)]
    boxes = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<', html)
    url_words = [(float(a), float(b)) for a, b, w in boxes if "a1b2c3" in w]
    assert url_words
    for a, b in url_words:
        assert any(lo - 1 <= a and b <= hi + 1 for lo, hi in columns), (a, b)
    assert "a1b2c3d4e5" * 3 in "".join(w for *_, w in boxes)
    assert LONG_URL[:30] in words(pdftotext(hostile, tmp_path, "-raw"))


def test_fifty_times_the_body_builds(long_body, tmp_path):
    info = subprocess.run(["pdfinfo", "-"], input=long_body, capture_output=True).stdout
    pages = int(re.search(rb"Pages:\s+(\d+)", info).group(1))
    assert pages > 60
