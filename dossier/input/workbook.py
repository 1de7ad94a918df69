"""Read the incident workbook (CSV, CSV folder, XLSX, ODS) into raw sheets that keep positions."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol, cast

import python_calamine

from dossier.events import StepProgress, counted
from dossier.input.errors import LoadError
from dossier.input.guards import (
    MAX_CSV_CELLS,
    MAX_CSV_LINE,
    bounded_lines,
    check_workbook_archive,
    refuse_long_line,
    refuse_wide_record,
)
from dossier.input.mapping import ColumnMapping, load_mapping_file
from dossier.schema.fields import SHEETS_BY_KEY, SheetSpec, sheet_for_name
from dossier.schema.template_marks import is_helper_sheet

CellValue = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".ods"}
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}


@dataclass
class RawSheet:
    """One sheet as read: its header row and data rows, each with the row number people see."""

    spec: SheetSpec
    file: str  # the name shown in messages (file name, not a full path)
    name: str  # the tab name, or the CSV file name
    header_row: int
    headers: list[str]
    # (row number, cells) for each non-blank row below the header. A list for workbooks; for a
    # CSV, a CsvRows that streams the file each time it is iterated, so a large file is never
    # held in memory as Python lists.
    rows: Iterable[tuple[int, Sequence[CellValue]]]
    encoding: str | None = None
    delimiter: str | None = None
    # True when the loader saw every character and no control character among them: then every
    # cell is text and validation need not search each one for control characters.
    control_free: bool = False

    @property
    def fallback_rows(self) -> list[int]:
        """Rows of a mixed UTF-8 / Windows-1252 CSV read partly as Windows-1252 (see CsvRows)."""
        return sorted(self.rows.fallback_rows) if isinstance(self.rows, CsvRows) else []


@dataclass
class Workbook:
    """Every recognised sheet of the input, plus what the loader noticed and ignored."""

    source: Path
    sheets: dict[str, RawSheet]
    ignored_sheets: list[tuple[str, str]] = field(default_factory=list)  # (file, sheet name)
    evidence_dir: Path | None = None
    mapping: dict[str, dict[str, str]] = field(default_factory=dict)
    # field key → folded wording → the codes it stands for (a mapping file's [values.…])
    values: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)


def load_mapping(path: Path) -> dict[str, dict[str, str]]:
    """The column renames of a mapping file (:func:`dossier.input.mapping.load_mapping_file`)."""
    return load_mapping_file(path).renames


def load_workbook(
    source: Path | str,
    *,
    mapping: Mapping[str, Mapping[str, str]] | ColumnMapping | Path | None = None,
    evidence_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Workbook:
    """Load a CSV file, a folder of CSVs, or an XLSX/ODS workbook.

    Raises :class:`LoadError` when the input cannot be read; a sheet's content problems are
    left to validation, which reports them all at once. ``progress`` receives
    :class:`dossier.events.StepProgress` messages while a workbook is opened and its sheets
    read (a CSV is read as validation goes through it, which reports it).
    """
    path = Path(source)
    read = load_mapping_file(mapping) if isinstance(mapping, Path) else mapping
    values: dict[str, dict[str, tuple[str, ...]]] = {}
    renames: Mapping[str, Mapping[str, str]] = {}
    if isinstance(read, ColumnMapping):
        renames, values = read.renames, read.values
    elif read is not None:
        renames = read
    if not path.exists():
        raise LoadError("input_missing", file=str(path))
    if path.is_dir():
        book = _load_folder(path)
        default_evidence = path / "evidence"
    else:
        suffix = path.suffix.lower()
        if suffix in WORKBOOK_SUFFIXES:
            book = _load_spreadsheet(path, progress)
        elif suffix in CSV_SUFFIXES:
            book = _load_single_csv(path)
        else:
            raise LoadError("unsupported_type", file=path.name, suffix=suffix or "∅")
        default_evidence = path.parent / "evidence"
    if "incidents" not in book.sheets:
        raise LoadError("no_incidents", file=str(path))
    book.evidence_dir = evidence_dir if evidence_dir is not None else default_evidence
    book.mapping = {key: dict(value) for key, value in renames.items()}
    book.values = values
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


_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BLOCK = 1 << 20
_CONTROL_BYTES = frozenset([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_NOT_CONTROL_BYTES = bytes(byte for byte in range(256) if byte not in _CONTROL_BYTES)
# U+202A–U+202E and U+2066–U+2069 in UTF-8: the controls that override or embed a direction.
_BIDI_CONTROL_UTF8 = re.compile(rb"\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def detect_encoding(path: Path) -> tuple[str, str, bool]:
    """The encoding of a CSV file, its first characters (to sniff the delimiter), and whether it
    is free of control characters (then validation need not look for them cell by cell).

    UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 as French Excel writes. The
    whole file is decoded once, block by block, to be sure; nothing is kept but the head.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
            if not head.strip():
                raise LoadError("empty_file", file=path.name)
            if head.startswith(_UTF8_BOM):
                encoding = "utf-8-sig"
            elif head.startswith(_UTF16_BOMS):
                encoding = "utf-16"
            else:
                encoding = "utf-8"
            decoder = codecs.getincrementaldecoder(encoding)()
            try:
                block = head
                # In UTF-8 and Windows-1252 a control character is its own byte, never part of
                # another character's bytes: deleting every other byte finds them, fast.
                control_free = encoding != "utf-16"
                tail = b""
                while block:
                    decoder.decode(block)
                    if control_free and (
                        block.translate(None, _NOT_CONTROL_BYTES)
                        # Bidirectional controls too: validation removes them, cell by cell.
                        or _BIDI_CONTROL_UTF8.search(tail + block)
                    ):
                        control_free = False
                    tail = block[-2:]
                    block = handle.read(_BLOCK)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError as error:
                if encoding != "utf-8":
                    raise LoadError("bad_encoding", file=path.name, reason=str(error)) from error
                # The rest of the file was not scanned: let validation look at every cell.
                # UTF-8 accents elsewhere in the file make it a mix (a line pasted from another
                # program): each line is then read as UTF-8 where it can be, and validation
                # names the lines that were not. Without any, it is all Windows-1252.
                control_free = False
                encoding = MIXED_ENCODING if _has_utf8_sequences(handle) else "cp1252"
    except OSError as error:
        raise LoadError(
            "unreadable", file=path.name, reason=error.strerror or str(error)
        ) from error
    text = head.decode("utf-8" if encoding == MIXED_ENCODING else encoding, errors="replace")
    if _looks_binary(text):
        raise LoadError("binary_file", file=path.name)
    return encoding, text, control_free


#: The encoding of a CSV file that is UTF-8 except on some lines, which are Windows-1252.
MIXED_ENCODING = "utf-8+cp1252"
# A character written in UTF-8 with more than one byte: Windows-1252 text hardly ever holds one.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _has_utf8_sequences(handle: BinaryIO) -> bool:
    handle.seek(0)
    tail = b""
    while block := handle.read(_BLOCK):
        if _UTF8_SEQUENCE.search(tail + block):
            return True
        tail = block[-3:]
    return False


def _decode_line_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as Windows-1252."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("dossier-cp1252", _decode_line_cp1252)


def _looks_binary(text: str) -> bool:
    """Text full of control characters (or bytes no encoding knows) is not a CSV a person wrote.

    A stray control character (even NUL) in a cell is left to validation, which names the cell.
    """
    sample = text[:8192]
    odd = sum(1 for char in sample if (char < " " and char not in "\t\r\n") or char == "\ufffd")
    return odd > max(2, len(sample) // 50)


def sniff_delimiter(text: str) -> str:
    """Pick ``,``, ``;`` or tab from the header line: the first line that holds any text.

    Quoted parts are skipped, so a ";" or a newline inside a quoted header does not count.
    """
    outside: list[str] = []
    has_text = quoted = False
    for char in text[:65536]:
        if char == '"':
            quoted = not quoted
            has_text = True
        elif quoted:
            continue
        elif char in "\r\n":
            if has_text:
                break
            outside.clear()  # a blank line, or ";;;" above the header, says nothing
        else:
            outside.append(char)
            has_text = has_text or char not in " ;,\t"
    header = "".join(outside)
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


class _Stream(Protocol):
    """An open file, as far as telling how much of it was read goes."""

    @property
    def closed(self) -> bool: ...

    def tell(self) -> int: ...


class CsvRows:
    """The non-blank rows below the header of a CSV file, read from the file on each iteration.

    Row numbers count records, not lines: a spreadsheet shows a quoted multi-line cell as one row.
    While it is iterated, :meth:`bytes_read` says how far into the file the reading has got.
    """

    def __init__(self, path: Path, encoding: str, delimiter: str, header_row: int) -> None:
        self.path = path
        self.encoding = encoding
        self.delimiter = delimiter
        self.header_row = header_row
        # Rows (as numbered here) holding bytes that are not UTF-8, in a mixed file.
        self.fallback_rows: set[int] = set()
        self._stream: _Stream | None = None

    def bytes_read(self) -> int:
        """The bytes of the file read so far by the iteration going on (read ahead a little)."""
        stream = self._stream
        if stream is None or stream.closed:
            return 0
        try:
            return stream.tell()
        except (OSError, ValueError):
            return 0

    def _opened(self, stream: _Stream) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        header_row = self.header_row
        strip = str.strip
        records = _csv_records(
            self.path, self.encoding, self.delimiter, self.fallback_rows, self._opened
        )
        for number, _header in records:
            if number == header_row:
                break
        for number, record in records:
            # A row is blank when every cell is empty or spaces; most rows start with their id.
            if (record and record[0] and not record[0].isspace()) or any(map(strip, record)):
                yield number, record

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _csv_records(
    path: Path,
    encoding: str,
    delimiter: str,
    fallback_rows: set[int] | None = None,
    opened: Callable[[_Stream], None] | None = None,
) -> Generator[tuple[int, list[str]]]:
    """The records of a CSV file, numbered as a spreadsheet numbers its rows.

    Lines longer than MAX_CSV_LINE characters and records of more than MAX_CSV_CELLS cells are
    refused before they are held in memory. In a mixed file (MIXED_ENCODING), the numbers of the
    records holding lines that are not UTF-8 are added to ``fallback_rows``. ``opened`` is given
    the file's byte stream once it is open (to tell how far the reading has got).
    """

    number = 0
    try:
        if encoding == MIXED_ENCODING:
            with path.open("rb") as binary:
                if opened is not None:
                    opened(binary)
                mixed_lines: set[int] = set()
                reader = csv.reader(
                    _mixed_lines(binary, path.name, mixed_lines), delimiter=delimiter
                )
                last_line = 0
                for number, record in enumerate(reader, start=1):
                    if len(record) > MAX_CSV_CELLS:
                        raise refuse_wide_record(path.name, number, len(record))
                    if fallback_rows is not None and any(
                        last_line < line <= reader.line_num for line in mixed_lines
                    ):
                        fallback_rows.add(number)
                        mixed_lines.clear()
                    last_line = reader.line_num
                    yield number, record
            return
        errors = "replace" if encoding == "cp1252" else "strict"
        with path.open(encoding=encoding, errors=errors, newline="") as handle:
            if opened is not None:
                opened(cast("_Stream", handle.buffer))  # a BufferedReader: it tells
            lines = bounded_lines(handle, path.name)
            for number, record in enumerate(csv.reader(lines, delimiter=delimiter), start=1):
                if len(record) > MAX_CSV_CELLS:
                    raise refuse_wide_record(path.name, number, len(record))
                yield number, record
    except csv.Error as error:
        # Name the row: "field larger than field limit" alone does not say where.
        reason = f"{error} (row {number + 1})"
        raise LoadError("bad_csv", file=path.name, reason=reason) from error
    except UnicodeDecodeError as error:  # the file changed since its encoding was detected
        raise LoadError("bad_encoding", file=path.name, reason=str(error)) from error
    except OSError as error:
        raise LoadError(
            "unreadable", file=path.name, reason=error.strerror or str(error)
        ) from error


def _mixed_lines(binary: BinaryIO, file: str, mixed: set[int]) -> Iterator[str]:
    """Lines of a mixed file: UTF-8 where they are, Windows-1252 for the bytes that are not."""

    number = 0
    readline = binary.readline
    while line := readline(MAX_CSV_LINE + 1):
        number += 1
        if len(line) > MAX_CSV_LINE:
            raise refuse_long_line(file, number)
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = line.decode("utf-8", errors="dossier-cp1252")
            mixed.add(number)
        yield text


def _read_csv(path: Path, spec: SheetSpec) -> RawSheet:
    """The header of a CSV file; its rows are read when validation iterates over them."""
    encoding, head, control_free = detect_encoding(path)
    delimiter = sniff_delimiter(head)
    records = _csv_records(path, encoding, delimiter)
    try:
        for header_row, record in records:
            if any(cell.strip() for cell in record):
                rows = CsvRows(path, encoding, delimiter, header_row)
                return RawSheet(
                    spec,
                    path.name,
                    path.stem,
                    header_row,
                    record,
                    rows,
                    encoding,
                    delimiter,
                    control_free,
                )
    finally:
        records.close()
    raise LoadError("empty_file", file=path.name)


def _load_spreadsheet(path: Path, progress: Callable[[str], None] | None = None) -> Workbook:

    if progress is not None:
        progress(StepProgress(f"open {path.name}", done=0, total=0))
    # Before calamine sees it: a few kilobytes can make calamine hold gigabytes, or abort.
    check_workbook_archive(path)
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:
        # calamine raises several unrelated types for broken files, and a Rust panic arrives as
        # pyo3's PanicException, which is not an Exception.
        raise LoadError("corrupt_workbook", file=path.name, reason=_short(error)) from error
    if progress is not None:
        progress(StepProgress(f"open {path.name}", done=0, total=0, finished=True))
    sheets: dict[str, RawSheet] = {}
    ignored: list[tuple[str, str]] = []
    for meta in book.sheets_metadata:
        spec = sheet_for_name(meta.name)
        visible = str(meta.visible).rsplit(".", 1)[-1].lower() == "visible"
        if spec is None:
            # The helper sheets of our spreadsheet template (lists, instructions) are expected.
            if visible and not is_helper_sheet(meta.name):
                ignored.append((path.name, meta.name))
            continue  # hidden helper sheets (lists, notes) are ignored unless named as ours
        if spec.key in sheets:
            raise LoadError("duplicate_sheet", file=path.name, other=meta.name, sheet=spec.key)
        try:
            step = f"read {path.name}: {_shown(meta.name)}"
            if progress is not None:
                progress(StepProgress(step, done=0, total=0, unit="rows"))
            sheet = book.get_sheet_by_name(meta.name)
            # Row by row, not to_python(): blank rows are dropped as they come. Rows are yielded
            # from the first row; columns from the first filled one, so pad on the left.
            offset = sheet.start[1] if sheet.start else 0
            grid: Iterable[Sequence[CellValue]] = (
                [*([None] * offset), *row] if offset else row for row in sheet.iter_rows()
            )
            if progress is not None:
                total = sheet.end[0] + 1 if sheet.end else 0
                grid = counted(grid, progress, step, total=total, unit="rows")
            sheets[spec.key] = _sheet_from_grid(spec, path.name, _shown(meta.name), grid)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:
            raise LoadError("corrupt_workbook", file=path.name, reason=_short(error)) from error
    if not sheets:
        raise LoadError("no_incidents", file=path.name)
    return Workbook(path, sheets, ignored)


def hidden_sheets(path: Path) -> list[str]:
    """The names of the sheets of an XLSX or ODS workbook that its program does not show.

    The loader never reads them; whoever passes the workbook on must know they are there.
    A CSV file has none.
    """
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return []
    check_workbook_archive(path)
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return [
        _shown(meta.name)
        for meta in book.sheets_metadata
        if str(meta.visible).rsplit(".", 1)[-1].lower() != "visible"
    ]


def _sheet_from_grid(
    spec: SheetSpec, file_name: str, sheet_name: str, grid: Iterable[Sequence[CellValue]]
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


# Bidirectional controls and other invisible format characters that could make a sheet name
# printed in a message reorder the text around it.
_UNSAFE_IN_NAMES = re.compile("[\x00-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(name: str) -> str:
    """A sheet name as messages print it: control and bidi characters made visible."""
    return _UNSAFE_IN_NAMES.sub("\ufffd", name)


def _filled(value: CellValue) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200]
