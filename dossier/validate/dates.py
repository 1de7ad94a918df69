"""Dates typed the way people write them: « 3 mars 2015 », "March 3, 2015", « 3/3/15 ».

Read only when one reading is possible, with a warning that shows it (the volunteer checks
it once); a date that could be read two ways is not guessed: the problem suggests the other
reading. Month and weekday names come from Babel's locale data (French and English).
"""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import get_day_names, get_month_names

from dossier.schema.header_keys import fold_key

__all__ = ["WordsDate", "other_reading", "read_date_words"]

_LANGS = ("fr", "en")
_TOKEN = re.compile(r"[^\W\d_]+\.?|\d+(?:er|re|st|nd|rd|th)?", re.UNICODE)
_SHORT_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2})$")
_US_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$")


def _month_names() -> dict[str, int]:
    """Folded month name or abbreviation (« févr », "sept", "march") → month number."""
    names: dict[str, set[int]] = {}
    for lang in _LANGS:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=lang).items():
                    names.setdefault(fold_key(name), set()).add(number)
                    # "sept" for September, « déc » for décembre: a unique 3- or 4-letter start
                    for length in (3, 4):
                        names.setdefault(fold_key(name)[:length], set()).add(number)
    return {name: months.pop() for name, months in names.items() if len(months) == 1 and name}


_MONTHS = _month_names()
_WEEKDAYS = frozenset(
    fold_key(name)
    for lang in _LANGS
    for name in get_day_names("wide", "format", locale=lang).values()
)
_FILLERS = frozenset({"le", "the", "of", "de", "du", "en", "in"})


class WordsDate:
    """A date read from words or a short year: the day, its precision, and that it was read."""

    __slots__ = ("day", "precision")

    def __init__(self, day: dt.date, precision: str | None) -> None:
        self.day = day
        self.precision = precision


def _year(text: str, today: dt.date) -> int:
    """A four-digit year as it is; a two-digit one in the century that keeps it past."""
    number = int(text)
    if len(text) == 4:
        return number
    year = 2000 + number
    return year if year <= today.year else year - 100


def read_date_words(text: str, today: dt.date) -> WordsDate | None:
    """The one date ``text`` can mean, or None (unreadable, or readable two ways)."""
    if match := _SHORT_YEAR.match(text.strip()):
        day, month = int(match[1]), int(match[2])
        try:
            return WordsDate(dt.date(_year(match[3], today), month, day), None)
        except ValueError:
            return None
    numbers: list[str] = []
    months: list[int] = []
    for token in _TOKEN.findall(text.casefold()):
        if token[0].isdigit():
            numbers.append(re.sub(r"\D", "", token))
            continue
        folded = fold_key(token)
        if folded in _WEEKDAYS or folded in _FILLERS:
            continue
        named = _MONTHS.get(folded)
        if named is None:
            return None  # a word that is no month: not a date we can read
        months.append(named)
    if len(months) != 1:
        return None
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(years) != 1 or len(days) > 1 or len(numbers) != len(years) + len(days):
        return None
    try:
        if not days:
            return WordsDate(dt.date(int(years[0]), months[0], 1), "month")
        return WordsDate(dt.date(int(years[0]), months[0], int(days[0])), None)
    except ValueError:
        return None


def other_reading(text: str, today: dt.date) -> dt.date | None:
    """The month-first reading of a date that is no day-first date (« 3/15/2015 »), if any."""
    match = _US_DATE.match(text.strip())
    if not match:
        return None
    month, day = int(match[1]), int(match[2])
    if day <= 12:
        return None  # readable day first: not this function's case
    try:
        return dt.date(_year(match[3], today), month, day)
    except ValueError:
        return None
