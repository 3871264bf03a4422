"""Outputs are replaced atomically: a failure leaves the old file and no temporary file."""

from __future__ import annotations

import pytest

from pipeline import atomic


def test_write_replaces_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "a" / "out.pdf"
    atomic.write_bytes(target, b"one")
    atomic.write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["out.pdf"]


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.pdf"
    atomic.write_bytes(target, b"good")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic.write_bytes(target, b"half")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]
