"""Tracked changes are never silently accepted or lost: a DOCX with pending ones is refused
with a list of them (author, date, paragraph, words) unless --accept-changes or
--reject-changes says what to do; comments come through as YAML comments beside their block.
Tested on DOCX files edited by LibreOffice itself and on hand-made XML."""

from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.source import load_source
from tests.importer_docx import libreoffice as lo
from tests.importer_docx.helpers import SAMPLE, kept
from tests.importer_docx.test_edits import LAST_Q, edited, number_at


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def lo_edited(built, tmp_path_factory):
    """scenario -> the sample newsletter DOCX after LibreOffice recorded it: "changes"
    (tracked edits and a comment), "comment" (a comment only)."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    base = tmp_path_factory.mktemp("lo-edit")
    src = built["sample-newsletter"][0]
    return {s: lo.edit(src, base / f"{s}.docx", s, base) for s in ("changes", "comment")}


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def body_text(path) -> str:
    return "\n".join(str(v) for block in yaml.safe_load(path.read_text(encoding="utf-8"))["body"]
                     for v in block.values())


def test_libreoffice_tracked_changes_are_refused_with_a_list_and_the_way_out(lo_edited, work):
    shutil.copy(lo_edited["changes"], work / "bai.docx")
    result = run("import", "bai.docx", "-o", "bai.yaml")
    assert result.exit_code == 1
    assert not (work / "bai.yaml").exists() and not (work / "images").exists()
    lines = result.output.splitlines()
    assert lines[0] == ("bai.docx: error: the DOCX has 7 tracked changes not yet accepted or "
                        "rejected (listed below); nothing was imported. Accept or reject them "
                        "in Word (Review > Accept / Reject) and save, or import again with "
                        "--accept-changes (take the edits as shown) or --reject-changes (keep "
                        "the text as it was before them)")
    by = f" by {lo.EDITOR} on 20"
    for expected in (f"tracked deletion “{lo.DELETED.strip()}”{by}",
                     f"tracked deletion “{lo.REPLACED[0]}”{by}",
                     f"tracked insertion “{lo.REPLACED[1]}”{by}",
                     f"tracked insertion “{lo.INSERTED.strip()}”{by}",
                     f"tracked formatting change “{lo.BOLDED}”{by}",
                     f"tracked paragraph break deleted{by}",
                     f"tracked deletion “{lo.GONE_PARAGRAPH}"):
        assert sum(expected in line for line in lines) == 1, expected
    answer = next(line for line in lines if lo.REPLACED[1] in line)
    assert answer.startswith("bai.docx:8:1: error: paragraph 8, an answer (“Đồng chí Nguyễn")
    caption = next(line for line in lines if lo.INSERTED.strip() in line)
    assert ", a caption (“Đồng chí Nguyễn Nam Đình trả lời" in caption
    assert (f"bai.docx:11:1: note: paragraph 11: comment ({lo.CHIEF}) on “{lo.COMMENTED}”: "
            f"{lo.NOTE}; it will be kept as a YAML comment beside its block") in lines


def test_accepting_takes_every_libreoffice_change_and_keeps_the_comment(lo_edited, work):
    shutil.copy(lo_edited["changes"], work / "bai.docx")
    result = run("import", "bai.docx", "-o", "bai.yaml", "--accept-changes")
    assert result.exit_code == 0
    assert "bai.docx:1:1: warning: 7 tracked changes accepted, as --accept-changes asks" \
        in result.output
    text = body_text(work / "bai.yaml")
    assert lo.REPLACED[1] in text and lo.REPLACED[0] not in text
    assert "dám nghĩ, dám làm" not in text and "dân chủ, dám làm" in text
    assert lo.INSERTED_AFTER + lo.INSERTED in text
    assert lo.GONE_PARAGRAPH not in text
    assert f"**{lo.BOLDED}**" in text
    lines = (work / "bai.yaml").read_text(encoding="utf-8").splitlines()
    at = lines.index(f"  # comment ({lo.CHIEF}) on “{lo.COMMENTED}”: {lo.NOTE}")
    assert lines[at + 1] == "  - p: |-" and lines[at + 2].strip().startswith(
        "Ban Chấp hành Đảng bộ đã ban hành " + lo.COMMENTED)


def test_rejecting_gives_back_the_text_before_the_changes(lo_edited, work):
    shutil.copy(lo_edited["changes"], work / "bai.docx")
    result = run("import", "bai.docx", "-o", "bai.yaml", "--reject-changes")
    assert result.exit_code == 0
    assert "7 tracked changes rejected (the text before them kept)" in result.output
    assert kept(load_source(work / "bai.yaml"), "newsletter") == kept(load_source(SAMPLE),
                                                                      "newsletter")


def test_a_comment_alone_imports_with_a_warning_and_a_yaml_comment(lo_edited, work):
    shutil.copy(lo_edited["comment"], work / "bai.docx")
    result = run("import", "bai.docx", "-o", "bai.yaml")
    assert result.exit_code == 0
    assert (f"bai.docx:11:1: warning: paragraph 11: comment ({lo.CHIEF}) on “{lo.COMMENTED}”: "
            f"{lo.NOTE}; kept as a YAML comment beside its block (delete it once dealt with)"
            in result.output)
    assert f"# comment ({lo.CHIEF}) on “{lo.COMMENTED}”: {lo.NOTE}" in (
        work / "bai.yaml").read_text(encoding="utf-8")
    assert kept(load_source(work / "bai.yaml"), "newsletter") == kept(load_source(SAMPLE),
                                                                      "newsletter")


def test_both_choices_at_once_is_a_usage_error(built, work):
    shutil.copy(built["sample-newsletter"][0], work / "bai.docx")
    result = run("import", "bai.docx", "--accept-changes", "--reject-changes")
    assert result.exit_code == 2 and "choose one of" in result.output


# -- hand-made XML: moves, formatting and style changes, paragraph marks -------------------

WHO = 'w:author="An" w:date="2026-11-30T10:05:00Z"'


def answer(inner: str, ppr: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="Answer"/>{ppr}</w:pPr>{inner}</w:p>'


def t(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


ADDED = (answer(t("Đoạn A. ") + f"<w:moveFrom w:id='1' {WHO}>{t('Câu được chuyển.')}</w:moveFrom>")
         + answer(t("Đoạn B. ") + f"<w:moveTo w:id='2' {WHO}>{t('Câu được chuyển.')}</w:moveTo>")
         + answer(t("Chữ đậm mới", f"<w:rPr><w:b/><w:rPrChange w:id='3' {WHO}><w:rPr/>"
                                   "</w:rPrChange></w:rPr>") + t(" ở đây."))
         + ('<w:p><w:pPr><w:pStyle w:val="Heading1"/>'
            f"<w:pPrChange w:id='4' {WHO}><w:pPr><w:pStyle w:val=\"Answer\"/></w:pPr>"
            "</w:pPrChange></w:pPr>" + t("Một tiêu đề phụ") + "</w:p>")
         + answer(t("Đoạn tách "), f"<w:rPr><w:ins w:id='5' {WHO}/></w:rPr>")
         + answer(t("ra hai.")))


def hand_made(built, tmp_path):
    where = {}

    def change(xml):
        pos = xml.rindex(LAST_Q)
        where["first"] = number_at(xml, pos)
        return xml[:pos] + ADDED + xml[pos:]

    docx = edited(built["sample-newsletter"][0], tmp_path / "bai.docx", change)
    return docx, where["first"]


def test_moves_formatting_style_and_paragraph_break_changes_are_listed(built, work):
    _, n = hand_made(built, work)
    result = run("import", "bai.docx")
    assert result.exit_code == 1
    assert [line.split(": error: ", 1)[1] for line in result.output.splitlines()[1:]] == [
        f"paragraph {n}, an answer (“Đoạn A. Câu được chuyển.”): tracked move (from here) "
        "“Câu được chuyển.” by An on 2026-11-30 10:05",
        f"paragraph {n + 1}, an answer (“Đoạn B. Câu được chuyển.”): tracked move (to here) "
        "“Câu được chuyển.” by An on 2026-11-30 10:05",
        f"paragraph {n + 2}, an answer (“Chữ đậm mới ở đây.”): tracked formatting change "
        "“Chữ đậm mới” by An on 2026-11-30 10:05",
        f"paragraph {n + 3}, a heading (“Một tiêu đề phụ”): tracked paragraph style change "
        "by An on 2026-11-30 10:05",
        f"paragraph {n + 4}, an answer (“Đoạn tách”): tracked paragraph break inserted by An "
        "on 2026-11-30 10:05"]


def test_hand_made_changes_accepted(built, work):
    hand_made(built, work)
    assert run("import", "bai.docx", "--accept-changes").exit_code == 0
    body = yaml.safe_load((work / "bai.yaml").read_text(encoding="utf-8"))["body"]
    text = body_text(work / "bai.yaml")
    assert "Đoạn A.\n" in text + "\n" and "Đoạn B. Câu được chuyển." in text
    assert "**Chữ đậm mới** ở đây." in text
    assert {"heading": "Một tiêu đề phụ"} in body
    assert "Đoạn tách\n\nra hai." in text


def test_hand_made_changes_rejected(built, work):
    hand_made(built, work)
    assert run("import", "bai.docx", "--reject-changes").exit_code == 0
    body = yaml.safe_load((work / "bai.yaml").read_text(encoding="utf-8"))["body"]
    text = body_text(work / "bai.yaml")
    assert "Đoạn A. Câu được chuyển." in text and "Đoạn B.\n" in text + "\n"
    assert "Chữ đậm mới ở đây." in text and "**Chữ" not in text
    assert {"heading": "Một tiêu đề phụ"} not in body and "Một tiêu đề phụ" in text
    assert "Đoạn tách ra hai." in text


def test_a_comment_on_the_title_goes_to_the_top_of_the_file(built, work):
    import zipfile

    w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    title = '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>'
    with zipfile.ZipFile(built["sample-newsletter"][0]) as zin, \
            zipfile.ZipFile(work / "bai.docx", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.decode().replace(title, title + '<w:commentRangeStart w:id="7"/>', 1)
                data = data.replace("</w:t></w:r></w:p>", '</w:t></w:r><w:commentRangeEnd '
                                    'w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p>',
                                    1).encode()
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdC" Type="http'
                                    b'://schemas.openxmlformats.org/officeDocument/2006/relatio'
                                    b'nships/comments" Target="comments.xml"/></Relationships>')
            zout.writestr(item, data)
        zout.writestr("word/comments.xml", f'<w:comments xmlns:w="{w_ns}"><w:comment w:id="7" '
                      'w:author="Tổng biên tập" w:date="2026-11-30T08:00:00Z"><w:p><w:r>'
                      "<w:t>Tít dài quá,</w:t></w:r></w:p><w:p><w:r><w:t>rút gọn.</w:t></w:r>"
                      "</w:p></w:comment></w:comments>")
    result = run("import", "bai.docx")
    assert result.exit_code == 0
    lines = (work / "bai.yaml").read_text(encoding="utf-8").splitlines()
    note = ("# comment (Tổng biên tập, 2026-11-30 08:00) on “Phát huy truyền thống đoàn kết, đề "
            "cao trách nhiệm nêu…”: Tít dài quá, rút gọn.")
    assert note in lines and lines.index(note) < lines.index("format: 1")
