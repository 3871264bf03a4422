"""A DOCX is read by the bytes its parts really decompress to, never by the sizes its zip
headers declare: a lying header fails fast, with one clean error and little memory."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from pipeline.cli import main
from pipeline.errors import UserError
from pipeline.importer.docx import package as docx_package
from pipeline.importer.docx import import_docx
from pipeline.writers.docx.reference import load_reference

BIG = 48_000_000  # decompressed bytes of the bomb part (a few kB compressed)


def lie_about_size(data: bytes, part: str, size: int) -> bytes:
    """The zip ``data`` with ``part``'s uncompressed size declared as ``size`` in both its
    local header and its central directory entry (CRC and data left as they are)."""
    out, name = bytearray(data), part.encode()
    for signature, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30),
                                                     (b"PK\x01\x02", 24, 28, 46)):
        at = out.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", out, at + name_len_at)[0]
            if out[at + name_at:at + name_at + length] == name:
                struct.pack_into("<I", out, at + size_at, size)
                break
            at = out.find(signature, at + 4)
        else:
            raise AssertionError(f"{part} not found")
    return bytes(out)


def with_part(docx: Path, part: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != part:
                dst.writestr(info.filename, src.read(info))
        dst.writestr(part, data)
    return buf.getvalue()


def bomb(docx: Path, part: str) -> bytes:
    """``docx`` whose ``part`` decompresses to BIG bytes while its headers declare 1,000."""
    with zipfile.ZipFile(docx) as z:
        xml = z.read(part)
    inflated = xml.replace(b"?>", b"?>" + b"<!--" + b" " * BIG + b"-->", 1)
    return lie_about_size(with_part(docx, part, inflated), part, 1_000)


def size_of(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def peak_of(call) -> tuple[int, object]:
    tracemalloc.start()
    try:
        try:
            result = call()
        except UserError as exc:
            result = exc
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def test_an_understated_part_size_fails_fast_on_import(built, tmp_path):
    """The header said 1,000 bytes; the reader decompressed all 48 MB before "Bad CRC"."""
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb(built["sample-newsletter"][0], "word/document.xml"))
    peak, result = peak_of(lambda: import_docx(path, tmp_path / "out.yaml"))
    assert isinstance(result, UserError)
    assert "the DOCX is damaged: cannot read word/document.xml" in str(result)
    assert peak < 16_000_000, f"{peak / 1e6:.0f} MB at the peak"


def test_an_understated_part_size_fails_fast_as_a_reference_docx(built, tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb(built["sample-newsletter"][0], "word/styles.xml"))
    peak, result = peak_of(lambda: load_reference(path, "newsletter"))
    assert isinstance(result, UserError)
    assert "not a DOCX file: cannot read word/styles.xml" in str(result)
    assert peak < 16_000_000, f"{peak / 1e6:.0f} MB at the peak"


def test_parts_are_bounded_by_what_they_decompress_to(built, tmp_path, monkeypatch):
    """Not by what their headers declare: an overstated size is no reason to refuse a part,
    and a part or all parts together decompressing past the bounds are refused."""
    docx = built["sample-newsletter"][0]
    path = tmp_path / "a.docx"
    path.write_bytes(lie_about_size(docx.read_bytes(), "word/document.xml", 4_000_000_000))
    assert import_docx(path, tmp_path / "out.yaml").yaml_text
    with zipfile.ZipFile(docx) as z:
        size = z.getinfo("word/document.xml").file_size
    monkeypatch.setattr(docx_package, "MAX_PART", size - 1)
    with pytest.raises(UserError, match="the part word/document.xml decompresses to more than"):
        import_docx(docx, tmp_path / "out.yaml")
    monkeypatch.setattr(docx_package, "MAX_PART", size)
    monkeypatch.setattr(docx_package, "MAX_TOTAL", size + 10)
    with pytest.raises(UserError, match="or all parts together to more than"):
        import_docx(docx, tmp_path / "out.yaml")


def test_a_picture_with_too_many_pixels_is_not_written(built, tmp_path):
    """A 60 MB (here: 20000 x 20000 pixel) picture was written out unchecked."""
    docx = built["sample-newsletter"][0]
    with zipfile.ZipFile(docx) as z:
        first = sorted(n for n in z.namelist() if n.startswith("word/media/"))[0]
    buf = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buf, "PNG")  # a few kB: the pixels are all zero
    path = tmp_path / "big.docx"
    path.write_bytes(with_part(docx, first, buf.getvalue()))
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(tmp_path / "o" / "s.yaml")])
    assert result.exit_code == 0, result.output
    assert "paragraph 8: the picture has more pixels than a photo may have (80 million)" \
        in result.output
    written = sorted((tmp_path / "o" / "images").iterdir())
    assert all(size_of(p) != (20_000, 20_000) for p in written)
    assert len(written) == 7  # the sample's eight photos but that one


def test_a_damaged_png_is_not_written(built, tmp_path):
    docx = built["sample-newsletter"][0]
    with zipfile.ZipFile(docx) as z:
        first = sorted(n for n in z.namelist() if n.startswith("word/media/"))[0]
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(buf, "PNG")
    png = bytearray(buf.getvalue())
    png[-20] ^= 0xFF  # inside the IDAT chunk: its CRC no longer matches
    path = tmp_path / "bad.docx"
    path.write_bytes(with_part(docx, first, bytes(png)))
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(tmp_path / "o" / "s.yaml")])
    assert result.exit_code == 0, result.output
    assert "the picture is damaged" in result.output
    assert len(list((tmp_path / "o" / "images").iterdir())) == 7


def test_a_damaged_deflate_stream_is_one_clean_error_for_a_reference_docx(built, tmp_path):
    """zlib.error ("invalid block type") stopped `build --reference-docx` with a traceback."""
    data = bytearray(built["sample-newsletter"][0].read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/styles.xml")
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    data[info.header_offset + 30 + name_len + extra_len] = 0x07  # a reserved block type
    path = tmp_path / "ref.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(UserError, match="not a DOCX file: cannot read word/styles.xml"):
        load_reference(path, "newsletter")
