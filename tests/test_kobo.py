"""Tests for dossier.input.kobo and dossier.forms.xlsform: Kobo/ODK exports read as a workbook,
and the shipped XLSForm."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import string
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers import REPO, TODAY

from dossier.forms.xlsform import xlsform_bytes, xlsform_choices, xlsform_survey
from dossier.i18n.messages import MESSAGES
from dossier.input.errors import LoadError
from dossier.input.kobo import KOBO_MESSAGES, KoboWorkbook, load_kobo, media_kind
from dossier.input.problems import Problem
from dossier.schema import vocab
from dossier.schema.fields import INCIDENTS, PERSONS, PROCEEDINGS
from dossier.validate.rows import Dataset, load_and_validate, validate_workbook
from dossier.validate.validation_report import ValidationReport

SAMPLES = REPO / "sample_data" / "kobo"
MAIN = "Journal des incidents"


@pytest.fixture(autouse=True)
def kobo_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages until they are merged into dossier.i18n.messages (identical once merged)."""
    for key, templates in KOBO_MESSAGES.items():
        monkeypatch.setitem(MESSAGES, key, templates)


def validate(book: KoboWorkbook) -> tuple[Dataset, ValidationReport]:
    """Validation as the CLI will run it: the profile's own warnings join the report."""
    dataset, report = validate_workbook(book, today=TODAY)
    # Until validate_workbook adds them itself (then this adds nothing).
    report.problems.extend(p for p in book.problems if p not in report.problems)
    return dataset, report


def records(dataset: Dataset) -> dict[str, list[dict[str, Any]]]:
    """Every record without its origin, sorted by id: what a dossier is built from."""
    return {
        name: sorted(
            (item.model_dump(exclude={"origin"}) for item in getattr(dataset, name)),
            key=lambda item: str(item["id"]),
        )
        for name in ("incidents", "persons", "evidence", "proceedings")
    }


def flat(
    problems: list[Problem],
) -> list[tuple[str | None, int | None, str | None, str | None, str]]:
    return [(p.sheet, p.row, p.column, p.header, p.code) for p in problems]


def write_export(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A Kobo-like XLSX export: one sheet per table, headers in the first row."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


BASE_HEADERS = [
    "where_when/incident_id",
    "where_when/date",
    "where_when/commune",
    "what_happened/summary_fr",
    "record/confidentiality",
]
BASE_META = ["_id", "_uuid", "_submission_time", "_validation_status", "_index"]


def submission(number: int, incident_id: str, *extra: Any) -> list[Any]:
    return [
        incident_id,
        "2016-04-02",
        "Calais",
        "Récit fictif.",
        "public",
        *extra,
        100 + number,
        f"uuid-{number}",
        "2016-04-03T08:12:44",
        None,
        number,
    ]


# -- the shipped sample ---------------------------------------------------------------------


def test_the_sample_export_gives_the_same_records_as_its_hand_made_twin() -> None:
    dataset, report = validate(load_kobo(SAMPLES / "export.xlsx"))
    twin, twin_report = load_and_validate(SAMPLES / "equivalent.xlsx", today=TODAY)
    assert report.ok and twin_report.ok
    assert records(dataset) == records(twin)
    assert [len(getattr(dataset, name)) for name in ("incidents", "persons", "evidence")] == [
        6,
        8,
        5,
    ]


def test_the_sample_export_reads_without_unknown_columns_and_says_what_it_left_out() -> None:
    book = load_kobo(SAMPLES / "export.xlsx")
    dataset, report = validate(book)
    assert flat(report.problems) == [
        # « Iraqi (Kurdish) »: read as the vocabulary's « Iraqi Kurdish », with a warning.
        ("persons", 6, "K", "persons/nationality", "nationality_read_as"),
        (MAIN, 8, "DK", "_validation_status", "kobo_not_approved"),
        (MAIN, 4, "CS", "media/video", "kobo_media_not_found"),
    ]
    _read_as, left_out, missing = report.problems
    assert left_out.message("en") == (
        "submission marked “not approved” in KoboToolbox (“TEST-0001”): left out, with its 1 "
        "repeat-group row(s)."
    )
    assert left_out.message("fr").startswith(
        "soumission marquée «\u202fnon approuvée\u202f» dans KoboToolbox («\u202fTEST-0001\u202f»)"
    )
    assert missing.value == "VID_20160601_221012.mp4"
    assert "TEST-0001" not in {item.id for item in dataset.incidents}
    assert "Test" not in {item.pseudonym for item in dataset.persons}


def test_the_sample_export_rows_point_at_the_export() -> None:
    dataset, _report = validate(load_kobo(SAMPLES / "export.xlsx"))
    first = dataset.incidents[0]
    assert first.origin is not None
    assert (first.origin.file, first.origin.sheet, first.origin.row) == ("export.xlsx", MAIN, 2)
    person = next(p for p in dataset.persons if p.pseudonym == "Samir T.")
    assert person.origin is not None and (person.origin.sheet, person.origin.row) == ("persons", 3)


def test_the_sample_export_links_people_exhibits_and_proceedings() -> None:
    dataset, _report = validate(load_kobo(SAMPLES / "export.xlsx"))
    by_id = {item.id: item for item in dataset.incidents}
    first = by_id["CAL-2016-0301"]
    assert first.victim_ids == ["CAL-2016-0301-P1"]
    assert first.witness_ids == ["CAL-2016-0301-P2"]
    assert first.evidence_ids == ["CAL-2016-0301-photo"]
    assert first.forces == ["crs", "national_police"]  # in the order they were answered
    assert first.belongings == {"tent": 4, "sleeping_bag": 3, "blanket": None}
    assert (first.latitude, first.longitude, first.time) == (50.9563, 1.8832, dt.time(21, 40))
    assert first.recorded_on == dt.date(2016, 4, 3)  # from _submission_time
    assert by_id["COQ-2016-0302"].victim_ids == ["P-K01"]  # an id given in the form is kept
    exhibits = {item.id: item for item in dataset.evidence}
    photo = exhibits["CAL-2016-0301-photo"]
    assert (photo.kind, photo.file, photo.sha256_computed) == ("photo", "1459629604123.jpg", True)
    assert photo.url is not None and photo.url.startswith("https://kc.kobo.example.org/media/")
    certificate = exhibits["COQ-2016-0302-certificate_scan"]
    assert certificate.kind == "medical_certificate"
    assert certificate.file is not None and certificate.file.startswith("obs_littoral/attachments/")
    video = exhibits["GS-2016-0303-video"]
    assert (video.kind, video.file) == ("video", None)
    proceedings = [p.id for p in dataset.proceedings if p.incident_id == "COQ-2016-0302"]
    assert proceedings == ["COQ-2016-0302-D1", "COQ-2016-0302-D2"]


def test_the_shipped_samples_are_up_to_date(tmp_path: Path) -> None:
    assert (SAMPLES / "xlsform.xlsx").read_bytes() == xlsform_bytes()
    sys.path.insert(0, str(REPO / "tools"))
    try:
        tool = importlib.import_module("make_kobo_samples")
    finally:
        sys.path.remove(str(REPO / "tools"))
    tool.write(tmp_path)
    for path in sorted(tmp_path.rglob("*")):
        if path.is_file():
            shipped = SAMPLES / path.relative_to(tmp_path)
            assert shipped.read_bytes() == path.read_bytes(), shipped


# -- the XLSForm ----------------------------------------------------------------------------


def test_the_xlsform_has_survey_choices_and_settings_in_french_and_english() -> None:
    book = openpyxl.load_workbook(io.BytesIO(xlsform_bytes()))
    assert book.sheetnames == ["survey", "choices", "settings"]
    survey = [[cell.value for cell in row] for row in book["survey"].iter_rows()]
    assert survey[0][:4] == ["type", "name", "label::Français (fr)", "label::English (en)"]
    settings = {
        cell.value: book["settings"].cell(2, cell.column).value for cell in book["settings"][1]
    }
    assert settings["default_language"] == "Français (fr)"
    assert settings["form_id"] == "dossier_incidents"
    assert xlsform_bytes() == xlsform_bytes()


def test_the_xlsform_asks_every_column_or_derives_it() -> None:
    names = {row["name"] for row in xlsform_survey()}
    derived = {"latitude", "longitude", "victim_ids", "witness_ids", "evidence_ids"}
    incident_names = {"id": "incident_id"}
    for column in INCIDENTS.fields:
        assert column.key in derived or incident_names.get(column.key, column.key) in names
    for column in PERSONS.fields:
        assert {"id": "person_id"}.get(column.key, column.key) in names
    for column in PROCEEDINGS.fields:
        if column.key != "incident_id":  # from the submission the repeat belongs to
            assert column.key in names or f"proceeding_{column.key}" in names
    types = {row["name"]: row["type"] for row in xlsform_survey() if "end_" not in row["type"]}
    assert types["forces"] == "select_multiple force"
    assert types["rio_visible"] == "select_one yes_no_unknown"
    assert types["date"] == "date" and types["officers"] == "integer"
    assert types["gps"] == "geopoint" and types["photo"] == "image"
    assert types["persons"] == "begin_repeat" and types["proceedings"] == "begin_repeat"
    assert types["count_tent"] == "integer"


def test_the_xlsform_choices_are_our_vocabularies() -> None:
    choices = xlsform_choices()
    lists: dict[str, list[tuple[str, str, str]]] = {}
    for row in choices:
        lists.setdefault(row["list_name"], []).append(
            (row["name"], row["label::Français (fr)"], row["label::English (en)"])
        )
    assert lists["act"] == [(t.code, t.fr, t.en) for t in vocab.ACT.terms]
    assert lists["art8_status"] == [(t.code, t.fr, t.en) for t in vocab.ART8_STATUS.terms]
    assert set(lists) >= {"force", "belonging", "role", "proceeding_type", "yes_no_unknown"}


# -- select-multiple ------------------------------------------------------------------------


SPLIT = [f"what_happened/acts/{term.code}" for term in vocab.ACT.terms]


def acts_of(tmp_path: Path, headers: list[str], extra: list[Any]) -> list[str]:
    path = write_export(
        tmp_path / "e.xlsx",
        {MAIN: [BASE_HEADERS + headers + BASE_META, submission(1, "CAL-1", *extra)]},
    )
    dataset, report = validate(load_kobo(path))
    assert report.problems == [], [p.message("en") for p in report.problems]
    return dataset.incidents[0].acts


def flags(*codes: str) -> list[str]:
    return ["1" if term.code in codes else "0" for term in vocab.ACT.terms]


def test_select_multiple_as_one_space_separated_column(tmp_path: Path) -> None:
    assert acts_of(tmp_path, ["what_happened/acts"], ["dog tear_gas"]) == ["dog", "tear_gas"]


def test_select_multiple_as_one_01_column_per_choice(tmp_path: Path) -> None:
    assert acts_of(tmp_path, SPLIT, flags("tear_gas", "dog")) == ["tear_gas", "dog"]


def test_select_multiple_in_both_keeps_the_order_answered(tmp_path: Path) -> None:
    headers = ["what_happened/acts", *SPLIT]
    assert acts_of(tmp_path, headers, ["dog tear_gas", *flags("tear_gas", "dog")]) == [
        "dog",
        "tear_gas",
    ]


def test_select_multiple_columns_that_disagree_trust_the_01_columns(tmp_path: Path) -> None:
    headers = ["what_happened/acts", *SPLIT]
    assert acts_of(tmp_path, headers, ["dog tear_gas", *flags("arrest")]) == ["arrest"]


def test_select_multiple_in_a_label_export(tmp_path: Path) -> None:
    headers = ["Faits/Actes", *(f"Faits/Actes/{term.fr}" for term in vocab.ACT.terms)]
    values = ["gaz lacrymogène chien", *flags("tear_gas", "dog")]
    assert acts_of(tmp_path, headers, values) == ["tear_gas", "dog"]


def test_belongings_with_counts(tmp_path: Path) -> None:
    codes = [term.code for term in vocab.BELONGING.terms]
    headers = [
        "what_happened/belongings",
        *(f"what_happened/belongings/{code}" for code in codes),
        "what_happened/count_tent",
        "what_happened/count_blanket",
    ]
    chosen = ["1" if code in ("tent", "blanket", "phone") else "0" for code in codes]
    path = write_export(
        tmp_path / "e.xlsx",
        {
            MAIN: [
                BASE_HEADERS + headers + BASE_META,
                submission(1, "CAL-1", "tent blanket phone", *chosen, 3, None),
            ]
        },
    )
    dataset, report = validate(load_kobo(path))
    assert report.problems == []
    assert dataset.incidents[0].belongings == {"tent": 3, "blanket": None, "phone": None}


# -- what points where ----------------------------------------------------------------------


def test_errors_point_at_the_cell_of_the_export(tmp_path: Path) -> None:
    headers = ["forces_present/officers", *SPLIT[:3], "what_happened/acts/kettling"]
    path = write_export(
        tmp_path / "export.xlsx",
        {
            MAIN: [
                BASE_HEADERS + headers + BASE_META,
                submission(1, "CAL-1", "douze", "0", "0", "0", "1"),
            ]
        },
    )
    _dataset, report = validate(load_kobo(path))
    assert [
        (p.file, *row) for p, row in zip(report.problems, flat(report.problems), strict=True)
    ] == [
        ("export.xlsx", MAIN, 2, "F", "forces_present/officers", "invalid_int"),
        ("export.xlsx", MAIN, 2, "G", "what_happened/acts/physical_violence", "unknown_term"),
    ]
    assert report.problems[1].value == "kettling"


def test_a_question_we_do_not_know_is_reported_as_an_unknown_column(tmp_path: Path) -> None:
    path = write_export(
        tmp_path / "e.xlsx",
        {MAIN: [[*BASE_HEADERS, "extra/weather", *BASE_META], submission(1, "CAL-1", "rain")]},
    )
    _dataset, report = validate(load_kobo(path))
    assert flat(report.problems) == [(MAIN, 1, "F", "extra/weather", "unknown_column_data")]


def test_a_mapping_names_further_questions(tmp_path: Path) -> None:
    path = write_export(
        tmp_path / "e.xlsx",
        {
            MAIN: [
                [*BASE_HEADERS, "extra/blessures_constatees", *BASE_META],
                submission(1, "CAL-1", "bras"),
            ]
        },
    )
    book = load_kobo(path, mapping={"incidents": {"extra/blessures_constatees": "injuries"}})
    dataset, report = validate(book)
    assert report.problems == []
    assert dataset.incidents[0].injuries == "bras"


def test_odk_times_geopoints_and_submission_time(tmp_path: Path) -> None:
    headers = ["where_when/time", "where_when/gps"]
    path = write_export(
        tmp_path / "e.xlsx",
        {
            MAIN: [
                BASE_HEADERS + headers + BASE_META,
                submission(1, "CAL-1", "22:15:00.000+02:00", "50.95 1.85 0 5"),
            ]
        },
    )
    dataset, report = validate(load_kobo(path))
    assert report.problems == []
    first = dataset.incidents[0]
    assert (first.time, first.latitude, first.longitude) == (dt.time(22, 15), 50.95, 1.85)
    assert first.recorded_on == dt.date(2016, 4, 3)


def test_submission_time_fills_only_an_empty_recorded_on(tmp_path: Path) -> None:
    rows = [
        [*BASE_HEADERS, "record/recorded_on", *BASE_META],
        submission(1, "CAL-1", "2016-04-05"),
        submission(2, "CAL-2", None),
    ]
    dataset, _report = validate(load_kobo(write_export(tmp_path / "e.xlsx", {MAIN: rows})))
    assert [item.recorded_on for item in dataset.incidents] == [
        dt.date(2016, 4, 5),
        dt.date(2016, 4, 3),
    ]


# -- repeat groups --------------------------------------------------------------------------


REPEAT_META = ["_index", "_parent_table_name", "_parent_index", "_submission__uuid"]


def test_repeat_groups_join_their_submission(tmp_path: Path) -> None:
    path = write_export(
        tmp_path / "e.xlsx",
        {
            MAIN: [BASE_HEADERS + BASE_META, submission(1, "CAL-1"), submission(2, "CAL-2")],
            "persons": [
                ["persons/person_id", "persons/pseudonym", "persons/roles", *REPEAT_META],
                [None, "Abel N.", "victim witness", 1, MAIN, 2, "uuid-2"],
                ["P-9", "Tom B.", "witness", 2, MAIN, 2, "uuid-2"],
                [None, "Sara K.", "victim", 3, MAIN, 1, "uuid-1"],
                [None, "Lost", "victim", 4, MAIN, 9, "uuid-9"],
            ],
            "proceedings": [
                ["proceedings/proceeding_type", "proceedings/proceeding_status", *REPEAT_META],
                ["igpn_report", "pending", 1, MAIN, 1, "uuid-1"],
            ],
        },
    )
    dataset, report = validate(load_kobo(path))
    assert flat(report.problems) == [("persons", 5, "F", "_parent_index", "kobo_orphan_row")]
    assert report.problems[0].message("en") == (
        "repeat-group row with no parent submission (“9”): it is linked to no incident."
    )
    persons = {p.id: p for p in dataset.persons}
    assert list(persons) == ["CAL-2-P1", "P-9", "CAL-1-P1", "KOBO-X-P1"]
    assert persons["CAL-2-P1"].origin is not None and persons["CAL-2-P1"].origin.row == 2
    incidents = {i.id: i for i in dataset.incidents}
    assert (incidents["CAL-2"].victim_ids, incidents["CAL-2"].witness_ids) == (
        ["CAL-2-P1"],
        ["CAL-2-P1", "P-9"],
    )
    assert incidents["CAL-1"].victim_ids == ["CAL-1-P1"]
    (step,) = dataset.proceedings
    assert (step.id, step.incident_id, step.type, step.status) == (
        "CAL-1-D1",
        "CAL-1",
        "igpn_report",
        "pending",
    )


def test_a_repeat_group_we_do_not_know_is_an_ignored_sheet(tmp_path: Path) -> None:
    path = write_export(
        tmp_path / "e.xlsx",
        {
            MAIN: [BASE_HEADERS + BASE_META, submission(1, "CAL-1")],
            "vehicles": [["vehicles/plate", *REPEAT_META], ["AB-123-CD", 1, MAIN, 1, "uuid-1"]],
        },
    )
    _dataset, report = validate(load_kobo(path))
    assert flat(report.problems) == [("vehicles", None, None, None, "unknown_sheet")]


# -- media ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("1459629604123.jpg", "photo"),
        ("IMG.HEIC", "photo"),
        ("clip.mp4", "video"),
        ("voice.m4a", "audio"),
        ("note.amr", "audio"),
        ("scan.pdf", "other"),
        ("https://x.example.org/media?file=a.png", "other"),
    ],
)
def test_media_kind_from_the_extension(name: str, kind: str) -> None:
    assert media_kind(name) == kind


def test_media_answers_become_exhibits(tmp_path: Path) -> None:
    evidence = tmp_path / "evidence"
    (evidence / "a" / "uuid-2").mkdir(parents=True)
    (evidence / "photo1.jpg").write_bytes(b"fictional photo")
    (evidence / "a" / "uuid-2" / "voice.m4a").write_bytes(b"fictional sound")
    headers = ["media/photo", "media/photo_URL", "media/audio", "media/audio_URL", "media/scan"]
    url = "https://kc.kobo.example.org/media/original?media_file=x"
    path = write_export(
        tmp_path / "e.xlsx",
        {
            MAIN: [
                BASE_HEADERS + headers + BASE_META,
                submission(1, "CAL-1", "photo1.jpg", url, None, None, None),
                submission(2, "CAL-2", "../../etc/passwd.jpg", url, "voice.m4a", url, None),
            ]
        },
    )
    dataset, report = validate(load_kobo(path))
    assert flat(report.problems) == [
        # the column "media/scan" has no _URL column and no known name: an unknown question
        (MAIN, 1, "J", "media/scan", "unknown_column_suggest"),
        (MAIN, 3, "F", "media/photo", "kobo_media_not_found"),
    ]
    exhibits = {(item.id, item.kind, item.file, item.url) for item in dataset.evidence}
    assert exhibits == {
        ("CAL-1-photo", "photo", "photo1.jpg", url),
        ("CAL-2-photo", "photo", None, url),  # only the bare name is looked up, never a path
        ("CAL-2-audio", "audio", "a/uuid-2/voice.m4a", url),
    }
    assert [item.evidence_ids for item in dataset.incidents] == [
        ["CAL-1-photo"],
        ["CAL-2-photo", "CAL-2-audio"],
    ]
    photo = next(item for item in dataset.evidence if item.id == "CAL-1-photo")
    assert photo.description_fr == "Photo — formulaire KoboToolbox, fichier photo1.jpg"
    assert photo.custody_notes == "KoboToolbox _uuid uuid-1; _submission_time 2016-04-03T08:12:44"
    assert photo.confidentiality == "public"  # the incident's


def test_media_without_a_downloaded_folder_keep_their_url_quietly(tmp_path: Path) -> None:
    path = write_export(
        tmp_path / "e.xlsx",
        {
            MAIN: [
                [*BASE_HEADERS, "media/photo", "media/photo_URL", *BASE_META],
                submission(1, "CAL-1", "p.jpg", "https://kc.kobo.example.org/p.jpg"),
            ]
        },
    )
    dataset, report = validate(load_kobo(path, evidence_dir=tmp_path / "nowhere"))
    assert report.problems == []
    assert [(item.file, item.url) for item in dataset.evidence] == [
        (None, "https://kc.kobo.example.org/p.jpg")
    ]


# -- CSV exports and ODK Central ------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_exports_read_like_the_xlsx(tmp_path: Path, delimiter: str) -> None:
    headers = [*BASE_HEADERS, "forces_present/forces", *BASE_META]
    rows = [submission(1, "CAL-1", "crs paf"), submission(2, "CAL-2", "gendarmerie")]
    text = "\n".join(
        delimiter.join("" if value is None else str(value) for value in row)
        for row in [headers, *rows]
    )
    csv_path = tmp_path / "export.csv"
    csv_path.write_bytes(("\ufeff" + text + "\n").encode("utf-8"))
    xlsx = write_export(tmp_path / "export.xlsx", {MAIN: [headers, *rows]})
    from_csv, report = validate(load_kobo(csv_path))
    assert report.problems == []
    from_xlsx, _ = validate(load_kobo(xlsx))
    assert records(from_csv) == records(from_xlsx)
    assert [item.forces for item in from_csv.incidents] == [["crs", "paf"], ["gendarmerie"]]


def test_an_odk_central_export_folder(tmp_path: Path) -> None:
    folder = tmp_path / "central"
    folder.mkdir()
    (folder / "incidents_form.csv").write_text(
        "SubmissionDate,where_when-incident_id,where_when-date,where_when-commune,"
        "what_happened-summary_fr,what_happened-acts,record-confidentiality,meta-instanceID,KEY,"
        "ReviewState\n"
        "2016-04-03T08:12:44.000Z,CAL-1,2016-04-02,Calais,Récit.,dog arrest,public,uuid:a1,"
        "uuid:a1,\n"
        "2016-04-04T08:00:00.000Z,TEST-1,2016-04-02,Calais,Test.,,public,uuid:b2,uuid:b2,"
        "rejected\n",
        encoding="utf-8",
    )
    (folder / "incidents_form-persons.csv").write_text(
        "pseudonym,roles,PARENT_KEY,KEY\n"
        "Abel N.,victim,uuid:a1,uuid:a1/persons[1]\n"
        "Test,victim,uuid:b2,uuid:b2/persons[1]\n",
        encoding="utf-8",
    )
    dataset, report = validate(load_kobo(folder))
    assert flat(report.problems) == [("incidents_form", 3, "J", "ReviewState", "kobo_not_approved")]
    (only,) = dataset.incidents
    assert (only.id, only.acts, only.victim_ids, only.recorded_on) == (
        "CAL-1",
        ["dog", "arrest"],
        ["CAL-1-P1"],
        dt.date(2016, 4, 3),
    )
    assert [person.pseudonym for person in dataset.persons] == ["Abel N."]


# -- inputs that cannot be read -------------------------------------------------------------


def test_unreadable_inputs_raise_load_errors(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as missing:
        load_kobo(tmp_path / "nope.xlsx")
    assert missing.value.key == "input_missing"
    (tmp_path / "export.pdf").write_bytes(b"%PDF")
    with pytest.raises(LoadError) as unsupported:
        load_kobo(tmp_path / "export.pdf")
    assert unsupported.value.key == "unsupported_type"
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(LoadError) as broken:
        load_kobo(tmp_path / "broken.xlsx")
    assert broken.value.key == "corrupt_workbook"
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(LoadError) as empty:
        load_kobo(tmp_path / "empty.csv")
    assert empty.value.key == "empty_file"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(KOBO_MESSAGES))
def test_messages_are_ready_to_merge_into_the_catalog(key: str) -> None:
    templates = KOBO_MESSAGES[key]
    assert key.startswith("kobo_") and set(templates) == {"fr", "en"}
    assert placeholders(templates["fr"]) == placeholders(templates["en"])
