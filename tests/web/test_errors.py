"""Errors are Vietnamese pages with the right status, never tracebacks; 500s are logged."""

from __future__ import annotations

import logging

import pytest


def test_unknown_page_is_a_404_page(client):
    response = client.get("/khong-co")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "404 — Không tìm thấy" in html and '<html lang="vi">' in html


def test_wrong_method_is_a_405_page(client):
    response = client.post("/")
    assert response.status_code == 405
    assert "Phương thức không được phép" in response.get_data(as_text=True)


def test_internal_error_is_a_500_page_and_a_log_line(client, catalog, monkeypatch, caplog):
    def broken():
        raise RuntimeError("secret internals")

    monkeypatch.setattr(catalog, "snapshot", broken)
    with caplog.at_level(logging.ERROR, logger="pipeline.web"):
        response = client.get("/")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Lỗi máy chủ" in html and "nhật ký" in html
    assert "secret internals" not in html and "Traceback" not in html
    [record] = [r for r in caplog.records if r.name == "pipeline.web"]
    assert "GET /" in record.getMessage() and record.exc_info


@pytest.mark.parametrize("path", ["/files/../../etc/passwd", "/uploads/../cache/x",
                                  "/thumbs/%2e%2e%2fx.png", "/files/a/b/c/d"])
def test_odd_paths_are_plain_404s(client, path):
    assert client.get(path).status_code == 404
