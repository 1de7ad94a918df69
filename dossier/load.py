"""Read the incident workbook (CSV, CSV folder, XLSX, ODS) into raw sheets that keep positions."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dossier.fields import SHEETS_BY_KEY, SheetSpec, sheet_for_name
from dossier.text import fold_key

CellValue = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".ods"}
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}


class LoadError(Exception):
    """The input cannot be read at all. ``key`` picks the message; ``params`` fill it in."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params


class MappingError(LoadError):
    """The ``--mapping`` file is unusable: a usage error, not a data error."""


@dataclass
class RawSheet:
    """One sheet as read: its header row and data rows, each with the row number people see."""

    spec: SheetSpec
    file: str  # the name shown in messages (file name, not a full path)
    name: str  # the tab name, or the CSV file name
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[CellValue]]]
    encoding: str | None = None
    delimiter: str | None = None


@dataclass
class Workbook:
    """Every recognised sheet of the input, plus what the loader noticed and ignored."""

    source: Path
    sheets: dict[str, RawSheet]
    ignored_sheets: list[tuple[str, str]] = field(default_factory=list)  # (file, sheet name)
    evidence_dir: Path | None = None
    mapping: dict[str, dict[str, str]] = field(default_factory=dict)


def load_mapping(path: Path) -> dict[str, dict[str, str]]:
    """Read a TOML column mapping: ``[incidents] "Their header" = "our field key"``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise MappingError("mapping_unreadable", file=str(path), reason=str(error)) from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise MappingError("mapping_invalid", file=str(path), reason=str(error)) from error
    mapping: dict[str, dict[str, str]] = {}
    for sheet_name, table in data.items():
        spec = sheet_for_name(sheet_name)
        if spec is None or not isinstance(table, dict):
            raise MappingError("mapping_unknown_sheet", file=str(path), sheet=sheet_name)
        renames: dict[str, str] = {}
        known = {column.key for column in spec.fields}
        for header, target in table.items():
            if not isinstance(target, str) or target not in known:
                raise MappingError(
                    "mapping_unknown_field",
                    file=str(path),
                    sheet=sheet_name,
                    header=str(header),
                    target=str(target),
                    expected=", ".join(sorted(known)),
                )
            renames[fold_key(header)] = target
        mapping[spec.key] = renames
    return mapping


def load_workbook(
    source: Path | str,
    *,
    mapping: Mapping[str, Mapping[str, str]] | Path | None = None,
    evidence_dir: Path | None = None,
) -> Workbook:
    """Load a CSV file, a folder of CSVs, or an XLSX/ODS workbook.

    Raises :class:`LoadError` when the input cannot be read; a sheet's content problems are
    left to validation, which reports them all at once.
    """
    path = Path(source)
    if isinstance(mapping, Path):
        mapping = load_mapping(mapping)
    if not path.exists():
        raise LoadError("input_missing", file=str(path))
    if path.is_dir():
        book = _load_folder(path)
        default_evidence = path / "evidence"
    else:
        suffix = path.suffix.lower()
        if suffix in WORKBOOK_SUFFIXES:
            book = _load_spreadsheet(path)
        elif suffix in CSV_SUFFIXES:
            book = _load_single_csv(path)
        else:
            raise LoadError("unsupported_type", file=path.name, suffix=suffix or "∅")
        default_evidence = path.parent / "evidence"
    if "incidents" not in book.sheets:
        raise LoadError("no_incidents", file=str(path))
    book.evidence_dir = evidence_dir if evidence_dir is not None else default_evidence
    book.mapping = {key: dict(value) for key, value in (mapping or {}).items()}
    return book


def _load_folder(folder: Path) -> Workbook:
    sheets: dict[str, RawSheet] = {}
    ignored: list[tuple[str, str]] = []
    for csv_path in sorted(folder.iterdir()):
        if csv_path.suffix.lower() not in CSV_SUFFIXES or not csv_path.is_file():
            continue
        spec = sheet_for_name(csv_path.stem)
        if spec is None:
            ignored.append((csv_path.name, csv_path.stem))
            continue
        if spec.key in sheets:
            raise LoadError(
                "duplicate_sheet", file=csv_path.name, other=sheets[spec.key].file, sheet=spec.key
            )
        sheets[spec.key] = _read_csv(csv_path, spec)
    if not sheets:
        raise LoadError("no_incidents", file=str(folder))
    return Workbook(folder, sheets, ignored)


def _load_single_csv(path: Path) -> Workbook:
    # A lone CSV is the incidents sheet whatever its name: "a single flat sheet is enough".
    spec = sheet_for_name(path.stem) or SHEETS_BY_KEY["incidents"]
    sheet = _read_csv(path, spec)
    sheet.name = spec.key
    return Workbook(path, {spec.key: sheet})


def decode_text(data: bytes, file_name: str) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), else Windows-1252 as French Excel writes."""
    if not data.strip():
        raise LoadError("empty_file", file=file_name)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError("binary_file", file=file_name)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(text: str) -> str:
    """Pick ``,``, ``;`` or tab from the header line, ignoring quoted parts."""
    first_line = []
    quoted = False
    for char in text[:65536]:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            break
        elif not quoted:
            first_line.append(char)
    header = "".join(first_line)
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _read_csv(path: Path, spec: SheetSpec) -> RawSheet:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LoadError(
            "unreadable", file=path.name, reason=error.strerror or str(error)
        ) from error
    try:
        text, encoding = decode_text(data, path.name)
    except UnicodeDecodeError as error:
        raise LoadError("bad_encoding", file=path.name, reason=str(error)) from error
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header_row = 0
    headers: list[str] | None = None
    rows: list[tuple[int, list[CellValue]]] = []
    try:
        # A spreadsheet shows a multi-line quoted cell as one row, so count records, not lines.
        for row_number, record in enumerate(reader, start=1):
            if headers is None:
                if any(cell.strip() for cell in record):
                    headers = record
                    header_row = row_number
                continue
            if any(cell.strip() for cell in record):
                rows.append((row_number, list(record)))
    except csv.Error as error:
        raise LoadError("bad_csv", file=path.name, reason=str(error)) from error
    if headers is None:
        raise LoadError("empty_file", file=path.name)
    return RawSheet(spec, path.name, path.stem, header_row, headers, rows, encoding, delimiter)


def _load_spreadsheet(path: Path) -> Workbook:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises several unrelated types for broken files
        raise LoadError("corrupt_workbook", file=path.name, reason=_short(error)) from error
    sheets: dict[str, RawSheet] = {}
    ignored: list[tuple[str, str]] = []
    for meta in book.sheets_metadata:
        spec = sheet_for_name(meta.name)
        visible = str(meta.visible).rsplit(".", 1)[-1].lower() == "visible"
        if spec is None:
            if visible:
                ignored.append((path.name, meta.name))
            continue  # hidden helper sheets (lists, notes) are ignored unless named as ours
        if spec.key in sheets:
            raise LoadError("duplicate_sheet", file=path.name, other=meta.name, sheet=spec.key)
        try:
            values = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        except Exception as error:
            raise LoadError("corrupt_workbook", file=path.name, reason=_short(error)) from error
        sheets[spec.key] = _sheet_from_grid(spec, path.name, meta.name, list(values))
    if not sheets:
        raise LoadError("no_incidents", file=path.name)
    return Workbook(path, sheets, ignored)


def _sheet_from_grid(
    spec: SheetSpec, file_name: str, sheet_name: str, grid: Sequence[Sequence[CellValue]]
) -> RawSheet:
    headers: list[str] | None = None
    header_row = 0
    rows: list[tuple[int, list[CellValue]]] = []
    for row_number, values in enumerate(grid, start=1):
        if not any(_filled(value) for value in values):
            continue
        if headers is None:
            headers = ["" if value is None else str(value) for value in values]
            header_row = row_number
            continue
        rows.append((row_number, [None if value == "" else value for value in values]))
    return RawSheet(spec, file_name, sheet_name, header_row, headers or [], rows)


def _filled(value: CellValue) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _short(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200]
