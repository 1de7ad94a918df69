"""Tests for dossier.schema.header_keys: header keys, fuzzy matching, column letters."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.schema.header_keys import closest, column_letter, fold_key


@pytest.mark.parametrize(
    "spelling",
    [
        "Forces de l'ordre",
        "forces_de_l_ordre",
        "FORCES DE L ORDRE",
        "Forces de l’ordre",  # typographic apostrophe, as Word and Excel on macOS type it
        "  forces-de-l'ordre  ",
    ],
)
def test_fold_key_ignores_case_accents_spaces_and_punctuation(spelling: str) -> None:
    assert fold_key(spelling) == "forcesdelordre"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Précision de la date", "precisiondeladate"),
        ("PRÉCISION DE LA DATE", "precisiondeladate"),
        ("Pièces", "pieces"),
        ("pie\u0300ces", "pieces"),  # decomposed accent, as macOS writes file names
        ("Âge", "age"),
        ("Œuvre", "oeuvre"),
        ("Jours d'ITT", "joursditt"),
        ("SHA-256", "sha256"),
        ("", ""),
        ("¿?", ""),
    ],
)
def test_fold_key_examples(text: str, key: str) -> None:
    assert fold_key(text) == key


@given(st.text())
def test_fold_key_is_idempotent_and_plain_ascii(text: str) -> None:
    key = fold_key(text)
    assert set(key) <= set(string.ascii_lowercase + string.digits)
    assert fold_key(key) == key


def test_closest_finds_near_spellings_and_word_prefixes() -> None:
    candidates = {"gazlacrymogene": "tear_gas", "chien": "dog"}
    assert closest("gazlacrymogen", candidates) == "tear_gas"
    assert closest("gaz", candidates) == "tear_gas"
    assert closest("xyz", candidates) is None
    assert closest("", candidates) is None


@pytest.mark.parametrize(
    ("index", "letter"),
    [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (701, "ZZ"), (702, "AAA")],
)
def test_column_letter(index: int, letter: str) -> None:
    assert column_letter(index) == letter
