"""Session fixtures: each PDF the tests inspect is built once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pdf_testkit import HOSTILE, LONG_URL, SAMPLE, build, variant  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _image_cache(tmp_path_factory):
    import os

    old = os.environ.get("PIPELINE_CACHE_DIR")
    os.environ["PIPELINE_CACHE_DIR"] = str(tmp_path_factory.mktemp("cmyk-cache"))
    yield
    if old is None:
        os.environ.pop("PIPELINE_CACHE_DIR", None)
    else:
        os.environ["PIPELINE_CACHE_DIR"] = old








@pytest.fixture(scope="session")
def newsletter() -> bytes:
    return build(SAMPLE, "newsletter")


@pytest.fixture(scope="session")
def handout() -> bytes:
    return build(SAMPLE, "handout")


@pytest.fixture(scope="session")
def newsletter_marks() -> bytes:
    return build(SAMPLE, "newsletter", marks=True)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> bytes:
    body = f"""  - q: Câu hỏi?
  - a: |
      {HOSTILE}
  - quote: '{HOSTILE.replace("'", "''")}'
  - heading: '{HOSTILE.replace("'", "''")}'
  - q: '{LONG_URL}'
  - a: Xem {LONG_URL} nhé.
"""
    return build(variant(tmp_path_factory.mktemp("hostile"), body), "newsletter")


@pytest.fixture(scope="session")
def long_body(tmp_path_factory) -> bytes:
    return build(variant(tmp_path_factory.mktemp("long"), repeat=50), "newsletter")

