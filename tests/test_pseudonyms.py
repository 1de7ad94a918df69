"""Pseudonyms close to the legal name (dossier/validate/pseudonyms.py): a warning on the
pseudonym cell, and never the legal name in what `dossier validate` prints."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, run_cli

from dossier.desk.rows import MASK, read_row
from dossier.validate.pseudonyms import pseudonym_closeness
from dossier.validate.rows import load_and_validate

# Fictional, like every name of the fixtures.
LEGAL_NAME = "Tesfazghi Wolderufael"
CODES = ("pseudonym_shares_first_name", "pseudonym_shares_initials")


@pytest.mark.parametrize(
    ("pseudonym", "legal_name", "closeness"),
    [
        # The legal name's initials in another order: surname first in the sheet.
        ("Claire V.", "Vautrinoz Clarembelle", "initials"),
        ("ibrahim s.", "SOKKETAMI IBRAZULEN", "initials"),
        # A two-letter first name (too short for the identity check's parts), any case, accents.
        ("Bo K.", "Kassatu Bo", "first_name"),
        ("ÉLI M.", "Rasmussen Eli Tofte", "first_name"),
        # Unrelated: other first name, other initials.
        ("Abel N.", "Temarezgi Obalkonet", None),
        ("Tom B.", "Hollingsfrew Edwarrick", None),
        ("Abel", "Aster Bekele", None),
        ("Abel N.", None, None),
    ],
)
def test_closeness_of_a_pseudonym_to_the_legal_name(
    pseudonym: str, legal_name: str | None, closeness: str | None
) -> None:
    assert pseudonym_closeness(pseudonym, legal_name) == closeness


def persons_with(tmp_path: Path, pseudonym: str, legal_name: str = LEGAL_NAME) -> Path:
    """The English CSV fixture whose first person has ``legal_name`` and ``pseudonym``."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "csv_en", folder)
    path = folder / "persons.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0]["legal name"] = legal_name
    rows[0]["pseudonym"] = pseudonym
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def assert_no_legal_name(output: str, legal_name: str = LEGAL_NAME) -> None:
    # Its parts of three letters or more: a shorter one ("Bo") is in many an English word.
    for part in (legal_name, *(part for part in legal_name.split() if len(part) >= 3)):
        assert part.casefold() not in output.casefold(), part


@pytest.mark.parametrize(
    ("pseudonym", "legal_name", "code", "message"),
    [
        (
            "Wendy T.",
            LEGAL_NAME,
            "pseudonym_shares_initials",
            "the pseudonym shares its initials with the person's legal name",
        ),
        (
            # A first name too short for the identity check's distinctive parts.
            "Bo K.",
            "Kassatu Bo Tefera",
            "pseudonym_shares_first_name",
            "the pseudonym shares its first name with the person's legal name",
        ),
        (
            # The pseudonym keeps a part of the legal name, in other letters' case and accents:
            # the identity check already warns about it, with its own message.
            "Wöldérufael K.",
            LEGAL_NAME,
            "weak_pseudonym_shares_name",
            "this pseudonym repeats the legal first name or surname",
        ),
    ],
)
def test_a_close_pseudonym_is_one_warning_naming_the_cell_never_the_legal_name(
    tmp_path: Path, pseudonym: str, legal_name: str, code: str, message: str
) -> None:
    folder = persons_with(tmp_path, pseudonym, legal_name)
    text = run_cli(["validate", folder, "--lang", "en"])
    assert text.exit_code == 0, text.output
    assert message in " ".join(text.output.split())
    assert_no_legal_name(text.output, legal_name)
    report = run_cli(["validate", folder, "--lang", "en", "--format", "json"])
    assert_no_legal_name(report.stdout, legal_name)
    found = [
        (p["code"], p["severity"], p["file"], p["sheet"], p["row"], p["header"], p["value"])
        for p in json.loads(report.stdout)["problems"]
        if "pseudonym" in p["code"]
    ]
    assert found == [(code, "warning", "persons.csv", "persons", 2, "pseudonym", None)]


def test_the_french_message_says_the_same(tmp_path: Path) -> None:
    result = run_cli(["validate", persons_with(tmp_path, "Wendy T."), "--lang", "fr"])
    words = " ".join(result.output.split())
    assert "le pseudonyme a les mêmes initiales que le nom légal de la personne" in words
    assert_no_legal_name(result.output)


@pytest.mark.parametrize("pseudonym", ["Abel N.", "Selam H.", "Wendy"])
def test_an_unrelated_pseudonym_gets_no_warning(tmp_path: Path, pseudonym: str) -> None:
    report = run_cli(["validate", persons_with(tmp_path, pseudonym), "--format", "json"])
    codes = [p["code"] for p in json.loads(report.stdout)["problems"]]
    assert not [code for code in codes if "pseudonym" in code]
    assert_no_legal_name(report.stdout)


def test_the_sample_pseudonyms_are_unrelated_to_the_legal_names() -> None:
    sample = Path(__file__).resolve().parents[1] / "sample_data" / "incidents.xlsx"
    report = run_cli(["validate", sample, "--format", "json"])
    codes = [p["code"] for p in json.loads(report.stdout)["problems"]]
    assert not [code for code in codes if "pseudonym" in code]


@pytest.mark.parametrize(("pseudonym", "hidden"), [("Bo K.", True), ("Kofi T.", False)])
def test_the_desk_hides_a_pseudonym_holding_a_part_of_the_legal_name(
    tmp_path: Path, pseudonym: str, hidden: bool
) -> None:
    # "Bo K." holds the legal first name "Bo"; "Kofi T." only the first and last initials (the
    # identity check warns about those).
    folder = persons_with(tmp_path, pseudonym, "Kassatu Bo Tefera")
    _dataset, report = load_and_validate(folder)
    row = read_row(
        folder,
        folder / "mapping.toml",
        report.problems,
        file="persons.csv",
        sheet="persons",
        number=2,
        lang="en",
        reveal=False,
    )
    cell = next(cell for cell in row.cells if cell.header == "pseudonym")
    assert cell.severity == "warning"
    assert (cell.hidden, cell.value) == ((True, MASK) if hidden else (False, pseudonym))
