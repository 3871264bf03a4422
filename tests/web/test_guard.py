"""Requests from elsewhere: foreign Host names (DNS rebinding) get 400, cross-site posts 403,
every response carries the security headers and no page needs inline script or style."""

from __future__ import annotations

import re

import pytest

from pipeline.web import guard
from pipeline.web.app import create_app

SAMPLE = "bao-nghe-an"


def upload_yaml(client, sample_dir, **headers):
    data = {"file": ((sample_dir / f"{SAMPLE}.yaml").open("rb"), "bai.yaml"), "draft": "1"}
    return client.post("/upload", data=data, content_type="multipart/form-data",
                       headers=headers)


# -- Host ----------------------------------------------------------------------------------

def test_a_foreign_host_name_gets_a_400_page_without_any_link(client, catalog):
    response = client.get("/", headers={"Host": "attacker.example"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "attacker.example" in html and "--allow-host" in html
    assert catalog.get(SAMPLE).key not in html and "/files/" not in html
    for path in (f"/files/{SAMPLE}/{catalog.get(SAMPLE).key}/newsletter.pdf", "/generation",
                 "/upload", "/static/page.css"):
        assert client.get(path, headers={"Host": "attacker.example:8000"}).status_code == 400


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:8000", "localhost:8000",
                                  "[::1]:8000", "LOCALHOST:8000"])
def test_the_loopback_names_are_served(client, host):
    assert client.get("/", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["127.0.0.1.attacker.example", "localhost.:8000x", "",
                                  "[::2]:8000", "127.0.0.2"])
def test_names_near_the_loopback_ones_are_not(client, host):
    assert client.get("/", headers={"Host": host}).status_code == 400


def test_the_listening_address_and_allowed_names_are_served(sample_dir, tmp_path, render):
    hosts = guard.allowed_hosts("192.168.1.20", ["may-bien-tap", "bientap.toasoan.vn"])
    app = create_app(sample_dir, tmp_path / "cache", uploads_dir=tmp_path / "up",
                     render=render, hosts=hosts)
    try:
        client = app.test_client()
        for host in ("192.168.1.20:8000", "may-bien-tap:8000", "bientap.toasoan.vn",
                     "localhost:8000"):
            assert client.get("/", headers={"Host": host}).status_code == 200, host
        assert client.get("/", headers={"Host": "toasoan.vn"}).status_code == 400
    finally:
        app.extensions["pipeline"].close()


def test_a_wildcard_listening_address_is_no_host_name():
    assert guard.allowed_hosts("0.0.0.0") == {"127.0.0.1", "localhost", "::1"}
    assert "::" not in guard.allowed_hosts("::", ["[fe80::1]"])
    assert "fe80::1" in guard.allowed_hosts("::", ["[fe80::1]"])


# -- cross-site posts ----------------------------------------------------------------------

@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
    {"Origin": "http://evil.example"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://other.localhost"},
    {"Origin": "null"},
    {"Origin": "http://localhost:9999", "Sec-Fetch-Site": "same-site"},
    {"Origin": "http://localhost:9999"},
    {"Origin": "https://localhost"},
])
def test_posts_from_other_sites_are_refused_with_403(client, sample_dir, app, headers):
    response = upload_yaml(client, sample_dir, **headers)
    assert response.status_code == 403
    html = response.get_data(as_text=True)
    assert "Từ chối yêu cầu gửi từ trang khác" in html
    assert app.extensions["pipeline"].uploads.recent == {}  # nothing received or built


@pytest.mark.parametrize("headers", [
    {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"},  # our own form
    {"Origin": "http://localhost:80"},
    {},  # curl and scripts: no browser, so no foreign page driving it
])
def test_posts_from_the_page_itself_or_from_scripts_are_taken(client, sample_dir, headers):
    assert upload_yaml(client, sample_dir, **headers).status_code == 303


def test_the_origin_must_match_the_host_and_port_asked(client, sample_dir):
    headers = {"Host": "127.0.0.1:8000", "Origin": "http://127.0.0.1:8000",
               "Sec-Fetch-Site": "same-origin"}
    assert upload_yaml(client, sample_dir, **headers).status_code == 303
    headers["Origin"] = "http://localhost:8000"
    assert upload_yaml(client, sample_dir, **headers).status_code == 403


# -- headers -------------------------------------------------------------------------------

def test_every_response_carries_the_security_headers(client, catalog, sample_dir):
    key = catalog.get(SAMPLE).key
    responses = [client.get("/"), client.get("/upload"), client.get("/generation"),
                 client.get("/static/page.css"), client.get("/khong-co"),
                 client.get(f"/files/{SAMPLE}/{key}/newsletter.pdf"),
                 client.get("/", headers={"Host": "attacker.example"}),
                 upload_yaml(client, sample_dir, Origin="http://evil.example"),
                 upload_yaml(client, sample_dir)]
    for response in responses:
        response.close()
        headers = response.headers
        csp = headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, response
        assert "'unsafe-inline'" not in csp
        assert headers.get("X-Content-Type-Options") == "nosniff"
        assert headers.get("X-Frame-Options") == "DENY"
        assert headers.get("Referrer-Policy") in ("no-referrer", "same-origin")


def test_no_page_needs_inline_script_or_style(client, catalog, sample_dir):
    result = client.get(upload_yaml(client, sample_dir).headers["Location"])
    for page in (client.get("/"), client.get("/upload"), client.get("/khong-co"), result):
        html = page.get_data(as_text=True)
        assert "<style" not in html and " style=" not in html
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert not re.search(r"\son[a-z]+=", html)  # no onclick= and the like
    html = client.get("/").get_data(as_text=True)
    script = re.search(r'<script src="([^"]+)"', html)[1]
    with client.get(script) as response:
        assert response.status_code == 200 and b"location.reload" in response.data
    assert 'rel="stylesheet" href="/static/page.css"' in html
