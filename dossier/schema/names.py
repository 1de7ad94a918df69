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


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_with_positions(text: str) -> tuple[str, list[int]]:
    """``text`` without case, accents or varied spacing, and for each of its characters the
    position of the character of ``text`` it comes from.

    Every run of white space (spaces, tabs, no-break spaces, line breaks) becomes one space;
    the Unicode format characters a paste can carry (zero-width joiners, direction marks) go.
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
        in_space = False
        if unicodedata.category(char) == "Cf":
            continue
        for part in _fold_char(char):
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
