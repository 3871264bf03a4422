"""schema.json is generated from the contract, committed, and never stale."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline import contract
from pipeline.schema import schema_text

ROOT = Path(__file__).resolve().parents[2]


def test_committed_schema_is_current():
    committed = (ROOT / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "schema.json is stale: run `pipeline schema -o schema.json`"


def test_schema_covers_every_key_of_the_contract():
    schema = json.loads(schema_text())
    assert set(schema["properties"]) == {k.name for k in contract.TOP}
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"title", "publication", "date", "people", "body"}
    for kind, keys in contract.BLOCKS.items():
        block = schema["$defs"][f"{kind.capitalize()}Block"]
        assert set(block["properties"]) == {k.name for k in keys}
        assert kind in block["required"]


def test_sample_sources_point_editors_at_the_schema():
    from pipeline.collection import is_collection

    for source in (ROOT / "source").glob("*.yaml"):
        first = source.read_text(encoding="utf-8").splitlines()[0]
        schema = "collection.schema.json" if is_collection(source) else "schema.json"
        assert first == f"# yaml-language-server: $schema=../{schema}"
