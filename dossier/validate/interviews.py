"""Interviews and quotes checked against the incidents they are cited for; old interview columns.

An interview is cited in the footnotes of the incidents it was about, so it cannot be dated
before any of them; nor can a letter to the authorities (correspondence sheet) be dated before
an incident it is about. A quote is said by a person the interview heard, about an incident the
interview was about. A workbook from before the interviews sheet kept one interview date, place
and mode per person: each such person becomes one interview about their incidents that did not
happen after it (an interview is never cited for a later incident); a warning says when that
interview is cited for several incidents, or leaves some out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dossier.input.problems import Severity
from dossier.schema.records import Incident, Interview, Letter, Origin, Person, Quote
from dossier.validate.cells import CellError
from dossier.validate.identities import Checker

__all__ = [
    "LEGACY_SUFFIX",
    "LegacyInterview",
    "check_interviews",
    "interview_date_errors",
    "interviews_from_persons",
    "later_incident_warnings",
    "letter_date_errors",
    "quote_errors",
    "quote_incident",
    "quote_speaker",
]

#: What the id of an interview read from a person's columns ends with (after the person's id).
LEGACY_SUFFIX = "~interview"


@dataclass(frozen=True)
class LegacyInterview:
    """One interview made from a person's interview columns, and the incidents left out of it."""

    interview: Interview
    later_incidents: list[str]  # the person's incidents dated after the interview: not cited

    @property
    def several(self) -> bool:
        """Cited for several incidents: one interview, or several the columns cannot tell apart."""
        return len(self.interview.incident_ids) > 1


def interview_date_errors(
    interview: Interview, incidents: Mapping[str, Incident]
) -> list[CellError]:
    """One error per incident the interview is about that happened after it.

    An incident dated only by its month or year starts on its first day: an interview before
    that day is before the incident whatever its exact day.
    """
    errors = []
    for incident_id in interview.incident_ids:
        incident = incidents.get(incident_id)
        if incident is not None and interview.date is not None and interview.date < incident.date:
            errors.append(
                CellError(
                    "interview_before_incident",
                    interview.date.isoformat(),
                    incident=incident_id,
                    incident_date=incident.date.isoformat(),
                )
            )
    return errors


def letter_date_errors(letter: Letter, incidents: Mapping[str, Incident]) -> list[CellError]:
    """One error per incident the letter is about that happened after it was sent."""
    return [
        CellError(
            "letter_before_incident",
            letter.date.isoformat(),
            incident=incident.id,
            incident_date=incident.date.isoformat(),
        )
        for incident in (incidents.get(incident_id) for incident_id in letter.incident_ids)
        if incident is not None and letter.date < incident.date
    ]


def quote_errors(quote: Quote, interview: Interview | None) -> list[tuple[str, CellError]]:
    """What makes a quote unattributable: (column, error) for its person and its incident."""
    if interview is None:  # an unknown interview is reported as an unknown reference
        return []
    errors: list[tuple[str, CellError]] = []
    if quote.person_id is None:
        if len(interview.person_ids) > 1:
            errors.append(("person_id", CellError("quote_person_missing", interview.id)))
    elif quote.person_id not in interview.person_ids:
        errors.append(
            (
                "person_id",
                CellError("quote_person_not_in_interview", quote.person_id, interview=interview.id),
            )
        )
    if quote.incident_id is None:
        if len(interview.incident_ids) > 1:
            errors.append(("incident_id", CellError("quote_incident_missing", interview.id)))
    elif quote.incident_id not in interview.incident_ids:
        errors.append(
            (
                "incident_id",
                CellError(
                    "quote_incident_not_in_interview", quote.incident_id, interview=interview.id
                ),
            )
        )
    return errors


def quote_speaker(quote: Quote, interview: Interview) -> str | None:
    """Who said the quote: its person, else the interview's only person."""
    if quote.person_id is not None:
        return quote.person_id
    return interview.person_ids[0] if len(interview.person_ids) == 1 else None


def quote_incident(quote: Quote, interview: Interview) -> str | None:
    """What the quote is about: its incident, else the interview's only incident."""
    if quote.incident_id is not None:
        return quote.incident_id
    return interview.incident_ids[0] if len(interview.incident_ids) == 1 else None


def interviews_from_persons(
    persons: Iterable[Person], incidents: Iterable[Incident], interviewed: set[str]
) -> list[LegacyInterview]:
    """One interview per person whose own columns record one and who is in no interviews row.

    The interview is about the incidents the person is a victim or witness of, except those
    dated after it; without a date it is about all of them (no footnote then gives a date).
    """
    recorded = [
        person
        for person in persons
        if person.id not in interviewed
        and (person.interview_date is not None or person.interview_mode is not None)
    ]
    if not recorded:  # most workbooks: no incident need be looked at (0.3 s on 100,000 rows)
        return []
    wanted = {person.id for person in recorded}
    theirs: dict[str, list[Incident]] = {}
    for incident in incidents:
        for person_id in dict.fromkeys([*incident.victim_ids, *incident.witness_ids]):
            if person_id in wanted:
                theirs.setdefault(person_id, []).append(incident)
    made = []
    for person in recorded:
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


def later_incident_warnings(made: Iterable[LegacyInterview]) -> list[tuple[str, CellError]]:
    """(person id, warning) for each interview read from a person's columns that is dated
    before some of their incidents: it is not cited for those."""
    return [
        (
            legacy.interview.person_ids[0],
            CellError(
                "legacy_interview_before_incident",
                legacy.interview.date.isoformat() if legacy.interview.date else None,
                incidents=", ".join(legacy.later_incidents),
            ),
        )
        for legacy in made
        if legacy.later_incidents
    ]


def _accepted(checker: Checker, sheet_key: str) -> list[tuple[Any, Any]]:
    sheet = checker.sheets.get(sheet_key)
    rows = sheet.rows if sheet is not None else []
    return [(row, row.record) for row in rows if row.record is not None and not row.failed]


def check_interviews(checker: Checker) -> list[LegacyInterview]:
    """Interviews not before their incidents, quotes attributable, old person columns read as
    interviews: the problems go to ``checker``; the interviews made from person columns are
    returned (the dataset holds them after the interviews sheet's rows)."""
    incidents = {record.id: record for _row, record in _accepted(checker, "incidents")}
    interviews_sheet = checker.sheets.get("interviews")
    for row, record in _accepted(checker, "interviews"):
        for error in interview_date_errors(record, incidents):
            checker.cell_problem(checker.sheets["interviews"], row, "date", error, Severity.ERROR)
    for row, record in _accepted(checker, "correspondence"):
        for error in letter_date_errors(record, incidents):
            checker.cell_problem(
                checker.sheets["correspondence"], row, "date", error, Severity.ERROR
            )
    interviews = {record.id: record for _row, record in _accepted(checker, "interviews")}
    for row, record in _accepted(checker, "quotes"):
        for key, error in quote_errors(record, interviews.get(record.interview_id)):
            checker.cell_problem(checker.sheets["quotes"], row, key, error, Severity.ERROR)
    interviewed = {
        person_id
        for row in (interviews_sheet.rows if interviews_sheet is not None else [])
        for person_id in (row.get("person_ids") or ())
    }
    persons = _accepted(checker, "persons")
    legacy = interviews_from_persons(
        (record for _row, record in persons), incidents.values(), interviewed
    )
    if not legacy:
        return legacy
    persons_sheet = checker.sheets["persons"]
    # One interview per person is right for one incident; for several, it may stand for
    # interviews the footnotes should tell apart.
    if several := sum(1 for made in legacy if made.several):
        raw, column = persons_sheet.raw, persons_sheet.columns.get("interview_date")
        code = "legacy_interview_columns"
        checker.problem(Severity.WARNING, code, raw, raw.header_row, column, count=str(several))
    rows_by_id = {record.id: row for row, record in persons}
    for person_id, error in later_incident_warnings(legacy):
        checker.cell_problem(
            persons_sheet, rows_by_id[person_id], "interview_date", error, Severity.WARNING
        )
    return legacy
