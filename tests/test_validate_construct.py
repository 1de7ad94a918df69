"""Records the validator builds without pydantic's model_construct are the same records."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, Field

from dossier.schema.records import RECORD_TYPES, Origin
from dossier.validate.construct import trusted_constructor
from dossier.validate.identities import contact_in
from dossier.validate.rows import load_and_validate

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data" / "csv"


def _state(record: BaseModel) -> tuple[Any, ...]:
    return (
        list(record.__dict__.items()),
        record.model_fields_set,
        record.__pydantic_extra__,
        record.__pydantic_private__,
    )


def test_every_sample_record_equals_the_one_model_construct_makes() -> None:
    dataset, report = load_and_validate(SAMPLES)
    assert report.counts["incidents"].accepted > 10
    compared = 0
    for key, model in RECORD_TYPES.items():
        construct = trusted_constructor(model)
        for record in getattr(dataset, key, None) or []:
            values = dict(record.__dict__)
            fields_set = set(record.model_fields_set)
            made = construct(fields_set, values)
            reference = model.model_construct(fields_set, **values)
            assert type(made) is model
            assert _state(made) == _state(reference)
            assert made == reference
            assert made.model_dump() == reference.model_dump()
            compared += 1
    assert compared > 50
    origin = trusted_constructor(Origin)(
        {"file", "sheet", "row"}, {"file": "a.csv", "sheet": "incidents", "row": 3}
    )
    assert _state(origin) == _state(
        Origin.model_construct(None, file="a.csv", sheet="incidents", row=3)
    )


def test_fields_in_declared_order_and_unknown_keys_left_out() -> None:
    made = trusted_constructor(Origin)({"row"}, {"row": 2, "sheet": "s", "file": "f", "x": 1})
    assert list(made.__dict__) == list(Origin.model_fields)
    assert made.model_fields_set == {"row"}


class _Aliased(BaseModel):
    name: str = Field(alias="Name")


def test_a_model_with_aliases_goes_through_model_construct() -> None:
    made = trusted_constructor(_Aliased)({"name"}, {"Name": "n"})
    assert made.name == "n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vers 6 h 45, 12 personnes, 3 tentes, le 12/05/2015.", False),  # 14 digits, no phone
        ("Vers 14h, récit n° 123456.", False),
        ("+44 (20) (7946) 0123", True),
        ("+33 (0) 6 12 34 56 78", True),
        ("0033.6.12.34.56.78", True),
        ("RIO 1234567 et 7654321", False),
        ("appelez le 06 12 34 56 78", True),
        ("+33 6 12 34 56 78", True),
        ("écrire à quelqu.un@example.org", True),
        ("un @ seul, 1234567", False),
        ("0612345678", True),
        ("", False),
    ],
)
def test_contact_in_with_and_without_eight_digits(text: str, expected: bool) -> None:
    assert contact_in(text) is expected


def test_contact_in_finds_what_the_phone_and_email_patterns_alone_find() -> None:
    """The eight-digit shortcut never hides a number the full patterns would find."""
    from dossier.validate.identities import _DIGITS, _EMAIL, _PHONE

    def unfiltered(text: str) -> bool:
        if _EMAIL.search(text):
            return True
        return any(len(_DIGITS.findall(m.group(0))) >= 8 for m in _PHONE.finditer(text))

    rng = random.Random(5)
    alphabet = "0123456789" * 3 + " .-()+@ab"
    found = 0
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(6, 30)))
        expected = unfiltered(text)
        found += expected
        assert contact_in(text) is expected, text
    assert found > 500


def test_the_validators_records_are_those_model_construct_makes_of_their_values() -> None:
    dataset, _report = load_and_validate(SAMPLES)
    compared = 0
    for key, model in RECORD_TYPES.items():
        for record in getattr(dataset, key, None) or []:
            assert list(record.__dict__) == [n for n in model.model_fields if n in record.__dict__]
            reference = model.model_construct(record.model_fields_set, **record.__dict__)
            assert _state(record) == _state(reference)
            compared += 1
    assert compared > 50
