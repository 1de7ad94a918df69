"""The command line speaks French or English: --help, outputs and errors follow --lang, else the
locale (LANG, LC_ALL, LANGUAGE)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.rich_utils
from helpers import FIXTURES, run_cli
from test_build import EPOCH, write_dataset

FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": ""}
ENGLISH = {"LANG": "en_GB.UTF-8", "LC_ALL": ""}
BROKEN = FIXTURES / "broken_templates"

#: Every command and subcommand of `dossier`.
COMMANDS = [
    [],
    ["validate"],
    ["schema"],
    ["build"],
    ["init"],
    ["spreadsheet-template"],
    ["kobo-form"],
    ["templates"],
    ["templates", "check"],
    ["templates", "list"],
    ["templates", "init"],
    ["preview"],
    ["samples"],
    ["verify"],
    ["diff"],
]


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def words(text: str) -> str:
    """The help screen's text without its box drawing, on one line."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", plain(text)).split())


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "dossier")
def test_every_help_screen_is_told_in_french_and_in_english(command: list[str]) -> None:
    french = run_cli([*command, "--help"], **FRENCH)
    english = run_cli([*command, "--help"], **ENGLISH)
    assert (french.exit_code, english.exit_code) == (0, 0), french.output + english.output
    # No key left untold, and each screen in its own language.
    assert not re.search(r"\bcli\.[a-z_]+", french.output + english.output)
    assert "Utilisation :" in plain(french.output) and "Usage:" not in french.output
    assert "Afficher ce message et quitter." in words(french.output)
    assert "Usage:" in english.output and "Show this message and exit." in words(english.output)


def test_build_help_in_french() -> None:
    text = words(run_cli(["build", "--help"], **FRENCH).output)
    assert "Valider le classeur, puis construire les dossiers" in text
    assert "Formats produits, séparés par des virgules : pdf, docx, html." in text
    assert "[par défaut : pdf]" in text and "[obligatoire]" in text
    # A help text is text, not rich markup: the mapping example keeps its [incidents].
    assert '[incidents] "Leur en-tête" = "date"' in words(
        run_cli(["validate", "--help"], **FRENCH).output
    )


def test_lang_wins_over_the_locale_for_the_help_too() -> None:
    assert "Valider le classeur" in words(run_cli(["build", "--help", "--lang", "fr"]).output)
    english = words(run_cli(["build", "--lang=en,fr", "--help"], **FRENCH).output)
    assert "Validate the workbook, then build the dossiers" in english
    assert "Commandes" in words(run_cli(["--help"], LANGUAGE="", LC_ALL="fr_FR.UTF-8").output)


def test_typers_own_words_are_put_back_after_a_run() -> None:
    before = (typer.rich_utils.OPTIONS_PANEL_TITLE, typer.rich_utils.DEFAULT_STRING)
    run_cli(["build", "--help"], **FRENCH)
    assert before == (typer.rich_utils.OPTIONS_PANEL_TITLE, typer.rich_utils.DEFAULT_STRING)


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "out"
    result = run_cli(["build", data, "--format", "html", "--lang", "fr", "--out", out])
    assert result.exit_code == 0, result.output
    return data, out


def test_verify_on_a_tampered_folder_speaks_the_users_language(built: tuple[Path, Path]) -> None:
    _data, out = built
    (out / "ddd-fr.html").write_text("altered", encoding="utf-8")
    french = run_cli(["verify", out], **FRENCH)
    english = run_cli(["verify", out, "--lang", "en"], **FRENCH)
    assert (french.exit_code, english.exit_code) == (1, 1)
    assert "modifié : document ddd-fr.html (manifeste " in plain(french.output)
    assert "1 fichier vérifié : 1 fichier diffère." in plain(french.output)
    assert "pièces non vérifiées : donnez --evidence DIR." in plain(french.output)
    assert "changed: output ddd-fr.html (manifest " in english.output
    assert "1 file checked: 1 file differs." in english.output


def test_diff_of_two_builds_speaks_the_users_language(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    data, old = built
    incidents = data / "incidents.csv"
    incidents.write_text(
        incidents.read_text(encoding="utf-8").replace("à l'aube", "au crépuscule"),
        encoding="utf-8",
    )
    new = tmp_path / "new"
    assert run_cli(["build", data, "--format", "html", "--lang", "fr", "--out", new]).exit_code == 0
    page = tmp_path / "review.html"
    french = run_cli(["diff", old, new, "--html", page], **FRENCH)
    assert french.exit_code == 1, french.output
    text = plain(french.output)
    assert f"ancien : {old}" in text and "fichiers : 2 modifiés, 0 ajouté, 0 retiré" in text
    assert "incidents modifiés : CAL-2015-0042" in text
    assert "{+au crépuscule.+}" in text
    assert f"page de relecture : {page}" in text
    review = page.read_text(encoding="utf-8")
    assert '<html lang="fr">' in review and "Relecture des dossiers" in review
    english = run_cli(["diff", old, new], **ENGLISH)
    assert "files: 2 changed, 0 added, 0 removed" in english.output
    assert "incidents changed: CAL-2015-0042" in english.output


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (FRENCH, "ligne 6 : Encountered unknown tag 'endblock'"),
        (ENGLISH, "line 6: Encountered unknown tag 'endblock'"),
    ],
)
def test_templates_check_on_a_broken_template_speaks_the_users_language(
    env: dict[str, str], expected: str
) -> None:
    result = run_cli(["templates", "check", BROKEN / "syntax_error"], **env)
    assert result.exit_code == 1, result.output
    lines = plain(result.output).splitlines()
    # Jinja's own words are quoted as they are; the sentence around them is the user's.
    assert any(expected.split(":")[-1].strip() in line for line in lines), result.output
    assert lines[-1] == ("1 problème trouvé." if env is FRENCH else "1 problem found.")


def test_a_usage_error_of_ours_is_told_in_the_chosen_language(tmp_path: Path) -> None:
    french = run_cli(["build", tmp_path, "--lang", "fr", "--format", "odt"])
    english = run_cli(["build", tmp_path, "--lang", "en", "--format", "odt"])
    assert (french.exit_code, english.exit_code) == (2, 2)
    assert "valeur invalide pour --format : odt (attendu : pdf, docx, html)" in plain(french.output)
    assert "invalid value for --format: odt (expected pdf, docx, html)" in english.output
