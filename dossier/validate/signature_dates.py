"""A complaint cannot mention what happened after it was signed: dates later than the signature.

A dossier speaks as of its signature date (the law in force that day, the steps taken by then).
A date after it — in a date column, or written in a text cell such as a proceeding's response
("ordonnance du 12/12/2016") — would make the file contradict itself. Each such date is an
error naming the file, sheet, row and column, so a DDD build stops until it is corrected.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping

from dossier.input.problems import Problem, Severity
from dossier.schema.columns import Kind
from dossier.schema.fields import SHEETS_BY_KEY
from dossier.schema.records import Record
from dossier.validate.rows import Dataset

# sheet key → field key → (column letter, header as written in the input)
ColumnPositions = Mapping[str, Mapping[str, tuple[str, str]]]

_SHEETS = (
    ("incidents", "incidents"),
    ("persons", "persons"),
    ("evidence", "evidence"),
    ("proceedings", "proceedings"),
)

_MONTHS = {
    # French and English month names, folded to lower case without accents.
    "janvier": 1,
    "fevrier": 2,
    "février": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "août": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    "décembre": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
# 12/12/2016 or 12.12.2016; 2016-12-12; 12 décembre 2016 / 1er décembre 2016; December 12, 2016.
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d/]|\.\d)")
_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?!\d|-\d)")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:er)?\s+({_MONTH_NAMES})\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_NAMES})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)


def dates_in_text(text: str) -> Iterator[tuple[dt.date, str]]:
    """Each real date written in ``text``, with the words that wrote it."""
    found: list[tuple[int, int, int, str]] = []  # year, month, day, as written
    for match in _NUMERIC.finditer(text):
        day, month, year = match.groups()
        found.append((int(year), int(month), int(day), match.group(0)))
    for match in _ISO.finditer(text):
        year, month, day = match.groups()
        found.append((int(year), int(month), int(day), match.group(0)))
    for match in _DAY_MONTH_YEAR.finditer(text):
        day, month, year = match.groups()
        found.append((int(year), _MONTHS[month.lower()], int(day), match.group(0)))
    for match in _MONTH_DAY_YEAR.finditer(text):
        month, day, year = match.groups()
        found.append((int(year), _MONTHS[month.lower()], int(day), match.group(0)))
    for year, month, day, written in found:
        try:
            yield dt.date(year, month, day), written
        except ValueError:  # "31/02/2016" is not a date: nothing to compare
            continue


def check_dates_after_signature(
    dataset: Dataset, *, signed_on: dt.date, columns: ColumnPositions | None = None
) -> list[Problem]:
    """An error for every date, in any sheet, later than the dossier's signature date.

    Date columns are compared as they are; text columns (responses, accounts, notes) are read
    for dates written in them. Confidential columns (legal names, contacts) are never printed
    in a dossier and are not read.
    """
    if columns is None:
        columns = getattr(dataset, "columns", None) or {}
    problems: list[Problem] = []
    for sheet_key, attribute in _SHEETS:
        spec = SHEETS_BY_KEY[sheet_key]
        records: list[Record] = getattr(dataset, attribute)
        for record in records:
            for column in spec.fields:
                if column.confidential:
                    continue
                value = getattr(record, column.key, None)
                for later, written in _later_dates(column.kind, value, signed_on):
                    letter, header = columns.get(sheet_key, {}).get(column.key, (None, None))
                    origin = record.origin
                    problems.append(
                        Problem(
                            Severity.ERROR,
                            "date_after_signature",
                            origin.file if origin is not None else dataset.source.name,
                            origin.sheet if origin is not None else spec.name("en"),
                            origin.row if origin is not None else None,
                            letter,
                            header or column.en,
                            written,
                            (
                                ("date", later.isoformat()),
                                ("signed_on", signed_on.isoformat()),
                            ),
                        )
                    )
    return problems


def _later_dates(kind: Kind, value: object, signed_on: dt.date) -> Iterator[tuple[dt.date, str]]:
    if value is None:
        return
    if isinstance(value, dt.datetime):
        if value.date() > signed_on:
            yield value.date(), value.isoformat(sep=" ", timespec="minutes")
        return
    if isinstance(value, dt.date):
        if value > signed_on:
            yield value, value.isoformat()
        return
    if kind not in (Kind.TEXT, Kind.TEXT_LIST):
        return
    texts = [value] if isinstance(value, str) else [str(item) for item in value]  # type: ignore[attr-defined]
    for text in texts:
        for day, written in dates_in_text(text):
            if day > signed_on:
                yield day, written
