"""The JSON Schema text of the source format, as committed in schema.json."""

from __future__ import annotations

import json

from pipeline.contract import json_schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
