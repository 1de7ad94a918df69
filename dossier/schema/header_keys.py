"""Text helpers shared by loading and validation: header keys and fuzzy matching."""

from __future__ import annotations

import difflib
import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# Characters no cell should hold (tab, line feed and carriage return are fine).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def fold_key(text: str) -> str:
    """Reduce a header or vocabulary label to a comparison key.

    Case, accents, spaces and punctuation are ignored, so « Forces de l'ordre »,
    "forces_de_l_ordre" and "FORCES DE L ORDRE" are the same key.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_ALNUM.sub("", without_marks.replace("œ", "oe").replace("æ", "ae"))


def closest(key: str, candidates: dict[str, str], cutoff: float = 0.72) -> str | None:
    """Return the value whose folded key is nearest to ``key``, if any is near enough."""
    if not key:
        return None
    found = difflib.get_close_matches(key, list(candidates), n=1, cutoff=cutoff)
    if found:
        return candidates[found[0]]
    # A user often types one word of a longer label ("gaz" for "gaz lacrymogène").
    starts = [value for k, value in candidates.items() if len(key) >= 3 and k.startswith(key)]
    if len(set(starts)) == 1:
        return starts[0]
    return None


def column_letter(index: int) -> str:
    """Spreadsheet column letter for a zero-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters
