"""A sheet's cells read into each row's values: how each column is read, and the reading.

Each cell of each row is looked up in its column's cache or read by its column's reader
(:mod:`dossier.validate.cells`), free text of a plain-text sheet just trimmed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from dossier.input.guards import MAX_CELL_TEXT
from dossier.input.workbook import RawSheet
from dossier.schema.columns import Kind
from dossier.validate.cells import (
    FLAGGED,
    CellCache,
    CellError,
    Flagged,
    cell_reader,
    quoted,
    unwrapping,
    wrap_cell,
)
from dossier.validate.unknown_columns import holds_data

__all__ = ["CellPlan", "RowValues"]

# Free text and other cells that are mostly unique: a cache would only grow.
_UNCACHED = frozenset(
    {
        "id",
        "latitude",
        "longitude",
        "summary_fr",
        "summary_en",
        "description_fr",
        "description_en",
        "legal_name",
        "contact",
        "file",
        "url",
        "sha256",
        "captured_at",
        "custody_notes",
        "reference",
        "response",
    }
)

# A row's number, its values (field key → value, blank cells left out), its cells out of the
# ordinary (to report, in the order they are read) and its cells too long to read.
RowValues = tuple[
    int, dict[str, Any], list[tuple[str, Flagged]] | None, list[tuple[str, CellError]] | None
]


class CellPlan:
    """How each field's cells of one sheet are read, and the reading of the sheet's rows.

    ``filled`` receives, for each position of ``unknown`` (headers that name no field), the
    numbers of the rows whose cell there holds data, in row order.
    """

    def __init__(
        self,
        raw: RawSheet,
        columns: dict[str, int],
        today: dt.date,
        values: dict[str, dict[str, tuple[str, ...]]],
        wrapped: bool,
        unknown: list[int],
        filled: dict[int, list[int]],
    ) -> None:
        plain_text = raw.control_free
        self.wrapped = wrapped
        self.unknown = unknown
        self.filled = filled
        self.cached: list[tuple[str, int, CellCache]] = []
        self.uncached: list[tuple[str, int, Callable[[Any], Any]]] = []
        # Long free text of a plain-text sheet is just trimmed. Short text ("Calais") goes
        # through a cache like any other cell, so that every record shares one copy of it.
        self.texts: list[tuple[str, int]] = []
        for key, position in columns.items():
            kind = raw.spec.field(key).kind
            if plain_text and kind in (Kind.TEXT, Kind.PATH) and key in _UNCACHED:
                self.texts.append((key, position))
                continue
            reader = cell_reader(raw.spec.field(key), today, plain_text, values.get(key))
            if wrapped:
                reader = unwrapping(reader)
            if key in _UNCACHED:
                self.uncached.append((key, position, reader))
            else:
                self.cached.append((key, position, CellCache(reader)))
        self.width = max(columns.values()) + 1
        self.padding: list[Any] = [""] * self.width
        self.keys_at = {position: key for key, position in columns.items()}

    def row_values(self, number: int, cells: Sequence[Any]) -> RowValues:
        """The values of one row, its cells out of the ordinary and its cells too long."""
        wrapped = self.wrapped
        limit = MAX_CELL_TEXT
        # A row whose cells hold no more characters together than one cell may is read at
        # once (one join in C); only a longer one is looked at cell by cell.
        too_long = (
            any(type(cell) is str and len(cell) > limit for cell in cells)
            if wrapped
            else len("".join(cells)) > limit and max(map(len, cells)) > limit
        )
        long_errors = None
        if too_long:
            cells, long_errors = self.long_cells(cells)
        for position in self.unknown:
            if position < len(cells) and holds_data(cells[position]):
                self.filled[position].append(number)
        if wrapped:
            cells = [wrap_cell(cell) for cell in cells]
        if len(cells) < self.width:
            cells = [*cells, *self.padding[len(cells) :]]
        values: dict[str, Any] = {}
        odd: list[tuple[str, Flagged]] | None = None
        # The hot loop, once per cell: no call or attribute look-up that can be avoided.
        for key, position, cache in self.cached:
            cell = cells[position]
            if not cell:
                continue
            value = cache[cell]
            if value is FLAGGED:
                if odd is None:
                    odd = []
                odd.append((key, cache.flagged[cell]))
                continue
            values[key] = value
        for key, position in self.texts:  # only in a plain-text sheet: every cell is a str
            text = cells[position].strip()
            if text:
                values[key] = text
        for key, position, reader in self.uncached:
            cell = cells[position]
            if not cell:
                continue
            value = reader(cell)
            if type(value) is Flagged:
                if odd is None:
                    odd = []
                odd.append((key, value))
                continue
            values[key] = value
        return number, values, odd, long_errors

    def by_rows(self, rows: Iterable[tuple[int, Sequence[Any]]]) -> Iterator[RowValues]:
        """Each row's values, read one row at a time."""
        row_values = self.row_values
        for number, cells in rows:
            yield row_values(number, cells)

    def long_cells(self, cells: Sequence[Any]) -> tuple[list[Any], list[tuple[str, CellError]]]:
        """Cells longer than a spreadsheet cell can be: refused, and read as blank after.

        Nothing downstream (messages, the dossier's layout) then handles megabytes of text.
        """
        kept = list(cells)
        errors = []
        for position, cell in enumerate(cells):
            if type(cell) is str and len(cell) > MAX_CELL_TEXT:
                kept[position] = ""  # blank, in a CSV's all-text rows as in a workbook's
                key = self.keys_at.get(position)
                if key is not None:  # else a column nobody reads
                    limit, length = str(MAX_CELL_TEXT), str(len(cell))
                    errors.append(
                        (key, CellError("text_too_long", quoted(cell), length=length, limit=limit))
                    )
        return kept, errors
