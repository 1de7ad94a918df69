"""Tests for dossier.validate.validation_report: the JSON report, the terminal table, the row
accounting."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import INCIDENT, TODAY, incident, write_csv
from rich.console import Console

from dossier.input.problems import Problem, Severity
from dossier.validate.rows import load_and_validate
from dossier.validate.validation_report import REPORT_FORMAT_VERSION, SheetCount, ValidationReport


def sample_report(tmp_path: Path) -> ValidationReport:
    rows = [
        INCIDENT,
        incident(id="CAL-2", date="31/02/2015", acts="gazage", confidentiality=""),
        incident(id="CAL-3", injuries="[red]not markup[/red]\x07"),
    ]
    write_csv(tmp_path / "incidents.csv", rows)
    write_csv(
        tmp_path / "persons.csv",
        [{"id": "P-1", "pseudonym": "Abel N.", "age": "16", "minor": "no"}],
    )
    _, report = load_and_validate(tmp_path, today=TODAY)
    return report


def test_json_report_shape_and_types(tmp_path: Path) -> None:
    report = sample_report(tmp_path)
    data = json.loads(report.to_json_text("en"))
    assert list(data) == [
        "format_version",
        "valid",
        "language",
        "error_count",
        "warning_count",
        "sheets",
        "problems",
    ]
    assert data["format_version"] == REPORT_FORMAT_VERSION == 1
    assert (data["valid"], data["language"], data["error_count"], data["warning_count"]) == (
        False,
        "en",
        3,
        2,
    )
    assert data["sheets"] == [
        {
            "sheet": "incidents",
            "file": "incidents.csv",
            "rows_read": 3,
            "accepted": 1,
            "rejected": 2,
        },
        {"sheet": "persons", "file": "persons.csv", "rows_read": 1, "accepted": 1, "rejected": 0},
    ]
    assert [
        (p["severity"], p["sheet"], p["row"], p["column"], p["header"], p["value"], p["code"])
        for p in data["problems"]
    ] == [
        ("error", "incidents", 3, "B", "date", "31/02/2015", "invalid_date"),
        ("error", "incidents", 3, "P", "acts", "gazage", "unknown_term_suggest"),
        ("warning", "incidents", 3, "AD", "confidentiality", None, "default_confidentiality"),
        ("error", "incidents", 4, "T", "injuries", "[red]not markup[/red]\ufffd", "invalid_text"),
        ("warning", "persons", 2, "D", "minor", None, "minor_age_mismatch"),
    ]
    for problem in data["problems"]:
        assert list(problem) == [
            "severity",
            "code",
            "file",
            "sheet",
            "row",
            "column",
            "header",
            "value",
            "message",
        ]
        assert isinstance(problem["message"], str) and problem["message"]


def test_json_report_in_french_changes_only_the_messages(tmp_path: Path) -> None:
    report = sample_report(tmp_path)
    english, french = report.to_json("en"), report.to_json("fr")
    assert french["language"] == "fr"
    strip = [{k: v for k, v in p.items() if k != "message"} for p in english["problems"]]
    assert strip == [{k: v for k, v in p.items() if k != "message"} for p in french["problems"]]
    messages = [
        p["message"].replace("\u202f", " ").replace("\u00a0", " ") for p in french["problems"]
    ]
    assert messages[1] == "« gazage » : vouliez-vous dire « gaz lacrymogène » ? (actes)"
    assert messages[4] == "âge 16 mais « mineur » vaut non ; vérifiez l'un des deux."
    assert report.to_json_text("fr").endswith("}\n")
    assert "\\u" not in report.to_json_text("fr")  # written as UTF-8, readable


def test_problems_sort_by_file_sheet_order_row_and_column() -> None:
    def problem(file: str, sheet: str, row: int | None, column: str | None) -> Problem:
        return Problem(Severity.ERROR, "invalid_int", file, sheet, row, column)

    report = ValidationReport(
        problems=[
            problem("b.xlsx", "incidents", 2, "A"),
            problem("a.xlsx", "proceedings", 1, "A"),
            problem("a.xlsx", "incidents", 10, "B"),
            problem("a.xlsx", "incidents", 2, "AA"),
            problem("a.xlsx", "incidents", 2, "Z"),
            problem("a.xlsx", "persons", 1, None),
            problem("a.xlsx", "incidents", None, None),
        ]
    )
    assert [(p.file, p.sheet, p.row, p.column) for p in report.sorted_problems()] == [
        ("a.xlsx", "incidents", None, None),
        ("a.xlsx", "incidents", 2, "Z"),
        ("a.xlsx", "incidents", 2, "AA"),
        ("a.xlsx", "incidents", 10, "B"),
        ("a.xlsx", "persons", 1, None),
        ("a.xlsx", "proceedings", 1, "A"),
        ("b.xlsx", "incidents", 2, "A"),
    ]


def test_reconciliation_and_summary_lines() -> None:
    report = ValidationReport(counts={"incidents": SheetCount("Incidents", "a.xlsx", 5, 3, 2)})
    assert report.reconciliation("en") == ["Incidents: rows read 5 = accepted 3 + rejected 2"]
    assert report.reconciliation("fr") == [
        "Incidents\u00a0: lignes lues 5 = acceptées 3 + rejetées 2"
    ]
    assert report.ok
    assert report.summary("en") == "Data is valid (errors: 0; warnings: 0)."
    report.problems.append(
        Problem(Severity.WARNING, "unknown_column", "a.xlsx", "Incidents", 1, "C")
    )
    assert report.ok and report.summary("en") == "Data is valid (errors: 0; warnings: 1)."
    report.problems.append(Problem(Severity.ERROR, "invalid_int", "a.xlsx", "Incidents", 2, "C"))
    assert not report.ok
    assert (
        report.summary("fr")
        == "Données invalides (erreurs\u00a0: 1\u202f; avertissements\u00a0: 1)."
    )


def test_terminal_report_is_a_table_per_sheet_with_literal_cell_text(tmp_path: Path) -> None:
    report = sample_report(tmp_path)
    console = Console(record=True, width=200, color_system=None)
    report.render_terminal("en", console)
    text = console.export_text()
    lines = text.splitlines()
    assert lines[0] == "Validation report"
    assert "incidents.csv — incidents" in text and "persons.csv — persons" in text
    assert "[red]not markup[/red]" in text  # cell text is never read as rich markup
    assert "“gazage”: did you mean “tear gas or pepper spray”? (acts)" in text
    assert "B (date)" in text and "31/02/2015" in text
    assert lines[-3:] == [
        "incidents: rows read 3 = accepted 1 + rejected 2",
        "persons: rows read 1 = accepted 1 + rejected 0",
        "Data is invalid (errors: 3; warnings: 2).",
    ]


def test_terminal_report_of_valid_data_is_just_the_accounting(tmp_path: Path) -> None:
    write_csv(tmp_path / "incidents.csv", [INCIDENT])
    _, report = load_and_validate(tmp_path, today=TODAY)
    console = Console(record=True, width=100, color_system=None)
    report.render_terminal("fr", console)
    assert console.export_text().splitlines() == [
        "incidents\u00a0: lignes lues 1 = acceptées 1 + rejetées 0",
        "Données valides (erreurs\u00a0: 0\u202f; avertissements\u00a0: 0).",
    ]


def test_long_values_are_shortened_in_the_table_but_whole_in_json(tmp_path: Path) -> None:
    long_value = "x" * 100
    write_csv(tmp_path / "incidents.csv", [incident(context=long_value)])
    _, report = load_and_validate(tmp_path, today=TODAY)
    assert report.to_json("en")["problems"][0]["value"] == long_value
    console = Console(record=True, width=200, color_system=None)
    report.render_terminal("en", console)
    assert "x" * 29 + "…" in console.export_text()  # the value column is cut short


def test_every_code_is_documented() -> None:
    from dossier.i18n.messages import MESSAGES

    doc = (Path(__file__).parents[1] / "docs" / "validation-report.md").read_text(encoding="utf-8")
    for code in MESSAGES:
        assert f"`{code}`" in doc, code
    for key in ValidationReport().to_json("en"):
        assert f"`{key}`" in doc, key
    for key in Problem(Severity.ERROR, "invalid_int", "a.csv").to_json("en"):
        assert f"`{key}`" in doc, key
