"""Locale-aware formatting (Babel) used by the templates: dates, times, numbers, lists, plurals."""

from __future__ import annotations

import datetime as dt
import functools

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from dossier.i18n.catalog import N_
from dossier.i18n.messages import phrase

LOCALES = {"fr": "fr_FR", "en": "en_US"}
NBSP = "\u00a0"
NNBSP = "\u202f"


@functools.cache
def locale_for(lang: str) -> Locale:
    """The Babel locale of ``lang``, made once: given a locale's name, each of Babel's
    formatting calls parses it anew (some 20,000 times in a 1,000-incident dossier)."""
    return Locale.parse(LOCALES[lang])


def long_date(day: dt.date, lang: str, precision: str = "exact") -> str:
    """« 1er mai 2015 » / "May 1, 2015"; month and year precision print only what is known."""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        text = format_date(day, "LLLL y", locale=locale_for(lang))
    elif lang == "fr":
        # French writes the first day of a month as an ordinal: « 1er mai ».
        day_text = "1er" if day.day == 1 else str(day.day)
        text = f"{day_text}{NBSP}{format_date(day, 'MMMM y', locale=locale_for(lang))}"
    else:
        text = format_date(day, "long", locale=locale_for(lang))
    if precision == "approximate":
        text = phrase("l10n.approximate_date", lang, date=text)
    return text


def short_date(day: dt.date, lang: str, precision: str = "exact") -> str:
    """01/05/2015 in French, 2015-05-01 in English (unambiguous in tables).

    Month and year precision print only what is known (« 05/2015 », "2015-05", "2015"), so a
    table never shows a first of the month that nobody recorded; an approximate date gets "≈".
    """
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return day.strftime("%m/%Y") if lang == "fr" else day.strftime("%Y-%m")
    text = day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()
    return f"≈{NBSP}{text}" if precision == "approximate" else text


# How coarse each date precision is: a period is told at the coarser precision of its two ends.
_GRAIN = {"exact": 0, "approximate": 0, "month": 1, "year": 2}


def date_range(
    first: dt.date, first_precision: str, last: dt.date, last_precision: str, lang: str
) -> str:
    """The period from ``first`` to ``last``, as a phrase that follows a noun or a verb.

    « du 30 juin 2015 au 2 juillet 2015 », « le 30 juin 2015 », « de juin à … », « en 2015 »;
    "between June 30, 2015 and July 2, 2015", "on June 30, 2015", "in June 2015". Both ends are
    told at the coarser of their two precisions: a month-precise end never gains a day.
    """
    grain = max(_GRAIN.get(first_precision, 0), _GRAIN.get(last_precision, 0))
    if grain == 2:
        start, end = str(first.year), str(last.year)
    elif grain == 1:
        start, end = month_year(first, lang), month_year(last, lang)
    else:
        start, end = long_date(first, lang), long_date(last, lang)
    if start == end:
        key = N_("l10n.on_day") if grain == 0 else N_("l10n.in_period")
        return phrase(key, lang, date=start)
    if grain == 0:
        return phrase("l10n.from_day_to_day", lang, start=start, end=end)
    # « d'avril 2015 à août 2015 », « de 2014 à 2016 »: French elides before a vowel.
    elided = start[:1] in "aeiouyàâéèêîôûh"
    key = N_("l10n.from_period_to_period_elided") if elided else N_("l10n.from_period_to_period")
    return phrase(key, lang, start=start, end=end)


def month_year(day: dt.date, lang: str) -> str:
    return format_date(day, "LLLL y", locale=locale_for(lang))


def time_of_day(moment: dt.time, lang: str) -> str:
    """« 14 h 30 » in French, "2:30 p.m." style avoided: "14:30" in English for legal precision."""
    if lang == "fr":
        return f"{moment.hour}{NBSP}h{NBSP}{moment.minute:02d}"
    return f"{moment.hour:02d}:{moment.minute:02d}"


def number(value: int | float, lang: str) -> str:
    """Grouped digits: « 12 345 » with a narrow no-break space in French, "12,345" in English."""
    return format_decimal(value, locale=locale_for(lang))


def join_list(items: list[str], lang: str, style: str = "standard") -> str:
    """« CRS et PAF » / "CRS and PAF"."""
    if not items:
        return ""
    return format_list(list(items), style=style, locale=locale_for(lang))  # type: ignore[arg-type]


def plural_form(count: int, lang: str) -> str:
    """The CLDR plural category of ``count``: French has one, many and other."""
    return str(locale_for(lang).plural_form(count))


def plural(count: int, lang: str, forms: dict[str, str]) -> str:
    """Pick the word for ``count``. ``forms`` must give every category the language has."""
    category = plural_form(count, lang)
    if category not in forms:
        raise KeyError(f"plural form {category!r} missing for {lang}: {forms}")
    return forms[category]


def counted(count: int, lang: str, forms: dict[str, str]) -> str:
    """« 2 pièces », « 1 pièce », « 0 pièce » — the number formatted, then the right form."""
    return f"{number(count, lang)}{NBSP}{plural(count, lang, forms)}"


def plural_categories(lang: str) -> set[str]:
    """Every plural category the language's rules can produce (fr: one, many, other)."""
    rules = locale_for(lang).plural_form
    return set(rules.tags) | {"other"}
