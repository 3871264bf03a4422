"""`pipeline preflight` on huge or hostile PDFs ends in bounded time and memory: 20,000 blank
pages, 2 million `cm` operators in 58 kB, and near-linear growth with the page count."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pikepdf


def _blank(path: Path, pages: int) -> Path:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    pdf.save(path)
    return path


def _preflight(path: Path, tmp: Path) -> tuple[float, float, str, str]:
    """(seconds, peak MB, stdout, stderr) of one whole `pipeline preflight` process."""
    out, err = tmp / "out.txt", tmp / "err.txt"
    start = time.perf_counter()
    with open(out, "w") as stdout, open(err, "w") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "preflight", "-q",
                                 str(path)], stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, for rusage
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, out.read_text(), err.read_text()


def test_twenty_thousand_blank_pages_take_seconds_and_grow_linearly(tmp_path):
    small, _, _, _ = _preflight(_blank(tmp_path / "5k.pdf", 5_000), tmp_path)
    large, peak, out, err = _preflight(_blank(tmp_path / "20k.pdf", 20_000), tmp_path)
    assert "Traceback" not in err
    assert "page 20000: error: no TrimBox" in out
    assert large < 10 and peak < 500
    assert large / small < 8  # 4x the pages: linear is 4, quadratic 16


def test_two_million_operators_in_58_kb_are_not_walked_into_gigabytes(tmp_path):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[0].obj.Contents = pdf.make_stream(b"1 0 0 1 0 0 cm\n" * 2_000_000)
    path = tmp_path / "cm.pdf"
    pdf.save(path, compress_streams=True)
    assert path.stat().st_size < 100_000
    elapsed, peak, out, err = _preflight(path, tmp_path)
    assert "Traceback" not in err
    assert "content stream of more than 2 MB is not checked" in out
    assert elapsed < 10 and peak < 500
