"""Uploads are kept per uploader (a cookie): one visitor's uploads never evict another's
newest; the total is bounded; thumbnails go with their upload."""

from __future__ import annotations

import re

import pytest

from pipeline.web import uploads as up
from pipeline.web.app import UPLOADER

SAMPLE = "bao-nghe-an"


def upload(client, sample_dir):
    data = {"file": ((sample_dir / f"{SAMPLE}.yaml").open("rb"), "bai.yaml"), "draft": "1"}
    response = client.post("/upload", data=data, content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)
    return response


def test_the_first_upload_sets_an_httponly_samesite_uploader_cookie(client, sample_dir):
    response = upload(client, sample_dir)
    [cookie] = [h for h in response.headers.getlist("Set-Cookie")
                if h.startswith(f"{UPLOADER}=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    assert up.TOKEN.match(token)
    again = upload(client, sample_dir)  # the browser sends it back: the same uploader
    assert not any(h.startswith(f"{UPLOADER}=") and token not in h
                   for h in again.headers.getlist("Set-Cookie"))


def test_another_visitors_uploads_never_evict_my_result(app, sample_dir):
    me, other = app.test_client(), app.test_client()
    mine = upload(me, sample_dir).headers["Location"]
    theirs = [upload(other, sample_dir).headers["Location"] for _ in range(up.KEEP + 3)]
    assert me.get(mine).status_code == 200
    assert other.get(theirs[-1]).status_code == 200
    assert other.get(theirs[0]).status_code == 404  # their own oldest made room
    uploads = app.extensions["pipeline"].uploads
    assert len(uploads.recent) == up.KEEP + 1


def test_each_uploader_keeps_their_newest(tmp_path):
    uploads = up.Uploads(tmp_path / "up")
    a = [uploads.create("a.yaml", "owner-a") for _ in range(3)]
    b = [uploads.create("b.yaml", "owner-b") for _ in range(up.KEEP + 2)]
    assert all(u.folder.is_dir() for u in a)
    assert not b[0].folder.exists() and not b[1].folder.exists()
    assert all(u.folder.is_dir() for u in b[2:])
    uploads.close()


def test_past_the_total_the_oldest_that_is_not_someones_newest_goes(tmp_path, monkeypatch):
    monkeypatch.setattr(up, "MAX_UPLOADS", 4)
    uploads = up.Uploads(tmp_path / "up")
    a1, a2 = uploads.create("a.yaml", "a"), uploads.create("a.yaml", "a")
    b1, b2 = uploads.create("b.yaml", "b"), uploads.create("b.yaml", "b")
    c1 = uploads.create("c.yaml", "c")
    assert not a1.folder.exists()  # the oldest, and a has a newer one
    d1 = uploads.create("d.yaml", "d")
    assert not b1.folder.exists() and a2.folder.is_dir() and b2.folder.is_dir()
    # now every upload is its uploader's newest: a new one is refused, none is evicted
    with pytest.raises(up.Refused) as refused:
        uploads.create("e.yaml", "e")
    assert refused.value.status == 503 and refused.value.headers["Retry-After"]
    assert all(u.folder.is_dir() for u in (a2, b2, c1, d1))
    uploads.create("a.yaml", "a")  # the same uploader again: their own older one goes
    assert not a2.folder.exists()
    uploads.close()


def test_when_the_server_is_full_the_page_says_so(app, sample_dir, monkeypatch):
    monkeypatch.setattr(up, "MAX_UPLOADS", 1)
    upload(app.test_client(), sample_dir)
    data = {"file": ((sample_dir / f"{SAMPLE}.yaml").open("rb"), "bai.yaml"), "draft": "1"}
    response = app.test_client().post("/upload", data=data,
                                      content_type="multipart/form-data")
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert "Máy chủ đang bận" in response.get_data(as_text=True)


def test_upload_thumbnails_go_with_their_upload(app, client, sample_dir, catalog):
    shared = set(catalog.thumbs.iterdir())
    first = upload(client, sample_dir).headers["Location"]
    html = client.get(first).get_data(as_text=True)
    shots = re.findall(r'src="(/uploads/[^"]+\.png)"', html)
    assert shots and all(client.get(s).status_code == 200 for s in shots)
    assert set(catalog.thumbs.iterdir()) == shared  # nothing in the shared cache
    for _ in range(up.KEEP):
        upload(client, sample_dir)
    assert client.get(first).status_code == 404
    assert all(client.get(s).status_code == 404 for s in shots)
    uploads = app.extensions["pipeline"].uploads
    on_disk = list(uploads.root.rglob("*.png"))
    assert len(on_disk) == 2 * up.KEEP  # newsletter and handout of each upload kept
