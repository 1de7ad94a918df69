"""Proceedings, earlier referrals, limitation and art. 8 in the DDD complaint (issue 19)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from legal_workbook import (
    build,
    every_version_confirmed,
    incident_row,
    incident_text,
    text_of,
    write_input,
)

from dossier.build.pipeline import build_dossiers
from dossier.validate.completeness import limitation_as_of


def _proceeding(pid: str, incident_id: str, kind: str, status: str, date: str) -> dict[str, str]:
    return {"id": pid, "incident id": incident_id, "type": kind, "status": status, "date": date,
            "reference": f"REF {pid}"}  # fmt: skip


@pytest.fixture(scope="module")
def proceedings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    incidents = [
        incident_row(id="ENQ-1", date="2016-01-10"),
        incident_row(id="JUG-1", date="2016-01-11"),
        incident_row(id="IGPN-1", date="2016-01-12"),
        incident_row(id="DDD-1", date="2016-01-13", DDD_reference="DDD 16-000123"),
        incident_row(id="PLAIN-1", date="2016-01-14"),
    ]
    steps = [
        _proceeding("PR-1", "ENQ-1", "complaint to the prosecutor", "preliminary enquiry under way",
                    "2016-02-01"),
        _proceeding("PR-2", "JUG-1", "court action", "court decision given", "2016-05-01"),
        _proceeding("PR-3", "IGPN-1", "IGPN report", "investigation opened", "2016-02-01"),
        _proceeding("PR-4", "PLAIN-1", "police complaint", "investigation opened", "2016-02-01"),
    ]  # fmt: skip
    # What verified citations print (tests/test_legal_verified_through.py: unverified ones).
    with every_version_confirmed():
        return build(tmp_path_factory.mktemp("proceedings"), incidents, proceedings=steps)


def test_an_open_preliminary_enquiry_carries_the_article_23_statement(
    proceedings: dict[str, str],
) -> None:
    text = incident_text(proceedings["fr"], "ENQ-1")
    assert (
        "Procédure judiciaire en cours plainte au procureur (REF PR-1) : enquête préliminaire"
        in text
    )
    assert (
        "En application de l'article 23 de la loi organique n° 2011-333, le Défenseur des droits "
        "doit recueillir l'accord préalable de la juridiction saisie ou du procureur de la "
        "République pour exercer, sur ces faits, les pouvoirs des articles 18 (sauf son dernier "
        "alinéa), 20 et 22." in text
    )
    english = incident_text(proceedings["en"], "ENQ-1")
    assert "Under article 23 of organic law no. 2011-333" in english


def test_an_investigation_after_a_complaint_is_judicial_after_an_igpn_report_it_is_not(
    proceedings: dict[str, str],
) -> None:
    assert "article 23" in incident_text(proceedings["fr"], "PLAIN-1")
    assert "article 23" not in incident_text(proceedings["fr"], "IGPN-1")
    assert "article 23" not in incident_text(proceedings["fr"], "DDD-1")


def test_a_judgment_carries_article_33(proceedings: dict[str, str]) -> None:
    text = incident_text(proceedings["fr"], "JUG-1")
    assert (
        "Décision de justice action en justice (REF PR-2 ; démarche du 1er mai 2016) : décision"
        in text
    )
    assert (
        "Le Défenseur des droits ne peut remettre en cause une décision juridictionnelle "
        "(article 33 de la loi organique n° 2011-333)" in text
    )
    for other in ("ENQ-1", "IGPN-1", "DDD-1", "PLAIN-1"):
        assert "article 33" not in incident_text(proceedings["fr"], other)


def _letter(page: str) -> str:
    return text_of(page.split('<section class="letter">')[1].split("</section>")[0])


def test_a_ddd_reference_makes_the_letter_a_complement_for_that_incident_alone(
    proceedings: dict[str, str],
) -> None:
    # One incident of five carries a reference: the letter is a new referral for the four
    # others, and completes the earlier one for that incident only (legal review).
    letter = _letter(proceedings["fr"])
    assert "Objet : saisine et complément à la saisine n° DDD 16-000123 —" in letter
    assert (
        "complète par le présent dossier, pour 1 incident sur 5, la saisine citée en objet et "
        "vous soumet" in letter
    )
    english = _letter(proceedings["en"])
    assert "Subject: referral and complement to referral no. DDD 16-000123 —" in english
    assert "complements, for 1 incident out of 5, the referral given in the subject" in english
    assert "Earlier referral no. DDD 16-000123" in incident_text(proceedings["en"], "DDD-1")


def test_when_every_incident_has_a_reference_the_letter_is_a_complement(tmp_path: Path) -> None:
    pages = build(tmp_path, [incident_row(DDD_reference="DDD 16-000123")])
    letter = _letter(pages["fr"])
    assert "Objet : complément à la saisine n° DDD 16-000123 —" in letter
    assert "complète par le présent dossier la saisine citée en objet" in letter
    assert "saisine et complément" not in letter and "sur 1" not in letter


def test_without_any_reference_the_letter_is_a_referral(tmp_path: Path) -> None:
    pages = build(tmp_path, [incident_row()])
    letter = text_of(pages["fr"].split('<section class="letter">')[1].split("</section>")[0])
    assert "complément" not in letter and "vous soumet" in letter


def test_article_6_is_quoted_word_for_word_with_its_source(proceedings: dict[str, str]) -> None:
    # The official third paragraph ends « non plus que ceux relatifs à l'exercice de recours
    # administratifs ou contentieux », not « ni ceux des recours… » (legal review).
    text = text_of(proceedings["fr"])
    assert (
        "« La saisine du Défenseur des droits n'interrompt ni ne suspend par elle-même les délais "
        "de prescription des actions en matière civile, administrative ou pénale, non plus que "
        "ceux relatifs à l'exercice de recours administratifs ou contentieux » (article 6, "
        "troisième alinéa, de la loi organique n° 2011-333)." in text
    )
    assert "ni ceux des recours" not in text
    english = text_of(proceedings["en"])
    assert "(article 6, third paragraph, of organic law no. 2011-333, our translation)" in english


def test_articles_23_and_33_are_quoted_word_for_word(proceedings: dict[str, str]) -> None:
    text = text_of(proceedings["fr"])
    assert (
        "L'article 23 de la loi organique n° 2011-333 dispose : « Lorsque le Défenseur des droits "
        "est saisi, ou se saisit d'office, de faits donnant lieu à une enquête préliminaire ou de "
        "flagrance ou pour lesquels une information judiciaire est ouverte ou des poursuites "
        "judiciaires sont en cours, il doit recueillir l'accord préalable des juridictions saisies "
        "ou du procureur de la République, selon le cas, pour la mise en œuvre de l'article 18, à "
        "l'exception du dernier alinéa, des articles 20 et 22 »." in text
    )
    assert (
        ": « Le Défenseur des droits ne peut remettre en cause une décision juridictionnelle » "
        "(article 33 de la loi organique n° 2011-333)." in text
    )
    assert ". (article" not in text


def test_the_requests_subject_only_articles_18_20_and_22_to_article_23(
    proceedings: dict[str, str],
) -> None:
    # Art. 23 requires the judicial authority's agreement for arts 18 (but its last paragraph),
    # 20 and 22 — not for recommendations (25) or a disciplinary referral (29).
    requests = text_of(proceedings["fr"].split('id="demandes"')[1].split("</section>")[0])
    assert (
        "les pouvoirs des articles 18 (sauf son dernier alinéa), 20 et 22 supposent l'accord "
        "préalable des juridictions saisies ou du procureur de la République (article 23"
        in requests
    )
    assert "ces pouvoirs supposent" not in requests
    assert "d'adresser ses recommandations" in requests and "vos recommandations" not in requests
    english = text_of(proceedings["en"].split('id="demandes"')[1].split("</section>")[0])
    assert "the powers of articles 18 (except its last paragraph), 20 and 22 require" in english


# -- limitation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "signed_on", "deadline", "years"),
    [
        # Signed before 1 March 2017: the 3-year law, whatever came later.
        (dt.date(2015, 6, 30), dt.date(2017, 2, 28), dt.date(2018, 6, 30), 3),
        # Signed from that day: not time-barred on 1 March 2017 → 6 years (code pénal 112-2 4°).
        (dt.date(2015, 6, 30), dt.date(2017, 3, 1), dt.date(2021, 6, 30), 6),
        # Already time-barred under the 3-year law on 1 March 2017: stays so.
        (dt.date(2013, 6, 30), dt.date(2017, 3, 1), dt.date(2016, 6, 30), 3),
        (dt.date(2017, 3, 1), dt.date(2017, 3, 1), dt.date(2023, 3, 1), 6),
    ],
)
def test_limitation_on_both_sides_of_1_march_2017(
    facts: dt.date, signed_on: dt.date, deadline: dt.date, years: int
) -> None:
    limitation = limitation_as_of(facts, signed_on)
    assert (limitation.deadline, limitation.years) == (deadline, years)


def test_the_dossier_prints_the_limitation_date_of_the_law_on_the_signature_date(
    tmp_path: Path,
) -> None:
    with every_version_confirmed():
        before = build(
            tmp_path / "before", [incident_row(date="2015-06-30")], signed_on="2017-02-28"
        )
    text = incident_text(before["fr"], "CAL-2016-0001")
    assert (
        "Prescription (délit, indicative) 30 juin 2018, à défaut d'acte d'instruction ou de "
        "poursuite (articles 7 et 8 du code de procédure pénale)." in text
    )
    assert "2017-242" not in text_of(before["fr"]) and "six années" not in text_of(before["fr"])
    with every_version_confirmed():
        after = build(tmp_path / "after", [incident_row(date="2015-06-30")], signed_on="2017-03-01")
    text = incident_text(after["fr"], "CAL-2016-0001")
    assert (
        "Prescription (délit, indicative) 30 juin 2021 (article 8 du code de procédure pénale, "
        "dans sa rédaction issue de la loi n° 2017-242 du 27 février 2017 ; article 112-2, 4° "
        "du code pénal)." in text
    )
    # One date per incident, never the rule's paragraph repeated.
    assert text_of(after["fr"]).count("six années révolues") == 0


# -- article 8: minors and people in groups -----------------------------------------------------


def test_a_minors_consent_is_stated_through_legal_representatives(tmp_path: Path) -> None:
    persons = [
        {"id": "P-1", "pseudonym": "Abel N.", "roles": "victim", "age": "16",
         "article 8 status": "consented"},
        {"id": "P-2", "pseudonym": "Tom B.", "roles": "victim", "age": "30",
         "article 8 status": "consented"},
    ]  # fmt: skip
    pages = build(
        tmp_path,
        [incident_row(victim_ids="P-1; P-2", number_of_victims="5", minors_involved="yes")],
        persons=persons,
    )
    text = text_of(pages["fr"])
    assert "Situation au regard de l'article 8 (victimes majeures) Victimes a consenti 1 " in text
    assert (
        "1 victime est mineure : l'article 8 vise, pour un enfant, ses représentants légaux. "
        "Leur accord n'est pas établi par celui de l'enfant" in text
    )
    assert "intérêt supérieur de l'enfant" in text
    assert (
        "En outre, 3 personnes sont comptées dans les incidents sans être identifiées une à une"
        in text
    )
    english = text_of(pages["en"])
    assert (
        "1 victim is a minor: for a child, article 8 refers to the child's legal representatives"
        in english
    )


# -- the NGO report's legal standards (issue 19, pts 1 and 3) ------------------------------------


def _report_text(tmp_path: Path, signed_on: str) -> dict[str, str]:
    data = write_input(tmp_path / "data", [incident_row(date="2015-06-30")], signed_on=signed_on)
    build_dossiers(data, out=tmp_path / "out", formats=("html",), layouts=("report",))
    return {
        lang: text_of((tmp_path / "out" / f"report-{lang}.html").read_text(encoding="utf-8"))
        for lang in ("fr", "en")
    }


def test_the_report_states_the_law_as_it_stood_at_its_date(tmp_path: Path) -> None:
    before = _report_text(tmp_path / "before", "2016-11-15")
    assert "2017" not in before["fr"] and "2017" not in before["en"]
    assert "se prescrit par trois années révolues" in before["fr"]
    assert "time-barred three full years" in before["en"]
    after = _report_text(tmp_path / "after", "2017-05-02")
    assert "se prescrit par six années révolues" in after["fr"]
    assert "article 112-2, 4° du code pénal" in after["fr"]


def test_the_report_says_who_may_refer_to_the_defenseur(tmp_path: Path) -> None:
    pages = _report_text(tmp_path, "2016-11-15")
    assert "Toute personne peut saisir" not in pages["fr"]
    assert "Toute personne qui a été victime ou témoin de faits" in pages["fr"]
    assert "Anyone may refer" not in pages["en"]
    assert "respect absolu des personnes" not in pages["fr"]  # R. 515-7's words, not R. 434-14's


def test_a_person_who_objected_is_not_counted_among_people_not_identified(tmp_path: Path) -> None:
    persons = [
        {"id": "P-1", "pseudonym": "Abel N.", "roles": "victim", "age": "30",
         "article 8 status": "refused"},
        {"id": "P-2", "pseudonym": "Tom B.", "roles": "victim", "age": "30",
         "article 8 status": "consented"},
    ]  # fmt: skip
    pages = build(
        tmp_path, [incident_row(victim_ids="P-1; P-2", number_of_victims="4")], persons=persons
    )
    assert "En outre, 2 personnes sont comptées dans les incidents" in text_of(pages["fr"])


def test_a_period_over_before_the_signature_is_said_to_have_expired(tmp_path: Path) -> None:
    expired = build(tmp_path / "expired", [incident_row(date="2014-01-10")], signed_on="2017-02-28")
    text = incident_text(expired["fr"], "CAL-2016-0001")
    assert (
        "Prescription (délit, indicative) délai expiré le 10 janvier 2017, avant la date de "
        "signature du dossier, à défaut d'acte d'instruction ou de poursuite qui l'aurait "
        "interrompu (articles 7 et 8 du code de procédure pénale)." in text
    )
    english = incident_text(expired["en"], "CAL-2016-0001")
    assert "period expired on January 10, 2017, before the dossier's signature date" in english
    # The counting convention is printed once, with the proceedings.
    assert (
        "le jour des faits n'est pas compté et le délai s'achève à la fin du jour de même date"
        in (text_of(expired["fr"]))
    )
    assert (
        "the day of the facts is not counted and the period ends at the end of the same date"
        in (text_of(expired["en"]))
    )
    # Signed on the last day itself: the period is still running that day.
    last_day = build(tmp_path / "last", [incident_row(date="2014-01-10")], signed_on="2017-01-10")
    text = incident_text(last_day["fr"], "CAL-2016-0001")
    assert "Prescription (délit, indicative) 10 janvier 2017, à défaut d'acte" in text
    assert "expiré" not in text
