"""Quick edits on the page: a plain form with the source's YAML, saved only when it validates
(errors shown at their lines), else offered as a draft copy; a save over a source changed
meanwhile is refused with the difference; every replacement keeps the previous version in
.history/, listed, viewable, comparable and restorable."""

from __future__ import annotations

import html
import re

import pytest
from werkzeug.security import generate_password_hash

from pipeline.web.app import create_app
from pipeline.web.diffs import word_diff
from pipeline.web.history import History, digest

STEM = "bao-nghe-an"
OLD_TITLE = "title: Phát huy truyền thống đoàn kết"
NEW_TITLE = "title: Phát huy truyền thống đoàn kết chặt chẽ"


def form_of(client, stem=STEM) -> tuple[str, str]:
    """(text, base) of the edit form."""
    page = client.get(f"/sources/{stem}/edit").get_data(as_text=True)
    text = html.unescape(re.search(r'<textarea[^>]*>(.*?)</textarea>', page, re.S)[1])
    base = re.search(r'name="base" value="([0-9a-f]+)"', page)[1]
    return text, base


def save(client, text, base, action="save", stem=STEM):
    return client.post(f"/sources/{stem}/edit", data={"yaml": text, "base": base,
                                                      "action": action})


def versions(sample_dir, stem=STEM):
    folder = sample_dir / ".history" / stem
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_the_edit_form_holds_the_source_and_works_without_script(client, sample):
    page = client.get(f"/sources/{STEM}/edit")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "<script" not in body.split("</head>")[1]
    text, base = form_of(client)
    assert text == sample.read_text(encoding="utf-8")
    assert base == digest(sample.read_bytes())
    assert f'href="/sources/{STEM}/edit"' in client.get("/").get_data(as_text=True)


def test_a_valid_edit_replaces_the_source_keeps_the_old_one_and_rebuilds(client, sample,
                                                                          sample_dir, catalog,
                                                                          render):
    before = sample.read_bytes()
    text, base = form_of(client)
    response = save(client, text.replace(OLD_TITLE, NEW_TITLE).replace("\n", "\r\n"), base)
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#src-{STEM}")
    assert sample.read_text(encoding="utf-8") == text.replace(OLD_TITLE, NEW_TITLE)
    [kept] = versions(sample_dir)
    assert kept.read_bytes() == before
    assert re.fullmatch(r"\d{8}T\d{6}\.\d{6}Z-trang-mo\.yaml", kept.name)
    catalog.refresh()
    assert "đoàn kết chặt chẽ," in catalog.get(STEM).title
    assert render.calls.count((STEM, "newsletter", "pdf")) == 2  # built again


def test_an_edit_with_errors_is_not_saved_and_shows_them_at_their_lines(client, sample,
                                                                         sample_dir):
    before = sample.read_bytes()
    text, base = form_of(client)
    broken = text.replace("date: 2020-07-10", "date: 2020-13-45")
    line = broken.split("\n").index(next(x for x in broken.split("\n") if "2020-13-45" in x)) + 1
    response = save(client, broken, base)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f"Dòng {line}, cột 7:" in page and f"{line}: date: 2020-13-45" in page
    assert "chưa được lưu" in page and f"{STEM}-draft.yaml" in page
    assert "2020-13-45" in html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page,
                                                   re.S)[1])
    assert sample.read_bytes() == before and versions(sample_dir) == []


def test_an_edit_with_errors_can_be_kept_as_a_draft_copy(client, sample, sample_dir, catalog):
    before = sample.read_bytes()
    text, base = form_of(client)
    response = save(client, text.replace("date: 2020-07-10", "date: 2020-13-45"), base, "draft")
    assert response.status_code == 303
    draft = sample_dir / f"{STEM}-draft.yaml"
    assert "2020-13-45" in draft.read_text(encoding="utf-8")
    assert sample.read_bytes() == before
    catalog.refresh()
    assert catalog.get(f"{STEM}-draft").state == "error"


def test_a_save_over_a_source_changed_meanwhile_is_refused_with_the_difference(
        client, sample, sample_dir, rewrite):
    text, base = form_of(client)
    rewrite(sample, text.replace("Báo Nghệ An", "Báo Nghệ An Online", 1))  # someone else
    theirs = sample.read_bytes()
    mine = text.replace(OLD_TITLE, NEW_TITLE)
    response = save(client, mine, base)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "chưa được lưu" in page
    assert "<del> Online</del>" in page or "<del>Online</del>" in page
    assert "<ins> chặt chẽ</ins>" in page or "<ins>chặt chẽ</ins>" in page
    assert sample.read_bytes() == theirs and versions(sample_dir) == []
    new_base = re.search(r'name="base" value="([0-9a-f]+)"', page)[1]
    assert new_base == digest(theirs)
    assert save(client, mine, new_base).status_code == 303  # looked at it: saved
    assert sample.read_text(encoding="utf-8") == mine
    assert [v.read_bytes() for v in versions(sample_dir)] == [theirs]


@pytest.mark.parametrize("path", ["/sources/nope/edit", "/sources/..%2Fetc/edit",
                                  f"/sources/{STEM}/history/..%2F..%2Fbao-nghe-an.yaml",
                                  f"/sources/{STEM}/history/20200101T000000.000000Z-x.yaml"])
def test_unknown_sources_and_versions_are_404(client, path):
    assert client.get(path).status_code == 404


# -- history -----------------------------------------------------------------------------

def edit_twice(client):
    text, base = form_of(client)
    save(client, text.replace(OLD_TITLE, NEW_TITLE), base)
    text2, base2 = form_of(client)
    save(client, text2.replace("byline: Thành Duy", "byline: T. Duy"), base2)
    return text


def test_the_history_lists_versions_newest_first_viewable_and_comparable(client, sample_dir):
    original = edit_twice(client)
    page = client.get(f"/sources/{STEM}/history").get_data(as_text=True)
    names = re.findall(rf'href="/sources/{STEM}/history/([^"/]+)"', page)
    assert len(names) == 2 and names[0] > names[1]
    assert page.count("<td>trang-mo</td>") == 2
    assert f"{len(original.encode())} byte" in page
    old = html.unescape(client.get(f"/sources/{STEM}/history/{names[1]}").get_data(as_text=True))
    assert "đoàn kết, đề cao" in old and "byline: Thành Duy" in old
    between = html.unescape(client.get(f"/sources/{STEM}/history/{names[0]}").get_data(
        as_text=True))
    assert "đoàn kết chặt chẽ, đề cao" in between and "byline: Thành Duy" in between
    diff = client.get(f"/sources/{STEM}/history/{names[1]}/diff").get_data(as_text=True)
    assert "<ins> chặt chẽ</ins>" in diff
    assert "<del>Thành</del>" in diff and "<ins>T.</ins>" in diff


def test_restoring_a_version_keeps_the_current_one(client, sample, sample_dir):
    original = edit_twice(client)
    newest = sample.read_bytes()
    oldest = versions(sample_dir)[0].name
    response = client.post(f"/sources/{STEM}/history/{oldest}/restore")
    assert response.status_code == 303
    assert sample.read_text(encoding="utf-8") == original
    kept = versions(sample_dir)
    assert len(kept) == 3 and kept[-1].read_bytes() == newest


def test_the_history_keeps_a_count_per_source_oldest_dropped(tmp_path):
    source = tmp_path / "bai.yaml"
    source.write_text("v0", encoding="utf-8")
    history = History(tmp_path, keep=3)
    for n in range(1, 6):
        assert history.replace(source, f"v{n}".encode(), "lan")
    assert [history.read("bai", v.name) for v in history.versions("bai")] == [
        b"v4", b"v3", b"v2"]
    assert not history.replace(source, b"v6", "lan", expected=digest(b"v4"))
    assert source.read_bytes() == b"v5"


def test_versions_name_the_logged_in_user(sample_dir, tmp_path, render):
    app = create_app(sample_dir, tmp_path / "cache", uploads_dir=tmp_path / "up",
                     render=render, users={"lan": generate_password_hash("mat-khau-dung-1")})
    app.extensions["pipeline"].catalog.refresh()
    try:
        client = app.test_client()
        text = (sample_dir / f"{STEM}.yaml").read_text(encoding="utf-8")
        base = digest((sample_dir / f"{STEM}.yaml").read_bytes())
        assert save(client, text, base).status_code == 401  # no session: refused
        client.post("/login", data={"name": "lan", "password": "mat-khau-dung-1"})
        assert save(client, text.replace(OLD_TITLE, NEW_TITLE), base).status_code == 303
        [kept] = versions(sample_dir)
        assert kept.name.endswith("-lan.yaml")
    finally:
        app.extensions["pipeline"].close()


def test_word_diff_marks_changed_words_and_shortens_the_rest():
    old = " ".join(f"từ{n}" for n in range(100))
    new = old.replace("từ50", "chữ50")
    diff = word_diff(old, new)
    assert ("del", "từ50") in diff and ("ins", "chữ50") in diff
    assert [op for op, _ in diff].count("gap") == 2
    assert word_diff(old, old) == []
