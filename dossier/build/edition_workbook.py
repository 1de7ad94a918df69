"""The workbook an edition may carry inside its PDF/A-3: written again from what the edition
itself shows, never copied from the source.

A PDF/A-3 dossier carries its sources. The source workbook holds every row and every column a
group typed (legal names, contacts, exact coordinates, incidents above the edition's
confidentiality, unknown columns, hidden sheets), so an edition for partners or the public, or
one that leaves something out, carries instead the records it shows, with the values it prints:
pseudonyms or descriptions as printed, coordinates rounded as printed, free text as scrubbed,
RIO numbers only where the edition prints them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from dossier.assemble.models import DossierView, ExhibitView, IncidentView, PersonView
from dossier.forms.xlsx import set_value, workbook_bytes
from dossier.schema.fields import SHEETS_BY_KEY

__all__ = ["edition_workbook_bytes", "edition_workbook_name"]

#: A column of the rewritten workbook: the field it holds (its header comes from the schema,
#: in the edition's language) and how to read it off the view.
_Column = tuple[str, Callable[[Any], object]]


def _joined(values: Iterable[object]) -> str:
    return "; ".join(str(value) for value in values)


_INCIDENT_COLUMNS: tuple[_Column, ...] = (
    ("id", lambda i: i.id),
    ("date", lambda i: i.date),
    ("time", lambda i: i.time.strftime("%H:%M") if i.time else ""),
    ("commune", lambda i: i.commune),
    ("place", lambda i: i.place or ""),
    ("latitude", lambda i: i.latitude if i.latitude is not None else ""),
    ("longitude", lambda i: i.longitude if i.longitude is not None else ""),
    ("context", lambda i: i.context or ""),
    ("forces", lambda i: _joined(i.forces)),
    ("units", lambda i: _joined(i.units)),
    ("officers", lambda i: i.officers if i.officers is not None else ""),
    ("rio", lambda i: _joined(i.rio)),
    ("acts", lambda i: _joined(i.acts)),
    ("weapons", lambda i: _joined(i.weapons)),
    ("victims_count", lambda i: i.victims_count if i.victims_count is not None else ""),
    ("injuries", lambda i: i.injuries or ""),
    ("itt_days", lambda i: i.itt_days if i.itt_days is not None else ""),
    ("belongings", lambda i: _joined(f"{b.label}:{b.count}" for b in i.belongings)),
    ("victim_ids", lambda i: _joined(p.id for p in i.victims)),
    ("witness_ids", lambda i: _joined(p.id for p in i.witnesses)),
    ("confidentiality", lambda i: i.confidentiality),
)
_PERSON_COLUMNS: tuple[_Column, ...] = (
    ("id", lambda p: p.id),
    # The designation is what the edition prints: the pseudonym, or a description of someone
    # who may not be named before these readers.
    ("pseudonym", lambda p: p.designation or p.pseudonym),
    ("roles", lambda p: _joined(p.roles)),
    ("age", lambda p: p.age if p.age is not None and p.named else ""),
    ("gender", lambda p: (p.gender or "") if p.named else ""),
    ("nationality", lambda p: (p.nationality or "") if p.named else ""),
)
_EXHIBIT_COLUMNS: tuple[_Column, ...] = (
    ("id", lambda e: e.id),
    ("kind", lambda e: e.kind),
    ("incident_ids", lambda e: _joined(e.incident_ids)),
    ("file", lambda e: e.file or ""),
    ("url", lambda e: e.url or ""),
    ("sha256", lambda e: e.sha256 or ""),
    ("captured_at", lambda e: e.captured_at.replace(tzinfo=None) if e.captured_at else ""),
)
_PROCEEDING_COLUMNS: tuple[_Column, ...] = (
    ("id", lambda p: p[1].id),
    ("incident_id", lambda p: p[0]),
    ("type", lambda p: p[1].type),
    ("date", lambda p: p[1].date or ""),
    ("authority", lambda p: p[1].authority or ""),
    ("reference", lambda p: p[1].reference or ""),
    ("status", lambda p: p[1].status or ""),
    ("response", lambda p: p[1].response or ""),
)


def edition_workbook_name(view: DossierView, source_stem: str) -> str:
    """``incidents-report-public-fr.xlsx``: says whose edition it was written for."""
    return f"{source_stem}-{view.layout}-{view.audience}-{view.lang}.xlsx"


def edition_workbook_bytes(view: DossierView) -> bytes:
    """The records ``view`` shows, as an XLSX workbook with the four sheets' headers in the
    edition's language; the same view gives the same bytes."""
    # openpyxl is only needed when a PDF/A edition is built: loading it costs a tenth of a second.
    from openpyxl import Workbook

    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    lang = view.lang
    incidents: list[IncidentView] = view.incidents
    persons: list[PersonView] = view.persons_cited
    exhibits: list[ExhibitView] = view.exhibits
    proceedings = [(i.id, item) for i in incidents for item in i.proceedings]
    # Free text is in the edition's language: it goes in that language's column.
    summary: _Column = (f"summary_{lang}", lambda i: i.summary)
    description: _Column = (f"description_{lang}", lambda e: e.description or "")
    _sheet(book, "incidents", lang, (*_INCIDENT_COLUMNS, summary), incidents)
    _sheet(book, "persons", lang, _PERSON_COLUMNS, persons)
    _sheet(book, "evidence", lang, (*_EXHIBIT_COLUMNS, description), exhibits)
    _sheet(book, "proceedings", lang, _PROCEEDING_COLUMNS, proceedings)
    return workbook_bytes(book, title=view.title)


def _sheet(
    book: Any,
    key: str,
    lang: str,
    columns: tuple[_Column, ...],
    rows: Sequence[Any],
) -> None:
    spec = SHEETS_BY_KEY[key]
    sheet = book.create_sheet(spec.name(lang))
    headers = [spec.field(field_key).header(lang) for field_key, _read in columns]
    for column, header in enumerate(headers, 1):
        set_value(sheet.cell(row=1, column=column), header)
    readers = [read for _key, read in columns]
    for row_number, row in enumerate(rows, 2):
        for column, read in enumerate(readers, 1):
            value = read(row)
            if isinstance(value, dt.datetime | dt.date | dt.time | int | float):
                set_value(sheet.cell(row=row_number, column=column), value)
            elif value not in ("", None):
                set_value(sheet.cell(row=row_number, column=column), str(value))
