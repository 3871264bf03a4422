"""The importer on small hand-written articles: one per kind of thing real articles do."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.importer.importer_checks import check_words, load

from pipeline.importer import ImportResult, import_text
from pipeline.importer.text import analyse, expected_values

FIXTURES = Path(__file__).parent / "fixtures"
ALL = sorted(p.name for p in FIXTURES.glob("*.txt"))


def run(name: str, **kw) -> tuple[ImportResult, dict]:
    result = import_text((FIXTURES / name).read_text(encoding="utf-8"), name, **kw)
    return result, load(result.yaml_text)


def kinds(data: dict) -> list[str]:
    return [next(k for k in b if k in ("q", "a", "p", "figure", "quote", "heading"))
            for b in data["body"]]


@pytest.mark.parametrize("name", ALL)
def test_no_word_is_lost(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    article, _ = analyse(text, name)
    result = import_text(text, name)
    check_words(text, article, load(result.yaml_text), result.yaml_text)


@pytest.mark.parametrize("name", ALL)
def test_output_loads_back_exactly(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    article, _ = analyse(text, name)
    data = load(import_text(text, name).yaml_text)
    want = expected_values(article)
    assert data["title"] == want["title"] and data["body"] == want["body"]
    assert data.get("lead") == want.get("lead")
    assert {k: p["label"] for k, p in data["people"].items()} == want["people"]


@pytest.mark.parametrize("name", ALL)
def test_source_loader_accepts_it_as_a_draft(name, tmp_path):
    from pipeline.errors import UserError
    from pipeline.source import load_source

    result, data = run(name)
    path = tmp_path / "source" / "x.yaml"
    path.parent.mkdir()
    path.write_text(result.yaml_text, encoding="utf-8")
    load_source(path, draft=True)
    figures = [b for b in data["body"] if "figure" in b]
    if not figures:
        load_source(path)  # nothing but photos may be missing
    else:
        with pytest.raises(UserError) as exc:
            load_source(path)
        assert all("images/photo-" in d.message for d in exc.value.diagnostics)


@pytest.mark.parametrize("name", ALL)
def test_readable_output(name):
    result, _ = run(name)
    lines = result.yaml_text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema.json"
    assert "\\u" not in result.yaml_text  # Vietnamese written as is
    assert result.yaml_text.count("- figure: images/photo-") == result.yaml_text.count(
        "# TODO: supply this photo")


def test_schema_reference_is_the_callers():
    result, _ = run("captions.txt", schema_ref="../../schema.json")
    assert result.yaml_text.startswith("# yaml-language-server: $schema=../../schema.json\n")


def test_every_answer_labelled_and_duplicate_captions():
    result, data = run("pv-every-label.txt")
    assert data["title"] == "Giữ vững kỷ cương, đổi mới phương thức lãnh đạo"
    assert data["lead"].startswith("Nhân dịp đầu năm mới")
    assert data["people"]["pv"]["label"] == "P.V"
    assert data["people"]["nguoi1"]["label"] == "Đồng chí Trần Văn Bình"
    assert kinds(data) == ["q", "a", "figure", "p", "figure", "q", "a", "q"]
    fig = data["body"][2]
    assert fig == {"figure": "images/photo-1.jpg", "credit": "H.N",
                   "caption": "Lãnh đạo huyện kiểm tra tiến độ xây dựng cầu Khe Lau."}
    assert data["body"][4] == {"figure": "images/photo-2.jpg",  # a lone caption
                               "caption": "Đồng chí Trần Văn Bình trả lời phỏng vấn Báo Hà Tĩnh."}
    assert data["body"][1]["a"].endswith("\n\nThu ngân sách tăng 12% so với cùng kỳ.")
    assert data["body"][-1] == {"q": "Xin cảm ơn đồng chí!"}
    assert data["publication"] == "Báo Hà Tĩnh"
    assert "# TODO: the publication date" in result.yaml_text
    assert "|-\n" in result.yaml_text or all(len(v) <= 72 for v in data["body"][1].values())


def test_label_on_first_answer_only_headings_and_byline():
    _, data = run("pv-first-label-only.txt")
    assert data["people"]["pv"]["label"] == "PV"
    assert data["people"]["nguoi1"]["label"] == "Ông Lê Minh Quang"
    assert kinds(data) == ["heading", "q", "a", "q", "a", "heading", "q", "a", "q"]
    assert data["body"][4] == {"a": "Trước hết là chất lượng sản phẩm và truy xuất nguồn gốc."}
    assert data["byline"] == "MINH TÂM"


def test_phong_vien_and_shared_dash_told_apart_by_question_mark():
    result, data = run("phong-vien-shared-dash.txt")
    assert data["people"]["pv"]["label"] == "Phóng viên"
    assert data["people"]["nguoi1"]["label"] == "Bà Nguyễn Thị Hoa"
    assert kinds(data) == ["q", "a", "q", "a", "q", "a"]
    assert data["body"][2]["q"] == "Nông dân cần làm gì để giảm rủi ro?"
    assert data["body"][3]["a"].startswith("Nông dân nên liên kết")  # en dash marker
    assert data["body"][0]["q"].startswith("Giá lúa năm nay")
    assert data["publication"] == "TODO"
    assert any("non-breaking space" in w.message and w.line == 3 for w in result.warnings)
    assert all(w.severity == "warning" and w.file == "phong-vien-shared-dash.txt"
               for w in result.warnings)


def test_star_questions_dash_answers_repeated_headline_and_credit():
    result, data = run("star-dash.txt")
    assert kinds(data) == ["figure", "q", "a", "q", "a", "q"]
    assert data["body"][0]["caption"] == "Ông Phạm Văn Đức, giám đốc Công ty Nhà Xanh"
    assert data["body"][0]["credit"] == "NVCC"
    assert data["body"][2]["a"] == "Giao dịch chậm lại vì tín dụng bị siết.\n\nNguồn cung vẫn dồi dào."
    assert data["body"][4]["a"] == "Người mua nên tìm hiểu kỹ pháp lý dự án."
    assert data["body"][5] == {"q": "Xin cảm ơn ông!"}
    assert data["publication"] == "nhaxanh.vn"
    assert "repeat of the headline" in result.yaml_text


def test_questions_without_marker():
    result, data = run("no-marker-questions.txt")
    assert "lead" not in data
    assert kinds(data) == ["q", "a", "q", "a"]
    assert data["people"]["nguoi1"]["label"] == "PGS.TS Hoàng Văn Nam"
    assert "question without a marker" in result.yaml_text


def test_several_interviewees_get_by():
    result, data = run("several-interviewees.txt")
    people = data["people"]
    assert [p["label"] for p in people.values()] == ["P.V", "Thiếu tướng Đỗ Văn Hải",
                                                      "Bà Trần Thị Lan"]
    answers = [b for b in data["body"] if "a" in b]
    assert [a["by"] for a in answers] == ["nguoi1", "nguoi2", "nguoi2", "nguoi2"]
    assert "heading" in kinds(data)
    assert "speaker guessed" in result.yaml_text


def test_captions_file_name_alt_and_illustration_credit():
    result, data = run("captions.txt")
    figures = [b for b in data["body"] if "figure" in b]
    assert [f["figure"] for f in figures] == [f"images/photo-{n}.jpg" for n in (1, 2, 3)]
    assert figures[0]["caption"] == "Người dân Hồng Ngự thu hoạch cá linh đầu mùa"
    assert figures[0]["credit"] == "Văn Dũng"
    assert figures[1] == {"figure": "images/photo-2.jpg", "caption": "Ghe xuồng tấp nập trên kênh."}
    assert figures[2]["caption"] == "Trẻ em tập bơi trong mùa nước nổi (Ảnh minh họa)"
    assert figures[2]["credit"] == "từ Internet"
    assert "# importer: dropped image alt text 'DSC_0412.JPG'" in result.yaml_text


def test_lost_paragraph_breaks():
    result, data = run("one-line.txt")
    assert data["lead"] == "Chuyển đổi số đang được triển khai mạnh ở cấp xã."
    assert kinds(data) == ["q", "a", "q", "a", "q"]
    assert data["body"][1]["a"].endswith("Người dân đã quen nộp hồ sơ qua mạng.")
    assert any("paragraph breaks were lost" in w.message and w.line == 2 for w in result.warnings)


def test_odd_characters_are_repaired_and_reported():
    result, data = run("odd-chars.txt")
    assert data["title"] == "Đổi mới sáng tạo ở Đà Nẵng"
    assert data["lead"] == ("Thành phố đang thu hút nhiều doanh nghiệp khởi nghiệp.\n\n"
                            "Nhiều quỹ đầu tư đã có mặt.")
    assert data["body"][0]["q"] == "Ông đánh giá thế nào về hệ sinh thái khởi nghiệp?"
    assert data["people"]["nguoi1"]["label"] == "Ông Lý Quốc Trung"
    by_line = {(w.line, w.message.split(" (")[0].split(" replaced")[0]) for w in result.warnings}
    assert (1, "'Ð'") in by_line
    assert (2, "non-breaking space") in by_line
    assert (2, "paragraph break restored at a zero-width space") in by_line
    assert (3, "zero-width space") in by_line
    assert (4, "decomposed accents composed") in by_line
    first = next(w for w in result.warnings if w.line == 1)
    assert first.col == 1 and "(2 times)" in first.message


def test_junk_signatures_bios_and_byline():
    result, data = run("junk-tail.txt")
    body = data["body"]
    assert kinds(data) == ["p", "quote", "p", "p", "q", "a", "q", "a", "heading", "p", "p",
                           "q", "p"]
    assert body[0]["p"].startswith(">> ")
    assert body[1]["quote"].endswith("- Anh Y Blao Niê")
    assert body[2]["p"].startswith("Anh Y Blao Niê (45 tuổi)")  # a '*' item, not a question
    assert body[10]["p"] == "NGUYỄN VĂN TOÀN"
    assert body[-1]["p"].startswith("moreAnh")
    assert data["byline"] == "Hà Giang – K.Linh" and data["publication"] == "Baomoi.vn"
    for note in ("link to another article", "signature", "no answer follows",
                 "after the end of the interview"):
        assert note in result.yaml_text


def test_dateline_and_guessed_publication():
    result, data = run("dateline.txt")
    import datetime as dt

    assert data["date"] == dt.date(2023, 7, 10)
    assert "TODO: the publication date" not in result.yaml_text
    assert data["lead"] == "Vụ hè thu năm nay được mùa được giá."


def test_hard_wrapped_lines_are_joined():
    result, data = run("wrapped.txt")
    assert data["lead"] == ("Ngôi trường nhỏ ở quận 3 vừa được công nhận là trường học xanh "
                            "đầu tiên của thành phố.")
    assert data["body"][0]["q"] == "Nhà trường đã làm những gì để có được danh hiệu này?"
    assert data["body"][1]["a"].endswith("tiết kiệm điện.\n\nMỗi lớp đều có một góc xanh do "
                                         "học sinh tự chăm sóc.")
    assert any("joined" in w.message for w in result.warnings)


GUESSED = "# importer: caption guessed: a lone line naming"


def test_lone_captions_inside_the_answer_are_figures_numbered_with_the_others():
    result, data = run("lone-captions.txt")
    assert kinds(data) == ["q", "a", "figure", "p", "figure", "p", "q", "a", "figure", "p",
                           "figure", "p", "q"]
    figures = [b for b in data["body"] if "figure" in b]
    assert [f["figure"] for f in figures] == [f"images/photo-{n}.jpg" for n in (1, 2, 3, 4)]
    assert [f["caption"] for f in figures] == [
        "Cán bộ khuyến nông hướng dẫn bà con chăm sóc cây sâm.",  # repeated
        "Đồng chí Vi Văn Thắng trao đổi với phóng viên tại vườn ươm.",  # lone
        "Đồng chí Vi Văn Thắng kiểm tra vườn sâm của hợp tác xã Nậm Cắn năm 2023 - 2024.",  # lone
        "Lễ ra mắt sản phẩm sâm vùng cao."]  # credited, repeated
    assert "credit" not in figures[1] and "credit" not in figures[2]
    assert result.yaml_text.count(GUESSED + " Đồng chí Vi Văn Thắng in the third person inside"
                                  " the answer") == 2
    assert result.yaml_text.count("turn it back into a 'p' block") == 2
    assert data["body"][5] == {"p": "Thu nhập của các hộ tham gia tăng khoảng 30%."}
    assert data["lead"].startswith("Nhân dịp tổng kết dự án")  # names him, but is no caption


def test_lone_caption_above_the_lead_becomes_the_first_figure_below_it():
    result, data = run("lone-caption-lead.txt")
    assert data["lead"] == ("Làng gốm ven sông có lịch sử hàng trăm năm.\n\n"
                            "Phóng viên đã trò chuyện với nghệ nhân về nghề.")
    assert kinds(data) == ["figure", "q", "a", "q", "a", "q"]
    assert data["body"][0] == {"figure": "images/photo-1.jpg",
                               "caption": "Nghệ nhân Phạm Văn Hưng bên lò gốm của gia đình."}
    assert GUESSED + " Ông Phạm Văn Hưng in the third person before the first question" \
        in result.yaml_text
    assert "it stood above the lead: moved below it" in result.yaml_text


def test_lone_caption_between_lead_and_first_question():
    result, data = run("lone-caption-before-question.txt")
    assert data["lead"] == "Giá cà phê năm nay tăng mạnh, nhiều nông hộ có lãi lớn."
    assert kinds(data) == ["figure", "q", "a", "q", "a", "q"]
    assert data["body"][0]["caption"] == "Bà Đinh Thị Nguyệt tại vườn cà phê của gia đình."
    assert "moved below it" not in result.yaml_text


def test_near_misses_of_a_lone_caption_stay_text():
    result, data = run("lone-caption-near-misses.txt")
    assert kinds(data) == ["q", "a", "q", "a", "q"]
    assert "caption guessed" not in result.yaml_text
    assert data["lead"].startswith("Ông Hoàng Minh Tuấn, 52 tuổi")  # too long for a caption
    answer = data["body"][1]["a"].split("\n\n")
    assert answer[1:] == [
        "Ông Hoàng Minh Tuấn cho biết thêm:",  # ends with a colon: it introduces what follows
        "Mỗi năm nước mặn lại vào sâu hơn vài cây số.",
        "Ông Hoàng Minh Tuấn là tên tôi trong giấy khen của tỉnh.",  # first person
        "Kỹ sư Lê Thị Mai ở viện lúa đã giúp đỡ rất nhiều.",  # not the one answering
        "Bà con trong xã gọi Hoàng Minh Tuấn là kỹ sư chân đất.",  # he is not the subject
        "Ông Hoàng Minh Tuấn năm ấy mới ba mươi tuổi. Bà con bảo ông liều."]  # two sentences
    assert data["body"][3]["a"].endswith("trồng giống này ở xã?")  # a question mark
