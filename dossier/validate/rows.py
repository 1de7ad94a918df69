"""Turn raw sheets into typed records and a report that accounts for every row.

Each cell is read by :mod:`dossier.validate.cells`; here rows become records, each row is
checked as a whole, then references between sheets and the evidence files
(:mod:`dossier.validate.evidence`) are.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import Any

from dossier.events import counted
from dossier.input.kobo import load_kobo
from dossier.input.mapping import ColumnMapping, load_mapping_file
from dossier.input.problems import Problem, Severity
from dossier.input.template_rows import without_example_rows
from dossier.input.workbook import CellValue, CsvRows, RawSheet, Workbook, load_workbook
from dossier.schema.columns import IGNORE, Field, Kind
from dossier.schema.header_keys import column_letter, fold_key
from dossier.schema.records import (
    RECORD_TYPES,
    Evidence,
    FrozenDict,
    FrozenList,
    Incident,
    Interview,
    Letter,
    Origin,
    Person,
    Proceeding,
    Quote,
    Record,
)
from dossier.validate.act_forces import read_act_forces
from dossier.validate.cells import (
    BLANK,
    CellError,
    Flagged,
    quoted,
)
from dossier.validate.construct import trusted_constructor, trusted_dict_constructor
from dossier.validate.evidence import (
    evidence_error,
    piece_number_problems,
    resolve_evidence_path,
    sha256_evidence,
)
from dossier.validate.identities import check_identities
from dossier.validate.interviews import LegacyInterview, check_interviews
from dossier.validate.nationalities import nationality_warnings
from dossier.validate.pseudonyms import check_pseudonyms
from dossier.validate.row_values import CellPlan
from dossier.validate.unknown_columns import holds_data, unknown_column_problems
from dossier.validate.validation_report import SheetCount, ValidationReport


@dataclass
class Dataset:
    """The accepted records of one input, with the folder their evidence files live in."""

    source: Path
    incidents: list[Incident] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    proceedings: list[Proceeding] = field(default_factory=list)
    #: The interviews sheet's rows, then one interview per person whose own columns hold one.
    interviews: list[Interview] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    correspondence: list[Letter] = field(default_factory=list)
    evidence_dir: Path | None = None
    # sheet key → field key → (column letter, header as written), to point at cells later
    columns: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    def persons_by_id(self) -> dict[str, Person]:
        return {person.id: person for person in self.persons}

    def evidence_by_id(self) -> dict[str, Evidence]:
        return {item.id: item for item in self.evidence}


def validate_workbook(
    book: Workbook,
    *,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
    for_build: bool = False,
) -> tuple[Dataset, ValidationReport]:
    """Check every row of every sheet; return the accepted records and the full report.

    ``for_build``: a column no field reads that holds data is an error (its content would be
    lost from the dossier) rather than a warning, unless the mapping says to ignore it.

    ``progress`` receives :class:`dossier.events.StepProgress` messages: rows checked (for a
    CSV, the bytes of the file read) and evidence files hashed.
    """

    validator = _Validator(book, today or dt.date.today(), progress, for_build)
    # Validation creates millions of objects and no reference cycles: the cyclic garbage
    # collector would only scan the growing records again and again (half the run time on
    # 100,000 rows), and reference counting frees everything temporary. So it is paused; and
    # before it resumes, what was created meanwhile goes straight to the oldest generation
    # (freeze, then unfreeze), or the first young-generation pass would scan every record once
    # more (another 20 %). Nothing is exempted from collection: full passes still see it all.
    collecting = gc.isenabled()
    gc.disable()
    try:
        dataset, report = validator.run()
    finally:
        if collecting:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
    # The example rows of our spreadsheet template, left out, and the import profile's own
    # notices are reported after the validation problems.
    for key in book.sheets:
        report.problems.extend(validator.example_rows.get(key, []))
    report.problems.extend(getattr(book, "problems", []))
    return dataset, report


def load_and_validate(
    source: Path | str,
    *,
    mapping: dict[str, dict[str, str]] | ColumnMapping | Path | None = None,
    evidence_dir: Path | None = None,
    today: dt.date | None = None,
    profile: str = "workbook",
    progress: Callable[[str], None] | None = None,
    for_build: bool = False,
) -> tuple[Dataset, ValidationReport]:
    """Load and validate in one call. Raises :class:`dossier.input.errors.LoadError` if unreadable.

    ``profile`` is ``workbook`` (our columns, English or French headers) or ``kobo`` (a
    KoboToolbox / ODK export). ``progress``, a callback like :func:`dossier.build.build_dossiers`'s,
    is told how the loading (rows, or bytes of a CSV), the checking and the hashing of the
    evidence files go, in :class:`dossier.events.StepProgress` messages.
    """
    book: Workbook
    if profile == "kobo":
        renames = mapping.renames if isinstance(mapping, ColumnMapping) else mapping
        book = load_kobo(Path(source), evidence_dir, mapping=renames)
        if isinstance(mapping, (Path, ColumnMapping)):
            read = load_mapping_file(mapping) if isinstance(mapping, Path) else mapping
            book.values = read.values
    elif profile == "workbook":
        book = load_workbook(source, mapping=mapping, evidence_dir=evidence_dir, progress=progress)
    else:
        raise ValueError(f"unknown input profile {profile!r} (expected workbook, kobo)")
    return validate_workbook(book, today=today, progress=progress, for_build=for_build)


# What the cross-sheet checks read from a row whose record was not built.
_CROSS_KEYS = (
    "id",
    "victim_ids",
    "witness_ids",
    "evidence_ids",
    "incident_ids",
    "incident_id",
    "file",
    "sha256",
    # The identity check looks for every legal name and contact of the persons sheet, those
    # of a person row rejected for another cell (a bad age) too: the row is rejected, the name
    # typed into a summary is still a leak.
    "pseudonym",
    "legal_name",
    "contact",
)


class _Row:
    """What validation keeps of a row after reading it: its record, or what cross-checks need."""

    __slots__ = ("bad_keys", "cross", "failed", "number", "record")

    def __init__(self, number: int) -> None:
        self.number = number
        self.failed = False
        self.bad_keys: set[str] | None = None  # fields that already have an error
        self.record: Record | None = None
        self.cross: dict[str, Any] | None = None

    def get(self, key: str) -> Any:
        if self.record is not None:
            return self.record.__dict__.get(key)
        return self.cross.get(key) if self.cross else None

    def has_error(self, key: str) -> bool:
        return self.bad_keys is not None and key in self.bad_keys


@dataclass
class _Sheet:
    """One sheet being validated: where its columns are, and its rows once read."""

    raw: RawSheet
    columns: dict[str, int]  # field key → column index, to point at cells
    rows: list[_Row] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.required = [column.key for column in self.raw.spec.fields if column.required]
        self.first_rows: dict[str, int] = {}  # id → the row it first appears on


class _Validator:
    def __init__(
        self,
        book: Workbook,
        today: dt.date,
        progress: Callable[[str], None] | None = None,
        for_build: bool = False,
    ) -> None:
        self.book = book
        self.for_build = for_build
        self.today = today
        self.progress = progress
        self.report = ValidationReport()
        self.sheets: dict[str, _Sheet] = {}
        # sheet key → the warnings for the template's example rows, left out while reading
        self.example_rows: dict[str, list[Problem]] = {}
        self.legacy_interviews: list[LegacyInterview] = []

    # Problems ---------------------------------------------------------------------------------

    def problem(
        self,
        severity: Severity,
        code: str,
        sheet: RawSheet,
        row: int | None = None,
        column: int | None = None,
        value: str | None = None,
        **params: str,
    ) -> None:
        header = None
        if column is not None and column < len(sheet.headers):
            header = quoted(sheet.headers[column])
        self.report.problems.append(
            Problem(
                severity,
                code,
                sheet.file,
                sheet.name,
                row,
                column_letter(column) if column is not None else None,
                header,
                value,
                tuple(sorted(params.items())),
            )
        )

    def cell_problem(
        self, sheet: _Sheet, row: _Row, key: str, error: CellError, severity: Severity
    ) -> None:
        value = error.value
        if value is not None and sheet.raw.spec.field(key).confidential:
            # A legal name or contact is never printed, not even in the report: reports get
            # pasted into e-mails and CI logs.
            value = None
        self.problem(
            severity,
            error.code,
            sheet.raw,
            row.number,
            sheet.columns.get(key),
            value,
            **error.params,
        )
        if severity is Severity.ERROR:
            row.failed = True
            if row.bad_keys is None:
                row.bad_keys = set()
            row.bad_keys.add(key)

    # Run --------------------------------------------------------------------------------------

    def run(self) -> tuple[Dataset, ValidationReport]:
        for file_name, sheet_name in self.book.ignored_sheets:
            self.report.problems.append(
                Problem(
                    Severity.WARNING,
                    "unknown_sheet",
                    file_name,
                    sheet_name,
                    params=(("sheet", sheet_name),),
                )
            )
        for key in RECORD_TYPES:
            raw = self.book.sheets.get(key)
            if raw is not None:
                self.read_sheet(raw)
                for number in raw.fallback_rows:
                    self.problem(Severity.WARNING, "mixed_encoding", raw, number)
        self.check_references()
        self.legacy_interviews = check_interviews(self)
        self.check_evidence_files()
        check_identities(self)
        check_pseudonyms(self)
        persons = self.sheets.get("persons")
        if persons is not None and "nationality" in persons.columns:
            for row, warning in nationality_warnings(persons.rows):
                self.cell_problem(persons, row, "nationality", warning, Severity.WARNING)
        self.check_piece_numbers()
        return self.build_dataset(), self.report

    def column_plan(self, sheet: RawSheet) -> tuple[dict[str, int], list[Field], list[int]]:
        """Map each field to its column; report duplicate columns.

        Returns the first column of each field, the required fields that have none, and the
        positions of the headers that name no field (reported once their cells are seen).
        """
        spec = sheet.spec
        match = spec.match_headers(sheet.headers, self.book.mapping.get(spec.key, {}))
        columns = match.first
        renames = self.book.mapping.get(spec.key, {})
        for position, column in enumerate(match.named):
            if position in match.unknown:
                continue
            if column is None and renames.get(fold_key(sheet.headers[position])) == IGNORE:
                self.problem(Severity.WARNING, "ignored_column", sheet, sheet.header_row, position)
            elif column is not None and columns[column.key] != position:
                self.problem(
                    Severity.WARNING,
                    "duplicate_column",
                    sheet,
                    sheet.header_row,
                    position,
                    field=column.en,
                    other=column_letter(columns[column.key]),
                )
        missing = [
            column for column in spec.fields if column.required and column.key not in columns
        ]
        return columns, missing, sorted(match.unknown)

    def unknown_columns(
        self, raw: RawSheet, columns: dict[str, int], filled: dict[int, list[int]]
    ) -> None:
        """Report each header that names no field (see :mod:`dossier.validate.unknown_columns`)."""
        self.report.problems.extend(unknown_column_problems(raw, columns, filled, self.for_build))

    def read_sheet(self, raw: RawSheet) -> None:
        tally = SheetCount(raw.name, raw.file)
        self.report.counts[raw.spec.key] = tally
        if not any(header.strip() for header in raw.headers):
            # A template's empty "persons" tab: nothing to check, and nothing to lose.
            self.problem(Severity.WARNING, "empty_sheet", raw)
            return
        columns, missing, unknown = self.column_plan(raw)
        # Unknown column → the rows whose cell in it holds something.
        filled: dict[int, list[int]] = {position: [] for position in unknown}
        examples = self.example_rows[raw.spec.key] = []
        source_rows = without_example_rows(raw, columns.get("id"), examples)
        if missing:
            for number, row_cells in source_rows:
                tally.read += 1
                for position in unknown:
                    if position < len(row_cells) and holds_data(row_cells[position]):
                        filled[position].append(number)
            tally.rejected = tally.read
            self.unknown_columns(raw, columns, filled)
            for column in missing:
                self.problem(
                    Severity.ERROR,
                    "missing_column",
                    raw,
                    raw.header_row,
                    None,
                    field=f"{column.en} / {column.fr}",
                    count=str(tally.read),
                )
            return
        sheet = self.sheets[raw.spec.key] = _Sheet(raw, columns)
        # A workbook's 1, 1.0 and True are equal as dict keys but do not read the same: there,
        # cells that are not text go by (type, value). Text and blanks stay as they are.
        wrapped = not isinstance(raw.rows, CsvRows)
        plan = CellPlan(raw, columns, self.today, self.book.values, wrapped, unknown, filled)
        rows = sheet.rows
        first_rows = sheet.first_rows
        check_row = self.check_row
        make_record = _RecordBuilder(raw).build
        cross_keys = _CROSS_KEYS
        if self.progress is not None:
            source_rows = self.reporting(raw, source_rows, self.progress)
        for number, values, odd, long_errors in plan.by_rows(source_rows):
            row = _Row(number)
            if long_errors:
                for key, error in long_errors:
                    self.cell_problem(sheet, row, key, error, Severity.ERROR)
            if odd is not None:
                self.flagged_cells(sheet, row, values, odd)
            check_row(sheet, row, values)
            if row.failed:
                row.cross = {key: values[key] for key in cross_keys if key in values}
            else:
                row.record = make_record(number, values)
            identifier = values.get("id")
            if identifier is not None:
                first = first_rows.setdefault(identifier, number)
                if first != number:
                    self.cell_problem(
                        sheet,
                        row,
                        "id",
                        CellError("duplicate_id", identifier, other_row=str(first)),
                        Severity.ERROR,
                    )
            rows.append(row)
        tally.read = len(rows)
        self.unknown_columns(raw, columns, filled)

    @staticmethod
    def reporting(
        raw: RawSheet,
        rows: Iterable[tuple[int, Sequence[CellValue]]],
        progress: Callable[[str], None],
    ) -> Iterable[tuple[int, Sequence[CellValue]]]:
        """The sheet's ``rows``, telling ``progress`` how far the checking has got."""

        if isinstance(raw.rows, CsvRows):
            # Read as it is checked: how far is the share of the file's bytes read.
            csv_rows = raw.rows
            try:
                size = csv_rows.path.stat().st_size
            except OSError:
                size = 0
            step = f"read {raw.file}"
            position = csv_rows.bytes_read
            return counted(rows, progress, step, total=size, unit="bytes", position=position)
        total = len(rows) if isinstance(rows, Sized) else 0
        return counted(rows, progress, f"check {raw.name}", total=total)

    def flagged_cells(
        self, sheet: _Sheet, row: _Row, values: dict[str, Any], odd: list[tuple[str, Flagged]]
    ) -> None:
        for key, flagged in odd:
            if flagged.value is not BLANK:
                values[key] = flagged.value
            if flagged.precision is not None:
                values.setdefault("_implied_precision", flagged.precision)
            for severity, error in flagged.issues:
                self.cell_problem(sheet, row, key, error, severity)

    def check_row(self, sheet: _Sheet, row: _Row, values: dict[str, Any]) -> None:
        spec = sheet.raw.spec
        for key in sheet.required:
            # Values hold no blanks: a required field is missing when its key is.
            if key not in values and not row.has_error(key):
                self.cell_problem(sheet, row, key, CellError("required_value"), Severity.ERROR)
        precision = values.pop("_implied_precision", None)
        if spec.key == "incidents":
            if "done_by" in values:
                # Which force did which act: checked against the row's own acts and forces.
                pairs, problems = read_act_forces(
                    values["done_by"],
                    None if row.has_error("acts") else values.get("acts", ()),
                    None if row.has_error("forces") else values.get("forces", ()),
                )
                values["done_by"] = pairs
                for problem in problems:
                    self.cell_problem(sheet, row, "done_by", problem, Severity.ERROR)
            if precision and "date_precision" not in values:
                values["date_precision"] = precision
            if (
                not values.get("summary_fr")
                and not values.get("summary_en")
                and not row.has_error("summary_fr")
                and not row.has_error("summary_en")
            ):
                key = "summary_fr" if "summary_fr" in sheet.columns else "summary_en"
                self.cell_problem(sheet, row, key, CellError("missing_summary"), Severity.ERROR)
        if (
            spec.key in ("incidents", "evidence")
            and "confidentiality" not in values
            and not row.has_error("confidentiality")
        ):
            self.cell_problem(
                sheet,
                row,
                "confidentiality",
                CellError("default_confidentiality"),
                Severity.WARNING,
            )
        if spec.key == "persons":
            age, minor = values.get("age"), values.get("minor")
            if age is not None and minor is not None and (age < 18) != minor:
                self.cell_problem(
                    sheet,
                    row,
                    "minor",
                    CellError(
                        "minor_age_mismatch", None, age=str(age), minor="yes" if minor else "no"
                    ),
                    Severity.WARNING,
                )
            if minor is None and age is not None:
                values["minor"] = age < 18
        if spec.key == "evidence" and not values.get("file") and not values.get("url"):
            self.cell_problem(
                sheet, row, "file", CellError("evidence_without_source"), Severity.WARNING
            )

    # Cross-sheet checks -----------------------------------------------------------------------

    def known_ids(self, sheet_key: str) -> set[str]:
        sheet = self.sheets.get(sheet_key)
        return set(sheet.first_rows) if sheet is not None else set()

    def check_references(self) -> None:
        persons = self.known_ids("persons")
        evidence = self.known_ids("evidence")
        incidents = self.known_ids("incidents")
        targets = {
            "incidents": (
                ("victim_ids", "persons", persons),
                ("witness_ids", "persons", persons),
                ("evidence_ids", "evidence", evidence),
            ),
            "evidence": (("incident_ids", "incidents", incidents),),
            "proceedings": (("incident_id", "incidents", incidents),),
            "interviews": (
                ("person_ids", "persons", persons),
                ("incident_ids", "incidents", incidents),
            ),
            "quotes": (
                ("interview_id", "interviews", self.known_ids("interviews")),
                ("person_id", "persons", persons),
                ("incident_id", "incidents", incidents),
            ),
            "correspondence": (
                ("incident_ids", "incidents", incidents),
                ("evidence_ids", "evidence", evidence),
            ),
        }
        for sheet_key, all_checks in targets.items():
            sheet = self.sheets.get(sheet_key)
            if sheet is None:
                continue
            # Most references are right: look row by row only for a column with unknown ones.
            records = [row.record for row in sheet.rows if row.record is not None]
            others = [row for row in sheet.rows if row.record is None]
            checks = [
                check
                for check in all_checks
                if not self.all_known(sheet, records, others, check[0], check[2])
            ]
            if not checks:
                continue
            for row in sheet.rows:
                data = row.record.__dict__ if row.record is not None else row.cross or {}
                for key, target_sheet, ids in checks:
                    value = data.get(key)
                    if not value:
                        continue
                    references = value if isinstance(value, list) else (value,)
                    if ids.issuperset(references):
                        continue
                    for reference in references:
                        if reference not in ids:
                            target = self.sheet_display_name(target_sheet)
                            self.cell_problem(
                                sheet,
                                row,
                                key,
                                CellError("unknown_reference", reference, target=target),
                                Severity.ERROR,
                            )

    @staticmethod
    def all_known(
        sheet: _Sheet, records: list[Record], others: list[_Row], key: str, ids: set[str]
    ) -> bool:
        """Whether every reference in column ``key`` is known (the usual case, checked fast)."""
        if key not in sheet.columns:
            return True
        values = [*map(attrgetter(key), records), *(row.get(key) for row in others)]
        if sheet.raw.spec.field(key).kind is Kind.ID_LIST:
            references = set(chain.from_iterable(value for value in values if value))
        else:
            references = set(values)
            references.discard(None)
        return references <= ids

    def sheet_display_name(self, key: str) -> str:
        sheet = self.book.sheets.get(key)
        return sheet.name if sheet is not None else key

    def check_piece_numbers(self) -> None:
        """Pièce numbers and timecodes of the evidence sheet (see :func:`piece_number_problems`)."""
        sheet = self.sheets.get("evidence")
        if sheet is None:
            return
        for row, key, error, severity in piece_number_problems(
            sheet.rows, has_column="piece_number" in sheet.columns
        ):
            self.cell_problem(sheet, row, key, error, severity)

    def check_evidence_files(self) -> None:
        folder = self.book.evidence_dir
        sheet = self.sheets.get("evidence")
        if sheet is None:
            return
        with_files = [row for row in sheet.rows if row.get("file")]
        if folder is not None and folder.is_symlink():
            # A folder that is a link may lead anywhere (evidence -> /etc): no file is read
            # through it. The user gives the real folder with --evidence.
            for row in with_files:
                self.cell_problem(
                    sheet,
                    row,
                    "file",
                    CellError("evidence_folder_link", row.get("file"), folder=str(folder)),
                    Severity.ERROR,
                )
            return
        rows: Iterable[_Row] = with_files
        if self.progress is not None:
            total = len(with_files)
            rows = counted(rows, self.progress, "hash evidence", total=total, unit="files", every=1)
        for row in rows:
            relative = row.get("file")
            shown_folder = str(folder) if folder else "—"
            target = resolve_evidence_path(folder, relative) if folder else None
            if target is None:
                self.cell_problem(
                    sheet,
                    row,
                    "file",
                    CellError("evidence_path_escapes", relative, folder=shown_folder),
                    Severity.ERROR,
                )
                continue
            try:
                is_file = target.is_file()
            except OSError:  # a name too long, a loop of links
                is_file = False
            if not is_file:
                self.cell_problem(
                    sheet,
                    row,
                    "file",
                    CellError("evidence_file_missing", relative, folder=shown_folder),
                    Severity.ERROR,
                )
                continue
            try:
                assert folder is not None  # a target is only resolved inside a folder
                actual = sha256_evidence(folder, target)
            except OSError as error:
                self.cell_problem(
                    sheet,
                    row,
                    "file",
                    evidence_error(error, relative, shown_folder),
                    Severity.ERROR,
                )
                continue
            given = row.get("sha256")
            if given is None:
                if row.record is not None:
                    row.record = row.record.model_copy(
                        update={"sha256": actual, "sha256_computed": True}
                    )
            elif given != actual:
                self.cell_problem(
                    sheet,
                    row,
                    "sha256",
                    CellError("sha256_mismatch", given, file=relative, actual=actual),
                    Severity.ERROR,
                )

    # Records ----------------------------------------------------------------------------------

    def build_dataset(self) -> Dataset:
        dataset = Dataset(self.book.source, evidence_dir=self.book.evidence_dir)
        targets: dict[str, list[Any]] = {
            "incidents": dataset.incidents,
            "persons": dataset.persons,
            "evidence": dataset.evidence,
            "proceedings": dataset.proceedings,
            "interviews": dataset.interviews,
            "quotes": dataset.quotes,
            "correspondence": dataset.correspondence,
        }
        for sheet_key, sheet in self.sheets.items():
            count = self.report.counts[sheet_key]
            accepted = targets[sheet_key]
            for row in sheet.rows:
                if row.failed or row.record is None:
                    count.rejected += 1
                else:
                    accepted.append(row.record)
            count.accepted = len(accepted)
        # Interviews read from persons' own columns are no rows of the interviews sheet: they
        # come after its count.
        dataset.interviews.extend(made.interview for made in self.legacy_interviews)
        dataset.columns = {
            key: {
                field_key: (column_letter(position), sheet.raw.headers[position])
                for field_key, position in sheet.columns.items()
            }
            for key, sheet in self.sheets.items()
        }
        return dataset


_EMPTY_LIST = FrozenList()
_EMPTY_DICT = FrozenDict()
_ORIGIN_FIELDS = {"file", "sheet", "row"}


class _RecordBuilder:
    """Builds records from values the cell readers have already checked, with model_construct.

    Validating each record again with pydantic would add 5 µs a record (a quarter of the run on
    100,000 rows) to check what the readers guarantee: the right types, vocabulary codes, ranges
    and patterns; the tests validate the records built here with pydantic to keep that true.
    Lists and dicts are read-only (FrozenList, FrozenDict), so equal cells share one, and blank
    ones share one empty container.
    """

    def __init__(self, raw: RawSheet) -> None:
        self.construct = trusted_constructor(RECORD_TYPES[raw.spec.key])
        self.origin = trusted_dict_constructor(Origin) or trusted_constructor(Origin)
        self.file, self.sheet = raw.file, raw.name
        # Every field is given to model_construct: a field it fills itself costs it more than
        # all the others (it inspects the default factory's signature each time). So the fields
        # a row leaves blank get their default from here, for each set of fields rows give.
        self.defaults: dict[str, Any] = {}
        for name, info in RECORD_TYPES[raw.spec.key].model_fields.items():
            if info.default_factory is not None:
                empty = info.get_default(call_default_factory=True)
                self.defaults[name] = _EMPTY_DICT if isinstance(empty, dict) else _EMPTY_LIST
            elif not info.is_required():
                self.defaults[name] = info.default
        # Records given the same fields share one "fields set": pydantic would give each record
        # a set of its own, which would be the largest part of a record's memory. Each such
        # shape also has its record's __dict__ laid out in advance: every field it holds, in
        # declared order, the blank ones with their defaults; a record's is a copy of it
        # updated with the row's values (a dict keeps the order of the keys it had). Building
        # it field by field was 7 µs a record, a sixth of the run on 100,000 rows.
        self.names = tuple(RECORD_TYPES[raw.spec.key].model_fields)
        self.from_dict = trusted_dict_constructor(RECORD_TYPES[raw.spec.key])
        self.shapes: dict[tuple[str, ...], tuple[set[str], dict[str, Any] | None]] = {}

    def build(self, row: int, values: dict[str, Any]) -> Record:
        values["origin"] = self.origin(
            _ORIGIN_FIELDS, {"file": self.file, "sheet": self.sheet, "row": row}
        )
        given = tuple(values)
        shape = self.shapes.get(given)
        if shape is None:
            layout = None
            # Keys that are no field would be left in the copy: such a shape (none that the
            # readers give) goes the way that picks each field.
            if self.from_dict is not None and set(given) <= set(self.names):
                layout = {
                    name: self.defaults.get(name)
                    for name in self.names
                    if name in values or name in self.defaults
                }
            shape = self.shapes[given] = (set(given), layout)
        fields_set, layout = shape
        if layout is None:
            blank = {key: value for key, value in self.defaults.items() if key not in values}
            return self.construct(fields_set, {**values, **blank})
        record_dict = layout.copy()
        record_dict.update(values)
        return self.from_dict(fields_set, record_dict)  # type: ignore[misc]
