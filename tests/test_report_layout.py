"""The NGO report layout (`--layout report`), read back as its readers meet it: PDF, DOCX, HTML.

Every figure the tests expect is recomputed here from the rows written to the workbook, not
taken from the code under test.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import io
import re
import tomllib
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from helpers import run_cli, write_csv
from lxml import etree
from PIL import Image
from test_build import EPOCH, Pdf, flat, incident_row, normalise, squash

from dossier.assemble import charts
from dossier.assemble.assembler import assemble
from dossier.assemble.models import DEFAULT_AUDIENCE, Audience, DossierView, Layout
from dossier.assemble.ngo_report import CATEGORIES
from dossier.assemble.people import describe_person, person_about
from dossier.build.pipeline import BuildResult, build_dossiers
from dossier.commands.templates_check import check_templates
from dossier.commands.worst_case import worst_case_config, worst_case_dataset
from dossier.input.config import STARTER_CONFIG, Config, ConfigError, load_config
from dossier.schema import vocab
from dossier.schema.records import Person
from dossier.validate.rows import load_and_validate

ORG = "Observatoire du littoral (test)"

CONFIG = f"""\
[organisation]
name = "{ORG}"
name_article = "l’"
legal_form = {{ fr = "association loi 1901", en = "non-profit association" }}
address = "1 rue de l'Exemple\\n62100 Calais"
email = "contact@example.org"

[signatory]
name = "Camille Signataire"
quality = {{ fr = "présidente", en = "chair" }}
place = "Calais"

[dossier]
reference = "OBS-DDD-2016-01"

[dossier.title]
fr = "Violences à Calais"
en = "Violence in Calais"

[report]
title = {{ fr = "« Ils nous gazent »", en = "“They Gas Us”" }}
subtitle = {{ fr = "Violences policières sur le littoral", en = "Police violence on the coast" }}
reference = "OBS-RAPPORT-2016"
month = "2016-11"

[report.epigraph]
person = "P-001"
[report.epigraph.quote]
fr = "Ils ont gazé les tentes pendant que nous dormions."
en = "They gassed the tents while we were sleeping."
"""

# All fictional. Interview fields decide the methodology figures; publication consent decides
# who is named.
PERSONS = [
    {
        "id": "P-001",
        "pseudonym": "Abel N.",
        "roles": "victim",
        "age": "24",
        "minor": "no",
        "gender": "man",
        "nationality": "Eritrean",
        "legal name": "Yonas Tesfamariam Berhe",
        "contact": "+33 6 12 34 56 78",
        "article 8 status": "consented",
        "publication consent": "anonymised",
        "interview date": "2015-06-30",
        "interview place": "Calais",
        "interview mode": "individual",
        "interview language": "Tigrinya",
        "interpreter": "yes",
    },
    {
        "id": "P-002",
        "pseudonym": "Clara M.",
        "roles": "witness; observer",
        "age": "38",
        "minor": "no",
        "gender": "woman",
        "nationality": "French",
        "legal name": "Clarisse Moreau-Vasseur",
        "contact": "clarisse.mv@example.net",
        "article 8 status": "",
        "publication consent": "anonymised",
        "interview date": "2015-06-30",
        "interview place": "Calais",
        "interview mode": "individual",
        "interview language": "French",
        "interpreter": "no",
    },
    {
        "id": "P-003",
        "pseudonym": "Refusing R.",
        "roles": "victim",
        "age": "31",
        "minor": "no",
        "gender": "man",
        "nationality": "Sudanese",
        "legal name": "Haidar Osman Elfadil",
        "contact": "WhatsApp +44 7700 900123",
        "article 8 status": "refused",
        "publication consent": "anonymised",
        "interview date": "2015-09-02",
        "interview place": "Calais",
        "interview mode": "individual",
        "interview language": "Arabic",
        "interpreter": "yes",
    },
    {
        "id": "P-004",
        "pseudonym": "Samir K.",
        "roles": "victim",
        "age": "16",
        "minor": "yes",
        "gender": "man",
        "nationality": "Afghan",
        "legal name": "Samiullah Karimzada",
        "contact": "samir.k.2000@example.com",
        "article 8 status": "unreachable",
        "publication consent": "none",
        "interview date": "2016-01-13",
        "interview place": "Grande-Synthe",
        "interview mode": "group",
        "interview language": "Pashto",
        "interpreter": "yes",
    },
    {
        "id": "P-005",
        "pseudonym": "Hana T.",
        "roles": "victim",
        "age": "",
        "minor": "",
        "gender": "woman",
        "nationality": "Sudanese",
        "legal name": "Hanadi Tawfiq Osman",
        "contact": "hana.t@example.org",
        "article 8 status": "consented",
        "publication consent": "none",
        "interview date": "2015-07-05",
        "interview place": "Calais",
        "interview mode": "telephone",
        "interview language": "Arabic",
        "interpreter": "yes",
    },
    {
        "id": "P-006",
        "pseudonym": "Yosef B.",
        "roles": "victim",
        "age": "19",
        "minor": "no",
        "gender": "man",
        "nationality": "Eritrean",
        "legal name": "Yosief Berhane Ghebre",
        "contact": "+33 6 98 76 54 32",
        "article 8 status": "informed, did not object",
        "publication consent": "anonymised",
        "interview date": "2016-01-13",
        "interview place": "Grande-Synthe",
        "interview mode": "group",
        "interview language": "Tigrinya",
        "interpreter": "yes",
    },
    {
        "id": "P-007",
        "pseudonym": "Dawit G.",
        "roles": "victim",
        "age": "35",
        "minor": "no",
        "gender": "man",
        "nationality": "Ethiopian",
        "legal name": "Dawit Gebremedhin Alemu",
        "contact": "dawit.g@example.com",
        "article 8 status": "consented",
        "publication consent": "anonymised",
        "interview date": "2016-02-03",
        "interview place": "Calais",
        "interview mode": "telephone",
        "interview language": "Amharic",
        "interpreter": "no",
    },
    {
        "id": "P-008",
        "pseudonym": "Lina S.",
        "roles": "observer",
        "age": "27",
        "minor": "no",
        "gender": "woman",
        "nationality": "French",
        "legal name": "Linette Saint-Amour",
        "contact": "lina.s@example.net",
        "article 8 status": "",
        "publication consent": "anonymised",
        "interview date": "",
        "interview place": "",
        "interview mode": "",
        "interview language": "",
        "interpreter": "",
    },
]
SECRETS = [p[key] for p in PERSONS for key in ("legal name", "contact")]
UNNAMED = ["Samir K.", "Hana T."]  # publication consent "none"
REFUSED = ["Refusing R."]  # art. 8 refusal
# Text only incidents this public edition must not tell.
HIDDEN = {
    "CAL-2015-0043": "HIDDEN-RESTRICTED-STATION",
    "CAL-2015-0050": "HIDDEN-ART8-BATON",
    "CAL-2016-0010": "HIDDEN-CONFIDENTIAL-PHONE",
    "DK-2016-0002": "HIDDEN-RESTRICTED-QUAY",
}

INCIDENTS = [
    incident_row(
        id="CAL-2015-0042",
        date="2015-06-30",
        time="22:15",
        commune="Calais",
        place="rue des Garennes",
        location_type="camp",
        latitude="50.951345",
        longitude="1.858712",
        context="eviction",
        forces="CRS; national police",
        number_of_officers="12",
        rio_visible="no",
        acts="tear gas; belongings destroyed; eviction",
        number_of_victims="3",
        minors_involved="no",
        injuries="irritation des yeux",
        medical_certificate="yes",
        itt_days="2",
        belongings_affected="tent:3; sleeping bag:2",
        summary_in_French="Les CRS ont gazé le campement à l'aube et lacéré trois tentes.",
        summary_in_English="CRS officers gassed the camp at dawn and slashed three tents.",
        victim_ids="P-001",
        witness_ids="P-002",
        evidence_ids="E-001",
        violation_status="confirmed",
        confidentiality="public",
    ),
    incident_row(
        id="CAL-2015-0043",
        date="2015-07",
        date_precision="month",
        commune="Calais",
        forces="border police",
        acts="identity check; arrest",
        number_of_victims="1",
        summary_in_English=f"{HIDDEN['CAL-2015-0043']} Hana T. was checked at the station.",
        victim_ids="P-005",
        confidentiality="restricted",
    ),
    incident_row(
        id="GS-2016-0001",
        date="2016-01-12",
        commune="Grande-Synthe",
        context="food distribution",
        forces="gendarmerie",
        acts="tear gas; physical violence; obstruction of aid",
        number_of_victims="2",
        minors_involved="yes",
        summary_in_French="Samir K. a reçu un coup de matraque ; Yosef B. l'a aidé à se relever.",
        summary_in_English="Samir K. was hit with a baton; Yosef B. helped him up.",
        victim_ids="P-004; P-006",
        evidence_ids="E-003",
        confidentiality="public",
    ),
    incident_row(
        id="CAL-2015-0050",
        date="2015-09-01",
        commune="Calais",
        forces="CRS",
        acts="physical violence",
        summary_in_French=HIDDEN["CAL-2015-0050"],
        victim_ids="P-003",
        confidentiality="public",
    ),
    incident_row(
        id="CAL-2015-0060",
        date="2015-07-04",
        commune="Calais",
        forces="CRS",
        acts="physical violence; threats",
        number_of_victims="1",
        summary_in_French="Une femme a été poussée à terre par des agents.",
        summary_in_English="A woman was pushed to the ground by officers.",
        victim_ids="P-005",
        confidentiality="public",
    ),
    incident_row(
        id="CAL-2016-0010",
        date="2016-02-01",
        commune="Calais",
        forces="CRS",
        acts="belongings seized; identity check",
        belongings_affected="phone:1",
        summary_in_English=HIDDEN["CAL-2016-0010"],
        victim_ids="P-007",
        evidence_ids="E-002",
        confidentiality="confidential",
    ),
    incident_row(
        id="DK-2016-0002",
        date="2016-03-05",
        commune="Dunkerque",
        forces="CRS",
        rio_visible="no",
        acts="tear gas",
        number_of_victims="4",
        minors_involved="yes",
        summary_in_English=HIDDEN["DK-2016-0002"],
        confidentiality="restricted",
    ),
]
PUBLIC_SHOWN = ["CAL-2015-0042", "CAL-2015-0060", "GS-2016-0001"]


def write_report_dataset(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "incidents.csv", INCIDENTS)
    write_csv(folder / "persons.csv", PERSONS)
    evidence = folder / "evidence"
    evidence.mkdir(exist_ok=True)
    (evidence / "certificate-001.txt").write_text("certificat médical, ITT 2 jours\n")
    (evidence / "baton.txt").write_text("photo de la matraque\n")
    rows = [
        ("E-001", "CAL-2015-0042", "medical certificate", "certificate-001.txt", "public"),
        ("E-002", "CAL-2016-0010", "photo", "", "confidential"),
        ("E-003", "GS-2016-0001", "photo", "baton.txt", "public"),
    ]
    write_csv(
        folder / "evidence.csv",
        [
            {
                "id": ident,
                "incident ids": incident,
                "kind": kind,
                "description in French": f"Pièce {ident}",
                "description in English": f"Exhibit {ident}",
                "file": file,
                "URL": "" if file else "https://example.org/hidden-capture",
                "SHA-256": "" if file else "c" * 64,
                "captured at": "2016-01-12 20:00",
                "captured by": "C. D.",
                "custody notes": "",
                "confidentiality": level,
            }
            for ident, incident, kind, file, level in rows
        ],
    )
    write_csv(
        folder / "proceedings.csv",
        [
            {
                "id": "PR-001",
                "incident id": "CAL-2015-0042",
                "type": "police complaint",
                "date": "2015-07-02",
                "authority": "Commissariat de Calais",
                "reference": "2015/00123",
                "status": "pending",
                "response received": "",
            },
            {
                "id": "PR-002",
                "incident id": "DK-2016-0002",
                "type": "IGPN report",
                "date": "2016-03-20",
                "authority": "IGPN",
                "reference": "IGPN-2016-77",
                "status": "no response",
                "response received": "",
            },
        ],
    )
    (folder / "dossier.toml").write_text(CONFIG, encoding="utf-8")
    return folder


# -- independent counts ----------------------------------------------------------------------------


def interviewed() -> list[dict[str, str]]:
    return [p for p in PERSONS if p["interview date"] or p["interview mode"]]


def expected_methodology() -> dict[str, int]:
    people = interviewed()
    minors = [p for p in people if p["minor"] == "yes" or (p["age"] and int(p["age"]) < 18)]
    adults = [p for p in people if p not in minors and p["age"]]
    modes = Counter(p["interview mode"] for p in people)
    return {
        "interviewed": len(people),
        "victims": sum(1 for p in people if "victim" in p["roles"]),
        "witnesses": sum(1 for p in people if "victim" not in p["roles"]),
        "adults": len(adults),
        "children": len(minors),
        "age_unknown": len(people) - len(adults) - len(minors),
        "women": sum(1 for p in people if p["gender"] == "woman"),
        "men": sum(1 for p in people if p["gender"] == "man"),
        "individual": modes["individual"],
        "group": modes["group"],
        "group_sessions": len(
            {
                (p["interview date"], p["interview place"])
                for p in people
                if p["interview mode"] == "group"
            }
        ),
        "telephone": modes["telephone"],
        "interpreter": sum(1 for p in people if p["interpreter"] == "yes"),
        "pseudonym": sum(1 for p in people if p["publication consent"] != "none"),
        "unnamed": sum(1 for p in people if p["publication consent"] == "none"),
    }


def incidents_with(*acts: str) -> list[dict[str, str]]:
    return [row for row in INCIDENTS if set(acts) & {a.strip() for a in row["acts"].split(";")}]


def people(n: int) -> str:
    return f"{n} person" if n == 1 else f"{n} people"


# -- the shared build ------------------------------------------------------------------------------


@dataclass
class Report:
    data: Path
    out: Path
    result: BuildResult
    fr: Pdf
    en: Pdf

    def html(self, lang: str) -> str:
        return (self.out / f"report-{lang}.html").read_text(encoding="utf-8")

    def docx_path(self, lang: str) -> Path:
        return self.out / f"report-{lang}.docx"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    root = tmp_path_factory.mktemp("report")
    data = write_report_dataset(root / "data")
    out = root / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = build_dossiers(data, layouts=("report",), formats=("pdf", "docx", "html"), out=out)
    return Report(
        data, out, result, Pdf.open(out / "report-fr.pdf"), Pdf.open(out / "report-en.pdf")
    )


def body_text(pdf: Pdf) -> str:
    """The flattened text after the table of contents (whose lines repeat every heading)."""
    return flat("\n".join(pdf.pages[pdf.toc_pages()[-1] + 1 :]))


CHAPTERS = {  # chapter code → (French title, English title), in the report's order
    "tear_gas": ("Gaz lacrymogène", "Tear gas and pepper spray"),
    "physical_violence": (
        "Violences physiques : coups, tirs de LBD et de grenades, chiens",
        "Physical violence: beatings, rubber bullets and grenades, dogs",
    ),
    "degrading_treatment": (
        "Insultes, menaces et traitements dégradants",
        "Insults, threats and degrading treatment",
    ),
    "belongings": ("Biens détruits ou confisqués", "Belongings destroyed or seized"),
    "evictions": ("Expulsions et refoulements", "Evictions and pushbacks"),
    "checks_arrests": (
        "Contrôles, fouilles, interpellations et rétention",
        "Identity checks, searches, arrests and detention",
    ),
    "care_complaints": (
        "Refus de soins et refus de plainte",
        "Denial of care and refused complaints",
    ),
    "children": ("Enfants", "Children"),
    "aid_observers": (
        "Entraves à l'aide humanitaire et aux observateurs",
        "Obstruction of humanitarian aid and of observers",
    ),
    "rio": ("Numéro d'identification (RIO) non porté", "Identification number (RIO) not worn"),
}


def chapters_present() -> list[str]:
    """Chapters the data calls for, worked out from the rows: categories of acts present."""
    acts = {a.strip() for row in INCIDENTS for a in row["acts"].split(";")}
    groups = {
        "tear_gas": {"tear gas"},
        "physical_violence": {"physical violence"},
        "degrading_treatment": {"threats"},
        "belongings": {"belongings destroyed", "belongings seized"},
        "evictions": {"eviction"},
        "checks_arrests": {"identity check", "arrest"},
        "care_complaints": {"denial of care", "complaint refused"},
        "aid_observers": {"obstruction of aid"},
    }
    present = [code for code, names in groups.items() if names & acts]
    if any(row["minors involved"] == "yes" for row in INCIDENTS):
        present.append("children")
    if any(row["RIO visible"] == "no" for row in INCIDENTS):
        present.append("rio")
    return [code for code in CHAPTERS if code in present]


SECTIONS = {
    "fr": [
        "Résumé",
        "Principales recommandations",
        "Méthodologie",
        "Contexte",
        "Les constats en chiffres",
        "@chapters",
        "Normes juridiques applicables",
        "La réponse des autorités",
        "Recommandations",
        "Annexe I : les incidents présentés dans ce rapport",
        "Annexe II : glossaire français-anglais",
        "Annexe III : pièces et empreintes numériques",
        "Annexe IV : les chiffres des graphiques",
    ],
    "en": [
        "Summary",
        "Key recommendations",
        "Methodology",
        "Background",
        "Findings in figures",
        "@chapters",
        "Legal standards",
        "The authorities' response",
        "Recommendations",
        "Annex I: the incidents told in this report",
        "Annex II: French–English glossary",
        "Annex III: exhibits and their fingerprints",
        "Annex IV: the numbers behind the charts",
    ],
}


def outline(lang: str) -> list[str]:
    index = 0 if lang == "fr" else 1
    titles: list[str] = []
    for item in SECTIONS[lang]:
        if item == "@chapters":
            titles += [CHAPTERS[code][index] for code in chapters_present()]
        else:
            titles.append(item)
    # The titles are printed with typographic apostrophes (dossier/i18n/typography.py).
    return [title.replace("'", "’") for title in titles]


# -- structure -------------------------------------------------------------------------------------


def test_report_defaults_to_the_public_audience() -> None:
    assert DEFAULT_AUDIENCE[Layout.report] == Audience.public


@pytest.mark.slow
def test_build_names_the_outputs_after_the_layout(report: Report) -> None:
    names = sorted(path.name for path in report.out.iterdir())
    assert names == [
        "manifest.json",
        "report-en.docx",
        "report-en.html",
        "report-en.pdf",
        "report-fr.docx",
        "report-fr.html",
        "report-fr.pdf",
    ]
    pdfs = [o for o in report.result.outputs if o.format == "pdf"]
    assert [(o.lang, o.audience, o.incidents) for o in pdfs] == [
        ("fr", "public", len(PUBLIC_SHOWN)),
        ("en", "public", len(PUBLIC_SHOWN)),
    ]
    assert pdfs[0].left_out == {"art8_refused": 1, "confidentiality": 3}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_section_in_order(report: Report, lang: str) -> None:
    pdf: Pdf = getattr(report, lang)
    text = flat(pdf.text)
    # Cover: title, subtitle, organisation, month and year; then the contents.
    cover = flat(pdf.pages[0])
    title, subtitle, month = {
        "fr": ("« Ils nous gazent »", "Violences policières sur le littoral", "Novembre 2016"),
        "en": ("“They Gas Us”", "Police violence on the coast", "November 2016"),
    }[lang]
    for part in (title, subtitle, ORG, month):
        assert part in cover, part
    assert ("Sommaire" if lang == "fr" else "Contents") in flat(pdf.pages[1])
    expected = outline(lang)
    # Each heading on lines of its own, each after the one before.
    body = "\n".join(pdf.pages[pdf.toc_pages()[-1] + 1 :])
    cursor, missing = 0, []
    for heading in expected:
        words = r"\s+".join(re.escape(word) for word in heading.split())
        match = re.compile(r"(?:^|\n)" + words + r"[ \t]*\n").search(body, cursor)
        if match is None:
            missing.append(heading)
        else:
            cursor = match.end()
    assert missing == []
    # The table of contents lists the same top-level sections.
    toc = [title for title, _ in pdf.toc()]
    assert [t for t in toc if t in expected] == expected
    # Chapters with no incident are not there.
    for code, titles in CHAPTERS.items():
        if code not in chapters_present():
            assert titles[0 if lang == "fr" else 1] not in text


@pytest.mark.slow
def test_recommendations_are_grouped_by_addressee(report: Report) -> None:
    text = body_text(report.en)
    start = text.find("Recommendations")
    section = text[start : text.find("Methodology", start)]
    for addressee in (
        "To the Minister of the Interior",
        "To the Prefects of the Pas-de-Calais and Nord départements",
        "To the public prosecutors of Boulogne-sur-Mer and Dunkirk",
    ):
        assert addressee in section
    assert "RIO" in section and "R. 434-18" in section


# -- figures ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_methodology_figures_match_the_data(report: Report) -> None:
    m = expected_methodology()
    text = body_text(report.en)
    assert m == {
        "interviewed": 7,
        "victims": 6,
        "witnesses": 1,
        "adults": 5,
        "children": 1,
        "age_unknown": 1,
        "women": 2,
        "men": 5,
        "individual": 3,
        "group": 2,
        "group_sessions": 1,
        "telephone": 2,
        "interpreter": 5,
        "pseudonym": 5,
        "unnamed": 2,
    }, "the test data changed: update the literal"
    dates = sorted(p["interview date"] for p in interviewed())
    places = sorted({p["interview place"] for p in interviewed()})
    # A group interview is one interview, however many people it heard.
    sessions = m["individual"] + m["group_sessions"] + m["telephone"]
    assert (
        f"{ORG} interviewed {people(m['interviewed'])} in {sessions} interviews between June 30, "
        "2015 and February 3, 2016 "
        f"in {' and '.join(places)}: {m['victims']} victims and {m['witnesses']} witness or "
        "observer." in text
    ), dates
    assert (
        f"They are {m['adults']} adults and {m['children']} child (under 18); the age of "
        f"{people(m['age_unknown'])} was not recorded; {m['women']} women and {m['men']} men."
        in text
    )
    assert (
        f"{people(m['individual'])} individually, {people(m['group'])} in "
        f"{m['group_sessions']} group interview, and {people(m['telephone'])} by telephone were "
        "interviewed." in text
    )
    languages = Counter(p["interview language"] for p in interviewed())
    # The small-cell rule: Amharic is spoken only by someone this public edition does not show,
    # and by fewer than three people, so it is counted under "other", not named.
    assert languages["Amharic"] == 1
    del languages["Amharic"]
    listed = ", ".join(
        f"{name} ({n})" for name, n in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    assert (
        f"Interviews were held in {listed}, other (1); {people(m['interpreter'])} spoke through an "
        "interpreter." in text
    )
    assert (
        f"{people(m['pseudonym'])} agreed to be cited under a pseudonym; "
        f"{people(m['unnamed'])} did not wish to appear even under a pseudonym" in text
    )
    assert "All names of people interviewed in this report are pseudonyms." in text
    assert "fingerprinted with SHA-256" in text
    assert "No one was paid or offered anything in return for an interview." in text
    assert "coordinates are rounded to about one kilometre" in text
    assert (
        f"holds {len(INCIDENTS)} incidents" in text or f"records {len(INCIDENTS)} incidents" in text
    )


@pytest.mark.slow
def test_methodology_figures_in_french(report: Report) -> None:
    m = expected_methodology()
    text = body_text(report.fr)
    assert (
        f"L’{ORG} a interrogé {m['interviewed']} personnes au cours de "
        f"{m['individual'] + m['group_sessions'] + m['telephone']} entretiens du 30 juin 2015 au "
        "3 février 2016 "
        "à Calais et Grande-Synthe" in text
    )
    assert f"{m['adults']} adultes et {m['children']} enfant (moins de 18 ans)" in text
    assert f"{m['women']} femmes et {m['men']} hommes" in text
    assert (
        f"{m['individual']} personnes en entretien individuel, {m['group']} personnes en "
        f"{m['group_sessions']} entretien collectif et {m['telephone']} personnes par téléphone"
        in text
    )
    # Languages typed in English in the workbook are named in French.
    # Amharic only withheld people speak: « autres » (the small-cell rule).
    assert "arabe (2), tigrigna (2), français (1), pachto (1), autres (1)" in text
    assert f"{m['interpreter']} personnes se sont exprimées avec l’aide d’un interprète" in text
    assert (
        "Tous les noms des personnes interrogées figurant dans ce rapport sont des pseudonymes."
        in text
    )
    assert "Aucune personne n’a été rémunérée" in text


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_left_out_incidents_count_in_the_figures_and_are_said(report: Report, lang: str) -> None:
    text = body_text(getattr(report, lang))
    total = len(INCIDENTS)
    shown = [row for row in INCIDENTS if row["id"] in PUBLIC_SHOWN]
    by_level = sum(1 for row in INCIDENTS if row["confidentiality"] != "public")
    refused = total - len(shown) - by_level
    if lang == "en":
        assert f"recorded {total} incidents of violence and abuse" in text
        assert (
            f"The log kept by {ORG} holds {total} incidents; {total - len(shown)} are not told in "
            "this edition:" in text
        )
        assert (
            f"{by_level} incidents: their confidentiality level does not allow this edition to "
            "publish them." in text
        )
        assert f"{refused} incident: every victim objected to a complaint being filed" in text
        assert (
            f"Figures and charts count all {total} incidents of the log, whatever their "
            f"confidentiality level. Case narratives are told only for the {len(shown)} "
            "incidents that this public edition may publish." in text
        )
    else:
        assert f"a enregistré {total} incidents de violences et d’abus" in text
        assert (
            f"Le registre tenu par l’{ORG} compte {total} incidents ; {total - len(shown)} ne sont "
            "pas racontés dans cette édition :" in text
        )
        assert (
            f"{by_level} incidents : leur niveau de confidentialité ne permet pas de les publier"
            in text
        )
        assert f"{refused} incident : toutes les victimes se sont opposées" in text


@pytest.mark.slow
def test_chapter_figures_count_every_recorded_incident(report: Report) -> None:
    text = body_text(report.en)
    gas = incidents_with("tear gas")
    told = [row for row in gas if row["id"] in PUBLIC_SHOWN]
    chapter = text[text.find("Tear gas and pepper spray") :]
    assert chapter.startswith(
        f"Tear gas and pepper spray {ORG} recorded {len(gas)} incidents in which officers used "
        "tear gas or pepper spray"
    )
    withheld = len(gas) - len(told)
    other = "the other one is" if withheld == 1 else f"the other {withheld} are"
    # The first chapter tells all its cases itself: below.
    assert (
        f"This edition tells {len(told)} of them below; {other} counted here but not published."
        in chapter
    )
    victims = sum(int(row["number of victims"] or 0) for row in gas)
    assert f"They concern at least {victims} people" in chapter
    violence = incidents_with("physical violence")
    assert f"recorded {len(violence)} incidents of physical violence" in text


@pytest.mark.slow
def test_narratives_only_for_shown_incidents(report: Report) -> None:
    for lang in ("fr", "en"):
        pdf: Pdf = getattr(report, lang)
        text = squash(pdf.text)
        for ident, marker in HIDDEN.items():
            assert squash(marker) not in text, (lang, marker)
            assert ident not in text, (lang, ident)
        for ident in PUBLIC_SHOWN:
            assert ident in text  # cited as the log entry in a footnote
    text = body_text(report.en)
    assert "CRS officers gassed the camp at dawn and slashed three tents." in text
    # Coordinates are rounded in a public edition.
    assert "50.95, 1.86" in text
    assert "50.951345" not in text and "1.858712" not in text


# -- citations, epigraph, privacy ------------------------------------------------------------------


@pytest.mark.slow
def test_epigraph_follows_the_pattern(report: Report) -> None:
    en = flat(report.en.text)
    fr = flat(report.fr.text)
    assert "“They gassed the tents while we were sleeping.”" in en
    assert "—Abel N., 24-year-old Eritrean man, Calais, June 2015" in en
    assert "« Ils ont gazé les tentes pendant que nous dormions. »" in fr
    assert "—Abel N., Érythréen de 24 ans, Calais, juin 2015" in fr
    # The epigraph opens the summary, before its first paragraph.
    body = body_text(report.en)
    # The last incident is withheld from this edition: the period is given in years.
    assert body.find("Summary") < body.find("—Abel N.") < body.find("Between 2015 and 2016")


@pytest.mark.slow
def test_footnotes_cite_sources_in_the_conventional_pattern(report: Report) -> None:
    en = squash(report.en.text)
    fr = squash(report.fr.text)
    sha = hashlib.sha256((report.data / "evidence" / "certificate-001.txt").read_bytes())
    for expected in (
        f"{ORG} interview with Abel N., Calais, June 30, 2015.",
        f"{ORG} interview with Clara M., Calais, June 30, 2015.",
        f"{ORG} group interview with a 16-year-old boy and Yosef B., Grande-Synthe, "
        "January 13, 2016.",
        f"{ORG} telephone interview with a woman, Calais, July 5, 2015.",
        f"Exhibit no. 1 (medical certificate), SHA-256 fingerprint {sha.hexdigest()}.",
        f"{ORG} incident log, entry CAL-2015-0042.",
    ):
        assert squash(expected) in en, expected
    for expected in (
        f"Entretien de l’{ORG} avec Abel N., Calais, 30 juin 2015.",
        f"Entretien collectif de l’{ORG} avec un garçon de 16 ans et Yosef B., Grande-Synthe, "
        "13 janvier 2016.",
        f"Entretien téléphonique de l’{ORG} avec une femme, Calais, 5 juillet 2015.",
        f"Pièce n° 1 (certificat médical), empreinte SHA-256 {sha.hexdigest()}.",
    ):
        assert squash(expected) in fr, expected
    # They are footnotes: at the foot of the page of their call, numbered.
    page = next(text for text in report.en.pages if "interview with Abel N." in text)
    assert re.search(r"(?m)^\d+\. " + re.escape(ORG) + " interview with Abel N.", page)


@pytest.mark.slow
def test_people_who_refused_publication_are_described_never_named(report: Report) -> None:
    places = {
        "fr.pdf": report.fr.text,
        "en.pdf": report.en.text,
        "fr.html": report.html("fr"),
        "en.html": report.html("en"),
    }
    for lang in ("fr", "en"):
        with zipfile.ZipFile(report.docx_path(lang)) as package:
            places[f"{lang}.docx"] = "".join(
                package.read(name).decode("utf-8")
                for name in package.namelist()
                if name.endswith(".xml")
            )
    named = [
        (where, name)
        for where, text in places.items()
        for name in UNNAMED + REFUSED
        if name in text
    ]
    assert named == []
    # Their accounts still tell what happened, with a description instead of the pseudonym.
    assert "A 16-year-old boy was hit with a baton; Yosef B. helped him up." in body_text(report.en)
    assert "Un garçon de 16 ans a reçu un coup de matraque" in body_text(report.fr)
    assert "a woman, victim" in body_text(report.en)


@pytest.mark.slow
def test_no_legal_name_or_contact_anywhere(report: Report) -> None:
    texts = {path.name: path.read_bytes() for path in report.out.iterdir()}
    readable = {
        "fr.pdf": report.fr.text,
        "en.pdf": report.en.text,
        "manifest": texts["manifest.json"].decode("utf-8"),
        "fr.html": report.html("fr"),
        "en.html": report.html("en"),
    }
    for lang in ("fr", "en"):
        readable[f"{lang}.docx"] = "\n".join(
            p.text for p in docx.Document(str(report.docx_path(lang))).paragraphs
        )
        with zipfile.ZipFile(report.docx_path(lang)) as package:
            readable[f"{lang}.docx footnotes"] = package.read("word/footnotes.xml").decode()
    leaks = [
        (where, secret)
        for where, text in readable.items()
        for secret in SECRETS
        if squash(secret).casefold() in squash(text).casefold()
    ]
    assert leaks == []
    # The confidential exhibit (its URL, its fingerprint) stays out too.
    assert all("hidden-capture" not in text and "c" * 64 not in text for text in readable.values())


# -- charts ----------------------------------------------------------------------------------------


def chart_images(page_html: str) -> list[bytes]:
    found = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page_html)
    return [base64.b64decode(item) for item in found]


@pytest.mark.slow
def test_charts_are_images_in_every_format(report: Report) -> None:
    for lang in ("fr", "en"):
        images = chart_images(report.html(lang))
        # Six overview charts (every one has data here) and one per chapter.
        assert len(images) == 6 + len(chapters_present())
        for png in images:
            with Image.open(io.BytesIO(png)) as picture:
                assert picture.format == "PNG"
                assert picture.width == charts.WIDTH
                assert picture.info.get("dpi") == pytest.approx((charts.DPI, charts.DPI), abs=0.01)
        pdf: Pdf = getattr(report, lang)
        # WeasyPrint stores an image once however often it is drawn, and shares it between
        # pages: compare the distinct image objects with the distinct charts, by size.
        in_pdf: dict[int, tuple[int, int]] = {}
        for page in pdf.reader.pages:
            resources: Any = page.get("/Resources") or {}
            for ref in (resources.get("/XObject") or {}).values():
                image = ref.get_object()
                if image.get("/Subtype") == "/Image":
                    in_pdf[ref.idnum] = (int(image["/Width"]), int(image["/Height"]))
        in_html = []
        for png in set(images):
            with Image.open(io.BytesIO(png)) as picture:
                in_html.append(picture.size)
        assert sorted(in_pdf.values()) == sorted(in_html)
        with zipfile.ZipFile(report.docx_path(lang)) as package:
            media = {package.read(n) for n in package.namelist() if n.startswith("word/media/")}
            drawings = package.read("word/document.xml").count(b"<w:drawing>")
        # The same PNG bytes, once each; besides them, the map: its SVG and the PNG Word shows
        # where it cannot read an SVG.
        assert set(images) <= media
        extra = media - set(images)
        assert sorted(blob[:4] for blob in extra) == [b"<svg", b"\x89PNG"]
        assert drawings == len(images) + 1
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", report.html("en"))
    # The map opens the findings, then the charts.
    assert captions[0].startswith("Map 1. Incidents recorded by commune.")
    assert captions[1].startswith(
        "Figure 1. Incidents recorded per month. Each incident is counted once, in the month it "
        "happened."
    )
    alts = re.findall(r'alt="([^"]*)"', report.html("en"))
    assert html.unescape(alts[0]).startswith("Map of the Channel coast, incidents recorded by")
    assert html.unescape(alts[3]).startswith(
        "Incidents by security force present. CRS riot police: "
    )


@pytest.mark.slow
def test_chart_numbers_are_in_the_annex(report: Report) -> None:
    text = body_text(report.en)
    annex = text[text.find("Annex IV: the numbers behind the charts") :]
    communes = Counter(row["commune"] for row in INCIDENTS)
    shown = Counter(row["commune"] for row in INCIDENTS if row["id"] in PUBLIC_SHOWN)
    for commune, n in communes.items():
        if shown[commune] == 0 and n < 3:
            # Only withheld incidents happened there: counted under "other places", not named.
            assert commune not in annex
            assert f"other places {n} 0 {n}" in annex
        else:
            assert f"{commune} {n} {shown[commune]} {n - shown[commune]}" in annex


def test_charts_are_deterministic_and_follow_the_data() -> None:
    bars = (charts.Bar("gaz lacrymogène", 12, 5), charts.Bar("violences physiques", 7, 7))
    legend = ("présentés dans ce rapport", "non publiés")
    first = charts.horizontal_bars(bars, lang="fr", legend=legend)
    assert first == charts.horizontal_bars(bars, lang="fr", legend=legend)
    assert first.startswith(b"\x89PNG")
    assert first != charts.horizontal_bars(bars[:1], lang="fr", legend=legend)
    timeline = charts.vertical_bars(
        [charts.Bar(f"m{n}", n % 4, n % 2) for n in range(30)], lang="en", legend=legend
    )
    assert timeline == charts.vertical_bars(
        [charts.Bar(f"m{n}", n % 4, n % 2) for n in range(30)], lang="en", legend=legend
    )
    # Text chunks would carry software names or times: none.
    assert b"tEXt" not in first and b"tIME" not in first


def test_chart_font_comes_from_fontconfig() -> None:
    found = charts.font_file()
    assert found is not None and Path(found).is_file()


# -- DOCX ------------------------------------------------------------------------------------------


def html_headings(page_html: str) -> list[str]:
    """Text of every h1 and h2 after the cover, as the template wrote them."""
    body = page_html.split("</section>", 1)[1]  # after the cover
    found = re.findall(r"<h([12])[^>]*>(.*?)</h\1>", body, flags=re.DOTALL)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split()) for _, text in found]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_docx_has_the_same_headings_and_real_footnotes(report: Report, lang: str) -> None:
    document = docx.Document(str(report.docx_path(lang)))
    headings = [
        " ".join(p.text.split())
        for p in document.paragraphs
        if p.style is not None and p.style.name in ("Heading 1", "Heading 2", "TOC Heading")
    ]
    assert headings == html_headings(report.html(lang))
    with zipfile.ZipFile(report.docx_path(lang)) as package:
        notes = package.read("word/footnotes.xml").decode("utf-8")
        body = package.read("word/document.xml").decode("utf-8")
    calls = report.html(lang).count('<span class="footnote">')
    assert calls == len(PUBLIC_SHOWN)  # one source note per case told
    assert body.count("<w:footnoteReference ") == calls
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    texts = [
        normalise("".join(t.text or "" for t in note.iter(f"{w}t"))).strip()
        for note in etree.fromstring(notes.encode("utf-8")).iter(f"{w}footnote")
        if int(note.get(f"{w}id", "0")) > 0
    ]
    assert len(texts) == calls
    expected = (
        f"{ORG} interview with Abel N., Calais, June 30, 2015."
        if lang == "en"
        else f"Entretien de l’{ORG} avec Abel N., Calais, 30 juin 2015."
    )
    assert any(text.startswith(expected) for text in texts), texts


# -- reproducibility -------------------------------------------------------------------------------


@pytest.mark.slow
def test_same_input_same_bytes(
    report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = build_dossiers(
        report.data, layouts=("report",), formats=("pdf", "docx", "html"), out=tmp_path / "again"
    )
    different = [
        output.path.name
        for output in again.outputs
        if output.path.read_bytes() != (report.out / output.path.name).read_bytes()
    ]
    assert different == []


# -- the view model, editions, templates, config ---------------------------------------------------


def view(audience: Audience | None = None, lang: str = "en") -> DossierView:
    return assemble(
        worst_case_dataset(),
        worst_case_config(),
        layout=Layout.report,
        audience=audience,
        lang=lang,
        signed_on=dt.date(2016, 11, 15),
    )


def test_every_act_but_other_has_a_chapter() -> None:
    covered = {act for category in CATEGORIES for act in category.acts}
    assert set(vocab.ACT.codes) - covered == {"other"}


def test_an_edition_that_leaves_nothing_out_draws_no_hatching() -> None:
    full = view(Audience.ddd)
    assert full.report is not None
    assert full.left_out_total == 0 and not full.report.split
    assert all(chart.legend is None for chart in full.report.charts)
    public = view()
    assert public.report is not None and public.report.split
    assert public.report.totals.incidents == len(worst_case_dataset().incidents)
    assert public.figures.incidents < public.report.totals.incidents


def test_the_ddd_layout_has_no_report_part_and_keeps_pseudonyms() -> None:
    ddd = assemble(
        worst_case_dataset(),
        worst_case_config(),
        layout=Layout.ddd,
        lang="en",
        signed_on=dt.date(2016, 11, 15),
    )
    assert ddd.report is None
    assert all(person.named for person in ddd.persons_cited)


@pytest.mark.parametrize(
    ("changes", "fr", "en"),
    [
        (
            {"age": 16, "minor": True, "gender": "man"},
            "un garçon de 16\u00a0ans",
            "a 16-year-old boy",
        ),
        ({"gender": "woman"}, "une femme", "a woman"),
        ({"age": 18, "gender": "man"}, "un homme de 18\u00a0ans", "an 18-year-old man"),
        ({"age": 15, "gender": "woman"}, "une fille de 15\u00a0ans", "a 15-year-old girl"),
        ({"age": 30}, "une personne de 30\u00a0ans", "a 30-year-old person"),
        ({"minor": True}, "un enfant", "a child"),
    ],
)
def test_description_of_an_unnamed_person(changes: dict[str, object], fr: str, en: str) -> None:
    person = Person.model_validate(
        {"id": "P", "pseudonym": "Never Printed", "roles": ["victim"], **changes}
    )
    assert describe_person(person, "fr") == fr
    assert describe_person(person, "en") == en


@pytest.mark.parametrize(
    ("changes", "fr", "en"),
    [
        (
            {"age": 24, "gender": "man", "nationality": "Eritrean"},
            "Érythréen de 24\u00a0ans",
            "24-year-old Eritrean man",
        ),
        (
            {"age": 30, "gender": "woman", "nationality": "soudanaise"},
            "Soudanaise de 30\u00a0ans",
            "30-year-old Sudanese woman",
        ),
        (
            {"age": 16, "gender": "man", "nationality": "Afghan"},
            "garçon afghan de 16\u00a0ans",
            "16-year-old Afghan boy",
        ),
        (
            {"age": 40, "gender": "man", "nationality": "Atlantean"},
            # Not in the vocabulary: kept as typed, in brackets (marked untranslated in HTML).
            "homme de 40\u00a0ans (Atlantean)",
            "40-year-old man (Atlantean)",
        ),
        ({}, "", ""),
    ],
)
def test_who_a_named_person_is(changes: dict[str, object], fr: str, en: str) -> None:
    person = Person.model_validate(
        {"id": "P", "pseudonym": "Abel N.", "roles": ["victim"], **changes}
    )
    assert person_about(person, "fr") == fr
    assert person_about(person, "en") == en


@pytest.mark.parametrize("audience", ["partners", "ddd"])
def test_restricted_editions_are_marked(tmp_path: Path, audience: str) -> None:
    data = write_report_dataset(tmp_path / "data")
    result = build_dossiers(
        data, layouts=("report",), formats=("html",), audience=audience, out=tmp_path / "out"
    )
    names = sorted(o.path.name for o in result.outputs)
    assert names == [f"report-{audience}-en.html", f"report-{audience}-fr.html"]
    page = (tmp_path / "out" / f"report-{audience}-en.html").read_text(encoding="utf-8")
    marking = {"partners": "RESTRICTED", "ddd": "CONFIDENTIAL"}[audience]
    assert f'<p class="marking">{marking}</p>' in page
    public = build_dossiers(data, layouts=("report",), formats=("html",), out=tmp_path / "public")
    assert 'class="marking"' not in (tmp_path / "public" / "report-en.html").read_text()
    assert public.outputs[0].audience == "public"


def test_epigraph_of_someone_not_in_the_edition_is_left_out(tmp_path: Path) -> None:
    data = write_report_dataset(tmp_path / "data")
    dataset, report = load_and_validate(data)
    assert report.ok
    text = (data / "dossier.toml").read_text(encoding="utf-8")
    (data / "dossier.toml").write_text(text.replace('person = "P-001"', 'person = "P-007"'))
    wanted = load_config(data / "dossier.toml")
    # P-007 appears only in a confidential incident: no public quotation of them.
    public = assemble(
        dataset, wanted, layout=Layout.report, lang="en", signed_on=dt.date(2016, 1, 1)
    )
    assert public.report is not None and public.report.epigraph is None
    everything = assemble(
        dataset,
        wanted,
        layout=Layout.report,
        audience=Audience.ddd,
        lang="en",
        signed_on=dt.date(2016, 1, 1),
    )
    assert everything.report is not None and everything.report.epigraph is not None
    assert everything.report.epigraph.who == "Dawit G."


def test_templates_check_passes_for_the_report() -> None:
    assert (
        check_templates(None, worst_case_dataset(), worst_case_config(), layouts=("report",)) == []
    )
    result = run_cli(["templates", "check"])
    assert result.exit_code == 0, result.output


def test_starter_config_report_section_validates_once_uncommented() -> None:
    head, section = STARTER_CONFIG.split("# Settings of the NGO report", 1)
    toml_starts = (
        "# [", "# title", "# subtitle", "# month", "# response_intro", "# fr =", "# en =",
        "# person", "# quote", "# addressee", "# items", "#   {", "# ]", "# Second",
    )  # fmt: skip
    lines = []
    for line in section.splitlines()[1:]:
        if line.startswith(toml_starts):
            lines.append(line[2:])
        elif line == "#":
            lines.append("")  # a blank line inside a multi-line string
        else:
            lines.append(line)
    config = Config.model_validate(tomllib.loads(head + "\n".join(lines)))
    assert config.report.month == "2016-11"
    assert config.report.title is not None
    assert config.report.epigraph is not None and config.report.epigraph.person == "P-001"
    assert [g.addressee.en for g in config.report.recommendations] == [
        "To the Minister of the Interior"
    ]
    assert config.report.background is not None
    assert len(config.report.background.en.split("\n\n")) == 2


def test_report_config_is_optional_and_defaults_recommendations(tmp_path: Path) -> None:
    path = tmp_path / "dossier.toml"
    path.write_text(CONFIG.split("[report]", 1)[0], encoding="utf-8")
    config = load_config(path)
    assert config.report.epigraph is None
    assert len(config.report.recommendations) == 4
    assert all(group.items for group in config.report.recommendations)


def test_report_config_mistakes_are_listed_with_their_keys(tmp_path: Path) -> None:
    path = tmp_path / "dossier.toml"
    path.write_text(
        CONFIG + "\n[[report.recommendations]]\n"
        'addressee = { fr = "A", en = "B" }\nitems = []\ncolour = 1\n',
        encoding="utf-8",
    )
    path.write_text(path.read_text().replace('month = "2016-11"', 'month = "11/2016"'))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    problems = caught.value.problems
    assert any(p.startswith("report.month:") for p in problems), problems
    assert any(p.startswith("report.recommendations.0.items:") for p in problems), problems
    assert any(
        p.startswith(
            "report.recommendations.0.colour: unknown key (expected one of: addressee, items)"
        )
        for p in problems
    ), problems


# -- the sample report -----------------------------------------------------------------------------

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    if not (SAMPLE / "incidents.xlsx").is_file():
        pytest.skip("sample_data/incidents.xlsx is not there")
    out = tmp_path_factory.mktemp("sample-report") / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = build_dossiers(
            SAMPLE / "incidents.xlsx", layouts=("report",), formats=("pdf", "html"), out=out
        )
    return Report(
        SAMPLE, out, result, Pdf.open(out / "report-fr.pdf"), Pdf.open(out / "report-en.pdf")
    )


@pytest.mark.slow
def test_sample_report_is_complete_and_private(sample_report: Report) -> None:
    from test_build import raw_identities

    dataset, _ = load_and_validate(SAMPLE / "incidents.xlsx")
    secrets = raw_identities(SAMPLE / "incidents.xlsx")
    hidden_names = [
        p.pseudonym
        for p in dataset.persons
        if p.publication_consent == "none" or p.art8_status == "refused"
    ]
    assert secrets and hidden_names
    places = {}
    for lang in ("fr", "en"):
        pdf: Pdf = getattr(sample_report, lang)
        places[f"{lang}.pdf"] = pdf.text
        places[f"{lang}.html"] = sample_report.html(lang)
    squashed = {where: squash(text).casefold() for where, text in places.items()}
    leaks = [
        (where, secret)
        for secret in secrets
        for where, text in squashed.items()
        if squash(secret).casefold() in text
    ]
    assert leaks == []
    named = [(where, name) for name in hidden_names for where in places if name in places[where]]
    assert named == []
    text = body_text(sample_report.en)
    # The sample records its interviews in the interviews sheet.
    people = {pid for interview in dataset.interviews for pid in interview.person_ids}
    assert f"interviewed {len(people)} people" in text
    public = [i for i in dataset.incidents if i.confidentiality == "public"]
    assert f"recorded {len(dataset.incidents)} incidents of violence" in text
    assert "The log kept by" in text and f"holds {len(dataset.incidents)} incidents" in text
    assert len(sample_report.result.outputs[0].left_out) >= 1
    assert sample_report.result.outputs[0].incidents <= len(public)
    assert "—Yonas H., 31-year-old Eritrean man, Calais, April 2015" in flat(sample_report.en.text)
    assert "—Yonas H., Érythréen de 31 ans, Calais, avril 2015" in flat(sample_report.fr.text)
