"""Tests for dossier.validate.cells: one reader per kind, limits read from the column."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.schema import vocab
from dossier.schema.columns import Field, Kind
from dossier.validate.cells import BLANK, CellError, Flagged, cell_reader, parse_rio

TODAY = dt.date(2024, 6, 1)


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("plain_text", [False, True])
def test_every_kind_has_a_reader(kind: Kind, plain_text: bool) -> None:
    needs = kind in (Kind.TERM, Kind.TERM_LIST, Kind.COUNTS)
    column = Field("x", "x", "x", kind, vocab.ACT if needs else None)
    read = cell_reader(column, TODAY, plain_text)
    blank = read("   ")
    assert isinstance(blank, Flagged) and blank.value is BLANK


def read(column: Field, cell: str) -> object:
    return cell_reader(column, TODAY)(cell)


def test_the_upper_bound_of_a_number_is_the_column_s() -> None:
    column = Field("n", "n", "n", Kind.INT, at_most=5)
    assert read(column, "5") == 5
    flagged = read(column, "6")
    assert isinstance(flagged, Flagged)
    ((_severity, error),) = flagged.issues
    assert (error.code, error.value, error.params) == ("invalid_range", "6", {"high": "5"})


def test_coordinates_outside_the_kind_s_bounds() -> None:
    column = Field("lat", "lat", "lat", Kind.LATITUDE)
    assert read(column, "50,95") == 50.95
    flagged = read(column, "95.2")
    assert isinstance(flagged, Flagged)
    ((_severity, error),) = flagged.issues
    assert (error.code, error.params) == ("invalid_coordinate", {"low": "-90", "high": "90"})


def test_rio_numbers_are_ascii_digits() -> None:
    # The records' pattern takes 0-9 only: other digits used to pass the reader and not the record.
    assert parse_rio("1234567") == ["1234567"]
    with pytest.raises(CellError) as raised:
        parse_rio("\u0661\u0662\u0663\u0664\u0665\u0666\u0667")
    assert raised.value.code == "invalid_rio"
