"""The DDD complaint read as the lawyer who signs it would (issue 19): wording, figures, dates."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import docx
from helpers import REPO, TODAY
from legal_workbook import (
    build,
    every_version_confirmed,
    incident_row,
    incident_text,
    text_of,
    write_input,
)

from dossier.build.pipeline import build_dossiers
from dossier.validate.rows import load_and_validate

VICTIM = {"id": "P-1", "pseudonym": "Abel N.", "roles": "victim", "art8 status": "consented"}


def _letter(page: str) -> str:
    return text_of(page.split('<section class="letter">')[1].split("</section>")[0])


def _ethics(page: str) -> str:
    # Links are tags: their text comes back with a space before the comma.
    section = page.split('<section id="deontologie">')[1].split("</section>")[0]
    return text_of(section).replace(" ,", ",")


def _pdf_text(path: Path) -> str:
    """The PDF's words as pdftotext reads them, apostrophes left as they are printed."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = re.sub(r"-\n(?=[a-zé])", "", text)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_both_editions_print_typographic_apostrophes_in_their_own_text(
    tmp_path: Path,
) -> None:
    data = write_input(
        tmp_path / "data",
        [incident_row(forces="police nationale", acts="contrôle d'identité; coups")],
    )
    build_dossiers(data, out=tmp_path / "out", formats=("pdf", "docx"))
    french = _pdf_text(tmp_path / "out" / "ddd-fr.pdf")
    # The template's words ("Nombre d'agents", "l'appréciation", "n'indiquant"), like the data's.
    assert (
        "Nombre d’agents" in french
        and "il appartient au Défenseur des droits d’apprécier" in french
    )
    assert "qui encadrent ces actes" in french or "qui encadre cet acte" in french
    assert "'" not in french, re.findall(r".{30}'.{30}", french)[:5]
    paragraphs = "\n".join(
        p.text for p in docx.Document(str(tmp_path / "out" / "ddd-fr.docx")).paragraphs
    )
    assert "Elle vous prie d’agréer" in paragraphs
    assert "'" not in paragraphs, re.findall(r".{30}'.{30}", paragraphs)[:5]
    # English typography wants them too: "the association’s standing".
    english = _pdf_text(tmp_path / "out" / "ddd-en.pdf")
    assert "The association’s standing" in english
    assert "'" not in english, re.findall(r".{30}'.{30}", english)[:5]


def test_the_letter_counts_victims_over_incidents_without_claiming_at_least_n_people(
    tmp_path: Path,
) -> None:
    # The same person in two incidents, a group of three, an incident without a count.
    incidents = [
        incident_row(id="A-1", victim_ids="P-1", victims_count="3"),
        incident_row(id="A-2", date="2016-07-01", victim_ids="P-1"),
        incident_row(id="A-3", date="2016-07-02"),
    ]
    pages = build(tmp_path, incidents, persons=[VICTIM])
    french = _letter(pages["fr"])
    assert "au moins" not in french
    assert (
        "Le présent dossier rassemble 3 incidents. Ils font état de 4 victimes au total, une "
        "même personne pouvant figurer dans plusieurs incidents ; le nombre de victimes n'est "
        "pas renseigné pour 1 incident." in french
    )
    english = _letter(pages["en"])
    assert "at least" not in english
    assert (
        "This dossier brings together 3 incidents. Together they report 4 victims, a person "
        "possibly being counted in more than one incident; the number of victims is not "
        "recorded for 1 incident." in english
    )
    single = _letter(build(tmp_path / "one", [incident_row(victims_count="1")])["fr"])
    assert "Le présent dossier rassemble 1 incident. Il fait état de 1 victime." in single


def test_penal_provisions_and_the_editors_qualification_are_not_called_ethics_breaches(
    tmp_path: Path,
) -> None:
    pages = build(tmp_path, [incident_row(ECHR_art_3="yes")])
    french = _ethics(pages["fr"])
    ethics, rest = french.split("Dispositions pénales", 1)
    assert "R. 434-18" in ethics
    assert "222-13" not in ethics and "Convention européenne" not in ethics
    penal, marked = rest.split("Qualification retenue par l'association", 1)
    assert "Les actes rapportés paraissent en outre relever des dispositions pénales" in penal
    assert "Article 222-13, 7° du code pénal" in penal
    assert (
        "L'association retient en outre, pour les incidents qu'elle désigne, la qualification "
        "suivante." in marked
    )
    assert "Article 3 de la Convention européenne des droits de l'homme" in marked
    english = _ethics(pages["en"])
    assert "222-13" not in english.split("Criminal law provisions")[0]
    assert "Article 3 of" in english.split("Characterisation adopted by the association")[1]


def test_an_entry_whose_incidents_are_all_unattributed_reads_as_a_condition(
    tmp_path: Path,
) -> None:
    # Police and guards present, the data not saying who struck: every rule is conditional.
    with every_version_confirmed():
        pages = build(tmp_path, [incident_row(forces="police nationale; sécurité privée")])
    french = _ethics(pages["fr"])
    assert (
        "— 1 incident : § 1 ; pour cet incident, sous réserve que l'acte soit le fait de la force "
        "que cette règle concerne, ce que les données ne précisent pas." in french
    )
    assert "pour 1 incident, les données" not in french
    english = _ethics(pages["en"])
    assert (
        "— 1 incident: § 1 ; for this incident, provided the act was done by the force this "
        "rule concerns, which the data does not say." in english
    )
    # One of two incidents unattributed: said of that one only.
    both = build(
        tmp_path / "two",
        [
            incident_row(id="A-1", forces="police nationale; sécurité privée"),
            incident_row(id="A-2", date="2016-07-01"),
        ],
    )
    assert "— 2 incidents : § 1, § 2 ; pour 1 d'entre eux, sous réserve que" in _ethics(both["fr"])


def test_an_incidents_rules_read_as_one_french_sentence(tmp_path: Path) -> None:
    pages = build(
        tmp_path,
        [incident_row(acts="insultes; contrôle d'identité; interpellation", time="07:00")],
    )
    french = incident_text(pages["fr"], "CAL-2016-0001")
    # After a semicolon a citation goes on in lower case; two lawful acts agree in number.
    assert "Règles en cause Article R. 434-11" in french
    assert "; article R. 434-14 du code de la sécurité intérieure" in french
    assert "Cadre de l'intervention Article R. 434-16" in french
    assert "; article R. 434-17" in french
    assert "; Article" not in french
    # The dossier does not say the account accepts a lawful act (it may contest it), nor, as it
    # did before a lawyer's review, that it does not call the act irregular: the rules govern
    # the acts, and the Défenseur assesses on the account whether they were complied with.
    assert (
        "règles qui encadrent ces actes ; il appartient au Défenseur des droits d'apprécier, au vu "
        "du récit, si elles ont été respectées." in french
    )
    assert "contesté" not in french and "irrégulier" not in french
    english = incident_text(pages["en"], "CAL-2016-0001")
    assert (
        "rules governing these acts; it is for the Défenseur des droits to assess, in light of the "
        "account, whether they were complied with." in english
    )
    assert "challenged" not in english
    assert "Date 30 juin 2016, vers 7 h 00" in french


def test_an_approximate_date_and_its_time_do_not_say_vers_twice(tmp_path: Path) -> None:
    pages = build(tmp_path, [incident_row(date_precision="approximate", time="07:00")])
    french = incident_text(pages["fr"], "CAL-2016-0001")
    assert "Date vers le 30 juin 2016, aux environs de 7 h 00" in french
    english = incident_text(pages["en"], "CAL-2016-0001")
    assert "Date around June 30, 2016, at about 07:00" in english


def test_each_earlier_referral_number_carries_its_numero(tmp_path: Path) -> None:
    incidents = [
        incident_row(id="A-1", DDD_reference="DDD 15-000001"),
        incident_row(id="A-2", date="2016-07-01", DDD_reference="DDD 16-000002"),
    ]
    pages = build(tmp_path, incidents)
    assert "complément aux saisines n° DDD 15-000001, n° DDD 16-000002 —" in _letter(pages["fr"])
    assert "complement to referrals no. DDD 15-000001, no. DDD 16-000002 —" in _letter(pages["en"])


def test_the_samples_official_documents_are_dated_as_their_text_says() -> None:
    # The bordereau dates a pièce by the document itself: a dismissal notice of 4 February,
    # collected on the 10th, is dated the 4th (the proceedings' table says "du 04/02/2016").
    dataset, _ = load_and_validate(REPO / "sample_data" / "incidents.xlsx", today=TODAY)
    stated = re.compile(r"Date (?:de la décision|de notification) : (\d\d)/(\d\d)/(\d{4})")
    checked = 0
    for exhibit in dataset.evidence:
        if exhibit.kind != "official_document" or not exhibit.file:
            continue
        text = (REPO / "sample_data" / "evidence" / exhibit.file).read_text(encoding="utf-8")
        if found := stated.search(text):
            day, month, year = (int(part) for part in found.groups())
            assert exhibit.document_date == dt.date(year, month, day), exhibit.id
            checked += 1
    assert checked == 2


def test_a_court_decisions_line_dates_the_step_not_the_decision(tmp_path: Path) -> None:
    # The step was filed on 10 November; the order came later: the date is said to be the step's.
    step = {
        "id": "PR-1",
        "incident id": "CAL-2016-0001",
        "type": "court action",
        "status": "court decision given",
        "date": "2016-08-10",
        "reference": "TA 1609876",
    }
    pages = build(tmp_path, [incident_row()], proceedings=[step])
    french = incident_text(pages["fr"], "CAL-2016-0001")
    assert (
        "Décision de justice action en justice (TA 1609876 ; démarche du 10 août 2016) : "
        "décision de justice rendue." in french
    )
    assert "10/08/2016 :" not in french
    english = incident_text(pages["en"], "CAL-2016-0001")
    assert "court action (TA 1609876; step dated August 10, 2016): " in english


def test_a_dossier_left_with_no_incident_reads_as_french_and_claims_nothing(
    tmp_path: Path,
) -> None:
    # The only victim objected (art. 8): the incident is left out and the dossier holds none.
    refused = {**VICTIM, "art8 status": "refused"}
    pages = build(tmp_path, [incident_row(victim_ids="P-1")], persons=[refused])
    french = text_of(pages["fr"])
    assert "Le présent dossier ne rassemble aucun incident." in _letter(pages["fr"])
    assert "rassemble aucun" not in french.replace("ne rassemble aucun", "")
    # No sentence announcing a table that is not there, no conclusion drawn from no facts.
    assert "est la suivante" not in french
    assert "ne sont pas isolés" not in french and "déjà prononcé" not in french
    english = text_of(pages["en"])
    assert "This dossier holds no incidents." in _letter(pages["en"])
    assert "is as follows" not in english and "already addressed" not in english


def test_precedents_are_cited_without_concluding_the_facts_are_not_isolated(
    tmp_path: Path,
) -> None:
    pages = build(tmp_path, [incident_row()])
    french = text_of(pages["fr"])
    # Neutral (a report is not a finding of facts) and Calais said once.
    intro = "Le Défenseur des droits s'est déjà prononcé sur la situation des personnes exilées à "
    assert intro + "Calais : contrôles répétés, destruction de biens et expulsions (décision" in (
        french
    )
    assert "même nature" not in french and "à Calais (décision" not in french
    assert "ne sont pas isolés" not in french
    assert "not isolated" not in text_of(pages["en"])


def test_an_incident_tied_to_no_rule_leaves_the_qualification_to_the_defenseur(
    tmp_path: Path,
) -> None:
    # Belongings destroyed at an eviction: no rule of the table; "no rule" must not read as
    # "nothing wrong".
    pages = build(tmp_path, [incident_row(acts="expulsion; biens détruits")])
    assert (
        "Règles en cause aucune règle n'est rattachée aux actes renseignés, qu'il appartient au "
        "Défenseur des droits de qualifier." in incident_text(pages["fr"], "CAL-2016-0001")
    )
    assert (
        "no rule is linked to the acts recorded, which it is for the Défenseur des droits to "
        "characterise." in incident_text(pages["en"], "CAL-2016-0001")
    )


def test_no_condition_on_the_force_when_the_rule_binds_every_force_present(
    tmp_path: Path,
) -> None:
    # CRS and national police are both bound by R. 434-18: who struck does not change the rule.
    pages = build(tmp_path, [incident_row(forces="police nationale; CRS")])
    french = incident_text(pages["fr"], "CAL-2016-0001")
    assert "R. 434-18" in french
    assert "ne s'applique que si" not in french and "ne concerne que" not in french
    assert "sous réserve que" not in _ethics(pages["fr"])
    english = incident_text(pages["en"], "CAL-2016-0001")
    assert "applies only if" not in english and "concerns only" not in english
    assert "provided the act" not in _ethics(pages["en"])
