"""Display text is shaped with HarfBuzz (kerning, Vietnamese alternates), and text whose
combining marks NFC cannot absorb is shaped wherever it stands."""

from __future__ import annotations

import pytest
from pdf_testkit import build, pdftotext, variant, words

from pipeline.layouts import available, load_layout

MIXED = "“Đoàn kết – **Nêu gương** – *Kỷ cương* – ***Đổi mới*** – Hiệu quả”"
MARKS = "q\u0323 x\u0301\u0323"  # no precomposed form: the marks stay combining after NFC


@pytest.mark.parametrize("name", ["newsletter", "handout"])
def test_display_styles_ask_for_shaping(name):
    layout = load_layout(available()[name])
    for style in ("Title", "Kicker", "Pull Quote", "Heading 1"):
        assert layout.styles[style].kerning, style
    assert layout.styles["Body Text"].kerning  # kerned by the justified path (kerning.py)


def test_shaped_text_with_mixed_faces_and_marks_builds_and_reads_back(tmp_path):
    body = f"""  - q: 'Câu hỏi có dấu {MARKS}?'
  - a: 'Trả lời {MIXED}'
  - quote: '{MIXED}'
  - heading: '{MIXED} {MARKS}'
"""
    pdf = build(variant(tmp_path, body), "newsletter")
    text = words(pdftotext(pdf, tmp_path, "-raw"))
    for fragment in ("Đoàn kết", "Nêu gương", "Kỷ cương", "Đổi mới", "Hiệu quả"):
        assert text.count(fragment) >= 3, fragment
