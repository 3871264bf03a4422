"""The editors' loop in headless Chromium, on a server that asks for a login: log in, download
the DOCX, change it with python-docx and with LibreOffice's tracked changes, upload it, see
the differences, get refused once for the tracked changes, accept them, find the new words in
the rebuilt PDF, restore the previous version and find the old words again; fix a typo on
the edit page; and the refusals: a wrong password, a post without a session, a cross-site
post."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash

from tests.web.chromium import serving, skip_without_chromium

SAMPLE = "bao-nghe-an"
skip_without_chromium()

PASSWORD = "mat-khau-dung-1"
# edited with python-docx (LibreOffice's tracked changes come after, elsewhere in the text)
ANSWER = ("sáng tạo trong lãnh đạo", "sáng tạo hơn trong lãnh đạo")
CAPTION = ("Nghệ An làm việc với BTV", "Nghệ An làm việc cùng BTV")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real app (real writers) with one user, on a loopback port, sources watched."""
    from pipeline.web.app import create_app

    root = tmp_path_factory.mktemp("editors")
    shutil.copytree(Path(__file__).resolve().parents[2] / "source", root / "source")
    app = create_app(root / "source", root / "cache", uploads_dir=root / "uploads",
                     users={"lan": generate_password_hash(PASSWORD)})
    state = app.extensions["pipeline"]
    state.catalog.refresh()
    state.catalog.start(interval=0.2)
    with serving(app) as url:
        yield url, root, state.catalog


def log_in(page, url, password=PASSWORD):
    page.goto(url + "/")
    page.fill("#name", "lan")
    page.fill("#password", password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def rebuilt(catalog, old_key: str) -> str:
    """Wait until the sample is built again after a change; its new key."""
    deadline = time.monotonic() + 120
    while True:
        entry = catalog.get(SAMPLE)
        if entry is not None and entry.state == "ok" and entry.key != old_key:
            return entry.key
        assert time.monotonic() < deadline, entry
        time.sleep(0.2)


def goto(page, address: str) -> None:
    """Open ``address``; the list page left behind may reload itself (a rebuild changed the
    generation) just then, interrupting the navigation: open it again."""
    from playwright.sync_api import Error

    for attempt in range(3):
        try:
            page.goto(address)
            return
        except Error as exc:
            if "interrupted by another navigation" not in str(exc) or attempt == 2:
                raise
            page.wait_for_load_state()


def download(page, url, name: str, target: Path) -> Path:
    goto(page, url + "/")
    figure = page.locator(f'#src-{SAMPLE} figure[data-layout="newsletter"]')
    with page.expect_download() as info:
        figure.get_by_role("link", name=name, exact=True).click()
    info.value.save_as(target)
    return target


def printed(pdf: Path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
    finally:
        document.close()
    return " ".join(" ".join(texts).replace("\u00a0", " ").split())


def upload(page, url, path: Path, changes: str | None = None) -> None:
    goto(page, url + "/upload")
    page.set_input_files("#file", str(path))
    if changes:
        page.check(f'input[name="changes"][value="{changes}"]')
    page.get_by_role("button", name="Tải lên và dựng").click()
    page.wait_for_load_state()


def confirm(page) -> None:
    page.get_by_role("button", name="Xác nhận: thay bản hiện hành và dựng lại").click()
    page.wait_for_load_state()


def test_wrong_password_post_without_session_and_cross_site_post_are_refused(server, page,
                                                                            tmp_path):
    url, root, _ = server
    log_in(page, url, "sai-mat-khau")
    assert "Sai tên hoặc mật khẩu." in page.locator("main").inner_text()
    assert "/login" in page.url
    sent = page.request.post(url + "/upload", multipart={"file": {
        "name": "bai.yaml", "mimeType": "application/x-yaml",
        "buffer": (root / "source" / f"{SAMPLE}.yaml").read_bytes()}})
    assert sent.status == 401  # no session
    log_in(page, url)
    form = (f'<form method="post" action="{url}/sources/{SAMPLE}/edit">'
            '<input name="yaml" value="format: 1"><button>Gửi</button></form>')
    page.route("http://evil.example/", lambda route: route.fulfill(
        body=form, content_type="text/html; charset=utf-8"))
    page.goto("http://evil.example/")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi").click()
    assert page.url.startswith(url)
    assert "Từ chối yêu cầu gửi từ trang khác" in page.locator("main").inner_text()
    assert "format: 1\n" != (root / "source" / f"{SAMPLE}.yaml").read_text(encoding="utf-8")


def test_the_editors_loop_docx_tracked_changes_pdf_and_restore(server, page, tmp_path):
    import docx

    from tests.importer_docx import libreoffice as lo

    url, root, catalog = server
    log_in(page, url)
    key = catalog.get(SAMPLE).key
    # 1. python-docx: a word in an answer, a caption
    made = download(page, url, "DOCX", tmp_path / "bai.docx")
    document = docx.Document(str(made))
    for old, new in (ANSWER, CAPTION):
        run = next(r for p in document.paragraphs for r in p.runs if old in r.text)
        run.text = run.text.replace(old, new)
    document.save(str(tmp_path / "sua.docx"))
    upload(page, url, tmp_path / "sua.docx")
    changes = page.locator("ol.changes").inner_text()
    assert "Đáp — Đồng chí Nguyễn Nam Đình" in changes and "Chú thích ảnh" in changes
    assert page.locator("ol.changes ins", has_text="hơn").count() == 1
    assert page.locator("ol.changes del", has_text="với").count() == 1
    confirm(page)
    key = rebuilt(catalog, key)
    text = printed(download(page, url, "PDF", tmp_path / "1.pdf"))
    assert ANSWER[1] in text and CAPTION[1] in text and ANSWER[0] not in text

    # 2. LibreOffice tracked changes: refused once, then accepted
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    fresh = download(page, url, "DOCX", tmp_path / "bai2.docx")
    tracked = lo.edit(fresh, tmp_path / "theo-doi.docx", "changes", tmp_path)
    upload(page, url, tracked)
    main = page.locator("main").inner_text()
    assert "Track Changes" in main and f"tracked deletion “{lo.DELETED.strip()}”" in main
    upload(page, url, tracked, changes="accept")
    assert page.locator("ol.changes ins", has_text="Ảnh mới.").count() == 1
    confirm(page)
    key = rebuilt(catalog, key)
    text = printed(download(page, url, "PDF", tmp_path / "2.pdf"))
    assert lo.INSERTED_AFTER + lo.INSERTED in text and lo.GONE_PARAGRAPH not in text
    assert "phát huy dân chủ, dám làm" in text

    # 3. restore the version before the tracked changes: the old words are back
    goto(page, f"{url}/sources/{SAMPLE}/history")
    assert page.locator("table.history tbody tr").count() == 2
    page.locator("table.history tbody tr").first.get_by_role("button",
                                                            name="Khôi phục").click()
    page.wait_for_load_state()
    assert page.locator("table.history tbody tr").count() == 3
    rebuilt(catalog, key)
    text = printed(download(page, url, "PDF", tmp_path / "3.pdf"))
    assert lo.GONE_PARAGRAPH in text and "dám nghĩ, dám làm" in text
    assert ANSWER[1] in text  # the python-docx edit stays: it came before


def test_a_typo_fixed_on_the_edit_page_shows_in_the_pdf(server, page, tmp_path):
    url, root, catalog = server
    log_in(page, url)
    key = catalog.get(SAMPLE).key
    page.goto(url + "/")
    page.locator(f"#src-{SAMPLE}").get_by_role("link", name="sửa").click()
    text = page.input_value("#yaml")
    assert "byline: Thành Duy" in text
    page.fill("#yaml", text.replace("byline: Thành Duy", "byline: Thành Duy Nguyễn"))
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/#src-{SAMPLE}")
    rebuilt(catalog, key)
    assert "Thành Duy Nguyễn" in printed(download(page, url, "PDF", tmp_path / "4.pdf"))
