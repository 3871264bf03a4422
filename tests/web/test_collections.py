"""Collections on the web page: listed apart, thumbnails of their cover, real downloads, and
rebuilt when the collection, an item, a photo or the cover changes."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess

import pikepdf
import pytest

from pipeline.web.app import create_app

from .conftest import ROOT, FakeRender

PACK, ISSUE, ITEM = "goi-dai-hoi", "ban-tin-dai-hoi", "giu-chat-luong-con-tom"
OTHERS = ("giu-chat-luong-con-tom.yaml", "cung-con-chon-nghe.yaml")


@pytest.fixture
def folder(sample_dir):
    """The sample folder with the sample pack and issue and their other two interviews."""
    for name in (*OTHERS, f"{PACK}.yaml", f"{ISSUE}.yaml"):
        shutil.copyfile(ROOT / "source" / name, sample_dir / name)
    return sample_dir


@pytest.fixture
def app(folder, tmp_path):
    # sources get the counting stand-in; collections are rendered for real
    app = create_app(folder, tmp_path / "cache", uploads_dir=tmp_path / "uploads",
                     render=FakeRender())
    app.extensions["pipeline"].catalog.refresh()
    yield app
    app.extensions["pipeline"].close()


def words(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def download(client, entry, name) -> bytes:
    response = client.get(f"/files/{entry.stem}/{entry.key}/{name}")
    assert response.status_code == 200, (name, response.status_code)
    return response.data


def test_the_page_lists_collections_apart_from_the_sources(client, catalog):
    pack, issue = catalog.get(PACK), catalog.get(ISSUE)
    assert (pack.kind, pack.state, issue.kind, issue.state) == ("pack", "ok", "issue", "ok")
    html = client.get("/").get_data(as_text=True)
    section = html[html.index('<section class="collections"'):html.index("</section>")]
    assert "Tập tài liệu và số bản tin" in section
    assert "Tài liệu phục vụ Đại hội" in section and "Tập tài liệu Đại hội" in section
    assert "Bản tin Đại hội" in section and "Số bản tin" in section
    assert "Gồm 3 bài" in section and "Giữ chất lượng con tôm là giữ thị trường" in section
    assert 'id="src-bao-nghe-an"' not in section  # the interviews are listed after it
    rest = html[html.index("</section>"):]
    for stem in ("bao-nghe-an", ITEM, "cung-con-chon-nghe"):
        assert f'id="src-{stem}"' in rest
    assert 'id="src-goi-dai-hoi"' not in html
    assert "3 bài phỏng vấn, 2 tập tài liệu / số bản tin" in html


def test_each_collection_shows_a_thumbnail_of_its_first_page(client, catalog):
    html = client.get("/").get_data(as_text=True)
    for entry, name in ((catalog.get(PACK), "pack.pdf"), (catalog.get(ISSUE), "issue.pdf")):
        digest = hashlib.sha256(download(client, entry, name)).hexdigest()
        assert f"/thumbs/{digest}.png" in html
        png = client.get(f"/thumbs/{digest}.png")
        assert png.status_code == 200 and png.data.startswith(b"\x89PNG\r\n")


def test_the_downloads_are_the_collections_own_files(client, catalog):
    pack, issue = catalog.get(PACK), catalog.get(ISSUE)
    html = client.get("/").get_data(as_text=True)
    for entry, names in ((pack, ("pack.pdf", "pack-booklet.pdf", "pack.docx")),
                         (issue, ("issue.pdf", "issue.docx"))):
        assert entry.files == names
        for name in names:
            assert f"/files/{entry.stem}/{entry.key}/{name}" in html
    pdf = download(client, pack, "pack.pdf")
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) % 4 == 0
    text = words(pdf)
    for title in ("Tài liệu phục vụ Đại hội", "Giữ chất lượng con tôm là giữ thị trường"):
        assert title in text
    assert download(client, pack, "pack-booklet.pdf").startswith(b"%PDF-")
    text = words(download(client, issue, "issue.pdf"))
    assert "TRONG SỐ NÀY" in text and "Giữ chất lượng con tôm là giữ thị trường" in text
    for entry, name in ((pack, "pack.docx"), (issue, "issue.docx")):
        assert download(client, entry, name).startswith(b"PK\x03\x04")
    response = client.get(f"/files/{PACK}/{pack.key}/pack.pdf")
    assert response.headers["Content-Disposition"].endswith(f"{PACK}-pack.pdf")


def test_an_item_edited_on_disk_rebuilds_its_collections(client, catalog, folder, rewrite):
    old_pack, old_issue = catalog.get(PACK), catalog.get(ISSUE)
    item = folder / f"{ITEM}.yaml"
    rewrite(item, item.read_text(encoding="utf-8").replace(
        "title: Giữ chất lượng con tôm là giữ thị trường",
        "title: Giữ chất lượng con tôm là giữ niềm tin khách hàng"))
    changed = catalog.scan()  # the poller noticed: no download of the old pack meanwhile
    assert {p.stem for p in changed} == {PACK, ISSUE, ITEM}
    assert catalog.get(PACK).state == "pending"
    assert client.get(f"/files/{PACK}/{old_pack.key}/pack.pdf").status_code == 410
    for path in changed:  # then the builder takes them
        catalog.evaluate(path)
    pack, issue = catalog.get(PACK), catalog.get(ISSUE)
    assert pack.state == issue.state == "ok"
    assert pack.key != old_pack.key and issue.key != old_issue.key
    assert "giữ niềm tin khách hàng" in words(download(client, pack, "pack.pdf"))
    assert "giữ niềm tin khách hàng" in words(download(client, issue, "issue.pdf"))
    html = client.get("/").get_data(as_text=True)
    assert old_pack.key not in html and old_issue.key not in html
    assert client.get(f"/files/{PACK}/{old_pack.key}/pack.pdf").status_code == 410
    assert client.get(f"/files/{ISSUE}/{old_issue.key}/issue.docx").status_code == 410


def test_a_changed_cover_or_item_photo_rebuilds(catalog, folder):
    old_pack, old_issue = catalog.get(PACK), catalog.get(ISSUE)

    def touch(image):
        image.write_bytes(image.read_bytes() + b"\0")  # after the JPEG's end: still a JPEG
        os.utime(image, ns=(image.stat().st_mtime_ns + 2_000_000_000,) * 2)
        catalog.refresh()

    touch(folder / "images" / "00-bia-dai-hoi.jpg")  # the pack's cover only
    assert catalog.get(PACK).key != old_pack.key and catalog.get(PACK).state == "ok"
    assert catalog.get(ISSUE).key == old_issue.key
    touch(folder / "images" / "09-ao-nuoi-tom.jpg")  # a photo of an item of both
    assert catalog.get(ISSUE).key != old_issue.key and catalog.get(ISSUE).state == "ok"


def test_an_item_with_an_error_is_shown_at_its_line_with_no_stale_download(
        client, catalog, folder, rewrite, line_of):
    old = catalog.get(PACK)
    item = folder / f"{ITEM}.yaml"
    text = item.read_text(encoding="utf-8")
    line = line_of(item, "date: 2020-07-10")
    rewrite(item, text.replace("date: 2020-07-10", "date: 2020-13-45"))
    catalog.refresh()
    assert catalog.get(PACK).state == "error"
    html = client.get("/").get_data(as_text=True)
    article = html[html.index(f'id="col-{PACK}"'):]
    article = article[:article.index("</article>")]
    assert f"{ITEM}.yaml:{line}:7: error:" in article
    assert "Có lỗi — chưa có bản tải xuống" in article
    assert "/files/" not in article and "/thumbs/" not in article
    assert client.get(f"/files/{PACK}/{old.key}/pack.pdf").status_code == 410
    rewrite(item, text)  # fixed: the cached build is back
    catalog.refresh()
    assert catalog.get(PACK).state == "ok" and catalog.get(PACK).key == old.key


def test_a_missing_item_is_shown_at_the_collections_line(client, catalog, folder, rewrite,
                                                         line_of):
    pack = folder / f"{PACK}.yaml"
    line = line_of(pack, "- cung-con-chon-nghe.yaml")
    rewrite(pack, pack.read_text(encoding="utf-8").replace("- cung-con-chon-nghe.yaml",
                                                           "- khong-co.yaml"))
    catalog.refresh()
    html = client.get("/").get_data(as_text=True)
    assert f"{PACK}.yaml:{line}:5: error: item `khong-co.yaml` not found" in html
    assert catalog.get(PACK).files == ()


def test_the_background_poller_rebuilds_a_collection_when_an_item_changes(
        client, catalog, folder, rewrite):
    import time

    old = catalog.get(PACK)
    item = folder / "cung-con-chon-nghe.yaml"
    rewrite(item, item.read_text(encoding="utf-8") + "\n# edited\n")
    catalog.start(interval=0.05)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        entry = catalog.get(PACK)
        if entry.state == "ok" and entry.key != old.key:
            break
        time.sleep(0.05)
    assert entry.state == "ok" and entry.key != old.key
    assert download(client, entry, "pack.pdf").startswith(b"%PDF-")


def test_a_collection_is_not_offered_to_the_source_editor(client):
    assert client.get(f"/sources/{PACK}/edit").status_code == 404
