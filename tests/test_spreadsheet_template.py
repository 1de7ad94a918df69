"""Tests for dossier.forms.spreadsheet: the workbook a volunteer sees, fills in and sends."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers import TODAY

from dossier.forms.spreadsheet import (
    TEMPLATE_MESSAGES,
    spreadsheet_template_bytes,
    write_spreadsheet_template,
)
from dossier.forms.xlsx import set_text
from dossier.i18n.messages import MESSAGES
from dossier.input.problems import Problem
from dossier.input.template_rows import drop_example_rows
from dossier.input.workbook import CsvRows, load_workbook
from dossier.schema import vocab
from dossier.schema.fields import SHEETS, Kind
from dossier.schema.template_marks import is_helper_sheet
from dossier.validate.rows import load_and_validate, validate_workbook
from dossier.validate.validation_report import ValidationReport

LANGS = ("fr", "en")


@pytest.fixture(autouse=True)
def template_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages until they are merged into dossier.i18n.messages (identical once merged)."""
    for key, templates in TEMPLATE_MESSAGES.items():
        monkeypatch.setitem(MESSAGES, key, templates)


@pytest.fixture(scope="module")
def templates() -> dict[str, bytes]:
    return {lang: spreadsheet_template_bytes(lang) for lang in LANGS}


def open_template(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def validations(sheet: Any) -> dict[str, Any]:
    """Column letter → the data validation that covers rows 2 onwards of that column."""
    found = {}
    for rule in sheet.data_validations.dataValidation:
        for cells in str(rule.sqref).split():
            start = cells.split(":")[0]
            assert start.endswith("2"), cells
            found[start[:-1]] = rule
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_sheets_headers_and_frozen_row_in_the_chosen_language(
    templates: dict[str, bytes], lang: str
) -> None:
    book = open_template(templates[lang])
    instructions = {"fr": "mode d'emploi", "en": "instructions"}[lang]
    lists = {"fr": "listes", "en": "lists"}[lang]
    assert book.sheetnames == [instructions, *(spec.name(lang) for spec in SHEETS), lists]
    assert book[lists].sheet_state == "hidden"
    assert book.active.title == instructions
    for spec in SHEETS:
        sheet = book[spec.name(lang)]
        assert [cell.value for cell in sheet[1]] == [column.header(lang) for column in spec.fields]
        assert sheet.freeze_panes == "A2"


def test_french_names() -> None:
    book = open_template(spreadsheet_template_bytes("fr"))
    assert book.sheetnames[1:5] == ["incidents", "personnes", "pièces", "procédures"]
    assert [c.value for c in book["procédures"][1]][:3] == ["identifiant", "incident", "type"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_header_has_a_comment_explaining_it(templates: dict[str, bytes], lang: str) -> None:
    book = open_template(templates[lang])
    for spec in SHEETS:
        for cell, column in zip(book[spec.name(lang)][1], spec.fields, strict=True):
            assert cell.comment is not None, (spec.key, column.key)
            assert column.help(lang) in cell.comment.text.split("\n")[0]
    incidents = book[{"fr": "incidents", "en": "incidents"}[lang]]
    if lang == "fr":
        assert incidents["A1"].comment.text.startswith("Obligatoire. Identifiant unique")
        assert "séparées par « ; »" in incidents["K1"].comment.text  # forces
        assert "gendarmerie mobile" in incidents["K1"].comment.text
    else:
        assert incidents["A1"].comment.text.startswith("Required. Unique id of the incident")
        assert "mobile gendarmerie" in incidents["K1"].comment.text


@pytest.mark.parametrize("lang", LANGS)
def test_single_term_columns_offer_the_labels_of_their_vocabulary(
    templates: dict[str, bytes], lang: str
) -> None:
    book = open_template(templates[lang])
    lists = book[{"fr": "listes", "en": "lists"}[lang]]
    for spec in SHEETS:
        rules = validations(book[spec.name(lang)])
        for position, column in enumerate(spec.fields):
            letter = openpyxl.utils.get_column_letter(position + 1)
            vocabulary = vocab.YES_NO_UNKNOWN if column.kind is Kind.BOOL else column.vocabulary
            rule = rules.get(letter)
            if column.kind in (Kind.TERM, Kind.BOOL):
                assert vocabulary is not None
                assert rule is not None and rule.type == "list", column.key
                assert rule.errorStyle == "stop" and rule.showErrorMessage
                name = book.defined_names[rule.formula1]
                ((sheet_name, cells),) = list(name.destinations)
                assert sheet_name == lists.title
                labels = [row[0].value for row in lists[cells.replace("$", "")]]
                assert labels == [term.label(lang) for term in vocabulary.terms]
                # A label picked from the list reads back as its term.
                assert [vocabulary.lookup(label) for label in labels] == list(vocabulary.terms)
            elif column.kind in (Kind.TERM_LIST, Kind.COUNTS):
                assert rule is not None and rule.type is None, column.key
                note = {"fr": "séparées par « ; »", "en": "separated by “;”"}[lang]
                if column.kind is Kind.COUNTS:
                    note = {"fr": "tente:3", "en": "tent:3"}[lang]
                assert note in rule.prompt
                assert rule.showInputMessage
                assert len(rule.prompt) <= 255 and len(rule.promptTitle) <= 32


@pytest.mark.parametrize("lang", LANGS)
def test_dates_and_numbers_are_validated(templates: dict[str, bytes], lang: str) -> None:
    book = open_template(templates[lang])
    for spec in SHEETS:
        sheet = book[spec.name(lang)]
        rules = validations(sheet)
        for position, column in enumerate(spec.fields):
            letter = openpyxl.utils.get_column_letter(position + 1)
            rule = rules.get(letter)
            if column.kind in (Kind.DATE, Kind.DATETIME):
                assert rule is not None and rule.type == "date", column.key
                assert (rule.operator, rule.formula1, rule.formula2) == (
                    "between",
                    "32874",
                    "73050",
                )
                # A warning only: "2015-06" (month) and "2015" (year) are valid dates for dossier.
                assert rule.errorStyle == "warning"
            if column.kind is Kind.INT:
                assert rule is not None and rule.type == "whole", column.key
                assert rule.errorStyle == "stop"
                if column.key == "age":
                    assert (rule.operator, rule.formula1, rule.formula2) == ("between", "0", "120")
                else:
                    assert (rule.operator, rule.formula1) == ("greaterThanOrEqual", "0")
    incidents = book["incidents"]
    assert incidents["B2"].number_format == {"fr": "dd/mm/yyyy", "en": "yyyy-mm-dd"}[lang]
    assert incidents.column_dimensions["N"].number_format == "@"  # RIO: keep leading zeros


@pytest.mark.parametrize("lang", LANGS)
def test_one_example_row_per_sheet_marked_as_such(templates: dict[str, bytes], lang: str) -> None:
    book = open_template(templates[lang])
    prefix = {"fr": "EXEMPLE-", "en": "EXAMPLE-"}[lang]
    for spec in SHEETS:
        sheet = book[spec.name(lang)]
        assert sheet.max_row == 2
        assert str(sheet["A2"].value).startswith(prefix)
        assert sheet["A2"].font.italic
        note = {"fr": "Exemple : à supprimer.", "en": "Example: delete this row."}[lang]
        assert sheet["A2"].comment.text.startswith(note)
    summary = {"fr": "EXEMPLE FICTIF — ligne à supprimer.", "en": "FICTIONAL EXAMPLE"}[lang]
    assert summary in book["incidents"]["X2"].value + book["incidents"]["Y2"].value


@pytest.mark.parametrize("lang", LANGS)
def test_instructions_sheet(templates: dict[str, bytes], lang: str) -> None:
    book = open_template(templates[lang])
    sheet = book.worksheets[0]
    text = "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)
    if lang == "fr":
        assert "Journal des incidents — modèle à remplir" in text
        assert "supprimez-la avant de construire un dossier" in text
        assert "incidents — forces de l'ordre" in text
    else:
        assert "Incident log — template to fill in" in text
        assert "delete it before building a dossier" in text
        assert "incidents — forces" in text
    for term in vocab.ACT.terms:
        assert term.label(lang) in text


def test_no_cell_is_a_formula(templates: dict[str, bytes]) -> None:
    for data in templates.values():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/sheet"):
                    assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+33 6 00 00 00 01", "-2", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path: Path, text: str) -> None:
    book = openpyxl.Workbook()
    set_text(book.active["A1"], text)
    set_text(book.active["A2"], "plain")
    book.save(tmp_path / "t.xlsx")
    back = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert (back["A1"].value, back["A1"].data_type, back["A1"].quotePrefix) == (text, "s", True)
    assert back["A2"].quotePrefix is False
    with zipfile.ZipFile(tmp_path / "t.xlsx") as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("lang", LANGS)
def test_same_language_same_bytes_with_fixed_dates(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "template.xlsx"
    write_spreadsheet_template(path, lang)
    assert path.read_bytes() == spreadsheet_template_bytes(lang)
    with zipfile.ZipFile(path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2024-01-01T00:00:00Z") == 2  # created and modified


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang"):
        spreadsheet_template_bytes("de")


# -- filled in as a person would ------------------------------------------------------------

# What a volunteer types, per language: labels picked from the drop-down lists, lists with ";",
# real date and time cells, numbers.
FILLED: dict[str, dict[str, list[dict[str, Any]]]] = {
    "fr": {
        "incidents": [
            {
                "id": "CAL-2016-0010",
                "date": dt.date(2016, 4, 2),
                "time": dt.time(21, 40),
                "date_precision": "exacte",
                "commune": "Calais",
                "place": "rue des Garennes",
                "location_type": "campement",
                "latitude": 50.9563,
                "longitude": 1.8832,
                "context": "expulsion de campement",
                "forces": "CRS ; police nationale",
                "officers": 15,
                "rio": "0123456",
                "rio_visible": "oui",
                "acts": "gaz lacrymogène ; biens détruits",
                "victims_count": 2,
                "minors_involved": "non",
                "injuries": "irritation des yeux",
                "medical_certificate": "oui",
                "itt_days": 1,
                "belongings": "tente:4 ; sac de couchage:3",
                "summary_fr": "=Les CRS ont gazé le campement.",  # starts like a formula
                "victim_ids": "P-001",
                "evidence_ids": "E-001",
                "violation_status": "probable",
                "confidentiality": "restreint",
                "recorded_by": "M. L.",
                "recorded_on": dt.date(2016, 4, 3),
            },
            {
                "id": "COQ-2016-0011",
                "date": dt.date(2016, 5, 1),
                "date_precision": "mois",
                "commune": "Coquelles",
                "forces": "police aux frontières",
                "acts": "chien",
                "summary_fr": "Morsure de chien (fictif).",
                "confidentiality": "confidentiel",
            },
        ],
        "persons": [
            {
                "id": "P-001",
                "pseudonym": "Dawit K.",
                "roles": "victime",
                "age": 22,
                "gender": "homme",
                "legal_name": "Temezgi Aldorabe",
                "contact": "+33 6 00 00 20 01",
                "art8_status": "a consenti",
                "publication_consent": "anonymisé",
                "interview_date": dt.date(2016, 4, 3),
                "interview_mode": "individuel",
                "interpreter": "oui",
            }
        ],
        "evidence": [
            {
                "id": "E-001",
                "incident_ids": "CAL-2016-0010",
                "kind": "photographie",
                "url": "https://example.org/tente.jpg",
                "captured_at": dt.datetime(2016, 4, 3, 10, 0),
                "confidentiality": "restreint",
            }
        ],
        "proceedings": [
            {
                "id": "D-001",
                "incident_id": "CAL-2016-0010",
                "type": "signalement IGPN",
                "date": dt.date(2016, 4, 10),
                "status": "sans réponse",
            }
        ],
    },
    "en": {
        "incidents": [
            {
                "id": "CAL-2016-0010",
                "date": dt.date(2016, 4, 2),
                "time": dt.time(21, 40),
                "date_precision": "exact",
                "commune": "Calais",
                "location_type": "camp",
                "context": "eviction",
                "forces": "CRS riot police; national police",
                "officers": 15,
                "rio": "0123456",
                "rio_visible": "yes",
                "acts": "tear gas or pepper spray; belongings destroyed",
                "minors_involved": "no",
                "medical_certificate": "yes",
                "itt_days": 1,
                "belongings": "tent:4; sleeping bag:3",
                "summary_en": "-CRS officers gassed the camp.",  # starts like a formula
                "victim_ids": "P-001",
                "evidence_ids": "E-001",
                "violation_status": "probable",
                "confidentiality": "restricted",
                "recorded_on": dt.date(2016, 4, 3),
            }
        ],
        "persons": [
            {
                "id": "P-001",
                "pseudonym": "Dawit K.",
                "roles": "victim",
                "age": 22,
                "gender": "man",
                "art8_status": "consented",
                "publication_consent": "anonymised",
                "interview_date": dt.date(2016, 4, 3),
                "interpreter": "yes",
            }
        ],
        "evidence": [
            {
                "id": "E-001",
                "incident_ids": "CAL-2016-0010",
                "kind": "photograph",
                "url": "https://example.org/tent.jpg",
                "confidentiality": "restricted",
            }
        ],
        "proceedings": [
            {"id": "D-001", "incident_id": "CAL-2016-0010", "type": "IGPN report"},
        ],
    },
}


def fill(data: bytes, lang: str, path: Path, *, keep_examples: bool = False) -> Path:
    """Open the template, delete the example rows (as instructed), type rows in, save."""
    book = open_template(data)
    for spec in SHEETS:
        sheet = book[spec.name(lang)]
        if not keep_examples:
            sheet.delete_rows(2)
        first = 3 if keep_examples else 2
        for number, values in enumerate(FILLED[lang].get(spec.key, []), start=first):
            for position, column in enumerate(spec.fields, start=1):
                if column.key in values:
                    cell = sheet.cell(row=number, column=position)
                    value = values[column.key]
                    if isinstance(value, str):
                        set_text(cell, value)  # a person's typing is never a formula either
                    else:
                        cell.value = value
    book.save(path)
    return path


def only_helper_sheet_warnings(report: ValidationReport) -> list[Problem]:
    """Problems other than the helper sheets' "unknown sheet" (silent once load.py skips them)."""
    return [
        p
        for p in report.problems
        if not (p.code == "unknown_sheet" and p.sheet is not None and is_helper_sheet(p.sheet))
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_a_filled_in_template_validates_without_mapping(
    templates: dict[str, bytes], tmp_path: Path, lang: str
) -> None:
    path = fill(templates[lang], lang, tmp_path / f"journal-{lang}.xlsx")
    dataset, report = load_and_validate(path, today=TODAY)
    assert only_helper_sheet_warnings(report) == []
    assert [count.accepted for count in report.counts.values()] == [
        len(FILLED[lang].get(spec.key, [])) for spec in SHEETS
    ]
    first = dataset.incidents[0]
    assert first.forces == ["crs", "national_police"]
    assert first.acts == ["tear_gas", "belongings_destroyed"]
    assert first.belongings == {"tent": 4, "sleeping_bag": 3}
    assert first.rio == ["0123456"]
    assert first.time == dt.time(21, 40)
    assert (first.rio_visible, first.medical_certificate, first.itt_days) == ("yes", True, 1)
    summary = first.summary_fr if lang == "fr" else first.summary_en
    assert summary in ("=Les CRS ont gazé le campement.", "-CRS officers gassed the camp.")
    assert dataset.persons[0].art8_status == "consented"
    assert dataset.evidence[0].kind == "photo"
    assert dataset.proceedings[0].type == "igpn_report"
    if lang == "fr":
        assert dataset.incidents[1].date_precision == "month"
        assert dataset.evidence[0].captured_at == dt.datetime(2016, 4, 3, 10, 0)


@pytest.mark.parametrize("lang", LANGS)
def test_the_example_rows_are_valid_data(
    templates: dict[str, bytes], tmp_path: Path, lang: str
) -> None:
    """A volunteer who copies an example row and changes its id gets no error and no warning."""
    path = tmp_path / "t.xlsx"
    path.write_bytes(templates[lang])
    book = load_workbook(path)
    prefix = {"fr": "EXEMPLE-", "en": "EXAMPLE-"}[lang]
    for sheet in book.sheets.values():
        sheet.rows = [
            (number, [c.replace(prefix, "X-") if isinstance(c, str) else c for c in cells])
            for number, cells in sheet.rows
        ]
    dataset, report = validate_workbook(book, today=TODAY)
    assert only_helper_sheet_warnings(report) == []
    assert [count.accepted for count in report.counts.values()] == [1] * len(SHEETS)
    assert dataset.incidents[0].victim_ids == ["X-P01"]


@pytest.mark.parametrize("lang", LANGS)
def test_example_rows_left_in_are_left_out_with_a_warning(
    templates: dict[str, bytes], tmp_path: Path, lang: str
) -> None:
    path = fill(templates[lang], lang, tmp_path / "kept.xlsx", keep_examples=True)
    book = load_workbook(path)
    warnings = drop_example_rows(book)
    dataset, report = validate_workbook(book, today=TODAY)
    assert report.ok
    assert [item.id for item in dataset.incidents][:1] == ["CAL-2016-0010"]
    assert not any(item.id.upper().startswith(("EXEMPLE", "EXAMPLE")) for item in dataset.persons)
    names = [spec.name(lang) for spec in SHEETS]
    header = {"fr": "identifiant", "en": "id"}[lang]
    assert [(p.sheet, p.row, p.column, p.header, p.code) for p in warnings] == [
        (name, 2, "A", header, "template_example_row") for name in names
    ]
    example = {"fr": "EXEMPLE-0001", "en": "EXAMPLE-0001"}[lang]
    assert warnings[0].message("fr") == (
        f"ligne d'exemple du modèle («\u202f{example}\u202f»)\u00a0: ignorée\u202f; supprimez-la."
    )
    assert warnings[0].message("en") == (
        f"example row from the template (“{example}”): ignored; delete it."
    )


def test_example_rows_of_a_csv_are_left_out_lazily(tmp_path: Path) -> None:
    (tmp_path / "incidents.csv").write_text(
        "id,date,commune,summary\nEXAMPLE-0001,2016-03-01,Calais,x\nCAL-1,2016-03-02,Calais,y\n",
        encoding="utf-8",
    )
    book = load_workbook(tmp_path / "incidents.csv")
    (warning,) = drop_example_rows(book)
    assert (warning.file, warning.row, warning.column) == ("incidents.csv", 2, "A")
    dataset, _report = validate_workbook(book, today=TODAY)
    assert [item.id for item in dataset.incidents] == ["CAL-1"]


def test_validation_reads_a_csv_once_leaving_example_rows_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "incidents.csv").write_text(
        "id,date,commune,summary\nCAL-1,2016-03-02,Calais,y\nEXAMPLE-0001,2016-03-01,Calais,x\n",
        encoding="utf-8",
    )
    reads = []
    iterate = CsvRows.__iter__

    def counted(rows: CsvRows) -> Any:
        reads.append(rows.path.name)
        return iterate(rows)

    monkeypatch.setattr(CsvRows, "__iter__", counted)
    dataset, report = validate_workbook(load_workbook(tmp_path / "incidents.csv"), today=TODAY)
    assert reads == ["incidents.csv"]
    assert [item.id for item in dataset.incidents] == ["CAL-1"]
    assert [(p.row, p.code, p.value) for p in report.problems] == [
        (2, "default_confidentiality", None),
        (3, "template_example_row", "EXAMPLE-0001"),
    ]
    assert (report.counts["incidents"].read, report.counts["incidents"].accepted) == (1, 1)


def has_libreoffice_calc() -> bool:
    """LibreOffice with its spreadsheet part (Debian: libreoffice-calc-nogui), not Writer alone."""
    soffice = shutil.which("soffice")
    return soffice is not None and (Path(soffice).resolve().parent / "libsclo.so").exists()


@pytest.mark.slow
@pytest.mark.skipif(not has_libreoffice_calc(), reason="LibreOffice Calc is not installed")
@pytest.mark.parametrize("lang", LANGS)
def test_saved_again_by_libreoffice_it_still_validates(
    templates: dict[str, bytes], tmp_path: Path, lang: str
) -> None:
    filled = fill(templates[lang], lang, tmp_path / "filled.xlsx")
    for target in ("ods", "xlsx"):
        out = tmp_path / target
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                "--convert-to",
                target,
                "--outdir",
                str(out),
                str(filled),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        dataset, report = load_and_validate(out / f"filled.{target}", today=TODAY)
        assert only_helper_sheet_warnings(report) == [], target
        assert dataset.incidents[0].forces == ["crs", "national_police"]
        assert dataset.incidents[0].rio == ["0123456"]
