"""What a complaint to the Défenseur des droits still lacks: warnings saying what to add, where."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from dossier.i18n.messages import MESSAGES
from dossier.input.problems import Problem, Severity
from dossier.input.workbook import Workbook
from dossier.schema.fields import SHEETS_BY_KEY
from dossier.schema.header_keys import column_letter
from dossier.schema.records import Incident, Record
from dossier.validate.rows import Dataset

# sheet key → field key → (column letter, header as written in the input)
ColumnPositions = Mapping[str, Mapping[str, tuple[str, str]]]

# Law n° 2017-242 of 27 February 2017 (art. 8 of the code of criminal procedure) took effect on
# 1 March 2017: délits are time-barred after 6 years instead of 3. Under art. 112-2, 4° of the
# code pénal it applies at once to offences not yet time-barred on that day (its own art. 4 only
# protects prosecutions already under way). Sources: docs/legal-basis.md.
LAW_2017_IN_FORCE = dt.date(2017, 3, 1)
PERIOD_BEFORE_2017 = 3  # years
PERIOD_SINCE_2017 = 6  # years
WARN_MONTHS_BEFORE = 12

# Forces whose officers must wear a RIO (national police and gendarmerie); "unidentified" may be
# one of them.
_RIO_FORCES = frozenset(
    {"national_police", "crs", "paf", "gendarmerie", "mobile_gendarmerie", "unidentified"}
)
_TESTIFYING_ROLES = frozenset({"victim", "witness"})
# People with no testimony to date: never identified, or left out of the dossier (art. 8 refusal).
_NO_TESTIMONY = frozenset({"not_identified", "refused"})

# Messages of this module; to be merged into dossier.i18n.messages.MESSAGES. French spacing
# (« » ; :) is fixed by messages.message(), as for the other messages.
COMPLETENESS_MESSAGES: dict[str, dict[str, str]] = {
    key: value for key, value in MESSAGES.items() if key.startswith("completeness_")
}


@dataclass(frozen=True)
class Limitation:
    """When the limitation period for délits ends, and which rule gave the date."""

    deadline: dt.date
    years: int
    # "since_2017": facts since 1 March 2017; "transitional": earlier facts not yet time-barred
    # on that day; "before_2017": facts already time-barred under the former 3-year rule.
    rule: str


def limitation_for(facts: dt.date) -> Limitation:
    """The indicative end of the limitation period for a délit committed on ``facts``.

    6 years for facts since 1 March 2017; for earlier facts, 6 years when the former 3-year
    period had not run out by 1 March 2017 (the 2017 law applies to offences not yet
    time-barred), else 3 years. Interrupting acts are not known here and not counted.
    """
    if facts >= LAW_2017_IN_FORCE:
        return Limitation(_add_years(facts, PERIOD_SINCE_2017), PERIOD_SINCE_2017, "since_2017")
    former = _add_years(facts, PERIOD_BEFORE_2017)
    if former >= LAW_2017_IN_FORCE:
        return Limitation(_add_years(facts, PERIOD_SINCE_2017), PERIOD_SINCE_2017, "transitional")
    return Limitation(former, PERIOD_BEFORE_2017, "before_2017")


def limitation_as_of(facts: dt.date, signed_on: dt.date) -> Limitation:
    """The limitation period for a délit as the law stood on ``signed_on``.

    Before 1 March 2017 the law was 3 years (art. 8 of the code de procédure pénale in its
    2014 wording), whatever came later: a dossier signed then cannot apply a law not yet in
    force. From that day, :func:`limitation_for`.
    """
    if signed_on < LAW_2017_IN_FORCE:
        former = _add_years(facts, PERIOD_BEFORE_2017)
        return Limitation(former, PERIOD_BEFORE_2017, "law_before_2017")
    return limitation_for(facts)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)  # pragma: no cover - day 28 exists in every month


def check_completeness(
    dataset: Dataset, *, today: dt.date, columns: ColumnPositions | None = None
) -> list[Problem]:
    """Warnings for what a DDD complaint file still lacks, each pointing at a row and column.

    ``columns`` gives the letter and header of each column (sheet key → field key → (letter,
    header)); by default ``dataset.columns`` when the Dataset has it. Without it the warnings
    still name the file, sheet, row and (in the message) the column to fill.
    """
    if columns is None:
        columns = getattr(dataset, "columns", None) or {}
    return _Checker(dataset, today, columns).run()


class _Checker:
    def __init__(self, dataset: Dataset, today: dt.date, columns: ColumnPositions) -> None:
        self.dataset = dataset
        self.today = today
        self.columns = columns
        self.problems: list[Problem] = []

    def warn(
        self, sheet_key: str, record: Record, field_key: str, code: str, **params: str
    ) -> None:
        origin = record.origin
        letter, header = self.columns.get(sheet_key, {}).get(field_key, (None, None))
        spec = SHEETS_BY_KEY[sheet_key]
        self.problems.append(
            Problem(
                Severity.WARNING,
                code,
                origin.file if origin is not None else self.dataset.source.name,
                origin.sheet if origin is not None else spec.name("en"),
                origin.row if origin is not None else None,
                letter,
                header,
                None,
                tuple(sorted(params.items())),
            )
        )

    def run(self) -> list[Problem]:
        data = self.dataset
        with_proceedings = {item.incident_id for item in data.proceedings}
        evidence = data.evidence_by_id()
        certificates: dict[str, bool] = {}
        for item in data.evidence:
            if item.kind == "medical_certificate":
                for incident_id in item.incident_ids:
                    certificates[incident_id] = True
        for incident in data.incidents:
            for evidence_id in incident.evidence_ids:
                cited = evidence.get(evidence_id)
                if cited is not None and cited.kind == "medical_certificate":
                    certificates[incident.id] = True
        victims: set[str] = set()
        witnesses: set[str] = set()
        for incident in sorted(data.incidents, key=_row):
            victims.update(incident.victim_ids)
            witnesses.update(incident.witness_ids)
            if not incident.forces:
                self.warn("incidents", incident, "forces", "completeness_no_force")
            if "detention" in incident.acts:
                # The former code merged regimes the law separates: it is read as "regime not
                # specified", and the Défenseur needs to know which one applied.
                self.warn("incidents", incident, "acts", "completeness_detention_regime")
            if incident.date_precision == "year":
                # The Défenseur cannot place, nor an officer answer for, "some day in 2015".
                self.warn("incidents", incident, "date_precision", "completeness_year_only")
            has_certificate = bool(incident.medical_certificate) or incident.id in certificates
            if incident.injuries and not has_certificate:
                self.warn(
                    "incidents",
                    incident,
                    "medical_certificate",
                    "completeness_injuries_without_certificate",
                )
            if has_certificate and incident.itt_days is None:
                self.warn("incidents", incident, "itt_days", "completeness_certificate_without_itt")
            wears_rio = not incident.forces or bool(_RIO_FORCES & set(incident.forces))
            if wears_rio and not incident.rio and incident.rio_visible != "no":
                self.warn("incidents", incident, "rio", "completeness_rio_missing")
            if incident.id not in with_proceedings:
                self.warn("incidents", incident, "id", "completeness_no_proceedings")
            self.check_limitation(incident)
        self.check_persons(victims, witnesses)
        self.check_exhibits()
        return self.problems

    def check_limitation(self, incident: Incident) -> None:
        facts = incident.date
        if facts > self.today:
            return
        limitation = limitation_for(facts)
        warn_from = _add_months(limitation.deadline, -WARN_MONTHS_BEFORE)
        if self.today < warn_from:
            return
        code = (
            "completeness_limitation_past"
            if self.today > limitation.deadline
            else "completeness_limitation_near"
        )
        self.warn(
            "incidents",
            incident,
            "date",
            code,
            deadline=limitation.deadline.isoformat(),
            months=str(WARN_MONTHS_BEFORE),
            years=str(limitation.years),
            rule=limitation.rule,
        )

    def check_persons(self, victims: set[str], witnesses: set[str]) -> None:
        # A dated interview of the interviews sheet is a testimony date too.
        interviewed = {
            person_id
            for interview in self.dataset.interviews
            if interview.date is not None
            for person_id in interview.person_ids
        }
        for person in sorted(self.dataset.persons, key=_row):
            roles = set(person.roles)
            is_victim = "victim" in roles or person.id in victims
            testifies = bool(roles & _TESTIFYING_ROLES) or person.id in victims | witnesses
            if is_victim and person.art8_status is None:
                self.warn("persons", person, "art8_status", "completeness_victim_without_art8")
            if (
                testifies
                and person.interview_date is None
                and person.id not in interviewed
                and person.art8_status not in _NO_TESTIMONY
            ):
                self.warn(
                    "persons", person, "interview_date", "completeness_testimony_without_date"
                )

    def check_exhibits(self) -> None:
        incidents = {incident.id for incident in self.dataset.incidents}
        cited = {eid for incident in self.dataset.incidents for eid in incident.evidence_ids}
        for item in sorted(self.dataset.evidence, key=_row):
            if item.id in cited or any(iid in incidents for iid in item.incident_ids):
                continue
            self.warn("evidence", item, "incident_ids", "completeness_exhibit_not_cited")


def _row(record: Record) -> tuple[str, str, int]:
    origin = record.origin
    if origin is None:
        return ("", "", 0)
    return (origin.file, origin.sheet, origin.row)


def columns_from_workbook(book: Workbook) -> dict[str, dict[str, tuple[str, str]]]:
    """The letter and header of each recognised column, as the validator assigns them.

    The first column that names a field wins, as in validation; ``book.mapping`` renames count.
    """
    positions: dict[str, dict[str, tuple[str, str]]] = {}
    for key, sheet in book.sheets.items():
        match = sheet.spec.match_headers(sheet.headers, book.mapping.get(key, {}))
        positions[key] = {
            field_key: (column_letter(position), sheet.headers[position])
            for field_key, position in match.first.items()
        }
    return positions
