"""Property tests: generated articles (and arbitrary text) import without losing a word."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.importer import import_text
from pipeline.importer.text import analyse
from tests.importer.importer_checks import check_words, load

VOCAB = ["nhà", "nước", "phát", "triển", "kinh", "tế", "đồng", "bộ", "cán", "đảng", "viên",
         "xã", "hội", "năm", "2020", "tỉnh", "Hà", "Nội", "người", "dân", "đổi", "mới", "3,5",
         "“thẻ", "vàng”", "(DN)", "tỷ", "USD", "100%", "Việt", "Nam", "thưa", "ông", "đã", "sẽ"]
LABELS = ["Ông Nguyễn Văn An", "Bà Lê Thị Hoa", "Đồng chí Trần Nam", "PGS.TS Vũ Minh Đức"]
CAPTION_VERBS = ["trả lời phỏng vấn", "tại hội nghị", "phát biểu khai mạc", "thăm mô hình"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def sentence(draw, tag, end="."):
    ws = draw(st.lists(st.sampled_from(VOCAB), min_size=3, max_size=14))
    ws.insert(1, f"là {next(tag)}")  # a lowercase word, and no two sentences alike
    return ws[0][:1].upper() + ws[0][1:] + " " + " ".join(ws[1:]) + end


@st.composite
def article(draw):
    """(text, number of questions, answers, figures) for a generated interview."""
    q_marker = draw(st.sampled_from(["P.V: ", "PV: ", "Phóng viên: ", "PHÓNG VIÊN: - ", "* ", ""]))
    labelled = "every" if q_marker == "" else draw(st.sampled_from(["every", "first", "never"]))
    a_marker = draw(st.sampled_from(["- ", "– "])) if q_marker in ("* ", "PHÓNG VIÊN: - ") else ""
    label = draw(st.sampled_from(LABELS))
    sep = draw(st.sampled_from(["\n", "\n\n"]))
    tag = iter(range(1000))
    paras = [draw(sentence(tag, end="")), draw(sentence(tag))]  # headline, lead
    n_q = draw(st.integers(1, 4))
    n_fig = 0
    for k in range(n_q):
        if k and draw(st.booleans()):
            paras.append(draw(sentence(tag, end="")))  # a section heading
        paras.append(q_marker + draw(sentence(tag, end="?")))
        first = draw(sentence(tag))
        if labelled == "every" or (labelled == "first" and k == 0):
            first = f"{label}: {first}"
        paras.append(a_marker + first)
        for _ in range(draw(st.integers(0, 2))):
            paras.append(draw(sentence(tag)))
        if labelled != "never" and draw(st.booleans()):  # a lone caption naming the speaker
            paras.append(f"{label} {draw(st.sampled_from(CAPTION_VERBS))} là {next(tag)}.")
            n_fig += 1
            if draw(st.booleans()):
                paras.append(draw(sentence(tag)))
        if draw(st.booleans()):
            cap = draw(sentence(tag))
            if draw(st.booleans()):
                cap += " Ảnh: " + draw(st.sampled_from(["T.D", "Minh Hà", "NVCC"]))
            paras.append(cap + "\n" + cap)
            n_fig += 1
            paras.append(draw(sentence(tag)))
    thanks = draw(st.booleans())
    if thanks:
        paras.append(q_marker + "Xin cảm ơn ông!")
        if draw(st.booleans()):
            paras.append("Theo Báo Nhân Dân")
    return sep.join(paras) + "\n", n_q + thanks, n_q, n_fig


@SETTINGS
@given(article())
def test_generated_articles(case):
    text, n_q, n_a, n_fig = case
    result = import_text(text, "gen.txt")
    data = load(result.yaml_text)
    art, _ = analyse(text, "gen.txt")
    check_words(text, art, data, result.yaml_text)
    body = data["body"]
    assert sum("q" in b for b in body) == n_q
    assert sum("a" in b for b in body) == n_a
    assert sum("figure" in b for b in body) == n_fig


ALPHABET = st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyÁÀẢÃẠáàảãạếềểễệớờởỡợ ĐHNTVÔ")
                           + ["\n", "\n\n", " ", ".", "?", "!", ":", ",", "-", "–", "*", "\"",
                              "“", "”", "(", ")", "#", "'", "|", ">", "\u00a0", "\u200b", "\u00d0",
                              "\t", "\r\n", "P.V: ", "Ông Lê Văn: ", "Ảnh: ", "x.jpg", "Theo ",
                              " thực hiện", "1/2/2020", "\\", "&", "%", "@", "`", "{", "[", "~",
                              "\u2028", "\x07", "\ufeff", "\u0301", "true", "null", "0x1"])


@SETTINGS
@given(st.lists(ALPHABET, max_size=120).map("".join))
@example("á\u2028Á")  # a line equal to the headline but for case is no repeat: it was dropped
def test_arbitrary_text_never_breaks_the_output(text):
    result = import_text(text, "any.txt")
    data = load(result.yaml_text)
    art, _ = analyse(text, "any.txt")
    check_words(text, art, data, result.yaml_text)
