"""Tests for dossier.schema.columns: what a column description derives, and header matching."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.schema import vocab
from dossier.schema.columns import (
    AGE_LIMIT,
    PLAUSIBLE_DATES,
    SPREADSHEET_EPOCH,
    Field,
    Kind,
    SpreadsheetRule,
    spreadsheet_serial,
)
from dossier.schema.fields import EVIDENCE, INCIDENTS, PERSONS, PROCEEDINGS, SHEETS
from dossier.schema.header_keys import fold_key


def test_spreadsheet_days_count_from_the_epoch() -> None:
    assert spreadsheet_serial(SPREADSHEET_EPOCH) == 0
    assert spreadsheet_serial(dt.date(2015, 6, 30)) == 42185  # what Excel shows for that date


@pytest.mark.parametrize(
    ("sheet", "key", "low", "high"),
    [
        ("persons", "age", 0, AGE_LIMIT),
        ("incidents", "officers", 0, None),
        ("incidents", "latitude", -90, 90),
        ("incidents", "longitude", -180, 180),
        ("incidents", "commune", None, None),
    ],
)
def test_bounds_come_from_the_kind_and_the_column(
    sheet: str, key: str, low: int | None, high: int | None
) -> None:
    column = {spec.key: spec for spec in SHEETS}[sheet].field(key)
    assert (column.low, column.high) == (low, high)


@pytest.mark.parametrize(
    ("column", "rule"),
    [
        (INCIDENTS.field("context"), SpreadsheetRule("list", refuse=True)),
        (INCIDENTS.field("minors_involved"), SpreadsheetRule("list", refuse=True)),
        (INCIDENTS.field("date"), SpreadsheetRule("date", *PLAUSIBLE_DATES)),
        (EVIDENCE.field("captured_at"), SpreadsheetRule("date", *PLAUSIBLE_DATES)),
        (INCIDENTS.field("time"), SpreadsheetRule("time", dt.time(0, 0), dt.time(23, 59, 59))),
        (PERSONS.field("age"), SpreadsheetRule("whole", 0, AGE_LIMIT, refuse=True)),
        (INCIDENTS.field("itt_days"), SpreadsheetRule("whole", 0, None, refuse=True)),
        (INCIDENTS.field("latitude"), SpreadsheetRule("decimal", -90, 90)),
        (INCIDENTS.field("acts"), SpreadsheetRule("")),
        (INCIDENTS.field("rio"), SpreadsheetRule("")),
        (INCIDENTS.field("commune"), None),
        (EVIDENCE.field("sha256"), None),
    ],
    ids=lambda value: value.key if isinstance(value, Field) else "",
)
def test_spreadsheet_rule_of_each_kind(column: Field, rule: SpreadsheetRule | None) -> None:
    assert column.spreadsheet_rule == rule


def test_every_column_explains_itself_in_both_languages() -> None:
    for spec in SHEETS:
        for column in spec.fields:
            assert column.help("fr") and column.help("en"), (spec.key, column.key)
            assert column.help("fr") != column.help("en"), (spec.key, column.key)


def test_a_blank_code_belongs_to_the_vocabulary() -> None:
    blanks = [(s.key, c.key, c.blank) for s in SHEETS for c in s.fields if c.blank is not None]
    assert blanks == [
        ("incidents", "date_precision", "exact"),
        ("incidents", "rio_visible", "unknown"),
        ("incidents", "confidentiality", "confidential"),
        ("persons", "publication_consent", "none"),
        ("evidence", "confidentiality", "confidential"),
        ("quotes", "confidentiality", "confidential"),
        ("correspondence", "confidentiality", "confidential"),
    ]
    for spec in SHEETS:
        for column in spec.fields:
            if column.blank is not None:
                assert column.vocabulary is not None
                assert column.blank in column.vocabulary.codes


def test_question_names_are_unique_in_the_form() -> None:
    # The persons and proceedings repeats live in the incident's form: names must not clash.
    questions = [c.question for s in (INCIDENTS, PERSONS, PROCEEDINGS) for c in s.fields]
    repeated = {name for name in questions if questions.count(name) > 1}
    # "incident_id" of a proceeding is filled from its submission, never asked.
    assert repeated == {"incident_id"}
    assert PROCEEDINGS.field("type").question == "proceeding_type"
    assert INCIDENTS.field("commune").question == "commune"


def test_choices_of_a_yes_no_column() -> None:
    assert INCIDENTS.field("medical_certificate").choices is vocab.YES_NO_UNKNOWN
    assert INCIDENTS.field("acts").choices is vocab.ACT
    assert INCIDENTS.field("commune").choices is None
    assert [c.key for c in INCIDENTS.fields if c.multi] == [
        "forces",
        "units",
        "rio",
        "acts",
        "weapons",
        "belongings",
        "victim_ids",
        "witness_ids",
        "evidence_ids",
        "done_by",
        "units_fr",
        "units_en",
        "weapons_fr",
        "weapons_en",
    ]


def test_headers_are_matched_by_any_spelling_first_one_winning() -> None:
    headers = ["Identifiant", "", "  ", "Date des faits?", "date", "DATE", "commune", "colour"]
    match = INCIDENTS.match_headers(headers, {fold_key("Date des faits?"): "date"})
    assert [column.key if column else None for column in match.named] == [
        "id",
        None,
        None,
        "date",
        "date",
        "date",
        "commune",
        None,
    ]
    assert match.first == {"id": 0, "date": 3, "commune": 6}
    assert match.unknown == {7}  # blank headers are not unknown ones


def test_a_rename_wins_over_a_spelling() -> None:
    renames = {fold_key("lieu"): "commune"}
    assert INCIDENTS.field_for_header("Lieu", renames) is INCIDENTS.field("commune")
    assert INCIDENTS.field_for_header("Lieu", {}) is INCIDENTS.field("place")
    assert INCIDENTS.field_for_header("", renames) is None
    with pytest.raises(KeyError):
        INCIDENTS.field_for_header("Lieu", {fold_key("lieu"): "nope"})


def test_a_field_without_kind_bounds() -> None:
    column = Field("x", "x", "x", Kind.TEXT)
    assert (column.low, column.high, column.spreadsheet_rule, column.question) == (
        None,
        None,
        None,
        "x",
    )
