"""How the spreadsheet template marks what is not data: its helper sheets and its example rows."""

from __future__ import annotations

from dossier.schema.header_keys import fold_key

__all__ = [
    "EXAMPLE_PREFIX",
    "HELPER_SHEET_KEYS",
    "INSTRUCTIONS_SHEET",
    "LISTS_SHEET",
    "is_example_id",
    "is_helper_sheet",
]

# The two helper sheets of the template; the loader should pass over them without a warning.
INSTRUCTIONS_SHEET = {"fr": "mode d'emploi", "en": "instructions"}
LISTS_SHEET = {"fr": "listes", "en": "lists"}
HELPER_SHEET_KEYS = frozenset(
    fold_key(name) for names in (INSTRUCTIONS_SHEET, LISTS_SHEET) for name in names.values()
)
# Ids of the example rows start with one of these (compared case-insensitively).
EXAMPLE_PREFIX = {"fr": "EXEMPLE-", "en": "EXAMPLE-"}
_EXAMPLE_KEYS = tuple(prefix.casefold() for prefix in EXAMPLE_PREFIX.values())


def is_example_id(value: object) -> bool:
    """Whether a cell holds the id of a template example row (EXEMPLE-… or EXAMPLE-…)."""
    return isinstance(value, str) and value.strip().casefold().startswith(_EXAMPLE_KEYS)


def is_helper_sheet(name: str) -> bool:
    """Whether a tab is one of the template's helper sheets (instructions, lists)."""
    return fold_key(name) in HELPER_SHEET_KEYS
