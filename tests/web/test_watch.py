"""`build --watch`: build once, then again each source whose YAML or images changed."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from pipeline.watch import Tracker, dependencies, watch_sources

SAMPLE = "bao-nghe-an"


def bump(path: Path, data: bytes | None = None) -> None:
    before = path.stat().st_mtime_ns
    if data is not None:
        path.write_bytes(data)
    os.utime(path, ns=(before + 2_000_000_000,) * 2)


def run(paths, script):
    """watch_sources with a fake sleep that plays ``script`` (one step per wait)."""
    stop = threading.Event()
    builds: list[list[str]] = []
    steps = iter(script)

    def run_once(changed):
        builds.append([p.name for p in changed])
        return True

    def sleep(_seconds):
        step = next(steps, None)
        if step is None:
            stop.set()
        else:
            step()

    watch_sources(paths, run_once, sleep=sleep, stop=stop)
    return builds


def test_builds_once_then_only_what_changed(sample_dir):
    other = sample_dir / "khac.yaml"
    other.write_bytes((sample_dir / f"{SAMPLE}.yaml").read_bytes())
    sample = sample_dir / f"{SAMPLE}.yaml"
    builds = run([sample, other], [lambda: None, lambda: bump(other, other.read_bytes() + b"\n")])
    assert builds == [[f"{SAMPLE}.yaml", "khac.yaml"], ["khac.yaml"]]


def test_an_image_change_rebuilds_its_source(sample_dir):
    sample = sample_dir / f"{SAMPLE}.yaml"
    image = sample_dir / "images" / "02-phong-van.jpg"
    builds = run([sample], [lambda: bump(image)])
    assert builds == [[f"{SAMPLE}.yaml"], [f"{SAMPLE}.yaml"]]


def test_nothing_changed_builds_nothing_more(sample_dir):
    builds = run([sample_dir / f"{SAMPLE}.yaml"], [lambda: None, lambda: None])
    assert builds == [[f"{SAMPLE}.yaml"]]


def test_ctrl_c_stops_quietly(sample_dir, capsys):
    def interrupt(_):
        raise KeyboardInterrupt

    watch_sources([sample_dir / f"{SAMPLE}.yaml"], lambda changed: True, sleep=interrupt)
    assert "stopped" in capsys.readouterr().err


def test_dependencies_are_the_source_and_its_images(sample_dir):
    deps = dependencies(sample_dir / f"{SAMPLE}.yaml")
    assert deps[0] == sample_dir / f"{SAMPLE}.yaml"
    assert (sample_dir / "images" / "01-btv-lam-viec.jpg").resolve() in deps
    broken = sample_dir / "hong.yaml"
    broken.write_text("title: [\n", encoding="utf-8")
    assert dependencies(broken) == [broken]


def test_tracker_sees_new_changed_and_deleted_files(tmp_path):
    a = tmp_path / "a.yaml"
    a.write_text("x")
    tracker = Tracker(deps=lambda p: [p])
    assert tracker.changed([a]) == [a]
    tracker.record(a)
    assert tracker.changed([a]) == []
    bump(a)
    assert tracker.changed([a]) == [a]
    tracker.record(a)
    a.unlink()
    assert tracker.changed([a]) == [a]


def test_cli_build_watch_uses_the_watcher(sample_dir, tmp_path, monkeypatch):
    from click.testing import CliRunner

    import pipeline.watch
    from pipeline.cli import main

    seen = {}

    def fake_watch(paths, run_once):
        seen["paths"] = [Path(p).name for p in paths]

    monkeypatch.setattr(pipeline.watch, "watch_sources", fake_watch)
    result = CliRunner().invoke(main, ["build", "--watch", "-o", str(tmp_path / "out"),
                                       str(sample_dir / f"{SAMPLE}.yaml")])
    assert result.exit_code == 0, result.output
    assert seen["paths"] == [f"{SAMPLE}.yaml"]
