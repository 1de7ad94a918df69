"""Pseudonyms close to the person's legal name in ways the identity check does not see: a first
name that is a short or common part of the legal name, or the legal name's initials in another
order ("Claire V." for a person whose legal name is written surname first, "V… C…").

Either lets someone who knows the person recognise them once the file is shared. The check
warns (the group chooses another pseudonym); its message never quotes the legal name, nor the
pseudonym that would give it away.
"""

from __future__ import annotations

import re
from collections import Counter

from dossier.input.problems import Severity
from dossier.schema.names import fold_name
from dossier.validate.cells import CellError
from dossier.validate.identities import Checker, pseudonym_weakness

__all__ = ["check_pseudonyms", "pseudonym_closeness"]

_WORD = re.compile(r"\w+")


def _words(name: str) -> list[str]:
    # Folded as the identity check folds names: case, accents and spacing do not count.
    return _WORD.findall(fold_name(name))


def pseudonym_closeness(pseudonym: str, legal_name: str | None) -> str | None:
    """How a pseudonym comes close to the legal name, or None.

    ``first_name`` when the pseudonym's first name (its first word, two letters or more) is a
    part of the legal name; ``initials`` when the pseudonym's words begin with the same letters
    as the legal name's words, in any order ("Claire V." and a legal name "V… C…").
    """
    if not legal_name:
        return None
    pseudonym_words = _words(pseudonym)
    legal_words = _words(legal_name)
    if not pseudonym_words or not legal_words:
        return None
    first_name = pseudonym_words[0]
    if len(first_name) >= 2 and first_name in legal_words:
        return "first_name"
    if Counter(word[0] for word in pseudonym_words) == Counter(word[0] for word in legal_words):
        return "initials"
    return None


def check_pseudonyms(checker: Checker) -> None:
    """A warning on the pseudonym cell of every person whose pseudonym comes close to their
    legal name, unless the identity check already warned about that pseudonym."""
    persons = checker.sheets.get("persons")
    if persons is None or "pseudonym" not in persons.columns:
        return
    for row in persons.rows:
        pseudonym = row.get("pseudonym") or ""
        legal_name = row.get("legal_name")
        if row.has_error("pseudonym") or pseudonym_weakness(pseudonym, legal_name) is not None:
            continue
        closeness = pseudonym_closeness(pseudonym, legal_name)
        if closeness is not None:
            checker.cell_problem(
                persons,
                row,
                "pseudonym",
                CellError(f"pseudonym_shares_{closeness}"),
                Severity.WARNING,
            )
