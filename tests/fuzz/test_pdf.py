"""Mutated bytes of a PDF the pipeline built, through `pipeline preflight`: findings or a
clean error, never a traceback."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from tests.fuzz.harness import ends_cleanly, fuzz

NUMBER = re.compile(rb"(?<=[ \[/])-?\d+(\.\d+)?(?=[ \]])")

damage = st.one_of(
    st.lists(st.tuples(st.integers(0, 10**7), st.binary(min_size=1, max_size=6)),
             min_size=1, max_size=8).map(lambda c: ("bytes", c)),
    st.integers(0, 10**7).map(lambda n: ("truncate", n)),
)
wrong_type = st.tuples(st.integers(0, 10**4), st.sampled_from(
    [b"(x)", b"/Name", b"-1", b"1e99", b"nan", b"[]", b"<<>>", b"null", b"99999999999"])
).map(lambda c: ("number", c))


def mutate(data: bytes, how) -> bytes:
    kind, arg = how
    if kind == "bytes":
        out = bytearray(data)
        for at, new in arg:
            at %= len(out)
            out[at:at + len(new)] = new
        return bytes(out)
    if kind == "truncate":
        return data[: arg % len(data)]
    numbers = list(NUMBER.finditer(data[:200_000]))  # the uncompressed objects up front
    match = numbers[arg[0] % len(numbers)]
    return data[:match.start()] + arg[1] + data[match.end():]


def run(built, how) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "handout.pdf"
        path.write_bytes(mutate(built["handout.pdf"].read_bytes(), how))
        ends_cleanly("preflight", path)


@fuzz(share=2)
@given(damage)
@example(("bytes", [(133, b"\x00")]))  # found by the release profile
def test_preflight_ends_cleanly_on_damaged_bytes(built, how):
    run(built, how)


@fuzz(share=2)
@given(wrong_type)
@example(("number", (2, b"(x)")))  # AttributeError: 'int' object has no attribute 'is_indirect'
@example(("number", (73, b"(x)")))  # AttributeError: 'int' object has no attribute 'get'
@example(("number", (192, b"99999999999")))  # MemoryError: a page 3,500 km wide, drawn
@example(("bytes", [(190, b"\x80")]))  # UnicodeEncodeError: a lone surrogate printed
def test_preflight_ends_cleanly_on_values_of_the_wrong_type(built, how):
    run(built, how)
