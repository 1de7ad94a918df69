"""Finding people's names in free text as a reader would see them: whatever the case, accents,
spacing or no-break spaces, and a distinctive part of a name on its own."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = [
    "NameFinder",
    "NameMatch",
    "distinctive_parts",
    "fold_latin",
    "fold_name",
    "fold_text",
    "fold_with_positions",
    "folded_latin_words",
    "folded_words",
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
_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def _fold_char(char: str) -> str:
    return _DROPPED.sub("", unicodedata.normalize("NFKD", char)).casefold()


def fold_text(text: str) -> str:
    """``text`` as :func:`fold_with_positions` folds it, without the positions: fast enough for
    every cell of a large workbook."""
    folded = _DROPPED.sub("", unicodedata.normalize("NFKD", text)).casefold()
    return _SPACES.sub(" ", folded)


def folded_words(text: str) -> list[str]:
    """The words (runs of ``\\w``) of ``text`` folded as :func:`fold_text` folds it.

    White space is not collapsed (no word holds any), and a text of ASCII only is just lowered:
    normalising it changes nothing, no character of it is dropped, and its case folding is its
    lower case. Both make this several times cheaper than :func:`fold_text` on a long account.
    """
    if text.isascii():
        return _WORD.findall(text.lower())
    return _WORD.findall(_DROPPED.sub("", unicodedata.normalize("NFKD", text)).casefold())


# Folding one character at a time gives what folding the whole text gives (normalisation only
# decomposes, and the combining marks it could reorder are all dropped or all non-word), so a
# text of Latin-1 characters can be folded by one byte table: each byte to its folded byte when
# that is a word character, to a space when it is not, deleted (0xAD, the soft hyphen) when
# folding drops it, and to 0x00 when one byte cannot say it ("ß" folds to "ss", "µ" to a Greek
# letter): then the text takes the slow way. The characters beyond Latin-1 that folding drops or
# that fold to no word character (’ « – …, zero-width spaces, accents typed apart) are written
# as a dropped byte or a space by an error handler; any other one (œ, Arabic, Ge'ez) as 0x00.
_UNFOLDABLE = 0x00
_DELETED = 0xAD


def _folded_byte(char: str) -> int:
    folded = _fold_char(char)
    if folded == "":
        return _DELETED
    if _WORD_CHAR.search(folded) is None:
        return 0x20
    if len(folded) == 1 and ord(folded) < 0x100:
        return ord(folded)
    return _UNFOLDABLE


# 0x00 stays 0x00, so that what the error handler marks unfoldable stays so (a NUL in the text,
# never in a real account, then takes the slow way too).
_LATIN_FOLD = bytes([_UNFOLDABLE]) + bytes(_folded_byte(chr(code)) for code in range(1, 0x100))


def _encode_beyond_latin(error: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return bytes(_folded_byte(char) for char in text), error.end


codecs.register_error("dossier-fold", _encode_beyond_latin)


def fold_latin(text: str) -> bytes | None:
    """``text`` folded as :func:`fold_text` folds it, in Latin-1 bytes, with a space for each
    character that is no word character (so its words are those of :func:`folded_words`); None
    for a text whose folded words are not all Latin-1. French and English accounts, typographic
    quotes and dashes included, are Latin-1 this way: folding them costs a table look-up a
    character, several times less than :func:`folded_words`."""
    folded = text.encode("latin-1", "dossier-fold").translate(_LATIN_FOLD, b"\xad")
    return None if b"\x00" in folded else folded


def folded_latin_words(text: str) -> list[bytes] | None:
    """:func:`folded_words` in Latin-1 bytes, or None (see :func:`fold_latin`)."""
    folded = fold_latin(text)
    return None if folded is None else folded.split()


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
    if name.isascii():  # no accent, no compatibility character: lowered, spaces collapsed
        return " ".join(name.lower().split())
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
        # Longest first: at one position, the regular expression's alternation then takes the
        # longest name, and first() takes the same.
        self._keys = sorted(self._values, key=lambda key: (-len(key), key))
        self._compiled: re.Pattern[str] | None = None
        # For first(), each name under its first word: a name that starts with a word can only
        # be found where the folded text has that very word (a whole word starts a match, and
        # the name's next character, if any, is not a word character). Looking the text's
        # words up in this table costs the same whatever the number of names; one regular
        # expression of thousands of names, tried at every position, did not.
        keys_by_word: dict[str, list[str]] = {}
        others: list[str] = []
        for key in self._keys:
            leading = _WORD.match(key)
            if leading is None:
                others.append(key)  # "+33 6 …", "(…)": left to a small expression of their own
            else:
                keys_by_word.setdefault(leading.group(0), []).append(key)
        self._keys_by_word = {word: tuple(keys) for word, keys in keys_by_word.items()}
        # The same first words as Latin-1 bytes, for texts folded by folded_latin_words (a word
        # beyond Latin-1 is in no such text).
        self._latin_words = frozenset(
            word.encode("latin-1") for word in keys_by_word if max(word) < "\u0100"
        )
        self._others = _alternation(others)

    def __bool__(self) -> bool:
        return bool(self._keys)

    @property
    def _pattern(self) -> re.Pattern[str] | None:
        """Every name in one expression, for :meth:`find`; compiled on first use (validation,
        which only calls :meth:`first`, never pays for it)."""
        if self._compiled is None and self._keys:
            self._compiled = _alternation(self._keys)
        return self._compiled

    def may_name(self, text: str) -> bool:
        """False when no name can be in ``text`` (none of the words a name starts with is in
        it), True when one may be: a cheap test for a text joined from several cells, since a
        word of a cell is a word of the cells joined by line breaks."""
        if not self._keys:
            return False
        if self._others is not None:
            return True
        folded = fold_latin(text)
        if folded is not None:
            return not self._latin_words.isdisjoint(folded.split())
        return not self._keys_by_word.keys().isdisjoint(folded_words(text))

    def may_name_latin(self, folded: bytes) -> bool:
        """:meth:`may_name` for a text already folded by :func:`fold_latin`."""
        if not self._keys:
            return False
        return self._others is not None or not self._latin_words.isdisjoint(folded.split())

    def first(self, text: str) -> T | None:
        """What the first name found in ``text`` stands for, or None: for checking, not for
        replacing (no positions, so it reads a large workbook fast).

        The same name as :meth:`find`'s first one: the leftmost, and the longest there.
        """
        if not text or not self.may_name(text):
            return None
        key = self._first_key(fold_text(text))
        return None if key is None else self._values[key]

    def _first_key(self, folded: str) -> str | None:
        """The name the expression of every name would match first in ``folded``."""
        found_at, found = len(folded) + 1, None
        if self._others is not None:
            match = self._others.search(folded)
            if match is not None:
                found_at, found = match.start(), match.group(0)
        keys_by_word = self._keys_by_word
        for word in _WORD.finditer(folded):
            start = word.start()
            if start >= found_at:
                break
            for key in keys_by_word.get(word.group(0), ()):
                end = start + len(key)
                if folded.startswith(key, start) and _WORD_CHAR.match(folded, end) is None:
                    return key
        return found

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


def _alternation(keys: list[str]) -> re.Pattern[str] | None:
    """One expression finding any of ``keys`` (in this order of preference) as whole words."""
    if not keys:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(key) for key in keys) + r")(?!\w)")


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
