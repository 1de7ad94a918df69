"""Every computed sentence of the NGO report with zero, one and many, in French and English.

Each case writes a small workbook, builds the report's view and reads the sentence back from
the HTML both the PDF and the DOCX are made from (footnotes in brackets).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_build import incident_row
from test_report_layout import ORG
from test_report_testimony import PERSONS, load, text_of, view_of, write_data

from dossier.assemble.assembler import assemble
from dossier.assemble.models import Audience, Layout
from dossier.input.config import load_config


def gassing(ident: str, date: str, level: str = "public", **cells: str) -> dict[str, str]:
    given = {
        "commune": "Calais",
        "forces": "CRS",
        "acts": "tear gas",
        "summary_in_English": "Officers used tear gas.",
        "summary_in_French": "Des agents ont utilisé du gaz lacrymogène.",
        **cells,
    }
    return incident_row(id=ident, date=date, confidentiality=level, **given)


def proceeding(ident: str, incident: str, status: str) -> dict[str, str]:
    return {
        "id": ident,
        "incident id": incident,
        "type": "police complaint",
        "date": "2016-01-10",
        "authority": "Commissariat",
        "reference": "",
        "status": status,
        "response received": "",
    }


def report_text(folder: Path, lang: str, audience: Audience | None = None) -> str:
    return text_of(view_of(folder, lang, audience))


def build(tmp_path: Path, incidents: list[dict[str, str]], **sheets: list[dict[str, str]]) -> Path:
    return write_data(
        tmp_path, incidents=incidents, persons=PERSONS, interviews=[], quotes=[], **sheets
    )


# -- the summary: complaints and reports -------------------------------------------------------

TWO = [gassing("I-1", "2016-01-01"), gassing("I-2", "2016-01-05")]


@pytest.mark.parametrize(
    ("steps", "en", "fr"),
    [
        (
            [],
            "None of these incidents is known to have led to a complaint or a report to the "
            "authorities.",
            "Aucune plainte ni aucun signalement n'est connu pour ces incidents.",
        ),
        (
            [proceeding("PR-1", "I-1", "pending")],
            "The authorities received 1 complaint or report concerning 1 incident; where it "
            "stands: pending (1).",
            "Les autorités ont reçu 1 plainte ou signalement concernant 1 incident ; état de la "
            "démarche : en cours (1).",
        ),
        (
            [
                proceeding("PR-1", "I-1", "pending"),
                proceeding("PR-2", "I-1", "dismissed"),
                proceeding("PR-3", "I-2", "pending"),
            ],
            "The authorities received 3 complaints or reports concerning 2 incidents; where they "
            "stand: pending (2), dismissed (1).",
            "Les autorités ont reçu 3 plaintes ou signalements concernant 2 incidents ; état des "
            "démarches : en cours (2), classée sans suite (1).",
        ),
    ],
    ids=["zero", "one", "many"],
)
def test_complaints_are_counted_with_the_incidents_they_concern(
    tmp_path: Path, steps: list[dict[str, str]], en: str, fr: str
) -> None:
    folder = build(tmp_path, TWO, proceedings=steps)
    assert en in report_text(folder, "en")
    assert fr in report_text(folder, "fr")


# -- a chapter: what this edition tells of it, and why not -------------------------------------


@pytest.mark.parametrize(
    ("incidents", "en", "fr"),
    [
        (
            [
                gassing("I-1", "2016-01-01", "restricted"),
                gassing("I-2", "2016-01-05", "restricted"),
            ],
            "None of these 2 incidents can be told in this public edition: their confidentiality "
            "level does not allow publication. They are counted in the figures above.",
            "Aucun de ces 2 incidents ne peut être présenté dans cette édition publique : le "
            "niveau de confidentialité ne permet pas la publication. Ils sont comptés dans les "
            "chiffres ci-dessus.",
        ),
        (
            [gassing("I-1", "2016-01-01", "restricted")],
            "This incident cannot be told in this public edition: its confidentiality level does "
            "not allow publication. It is counted in the figures above.",
            "Cet incident ne peut pas être présenté dans cette édition publique : le niveau de "
            "confidentialité ne permet pas la publication. Il est compté dans les chiffres "
            "ci-dessus.",
        ),
        (
            [gassing("I-1", "2016-01-01")],
            "This edition tells it below.",
            "Cette édition le présente ci-dessous.",
        ),
        (
            [gassing("I-1", "2016-01-01"), gassing("I-2", "2016-01-05")],
            "This edition tells all 2 of them below.",
            "Cette édition les présente tous les 2 ci-dessous.",
        ),
        (
            [gassing("I-1", "2016-01-01"), gassing("I-2", "2016-01-05", "restricted")],
            "This edition tells 1 of them below; the other one is counted here but not published.",
            "Cette édition en présente 1 ci-dessous ; l'autre est compté ici mais n'est pas "
            "publié.",
        ),
        (
            [
                gassing("I-1", "2016-01-01"),
                gassing("I-2", "2016-01-05", "restricted"),
                gassing("I-3", "2016-01-07", "confidential"),
            ],
            "This edition tells 1 of them below; the other 2 are counted here but not published.",
            "Cette édition en présente 1 ci-dessous ; les 2 autres sont comptés ici mais ne sont "
            "pas publiés.",
        ),
    ],
    ids=[
        "none-of-many",
        "none-of-one",
        "one-of-one",
        "all-of-many",
        "one-withheld",
        "many-withheld",
    ],
)
def test_a_chapter_says_what_it_tells(
    tmp_path: Path, incidents: list[dict[str, str]], en: str, fr: str
) -> None:
    folder = build(tmp_path, incidents)
    english, french = report_text(folder, "en"), report_text(folder, "fr")
    assert en in english
    assert fr in french
    for wrong in ("tells 0", "0 below", "0 in earlier", "présente 0", "0 ci-dessous"):
        assert wrong not in english and wrong not in french


def test_a_chapter_whose_cases_are_told_earlier_says_where(tmp_path: Path) -> None:
    # Tear gas and a threat: told in the tear gas chapter, listed in the degrading treatment one.
    folder = build(tmp_path, [gassing("I-1", "2016-01-01", acts="tear gas; threats")])
    assert "This edition tells it, in an earlier chapter (linked below)." in report_text(
        folder, "en"
    )
    assert "Cette édition le présente, dans un chapitre précédent (liens ci-dessous)." in (
        report_text(folder, "fr")
    )


# -- the children chapter counts children -----------------------------------------------------


@pytest.mark.parametrize(
    ("victims", "minors", "en", "fr"),
    [
        ("P-001", "yes", "1 child", "1 enfant"),
        ("P-002", "", "1 child", "1 enfant"),
        ("P-002; P-004", "", "2 children", "2 enfants"),
    ],
    ids=["one-unrecorded", "one-recorded", "many"],
)
def test_the_children_chapter_counts_children_not_everyone(
    tmp_path: Path, victims: str, minors: str, en: str, fr: str
) -> None:
    persons = [
        *PERSONS,
        {**PERSONS[1], "id": "P-004", "pseudonym": "Kidane T.", "age": "15"},
    ]
    incident = gassing("I-1", "2016-01-01", victim_ids=victims, number_of_victims="40")
    incident["minors involved"] = minors
    folder = write_data(tmp_path, incidents=[incident], persons=persons, interviews=[], quotes=[])
    english = report_text(folder, "en")
    children = english[english.index("recorded 1 incident involving children") :]
    # The chapter opens with the children it concerns; one incident is "it".
    assert f"It concerns at least {en}, among at least 40 people." in children
    french = report_text(folder, "fr")
    assert f"Il concerne au moins {fr}, parmi au moins 40 personnes." in french


def test_no_children_chapter_without_children(tmp_path: Path) -> None:
    folder = build(tmp_path, [gassing("I-1", "2016-01-01", victim_ids="P-001")])
    assert "involving children" not in report_text(folder, "en")


# -- what the edition tells of the whole log ----------------------------------------------------


@pytest.mark.parametrize(
    ("levels", "en", "fr"),
    [
        (
            ["restricted", "restricted"],
            "None of the 2 incidents recorded may be published in this public edition: it tells "
            "no case, but every figure and chart of this report counts them all",
            "Aucun des 2 incidents enregistrés ne peut être publié dans cette édition publique : "
            "elle ne raconte aucun cas, mais tous les chiffres et graphiques de ce rapport les "
            "comptent",
        ),
        (
            ["public", "restricted"],
            "This public edition tells 1 incident of the 2 recorded. The other may not be "
            "published, but every figure and chart of this report counts it",
            "Cette édition publique présente 1 incident sur les 2 enregistrés. L'autre ne peut "
            "être publié, mais tous les chiffres et graphiques de ce rapport le comptent",
        ),
        (
            ["public", "restricted", "restricted"],
            "This public edition tells 1 incident of the 3 recorded. The others may not be "
            "published, but every figure and chart of this report counts them",
            "Cette édition publique présente 1 incident sur les 3 enregistrés. Les autres ne "
            "peuvent être publiés, mais tous les chiffres et graphiques de ce rapport les comptent",
        ),
    ],
    ids=["zero", "one-left-out", "many-left-out"],
)
def test_the_summary_says_what_the_edition_tells(
    tmp_path: Path, levels: list[str], en: str, fr: str
) -> None:
    incidents = [gassing(f"I-{n}", f"2016-01-0{n}", level) for n, level in enumerate(levels, 1)]
    folder = build(tmp_path, incidents)
    assert en in report_text(folder, "en")
    assert fr in report_text(folder, "fr")


@pytest.mark.parametrize(
    ("levels", "en", "fr"),
    [
        (
            ["restricted"],
            "Figures and charts count the only incident of the log, whatever its "
            "confidentiality level. This public edition may publish none of them: it tells no "
            "case.",
            "Les chiffres et graphiques comptent l'unique incident du registre, quel que soit son "
            "niveau de confidentialité. Cette édition publique ne peut en publier aucun : elle ne "
            "raconte aucun cas.",
        ),
        (
            ["public"],
            "Figures and charts count the only incident of the log, whatever its "
            "confidentiality level. This public edition may publish it.",
            "Les chiffres et graphiques comptent l'unique incident du registre, quel que soit son "
            "niveau de confidentialité. Cette édition publique peut le publier.",
        ),
        (
            ["public", "public", "restricted"],
            "Figures and charts count all 3 incidents of the log, whatever their confidentiality "
            "level. Case narratives are told only for the 2 incidents that this public edition "
            "may publish.",
            "Les chiffres et graphiques comptent les 3 incidents du registre, quel que soit leur "
            "niveau de confidentialité. Les récits ne portent que sur les 2 incidents que cette "
            "édition publique peut publier.",
        ),
    ],
    ids=["zero", "one", "many"],
)
def test_the_methodology_says_what_the_edition_counts(
    tmp_path: Path, levels: list[str], en: str, fr: str
) -> None:
    incidents = [gassing(f"I-{n}", f"2016-01-0{n}", level) for n, level in enumerate(levels, 1)]
    folder = build(tmp_path, incidents)
    assert en in report_text(folder, "en")
    assert fr in report_text(folder, "fr")


def test_the_org_is_named_in_the_sentences(tmp_path: Path) -> None:
    folder = build(tmp_path, TWO)
    assert f"{ORG} recorded 2 incidents in which officers used tear gas" in report_text(
        folder, "en"
    )


# -- charts: what they count -----------------------------------------------------------------


def test_the_rio_chart_counts_only_forces_bound_to_wear_one(tmp_path: Path) -> None:
    incidents = [
        gassing("I-1", "2016-01-01", forces="CRS; private security", rio_visible="no"),
        gassing("I-2", "2016-01-02", forces="private security", rio_visible="no"),
        gassing("I-3", "2016-01-03", forces="customs", rio_visible="no"),
    ]
    view = view_of(build(tmp_path, incidents), "en")
    assert view.report is not None
    (rio,) = [c for c in view.report.chapters if c.code == "rio"]
    # Guards and customs officers carry no RIO: their incidents are not "RIO not worn".
    assert rio.recorded.incidents == 1
    assert rio.chart is not None
    assert [bar.label for bar in rio.chart.bars] == ["CRS riot police"]
    assert view.report.totals.rio_not_visible == 1
    text = report_text(tmp_path, "en")
    assert (
        "Identification number (RIO) not worn: incidents by force bound to wear a RIO (national "
        "police, CRS, PAF, gendarmerie). Only the forces bound to wear a RIO (article R. 434-15 "
        "of the Internal Security Code) are counted; municipal police, customs and private "
        "security guards carry none."
    ) in text
    assert "An incident is counted under each force present: the bars add up to more than" in text
    french = report_text(tmp_path, "fr")
    assert "Seules les forces tenues de porter le RIO" in french


# -- the methodology: people and interviews -----------------------------------------------------


@pytest.mark.parametrize(
    ("count", "en", "fr"),
    [
        (
            0,
            f"The log records no interview; the incidents rest on the accounts and exhibits "
            f"gathered by {ORG}.",
            "Le registre ne mentionne aucun entretien ; les incidents reposent sur les récits",
        ),
        (1, f"{ORG} interviewed 1 person ", f"{ORG} a interrogé 1 personne "),
        (
            3,
            f"{ORG} interviewed 2 people in 3 interviews ",
            f"{ORG} a interrogé 2 personnes au cours de 3 entretiens ",
        ),
    ],
    ids=["zero", "one", "many"],
)
def test_the_methodology_counts_people_and_interviews(
    tmp_path: Path, count: int, en: str, fr: str
) -> None:
    from test_report_testimony import INCIDENTS, INTERVIEWS

    folder = write_data(
        tmp_path, incidents=INCIDENTS, persons=PERSONS, interviews=INTERVIEWS[:count], quotes=[]
    )
    english, french = report_text(folder, "en"), report_text(folder, "fr")
    assert en in english
    assert fr in french
    assert "in 1 interview" not in english and "au cours de 1 entretien" not in french


# -- the summary: the acts recorded most often ---------------------------------------------------


@pytest.mark.parametrize(
    ("acts", "en", "fr"),
    [
        (["other", "other"], None, None),
        (
            ["tear gas", "tear gas; other"],
            "The act recorded most often was tear gas or pepper spray (2 incidents).",
            "L'acte le plus souvent relevé est le suivant : gaz lacrymogène (2 incidents).",
        ),
        (
            ["tear gas; threats", "tear gas; other", "tear gas; threats; insults"],
            "The acts recorded most often were tear gas or pepper spray (3 incidents), threats "
            "(2 incidents), and insults or racist remarks (1 incident).",
            "Les actes les plus souvent relevés sont les suivants : gaz lacrymogène (3 incidents), "
            "menaces (2 incidents) et insultes ou propos racistes (1 incident).",
        ),
    ],
    ids=["zero", "one", "many"],
)
def test_the_summary_names_the_acts_recorded_most_often_never_other(
    tmp_path: Path, acts: list[str], en: str | None, fr: str | None
) -> None:
    incidents = [gassing(f"I-{n}", f"2016-01-0{n}", acts=value) for n, value in enumerate(acts, 1)]
    folder = build(tmp_path, incidents)
    english, french = report_text(folder, "en"), report_text(folder, "fr")
    summary_en = english[english.index("of violence and abuse") : english.index("This report is")]
    summary_fr = french[french.index("de violences et") : french.index("Ce rapport repose")]
    if en is None:
        assert "most often" not in summary_en
        assert "plus souvent" not in summary_fr
    else:
        assert en in summary_en
        assert fr in summary_fr
    # "Other" is no act a summary leads with.
    assert "other (" not in summary_en and "autre (" not in summary_fr


# -- charts: one "other" bar ----------------------------------------------------------------------


def test_a_chart_has_one_other_bar(tmp_path: Path) -> None:
    # The vocabulary's "other" (I-1, public) and an act that only a withheld incident holds
    # (I-2: the small-cell rule folds "police dog") are one bar, not two that read the same.
    incidents = [
        gassing("I-1", "2016-01-01", acts="tear gas; other"),
        gassing("I-2", "2016-01-02", "restricted", acts="tear gas; police dog"),
    ]
    for lang, other in (("en", "other"), ("fr", "autres")):
        view = view_of(build(tmp_path, incidents), lang)
        assert view.report is not None
        (acts,) = [chart for chart in view.report.overview if chart.key == "acts"]
        labels = [bar.label for bar in acts.bars]
        assert labels.count(other) == 1, labels
        assert [(bar.label, bar.value, bar.shown) for bar in acts.bars][-1] == (other, 2, 1)
        assert not any(label in ("other", "autre", "autres") for label in labels[:-1])


# -- the findings' opening sentence ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("incidents", "en", "fr"),
    [
        (
            [gassing("I-1", "2016-01-01")],
            "The log does not record how many people the only incident recorded, on January 1, "
            "2016, concerned.",
            "Le registre ne dit pas combien de personnes l'unique incident enregistré, le "
            "1er janvier 2016, a concernées.",
        ),
        (
            [gassing("I-1", "2016-01-01", number_of_victims="3", minors_involved="yes")],
            "The only incident recorded, on January 1, 2016, concerns at least 3 people; minors "
            "were involved in it.",
            "L'unique incident enregistré, le 1er janvier 2016, concerne au moins 3 personnes ; "
            "des mineurs étaient concernés par cet incident.",
        ),
        (
            [
                gassing("I-1", "2016-01-01", number_of_victims="3"),
                gassing("I-2", "2016-01-05", number_of_victims="2", minors_involved="yes"),
            ],
            "The 2 incidents recorded between January 1, 2016 and January 5, 2016 concern at "
            "least 5 people; minors were involved in 1 incident.",
            "Les 2 incidents enregistrés du 1er janvier 2016 au 5 janvier 2016 concernent au "
            "moins 5 personnes ; des mineurs étaient concernés lors de 1 incident.",
        ),
    ],
    ids=["zero-victims", "one", "many"],
)
def test_the_findings_open_with_the_people_concerned(
    tmp_path: Path, incidents: list[dict[str, str]], en: str, fr: str
) -> None:
    folder = build(tmp_path, incidents)
    english, french = report_text(folder, "en"), report_text(folder, "fr")
    assert en in english
    assert fr.replace("'", "’") in french.replace("'", "’")
    assert "at least 0" not in english and "au moins 0" not in french


# -- the summary: victims, children, RIO, certificates -------------------------------------------


@pytest.mark.parametrize(
    ("incidents", "en", "fr"),
    [
        ([gassing("I-1", "2016-01-01")], [], []),
        (
            [
                gassing(
                    "I-1",
                    "2016-01-01",
                    number_of_victims="1",
                    minors_involved="yes",
                    rio_visible="no",
                    medical_certificate="yes",
                    itt_days="1",
                )
            ],
            [
                "At least 1 person was a victim, and 1 incident involved children.",
                "In 1 incident, officers did not visibly wear the identification number (RIO) "
                "the law requires of them.",
                "Victims obtained a medical certificate after 1 incident, for a total of 1 day "
                "of total incapacity for work (ITT).",
            ],
            [
                "Au moins 1 personne en a été victime, et 1 incident impliquait des enfants.",
                "Lors de 1 incident, les agents ne portaient pas de façon visible le numéro "
                "d'identification (RIO) que la loi leur impose.",
                "Un certificat médical a été délivré à la suite de 1 incident, pour un total de "
                "1 jour d'incapacité totale de travail (ITT).",
            ],
        ),
        (
            [
                gassing(
                    "I-1",
                    "2016-01-01",
                    number_of_victims="4",
                    minors_involved="yes",
                    rio_visible="no",
                    medical_certificate="yes",
                    itt_days="3",
                ),
                gassing(
                    "I-2",
                    "2016-01-05",
                    number_of_victims="2",
                    minors_involved="yes",
                    rio_visible="no",
                    medical_certificate="yes",
                    itt_days="2",
                ),
            ],
            [
                "At least 6 people were victims, and 2 incidents involved children.",
                "In 2 incidents, officers did not visibly wear",
                "Victims obtained a medical certificate after 2 incidents, for a total of 5 days "
                "of total incapacity for work (ITT).",
            ],
            [
                "Au moins 6 personnes en ont été victimes, et 2 incidents impliquaient des "
                "enfants.",
                "Lors de 2 incidents, les agents ne portaient pas de façon visible",
                "Un certificat médical a été délivré à la suite de 2 incidents, pour un total de "
                "5 jours d'incapacité totale de travail (ITT).",
            ],
        ),
    ],
    ids=["zero", "one", "many"],
)
def test_the_summary_counts_victims_children_rio_and_certificates(
    tmp_path: Path, incidents: list[dict[str, str]], en: list[str], fr: list[str]
) -> None:
    folder = build(tmp_path, incidents)
    english = report_text(folder, "en").replace("’", "'")
    french = report_text(folder, "fr").replace("’", "'")
    summary_en = english[english.index("of violence and abuse") : english.index("This report is")]
    summary_fr = french[french.index("de violences et") : french.index("Ce rapport repose")]
    for sentence in en:
        assert sentence in summary_en
    for sentence in fr:
        assert sentence in summary_fr
    if not en:
        for absent in ("At least", "RIO", "medical certificate", "children"):
            assert absent not in summary_en
        for absent in ("Au moins", "RIO", "certificat médical", "enfants"):
            assert absent not in summary_fr


# -- the methodology: exhibits and interpreters ---------------------------------------------------


def web_capture(ident: str) -> dict[str, str]:
    return {
        "id": ident,
        "incident ids": "I-1",
        "kind": "web capture" if ident != "E-3" else "photo",
        "description in French": "Capture",
        "description in English": "Capture",
        "file": "",
        "URL": f"https://example.org/{ident}",
        "SHA-256": ident[-1] * 64,
        "captured at": "2016-01-02 10:00",
        "captured by": "C. D.",
        "custody notes": "",
        "confidentiality": "public",
    }


@pytest.mark.parametrize(
    ("exhibits", "en", "fr"),
    [
        (
            [],
            f"{ORG} holds no exhibit (photograph, video, medical certificate or document) for "
            "these incidents: they rest on the accounts it gathered.",
            f"{ORG} ne détient aucune pièce (photographie, vidéo, certificat médical ou "
            "document) pour ces incidents : ils reposent sur les récits recueillis.",
        ),
        (
            ["E-1"],
            f"{ORG} holds 1 exhibit: web capture (1). The file is fingerprinted with SHA-256 "
            "when it is collected; the original is kept untouched, the work is done on copies "
            "and every transfer is recorded. This edition cites 1 exhibit; Annex III lists it "
            "with its fingerprint,",
            f"{ORG} détient 1 pièce : capture de page web (1). L'empreinte SHA-256 de ce fichier "
            "est calculée dès sa collecte ; l'original est conservé sans modification, le travail "
            "se fait sur des copies et chaque transfert est consigné. Cette édition cite "
            "1 pièce ; l'annexe III donne son empreinte,",
        ),
        (
            ["E-1", "E-2", "E-3"],
            f"{ORG} holds 3 exhibits: web capture (2), photograph (1). Each file is "
            "fingerprinted with SHA-256",
            f"{ORG} détient 3 pièces : capture de page web (2), photographie (1). L'empreinte "
            "SHA-256 de chaque fichier",
        ),
    ],
    ids=["zero", "one", "many"],
)
def test_the_methodology_says_what_exhibits_are_held(
    tmp_path: Path, exhibits: list[str], en: str, fr: str
) -> None:
    incident = gassing("I-1", "2016-01-01", evidence_ids="; ".join(exhibits))
    folder = build(tmp_path, [incident], evidence=[web_capture(e) for e in exhibits])
    english = report_text(folder, "en").replace("’", "'")
    french = report_text(folder, "fr").replace("’", "'")
    assert en in english
    assert fr.replace(f"{ORG} ", f"L'{ORG} ", 1) in french
    assert "0 exhibits" not in english and "0 pièce" not in french


@pytest.mark.parametrize(
    ("interpreted", "en", "fr"),
    [
        ("", "no one spoke through an interpreter.", "aucune ne s'est exprimée avec l'aide"),
        ("1", "1 person spoke through an interpreter.", "1 personne s'est exprimée avec l'aide"),
        ("2", "2 people spoke through an interpreter.", "2 personnes se sont exprimées avec"),
    ],
    ids=["zero", "one", "many"],
)
def test_the_methodology_counts_who_spoke_through_an_interpreter(
    tmp_path: Path, interpreted: str, en: str, fr: str
) -> None:
    from test_report_testimony import INCIDENTS, INTERVIEWS

    # One interview each for the two people interviewed.
    interviews = [
        {**row, "language": "Tigrinya", "interpreter": "yes" if n < int(interpreted or 0) else ""}
        for n, row in enumerate(row for row in INTERVIEWS if row["id"] != "INT-2")
    ]
    folder = write_data(
        tmp_path, incidents=INCIDENTS, persons=PERSONS, interviews=interviews, quotes=[]
    )
    assert en in report_text(folder, "en")
    assert fr in report_text(folder, "fr").replace("’", "'")


# -- the authorities' response: letters -----------------------------------------------------------


@pytest.mark.parametrize(
    ("replies", "en", "fr"),
    [
        ([], None, None),
        (
            [""],
            "also wrote 1 letter to the authorities about the incidents of this report; it has "
            "received no reply (Annex V).",
            "a également adressé 1 courrier aux autorités au sujet des incidents de ce rapport ; "
            "il est resté sans réponse (annexe V).",
        ),
        (
            ["2016-02-01"],
            "also wrote 1 letter to the authorities about the incidents of this report; it was "
            "answered (Annex V).",
            "a également adressé 1 courrier aux autorités au sujet des incidents de ce rapport ; "
            "il a reçu une réponse (annexe V).",
        ),
        (
            ["", ""],
            "also wrote 2 letters to the authorities about the incidents of this report; none "
            "has received a reply (Annex V).",
            "; tous sont restés sans réponse (annexe V).",
        ),
        (
            ["2016-02-01", "2016-02-02"],
            "also wrote 2 letters to the authorities about the incidents of this report; all "
            "were answered (Annex V).",
            "; tous ont reçu une réponse (annexe V).",
        ),
    ],
    ids=["zero", "one-unanswered", "one-answered", "many-unanswered", "many-answered"],
)
def test_the_response_counts_the_letters_and_their_replies(
    tmp_path: Path, replies: list[str], en: str | None, fr: str | None
) -> None:
    from test_report_parts import letter

    letters = [
        letter(f"L-{n}", "2016-01-20", "Préfet", "I-1", reply_date=reply)
        for n, reply in enumerate(replies, 1)
    ]
    folder = build(tmp_path, TWO, correspondence=letters)
    english, french = report_text(folder, "en"), report_text(folder, "fr")
    if en is None or fr is None:
        assert "also wrote" not in english and "a également adressé" not in french
        return
    assert en in english
    assert fr in french


# -- the response's figures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("steps", "en", "fr"),
    [
        (
            [],
            "No complaint or report is recorded for these incidents.",
            "Aucune plainte ni aucun signalement n'est enregistré pour ces incidents.",
        ),
        (
            [proceeding("PR-1", "I-1", "pending")],
            "1 incident of the 2 recorded led to 1 complaint or report: complaint to the police "
            "or gendarmerie (1). Where they stand: pending (1).",
            "1 incident sur les 2 enregistrés a donné lieu à 1 plainte ou signalement : plainte "
            "(police ou gendarmerie) (1). État des démarches : en cours (1).",
        ),
        (
            [
                proceeding("PR-1", "I-1", "pending"),
                proceeding("PR-2", "I-2", "dismissed"),
                proceeding("PR-3", "I-2", "pending"),
            ],
            "2 incidents of the 2 recorded led to 3 complaints or reports: complaint to the police "
            "or gendarmerie (3). Where they stand: pending (2), dismissed (1).",
            "2 incidents sur les 2 enregistrés ont donné lieu à 3 plaintes ou signalements : "
            "plainte (police ou gendarmerie) (3). État des démarches : en cours (2), classée sans "
            "suite (1).",
        ),
    ],
    ids=["zero", "one", "many"],
)
def test_the_response_counts_complaints_by_type_and_status(
    tmp_path: Path, steps: list[dict[str, str]], en: str, fr: str
) -> None:
    folder = build(tmp_path, TWO, proceedings=steps)
    assert en in report_text(folder, "en")
    assert fr in report_text(folder, "fr").replace("’", "'")


# -- captions: what a chart or the map leaves out ---------------------------------------------


@pytest.mark.parametrize(
    ("year_only", "en", "fr"),
    [
        (0, None, None),
        (1, "1 incident dated only by the year is not in this chart.", "1 incident daté seulement"),
        (2, "2 incidents dated only by the year are not in this chart.", "2 incidents datés"),
    ],
    ids=["zero", "one", "many"],
)
def test_the_timeline_caption_counts_what_it_leaves_out(
    tmp_path: Path, year_only: int, en: str | None, fr: str | None
) -> None:
    incidents = [gassing("I-1", "2016-01-01")] + [
        gassing(f"Y-{n}", "2015", date_precision="year") for n in range(year_only)
    ]
    folder = build(tmp_path, incidents)
    english, french = report_text(folder, "en"), report_text(folder, "fr")
    if en is None or fr is None:
        assert "dated only by the year" not in english
        assert "seulement par l" not in french
        return
    assert en in english
    assert fr in french


@pytest.mark.parametrize(
    ("unplaced", "en", "fr"),
    [
        (0, None, None),
        (
            1,
            "1 incident in other places or without coordinates is not on it.",
            "1 incident situé ailleurs ou sans coordonnées n'y figure pas.",
        ),
        (
            2,
            "2 incidents in other places or without coordinates are not on it.",
            "2 incidents situés ailleurs ou sans coordonnées n'y figurent pas.",
        ),
    ],
    ids=["zero", "one", "many"],
)
def test_the_map_caption_counts_what_it_leaves_out(
    tmp_path: Path, unplaced: int, en: str | None, fr: str | None
) -> None:
    placed = gassing("I-1", "2016-01-01", latitude="50.95", longitude="1.86")
    incidents = [placed] + [
        gassing(f"U-{n}", f"2016-01-0{n + 2}", commune="Grande-Synthe") for n in range(unplaced)
    ]
    folder = build(tmp_path, incidents)
    english, french = report_text(folder, "en"), report_text(folder, "fr").replace("’", "'")
    assert "Map 1. Incidents recorded by commune." in english
    if en is None or fr is None:
        assert "not on it" not in english and "n'y figur" not in french
        return
    assert en in english
    assert fr in french


# -- a chapter's opening: people, children, certificates, RIO -------------------------------------


def hurt(ident: str, date: str) -> dict[str, str]:
    return gassing(
        ident,
        date,
        number_of_victims="2",
        minors_involved="yes",
        medical_certificate="yes",
        itt_days="3",
        rio_visible="no",
    )


@pytest.mark.parametrize(
    ("incidents", "en", "fr"),
    [
        ([gassing("I-1", "2016-01-01")], [], []),
        (
            [hurt("I-1", "2016-01-01")],
            [
                "It concerns at least 2 people; children were among them. A medical certificate "
                "was issued after 1 incident (3 days of ITT in all). Officers wore no visible RIO "
                "number in 1 incident."
            ],
            [
                "Il concerne au moins 2 personnes ; des enfants en faisaient partie. Un certificat "
                "médical a été délivré à la suite de 1 incident (3 jours d'ITT au total). Les "
                "agents ne portaient pas de RIO visible lors de 1 incident."
            ],
        ),
        (
            [hurt("I-1", "2016-01-01"), hurt("I-2", "2016-01-05")],
            [
                "They concern at least 4 people; 2 incidents involved children. A medical "
                "certificate was issued after 2 incidents (6 days of ITT in all). Officers wore no "
                "visible RIO number in 2 incidents."
            ],
            [
                "Ils concernent au moins 4 personnes ; 2 incidents impliquaient des enfants. Un "
                "certificat médical a été délivré à la suite de 2 incidents (6 jours d'ITT au "
                "total). Les agents ne portaient pas de RIO visible lors de 2 incidents."
            ],
        ),
    ],
    ids=["zero", "one", "many"],
)
def test_a_chapter_opens_with_people_children_certificates_and_rio(
    tmp_path: Path, incidents: list[dict[str, str]], en: list[str], fr: list[str]
) -> None:
    folder = build(tmp_path, incidents)
    english = report_text(folder, "en")
    french = report_text(folder, "fr").replace("’", "'")
    start = english.index("in which officers used tear gas")
    chapter_en = english[start : english.index("Forces present: CRS", start)]
    start = french.index("au cours desquels des agents ont fait usage de gaz")
    chapter_fr = french[start : french.index("Forces présentes : CRS", start)]
    for sentence in en:
        assert sentence in chapter_en
    for sentence in fr:
        assert sentence in chapter_fr
    if not en:
        assert "concern" not in chapter_en and "RIO" not in chapter_en
        assert "concerne" not in chapter_fr and "RIO" not in chapter_fr


def test_other_comes_last_in_a_list_of_counts(tmp_path: Path) -> None:
    # Three statuses only withheld incidents hold are folded into "other", with the status
    # "other" itself (4 in all), which still comes after the one status the edition may name.
    incidents = [gassing("I-1", "2016-01-01")] + [
        gassing(f"R-{n}", f"2016-01-0{n + 2}", "restricted") for n in range(3)
    ]
    steps = [proceeding("PR-1", "I-1", "pending"), proceeding("PR-2", "I-1", "other")] + [
        proceeding(f"PR-R{n}", f"R-{n}", status)
        for n, status in enumerate(["dismissed", "investigation opened", "no response"])
    ]
    folder = build(tmp_path, incidents, proceedings=steps)
    assert "where they stand: pending (1), other (4)." in report_text(folder, "en")
    assert "état des démarches : en cours (1), autres (4)." in report_text(folder, "fr")


def test_the_berkeley_protocol_is_cited_only_after_it_was_published(tmp_path: Path) -> None:
    # A lawyer's review: a report dated 2016 said its exhibits were handled « selon le protocole
    # de Berkeley », published on 1 December 2020 (humanrights.berkeley.edu).
    incident = gassing("I-1", "2016-01-01", evidence_ids="E-1")
    folder = build(tmp_path, [incident], evidence=[web_capture("E-1")])
    dataset, config = load(folder), load_config(folder / "dossier.toml")
    for day, cited in ((dt.date(2020, 11, 30), False), (dt.date(2020, 12, 1), True)):
        for lang, words in (("fr", "protocole de Berkeley"), ("en", "Berkeley Protocol")):
            view = assemble(dataset, config, layout=Layout.report, lang=lang, signed_on=day)
            assert (words in text_of(view)) is cited, (day, lang)
