"""Tests for dossier.validate.rows: typed records, and every problem the validator reports."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import pickle
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, INCIDENT, INCIDENT_FR_HEADERS, TODAY, flat, incident, write_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.i18n.messages import MESSAGES
from dossier.input.problems import Severity
from dossier.input.workbook import RawSheet, Workbook
from dossier.schema.fields import INCIDENTS
from dossier.schema.records import Incident
from dossier.validate.cells import CellError, parse_date, parse_time
from dossier.validate.rows import Dataset, load_and_validate, validate_workbook
from dossier.validate.validation_report import ValidationReport

PHOTO = b"fictional photo bytes\n"
PHOTO_SHA = hashlib.sha256(PHOTO).hexdigest()

PERSON = {
    "id": "P-001",
    "pseudonym": "Abel N.",
    "roles": "victime",
    "age": "24",
    "minor": "non",
    "gender": "homme",
    "nationality": "érythréenne",
    "article 8 status": "a consenti",
    "publication consent": "anonymisé",
    "interview date": "2015-06-30",
}
EXHIBIT = {
    "id": "E-001",
    "incident ids": "CAL-2015-0001",
    "kind": "photo",
    "file": "photos/tente.jpg",
    "URL": "",
    "SHA-256": PHOTO_SHA,
    "captured at": "2015-06-30 23:10",
    "captured by": "A. B.",
    "confidentiality": "restricted",
}
PROCEEDING = {
    "id": "PR-001",
    "incident id": "CAL-2015-0001",
    "type": "plainte",
    "date": "2015-07-02",
    "status": "en cours",
}

Rows = Sequence[Mapping[str, str]]


def validate_folder(
    folder: Path,
    incidents: Rows = (INCIDENT,),
    persons: Rows = (),
    evidence: Rows = (),
    proceedings: Rows = (),
) -> tuple[Dataset, ValidationReport]:
    """Write the sheets as CSV files in ``folder`` (with one evidence file) and validate them."""
    for name, rows in (
        ("incidents.csv", incidents),
        ("persons.csv", persons),
        ("evidence.csv", evidence),
        ("proceedings.csv", proceedings),
    ):
        if rows:
            write_csv(folder / name, rows)
    photo = folder / "evidence" / "photos" / "tente.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(PHOTO)
    return load_and_validate(folder, today=TODAY)


def changed(base: Mapping[str, str], **changes: str) -> dict[str, str]:
    row = dict(base)
    for key, value in changes.items():
        header = {"sha256": "SHA-256", "url": "URL"}.get(key, key.replace("_", " "))
        assert header in row, header
        row[header] = value
    return row


def spaced(text: str) -> str:
    """Messages with French no-break spaces made plain, to compare against literals."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


# -- the happy path: a full incident becomes this record -------------------------------------


def test_a_full_incident_becomes_a_typed_record(tmp_path: Path) -> None:
    dataset, report = validate_folder(tmp_path)
    assert flat(report) == []
    assert report.ok
    (record,) = dataset.incidents
    assert record.model_dump(exclude={"origin"}) == {
        "id": "CAL-2015-0001",
        "date": dt.date(2015, 6, 30),
        "time": dt.time(22, 15),
        "date_precision": "exact",
        "commune": "Calais",
        "place": "rue des Garennes, near the bridge",
        "location_type": "camp",
        "latitude": 50.9513,
        "longitude": 1.8587,
        "context": "eviction",
        "forces": ["crs", "national_police"],
        "units": ["CRS 8", "BAC"],
        "officers": 12,
        "rio": ["1234567", "7654321"],
        "rio_visible": "no",
        "acts": ["tear_gas", "belongings_destroyed"],
        "weapons": ["gazeuse", "matraque"],
        "victims_count": 3,
        "minors_involved": True,
        "injuries": "eye irritation",
        "medical_certificate": True,
        "itt_days": 2,
        "belongings": {"tent": 3, "sleeping_bag": 2},
        "summary_fr": "Les CRS ont gazé le campement à l'aube.",
        "summary_en": "CRS officers gassed the camp at dawn.",
        "victim_ids": [],
        "witness_ids": [],
        "evidence_ids": [],
        "knowledge": None,
        "echr_art3": None,
        "ddd_reference": None,
        "done_by": [],
        "violation_status": "confirmed",
        "confidentiality": "public",
        "recorded_by": "A. B.",
        "recorded_on": dt.date(2015, 7, 1),
        # The columns per language, not in the workbook: blank.
        **{f"{key}_{lang}": None for key in ("place", "injuries") for lang in ("fr", "en")},
        **{f"{key}_{lang}": [] for key in ("units", "weapons") for lang in ("fr", "en")},
    }
    assert record.origin is not None
    assert record.origin.model_dump() == {"file": "incidents.csv", "sheet": "incidents", "row": 2}


def test_french_headers_and_french_labels_give_the_same_record(tmp_path: Path) -> None:
    english, _ = validate_folder(tmp_path / "en")
    french_row = {INCIDENT_FR_HEADERS[header]: value for header, value in INCIDENT.items()}
    french_row.update(
        {
            "Date": "30/06/2015",
            "Heure": "22h15",
            "Type de lieu": "campement",
            "Latitude": "50,9513",
            "Longitude": "1,8587",
            "Contexte": "expulsion de campement",
            "RIO visible": "non",
            "Actes": "gaz lacrymogène ; biens détruits",
            "Mineurs concernés": "oui",
            "Certificat médical": "oui",
            "Statut de la violation": "confirmée",
            "Saisi le": "01/07/2015",
        }
    )
    french, report = validate_folder(tmp_path / "fr", incidents=[french_row])
    assert flat(report) == []
    assert french.incidents[0].model_dump(exclude={"origin"}) == english.incidents[0].model_dump(
        exclude={"origin"}
    )


def test_the_checked_in_folders_validate_cleanly() -> None:
    for folder, sheets in (("csv_fr", (3, 3, 3, 2)), ("csv_en", (2, 2, 1, 1))):
        dataset, report = load_and_validate(FIXTURES / folder, today=TODAY)
        assert flat(report) == [], folder
        counts = [(c.read, c.accepted, c.rejected) for c in report.counts.values()]
        assert counts == [(n, n, 0) for n in sheets], folder
    dataset, _ = load_and_validate(FIXTURES / "csv_fr", today=TODAY)
    multi_line = dataset.incidents[2].summary_fr
    assert multi_line == "Les gendarmes ont évacué le camp.\nLes tentes ont été emportées."
    assert dataset.incidents[1].date_precision == "month"  # "2015-07"
    assert dataset.incidents[2].belongings == {"tent": 12, "blanket": None}
    evidence = dataset.evidence_by_id()
    assert (evidence["E-001"].sha256_computed, evidence["E-002"].sha256_computed) == (False, True)
    assert evidence["E-002"].sha256 == (
        "14b3141d771fd163f16b5984de20d85221c0069da13441c9206425e590350765"
    )
    assert evidence["E-001"].captured_at == dt.datetime(2015, 6, 30, 23, 10)
    persons = dataset.persons_by_id()
    assert persons["P-002"].roles == ["witness", "observer"]
    assert persons["P-002"].art8_status == "informed_no_objection"
    assert persons["P-003"].minor is True


@pytest.mark.parametrize(
    "header",
    [
        "Forces de l'ordre",
        "FORCES DE L’ORDRE",
        "forces_de_l_ordre",
        " Forces ",
        "forces-de-l-ordre",
    ],
)
def test_headers_match_ignoring_case_accents_spaces_and_punctuation(
    tmp_path: Path, header: str
) -> None:
    row = {(header if key == "forces" else key): value for key, value in INCIDENT.items()}
    dataset, report = validate_folder(tmp_path, incidents=[row])
    assert flat(report) == []
    assert dataset.incidents[0].forces == ["crs", "national_police"]


# -- dates, times, booleans: what each cell accepts -------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("2015-06-30", dt.date(2015, 6, 30), None),
        ("30/06/2015", dt.date(2015, 6, 30), None),
        ("1/7/2015", dt.date(2015, 7, 1), None),
        ("30.06.2015", dt.date(2015, 6, 30), None),
        ("30-06-2015", dt.date(2015, 6, 30), None),
        ("2015-06-30T22:15:00", dt.date(2015, 6, 30), None),
        ("30/06/2015 22:15", dt.date(2015, 6, 30), None),
        ("2015-06", dt.date(2015, 6, 1), "month"),
        ("06/2015", dt.date(2015, 6, 1), "month"),
        ("2015", dt.date(2015, 1, 1), "year"),
        (dt.datetime(2015, 6, 30, 22, 15), dt.date(2015, 6, 30), None),
        (42185, dt.date(2015, 6, 30), None),  # a spreadsheet serial number
    ],
)
def test_parse_date_accepts(text: Any, day: dt.date, precision: str | None) -> None:
    assert parse_date(text) == (day, precision)


@pytest.mark.parametrize(
    "text", ["31/02/2015", "29/02/2015", "2015-13-01", "00/01/2015", "hier", "15/6/15", 1.5]
)
def test_parse_date_refuses(text: Any) -> None:
    with pytest.raises(CellError) as caught:
        parse_date(text)
    assert caught.value.code == "invalid_date"


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("22:15", dt.time(22, 15)),
        ("22h15", dt.time(22, 15)),
        ("22 h 15", dt.time(22, 15)),
        ("22h", dt.time(22, 0)),
        ("9:05", dt.time(9, 5)),
        ("22:15:30", dt.time(22, 15, 30)),
        (0.5, dt.time(12, 0)),
        (dt.time(6, 30, 12, 500), dt.time(6, 30, 12)),
        (dt.timedelta(hours=6, minutes=30), dt.time(6, 30)),
    ],
)
def test_parse_time_accepts(text: Any, moment: dt.time) -> None:
    assert parse_time(text) == moment


def test_booleans_accept_french_and_english_and_unknown(tmp_path: Path) -> None:
    rows = [
        incident(id=f"CAL-{n}", minors_involved=given)
        for n, given in enumerate(["oui", "Non", "yes", "NO", "x", "1", "0", "vrai", "inconnu"])
    ]
    dataset, report = validate_folder(tmp_path, incidents=rows)
    assert flat(report) == []
    assert [record.minors_involved for record in dataset.incidents] == [
        True,
        False,
        True,
        False,
        True,
        True,
        False,
        True,
        None,
    ]


def test_lists_split_on_semicolons_and_repeated_terms_count_once(tmp_path: Path) -> None:
    row = incident(
        acts="gaz lacrymogène; tear gas ;; TEAR_GAS; coups",
        belongings_affected="tente:2; tents:1; couverture",
        units=" CRS 8 ;; BAC ",
    )
    dataset, report = validate_folder(tmp_path, incidents=[row])
    assert flat(report) == []
    record = dataset.incidents[0]
    assert record.acts == ["tear_gas", "physical_violence"]
    assert record.belongings == {"tent": 3, "blanket": None}
    assert record.units == ["CRS 8", "BAC"]


# -- every kind of cell problem, with its position --------------------------------------------

# (changes to the full incident, expected problems as (sheet, row, column, code))
INCIDENT_CASES: list[tuple[dict[str, str], list[tuple[str, int, str, str]]]] = [
    ({"date": "31/02/2015"}, [("incidents", 2, "B", "invalid_date")]),
    ({"date": "2015-13-01"}, [("incidents", 2, "B", "invalid_date")]),
    ({"date": "hier"}, [("incidents", 2, "B", "invalid_date")]),
    ({"date": "2999-06-30"}, [("incidents", 2, "B", "future_date")]),
    ({"recorded_on": "01/01/2999"}, [("incidents", 2, "AF", "future_date")]),
    ({"time": "25:00"}, [("incidents", 2, "C", "invalid_time")]),
    ({"time": "midi"}, [("incidents", 2, "C", "invalid_time")]),
    ({"date_precision": "environ"}, []),
    ({"date_precision": "à peu près"}, [("incidents", 2, "D", "unknown_term")]),
    ({"number_of_officers": "douze"}, [("incidents", 2, "M", "invalid_int")]),
    ({"number_of_officers": "-3"}, [("incidents", 2, "M", "invalid_int")]),
    ({"number_of_officers": "2.5"}, [("incidents", 2, "M", "invalid_int")]),
    ({"ITT_days": "12 jours"}, [("incidents", 2, "V", "invalid_int")]),
    ({"latitude": "91"}, [("incidents", 2, "H", "invalid_coordinate")]),
    ({"latitude": "nord"}, [("incidents", 2, "H", "invalid_coordinate")]),
    ({"longitude": "-181"}, [("incidents", 2, "I", "invalid_coordinate")]),
    ({"minors_involved": "peut-être"}, [("incidents", 2, "S", "invalid_bool")]),
    ({"medical_certificate": "2"}, [("incidents", 2, "U", "invalid_bool")]),
    ({"acts": "gazage"}, [("incidents", 2, "P", "unknown_term_suggest")]),
    ({"acts": "tear gas; xyzzy; coups"}, [("incidents", 2, "P", "unknown_term")]),
    ({"context": "xyzzy"}, [("incidents", 2, "J", "unknown_term")]),
    ({"forces": "CRS; gendarmes"}, [("incidents", 2, "K", "unknown_term_suggest")]),
    ({"belongings_affected": "tente:trois"}, [("incidents", 2, "W", "invalid_count")]),
    ({"belongings_affected": "tente:-1"}, [("incidents", 2, "W", "invalid_count")]),
    ({"belongings_affected": "tente:2; bidule:1"}, [("incidents", 2, "W", "unknown_term")]),
    ({"RIO_numbers": "12345"}, [("incidents", 2, "N", "invalid_rio")]),
    ({"RIO_numbers": "1234567; 12345678"}, [("incidents", 2, "N", "invalid_rio")]),
    ({"RIO_numbers": "123 4567"}, []),
    ({"summary_in_French": "avant\x00après"}, [("incidents", 2, "X", "invalid_text")]),
    ({"injuries": "coupure\x07"}, [("incidents", 2, "T", "invalid_text")]),
    ({"id": "CAL 2015 01"}, [("incidents", 2, "A", "invalid_id")]),
    ({"id": "CAL-1\x07"}, [("incidents", 2, "A", "invalid_text")]),
    ({"latitude": "   "}, []),
    ({"victim_ids": "P 1"}, [("incidents", 2, "Z", "invalid_id")]),
    ({"id": ""}, [("incidents", 2, "A", "required_value")]),
    ({"commune": "  "}, [("incidents", 2, "E", "required_value")]),
    (
        {"summary_in_French": "", "summary_in_English": ""},
        [("incidents", 2, "X", "missing_summary")],
    ),
    ({"summary_in_French": ""}, []),
    ({"confidentiality": ""}, [("incidents", 2, "AD", "default_confidentiality")]),
    ({"confidentiality": "secret"}, [("incidents", 2, "AD", "unknown_term")]),
    ({"victim_ids": "P-404"}, [("incidents", 2, "Z", "unknown_reference")]),
    ({"witness_ids": "P-404"}, [("incidents", 2, "AA", "unknown_reference")]),
    ({"evidence_ids": "E-001; E-404"}, [("incidents", 2, "AB", "unknown_reference")]),
]


@pytest.mark.parametrize(
    ("changes", "expected"), INCIDENT_CASES, ids=[str(c) for c, _ in INCIDENT_CASES]
)
def test_incident_cell_problems(
    tmp_path: Path, changes: dict[str, str], expected: list[tuple[str, int, str, str]]
) -> None:
    evidence = [EXHIBIT] if "evidence_ids" in changes else []
    _, report = validate_folder(tmp_path, incidents=[incident(**changes)], evidence=evidence)
    assert flat(report) == expected
    counts = report.counts["incidents"]
    errors = [p for p in report.problems if p.severity is Severity.ERROR]
    assert (counts.read, counts.accepted, counts.rejected) == (
        1,
        0 if errors else 1,
        1 if errors else 0,
    )


PERSON_CASES: list[tuple[dict[str, str], list[tuple[str, int, str, str]]]] = [
    ({"age": "16"}, [("persons", 2, "E", "minor_age_mismatch")]),
    ({"age": "17", "minor": ""}, []),
    ({"age": "150"}, [("persons", 2, "D", "invalid_range")]),
    ({"age": "vingt"}, [("persons", 2, "D", "invalid_int")]),
    ({"pseudonym": ""}, [("persons", 2, "B", "required_value")]),
    ({"gender": "robot"}, [("persons", 2, "F", "unknown_term")]),
    ({"roles": "victime; témoinss"}, [("persons", 2, "C", "unknown_term_suggest")]),
    ({"roles": "victimes; témoins"}, []),
    ({"interview_date": "30/02/2015"}, [("persons", 2, "J", "invalid_date")]),
    ({"article_8_status": "ok"}, [("persons", 2, "H", "unknown_term")]),
    ({"article_8_status": "pas informée"}, [("persons", 2, "H", "unknown_term_candidates")]),
]

EVIDENCE_CASES: list[tuple[dict[str, str], list[tuple[str, int, str, str]]]] = [
    ({"sha256": "abc"}, [("evidence", 2, "F", "invalid_sha256")]),
    ({"sha256": PHOTO_SHA.upper()}, []),
    ({"sha256": "0" * 64}, [("evidence", 2, "F", "sha256_mismatch")]),
    ({"url": "www.example.org"}, [("evidence", 2, "E", "invalid_url")]),
    ({"url": "javascript:alert(1)"}, [("evidence", 2, "E", "invalid_url")]),
    ({"url": "https://example.org/a b"}, [("evidence", 2, "E", "invalid_url")]),
    ({"captured_at": "32/01/2015 10:00"}, [("evidence", 2, "G", "invalid_datetime")]),
    ({"captured_at": "2015-01-01 25:00"}, [("evidence", 2, "G", "invalid_datetime")]),
    ({"file": "../outside.jpg"}, [("evidence", 2, "D", "evidence_path_escapes")]),
    ({"file": "photos/../../outside.jpg"}, [("evidence", 2, "D", "evidence_path_escapes")]),
    ({"file": "/etc/passwd"}, [("evidence", 2, "D", "evidence_path_escapes")]),
    ({"file": "C:\\Users\\a\\tente.jpg"}, [("evidence", 2, "D", "evidence_path_escapes")]),
    ({"file": "..\\outside.jpg"}, [("evidence", 2, "D", "evidence_path_escapes")]),
    ({"file": "photos\\tente.jpg"}, []),  # typed on Windows
    ({"file": "absent.jpg"}, [("evidence", 2, "D", "evidence_file_missing")]),
    ({"file": "photos"}, [("evidence", 2, "D", "evidence_file_missing")]),  # a folder
    ({"file": "", "url": ""}, [("evidence", 2, "D", "evidence_without_source")]),
    ({"file": "", "url": "https://example.org/x"}, []),
    ({"kind": ""}, [("evidence", 2, "C", "required_value")]),
    ({"incident_ids": "CAL-2015-0404"}, [("evidence", 2, "B", "unknown_reference")]),
    ({"confidentiality": ""}, [("evidence", 2, "I", "default_confidentiality")]),
]

PROCEEDING_CASES: list[tuple[dict[str, str], list[tuple[str, int, str, str]]]] = [
    ({"incident_id": "CAL-2015-0404"}, [("proceedings", 2, "B", "unknown_reference")]),
    ({"incident_id": ""}, [("proceedings", 2, "B", "required_value")]),
    ({"type": "pétition"}, [("proceedings", 2, "C", "unknown_term")]),
    ({"status": "en courss"}, [("proceedings", 2, "E", "unknown_term_suggest")]),
    ({"date": "02/07/2999"}, [("proceedings", 2, "D", "future_date")]),
]


@pytest.mark.parametrize(
    ("changes", "expected"), PERSON_CASES, ids=[str(c) for c, _ in PERSON_CASES]
)
def test_person_cell_problems(
    tmp_path: Path, changes: dict[str, str], expected: list[tuple[str, int, str, str]]
) -> None:
    _, report = validate_folder(tmp_path, persons=[changed(PERSON, **changes)])
    assert flat(report) == expected


@pytest.mark.parametrize(
    ("changes", "expected"), EVIDENCE_CASES, ids=[str(c) for c, _ in EVIDENCE_CASES]
)
def test_evidence_cell_problems(
    tmp_path: Path, changes: dict[str, str], expected: list[tuple[str, int, str, str]]
) -> None:
    (tmp_path / "outside.jpg").write_bytes(PHOTO)
    _, report = validate_folder(tmp_path, evidence=[changed(EXHIBIT, **changes)])
    assert flat(report) == expected


@pytest.mark.parametrize(
    ("changes", "expected"), PROCEEDING_CASES, ids=[str(c) for c, _ in PROCEEDING_CASES]
)
def test_proceeding_cell_problems(
    tmp_path: Path, changes: dict[str, str], expected: list[tuple[str, int, str, str]]
) -> None:
    _, report = validate_folder(tmp_path, proceedings=[changed(PROCEEDING, **changes)])
    assert flat(report) == expected


def test_every_problem_of_a_row_is_reported_not_just_the_first(tmp_path: Path) -> None:
    row = incident(
        date="31/02/2015", time="25:00", acts="gazage", RIO_numbers="123", confidentiality=""
    )
    _, report = validate_folder(tmp_path, incidents=[row, incident(id="CAL-2", latitude="99")])
    assert flat(report) == [
        ("incidents", 2, "B", "invalid_date"),
        ("incidents", 2, "C", "invalid_time"),
        ("incidents", 2, "N", "invalid_rio"),
        ("incidents", 2, "P", "unknown_term_suggest"),
        ("incidents", 2, "AD", "default_confidentiality"),
        ("incidents", 3, "H", "invalid_coordinate"),
    ]


def test_problem_values_and_headers_point_at_the_cell(tmp_path: Path) -> None:
    _, report = validate_folder(tmp_path, incidents=[incident(acts="coups; gazage")])
    (problem,) = report.problems
    assert (problem.file, problem.sheet, problem.row, problem.column, problem.header) == (
        "incidents.csv",
        "incidents",
        2,
        "P",
        "acts",
    )
    assert problem.value == "gazage"
    assert spaced(problem.message("fr")) == (
        "« gazage » : vouliez-vous dire « gaz lacrymogène » ? (actes)"
    )
    assert problem.message("en") == "“gazage”: did you mean “tear gas or pepper spray”? (acts)"


def test_unknown_term_lists_the_accepted_values_in_the_readers_language(tmp_path: Path) -> None:
    _, report = validate_folder(tmp_path, incidents=[incident(confidentiality="secret")])
    (problem,) = report.problems
    assert spaced(problem.message("fr")) == (
        "« secret » : valeur inconnue pour « confidentialité » ; valeurs acceptées : "
        "public, restreint, confidentiel."
    )
    assert problem.message("en") == (
        "“secret”: unknown value for “confidentiality”; accepted values: "
        "public, restricted, confidential."
    )


def test_control_characters_are_shown_not_printed(tmp_path: Path) -> None:
    _, report = validate_folder(tmp_path, incidents=[incident(injuries="a\x1b[31mb")])
    (problem,) = report.problems
    assert problem.value == "a\N{REPLACEMENT CHARACTER}[31mb"


# -- cross-sheet checks ---------------------------------------------------------------------------


def test_duplicate_ids_are_reported_on_the_later_rows(tmp_path: Path) -> None:
    rows = [INCIDENT, incident(commune="Coquelles"), incident(id="CAL-2"), INCIDENT]
    dataset, report = validate_folder(tmp_path, incidents=rows)
    assert flat(report) == [
        ("incidents", 3, "A", "duplicate_id"),
        ("incidents", 5, "A", "duplicate_id"),
    ]
    assert spaced(report.problems[0].message("fr")) == (
        "identifiant « CAL-2015-0001 » déjà utilisé à la ligne 2."
    )
    assert [record.id for record in dataset.incidents] == ["CAL-2015-0001", "CAL-2"]


def test_references_across_sheets(tmp_path: Path) -> None:
    incidents = [incident(victim_ids="P-001; P-002", witness_ids="P-001", evidence_ids="E-001")]
    dataset, report = validate_folder(
        tmp_path,
        incidents=incidents,
        persons=[PERSON],
        evidence=[EXHIBIT],
        proceedings=[PROCEEDING, changed(PROCEEDING, id="PR-002", incident_id="CAL-9")],
    )
    assert flat(report) == [
        ("incidents", 2, "Z", "unknown_reference"),
        ("proceedings", 3, "B", "unknown_reference"),
    ]
    assert [p.value for p in report.sorted_problems()] == ["P-002", "CAL-9"]
    assert (
        report.sorted_problems()[0].message("en") == "“P-002”: no such id in the “persons” sheet."
    )
    assert len(dataset.proceedings) == 1


def test_a_symlink_leaving_the_evidence_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(PHOTO)
    (tmp_path / "evidence").mkdir()
    os.symlink(secret, tmp_path / "evidence" / "link.jpg")
    os.symlink(tmp_path, tmp_path / "evidence" / "up")
    rows = [changed(EXHIBIT, file="link.jpg"), changed(EXHIBIT, id="E-2", file="up/secret.jpg")]
    _, report = validate_folder(tmp_path, evidence=rows)
    assert flat(report) == [
        ("evidence", 2, "D", "evidence_path_escapes"),
        ("evidence", 3, "D", "evidence_path_escapes"),
    ]


def test_a_symlink_inside_the_evidence_folder_is_followed(tmp_path: Path) -> None:
    (tmp_path / "evidence" / "photos").mkdir(parents=True)
    os.symlink("photos/tente.jpg", tmp_path / "evidence" / "copie.jpg")
    _, report = validate_folder(tmp_path, evidence=[changed(EXHIBIT, file="copie.jpg")])
    assert flat(report) == []


def test_sha256_is_computed_when_blank_and_checked_when_given(tmp_path: Path) -> None:
    rows = [
        changed(EXHIBIT, sha256=""),
        changed(EXHIBIT, id="E-002", sha256="ab" * 32),
        changed(EXHIBIT, id="E-003", file="", sha256="cd" * 32, url="https://example.org/x"),
    ]
    dataset, report = validate_folder(tmp_path, evidence=rows)
    assert flat(report) == [("evidence", 3, "F", "sha256_mismatch")]
    mismatch = report.problems[0]
    assert mismatch.value == "ab" * 32
    assert mismatch.message("en") == (
        f"fingerprint does not match the file photos/tente.jpg (computed fingerprint: {PHOTO_SHA})."
    )
    computed, online = dataset.evidence
    assert (computed.sha256, computed.sha256_computed) == (PHOTO_SHA, True)
    assert (online.sha256, online.sha256_computed) == ("cd" * 32, False)


def test_evidence_folder_can_be_given(tmp_path: Path) -> None:
    write_csv(tmp_path / "in" / "incidents.csv", [INCIDENT])
    write_csv(tmp_path / "in" / "evidence.csv", [changed(EXHIBIT, file="tente.jpg")])
    elsewhere = tmp_path / "pieces"
    elsewhere.mkdir()
    (elsewhere / "tente.jpg").write_bytes(PHOTO)
    dataset, report = load_and_validate(tmp_path / "in", evidence_dir=elsewhere, today=TODAY)
    assert flat(report) == []
    assert dataset.evidence_dir == elsewhere


# -- sheets and columns -----------------------------------------------------------------------


def test_unknown_column_is_a_warning(tmp_path: Path) -> None:
    row = {**INCIDENT, "Remarques internes": "à revoir"}
    dataset, report = validate_folder(tmp_path, incidents=[row])
    assert flat(report) == [("incidents", 1, "AG", "unknown_column_data")]
    assert report.problems[0].header == "Remarques internes"
    assert report.ok and len(dataset.incidents) == 1


def test_missing_required_column_rejects_the_sheet(tmp_path: Path) -> None:
    rows = [{k: v for k, v in row.items() if k != "commune"} for row in (INCIDENT, INCIDENT)]
    dataset, report = validate_folder(tmp_path, incidents=rows)
    assert flat(report) == [("incidents", 1, None, "missing_column")]
    assert report.problems[0].message("en") == (
        "required column “commune / commune” is missing: all 2 rows of the sheet are rejected."
    )
    assert dataset.incidents == []
    counts = report.counts["incidents"]
    assert (counts.read, counts.accepted, counts.rejected) == (2, 0, 2)


def test_second_column_with_the_same_meaning_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text("id,date,Date,commune,summary\nA-1,2015-06-30,hier,Calais,x\n")
    dataset, report = load_and_validate(path, today=TODAY)
    assert flat(report) == [
        ("incidents", 1, "C", "duplicate_column"),
        ("incidents", 2, None, "default_confidentiality"),
    ]
    assert dataset.incidents[0].date == dt.date(2015, 6, 30)


def test_a_sheet_with_only_required_columns_is_enough(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text("id,date,commune,résumé,confidentialité\nA-1,2015-06,Calais,x,public\n")
    dataset, report = load_and_validate(path, today=TODAY)
    assert flat(report) == []
    assert dataset.incidents[0].date_precision == "month"
    assert dataset.incidents[0].rio_visible == "unknown"


# -- reconciliation: every row is accepted or rejected --------------------------------------------


def workbook_of(rows: list[list[str]]) -> Workbook:
    headers = ["id", "date", "commune", "summary", "confidentiality"]
    sheet = RawSheet(
        INCIDENTS, "x.csv", "incidents", 1, headers, [(n + 2, list(r)) for n, r in enumerate(rows)]
    )
    return Workbook(Path("x.csv"), {"incidents": sheet})


GOOD = ["CAL-1", "2015-06-30", "Calais", "Gaz.", "public"]
BAD_CELLS = {1: "31/02/2015", 2: "", 3: "", 4: "secret"}


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(sorted(BAD_CELLS))), max_size=20))
def test_rows_read_equal_accepted_plus_rejected(plan: list[tuple[bool, int]]) -> None:
    rows = []
    for number, (good, bad_column) in enumerate(plan):
        row = list(GOOD)
        row[0] = f"CAL-{number}"
        if not good:
            row[bad_column] = BAD_CELLS[bad_column]
        rows.append(row)
    dataset, report = validate_workbook(workbook_of(rows), today=TODAY)
    counts = report.counts["incidents"]
    assert counts.read == len(plan) == counts.accepted + counts.rejected
    assert counts.accepted == sum(good for good, _ in plan) == len(dataset.incidents)
    assert {p.row for p in report.errors} == {n + 2 for n, (good, _) in enumerate(plan) if not good}


def test_records_are_frozen_typed_models(tmp_path: Path) -> None:
    dataset, _ = validate_folder(tmp_path)
    assert isinstance(dataset.incidents[0], Incident)
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen error type is internal
        dataset.incidents[0].commune = "Paris"  # type: ignore[misc]


# -- every validation code has a test above ----------------------------------------------------

LOAD_CODES = {
    "input_missing",
    "unsupported_type",
    "no_incidents",
    "duplicate_sheet",
    "empty_file",
    "binary_file",
    "bad_encoding",
    "bad_csv",
    "unreadable",
    "corrupt_workbook",
    "mapping_unreadable",
    "mapping_invalid",
    "mapping_unknown_sheet",
    "mapping_unknown_field",
    "mapping_values_field",
    "mapping_unknown_code",
    "mapping_one_code",
}
# Tested in test_load.py: a sheet the loader did not recognise, and an empty one.
TESTED_ELSEWHERE = {"unknown_sheet", "empty_sheet"}
# Raised by the completeness check, the Kobo profile and the spreadsheet template: their own
# test modules exercise them.
TESTED_ELSEWHERE |= {
    code for code in MESSAGES if code.startswith(("completeness_", "kobo_", "template_"))
}
# Raised against hostile input: tests/test_security_input.py exercises each one.
SECURITY_CODES = {code for code in MESSAGES if code.startswith(("workbook_", "csv_"))} | {
    "text_too_long",
    "bidi_control",
    "mixed_encoding",
    "evidence_unreadable",
}
TESTED_ELSEWHERE |= SECURITY_CODES
# Raised by a DDD build against dates after the signature: tests/test_legal_dates.py.
TESTED_ELSEWHERE |= {"date_after_signature"}
# Raised by the privacy checks: tests/test_privacy_paths.py exercises each one.
TESTED_ELSEWHERE |= {
    "legal_name_in_text",
    "contact_in_text",
    "weak_pseudonym_shares_name",
    "weak_pseudonym_same_initials",
    "observer_identifiable",
    "evidence_folder_link",
}
# Raised by the pseudonyms' check: tests/test_pseudonyms.py exercises each one.
TESTED_ELSEWHERE |= {"pseudonym_shares_first_name", "pseudonym_shares_initials"}
# Raised by the nationalities' check: tests/test_language_nationalities.py and
# tests/test_language_editions.py exercise each one.
TESTED_ELSEWHERE |= {"nationality_read_as", "nationality_unknown"}
# Raised by the interviews and quotes checks: tests/test_report_testimony.py exercises each one.
TESTED_ELSEWHERE |= {
    "interview_before_incident",
    "quote_person_missing",
    "quote_person_not_in_interview",
    "quote_incident_missing",
    "quote_incident_not_in_interview",
    "legacy_interview_columns",
    "legacy_interview_before_incident",
}
# A letter dated before its incident: tests/test_report_parts.py exercises it.
TESTED_ELSEWHERE |= {"letter_before_incident"}
# Which force did which act: tests/test_act_forces.py exercises each one.
TESTED_ELSEWHERE |= {
    "act_forces_pair",
    "act_forces_act_not_recorded",
    "act_forces_force_not_recorded",
}
# Pièce numbers and timecodes: tests/test_exhibits_numbering.py exercises each one.
TESTED_ELSEWHERE |= {
    "piece_number_zero",
    "piece_number_duplicate",
    "piece_number_missing",
    "timecode_invalid",
}


def test_every_validation_code_is_exercised() -> None:
    exercised = {
        code
        for cases in (INCIDENT_CASES, PERSON_CASES, EVIDENCE_CASES, PROCEEDING_CASES)
        for _, expected in cases
        for *_, code in expected
    }
    exercised |= {"duplicate_id", "unknown_column", "missing_column", "duplicate_column"}
    # Unknown columns with data, their suggestions, ignored columns, the candidates of a
    # sensitive field: tests/test_onboarding_*.py.
    exercised |= {
        "unknown_column_suggest",
        "unknown_column_data",
        "unknown_column_data_suggest",
        "ignored_column",
        "date_read_as",
        "invalid_date_suggest",
    }
    assert set(MESSAGES) - LOAD_CODES - TESTED_ELSEWHERE == exercised


# -- the fast paths give what the general ones give ------------------------------------------

# Cells a user might type in each column: right, wrong, blank, spaces, near misses.
CELL_POOLS: dict[str, list[str]] = {
    "id": ["CAL-1", "CAL-2", "CAL 3", "", "  ", "CAL-1"],
    "date": ["2015-06-30", "30/06/2015", "31/02/2015", "2015-07", "2999-01-01", ""],
    "time": ["22h15", "22:15", "25:00", "", "midi"],
    "commune": ["Calais", " Calais ", "", "Grande-Synthe"],
    "latitude": ["50.95", "50,95", "91", "nord", "", "  "],
    "number of officers": ["12", "-1", "douze", "", "3"],
    "RIO numbers": ["1234567", "1234567; 7654321", "12345", ""],
    "acts": ["gaz lacrymogène", "gazage", "coups; tear gas", "xyzzy", ""],
    "belongings affected": ["tente:3", "tente:trois", "couverture; tente:2", "bidule:1", ""],
    "minors involved": ["oui", "no", "peut-être", "", "inconnu"],
    "summary in French": ["Un récit.", "", "  Des espaces.  ", "Le récit\ncontinue."],
    "summary in English": ["An account.", "", "x"],
    "confidentiality": ["public", "restreint", "", "secret"],
}


def rows_strategy() -> st.SearchStrategy[list[dict[str, str]]]:
    row = st.fixed_dictionaries(
        {header: st.sampled_from(pool) for header, pool in CELL_POOLS.items()}
    )
    return st.lists(row, min_size=1, max_size=12)


def outcome(
    dataset: Dataset, report: ValidationReport
) -> tuple[list[tuple[object, ...]], list[dict[str, Any]]]:
    problems = [
        (p.row, p.column, p.code, p.value, p.severity.value) for p in report.sorted_problems()
    ]
    records = [record.model_dump(exclude={"origin"}) for record in dataset.incidents]
    return problems, records


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=rows_strategy())
def test_csv_fast_path_and_general_path_agree(tmp_path: Path, rows: list[dict[str, str]]) -> None:
    # The CSV path (plain text, caches keyed by text) against rows handed over as a list (the
    # workbook path: cells keyed by type and value, control characters searched cell by cell).
    headers = list(CELL_POOLS)
    rows = [{header: row[header] for header in headers} for row in rows]
    path = write_csv(tmp_path / "incidents.csv", rows)
    csv_dataset, csv_report = load_and_validate(path, today=TODAY)
    cells = [(n + 2, [row[header] for header in headers]) for n, row in enumerate(rows)]
    sheet = RawSheet(INCIDENTS, "incidents.csv", "incidents", 1, headers, cells)
    book = Workbook(path, {"incidents": sheet})
    list_dataset, list_report = validate_workbook(book, today=TODAY)
    assert outcome(csv_dataset, csv_report) == outcome(list_dataset, list_report)
    counts = csv_report.counts["incidents"]
    assert counts.read == len(rows) == counts.accepted + counts.rejected
    for record in csv_dataset.incidents:
        # Records are built without validating them again: pydantic must agree they are valid.
        assert Incident.model_validate(record.model_dump()) == record


def test_records_from_validation_are_valid_for_pydantic() -> None:
    dataset, _ = load_and_validate(FIXTURES / "csv_fr", today=TODAY)
    records: list[Any] = [
        *dataset.incidents,
        *dataset.persons,
        *dataset.evidence,
        *dataset.proceedings,
    ]
    for record in records:
        assert type(record).model_validate(record.model_dump()) == record
        assert record.model_fields_set <= set(type(record).model_fields)


def test_record_lists_are_read_only_and_shared_safely(tmp_path: Path) -> None:
    dataset, _ = validate_folder(tmp_path, incidents=[INCIDENT, incident(id="CAL-2")])
    first, second = dataset.incidents
    assert first.acts == second.acts == ["tear_gas", "belongings_destroyed"]
    with pytest.raises(TypeError, match="read-only"):
        first.acts.append("dog")
    with pytest.raises(TypeError, match="read-only"):
        first.belongings["tent"] = 9  # type: ignore[index]
    assert second.acts == ["tear_gas", "belongings_destroyed"]
    changed_copy = first.model_copy(update={"acts": ["dog"]})
    assert (changed_copy.acts, first.acts) == (["dog"], ["tear_gas", "belongings_destroyed"])
    assert pickle.loads(pickle.dumps(first)) == first
    assert json.loads(first.model_dump_json())["belongings"] == {"tent": 3, "sleeping_bag": 2}


def test_workbook_cells_equal_as_keys_but_not_as_values(tmp_path: Path) -> None:
    # True, 1 and 1.0 are the same dict key; a workbook may hold all three in one column.
    headers = ["id", "date", "commune", "summary", "confidentiality", "number of officers"]
    good = ["CAL-1", "2015-06-30", "Calais", "x", "public"]
    cells = [
        (2, [*good, 1]),
        (3, ["CAL-2", *good[1:], True]),
        (4, ["CAL-3", *good[1:], 1.0]),
        (5, ["CAL-4", *good[1:], 1.5]),
    ]
    sheet = RawSheet(INCIDENTS, "a.xlsx", "incidents", 1, headers, cells)
    dataset, report = validate_workbook(Workbook(Path("a.xlsx"), {"incidents": sheet}), today=TODAY)
    assert flat(report) == [
        ("incidents", 3, "F", "invalid_int"),
        ("incidents", 5, "F", "invalid_int"),
    ]
    assert [record.officers for record in dataset.incidents] == [1, 1]


def test_a_column_of_unique_cells_beyond_the_cache_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        incident(
            id=f"CAL-{n}",
            RIO_numbers=f"{n:07d}" if n % 3 else "12",
            acts="gazage" if n == 7 else "coups",
        )
        for n in range(1, 20)
    ]
    _, expected = validate_folder(tmp_path / "a", incidents=rows)
    monkeypatch.setattr("dossier.validate.cells._CACHE_LIMIT", 2)
    dataset, report = validate_folder(tmp_path / "b", incidents=rows)
    assert flat(report) == flat(expected)
    assert len(flat(report)) == 7
    assert [record.rio for record in dataset.incidents][:2] == [["0000001"], ["0000002"]]


@pytest.mark.parametrize("enabled", [True, False])
def test_garbage_collection_is_left_as_found(tmp_path: Path, enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        validate_folder(tmp_path)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
