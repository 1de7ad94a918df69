"""Tests for dossier.schema.vocab: every term is found by code and both labels; sane suggestions."""

from __future__ import annotations

import pytest

from dossier.schema import vocab
from dossier.schema.header_keys import fold_key

ALL_TERMS = [(v, t) for v in vocab.ALL for t in v.terms]


@pytest.mark.parametrize(
    ("vocabulary", "term"), ALL_TERMS, ids=[f"{v.name}:{t.code}" for v, t in ALL_TERMS]
)
def test_every_term_is_found_by_code_french_and_english_label(
    vocabulary: vocab.Vocabulary, term: vocab.Term
) -> None:
    for spelling in (term.code, term.fr, term.en, term.fr.upper(), f" {term.en} ", *term.aliases):
        found = vocabulary.lookup(spelling)
        assert found is not None and found.code == term.code, spelling


@pytest.mark.parametrize("vocabulary", vocab.ALL, ids=lambda v: v.name)
def test_no_spelling_names_two_terms(vocabulary: vocab.Vocabulary) -> None:
    owner: dict[str, str] = {}
    for term in vocabulary.terms:
        for spelling in (term.code, term.fr, term.en, *term.aliases):
            key = fold_key(spelling)
            assert owner.setdefault(key, term.code) == term.code, (spelling, owner[key])


@pytest.mark.parametrize("vocabulary", vocab.ALL, ids=lambda v: v.name)
def test_codes_are_unique_snake_case_and_labelled_in_both_languages(
    vocabulary: vocab.Vocabulary,
) -> None:
    assert len(set(vocabulary.codes)) == len(vocabulary.codes)
    for term in vocabulary.terms:
        assert term.code == term.code.lower().replace(" ", "_")
        assert term.fr and term.en
        assert vocabulary.label(term.code, "fr") == term.fr
        assert vocabulary.label(term.code, "en") == term.en
    assert vocabulary.title("fr") and vocabulary.title("en")
    assert vocab.BY_NAME[vocabulary.name] is vocabulary


@pytest.mark.parametrize(
    ("vocabulary", "typed", "meant"),
    [
        (vocab.ACT, "gazage", "tear_gas"),
        (vocab.ACT, "lacrymo", "tear_gas"),
        (vocab.ACT, "insultes racistes", "insults_racism"),
        (vocab.ACT, "menaces verbales", "threats"),
        (vocab.FORCE, "gendarmes", "gendarmerie"),
        (vocab.CONTEXT, "démantèlement du camp", "eviction"),
        (vocab.BELONGING, "tnte", "tent"),
        (vocab.YES_NO_UNKNOWN, "ouii", "yes"),
    ],
)
def test_suggest_near_misses(vocabulary: vocab.Vocabulary, typed: str, meant: str) -> None:
    assert vocabulary.lookup(typed) is None
    suggestion = vocabulary.suggest(typed)
    assert suggestion is not None and suggestion.code == meant


@pytest.mark.parametrize(
    ("vocabulary", "typed"),
    [(vocab.ACT, "xyzzy"), (vocab.ACT, "ab"), (vocab.FORCE, ""), (vocab.CONTEXT, "zzzzzzzz")],
)
def test_no_suggestion_when_nothing_is_close(vocabulary: vocab.Vocabulary, typed: str) -> None:
    assert vocabulary.suggest(typed) is None


def test_feminine_and_plural_french_spellings_are_accepted() -> None:
    assert vocab.CONFIDENTIALITY.lookup("publique") == vocab.CONFIDENTIALITY.by_code["public"]
    assert (
        vocab.CONFIDENTIALITY.lookup("Confidentielle")
        == vocab.CONFIDENTIALITY.by_code["confidential"]
    )
    assert vocab.BELONGING.lookup("Tentes") == vocab.BELONGING.by_code["tent"]
