"""The bundled sample: valid as XLSX and as CSV, and the broken copy gives exactly EXPECTED.md."""

from __future__ import annotations

import json
import re

import pytest
from helpers import REPO, TODAY, run_cli

from dossier.validate.rows import load_and_validate

SAMPLE = REPO / "sample_data"
BROKEN = SAMPLE / "broken"


def expected_problems() -> list[tuple[str, int, str, str, str, str]]:
    """(sheet, row, column, header, code, severity) for each line of broken/EXPECTED.md."""
    rows = []
    for line in (BROKEN / "EXPECTED.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 9 or not cells[0].isdigit():
            continue
        _, sheet, row, column, header, _value, _what, code, severity = cells
        rows.append((sheet, int(row), column, header, code.strip("`"), severity))
    return rows


def test_expected_md_lists_problems() -> None:
    problems = expected_problems()
    assert len(problems) >= 10
    summary = re.search(r"(\d+) errors, (\d+) warnings", (BROKEN / "EXPECTED.md").read_text())
    assert summary is not None
    errors = sum(severity == "error" for *_, severity in problems)
    assert (errors, len(problems) - errors) == (int(summary[1]), int(summary[2]))


def test_sample_workbook_is_valid() -> None:
    dataset, report = load_and_validate(SAMPLE / "incidents.xlsx", today=TODAY)
    assert [(p.sheet, p.row, p.column, p.code) for p in report.problems] == []
    assert {key: (c.read, c.accepted, c.rejected) for key, c in report.counts.items()} == {
        "incidents": (70, 70, 0),
        "persons": (40, 40, 0),
        "evidence": (53, 53, 0),
        "proceedings": (26, 26, 0),
        "interviews": (72, 72, 0),
        "quotes": (37, 37, 0),
        "correspondence": (3, 3, 0),
    }
    assert len(dataset.incidents) >= 60
    assert any(item.sha256_computed for item in dataset.evidence)


def test_sample_csv_folder_holds_the_same_facts_as_the_workbook() -> None:
    workbook, _ = load_and_validate(SAMPLE / "incidents.xlsx", today=TODAY)
    folder, report = load_and_validate(
        SAMPLE / "csv", evidence_dir=SAMPLE / "evidence", today=TODAY
    )
    assert [(p.sheet, p.row, p.column, p.code) for p in report.problems] == []
    for name in (
        "incidents",
        "persons",
        "evidence",
        "proceedings",
        "interviews",
        "quotes",
        "correspondence",
    ):
        from_xlsx = [record.model_dump(exclude={"origin"}) for record in getattr(workbook, name)]
        from_csv = [record.model_dump(exclude={"origin"}) for record in getattr(folder, name)]
        assert from_csv == from_xlsx, name


@pytest.mark.parametrize(
    ("args", "last_line"),
    [
        (["sample_data/incidents.xlsx", "--lang", "en"], "Data is valid (errors: 0; warnings: 0)."),
        (
            ["sample_data/csv", "--evidence", "sample_data/evidence", "--lang", "fr"],
            "Données valides (erreurs : 0 ; avertissements : 0).",
        ),
    ],
)
def test_sample_validates_from_the_command_line(
    monkeypatch: pytest.MonkeyPatch, args: list[str], last_line: str
) -> None:
    monkeypatch.chdir(REPO)
    result = run_cli(["validate", *args])
    assert result.exit_code == 0, result.output
    output = result.output.replace("\u202f", " ").replace("\u00a0", " ")
    assert output.splitlines()[-1] == last_line


def test_broken_sample_gives_exactly_the_expected_problems() -> None:
    _, report = load_and_validate(BROKEN / "incidents.xlsx", today=TODAY)
    found = [
        (p.sheet, p.row, p.column, p.header, p.code, p.severity.value)
        for p in report.sorted_problems()
    ]
    assert found == expected_problems()
    counts = {key: (c.read, c.accepted + c.rejected) for key, c in report.counts.items()}
    assert all(read == total for read, total in counts.values())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_broken_sample_in_each_language_and_as_json(
    monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.chdir(REPO)
    result = run_cli(["validate", "sample_data/broken/incidents.xlsx", "--lang", lang])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    text = result.output.replace("\u202f", " ").replace("\u00a0", " ")
    if lang == "fr":
        assert "« gazage » : vouliez-vous dire « gaz lacrymogène » ? (actes)" in text
        assert text.splitlines()[-1] == "Données invalides (erreurs : 14 ; avertissements : 2)."
    else:
        assert "“gazage”: did you mean “tear gas or pepper spray”? (acts)" in text
        assert text.splitlines()[-1] == "Data is invalid (errors: 14; warnings: 2)."

    as_json = run_cli(
        ["validate", "sample_data/broken/incidents.xlsx", "--lang", lang, "--format", "json"]
    )
    assert as_json.exit_code == 1, as_json.output
    data = json.loads(as_json.stdout)
    assert (data["valid"], data["language"], data["error_count"], data["warning_count"]) == (
        False,
        lang,
        14,
        2,
    )
    found = [
        (p["sheet"], p["row"], p["column"], p["header"], p["code"], p["severity"])
        for p in data["problems"]
    ]
    assert found == expected_problems()
    assert all(p["message"] and p["file"] == "incidents.xlsx" for p in data["problems"])
    assert [(s["sheet"], s["rows_read"], s["accepted"], s["rejected"]) for s in data["sheets"]] == [
        ("incidents", 13, 2, 11),
        ("persons", 8, 8, 0),
        ("evidence", 6, 4, 2),
        ("proceedings", 4, 3, 1),
    ]
