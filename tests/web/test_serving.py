"""The running server: stalled connections are dropped after the read timeout; SIGTERM and
Ctrl+C remove the uploads folder entirely."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.starter import starter_text
from pipeline.web import serving

ROOT = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def served(app, read_timeout: float):
    server = serving.make_server("127.0.0.1", 0, app, read_timeout)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def read_all(sock: socket.socket) -> bytes:
    reply = b""
    while chunk := sock.recv(65536):
        reply += chunk
    return reply


def request_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if "process_request_thread" in t.name]


def test_an_upload_that_stops_sending_frees_its_thread_with_a_408(app):
    with served(app, read_timeout=0.5) as port, \
            socket.create_connection(("127.0.0.1", port)) as sock:
        head = (f"POST /upload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                "Content-Type: multipart/form-data; boundary=b\r\n"
                f"Content-Length: {19 * 1024 * 1024}\r\n\r\n").encode()
        part = (b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.zip"\r\n'
                b"Content-Type: application/zip\r\n\r\n")
        sent = head + part + b"P" * (363 - len(head) - len(part))
        assert len(sent) == 363
        sock.sendall(sent)  # and then nothing more
        sock.settimeout(10)  # today's server never answers: recv raises after 10 s
        start = time.monotonic()
        reply = read_all(sock)
        elapsed = time.monotonic() - start
    assert reply.startswith(b"HTTP/1.1 408"), reply[:200]
    assert "quá chậm".encode() in reply
    assert elapsed < 5
    deadline = time.monotonic() + 5
    while request_threads():  # the thread that served it ends
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert app.extensions["pipeline"].uploads.recent == {}


def test_a_connection_that_sends_nothing_is_closed(app):
    with served(app, read_timeout=0.3) as port, \
            socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(10)
        start = time.monotonic()
        assert read_all(sock) == b""
        assert time.monotonic() - start < 5


def test_a_normal_request_is_served_with_the_timeout_set(app):
    with served(app, read_timeout=0.5) as port:
        url = f"http://127.0.0.1:{port}/"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200


def test_serve_passes_its_hosts_and_read_timeout_on(sample_dir, tmp_path, monkeypatch):
    import werkzeug.serving

    made = {}
    real = werkzeug.serving.make_server

    def make_server(host, port, app, **kwargs):
        server = real(host, 0, app, **kwargs)
        made.update(handler=kwargs["request_handler"], hosts=app.config["ALLOWED_HOSTS"],
                    builds=app.extensions["pipeline"].slots.count)
        threading.Thread(target=server.shutdown).start()
        return server

    monkeypatch.setattr(werkzeug.serving, "make_server", make_server)
    result = CliRunner().invoke(main, ["serve", str(sample_dir), "--cache-dir",
                                       str(tmp_path / "cache"), "--read-timeout", "7",
                                       "--allow-host", "may-bien-tap", "--allow-host",
                                       "10.0.0.5", "--max-builds", "3"])
    assert result.exit_code == 0, result.output
    assert made["handler"].timeout == 7 and made["builds"] == 3
    assert {"may-bien-tap", "10.0.0.5", "127.0.0.1", "localhost", "::1"} <= made["hosts"]


def test_serve_help_names_the_new_options():
    output = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "--allow-host NAME" in output and "--read-timeout SECONDS" in output
    assert "--max-builds N" in output
    assert "docs/web.md" in output and "SIGTERM" in output


def _multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "----pipeline-serve-test"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="draft"\r\n\r\n1\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            ).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_the_server_removes_every_upload_and_the_folder(tmp_path, signum):
    temp = tmp_path / "tmp"
    temp.mkdir()
    source = tmp_path / "source"
    source.mkdir()
    log = tmp_path / "serve.log"
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(ROOT)}
    with log.open("w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "serve", str(source), "--port", "0",
             "--cache-dir", str(tmp_path / "cache")],
            stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while not (found := re.search(r"on http://127\.0\.0\.1:(\d+)/", log.read_text())):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        url = f"http://127.0.0.1:{found[1]}/upload"
        body, kind = _multipart("bai.yaml", starter_text().encode())
        request = urllib.request.Request(url, body, {"Content-Type": kind})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert "/uploads/" in response.url  # built; its page followed
        [folder] = temp.glob("pipeline-uploads-*")
        assert list(folder.rglob("*.pdf"))
        process.send_signal(signum)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "stopped" in log.read_text()
    assert list(temp.iterdir()) == []


def test_serving_on_all_addresses_without_allowed_names_says_what_is_answered(
        sample_dir, tmp_path, monkeypatch):
    import werkzeug.serving

    def make_server(host, port, app, **kwargs):
        server = werkzeug.serving.BaseWSGIServer("127.0.0.1", 0, app)
        threading.Thread(target=server.shutdown).start()
        return server

    monkeypatch.setattr(werkzeug.serving, "make_server", make_server)
    users = tmp_path / "users.txt"
    CliRunner().invoke(main, ["users", "add", "lan", "--file", str(users), "--password-stdin"],
                       input="mat-khau-dung-1\n")
    result = CliRunner().invoke(main, ["serve", str(sample_dir), "--host", "0.0.0.0",
                                       "--users", str(users),
                                       "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    assert "add --allow-host NAME" in result.output
