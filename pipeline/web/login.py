"""Logins for the office network: users from a file, a session cookie, failed logins slowed
down per user and address; every change logged with the user's name."""

from __future__ import annotations

import logging
import secrets
import threading
import time
from datetime import timedelta

from flask import Flask, g, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSessionInterface

from pipeline.web.guard import UNSAFE
from pipeline.web.uploads import Refused

log = logging.getLogger("pipeline.web")

LIMIT_USER = 5  # failed logins for one name from one address within WINDOW
LIMIT_ADDRESS = 20  # failed logins from one address, whatever the names
WINDOW = 15 * 60  # seconds
SESSION_HOURS = 12
OPEN = ("login", "static")  # endpoints served without a login
COOKIE = "pipeline_session"


class Attempts:
    """Failed logins by key (name and address, address alone) in the last ``window``
    seconds; a key past its limit is refused until its oldest failure is that old."""

    def __init__(self, window: float = WINDOW, clock=time.monotonic):
        self.window = window
        self.clock = clock
        self.failures: dict[tuple, list[float]] = {}
        self.lock = threading.Lock()

    def wait(self, key: tuple, limit: int) -> float:
        """Seconds until ``key`` may try again (0: now)."""
        with self.lock:
            now = self.clock()
            recent = [t for t in self.failures.get(key, ()) if now - t < self.window]
            if recent:
                self.failures[key] = recent
            else:
                self.failures.pop(key, None)
            return self.window - (now - recent[0]) if len(recent) >= limit else 0.0

    def failed(self, *keys: tuple) -> None:
        with self.lock:
            for key in keys:
                self.failures.setdefault(key, []).append(self.clock())
            if len(self.failures) > 100_000:  # a flood of names: forget the oldest keys
                for key in list(self.failures)[:50_000]:
                    del self.failures[key]

    def clear(self, key: tuple) -> None:
        with self.lock:
            self.failures.pop(key, None)


class _Session(SecureCookieSessionInterface):
    """The session cookie is Secure whenever the request came over https (directly, or
    through a proxy trusted with --behind-proxy)."""

    def get_cookie_secure(self, app) -> bool:
        return request.is_secure


def user() -> str:
    """The logged-in user's name; "" on an open page (127.0.0.1 without --users)."""
    return getattr(g, "user", "")


def install(app: Flask, users: dict[str, str] | None, behind_proxy: bool = False,
            attempts: Attempts | None = None) -> None:
    """Require a login for every page but the login page and static files when ``users``
    is given; log every change (a post) with the user's name either way."""
    if behind_proxy:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)
    app.jinja_env.globals.update(current_user=user, logins=users is not None)
    attempts = attempts or Attempts()
    app.extensions["pipeline_logins"] = attempts

    @app.after_request
    def log_change(response):
        if request.method in UNSAFE and request.endpoint not in ("login", "logout"):
            log.info("%s %s -> %s by %s", request.method, request.path, response.status_code,
                     user() or "(open page, no login)")
        return response

    if users is None:
        return
    app.secret_key = secrets.token_bytes(32)  # sessions end when the server restarts
    app.session_interface = _Session()
    app.config.update(SESSION_COOKIE_NAME=COOKIE, SESSION_COOKIE_HTTPONLY=True,
                      SESSION_COOKIE_SAMESITE="Lax",
                      PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS))

    @app.before_request
    def require_login():
        name = session.get("user")
        if name in users:
            g.user = name
            return None
        if request.endpoint in OPEN:
            return None
        if request.method in UNSAFE:
            raise Refused("Bạn chưa đăng nhập (hoặc phiên đăng nhập đã hết hạn); thay đổi "
                          "không được lưu. Hãy đăng nhập rồi gửi lại.", 401)
        return redirect(url_for("login", next=request.full_path.rstrip("?")), 303)

    @app.route("/login", methods=["GET", "POST"])
    def login():
        target = _safe_next(request.values.get("next", ""))
        if request.method == "GET":
            return render_template("login.html", next=target, name="", message="")
        name = request.form.get("name", "").strip()[:64]
        password = request.form.get("password", "")
        address = request.remote_addr or ""
        keys = ((name.casefold(), address), ("", address))
        wait = max(attempts.wait(keys[0], LIMIT_USER), attempts.wait(keys[1], LIMIT_ADDRESS))
        if wait:
            minutes = max(1, round(wait / 60))
            log.warning("login refused for %r from %s: too many failures", name, address)
            raise Refused(f"Đăng nhập sai quá nhiều lần; hãy thử lại sau khoảng {minutes} "
                          "phút.", 429, headers={"Retry-After": str(int(wait) + 1)})
        if not _check(users, name, password):
            attempts.failed(*keys)
            log.warning("failed login for %r from %s", name, address)
            return render_template("login.html", next=target, name=name,
                                   message="Sai tên hoặc mật khẩu."), 401
        attempts.clear(keys[0])
        session.clear()
        session.permanent = True
        session["user"] = name
        log.info("login: %s from %s", name, address)
        return redirect(target, 303)

    @app.post("/logout")
    def logout():
        log.info("logout: %s", user())
        session.clear()
        return redirect(url_for("login"), 303)


def _check(users: dict[str, str], name: str, password: str) -> bool:
    from werkzeug.security import check_password_hash, generate_password_hash

    hashed = users.get(name)
    if hashed is None:  # as slow as a known name, so names cannot be told by timing
        check_password_hash(_dummy(generate_password_hash), password)
        return False
    return check_password_hash(hashed, password)


_DUMMY: list[str] = []


def _dummy(generate) -> str:
    if not _DUMMY:
        _DUMMY.append(generate(secrets.token_hex(16)))
    return _DUMMY[0]


def _safe_next(value: str) -> str:
    """A path on this server to go to after logging in (never another site)."""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"
