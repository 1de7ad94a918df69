"""The NGO report's legal standards (issue 19): each article's own wording, minors, soft law."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from test_legal_basis import REFERENCE, references_not_in_table
from test_report_sentences import build, gassing, report_text

from dossier.assemble.legal_basis import load_legal_basis

BASIS = load_legal_basis()


def _standards(folder: Path, lang: str) -> str:
    text = re.sub(r"[\s\u00a0\u202f]+", " ", report_text(folder, lang))
    text = text.split("Droit français" if lang == "fr" else "French law")[-1]
    # The chapter ends where the authorities' response begins.
    response = "La réponse des autorités" if lang == "fr" else "The authorities' response"
    return text.split(response)[0]


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


# -- from the table, as the law stood at the report's date -------------------------------------


def test_the_standards_print_no_reference_outside_the_table(folders: dict[str, Path]) -> None:
    # The chapter is printed from legal_basis.toml's [[report]] statements: a reference that no
    # rule of the table declares (as ECHR art. 8 was) fails here, as for the DDD complaint.
    for name, folder in folders.items():
        for lang in ("fr", "en"):
            standards = _standards(folder, lang)
            assert REFERENCE.search(standards), (name, lang)  # the scan sees references at all
            assert references_not_in_table(standards) == [], (name, lang)


def test_each_statement_cites_only_the_rules_it_rests_on() -> None:
    basis = load_legal_basis()
    assert basis.report, "the report's statements are in the table"
    for statement in basis.report:
        rules = [rule for rule in basis.rules if rule.id in statement.rules]
        assert {rule.id for rule in rules} == set(statement.rules), statement.id
        declared = {" ".join(ref.lower().split()) for rule in rules for ref in rule.refs}
        for text in (statement.text_fr, statement.text_en):
            for match in REFERENCE.finditer(text):
                found = " ".join(match.group(0).lower().replace("articles", "article").split())
                assert found in declared, (statement.id, match.group(0))


def test_echr_article_8_is_not_printed(folders: dict[str, Path]) -> None:
    # No verified entry says when a camp is a « domicile »: the report no longer claims art. 8.
    french = _standards(folders["after"], "fr").split("Droit international", 1)[1]
    assert (
        "La Convention européenne des droits de l'homme interdit la torture et les peines ou "
        "traitements inhumains ou dégradants (article 3)." in french
    )
    assert "article 8" not in french and "vie privée" not in french and "domicile" not in french
    english = _standards(folders["after"], "en").split("International law", 1)[1]
    assert "prohibits torture and inhuman or degrading treatment or punishment (article 3)." in (
        english
    )
    assert "article 8" not in english and "family life" not in english


def test_a_report_dated_before_a_verified_limitation_rule_states_none(tmp_path: Path) -> None:
    # Before 6 August 2014 the table holds no verified version of CPP arts 7 and 8: a report of
    # June 2014 states violence by public authority, and no limitation period.
    folder = build(tmp_path, [gassing("I-1", "2014-01-10")])
    config = folder / "dossier.toml"
    config.write_text(
        config.read_text("utf-8").replace('month = "2016-11"', 'month = "2014-06"'), "utf-8"
    )
    french = _standards(folder, "fr")
    assert "(article 222-12, 7°)." in french
    assert "se prescrit" not in french and "code de procédure pénale" not in french
    assert "time-barred" not in _standards(folder, "en")


def test_a_paragraph_past_its_rules_bounds_says_which_version_was_read(
    folders: dict[str, Path], tmp_path: Path
) -> None:
    # The codes were read as they stood on 9 May 2015: a report of November 2016 says the police
    # ethics paragraph rests on versions not verified on its date; one of May 2015 does not.
    french = _standards(folders["before"], "fr")
    ethics = french.split("code de déontologie")[1].split("[")[1].split("]")[0]
    assert ethics.startswith(
        "version applicable non vérifiée : article R. 434-14 du code de la sécurité intérieure ; "
        "article R. 434-15 du code de la sécurité intérieure"
    )
    assert ethics.endswith(" ; v. tableau des versions")
    # The chapter ends with the table: each version cited past its bound, once, with its dates.
    table = french.split("Versions des textes appliqués")[1]
    assert (
        "Article R. 434-14 du code de la sécurité intérieure 1er janvier 2014 9 mai 2015 export "
        "Etalab de la base LEGI, qui montre les codes tels qu'en vigueur le 9 mai 2015 "
        "1er novembre 2016" in table
    )
    # Every rule of a marked paragraph has one row, applied on the report's date; no other row.
    unverified = {
        item.cite
        for paragraphs in BASIS.report_standards(dt.date(2016, 11, 1), "fr").values()
        for paragraph in paragraphs
        for item in paragraph.unverified
    }
    brackets = " ".join(re.findall(r"\[version applicable non vérifiée : .*?\]", french))
    assert unverified and table.count(" 1er novembre 2016") == len(unverified)
    for cite in unverified:
        assert cite in brackets, cite
        assert f"{cite[0].upper()}{cite[1:]} " in table, cite
    english = _standards(folders["before"], "en")
    assert "[applicable version not verified: article R. 434-14 of the code de la sécurité" in (
        english
    )
    assert "Versions of the texts applied" in english
    folder = build(tmp_path, [gassing("I-1", "2015-01-10")])
    config = folder / "dossier.toml"
    config.write_text(
        config.read_text("utf-8").replace('month = "2016-11"', 'month = "2015-05"'), "utf-8"
    )
    may_2015 = _standards(folder, "fr")
    # The police ethics paragraph ends with R. 434-18, and no bracket follows it.
    assert "(article R. 434-18). Les violences" in may_2015
