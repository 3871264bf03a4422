"""Property: any source, generated or mutated, ends in success or clean user errors."""

from __future__ import annotations

import re

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from tests.spine.helpers import VALID

DIAGNOSTIC = re.compile(r"^\S.*:\d+:\d+: (error|warning): \S.*$")
NASTY = list(":-*&!|>'\"%@`#{}[],?\t\n \u00a0\u200b<>/\\") + ["😀", "\x00", "\x07", "Đ",
                                                            "e\u0301", "\ufeff", "  "]
text = st.lists(st.sampled_from(list("aăâđeêoôơuưy AĐƠ.,;:!?“”–-*_<>&#0123456789")
                               + ["\n", "\n\n", "**", "*", "<b>", "&amp;", "</para>"]),
               min_size=1, max_size=40).map("".join)


def quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@st.composite
def sources(draw) -> str:
    """A structurally valid source with arbitrary text in every field."""
    kinds = draw(st.lists(st.sampled_from(["q", "a", "p", "quote", "heading"]),
                          min_size=1, max_size=8))
    lines = ["format: 1", f"title: {quoted(draw(text))}", f"publication: {quoted(draw(text))}",
             "date: 2024-02-29", f"lead: {quoted(draw(text))}",
             "people:", f"  pv: {{label: {quoted(draw(text))}, role: interviewer}}",
             f"  k: {{label: {quoted(draw(text))}, role: interviewee}}", "body:"]
    lines += [f"  - {kind}: {quoted(draw(text))}" for kind in kinds]
    return "\n".join(lines) + "\n"


@st.composite
def mutated(draw) -> str:
    """The valid minimum with a few characters inserted, deleted or lines shuffled."""
    source = VALID
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(source)))
        action = draw(st.sampled_from(["insert", "delete", "swap", "indent"]))
        if action == "insert":
            source = source[:pos] + draw(st.sampled_from(NASTY)) + source[pos:]
        elif action == "delete":
            source = source[:pos] + source[pos + draw(st.integers(1, 5)):]
        else:
            lines = source.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if action == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = "  " + lines[i]
            source = "\n".join(lines)
    return source


def run_clean(tmp_path, source: str, *args: str) -> int:
    path = tmp_path / "s.yaml"
    path.write_bytes(source.encode("utf-8", "surrogatepass"))
    result = CliRunner().invoke(main, [*args, str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        source, result.exception)
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        errors = [line for line in result.stderr.splitlines() if line]
        assert errors and all(DIAGNOSTIC.match(line) for line in errors), result.stderr
    return result.exit_code


SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@settings(max_examples=150, **SETTINGS)
@given(mutated())
def test_mutated_sources_check_cleanly(tmp_path, source):
    run_clean(tmp_path, source, "check")


@settings(max_examples=100, **SETTINGS)
@given(sources())
def test_generated_sources_check_cleanly(tmp_path, source):
    run_clean(tmp_path, source, "check")


@settings(max_examples=25, **SETTINGS)
@given(st.one_of(sources(), mutated()))
def test_generated_and_mutated_sources_build_cleanly(tmp_path, source):
    run_clean(tmp_path, source, "build", "-q", "-o", str(tmp_path / "out"))
