"""The sample pack in source/: three interviews that pass `check` without --draft, and a
PDF/X build of it that passes preflight."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main
from pipeline.collection import load_collection

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "source" / "goi-dai-hoi.yaml"


def test_the_sample_pack_checks_without_draft_and_holds_the_sample_and_two_more():
    result = CliRunner().invoke(main, ["check", str(PACK)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    pack = load_collection(PACK)
    assert [doc.stem for doc in pack.items] == [
        "bao-nghe-an", "giu-chat-luong-con-tom", "cung-con-chon-nghe"]
    for doc in pack.items[1:]:  # written for the project, after a corpus article's shape
        head = doc.source_path.read_text(encoding="utf-8")[:800]
        assert "../shared/corpus/" in head and "invented" in head and "stand-in" in head


def test_the_sample_pack_built_for_the_print_shop_passes_preflight(tmp_path):
    result = CliRunner().invoke(main, ["build", str(PACK), "--pdfx", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "goi-dai-hoi"
    result = CliRunner().invoke(main, ["preflight", str(out / "pack.pdf"),
                                       str(out / "pack-booklet.pdf")])
    assert result.exit_code == 0, result.output
    assert result.output.count("standard: PDF/X-4") == 2
