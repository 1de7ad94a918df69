"""A DDD build refuses any date later than the signature date, in every sheet (issue 19, pt 1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from legal_workbook import incident_row, write_input

from dossier.build.errors import DataInvalid
from dossier.build.pipeline import build_dossiers
from dossier.validate.signature_dates import dates_in_text


def _late(tmp_path: Path, **sheets: object) -> list[tuple[str | None, int | None, str | None, str]]:
    data = write_input(tmp_path / "data", **sheets)  # type: ignore[arg-type]
    with pytest.raises(DataInvalid) as caught:
        build_dossiers(data, out=tmp_path / "out", formats=("html",), langs=("fr",))
    assert not (tmp_path / "out").exists()
    errors = caught.value.report.errors
    assert {problem.code for problem in errors} == {"date_after_signature"}
    return [(p.sheet, p.row, p.header, p.message("en")) for p in errors]


def test_a_proceeding_dated_after_the_signature_fails_the_build_with_its_row(
    tmp_path: Path,
) -> None:
    proceedings = [
        {"id": "PR-1", "incident id": "CAL-2016-0001", "type": "police complaint",
         "date": "2016-07-01"},
        {"id": "PR-2", "incident id": "CAL-2016-0001", "type": "police complaint",
         "date": "2016-12-02"},
    ]  # fmt: skip
    found = _late(tmp_path, incidents=[incident_row()], proceedings=proceedings)
    assert len(found) == 1
    sheet, row, header, text = found[0]
    assert (sheet, row, header) == ("proceedings", 3, "date")
    assert "2016-12-02 is after the dossier's signature date (2016-11-15)" in text


def test_a_date_written_in_a_response_fails_too(tmp_path: Path) -> None:
    proceedings = [
        {"id": "PR-1", "incident id": "CAL-2016-0001", "type": "civil-party complaint",
         "date": "2016-11-14", "response": "Consignation fixée par ordonnance du 12/12/2016."},
    ]  # fmt: skip
    found = _late(tmp_path, incidents=[incident_row()], proceedings=proceedings)
    assert [(f[0], f[1], f[2]) for f in found] == [("proceedings", 2, "response")]
    assert "“12/12/2016”" in found[0][3] or "12/12/2016" in found[0][3]


def test_every_sheet_is_read(tmp_path: Path) -> None:
    persons = [
        {
            "id": "P-1",
            "pseudonym": "Abel N.",
            "roles": "victim",
            "article 8 status": "consented",
            "interview date": "2017-01-03",
        }
    ]
    evidence = [
        {
            "id": "E-1",
            "incident ids": "CAL-2016-0001",
            "kind": "photo",
            "url": "https://example.org/a",
            "captured at": "2016-11-16 10:00",
        }
    ]
    incidents = [
        incident_row(victim_ids="P-1", recorded_on="2016-12-01"),
        incident_row(id="CAL-2016-0002", date="2016-11-20"),
    ]  # fmt: skip
    found = _late(tmp_path, incidents=incidents, persons=persons, evidence=evidence)
    assert sorted((f[0], f[1], f[2]) for f in found) == [
        ("evidence", 2, "captured at"),
        ("incidents", 2, "recorded on"),
        ("incidents", 3, "date"),
        ("persons", 2, "interview date"),
    ]


def test_the_signature_day_itself_and_a_later_signature_build(tmp_path: Path) -> None:
    proceedings = [{"id": "PR-1", "incident id": "CAL-2016-0001", "type": "police complaint",
                    "date": "2016-12-02"}]  # fmt: skip
    data = write_input(
        tmp_path / "data", [incident_row()], proceedings=proceedings, signed_on="2016-12-02"
    )
    result = build_dossiers(data, out=tmp_path / "out", formats=("html",), langs=("fr",))
    assert [output.path.name for output in result.outputs] == ["ddd-fr.html"]


def test_a_report_build_is_not_held_to_the_complaint_signature(tmp_path: Path) -> None:
    data = write_input(tmp_path / "data", [incident_row(recorded_on="2016-12-01")])
    result = build_dossiers(
        data, out=tmp_path / "out", formats=("html",), langs=("fr",), layouts=("report",)
    )
    assert result.outputs


def test_dates_in_text() -> None:
    text = (
        "avis du 1er décembre 2016, réponse du 20/12/2016, ref 2016-12-03; "
        "March 2, 2017; 31/02/2016"
    )
    assert [day for day, _ in dates_in_text(text)] == [
        dt.date(2016, 12, 20),
        dt.date(2016, 12, 3),
        dt.date(2016, 12, 1),
        dt.date(2017, 3, 2),
    ]
