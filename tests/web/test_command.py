"""`pipeline serve`: options, defaults (127.0.0.1:8000), and a real server on loopback."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main


def test_serve_is_listed_and_has_help():
    runner = CliRunner()
    assert "serve" in runner.invoke(main, ["--help"]).output
    result = runner.invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "127.0.0.1" in result.output
    assert "--port" in result.output and "8000" in result.output


def test_serve_binds_loopback_by_default_and_serves_the_index(sample_dir, tmp_path,
                                                              monkeypatch):
    import werkzeug.serving

    made = {}
    real = werkzeug.serving.make_server

    def make_server(host, port, app, **kwargs):
        server = real(host, 0, app, **kwargs)
        made.update(host=host, port=port, server=server)

        def visit():
            url = f"http://127.0.0.1:{server.server_port}/"
            with urllib.request.urlopen(url, timeout=30) as response:
                made["status"] = response.status
                made["html"] = response.read().decode()
            server.shutdown()

        threading.Thread(target=visit).start()
        return server

    monkeypatch.setattr(werkzeug.serving, "make_server", make_server)
    result = CliRunner().invoke(main, ["serve", str(sample_dir), "--cache-dir",
                                       str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    assert made["host"] == "127.0.0.1" and made["port"] == 8000
    assert made["status"] == 200 and "Danh sách nguồn" in made["html"]
    assert "stopped" in result.output


def test_serve_refuses_a_missing_folder(tmp_path):
    result = CliRunner().invoke(main, ["serve", str(tmp_path / "nope")])
    assert result.exit_code == 2


def test_serve_on_a_busy_port_says_so(sample_dir, tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(sample_dir), "--port", str(port),
                                           "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 1
    assert f"Port {port} is in use" in result.output  # werkzeug's own message


def test_docs_web_md_gives_the_limits_the_code_has():
    from pipeline.web import limits, serving, uploads

    doc = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    assert f"keeps their **{uploads.KEEP}** newest" in doc
    assert f"at most **{uploads.MAX_UPLOADS}** uploads" in doc
    assert f"| {limits.MAX_UPLOAD_PIXELS // 1_000_000} megapixels" in doc
    assert f"| {limits.BUILDS} (`--max-builds`) | waits up to {limits.WAIT:.0f} s" in doc
    assert f"| {serving.READ_TIMEOUT:.0f} s (`--read-timeout`)" in doc
    assert f"| {uploads.MAX_UPLOAD // 2**20} MB | 413" in doc
    assert f"{uploads.MAX_ZIP_FILES} files, {5 * uploads.MAX_ZIP_FILES:,} entries" in doc
    assert f"{uploads.MAX_NAME:,} characters" in doc
    for option in ("--allow-host", "--read-timeout", "--max-builds", "--host", "--port"):
        assert f"`{option}" in doc
