"""Careless and hostile input files (issue 11): special files and endless files are refused
at once, every image mode prints its pixels, odd figure names and deep nesting are located
errors, and a diagnostic is always one printable line."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from pipeline.build import Options, build_source, resolve_layouts
from pipeline.cli import main
from tests.spine.helpers import VALID, errors_of

ROOT = Path(__file__).resolve().parents[2]


def with_figure(name: str) -> str:
    return VALID + f"  - figure: {name}\n    caption: Ảnh\n"


def pipeline_command(*args, cwd: Path, timeout: float = 20) -> subprocess.CompletedProcess:
    """`pipeline ARGS` in a child process, with 1 GB of memory at most: a command that
    reads without end fails instead of taking the machine down."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, timeout=timeout,
                          capture_output=True, text=True, preexec_fn=limit,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


# -- 17. files that are not regular, or have no end ------------------------------------

def test_a_fifo_named_like_a_source_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    result = pipeline_command("check", "pipe.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("pipe.yaml:1:1: error: not a regular file (it is a named pipe); "
                             "name a file saved by an editor\n")


def test_a_link_to_dev_zero_is_refused_at_once(tmp_path):
    os.symlink("/dev/zero", tmp_path / "zero.yaml")
    started = time.monotonic()
    result = pipeline_command("check", "zero.yaml", "/dev/zero", cwd=tmp_path)
    assert time.monotonic() - started < 10
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "zero.yaml:1:1: error: not a regular file (it is a device); name a file saved by an "
        "editor",
        "/dev/zero:1:1: error: not a regular file (it is a device); name a file saved by an "
        "editor"]


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux /proc")
def test_the_size_limit_counts_bytes_read_not_the_reported_size(tmp_path, monkeypatch):
    import pipeline.source

    assert os.stat("/proc/self/status").st_size == 0  # yet it holds about 1 kB
    os.symlink("/proc/self/status", tmp_path / "status.yaml")
    monkeypatch.setattr(pipeline.source, "MAX_FILE_BYTES", 100)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(pipeline.source.UserError) as caught:
        pipeline.source.load_source(Path("status.yaml"))
    assert str(caught.value).startswith("status.yaml:1:1: error: the file is larger than "
                                        "0.0001 MB; a source holds one interview")


# -- 19. import has the source's limit -------------------------------------------------

def test_import_refuses_a_text_larger_than_a_source_at_once(tmp_path):
    article = tmp_path / "big.txt"
    line = "Hỏi: Một câu hỏi dài về công việc của phóng viên?\n\n"
    article.write_text(line * (5_000_001 // len(line.encode()) + 1), encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(main, ["import", str(article), "-o", str(tmp_path / "a.yaml")])
    assert time.monotonic() - started < 5
    assert result.exit_code == 1
    assert f"{article}:1:1: error: the file is larger than 5 MB; import one article at a time" \
        in result.stderr
    assert not (tmp_path / "a.yaml").exists()


def test_import_refuses_a_docx_larger_than_an_upload(tmp_path):
    docx = tmp_path / "big.docx"
    with docx.open("wb") as f:
        f.truncate(20_000_001)
    result = CliRunner().invoke(main, ["import", str(docx)])
    assert result.exit_code == 1
    assert f"{docx}:1:1: error: the file is larger than 20 MB" in result.stderr


# -- 5. every image mode prints its pixels -----------------------------------------------

def grey_images() -> dict[str, bytes]:
    """Mid-grey pictures (about 46 % ink) in each mode a JPEG or PNG opens in."""
    def png(im, **kw):
        out = io.BytesIO()
        im.save(out, "PNG", **kw)
        return out.getvalue()

    sixteen = Image.new("I;16", (64, 48), 30000)
    palette = Image.new("P", (64, 48), 1)
    palette.putpalette([255, 0, 0] + [118, 118, 118] * 255)
    cmyk = io.BytesIO()
    Image.new("CMYK", (64, 48), (0, 0, 0, 137)).save(cmyk, "JPEG")
    return {
        "I;16": png(sixteen),
        "I;16 transparent": png(sixteen, transparency=0),
        "L": png(Image.new("L", (64, 48), 118)),
        "LA": png(Image.new("LA", (64, 48), (118, 255))),
        "P transparent": png(palette, transparency=0),
        "RGBA": png(Image.new("RGBA", (64, 48), (118, 118, 118, 255))),
        "1": png(Image.new("1", (64, 48), 0).resize((64, 48))),
        "CMYK": cmyk.getvalue(),
    }


@pytest.mark.parametrize("mode, data", grey_images().items(), ids=grey_images().keys())
def test_every_image_mode_converts_to_its_printed_grey(mode, data):
    from pipeline.writers.pdf.images import _convert

    printed = Image.open(io.BytesIO(_convert(io.BytesIO(data), 64)))
    assert printed.mode == "CMYK"
    brightness = sum(printed.convert("L").get_flattened_data()) / (64 * 48)
    expected = 0 if mode == "1" else 118
    assert abs(brightness - expected) < 40, (mode, brightness)


def test_a_sixteen_bit_grey_png_is_printed_grey_not_white(tmp_path, monkeypatch):
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(tmp_path / "cache"))  # convert it here
    Image.new("I;16", (300, 200), 30000).save(tmp_path / "grey16.png")
    (tmp_path / "s.yaml").write_text(with_figure("grey16.png"), encoding="utf-8")
    options = Options(out_dir=tmp_path / "out", layouts=("newsletter",), formats=("pdf",))
    result = build_source(tmp_path / "s.yaml", options, resolve_layouts(("newsletter",)))
    assert result.ok, result.errors
    subprocess.run(["pdfimages", "-j", str(tmp_path / "out" / "s" / "newsletter.pdf"),
                    str(tmp_path / "img")], check=True)
    [embedded] = sorted(tmp_path.glob("img-*"))
    pixels = Image.open(embedded).convert("L")
    brightness = sum(pixels.get_flattened_data()) / (pixels.width * pixels.height)
    assert 80 < brightness < 160  # 30000 / 65535 of white; clipped, it was 255


def test_an_image_mode_that_cannot_be_printed_is_refused_at_the_figure(tmp_path, monkeypatch):
    import pipeline.images

    Image.new("I;16", (30, 20), 30000).save(tmp_path / "grey16.png")
    monkeypatch.setattr(pipeline.images, "MODES", pipeline.images.MODES - {"I;16"})
    assert errors_of(tmp_path, with_figure("grey16.png")) == [
        "s.yaml:15:13: error: `grey16.png`: the image's colour mode (I;16) cannot be printed; "
        "save it as an 8-bit RGB, CMYK or greyscale JPEG or PNG"]


# -- 20 and 22. figure names that are not image files ---------------------------------

def test_a_figure_that_is_a_folder_or_a_fifo_says_so(tmp_path):
    (tmp_path / "photos").mkdir()
    os.mkfifo(tmp_path / "pipe.jpg")
    assert errors_of(tmp_path, with_figure("photos")) == [
        "s.yaml:15:13: error: the image `photos` is a folder, not an image file; name a JPEG "
        "or PNG file"]
    assert errors_of(tmp_path, with_figure("pipe.jpg")) == [
        "s.yaml:15:13: error: the image `pipe.jpg` is a named pipe, not an image file; name a "
        "JPEG or PNG file"]


def test_a_figure_name_with_a_nul_character_is_located(tmp_path):
    errors = errors_of(tmp_path, with_figure('"a\\0b.jpg"'))
    assert "s.yaml:15:13: error: the image name `a\\x00b.jpg` contains a NUL character " \
           "(\\x00); delete it from the name" in errors


def test_a_figure_name_too_long_for_the_file_system_is_located(tmp_path):
    name = "ả" * 130 + ".jpg"  # 394 bytes in UTF-8; a file name holds 255
    assert errors_of(tmp_path, with_figure(name)) == [
        f"s.yaml:15:13: error: cannot use the image name `{name}`: File name too long; give "
        "the photo a shorter, plain file name"]


# -- 20. deep nesting ----------------------------------------------------------------

@pytest.mark.parametrize("depth", [100, 495, 999])
def test_deep_nesting_is_a_located_error(tmp_path, depth):
    errors = errors_of(tmp_path, "title: " + "[" * depth + "]" * depth + "\n")
    assert errors == ["s.yaml:1:72: error: lists and mappings are nested more than 64 deep "
                      "here; a source needs only a few levels (check the brackets [ ] and { } "
                      "and the indentation)"]


# -- 22. messages ------------------------------------------------------------------

def test_values_in_messages_are_printed_escaped_on_one_line(tmp_path, monkeypatch):
    source = VALID.replace("date: 2020-07-10", 'date: "2020\\n\\e[31mred\\e]0;title\\a"')
    source = source.replace("title:", '"ti\\u202Etle":')
    (tmp_path / "s.yaml").write_text(source, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "s.yaml"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert all(line.startswith("s.yaml:") for line in lines), lines
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\u202e" not in result.stderr
    assert ("s.yaml:4:7: error: `date: 2020\\n\\x1b[31mred\\x1b]0;title\\x07` is not a valid "
            "date; write it as YYYY-MM-DD, for example 2020-07-10") in lines
    assert any("unknown key `ti\\u202etle`" in line for line in lines), lines


def test_a_large_document_without_aliases_is_not_blamed_on_aliases(tmp_path):
    source = VALID + "  - a: Trả lời.\n" * 100_000
    errors = errors_of(tmp_path, source)
    assert len(errors) == 1
    assert "alias" not in errors[0] and "& and *" not in errors[0]
    assert errors[0].endswith("the document holds more than 200000 values; a source holds one "
                              "interview: split it into several sources")


def test_an_alias_bomb_is_still_blamed_on_aliases(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefg", "bcdefgh"))
    [error] = errors_of(tmp_path, bomb)
    assert "YAML aliases repeating each other" in error
