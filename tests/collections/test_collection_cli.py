"""The command line with collections: build and check them, folders, new --pack, schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import collection_contract
from pipeline.cli import main
from pipeline.schema import collection_schema_text
from tests.collections.helpers import interviews, pack_text

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def project(tmp_path, monkeypatch):
    """source/ holding three interviews and a pack of them."""
    names = interviews(tmp_path / "source")
    (tmp_path / "source" / "goi.yaml").write_text(pack_text(names), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_building_a_pack_writes_the_pack_its_booklet_and_its_docx(project):
    result = run("build", "source/goi.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("wrote output/goi/pack.pdf\nwrote output/goi/pack-booklet.pdf\n"
                             "wrote output/goi/pack.docx\n")
    assert (project / "output" / "goi" / "pack.pdf").read_bytes().startswith(b"%PDF-1.6")


def test_an_item_with_errors_stops_the_whole_pack(project):
    (project / "source" / "hai.yaml").write_text(
        (project / "source" / "hai.yaml").read_text(encoding="utf-8").replace("body:", "bdy:"),
        encoding="utf-8")
    result = run("build", "source/goi.yaml")
    assert result.exit_code == 1
    assert "source/hai.yaml:1:1: error: missing required key `body`" in result.stderr
    assert "source/hai.yaml:12:1: error: unknown key `bdy`; did you mean `body`?" in result.stderr
    assert not (project / "output").exists()


def test_a_pack_built_with_a_newsletter_layout_is_a_clear_error(project):
    result = run("build", "source/goi.yaml", "--layout", "newsletter")
    assert result.exit_code == 1
    assert result.stderr == (
        "source/goi.yaml:1:7: error: a collection of `kind: pack` is built with the handout "
        "layout, not `newsletter` (a newsletter layout); build it with `--layout handout` or "
        "change `kind:`\n")
    assert not (project / "output").exists()


def test_a_folder_builds_every_source_alone_and_every_collection_as_a_whole(project):
    result = run("build", "source", "--format", "pdf", "--layout", "handout")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "output").iterdir()) == ["ba", "goi", "hai", "mot"]
    assert sorted(p.name for p in (project / "output" / "goi").iterdir()) == [
        "pack-booklet.pdf", "pack.pdf"]
    assert sorted(p.name for p in (project / "output" / "mot").iterdir()) == [
        "handout-booklet.pdf", "handout.pdf"]


def test_check_takes_collections_and_folders(project):
    result = run("check", "source")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("source/ba.yaml: ok\nsource/goi.yaml: ok\nsource/hai.yaml: ok\n"
                             "source/mot.yaml: ok\n")
    (project / "source" / "goi.yaml").write_text(pack_text(["mot.yaml", "mot.yaml"]),
                                                 encoding="utf-8")
    result = run("check", "source/goi.yaml")
    assert result.exit_code == 1
    assert "source/goi.yaml:9:5: error: the item `mot.yaml` is listed twice" in result.stderr
    assert list(project.iterdir()) == [project / "source"]


def test_an_empty_folder_is_a_usage_error(project):
    (project / "empty").mkdir()
    result = run("build", "empty")
    assert result.exit_code == 2
    assert "the folder empty holds no *.yaml source or collection" in result.output


def test_new_pack_lists_the_interviews_beside_it_and_checks(project):
    result = run("new", "--pack", "dai-hoi")
    assert result.exit_code == 0, result.output
    text = (project / "source" / "dai-hoi.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../collection.schema.json\n")
    assert "items:" in text and "  - ba.yaml\n  - hai.yaml\n  - mot.yaml\n" in text
    assert "goi.yaml" not in text  # a collection is not an item
    assert run("check", "source/dai-hoi.yaml").exit_code == 0


def test_new_pack_in_an_empty_folder_names_examples_to_replace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("new", "--pack", "goi").exit_code == 0
    text = (tmp_path / "goi.yaml").read_text(encoding="utf-8")
    assert "  - phong-van-1.yaml" in text
    result = run("check", "goi.yaml")
    assert result.exit_code == 1
    assert "goi.yaml:17:5: error: item `phong-van-1.yaml` not found" in result.stderr


def test_committed_collection_schema_is_current():
    committed = (ROOT / "collection.schema.json").read_text(encoding="utf-8")
    assert committed == collection_schema_text(), (
        "collection.schema.json is stale: run `pipeline schema --collection -o "
        "collection.schema.json`")
    assert run("schema", "--collection").stdout == committed


def test_collection_schema_covers_every_key_of_the_contract():
    schema = json.loads(collection_schema_text())
    assert set(schema["properties"]) == {k.name for k in collection_contract.TOP}
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"kind", "title", "publication", "date", "items"}
    assert schema["properties"]["kind"]["enum"] == ["pack", "issue"]


def test_a_folder_built_for_the_other_family_skips_its_collections_and_says_so(project):
    result = run("build", "source", "--layout", "newsletter", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert ("source/goi.yaml: skipped: a collection of `kind: pack` is built with the handout "
            "layout, and this build asked for newsletter only\n") in result.stdout
    assert sorted(p.name for p in (project / "output").iterdir()) == ["ba", "hai", "mot"]


def test_the_web_catalog_lists_a_pack_as_a_collection_not_a_broken_source(project):
    from pipeline.web.catalog import Catalog

    catalog = Catalog(project / "source", project / "cache")
    found = catalog.scan()
    assert [path.name for path in found] == ["ba.yaml", "goi.yaml", "hai.yaml", "mot.yaml"]
    assert [catalog.get(p.stem).kind for p in found] == [
        "source", "collection", "source", "source"]
    catalog.evaluate(project / "source" / "goi.yaml")
    pack = catalog.get("goi")
    assert (pack.kind, pack.state, pack.errors) == ("pack", "ok", ())


def test_watching_a_pack_follows_its_items_and_their_photos(project):
    from pipeline.watch import dependencies

    (project / "source" / "anh.jpg").write_bytes(b"")
    (project / "source" / "goi.yaml").write_text(
        pack_text(["mot.yaml", "ba.yaml", "khong-co.yaml"], **{"place: TP. Vinh":
                                                               "cover: anh.jpg"}),
        encoding="utf-8")
    source = project / "source"
    assert dependencies(source / "goi.yaml") == [
        source / "goi.yaml", source / "anh.jpg", source / "mot.yaml", source / "ba.yaml",
        source / "khong-co.yaml"]


def test_watching_a_pack_that_lists_itself_does_not_loop(project):
    from pipeline.watch import dependencies

    pack = project / "source" / "goi.yaml"
    pack.write_text(pack_text(["goi.yaml", "mot.yaml"]), encoding="utf-8")
    assert dependencies(pack) == [pack, project / "source" / "mot.yaml"]
