"""Helpers shared by the tests: write small inputs, run the CLI, flatten reports into literals."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from dossier.cli.app import app
from dossier.validate.validation_report import ValidationReport

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent

# A fixed "today" so that future-date checks do not depend on when the tests run.
TODAY = dt.date(2024, 1, 1)

# One incident with every column filled, as a user would type it (English headers).
INCIDENT: dict[str, str] = {
    "id": "CAL-2015-0001",
    "date": "2015-06-30",
    "time": "22:15",
    "date precision": "exact",
    "commune": "Calais",
    "place": "rue des Garennes, near the bridge",
    "location type": "camp",
    "latitude": "50.9513",
    "longitude": "1.8587",
    "context": "eviction",
    "forces": "CRS; police nationale",
    "units": "CRS 8; BAC",
    "number of officers": "12",
    "RIO numbers": "1234567; 7654321",
    "RIO visible": "no",
    "acts": "tear gas; belongings destroyed",
    "weapons or means": "gazeuse; matraque",
    "number of victims": "3",
    "minors involved": "yes",
    "injuries": "eye irritation",
    "medical certificate": "yes",
    "ITT days": "2",
    "belongings affected": "tente:3; sac de couchage:2",
    "summary in French": "Les CRS ont gazé le campement à l'aube.",
    "summary in English": "CRS officers gassed the camp at dawn.",
    "victim ids": "",
    "witness ids": "",
    "evidence ids": "",
    "violation status": "confirmed",
    "confidentiality": "public",
    "recorded by": "A. B.",
    "recorded on": "2015-07-01",
}

# The same columns under their French headers.
INCIDENT_FR_HEADERS: dict[str, str] = {
    "id": "Identifiant",
    "date": "Date",
    "time": "Heure",
    "date precision": "Précision de la date",
    "commune": "Commune",
    "place": "Lieu",
    "location type": "Type de lieu",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "context": "Contexte",
    "forces": "Forces de l'ordre",
    "units": "Unités",
    "number of officers": "Nombre d'agents",
    "RIO numbers": "Numéros RIO",
    "RIO visible": "RIO visible",
    "acts": "Actes",
    "weapons or means": "Armes ou moyens",
    "number of victims": "Nombre de victimes",
    "minors involved": "Mineurs concernés",
    "injuries": "Blessures",
    "medical certificate": "Certificat médical",
    "ITT days": "Jours d'ITT",
    "belongings affected": "Biens touchés",
    "summary in French": "Résumé en français",
    "summary in English": "Résumé en anglais",
    "victim ids": "Victimes",
    "witness ids": "Témoins",
    "evidence ids": "Pièces",
    "violation status": "Statut de la violation",
    "confidentiality": "Confidentialité",
    "recorded by": "Saisi par",
    "recorded on": "Saisi le",
}


def incident(**changes: str) -> dict[str, str]:
    """The full valid incident with some cells changed (keys use _ for spaces)."""
    row = dict(INCIDENT)
    for key, value in changes.items():
        header = key.replace("_", " ")
        header = {"rio numbers": "RIO numbers", "rio visible": "RIO visible"}.get(header, header)
        header = {"itt days": "ITT days"}.get(header, header)
        assert header in row, header
        row[header] = value
    return row


def csv_text(rows: Sequence[Mapping[str, str]], delimiter: str = ",") -> str:
    """CSV text with the keys of the first row as header."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(
    path: Path,
    rows: Sequence[Mapping[str, str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_text(rows, delimiter).encode(encoding))
    return path


def flat(report: ValidationReport) -> list[tuple[str, int | None, str | None, str]]:
    """Problems as (sheet, row, column letter, code), in report order: easy to compare."""
    return [(p.sheet or "", p.row, p.column, p.code) for p in report.sorted_problems()]


def codes(report: ValidationReport) -> list[str]:
    return [problem.code for problem in report.sorted_problems()]


def run_cli(args: Iterable[str], *, columns: int = 250, **env: str) -> Result:
    """Run ``dossier`` in-process, wide enough that table cells are not folded."""
    runner = CliRunner(env={"COLUMNS": str(columns), **env})
    return runner.invoke(app, [str(arg) for arg in args])


def run_json(args: Iterable[str]) -> dict[str, Any]:
    result = run_cli([*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data
