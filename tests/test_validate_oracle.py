"""The faster validation against the former code (tests/validate_before.py) on the same inputs.

Everything a validation gives is compared: every problem (severity, code, file, sheet, row,
column, header, value, parameters) in its order, every record's fields in their order with
their values and its fields set, and the counts of each sheet. The inputs: the sample
workbooks and CSV folders, the KoboToolbox sample, the benchmark's generated rows with its bad
rows, and Hypothesis-generated rows of odd cells of every kind the cell readers know.
"""

from __future__ import annotations

import csv
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validate_before import before

from dossier.input.guards import MAX_CELL_TEXT
from dossier.schema.records import RECORD_TYPES, Incident
from dossier.validate.interviews import LEGACY_SUFFIX, interviews_from_persons
from dossier.validate.rows import load_and_validate

SAMPLES = REPO / "sample_data"
FIXTURES = REPO / "tests" / "fixtures"


def outcome(source: Path, **options: Any) -> tuple[Any, ...]:
    """All that a validation of ``source`` gives, in a form that compares."""
    dataset, report = load_and_validate(source, today=TODAY, **options)
    records = {
        key: [
            (type(record).__name__, list(record.__dict__.items()), record.model_fields_set)
            for record in getattr(dataset, key)
        ]
        for key in RECORD_TYPES
    }
    counts = {
        key: (count.read, count.accepted, count.rejected) for key, count in report.counts.items()
    }
    return report.problems, records, counts, dataset.columns


@contextmanager
def former_code() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        before(patch)
        yield


def assert_same(source: Path, **options: Any) -> tuple[Any, ...]:
    now = outcome(source, **options)
    with former_code():
        then = outcome(source, **options)
    assert now[0] == then[0]  # the problems, in their order
    assert now[1:] == then[1:]
    return now


@pytest.mark.parametrize(
    ("source", "options"),
    [
        (SAMPLES / "csv", {}),
        (SAMPLES / "incidents.xlsx", {}),
        (SAMPLES / "broken" / "incidents.xlsx", {}),
        (FIXTURES / "csv_en", {}),
        (FIXTURES / "csv_fr", {}),
        (FIXTURES / "other_export.csv", {"mapping": FIXTURES / "mapping.toml"}),
        (SAMPLES / "kobo" / "export.xlsx", {"profile": "kobo"}),
    ],
    ids=["csv", "xlsx", "broken", "csv_en", "csv_fr", "mapped", "kobo"],
)
def test_the_samples_validate_as_before(source: Path, options: dict[str, Any]) -> None:
    problems, records, _counts, _columns = assert_same(source, **options)
    assert problems or any(records.values())  # something was compared


def test_the_samples_hold_interviews_from_persons_columns() -> None:
    """The interviews made from persons' own columns (the code changed) are compared too."""
    dataset, _report = load_and_validate(FIXTURES / "csv_en", today=TODAY)
    made = [interview.id for interview in dataset.interviews if LEGACY_SUFFIX in interview.id]
    assert made == ["P-001" + LEGACY_SUFFIX, "P-002" + LEGACY_SUFFIX]


def test_no_incident_is_looked_at_when_no_person_records_an_interview() -> None:
    """Most workbooks: the incidents (100,000 in the benchmark) are not gone through."""

    def untouchable() -> Iterator[Incident]:
        raise AssertionError("the incidents were read")
        yield  # a generator: the error comes when it is first read

    dataset, _report = load_and_validate(SAMPLES / "csv", today=TODAY)
    assert interviews_from_persons(dataset.persons, untouchable(), set()) == []
    interviewed = {person.id for person in dataset.persons}
    assert interviews_from_persons(dataset.persons, untouchable(), interviewed) == []


def bench_module() -> Any:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import bench_validate

        return bench_validate
    finally:
        sys.path.remove(str(REPO / "bench"))


def test_the_benchmarks_rows_validate_as_before(tmp_path: Path) -> None:
    bench = bench_module()
    big, small, rows = bench.make_inputs(tmp_path, 2_000)
    problems, records, _counts, _columns = assert_same(big)
    # Every bad row has its problems, but the first of the two rows sharing an id.
    bad_rows = {*rows[:-2], rows[-1]}
    assert {problem.row for problem in problems if problem.sheet == "incidents"} >= bad_rows
    assert len(records["incidents"]) > 1_900
    assert_same(small)


# -- generated rows of odd cells -----------------------------------------------------------

HEADERS = [
    "id", "date", "time", "date precision", "commune", "place", "location type", "latitude",
    "longitude", "context", "forces", "units", "number of officers", "RIO numbers", "RIO visible",
    "acts", "weapons or means", "number of victims", "minors involved", "injuries",
    "medical certificate", "ITT days", "belongings affected", "summary in French",
    "summary in English", "victim ids", "witness ids", "evidence ids", "violation status",
    "confidentiality", "recorded by", "recorded on", "done by", "not a column we know",
]  # fmt: skip
GOOD = [
    "CAL-1", "12/06/2015", "21h30", "exacte", "Calais", "rue des Garennes", "campement",
    "50.95", "1,85", "expulsion de campement", "CRS; police nationale", "CRS 8", "12",
    "1234567", "non", "gaz lacrymogène; biens détruits", "gazeuse", "5", "non",
    "irritation des yeux", "oui", "0", "tente:3; sac de couchage", "Des agents sont venus.",
    "Officers came.", "P-1", "P-2", "", "probable", "restreint", "A. B.", "14/06/2015",
    "", "",
]  # fmt: skip
# Cells out of the ordinary, for any column: blank, spaces, wrong for most kinds, a date in
# words, a month, a future date, vocabulary near misses, references to nobody, control and
# direction characters, a legal name and a phone number, and cells near and over the length
# a cell may have (a row may hold more characters than one cell may, and no cell too long).
ODD = [
    "", "   ", " x ", "31/02/2015", "hier", "5 juin 15", "2015-06", "06/2015", "2015",
    "05/13/2015", "2031-01-01", "25:00", "7h", "95,2", "-1", "12345", "1234567; 7654321;",
    "gazage; coups", "tente:x; bâche:2; bache", "oui", "inconnu", "P-99999", "CAL-1", "E-9",
    "a\u202eb", "\u202e", "ligne\x07", "Fictzor Nominvtri", "06 12 34 56 78", "x@example.org",
    "CRS:gaz lacrymogène", "1.5", "1e3", "nan", "inf", "confidentiel", "public",
    "é" * 20_000, "y" * (MAX_CELL_TEXT + 1), "z" * MAX_CELL_TEXT,
]  # fmt: skip
PERSONS = [
    ["id", "pseudonym", "legal name", "contact", "age", "minor", "interview date",
     "interview mode"],
    ["P-1", "Personne A", "Fictzor Nominvtri", "06 12 34 56 78", "17", "non", "13/06/2015",
     "en personne"],
    ["P-2", "Personne B", "Fictquel Nominvvax", "", "30", "", "", ""],
]  # fmt: skip


def row_changes() -> st.SearchStrategy[dict[int, str]]:
    return st.dictionaries(
        st.integers(0, len(HEADERS) - 1),
        st.one_of(st.sampled_from(ODD), st.text(max_size=12)),
        max_size=5,
    )


def write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(row_changes(), st.integers(0, 3)), min_size=1, max_size=8))
def test_generated_odd_cells_validate_as_before(changes: list[tuple[dict[int, str], int]]) -> None:
    rows = []
    for number, (cells, cut) in enumerate(changes):
        row = list(GOOD)
        row[0] = f"CAL-{number + 1}"
        for position, text in cells.items():
            row[position] = text
        # Some rows end early (a CSV's short rows are padded with blanks).
        rows.append(row[: len(row) - cut] if cut else row)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write(root / "incidents.csv", [HEADERS, *rows])
        write(root / "persons.csv", PERSONS)
        assert_same(root)


def test_a_row_longer_than_a_cell_may_be_without_a_long_cell(tmp_path: Path) -> None:
    """A row's cells together may hold more than MAX_CELL_TEXT characters: no cell is too
    long then (the one-join test of a row only decides whether cells are looked at)."""
    row = list(GOOD)
    row[23] = row[24] = "é" * (MAX_CELL_TEXT // 2 + 10)
    long_row = list(GOOD)
    long_row[0], long_row[5] = "CAL-2", "y" * (MAX_CELL_TEXT + 1)
    write(tmp_path / "incidents.csv", [HEADERS, row, long_row])
    write(tmp_path / "persons.csv", PERSONS)
    problems, records, _counts, _columns = assert_same(tmp_path)
    too_long = [(p.row, p.column) for p in problems if p.code == "text_too_long"]
    assert too_long == [(3, "F")]
    assert [dict(items)["id"] for _, items, _ in records["incidents"]] == ["CAL-1"]
