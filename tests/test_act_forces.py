"""Which force did which act (issue 19): the `done by` column, validated and applied."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from legal_workbook import (
    build,
    every_version_confirmed,
    incident_row,
    incident_text,
    text_of,
    write_input,
)
from typer.testing import CliRunner

from dossier.build.pipeline import build_dossiers
from dossier.cli.app import app

# Private guards and the border police at the port: the guards beat a man, the police arrested him.
MIXED = {
    "id": "MIX-2",
    "forces": "sécurité privée; police aux frontières",
    "acts": "violences physiques; interpellation",
}


def _pdf_words(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Lines end inside sentences and hyphenation splits words: read the words in one line.
    text = re.sub(r"-\n(?=[a-zé])", "", text).replace("\u2019", "'")
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def _section(text: str, start: str, end: str) -> str:
    """The words between the incident's rules and its next heading."""
    return text.split(start, 1)[1].split(end, 1)[0]


def test_the_pdf_lists_only_the_rules_of_the_force_that_did_each_act(tmp_path: Path) -> None:
    data = write_input(
        tmp_path / "data",
        [
            incident_row(
                **MIXED,
                done_by="violences physiques : sécurité privée ; interpellation : PAF",
            )
        ],
    )
    build_dossiers(data, out=tmp_path / "out", formats=("pdf",))
    french = _pdf_words(tmp_path / "out" / "ddd-fr.pdf")
    rules = _section(french, "Règles en cause", "Cadre de l'intervention")
    # The guards' violence: their own code, never the police code of the use of force.
    assert "R. 631-10" in rules
    assert "acte rapporté comme commis par la force suivante : sécurité privée" in rules
    assert "R. 434-18" not in french
    # No délit of a person holding public authority is named for the guards' violence.
    assert "222-13" not in _section(french, "Règles en cause", "Contrôle de la profession")
    # The police's arrest frames the intervention; no police rule of violence is listed.
    assert "R. 434-17" in _section(french, "Cadre de l'intervention", "Contrôle de la profession")
    english = _pdf_words(tmp_path / "out" / "ddd-en.pdf")
    assert "act reported as done by: private security" in english
    assert "R. 434-18" not in english


def test_without_the_column_a_rule_is_printed_with_a_caveat_not_attributed(
    tmp_path: Path,
) -> None:
    pages = build(tmp_path, [incident_row(**MIXED)])
    french = incident_text(pages["fr"], "MIX-2")
    assert "R. 434-18" in french and "R. 631-10" in french
    assert (
        "ne s'applique que si l'acte est le fait de la force suivante : police aux frontières, "
        "les données ne disant pas quelle force présente l'a commis" in french
    )
    assert "acte rapporté comme commis par" not in french
    english = incident_text(pages["en"], "MIX-2")
    assert (
        "applies only if the act was done by: border police, as the data does not say which "
        "force present did it" in english
    )


def test_an_act_done_by_the_police_brings_up_the_police_rule_only(tmp_path: Path) -> None:
    pages = build(
        tmp_path,
        [incident_row(**MIXED, done_by="physical violence: border police; arrest: PAF")],
    )
    french = incident_text(pages["fr"], "MIX-2")
    assert "R. 434-18" in french
    assert "acte rapporté comme commis par la force suivante : police aux frontières" in french
    assert "R. 631-10" not in french


def test_one_force_present_did_every_act(tmp_path: Path) -> None:
    pages = build(tmp_path, [incident_row(id="ONE-1", forces="private security")])
    french = incident_text(pages["fr"], "ONE-1")
    assert "R. 631-10" in french and "R. 434-" not in french
    assert "ne s'applique que si" not in french


def test_pairs_that_contradict_the_row_are_errors_with_their_cell(tmp_path: Path) -> None:
    data = write_input(
        tmp_path / "data",
        [
            incident_row(
                **MIXED,
                done_by=(
                    "chien : sécurité privée ; violences physiques : douane ; "
                    "violences physiques sécurité privée ; gazage : PAF"
                ),
            )
        ],
    )
    runner = CliRunner()
    report = {}
    for lang in ("fr", "en"):
        result = runner.invoke(
            app, ["validate", str(data / "incidents.csv"), "--lang", lang, "--format", "json"]
        )
        assert result.exit_code == 1, result.output
        report[lang] = json.loads(result.output)["problems"]
    where = {(p["file"], p["sheet"], p["row"], p["column"], p["header"]) for p in report["en"]}
    assert where == {("incidents.csv", "incidents", 2, "I", "done by")}
    assert [(p["code"], p["value"]) for p in report["en"]] == [
        ("act_forces_act_not_recorded", "chien : sécurité privée"),
        ("act_forces_force_not_recorded", "violences physiques : douane"),
        ("act_forces_pair", "violences physiques sécurité privée"),
        ("unknown_term_suggest", "gazage"),
    ]
    # French typography puts no-break spaces in the messages: read them with plain spaces.
    french = [re.sub(r"[\u00a0\u202f]", " ", p["message"]) for p in report["fr"]]
    assert "cet acte ne figure pas dans la cellule « actes » de l'incident" in french[0]
    assert "cette force ne figure pas dans la cellule « forces de l'ordre »" in french[1]
    assert "attendu « acte : force »" in french[2]
    english = [p["message"] for p in report["en"]]
    assert "this act is not in the incident's “acts” cell" in english[0]
    assert "this force is not in the incident's “forces” cell" in english[1]
    assert "expected “act: force”" in english[2]


def test_the_ethics_section_counts_the_incidents_it_cannot_attribute(tmp_path: Path) -> None:
    # What is said of attribution alone (facts of 2016 are past the rules' verified_through:
    # tests/test_legal_verified_through.py).
    with every_version_confirmed():
        pages = build(
            tmp_path,
            [
                incident_row(**MIXED),
                incident_row(
                    id="PAF-1", date="2016-07-01", forces="police aux frontières", acts="coups"
                ),
            ],
        )
    # Links are tags: their text comes back with a space before the comma.
    french = text_of(pages["fr"]).split("Cadre des interventions")[0].replace(" ,", ",")
    assert (
        "R. 434-18 du code de la sécurité intérieure" in french
        and "— 2 incidents : § 1, § 2 ; pour 1 d'entre eux, sous réserve que l'acte soit le fait "
        "de la force que cette règle concerne, ce que les données ne précisent pas."
        in french
    )
    english = text_of(pages["en"])
    assert (
        "; for 1 of them, provided the act was done by the force this rule concerns, which the "
        "data does not say." in english
    )
