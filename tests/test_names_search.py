"""The name search by first words finds what one expression of every name found, on many texts."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.schema.names import (
    NameFinder,
    fold_name,
    fold_text,
    fold_with_positions,
    folded_latin_words,
    folded_words,
)
from dossier.validate.identities import IdentityCheck, Person

# -- the oracle: the search as it was before issue 25 --------------------------------------------


def oracle_first(names: dict[str, str], text: str) -> str | None:
    """What the first name found stands for, as one regular expression of every folded name,
    longest first, run over the folded text, found it (the implementation this search replaced)."""
    values: dict[str, str] = {}
    for name, value in names.items():
        key = fold_name(name)
        if key:
            values.setdefault(key, value)
    if not values or not text:
        return None
    keys = sorted(values, key=lambda key: (-len(key), key))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(key) for key in keys) + r")(?!\w)")
    match = pattern.search(fold_text(text))
    return None if match is None else values[match.group(0)]


# -- generated names and texts --------------------------------------------------------------------

# Made-up words: no real person's name. Some share prefixes, so that one name's first word is
# the start of another's ("Zorva" / "Zorvane"), and some hold what folding changes.
WORDS = [
    "zorva", "zorvane", "Quelit", "quelitt", "Émaril", "emaril", "Øbrand", "Vaxtri-Lofen",
    "d'Ambrel", "Mubken", "NÉMOR", "ñaquil", "Dräwix", "Straße", "ǅorel", "ibn", "Pum", "Al",
    "Łodrin", "Ꮓarek", "ቴዎድሮስ", "مريم", "Çelvin",
]  # fmt: skip
SEPARATORS = [" ", "  ", "\u00a0", "\u202f", "\n", "\t", " \r\n ", "\u200b ", "\u2007"]
PUNCTUATION = ["", "", "", ",", ".", ";", "'", "-", "(", ")", "«\u00a0", "\u00a0»", ":"]
FILLERS = ["la", "police", "est", "venue", "et", "a", "vu", "the", "officers", "came", "14h",
           "06", "12", "n°", "ZORV", "quel", "x", "é"]  # fmt: skip
CONTACTS = ["+33 6 00 00 10 01", "06 00 00 10 02", "zorva@example.org", "(0)6 00 00 10 03"]


def random_name(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.3:
        words.append(rng.choice(["N.", "K.", "S", "Jr."]))
    return " ".join(words)


def written(name: str, rng: random.Random) -> str:
    """``name`` as someone may type it: other case, accents dropped or added, other spacing."""
    words = name.split(" ")
    if rng.random() < 0.5:
        words = words[: rng.randint(1, len(words))] if rng.random() < 0.5 else words[-1:]
    text = rng.choice(SEPARATORS).join(words)
    change = rng.random()
    if change < 0.25:
        text = text.upper()
    elif change < 0.5:
        text = text.lower()
    elif change < 0.6:
        text = text.replace("e", "é").replace("a", "à")
    elif change < 0.7:
        text = "\u0301".join(text)  # a combining accent after every letter
    return text


def random_text(names: list[str], rng: random.Random) -> str:
    pieces = []
    for _ in range(rng.randint(0, 12)):
        roll = rng.random()
        if roll < 0.25 and names:
            piece = written(rng.choice(names), rng)
        elif roll < 0.3:
            piece = rng.choice(CONTACTS)
        else:
            piece = rng.choice(FILLERS + WORDS)
        if rng.random() < 0.15:  # glued to a word: then it is no whole word any more
            piece = rng.choice(["x", "é", "9", "_"]) + piece
        if rng.random() < 0.15:
            piece += rng.choice(["s", "é", "9", "_"])
        pieces.append(rng.choice(PUNCTUATION) + piece + rng.choice(PUNCTUATION))
    return "".join(piece + rng.choice(SEPARATORS) for piece in pieces)


def random_names(rng: random.Random) -> dict[str, str]:
    names: dict[str, str] = {}
    for _ in range(rng.randint(0, 6)):
        name = random_name(rng)
        names.setdefault(name, "legal_name")
        for part in name.split(" "):
            if rng.random() < 0.5:
                names.setdefault(part, "legal_name")
    for _ in range(rng.randint(0, 2)):
        names.setdefault(rng.choice(CONTACTS), "contact")
    return names


# -- the tests -----------------------------------------------------------------------------------


def test_first_finds_what_the_expression_of_every_name_found_on_generated_texts() -> None:
    rng = random.Random(25)
    found = 0
    for _ in range(300):
        names = random_names(rng)
        finder = NameFinder(names)
        listed = list(names)
        for _ in range(30):
            text = random_text(listed, rng)
            expected = oracle_first(names, text)
            assert finder.first(text) == expected, (names, text)
            if expected is not None:
                found += 1
                assert finder.may_name(text), (names, text)
    # The texts do hold names (and contacts) often enough for the comparison to mean something.
    assert found > 1000


def test_first_tells_a_contact_from_a_name_as_the_expression_did() -> None:
    names = {"Zorva Quelit": "legal_name", "+33 6 00 00 10 01": "contact", "Quelit": "legal_name"}
    finder = NameFinder(names)
    for text in [
        "Appeler le +33\u00a06 00 00 10 01 ou Zorva Quelit",
        "ZORVA\nQUELIT, +33 6 00 00 10 01",
        "x+33 6 00 00 10 01 quelit",
        "quelitt +33 6 00 00 10 012",
    ]:
        assert finder.first(text) == oracle_first(names, text), text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="aàbB -.'\u0301\u00a0z+6", min_size=1, max_size=8), max_size=5),
    st.text(alphabet="aàbBÀ -.'\u0301\u00a0\n\u200bz+6_x", max_size=40),
)
def test_first_agrees_with_the_expression_on_any_text(names: list[str], text: str) -> None:
    by_name = {name: f"value of {name!r}" for name in names}
    assert NameFinder(by_name).first(text) == oracle_first(by_name, text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_folded_words_are_the_words_of_the_folded_text(text: str) -> None:
    assert folded_words(text) == re.findall(r"\w+", fold_text(text))


def test_a_row_whose_cells_joined_may_hold_nothing_holds_nothing_in_any_cell() -> None:
    rng = random.Random(2025)
    for _ in range(200):
        names = [random_name(rng) for _ in range(rng.randint(1, 4))]
        persons = [Person(f"Personne {n}", name, None) for n, name in enumerate(names)]
        persons.append(Person("Personne C", None, rng.choice(CONTACTS)))
        check = IdentityCheck(persons)
        for _ in range(20):
            cells = [random_text(names, rng) for _ in range(rng.randint(1, 5))]
            found = [check.found_in(cell) for cell in cells if cell]
            if any(kind is not None for kind in found):
                assert check.may_find_in("\n".join(cells)), cells


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(max_codepoint=0x2FF),
            st.sampled_from("’‘«»–—…\u200b\u200d\u2060\u0301\u0308\u0591\u1dc0œŒµßﬁ٣ﻼ\u2028"),
        ),
        max_size=60,
    )
)
def test_latin_words_are_the_folded_words_or_none(text: str) -> None:
    latin = folded_latin_words(text)
    if latin is not None:
        assert latin == [word.encode("latin-1") for word in folded_words(text)]


def test_a_french_account_is_folded_the_fast_way() -> None:
    account = "Vers 14h, « Zérihun » l’a vu\u00a0: Ab\u00adel — Éric a dit… Ƶ"[:-1]
    assert folded_latin_words(account) == [
        word.encode()
        for word in ["vers", "14h", "zerihun", "l", "a", "vu", "abel", "eric", "a", "dit"]
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=30))
def test_an_ascii_name_is_folded_as_any_other(name: str) -> None:
    assert fold_name(name) == fold_with_positions(name.strip())[0].strip()


DIGITS_AND_GAPS = "0123456789 .-()+²³¹\u200b\u0301\u00ad\uff13\u0663\U0001d7ceé’x@"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=DIGITS_AND_GAPS, max_size=40))
def test_a_text_where_a_contact_is_found_may_hold_one(text: str) -> None:
    check = IdentityCheck([])
    assert check.may_find_in(text) or check.found_in(text) is None, text


def test_phone_numbers_written_in_other_digits_and_spacings_may_be_found() -> None:
    check = IdentityCheck([])
    for text in [
        "appeler le 06\u00a012\u200b34 56 78 demain",
        "tél. +33 6 12 34 56 78",
        "٠٦١٢٣٤٥٦٧٨",  # Arabic-Indic digits: not Latin-1, the slow way
        "０６ １２ ３４ ５６ ７８",  # fullwidth digits fold to ASCII ones
    ]:
        assert check.may_find_in(text), text
    assert not check.may_find_in("Vers 14h le 12/03, CRS 8, n° 12345.")


def test_every_generated_phone_number_the_check_finds_may_be_found() -> None:
    rng = random.Random(8)
    separators = ["", " ", ".", "-", "\u00a0", " (", ") (", ") ", "\u200b", "\u0301 "]
    found = 0
    for _ in range(3000):
        groups = [
            rng.choice(["+33", "0033", "+44", "06", "0"]),
            *(
                "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 4)))
                for _ in range(rng.randint(2, 5))
            ),
        ]
        number = "".join(group + rng.choice(separators) for group in groups)
        text = rng.choice(["", "tél. ", "appeler le "]) + number + rng.choice(["", " ce soir"])
        check = IdentityCheck([])
        if check.found_in(text) is not None:
            found += 1
            assert check.may_find_in(text), text
    assert found > 300
