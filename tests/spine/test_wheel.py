"""A wheel built from the repository carries everything it needs and builds from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    (found,) = out.glob("*.whl")
    return found


def test_wheel_contains_fonts_templates_and_profiles(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("pipeline/templates/newsletter.yaml", "pipeline/templates/handout.yaml",
                   "pipeline/fonts/NotoSerif-Regular.ttf", "pipeline/fonts/NotoSans-Bold.ttf",
                   "pipeline/fonts/LICENSE-fonts-noto-core.txt", "pipeline/fonts/coverage.txt",
                   "pipeline/color/FOGRA39L_coated.icc", "pipeline/color/LICENSE.md"):
        assert needed in names, needed
    assert not [n for n in names if n.startswith(("tests/", "source/", "output/"))]


def test_the_unpacked_wheel_builds_the_sample_from_another_folder(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "source", work / "source")
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run([sys.executable, "-c", "import pipeline; print(pipeline.__file__)"],
                           capture_output=True, text=True, env=env, cwd=work, check=True)
    assert where.stdout.startswith(str(site))
    result = subprocess.run([sys.executable, "-m", "pipeline", "build", "--format", "pdf",
                             "--layout", "newsletter"], capture_output=True, text=True,
                            env=env, cwd=work)
    assert result.returncode == 0, result.stderr
    assert (work / "output" / "bao-nghe-an" / "newsletter.pdf").stat().st_size > 10_000
