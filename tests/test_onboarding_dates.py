"""Dates typed as words or with a short year: read when one reading is possible, with a
warning that shows it; a month-first date is not guessed but suggested."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import TODAY, incident, write_csv

from dossier.validate.dates import other_reading, read_date_words
from dossier.validate.rows import load_and_validate


@pytest.mark.parametrize(
    ("typed", "day", "precision"),
    [
        ("3 mars 2015", dt.date(2015, 3, 3), None),
        ("1er mars 2015", dt.date(2015, 3, 1), None),
        ("lundi 2 mars 2015", dt.date(2015, 3, 2), None),
        ("3 déc. 2015", dt.date(2015, 12, 3), None),
        ("le 14 juillet 2016", dt.date(2016, 7, 14), None),
        ("March 3, 2015", dt.date(2015, 3, 3), None),
        ("3 March 2015", dt.date(2015, 3, 3), None),
        ("Sept 12 2015", dt.date(2015, 9, 12), None),
        ("3/3/15", dt.date(2015, 3, 3), None),
        ("30/06/15", dt.date(2015, 6, 30), None),
        ("mars 2015", dt.date(2015, 3, 1), "month"),
        ("June 2016", dt.date(2016, 6, 1), "month"),
    ],
)
def test_dates_in_words_are_read(typed: str, day: dt.date, precision: str | None) -> None:
    read = read_date_words(typed, TODAY)
    assert read is not None and (read.day, read.precision) == (day, precision)


@pytest.mark.parametrize(
    "typed",
    ["3 mars", "bidule 2015", "31/02/15", "3 mars avril 2015", "2015 2016 mars", "3 4 mars 2015"],
)
def test_what_cannot_be_read_one_way_is_not_read(typed: str) -> None:
    assert read_date_words(typed, TODAY) is None


def test_a_two_digit_year_stays_in_the_past() -> None:
    assert read_date_words("1/1/99", dt.date(2024, 1, 1)).day == dt.date(1999, 1, 1)  # type: ignore[union-attr]
    assert read_date_words("1/1/23", dt.date(2024, 1, 1)).day == dt.date(2023, 1, 1)  # type: ignore[union-attr]


def test_month_first_dates_are_suggested_not_read() -> None:
    assert other_reading("3/15/2015", TODAY) == dt.date(2015, 3, 15)
    assert other_reading("03/04/2015", TODAY) is None  # day first: 3 April, read as such


def _problems(tmp_path: Path, date: str) -> list[tuple[str, str, str]]:
    write_csv(tmp_path / "incidents.csv", [incident(date=date)])
    _, report = load_and_validate(tmp_path, today=TODAY)
    return [
        (p.code, p.severity.value, p.message("fr").replace("\u00a0", " ").replace("\u202f", " "))
        for p in report.problems
    ]


def test_a_date_in_words_is_accepted_with_a_warning_showing_the_reading(tmp_path: Path) -> None:
    write_csv(tmp_path / "incidents.csv", [incident(date="3 mars 2015")])
    dataset, report = load_and_validate(tmp_path, today=TODAY)
    assert report.ok
    assert dataset.incidents[0].date == dt.date(2015, 3, 3)
    (warning,) = report.problems
    assert warning.code == "date_read_as"
    assert warning.message("en") == (
        "“3 mars 2015”: read as March 3, 2015; check it (or write the date as 2015-06-30)."
    )
    assert "compris comme 3 mars 2015" in warning.message("fr").replace("\u00a0", " ")


def test_a_month_in_words_sets_the_precision(tmp_path: Path) -> None:
    write_csv(tmp_path / "incidents.csv", [incident(date="juin 2015", date_precision="")])
    dataset, report = load_and_validate(tmp_path, today=TODAY)
    assert dataset.incidents[0].date_precision == "month"
    assert "compris comme juin 2015" in report.problems[0].message("fr").replace("\u00a0", " ")


def test_a_month_first_date_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    ((code, severity, text),) = _problems(tmp_path, "3/15/2015")
    assert (code, severity) == ("invalid_date_suggest", "error")
    assert "vouliez-vous dire le 15 mars 2015 ?" in text
