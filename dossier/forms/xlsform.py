"""The XLSForm (KoboToolbox / ODK form definition) matching dossier's fields, so that a group can
collect with KoboToolbox or ODK and read the exports with the ``kobo`` profile."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dossier.files import write_atomic
from dossier.forms.xlsx import set_text, workbook_bytes
from dossier.input.kobo_form import COUNT_PREFIX, GEOPOINT_NAME, MEDIA_LABELS, MEDIA_QUESTIONS
from dossier.schema import vocab
from dossier.schema.columns import ID_PATTERN, Field, Kind, SheetSpec
from dossier.schema.fields import INCIDENTS, PERSONS, PROCEEDINGS, SHEETS_BY_KEY
from dossier.schema.header_keys import column_letter

XLSFORM_TITLE = "Journal des incidents"
XLSFORM_ID = "dossier_incidents"
XLSFORM_VERSION = "1"
_LANGS = (("fr", "Français (fr)"), ("en", "English (en)"))
_ID_CONSTRAINT = f"regex(., '{ID_PATTERN}')"
_ID_MESSAGE = (
    "Lettres, chiffres, - _ . / seulement, sans espace.",
    "Letters, digits, - _ . / only, no spaces.",
)
_RIO_CONSTRAINT = "regex(., '^ *[0-9]{7}( *; *[0-9]{7})* *$')"
_RIO_MESSAGE = (
    "Numéros de 7 chiffres séparés par « ; ».",
    "7-digit numbers separated by “;”.",
)
_QUESTION_TYPES = {
    Kind.TEXT: "text",
    Kind.ID: "text",
    Kind.ID_LIST: "text",
    Kind.TEXT_LIST: "text",
    Kind.RIO_LIST: "text",
    Kind.DATE: "date",
    Kind.TIME: "time",
    Kind.DATETIME: "dateTime",
    Kind.INT: "integer",
    Kind.URL: "text",
    Kind.PATH: "text",
    Kind.SHA256: "text",
}
# The form: groups in order, each with the fields it asks (sheet key, field key).
_FORM: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    # (kind, name, French label, English label, field keys)
    (
        "group",
        "where_when",
        "Quand et où",
        "When and where",
        ("id", "date", "time", "date_precision", "commune", "place", "location_type", "gps"),
    ),
    (
        "group",
        "forces_present",
        "Forces de l'ordre",
        "Security forces",
        ("context", "forces", "units", "officers", "rio", "rio_visible"),
    ),
    (
        "group",
        "what_happened",
        "Faits",
        "What happened",
        (
            "acts",
            "done_by",
            "weapons",
            "victims_count",
            "minors_involved",
            "injuries",
            "medical_certificate",
            "itt_days",
            "belongings",
            "summary_fr",
            "summary_en",
        ),
    ),
    (
        "group",
        "translations",
        "Traductions",
        "Translations",
        tuple(
            f"{key}_{lang}"
            for key in ("place", "units", "weapons", "injuries")
            for lang in ("fr", "en")
        ),
    ),
    ("group", "media", "Pièces jointes", "Attachments", tuple(MEDIA_QUESTIONS)),
    ("repeat", "persons", "Personnes", "Persons", tuple(column.key for column in PERSONS.fields)),
    (
        "repeat",
        "proceedings",
        "Démarches",
        "Proceedings",
        tuple(column.key for column in PROCEEDINGS.fields if column.key != "incident_id"),
    ),
    (
        "group",
        "record",
        "Suivi",
        "Record",
        (
            "knowledge",
            "echr_art3",
            "ddd_reference",
            "violation_status",
            "confidentiality",
            "recorded_by",
            "recorded_on",
        ),
    ),
)
_SURVEY_COLUMNS = (
    "type",
    "name",
    "label::Français (fr)",
    "label::English (en)",
    "hint::Français (fr)",
    "hint::English (en)",
    "required",
    "relevant",
    "constraint",
    "constraint_message::Français (fr)",
    "constraint_message::English (en)",
    "appearance",
    "default",
)


def form_name(sheet_key: str, field_key: str) -> str:
    """The XLSForm question name of a field."""
    return SHEETS_BY_KEY[sheet_key].field(field_key).question


def xlsform_survey() -> list[dict[str, str]]:
    """The rows of the form's survey sheet (column → text), in order."""
    rows: list[dict[str, str]] = [
        {"type": "start", "name": "start"},
        {"type": "end", "name": "end"},
    ]
    for kind, name, label_fr, label_en, keys in _FORM:
        rows.append(
            {
                "type": f"begin_{kind}",
                "name": name,
                "label::Français (fr)": label_fr,
                "label::English (en)": label_en,
            }
        )
        sheet = {"persons": PERSONS, "proceedings": PROCEEDINGS}.get(name, INCIDENTS)
        for key in keys:
            if key == GEOPOINT_NAME:
                rows.append(
                    {
                        "type": "geopoint",
                        "name": GEOPOINT_NAME,
                        "label::Français (fr)": "Position GPS",
                        "label::English (en)": "GPS position",
                        "hint::Français (fr)": "Arrondie dans les éditions publiques.",
                        "hint::English (en)": "Rounded in public editions.",
                    }
                )
            elif key in MEDIA_QUESTIONS:
                rows.append(_media_question(key))
            else:
                rows.extend(_questions(sheet, sheet.field(key)))
        rows.append({"type": f"end_{kind}", "name": name})
    names = [row["name"] for row in rows if not row["type"].startswith("end_")]
    assert len(names) == len(set(names)), "XLSForm names must be unique"
    return rows


def _media_question(name: str) -> dict[str, str]:
    kind = MEDIA_QUESTIONS[name] or name
    question_type = {"photo": "image", "video": "video", "audio": "audio"}.get(kind, "image")
    fr, en = MEDIA_LABELS[name]
    return {
        "type": question_type,
        "name": name,
        "label::Français (fr)": fr,
        "label::English (en)": en,
        "hint::Français (fr)": "Devient une pièce du dossier ; son empreinte SHA-256 est "
        "calculée quand le fichier est téléchargé.",
        "hint::English (en)": "Becomes an exhibit of the dossier; its SHA-256 fingerprint is "
        "computed when the file is downloaded.",
    }


def _questions(sheet: SheetSpec, column: Field) -> list[dict[str, str]]:
    name = column.question
    row = {
        "name": name,
        "label::Français (fr)": _capitalise(column.fr),
        "label::English (en)": _capitalise(column.en),
        "hint::Français (fr)": column.help_fr,
        "hint::English (en)": column.help_en,
    }
    if column.required:
        row["required"] = "yes"
    vocabulary = column.choices
    if column.kind in (Kind.TERM, Kind.BOOL):
        assert vocabulary is not None
        row["type"] = f"select_one {vocabulary.name}"
    elif column.kind in (Kind.TERM_LIST, Kind.COUNTS):
        assert vocabulary is not None
        row["type"] = f"select_multiple {vocabulary.name}"
    else:
        row["type"] = _QUESTION_TYPES[column.kind]
    if column.kind is Kind.ID:
        row["constraint"] = _ID_CONSTRAINT
        row["constraint_message::Français (fr)"], row["constraint_message::English (en)"] = (
            _ID_MESSAGE
        )
    if column.kind is Kind.RIO_LIST:
        row["constraint"] = _RIO_CONSTRAINT
        row["constraint_message::Français (fr)"], row["constraint_message::English (en)"] = (
            _RIO_MESSAGE
        )
    if column.kind is Kind.INT:
        row["constraint"] = f". >= {column.low}"
        if column.high is not None:
            row["constraint"] += f" and . <= {column.high}"
    if column.key in ("summary_fr", "summary_en", "injuries", "custody_notes", "response"):
        row["appearance"] = "multiline"
    if column.key == "itt_days":
        row["relevant"] = "${medical_certificate} = 'yes'"
    if column.key == "minor":
        row["relevant"] = "${age} = ''"
    if column.key == "confidentiality" and column.blank:
        row["default"] = column.blank  # preselected: an unanswered question would mean it too
    if sheet.key in ("persons", "proceedings") and column.key == "id":
        row.pop("required", None)  # generated from the incident id when left blank
        row["hint::Français (fr)"] += " Laissez vide pour un identifiant automatique."
        row["hint::English (en)"] += " Leave blank for an automatic id."
    questions = [row]
    if column.kind is Kind.COUNTS:
        assert vocabulary is not None
        for term in vocabulary.terms:
            questions.append(
                {
                    "type": "integer",
                    "name": f"{COUNT_PREFIX}{term.code}",
                    "label::Français (fr)": f"Nombre : {term.fr}",
                    "label::English (en)": f"How many: {term.en}",
                    "relevant": f"selected(${{{name}}}, '{term.code}')",
                    "constraint": ". >= 0",
                }
            )
    return questions


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def xlsform_choices() -> list[dict[str, str]]:
    """The rows of the form's choices sheet: our vocabularies, codes as names."""
    used: list[vocab.Vocabulary] = []
    for row in xlsform_survey():
        parts = row.get("type", "").split()
        if len(parts) == 2 and parts[0] in ("select_one", "select_multiple"):
            vocabulary = vocab.BY_NAME[parts[1]]
            if vocabulary not in used:
                used.append(vocabulary)
    return [
        {
            "list_name": vocabulary.name,
            "name": term.code,
            "label::Français (fr)": term.fr,
            "label::English (en)": term.en,
        }
        for vocabulary in used
        for term in vocabulary.terms
    ]


def xlsform_bytes() -> bytes:
    """The XLSForm (survey, choices, settings) as XLSX bytes; always the same bytes."""
    # openpyxl: only when a form is written (slow to import)
    from openpyxl import Workbook as OpenpyxlWorkbook
    from openpyxl.styles import Font

    book = OpenpyxlWorkbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    choices = book.create_sheet("choices")
    settings = book.create_sheet("settings")
    choice_columns = ("list_name", "name", "label::Français (fr)", "label::English (en)")
    setting_columns = ("form_title", "form_id", "version", "default_language")
    setting_row = {
        "form_title": XLSFORM_TITLE,
        "form_id": XLSFORM_ID,
        "version": XLSFORM_VERSION,
        "default_language": "Français (fr)",
    }
    for sheet, columns, rows in (
        (survey, _SURVEY_COLUMNS, xlsform_survey()),
        (choices, choice_columns, xlsform_choices()),
        (settings, setting_columns, [setting_row]),
    ):
        _write_rows(sheet, columns, rows, Font(bold=True))
    return workbook_bytes(book, title=f"XLSForm — {XLSFORM_TITLE}")


def _write_rows(sheet: Any, columns: Sequence[str], rows: list[dict[str, str]], bold: Any) -> None:
    for position, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=position)
        set_text(cell, name)
        cell.font = bold
        widths = [len(name), *(len(row.get(name, "")) for row in rows)]
        sheet.column_dimensions[column_letter(position - 1)].width = min(max(widths) + 2, 60)
    for number, row in enumerate(rows, start=2):
        for position, name in enumerate(columns, start=1):
            if row.get(name):
                set_text(sheet.cell(row=number, column=position), row[name])
    sheet.freeze_panes = "A2"


def write_xlsform(path: Path) -> None:
    """Write the XLSForm to ``path``: upload it to KoboToolbox or ODK Central to collect."""
    write_atomic(path, xlsform_bytes())
