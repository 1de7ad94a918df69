"""What the spreadsheet template adds to a workbook that reading passes over: its helper sheets
(instructions, lists) and its example rows, left out with a warning each."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from dossier.input.problems import Problem, Severity
from dossier.input.workbook import CellValue, RawSheet, Workbook
from dossier.schema.header_keys import column_letter
from dossier.schema.template_marks import is_example_id

__all__ = ["drop_example_rows", "without_example_rows"]

Row = tuple[int, Sequence[CellValue]]


def without_example_rows(
    sheet: RawSheet, id_position: int | None, found: list[Problem]
) -> Iterable[Row]:
    """The sheet's rows less the template's example rows, with a warning in ``found`` for each.

    A row is an example when its id (in column ``id_position``) starts with EXEMPLE- or
    EXAMPLE-. Rows held in memory come back as a list, sorted out at once; a CSV's rows are
    sorted out as they are read, so that the file is read once.
    """
    rows = sheet.rows
    at = id_position
    if at is None:
        return rows
    # One test per row, and a call only for an example row: a CSV may have 100,000 rows.
    kept = (
        row
        for row in rows
        if not (at < len(row[1]) and is_example_id(row[1][at]) and _noted(sheet, at, row, found))
    )
    return list(kept) if isinstance(rows, list) else kept


def _noted(sheet: RawSheet, position: int, row: Row, found: list[Problem]) -> bool:
    """Add the warning for an example row to ``found``; True, so that the row is left out."""
    number, cells = row
    found.append(
        Problem(
            Severity.WARNING,
            "template_example_row",
            sheet.file,
            sheet.name,
            number,
            column_letter(position),
            sheet.headers[position],
            str(cells[position]).strip(),
        )
    )
    return True


def drop_example_rows(book: Workbook) -> list[Problem]:
    """Leave out the template's example rows of every sheet, with one warning per row left out.

    Validation passes over example rows by itself; this is for a caller that wants the workbook
    without them, or the warnings, before validating.
    """
    problems: list[Problem] = []
    for key, sheet in book.sheets.items():
        position = sheet.spec.match_headers(sheet.headers, book.mapping.get(key, {})).first.get(
            "id"
        )
        found: list[Problem] = []
        kept = without_example_rows(sheet, position, found)
        if isinstance(kept, list):
            sheet.rows = kept
        else:
            for _row in kept:  # a CSV: read it once to find them, then skip them by number
                pass
            if found:
                sheet.rows = _RowsWithout(sheet.rows, frozenset(p.row or 0 for p in found))
        problems.extend(found)
    return problems


class _RowsWithout:
    """Rows read lazily (a large CSV), less some row numbers."""

    def __init__(self, rows: Iterable[Row], skip: frozenset[int]) -> None:
        self.rows = rows
        self.skip = skip

    def __iter__(self) -> Iterator[Row]:
        return (row for row in self.rows if row[0] not in self.skip)
