"""Tests for dossier.schema.records: defaults, constraints and round trips of the typed records."""

from __future__ import annotations

import datetime as dt

import pydantic
import pytest

from dossier.schema.fields import INCIDENTS, PERSONS, SHEETS
from dossier.schema.records import (
    RECORD_TYPES,
    Evidence,
    Incident,
    Origin,
    Person,
    Proceeding,
    Record,
    check_record_type,
    column_field,
    value_type,
)


def test_minimal_records_take_documented_defaults() -> None:
    incident = Incident(id="CAL-1", date=dt.date(2015, 6, 30), commune="Calais")
    assert (incident.date_precision, incident.rio_visible, incident.confidentiality) == (
        "exact",
        "unknown",
        "confidential",
    )
    assert (incident.forces, incident.acts, incident.belongings) == ([], [], {})
    person = Person(id="P-1", pseudonym="Abel N.")
    assert (person.publication_consent, person.roles, person.minor) == ("none", [], None)
    exhibit = Evidence(id="E-1", kind="photo")
    assert (exhibit.confidentiality, exhibit.sha256, exhibit.sha256_computed) == (
        "confidential",
        None,
        False,
    )
    assert Proceeding(id="PR-1", incident_id="CAL-1", type="police_complaint").status is None


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Incident, {"id": "", "date": "2015-06-30", "commune": "Calais"}),
        (Incident, {"id": "A", "date": "2015-06-30", "commune": "Calais", "rio": ["123"]}),
        (Incident, {"id": "A", "date": "2015-06-30", "commune": "Calais", "latitude": 91}),
        (Incident, {"id": "A", "date": "2015-06-30", "commune": "Calais", "officers": -1}),
        (Incident, {"id": "A", "date": "2015-06-30", "commune": "Calais", "colour": "red"}),
        (Person, {"id": "P", "pseudonym": "A", "age": 121}),
        (Evidence, {"id": "E", "kind": "photo", "sha256": "ABC"}),
        (Proceeding, {"id": "PR", "type": "other"}),
    ],
)
def test_records_refuse_what_validation_would_have_reported(
    model: type[pydantic.BaseModel], data: dict[str, object]
) -> None:
    with pytest.raises(pydantic.ValidationError):
        model.model_validate(data)


def test_records_round_trip_through_json() -> None:
    incident = Incident(
        id="CAL-1",
        date=dt.date(2015, 6, 30),
        time=dt.time(22, 15),
        commune="Calais",
        rio=["1234567"],
        belongings={"tent": 3, "blanket": None},
        origin=Origin(file="a.xlsx", sheet="incidents", row=2),
    )
    assert Incident.model_validate_json(incident.model_dump_json()) == incident


def test_records_are_frozen() -> None:
    person = Person(id="P-1", pseudonym="Abel N.")
    with pytest.raises(pydantic.ValidationError):
        person.pseudonym = "Other"  # type: ignore[misc]


def test_record_types_cover_every_sheet() -> None:
    assert list(RECORD_TYPES) == [
        "incidents",
        "persons",
        "evidence",
        "proceedings",
        "interviews",
        "quotes",
        "correspondence",
    ]
    assert Person.model_fields["legal_name"].description == "CONFIDENTIAL: identity annex only."


def test_each_record_field_is_its_column() -> None:
    for sheet in SHEETS:
        model = RECORD_TYPES[sheet.key]
        for column in sheet.fields:
            assert model.model_fields[column.key].annotation == value_type(column)
    assert Person.model_fields["age"].metadata == column_field(PERSONS, "age").metadata
    assert Incident.model_fields["rio_visible"].default == INCIDENTS.field("rio_visible").blank


def test_a_record_class_that_says_other_than_its_sheet_is_refused() -> None:
    class Missing(Record):
        pseudonym: str = column_field(PERSONS, "pseudonym")

    class WrongType(Person):
        age: float | None = column_field(PERSONS, "age")  # type: ignore[assignment]

    class WrongColumn(Person):
        age: int | None = column_field(PERSONS, "interview_place")

    with pytest.raises(TypeError, match="differ from the persons columns"):
        check_record_type(Missing, PERSONS)
    with pytest.raises(TypeError, match=r"^WrongType\.age is float \| None"):
        check_record_type(WrongType, PERSONS)
    with pytest.raises(TypeError, match="not the persons column's field"):
        check_record_type(WrongColumn, PERSONS)
