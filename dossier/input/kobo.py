"""The ``kobo`` import profile: KoboToolbox and ODK exports read as an incident workbook.

A form built from :func:`dossier.forms.xlsform.xlsform_bytes` (or any form whose question names
are our field keys or header spellings) is exported by KoboToolbox as XLSX or CSV ("XML values
and headers" is the recommended setting). :func:`load_kobo` turns the export into the same raw
sheets as a hand-made workbook, so the normal validator checks it and its messages point at
the export:

* ``group/question`` headers are matched on the question name (or label) without its groups;
* metadata columns (``_uuid``, ``_submission_time``, ``_index``, ``start``, ``meta/…``…) are
  read, never reported as unknown; ``_submission_time`` fills an empty "recorded on";
* select-multiple answers are read from the 0/1 column per choice (``acts/tear_gas``) or from
  the space-separated column; belongings counts come from ``count_<choice>`` questions;
* repeat groups exported as separate sheets (``persons``, ``proceedings``) are joined to their
  submission through ``_parent_index`` → ``_index`` (ODK Central: ``PARENT_KEY`` → ``KEY``);
  victims and witnesses are linked to their incident by their roles;
* media questions and their ``_URL`` columns become exhibits (kind from the file extension,
  the URL, and the file when it is in the evidence folder).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from dossier.i18n.messages import MESSAGES
from dossier.input.errors import LoadError
from dossier.input.guards import check_workbook_archive
from dossier.input.kobo_form import (
    COUNT_PREFIX,
    GEOPOINT_NAME,
    MEDIA_QUESTIONS,
    media_custody_note,
    media_description,
    media_kind,
)
from dossier.input.problems import Problem, Severity
from dossier.input.workbook import CellValue, RawSheet, Workbook, load_mapping, sniff_delimiter
from dossier.schema import vocab
from dossier.schema.fields import (
    EVIDENCE,
    INCIDENTS,
    PERSONS,
    PROCEEDINGS,
    Field,
    Kind,
    SheetSpec,
    sheet_for_name,
)
from dossier.schema.header_keys import column_letter, fold_key

# Metadata: columns of the export that are not answers. Compared after fold_key.
_META_NAMES = frozenset(
    fold_key(name)
    for name in (
        "start",
        "end",
        "today",
        "deviceid",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "audit",
        "instanceID",
        "instanceName",
        "rootUuid",
        "deprecatedID",
        # ODK Central
        "SubmissionDate",
        "SubmitterID",
        "SubmitterName",
        "AttachmentsPresent",
        "AttachmentsExpected",
        "Status",
        "ReviewState",
        "DeviceID",
        "Edits",
        "FormVersion",
        "KEY",
        "PARENT_KEY",
    )
)
_META_GROUPS = frozenset({"meta", "formhub", "__system"})
_NOT_APPROVED = frozenset(
    fold_key(value)
    for value in ("validation_status_not_approved", "Not Approved", "Non approuvé", "rejected")
)
_TRUE_FLAGS = frozenset({"1", "true", "yes", "oui", "x", "vrai"})
_ODK_TIME = re.compile(r"^(\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$")
_GEO_PART = re.compile(r"^_(.+)_(latitude|longitude|altitude|precision)$")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._/\-]+")
_WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
_CSV_SUFFIXES = {".csv", ".tsv", ".txt"}

# Messages of this module; to be merged into dossier.i18n.messages.MESSAGES.
KOBO_MESSAGES: dict[str, dict[str, str]] = {
    key: value for key, value in MESSAGES.items() if key.startswith("kobo_")
}


@dataclass
class KoboWorkbook(Workbook):
    """A workbook read from a Kobo/ODK export, with what the reading itself noticed.

    ``problems`` are warnings with positions in the export (submissions left out, media files
    not found); add them to the validation report.
    """

    problems: list[Problem] = field(default_factory=list)


# -- reading the export -------------------------------------------------------------------------


@dataclass
class _Table:
    """One sheet (or CSV file) of the export, as read."""

    file: str
    name: str
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[CellValue]]]

    def position(self, *names: str) -> int | None:
        """The column whose header (without groups) is one of ``names``, compared exactly."""
        for position, header in enumerate(self.headers):
            if _last_segment(header) in names:
                return position
        return None


def load_kobo(
    path: Path | str,
    evidence_dir: Path | None = None,
    *,
    mapping: Mapping[str, Mapping[str, str]] | Path | None = None,
) -> KoboWorkbook:
    """Read a KoboToolbox/ODK export (XLSX, CSV with ``;`` or ``,``, or a folder of CSVs).

    ``evidence_dir`` is where the downloaded media files are (default: ``evidence`` next to
    the export, or ``media`` inside an export folder). ``mapping`` renames further columns,
    as ``--mapping`` does for a workbook. Raises :class:`LoadError` when the export cannot be
    read at all.
    """
    source = Path(path)
    if isinstance(mapping, Path):
        mapping = load_mapping(mapping)
    renames = {
        key: {fold_key(h): t for h, t in value.items()} for key, value in (mapping or {}).items()
    }
    if not source.exists():
        raise LoadError("input_missing", file=str(source))
    if source.is_dir():
        tables = [_read_csv(csv_path) for csv_path in sorted(source.iterdir()) if _is_csv(csv_path)]
        media = source / "media"
        default_evidence = media if media.is_dir() else source / "evidence"
    elif source.suffix.lower() in _WORKBOOK_SUFFIXES:
        tables = _read_xlsx(source)
        default_evidence = source.parent / "evidence"
    elif source.suffix.lower() in _CSV_SUFFIXES:
        tables = [_read_csv(source)]
        default_evidence = source.parent / "evidence"
    else:
        raise LoadError("unsupported_type", file=source.name, suffix=source.suffix or "∅")
    tables = [table for table in tables if table.headers]
    if not tables:
        raise LoadError("no_incidents", file=str(source))
    folder = evidence_dir if evidence_dir is not None else default_evidence
    return _Converter(source, tables, folder, renames).run()


def _is_csv(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in _CSV_SUFFIXES


def _read_xlsx(path: Path) -> list[_Table]:
    # calamine (a compiled reader): only for an XLSX export
    import python_calamine

    # The same guard as for workbooks: zip bombs, huge extents and XML declarations are refused
    # before calamine reads anything.
    check_workbook_archive(path)
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        tables = []
        for meta in book.sheets_metadata:
            if str(meta.visible).rsplit(".", 1)[-1].lower() != "visible":
                continue
            grid = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            tables.append(_table(path.name, meta.name, grid))
    except LoadError:
        raise
    except Exception as error:  # calamine raises several unrelated types for broken files
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
        raise LoadError("corrupt_workbook", file=path.name, reason=reason) from error
    return tables


def _read_csv(path: Path) -> _Table:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LoadError("unreadable", file=path.name, reason=error.strerror or str(error)) from None
    if not data.strip():
        raise LoadError("empty_file", file=path.name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # as French Excel writes CSV
    delimiter = sniff_delimiter(text)
    try:
        grid: list[list[CellValue]] = [
            list(record)
            for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise LoadError("bad_csv", file=path.name, reason=str(error)) from None
    return _table(path.name, path.stem, grid)


def _table(file_name: str, name: str, grid: Sequence[Sequence[CellValue]]) -> _Table:
    headers: list[str] = []
    header_row = 0
    rows: list[tuple[int, list[CellValue]]] = []
    for number, values in enumerate(grid, start=1):
        if not any(_filled(value) for value in values):
            continue
        if not headers:
            headers = ["" if value is None else str(value).strip() for value in values]
            header_row = number
            continue
        rows.append((number, [None if value == "" else value for value in values]))
    return _Table(file_name, name, header_row, headers, rows)


def _filled(value: CellValue) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _segments(header: str) -> list[str]:
    return [part.strip() for part in header.split("/")]


def _last_segment(header: str) -> str:
    return _segments(header)[-1]


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _flag(value: CellValue) -> bool:
    """A 0/1 select-multiple cell: is the choice selected?"""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value == 1
    return _text(value).casefold() in _TRUE_FLAGS


# -- what each column of a table is -------------------------------------------------------------


@dataclass
class _Media:
    position: int
    name: str  # the question name
    url: int | None  # position of its _URL column


@dataclass
class _Plan:
    """The role of each column of one table, for one of our sheets."""

    spec: SheetSpec
    fields: dict[str, int] = field(default_factory=dict)  # field key → first column
    mapped: dict[int, str] = field(default_factory=dict)  # column → field key
    choices: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # 0/1 columns
    counts: list[tuple[int, str]] = field(default_factory=list)  # count_<choice> columns
    media: list[_Media] = field(default_factory=list)
    geo: dict[str, int] = field(default_factory=dict)  # latitude/longitude → _gps_… column
    geopoint: int | None = None
    meta: dict[str, int] = field(default_factory=dict)  # metadata name → column
    silent: set[int] = field(default_factory=set)  # columns read here, hidden from validation


def _question_names(spec: SheetSpec) -> dict[str, str]:
    """Folded question name → field key, for the questions not named after their field."""
    return {fold_key(column.question): column.key for column in spec.fields if column.form_name}


def _plan(table: _Table, spec: SheetSpec, renames: Mapping[str, str]) -> _Plan:
    plan = _Plan(spec)
    # A question is matched like a header; its name in our form is a spelling of its column.
    question_renames = {**_question_names(spec), **renames}

    def field_for(name: str) -> Field | None:
        return spec.field_for_header(name, question_renames)

    url_bases = {
        last[: -len("_URL")]
        for last in map(_last_segment, table.headers)
        if last.endswith("_URL") and len(last) > len("_URL")
    }
    media_names = url_bases | set(MEDIA_QUESTIONS)
    for position, header in enumerate(table.headers):
        if not header:
            continue
        segments = _segments(header)
        last = segments[-1]
        column = spec.field(renames[fold_key(header)]) if fold_key(header) in renames else None
        if column is None and (geo := _GEO_PART.match(last)):
            if geo[2] in ("latitude", "longitude"):
                plan.geo.setdefault(geo[2], position)
            plan.silent.add(position)
            continue
        if column is None and _is_metadata(segments):
            plan.meta.setdefault(last, position)
            plan.silent.add(position)
            continue
        if column is None and last.endswith("_URL") and last[: -len("_URL")] in media_names:
            plan.silent.add(position)  # read with its media column below
            continue
        if column is None and len(segments) >= 2:
            parent = _first_found(field_for, segments[-2])
            multi = parent is not None and parent.kind in (Kind.TERM_LIST, Kind.COUNTS)
            if parent is not None and multi and field_for(last) is None:
                plan.choices.setdefault(parent.key, []).append((position, last))
                plan.silent.add(position)
                continue
        if column is None:
            column = _first_found(field_for, last) or field_for(header)
        if column is not None:
            plan.fields.setdefault(column.key, position)
            plan.mapped[position] = column.key
            continue
        folded = fold_key(last)
        if folded.startswith(fold_key(COUNT_PREFIX)) and "belongings" in _keys(spec):
            name = last[len(COUNT_PREFIX) :] if last.startswith(COUNT_PREFIX) else last
            term = vocab.BELONGING.lookup(name)
            plan.counts.append((position, term.code if term else name))
            plan.silent.add(position)
            continue
        if last in media_names:
            plan.media.append(_Media(position, last, None))
            plan.silent.add(position)
            continue
        if folded == GEOPOINT_NAME:
            plan.geopoint = position
            plan.silent.add(position)
            continue
        if folded in _META_NAMES:
            plan.meta.setdefault(last, position)
            plan.silent.add(position)
            continue
        # Anything else keeps its header: validation reports it as an unknown column.
    for media in plan.media:
        media.url = table.position(f"{media.name}_URL")
    return plan


def _names(segment: str) -> Iterator[str]:
    """A header segment, then its part after the last "-" (ODK Central joins groups with "-")."""
    yield segment
    if "-" in segment:
        yield segment.rsplit("-", 1)[-1]


def _first_found(find: Callable[[str], Field | None], segment: str) -> Field | None:
    for name in _names(segment):
        found = find(name)
        if found is not None:
            return found
    return None


def _is_metadata(segments: list[str]) -> bool:
    """``_uuid``, ``meta/instanceID``, ``meta-instanceID``, ``formhub/uuid``…"""
    last = segments[-1]
    first = segments[0].split("-", 1)[0].casefold()
    return last.startswith("_") or not last or first in _META_GROUPS


def _keys(spec: SheetSpec) -> set[str]:
    return {column.key for column in spec.fields}


# -- building the raw sheets --------------------------------------------------------------------


@dataclass
class _Row:
    """A row being converted: its number in the export and its cells (export columns first)."""

    number: int
    cells: list[CellValue]
    key: str = ""  # _index / KEY
    root: str = ""  # _index / KEY of its submission
    incident_id: str = ""


class _Sheet:
    """A raw sheet being built from one table: the export's columns plus any added ones."""

    def __init__(self, table: _Table, plan: _Plan, name: str | None = None) -> None:
        self.table = table
        self.plan = plan
        self.name = name or table.name
        self.headers = list(table.headers)
        for position in plan.silent:
            self.headers[position] = ""
        self.mapping: dict[str, str] = {}
        for position, key in plan.mapped.items():
            self.mapping[fold_key(self.headers[position])] = key
        self.rows: list[_Row] = []

    def column_for(self, key: str, *candidates: int | None) -> int:
        """The column that holds ``key``: its own, the first candidate, or a new one."""
        if key in self.plan.fields:
            return self.plan.fields[key]
        for position in candidates:
            if position is not None:
                self.headers[position] = self.table.headers[position]
                self.mapping[fold_key(self.headers[position])] = key
                self.plan.fields[key] = position
                return position
        column = self.plan.spec.field(key)
        self.headers.append(column.en)
        self.mapping[fold_key(column.en)] = key
        self.plan.fields[key] = len(self.headers) - 1
        return self.plan.fields[key]

    def raw(self, file: str) -> RawSheet:
        width = len(self.headers)
        rows: list[tuple[int, Sequence[CellValue]]] = []
        for row in self.rows:
            cells = row.cells + [None] * (width - len(row.cells))
            rows.append((row.number, cells[:width]))
        return RawSheet(self.plan.spec, file, self.name, self.table.header_row, self.headers, rows)


class _Converter:
    def __init__(
        self,
        source: Path,
        tables: list[_Table],
        evidence_dir: Path | None,
        renames: dict[str, dict[str, str]],
    ) -> None:
        self.source = source
        self.tables = tables
        self.evidence_dir = evidence_dir
        self.renames = renames
        self.problems: list[Problem] = []
        self.ignored: list[tuple[str, str]] = []
        self.media_index: dict[str, list[Path]] | None = None

    def run(self) -> KoboWorkbook:
        main = next((t for t in self.tables if not _is_repeat(t)), self.tables[0])
        incidents = _Sheet(main, _plan(main, INCIDENTS, self.renames.get("incidents", {})))
        self.prepare_incidents(incidents)
        roots = {row.key: row for row in incidents.rows if row.key}
        repeats: dict[str, _Sheet] = {}
        for table in self.tables:
            if table is main:
                continue
            spec = _repeat_spec(table) if _is_repeat(table) else None
            if spec is None or spec.key in repeats or spec.key not in ("persons", "proceedings"):
                self.ignored.append((table.file, table.name))
                continue
            sheet = _Sheet(table, _plan(table, spec, self.renames.get(spec.key, {})))
            self.link_repeat(sheet, roots, main)
            repeats[spec.key] = sheet
        self.drop_not_approved(incidents, repeats)
        persons = repeats.get("persons")
        if persons is not None:
            self.fill_persons(persons, incidents, roots)
        proceedings = repeats.get("proceedings")
        if proceedings is not None:
            self.fill_proceedings(proceedings)
        evidence = self.evidence(incidents)
        sheets = {"incidents": incidents}
        sheets |= repeats
        if evidence is not None:
            sheets["evidence"] = evidence
        mapping: dict[str, dict[str, str]] = {}
        for key, sheet in sheets.items():
            mapping[key] = {**sheet.mapping, **self.renames.get(key, {})}
        return KoboWorkbook(
            source=self.source,
            sheets={key: sheet.raw(sheet.table.file) for key, sheet in sheets.items()},
            ignored_sheets=self.ignored,
            evidence_dir=self.evidence_dir,
            mapping=mapping,
            problems=self.problems,
        )

    # The submissions ---------------------------------------------------------------------------

    def prepare_incidents(self, sheet: _Sheet) -> None:
        plan = sheet.plan
        key_column = _first(plan.meta, "_index", "KEY")
        id_column = plan.fields.get("id")
        for number, cells in sheet.table.rows:
            row = _Row(number, list(cells))
            row.key = _text(_cell(row.cells, key_column))
            row.root = row.key
            row.incident_id = _text(_cell(row.cells, id_column))
            sheet.rows.append(row)
        self.convert_answers(sheet)
        self.fill_geopoint(sheet)
        self.fill_recorded_on(sheet)

    def convert_answers(self, sheet: _Sheet) -> None:
        """Select-multiple, counts and ODK times, rewritten the way our columns read them."""
        plan = sheet.plan
        for column in plan.spec.fields:
            if column.kind is Kind.TIME and column.key in plan.fields:
                position = plan.fields[column.key]
                for row in sheet.rows:
                    row.cells[position] = _odk_time(_cell(row.cells, position))
            if column.kind not in (Kind.TERM_LIST, Kind.COUNTS):
                continue
            choices = plan.choices.get(column.key, [])
            counts = plan.counts if column.kind is Kind.COUNTS else []
            if column.key not in plan.fields and not choices and not counts:
                continue
            first_choice = choices[0][0] if choices else None
            first_count = counts[0][0] if counts else None
            position = sheet.column_for(column.key, first_choice, first_count)
            assert column.vocabulary is not None
            for row in sheet.rows:
                value = _multi_value(row.cells, position, choices, counts, column.vocabulary)
                _put(row.cells, position, value)

    def fill_geopoint(self, sheet: _Sheet) -> None:
        plan = sheet.plan
        for key in ("latitude", "longitude"):
            if key not in plan.fields and key in plan.geo:
                sheet.column_for(key, plan.geo[key])
        if plan.geopoint is None or "latitude" in plan.fields or "longitude" in plan.fields:
            return
        latitude = sheet.column_for("latitude", plan.geopoint)
        longitude = sheet.column_for("longitude")
        for row in sheet.rows:
            parts = _text(_cell(row.cells, latitude)).split()
            _put(row.cells, latitude, parts[0] if parts else None)
            _put(row.cells, longitude, parts[1] if len(parts) > 1 else None)

    def fill_recorded_on(self, sheet: _Sheet) -> None:
        plan = sheet.plan
        submitted = _first(plan.meta, "_submission_time", "SubmissionDate")
        if submitted is None:
            return
        if "recorded_on" not in plan.fields:
            sheet.column_for("recorded_on", submitted)
            return
        position = plan.fields["recorded_on"]
        for row in sheet.rows:
            if not _filled(_cell(row.cells, position)):
                _put(row.cells, position, _cell(row.cells, submitted))

    def drop_not_approved(self, incidents: _Sheet, repeats: dict[str, _Sheet]) -> None:
        plan = incidents.plan
        status = _first(plan.meta, "_validation_status", "ReviewState")
        if status is None:
            return
        left_out = {
            row.key: row
            for row in incidents.rows
            if fold_key(_text(_cell(row.cells, status))) in _NOT_APPROVED
        }
        if not left_out:
            return
        children: dict[str, int] = dict.fromkeys(left_out, 0)
        for sheet in repeats.values():
            kept = []
            for row in sheet.rows:
                if row.root in left_out:
                    children[row.root] += 1
                else:
                    kept.append(row)
            sheet.rows = kept
        incidents.rows = [row for row in incidents.rows if row.key not in left_out]
        for key, row in left_out.items():
            self.problems.append(
                self.problem(
                    "kobo_not_approved",
                    incidents,
                    row.number,
                    status,
                    row.incident_id or key,
                    children=str(children[key]),
                )
            )

    # Repeat groups -----------------------------------------------------------------------------

    def link_repeat(self, sheet: _Sheet, roots: dict[str, _Row], main: _Table) -> None:
        """Read the rows of a repeat table and find the submission each belongs to."""
        plan = sheet.plan
        key_column = _first(plan.meta, "_index", "KEY")
        parent_column = _first(plan.meta, "_parent_index", "PARENT_KEY")
        for number, cells in sheet.table.rows:
            row = _Row(number, list(cells))
            row.key = _text(_cell(cells, key_column))
            parent = _text(_cell(cells, parent_column))
            # Kobo: _parent_index is the _index of the submission (for a first-level repeat).
            # ODK Central: PARENT_KEY is "uuid:…" or "uuid:…/persons[1]" for a nested repeat.
            root = parent.split("/", 1)[0] if parent_column is not None else ""
            found = roots.get(root)
            if found is None:
                self.problems.append(
                    self.problem("kobo_orphan_row", sheet, number, parent_column, parent or "∅")
                )
            else:
                row.root = found.key
                row.incident_id = found.incident_id
            sheet.rows.append(row)
        self.convert_answers(sheet)

    def fill_persons(self, persons: _Sheet, incidents: _Sheet, roots: dict[str, _Row]) -> None:
        id_column = persons.column_for("id")
        roles_column = persons.plan.fields.get("roles")
        ordinal: dict[str, int] = {}
        victims: dict[str, list[str]] = {}
        witnesses: dict[str, list[str]] = {}
        for row in persons.rows:
            ordinal[row.root] = ordinal.get(row.root, 0) + 1
            person_id = _text(_cell(row.cells, id_column))
            if not person_id:
                person_id = f"{_prefix(row)}-P{ordinal[row.root]}"
                _put(row.cells, id_column, person_id)
            roles = {
                term.code
                for part in _text(_cell(row.cells, roles_column)).split(";")
                if (term := vocab.ROLE.lookup(part.strip())) is not None
            }
            if row.root:
                if "victim" in roles:
                    victims.setdefault(row.root, []).append(person_id)
                if "witness" in roles:
                    witnesses.setdefault(row.root, []).append(person_id)
        for key, links in (("victim_ids", victims), ("witness_ids", witnesses)):
            if not links:
                continue
            position = incidents.column_for(key)
            for row in incidents.rows:
                _append_ids(row.cells, position, links.get(row.key, []))

    def fill_proceedings(self, proceedings: _Sheet) -> None:
        incident_column = proceedings.column_for("incident_id")
        id_column = proceedings.column_for("id")
        ordinal: dict[str, int] = {}
        for row in proceedings.rows:
            ordinal[row.root] = ordinal.get(row.root, 0) + 1
            if not _filled(_cell(row.cells, incident_column)) and row.incident_id:
                _put(row.cells, incident_column, row.incident_id)
            if not _filled(_cell(row.cells, id_column)):
                _put(row.cells, id_column, f"{_prefix(row)}-D{ordinal[row.root]}")

    # Media -------------------------------------------------------------------------------------

    def evidence(self, incidents: _Sheet) -> _Sheet | None:
        """One exhibit per media answer, in a sheet of its own; ids added to the incident."""
        plan = incidents.plan
        if not plan.media:
            return None
        uuid_column = _first(plan.meta, "_uuid", "instanceID", "KEY")
        time_column = _first(plan.meta, "_submission_time", "SubmissionDate")
        confidentiality = plan.fields.get("confidentiality")
        keys = [
            "id",
            "incident_ids",
            "kind",
            "description_fr",
            "description_en",
            "file",
            "url",
            "custody_notes",
            "confidentiality",
        ]
        table = _Table(
            incidents.table.file,
            incidents.table.name,
            incidents.table.header_row,
            [EVIDENCE.field(key).en for key in keys],
            [],
        )
        sheet = _Sheet(table, _Plan(EVIDENCE), name=f"{incidents.table.name} (media)")
        sheet.mapping = {fold_key(EVIDENCE.field(key).en): key for key in keys}
        evidence_ids = incidents.column_for("evidence_ids")
        for row in incidents.rows:
            uuid = _text(_cell(row.cells, uuid_column)).removeprefix("uuid:")
            created: list[str] = []
            for media in plan.media:
                name = _text(_cell(row.cells, media.position))
                url = _text(_cell(row.cells, media.url))
                if not name and not url:
                    continue
                kind = MEDIA_QUESTIONS.get(media.name) or media_kind(name or url)
                evidence_id = f"{_prefix(row)}-{_ID_UNSAFE.sub('_', media.name)}"
                file = self.find_media(incidents, row, media, name, uuid) if name else None
                cells: list[CellValue] = [
                    evidence_id,
                    row.incident_id or None,
                    kind,
                    media_description(media.name, kind, name, "fr"),
                    media_description(media.name, kind, name, "en"),
                    file,
                    url or None,
                    media_custody_note(uuid, _text(_cell(row.cells, time_column))),
                    _cell(row.cells, confidentiality),
                ]
                sheet.rows.append(_Row(row.number, cells))
                created.append(evidence_id)
            _append_ids(row.cells, evidence_ids, created)
        return sheet

    def find_media(
        self, sheet: _Sheet, row: _Row, media: _Media, name: str, uuid: str
    ) -> str | None:
        """The path, inside the evidence folder, of the file a media answer names."""
        folder = self.evidence_dir
        if folder is None or not folder.is_dir():
            return None  # media not downloaded: the exhibit keeps its URL
        # A media answer is a bare file name; anything that looks like a path is not trusted.
        base = PurePosixPath(name.replace("\\", "/")).name
        if base and (folder / base).is_file():
            return base
        if self.media_index is None:
            self.media_index = {}
            for found in sorted(folder.rglob("*")):
                if found.is_file():
                    self.media_index.setdefault(found.name, []).append(found)
        matches = self.media_index.get(base, [])
        if uuid and len(matches) > 1:
            matches = [path for path in matches if uuid in path.parts] or matches
        if len(matches) == 1:
            return matches[0].relative_to(folder).as_posix()
        code = "kobo_media_ambiguous" if matches else "kobo_media_not_found"
        self.problems.append(
            self.problem(code, sheet, row.number, media.position, name, folder=str(folder))
        )
        return None

    def problem(
        self,
        code: str,
        sheet: _Sheet,
        row: int | None,
        position: int | None,
        value: str | None,
        **params: str,
    ) -> Problem:
        headers = sheet.table.headers
        return Problem(
            Severity.WARNING,
            code,
            sheet.table.file,
            sheet.table.name,
            row,
            column_letter(position) if position is not None else None,
            headers[position] if position is not None and position < len(headers) else None,
            value,
            tuple(sorted(params.items())),
        )


def _is_repeat(table: _Table) -> bool:
    return table.position("_parent_index", "PARENT_KEY") is not None


def _repeat_spec(table: _Table) -> SheetSpec | None:
    """Which of our sheets a repeat group stands for: by its name, else by its questions."""

    for name in (table.name, table.name.rsplit("-", 1)[-1]):
        spec = sheet_for_name(name)
        if spec is not None:
            return spec
    best: tuple[int, SheetSpec | None] = (0, None)
    for spec in (PERSONS, PROCEEDINGS):
        plan = _plan(table, spec, {})
        score = len([key for key in plan.fields if key != "id"])
        if score > best[0]:
            best = (score, spec)
    return best[1] if best[0] >= 2 else None


def _first(positions: Mapping[str, int], *names: str) -> int | None:
    for name in names:
        if name in positions:
            return positions[name]
    return None


def _cell(cells: Sequence[CellValue], position: int | None) -> CellValue:
    if position is None or position >= len(cells):
        return None
    return cells[position]


def _put(cells: list[CellValue], position: int, value: CellValue) -> None:
    if position >= len(cells):
        cells.extend([None] * (position + 1 - len(cells)))
    cells[position] = value


def _append_ids(cells: list[CellValue], position: int, ids: list[str]) -> None:
    if not ids:
        return
    given = [part.strip() for part in _text(_cell(cells, position)).split(";") if part.strip()]
    _put(cells, position, "; ".join(dict.fromkeys([*given, *ids])))


def _prefix(row: _Row) -> str:
    """What generated ids start with: the incident id, or the submission's index."""
    if row.incident_id:
        return row.incident_id
    return f"KOBO-{_ID_UNSAFE.sub('_', row.root) or 'X'}"


def _odk_time(value: CellValue) -> CellValue:
    """ODK writes times as 22:15:00.000+02:00; the local time is what the facts need."""
    if isinstance(value, str) and (match := _ODK_TIME.match(value.strip())):
        return match[1]
    return value


def _multi_value(
    cells: list[CellValue],
    position: int,
    choices: list[tuple[int, str]],
    counts: list[tuple[int, str]],
    vocabulary: vocab.Vocabulary,
) -> CellValue:
    """The answer of a select-multiple question as "a; b" (with counts: "tent:3; blanket")."""
    joined = _cell(cells, position) if position not in {c for c, _ in choices} else None
    text = _text(joined)
    if any(_filled(_cell(cells, column)) for column, _ in choices):
        tokens = [name for column, name in choices if _flag(_cell(cells, column))]
        # The space-separated column keeps the order answers were given in; use it when it
        # says the same (a label export joins labels with spaces, so it cannot be split).
        given = text.split()
        terms = [vocabulary.lookup(token) for token in given]
        if all(terms) and {t.code for t in terms if t} == {
            term.code if (term := vocabulary.lookup(token)) else token for token in tokens
        }:
            tokens = given
    elif ":" in text or ";" in text:
        return joined  # typed the way our columns read it ("tente:3; bâche:2")
    else:
        tokens = text.split()
        if not all(vocabulary.lookup(token) for token in tokens) and vocabulary.lookup(text):
            tokens = [text]  # one answer given by its label: "gaz lacrymogène"
    codes = [term.code if (term := vocabulary.lookup(token)) else token for token in tokens]
    numbers: dict[str, str] = {}
    for column, code in counts:
        number = _text(_cell(cells, column))
        if number:
            numbers[code] = number
            if code not in codes:
                codes.append(code)
    parts = [f"{code}:{numbers[code]}" if code in numbers else code for code in codes]
    return "; ".join(dict.fromkeys(parts)) or None
