"""Identities where a dossier would print them: a legal name or a contact typed into a text that
dossiers print, a pseudonym that gives the legal name away, an observer described too well.

The persons sheet holds the legal names and contacts only so that they can be kept out; here
they are looked for in every printed text of every sheet, the way a reader would recognise
them (whatever the case, accents and spacing; a distinctive first name or surname alone too).
A match is an error, never a silent redaction: the group rewrites the cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from dossier.schema.columns import Kind
from dossier.schema.fields import SHEETS_BY_KEY
from dossier.schema.names import NameFinder, distinctive_parts, fold_name, fold_text

__all__ = [
    "PRINTED_TEXT_FIELDS",
    "IdentityCheck",
    "Person",
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


@dataclass(frozen=True)
class Person:
    """What the check needs of a person row: who they are and what may not be printed."""

    pseudonym: str
    legal_name: str | None
    contact: str | None


def contact_in(text: str) -> bool:
    """Whether ``text`` holds something that reads as a phone number or an e-mail address."""
    if _EMAIL.search(text):
        return True
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
