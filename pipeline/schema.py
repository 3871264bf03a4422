"""The JSON Schema text of the source format, as committed in schema.json."""

from __future__ import annotations

import json

from pipeline.contract import json_schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def collection_schema_text() -> str:
    """The JSON Schema of collection files, as committed in collection.schema.json."""
    from pipeline.collection_contract import json_schema as collection_schema

    return json.dumps(collection_schema(), indent=2, ensure_ascii=False) + "\n"
