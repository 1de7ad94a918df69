"""JSON Schema of the record types, written to `schemas/` and kept in sync by a test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dossier.files import write_atomic
from dossier.schema.records import RECORD_TYPES


def record_schemas() -> dict[str, dict[str, Any]]:
    """Sheet key → JSON Schema of its record type."""
    schemas = {}
    for sheet, model in RECORD_TYPES.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://dossier.invalid/schemas/{sheet}.schema.json"
        schemas[sheet] = schema
    return schemas


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as written to disk: sorted keys, so that it is the same text every time."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write one ``<sheet>.schema.json`` per record type into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet, schema in record_schemas().items():
        path = folder / f"{sheet}.schema.json"
        write_atomic(path, schema_text(schema).encode("utf-8"))
        written.append(path)
    return written
