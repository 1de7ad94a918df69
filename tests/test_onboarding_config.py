"""The organisation's details: `dossier init --lang`, the starter's examples refused by a build,
and the missing-config message in the user's language only."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from helpers import run_cli
from onboarding_exports import write_french_csv

from dossier.input.config import (
    STARTER_CONFIG,
    STARTER_CONFIG_FR,
    Config,
    ConfigError,
    load_config,
    refuse_starter_values,
    starter_placeholders,
)

MAPPING = """\
[incidents]
"N° fiche" = "id"
"Date des faits" = "date"
"Diffusion" = "ignore"
"Notes internes" = "ignore"
"Affaires détruites" = "ignore"
"Forces présentes" = "ignore"
[values.context]
"tentative de traversée" = "crossing_port"
"distrib repas" = "food_distribution"
[values.acts]
"gazage" = "tear_gas"
"gaz lacrimogène" = "tear_gas"
"insultes racistes" = "insults_racism"
"tentes détruites" = "belongings_destroyed"
[values.rio_visible]
"pas visible" = "no"
[values.violation_status]
"pas confirmé" = "possible"
"""


def test_init_in_french_writes_french_comments(tmp_path: Path) -> None:
    target = tmp_path / "dossier.toml"
    result = run_cli(["init", str(target), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text == STARTER_CONFIG_FR
    assert "# La personne qui signe la saisine ; son nom y est imprimé." in text
    assert "The person who signs" not in text
    # the same keys as the English starter; only the examples of names are in French
    french = load_config(target).model_dump()
    english = tmp_path / "en.toml"
    english.write_text(STARTER_CONFIG, encoding="utf-8")
    expected = load_config(english).model_dump()
    expected["organisation"]["name"] = "Nom de votre association"
    expected["signatory"]["name"] = "Prénom NOM"
    assert french == expected


@pytest.mark.parametrize("starter", [STARTER_CONFIG, STARTER_CONFIG_FR])
def test_the_starter_examples_are_named_key_by_key(tmp_path: Path, starter: str) -> None:
    path = tmp_path / "dossier.toml"
    path.write_text(starter, encoding="utf-8")
    config = load_config(path)
    assert starter_placeholders(config) == [
        "organisation.name",
        "signatory.name",
        "organisation.address",
        "organisation.email",
    ]
    with pytest.raises(ConfigError) as caught:
        refuse_starter_values(config, path)
    assert caught.value.lines("en")[1] == (
        "  organisation.name: still the starter's example; write your own "
        "(a dossier is never sent in nobody's name)"
    )


def test_a_filled_in_config_is_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "dossier.toml"
    path.write_text(
        STARTER_CONFIG.replace("Name of your association", "Collectif fictif").replace(
            "First name LAST NAME", "Camille FICTIVE"
        ),
        encoding="utf-8",
    )
    assert starter_placeholders(load_config(path)) == []


@pytest.mark.parametrize(
    ("lang", "expected", "not_expected"),
    [
        ("fr", "organisation.name : encore l'exemple du modèle", "still the starter"),
        ("en", "organisation.name: still the starter's example", "encore l'exemple"),
    ],
)
def test_a_build_with_the_starter_config_is_refused(
    tmp_path: Path, lang: str, expected: str, not_expected: str
) -> None:
    journal = write_french_csv(tmp_path / "journal.csv")
    (tmp_path / "m.toml").write_text(MAPPING, encoding="utf-8")
    assert run_cli(["init", str(tmp_path / "dossier.toml"), "--lang", lang]).exit_code == 0
    args = ["build", str(journal), "--mapping", str(tmp_path / "m.toml"), "--format", "html"]
    result = run_cli([*args, "--lang", lang, "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    text = result.output.replace("\u00a0", " ").replace("\u202f", " ")
    assert expected in text and not_expected not in text
    for key in ("signatory.name", "organisation.address", "organisation.email"):
        assert key in text
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("lang", "says", "never"),
    [
        ("fr", "Ce fichier dit qui dépose le dossier", "This file says"),
        ("en", "This file says who files the dossier", "Ce fichier"),
    ],
)
def test_the_missing_config_message_explains_the_file(
    tmp_path: Path, lang: str, says: str, never: str
) -> None:
    journal = write_french_csv(tmp_path / "journal.csv")
    (tmp_path / "m.toml").write_text(MAPPING, encoding="utf-8")
    args = ["build", str(journal), "--mapping", str(tmp_path / "m.toml"), "--format", "html"]
    result = run_cli([*args, "--lang", lang, "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert says in result.output and never not in result.output
    assert "dossier init" in result.output


def test_the_french_starter_report_section_validates_once_uncommented() -> None:
    head, section = STARTER_CONFIG_FR.split("# Réglages du rapport d'ONG", 1)
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
