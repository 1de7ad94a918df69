"""The text report a volunteer can act on: one line per (column, wording, problem) with its rows.

The JSON report keeps one entry per cell (docs/validation-report.md).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import INCIDENT, TODAY, incident, run_cli, write_csv
from onboarding_exports import write_french_csv
from rich.console import Console

from dossier.validate.completeness import check_completeness
from dossier.validate.rows import load_and_validate


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _report_text(report: object, lang: str) -> str:
    console = Console(record=True, width=250, color_system=None)
    report.render_terminal(lang, console)  # type: ignore[attr-defined]
    return plain(console.export_text())


def test_one_line_per_wording_with_its_count_and_rows(tmp_path: Path) -> None:
    journal = write_french_csv(tmp_path / "journal.csv")
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        '[incidents]\n"N° fiche" = "id"\n"Date des faits" = "date"\n', encoding="utf-8"
    )
    _, report = load_and_validate(journal, mapping=mapping, today=TODAY)
    text = _report_text(report, "fr")
    lines = [line for line in text.splitlines() if "pas confirmé" in line]
    # the wording is on one line of the table (its message may wrap onto the next ones)
    assert len(lines) == 1
    assert "2, 6, 10, 14, 18, 22, 26, 30 … (× 10)" in plain(text).replace("\n", " ") or (
        "2, 6, 10, 14, 18, 22, 26, 30" in lines[0]
    )
    # JSON: one entry per cell, as before
    entries = [p for p in report.to_json("fr")["problems"] if p["value"] == "pas confirmé"]
    assert len(entries) == 10
    assert {entry["code"] for entry in entries} == {"unknown_term_candidates"}


def test_accepted_values_are_printed_once_per_column(tmp_path: Path) -> None:
    rows = [
        incident(id=f"CAL-2015-{n:04d}", acts="bidule" if n % 2 else "machin") for n in range(1, 9)
    ]
    write_csv(tmp_path / "incidents.csv", rows)
    _, report = load_and_validate(tmp_path, today=TODAY)
    text = _report_text(report, "en")
    assert text.count("Accepted values for column") == 1
    assert text.count("physical violence, tear gas or pepper spray") == 1
    flat_text = " ".join(text.split())
    assert "1, 3, 5, 7 (× 4)" in flat_text or "2, 4, 6, 8 (× 4)" in flat_text
    assert len(report.to_json("en")["problems"]) == 8


def test_completeness_warnings_are_grouped_with_french_dates(tmp_path: Path) -> None:
    rows = [
        incident(
            id=f"CAL-2015-{n:04d}", date=f"2015-06-{n:02d}", rio_numbers="", rio_visible="unknown"
        )
        for n in range(1, 7)
    ]
    write_csv(tmp_path / "incidents.csv", rows)
    dataset, report = load_and_validate(tmp_path, today=dt.date(2021, 1, 1))
    report.problems.extend(
        check_completeness(dataset, today=dt.date(2021, 1, 1), columns=dataset.columns)
    )
    text = _report_text(report, "fr")
    flat_text = " ".join(text.split())
    # the limitation paragraph once, each row with its own date, written the French way
    assert flat_text.count("prescription des délits") == 1
    (limitation,) = [g for g in report.grouped() if "limitation" in g.first.code]
    assert limitation.rows_text("fr").startswith("2 (01/06/2021), 3 (02/06/2021), 4 (03/06/2021)")
    assert limitation.rows_text("en").startswith("2 (2021-06-01), 3 (2021-06-02)")
    assert "[la date indiquée pour chaque ligne]" in flat_text
    assert "(× 6)" in flat_text
    warnings = [p for p in report.to_json("fr")["problems"] if "limitation" in p["code"]]
    assert len(warnings) == 6


def test_cli_text_report_groups_and_json_does_not(tmp_path: Path) -> None:
    rows = [dict(INCIDENT, id=f"CAL-2015-{n:04d}", context="bidule") for n in range(1, 13)]
    path = write_csv(tmp_path / "incidents.csv", rows)
    text = run_cli(["validate", str(path), "--lang", "en"])
    assert text.exit_code == 1
    assert text.output.count("“bidule”") == 1
    assert "(×" in text.output
    as_json = run_cli(["validate", str(path), "--lang", "en", "--format", "json"])
    assert as_json.output.count('"value": "bidule"') == 12
