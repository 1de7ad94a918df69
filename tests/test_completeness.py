"""Tests for dossier.validate.completeness: each warning, where it points, what it says in FR/EN."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from pathlib import Path

import pytest
from helpers import REPO, incident, write_csv

from dossier.assemble.complaint import limitation_bounds
from dossier.i18n.messages import MESSAGES
from dossier.input.problems import Problem, Severity
from dossier.input.workbook import load_workbook
from dossier.schema.records import Incident, Origin, Person
from dossier.validate.completeness import (
    COMPLETENESS_MESSAGES,
    check_completeness,
    columns_from_workbook,
)
from dossier.validate.limitation import limitation_for
from dossier.validate.rows import Dataset, validate_workbook

# Before any limitation warning for the incidents below (facts of 2015: deadline 2021-06-30).
EARLY = dt.date(2019, 1, 1)
# A signature under the 2017 law, before the suspension of 2020 (tests/test_limitation.py).
SIGNED_2019 = dt.date(2019, 1, 1)


@pytest.fixture(autouse=True)
def completeness_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages until they are merged into dossier.i18n.messages (identical once merged)."""
    for key, templates in COMPLETENESS_MESSAGES.items():
        monkeypatch.setitem(MESSAGES, key, templates)


def complete_rows() -> dict[str, list[dict[str, str]]]:
    """A small dossier that lacks nothing: no completeness warning at all."""
    return {
        "incidents": [
            incident(
                victim_ids="P-001", witness_ids="P-002", evidence_ids="E-001", date="2015-06-30"
            )
        ],
        "persons": [
            {
                "id": "P-001",
                "pseudonym": "Abel N.",
                "roles": "victim",
                "article 8 status": "consented",
                "interview date": "2015-06-30",
            },
            {
                "id": "P-002",
                "pseudonym": "Tom B.",
                "roles": "witness",
                "article 8 status": "",
                "interview date": "2015-07-02",
            },
        ],
        "evidence": [
            {
                "id": "E-001",
                "incident ids": "CAL-2015-0001",
                "kind": "photo",
                "URL": "https://example.org/photo.jpg",
                "confidentiality": "public",
            }
        ],
        "proceedings": [
            {"id": "D-001", "incident id": "CAL-2015-0001", "type": "police complaint"}
        ],
    }


def warnings_for(
    folder: Path,
    rows: Mapping[str, list[dict[str, str]]],
    today: dt.date = EARLY,
    signed_on: dt.date | None = None,
) -> list[Problem]:
    for sheet, sheet_rows in rows.items():
        if sheet_rows:
            write_csv(folder / f"{sheet}.csv", sheet_rows)
    book = load_workbook(folder)
    columns = columns_from_workbook(book)
    dataset, report = validate_workbook(book, today=dt.date(2024, 1, 1))
    assert report.ok, [p.message("en") for p in report.errors]
    return check_completeness(dataset, today=today, signed_on=signed_on, columns=columns)


def flat(problems: list[Problem]) -> list[tuple[str, str | None, int | None, str | None, str]]:
    return [(p.file, p.sheet, p.row, p.column, p.code) for p in problems]


def test_a_complete_dossier_has_no_warning(tmp_path: Path) -> None:
    assert warnings_for(tmp_path, complete_rows()) == []


def test_no_force_points_at_the_forces_column(tmp_path: Path) -> None:
    rows = complete_rows()
    rows["incidents"] = [{**rows["incidents"][0], "forces": ""}]
    (problem,) = warnings_for(tmp_path, rows)
    assert flat([problem]) == [("incidents.csv", "incidents", 2, "K", "completeness_no_force")]
    assert problem.header == "forces"
    assert problem.severity is Severity.WARNING
    assert problem.message("fr") == (
        "aucune force de l'ordre indiquée\u00a0: renseignez la colonne «\u202fforces de "
        "l'ordre\u202f» («\u202fnon identifiées\u202f» si on ne sait pas lesquelles)."
    )
    assert problem.message("en") == (
        "no security force given: fill in the “forces” column (“unidentified” if it is not "
        "known which)."
    )


def test_injuries_without_a_certificate(tmp_path: Path) -> None:
    rows = complete_rows()
    rows["incidents"] = [{**rows["incidents"][0], "medical certificate": "", "ITT days": ""}]
    (problem,) = warnings_for(tmp_path, rows)
    assert flat([problem]) == [
        ("incidents.csv", "incidents", 2, "U", "completeness_injuries_without_certificate")
    ]
    assert problem.header == "medical certificate"
    assert "certificat médical" in problem.message("fr")
    assert "add it as an exhibit" in problem.message("en")


def test_a_certificate_exhibit_counts_as_a_certificate(tmp_path: Path) -> None:
    rows = complete_rows()
    rows["incidents"] = [{**rows["incidents"][0], "medical certificate": ""}]
    rows["evidence"][0]["kind"] = "medical certificate"
    assert warnings_for(tmp_path, rows) == []


def test_a_certificate_without_itt(tmp_path: Path) -> None:
    rows = complete_rows()
    rows["incidents"] = [{**rows["incidents"][0], "ITT days": ""}]
    (problem,) = warnings_for(tmp_path, rows)
    assert flat([problem]) == [
        ("incidents.csv", "incidents", 2, "V", "completeness_certificate_without_itt")
    ]
    assert problem.header == "ITT days"
    assert problem.message("en").startswith("medical certificate without ITT: enter the days")


def test_a_victim_without_art8_status_points_at_the_persons_row(tmp_path: Path) -> None:
    rows = complete_rows()
    rows["persons"][0]["article 8 status"] = ""
    (problem,) = warnings_for(tmp_path, rows)
    assert flat([problem]) == [
        ("persons.csv", "persons", 2, "D", "completeness_victim_without_art8")
    ]
    assert problem.header == "article 8 status"
    assert "(colonne «\u202fstatut article 8\u202f»)" in problem.message("fr")


def test_a_person_named_as_victim_needs_an_art8_status_whatever_their_roles(
    tmp_path: Path,
) -> None:
    rows = complete_rows()
    rows["persons"][0].update({"roles": "", "article 8 status": ""})
    assert [p.code for p in warnings_for(tmp_path, rows)] == ["completeness_victim_without_art8"]


def test_no_proceedings_for_an_incident(tmp_path: Path) -> None:
    rows = complete_rows()
    rows["proceedings"] = []
    (problem,) = warnings_for(tmp_path, rows)
    assert flat([problem]) == [
        ("incidents.csv", "incidents", 2, "A", "completeness_no_proceedings")
    ]
    assert "feuille des procédures" in problem.message("fr")
    assert "(type, date, reference, status)" in problem.message("en")


@pytest.mark.parametrize(
    ("rio", "visible", "forces", "warned"),
    [
        ("", "unknown", "CRS", True),
        ("", "", "CRS", True),
        ("", "yes", "police nationale", True),
        ("", "no", "CRS", False),  # marked not visible
        ("1234567", "unknown", "CRS", False),  # given
        ("", "unknown", "sécurité privée", False),  # private guards wear no RIO
        ("", "unknown", "non identifiées", True),
    ],
)
def test_rio_neither_given_nor_marked_not_visible(
    tmp_path: Path, rio: str, visible: str, forces: str, warned: bool
) -> None:
    rows = complete_rows()
    rows["incidents"] = [
        {**rows["incidents"][0], "RIO numbers": rio, "RIO visible": visible, "forces": forces}
    ]
    expected = [("incidents.csv", "incidents", 2, "N", "completeness_rio_missing")]
    assert flat(warnings_for(tmp_path, rows)) == (expected if warned else [])


def test_an_exhibit_cited_nowhere(tmp_path: Path) -> None:
    rows = complete_rows()
    rows["incidents"] = [{**rows["incidents"][0], "evidence ids": ""}]
    rows["evidence"][0]["incident ids"] = ""
    (problem,) = warnings_for(tmp_path, rows)
    assert flat([problem]) == [
        ("evidence.csv", "evidence", 2, "B", "completeness_exhibit_not_cited")
    ]
    assert problem.header == "incident ids"


def test_an_exhibit_cited_from_either_side_is_cited(tmp_path: Path) -> None:
    rows = complete_rows()
    rows["incidents"] = [{**rows["incidents"][0], "evidence ids": ""}]
    assert warnings_for(tmp_path, rows) == []  # the exhibit names its incident


@pytest.mark.parametrize(
    ("roles", "art8", "warned"),
    [
        ("witness", "", True),
        ("victim", "consented", True),
        ("source", "", False),  # not a testimony
        ("victim", "not identified", False),  # never interviewed
        ("victim", "refused", False),  # left out of the dossier
    ],
)
def test_testimony_without_interview_date(
    tmp_path: Path, roles: str, art8: str, warned: bool
) -> None:
    rows = complete_rows()
    rows["incidents"] = [{**rows["incidents"][0], "witness ids": ""}]
    rows["persons"][1].update({"roles": roles, "article 8 status": art8, "interview date": ""})
    problems = [p for p in warnings_for(tmp_path, rows) if p.row == 3]
    expected = [("persons.csv", "persons", 3, "E", "completeness_testimony_without_date")]
    assert flat(problems) == (expected if warned else [])


# -- the limitation period ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "deadline", "years", "rule"),
    [
        (dt.date(2018, 5, 4), dt.date(2024, 5, 4), 6, "since_2017"),
        (dt.date(2017, 3, 1), dt.date(2023, 3, 1), 6, "since_2017"),
        # Not time-barred on 1 March 2017 (3 years not run out): the 2017 law gives 6 years.
        (dt.date(2015, 6, 30), dt.date(2021, 6, 30), 6, "transitional"),
        (dt.date(2014, 3, 1), dt.date(2020, 3, 1), 6, "transitional"),
        # Already time-barred on 1 March 2017: the former 3 years.
        (dt.date(2014, 2, 28), dt.date(2017, 2, 28), 3, "before_2017"),
        (dt.date(2012, 6, 30), dt.date(2015, 6, 30), 3, "before_2017"),
        (dt.date(2016, 2, 29), dt.date(2022, 2, 28), 6, "transitional"),
    ],
)
def test_limitation_for_follows_the_2017_law(
    facts: dt.date, deadline: dt.date, years: int, rule: str
) -> None:
    limitation = limitation_for(facts)
    assert (limitation.deadline, limitation.years, limitation.rule) == (deadline, years, rule)


@pytest.mark.parametrize(
    ("today", "code"),
    [
        (dt.date(2020, 6, 29), None),  # more than 12 months before 2021-06-30
        (dt.date(2020, 6, 30), "completeness_limitation_near"),
        (dt.date(2021, 6, 30), "completeness_limitation_near"),
        (dt.date(2021, 7, 1), "completeness_limitation_past"),
    ],
)
def test_limitation_warns_within_twelve_months_and_after(
    tmp_path: Path, today: dt.date, code: str | None
) -> None:
    # Signed before 2020: the suspension of limitation periods is not yet law (test_limitation).
    problems = warnings_for(tmp_path, complete_rows(), today=today, signed_on=SIGNED_2019)
    expected = [("incidents.csv", "incidents", 2, "B", code)] if code else []
    assert flat(problems) == expected
    if code:
        assert problems[0].header == "date"


def test_limitation_messages_say_indicative_and_the_rule(tmp_path: Path) -> None:
    (near,) = warnings_for(
        tmp_path, complete_rows(), today=dt.date(2021, 1, 1), signed_on=SIGNED_2019
    )
    assert near.message("fr") == (
        "prescription des délits, à titre indicatif\u00a0: elle serait acquise le 30/06/2021, "
        "dans moins de 12 mois — 6 ans à compter des faits (art. 8 du code de procédure "
        "pénale\u00a0: 6 ans depuis la loi n°\u00a02017-242 du 27 février 2017 pour les faits non "
        "prescrits au 1er mars 2017, 3 ans auparavant), sans compter les actes interruptifs. "
        "Notez dans la feuille des procédures toute plainte ou tout acte d'enquête déjà "
        "intervenu."
    )
    (past,) = warnings_for(
        tmp_path, complete_rows(), today=dt.date(2024, 1, 1), signed_on=SIGNED_2019
    )
    assert past.message("en").startswith(
        "limitation period for délits, as an indication only: it would have ended on "
        "2021-06-30 — 6 years from the facts (art. 8 of the code of criminal procedure: "
    )


@pytest.mark.parametrize(
    ("signed_on", "verified_through"),
    [
        # Facts of 2015 signed in 2019: the 2017 law applies through code pénal 112-2, 4°, read
        # as the codes stood on 9 May 2015.
        (SIGNED_2019, "09/05/2015"),
        # Signed in 2016: CPP art. 8 in its 2014 version, confirmed to its end (28 February 2017).
        (dt.date(2016, 11, 15), None),
    ],
)
def test_a_limitation_resting_on_an_unconfirmed_version_says_so(
    tmp_path: Path, signed_on: dt.date, verified_through: str | None
) -> None:
    for sheet, sheet_rows in complete_rows().items():
        write_csv(tmp_path / f"{sheet}.csv", sheet_rows)
    book = load_workbook(tmp_path)
    dataset, _ = validate_workbook(book, today=dt.date(2024, 1, 1))
    problems = check_completeness(
        dataset,
        today=dt.date(2024, 1, 1),
        signed_on=signed_on,
        columns=columns_from_workbook(book),
        limitation_bounds=limitation_bounds(signed_on),
    )
    codes = [problem.code for problem in problems]
    assert codes[0] == "completeness_limitation_past"
    if verified_through is None:
        assert codes == ["completeness_limitation_past"]
        return
    assert codes == ["completeness_limitation_past", "completeness_limitation_unverified"]
    unverified = problems[1]
    assert flat([unverified]) == [
        ("incidents.csv", "incidents", 2, "B", "completeness_limitation_unverified")
    ]
    assert unverified.message("fr") == (
        "prescription des délits\u00a0: la date indiquée repose sur l'art. 8 du code de procédure "
        "pénale (et, pour des faits antérieurs au 1er mars 2017, sur l'art. 112-2, 4° du code "
        "pénal) dans une version qu'aucune source lue ne confirme en vigueur après le "
        f"{verified_through}, avant la date de signature (01/01/2019). La saisine les cite avec "
        "la mention «\u202fversion applicable non vérifiée\u202f» et les récapitule en "
        "annexe\u202f; faites vérifier sur Légifrance la version en vigueur à la date de "
        "signature."
    )
    assert unverified.message("en").startswith(
        "limitation period for délits: the date given rests on art. 8 of the code de procédure "
        "pénale (and, for facts before 1 March 2017, on art. 112-2, 4° of the code pénal) in a "
        "version that no source read confirms in force after 2015-05-09, before the signature "
        "date (2019-01-01)."
    )


def test_old_facts_already_time_barred_in_2017_use_three_years(tmp_path: Path) -> None:
    rows = complete_rows()
    rows["incidents"] = [{**rows["incidents"][0], "date": "2013-05-02"}]
    (problem,) = warnings_for(tmp_path, rows)
    assert problem.code == "completeness_limitation_past"
    assert "acquise depuis le 02/05/2016 — 3 ans à compter des faits" in problem.message("fr")


# -- positions without the column plan, records without origins, the sample --------------


def test_without_column_positions_the_message_still_names_the_column(tmp_path: Path) -> None:
    """Before Dataset.columns exists (or for a Dataset built in Python)."""
    rows = complete_rows()
    rows["incidents"] = [{**rows["incidents"][0], "forces": ""}]
    for sheet, sheet_rows in rows.items():
        write_csv(tmp_path / f"{sheet}.csv", sheet_rows)
    dataset, _report = validate_workbook(load_workbook(tmp_path), today=dt.date(2024, 1, 1))
    (problem,) = check_completeness(dataset, today=EARLY, columns={})
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "incidents.csv",
        "incidents",
        2,
        None,
    )
    assert "“forces” column" in problem.message("en")


def test_records_built_in_python_point_at_the_source(tmp_path: Path) -> None:
    dataset = Dataset(
        tmp_path / "log.xlsx",
        incidents=[
            Incident(
                id="X-1",
                date=dt.date(2015, 6, 30),
                commune="Calais",
                forces=[],
                acts=[],
                rio_visible="no",
                summary_fr="…",
                origin=Origin(file="log.xlsx", sheet="incidents", row=7),
            )
        ],
        persons=[Person(id="P-1", pseudonym="A.", roles=["victim"])],
    )
    problems = check_completeness(dataset, today=EARLY)
    assert [(p.file, p.sheet, p.row, p.code) for p in problems] == [
        ("log.xlsx", "incidents", 7, "completeness_no_force"),
        ("log.xlsx", "incidents", 7, "completeness_no_proceedings"),
        ("log.xlsx", "persons", None, "completeness_victim_without_art8"),
        ("log.xlsx", "persons", None, "completeness_testimony_without_date"),
    ]


def test_the_sample_workbook_gets_warnings_that_all_render() -> None:
    book = load_workbook(REPO / "sample_data" / "incidents.xlsx")
    columns = columns_from_workbook(book)
    dataset, _report = validate_workbook(book, today=dt.date(2024, 1, 1))
    # Signed on the sample config's date (2016-11-15): the 3-year law of that day.
    problems = check_completeness(
        dataset, today=dt.date(2024, 1, 1), signed_on=dt.date(2016, 11, 15), columns=columns
    )
    assert {p.code for p in problems} >= {
        "completeness_rio_missing",
        "completeness_no_proceedings",
        "completeness_limitation_past",
    }
    assert all(p.column and p.header and p.row for p in problems)
    for problem in problems:
        for lang in ("fr", "en"):
            assert "{" not in problem.message(lang)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(COMPLETENESS_MESSAGES))
def test_messages_are_ready_to_merge_into_the_catalog(key: str) -> None:
    templates = COMPLETENESS_MESSAGES[key]
    assert key.startswith("completeness_")
    assert set(templates) == {"fr", "en"}
    assert placeholders(templates["fr"]) == placeholders(templates["en"])


def test_a_mandate_from_a_minor_victim_is_questioned(tmp_path: Path) -> None:
    # A lawyer's review: « Récit de la victime, transmis avec son mandat » for victims of 16 and
    # 17; for a child, LO art. 8 speaks of the legal representatives.
    rows = complete_rows()
    rows["incidents"][0]["how we know"] = "mandate"
    assert warnings_for(tmp_path / "adult", rows) == []
    rows["persons"][0]["age"] = "16"
    (problem,) = warnings_for(tmp_path / "minor", rows)
    assert problem.code == "completeness_mandate_from_minor"
    assert problem.header == "how we know"
    assert "every victim named is a minor" in problem.message("en")
    assert "représentants légaux" in problem.message("fr")
    rows["incidents"][0]["how we know"] = "witness"
    assert warnings_for(tmp_path / "witnessed", rows) == []


def test_a_flagrance_enquiry_still_under_way_long_after_it_began_is_questioned(
    tmp_path: Path,
) -> None:
    # A lawyer's review: « enquête de flagrance en cours » opened in February 2015, in a
    # complaint signed in November 2016; CPP art. 53 gives it eight days, plus eight at most.
    rows = complete_rows()
    step = rows["proceedings"][0]
    step.update({"status": "flagrante delicto enquiry under way", "date": "2015-07-01"})
    signed_on = dt.date(2016, 11, 15)
    (problem,) = warnings_for(tmp_path / "old", rows, today=signed_on, signed_on=signed_on)
    assert problem.code == "completeness_flagrance_too_long"
    assert problem.sheet == "proceedings" and problem.header == "status"
    assert "art. 53 du code de procédure pénale" in problem.message("fr")
    assert "since 2015-07-01" in problem.message("en")
    step["date"] = "2016-10-30"  # sixteen days before the signature: it may still run
    assert warnings_for(tmp_path / "recent", rows, today=signed_on, signed_on=signed_on) == []
