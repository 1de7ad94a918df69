"""The validator's code as it was before issue 25's second pass, kept as the tests' oracle.

``before()`` puts these former versions in place of the current ones (with pytest's
``monkeypatch``), so that a test can validate the same input both ways and compare everything:
the reading of a row's cells (each cell's length tested one by one), the building of records
(field by field), and the interviews made from persons' own columns (every incident looked at).
They are copies of ``main`` at 77a054a, not to be improved: their worth is being the old code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

import pytest

from dossier.input.guards import MAX_CELL_TEXT
from dossier.schema.records import Incident, Interview, Origin, Person, Record
from dossier.validate import interviews, rows
from dossier.validate.cells import FLAGGED, Flagged, wrap_cell
from dossier.validate.construct import trusted_constructor
from dossier.validate.interviews import LEGACY_SUFFIX, LegacyInterview
from dossier.validate.row_values import CellPlan, RowValues
from dossier.validate.unknown_columns import holds_data


def row_values_before(plan: CellPlan, number: int, cells: Sequence[Any]) -> RowValues:
    """The former per-row loop of ``read_sheet``, as it read one row."""
    wrapped = plan.wrapped
    limit = MAX_CELL_TEXT
    too_long = (
        any(type(cell) is str and len(cell) > limit for cell in cells)
        if wrapped
        else max(map(len, cells), default=0) > limit
    )
    long_errors = None
    if too_long:
        cells, long_errors = plan.long_cells(cells)
    for position in plan.unknown:
        if position < len(cells) and holds_data(cells[position]):
            plan.filled[position].append(number)
    if wrapped:
        cells = [wrap_cell(cell) for cell in cells]
    if len(cells) < plan.width:
        cells = [*cells, *plan.padding[len(cells) :]]
    values: dict[str, Any] = {}
    odd: list[tuple[str, Flagged]] | None = None
    for key, position, cache in plan.cached:
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
    for key, position in plan.texts:
        text = cells[position].strip()
        if text:
            values[key] = text
    for key, position, reader in plan.uncached:
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


def build_before(self: Any, row: int, values: dict[str, Any]) -> Record:
    """The former ``_RecordBuilder.build``: each record's fields taken by an itemgetter."""
    values["origin"] = self.origin_before(
        rows._ORIGIN_FIELDS, {"file": self.file, "sheet": self.sheet, "row": row}
    )
    given = tuple(values)
    shape = self.former_shapes.get(given)
    if shape is None:
        blank = {key: value for key, value in self.defaults.items() if key not in values}
        order = tuple(name for name in self.names if name in values or name in blank)
        take = itemgetter(*order) if len(order) > 1 else (lambda _: ())
        shape = self.former_shapes[given] = (set(given), blank, order, take)
    fields_set, blank, order, take = shape
    merged = {**values, **blank}
    if self.from_dict is None or len(order) < 2:
        return self.construct(fields_set, merged)  # type: ignore[no-any-return]
    return self.from_dict(fields_set, dict(zip(order, take(merged), strict=True)))  # type: ignore[no-any-return]


def interviews_from_persons_before(
    persons: Iterable[Person], incidents: Iterable[Incident], interviewed: set[str]
) -> list[LegacyInterview]:
    """The former ``interviews_from_persons``: every incident filed under its persons first."""
    theirs: dict[str, list[Incident]] = {}
    for incident in incidents:
        for person_id in dict.fromkeys([*incident.victim_ids, *incident.witness_ids]):
            theirs.setdefault(person_id, []).append(incident)
    made = []
    for person in persons:
        if person.id in interviewed:
            continue
        if person.interview_date is None and person.interview_mode is None:
            continue
        about = theirs.get(person.id, [])
        day = person.interview_date
        later = [i.id for i in about if day is not None and i.date > day]
        cited = [i.id for i in about if i.id not in later]
        interview = Interview.model_construct(
            id=person.id + LEGACY_SUFFIX,
            origin=person.origin or Origin(file="", sheet="", row=0),
            person_ids=[person.id],
            incident_ids=cited,
            date=day,
            place=person.interview_place,
            mode=person.interview_mode,
            language=person.interview_language,
            interpreter=person.interpreter,
        )
        made.append(LegacyInterview(interview, later))
    return made


def before(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validate with the former code from now on (until ``monkeypatch`` undoes it)."""
    original_init = rows._RecordBuilder.__init__

    def init(self: Any, raw: Any) -> None:
        original_init(self, raw)
        self.former_shapes = {}
        self.origin_before = trusted_constructor(Origin)

    monkeypatch.setattr(CellPlan, "row_values", row_values_before)
    monkeypatch.setattr(rows._RecordBuilder, "__init__", init)
    monkeypatch.setattr(rows._RecordBuilder, "build", build_before)
    monkeypatch.setattr(interviews, "interviews_from_persons", interviews_from_persons_before)
