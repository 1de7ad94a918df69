"""What a complaint to the Défenseur des droits still lacks: warnings saying what to add, where."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from dossier.i18n.messages import MESSAGES
from dossier.input.problems import Problem, Severity
from dossier.input.workbook import Workbook
from dossier.schema.fields import SHEETS_BY_KEY
from dossier.schema.header_keys import column_letter
from dossier.schema.records import Incident, Record
from dossier.validate.limitation import (
    EXTENDED,
    SUSPENSION_2020_DAYS,
    SUSPENSION_2020_FROM,
    Limitation,
    last_possible_day,
    limitation_as_of,
)
from dossier.validate.rows import Dataset

# sheet key → field key → (column letter, header as written in the input)
ColumnPositions = Mapping[str, Mapping[str, tuple[str, str]]]

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
    dataset: Dataset,
    *,
    today: dt.date,
    signed_on: dt.date | None = None,
    columns: ColumnPositions | None = None,
    limitation_bounds: Mapping[str, dt.date] | None = None,
) -> list[Problem]:
    """Warnings for what a DDD complaint file still lacks, each pointing at a row and column.

    ``signed_on`` is the date the complaint will be signed (by default ``today``): a limitation
    date is computed as the law stood that day, by the computation the complaint itself uses
    (:func:`dossier.validate.limitation.limitation_as_of`), and compared with ``today``.

    ``columns`` gives the letter and header of each column (sheet key → field key → (letter,
    header)); by default ``dataset.columns`` when the Dataset has it. Without it the warnings
    still name the file, sheet, row and (in the message) the column to fill.

    ``limitation_bounds`` gives, for each way a period is computed (``Limitation.rule``), the
    last day the legal table confirms the versions of the articles the complaint cites for it
    (``dossier.assemble.complaint.limitation_bounds``, which this stage cannot import): a
    limitation warning on a later signature date is followed by one saying so.
    """
    if columns is None:
        columns = getattr(dataset, "columns", None) or {}
    checker = _Checker(dataset, today, signed_on or today, columns, limitation_bounds or {})
    return checker.run()


#: The longest a flagrance enquiry runs: eight days, and eight more if the prosecutor extends it
#: (code de procédure pénale, art. 53, second and third paragraphs).
FLAGRANCE_MAX_DAYS = 16


class _Checker:
    def __init__(
        self,
        dataset: Dataset,
        today: dt.date,
        signed_on: dt.date,
        columns: ColumnPositions,
        limitation_bounds: Mapping[str, dt.date],
    ) -> None:
        self.dataset = dataset
        self.today = today
        self.signed_on = signed_on
        self.columns = columns
        self.limitation_bounds = limitation_bounds
        self.problems: list[Problem] = []
        self.persons_by_id = {person.id: person for person in dataset.persons}

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
            if incident.knowledge == "victim_mandate" and self.only_minors(incident.victim_ids):
                # LO art. 8 speaks, for a child, of the legal representatives: the complaint
                # must not relay a child's "mandate" as if the child could give it alone.
                self.warn("incidents", incident, "knowledge", "completeness_mandate_from_minor")
            self.check_limitation(incident)
        self.check_persons(victims, witnesses)
        self.check_exhibits()
        self.check_proceedings()
        return self.problems

    def check_proceedings(self) -> None:
        for step in sorted(self.dataset.proceedings, key=_row):
            # CPP art. 53 (loi n° 2004-204 wording, read in the Etalab LEGI export): a flagrance
            # enquiry runs eight days, extended once by eight at most; one begun earlier cannot
            # still be « en cours » when the complaint is signed.
            if (
                step.status == "flagrante_enquiry"
                and step.date is not None
                and (self.signed_on - step.date).days > FLAGRANCE_MAX_DAYS
            ):
                self.warn(
                    "proceedings",
                    step,
                    "status",
                    "completeness_flagrance_too_long",
                    started=step.date.isoformat(),
                    signature=self.signed_on.isoformat(),
                )

    def only_minors(self, victim_ids: list[str]) -> bool:
        """Whether the incident names victims and every one of them is recorded as a minor."""
        persons = self.persons_by_id
        named = [persons[pid] for pid in victim_ids if pid in persons]
        return bool(named) and all(
            person.minor or (person.age is not None and person.age < 18) for person in named
        )

    def check_limitation(self, incident: Incident) -> None:
        facts = incident.date
        if facts > self.today:
            return
        limitation = limitation_as_of(facts, self.signed_on)
        # An undated period (the 2020 suspension) ends no earlier than its date without it.
        warn_from = _add_months(limitation.deadline, -WARN_MONTHS_BEFORE)
        if self.today < warn_from:
            return
        code = _limitation_code(limitation, facts, past=self.today > limitation.deadline)
        # Facts known by their month or year only may be of any day of it: the complaint prints
        # no date for them, and the warning gives the span their period ends in instead.
        latest = limitation_as_of(last_possible_day(facts, incident.date_precision), self.signed_on)
        span: dict[str, str] = {}
        if incident.date_precision in ("month", "year") and limitation.dated and latest.dated:
            code = "completeness_limitation_imprecise"
            # Only this message has a second date: another's groups must not split on it.
            span = {"latest": latest.deadline.isoformat()}
        self.warn(
            "incidents",
            incident,
            "date",
            code,
            deadline=limitation.deadline.isoformat(),
            **span,
            months=str(WARN_MONTHS_BEFORE),
            years=str(limitation.years),
            rule=limitation.rule,
            signature=self.signed_on.isoformat(),
            days=str(SUSPENSION_2020_DAYS),
        )
        # The period rests on articles whose version on the signature date nobody confirmed:
        # the complaint marks them « version applicable non vérifiée »; say so before it is.
        bound = self.limitation_bounds.get(limitation.rule)
        if bound is not None and self.signed_on > bound:
            self.warn(
                "incidents",
                incident,
                "date",
                "completeness_limitation_unverified",
                verified_through=bound.isoformat(),
                signature=self.signed_on.isoformat(),
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


def _limitation_code(limitation: Limitation, facts: dt.date, *, past: bool) -> str:
    """The message that says what the complaint will say of this period."""
    if not limitation.dated:
        # The complaint gives no date either: the warning says why, and the earliest end.
        return (
            "completeness_limitation_suspension_began"
            if facts >= SUSPENSION_2020_FROM
            else "completeness_limitation_suspension_running"
        )
    code = "completeness_limitation_past" if past else "completeness_limitation_near"
    return f"{code}_extended" if limitation.suspension == EXTENDED else code


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
