"""Identities where a dossier would print them: a legal name or a contact typed into a text that
dossiers print, a pseudonym that gives the legal name away, an observer described too well.

The persons sheet holds the legal names and contacts only so that they can be kept out; here
they are looked for in every printed text of every sheet, the way a reader would recognise
them (whatever the case, accents and spacing; a distinctive first name or surname alone too).
A match is an error, never a silent redaction: the group rewrites the cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from dossier.input.problems import Severity
from dossier.schema.columns import Kind
from dossier.schema.fields import SHEETS_BY_KEY
from dossier.schema.names import NameFinder, distinctive_parts, fold_latin, fold_name, fold_text
from dossier.validate.cells import CellError

__all__ = [
    "PRINTED_TEXT_FIELDS",
    "Checker",
    "IdentityCheck",
    "Person",
    "check_identities",
    "contact_in",
    "pseudonym_weakness",
]

#: The columns whose text a dossier may print, per sheet: every text column that is not one of
#: the confidential ones (legal name, contact).
PRINTED_TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    key: tuple(
        field.key
        for field in spec.fields
        if field.kind in (Kind.TEXT, Kind.TEXT_LIST) and not field.confidential
    )
    for key, spec in SHEETS_BY_KEY.items()
}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# French numbers (06 12 34 56 78, 0612345678, +33 6 12 34 56 78) and international ones
# (+44 7700 900123, 0044 …); dates, RIO numbers (7 digits) and references do not look like these.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)33[\s.\-]?(?:\(0\))?[\s.\-]?[1-9]|0[1-9])(?:[\s.\-]?\d{2}){4}(?!\d)"
    r"|(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[\s.\-]?\(?\d{2,5}\)?){2,5}(?!\d)"
)
_DIGITS = re.compile(r"\d")
# What _PHONE finds has eight digits with at most three other characters between two of them
# (") (" in "+44 (20) (7946)"): texts without such a run (most accounts, even with a date and
# a time) are told apart by this one search far faster than by _PHONE, which was tried at every
# position of every account and was most of the validation's time on 100,000 rows.
_EIGHT_DIGITS = re.compile(r"\d(?:\D{0,3}\d){7}")
# The same run in a text folded by fold_latin, its digits made ones: a digit of the text is
# still a digit there (a digit beyond Latin-1 and ASCII's is no such text's) and what stood
# between two digits is as long or shorter (a dropped mark), so a run of the text is one of the
# folded text. An expression starting with one character is searched for far faster than \d.
_DIGITS_TO_ONES = bytes.maketrans(b"0123456789", b"1111111111")
_EIGHT_ONES = re.compile(rb"1(?:[^1]{0,3}1){7}")


@dataclass(frozen=True)
class Person:
    """What the check needs of a person row: who they are and what may not be printed."""

    pseudonym: str
    legal_name: str | None
    contact: str | None


def contact_in(text: str) -> bool:
    """Whether ``text`` holds something that reads as a phone number or an e-mail address."""
    if "@" in text and _EMAIL.search(text):
        return True
    if _EIGHT_DIGITS.search(text) is None:
        return False
    return any(len(_DIGITS.findall(match.group(0))) >= 8 for match in _PHONE.finditer(text))


class IdentityCheck:
    """Finds the legal names and contacts of a persons sheet in other cells."""

    def __init__(self, persons: Iterable[Person]) -> None:
        people = list(persons)
        pseudonym_parts = {part for p in people for part in distinctive_parts(p.pseudonym)}
        names: dict[str, str] = {}
        for person in people:
            if person.legal_name:
                names.setdefault(person.legal_name, "legal_name")
                # A first name or surname alone identifies too, unless a pseudonym shares it
                # (then the pseudonym itself is what gives it away: see pseudonym_weakness).
                for part in distinctive_parts(person.legal_name):
                    if part not in pseudonym_parts:
                        names.setdefault(part, "legal_name")
            if person.contact and len(fold_name(person.contact)) >= 5:
                names.setdefault(person.contact, "contact")
        self._finder = NameFinder(names)

    def __bool__(self) -> bool:
        return bool(self._finder)

    def found_in(self, text: str) -> str | None:
        """``legal_name`` or ``contact`` when ``text`` holds one of this sheet's identities, or
        ``contact`` when it holds anything that reads as a phone number or e-mail address."""
        found = self._finder.first(text) if self._finder else None
        if found is not None:
            return found
        return "contact" if contact_in(text) else None

    def may_find_in(self, text: str) -> bool:
        """False when :meth:`found_in` finds nothing in ``text`` nor in any part of it, True when
        it may: one cheap test for the printed cells of a row joined by line breaks, where
        most rows hold no name, no ``@`` and no run of eight digits."""
        if "@" in text:
            return True
        folded = fold_latin(text)
        if folded is None:
            return _EIGHT_DIGITS.search(text) is not None or self._finder.may_name(text)
        if _EIGHT_ONES.search(folded.translate(_DIGITS_TO_ONES)) is not None:
            return True
        return self._finder.may_name_latin(folded)


def pseudonym_weakness(pseudonym: str, legal_name: str | None) -> str | None:
    """Why a pseudonym gives its person away, or None.

    ``same`` when it is the legal name, ``shares_name`` when it repeats the legal first name
    or surname, ``same_initials`` when its initials are the legal name's first and last ones.
    """
    if not legal_name or not pseudonym.strip():
        return None
    if fold_text(pseudonym).strip() == fold_text(legal_name).strip():
        return "same"
    if set(distinctive_parts(pseudonym)) & set(distinctive_parts(legal_name)):
        return "shares_name"
    legal_words = re.findall(r"\w+", fold_name(legal_name))
    pseudonym_words = re.findall(r"\w+", fold_name(pseudonym))
    if len(legal_words) >= 2 and len(pseudonym_words) >= 2:
        legal_initials = (legal_words[0][0], legal_words[-1][0])
        if (pseudonym_words[0][0], pseudonym_words[-1][0]) == legal_initials:
            return "same_initials"
    return None


class Checker(Protocol):
    """What a check needs of the validator: its sheets being read, and where problems go."""

    @property
    def sheets(self) -> Mapping[str, Any]: ...

    def cell_problem(
        self, sheet: Any, row: Any, key: str, error: CellError, severity: Severity
    ) -> None: ...

    def problem(
        self,
        severity: Severity,
        code: str,
        sheet: Any,
        row: int | None = None,
        column: int | None = None,
        value: str | None = None,
        **params: str,
    ) -> None: ...


def check_identities(checker: Checker) -> None:
    """Legal names and contacts in printed texts (errors), pseudonyms that give a legal name
    away and observers described too well (warnings). No message quotes the cell."""
    persons_sheet = checker.sheets.get("persons")
    persons = [
        (
            row,
            Person(row.get("pseudonym") or "", row.get("legal_name"), row.get("contact")),
        )
        for row in (persons_sheet.rows if persons_sheet is not None else [])
    ]
    check = IdentityCheck(person for _row, person in persons)
    for sheet_key, sheet in checker.sheets.items():
        fields = [key for key in PRINTED_TEXT_FIELDS[sheet_key] if key in sheet.columns]
        for row in sheet.rows:
            record = row.record
            if record is not None:  # the usual row: its fields read in C, as _Row.get reads them
                values = list(map(record.__dict__.get, fields))
            else:
                get = row.get
                values = [get(key) for key in fields]
            # The row's printed cells joined, tested once: a name, an e-mail address or a phone
            # number in one of them is found in the whole (see may_find_in); the row holds
            # none in most workbooks, and then its cells need no test of their own. (A list
            # built by a comprehension, not a generator: this runs for every row.)
            joined = "\n".join(
                [
                    text
                    for value in values
                    if value
                    for text in ((value,) if type(value) is str else value)
                    if type(text) is str
                ]
            )
            if not check.may_find_in(joined):
                continue
            for key, value in zip(fields, values, strict=True):
                texts = value if isinstance(value, list | tuple) else [value]
                found = next(
                    (kind for text in texts if text and (kind := check.found_in(text))), None
                )
                if found is not None and not row.has_error(key):
                    code = "legal_name_in_text" if found == "legal_name" else "contact_in_text"
                    checker.cell_problem(sheet, row, key, CellError(code), Severity.ERROR)
    if persons_sheet is None:
        return
    for row, person in persons:
        weakness = pseudonym_weakness(person.pseudonym, person.legal_name)
        if weakness in ("shares_name", "same_initials") and "pseudonym" in persons_sheet.columns:
            checker.cell_problem(
                persons_sheet,
                row,
                "pseudonym",
                CellError(f"weak_pseudonym_{weakness}"),
                Severity.WARNING,
            )
        roles = row.get("roles") or ()
        if "observer" in roles and "victim" not in roles:
            for key in ("age", "nationality"):
                if row.get(key) not in (None, "") and key in persons_sheet.columns:
                    checker.cell_problem(
                        persons_sheet,
                        row,
                        key,
                        CellError("observer_identifiable"),
                        Severity.WARNING,
                    )
                    break
