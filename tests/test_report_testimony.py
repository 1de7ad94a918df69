"""Testimony in the NGO report: interviews cited per incident, quotes, and their validation.

The footnote of a case cites the interview *about that incident*; a quote prints only where its
own level, its incident, its speaker's art. 8 status and publication consent allow; an interview
dated before its incident is an error; old workbooks keep their interview columns on the
persons sheet (one interview per person, with a warning).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from helpers import TODAY, flat, write_csv
from test_build import incident_row
from test_report_layout import CONFIG, ORG

from dossier.assemble.assembler import assemble
from dossier.assemble.models import Audience, DossierView, Layout
from dossier.build.pipeline import render_dossier_html
from dossier.input.config import load_config
from dossier.validate.rows import Dataset, load_and_validate

PERSON_HEADERS = [
    "id",
    "pseudonym",
    "roles",
    "age",
    "gender",
    "nationality",
    "legal name",
    "article 8 status",
    "publication consent",
]


def person(ident: str, pseudonym: str, **cells: str) -> dict[str, str]:
    row = dict.fromkeys(PERSON_HEADERS, "")
    row.update(
        {
            "id": ident,
            "pseudonym": pseudonym,
            "roles": "victim",
            "article 8 status": "consented",
            "publication consent": "anonymised",
        }
    )
    row.update({key.replace("_", " "): value for key, value in cells.items()})
    return row


INTERVIEW_HEADERS = ["id", "people", "incident ids", "date", "place", "mode", "language"]
QUOTE_HEADERS = [
    "id",
    "interview",
    "person",
    "incident",
    "original text",
    "original language",
    "French translation",
    "English translation",
    "featured",
    "confidentiality",
]


def interview(ident: str, people: str, incidents: str, date: str, place: str, **cells: str):  # type: ignore[no-untyped-def]
    row = dict.fromkeys(INTERVIEW_HEADERS, "")
    row.update(
        {
            "id": ident,
            "people": people,
            "incident ids": incidents,
            "date": date,
            "place": place,
            "mode": "individual",
        }
    )
    row.update({key.replace("_", " "): value for key, value in cells.items()})
    return row


def quote(ident: str, interview_id: str, en: str, **cells: str) -> dict[str, str]:
    row = dict.fromkeys(QUOTE_HEADERS, "")
    row.update(
        {
            "id": ident,
            "interview": interview_id,
            "original text": en,
            "original language": "English",
            "French translation": f"(fr) {en}",
            "English translation": en,
            "confidentiality": "public",
        }
    )
    row.update({key.replace("_", " "): value for key, value in cells.items()})
    return row


# Two incidents of one person, months apart and in two places: each must cite its own interview.
INCIDENTS = [
    incident_row(
        id="CAL-2015-0001",
        date="2015-06-28",
        commune="Calais",
        forces="CRS",
        acts="tear gas",
        victim_ids="P-001",
        summary_in_English="Officers gassed the tents at night.",
        summary_in_French="Des agents ont gazé les tentes la nuit.",
        confidentiality="public",
    ),
    incident_row(
        id="GS-2016-0001",
        date="2016-08-01",
        commune="Grande-Synthe",
        forces="national police",
        acts="physical violence",
        victim_ids="P-001; P-002",
        summary_in_English="A man was beaten during a check.",
        summary_in_French="Un homme a été frappé lors d'un contrôle.",
        confidentiality="public",
    ),
]
PERSONS = [
    person("P-001", "Abel N.", age="24", gender="man", nationality="Eritrean"),
    person("P-002", "Dawit K.", age="16", gender="man", publication_consent="none"),
    person("P-003", "Refusing R.", age="30", gender="man", article_8_status="refused"),
]
INTERVIEWS = [
    interview("INT-1", "P-001", "CAL-2015-0001", "2015-06-30", "Calais"),
    interview("INT-2", "P-001", "GS-2016-0001", "2016-08-03", "Grande-Synthe"),
    interview("INT-3", "P-002", "GS-2016-0001", "2016-08-04", "Grande-Synthe"),
]
QUOTES = [
    quote("Q-1", "INT-1", "They gassed the tents while we slept."),
    quote("Q-2", "INT-2", "He hit me when I was on the ground."),
    quote("Q-3", "INT-3", "I was afraid they would take me away."),
]


def write_data(folder: Path, **sheets: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "incidents": INCIDENTS,
        "persons": PERSONS,
        "interviews": INTERVIEWS,
        "quotes": QUOTES,
        **sheets,
    }
    for name, rows in tables.items():
        if rows:
            write_csv(folder / f"{name}.csv", rows)
    (folder / "dossier.toml").write_text(CONFIG, encoding="utf-8")
    return folder


def load(folder: Path) -> Dataset:
    dataset, report = load_and_validate(folder, today=TODAY)
    assert report.ok, flat(report)
    return dataset


def view_of(folder: Path, lang: str = "en", audience: Audience | None = None) -> DossierView:
    return assemble(
        load(folder),
        load_config(folder / "dossier.toml"),
        layout=Layout.report,
        audience=audience,
        lang=lang,
        signed_on=dt.date(2016, 11, 15),
    )


def text_of(view: DossierView) -> str:
    """The report as text, footnotes in brackets where they are called; apostrophes straight
    (data text is typeset with typographic ones: these tests read wordings)."""
    page = render_dossier_html(view)
    page = re.sub(r'<span class="footnote">(.*?)</span>', r" [\1]", page, flags=re.S)
    page = re.sub(r"</?(a|strong|em)\b[^>]*>", "", page)
    page = re.sub(r"<[^>]+>", " ", page)
    text = re.sub(r"\s+", " ", html.unescape(page)).replace("\u202f", " ").replace("\u00a0", " ")
    return text.replace("\u2019", "'")


# -- validation -------------------------------------------------------------------------------


def test_an_interview_dated_before_its_incident_is_an_error(tmp_path: Path) -> None:
    early = [*INTERVIEWS[:1], interview("INT-2", "P-001", "GS-2016-0001", "2015-08-10", "Calais")]
    dataset, report = load_and_validate(write_data(tmp_path, interviews=early), today=TODAY)
    errors = [p for p in report.problems if p.code == "interview_before_incident"]
    assert [(p.sheet, p.row, p.column) for p in errors] == [("interviews", 3, "D")]
    assert errors[0].message("en") == (
        "the interview is dated “2015-08-10”, before incident GS-2016-0001 (2016-08-01) that it "
        "is cited for: an interview cannot be about an incident that had not happened yet. "
        "Correct the date, or remove that incident from the interview's incidents."
    )
    assert "avant l'incident GS-2016-0001" in errors[0].message("fr")
    assert [i.id for i in dataset.interviews] == ["INT-1"]


def test_a_quote_names_someone_the_interview_heard_and_its_incident(tmp_path: Path) -> None:
    group = interview("INT-9", "P-001; P-002", "CAL-2015-0001; GS-2016-0001", "2016-08-05", "GS")
    quotes = [
        quote("Q-1", "INT-9", "Who said it?"),
        quote("Q-2", "INT-9", "Someone else.", person="P-003", incident="GS-2016-0001"),
        quote("Q-3", "INT-9", "Wrong incident.", person="P-001", incident="CAL-2099-0001"),
        quote("Q-4", "INT-1", "Another incident.", incident="GS-2016-0001"),
    ]
    folder = write_data(tmp_path, interviews=[*INTERVIEWS, group], quotes=quotes)
    _dataset, report = load_and_validate(folder, today=TODAY)
    assert [(p.row, p.column, p.code) for p in report.sorted_problems() if p.sheet == "quotes"] == [
        (2, "C", "quote_person_missing"),
        (2, "D", "quote_incident_missing"),
        (3, "C", "quote_person_not_in_interview"),
        (4, "D", "unknown_reference"),
        (5, "D", "quote_incident_not_in_interview"),
    ]


def test_a_legal_name_in_a_quote_is_refused(tmp_path: Path) -> None:
    persons = [{**PERSONS[0], "legal name": "Yonas Tesfamariam"}, *PERSONS[1:]]
    quotes = [quote("Q-1", "INT-1", "My name is Tesfamariam and they gassed us.")]
    _dataset, report = load_and_validate(
        write_data(tmp_path, persons=persons, quotes=quotes), today=TODAY
    )
    assert ("quotes", 2, "E", "legal_name_in_text") in flat(report)
    # The translations are checked as well as the original.
    quotes = [quote("Q-1", "INT-1", "They gassed us.", French_translation="Tesfamariam dit…")]
    _dataset, report = load_and_validate(
        write_data(tmp_path, persons=persons, quotes=quotes), today=TODAY
    )
    assert ("quotes", 2, "G", "legal_name_in_text") in flat(report)


def test_old_person_interview_columns_become_one_interview_each(tmp_path: Path) -> None:
    persons = [
        {**PERSONS[0], "interview date": "2015-08-10", "interview place": "Calais"},
        {**PERSONS[1], "interview date": "2016-08-04", "interview place": "Grande-Synthe"},
    ]
    dataset, report = load_and_validate(
        write_data(tmp_path, persons=persons, interviews=[], quotes=[]), today=TODAY
    )
    assert report.ok
    # One interview for one incident is what the columns say: no warning. The interview dated
    # before one of the person's incidents is not cited for it, and the warning says so.
    assert [(p.sheet, p.row, p.column, p.code) for p in report.sorted_problems()] == [
        ("persons", 2, "J", "legacy_interview_before_incident"),
    ]
    assert report.sorted_problems()[0].message("en") == (
        "this interview, dated “2015-08-10”, comes before this person's incidents "
        "GS-2016-0001: it is not cited for them. Record the interview about those incidents in "
        "the interviews sheet."
    )
    # Abel N.'s interview of August 2015 is about his incident of June 2015 only: it is never
    # cited for the one of August 2016.
    assert [(i.person_ids, i.incident_ids, i.date) for i in dataset.interviews] == [
        (["P-001"], ["CAL-2015-0001"], dt.date(2015, 8, 10)),
        (["P-002"], ["GS-2016-0001"], dt.date(2016, 8, 4)),
    ]
    text = text_of(view_of(tmp_path))
    gs = text[text.index("August 1, 2016, Grande-Synthe") :]
    assert f"[{ORG} interview with Abel N., Calais, August 10, 2015." in text
    assert "interview with Abel N., Calais, August 10, 2015" not in gs
    assert "interview with a 16-year-old boy, Grande-Synthe, August 4, 2016" in gs


# -- the footnote cites the interview about that incident ---------------------------------------


@pytest.mark.parametrize(
    ("lang", "first", "second"),
    [
        (
            "en",
            f"{ORG} interview with Abel N., Calais, June 30, 2015.",
            f"{ORG} interview with Abel N., Grande-Synthe, August 3, 2016.",
        ),
        (
            "fr",
            # The organisation's name with the article its config gives (« l’ »).
            f"Entretien de l'{ORG} avec Abel N., Calais, 30 juin 2015.",
            f"Entretien de l'{ORG} avec Abel N., Grande-Synthe, 3 août 2016.",
        ),
    ],
)
def test_each_case_cites_the_interview_about_it(
    tmp_path: Path, lang: str, first: str, second: str
) -> None:
    page = render_dossier_html(view_of(write_data(tmp_path), lang))
    # Each case is a <section class="incident"> opening with its heading.
    cases = {
        re.sub(r"<[^>]+>", "", match.group(1)).replace("\u00a0", " "): match.group(0)
        for match in re.finditer(
            r'<section class="incident">\s*<h2[^>]*>(.*?)</h2>.*?</section>', page, flags=re.S
        )
    }
    one = {"en": "June 28, 2015, Calais", "fr": "28 juin 2015, Calais"}[lang]
    two = {"en": "August 1, 2016, Grande-Synthe", "fr": "1er août 2016, Grande-Synthe"}[lang]
    spaced = {
        key: html.unescape(text).replace("\u00a0", " ").replace("\u2019", "'")
        for key, text in cases.items()
    }
    case_one = spaced[next(h for h in cases if h.startswith(one))]
    case_two = spaced[next(h for h in cases if h.startswith(two))]
    assert first in case_one and second not in case_one
    assert second in case_two and first not in case_two


# -- quotes and the privacy rules --------------------------------------------------------------


def test_quotes_tell_the_cases_with_who_said_them(tmp_path: Path) -> None:
    en = text_of(view_of(write_data(tmp_path), "en"))
    assert (
        f"Abel N., a 24-year-old Eritrean man, told {ORG} what happened in Calais on "
        f"June 28, 2015: “They gassed the tents while we slept.” "
        f"[{ORG} interview with Abel N., Calais, June 30, 2015.]"
    ) in en
    fr = text_of(view_of(tmp_path, "fr"))
    assert (
        f"Abel N., Érythréen de 24 ans, a raconté à l'{ORG} ce qui s'est passé à Calais le "
        "28 juin 2015 : « (fr) They gassed the tents while we slept. » "
        f"[Entretien de l'{ORG} avec Abel N., Calais, 30 juin 2015.]"
    ) in fr
    # Who refused publication is described, never named, in the quote and its footnote.
    assert "Dawit" not in en and "Dawit" not in fr
    assert "A 16-year-old boy told" in en
    assert f"[{ORG} interview with a 16-year-old boy, Grande-Synthe, August 4, 2016.]" in en


def test_a_quote_follows_its_own_level_and_the_art8_objection(tmp_path: Path) -> None:
    quotes = [
        quote("Q-1", "INT-1", "Only partners may read this.", confidentiality="restricted"),
        quote("Q-2", "INT-2", "He hit me when I was on the ground."),
    ]
    refused = interview("INT-4", "P-003", "GS-2016-0001", "2016-08-05", "Grande-Synthe")
    quotes.append(quote("Q-4", "INT-4", "Words of someone who objected."))
    incidents = [INCIDENTS[0], {**INCIDENTS[1], "victim ids": "P-001; P-002; P-003"}]
    folder = write_data(
        tmp_path, quotes=quotes, interviews=[*INTERVIEWS, refused], incidents=incidents
    )
    public = text_of(view_of(folder, "en"))
    assert "Only partners may read this." not in public
    assert "He hit me when I was on the ground." in public
    partners = text_of(view_of(folder, "en", Audience.partners))
    assert "Only partners may read this." in partners
    for text in (public, partners, text_of(view_of(folder, "en", Audience.ddd))):
        assert "Words of someone who objected." not in text
        assert "Refusing" not in text


def test_the_editor_chooses_featured_quotes(tmp_path: Path) -> None:
    quotes = [
        quote("Q-1", "INT-1", "Kept for the case.", featured="no"),
        quote("Q-2", "INT-2", "He hit me when I was on the ground.", featured="yes"),
        quote("Q-3", "INT-3", "I was afraid they would take me away."),
    ]
    view = view_of(write_data(tmp_path, quotes=quotes))
    assert view.report is not None
    told = {c.code: [q.id for q in c.testimony] for c in view.report.chapters}
    # A quote marked "no" is never in a chapter's text: it stays with its case.
    assert all("Q-1" not in ids for ids in told.values())
    (tear_gas,) = [c for c in view.report.chapters if c.code == "tear_gas"]
    assert [q.id for case in tear_gas.cases for q in case.quotes] == ["Q-1"]
    # Marked "yes": told in the first chapter of its incident, and only there.
    assert told["physical_violence"] == ["Q-2"]
    assert told["children"] == ["Q-3"]


def test_one_old_interview_for_several_incidents_is_said(tmp_path: Path) -> None:
    persons = [{**PERSONS[0], "interview date": "2016-09-01", "interview place": "Calais"}]
    persons += PERSONS[1:]
    dataset, report = load_and_validate(
        write_data(tmp_path, persons=persons, interviews=[], quotes=[]), today=TODAY
    )
    assert flat(report) == [("persons", 1, "J", "legacy_interview_columns")]
    assert (
        report.problems[0]
        .message("en")
        .startswith(
            "the interview columns of the persons sheet are read as one interview per person; for "
            "1 of them that interview is cited for several incidents."
        )
    )
    assert "pour 1 d'entre elles" in report.problems[0].message("fr")
    assert [i.incident_ids for i in dataset.interviews] == [["CAL-2015-0001", "GS-2016-0001"]]
