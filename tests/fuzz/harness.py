"""The fuzz suite's settings and its one assertion: a command ends in time with a result or
a located error (exit 0 or 1), never with a traceback."""

from __future__ import annotations

import os
import re
import time

from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from pipeline.cli import main

# HYPOTHESIS_PROFILE=ci (the default: few examples, CI's whole suite in about a minute) or
# release (many examples, for the run before a release; see docs/fuzzing.md).
settings.register_profile("ci", max_examples=10, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.data_too_large])
settings.register_profile("release", max_examples=400, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.data_too_large])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in ("ci", "release"):
    raise RuntimeError(f"HYPOTHESIS_PROFILE={PROFILE!r}: use ci or release")
SECONDS = 10.0  # what any input within the documented limits may take (docs/limits.md)
LOCATED = re.compile(r"^\S.*?(:\d+:\d+)?: error: .+", re.MULTILINE)


def fuzz(share: float = 1.0):
    """The profile's settings, with ``share`` of its examples (slow targets take fewer)."""
    base = settings.get_profile(PROFILE)
    return settings(base, max_examples=max(2, round(base.max_examples * share)))


def ends_cleanly(*args, seconds: float = SECONDS):
    """Run the CLI; fail on a traceback, an unexpected exit status or a slow end."""
    start = time.perf_counter()
    result = CliRunner().invoke(main, [str(a) for a in args])
    elapsed = time.perf_counter() - start
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # the traceback is the finding
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    if result.exit_code == 1:
        assert LOCATED.search(result.output), result.output
    assert elapsed < seconds, f"{' '.join(map(str, args))} took {elapsed:.1f} s"
    return result
