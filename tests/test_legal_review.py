"""A lawyer's review of the DDD complaint (issue 19): quotations word for word, summaries said to
be summaries, the versions in force, and limitation where minors are among the victims."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from legal_workbook import (
    build,
    every_version_confirmed,
    french_pdf_and_docx_words,
    incident_row,
    incident_text,
    text_of,
    write_input,
)

from dossier.assemble.legal_basis import load_legal_basis
from dossier.build.pipeline import build_dossiers

ARTICLE_8 = (
    "« Lorsqu'il se saisit d'office ou lorsqu'il est saisi autrement qu'à l'initiative de la "
    "personne s'estimant lésée ou, s'agissant d'un enfant, de ses représentants légaux, le "
    "Défenseur des droits ne peut intervenir qu'à la condition que cette personne ou, le cas "
    "échéant, ses ayants droit ait été avertie et ne se soit pas opposée à son intervention. "
    "Toutefois, il peut toujours se saisir des cas lui paraissant mettre en cause l'intérêt "
    "supérieur d'un enfant et des cas relatifs à des personnes qui ne sont pas identifiées ou dont "
    "il ne peut recueillir l'accord »."
)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    incidents = [
        incident_row(id="PN-1", date="2016-03-01",
                     acts="physical violence; insults or racist remarks"),
        incident_row(id="PM-14", date="2014-06-10", forces="municipal police",
                     acts="insults or racist remarks"),
        incident_row(id="E3-1", date="2016-04-01", acts="physical violence", ECHR_art_3="yes"),
    ]  # fmt: skip
    # What a verified citation prints (tests/test_legal_verified_through.py: an unverified one).
    with every_version_confirmed():
        return build(tmp_path_factory.mktemp("review"), incidents)


def test_article_8_is_quoted_word_for_word(reviewed: dict[str, str]) -> None:
    # The former text paraphrased art. 8 (« la personne concernée », no « ayants droit ») and
    # printed it as the article itself.
    text = text_of(reviewed["fr"])
    assert "Article 8 de la loi organique n° 2011-333 : " + ARTICLE_8 in text
    assert "à l'initiative de la personne concernée" not in text
    english = text_of(reviewed["en"])
    assert "or, where appropriate, their successors in title has been informed" in english
    assert "whose agreement it cannot obtain” (our translation)." in english


def test_a_summary_of_a_rule_is_printed_as_a_summary(reviewed: dict[str, str]) -> None:
    # The codes of ethics are summarised in the table: the complaint says so instead of setting
    # a summary after a colon as if it were the article.
    ethics = text_of(reviewed["fr"].split('<section id="deontologie">')[1].split("</section>")[0])
    assert (
        "Article R. 434-18 du code de la sécurité intérieure (en substance) : Le policier ou le "
        "gendarme emploie la force" in ethics
    )
    assert "Article R. 434-18 du code de la sécurité intérieure : Le policier" not in ethics
    english = text_of(reviewed["en"].split('<section id="deontologie">')[1].split("</section>")[0])
    assert "Article R. 434-18 of the code de la sécurité intérieure (in substance): " in english


def test_echr_article_3_is_quoted_without_case_law_in_its_text(reviewed: dict[str, str]) -> None:
    # « Un mauvais traitement doit atteindre un minimum de gravité » is the Court's case law, not
    # the article: printed as part of the quotation it misquoted the Convention.
    ethics = text_of(reviewed["fr"].split('<section id="deontologie">')[1].split("</section>")[0])
    assert (
        "Article 3 de la Convention européenne des droits de l'homme : « Nul ne peut être soumis à "
        "la torture ni à des peines ou traitements inhumains ou dégradants » — 1 incident" in ethics
    )
    assert "minimum de gravité" not in ethics
    english = text_of(reviewed["en"].split('<section id="deontologie">')[1].split("</section>")[0])
    assert "inhuman or degrading treatment or punishment” — 1 incident" in english


def test_municipal_police_ethics_apply_from_1_january_2014(reviewed: dict[str, str]) -> None:
    # R. 515-7 (respect absolu des personnes) dates from décret n° 2013-1113; décret n° 2015-181
    # only added « opinions syndicales ». The table used to start it on 19 February 2015, so a
    # 2014 incident of municipal police cited no rule at all.
    text = incident_text(reviewed["fr"], "PM-14")
    assert "Article R. 515-7 du code de la sécurité intérieure (dignité" in text
    assert "R. 434-" not in text


# -- limitation where minors are among the victims ----------------------------------------------


def _minor_and_adult(tmp_path: Path, signed_on: str) -> dict[str, str]:
    persons = [
        {"id": "P-1", "pseudonym": "Abel N.", "roles": "victim", "age": "16",
         "article 8 status": "consented"},
        {"id": "P-2", "pseudonym": "Tom B.", "roles": "victim", "age": "30",
         "article 8 status": "consented"},
    ]  # fmt: skip
    incidents = [
        incident_row(id="MIN-1", date="2016-01-10", victim_ids="P-1"),
        incident_row(id="GRP-1", date="2016-01-11", victim_ids="P-2", minors_involved="yes"),
        incident_row(id="ADU-1", date="2016-01-12", victim_ids="P-2"),
    ]
    with every_version_confirmed():
        return build(tmp_path, incidents, persons=persons, signed_on=signed_on)


def test_a_minor_victim_of_222_13_is_told_which_delits_run_from_majority(tmp_path: Path) -> None:
    # CPP art. 8 (2014 wording): the délits of 706-47 and of 222-12, 222-29-1 and 227-26 against
    # minors run from the victim's majority. The page names 222-13 (no ITT recorded), which is not
    # among them: it says which délits are, instead of « certain délits », which a lawyer read as
    # a reservation on this very date.
    pages = _minor_and_adult(tmp_path, "2016-11-15")
    for incident in ("MIN-1", "GRP-1"):
        text = incident_text(pages["fr"], incident)
        assert "article 222-13" in text, incident
        assert (
            "(articles 7 et 8 du code de procédure pénale) ; pour une victime mineure, le délai ne "
            "court qu'à compter de sa majorité pour les délits qu'énumère l'article 8, "
            "deuxième alinéa, du code de procédure pénale (ceux de l'article 706-47 du même code "
            "et des articles 222-12, 222-29-1 et 227-26 du code pénal)." in text
        ), incident
        english = incident_text(pages["en"], incident)
        assert (
            "for a victim who is a minor, the period runs only from their majority for the délits "
            "listed by article 8, second paragraph, of the code de procédure pénale (those of "
            "article 706-47 of the same code and of articles 222-12, 222-29-1 and 227-26 of the "
            "code pénal)." in english
        )
        assert "certains délits" not in text
    assert "mineure" not in incident_text(pages["fr"], "ADU-1")
    assert "10 janvier 2019" in incident_text(pages["fr"], "MIN-1")


def test_a_222_12_delit_against_a_minor_gets_no_adults_date(tmp_path: Path) -> None:
    # A lawyer's review: « Prescription : 28 septembre 2019 » was printed for a sixteen-year-old
    # shot in the face (ITT 15 days, 222-12), whose period is twenty years from majority.
    persons = [
        {"id": "P-1", "pseudonym": "Abel N.", "roles": "victim", "age": "16",
         "article 8 status": "consented"},
        {"id": "P-2", "pseudonym": "Tom B.", "roles": "victim", "age": "30",
         "article 8 status": "consented"},
        {"id": "P-3", "pseudonym": "Sami K.", "roles": "victim",
         "article 8 status": "consented"},
    ]  # fmt: skip
    incidents = [
        incident_row(id="MIN-12", date="2016-01-10", victim_ids="P-1", ITT_days="15"),
        incident_row(id="MIX-12", date="2016-01-11", victim_ids="P-1; P-2", ITT_days="15"),
        incident_row(id="UNK-12", date="2016-01-12", victim_ids="P-1; P-3", ITT_days="15"),
    ]
    with every_version_confirmed():
        pages = build(tmp_path, incidents, persons=persons, signed_on="2016-11-15")
    alone = incident_text(pages["fr"], "MIN-12")
    assert "article 222-12" in alone
    assert "2019" not in alone
    assert (
        "date non calculée : des mineurs sont au nombre des victimes et aucune victime n'est "
        "enregistrée comme majeure ; pour le délit de l'article 222-12 du code pénal commis "
        "contre un mineur, le délai est de vingt ans à compter de sa majorité (article 8, "
        "deuxième alinéa, du code de procédure pénale), date que les données ne donnent pas."
        in alone
    )
    # A victim of unknown age is not taken for an adult.
    assert "date non calculée : des mineurs" in incident_text(pages["fr"], "UNK-12")
    mixed = incident_text(pages["fr"], "MIX-12")
    assert "11 janvier 2019" in mixed
    assert (
        "cette date vaut pour les victimes majeures : pour les victimes mineures, le délai de ce "
        "délit est de vingt ans à compter de leur majorité (article 8, deuxième alinéa, du code "
        "de procédure pénale)." in mixed
    )
    english = incident_text(pages["en"], "MIN-12")
    assert "date not computed: minors are among the victims" in english
    assert "twenty years from the victim’s majority" in english or (
        "twenty years from the victim's majority" in english
    )
    assert "this date holds for adult victims" in incident_text(pages["en"], "MIX-12")


def test_after_1_march_2017_the_minors_rule_is_the_2017_wording(tmp_path: Path) -> None:
    pages = _minor_and_adult(tmp_path, "2018-01-15")
    text = incident_text(pages["fr"], "MIN-1")
    assert "10 janvier 2022" in text  # six years: not time-barred on 1 March 2017
    assert (
        "ne court qu'à compter de sa majorité pour les délits qu'énumère l'article 8, deuxième et "
        "troisième alinéas, du code de procédure pénale, dans sa rédaction issue de la loi "
        "n° 2017-242 du 27 février 2017 (ceux de l'article 706-47" in text
    )


def test_every_quoted_rule_is_marked_and_sourced() -> None:
    basis = load_legal_basis()
    quoted = {rule.id for rule in basis.rules if rule.quoted}
    assert {"lo-art6-limitation", "lo-art8", "lo-art23", "lo-art33", "echr-art3"} <= quoted
    for rule in basis.rules:
        assert rule.verified_on.year >= 2026, rule.id
        if rule.quoted:
            assert "word for word" in rule.source or rule.id == "echr-art3", rule.id


# -- limitation: interrupted by recorded proceedings, suspended in 2020 -------------------------


def _step(pid: str, incident_id: str, kind: str, status: str, date: str) -> dict[str, str]:
    return {"id": pid, "incident id": incident_id, "type": kind, "status": status, "date": date,
            "reference": f"REF {pid}"}  # fmt: skip


def test_recorded_criminal_proceedings_replace_the_date_by_why(tmp_path: Path) -> None:
    # An enquiry under way or a conviction: acts of investigation or prosecution were done, so
    # « 3 years from the facts, unless an act… » is no deadline (CPP arts 7 and 8, 2014 wording).
    incidents = [
        incident_row(id="ENQ-1", date="2016-01-10"),
        incident_row(id="CON-1", date="2016-01-11"),
        incident_row(id="TA-1", date="2016-01-12"),
    ]
    steps = [
        _step("PR-1", "ENQ-1", "complaint to the prosecutor", "preliminary enquiry under way",
              "2016-02-01"),
        _step("PR-2", "CON-1", "court action", "conviction", "2016-06-01"),
        _step("PR-3", "TA-1", "court action", "court decision given", "2016-06-01"),
    ]  # fmt: skip
    with every_version_confirmed():
        pages = build(tmp_path, incidents, proceedings=steps)
    text = incident_text(pages["fr"], "ENQ-1")
    assert (
        "Prescription (délit, indicative) date non calculée : les actes de la procédure "
        "judiciaire indiquée ci-dessus ont pu interrompre le délai (articles 7 et 8 du code "
        "de procédure pénale)." in text
    )
    assert "à défaut d'acte" not in text
    assert "acts of the judicial proceedings given above may have interrupted the period" in (
        incident_text(pages["en"], "ENQ-1")
    )
    # A conviction: what CPP art. 6 says (« la chose jugée »), never that the decision is final.
    text = incident_text(pages["fr"], "CON-1")
    assert (
        "Prescription (délit, indicative) date non calculée : une condamnation est enregistrée "
        "pour ces faits, les données ne disant pas à l'égard de qui ; « L'action publique pour "
        "l'application de la peine s'éteint par la mort "
        "du prévenu, la prescription, l'amnistie, l'abrogation de la loi pénale et la chose "
        "jugée » (article 6, premier alinéa, du code de procédure pénale) : si cette décision est "
        "devenue définitive, ce que les données ne précisent pas, l'action publique est éteinte "
        "pour les faits et les personnes qu'elle a jugés." in text
    )
    assert "ont pu interrompre" not in text and "à défaut d'acte" not in text
    assert "if that decision has become final, which the data does not say" in (
        incident_text(pages["en"], "CON-1")
    )
    # A decision that is not a conviction (here an administrative court's) interrupts nothing
    # the data shows: the indicative date stays.
    assert "12 janvier 2019, à défaut d'acte" in incident_text(pages["fr"], "TA-1")


def test_a_period_running_on_12_march_2020_is_not_computed(tmp_path: Path) -> None:
    incidents = [
        incident_row(id="RUN-1", date="2016-06-30"),  # six years: ran on 12 March 2020
        incident_row(id="OLD-1", date="2014-03-05"),  # six years, ended on 5 March 2020
    ]
    with every_version_confirmed():
        pages = build(tmp_path, incidents, signed_on="2021-01-15")
    text = incident_text(pages["fr"], "RUN-1")
    assert (
        "date non calculée : le délai courait le 12 mars 2020, date à compter de laquelle les "
        "délais de prescription de l'action publique ont été suspendus (article 3 de "
        "l'ordonnance n° 2020-303 du 25 mars 2020) ; cette suspension n'est pas comptée ici" in text
    )
    assert "30 juin 2022" not in text
    english = incident_text(pages["en"], "RUN-1")
    assert "(article 3 of ordinance no. 2020-303 of 25 March 2020)" in english
    old = incident_text(pages["fr"], "OLD-1")
    # Over before the signature: said to have expired, with its date.
    assert (
        "délai expiré le 5 mars 2020, avant la date de signature du dossier (article 8 du code "
        "de procédure pénale" in old
    )


def test_a_period_running_on_12_march_2020_ends_152_days_later_once_the_end_is_ruled(
    tmp_path: Path,
) -> None:
    # Signed after Crim., 7 June 2023, n° 22-86.644 (suspension from 12 March to 10 August 2020,
    # both days suspended: 152 days), a period running on 12 March 2020 is extended by 152 days;
    # one over before, or begun after, the suspension is not; facts committed during it get no
    # date (the ruling speaks only of periods running on 12 March 2020).
    incidents = [
        incident_row(id="RUN-1", date="2016-06-30"),  # 2022-06-30 + 152 days: over before 2024
        incident_row(id="EVE-1", date="2020-03-11"),  # the day before: ran on 12 March 2020
        incident_row(id="OLD-1", date="2014-03-05"),  # ended on 5 March 2020, before it
        incident_row(id="DUR-1", date="2020-03-12"),  # first day of the suspension
        incident_row(id="DUR-2", date="2020-08-10"),  # last day of the suspension
        incident_row(id="AFT-1", date="2020-08-11"),  # after it: no extension
    ]
    with every_version_confirmed():
        pages = build(tmp_path, incidents, signed_on="2024-01-15")
    extension = (
        "délai prorogé de 152 jours, durée de la suspension des délais de prescription de "
        "l'action publique en cours le 12 mars 2020, du 12 mars 2020 au 10 août 2020, ces deux "
        "jours compris (article 3 de l'ordonnance n° 2020-303 du 25 mars 2020 ; Cour de "
        "cassation, chambre criminelle, 7 juin 2023, n° 22-86.644, publié au Bulletin)"
    )
    run = incident_text(pages["fr"], "RUN-1")
    assert "délai expiré le 29 novembre 2022, avant la date de signature du dossier" in run
    assert extension in run and "30 juin 2022" not in run
    eve = incident_text(pages["fr"], "EVE-1")
    assert "Prescription (délit, indicative) 10 août 2026 (article 8 du code de procédure" in eve
    assert extension in eve
    english = incident_text(pages["en"], "EVE-1")
    assert "August 10, 2026" in english or "10 August 2026" in english
    assert "period extended by 152 days" in english and "no. 22-86.644" in english
    old = incident_text(pages["fr"], "OLD-1")
    assert "délai expiré le 5 mars 2020" in old and "prorogé" not in old
    for during in ("DUR-1", "DUR-2"):
        text = incident_text(pages["fr"], during)
        assert (
            "date non calculée : les faits ont été commis pendant la suspension des délais de "
            "prescription de l'action publique, à compter du 12 mars 2020 (article 3 de "
            "l'ordonnance n° 2020-303 du 25 mars 2020)" in text
        ), during
        assert "2026" not in text.split("Prescription")[1], during
        assert "the facts were committed while limitation periods" in incident_text(
            pages["en"], during
        )
    after = incident_text(pages["fr"], "AFT-1")
    assert "Prescription (délit, indicative) 11 août 2026 (article 8" in after
    assert "prorogé" not in after and "2020-303" not in after


def test_before_the_ruling_a_period_begun_after_the_suspension_keeps_its_date(
    tmp_path: Path,
) -> None:
    # Signed in 2021: the suspension's end was not yet ruled on (no date across it), but a period
    # that began after 10 August 2020 never met the suspension and keeps its plain date.
    incidents = [incident_row(id="AFT-1", date="2020-09-01")]
    with every_version_confirmed():
        pages = build(tmp_path, incidents, signed_on="2021-01-15")
    text = incident_text(pages["fr"], "AFT-1")
    assert "Prescription (délit, indicative) 1er septembre 2026 (article 8" in text
    assert "2020-303" not in text and "22-86.644" not in text_of(pages["fr"])


def test_more_than_eight_days_itt_is_article_222_12_not_222_13(tmp_path: Path) -> None:
    # 222-13 covers violence with no ITT or at most eight days; beyond, 222-11 and 222-12, 7°.
    # The sample's fractured forearm (ITT 12 days) was cited under « ITT d'au plus huit jours ».
    incidents = [
        incident_row(id="ITT-12", date="2016-06-01", ITT_days="12"),
        incident_row(id="ITT-8", date="2016-06-02", ITT_days="8"),
        incident_row(id="ITT-0", date="2016-06-03"),
    ]
    with every_version_confirmed():
        pages = build(tmp_path, incidents)
    heavy = incident_text(pages["fr"], "ITT-12")
    assert (
        "article 222-12, 7° du code pénal (violences ayant entraîné une ITT de plus de huit jours "
        "(article 222-11), commises par une personne dépositaire de l'autorité publique)" in heavy
    )
    assert "222-13" not in heavy
    for incident in ("ITT-8", "ITT-0"):
        text = incident_text(pages["fr"], incident)
        assert "article 222-13, 7° du code pénal" in text and "222-12" not in text, incident
    assert "Article 222-12, 7° of the code pénal" in incident_text(pages["en"], "ITT-12")


def test_no_limitation_date_where_the_page_names_no_delit(tmp_path: Path) -> None:
    # « Prescription (délit) » dated insults or a private guard's blow as délits of three years;
    # an insult may be a press offence or a contravention, a private guard's violence without
    # aggravating circumstance a contravention, with far shorter periods: the date is printed
    # only for the délit the page names (code pénal 222-13 or 222-12).
    incidents = [
        incident_row(id="INS-1", date="2016-06-01", acts="insults or racist remarks"),
        incident_row(id="PRI-1", date="2016-06-02", forces="private security"),
        incident_row(id="VIO-1", date="2016-06-03"),
    ]
    with every_version_confirmed():
        pages = build(tmp_path, incidents)
    for incident in ("INS-1", "PRI-1"):
        assert "Prescription" not in incident_text(pages["fr"], incident), incident
        assert "Limitation" not in incident_text(pages["en"], incident), incident
    assert "Prescription (délit, indicative) 3 juin 2019" in incident_text(pages["fr"], "VIO-1")
    assert (
        "La date de prescription n'est indiquée que pour un incident dont la page cite un délit "
        "(article 222-13 ou 222-12 du code pénal)" in text_of(pages["fr"])
    )


# -- the fourth re-reading: versions that end --------------------------------------------------


def test_r515_9_is_not_cited_for_facts_since_l511_5_1(tmp_path: Path) -> None:
    # From 1 March 2017 (loi n° 2017-258) armed municipal officers may use their weapons in the
    # cases of L. 435-1, 1°: « only in self-defence » is no longer the law on their weapons, and
    # R. 515-9's later wording was not read.
    incidents = [
        incident_row(id="PM-16", date="2017-02-20", forces="municipal police",
                     acts="physical violence"),
        incident_row(id="PM-17", date="2017-03-02", forces="municipal police",
                     acts="physical violence"),
    ]  # fmt: skip
    pages = build(tmp_path, incidents, signed_on="2017-06-01")
    assert "R. 515-9" in incident_text(pages["fr"], "PM-16")
    later = incident_text(pages["fr"], "PM-17")
    assert "R. 515-9" not in later and "article 222-13, 7° du code pénal" in later.lower()


def test_l632_1_is_not_cited_after_the_cnaps_was_rewritten(tmp_path: Path) -> None:
    # Ordonnance n° 2022-448 (JORF of 31 March 2022) replaced L. 632-1 to L. 636-1; the new
    # wording was not read.
    incidents = [
        incident_row(id="PS-21", date="2022-03-01", forces="private security", acts="threats"),
        incident_row(id="PS-22", date="2022-04-02", forces="private security", acts="threats"),
    ]
    pages = build(tmp_path, incidents, signed_on="2022-06-01")
    assert "L. 632-1" in incident_text(pages["fr"], "PS-21")
    later = incident_text(pages["fr"], "PS-22")
    assert "L. 632-1" not in later and "R. 631-27" in later


def test_no_cpp_article_8_once_the_rewritten_code_may_apply(tmp_path: Path) -> None:
    # Ordonnance n° 2025-1091 renumbers the code de procédure pénale from 1 January 2029 at the
    # earliest: a dossier signed then cites no « article 8 » and prints no limitation date.
    incidents = [incident_row(id="LATE-1", date="2026-06-01")]
    before = build(tmp_path / "before", incidents, signed_on="2028-12-31")
    assert "Prescription (délit, indicative) 1er juin 2032 (article 8 du code" in incident_text(
        before["fr"], "LATE-1"
    )
    after = build(tmp_path / "after", incidents, signed_on="2029-01-02")
    text = incident_text(after["fr"], "LATE-1")
    assert "Prescription" not in text and "2032" not in text
    assert "code de procédure pénale" not in text_of(after["fr"])


def _plain(text: str) -> str:
    """Text as a reader sees it: one space between words, straight apostrophes, no hyphenation."""
    text = re.sub(r"-\n", "-", text.replace("\u2019", "'"))
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_the_extended_date_is_what_the_pdf_and_the_docx_print(tmp_path: Path) -> None:
    # The same statement in the files a group sends: the PDF (as pdftotext reads it) and the DOCX.
    data = write_input(
        tmp_path / "data", [incident_row(id="EVE-1", date="2020-03-11")], signed_on="2024-01-15"
    )
    build_dossiers(data, out=tmp_path / "out", langs=("fr",), formats=("pdf", "docx"))
    pdf, words = french_pdf_and_docx_words(tmp_path / "out")
    for text in (_plain(pdf), _plain(words)):
        assert "10 août 2026 (article 8 du code de procédure pénale" in text
        assert "délai prorogé de 152 jours" in text
        assert "n° 22-86.644" in text


# -- who the identity annex names ---------------------------------------------------------------


def test_the_complaint_promises_identities_only_of_those_who_agreed(tmp_path: Path) -> None:
    # A lawyer's review: « leur identité peut être communiquée au Défenseur des droits sur sa
    # demande » promised every identity, when the annex names only those who explicitly agreed
    # (consent under art. 8 is not enough) — 4 of 40 people in the sample.
    persons = [
        {"id": "P-1", "pseudonym": "Abel N.", "roles": "victim", "age": "30",
         "article 8 status": "consented", "legal name": "Zorvan Quillendt",
         "identity consent": "yes"},
        {"id": "P-2", "pseudonym": "Tom B.", "roles": "victim", "age": "30",
         "article 8 status": "consented", "legal name": "Yeldric Pomaranth"},
        {"id": "P-3", "pseudonym": "Sami K.", "roles": "witness", "identity consent": "yes"},
    ]  # fmt: skip
    incidents = [incident_row(id="ID-1", victim_ids="P-1; P-2", witness_ids="P-3")]
    with every_version_confirmed():
        pages = build(tmp_path / "some", incidents, persons=persons)
    assert (
        "Leur identité n'est communiquée au Défenseur des droits, sur sa demande et dans une "
        "annexe confidentielle séparée, que pour celles qui y ont expressément consenti : 1 sur "
        "les 3 personnes citées." in text_of(pages["fr"])
    )
    assert "only for those who explicitly agreed to it: 1 of the 3 people cited." in text_of(
        pages["en"]
    )
    assert "sur sa demande, dans une annexe" not in text_of(pages["fr"])
    nobody = [{**person, "identity consent": "no"} for person in persons]
    with every_version_confirmed():
        pages = build(tmp_path / "none", incidents, persons=nobody)
    assert (
        "que pour celles qui y ont expressément consenti, ce qu'aucune des personnes citées "
        in (text_of(pages["fr"]))
    )
    assert "which none of the people cited has done." in text_of(pages["en"])


def test_the_counting_convention_names_only_the_periods_of_the_law_at_signature(
    tmp_path: Path,
) -> None:
    # A lawyer's review: « trois ou six ans » in a dossier signed in 2016, when the six years of
    # law n° 2017-242 took effect on 1 March 2017; and « l'outil » where the association signs.
    incidents = [incident_row(id="CNV-1", date="2016-01-10")]
    for signed_on, fr, en in (
        ("2016-11-15", "de même date, trois ans plus tard", "same date three years later"),
        ("2018-01-15", "de même date, trois ou six ans plus tard", "three or six years later"),
    ):
        with every_version_confirmed():
            pages = build(tmp_path / signed_on, incidents, signed_on=signed_on)
        french, english = text_of(pages["fr"]), text_of(pages["en"])
        assert "Mode de calcul retenu : le jour des faits n'est pas compté" in french
        assert fr in french and en in english, signed_on
        assert "l'outil" not in french and "the tool" not in english


def test_a_deadline_from_an_approximate_date_is_approximate(tmp_path: Path) -> None:
    # A lawyer's review: « vers le 2 juillet 2014 » gave « 2 juillet 2017 », a day the period may
    # already have ended on if the facts were a few days earlier.
    incidents = [
        incident_row(id="APX-1", date="2016-01-10", date_precision="approximate"),
        incident_row(id="APX-2", date="2013-01-10", date_precision="approximate"),
        incident_row(id="EXA-1", date="2016-01-12"),
    ]
    with every_version_confirmed():
        pages = build(tmp_path, incidents)
    assert "Prescription (délit, indicative) vers le 10 janvier 2019, à défaut" in incident_text(
        pages["fr"], "APX-1"
    )
    assert "délai expiré vers le 10 janvier 2016, avant la date" in incident_text(
        pages["fr"], "APX-2"
    )
    assert "Prescription (délit, indicative) 12 janvier 2019, à défaut" in incident_text(
        pages["fr"], "EXA-1"
    )
    assert "around January 10, 2019" in incident_text(pages["en"], "APX-1")
    assert "period expired around January 10, 2016" in incident_text(pages["en"], "APX-2")


def test_the_victims_line_says_minor_once_and_in_plain_french(tmp_path: Path) -> None:
    # A lawyer's review: « Zabihullah M. (16 ans, mineur·e, afghan), dont des mineurs » — the
    # age already says it, the inclusive form jars, and « dont des mineurs » speaks of several.
    persons = [
        {"id": "P-1", "pseudonym": "Abel N.", "roles": "victim", "age": "16", "minor": "yes"},
        {"id": "P-2", "pseudonym": "Nour T.", "roles": "victim", "minor": "yes",
         "gender": "woman"},
        {"id": "P-3", "pseudonym": "Sami K.", "roles": "victim", "minor": "yes"},
        {"id": "P-4", "pseudonym": "Tom B.", "roles": "victim", "age": "30"},
    ]  # fmt: skip
    incidents = [
        incident_row(id="ONE-1", victim_ids="P-1", minors_involved="yes"),
        incident_row(id="AGE-1", victim_ids="P-2; P-3"),
        incident_row(id="GRP-1", victim_ids="P-1", victims_count="7", minors_involved="yes"),
        incident_row(id="ADU-1", victim_ids="P-4", minors_involved="yes"),
    ]
    with every_version_confirmed():
        pages = build(tmp_path, incidents, persons=persons)
    one = incident_text(pages["fr"], "ONE-1")
    assert "Victimes Abel N. (16 ans) " in one and "dont des mineurs" not in one
    assert "mineur·e" not in text_of(pages["fr"])
    assert "Nour T. (mineure) ; Sami K. (mineur)" in incident_text(pages["fr"], "AGE-1")
    assert "7 personnes au total, dont des mineurs" in incident_text(pages["fr"], "GRP-1")
    assert "Tom B. (30 ans), dont des mineurs" in incident_text(pages["fr"], "ADU-1")
    english = incident_text(pages["en"], "ONE-1")
    assert "Abel N. (16 years old)" in english and "including children" not in english
    assert "Sami K. (a minor)" in incident_text(pages["en"], "AGE-1")


def test_every_step_recorded_for_an_incident_is_on_its_page(tmp_path: Path) -> None:
    # A lawyer's review: a complaint to the prosecutor « en cours » was only in the table of
    # steps, not on the page of the incident it concerns.
    incidents = [incident_row(id="PEN-1", date="2016-09-28"), incident_row(id="DEC-1")]
    steps = [
        _step("PR-1", "PEN-1", "complaint to the prosecutor", "pending", "2016-10-05"),
        _step("PR-2", "DEC-1", "court action", "conviction", "2016-06-01"),
        _step("PR-3", "DEC-1", "IGPN report", "dismissed", "2016-07-01"),
    ]
    with every_version_confirmed():
        pages = build(tmp_path, incidents, proceedings=steps)
    assert (
        "Démarches plainte au procureur du 5 octobre 2016 (REF PR-1) : en cours."
        in incident_text(pages["fr"], "PEN-1")
    )
    decided = incident_text(pages["fr"], "DEC-1")
    assert (
        "Autres démarches signalement IGPN du 1er juillet 2016 (REF PR-3) : classée sans suite."
        in (decided)
    )
    assert "Autres démarches action en justice" not in decided
    assert "Steps taken complaint to the prosecutor of October 5, 2016 (REF PR-1): pending." in (
        incident_text(pages["en"], "PEN-1")
    )


def test_a_unit_named_like_its_force_is_not_repeated(tmp_path: Path) -> None:
    # A lawyer's review: « Forces présentes : CRS (CRS) ».
    incidents = [
        incident_row(id="CRS-1", forces="CRS", units="CRS"),
        incident_row(id="CRS-2", forces="CRS", units="CRS; CRS 8"),
    ]
    with every_version_confirmed():
        pages = build(tmp_path, incidents)
    assert "Forces présentes CRS Nombre" in incident_text(pages["fr"], "CRS-1")
    assert "Forces présentes CRS (CRS 8) " in incident_text(pages["fr"], "CRS-2")
