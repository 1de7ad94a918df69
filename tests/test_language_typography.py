"""Typography of the data's text (dossier/i18n/typography.py): French and English rules, and
what they never touch (ids, fingerprints, URLs, e-mail addresses, code, other scripts)."""

from __future__ import annotations

import pickle

import pytest
from markupsafe import escape

from dossier.i18n.typography import (
    ForeignText,
    MixedText,
    UntranslatedText,
    in_language,
    typeset,
)
from dossier.input.config import Organisation, Translated

NB = "\u00a0"  # no-break space
NNB = "\u202f"  # narrow no-break space
SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d08c15d0a6a08"


@pytest.mark.parametrize(
    ("typed", "french"),
    [
        ("vers 2 h", f"vers{NB}2{NB}h"),
        ("Vers 2h, l'homme", f"Vers{NB}2{NB}h, l’homme"),
        ("à 22h30", f"à{NB}22{NB}h{NB}30"),
        ("3 km à pied", f"3{NB}km à pied"),
        ("il a dit « Français »", f"il a dit «{NNB}Français{NNB}»"),
        ("il a dit «Français»", f"il a dit «{NNB}Français{NNB}»"),
        ("Réponse : aucune", f"Réponse{NB}: aucune"),
        ("Réponse: aucune", f"Réponse{NB}: aucune"),
        ("Pourquoi? Partez! Ici; là", f"Pourquoi{NNB}? Partez{NNB}! Ici{NNB}; là"),
        ("Quoi ?!", f"Quoi{NNB}?!"),
        ("ITT de 5 jours", f"ITT de 5{NB}jours"),
        ("n° 3", f"n°{NB}3"),
        ("aujourd'hui", "aujourd’hui"),
    ],
)
def test_french_rules(typed: str, french: str) -> None:
    assert typeset(typed, "fr") == french


@pytest.mark.parametrize(
    "kept",
    [
        f"Empreinte {SHA}",
        "https://example.org/page?a=b;c=d",
        "http://example.org/l'homme:1",
        "contact@example.org",
        "CAL-2015-0042",
        "P-001, E-012",
        "10:30",
        "photos/l'entrée.jpg",
        "`a:b ; c`",
        "config_key=valeur",
    ],
)
def test_french_rules_never_touch_ids_fingerprints_urls_or_code(kept: str) -> None:
    assert typeset(kept, "fr") == kept


def test_the_colon_after_an_id_or_a_url_gets_its_space_but_the_token_is_kept() -> None:
    assert typeset("voir https://example.org/a?b=1 : fin", "fr") == (
        f"voir https://example.org/a?b=1{NB}: fin"
    )
    assert typeset("id CAL-2015-0042: ok", "fr") == f"id CAL-2015-0042{NB}: ok"
    assert typeset(f"{SHA}; fin", "fr") == f"{SHA}{NNB}; fin"


def test_a_quotation_in_another_script_keeps_its_own_punctuation() -> None:
    arabic = "اذهب من هنا ! لماذا ؟"
    assert arabic in typeset(f"Il a crié « {arabic} » puis est parti.", "fr")
    tigrinya = "ሰላም ! ከመይ ኣለኻ ?"
    assert typeset(tigrinya, "fr") == tigrinya
    assert typeset(tigrinya, "en") == tigrinya


@pytest.mark.parametrize(
    ("typed", "english"),
    [
        ("the officers' van", "the officers’ van"),
        ("it's 10 pm", f"it’s 10{NB}pm"),
        ('he said "go away" twice', "he said “go away” twice"),
        ("'quoted' words", "‘quoted’ words"),
        ("3 km away", f"3{NB}km away"),
    ],
)
def test_english_rules(typed: str, english: str) -> None:
    assert typeset(typed, "en") == english


def test_english_rules_never_touch_urls_ids_or_fingerprints() -> None:
    for kept in ("https://example.org/it's", SHA, "CAL-2015-0042", 'a_b="c"'):
        assert typeset(kept, "en") == kept


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_typesetting_twice_changes_nothing(lang: str) -> None:
    text = (
        "Vers 2h, l'homme a dit « Français » : non ! 3km, \"go\" 'x' "
        f"https://example.org/a?b {SHA} CAL-2015-0042 ሰላም !"
    )
    once = typeset(text, lang)
    assert typeset(once, lang) == once


def test_text_in_the_other_language_keeps_its_own_typography_and_note() -> None:
    text = UntranslatedText("it's near the bridge", "en", "fr")
    assert text == "it's near the bridge"  # a string like any other in templates
    html = str(escape(text))
    assert '<span lang="en">it’s near the bridge</span>' in html
    assert '<span class="untranslated">(non traduit)</span>' in html
    account = ForeignText("l'aube : gaz", "fr", "en")
    assert str(escape(account)) == f"l’aube{NB}: gaz"
    assert pickle.loads(pickle.dumps(text)).text_lang == "en"


def test_mixed_text_marks_only_its_untranslated_part() -> None:
    mixed = MixedText((("homme de 24 ans (", None), ("Bidoon", "und"), (")", None)), "fr")
    assert mixed == "homme de 24 ans (Bidoon)"
    html = mixed.marked("(non traduit)")
    assert html.startswith("homme de 24")
    assert '<span lang="und">Bidoon</span> <span class="untranslated">(non traduit)</span>)' in html


def test_in_language_prefers_the_edition_then_the_workbook_language() -> None:
    assert in_language({"fr": "pont", "en": "bridge"}, "en") == "bridge"
    left = in_language({"fr": "pont", "en": None}, "en", source_lang="fr")
    assert isinstance(left, UntranslatedText) and left.text_lang == "fr"
    assert in_language({"fr": None, "en": None}, "fr") is None


@pytest.mark.parametrize(
    ("name", "article", "after_de", "after_par", "at_start"),
    [
        (
            "Observatoire citoyen",
            "l’",
            "de l’Observatoire citoyen",
            "par l’Observatoire citoyen",
            "L’Observatoire citoyen",
        ),
        (
            "Observatoire citoyen",
            "l'",
            "de l’Observatoire citoyen",
            "par l’Observatoire citoyen",
            "L’Observatoire citoyen",
        ),
        ("Utopia 56", None, "d’Utopia 56", "par Utopia 56", "Utopia 56"),
        (
            "Secours catholique",
            "le",
            "du Secours catholique",
            "par le Secours catholique",
            "Le Secours catholique",
        ),
        (
            "Amis du littoral",
            "les",
            "des Amis du littoral",
            "par les Amis du littoral",
            "Les Amis du littoral",
        ),
        ("Cimade", "la", "de la Cimade", "par la Cimade", "La Cimade"),
        ("Collectif X", None, "de Collectif X", "par Collectif X", "Collectif X"),
    ],
)
def test_the_organisation_name_in_a_french_sentence(
    name: str, article: str | None, after_de: str, after_par: str, at_start: str
) -> None:
    organisation = Organisation(
        name=name,
        name_article=article,
        legal_form=Translated(fr="association", en="association"),
        address="1 rue",
        email="a@example.org",
    )
    assert organisation.name_in_french("de") == after_de
    assert organisation.name_in_french("par") == after_par
    assert organisation.name_in_french() == at_start
    inside = at_start if article is None else at_start[:1].lower() + at_start[1:]
    assert organisation.name_in_french(capital=False) == inside
