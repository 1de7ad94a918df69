"""Tests for dossier.schema.json_schema: the checked-in JSON Schemas are what the models say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import REPO, run_cli

from dossier.schema import vocab
from dossier.schema.json_schema import record_schemas, schema_text

SCHEMAS = REPO / "schemas"


@pytest.mark.parametrize("sheet", ["incidents", "persons", "evidence", "proceedings"])
def test_checked_in_schemas_are_in_sync_with_the_models(sheet: str) -> None:
    checked_in = (SCHEMAS / f"{sheet}.schema.json").read_text(encoding="utf-8")
    assert checked_in == schema_text(record_schemas()[sheet]), (
        "schemas/ is out of date: run `dossier schema` and commit the result"
    )


def test_schema_command_writes_the_same_bytes(tmp_path: Path) -> None:
    result = run_cli(["schema", "--out", tmp_path / "out"])
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert written == [
        "correspondence.schema.json",
        "evidence.schema.json",
        "incidents.schema.json",
        "interviews.schema.json",
        "persons.schema.json",
        "proceedings.schema.json",
        "quotes.schema.json",
    ]
    for name in written:
        assert (tmp_path / "out" / name).read_bytes() == (SCHEMAS / name).read_bytes(), name
    assert result.output.splitlines() == [
        str(tmp_path / "out" / name)
        for name in (
            "incidents.schema.json",
            "persons.schema.json",
            "evidence.schema.json",
            "proceedings.schema.json",
            "interviews.schema.json",
            "quotes.schema.json",
            "correspondence.schema.json",
        )
    ]


def test_schemas_name_the_vocabulary_codes() -> None:
    incidents = json.loads((SCHEMAS / "incidents.schema.json").read_text(encoding="utf-8"))
    assert incidents["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert incidents["$id"].endswith("/incidents.schema.json")
    assert set(incidents["required"]) == {"id", "date", "commune"}
    properties = incidents["properties"]
    assert properties["acts"]["items"]["enum"] == vocab.ACT.codes
    assert properties["belongings"]["propertyNames"]["enum"] == vocab.BELONGING.codes
    assert properties["rio"]["items"]["pattern"] == "^[0-9]{7}$"
