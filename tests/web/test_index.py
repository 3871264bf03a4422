"""The index lists each source with its metadata, page-1 thumbnails and download links."""

from __future__ import annotations

import re

from pipeline.web.thumbs import WIDTH

SAMPLE = "bao-nghe-an"


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_index_lists_the_sample_with_title_date_and_interviewee(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<html lang="vi">' in html
    assert "Phát huy truyền thống đoàn kết" in html
    assert "10/07/2020" in html
    assert "Nguyễn Nam Đình" in html
    assert "Danh sách nguồn" in html and "Tải lên" in html


def test_each_layout_has_a_thumbnail_and_plain_download_links(client, catalog):
    html = client.get("/").get_data(as_text=True)
    entry = catalog.get(SAMPLE)
    for layout in ("newsletter", "handout"):
        assert f'src="/thumbs/{entry.thumbs[layout]}.png"' in html
    hrefs = links(html)
    for name in ("newsletter.pdf", "newsletter.docx", "handout.pdf", "handout.docx",
                 "handout-booklet.pdf"):
        assert f"/files/{SAMPLE}/{entry.key}/{name}" in hrefs
    assert "Sách gấp (PDF)" in html


def test_thumbnail_is_a_png_of_page_one(client, catalog):
    digest = catalog.get(SAMPLE).thumbs["newsletter"]
    response = client.get(f"/thumbs/{digest}.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.data.startswith(b"\x89PNG")
    width = int.from_bytes(response.data[16:20], "big")
    assert width == WIDTH


def test_unknown_or_malformed_thumbnail_is_404(client):
    assert client.get("/thumbs/" + "0" * 64 + ".png").status_code == 404
    assert client.get("/thumbs/..%2F..%2Fetc%2Fpasswd.png").status_code == 404
    assert client.get("/thumbs/abc.png").status_code == 404


def test_downloads_are_attachments_with_the_built_bytes(client, catalog):
    entry = catalog.get(SAMPLE)
    pdf = client.get(f"/files/{SAMPLE}/{entry.key}/newsletter.pdf")
    assert pdf.status_code == 200
    assert pdf.mimetype == "application/pdf"
    assert pdf.data == (entry.folder / "newsletter.pdf").read_bytes()
    assert "attachment" in pdf.headers["Content-Disposition"]
    assert f"{SAMPLE}-newsletter.pdf" in pdf.headers["Content-Disposition"]
    docx = client.get(f"/files/{SAMPLE}/{entry.key}/newsletter.docx")
    assert docx.mimetype.endswith("wordprocessingml.document")
    booklet = client.get(f"/files/{SAMPLE}/{entry.key}/handout-booklet.pdf")
    assert booklet.status_code == 200


def test_download_of_unknown_source_or_file_name_is_404(client, catalog):
    key = catalog.get(SAMPLE).key
    assert client.get(f"/files/nope/{key}/newsletter.pdf").status_code == 404
    assert client.get(f"/files/{SAMPLE}/{key}/manifest.json").status_code == 404
    assert client.get(f"/files/{SAMPLE}/{key}/..%2Fmanifest.json").status_code == 404


def test_download_with_an_outdated_key_is_410(client):
    response = client.get(f"/files/{SAMPLE}/{'0' * 32}/newsletter.pdf")
    assert response.status_code == 410
    assert "Bản này đã cũ" in response.get_data(as_text=True)


def test_generation_is_plain_text_and_not_cached(client):
    response = client.get("/generation")
    assert response.status_code == 200
    assert response.get_data(as_text=True).isdigit()
    assert response.headers["Cache-Control"] == "no-store"


def test_page_works_without_javascript(client):
    html = client.get("/").get_data(as_text=True)
    # downloads are links, the upload is a plain multipart form
    assert re.search(r'<a href="/files/[^"]+newsletter\.pdf" download>PDF</a>', html)
    assert 'method="post"' in html and 'enctype="multipart/form-data"' in html


def test_empty_folder_says_so(tmp_path, render):
    from pipeline.web.app import create_app

    (tmp_path / "empty").mkdir()
    app = create_app(tmp_path / "empty", tmp_path / "cache", uploads_dir=tmp_path / "up",
                     render=render)
    app.extensions["pipeline"].catalog.refresh()
    html = app.test_client().get("/").get_data(as_text=True)
    assert "Chưa có tệp nguồn" in html
    app.extensions["pipeline"].close()


def test_index_with_a_hundred_sources_builds_nothing_on_view(tmp_path, sample_dir, render):
    from pipeline.web.app import create_app

    text = (sample_dir / f"{SAMPLE}.yaml").read_text(encoding="utf-8")
    for i in range(100):
        (sample_dir / f"bai-{i:03}.yaml").write_text(
            text.replace("title: Phát huy", f"title: Bài {i} — Phát huy"), encoding="utf-8")
    app = create_app(sample_dir, tmp_path / "cache", uploads_dir=tmp_path / "up",
                     render=render)
    app.extensions["pipeline"].catalog.refresh()
    calls = len(render.calls)
    html = app.test_client().get("/").get_data(as_text=True)
    assert html.count('<article class="source') == 101
    assert "Bài 99 — Phát huy" in html
    assert len(render.calls) == calls
    app.extensions["pipeline"].close()


def test_hidden_yaml_files_are_not_listed_as_sources(app, sample_dir, catalog, client):
    (sample_dir / ".bao-nghe-an.yaml").write_text((sample_dir / "bao-nghe-an.yaml").read_text(
        encoding="utf-8"), encoding="utf-8")  # an editor's backup
    catalog.refresh()
    page = client.get("/").get_data(as_text=True)
    assert ".bao-nghe-an" not in page
    assert set(catalog.entries) == {SAMPLE}
