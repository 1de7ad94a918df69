"""Every computed sentence of the NGO report with zero, one and many, in French and English.

Each case writes a small workbook, builds the report's view and reads the sentence back from
the HTML both the PDF and the DOCX are made from (footnotes in brackets).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_build import incident_row
from test_report_layout import ORG
from test_report_testimony import PERSONS, text_of, view_of, write_data

from dossier.assemble.models import Audience


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
            "Les chiffres et graphiques comptent l’unique incident du registre, quel que soit son "
            "niveau de confidentialité. Cette édition publique ne peut en publier aucun : elle ne "
            "raconte aucun cas.",
        ),
        (
            ["public"],
            "Figures and charts count the only incident of the log, whatever its "
            "confidentiality level. This public edition may publish it.",
            "Les chiffres et graphiques comptent l’unique incident du registre, quel que soit son "
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
            "L’acte le plus souvent relevé est le suivant : gaz lacrymogène (2 incidents).",
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
