"""Uploads: YAML, zip with images, raw text; limits and refusals are Vietnamese 4xx pages."""

from __future__ import annotations

import io
import re
import stat
import zipfile

import pytest

from pipeline.web import uploads as up

SAMPLE = "bao-nghe-an"


BOUNDARY = "----pipeline-test-boundary"


def post(client, name: str, data: bytes, **form):
    """POST a multipart form; encoded here (the test client would spool big bodies to a
    temporary file it never closes)."""
    parts = [f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
             .encode() for k, v in form.items()]
    parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                 .encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()
    return client.post("/upload", data=body,
                       content_type=f"multipart/form-data; boundary={BOUNDARY}")


def sample_zip(sample_dir, extra=()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.write(sample_dir / f"{SAMPLE}.yaml", f"{SAMPLE}.yaml")
        for image in sorted((sample_dir / "images").iterdir()):
            z.write(image, f"images/{image.name}")
        for name, data in extra:
            z.writestr(name, data)
    return out.getvalue()


def result_links(client, response) -> tuple[str, list[str]]:
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    return html, re.findall(r'href="(/uploads/[^"]+)"', html)


def test_upload_form_page(client):
    html = client.get("/upload").get_data(as_text=True)
    assert 'type="file"' in html and "Tải lên và dựng" in html


def test_a_zip_with_its_images_is_built_and_its_outputs_downloadable(client, sample_dir):
    response = post(client, "bai.zip", sample_zip(sample_dir))
    html, links = result_links(client, response)
    assert "Phát huy truyền thống" in html and "Đã dựng xong" in html
    names = {link.rsplit("/", 1)[1] for link in links}
    assert {"newsletter.pdf", "newsletter.docx", "handout.pdf", "handout.docx",
            "handout-booklet.pdf"} <= names
    pdf = client.get(next(link for link in links if link.endswith("/newsletter.pdf")))
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert f"{SAMPLE}-newsletter.pdf" in pdf.headers["Content-Disposition"]
    shots = re.findall(r'src="(/uploads/[^"/]+/thumbs/[0-9a-f]{64}\.png)"', html)
    assert len(shots) == 2  # newsletter and handout, served from the upload's own folder
    assert all(client.get(shot).data.startswith(b"\x89PNG") for shot in shots)


def test_each_upload_gets_its_own_folder(client, sample_dir, app):
    first = post(client, "a.zip", sample_zip(sample_dir)).headers["Location"]
    second = post(client, "a.zip", sample_zip(sample_dir)).headers["Location"]
    assert first != second
    uploads = app.extensions["pipeline"].uploads
    folders = {u.folder for u in uploads.recent.values()}
    assert len(folders) == 2 and all(f.parent == uploads.root for f in folders)


def test_a_yaml_alone_with_missing_images_is_refused_with_lines(client, sample_dir, line_of):
    data = (sample_dir / f"{SAMPLE}.yaml").read_bytes()
    response = post(client, "bai.yaml", data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    line = line_of(sample_dir / f"{SAMPLE}.yaml", "figure: images/01-btv-lam-viec.jpg")
    assert f"bai.yaml:{line}:" in html and "Tệp nguồn có lỗi" in html
    assert "/tmp/" not in html  # names relative to the upload, never a server path


def test_a_yaml_alone_as_draft_builds_with_placeholders(client, sample_dir):
    data = (sample_dir / f"{SAMPLE}.yaml").read_bytes()
    html, links = result_links(client, post(client, "bai.yaml", data, draft="1"))
    assert "bản nháp" in html and "cảnh báo" in html
    assert any(link.endswith("/newsletter.pdf") for link in links)


def test_a_broken_yaml_gets_a_422_page_with_file_line_col(client):
    response = post(client, "hong.yaml", "title: [unclosed\n".encode())
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(r"hong\.yaml:\d+:\d+: error:", html)
    assert "Traceback" not in html
    assert "Tải lên và dựng" in html  # the form again, to retry


def test_raw_text_goes_through_the_importer_and_builds_as_draft(client):
    text = (
        "Bí thư Đảng ủy nói về nhiệm kỳ mới\n\n"
        "Nhân dịp Đại hội, phóng viên có cuộc trao đổi với đồng chí Nguyễn Văn A.\n\n"
        "P.V: Thưa đồng chí, kết quả nổi bật của nhiệm kỳ qua là gì?\n\n"
        "Đồng chí Nguyễn Văn A: Đảng bộ đã hoàn thành các chỉ tiêu đề ra.\n"
    )
    html, links = result_links(client, post(client, "bai-tho.txt", text.encode()))
    assert "Bí thư Đảng ủy nói về nhiệm kỳ mới" in html and "Nguyễn Văn A" in html
    assert "bản nháp" in html
    assert any(link.endswith("/newsletter.pdf") for link in links)


def test_raw_text_the_importer_refuses_is_a_422_page(client, monkeypatch):
    import pipeline.importer
    from pipeline.errors import UserError

    def refuse(text, source_name):
        raise UserError.at(source_name, 2, 1, "no question or answer found")

    monkeypatch.setattr(pipeline.importer, "import_text", refuse)
    response = post(client, "rong.txt", b"x\ny\n")
    assert response.status_code == 422
    assert "rong.txt:2:1: error: no question or answer found" in response.get_data(as_text=True)


def test_an_imported_source_that_does_not_validate_is_a_422_page(client, monkeypatch):
    import pipeline.importer

    monkeypatch.setattr(pipeline.importer, "import_text",
                        lambda text, name: pipeline.importer.ImportResult("title: x\n", []))
    response = post(client, "bai.txt", b"x")
    assert response.status_code == 422
    assert re.search(r"bai\.yaml:1:1: error: missing required key",
                     response.get_data(as_text=True))


def test_raw_text_must_be_utf8(client):
    response = post(client, "bai.txt", "Phỏng vấn".encode("utf-16"))
    assert response.status_code == 400
    assert "UTF-8" in response.get_data(as_text=True)


def test_no_file_is_400(client):
    response = client.post("/upload", data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Chưa chọn tệp" in response.get_data(as_text=True)


def test_other_file_kinds_are_415(client):
    response = post(client, "bai.pdf", b"%PDF-1.7")
    assert response.status_code == 415
    assert "chỉ nhận tệp nguồn .yaml" in response.get_data(as_text=True)


def test_more_than_20_mb_is_413(client):
    response = post(client, "big.zip", b"\0" * (up.MAX_UPLOAD + 1))
    assert response.status_code == 413
    assert "Tệp quá lớn" in response.get_data(as_text=True)


def test_not_a_zip_is_400(client):
    response = post(client, "bai.zip", b"this is not a zip")
    assert response.status_code == 400
    assert "không phải là tệp .zip" in response.get_data(as_text=True)


@pytest.mark.parametrize("name", ["../evil.yaml", "images/../../evil.jpg", "/etc/evil.yaml",
                                  "C:/evil.yaml", "images\\..\\evil.jpg"])
def test_path_traversal_in_a_zip_is_refused(client, sample_dir, app, name):
    response = post(client, "bai.zip", sample_zip(sample_dir, [(name, b"x")]))
    assert response.status_code == 400
    assert "đường dẫn không an toàn" in response.get_data(as_text=True)
    root = app.extensions["pipeline"].uploads.root
    assert not (root.parent / "evil.yaml").exists() and not (root / "evil.jpg").exists()
    assert list(root.iterdir()) == []  # the refused upload's folder is gone


def test_symlinks_in_a_zip_are_refused(client, sample_dir):
    link = zipfile.ZipInfo("images/passwd.jpg")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    response = post(client, "bai.zip", sample_zip(sample_dir, [(link, b"/etc/passwd")]))
    assert response.status_code == 400
    assert "symlink" in response.get_data(as_text=True)


def test_too_many_files_in_a_zip_is_413(client, sample_dir):
    extra = [(f"x/{i}.txt", b"") for i in range(up.MAX_ZIP_FILES)]
    response = post(client, "bai.zip", sample_zip(sample_dir, extra))
    assert response.status_code == 413
    assert f"giới hạn {up.MAX_ZIP_FILES} tệp" in response.get_data(as_text=True)


def test_too_large_when_unpacked_is_413(client, sample_dir, monkeypatch):
    monkeypatch.setattr(up, "MAX_UNPACKED", 1024 * 1024)
    extra = [("padding.bin", b"\0" * (1024 * 1024 + 1))]  # compresses to a few KB
    response = post(client, "bai.zip", sample_zip(sample_dir, extra))
    assert response.status_code == 413
    assert "khi giải nén lớn hơn" in response.get_data(as_text=True)


def test_a_zip_that_lies_about_its_sizes_is_stopped_while_unpacking(client, sample_dir,
                                                                    monkeypatch):
    monkeypatch.setattr(up, "MAX_UNPACKED", 1024 * 1024)
    data = bytearray(sample_zip(sample_dir, [("padding.bin", b"\0" * (2 * 1024 * 1024))]))
    # shrink the declared size in the central directory entry of padding.bin
    at = data.rfind(b"PK\x01\x02", 0, data.rfind(b"padding.bin"))
    data[at + 24:at + 28] = (10).to_bytes(4, "little")
    response = post(client, "bai.zip", bytes(data))
    assert response.status_code in (400, 413)
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("entries, clash", [
    ([("a", b"x"), ("a/b.yaml", b"title: x")], "a"),
    ([("a/b.yaml", b"title: x"), ("a", b"x")], "a"),
    ([("images", b"x")], "images"),  # a file where the sample's images folder goes
    ([("a", b"x"), ("a/", b"")], "a"),
])
def test_a_zip_using_one_name_as_file_and_folder_is_a_400_naming_it(client, sample_dir, app,
                                                                    entries, clash):
    response = post(client, "bai.zip", sample_zip(sample_dir, entries))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f"“{clash}” vừa là tệp vừa là thư mục" in html
    assert list(app.extensions["pipeline"].uploads.root.iterdir()) == []


@pytest.mark.parametrize("name", ["x/" * 2100 + "a.jpg", "d" * 300 + ".jpg",
                                  "ả" * 130 + ".jpg"])  # 4,200 characters; 300; 264 bytes
def test_a_zip_entry_with_a_too_long_name_is_a_400_naming_it(client, sample_dir, name):
    response = post(client, "bai.zip", sample_zip(sample_dir, [(name, b"x")]))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "tên quá dài" in html and f"“{name[:120]}" in html
    assert len(html) < 10_000  # named, not pasted whole


def test_a_zip_needs_exactly_one_yaml(client, sample_dir):
    response = post(client, "bai.zip", sample_zip(sample_dir, [("other.yaml", b"title: x")]))
    assert response.status_code == 422
    assert "đúng một tệp nguồn .yaml" in response.get_data(as_text=True)


def test_an_image_outside_the_upload_is_refused(client, sample_dir):
    text = (sample_dir / f"{SAMPLE}.yaml").read_text(encoding="utf-8").replace(
        "figure: images/01-btv-lam-viec.jpg", "figure: ../../../../etc/hostname")
    response = post(client, "bai.yaml", text.encode())
    assert response.status_code == 422
    assert "outside the source" in response.get_data(as_text=True)


def test_unknown_upload_token_and_file_are_404(client, sample_dir):
    location = post(client, "bai.zip", sample_zip(sample_dir)).headers["Location"]
    assert client.get("/uploads/" + "A" * 24 + "/").status_code == 404
    assert client.get(location + "manifest.json").status_code == 404
    assert client.get(location + "..%2Fsrc%2Fbao-nghe-an.yaml").status_code == 404


def test_old_uploads_are_deleted(tmp_path):
    uploads = up.Uploads(tmp_path / "up")
    made = [uploads.create("a.yaml") for _ in range(up.KEEP + 2)]
    assert not made[0].folder.exists() and not made[1].folder.exists()
    assert made[-1].folder.exists()
    assert len(list(uploads.root.iterdir())) == up.KEEP
    uploads.close()
    assert list(uploads.root.iterdir()) == []  # a folder it was given stays


def test_a_folder_made_for_the_server_is_removed_whole(tmp_path):
    uploads = up.Uploads(tmp_path / "pipeline-uploads-x", owned=True)
    uploads.create("a.yaml")
    uploads.close()
    assert not uploads.root.exists()


def test_safe_stem_never_yields_a_path():
    assert up.safe_stem("../../x y.yaml") == "x-y"
    assert up.safe_stem("..\\..\\bài.yaml") == "b-i"
    assert up.safe_stem("....yaml") == "tai-len"
