"""Reading one cell of each kind: the value it holds, or the problems it has.

A column's kind (:class:`dossier.schema.columns.Kind`) picks its reader here; the column's
vocabulary and limits come from its description in :mod:`dossier.schema.fields`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from dossier.input.problems import Severity
from dossier.input.workbook import CellValue
from dossier.schema import vocab
from dossier.schema.columns import (
    ID_PATTERN,
    RIO_PATTERN,
    SHA256_PATTERN,
    SPREADSHEET_EPOCH,
    Field,
    Kind,
)
from dossier.schema.header_keys import CONTROL_CHARACTERS, fold_key
from dossier.schema.records import FrozenDict, FrozenList
from dossier.validate.dates import other_reading, read_date_words

_ID = re.compile(ID_PATTERN)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:\s.*)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MY_MONTH = re.compile(r"^(\d{1,2})/(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_TIME = re.compile(r"^(\d{1,2})\s*[:hH]\s*(\d{2})?(?::(\d{2}))?$")
_DATETIME_TIME = re.compile(r"[T ](\d{1,2})[:hH](\d{2})(?::(\d{2}))?")
_SHA256 = re.compile(SHA256_PATTERN)
_RIO = re.compile(RIO_PATTERN)
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


class CellError(Exception):
    """A cell that cannot be read; carries the message key and its parameters."""

    def __init__(self, code: str, value: str | None = None, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.value = value
        self.params = params


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


def quoted(text: str) -> str:
    """A value as a problem quotes it: made printable, and cut when long."""
    text = _printable(text)
    return text if len(text) <= _QUOTED else text[: _QUOTED - 1] + "…"


def _bidi_warning(text: str) -> tuple[Severity, CellError]:
    count = len(_BIDI_CONTROLS.findall(text))
    return (Severity.WARNING, CellError("bidi_control", quoted(text.strip()), count=str(count)))


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
            return SPREADSHEET_EPOCH + dt.timedelta(days=int(value)), None
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


def parse_coordinate(value: CellValue, low: float, high: float) -> float:
    """Decimal degrees between ``low`` and ``high``, with a decimal point or comma."""
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


def parse_bool(value: CellValue, values: ValueMap | None = None) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    codes = mapped_codes(_text(value), values)
    term = (
        vocab.YES_NO_UNKNOWN.by_code[codes[0]]
        if codes
        else vocab.YES_NO_UNKNOWN.lookup(_text(value))
    )
    if term is None:
        raise CellError("invalid_bool", _text(value))
    return None if term.code == "unknown" else term.code == "yes"


# A mapping file's wordings for one column: folded wording → the codes it stands for.
ValueMap = Mapping[str, tuple[str, ...]]


def mapped_codes(value: str, values: ValueMap | None) -> tuple[str, ...] | None:
    """The codes a mapping file gives for ``value``, if it names it."""
    return values.get(fold_key(value)) if values else None


def parse_term(value: str, vocabulary: vocab.Vocabulary, values: ValueMap | None = None) -> str:
    codes = mapped_codes(value, values)
    if codes:
        return codes[0]  # a single-value column maps each wording to one code
    term = vocabulary.lookup(value)
    if term is not None:
        return term.code
    # Never a suggestion across a negation; where the choice matters, candidates instead.
    suggestion = vocabulary.suggestion(value)
    if suggestion.code is not None:
        raise CellError(
            "unknown_term_suggest", value, vocabulary=vocabulary.name, suggestion=suggestion.code
        )
    if suggestion.candidates:
        raise CellError(
            "unknown_term_candidates",
            value,
            vocabulary=vocabulary.name,
            candidates=";".join(suggestion.candidates),
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


# -- readers: a cell in, its value or a Flagged result out ----------------------------------------

# Reading a cell gives its value, or a Flagged result when something is out of the ordinary:
# the cell is blank after all, has problems, or is a date whose spelling implies a precision.
# The same text in the same column always reads the same, so the validator keeps the results per
# column (CellCache) and reads repeated cells (vocabulary terms, dates, counts) once: that is
# where the time goes.


class Flagged:
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


BLANK: Any = object()  # the value of a Flagged cell that holds nothing
_BLANK_CELL = Flagged(BLANK)  # a cell of spaces: blank after all
CellReader = Callable[[Any], Any]  # a cell in, the value or a Flagged out
_CACHE_LIMIT = 20_000  # distinct texts kept per column (then it starts again)


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
                return Flagged(BLANK, (warning,))
        try:
            value = parse(cell)
        except CellError as error:
            # Kept in the column's cache: drop the traceback and the frames it holds.
            issues = ((Severity.ERROR, error.with_traceback(None)),)
            return Flagged(BLANK, issues + ((warning,) if warning else ()))
        if warning is None:
            return value
        if type(value) is Flagged:
            return Flagged(value.value, (*value.issues, warning), value.precision)
        return Flagged(value, (warning,))

    return read


def _read_text(cell: CellValue) -> Any:
    if cell is None:
        return _BLANK_CELL
    text = cell.strip() if type(cell) is str else None
    if text is None or _CONTROL.search(text):
        try:
            text = _text(cell)
        except CellError as error:
            return Flagged(BLANK, ((Severity.ERROR, error.with_traceback(None)),))
    if _BIDI_CONTROLS.search(text):
        warning = _bidi_warning(text)
        text = _BIDI_CONTROLS.sub("", text).strip()
        return Flagged(text or BLANK, (warning,))
    return text or _BLANK_CELL


def wrap_cell(cell: CellValue) -> Any:
    """A workbook cell as a cache key: 1, 1.0 and True are equal keys but do not read the same."""
    return cell if cell is None or type(cell) is str else (type(cell), cell)


def unwrapping(reader: CellReader) -> Callable[[Any], Any]:
    """A reader of cells given as :func:`wrap_cell` gives them."""
    return lambda cell: reader(cell[1] if isinstance(cell, tuple) else cell)


FLAGGED: Any = object()  # what a CellCache gives for a cell whose Flagged result it keeps


class CellCache(dict):  # type: ignore[type-arg]
    """Cell text → what it reads as, for one column; filled on first sight of each text.

    ``cache[cell]`` is the value, or FLAGGED when the result is out of the ordinary (then it is
    in ``flagged``): one look-up and one identity test per cell in the common case.
    """

    __slots__ = ("flagged", "reader")

    def __init__(self, reader: CellReader) -> None:
        super().__init__()
        self.reader = reader
        self.flagged: dict[Any, Flagged] = {}

    def __missing__(self, cell: Any) -> Any:
        if cell in self.flagged:
            return FLAGGED
        value = self.reader(cell)
        # Past the bound a column's texts are mostly unique: start again rather than grow.
        # Problems are kept apart, so that a value found in the cache never needs checking.
        if type(value) is Flagged:
            if len(self.flagged) >= _CACHE_LIMIT:
                self.flagged.clear()
            self.flagged[cell] = value
            return FLAGGED
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        self[cell] = value
        return value


def _read_terms(cell: CellValue, vocabulary: vocab.Vocabulary, values: ValueMap | None) -> Any:
    """A list of vocabulary terms: each unknown one is a problem of its own."""
    codes: list[str] = []
    issues: list[tuple[Severity, CellError]] = []
    for part in _split(cell):
        mapped = mapped_codes(part, values)
        if mapped is not None:  # a wording of the mapping file: any number of codes
            codes.extend(code for code in mapped if code not in codes)
            continue
        try:
            code = parse_term(part, vocabulary)
        except CellError as error:
            issues.append((Severity.ERROR, error.with_traceback(None)))
            continue
        if code not in codes:
            codes.append(code)
    frozen = FrozenList(codes)
    return Flagged(frozen, tuple(issues)) if issues else frozen


def _read_counts(cell: CellValue, vocabulary: vocab.Vocabulary, values: ValueMap | None) -> Any:
    """``tente:3; sac de couchage:2`` → {"tent": 3, "sleeping_bag": 2}; a bare label counts None."""
    counts: dict[str, int | None] = {}
    issues: list[tuple[Severity, CellError]] = []
    # Parts read the same for a vocabulary, unless a mapping file adds wordings of its own.
    parts = (
        _COUNT_PARTS.setdefault(vocabulary.name, {})
        if not values
        else _MAPPED_COUNT_PARTS.setdefault(id(values), {})
    )
    if type(cell) is str and not _CONTROL.search(cell):
        split = [part for part in map(str.strip, cell.split(";")) if part]
    else:
        split = _split(cell)
    for part in split:
        parsed = parts.get(part)
        if parsed is None:
            parsed = _count_part(part, vocabulary, values)
            if len(parts) < _CACHE_LIMIT:
                parts[part] = parsed
        if isinstance(parsed, CellError):
            issues.append((Severity.ERROR, parsed))
            continue
        code, count = parsed
        previous = counts.get(code)
        counts[code] = count if previous is None else previous + (count or 0)
    frozen = FrozenDict(counts)
    return Flagged(frozen, tuple(issues)) if issues else frozen


# "tente:3" → ("tent", 3), per vocabulary: a count cell is often new, its parts seldom are.
_COUNT_PARTS: dict[str, dict[str, tuple[str, int | None] | CellError]] = {}
_MAPPED_COUNT_PARTS: dict[int, dict[str, tuple[str, int | None] | CellError]] = {}


def _count_part(
    part: str, vocabulary: vocab.Vocabulary, values: ValueMap | None = None
) -> tuple[str, int | None] | CellError:
    name, separator, number = part.partition(":")
    try:
        code = parse_term(name.strip(), vocabulary, values)
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
    return Flagged(BLANK, ((Severity.ERROR, CellError("invalid_id", text)),))


def _plain_coordinate_reader(column: Field, today: dt.date) -> CellReader:
    """Read "50.9513" or "50,9513" with one call; anything else goes the general way."""
    assert column.low is not None and column.high is not None
    low, high = float(column.low), float(column.high)
    general = _errors_flagged(_parser(column, today))

    def read(cell: str) -> Any:
        try:
            number = float(cell.replace(",", "."))
        except ValueError:
            return general(cell)
        return number if low <= number <= high else general(cell)

    return read


# The parsers of the kinds whose cells read the same in every column.
_PARSERS: dict[Kind, Callable[[CellValue], Any]] = {
    Kind.ID: parse_id,
    Kind.ID_LIST: lambda cell: FrozenList([parse_id(part) for part in _split(cell)]),
    Kind.TEXT_LIST: lambda cell: FrozenList(_split(cell)),
    Kind.TIME: parse_time,
    Kind.DATETIME: parse_datetime,
    Kind.BOOL: parse_bool,
    Kind.RIO_LIST: lambda cell: FrozenList(parse_rio(cell)),
    Kind.SHA256: parse_sha256,
    Kind.URL: parse_url,
}


def _read_date_words(text: str, today: dt.date) -> Flagged:
    """A date in words or with a short year, read with a warning that shows the reading; a
    month-first date gets its reading as a suggestion (see :mod:`dossier.validate.dates`)."""
    words = read_date_words(text, today)
    if words is None:
        other = other_reading(text, today)
        if other is not None:
            raise CellError("invalid_date_suggest", text, reading=other.isoformat())
        raise CellError("invalid_date", text)
    issues: list[tuple[Severity, CellError]] = [
        (
            Severity.WARNING,
            CellError(
                "date_read_as",
                text,
                reading=words.day.isoformat(),
                reading_precision=words.precision or "exact",
            ),
        )
    ]
    if words.day > today:
        issues.append((Severity.WARNING, CellError("future_date", text)))
    return Flagged(words.day, tuple(issues), words.precision)


def _parser(
    column: Field, today: dt.date, values: ValueMap | None = None
) -> Callable[[CellValue], Any]:
    """The parser of a cell of ``column``: its value (or a Flagged one), or CellError.

    The column's vocabulary and bounds, and ``today`` for dates, are those of its description.
    """
    kind = column.kind
    vocabulary = column.vocabulary
    if kind is Kind.DATE:

        def read_date(cell: CellValue) -> Any:
            try:
                day, precision = parse_date(cell)
            except CellError:
                if not isinstance(cell, str):
                    raise
                return _read_date_words(cell.strip(), today)
            if day > today:
                warning = (Severity.WARNING, CellError("future_date", _text(cell)))
                return Flagged(day, (warning,), precision)
            return Flagged(day, (), precision) if precision else day

        return read_date
    if kind is Kind.INT:
        limit = column.high

        def read_int(cell: CellValue) -> int:
            number = parse_int(cell)
            if limit is not None and number > limit:
                raise CellError("invalid_range", _text(cell), high=str(limit))
            return number

        return read_int
    if kind is Kind.LATITUDE or kind is Kind.LONGITUDE:
        low, high = column.low, column.high
        assert low is not None and high is not None
        return lambda cell: parse_coordinate(cell, low, high)
    if kind is Kind.TERM or kind is Kind.TERM_LIST or kind is Kind.COUNTS:
        assert vocabulary is not None
        if kind is Kind.TERM:
            return lambda cell: parse_term(_text(cell), vocabulary, values)
        read_list = _read_terms if kind is Kind.TERM_LIST else _read_counts
        return lambda cell: read_list(cell, vocabulary, values)
    if kind is Kind.BOOL and values:
        return lambda cell: parse_bool(cell, values)
    return _PARSERS[kind]


def cell_reader(
    column: Field, today: dt.date, plain_text: bool = False, values: ValueMap | None = None
) -> CellReader:
    """The function that reads one cell of ``column`` (see Flagged for what it returns).

    ``values``: the wordings a mapping file gives for this column, read before the vocabulary.

    ``plain_text``: every cell is text without control characters (the loader checked), so the
    readers of the most frequent unique cells, free text and ids, can skip that check.
    """
    kind = column.kind
    if kind is Kind.TEXT or kind is Kind.PATH:
        return _read_plain_text if plain_text else _read_text
    if plain_text and kind is Kind.ID:
        return _read_plain_id
    if plain_text and (kind is Kind.LATITUDE or kind is Kind.LONGITUDE):
        return _plain_coordinate_reader(column, today)
    return _errors_flagged(_parser(column, today, values))
