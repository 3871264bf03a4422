"""Live folder: edits rebuild, errors replace downloads, builds come from the content cache."""

from __future__ import annotations

import logging
import os
import shutil

from pipeline.web.catalog import Catalog

SAMPLE = "bao-nghe-an"


def test_an_edit_rebuilds_and_the_page_shows_the_new_build(client, catalog, sample, rewrite):
    old = catalog.get(SAMPLE)
    text = sample.read_text(encoding="utf-8")
    rewrite(sample, text.replace("title: Phát huy", "title: Tiếp tục phát huy"))
    catalog.refresh()
    new = catalog.get(SAMPLE)
    assert new.state == "ok" and new.key != old.key
    html = client.get("/").get_data(as_text=True)
    assert "Tiếp tục phát huy" in html
    assert f"/files/{SAMPLE}/{new.key}/newsletter.pdf" in html
    assert old.key not in html
    assert client.get(f"/files/{SAMPLE}/{new.key}/newsletter.pdf").status_code == 200
    stale = client.get(f"/files/{SAMPLE}/{old.key}/newsletter.pdf")
    assert stale.status_code == 410


def test_a_changed_source_offers_no_download_until_rebuilt(client, catalog, sample, rewrite):
    old = catalog.get(SAMPLE)
    rewrite(sample, sample.read_text(encoding="utf-8") + "\n# edited\n")
    catalog.scan()  # the poller noticed; the builder has not run yet
    assert catalog.get(SAMPLE).state == "pending"
    html = client.get("/").get_data(as_text=True)
    assert "Đang chờ dựng lại" in html and "/files/" not in html
    assert client.get(f"/files/{SAMPLE}/{old.key}/newsletter.pdf").status_code == 410
    assert '<meta http-equiv="refresh"' in html  # inside <noscript>: reloads without JS


def test_errors_show_line_and_column_and_no_stale_download(client, catalog, sample, rewrite,
                                                           line_of):
    old = catalog.get(SAMPLE)
    line = line_of(sample, "date: 2020-07-10")
    rewrite(sample, sample.read_text(encoding="utf-8").replace("date: 2020-07-10",
                                                               "date: 2020-13-45"))
    catalog.refresh()
    entry = catalog.get(SAMPLE)
    assert entry.state == "error"
    html = client.get("/").get_data(as_text=True)
    assert f"{SAMPLE}.yaml:{line}:7: error:" in html
    assert "Có lỗi — chưa có bản tải xuống" in html
    assert "/files/" not in html and "/thumbs/" not in html
    assert client.get(f"/files/{SAMPLE}/{old.key}/newsletter.pdf").status_code == 410


def test_fixing_the_error_brings_the_cached_build_back(client, catalog, sample, rewrite,
                                                       render):
    text = sample.read_text(encoding="utf-8")
    old = catalog.get(SAMPLE)
    calls = len(render.calls)
    rewrite(sample, text.replace("date: 2020-07-10", "date: 2020-13-45"))
    catalog.refresh()
    rewrite(sample, text)
    catalog.refresh()
    entry = catalog.get(SAMPLE)
    assert entry.state == "ok" and entry.key == old.key
    assert len(render.calls) == calls  # same source bytes: taken from the cache


def test_a_changed_image_rebuilds(catalog, sample_dir, render):
    old = catalog.get(SAMPLE)
    image = sample_dir / "images" / "01-btv-lam-viec.jpg"
    data = image.read_bytes()
    image.write_bytes(data + b"\0")  # bytes after the JPEG's end: still a JPEG
    os.utime(image, ns=(image.stat().st_mtime_ns + 2_000_000_000,) * 2)
    catalog.refresh()
    assert catalog.get(SAMPLE).key != old.key


def test_a_missing_image_is_an_error_and_putting_it_back_rebuilds(catalog, sample_dir,
                                                                  line_of):
    image = sample_dir / "images" / "01-btv-lam-viec.jpg"
    moved = image.with_suffix(".bak")
    image.rename(moved)
    catalog.refresh()
    entry = catalog.get(SAMPLE)
    assert entry.state == "error"
    line = line_of(sample_dir / f"{SAMPLE}.yaml", "figure: images/01-btv-lam-viec.jpg")
    assert any(d.line == line and "not found" in d.message for d in entry.errors)
    moved.rename(image)
    catalog.refresh()
    assert catalog.get(SAMPLE).state == "ok"


def test_new_and_removed_sources_come_and_go(catalog, sample, client):
    copy = sample.with_name("bai-moi.yaml")
    shutil.copy(sample, copy)
    catalog.refresh()
    assert catalog.get("bai-moi").state == "ok"
    assert 'id="src-bai-moi"' in client.get("/").get_data(as_text=True)
    copy.unlink()
    catalog.refresh()
    assert catalog.get("bai-moi") is None
    assert 'id="src-bai-moi"' not in client.get("/").get_data(as_text=True)


def test_page_views_never_build(client, catalog, render):
    calls = len(render.calls)
    for _ in range(3):
        client.get("/")
    assert len(render.calls) == calls


def test_a_restart_takes_builds_and_thumbnails_from_the_cache(sample_dir, tmp_path, render):
    first = Catalog(sample_dir, tmp_path / "cache", render=render)
    first.refresh()
    calls = len(render.calls)
    second = Catalog(sample_dir, tmp_path / "cache", render=render)
    second.refresh()
    assert len(render.calls) == calls
    assert second.get(SAMPLE).state == "ok"
    assert second.get(SAMPLE).thumbs == first.get(SAMPLE).thumbs


def test_render_order_puts_the_newsletter_pdf_first(catalog, render):
    assert render.calls[0] == (SAMPLE, "newsletter", "pdf")


def test_an_internal_failure_is_logged_and_shown_without_traceback(sample_dir, tmp_path,
                                                                   caplog):
    def broken(doc, layout, fmt, options, warnings=None):
        raise RuntimeError("writer bug")

    catalog = Catalog(sample_dir, tmp_path / "cache", render=broken)
    with caplog.at_level(logging.ERROR, logger="pipeline.web"):
        catalog.refresh()
    assert catalog.get(SAMPLE).state == "failed"
    assert any("building" in r.getMessage() and r.exc_info for r in caplog.records)


def test_a_render_error_of_the_source_is_shown_like_a_validation_error(sample_dir,
                                                                      tmp_path):
    from pipeline.errors import UserError

    def refusing(doc, layout, fmt, options, warnings=None):
        raise UserError.at(str(doc.source_path), 3, 1, "too long for the page")

    catalog = Catalog(sample_dir, tmp_path / "cache", render=refusing)
    catalog.refresh()
    entry = catalog.get(SAMPLE)
    assert entry.state == "error" and entry.files == ()
    assert str(entry.errors[0]) == f"{SAMPLE}.yaml:3:1: error: too long for the page"


def test_a_source_linked_from_outside_the_folder_is_not_read(catalog, sample_dir, tmp_path,
                                                             client):
    outside = tmp_path / "secret.yaml"
    outside.write_text("title: bí mật\n", encoding="utf-8")
    (sample_dir / "lien-ket.yaml").symlink_to(outside)
    catalog.refresh()
    assert catalog.get("lien-ket") is None
    assert "bí mật" not in client.get("/").get_data(as_text=True)


def test_the_cache_keeps_only_the_newest_builds_of_each_source(catalog, sample, rewrite):
    from pipeline.web.catalog import KEEP_BUILDS

    text = sample.read_text(encoding="utf-8")
    keys = [catalog.get(SAMPLE).key]
    for n in range(KEEP_BUILDS + 2):
        rewrite(sample, text + f"\n# edit {n}\n")
        catalog.refresh()
        keys.append(catalog.get(SAMPLE).key)
    folders = {p.name for p in catalog.builds.iterdir()}
    assert folders == set(keys[-KEEP_BUILDS:])
    rewrite(sample, text + f"\n# edit {KEEP_BUILDS}\n")  # an edit undone: from the cache
    catalog.refresh()
    assert catalog.get(SAMPLE).key == keys[-2] and (catalog.builds / keys[-2]).is_dir()
