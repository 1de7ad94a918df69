"""One row of a workbook as the desk shows it: each cell, the faulty ones marked with what was
expected, and the cells that hold a legal name or a contact hidden unless asked for."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dossier.desk.workspace import DeskRefusal
from dossier.i18n.printable import printable
from dossier.input.mapping import load_mapping_file
from dossier.input.problems import Problem, Severity
from dossier.input.workbook import CellValue, RawSheet, Workbook, load_workbook
from dossier.schema.header_keys import column_letter
from dossier.validate.identities import IdentityCheck, Person

__all__ = ["MAX_ROW_DIGITS", "CellView", "RowView", "echoed", "read_row", "row_address"]

#: Problems whose cell holds a legal name or a contact the validator found where a dossier would
#: print text, or a pseudonym that holds a part of the legal name: hidden like the identity
#: columns. (A pseudonym with the legal name's initials shows no more than the initials.)
IDENTIFYING_CODES = frozenset(
    {
        "legal_name_in_text",
        "contact_in_text",
        "weak_pseudonym_shares_name",
        "pseudonym_shares_first_name",
    }
)
# Shown instead of a hidden cell's text (its length is not shown either).
MASK = "••••••"
#: The longest row number the row page reads (a CSV of 50 MB has fewer than 10**9 rows).
MAX_ROW_DIGITS = 9
# How much of a sheet name or row number from the address a refusal repeats.
_ECHOED = 80


def echoed(text: str) -> str:
    """What the address said, as a refusal repeats it: no control or direction character, and
    short (the address is the requester's, not the workbook's)."""
    text = printable(text)
    return text if len(text) <= _ECHOED else text[: _ECHOED - 1] + "…"


@dataclass(frozen=True)
class CellView:
    """One cell: its column, what it holds (or the mask), and what the report says of it."""

    letter: str
    header: str
    value: str
    hidden: bool  # a legal name or contact, not shown
    severity: str  # "error", "warning" or "" when the report says nothing of this cell
    expectations: tuple[str, ...]


@dataclass(frozen=True)
class RowView:
    """A row of a sheet, located as the report locates it."""

    file: str
    sheet: str
    number: int
    cells: tuple[CellView, ...]
    row_problems: tuple[str, ...]  # what the report says of the row without naming a column
    hidden_count: int


def row_address(workbook: str, problem: Problem) -> str | None:
    """The desk's address of the row a problem is on (the cell as the anchor), or None."""
    if problem.row is None:
        return None
    query = {"file": problem.file, "sheet": problem.sheet or "", "row": str(problem.row)}
    anchor = f"#cell-{problem.column}" if problem.column else ""
    return f"/workbook/{urllib.parse.quote(workbook)}/row?{urllib.parse.urlencode(query)}{anchor}"


def _shown(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return printable(str(value))


def _find_sheet(sheets: list[RawSheet], file: str, sheet: str) -> RawSheet | None:
    for raw in sheets:
        if raw.file == file and printable(raw.name) == sheet:
            return raw
    return None


def _text(cells: Sequence[CellValue], at: int | None) -> str | None:
    value = cells[at] if at is not None and at < len(cells) else None
    return (str(value).strip() or None) if value is not None else None


def _identities(book: Workbook) -> IdentityCheck:
    """The persons sheet's legal names and contacts, to be found in any cell of a row: a
    column no field reads ("full name", "notes") is not searched by validation."""
    people: list[Person] = []
    for raw in book.sheets.values():
        if raw.spec.key != "persons":
            continue
        match = raw.spec.match_headers(raw.headers, book.mapping.get(raw.spec.key, {}))
        where = {column.key: at for at, column in enumerate(match.named) if column is not None}
        people += [
            Person(
                _text(cells, where.get("pseudonym")) or "",
                _text(cells, where.get("legal_name")),
                _text(cells, where.get("contact")),
            )
            for _number, cells in raw.rows
        ]
    return IdentityCheck(people)


def read_row(
    path: Path,
    mapping: Path,
    problems: list[Problem],
    *,
    file: str,
    sheet: str,
    number: int,
    lang: str,
    reveal: bool,
) -> RowView:
    """Row ``number`` of ``sheet`` (in ``file``) of the workbook at ``path``, read as validation
    read it (with its mapping file), and what ``problems`` say of it in ``lang``.

    Columns the schema marks confidential (legal name, contact) and cells a problem says hold
    one are shown as :data:`MASK` unless ``reveal``. Raises :class:`DeskRefusal` when the
    workbook holds no such row.
    """
    missing = DeskRefusal("desk.no_such_row", status=404, row=number, sheet=echoed(sheet))
    # A workbook that cannot be read raises its LoadError: the page says why, as the report does.
    decided = load_mapping_file(mapping) if mapping.exists() else None
    book = load_workbook(path, mapping=decided)
    raw = _find_sheet(list(book.sheets.values()), file, sheet)
    if raw is None:
        raise missing
    cells_read = next((cells for at, cells in raw.rows if at == number), None)
    if cells_read is None:
        raise missing
    match = raw.spec.match_headers(raw.headers, book.mapping.get(raw.spec.key, {}))
    here = [
        problem
        for problem in problems
        if problem.file == file and problem.sheet == sheet and problem.row == number
    ]
    said: dict[str, list[Problem]] = {}
    for problem in here:
        said.setdefault(problem.column or "", []).append(problem)
    identities = _identities(book)
    cells: list[CellView] = []
    hidden_count = 0
    width = max(len(raw.headers), len(cells_read))
    for position in range(width):
        letter = column_letter(position)
        header = printable(raw.headers[position]) if position < len(raw.headers) else ""
        value = _shown(cells_read[position] if position < len(cells_read) else None)
        column = match.named[position] if position < len(match.named) else None
        about = said.get(letter, [])
        identifying = (
            (column is not None and column.confidential)
            or any(problem.code in IDENTIFYING_CODES for problem in about)
            or (bool(value) and identities.found_in(value) is not None)
        )
        hide = identifying and bool(value) and not reveal
        hidden_count += identifying and bool(value)
        severity = ""
        if about:
            errors = any(problem.severity is Severity.ERROR for problem in about)
            severity = "error" if errors else "warning"
        cells.append(
            CellView(
                letter,
                header,
                MASK if hide else value,
                hide,
                severity,
                tuple(problem.message(lang) for problem in about),
            )
        )
    return RowView(
        file,
        sheet,
        number,
        tuple(cells),
        tuple(problem.message(lang) for problem in said.get("", [])),
        hidden_count,
    )
