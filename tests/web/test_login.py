"""The office network: with a user file every page asks for a login (session cookie HttpOnly,
SameSite=Lax, Secure behind TLS); a wrong password, a post without a session and a
cross-site post are refused; failed logins are slowed down; `pipeline serve` on a
non-loopback address will not start without users; `pipeline users add` writes them."""

from __future__ import annotations

import logging
import threading

import pytest
from click.testing import CliRunner
from werkzeug.security import check_password_hash, generate_password_hash

from pipeline.cli import main
from pipeline.web import login
from pipeline.web.app import create_app
from pipeline.web.users import load

PASSWORD = "mat-khau-dung-1"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def users():
    return {"lan": generate_password_hash(PASSWORD), "minh": generate_password_hash("khac-123456")}


@pytest.fixture
def secured(sample_dir, tmp_path, render, users):
    app = create_app(sample_dir, tmp_path / "cache", uploads_dir=tmp_path / "uploads",
                     render=render, users=users)
    app.extensions["pipeline"].catalog.refresh()
    yield app
    app.extensions["pipeline"].close()


def log_in(client, name="lan", password=PASSWORD, **kwargs):
    return client.post("/login", data={"name": name, "password": password, "next": "/"},
                       **kwargs)


def upload(client, sample_dir, **headers):
    data = {"file": ((sample_dir / "bao-nghe-an.yaml").open("rb"), "bai.yaml"), "draft": "1"}
    return client.post("/upload", data=data, content_type="multipart/form-data",
                       headers=headers)


def cookie_header(response) -> str:
    [value] = [v for k, v in response.headers.items() if k == "Set-Cookie"
               and v.startswith(login.COOKIE + "=")]
    return value


def test_every_page_asks_for_a_login_first(secured):
    client = secured.test_client()
    for path in ("/", "/upload", "/generation", "/files/bao-nghe-an/x/newsletter.pdf"):
        response = client.get(path)
        assert response.status_code == 303, path
        assert response.headers["Location"].startswith("/login?next=")
    page = client.get("/login")
    assert page.status_code == 200 and "Đăng nhập" in page.get_data(as_text=True)
    with client.get("/static/page.css") as css:
        assert css.status_code == 200


def test_a_wrong_password_or_unknown_name_is_refused(secured):
    client = secured.test_client()
    for name, password in (("lan", "sai-mat-khau"), ("khong-co", PASSWORD), ("lan", "")):
        response = log_in(client, name, password)
        assert response.status_code == 401
        assert "Sai tên hoặc mật khẩu." in response.get_data(as_text=True)
        assert "Set-Cookie" not in response.headers
        assert client.get("/").status_code == 303


def test_the_right_password_opens_a_session_with_a_safe_cookie(secured):
    client = secured.test_client()
    response = log_in(client)
    assert response.status_code == 303 and response.headers["Location"] == "/"
    cookie = cookie_header(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    page = client.get("/")
    assert page.status_code == 200 and "lan" in page.get_data(as_text=True)
    assert client.post("/logout").status_code == 303
    assert client.get("/").status_code == 303


def test_a_post_without_a_session_is_refused_and_nothing_is_uploaded(secured, sample_dir):
    client = secured.test_client()
    response = upload(client, sample_dir)
    assert response.status_code == 401
    assert "chưa đăng nhập" in response.get_data(as_text=True)
    assert secured.extensions["pipeline"].uploads.recent == {}


def test_a_cross_site_post_is_refused_even_with_a_session(secured, sample_dir):
    client = secured.test_client()
    log_in(client)
    response = upload(client, sample_dir, Origin="http://attacker.example",
                      **{"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert secured.extensions["pipeline"].uploads.recent == {}
    assert upload(client, sample_dir).status_code == 303  # the same post from the page


def test_a_login_form_posted_from_another_site_is_refused(secured):
    client = secured.test_client()
    response = log_in(client, headers={"Origin": "http://attacker.example"})
    assert response.status_code == 403 and "Set-Cookie" not in response.headers


def test_every_change_is_logged_with_the_users_name(secured, sample_dir, caplog):
    client = secured.test_client()
    log_in(client)
    with caplog.at_level(logging.INFO, logger="pipeline.web"):
        upload(client, sample_dir)
    assert any(r.getMessage().startswith("POST /upload -> 303 by lan") for r in caplog.records)


def test_failed_logins_are_rate_limited_per_user_and_address(secured):
    clock = Clock()
    secured.extensions["pipeline_logins"].clock = clock
    client = secured.test_client()
    for _ in range(login.LIMIT_USER):
        assert log_in(client, password="sai-mat-khau").status_code == 401
    blocked = log_in(client)  # even the right password, for now
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 60
    assert "thử lại sau" in blocked.get_data(as_text=True)
    other = secured.test_client()
    assert log_in(other, environ_base={"REMOTE_ADDR": "10.0.0.7"}).status_code == 303
    assert log_in(other, "minh", "khac-123456").status_code == 303  # another name, same address
    clock.now += login.WINDOW
    assert log_in(client).status_code == 303


def test_many_names_from_one_address_are_limited_too(secured):
    secured.extensions["pipeline_logins"].clock = Clock()
    client = secured.test_client()
    for n in range(login.LIMIT_ADDRESS):
        log_in(client, f"ten{n}", "sai-mat-khau")
    assert log_in(client).status_code == 429


def test_the_cookie_is_secure_behind_a_tls_proxy_only_when_trusted(sample_dir, tmp_path,
                                                                     render, users):
    for behind, secure in ((True, True), (False, False)):
        app = create_app(sample_dir, tmp_path / f"cache{behind}", uploads_dir=tmp_path / "up",
                         render=render, users=users, behind_proxy=behind)
        try:
            response = log_in(app.test_client(), headers={"X-Forwarded-Proto": "https"})
            assert ("Secure" in cookie_header(response)) is secure
        finally:
            app.extensions["pipeline"].close()


def test_after_login_only_a_path_of_this_server_is_followed(secured):
    client = secured.test_client()
    for target, expected in (("/upload", "/upload"), ("//attacker.example/x", "/"),
                             ("https://attacker.example/", "/"), ("/\\attacker", "/")):
        response = client.post("/login", data={"name": "lan", "password": PASSWORD,
                                               "next": target})
        assert response.headers["Location"] == expected, target


def test_the_open_page_on_loopback_needs_no_login(client):
    assert client.get("/").status_code == 200
    assert client.get("/login").status_code == 404


# -- the commands ----------------------------------------------------------------------------

def test_users_add_writes_a_hashed_password(tmp_path):
    path = tmp_path / "users.txt"
    result = CliRunner().invoke(main, ["users", "add", "lan", "--file", str(path),
                                       "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 0 and f"added lan in {path}" in result.output
    assert PASSWORD not in path.read_text()
    assert check_password_hash(load(path)["lan"], PASSWORD)
    again = CliRunner().invoke(main, ["users", "add", "minh", "--file", str(path)],
                               input="mat-khau-minh\nmat-khau-minh\n")
    assert again.exit_code == 0
    assert set(load(path)) == {"lan", "minh"}
    assert path.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("args, stdin, code, message", [
    (["lan"], "ngan\n", 1, "shorter than 8 characters"),
    (["có dấu cách"], PASSWORD + "\n", 2, "a user name is 1 to 64"),
    (["a:b"], PASSWORD + "\n", 2, "a user name is 1 to 64"),
])
def test_users_add_refuses_short_passwords_and_odd_names(tmp_path, args, stdin, code, message):
    result = CliRunner().invoke(main, ["users", "add", *args, "--file",
                                       str(tmp_path / "u.txt"), "--password-stdin"], input=stdin)
    assert result.exit_code == code and message in result.output
    assert not (tmp_path / "u.txt").exists()


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "may-bien-tap"])
def test_serve_on_the_network_without_users_does_not_start(sample_dir, tmp_path, host):
    result = CliRunner().invoke(main, ["serve", str(sample_dir), "--host", host,
                                       "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 2
    assert "--users FILE" in result.output and "pipeline users add NAME" in result.output


def test_serve_on_the_network_with_users_asks_for_a_login(sample_dir, tmp_path, monkeypatch):
    import urllib.error
    import urllib.request

    import werkzeug.serving

    users = tmp_path / "users.txt"
    CliRunner().invoke(main, ["users", "add", "lan", "--file", str(users),
                              "--password-stdin"], input=PASSWORD + "\n")
    seen = {}
    real = werkzeug.serving.make_server

    def make_server(host, port, app, **kwargs):
        server = real("127.0.0.1", 0, app, **kwargs)
        seen["host"] = host

        def visit():
            opener = urllib.request.build_opener(NoRedirect)
            try:
                opener.open(f"http://127.0.0.1:{server.server_port}/", timeout=30)
            except urllib.error.HTTPError as exc:
                seen["status"], seen["location"] = exc.code, exc.headers["Location"]
            server.shutdown()

        threading.Thread(target=visit).start()
        return server

    monkeypatch.setattr(werkzeug.serving, "make_server", make_server)
    result = CliRunner().invoke(main, ["serve", str(sample_dir), "--host", "0.0.0.0",
                                       "--users", str(users), "--cache-dir",
                                       str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    assert seen == {"host": "0.0.0.0", "status": 303, "location": "/login?next=/"}


def test_a_damaged_user_file_stops_serve_with_its_line(sample_dir, tmp_path):
    users = tmp_path / "users.txt"
    users.write_text("lan mat-khau\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", str(sample_dir), "--users", str(users)])
    assert result.exit_code == 1
    assert f"{users}:1: not a 'name:hash' line" in result.output


class NoRedirect(__import__("urllib.request").request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
