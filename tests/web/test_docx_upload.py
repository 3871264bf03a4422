"""A DOCX uploaded on the page: made from a source of the folder, it shows what changed block
by block and word by word and replaces the source (previous version kept) only once
confirmed, refusing a confirmation for a source changed meanwhile; tracked changes are
refused unless the form says accept or reject; a DOCX from elsewhere imports as a draft."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from pipeline.web.history import digest
from tests.importer_docx.helpers import build_docx
from tests.web.test_upload import post

STEM = "bao-nghe-an"
ANSWER = ("quyết tâm chính trị cao", "quyết tâm rất cao")
CAPTION = ("trả lời phỏng vấn Báo Nghệ An.", "trả lời phóng viên Báo Nghệ An.")


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """The newsletter DOCX of the sample, as the page offers it for download."""
    from tests.web.conftest import ROOT

    base = tmp_path_factory.mktemp("made")
    shutil.copytree(ROOT / "source", base / "source")
    return build_docx(base / "source" / f"{STEM}.yaml", base / "docx")["newsletter"]


def python_docx_edit(src: Path, dst: Path, *edits: tuple[str, str]) -> Path:
    """``src`` with each (old, new) replaced inside the run holding it, saved by python-docx."""
    import docx

    document = docx.Document(str(src))
    for old, new in edits:
        run = next(r for p in document.paragraphs for r in p.runs if old in r.text)
        run.text = run.text.replace(old, new)
    document.save(str(dst))
    return dst


def upload(client, path: Path, name: str | None = None, **form):
    return post(client, name or path.name, path.read_bytes(), **form)


def page_of(client, response) -> str:
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    return client.get(response.headers["Location"]).get_data(as_text=True)


def base_of(page: str) -> str:
    return re.search(r'name="base" value="([0-9a-f]+)"', page)[1]


def token_of(response) -> str:
    return response.headers["Location"].split("/")[2]


def test_an_edited_docx_shows_the_changes_and_replaces_only_when_confirmed(
        client, made, sample, sample_dir, catalog, tmp_path):
    before = sample.read_bytes()
    edited = python_docx_edit(made, tmp_path / "bai.docx", ANSWER, CAPTION)
    response = upload(client, edited)
    page = page_of(client, response)
    assert "Chưa có gì được thay" in page and "Xác nhận" in page
    assert "Đáp — Đồng chí Nguyễn Nam Đình" in page
    assert "<del>chính trị</del><ins>rất</ins> cao" in page
    assert "Chú thích ảnh images/02-phong-van.jpg" in page
    assert "<del>phỏng vấn</del><ins>phóng viên</ins>" in page
    assert page.count("<li><strong>") == 2  # nothing else differs
    assert sample.read_bytes() == before
    confirmed = client.post(f"/uploads/{token_of(response)}/confirm",
                            data={"base": base_of(page)})
    assert confirmed.status_code == 303
    text = sample.read_text(encoding="utf-8")
    assert ANSWER[1] in text and CAPTION[1] in text and ANSWER[0] not in text
    [kept] = (sample_dir / ".history" / STEM).iterdir()
    assert kept.read_bytes() == before
    catalog.refresh()
    assert catalog.get(STEM).state == "ok"
    again = client.post(f"/uploads/{token_of(response)}/confirm", data={"base": digest(
        sample.read_bytes())})
    assert again.status_code == 404  # done once


def test_a_confirmation_for_a_source_changed_meanwhile_is_refused(client, made, sample,
                                                                  rewrite, tmp_path):
    edited = python_docx_edit(made, tmp_path / "bai.docx", ANSWER)
    response = upload(client, edited)
    page = page_of(client, response)
    text = sample.read_text(encoding="utf-8")
    rewrite(sample, text.replace("byline: Thành Duy", "byline: T. Duy"))
    theirs = sample.read_bytes()
    refused = client.post(f"/uploads/{token_of(response)}/confirm",
                          data={"base": base_of(page)})
    assert refused.status_code == 409
    new_page = refused.get_data(as_text=True)
    assert "chưa có gì được thay" in new_page and sample.read_bytes() == theirs
    assert "Tác giả" in new_page and "<del>T.</del>" in new_page  # the DOCX has the old one
    assert base_of(new_page) == digest(theirs)
    ok = client.post(f"/uploads/{token_of(response)}/confirm", data={"base": base_of(new_page)})
    assert ok.status_code == 303 and ANSWER[1] in sample.read_text(encoding="utf-8")


def test_tracked_changes_are_refused_unless_the_form_accepts_them(client, made, sample,
                                                                  tmp_path):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    from tests.importer_docx import libreoffice as lo

    edited = lo.edit(made, tmp_path / "bai.docx", "changes", tmp_path)
    refused = upload(client, edited)
    assert refused.status_code == 422
    page = html.unescape(refused.get_data(as_text=True))
    assert "Track Changes" in page and "chấp nhận tất cả" in page
    assert f"tracked insertion “{lo.REPLACED[1]}” by {lo.EDITOR}" in page
    accepted = page_of(client, upload(client, edited, changes="accept"))
    assert "<ins>rất</ins> cao" in accepted
    assert "7 tracked changes accepted" in html.unescape(accepted)
    assert lo.NOTE in html.unescape(accepted)  # the comment, among the warnings


def test_a_docx_from_elsewhere_imports_as_a_draft_with_the_importers_warnings(client,
                                                                              tmp_path):
    import docx

    document = docx.Document()
    for line in ("Đổi mới để phát triển", "P.V: Đồng chí đánh giá thế nào về năm qua?",
                 "Ông Trần Văn An: Năm qua có nhiều\u200b chuyển biến tích cực."):
        document.add_paragraph(line)
    document.save(str(tmp_path / "khac.docx"))
    page = page_of(client, upload(client, tmp_path / "khac.docx"))
    assert "Đã dựng xong (bản nháp)" in page
    assert "Đổi mới để phát triển" in page
    assert "khac.docx: warning: not made by this pipeline: imported from its text" in page
    assert re.search(r"khac\.docx:3:\d+: warning: [^<]*zero-width", page)


def test_a_pipeline_docx_of_a_source_not_in_the_folder_builds_as_a_draft(client, made,
                                                                         sample_dir):
    (sample_dir / f"{STEM}.yaml").rename(sample_dir / "khac.yaml")
    page = page_of(client, upload(client, made))
    assert "Đã dựng xong (bản nháp)" in page
    assert not (sample_dir / f"{STEM}.yaml").exists()


def test_a_damaged_docx_is_a_422_page(client):
    response = post(client, "bai.docx", b"PK\x03\x04")
    assert response.status_code == 422
    assert "not a DOCX" in response.get_data(as_text=True)
