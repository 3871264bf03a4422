"""Measure the web budget (not a test): index with 100 sources; edit -> new newsletter PDF.

Run: python bench/web.py  (uses the real writers; takes a minute or two)."""

from __future__ import annotations

import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from pipeline.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "bao-nghe-an"


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def index_with_100(root: Path, copies: int = 100) -> None:
    src = root / "many"
    shutil.copytree(ROOT / "source", src)
    text = (src / f"{SAMPLE}.yaml").read_text(encoding="utf-8")
    for i in range(copies - 1):
        (src / f"bai-{i:03}.yaml").write_text(
            text.replace("title: Phát huy", f"title: Bài {i} — Phát huy"), encoding="utf-8")
    app = create_app(src, root / "cache", uploads_dir=root / "up1")
    started = time.perf_counter()
    app.extensions["pipeline"].catalog.refresh()
    print(f"first build of {copies} sources: {time.perf_counter() - started:.1f} s")
    client = app.test_client()
    times = []
    for _ in range(20):
        t = time.perf_counter()
        html = client.get("/").get_data(as_text=True)
        times.append(time.perf_counter() - t)
    assert html.count('<article class="source') == copies
    print(f"index, {copies} sources (test client): median {statistics.median(times)*1000:.1f}"
          f" ms, max {max(times)*1000:.1f} ms")
    app.extensions["pipeline"].close()
    restarted = create_app(src, root / "cache", uploads_dir=root / "up2")
    t = time.perf_counter()
    restarted.extensions["pipeline"].catalog.refresh()
    print(f"restart over a warm cache ({copies} sources, nothing rendered): "
          f"{time.perf_counter() - t:.2f} s")
    restarted.extensions["pipeline"].close()


def edit_to_pdf(root: Path, rounds: int = 7) -> None:
    """``pipeline serve`` in its own process (as a user runs it); this process edits the
    sample and polls the page (a browser would) until the new newsletter PDF downloads."""
    src = root / "one"
    shutil.copytree(ROOT / "source", src)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", str(src),
                               "--port", str(port), "--cache-dir", str(root / "cache1")],
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    link = re.compile(rf'href="(/files/{SAMPLE}/[0-9a-f]+/newsletter\.pdf)"')
    try:
        while True:
            try:
                if link.search(get(base + "/").decode()):
                    break
            except OSError:
                pass
            time.sleep(0.2)
        time.sleep(5)  # the other formats and thumbnails of the first build
        source = src / f"{SAMPLE}.yaml"
        text = source.read_text(encoding="utf-8")
        results = []
        for n in range(rounds):
            old = link.search(get(base + "/").decode()).group(1)
            t = time.perf_counter()
            source.write_text(text.replace("title: Phát huy", f"title: Lần {n} phát huy"),
                              encoding="utf-8")
            while True:
                found = link.search(get(base + "/").decode())
                if found and found.group(1) != old:
                    pdf = get(base + found.group(1))
                    break
                time.sleep(0.01)
            results.append(time.perf_counter() - t)
            assert pdf.startswith(b"%PDF")
            time.sleep(3)  # let the other formats finish before the next edit
    finally:
        server.terminate()
        server.wait()
    print("edit -> new newsletter PDF downloaded over HTTP: "
          + ", ".join(f"{r*1000:.0f}" for r in results)
          + f" ms (median {statistics.median(results)*1000:.0f} ms)")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        if "--edit-only" not in sys.argv:
            index_with_100(Path(tmp))
        edit_to_pdf(Path(tmp))
