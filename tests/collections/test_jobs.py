"""`pipeline build -j N`: worker processes, output identical to a serial build, messages in
the order of the arguments, Ctrl+C leaving no partial file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main
from tests.collections.helpers import interviews, pack_text

ROOT = Path(__file__).resolve().parents[2]


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_workers_write_what_a_serial_build_writes_and_report_in_argument_order(
        tmp_path, monkeypatch):
    names = interviews(tmp_path, ("mot", "hai", "ba", "bon"))
    (tmp_path / "hai.yaml").write_text("title: [\n", encoding="utf-8")  # broken
    (tmp_path / "bon.yaml").write_text((tmp_path / "bon.yaml").read_text(encoding="utf-8")
                                       .replace("title:", "titel:"), encoding="utf-8")
    (tmp_path / "goi.yaml").write_text(pack_text(["mot.yaml", "ba.yaml"]), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["build", "--layout", "handout", "--format", "pdf", "bon.yaml", "hai.yaml",
            "goi.yaml", "mot.yaml"]
    serial = CliRunner().invoke(main, [*args, "-j", "1", "-o", "serial"])
    parallel = CliRunner().invoke(main, [*args, "-j", "3", "-o", "parallel"])
    assert serial.exit_code == parallel.exit_code == 1
    assert parallel.stdout == serial.stdout.replace("serial/", "parallel/")
    assert parallel.stderr == serial.stderr
    assert [line.split("/")[1] for line in parallel.stdout.splitlines()] == [
        "goi", "goi", "mot", "mot"]
    assert [line.split(":")[0] for line in parallel.stderr.splitlines()] == [
        "bon.yaml", "bon.yaml", "hai.yaml"]
    assert tree(tmp_path / "parallel") == tree(tmp_path / "serial")
    assert names  # the sources were there


def test_ctrl_c_stops_the_workers_and_leaves_no_partial_file(tmp_path):
    sample = (ROOT / "source" / "bao-nghe-an.yaml").read_text(encoding="utf-8")
    shutil.copytree(ROOT / "source" / "images", tmp_path / "images")
    for n in range(8):
        (tmp_path / f"s{n}.yaml").write_text(sample, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "build", "-j", "2", "-o", "out",
                             *[f"s{n}.yaml" for n in range(8)]], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = tmp_path / "out"
    deadline = time.monotonic() + 60
    while not any(out.rglob("*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr
    assert "Traceback" not in stderr
    leftovers = [p for p in out.rglob("*") if p.is_file() and not p.name.endswith(
        (".pdf", ".docx"))]
    assert leftovers == []
    for pdf in out.rglob("*.pdf"):
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF"), pdf
