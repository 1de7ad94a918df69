"""Stable pièce numbers: recorded numbers kept, the next free ones for the others, gaps said."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from exhibits_fixture import CONFIG
from helpers import codes, incident, write_csv

from dossier import load_and_validate
from dossier.build import build_dossiers
from dossier.build.enclosures import Enclosures


def _workbook(
    folder: Path, numbers: dict[str, str], timecodes: str = "", cited: str | None = None
) -> Path:
    """A workbook whose one incident cites the exhibits (in the order ``cited``)."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(
        folder / "incidents.csv",
        [incident(id="CAL-1", evidence_ids=cited or "; ".join(numbers))],
    )
    write_csv(
        folder / "evidence.csv",
        [
            {
                "id": exhibit_id,
                "incident ids": "CAL-1",
                "kind": "video",
                "description in French": f"Pièce {exhibit_id}",
                "url": f"https://example.org/{exhibit_id}",
                "exhibit number": number,
                "timecodes": timecodes,
                "confidentiality": "public",
            }
            for exhibit_id, number in numbers.items()
        ],
    )
    return folder


def test_recorded_numbers_are_kept_and_the_others_take_the_next_free_ones(tmp_path: Path) -> None:
    numbers = {"E-1": "5", "E-2": "2", "E-3": "", "E-4": ""}
    data = _workbook(tmp_path / "data", numbers, cited="E-3; E-1; E-4; E-2")
    _dataset, report = load_and_validate(data)
    assert report.ok
    assert codes(report) == ["piece_number_missing", "piece_number_missing"]
    warning = report.sorted_problems()[0].message("en")
    assert "up to 5" in warning and "write it here once that dossier is sent" in warning
    (data / "dossier.toml").write_text(CONFIG, encoding="utf-8")
    out = tmp_path / "out"
    build_dossiers(
        data,
        out=out,
        langs=["fr"],
        formats=["html"],
        jobs=1,
        enclosures=Enclosures(bundle=True),
    )
    html = (out / "ddd-fr.html").read_text(encoding="utf-8")
    # E-3 is cited first but has no number: it takes 6, after the highest recorded (5); E-4
    # takes 7. The incident lists its pièces by number, each linked to its row of the list.
    refs = re.findall(r'href="#exhibit-(\d+)">Pièce n°&#160;(\d+)<', html)
    assert refs == [("2", "2"), ("5", "5"), ("6", "6"), ("7", "7")]
    rows = re.findall(r'<tr id="exhibit-(\d+)">.*?https://example\.org/(E-\d)', html, re.S)
    assert dict(rows) == {"2": "E-2", "5": "E-1", "6": "E-3", "7": "E-4"}
    text = subprocess.run(
        ["pdftotext", str(out / "pieces-fr.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    assert "Numéros retirés, non réutilisés : 1, 3, 4." in text
    assert text.index("Pièce E-2") < text.index("Pièce E-1") < text.index("Pièce E-3")


@pytest.mark.parametrize(
    ("numbers", "timecodes", "expected"),
    [
        ({"E-1": "1", "E-2": "1"}, "", ["piece_number_duplicate"]),
        ({"E-1": "0", "E-2": "1"}, "", ["piece_number_zero"]),
        ({"E-1": "1", "E-2": "2"}, "0:75", ["timecode_invalid", "timecode_invalid"]),
        ({"E-1": "", "E-2": ""}, "1:02:03; 2:35", []),
    ],
)
def test_numbers_and_timecodes_are_checked(
    tmp_path: Path, numbers: dict[str, str], timecodes: str, expected: list[str]
) -> None:
    _dataset, report = load_and_validate(_workbook(tmp_path, numbers, timecodes))
    assert codes(report) == expected
