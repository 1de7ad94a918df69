"""Turn raw sheets into typed records and a report that accounts for every row."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic

from dossier import vocab
from dossier.fields import Field, Kind, SheetSpec
from dossier.load import CellValue, RawSheet, Workbook, load_workbook
from dossier.records import RECORD_TYPES, Evidence, Incident, Origin, Person, Proceeding, Record
from dossier.report import Problem, Severity, SheetCount, ValidationReport
from dossier.text import column_letter, fold_key

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/\-]*$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:\s.*)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MY_MONTH = re.compile(r"^(\d{1,2})/(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_TIME = re.compile(r"^(\d{1,2})\s*[:hH]\s*(\d{2})?(?::(\d{2}))?$")
_DATETIME_TIME = re.compile(r"[T ](\d{1,2})[:hH](\d{2})(?::(\d{2}))?")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_RIO = re.compile(r"^\d{7}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPREADSHEET_EPOCH = dt.date(1899, 12, 30)


class CellError(Exception):
    """A cell that cannot be read; carries the message key and its parameters."""

    def __init__(self, code: str, value: str | None = None, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.value = value
        self.params = params


@dataclass
class Dataset:
    """The accepted records of one input, with the folder their evidence files live in."""

    source: Path
    incidents: list[Incident] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    proceedings: list[Proceeding] = field(default_factory=list)
    evidence_dir: Path | None = None

    def persons_by_id(self) -> dict[str, Person]:
        return {person.id: person for person in self.persons}

    def evidence_by_id(self) -> dict[str, Evidence]:
        return {item.id: item for item in self.evidence}


def validate_workbook(
    book: Workbook, *, today: dt.date | None = None
) -> tuple[Dataset, ValidationReport]:
    """Check every row of every sheet; return the accepted records and the full report."""
    validator = _Validator(book, today or dt.date.today())
    return validator.run()


def load_and_validate(
    source: Path | str,
    *,
    mapping: dict[str, dict[str, str]] | Path | None = None,
    evidence_dir: Path | None = None,
    today: dt.date | None = None,
) -> tuple[Dataset, ValidationReport]:
    """Load and validate in one call. Raises :class:`dossier.load.LoadError` if unreadable."""
    book = load_workbook(source, mapping=mapping, evidence_dir=evidence_dir)
    return validate_workbook(book, today=today)


# -- cell parsers: value in, typed value out, CellError when unreadable ------------------------


def _text(value: CellValue) -> str:
    if isinstance(value, str):
        text = value.strip()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    else:
        text = str(value).strip()
    if _CONTROL.search(text):
        raise CellError("invalid_text", _printable(text))
    return text


def _printable(text: str) -> str:
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)


def _split(value: CellValue) -> list[str]:
    return [part.strip() for part in _text(value).split(";") if part.strip()]


def parse_date(value: CellValue) -> tuple[dt.date, str | None]:
    """A date and the precision its spelling implies ("2015-06" → month), if any."""
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A date cell that lost its format shows as a serial number (days since 1899-12-30).
        if 1 <= value < 2958466 and float(value).is_integer():
            return _SPREADSHEET_EPOCH + dt.timedelta(days=int(value)), None
        raise CellError("invalid_date", _text(value))
    text = _text(value)
    try:
        if match := _ISO_DATE.match(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3])), None
        if match := _DMY_DATE.match(text):
            return dt.date(int(match[3]), int(match[2]), int(match[1])), None
        if match := _ISO_MONTH.match(text):
            return dt.date(int(match[1]), int(match[2]), 1), "month"
        if match := _MY_MONTH.match(text):
            return dt.date(int(match[2]), int(match[1]), 1), "month"
        if match := _YEAR.match(text):
            return dt.date(int(match[1]), 1, 1), "year"
    except ValueError:
        pass  # 31/02/2015 matches the pattern but is no date
    raise CellError("invalid_date", text)


def parse_time(value: CellValue) -> dt.time:
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(microsecond=0)
    if isinstance(value, dt.timedelta):
        seconds = int(value.total_seconds())
        if 0 <= seconds < 86400:
            return dt.time(seconds // 3600, seconds // 60 % 60)
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60 % 24, minutes % 60)
    text = _text(value)
    if match := _TIME.match(text):
        hour, minute, second = int(match[1]), int(match[2] or 0), int(match[3] or 0)
        if hour < 24 and minute < 60 and second < 60:
            return dt.time(hour, minute, second)
    raise CellError("invalid_time", text)


def parse_datetime(value: CellValue) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0)
    try:
        day, _precision = parse_date(value)
    except CellError as error:
        raise CellError("invalid_datetime", error.value) from None
    moment = dt.time(0, 0)
    if isinstance(value, str) and (match := _DATETIME_TIME.search(value.strip())):
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        if hour > 23 or minute > 59 or second > 59:
            raise CellError("invalid_datetime", value.strip())
        moment = dt.time(hour, minute, second)
    return dt.datetime.combine(day, moment)


def parse_int(value: CellValue) -> int:
    if isinstance(value, bool):
        raise CellError("invalid_int", _text(value))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = _text(value).replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        if not text.isdigit() or not text.isascii():
            raise CellError("invalid_int", _text(value))
        number = int(text)
    if number < 0:
        raise CellError("invalid_int", _text(value))
    return number


def _coordinate(value: CellValue, low: float, high: float) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        text = _text(value).replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise CellError(
                "invalid_coordinate", _text(value), low=str(low), high=str(high)
            ) from None
    if not low <= number <= high or number != number:
        raise CellError("invalid_coordinate", _text(value), low=str(low), high=str(high))
    return number


def parse_bool(value: CellValue) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    term = vocab.YES_NO_UNKNOWN.lookup(_text(value))
    if term is None:
        raise CellError("invalid_bool", _text(value))
    return None if term.code == "unknown" else term.code == "yes"


def parse_term(value: str, vocabulary: vocab.Vocabulary) -> str:
    term = vocabulary.lookup(value)
    if term is not None:
        return term.code
    suggestion = vocabulary.suggest(value)
    if suggestion is not None:
        raise CellError(
            "unknown_term_suggest", value, vocabulary=vocabulary.name, suggestion=suggestion.code
        )
    raise CellError("unknown_term", value, vocabulary=vocabulary.name)


def parse_rio(value: CellValue) -> list[str]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        parts = [_text(value)]
    else:
        parts = _split(value)
    numbers = []
    for part in parts:
        digits = part.replace(" ", "").replace("\u00a0", "")
        if not _RIO.match(digits):
            raise CellError("invalid_rio", part)
        numbers.append(digits)
    return numbers


def parse_id(value: CellValue) -> str:
    text = _text(value)
    if not _ID.match(text):
        raise CellError("invalid_id", text)
    return text


def parse_sha256(value: CellValue) -> str:
    text = _text(value).lower()
    if not _SHA256.match(text):
        raise CellError("invalid_sha256", _text(value))
    return text


def parse_url(value: CellValue) -> str:
    text = _text(value)
    if not re.match(r"^https?://[^\s]+$", text, re.IGNORECASE):
        raise CellError("invalid_url", text)
    return text


# -- the validator ------------------------------------------------------------------------------


@dataclass
class _Row:
    sheet: RawSheet
    number: int
    values: dict[str, Any]
    columns: dict[str, int]  # field key → column index, to point at cells in cross-sheet checks
    failed: bool = False
    bad_keys: set[str] = field(default_factory=set)  # fields that already have an error


class _Validator:
    def __init__(self, book: Workbook, today: dt.date) -> None:
        self.book = book
        self.today = today
        self.report = ValidationReport()
        self.rows: dict[str, list[_Row]] = {key: [] for key in RECORD_TYPES}

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
            header = sheet.headers[column]
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

    def cell_problem(self, row: _Row, key: str, error: CellError, severity: Severity) -> None:
        self.problem(
            severity,
            error.code,
            row.sheet,
            row.number,
            row.columns.get(key),
            error.value,
            **error.params,
        )
        if severity is Severity.ERROR:
            row.failed = True
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
            sheet = self.book.sheets.get(key)
            if sheet is not None:
                self.read_sheet(sheet)
        self.check_unique_ids()
        self.check_references()
        self.check_evidence_files()
        return self.build_dataset(), self.report

    def column_plan(self, sheet: RawSheet) -> dict[str, int] | None:
        """Map each field to its column; report unknown, duplicate and missing columns."""
        spec: SheetSpec = sheet.spec
        index = spec.header_index()
        renames = self.book.mapping.get(spec.key, {})
        columns: dict[str, int] = {}
        for position, header in enumerate(sheet.headers):
            folded = fold_key(header)
            if not folded:
                continue
            target = renames.get(folded)
            column = spec.field(target) if target else index.get(folded)
            if column is None:
                self.problem(Severity.WARNING, "unknown_column", sheet, sheet.header_row, position)
                continue
            if column.key in columns:
                self.problem(
                    Severity.WARNING,
                    "duplicate_column",
                    sheet,
                    sheet.header_row,
                    position,
                    field=column.en,
                    other=column_letter(columns[column.key]),
                )
                continue
            columns[column.key] = position
        missing = [
            column for column in spec.fields if column.required and column.key not in columns
        ]
        for column in missing:
            self.problem(
                Severity.ERROR,
                "missing_column",
                sheet,
                sheet.header_row,
                None,
                field=f"{column.en} / {column.fr}",
                count=str(len(sheet.rows)),
            )
        return None if missing else columns

    def read_sheet(self, sheet: RawSheet) -> None:
        count = SheetCount(sheet.name, sheet.file, read=len(sheet.rows))
        self.report.counts[sheet.spec.key] = count
        columns = self.column_plan(sheet)
        if columns is None:
            count.rejected = count.read
            return
        plan = [(sheet.spec.field(key), position) for key, position in columns.items()]
        for number, cells in sheet.rows:
            row = _Row(sheet, number, {}, columns)
            for column, position in plan:
                raw = cells[position] if position < len(cells) else None
                if raw is None or (isinstance(raw, str) and not raw.strip()):
                    continue
                try:
                    self.read_cell(row, column, raw)
                except CellError as error:
                    self.cell_problem(row, column.key, error, Severity.ERROR)
            self.check_row(row)
            self.rows[sheet.spec.key].append(row)

    def read_cell(self, row: _Row, column: Field, raw: CellValue) -> None:
        kind = column.kind
        values = row.values
        if kind is Kind.TEXT or kind is Kind.PATH:
            values[column.key] = _text(raw) or None
        elif kind is Kind.ID:
            values[column.key] = parse_id(raw)
        elif kind is Kind.ID_LIST:
            values[column.key] = [parse_id(part) for part in _split(raw)]
        elif kind is Kind.TEXT_LIST:
            values[column.key] = _split(raw)
        elif kind is Kind.DATE:
            day, precision = parse_date(raw)
            values[column.key] = day
            if precision:
                values.setdefault("_implied_precision", precision)
            if day > self.today:
                self.cell_problem(
                    row, column.key, CellError("future_date", _text(raw)), Severity.WARNING
                )
        elif kind is Kind.TIME:
            values[column.key] = parse_time(raw)
        elif kind is Kind.DATETIME:
            values[column.key] = parse_datetime(raw)
        elif kind is Kind.INT:
            values[column.key] = parse_int(raw)
        elif kind is Kind.LATITUDE:
            values[column.key] = _coordinate(raw, -90, 90)
        elif kind is Kind.LONGITUDE:
            values[column.key] = _coordinate(raw, -180, 180)
        elif kind is Kind.BOOL:
            values[column.key] = parse_bool(raw)
        elif kind is Kind.TERM:
            assert column.vocabulary is not None
            values[column.key] = parse_term(_text(raw), column.vocabulary)
        elif kind is Kind.TERM_LIST:
            assert column.vocabulary is not None
            codes: list[str] = []
            for part in _split(raw):
                try:
                    code = parse_term(part, column.vocabulary)
                except CellError as error:
                    self.cell_problem(row, column.key, error, Severity.ERROR)
                    continue
                if code not in codes:
                    codes.append(code)
            values[column.key] = codes
        elif kind is Kind.COUNTS:
            assert column.vocabulary is not None
            values[column.key] = self.read_counts(row, column, raw)
        elif kind is Kind.RIO_LIST:
            values[column.key] = parse_rio(raw)
        elif kind is Kind.SHA256:
            values[column.key] = parse_sha256(raw)
        elif kind is Kind.URL:
            values[column.key] = parse_url(raw)
        else:  # pragma: no cover - every Kind has a branch above
            raise AssertionError(kind)

    def read_counts(self, row: _Row, column: Field, raw: CellValue) -> dict[str, int | None]:
        assert column.vocabulary is not None
        counts: dict[str, int | None] = {}
        for part in _split(raw):
            name, separator, number = part.partition(":")
            try:
                code = parse_term(name.strip(), column.vocabulary)
                count: int | None = None
                if separator:
                    try:
                        count = parse_int(number.strip())
                    except CellError:
                        raise CellError("invalid_count", part) from None
            except CellError as error:
                self.cell_problem(row, column.key, error, Severity.ERROR)
                continue
            previous = counts.get(code)
            counts[code] = count if previous is None else previous + (count or 0)
        return counts

    def check_row(self, row: _Row) -> None:
        spec = row.sheet.spec
        values = row.values
        for column in spec.fields:
            empty = values.get(column.key) in (None, "", [])
            if column.required and empty and column.key not in row.bad_keys:
                self.cell_problem(row, column.key, CellError("required_value"), Severity.ERROR)
        if spec.key == "incidents":
            precision = values.pop("_implied_precision", None)
            if precision and "date_precision" not in values:
                values["date_precision"] = precision
            if not values.get("summary_fr") and not values.get("summary_en"):
                key = "summary_fr" if "summary_fr" in row.columns else "summary_en"
                self.cell_problem(row, key, CellError("missing_summary"), Severity.ERROR)
        else:
            values.pop("_implied_precision", None)
        blank_confidentiality = not ({"confidentiality"} & (values.keys() | row.bad_keys))
        if spec.key in ("incidents", "evidence") and blank_confidentiality:
            self.cell_problem(
                row, "confidentiality", CellError("default_confidentiality"), Severity.WARNING
            )
        if spec.key == "persons":
            age, minor = values.get("age"), values.get("minor")
            if age is not None and minor is not None and (age < 18) != minor:
                self.cell_problem(
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
            self.cell_problem(row, "file", CellError("evidence_without_source"), Severity.WARNING)

    # Cross-sheet checks -----------------------------------------------------------------------

    def check_unique_ids(self) -> None:
        for rows in self.rows.values():
            first: dict[str, int] = {}
            for row in rows:
                identifier = row.values.get("id")
                if identifier is None:
                    continue
                if identifier in first:
                    self.cell_problem(
                        row,
                        "id",
                        CellError("duplicate_id", identifier, other_row=str(first[identifier])),
                        Severity.ERROR,
                    )
                else:
                    first[identifier] = row.number

    def known_ids(self, sheet_key: str) -> set[str]:
        return {row.values["id"] for row in self.rows[sheet_key] if "id" in row.values}

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
        }
        for sheet_key, checks in targets.items():
            for row in self.rows[sheet_key]:
                for key, target_sheet, ids in checks:
                    value = row.values.get(key)
                    references = value if isinstance(value, list) else [value] if value else []
                    for reference in references:
                        if reference not in ids:
                            target = self.sheet_display_name(target_sheet)
                            self.cell_problem(
                                row,
                                key,
                                CellError("unknown_reference", reference, target=target),
                                Severity.ERROR,
                            )

    def sheet_display_name(self, key: str) -> str:
        sheet = self.book.sheets.get(key)
        return sheet.name if sheet is not None else key

    def check_evidence_files(self) -> None:
        folder = self.book.evidence_dir
        for row in self.rows["evidence"]:
            relative = row.values.get("file")
            if not relative:
                continue
            shown_folder = str(folder) if folder else "—"
            target = resolve_evidence_path(folder, relative) if folder else None
            if target is None:
                self.cell_problem(
                    row,
                    "file",
                    CellError("evidence_path_escapes", relative, folder=shown_folder),
                    Severity.ERROR,
                )
                continue
            if not target.is_file():
                self.cell_problem(
                    row,
                    "file",
                    CellError("evidence_file_missing", relative, folder=shown_folder),
                    Severity.ERROR,
                )
                continue
            actual = sha256_file(target)
            given = row.values.get("sha256")
            if given is None:
                row.values["sha256"] = actual
                row.values["sha256_computed"] = True
            elif given != actual:
                self.cell_problem(
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
        }
        for sheet_key, rows in self.rows.items():
            model = RECORD_TYPES[sheet_key]
            count = self.report.counts.get(sheet_key)
            for row in rows:
                record = None if row.failed else self.make_record(model, row)
                if record is None:
                    if count:
                        count.rejected += 1
                    continue
                targets[sheet_key].append(record)
                if count:
                    count.accepted += 1
        return dataset

    def make_record(self, model: type[Record], row: _Row) -> Record | None:
        data = dict(row.values)
        data["origin"] = Origin(file=row.sheet.file, sheet=row.sheet.name, row=row.number)
        try:
            return model.model_validate(data)
        except pydantic.ValidationError as error:
            # Every cell was checked above, so this means a rule the models hold that the parsers
            # missed; report it rather than lose the row.
            for detail in error.errors():
                key = str(detail["loc"][0]) if detail["loc"] else "id"
                self.problem(
                    Severity.ERROR,
                    "invalid_text",
                    row.sheet,
                    row.number,
                    row.columns.get(key),
                    str(detail.get("input"))[:200],
                )
            return None


def resolve_evidence_path(folder: Path, relative: str) -> Path | None:
    """The file a relative evidence path names, or None if it leaves the folder (links included)."""
    candidate = Path(relative)
    if candidate.is_absolute() or relative.startswith(("\\", "/")) or ":" in relative:
        return None
    root = folder.resolve()
    resolved = (root / candidate).resolve()
    if resolved != root and root not in resolved.parents:
        return None
    return resolved


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
