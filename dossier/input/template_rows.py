"""What the spreadsheet template adds to a workbook that reading passes over: its helper sheets
(instructions, lists) and its example rows, left out with a warning each."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from dossier.input.problems import Problem, Severity
from dossier.input.workbook import CellValue, Workbook
from dossier.schema.header_keys import column_letter
from dossier.schema.template_marks import is_example_id

__all__ = ["drop_example_rows"]


def drop_example_rows(book: Workbook) -> list[Problem]:
    """Leave out the template's example rows, with one warning per row left out.

    A row is an example when its id starts with EXEMPLE- or EXAMPLE-. Call it between
    ``load_workbook`` and ``validate_workbook`` and add the warnings to the report.
    """
    problems: list[Problem] = []
    for key, sheet in book.sheets.items():
        position = sheet.spec.match_headers(sheet.headers, book.mapping.get(key, {})).first.get(
            "id"
        )
        if position is None:
            continue
        dropped: dict[int, str] = {}
        for number, cells in sheet.rows:
            if position < len(cells) and is_example_id(cells[position]):
                dropped[number] = str(cells[position]).strip()
        if not dropped:
            continue
        if isinstance(sheet.rows, list):
            sheet.rows = [row for row in sheet.rows if row[0] not in dropped]
        else:
            sheet.rows = _RowsWithout(sheet.rows, frozenset(dropped))
        problems.extend(
            Problem(
                Severity.WARNING,
                "template_example_row",
                sheet.file,
                sheet.name,
                number,
                column_letter(position),
                sheet.headers[position],
                value,
            )
            for number, value in dropped.items()
        )
    return problems


class _RowsWithout:
    """Rows read lazily (a large CSV), less some row numbers."""

    def __init__(
        self, rows: Iterable[tuple[int, Sequence[CellValue]]], skip: frozenset[int]
    ) -> None:
        self.rows = rows
        self.skip = skip

    def __iter__(self) -> Iterator[tuple[int, Sequence[CellValue]]]:
        return (row for row in self.rows if row[0] not in self.skip)
