"""The NGO report's legal standards (issue 19): each article's own wording, minors, soft law."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_report_sentences import build, gassing, report_text


def _standards(folder: Path, lang: str) -> str:
    text = re.sub(r"[\s\u00a0\u202f]+", " ", report_text(folder, lang))
    return text.split("Droit français" if lang == "fr" else "French law", 1)[1]


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same data reported in November 2016 and in June 2017 (the 2017 law in force)."""
    before = build(tmp_path_factory.mktemp("before"), [gassing("I-1", "2016-01-01")])
    after = build(tmp_path_factory.mktemp("after"), [gassing("I-1", "2016-01-01")])
    config = after / "dossier.toml"
    config.write_text(
        config.read_text("utf-8").replace('month = "2016-11"', 'month = "2017-06"'), "utf-8"
    )
    return {"before": before, "after": after}


def test_each_article_is_said_in_its_own_words(folders: dict[str, Path]) -> None:
    french = _standards(folders["before"], "fr")
    # 222-13 says « incapacité de travail »; 222-11 (to which 222-12 refers) « incapacité totale ».
    assert (
        "même lorsqu'elles n'ont entraîné aucune incapacité de travail ou une incapacité de "
        "travail inférieure ou égale à huit jours (article 222-13, 7° du code pénal)" in french
    )
    assert (
        "lorsqu'elles ont entraîné une incapacité totale de travail pendant plus de huit jours "
        "(article 222-11), la peine encourue est aggravée (article 222-12, 7°)" in french
    )
    assert "aucune incapacité totale de travail" not in french
    english = _standards(folders["before"], "en")
    assert "no incapacity for work or an incapacity for work of up to eight days" in english
    assert "total incapacity for work for more than eight days (article 222-11)" in english


def test_the_limitation_sentence_states_the_minors_rule_of_its_date(
    folders: dict[str, Path],
) -> None:
    before = _standards(folders["before"], "fr")
    assert (
        "Lorsque la victime est mineure, le délai de prescription des délits de l'article 222-12 "
        "est de vingt ans et ne commence à courir qu'à partir de sa majorité (article 8, "
        "deuxième alinéa, du code de procédure pénale)." in before
    )
    after = _standards(folders["after"], "fr")
    assert (
        "Lorsque la victime est mineure, l'action publique des délits de l'article 222-12 se "
        "prescrit par vingt années révolues à compter de sa majorité (article 8, troisième "
        "alinéa, du code de procédure pénale)." in after
    )
    assert "twenty full years after the victim comes of age" in _standards(folders["after"], "en")
    assert "runs only from the victim's coming of age" in _standards(folders["before"], "en")


def test_the_un_basic_principles_are_not_said_to_require(folders: dict[str, Path]) -> None:
    french = _standards(folders["before"], "fr")
    assert "texte non contraignant, prévoient que" in french and "exigent" not in french
    english = _standards(folders["before"], "en")
    assert "a non-binding instrument, set out that" in english and "require that" not in english
