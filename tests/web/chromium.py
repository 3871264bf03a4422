"""Headless Chromium for the end-to-end tests: Debian's browser driven by Playwright, the app
served on a loopback port, and the `browser` and `page` fixtures."""

from __future__ import annotations

import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI") == "true"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def skip_without_chromium() -> None:
    """Skip the calling module where Chromium or Playwright is missing (never in CI)."""
    if not IN_CI and (not Path(CHROMIUM).exists() or shutil.which("chromium") is None):
        pytest.skip("Debian's chromium is not installed (CI installs it and runs this test)",
                    allow_module_level=True)
    if not IN_CI:
        pytest.importorskip("playwright", reason="playwright is in the [test] extra")


@contextmanager
def serving(app):
    """The app on a free loopback port, its URL while inside; the app's state closed after."""
    from werkzeug.serving import make_server

    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join()
        httpd.server_close()
        app.extensions["pipeline"].close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()
