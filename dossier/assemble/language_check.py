"""The cells an edition would print in the other language: what ``--strict-language`` refuses.

An edition prints every free text in its language when the workbook gives it (``summary_en``,
``place_en``…), else the text there is, marked untranslated. This lists, for one assembled
edition, each cell to fill so that the edition holds no text of the other language: its file,
sheet, row and the column to fill (which the workbook may not have yet).
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.assemble.models import DossierView, PersonView
from dossier.i18n.typography import ForeignText, MixedText
from dossier.schema.records import Record
from dossier.validate.rows import Dataset


@dataclass(frozen=True, order=True)
class CellToTranslate:
    """A cell whose text an edition would print in the other language."""

    file: str
    sheet: str
    row: int
    column: str  # the column to fill: ``place_en``, ``summary_fr``, ``nationality``…
    record_id: str


def _foreign(value: object) -> bool:
    return isinstance(value, (ForeignText, MixedText))


def cells_to_translate(view: DossierView, dataset: Dataset) -> list[CellToTranslate]:
    """Every cell ``view`` prints in a language other than its own, in workbook order."""
    lang = view.lang
    incidents = {item.id: item for item in dataset.incidents}
    proceedings = {item.id: item for item in dataset.proceedings}
    persons = dataset.persons_by_id()
    evidence = dataset.evidence_by_id()
    found: set[CellToTranslate] = set()

    def add(record: Record | None, column: str) -> None:
        if record is None or record.origin is None:
            return
        origin = record.origin
        found.add(CellToTranslate(origin.file, origin.sheet, origin.row, column, record.id))

    def person(view_of: PersonView) -> None:
        if _foreign(view_of.nationality) or _foreign(view_of.about):
            add(persons.get(view_of.id), "nationality")

    for incident in view.incidents:
        record = incidents.get(incident.id)
        if incident.summary_untranslated:
            add(record, f"summary_{lang}")
        for key in ("place", "injuries"):
            if _foreign(getattr(incident, key)):
                add(record, f"{key}_{lang}")
        for key in ("units", "weapons"):
            if any(_foreign(item) for item in getattr(incident, key)):
                add(record, f"{key}_{lang}")
        for step in incident.proceedings:
            for key in ("authority", "response"):
                if _foreign(getattr(step, key)):
                    add(proceedings.get(step.id), f"{key}_{lang}")
        for someone in (*incident.victims, *incident.witnesses):
            person(someone)
    for someone in view.persons_cited:
        person(someone)
    for exhibit in view.exhibits:
        if exhibit.description_untranslated:
            add(evidence.get(exhibit.id), f"description_{lang}")
        if _foreign(exhibit.custody_notes):
            add(evidence.get(exhibit.id), f"custody_notes_{lang}")
    return sorted(found)
