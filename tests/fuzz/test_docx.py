"""Mutated DOCX files of the pipeline's own: `import` and `build --reference-docx` end with a
result or one located error."""

from __future__ import annotations

import io
import struct
import tempfile
import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.harness import ends_cleanly, fuzz

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels",
         "[Content_Types].xml", "docProps/custom.xml", "docProps/core.xml", "_rels/.rels")


def flip(data: bytes, changes) -> bytes:
    out = bytearray(data)
    for at, new in changes:
        at %= len(out)
        out[at:at + len(new)] = new
    return bytes(out)


def rezip(data: bytes, part: str, change) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w",
                                                                   zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == part:
                content = change(content)
                if content is None:
                    continue
            dst.writestr(info.filename, content)
    return buf.getvalue()


def lie(data: bytes, size: int) -> bytes:
    """Every local and central header declares ``size`` as the uncompressed size."""
    out = bytearray(data)
    for signature, at_size in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = out.find(signature)
        while at >= 0:
            struct.pack_into("<I", out, at + at_size, size)
            at = out.find(signature, at + 4)
    return bytes(out)


mutation = st.one_of(
    st.lists(st.tuples(st.integers(0, 10**7), st.binary(min_size=1, max_size=6)),
             min_size=1, max_size=8).map(lambda c: ("bytes", c)),
    st.integers(0, 10**7).map(lambda n: ("truncate", n)),
    st.tuples(st.sampled_from(PARTS), st.binary(max_size=300)).map(lambda c: ("part", c)),
    st.tuples(st.sampled_from(PARTS), st.lists(
        st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=4)), min_size=1,
        max_size=4)).map(lambda c: ("xml", c)),
    st.sampled_from(PARTS).map(lambda p: ("drop", p)),
    st.sampled_from([0, 1, 100, 2**31, 2**32 - 1]).map(lambda n: ("lie", n)),
)


def mutate(data: bytes, how) -> bytes:
    kind, arg = how
    if kind == "bytes":
        return flip(data, arg)
    if kind == "truncate":
        return data[: arg % len(data)]
    if kind == "part":
        return rezip(data, arg[0], lambda _: arg[1])
    if kind == "xml":
        return rezip(data, arg[0], lambda content: flip(content, arg[1]) if content else content)
    if kind == "drop":
        return rezip(data, arg, lambda _: None)
    return lie(data, arg)


@fuzz(share=2)
@given(mutation)
def test_import_ends_cleanly_on_mutated_docx(built, how):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bai.docx"
        path.write_bytes(mutate(built["handout.docx"].read_bytes(), how))
        ends_cleanly("import", path, "-o", Path(tmp) / "out" / "bai.yaml")


@fuzz(share=1)
@given(mutation)
def test_reference_docx_ends_cleanly_when_mutated(built, how):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ref.docx"
        path.write_bytes(mutate(built["handout.docx"].read_bytes(), how))
        ends_cleanly("build", ROOT / "source" / "bao-nghe-an.yaml", "-o", Path(tmp) / "out",
                     "--layout", "handout", "--format", "docx", "--reference-docx", path)
