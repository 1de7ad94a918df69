"""Tests for dossier.schema.fields: the sheets and columns described in DOMAIN.md."""

from __future__ import annotations

import pytest

from dossier.schema.fields import (
    EVIDENCE,
    INCIDENTS,
    PERSONS,
    PROCEEDINGS,
    SHEETS,
    Kind,
    SheetSpec,
    sheet_for_name,
)
from dossier.schema.header_keys import fold_key
from dossier.schema.records import RECORD_TYPES


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("incidents", "incidents"),
        ("Incidents", "incidents"),
        ("persons", "persons"),
        ("Personnes", "persons"),
        ("evidence", "evidence"),
        ("pièces", "evidence"),
        ("PIECES", "evidence"),
        ("exhibits", "evidence"),
        ("proceedings", "proceedings"),
        ("procédures", "proceedings"),
        ("Démarches", "proceedings"),
        ("notes", None),
        ("", None),
    ],
)
def test_sheet_for_name_in_english_and_french(name: str, key: str | None) -> None:
    sheet = sheet_for_name(name)
    assert (sheet.key if sheet else None) == key


@pytest.mark.parametrize("spec", SHEETS, ids=lambda s: s.key)
def test_every_spelling_of_a_header_names_one_column(spec: SheetSpec) -> None:
    owner: dict[str, str] = {}
    for column in spec.fields:
        for spelling in (column.key, column.en, column.fr, *column.aliases):
            key = fold_key(spelling)
            assert owner.setdefault(key, column.key) == column.key, (spelling, owner[key])
    index = spec.header_index()
    for column in spec.fields:
        assert index[fold_key(column.en)] is column
        assert index[fold_key(column.fr)] is column


@pytest.mark.parametrize("spec", SHEETS, ids=lambda s: s.key)
def test_columns_match_record_fields(spec: SheetSpec) -> None:
    model_fields = set(RECORD_TYPES[spec.key].model_fields) - {"origin", "sha256_computed"}
    assert {column.key for column in spec.fields} == model_fields
    for column in spec.fields:
        needs_vocabulary = column.kind in (Kind.TERM, Kind.TERM_LIST, Kind.COUNTS)
        assert (column.vocabulary is not None) == needs_vocabulary, column.key


def test_required_columns_are_those_domain_md_requires() -> None:
    def required(spec: SheetSpec) -> list[str]:
        return [column.key for column in spec.fields if column.required]

    assert required(INCIDENTS) == ["id", "date", "commune"]
    assert required(PERSONS) == ["id", "pseudonym"]
    assert required(EVIDENCE) == ["id", "kind"]
    assert required(PROCEEDINGS) == ["id", "incident_id", "type"]


def test_only_legal_name_and_contact_are_confidential() -> None:
    confidential = [(s.key, c.key) for s in SHEETS for c in s.fields if c.confidential]
    assert confidential == [("persons", "legal_name"), ("persons", "contact")]


def test_field_lookup_and_headers() -> None:
    column = INCIDENTS.field("forces")
    assert column.header("fr") == "forces de l'ordre"
    assert column.header("en") == "forces"
    assert INCIDENTS.name("fr") == "incidents"
    assert EVIDENCE.name("fr") == "pièces"
    with pytest.raises(KeyError):
        INCIDENTS.field("nope")
