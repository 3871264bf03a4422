"""Hostile photos: random bytes, truncated JPEG and PNG, every mode Pillow writes. `check`
and `build` end with a result or an error at the `figure:` line."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from tests.fuzz.harness import ends_cleanly, fuzz

ROOT = Path(__file__).resolve().parents[2]
PHOTO = ROOT / "source" / "images" / "02-phong-van.jpg"
SOURCE = """\
format: 1
title: Ảnh
publication: Báo
date: 2020-07-10
people:
  pv: {{label: P.V, role: interviewer}}
  dinh: {{label: Ông Đình, role: interviewee}}
body:
  - q: Hỏi?
  - a: Đáp.
  - figure: {name}
    caption: Chú thích.
"""


def png_of(mode: str, size: tuple[int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size).save(buf, "PNG")
    return buf.getvalue()


def small_png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (60, 40), "red").save(buf, "PNG")
    return buf.getvalue()


images = st.one_of(
    st.binary(max_size=2000).map(lambda b: ("x.jpg", b)),
    st.binary(max_size=200).map(lambda b: ("x.png", b"\x89PNG\r\n\x1a\n" + b)),
    st.binary(max_size=200).map(lambda b: ("x.jpg", b"\xff\xd8\xff" + b)),
    st.integers(0, 30_000).map(lambda n: ("x.jpg", PHOTO.read_bytes()[:n])),
    st.integers(0, 300).map(lambda n: ("x.png", small_png()[:n])),
    st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=8)).map(
        lambda c: ("x.jpg", _changed(PHOTO.read_bytes(), *c))),
    st.tuples(st.sampled_from(["1", "L", "LA", "P", "RGB", "RGBA", "I;16"]),
              st.tuples(st.integers(1, 300), st.integers(1, 300))).map(
        lambda m: ("x.png", png_of(*m))),
)


def _changed(data: bytes, at: int, new: bytes) -> bytes:
    at %= len(data)
    return data[:at] + new + data[at + len(new):]


def run(name: str, data: bytes, *command: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / name).write_bytes(data)
        (folder / "s.yaml").write_text(SOURCE.format(name=name), encoding="utf-8")
        args = [a if a != "OUT" else str(folder / "out") for a in command]
        ends_cleanly(*args[:1], folder / "s.yaml", *args[1:])


@fuzz(share=3)
@given(images)
def test_check_ends_cleanly_on_hostile_photos(image):
    run(*image, "check")


@fuzz(share=1)
@given(images)
def test_build_ends_cleanly_on_hostile_photos(image):
    run(*image, "build", "-o", "OUT", "--layout", "handout", "--format", "pdf")


@pytest.mark.parametrize("mode", ["F", "I", "I;16", "I;16B", "LA", "PA", "CMYK", "YCbCr", "HSV",
                                  "LAB", "RGBX", "La", "RGBa"])
def test_every_mode_pillow_opens_builds_or_is_refused(mode, tmp_path):
    """Modes saved as TIFF where PNG cannot hold them, renamed .png: Pillow opens them all."""
    buf = io.BytesIO()
    image = Image.new(mode, (40, 30))
    try:
        image.save(buf, "PNG")
    except (OSError, KeyError, ValueError):
        buf = io.BytesIO()
        try:
            image.save(buf, "TIFF")
        except (OSError, KeyError, ValueError):
            pytest.skip(f"Pillow writes mode {mode} in neither PNG nor TIFF")
    run("x.png", buf.getvalue(), "build", "-o", "OUT", "--layout", "handout", "--format", "pdf")
