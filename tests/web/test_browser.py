"""End to end in headless Chromium (Debian's, driven by Playwright): browse, download, upload."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from tests.web.chromium import serving, skip_without_chromium

SAMPLE = "bao-nghe-an"
skip_without_chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real app (real writers) on a loopback port, with the sample built."""
    from pipeline.web.app import create_app

    root = tmp_path_factory.mktemp("e2e")
    shutil.copytree(Path(__file__).resolve().parents[2] / "source", root / "source")
    app = create_app(root / "source", root / "cache", uploads_dir=root / "uploads")
    state = app.extensions["pipeline"]
    state.catalog.refresh()
    assert state.catalog.get(SAMPLE).state == "ok", state.catalog.get(SAMPLE)
    state.catalog.start()
    with serving(app) as url:
        yield url, root


def test_the_page_shows_the_sample_with_its_thumbnails(server, page):
    url, _ = server
    page.goto(url + "/")
    article = page.locator(f"#src-{SAMPLE}")
    assert "Phát huy truyền thống đoàn kết" in article.locator("h2").inner_text()
    assert "Nguyễn Nam Đình" in article.inner_text()
    for layout in ("newsletter", "handout"):
        image = article.locator(f'figure[data-layout="{layout}"] img')
        image.wait_for()
        width = image.evaluate("img => img.complete ? img.naturalWidth : 0")
        assert width > 100


def test_the_sample_pack_shows_its_cover_and_downloads_its_pdf(server, page, tmp_path):
    import pikepdf

    url, _ = server
    page.goto(url + "/")
    article = page.locator("#collections #col-goi-dai-hoi")
    assert "Tập tài liệu Đại hội" in article.inner_text()
    image = article.locator('figure[data-output="pack"] img')
    image.wait_for()
    assert image.evaluate("img => img.complete ? img.naturalWidth : 0") > 100
    with page.expect_download() as info:
        article.get_by_role("link", name="Sách gấp (PDF)", exact=True).click()
    assert info.value.suggested_filename == "goi-dai-hoi-pack-booklet.pdf"
    info.value.save_as(tmp_path / "booklet.pdf")
    with pikepdf.open(tmp_path / "booklet.pdf") as pdf:
        assert len(pdf.pages) >= 2


def test_download_the_newsletter_pdf_and_docx(server, page, tmp_path):
    import pikepdf
    import pypdfium2

    url, _ = server
    page.goto(url + "/")
    figure = page.locator(f'#src-{SAMPLE} figure[data-layout="newsletter"]')
    with page.expect_download() as info:
        figure.get_by_role("link", name="PDF", exact=True).click()
    pdf_path = tmp_path / "newsletter.pdf"
    info.value.save_as(pdf_path)
    assert info.value.suggested_filename == f"{SAMPLE}-newsletter.pdf"
    with pikepdf.open(pdf_path) as pdf:
        assert len(pdf.pages) >= 1
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        textpage = document[0].get_textpage()
        text = textpage.get_text_range()
        textpage.close()
    finally:
        document.close()
    assert "Nghệ An" in text

    with page.expect_download() as info:
        figure.get_by_role("link", name="DOCX", exact=True).click()
    docx_path = tmp_path / "newsletter.docx"
    info.value.save_as(docx_path)
    with zipfile.ZipFile(docx_path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "Nguyễn Nam Đình" in xml or "truyền thống" in xml


def test_upload_a_broken_yaml_and_see_the_error_with_its_line(server, page, tmp_path):
    url, root = server
    text = (root / "source" / f"{SAMPLE}.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "hong.yaml"
    broken.write_text(text.replace("date: 2020-07-10", "date: 2020-13-45"), encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith("date:"))
    page.goto(url + "/upload")
    page.set_input_files("#file", str(broken))
    page.get_by_role("button", name="Tải lên và dựng").click()
    page.wait_for_load_state()
    errors = page.locator("ol.errors").inner_text()
    assert f"hong.yaml:{line}:7" in errors
    assert "Tệp nguồn có lỗi" in page.locator("h2.error-title").inner_text()


def test_an_edit_shows_up_without_touching_the_page(server, page):
    url, root = server
    page.goto(url + "/")
    source = root / "source" / f"{SAMPLE}.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("date: 2020-07-10", "date: 2020-13-45"), encoding="utf-8")
    try:
        page.locator(f"#src-{SAMPLE} ol.errors").wait_for(timeout=30_000)
        assert f"{SAMPLE}.yaml:" in page.locator(f"#src-{SAMPLE} ol.errors").inner_text()
        assert page.locator(f"#src-{SAMPLE} a[download]").count() == 0
    finally:
        source.write_text(text, encoding="utf-8")
    page.locator(f'#src-{SAMPLE} figure[data-layout="newsletter"] a[download]').first.wait_for(
        timeout=60_000)


def test_the_page_keeps_its_style_and_script_under_its_security_policy(server, page):
    url, _ = server
    refusals = []
    page.on("console", lambda m: refusals.append(m.text)
            if "Content Security Policy" in m.text else None)
    page.goto(url + "/")
    color = page.locator("header.top").evaluate(
        "h => getComputedStyle(h).borderBottomColor")
    assert color == "rgb(183, 28, 28)"  # page.css applied
    assert refusals == []


def test_a_form_on_another_site_cannot_post_an_upload(server, page, tmp_path):
    url, root = server
    form = (f'<form method="post" action="{url}/upload" enctype="multipart/form-data">'
            '<input type="file" id="file" name="file"><button>Gửi</button></form>')
    page.route("http://evil.example/", lambda route: route.fulfill(
        body=form, content_type="text/html; charset=utf-8"))
    page.goto("http://evil.example/")
    page.set_input_files("#file", str(root / "source" / f"{SAMPLE}.yaml"))
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi").click()
    assert page.url == url + "/upload"
    assert "Từ chối yêu cầu gửi từ trang khác" in page.locator("main").inner_text()
