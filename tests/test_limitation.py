"""Tests for dossier.validate.limitation: one limitation date for complaint and validation."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from helpers import run_cli
from legal_workbook import incident_row, incident_text, write_input

from dossier.assemble.legal_basis import load_legal_basis
from dossier.build.pipeline import build_dossiers
from dossier.validate.limitation import (
    BEFORE_ORDONNANCE,
    BEGAN_DURING,
    EXTENDED,
    NOT_SUSPENDED,
    RUNNING,
    SUSPENSION_2020_DAYS,
    SUSPENSION_2020_ORDONNANCE_IN_FORCE,
    SUSPENSION_2020_RULING,
    limitation_as_of,
)

FACTS_2015 = dt.date(2015, 6, 30)  # 6 years (transitional rule): last day 30 June 2021


@pytest.mark.parametrize(
    ("facts", "signed_on", "deadline", "suspension"),
    [
        # Ran on 12 March 2020, signed from the ruling of 7 June 2023: 152 days more.
        (FACTS_2015, dt.date(2023, 6, 7), dt.date(2021, 11, 29), EXTENDED),
        # The day before the ruling: no date (the lower bound is the date without suspension).
        (FACTS_2015, dt.date(2023, 6, 6), dt.date(2021, 6, 30), RUNNING),
        # Signed before the ordonnance was in force (27 March 2020): nothing across it.
        (FACTS_2015, dt.date(2020, 3, 20), dt.date(2021, 6, 30), BEFORE_ORDONNANCE),
        # Signed before 12 March 2020: the suspension was not law.
        (FACTS_2015, dt.date(2020, 3, 11), dt.date(2021, 6, 30), NOT_SUSPENDED),
        # Facts during the suspension: no date, whenever signed.
        (dt.date(2020, 5, 1), dt.date(2024, 1, 10), dt.date(2026, 5, 1), BEGAN_DURING),
        # Facts after it, or a period over before it: untouched.
        (dt.date(2020, 8, 11), dt.date(2024, 1, 10), dt.date(2026, 8, 11), NOT_SUSPENDED),
        (dt.date(2013, 6, 30), dt.date(2024, 1, 10), dt.date(2016, 6, 30), NOT_SUSPENDED),
    ],
)
def test_the_2020_suspension_as_the_law_stood_on_the_signature_date(
    facts: dt.date, signed_on: dt.date, deadline: dt.date, suspension: str
) -> None:
    limitation = limitation_as_of(facts, signed_on)
    assert (limitation.deadline, limitation.suspension) == (deadline, suspension)
    assert limitation.dated == (suspension in (EXTENDED, NOT_SUSPENDED))
    assert limitation.extension_days == (SUSPENSION_2020_DAYS if suspension == EXTENDED else 0)


def test_the_suspension_dates_are_those_the_legal_table_holds_in_force() -> None:
    # The complaint cites the ordonnance and the ruling from legal_basis.toml; the computation
    # dates them itself: both must say the same day.
    basis = load_legal_basis()
    for rule_id, first_day in (
        ("ord-2020-303-art3", SUSPENSION_2020_ORDONNANCE_IN_FORCE),
        ("cass-crim-2023-06-07", SUSPENSION_2020_RULING),
    ):
        assert basis.citation(rule_id, first_day, "fr") is not None
        assert basis.citation(rule_id, first_day - dt.timedelta(days=1), "fr") is None


def _validate_text(folder: Path, lang: str) -> str:
    result = run_cli(["validate", folder, "--layout", "ddd", "--lang", lang])
    assert result.exit_code == 0, result.output
    # The table wraps the message over several lines, between borders: read it as one text.
    cells = [line.split("│")[5] for line in result.output.splitlines() if line.count("│") == 6]
    return re.sub(r"[\s\u00a0\u202f]+", " ", " ".join(cells))


@pytest.mark.parametrize(
    ("signed_on", "validation", "complaint"),
    [
        (
            "2023-06-07",
            "elle serait acquise depuis le 29/11/2021 — 6 ans à compter des faits (art. 8 du "
            "code de procédure pénale), plus 152 jours, le délai courant le 12 mars 2020",
            "délai expiré le 29 novembre 2021, avant la date de signature du dossier",
        ),
        (
            "2023-06-06",
            "le délai courait le 12 mars 2020, date à laquelle les délais de prescription ont "
            "été suspendus (ordonnance n° 2020-303, art. 3) ; la Cour de cassation n'a fixé la "
            "fin de cette suspension (10 août 2020) que le 7 juin 2023, après la date de "
            "signature (06/06/2023) : la saisine n'indique donc aucune date. Sans la suspension, "
            "le délai (6 ans à compter des faits) expirerait le 30/06/2021",
            "date non calculée : le délai courait le 12 mars 2020",
        ),
    ],
)
def test_validate_and_the_complaint_give_the_same_limitation(
    tmp_path: Path, signed_on: str, validation: str, complaint: str
) -> None:
    # A délit (violence by a police officer) whose period ran on 12 March 2020.
    data = write_input(
        tmp_path / "data",
        [incident_row(date="2015-06-30", RIO_visible="no")],
        signed_on=signed_on,
    )
    said = _validate_text(data, "fr")
    assert validation in said
    build_dossiers(data, out=tmp_path / "out", formats=("html",))
    page = (tmp_path / "out" / "ddd-fr.html").read_text(encoding="utf-8")
    line = incident_text(page, "CAL-2016-0001").split("Prescription", 1)[1]
    assert complaint in line
    assert "30 juin 2021" not in line  # the date without the suspension is never the deadline
    english = _validate_text(data, "en")
    assert ("plus 152 days" in english) == (signed_on == "2023-06-07")


def test_validate_reads_the_signature_date_from_the_config_option(tmp_path: Path) -> None:
    data = write_input(
        tmp_path / "data",
        [incident_row(date="2015-06-30", RIO_visible="no")],
        signed_on="2016-11-15",
    )
    other = tmp_path / "other.toml"
    other.write_text(
        (data / "dossier.toml").read_text(encoding="utf-8").replace("2016-11-15", "2023-06-07"),
        encoding="utf-8",
    )
    # Beside the input: signed in 2016, the 3-year law of that day.
    assert "acquise depuis le 30/06/2018 — 3 ans" in _validate_text(data, "fr")
    result = run_cli(["validate", data, "--layout", "ddd", "--lang", "en", "--config", other])
    assert result.exit_code == 0, result.output
    assert "plus 152 days" in re.sub(r"[\s│]+", " ", result.output)


def test_facts_known_by_their_month_give_a_span_not_a_date(tmp_path: Path) -> None:
    # Facts of "June 2015": the complaint prints no limitation date (the day is unknown); the
    # warning must not give one either, but the span the period ends in (3 years, the law of
    # the signature date, 15 November 2016).
    data = write_input(
        tmp_path / "data", [incident_row(date="2015-06", RIO_visible="no")], signed_on="2016-11-15"
    )
    said = _validate_text(data, "fr")
    assert (
        "la date des faits n'étant connue qu'au mois ou à l'année, la saisine n'indique pas de "
        "date de prescription ; selon le jour des faits, le délai de 3 ans s'achèverait entre "
        "le 01/06/2018 et le 30/06/2018" in said
    )
    assert "acquise depuis" not in said
    english = _validate_text(data, "en")
    assert "the 3-year period would end between" in english
    build_dossiers(data, out=tmp_path / "out", formats=("html",))
    page = (tmp_path / "out" / "ddd-fr.html").read_text(encoding="utf-8")
    assert "Prescription" not in incident_text(page, "CAL-2016-0001")
