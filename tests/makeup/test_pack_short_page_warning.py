"""A pack's interview whose last page the make-up cannot bring to a third is reported, at
the interview's source, with the pack's page, as a document's is (issue 10, item 4)."""

from __future__ import annotations

import io
import re
import shutil

import pdfplumber
import pytest
import yaml
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.layouts import load_layout
from tests.makeup.generated import ROOT, SAMPLE
from tests.makeup.printed_lines import fill

PACK = ROOT / "source" / "goi-dai-hoi.yaml"


def pack_of_seven_blocks(tmp_path):
    """A pack of one interview: the sample's first seven text blocks, which end with a
    few lines on the interview's fourth page (the pack's page 6)."""
    shutil.copytree(SAMPLE.parent / "images", tmp_path / "images")
    head, body = SAMPLE.read_text("utf-8").split("\nbody:\n", 1)
    blocks = [b for b in yaml.safe_load("body:\n" + body)["body"]
              if next(iter(b)) in ("q", "a", "p")][:7]
    (tmp_path / "item.yaml").write_text(
        head + "\n" + yaml.safe_dump({"body": blocks}, allow_unicode=True, width=1000),
        encoding="utf-8")
    (tmp_path / "pack.yaml").write_text(
        "format: 1\nkind: pack\ntitle: Tài liệu\npublication: Báo Nghệ An\n"
        "date: 2020-07-10\nitems:\n  - item.yaml\n", encoding="utf-8")
    return tmp_path / "pack.yaml"


def test_a_pack_interview_left_short_is_reported_at_its_source(tmp_path):
    pack = pack_of_seven_blocks(tmp_path)
    result = CliRunner().invoke(main, ["build", str(pack), "-o", str(tmp_path / "out"),
                                       "--format", "pdf"])
    assert result.exit_code == 0, result.output  # a warning: the pack is made
    last_block = max(i for i, line in enumerate(
        (tmp_path / "item.yaml").read_text("utf-8").splitlines(), 1) if line.startswith("- "))
    found = re.search(
        rf"item\.yaml:{last_block}:3: warning: pack\.pdf: this interview's last page \(page "
        r"(\d+)\) is only (\d+)% full, under the layout's 33% \(makeup: last_page_min\).*; "
        r"add about (\d+) lines of column .*, or cut about (\d+) lines so that it ends on "
        r"page (\d+)\n", result.output)
    assert found, result.output
    page, said, more, less, before = map(int, found.groups())
    assert before == page - 1
    pdf = (tmp_path / "out" / "pack" / "pack.pdf").read_bytes()
    layout = load_layout(ROOT / "templates" / "handout.yaml")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:  # pdfplumber's reading; nothing after it
        assert said == pytest.approx(fill(doc.pages[page - 1], layout) * 100, abs=2)
        assert all(len(p.chars) < 100 for p in doc.pages[page:])
        assert len(doc.pages[page - 1].chars) > 100


def test_the_sample_pack_builds_without_it(tmp_path):
    result = CliRunner().invoke(main, ["build", str(PACK), "-o", str(tmp_path),
                                       "--format", "pdf"])
    assert result.exit_code == 0 and "last_page_min" not in result.output, result.output
