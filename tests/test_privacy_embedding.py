"""Privacy of what a PDF/A-3 edition carries inside it: an edition embeds only what its readers may
read. The source workbook travels as it is only in a DDD edition that leaves nothing out and
whose workbook holds nothing unread; every other edition carries the records it shows, written
again from them.

Attacked with a workbook that hides identities where the parser does not look: a column with
an unknown header, a hidden sheet, a person whose publication consent is ``none``, coordinates
more precise than the edition prints.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader
from test_build import CONFIG, EPOCH, incident_row

from dossier.build import build_dossiers
from dossier.validate.rows import load_and_validate

pytestmark = pytest.mark.slow

HIDDEN_NAME = "Qwmzarfell Hiddensheet"  # a legal name typed in a hidden sheet
UNKNOWN_COLUMN_NAME = "Zxvbnork Fullname"  # a legal name in a column dossier does not know
NO_CONSENT = "Kvothe Noconsent"  # the pseudonym of someone who refused publication
EXACT_LATITUDE = "50.951347"
EXACT_LONGITUDE = "1.858719"
# A column of data no field reads stops a build unless the mapping says to leave it out, as a
# group that keeps such a column would (issue 20); left out, it must still not be embedded.
IGNORE_FULL_NAME = {"incidents": {"fullname": "ignore"}}


def write_tricky_workbook(folder: Path) -> Path:
    book = Workbook()
    incidents = book.active
    assert incidents is not None
    incidents.title = "incidents"
    row = incident_row(
        id="CAL-2015-0001",
        date="2015-06-30",
        commune="Calais",
        latitude=EXACT_LATITUDE,
        longitude=EXACT_LONGITUDE,
        forces="CRS",
        acts="tear gas",
        victim_ids="P-1",
        summary_in_French=f"{NO_CONSENT} a été gazé.",
        summary_in_English=f"{NO_CONSENT} was gassed.",
        confidentiality="public",
    )
    incidents.append([*row, "full name"])
    incidents.append([*row.values(), UNKNOWN_COLUMN_NAME])
    persons = book.create_sheet("persons")
    persons.append(["id", "pseudonym", "roles", "age", "article 8 status", "publication consent"])
    persons.append(["P-1", NO_CONSENT, "victim", "24", "consented", "none"])
    notes = book.create_sheet("contacts")
    notes.append(["name", "phone"])
    notes.append([HIDDEN_NAME, "+33 6 98 76 54 32"])
    notes.sheet_state = "hidden"
    folder.mkdir(parents=True, exist_ok=True)
    book.save(folder / "incidents.xlsx")
    (folder / "dossier.toml").write_text(CONFIG, encoding="utf-8")
    return folder / "incidents.xlsx"


def embedded_files(pdf: Path) -> dict[str, bytes]:
    return {name: data[0] for name, data in PdfReader(pdf).attachments.items()}


def everything_in(xlsx: bytes) -> str:
    """Every XML part of an XLSX, as text."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if name.endswith(".xml")
        )


@pytest.mark.parametrize(
    ("layout", "audience"), [("report", "public"), ("report", "partners"), ("ddd", "public")]
)
def test_an_edition_for_other_readers_carries_only_what_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str, audience: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    workbook = write_tricky_workbook(tmp_path / "data")
    out = tmp_path / "out"
    result = build_dossiers(
        workbook,
        mapping=IGNORE_FULL_NAME,
        out=out,
        layouts=(layout,),
        langs=("fr",),
        audience=audience,
        pdf_variant="pdf/a-3b",
    )
    (output,) = result.outputs
    files = embedded_files(output.path)
    assert workbook.name not in files
    name = f"incidents-{layout}-{audience}-fr.xlsx"
    assert sorted(files) == sorted([name, "inputs-manifest.json"])
    text = everything_in(files[name])
    for secret in (HIDDEN_NAME, UNKNOWN_COLUMN_NAME, NO_CONSENT, EXACT_LATITUDE, "98 76 54 32"):
        assert secret not in text, secret
    assert "Calais" in text
    assert any("embedded instead" in note and name in note for note in result.withheld)


def test_the_rewritten_workbook_validates_and_holds_the_shown_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    workbook = write_tricky_workbook(tmp_path / "data")
    result = build_dossiers(
        workbook,
        mapping=IGNORE_FULL_NAME,
        out=tmp_path / "out",
        layouts=("report",),
        langs=("en",),
        audience="public",
        pdf_variant="pdf/a-3b",
    )
    files = embedded_files(result.outputs[0].path)
    rewritten = tmp_path / "rewritten.xlsx"
    rewritten.write_bytes(files["incidents-report-public-en.xlsx"])
    dataset, report = load_and_validate(rewritten)
    assert report.ok, report.summary("en")
    (incident,) = dataset.incidents
    # Rounded as the public edition prints them (two decimals).
    assert (incident.latitude, incident.longitude) == (50.95, 1.86)
    (person,) = dataset.persons
    assert person.pseudonym != NO_CONSENT
    sheets = load_workbook(rewritten).sheetnames
    assert sheets == ["incidents", "persons", "evidence", "proceedings"]


def test_a_ddd_edition_does_not_carry_a_workbook_with_unread_columns_or_hidden_sheets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    workbook = write_tricky_workbook(tmp_path / "data")
    result = build_dossiers(
        workbook,
        mapping=IGNORE_FULL_NAME,
        out=tmp_path / "out",
        langs=("fr",),
        pdf_variant="pdf/a-3b",
    )
    files = embedded_files(result.outputs[0].path)
    assert workbook.name not in files
    assert "incidents-ddd-ddd-fr.xlsx" in files
    assert HIDDEN_NAME not in everything_in(files["incidents-ddd-ddd-fr.xlsx"])
    assert result.withheld == [
        "ddd-fr.pdf: source workbook not embedded: it holds columns or sheets dossier does not"
        " read; embedded instead: incidents-ddd-ddd-fr.xlsx, the records this edition shows"
    ]


def test_a_ddd_edition_flags_a_hidden_sheet_even_without_unknown_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    folder = tmp_path / "data"
    workbook = write_tricky_workbook(folder)
    book = load_workbook(workbook)
    incidents = book["incidents"]
    incidents.delete_cols(incidents.max_column)  # no unknown column any more
    book.save(workbook)
    result = build_dossiers(workbook, out=tmp_path / "out", langs=("fr",), pdf_variant="pdf/a-3b")
    assert any("it holds hidden sheets" in note for note in result.withheld)
    assert workbook.name not in embedded_files(result.outputs[0].path)
