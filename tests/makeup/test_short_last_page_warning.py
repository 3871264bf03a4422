"""A last page the make-up cannot bring to a third is reported, at the source's last block,
with what to add or cut (issue 10, item 4: the one thing left to the editor)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.layouts import load_layout
from tests.makeup.generated import CORPUS, ROOT, SAMPLE
from tests.makeup.test_last_page import last_page

ARTICLE = "03-dttc-the-vang-thuy-san-truong-dinh-hoe"  # text only; page 2 holds 14 lines


def test_a_last_page_left_short_is_reported_with_what_to_add_or_cut(tmp_path):
    if not (CORPUS / f"{ARTICLE}.txt").exists():
        pytest.skip("../shared/corpus is not beside the project")
    source = tmp_path / "a.yaml"
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(CORPUS / f"{ARTICLE}.txt"), "-o",
                                str(source)]).exit_code == 0
    result = runner.invoke(main, ["build", str(source), "-o", str(tmp_path / "out"),
                                  "--layout", "newsletter", "--format", "pdf"])
    assert result.exit_code == 0, result.output  # a warning, not an error: the PDF is made
    pdf = (tmp_path / "out" / "a" / "newsletter.pdf").read_bytes()
    layout = load_layout(ROOT / "templates" / "newsletter.yaml")
    pages, share = last_page(pdf, layout)
    last_block = max(i for i, line in enumerate(source.read_text("utf-8").splitlines(), 1)
                     if line.startswith("  - "))
    found = re.search(
        rf"a\.yaml:{last_block}:5: warning: newsletter\.pdf: its last page \(page {pages}\) "
        r"is only (\d+)% full, under the layout's 33% \(makeup: last_page_min\).*; add about "
        r"(\d+) lines of column \(a photo, or a `quote:` from the interview\), or cut about "
        rf"(\d+) lines so that it ends on page {pages - 1}\n", result.output)
    assert found, result.output
    said, more, less = map(int, found.groups())
    assert said == pytest.approx(share * 100, abs=2)
    assert less == pytest.approx(14, abs=2)  # 7 lines in each column of page 2
    assert more == pytest.approx(25, abs=3)  # a third of 2 x 59 lines, less those 14


def test_the_sample_builds_without_it(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path),
                                       "--format", "pdf"])
    assert result.exit_code == 0 and "last_page_min" not in result.output, result.output
