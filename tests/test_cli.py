"""Tests for `dossier validate` as a user sees it: exit codes, messages, JSON, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, INCIDENT, incident, run_cli, run_json, write_csv


def non_empty_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


# -- exit codes -----------------------------------------------------------------------------------


def test_valid_folder_exits_0_with_the_accounting() -> None:
    result = run_cli(["validate", FIXTURES / "csv_en", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert non_empty_lines(result.output) == [
        "incidents: rows read 2 = accepted 2 + rejected 0",
        "persons: rows read 2 = accepted 2 + rejected 0",
        "evidence: rows read 1 = accepted 1 + rejected 0",
        "proceedings: rows read 1 = accepted 1 + rejected 0",
        "Data is valid (errors: 0; warnings: 0).",
    ]


def test_valid_french_folder_in_french() -> None:
    result = run_cli(["validate", FIXTURES / "csv_fr", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert plain(result.output).splitlines()[-1] == (
        "Données valides (erreurs : 0 ; avertissements : 0)."
    )
    assert "pièces : lignes lues 3 = acceptées 3 + rejetées 0" in plain(result.output)


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "incidents.csv", [incident(confidentiality="")])
    result = run_cli(["validate", path, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "confidentiality is blank" in result.output
    assert "Data is valid (errors: 0; warnings: 1)." in result.output


def test_data_errors_exit_1_and_every_problem_is_listed(tmp_path: Path) -> None:
    rows = [incident(date="31/02/2015"), incident(id="CAL-2", acts="gazage")]
    path = write_csv(tmp_path / "incidents.csv", rows)
    result = run_cli(["validate", path, "--lang", "fr"])
    assert result.exit_code == 1, result.output
    output = plain(result.output)
    assert "Rapport de validation" in output
    assert "incidents.csv — incidents" in output
    assert "date invalide ; attendu : une date réelle" in output
    assert "« gazage » : vouliez-vous dire « gaz lacrymogène » ? (actes)" in output
    assert "incidents : lignes lues 2 = acceptées 0 + rejetées 2" in output
    assert output.splitlines()[-1] == "Données invalides (erreurs : 2 ; avertissements : 0)."


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["validate"],
        ["validate", "x.csv", "--lang", "de"],
        ["validate", "x.csv", "--format", "xml"],
        ["validate", "x.csv", "--no-such-option"],
        ["validate", "x.csv", "--mapping", "absent.toml"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run_cli(args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "text",
    [
        "[incidents\n",
        '[feuille]\n"Jour" = "date"\n',
        '[incidents]\n"Jour" = "day"\n',  # a long message: it lists every field key
    ],
)
def test_a_bad_mapping_file_is_a_usage_error_on_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("mapping.toml").write_text(text, encoding="utf-8")
    result = run_cli(["validate", FIXTURES / "other_export.csv", "--mapping", "mapping.toml"])
    assert result.exit_code == 2, result.output
    assert len(non_empty_lines(result.output)) == 1, result.output
    assert "Traceback" not in result.output


def test_mapping_option_renames_columns() -> None:
    args = ["validate", FIXTURES / "other_export.csv", "--mapping", FIXTURES / "mapping.toml"]
    result = run_cli([*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "incidents: rows read 2 = accepted 2 + rejected 0" in result.output
    unmapped = run_cli(["validate", FIXTURES / "other_export.csv", "--lang", "en"])
    assert unmapped.exit_code == 1, unmapped.output
    assert "required column “id / identifiant” is missing" in unmapped.output


def test_evidence_option_points_at_another_folder(tmp_path: Path) -> None:
    source = FIXTURES / "csv_en"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli(["validate", source, "--evidence", empty, "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "file not found in the evidence folder" in result.output


def test_lang_defaults_to_the_locale(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "incidents.csv", [INCIDENT])
    french = run_cli(["validate", path], LC_ALL="fr_FR.UTF-8")
    english = run_cli(["validate", path], LC_ALL="en_GB.UTF-8")
    assert "Données valides" in french.output
    assert "Data is valid" in english.output


# -- JSON -----------------------------------------------------------------------------------------


def test_json_report_on_stdout(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "incidents.csv", [INCIDENT, incident(id="CAL-2", RIO_numbers="12")])
    result = run_cli(["validate", path, "--format", "json", "--lang", "en"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert (data["valid"], data["error_count"], data["warning_count"]) == (False, 1, 0)
    assert [(p["row"], p["column"], p["code"], p["value"]) for p in data["problems"]] == [
        (3, "N", "invalid_rio", "12")
    ]
    assert data["problems"][0]["message"] == "“12”: a RIO number has exactly 7 digits."
    assert data["sheets"] == [
        {
            "sheet": "incidents",
            "file": "incidents.csv",
            "rows_read": 2,
            "accepted": 1,
            "rejected": 1,
        }
    ]


def test_json_report_of_valid_data_in_french() -> None:
    data = run_json(["validate", FIXTURES / "csv_fr", "--lang", "fr"])
    assert (data["valid"], data["language"], data["problems"]) == (True, "fr", [])
    assert [(s["sheet"], s["rows_read"]) for s in data["sheets"]] == [
        ("incidents", 3),
        ("personnes", 3),
        ("pièces", 3),
        ("procédures", 2),
    ]


# -- unreadable inputs: one line, no traceback ----------------------------------------------------


def unreadable(tmp_path: Path, kind: str) -> Path:
    path = {
        "corrupt_xlsx": tmp_path / "incidents.xlsx",
        "corrupt_ods": tmp_path / "incidents.ods",
        "junk_csv": tmp_path / "incidents.csv",
        "empty_csv": tmp_path / "incidents.csv",
        "pdf": tmp_path / "incidents.pdf",
        "missing": tmp_path / "absent.xlsx",
        "folder_without_csv": tmp_path / "folder",
        "workbook_without_incidents": tmp_path / "other.xlsx",
    }[kind]
    if kind in ("corrupt_xlsx", "corrupt_ods", "junk_csv"):
        path.write_bytes(bytes((n * 151 + 7) % 256 for n in range(3000)))
    elif kind == "empty_csv":
        path.write_bytes(b"")
    elif kind == "pdf":
        path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    elif kind == "folder_without_csv":
        path.mkdir()
        (path / "notes.md").write_text("x")
    elif kind == "workbook_without_incidents":
        import openpyxl

        book = openpyxl.Workbook()
        book.active.title = "Feuil1"  # type: ignore[union-attr]
        book.save(path)
    return path


UNREADABLE = [
    "corrupt_xlsx",
    "corrupt_ods",
    "junk_csv",
    "empty_csv",
    "pdf",
    "missing",
    "folder_without_csv",
    "workbook_without_incidents",
]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", UNREADABLE)
def test_unreadable_input_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, lang: str
) -> None:
    # Relative paths, as a user types them: the message must not depend on where tmp_path is.
    monkeypatch.chdir(tmp_path)
    path = unreadable(Path(), kind)
    for output_format in ("text", "json"):
        result = run_cli(["validate", path, "--lang", lang, "--format", output_format])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        lines = non_empty_lines(result.output)
        assert len(lines) == 1, result.output
        assert path.name in lines[0]
        assert result.stdout == ""  # the error goes to stderr; stdout stays clean for JSON


def test_unreadable_input_messages_say_what_is_wrong(tmp_path: Path) -> None:
    expected = {
        "corrupt_xlsx": "incidents.xlsx: unreadable or damaged workbook (",
        "junk_csv": "incidents.csv: this is not a CSV text file (binary content).",
        "empty_csv": "incidents.csv: the file is empty.",
        "pdf": "incidents.pdf: unsupported file type .pdf; expected .xlsx, .ods, .csv or a folder",
        "missing": f"{tmp_path / 'absent.xlsx'}: no such file or folder.",
    }
    for kind, start in expected.items():
        folder = tmp_path / kind
        folder.mkdir()
        if kind == "missing":
            folder = tmp_path
        result = run_cli(["validate", unreadable(folder, kind), "--lang", "en"])
        assert result.output.startswith(start), result.output


def test_a_long_path_still_gives_a_one_line_error(tmp_path: Path) -> None:
    deep = tmp_path / ("dossier-de-l-association-" * 6) / "journal des incidents 2015.xlsx"
    result = run_cli(["validate", deep, "--lang", "fr"])
    assert result.exit_code == 1, result.output
    assert len(non_empty_lines(result.output)) == 1, result.output


def test_the_installed_entry_point_prints_no_traceback(tmp_path: Path) -> None:
    path = unreadable(tmp_path, "corrupt_xlsx")
    completed = subprocess.run(
        [sys.executable, "-m", "dossier", "validate", str(path), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert non_empty_lines(completed.stderr) == [completed.stderr.strip()]
    assert "Traceback" not in completed.stderr


def test_version() -> None:
    result = run_cli(["--version"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("dossier ")
