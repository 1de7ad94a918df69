"""Locale formatting: French typography and plurals, English dates, through l10n and the filters."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.i18n import l10n
from dossier.render.html import locale_filters, make_environment

NBSP, NNBSP = "\u00a0", "\u202f"


def plain(text: str) -> str:
    """Non-breaking spaces as ordinary ones, to compare with what a reader sees."""
    return text.replace(NBSP, " ").replace(NNBSP, " ")


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "lang", "precision", "expected"),
    [
        (dt.date(2015, 5, 1), "fr", "exact", "1er mai 2015"),
        (dt.date(2015, 5, 2), "fr", "exact", "2 mai 2015"),
        (dt.date(2015, 5, 1), "en", "exact", "May 1, 2015"),
        (dt.date(2015, 6, 30), "en", "exact", "June 30, 2015"),
        (dt.date(2015, 7, 1), "fr", "month", "juillet 2015"),
        (dt.date(2015, 7, 1), "en", "month", "July 2015"),
        (dt.date(2015, 1, 1), "fr", "year", "2015"),
        (dt.date(2015, 1, 1), "en", "year", "2015"),
        (dt.date(2015, 6, 30), "fr", "approximate", "vers le 30 juin 2015"),
        (dt.date(2015, 6, 30), "en", "approximate", "around June 30, 2015"),
    ],
)
def test_long_date(day: dt.date, lang: str, precision: str, expected: str) -> None:
    assert plain(l10n.long_date(day, lang, precision)) == expected


def test_french_first_of_month_keeps_day_and_month_together() -> None:
    assert l10n.long_date(dt.date(2015, 5, 1), "fr") == f"1er{NBSP}mai 2015"


@pytest.mark.parametrize(
    ("precision", "fr", "en"),
    [
        ("exact", "30/06/2015", "2015-06-30"),
        ("approximate", "≈ 30/06/2015", "≈ 2015-06-30"),
        ("month", "06/2015", "2015-06"),
        ("year", "2015", "2015"),
    ],
)
def test_short_date_prints_only_what_is_known(precision: str, fr: str, en: str) -> None:
    day = dt.date(2015, 6, 30)
    assert plain(l10n.short_date(day, "fr", precision)) == fr
    assert plain(l10n.short_date(day, "en", precision)) == en


@pytest.mark.parametrize(
    ("first", "last", "fr", "en"),
    [
        (
            (dt.date(2015, 6, 30), "exact"),
            (dt.date(2015, 7, 2), "exact"),
            "du 30 juin 2015 au 2 juillet 2015",
            "between June 30, 2015 and July 2, 2015",
        ),
        (
            (dt.date(2015, 6, 30), "exact"),
            (dt.date(2015, 6, 30), "approximate"),
            "le 30 juin 2015",
            "on June 30, 2015",
        ),
        (
            (dt.date(2015, 6, 30), "exact"),
            (dt.date(2015, 7, 1), "month"),
            "de juin 2015 à juillet 2015",
            "between June 2015 and July 2015",
        ),
        (
            (dt.date(2015, 4, 3), "exact"),
            (dt.date(2015, 8, 1), "month"),
            "d'avril 2015 à août 2015",
            "between April 2015 and August 2015",
        ),
        (
            (dt.date(2015, 7, 1), "month"),
            (dt.date(2015, 7, 20), "exact"),
            "en juillet 2015",
            "in July 2015",
        ),
        (
            (dt.date(2014, 1, 1), "year"),
            (dt.date(2016, 3, 4), "exact"),
            "de 2014 à 2016",
            "between 2014 and 2016",
        ),
    ],
)
def test_date_range_never_claims_a_day_nobody_recorded(
    first: tuple[dt.date, str], last: tuple[dt.date, str], fr: str, en: str
) -> None:
    assert plain(l10n.date_range(*first, *last, "fr")) == fr
    assert plain(l10n.date_range(*first, *last, "en")) == en


# -- times and numbers ----------------------------------------------------------------------------


def test_time_of_day() -> None:
    assert l10n.time_of_day(dt.time(14, 30), "fr") == f"14{NBSP}h{NBSP}30"
    assert plain(l10n.time_of_day(dt.time(9, 5), "fr")) == "9 h 05"
    assert l10n.time_of_day(dt.time(14, 30), "en") == "14:30"


def test_french_numbers_group_digits_with_a_narrow_no_break_space() -> None:
    assert l10n.number(12345, "fr") == f"12{NNBSP}345"
    assert l10n.number(1234567, "fr") == f"1{NNBSP}234{NNBSP}567"
    assert l10n.number(999, "fr") == "999"
    assert l10n.number(12345, "en") == "12,345"


# -- lists ----------------------------------------------------------------------------------------


def test_lists() -> None:
    assert l10n.join_list(["CRS", "PAF"], "fr") == "CRS et PAF"
    assert l10n.join_list(["CRS", "PAF", "BAC"], "fr") == "CRS, PAF et BAC"
    assert l10n.join_list(["CRS", "PAF"], "en") == "CRS and PAF"
    assert l10n.join_list(["CRS"], "en") == "CRS"
    assert l10n.join_list([], "fr") == ""


# -- plurals --------------------------------------------------------------------------------------

PIECE = {"one": "pièce", "many": "pièces", "other": "pièces"}


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 pièce"), (1, "1 pièce"), (2, "2 pièces"), (1_000_000, "1 000 000 pièces")],
)
def test_french_plurals(count: int, expected: str) -> None:
    assert plain(l10n.counted(count, "fr", PIECE)) == expected


def test_english_plurals() -> None:
    forms = {"one": "exhibit", "other": "exhibits"}
    assert [l10n.counted(n, "en", forms) for n in (0, 1, 2)] == [
        f"0{NBSP}exhibits",
        f"1{NBSP}exhibit",
        f"2{NBSP}exhibits",
    ]


def test_french_has_three_plural_categories() -> None:
    assert l10n.plural_categories("fr") == {"one", "many", "other"}
    assert l10n.plural_categories("en") == {"one", "other"}
    assert l10n.plural_form(1_000_000, "fr") == "many"


def test_counted_filter_without_many_fails_clearly_in_french() -> None:
    counted = locale_filters("fr")["counted"]
    with pytest.raises(ValueError, match="plural forms missing for 'fr': many"):
        counted(2, one="pièce", other="pièces")
    assert plain(counted(2, one="pièce", many="pièces", other="pièces")) == "2 pièces"


def test_counted_call_without_many_fails_in_a_french_template() -> None:
    template = make_environment("fr").from_string('{{ 3 | counted(one="pièce", other="pièces") }}')
    with pytest.raises(ValueError, match="plural forms missing for 'fr': many"):
        template.render()


def test_english_template_needs_no_many() -> None:
    env = make_environment("en")
    text = env.from_string('{{ 3 | counted(one="exhibit", other="exhibits") }}').render()
    assert plain(text) == "3 exhibits"


# -- the filters templates use --------------------------------------------------------------------


def test_filters_print_nothing_for_a_missing_value() -> None:
    filters = locale_filters("fr")
    assert filters["long_date"](None) == ""
    assert filters["short_date"](None) == ""
    assert filters["time_of_day"](None) == ""
    assert filters["date_time"](None) == ""


def test_filters_in_french() -> None:
    filters = locale_filters("fr")
    assert plain(filters["long_date"](dt.datetime(2015, 5, 1, 10, 0))) == "1er mai 2015"
    assert plain(filters["date_time"](dt.datetime(2015, 7, 2, 10, 0))) == "2 juillet 2015, 10 h 00"
    assert filters["yes_no"](True) == "oui"
    assert filters["yes_no"](None) == "non renseigné"
    assert filters["list_and"](("CRS", "PAF")) == "CRS et PAF"
    assert filters["upper_first"]("juillet 2015") == "Juillet 2015"
    assert filters["lines"]("a\nb") == ["a", "b"]
