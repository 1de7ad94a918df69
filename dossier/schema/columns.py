"""What describes one column (kind, vocabulary, limits, help, spreadsheet rule); header matching."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY, dataclass
from enum import StrEnum
from functools import cached_property

from dossier.schema import vocab
from dossier.schema.header_keys import fold_key

__all__ = [
    "AGE_LIMIT",
    "ID_PATTERN",
    "PLAUSIBLE_DATES",
    "RIO_PATTERN",
    "SHA256_PATTERN",
    "SPREADSHEET_EPOCH",
    "Field",
    "HeaderMatch",
    "Kind",
    "SheetSpec",
    "SpreadsheetRule",
    "spreadsheet_serial",
]

# Day 0 of spreadsheet date serials (Excel's and LibreOffice's, past the 1900 leap-year bug): a
# date cell that lost its format reads as the number of days since then.
SPREADSHEET_EPOCH = dt.date(1899, 12, 30)
# The oldest age a person's row may give.
AGE_LIMIT = 120
# Dates the spreadsheet template accepts without a warning. Reading takes any real date.
PLAUSIBLE_DATES = (dt.date(1990, 1, 1), dt.date(2099, 12, 31))
# What a cell of an id, a RIO number and a SHA-256 fingerprint must match, once trimmed.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._/-]*$"
RIO_PATTERN = r"^[0-9]{7}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"


def spreadsheet_serial(day: dt.date) -> int:
    """The number a spreadsheet stores for ``day``."""
    return (day - SPREADSHEET_EPOCH).days


# A column mapping's target for a column the dossier does not use ("Notes internes" = "ignore").
IGNORE = "ignore"


class Kind(StrEnum):
    """How a cell is read. Each kind has one reader in ``dossier.validate.cells``."""

    TEXT = "text"
    ID = "id"
    ID_LIST = "id_list"
    TEXT_LIST = "text_list"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    INT = "int"
    LATITUDE = "latitude"
    LONGITUDE = "longitude"
    BOOL = "bool"
    TERM = "term"
    TERM_LIST = "term_list"
    COUNTS = "counts"
    RIO_LIST = "rio_list"
    SHA256 = "sha256"
    URL = "url"
    PATH = "path"


# Kinds whose cell holds several values separated by ";".
MULTI_KINDS = frozenset({Kind.TERM_LIST, Kind.TEXT_LIST, Kind.ID_LIST, Kind.RIO_LIST, Kind.COUNTS})
# The bounds every column of a kind has (whole numbers are counts: never negative).
_KIND_BOUNDS: dict[Kind, tuple[int, int | None]] = {
    Kind.INT: (0, None),
    Kind.LATITUDE: (-90, 90),
    Kind.LONGITUDE: (-180, 180),
}


@dataclass(frozen=True)
class SpreadsheetRule:
    """The data validation a spreadsheet puts on a column's cells, bounds given as values.

    ``type`` is the OOXML data validation type (``list``, ``date``, ``time``, ``whole``,
    ``decimal``), or ``""`` for an input message alone (several values in one cell: no list can
    pick them). ``refuse``: a value outside the rule is refused, else only warned about (dossier
    reads more spellings than a spreadsheet's own checks know, "14h30" or "2015-06").
    """

    type: str
    low: float | dt.date | dt.time | None = None
    high: float | dt.date | dt.time | None = None
    refuse: bool = False


@dataclass(frozen=True)
class Field:
    """One column of a sheet: everything reading, the records, the forms and the docs know of it.

    ``blank`` is the vocabulary code an empty cell stands for; ``at_most`` lowers the upper bound
    of a number beyond its kind's own; ``description`` is what the record's JSON Schema says of
    the field; ``form_name`` is the question's name in the XLSForm when the key is not unique
    there; ``help_fr`` and ``help_en`` explain the column to the people filling it in.
    """

    key: str
    en: str
    fr: str
    kind: Kind
    vocabulary: vocab.Vocabulary | None = None
    _: KW_ONLY
    required: bool = False  # the column must exist and every row must fill it
    aliases: tuple[str, ...] = ()
    confidential: bool = False  # never printed outside the confidential identity annex
    blank: str | None = None
    at_most: int | None = None
    description: str = ""
    form_name: str = ""
    help_fr: str = ""
    help_en: str = ""

    def header(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en

    def help(self, lang: str) -> str:
        """The explanation of the column for the people filling it in, in ``lang``."""
        return self.help_fr if lang == "fr" else self.help_en

    @property
    def question(self) -> str:
        """The name of the column's question in the XLSForm."""
        return self.form_name or self.key

    @property
    def multi(self) -> bool:
        """Whether a cell of this column may hold several values separated by ";"."""
        return self.kind in MULTI_KINDS

    @property
    def choices(self) -> vocab.Vocabulary | None:
        """The vocabulary a cell's values come from (yes / no / unknown for a yes-no column)."""
        return vocab.YES_NO_UNKNOWN if self.kind is Kind.BOOL else self.vocabulary

    @property
    def low(self) -> int | None:
        """The smallest number the column takes, if it holds a number."""
        bounds = _KIND_BOUNDS.get(self.kind)
        return bounds[0] if bounds else None

    @property
    def high(self) -> int | None:
        """The largest number the column takes, if it has such a bound."""
        bounds = _KIND_BOUNDS.get(self.kind)
        return self.at_most if self.at_most is not None else bounds[1] if bounds else None

    @property
    def spreadsheet_rule(self) -> SpreadsheetRule | None:
        """The data validation of the column in a spreadsheet template, if any."""
        kind = self.kind
        if self.choices is not None and not self.multi:
            return SpreadsheetRule("list", refuse=True)
        if kind is Kind.DATE or kind is Kind.DATETIME:
            return SpreadsheetRule("date", *PLAUSIBLE_DATES)
        if kind is Kind.TIME:
            return SpreadsheetRule("time", dt.time(0, 0), dt.time(23, 59, 59))
        if kind is Kind.INT:
            return SpreadsheetRule("whole", self.low, self.high, refuse=True)
        if kind is Kind.LATITUDE or kind is Kind.LONGITUDE:
            return SpreadsheetRule("decimal", self.low, self.high)
        if self.multi:
            return SpreadsheetRule("")
        return None


@dataclass(frozen=True)
class HeaderMatch:
    """What each header of a sheet names; when two name the same field, the first one wins."""

    named: tuple[Field | None, ...]  # by position: the column named, None if blank or unknown
    first: dict[str, int]  # field key → the first position that names it
    unknown: frozenset[int]  # positions of headers that are not blank and name no column


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of the workbook: its names in both languages and its columns."""

    key: str
    en: str
    fr: str
    fields: tuple[Field, ...]
    aliases: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en

    def field(self, key: str) -> Field:
        for candidate in self.fields:
            if candidate.key == key:
                return candidate
        raise KeyError(key)

    @cached_property
    def spellings(self) -> dict[str, Field]:
        """Folded header spelling → field, for every spelling a column may use."""
        index: dict[str, Field] = {}
        for column in self.fields:
            for spelling in (column.key, column.en, column.fr, *column.aliases):
                index.setdefault(fold_key(spelling), column)
        return index

    def header_index(self) -> dict[str, Field]:
        """Folded header spelling → field (a copy of :attr:`spellings`)."""
        return dict(self.spellings)

    def sheet_keys(self) -> set[str]:
        return {fold_key(spelling) for spelling in (self.key, self.en, self.fr, *self.aliases)}

    def field_for_header(self, header: str, renames: Mapping[str, str]) -> Field | None:
        """The column a header names: its rename if ``renames`` has one, else its spelling.

        ``renames`` maps folded headers to field keys (a column mapping). A blank header, or
        one that is neither renamed nor spelled like a column, names none.
        """
        folded = fold_key(header)
        if not folded:
            return None
        target = renames.get(folded)
        if target == IGNORE:
            return None
        if target:
            return self.field(target)
        return self.spellings.get(folded)

    def match_headers(self, headers: Sequence[str], renames: Mapping[str, str]) -> HeaderMatch:
        """What each of a sheet's headers names (see :meth:`field_for_header`)."""
        named = tuple(self.field_for_header(header, renames) for header in headers)
        first: dict[str, int] = {}
        unknown = set()
        for position, column in enumerate(named):
            if column is not None:
                first.setdefault(column.key, position)
            elif (folded := fold_key(headers[position])) and renames.get(folded) != IGNORE:
                unknown.add(position)
        return HeaderMatch(named, first, frozenset(unknown))
