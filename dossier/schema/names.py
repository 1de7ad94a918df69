"""Finding people's names in free text as a reader would see them: whatever the case, accents,
spacing or no-break spaces, and a distinctive part of a name on its own."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = [
    "NameFinder",
    "NameMatch",
    "distinctive_parts",
    "fold_name",
    "fold_text",
    "fold_with_positions",
    "names_and_parts",
]

T = TypeVar("T")

#: A part of a name shorter than this ("N.", "Al") is too common to be looked for on its own.
MIN_PART_LETTERS = 3

#: Words that can be part of a name but say nothing on their own in a French or English text.
_COMMON_WORDS = frozenset(
    {
        "abu", "ben", "bin", "del", "des", "die", "ibn", "les", "mme", "mrs", "van", "von",
        "the", "and", "une", "est", "pas", "par", "sur", "mr", "mlle", "monsieur", "madame",
    }
)  # fmt: skip


# What folding drops: combining marks (accents, Arabic and Hebrew vowel signs) and the invisible
# format characters a paste carries (zero-width spaces and joiners, direction marks, soft hyphen).
_DROPPED = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u135d-\u135f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"\s+")


def _fold_char(char: str) -> str:
    return _DROPPED.sub("", unicodedata.normalize("NFKD", char)).casefold()


def fold_text(text: str) -> str:
    """``text`` as :func:`fold_with_positions` folds it, without the positions: fast enough for
    every cell of a large workbook."""
    folded = _DROPPED.sub("", unicodedata.normalize("NFKD", text)).casefold()
    return _SPACES.sub(" ", folded)


def fold_with_positions(text: str) -> tuple[str, list[int]]:
    """``text`` without case, accents or varied spacing, and for each of its characters the
    position of the character of ``text`` it comes from.

    Every run of white space (spaces, tabs, no-break spaces, line breaks) becomes one space;
    the invisible format characters a paste can carry (zero-width joiners, direction marks) go.
    """
    folded: list[str] = []
    origin: list[int] = []
    in_space = False
    for position, char in enumerate(text):
        if char.isspace():
            if not in_space:
                folded.append(" ")
                origin.append(position)
            in_space = True
            continue
        parts = _fold_char(char)
        if parts.isspace():  # a compatibility space (U+2007…) folds to a space too
            if not in_space and parts:
                folded.append(" ")
                origin.append(position)
            in_space = in_space or bool(parts)
            continue
        in_space = False
        for part in parts:
            folded.append(part)
            origin.append(position)
    return "".join(folded), origin


def fold_name(name: str) -> str:
    """A name as :class:`NameFinder` compares it: folded, trimmed."""
    return fold_with_positions(name.strip())[0].strip()


def distinctive_parts(name: str) -> list[str]:
    """The parts of a name worth finding on their own: words of three letters or more that are
    not common words ("Abel N." → ["abel"]; "Tesfay Gebre" → ["tesfay", "gebre"])."""
    parts = re.findall(r"\w+", fold_name(name))
    return [
        part
        for part in parts
        if len(part) >= MIN_PART_LETTERS and not part.isdigit() and part not in _COMMON_WORDS
    ]


@dataclass(frozen=True)
class NameMatch(Generic[T]):
    """Where a name was found in the original text, and what it stands for."""

    start: int
    end: int
    value: T


class NameFinder(Generic[T]):
    """Finds any of several names in a text, each standing for a value (a replacement, a
    person), matching whole words only."""

    def __init__(self, names: Mapping[str, T]) -> None:
        self._values: dict[str, T] = {}
        for name, value in names.items():
            key = fold_name(name)
            if key:
                self._values.setdefault(key, value)
        keys = sorted(self._values, key=lambda key: (-len(key), key))
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(key) for key in keys) + r")(?!\w)")
            if keys
            else None
        )

    def __bool__(self) -> bool:
        return self._pattern is not None

    def first(self, text: str) -> T | None:
        """What the first name found in ``text`` stands for, or None: for checking, not for
        replacing (no positions, so it reads a large workbook fast)."""
        if self._pattern is None or not text:
            return None
        match = self._pattern.search(fold_text(text))
        return None if match is None else self._values[match.group(0)]

    def find(self, text: str) -> list[NameMatch[T]]:
        """Every name found in ``text``, left to right, with positions in ``text`` itself."""
        if self._pattern is None or not text:
            return []
        folded, origin = fold_with_positions(text)
        found = []
        for match in self._pattern.finditer(folded):
            start = origin[match.start()]
            end = origin[match.end() - 1] + 1
            found.append(NameMatch(start, end, self._values[match.group(0)]))
        return found

    def replace(self, text: str, replacement: Callable[[NameMatch[T], str], str]) -> str:
        """``text`` with each name found replaced by what ``replacement`` gives for it."""
        pieces = []
        last = 0
        for match in self.find(text):
            pieces.append(text[last : match.start])
            pieces.append(replacement(match, text))
            last = match.end
        pieces.append(text[last:])
        return "".join(pieces)


def names_and_parts(full_names: Mapping[str, T], keep: Iterable[str] = ()) -> dict[str, T]:
    """Each full name, and each of its distinctive parts that no name in ``keep`` shares (so a
    part common to someone who may be named is not taken for the other person)."""
    kept_parts = {part for name in keep for part in distinctive_parts(name)}
    found: dict[str, T] = {}
    for name, value in full_names.items():
        found.setdefault(name, value)
        for part in distinctive_parts(name):
            if part not in kept_parts:
                found.setdefault(part, value)
    return found
