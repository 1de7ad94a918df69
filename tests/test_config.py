"""The organisation config: the starter file validates, and every mistake is listed at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import REPO, run_cli

from dossier.input.config import (
    STARTER_CONFIG,
    Config,
    ConfigError,
    find_config,
    load_config,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "dossier.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_starter_config_from_init_validates(tmp_path: Path) -> None:
    target = tmp_path / "dossier.toml"
    result = run_cli(["init", target])
    assert result.exit_code == 0, result.output
    assert str(target) in result.output
    assert target.read_text(encoding="utf-8") == STARTER_CONFIG
    config = load_config(target)
    assert config.dossier.filing_as == "witness"
    assert config.recipient.address == "Libre réponse 71120\n75342 Paris Cedex 07"
    assert config.organisation.address == "1 rue de l'Exemple\n62100 Calais"
    assert config.dossier.title.get("fr").startswith("Violences policières")
    assert config.dossier.title.get("en") == "Police violence against exiled people"
    assert config.signatory.date is None


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = write(tmp_path, "# mine\n")
    result = run_cli(["init", target])
    assert result.exit_code == 2, result.output
    assert "--force" in result.output
    assert target.read_text(encoding="utf-8") == "# mine\n"
    result = run_cli(["init", target, "--force"])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == STARTER_CONFIG


def test_sample_config_validates() -> None:
    config = load_config(REPO / "sample_data" / "dossier.toml")
    assert config.signatory.date == dt.date(2016, 11, 15)
    assert config.dossier.subtitle is not None


def test_every_mistake_is_listed_at_once(tmp_path: Path) -> None:
    text = (
        STARTER_CONFIG.replace("[organisation]", '[organisation]\nnmae = "typo"')
        .replace('email = "contact@example.org"', 'email = "not an address"')
        .replace('name = "First name LAST NAME"', "")
        .replace('filing_as = "witness"', 'filing_as = "friend"')
        .replace("[dossier.title]", '[dossier.title]\nde = "Polizeigewalt"')
    )
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert caught.value.problems == [
        "organisation.email: expected an e-mail address such as contact@example.org, "
        "got 'not an address'",
        "organisation.nmae: unknown key "
        "(expected one of: name, legal_form, address, email, phone, website)",
        "signatory.name: missing (required)",
        "dossier.title.de: unknown key (expected one of: fr, en)",
        "dossier.filing_as: Input should be 'victim', 'relative', 'witness' or 'representative'",
    ]
    assert str(caught.value).startswith(f"{tmp_path / 'dossier.toml'}: ")


def test_unknown_section_names_the_known_ones(tmp_path: Path) -> None:
    text = STARTER_CONFIG.replace("[organisation]", "[organization]")
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert caught.value.problems == [
        "organisation: missing (required)",
        "organization: unknown key "
        "(expected one of: organisation, signatory, recipient, dossier, report)",
    ]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "dossier.toml")
    target = tmp_path / "dossier.toml"
    assert caught.value.problems == [
        "file not found. This file says who files the dossier (your association, its address "
        "and e-mail, the person who signs) and under which title; "
        f"`dossier init {target}` writes one to fill in."
    ]
    assert (
        caught.value.problems[0]
        .text("fr")
        .startswith(  # type: ignore[attr-defined]
            "fichier introuvable. Ce fichier dit qui dépose le dossier"
        )
    )
    assert caught.value.file == target


def test_toml_syntax_error_says_where(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, "[organisation\nname = 1\n"))
    assert caught.value.problems == [
        "Expected ']' at the end of a table declaration (at line 1, column 14)"
    ]


def test_config_is_not_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "dossier.toml"
    folder.mkdir()
    with pytest.raises(ConfigError):
        load_config(folder)


def test_config_is_found_beside_the_input(tmp_path: Path) -> None:
    workbook = tmp_path / "incidents.xlsx"
    assert find_config(workbook, None) == tmp_path / "dossier.toml"
    assert find_config(tmp_path, None) == tmp_path / "dossier.toml"
    explicit = tmp_path / "elsewhere.toml"
    assert find_config(workbook, explicit) == explicit


def test_translated_text_follows_the_language() -> None:
    config = Config.model_validate(
        {
            "organisation": {
                "name": "Asso",
                "legal_form": {"fr": "association", "en": "association"},
                "address": "Calais",
                "email": "a@b.org",
            },
            "signatory": {
                "name": "X",
                "quality": {"fr": "présidente", "en": "chair"},
                "place": "C",
            },
            "dossier": {"title": {"fr": "Titre", "en": "Title"}, "reference": "R-1"},
        }
    )
    assert config.dossier.title.get("fr") == "Titre"
    assert config.dossier.title.get("en") == "Title"
    assert config.recipient.name == "Défenseur des droits"
