"""Headers no field reads: the fields each may mean, and what a build would lose with it.

A column that holds data and that neither a field nor the mapping's ``"ignore"`` accounts
for is a warning for ``validate`` (so that a volunteer sees everything at once) and an error
for a build: its content would otherwise be left out of the dossier without a word.
"""

from __future__ import annotations

from dossier.input.problems import Problem, Severity
from dossier.input.workbook import CellValue, RawSheet
from dossier.schema import matching
from dossier.schema.header_keys import column_letter
from dossier.validate.cells import quoted

__all__ = ["holds_data", "unknown_column_problems"]

# How many row numbers a problem about a whole column lists before "…".
ROWS_SHOWN = 8
# How many unknown headers of a sheet get suggestions: past a few dozen the sheet is not a log
# in a group's own words (or is hostile), and suggestions would only cost time.
SUGGESTED_HEADERS = 60


def holds_data(cell: CellValue) -> bool:
    """Whether a cell holds anything but spaces."""
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def unknown_column_problems(
    raw: RawSheet, columns: dict[str, int], filled: dict[int, list[int]], for_build: bool
) -> list[Problem]:
    """One problem per unknown header of ``raw`` (``filled``: its position → the rows whose
    cell in it holds data); ``columns``: the fields already found, not suggested again."""
    spellings = matching.spellings_of(
        (column.key, (column.key, column.en, column.fr, *column.aliases))
        for column in raw.spec.fields
        if column.key not in columns
    )
    problems = []
    for rank, (position, rows_with_data) in enumerate(sorted(filled.items())):
        header = raw.headers[position]
        suggested = matching.close_codes(header, spellings) if rank < SUGGESTED_HEADERS else []
        fields = ";".join(suggested)
        params = {"fields": fields, "sheet_key": raw.spec.key} if fields else {}
        if not rows_with_data:
            code = "unknown_column_suggest" if fields else "unknown_column"
            severity = Severity.WARNING
        else:
            code = "unknown_column_data_suggest" if fields else "unknown_column_data"
            severity = Severity.ERROR if for_build else Severity.WARNING
            shown = ", ".join(str(number) for number in rows_with_data[:ROWS_SHOWN])
            params |= {
                "count": str(len(rows_with_data)),
                "rows": shown + (" …" if len(rows_with_data) > ROWS_SHOWN else ""),
                "header_text": quoted(header),
            }
        problems.append(
            Problem(
                severity,
                code,
                raw.file,
                raw.name,
                raw.header_row,
                column_letter(position),
                quoted(header),
                None,
                tuple(sorted(params.items())),
            )
        )
    return problems
