"""Tests for dossier.input.workbook: every input format, encoding, delimiter; unreadable inputs."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers import FIXTURES, INCIDENT, TODAY, csv_text, flat, incident, write_csv
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from dossier.input.errors import LoadError, MappingError
from dossier.input.workbook import load_mapping, load_workbook
from dossier.validate.rows import load_and_validate

# -- helpers that write real workbooks -------------------------------------------------------


def write_xlsx(
    path: Path,
    sheets: dict[str, list[list[Any]]],
    *,
    hidden: frozenset[str] = frozenset(),
    cached: dict[str, str] | None = None,
) -> Path:
    """An XLSX file written by openpyxl; ``cached`` gives formula cells a cached value.

    openpyxl cannot store the value a formula had when the file was last saved (Excel and
    LibreOffice do), so it is put into the sheet XML afterwards: ``{"D2": "13"}``.
    """
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    if cached:
        with zipfile.ZipFile(path) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
        xml = parts["xl/worksheets/sheet1.xml"].decode()
        for cell, value in cached.items():
            xml, found = re.subn(
                rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*(?:/>|>\s*</v>)',
                rf"\g<1><v>{value}</v>",
                xml,
            )
            assert found == 1, cell
        parts["xl/worksheets/sheet1.xml"] = xml.encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
    return path


def write_ods(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """An ODS file written by odfpy; dates become real date cells, numbers float cells."""
    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        for values in rows:
            row = TableRow()
            for value in values:
                if value is None:
                    cell = TableCell()
                elif isinstance(value, dt.date):
                    cell = TableCell(valuetype="date", datevalue=value.isoformat())
                    cell.addElement(P(text=value.strftime("%d/%m/%Y")))
                elif isinstance(value, (int, float)):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                else:
                    cell = TableCell(valuetype="string")
                    for line in str(value).split("\n"):
                        cell.addElement(P(text=line))
                row.addElement(cell)
            table.addElement(row)
        document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


HEADER = ["id", "date", "time", "commune", "number of officers", "latitude", "summary"]


def workbook_rows() -> list[list[Any]]:
    return [
        HEADER,
        ["CAL-1", dt.date(2015, 6, 30), dt.time(22, 15), "Calais", 12, 50.9513, "Gaz."],
        [None] * 7,  # a blank row: skipped, but numbering goes on as the spreadsheet shows
        ["CAL-2", dt.datetime(2015, 7, 1, 6, 30), "6h30", "Calais", 3.0, "50,95", "Coups."],
    ]


# -- CSV: a single file -----------------------------------------------------------------------


def test_single_csv_is_the_incidents_sheet_with_spreadsheet_row_numbers(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export-2015.csv", [INCIDENT, incident(id="CAL-2015-0002")])
    book = load_workbook(path)
    assert list(book.sheets) == ["incidents"]
    sheet = book.sheets["incidents"]
    assert (sheet.file, sheet.name, sheet.header_row) == ("export-2015.csv", "incidents", 1)
    assert sheet.headers == list(INCIDENT)
    assert [number for number, _ in sheet.rows] == [2, 3]
    assert next(iter(sheet.rows))[1] == list(INCIDENT.values())
    assert (sheet.encoding, sheet.delimiter) == ("utf-8", ",")
    assert book.evidence_dir == tmp_path / "evidence"


TRICKY = {
    "commune": "Saint-Étienne-au-Mont",
    "summary_in_French": "Œuvre des CRS à l’aube : « dégagez » — 3 € de pain jeté.",
}


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),  # what Excel writes for "CSV UTF-8"
        ("cp1252", "cp1252"),  # what French Excel writes for plain "CSV"
        ("utf-16", "utf-16"),  # "Unicode text" from Excel, with its BOM
    ],
)
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str, expected: str) -> None:
    row = incident(commune=TRICKY["commune"], summary_in_French=TRICKY["summary_in_French"])
    path = write_csv(tmp_path / "incidents.csv", [row], encoding=encoding)
    book = load_workbook(path)
    assert book.sheets["incidents"].encoding == expected
    assert book.sheets["incidents"].headers[0] == "id"  # no BOM left on the first header
    dataset, report = load_and_validate(path, today=TODAY)
    assert flat(report) == []
    record = dataset.incidents[0]
    assert record.commune == TRICKY["commune"]
    assert record.summary_fr == TRICKY["summary_in_French"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters_are_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = write_csv(tmp_path / "incidents.csv", [INCIDENT], delimiter=delimiter)
    book = load_workbook(path)
    assert book.sheets["incidents"].delimiter == delimiter
    dataset, report = load_and_validate(path, today=TODAY)
    assert flat(report) == []
    # Lists inside a cell still split on ";" even when ";" is also the delimiter (quoted cell).
    assert dataset.incidents[0].forces == ["crs", "national_police"]
    assert dataset.incidents[0].belongings == {"tent": 3, "sleeping_bag": 2}


def test_tsv_suffix_and_a_delimiter_inside_a_quoted_header(tmp_path: Path) -> None:
    path = tmp_path / "incidents.tsv"
    path.write_text('id\tdate\tcommune\t"summary, in English"\nA-1\t2015-06-30\tCalais\tx\n')
    book = load_workbook(path)
    assert book.sheets["incidents"].delimiter == "\t"
    assert book.sheets["incidents"].headers[3] == "summary, in English"


def test_semicolon_csv_with_blank_lines_above_the_header(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text("\r\n;;;\r\n" + csv_text([INCIDENT], delimiter=";"), encoding="cp1252")
    book = load_workbook(path)
    assert (book.sheets["incidents"].delimiter, book.sheets["incidents"].header_row) == (";", 3)
    assert book.sheets["incidents"].headers == list(INCIDENT)


def test_quoted_header_cells_do_not_hide_the_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text('"id";"date";"commune";"summary"\n"A-1";"2015-06-30";"Calais";"x, y"\n')
    book = load_workbook(path)
    assert book.sheets["incidents"].delimiter == ";"
    assert list(book.sheets["incidents"].rows) == [(2, ["A-1", "2015-06-30", "Calais", "x, y"])]


def test_quoted_multi_line_cells_count_as_one_spreadsheet_row(tmp_path: Path) -> None:
    rows = [
        incident(summary_in_French="Première ligne.\nDeuxième ligne.\r\nTroisième."),
        incident(id="CAL-2015-0002", date="31/02/2015"),
    ]
    path = write_csv(tmp_path / "incidents.csv", rows)
    dataset, report = load_and_validate(path, today=TODAY)
    assert dataset.incidents[0].summary_fr == "Première ligne.\nDeuxième ligne.\r\nTroisième."
    # The bad date is on the third spreadsheet row, although it is on the sixth line of text.
    assert flat(report) == [("incidents", 3, "B", "invalid_date")]


def test_blank_rows_and_leading_blank_lines_keep_row_numbers(tmp_path: Path) -> None:
    body = csv_text([INCIDENT, incident(id="CAL-2015-0002", date="hier")])
    header, first, second = body.splitlines()
    path = tmp_path / "incidents.csv"
    path.write_text(f"\n,,\n{header}\n{first}\n,,,\n\n{second}\n", encoding="utf-8")
    book = load_workbook(path)
    sheet = book.sheets["incidents"]
    assert sheet.header_row == 3
    assert [number for number, _ in sheet.rows] == [4, 7]
    _, report = load_and_validate(path, today=TODAY)
    assert flat(report) == [("incidents", 7, "B", "invalid_date")]
    assert report.counts["incidents"].read == 2


def test_short_rows_are_padded_and_long_rows_ignore_the_extra_cells(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text(
        "id,date,commune,summary\nA-1,2015-06-30,Calais\nA-2,2015-06-30,Calais,x,extra,cells\n"
    )
    _, report = load_and_validate(path, today=TODAY)
    assert flat(report) == [
        ("incidents", 2, None, "default_confidentiality"),
        ("incidents", 2, "D", "missing_summary"),
        ("incidents", 3, None, "default_confidentiality"),
    ]


# -- CSV: a folder ------------------------------------------------------------------------------


def test_folder_with_french_file_names() -> None:
    book = load_workbook(FIXTURES / "csv_fr")
    assert {key: sheet.file for key, sheet in book.sheets.items()} == {
        "incidents": "incidents.csv",
        "persons": "personnes.csv",
        "evidence": "pièces.csv",
        "proceedings": "procédures.csv",
    }
    assert {sheet.delimiter for sheet in book.sheets.values()} == {";"}
    assert book.evidence_dir == FIXTURES / "csv_fr" / "evidence"
    assert book.ignored_sheets == []


def test_folder_with_english_file_names() -> None:
    book = load_workbook(FIXTURES / "csv_en")
    assert sorted(book.sheets) == ["evidence", "incidents", "persons", "proceedings"]
    assert {sheet.delimiter for sheet in book.sheets.values()} == {","}


def test_folder_file_names_written_decomposed_as_macos_does(tmp_path: Path) -> None:
    write_csv(tmp_path / "incidents.csv", [INCIDENT])
    name = unicodedata.normalize("NFD", "procédures.csv")
    write_csv(tmp_path / name, [{"id": "PR-1", "incident": "CAL-2015-0001", "type": "plainte"}])
    book = load_workbook(tmp_path)
    assert sorted(book.sheets) == ["incidents", "proceedings"]


def test_folder_ignores_other_files_but_reports_unknown_csv(tmp_path: Path) -> None:
    write_csv(tmp_path / "incidents.csv", [INCIDENT])
    write_csv(tmp_path / "notes.csv", [{"a": "b"}])
    (tmp_path / "README.md").write_text("notes")
    (tmp_path / "evidence").mkdir()
    book = load_workbook(tmp_path)
    assert list(book.sheets) == ["incidents"]
    assert book.ignored_sheets == [("notes.csv", "notes")]
    _, report = load_and_validate(tmp_path, today=TODAY)
    assert [(p.file, p.code, p.severity.value) for p in report.problems] == [
        ("notes.csv", "unknown_sheet", "warning")
    ]


def test_folder_with_two_files_for_one_sheet_is_refused(tmp_path: Path) -> None:
    write_csv(tmp_path / "incidents.csv", [INCIDENT])
    write_csv(tmp_path / "persons.csv", [{"id": "P-1", "pseudonym": "A."}])
    write_csv(tmp_path / "personnes.csv", [{"id": "P-2", "pseudonym": "B."}])
    with pytest.raises(LoadError) as caught:
        load_workbook(tmp_path)
    assert caught.value.key == "duplicate_sheet"


@pytest.mark.parametrize("files", [[], ["persons.csv"]])
def test_folder_without_incidents_is_refused(tmp_path: Path, files: list[str]) -> None:
    for name in files:
        write_csv(tmp_path / name, [{"id": "P-1", "pseudonym": "A."}])
    with pytest.raises(LoadError) as caught:
        load_workbook(tmp_path)
    assert caught.value.key == "no_incidents"


# -- workbooks -----------------------------------------------------------------------------------


def test_xlsx_with_real_date_cells_numbers_blank_rows_and_sheets(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "journal.xlsx",
        {
            "Incidents": workbook_rows(),
            "Listes": [["valeurs"], ["CRS"]],  # a hidden helper sheet: ignored quietly
            "Notes": [["à faire"]],  # a visible sheet we do not know: ignored with a warning
            "Personnes": [["id", "pseudonym"], ["P-1", "Abel N."]],
        },
        hidden=frozenset({"Listes"}),
    )
    book = load_workbook(path)
    assert sorted(book.sheets) == ["incidents", "persons"]
    assert book.ignored_sheets == [("journal.xlsx", "Notes")]
    sheet = book.sheets["incidents"]
    assert (sheet.file, sheet.name, sheet.header_row) == ("journal.xlsx", "Incidents", 1)
    assert [number for number, _ in sheet.rows] == [2, 4]
    dataset, report = load_and_validate(path, today=TODAY)
    assert flat(report) == [
        ("Incidents", 2, None, "default_confidentiality"),
        ("Incidents", 4, None, "default_confidentiality"),
        ("Notes", None, None, "unknown_sheet"),
    ]
    first, second = dataset.incidents
    assert (first.date, first.time, first.officers, first.latitude) == (
        dt.date(2015, 6, 30),
        dt.time(22, 15),
        12,
        50.9513,
    )
    assert (second.date, second.time, second.officers, second.latitude) == (
        dt.date(2015, 7, 1),
        dt.time(6, 30),
        3,
        50.95,
    )
    assert first.origin is not None
    assert (first.origin.file, first.origin.sheet, first.origin.row) == (
        "journal.xlsx",
        "Incidents",
        2,
    )
    assert [person.pseudonym for person in dataset.persons] == ["Abel N."]


def test_xlsx_hidden_sheet_is_read_when_named_as_one_of_ours(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "journal.xlsx",
        {"incidents": workbook_rows(), "persons": [["id", "pseudonym"], ["P-1", "Abel N."]]},
        hidden=frozenset({"persons"}),
    )
    assert sorted(load_workbook(path).sheets) == ["incidents", "persons"]


def test_xlsx_formula_cells_give_their_cached_value(tmp_path: Path) -> None:
    rows = workbook_rows()
    rows[1][4] = "=10+2"  # number of officers computed by a formula, cached as 12
    rows[1][5] = "=50.9513"
    path = write_xlsx(tmp_path / "journal.xlsx", {"incidents": rows}, cached={"E2": "12"})
    dataset, report = load_and_validate(path, today=TODAY)
    # F2 has no cached value (as openpyxl leaves it): it reads as blank, not as the formula text.
    assert flat(report) == [
        ("incidents", 2, None, "default_confidentiality"),
        ("incidents", 4, None, "default_confidentiality"),
    ]
    assert dataset.incidents[0].officers == 12
    assert dataset.incidents[0].latitude is None


def test_xlsx_date_cell_in_the_future_and_serial_numbers(tmp_path: Path) -> None:
    rows = workbook_rows()
    rows[1][1] = dt.date(2999, 1, 1)
    rows[3][1] = 42186  # a date cell that lost its format shows as its serial number
    path = write_xlsx(tmp_path / "journal.xlsx", {"incidents": rows})
    dataset, report = load_and_validate(path, today=TODAY)
    assert ("incidents", 2, "B", "future_date") in flat(report)
    assert dataset.incidents[1].date == dt.date(2015, 7, 1)


def test_ods_with_date_cells_numbers_and_blank_rows(tmp_path: Path) -> None:
    rows = workbook_rows()
    rows[1][2] = "22:15"
    rows[3][1] = dt.date(2015, 7, 1)
    rows[3][6] = "Coups.\nDeux lignes."
    path = write_ods(tmp_path / "journal.ods", {"incidents": rows, "pièces": []})
    book = load_workbook(path)
    assert book.sheets["incidents"].header_row == 1
    assert [number for number, _ in book.sheets["incidents"].rows] == [2, 4]
    dataset, report = load_and_validate(path, today=TODAY)
    assert [p.code for p in report.errors] == []
    assert [incident.date for incident in dataset.incidents] == [
        dt.date(2015, 6, 30),
        dt.date(2015, 7, 1),
    ]
    assert dataset.incidents[0].officers == 12
    assert dataset.incidents[1].summary_en == "Coups.\nDeux lignes."


def test_an_empty_optional_sheet_is_not_an_error(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "modele.xlsx",
        {"incidents": workbook_rows(), "personnes": [], "pièces": [], "procédures": []},
    )
    _, report = load_and_validate(path, today=TODAY)
    assert report.ok
    assert [(p.sheet, p.row, p.code) for p in report.problems if p.sheet != "incidents"] == [
        ("personnes", None, "empty_sheet"),
        ("pièces", None, "empty_sheet"),
        ("procédures", None, "empty_sheet"),
    ]


def test_workbook_without_incidents_sheet_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "journal.xlsx", {"Feuil1": workbook_rows()})
    with pytest.raises(LoadError) as caught:
        load_workbook(path)
    assert caught.value.key == "no_incidents"


# -- unreadable inputs ---------------------------------------------------------------------------


def unreadable_inputs(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "corrupt_workbook": tmp_path / "corrupt.xlsx",
        "binary_file": tmp_path / "junk.csv",
        "empty_file": tmp_path / "empty.csv",
        "unsupported_type": tmp_path / "incidents.pdf",
        "input_missing": tmp_path / "missing.xlsx",
    }
    paths["corrupt_workbook"].write_bytes(bytes(range(256)) * 8)
    paths["binary_file"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    paths["empty_file"].write_bytes(b"")
    paths["unsupported_type"].write_bytes(b"%PDF-1.7\n")
    return paths


@pytest.mark.parametrize(
    "key", ["corrupt_workbook", "binary_file", "empty_file", "unsupported_type", "input_missing"]
)
def test_unreadable_inputs_raise_load_error(tmp_path: Path, key: str) -> None:
    path = unreadable_inputs(tmp_path)[key]
    with pytest.raises(LoadError) as caught:
        load_workbook(path)
    assert caught.value.key == key
    assert caught.value.params["file"].endswith(path.name)


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"", "empty_file"),
        (b"  \r\n\r\n", "empty_file"),
        (b"\xef\xbb\xbf", "empty_file"),  # a BOM and nothing else
        (b"\xef\xbb\xbf\r\n,,,\r\n", "empty_file"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "binary_file"),  # an XLSX renamed
        (bytes([7, 200, 17, 3, 150, 22, 140, 5, 31, 250, 2, 130]) * 4, "binary_file"),  # no NUL
    ],
)
def test_csv_that_is_not_text_or_holds_nothing(tmp_path: Path, data: bytes, key: str) -> None:
    path = tmp_path / "incidents.csv"
    path.write_bytes(data)
    with pytest.raises(LoadError) as caught:
        load_workbook(path)
    assert caught.value.key == key


def test_a_stray_control_character_is_left_for_validation_to_report(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_bytes(b"id,date,commune,summary\nA-1,2015-06-30,Calais,bip\x07 \x00\n")
    sheet = load_workbook(path).sheets["incidents"]
    assert (sheet.encoding, list(sheet.rows)) == (
        "utf-8",
        [(2, ["A-1", "2015-06-30", "Calais", "bip\x07 \x00"])],
    )
    _, report = load_and_validate(path, today=TODAY)
    assert [(p.row, p.column, p.code, p.value) for p in report.errors] == [
        (2, "D", "invalid_text", "bip\ufffd \ufffd")
    ]


def test_a_csv_is_read_again_from_the_file_each_time_its_rows_are_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "incidents.csv", [INCIDENT, incident(id="CAL-2")])
    sheet = load_workbook(path).sheets["incidents"]
    assert len(sheet.rows) == 2  # type: ignore[arg-type]
    assert [number for number, _ in sheet.rows] == [number for number, _ in sheet.rows] == [2, 3]


def test_invalid_utf8_after_a_bom_is_a_bad_encoding(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_bytes(b"\xef\xbb\xbfid,date,commune\n" + b"x" * 70000 + b"\n\xe9t\xe9\n")
    with pytest.raises(LoadError) as caught:
        load_workbook(path)
    assert caught.value.key == "bad_encoding"


def test_cp1252_detected_even_when_the_first_accent_is_far_down(tmp_path: Path) -> None:
    rows = [incident(id=f"CAL-{n}") for n in range(200)] + [
        incident(id="CAL-X", commune="Sangatte-Blériot")
    ]
    path = write_csv(tmp_path / "incidents.csv", rows, encoding="cp1252")
    assert path.stat().st_size > 65536
    dataset, report = load_and_validate(path, today=TODAY)
    assert report.ok
    assert dataset.incidents[-1].commune == "Sangatte-Blériot"


def test_ods_or_xlsx_that_is_really_a_csv_is_a_corrupt_workbook(tmp_path: Path) -> None:
    path = tmp_path / "journal.ods"
    path.write_text(csv_text([INCIDENT]))
    with pytest.raises(LoadError) as caught:
        load_workbook(path)
    assert caught.value.key == "corrupt_workbook"


# -- column mapping ---------------------------------------------------------------------------


def test_mapping_file_renames_columns_of_another_export() -> None:
    dataset, report = load_and_validate(
        FIXTURES / "other_export.csv", mapping=FIXTURES / "mapping.toml", today=TODAY
    )
    assert flat(report) == []
    assert [(i.id, i.commune, i.acts, i.confidentiality) for i in dataset.incidents] == [
        ("X-1", "Calais", ["tear_gas"], "public"),
        ("X-2", "Dunkerque", ["belongings_destroyed"], "restricted"),
    ]


def test_mapping_given_as_a_dict_and_matched_like_headers(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text("Réf.,Jour,Ville,Texte\nX-1,2015-06-30,Calais,Gaz.\n")
    mapping = {
        "incidents": {"ref": "id", "JOUR": "date", "ville": "commune", "texte": "summary_fr"}
    }
    book = load_workbook(path, mapping=load_mapping_from(tmp_path, mapping))
    assert book.mapping == {
        "incidents": {"ref": "id", "jour": "date", "ville": "commune", "texte": "summary_fr"}
    }
    dataset, report = load_and_validate(path, mapping=book.mapping, today=TODAY)
    assert [p.code for p in report.problems] == ["default_confidentiality"]
    assert dataset.incidents[0].summary_fr == "Gaz."


def load_mapping_from(
    folder: Path, mapping: dict[str, dict[str, str]]
) -> dict[str, dict[str, str]]:
    lines = []
    for sheet, renames in mapping.items():
        lines.append(f"[{sheet}]")
        lines.extend(f'"{header}" = "{target}"' for header, target in renames.items())
    path = folder / "mapping.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_mapping(path)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[incidents\n", "mapping_invalid"),
        ('[feuille]\n"a" = "id"\n', "mapping_unknown_sheet"),
        ('incidents = "id"\n', "mapping_unknown_sheet"),
        ('[incidents]\n"Jour" = "jour"\n', "mapping_unknown_field"),
        ('[incidents]\n"Jour" = 3\n', "mapping_unknown_field"),
    ],
)
def test_bad_mapping_files_are_usage_errors(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "mapping.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    assert caught.value.key == key


def test_unreadable_mapping_file(tmp_path: Path) -> None:
    with pytest.raises(MappingError) as caught:
        load_mapping(tmp_path / "absent.toml")
    assert caught.value.key == "mapping_unreadable"
    path = tmp_path / "latin1.toml"
    path.write_bytes('[incidents]\n"Réf" = "id"\n'.encode("latin-1"))
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    assert caught.value.key == "mapping_invalid"


def test_a_cell_too_large_for_csv_is_a_malformed_csv(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text("id,date,commune,summary\nA-1,2015-06-30,Calais," + "x" * 200_000 + "\n")
    with pytest.raises(LoadError) as caught:
        load_and_validate(path, today=TODAY)
    assert caught.value.key == "bad_csv"


def test_a_file_that_cannot_be_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_csv(tmp_path / "incidents.csv", [INCIDENT])

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(LoadError) as caught:
        load_workbook(path)
    assert (caught.value.key, caught.value.params["reason"]) == ("unreadable", "Permission denied")


def test_workbook_with_two_tabs_for_one_sheet_is_refused(tmp_path: Path) -> None:
    people = [["id", "pseudonym"], ["P-1", "Abel N."]]
    path = write_xlsx(
        tmp_path / "journal.xlsx",
        {"incidents": workbook_rows(), "persons": people, "Personnes": people},
    )
    with pytest.raises(LoadError) as caught:
        load_workbook(path)
    assert caught.value.key == "duplicate_sheet"


def test_every_load_error_has_a_message_in_both_languages() -> None:
    from dossier.i18n.messages import MESSAGES

    keys = {
        "input_missing",
        "unsupported_type",
        "no_incidents",
        "duplicate_sheet",
        "empty_file",
        "binary_file",
        "bad_encoding",
        "bad_csv",
        "unreadable",
        "corrupt_workbook",
        "mapping_unreadable",
        "mapping_invalid",
        "mapping_unknown_sheet",
        "mapping_unknown_field",
        "mapping_values_field",
        "mapping_unknown_code",
        "mapping_one_code",
    }
    source = "".join(
        (Path(__file__).parents[1] / "dossier" / "input" / name).read_text(encoding="utf-8")
        for name in ("workbook.py", "mapping.py")
    )
    raised = set(re.findall(r'(?:LoadError|MappingError)\(\s*"(\w+)"', source))
    assert raised == keys
    assert all(set(MESSAGES[key]) == {"fr", "en"} for key in keys)
