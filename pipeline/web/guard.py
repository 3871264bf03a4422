"""Request guards: allowed Host names, same-origin form posts, security headers."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask, request

from pipeline.web.uploads import Refused

LOOPBACK = ("127.0.0.1", "localhost", "::1")
WILDCARDS = ("", "0.0.0.0", "::")  # listening addresses that are no host name
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
SAME_SITE = ("same-origin", "none")  # Sec-Fetch-Site values of a post from our own page
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self'; style-src 'self'; "
                               "script-src 'self'; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
_HOST = re.compile(r"^(?:\[(?P<ip6>[0-9a-fA-F:.]+)\]|(?P<name>[^:\[\]]+))(?::(?P<port>\d{1,5}))?$")


def allowed_hosts(host: str = "127.0.0.1", extra=()) -> frozenset[str]:
    """The host names a server listening on ``host`` answers to: loopback, ``host``
    itself (unless it is a wildcard like 0.0.0.0) and the ``--allow-host`` names."""
    names = {*LOOPBACK, *extra}
    if host not in WILDCARDS:
        names.add(host)
    return frozenset(_name(n) for n in names)


def split_host(value: str) -> tuple[str, int | None] | None:
    """``(name, port)`` of a Host header value, or None if it is not one."""
    m = _HOST.match(value or "")
    if m is None:
        return None
    port = int(m["port"]) if m["port"] else None
    return _name(m["ip6"] or m["name"]), port


def _name(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def install(app: Flask, hosts: frozenset[str]) -> None:
    """Check every request's Host and every post's origin; add the headers to every
    response (error pages and downloads included)."""
    app.config["ALLOWED_HOSTS"] = hosts

    @app.before_request
    def check_request():
        check_host(request.headers.get("Host", ""), app.config["ALLOWED_HOSTS"])
        if request.method in UNSAFE:
            check_origin(request)

    @app.after_request
    def add_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def check_host(value: str, hosts: frozenset[str]) -> None:
    parsed = split_host(value)
    if parsed is None or parsed[0] not in hosts:
        shown = value[:100] or "(trống)"
        raise Refused(f"Máy chủ không phục vụ tên miền “{shown}” (tiêu đề Host). Hãy mở trang "
                      "bằng địa chỉ máy chủ đã in ra khi khởi động; nếu cần truy cập bằng tên "
                      f"này, khởi động lại với: pipeline serve --allow-host {_hint(parsed)}.",
                      400)


def _hint(parsed) -> str:
    return parsed[0] if parsed and re.fullmatch(r"[a-z0-9.:-]+", parsed[0]) else "TÊN-MÁY"


def check_origin(req) -> None:
    """A post must come from a page of this server: Sec-Fetch-Site (when the browser sends
    it) says same-origin, and Origin (when sent) is this server's. A client that sends
    neither (curl, scripts) is not a browser that a foreign page could drive."""
    site = req.headers.get("Sec-Fetch-Site")
    origin = req.headers.get("Origin")
    if site is not None and site.lower() not in SAME_SITE:
        _cross(origin or site)
    if origin is not None and not _same_origin(origin, req.scheme, req.headers.get("Host", "")):
        _cross(origin)


def _same_origin(origin: str, scheme: str, host: str) -> bool:
    try:
        parts = urlsplit(origin.strip())
        port = parts.port
    except ValueError:
        return False
    default = {"http": 80, "https": 443}.get(scheme)
    ours = split_host(host)
    return (parts.scheme.lower() == scheme and ours is not None and parts.hostname is not None
            and _name(parts.hostname) == ours[0] and (port or default) == (ours[1] or default))


def _cross(where: str) -> None:
    raise Refused(f"Từ chối yêu cầu gửi từ trang khác (“{where[:100]}”): chỉ nhận tệp tải lên "
                  "từ chính trang này của máy chủ. Hãy mở trang tải lên của máy chủ rồi gửi "
                  "tệp từ đó.", 403)
