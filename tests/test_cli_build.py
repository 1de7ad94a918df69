"""`dossier build` and `dossier init` as a user runs them: exit codes, output, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli
from test_build import EPOCH, PERSONS, SECRETS, Pdf, flat, write_dataset
from typer.testing import Result


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "data")


def test_build_html_exits_0_and_lists_outputs(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(["build", data, "--format", "html", "--out", out, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert_no_traceback(result)
    lines = [line for line in plain(result.stdout).splitlines() if line.strip()]
    assert lines[:4] == [
        "incidents: rows read 4 = accepted 4 + rejected 0",
        "persons: rows read 4 = accepted 4 + rejected 0",
        "evidence: rows read 3 = accepted 3 + rejected 0",
        "proceedings: rows read 2 = accepted 2 + rejected 0",
    ]
    assert f"{out / 'ddd-en.html'}: incidents: 3; left out: victims objected (art. 8): 1" in lines
    assert lines[-1] == str(out / "manifest.json")
    assert sorted(p.name for p in out.iterdir()) == ["ddd-en.html", "manifest.json"]


def test_build_messages_follow_the_first_language(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(["build", data, "--format", "html", "--out", out, "--lang", "fr,en"])
    assert result.exit_code == 0, result.output
    output = plain(result.output)
    assert "incidents : lignes lues 4 = acceptées 4 + rejetées 0" in output
    assert (
        f"{out / 'ddd-fr.html'} : incidents : 3 ; écartés : opposition des victimes (art. 8) : 1"
        in output
    )
    assert (
        f"{out / 'ddd-en.html'} : incidents : 3 ; écartés : opposition des victimes (art. 8) : 1"
        in output
    )


def test_build_for_partners_names_the_output_after_the_audience(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(
        ["build", data, "--format", "html", "--out", out, "--lang", "fr", "--audience", "partners"]
    )
    assert result.exit_code == 0, result.output
    assert (out / "ddd-partners-fr.html").is_file()
    assert "confidentialité : 1" in plain(result.output)


def test_cli_output_never_shows_an_identity(data: Path, tmp_path: Path) -> None:
    result = run_cli(["build", data, "--format", "html", "--out", tmp_path / "out"])
    assert result.exit_code == 0, result.output
    assert [secret for secret in SECRETS if secret in result.output] == []


def test_invalid_data_shows_the_report_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data", date="31/02/2015")
    out = tmp_path / "out"
    result = run_cli(["build", data, "--out", out, "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert_no_traceback(result)
    output = plain(result.output)
    assert "Validation report" in output
    assert "31/02/2015" in output
    assert not out.exists()


@pytest.mark.parametrize(
    ("option", "value"),
    [("--lang", "de"), ("--format", "odt"), ("--audience", "press"), ("--layout", "hrw")],
)
def test_bad_choice_is_a_usage_error(data: Path, tmp_path: Path, option: str, value: str) -> None:
    result = run_cli(["build", data, option, value, "--out", tmp_path / "out"])
    assert result.exit_code == 2, result.output
    assert_no_traceback(result)
    assert value in result.output
    assert not (tmp_path / "out").exists()


def test_unknown_pdf_variant_fails_clearly(data: Path, tmp_path: Path) -> None:
    result = run_cli(["build", data, "--pdf-variant", "pdf/x-4", "--out", tmp_path / "out"])
    assert result.exit_code == 2, result.output
    assert_no_traceback(result)
    assert "pdf/x-4" in result.output
    assert "expected pdf/a-3a, pdf/a-3b" in result.output
    assert not (tmp_path / "out").exists()


def test_missing_config_is_a_clear_message_and_exit_1(data: Path, tmp_path: Path) -> None:
    (data / "dossier.toml").unlink()
    result = run_cli(["build", data, "--format", "html", "--out", tmp_path / "out"])
    assert result.exit_code == 1, result.output
    assert_no_traceback(result)
    assert f"{data / 'dossier.toml'}:" in result.output
    assert "file not found" in result.output
    assert "dossier init" in result.output


def test_invalid_config_lists_every_problem(data: Path, tmp_path: Path) -> None:
    config = data / "dossier.toml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace('email = "contact@example.org"', 'email = "nope"')
        .replace('reference = "OBS-DDD-2016-01"', 'reference = ""'),
        encoding="utf-8",
    )
    result = run_cli(["build", data, "--format", "html", "--out", tmp_path / "out"])
    assert result.exit_code == 1, result.output
    assert "organisation.email: expected an e-mail address" in result.output
    assert "dossier.reference:" in result.output


def test_missing_input_exits_1_without_traceback(tmp_path: Path) -> None:
    result = run_cli(["build", tmp_path / "nothere.xlsx", "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert_no_traceback(result)
    assert "nothere.xlsx" in result.output


def test_missing_templates_folder_is_a_usage_error(data: Path, tmp_path: Path) -> None:
    result = run_cli(["build", data, "--templates", tmp_path / "nope"])
    assert result.exit_code == 2, result.output
    assert_no_traceback(result)


def test_failing_template_names_file_and_line_and_exits_1(data: Path, tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    (templates / "fr").mkdir(parents=True)
    (templates / "fr" / "ddd.html").write_text("<p>\n\n{{ d.nope }}</p>\n")
    result = run_cli(
        ["build", data, "--templates", templates, "--format", "html", "--out", tmp_path / "out"]
    )
    assert result.exit_code == 1, result.output
    assert_no_traceback(result)
    assert f"{templates / 'fr' / 'ddd.html'}, line 3:" in result.output
    assert "nope" in result.output
    assert not (tmp_path / "out").exists()


def test_editor_template_changes_the_output(data: Path, tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    (templates / "fr").mkdir(parents=True)
    (templates / "fr" / "ddd.html").write_text(
        '{% extends "default:ddd.html" %}\n'
        '{% block requests %}<section><h1 id="demandes">Demandes revues</h1></section>'
        "{% endblock %}\n"
    )
    out = tmp_path / "out"
    result = run_cli(
        ["build", data, "--templates", templates, "--format", "html", "--out", out, "--lang", "fr"]
    )
    assert result.exit_code == 0, result.output
    assert "Demandes revues" in (out / "ddd-fr.html").read_text(encoding="utf-8")


def test_init_writes_a_config_that_builds_once_filled_in(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "fresh.toml"
    result = run_cli(["init", target])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(target)
    # As written, the starter's examples are refused: no dossier goes out in nobody's name.
    result = run_cli(
        ["build", data, "--config", target, "--format", "html", "--out", tmp_path / "out"]
    )
    assert result.exit_code == 1, result.output
    assert "organisation.name: still the starter's example" in result.output
    target.write_text(
        target.read_text(encoding="utf-8")
        .replace("Name of your association", "Collectif fictif")
        .replace("First name LAST NAME", "Camille FICTIVE"),
        encoding="utf-8",
    )
    result = run_cli(
        ["build", data, "--config", target, "--format", "html", "--out", tmp_path / "out"]
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "ddd-fr.html").read_text(encoding="utf-8")
    assert "Collectif fictif" in page


def test_init_does_not_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "dossier.toml"
    target.write_text("# mine\n")
    result = run_cli(["init", target])
    assert result.exit_code == 2, result.output
    assert target.read_text() == "# mine\n"


@pytest.mark.slow
def test_build_pdf_from_the_command_line(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path / "out"
    result = run_cli(["build", data, "--out", out, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert_no_traceback(result)
    pdf = Pdf.open(out / "ddd-en.pdf")
    assert f"{out / 'ddd-en.pdf'}: incidents: 3, {len(pdf.pages)} pages" in result.output
    assert "Complaint to the Défenseur des droits" in flat(pdf.text)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    # The command joins the pièces bundle to a ddd dossier by default (issue 21).
    assert [item["path"] for item in manifest["outputs"]] == ["ddd-en.pdf", "pieces-en.pdf"]
    assert [p["legal name"] for p in PERSONS if p["legal name"] in pdf.text] == []
