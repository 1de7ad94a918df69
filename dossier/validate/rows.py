"""Turn raw sheets into typed records and a report that accounts for every row."""

from __future__ import annotations

import datetime as dt
import errno
import gc
import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import Any

from dossier.events import counted
from dossier.input.guards import MAX_CELL_TEXT
from dossier.input.kobo import load_kobo
from dossier.input.problems import Problem, Severity
from dossier.input.template_rows import drop_example_rows
from dossier.input.workbook import CellValue, CsvRows, RawSheet, Workbook, load_workbook
from dossier.schema import vocab
from dossier.schema.fields import Field, Kind, SheetSpec
from dossier.schema.header_keys import CONTROL_CHARACTERS, column_letter, fold_key
from dossier.schema.records import (
    RECORD_TYPES,
    Evidence,
    FrozenDict,
    FrozenList,
    Incident,
    Origin,
    Person,
    Proceeding,
    Record,
)
from dossier.validate.validation_report import SheetCount, ValidationReport

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
_RIO_CELL = re.compile(r"\s*[0-9]{7}(?:\s*;\s*[0-9]{7})*\s*;?\s*")
_RIO_NUMBER = re.compile(r"[0-9]{7}")
_CONTROL = CONTROL_CHARACTERS
# Characters that override or embed a writing direction (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI,
# PDI): a value holding one can reverse the sentence it is printed in ("U+202E" makes "txt.exe"
# of "exe.txt"). They are removed, with a warning. The marks LRM, RLM and ALM, which right-to-
# left keyboards type and which reorder nothing beyond a neutral character, are kept.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# How much of a cell a problem quotes (the whole cell is in the spreadsheet).
_QUOTED = 200
_SPREADSHEET_EPOCH = dt.date(1899, 12, 30)
# Upper bounds the records hold, checked while reading so the message names the cell.
_INT_LIMITS = {"age": 120}


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
) -> tuple[Dataset, ValidationReport]:
    """Check every row of every sheet; return the accepted records and the full report.

    ``progress`` receives :class:`dossier.events.StepProgress` messages: rows checked (for a
    CSV, the bytes of the file read) and evidence files hashed.
    """

    # Example rows of our spreadsheet template and the import profile's own notices are
    # reported alongside the validation problems.
    notices = [*drop_example_rows(book), *getattr(book, "problems", [])]
    validator = _Validator(book, today or dt.date.today(), progress)
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
    report.problems.extend(notices)
    return dataset, report


def load_and_validate(
    source: Path | str,
    *,
    mapping: dict[str, dict[str, str]] | Path | None = None,
    evidence_dir: Path | None = None,
    today: dt.date | None = None,
    profile: str = "workbook",
    progress: Callable[[str], None] | None = None,
) -> tuple[Dataset, ValidationReport]:
    """Load and validate in one call. Raises :class:`dossier.input.errors.LoadError` if unreadable.

    ``profile`` is ``workbook`` (our columns, English or French headers) or ``kobo`` (a
    KoboToolbox / ODK export). ``progress``, a callback like :func:`dossier.build.pipeline.build`'s,
    is told how the loading (rows, or bytes of a CSV), the checking and the hashing of the
    evidence files go, in :class:`dossier.events.StepProgress` messages.
    """
    book: Workbook
    if profile == "kobo":
        book = load_kobo(Path(source), evidence_dir, mapping=mapping)
    elif profile == "workbook":
        book = load_workbook(source, mapping=mapping, evidence_dir=evidence_dir, progress=progress)
    else:
        raise ValueError(f"unknown input profile {profile!r} (expected workbook, kobo)")
    return validate_workbook(book, today=today, progress=progress)


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
    """A value as a message quotes it: control and direction characters made visible."""
    return _BIDI_CONTROLS.sub(
        "\N{REPLACEMENT CHARACTER}", _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)
    )


def _quoted(text: str) -> str:
    text = _printable(text)
    return text if len(text) <= _QUOTED else text[: _QUOTED - 1] + "…"


def _bidi_warning(text: str) -> tuple[Severity, CellError]:
    count = len(_BIDI_CONTROLS.findall(text))
    return (Severity.WARNING, CellError("bidi_control", _quoted(text.strip()), count=str(count)))


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
    if type(value) is str:
        text = value.strip()
        if text.isdigit() and text.isascii():  # the usual case, "12": no copies, no checks
            return int(text)
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
    if type(value) is str and value.isascii():  # the usual case, "50.9513" or "50,9513"
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            number = float("nan")
        if low <= number <= high:
            return number
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


def _latitude(value: CellValue) -> float:
    return _coordinate(value, -90, 90)


def _longitude(value: CellValue) -> float:
    return _coordinate(value, -180, 180)


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
    if type(value) is str and _RIO_CELL.fullmatch(value):  # "1234567" or "1234567; 7654321"
        return _RIO_NUMBER.findall(value)
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

# Reading a cell gives its value, or a _Flagged result when something is out of the ordinary:
# the cell is blank after all, has problems, or is a date whose spelling implies a precision.
# The same text in the same column always reads the same, so results are kept per column and
# repeated cells (vocabulary terms, dates, counts) are read once: that is where the time goes.


class _Flagged:
    """A cell read with something out of the ordinary: problems, or a precision (or blank)."""

    __slots__ = ("issues", "precision", "value")

    def __init__(
        self,
        value: Any,
        issues: tuple[tuple[Severity, CellError], ...] = (),
        precision: str | None = None,
    ) -> None:
        self.value = value
        self.issues = issues
        self.precision = precision


_BLANK: Any = object()
_BLANK_CELL = _Flagged(_BLANK)  # a cell of spaces: blank after all
CellReader = Callable[[Any], Any]  # a cell in, the value or a _Flagged out
_CACHE_LIMIT = 20_000  # distinct texts kept per column (then it starts again)
# Columns whose cells are mostly unique: keeping them would only cost memory.
_UNCACHED = frozenset(
    {
        "id",
        "latitude",
        "longitude",
        "summary_fr",
        "summary_en",
        "description_fr",
        "description_en",
        "legal_name",
        "contact",
        "file",
        "url",
        "sha256",
        "captured_at",
        "custody_notes",
        "reference",
        "response",
    }
)
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
)


def _errors_flagged(parse: Callable[[CellValue], Any]) -> CellReader:
    """A reader from a parser that raises CellError; empty and whitespace-only cells are blank."""

    def read(cell: CellValue) -> Any:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            return _BLANK_CELL
        warning = None
        if type(cell) is str and _BIDI_CONTROLS.search(cell):
            warning = _bidi_warning(cell)
            cell = _BIDI_CONTROLS.sub("", cell)
            if not cell.strip():
                return _Flagged(_BLANK, (warning,))
        try:
            value = parse(cell)
        except CellError as error:
            # Kept in the column's cache: drop the traceback and the frames it holds.
            issues = ((Severity.ERROR, error.with_traceback(None)),)
            return _Flagged(_BLANK, issues + ((warning,) if warning else ()))
        if warning is None:
            return value
        if type(value) is _Flagged:
            return _Flagged(value.value, (*value.issues, warning), value.precision)
        return _Flagged(value, (warning,))

    return read


def _read_text(cell: CellValue) -> Any:
    if cell is None:
        return _BLANK_CELL
    text = cell.strip() if type(cell) is str else None
    if text is None or _CONTROL.search(text):
        try:
            text = _text(cell)
        except CellError as error:
            return _Flagged(_BLANK, ((Severity.ERROR, error.with_traceback(None)),))
    if _BIDI_CONTROLS.search(text):
        warning = _bidi_warning(text)
        text = _BIDI_CONTROLS.sub("", text).strip()
        return _Flagged(text or _BLANK, (warning,))
    return text or _BLANK_CELL


def _wrap(cell: CellValue) -> Any:
    return cell if cell is None or type(cell) is str else (type(cell), cell)


def _unwrapping(reader: CellReader) -> Callable[[Any], Any]:
    return lambda cell: reader(cell[1] if isinstance(cell, tuple) else cell)


_FLAGGED: Any = object()  # what a _CellCache gives for a cell whose _Flagged result it keeps


class _CellCache(dict):  # type: ignore[type-arg]
    """Cell text → what it reads as, for one column; filled on first sight of each text.

    ``cache[cell]`` is the value, or _FLAGGED when the result is out of the ordinary (then it is
    in ``flagged``): one look-up and one identity test per cell in the common case.
    """

    __slots__ = ("flagged", "reader")

    def __init__(self, reader: CellReader) -> None:
        super().__init__()
        self.reader = reader
        self.flagged: dict[Any, _Flagged] = {}

    def __missing__(self, cell: Any) -> Any:
        if cell in self.flagged:
            return _FLAGGED
        value = self.reader(cell)
        # Past the bound a column's texts are mostly unique: start again rather than grow.
        # Problems are kept apart, so that a value found in the cache never needs checking.
        if type(value) is _Flagged:
            if len(self.flagged) >= _CACHE_LIMIT:
                self.flagged.clear()
            self.flagged[cell] = value
            return _FLAGGED
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        self[cell] = value
        return value


def _read_terms(cell: CellValue, vocabulary: vocab.Vocabulary) -> Any:
    """A list of vocabulary terms: each unknown one is a problem of its own."""
    codes: list[str] = []
    issues: list[tuple[Severity, CellError]] = []
    for part in _split(cell):
        try:
            code = parse_term(part, vocabulary)
        except CellError as error:
            issues.append((Severity.ERROR, error.with_traceback(None)))
            continue
        if code not in codes:
            codes.append(code)
    frozen = FrozenList(codes)
    return _Flagged(frozen, tuple(issues)) if issues else frozen


def _read_counts(cell: CellValue, vocabulary: vocab.Vocabulary) -> Any:
    """``tente:3; sac de couchage:2`` → {"tent": 3, "sleeping_bag": 2}; a bare label counts None."""
    counts: dict[str, int | None] = {}
    issues: list[tuple[Severity, CellError]] = []
    parts = _COUNT_PARTS.setdefault(vocabulary.name, {})
    if type(cell) is str and not _CONTROL.search(cell):
        split = [part for part in map(str.strip, cell.split(";")) if part]
    else:
        split = _split(cell)
    for part in split:
        parsed = parts.get(part)
        if parsed is None:
            parsed = _count_part(part, vocabulary)
            if len(parts) < _CACHE_LIMIT:
                parts[part] = parsed
        if isinstance(parsed, CellError):
            issues.append((Severity.ERROR, parsed))
            continue
        code, count = parsed
        previous = counts.get(code)
        counts[code] = count if previous is None else previous + (count or 0)
    frozen = FrozenDict(counts)
    return _Flagged(frozen, tuple(issues)) if issues else frozen


# "tente:3" → ("tent", 3), per vocabulary: a count cell is often new, its parts seldom are.
_COUNT_PARTS: dict[str, dict[str, tuple[str, int | None] | CellError]] = {}


def _count_part(part: str, vocabulary: vocab.Vocabulary) -> tuple[str, int | None] | CellError:
    name, separator, number = part.partition(":")
    try:
        code = parse_term(name.strip(), vocabulary)
        count: int | None = None
        if separator:
            try:
                count = parse_int(number.strip())
            except CellError:
                raise CellError("invalid_count", part) from None
    except CellError as error:
        return error.with_traceback(None)
    return code, count


def _read_plain_text(cell: str) -> Any:
    return cell.strip() or _BLANK_CELL


def _read_plain_id(cell: str) -> Any:
    text = cell.strip()
    if not text:
        return _BLANK_CELL
    if _ID.match(text):
        return text
    return _Flagged(_BLANK, ((Severity.ERROR, CellError("invalid_id", text)),))


def _plain_coordinate_reader(kind: Kind) -> CellReader:
    """Read "50.9513" or "50,9513" with one call; anything else goes the general way."""
    low, high = (-90.0, 90.0) if kind is Kind.LATITUDE else (-180.0, 180.0)
    general = _errors_flagged(_latitude if kind is Kind.LATITUDE else _longitude)

    def read(cell: str) -> Any:
        try:
            number = float(cell.replace(",", "."))
        except ValueError:
            return general(cell)
        return number if low <= number <= high else general(cell)

    return read


def cell_reader(column: Field, today: dt.date, plain_text: bool = False) -> CellReader:
    """The function that reads one cell of ``column`` (see _Flagged for what it returns).

    ``plain_text``: every cell is text without control characters (the loader checked), so the
    readers of the most frequent unique cells, free text and ids, can skip that check.
    """
    kind = column.kind
    vocabulary = column.vocabulary
    if plain_text and (kind is Kind.TEXT or kind is Kind.PATH):
        return _read_plain_text
    if plain_text and kind is Kind.ID:
        return _read_plain_id
    if plain_text and kind in (Kind.LATITUDE, Kind.LONGITUDE):
        return _plain_coordinate_reader(kind)
    if kind is Kind.TEXT or kind is Kind.PATH:
        return _read_text
    if kind is Kind.DATE:

        def read_date(cell: CellValue) -> Any:
            day, precision = parse_date(cell)
            if day > today:
                warning = (Severity.WARNING, CellError("future_date", _text(cell)))
                return _Flagged(day, (warning,), precision)
            return _Flagged(day, (), precision) if precision else day

        return _errors_flagged(read_date)
    if kind is Kind.INT:
        limit = _INT_LIMITS.get(column.key)

        def read_int(cell: CellValue) -> int:
            number = parse_int(cell)
            if limit is not None and number > limit:
                raise CellError("invalid_range", _text(cell), high=str(limit))
            return number

        return _errors_flagged(read_int)
    if kind is Kind.TERM_LIST or kind is Kind.COUNTS:
        assert vocabulary is not None
        read_list = _read_terms if kind is Kind.TERM_LIST else _read_counts
        return _errors_flagged(lambda cell: read_list(cell, vocabulary))
    parsers: dict[Kind, Callable[[CellValue], Any]] = {
        Kind.ID: parse_id,
        Kind.ID_LIST: lambda cell: FrozenList([parse_id(part) for part in _split(cell)]),
        Kind.TEXT_LIST: lambda cell: FrozenList(_split(cell)),
        Kind.TIME: parse_time,
        Kind.DATETIME: parse_datetime,
        Kind.LATITUDE: _latitude,
        Kind.LONGITUDE: _longitude,
        Kind.BOOL: parse_bool,
        Kind.RIO_LIST: lambda cell: FrozenList(parse_rio(cell)),
        Kind.SHA256: parse_sha256,
        Kind.URL: parse_url,
    }
    if kind is Kind.TERM:
        assert vocabulary is not None
        return _errors_flagged(lambda cell: parse_term(_text(cell), vocabulary))
    return _errors_flagged(parsers[kind])


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
        self, book: Workbook, today: dt.date, progress: Callable[[str], None] | None = None
    ) -> None:
        self.book = book
        self.today = today
        self.progress = progress
        self.report = ValidationReport()
        self.sheets: dict[str, _Sheet] = {}
        self.builders: dict[str, _RecordBuilder] = {}

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
            header = _quoted(sheet.headers[column])
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
                count=str(sum(1 for _ in sheet.rows)),
            )
        return None if missing else columns

    def read_sheet(self, raw: RawSheet) -> None:
        tally = SheetCount(raw.name, raw.file)
        self.report.counts[raw.spec.key] = tally
        if not any(header.strip() for header in raw.headers):
            # A template's empty "persons" tab: nothing to check, and nothing to lose.
            self.problem(Severity.WARNING, "empty_sheet", raw)
            return
        columns = self.column_plan(raw)
        if columns is None:
            tally.read = tally.rejected = sum(1 for _ in raw.rows)
            return
        sheet = self.sheets[raw.spec.key] = _Sheet(raw, columns)
        plain_text = raw.control_free
        # A workbook's 1, 1.0 and True are equal as dict keys but do not read the same: there,
        # cells that are not text go by (type, value). Text and blanks stay as they are.
        wrapped = not isinstance(raw.rows, CsvRows)
        cached: list[tuple[str, int, _CellCache]] = []
        uncached: list[tuple[str, int, Callable[[Any], Any]]] = []
        # Long free text of a plain-text sheet is just trimmed. Short text ("Calais") goes through
        # a cache like any other cell, so that every record shares one copy of it.
        texts: list[tuple[str, int]] = []
        for key, position in columns.items():
            kind = raw.spec.field(key).kind
            if plain_text and kind in (Kind.TEXT, Kind.PATH) and key in _UNCACHED:
                texts.append((key, position))
                continue
            reader = cell_reader(raw.spec.field(key), self.today, plain_text)
            if wrapped:
                reader = _unwrapping(reader)
            if key in _UNCACHED:
                uncached.append((key, position, reader))
            else:
                cached.append((key, position, _CellCache(reader)))
        width = max(columns.values()) + 1
        padding: list[Any] = [""] * width
        rows = sheet.rows
        first_rows = sheet.first_rows
        check_row = self.check_row
        make_record = self.make_record
        cross_keys = _CROSS_KEYS
        flagged, flagged_mark = _Flagged, _FLAGGED
        # The hot loop, once per cell: no call or attribute look-up that can be avoided.
        cells: Sequence[Any]
        keys_at = {position: key for key, position in columns.items()}
        limit = MAX_CELL_TEXT
        source_rows = raw.rows if self.progress is None else self.reporting(raw, self.progress)
        for number, cells in source_rows:
            too_long = (
                any(type(cell) is str and len(cell) > limit for cell in cells)
                if wrapped
                else max(map(len, cells), default=0) > limit  # type: ignore[arg-type]
            )
            long_errors = None
            if too_long:
                cells, long_errors = self.long_cells(cells, keys_at)
            if wrapped:
                cells = [_wrap(cell) for cell in cells]
            if len(cells) < width:
                cells = [*cells, *padding[len(cells) :]]
            values: dict[str, Any] = {}
            odd: list[tuple[str, _Flagged]] | None = None
            for key, position, cache in cached:
                cell = cells[position]
                if not cell:
                    continue
                value = cache[cell]
                if value is flagged_mark:
                    if odd is None:
                        odd = []
                    odd.append((key, cache.flagged[cell]))
                    continue
                values[key] = value
            for key, position in texts:  # only in a plain-text sheet: every cell is a str
                text = cells[position].strip()  # type: ignore[union-attr]
                if text:
                    values[key] = text
            for key, position, reader in uncached:
                cell = cells[position]
                if not cell:
                    continue
                value = reader(cell)
                if type(value) is flagged:
                    if odd is None:
                        odd = []
                    odd.append((key, value))
                    continue
                values[key] = value
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
                row.record = make_record(sheet, row, values)
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

    @staticmethod
    def reporting(
        raw: RawSheet, progress: Callable[[str], None]
    ) -> Iterable[tuple[int, Sequence[CellValue]]]:
        """The sheet's rows, telling ``progress`` how far the checking has got."""

        if isinstance(raw.rows, CsvRows):
            # Read as it is checked: how far is the share of the file's bytes read.
            rows = raw.rows
            try:
                size = rows.path.stat().st_size
            except OSError:
                size = 0
            step = f"read {raw.file}"
            return counted(rows, progress, step, total=size, unit="bytes", position=rows.bytes_read)
        total = len(raw.rows) if isinstance(raw.rows, Sized) else 0
        return counted(raw.rows, progress, f"check {raw.name}", total=total)

    @staticmethod
    def long_cells(
        cells: Sequence[Any], keys_at: dict[int, str]
    ) -> tuple[list[Any], list[tuple[str, CellError]]]:
        """Cells longer than a spreadsheet cell can be: refused, and read as blank after.

        Nothing downstream (messages, the dossier's layout) then handles megabytes of text.
        """
        kept = list(cells)
        errors = []
        for position, cell in enumerate(cells):
            if type(cell) is str and len(cell) > MAX_CELL_TEXT:
                kept[position] = ""  # blank, in a CSV's all-text rows as in a workbook's
                key = keys_at.get(position)
                if key is not None:  # else a column nobody reads
                    limit, length = str(MAX_CELL_TEXT), str(len(cell))
                    errors.append(
                        (key, CellError("text_too_long", _quoted(cell), length=length, limit=limit))
                    )
        return kept, errors

    def flagged_cells(
        self, sheet: _Sheet, row: _Row, values: dict[str, Any], odd: list[tuple[str, _Flagged]]
    ) -> None:
        for key, flagged in odd:
            if flagged.value is not _BLANK:
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

    def check_evidence_files(self) -> None:
        folder = self.book.evidence_dir
        sheet = self.sheets.get("evidence")
        if sheet is None:
            return
        with_files = [row for row in sheet.rows if row.get("file")]
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
                    _evidence_error(error, relative, shown_folder),
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
        dataset.columns = {
            key: {
                field_key: (column_letter(position), sheet.raw.headers[position])
                for field_key, position in sheet.columns.items()
            }
            for key, sheet in self.sheets.items()
        }
        return dataset

    def make_record(self, sheet: _Sheet, row: _Row, values: dict[str, Any]) -> Record:
        builder = self.builders.get(sheet.raw.spec.key)
        if builder is None:
            builder = self.builders[sheet.raw.spec.key] = _RecordBuilder(sheet.raw)
        return builder.build(row.number, values)


_EMPTY_LIST = FrozenList()
_EMPTY_DICT = FrozenDict()
_ORIGIN_FIELDS = {"file", "sheet", "row"}
_set_attribute = object.__setattr__


_new_origin = Origin.__new__


class _RecordBuilder:
    """Builds records from values the cell readers have already checked, like model_construct.

    Validating each record again with pydantic would add 5 µs a record (a quarter of the run on
    100,000 rows) to check what the readers guarantee: the right types, vocabulary codes, ranges
    and patterns; the tests validate the records built here with pydantic to keep that true.
    Lists and dicts are read-only (FrozenList, FrozenDict), so equal cells share one, and blank
    ones share one empty container.
    """

    def __init__(self, raw: RawSheet) -> None:
        self.model = RECORD_TYPES[raw.spec.key]
        self.new = self.model.__new__
        self.file, self.sheet = raw.file, raw.name
        self.template: dict[str, Any] = {}
        for name, info in self.model.model_fields.items():
            if info.default_factory is not None:
                empty = info.default_factory()  # type: ignore[call-arg]
                self.template[name] = _EMPTY_DICT if isinstance(empty, dict) else _EMPTY_LIST
            elif not info.is_required():
                self.template[name] = info.default
        # Records given the same fields share one "fields set": pydantic would give each record
        # a set of its own, which would be the largest part of a record's memory.
        self.fields_sets: dict[tuple[str, ...], set[str]] = {}

    def build(self, row: int, values: dict[str, Any]) -> Record:
        origin = _new_origin(Origin)
        _set_attribute(origin, "__dict__", {"file": self.file, "sheet": self.sheet, "row": row})
        _set_attribute(origin, "__pydantic_fields_set__", _ORIGIN_FIELDS)
        _set_attribute(origin, "__pydantic_extra__", None)
        _set_attribute(origin, "__pydantic_private__", None)
        values["origin"] = origin
        given = tuple(values)
        fields_set = self.fields_sets.get(given)
        if fields_set is None:
            fields_set = self.fields_sets[given] = set(given)
        record: Record = self.new(self.model)
        _set_attribute(record, "__dict__", {**self.template, **values})
        _set_attribute(record, "__pydantic_fields_set__", fields_set)
        _set_attribute(record, "__pydantic_extra__", None)
        _set_attribute(record, "__pydantic_private__", None)
        return record


def resolve_evidence_path(folder: Path, relative: str) -> Path | None:
    """The file a relative evidence path names, or None if it leaves the folder (links included)."""
    # People type evidence paths on Windows too: "photos\\tente.jpg" means photos/tente.jpg.
    # "\\\\server\\share" (a network path) thus starts with "/" and is refused.
    relative = relative.replace("\\", "/")
    if "\x00" in relative:
        return None
    candidate = Path(relative)
    if candidate.is_absolute() or relative.startswith("/") or ":" in relative:
        return None
    try:
        root = folder.resolve()
        resolved = (root / candidate).resolve()
    except (OSError, RuntimeError):  # a loop of links, a name the system refuses
        return None
    if resolved != root and root not in resolved.parents:
        return None
    return resolved


class EvidenceChanged(OSError):
    """The evidence file is no longer the regular file inside the folder that was checked."""


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NON_BLOCKING = getattr(os, "O_NONBLOCK", 0)
# Walking a path name by name needs O_NOFOLLOW and open() relative to a folder (POSIX).
_CAN_WALK = bool(_NO_FOLLOW) and os.open in os.supports_dir_fd


def sha256_evidence(folder: Path, target: Path) -> str:
    """The SHA-256 of an evidence file that :func:`resolve_evidence_path` placed in ``folder``.

    ``target`` was resolved a moment ago; a link swapped in since (inside or above it) could make
    a plain open read a file outside the folder. So the path is walked again from the folder,
    one name at a time, following no link (O_NOFOLLOW), and only a regular file is read (a pipe
    or a device would block or never end). Raises :class:`EvidenceChanged` or OSError.
    """
    root = folder.resolve()
    parts = target.relative_to(root).parts
    if not parts:
        raise EvidenceChanged(errno.EISDIR, "not a file")
    if not _CAN_WALK:  # pragma: no cover - not POSIX
        return sha256_file(target)
    descriptor = os.open(root, os.O_RDONLY | _DIRECTORY)
    try:
        for name in parts[:-1]:
            try:
                inner = os.open(name, os.O_RDONLY | _DIRECTORY | _NO_FOLLOW, dir_fd=descriptor)
            except OSError as error:
                if error.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise EvidenceChanged(error.errno, "a folder became a link") from None
                raise
            os.close(descriptor)
            descriptor = inner
        try:
            handle = os.open(parts[-1], os.O_RDONLY | _NO_FOLLOW | _NON_BLOCKING, dir_fd=descriptor)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise EvidenceChanged(error.errno, "the file became a link") from None
            raise
    finally:
        os.close(descriptor)
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise EvidenceChanged(errno.EINVAL, "not a regular file")
        digest = hashlib.sha256()
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _evidence_error(error: OSError, relative: str, folder: str) -> CellError:
    if isinstance(error, EvidenceChanged):
        return CellError("evidence_path_escapes", relative, folder=folder)
    if isinstance(error, FileNotFoundError):
        return CellError("evidence_file_missing", relative, folder=folder)
    reason = error.strerror or type(error).__name__
    return CellError("evidence_unreadable", relative, reason=reason)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
