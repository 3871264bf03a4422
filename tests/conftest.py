"""Shared fixtures: the repository root, the sample source, and a tidy working folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the sample source with its images, to mutate freely."""
    shutil.copytree(ROOT / "source" / "images", tmp_path / "images")
    target = tmp_path / "interview.yaml"
    shutil.copyfile(SAMPLE, target)
    return target
