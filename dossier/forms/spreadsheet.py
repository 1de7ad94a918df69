"""Write an empty incident workbook, ready to fill in, that validates without any mapping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from dossier.files import write_atomic
from dossier.forms.xlsx import set_text, set_value, workbook_bytes
from dossier.i18n.messages import MESSAGES
from dossier.schema import vocab
from dossier.schema.columns import Field, Kind, SheetSpec, SpreadsheetRule, spreadsheet_serial
from dossier.schema.fields import SHEETS
from dossier.schema.header_keys import column_letter
from dossier.schema.template_marks import EXAMPLE_PREFIX, INSTRUCTIONS_SHEET, LISTS_SHEET

LANGUAGES = ("fr", "en")
# Data validation reaches the last row either program allows, so it covers rows added later.
_LAST_ROW = 1_048_576
_DATE_FORMAT = {"fr": "dd/mm/yyyy", "en": "yyyy-mm-dd"}
_NUMBER_FORMATS = {
    Kind.TIME: "hh:mm",
    Kind.INT: "0",
    # Text format keeps leading zeros ("0123456") and stops ids and fingerprints turning into
    # numbers or dates as they are typed.
    Kind.ID: "@",
    Kind.ID_LIST: "@",
    Kind.RIO_LIST: "@",
    Kind.SHA256: "@",
}
_WIDE = {"summary_fr": 60, "summary_en": 60, "place": 32, "injuries": 32, "response": 40}
_WIDE |= {"description_fr": 40, "description_en": 40, "custody_notes": 40, "url": 32}

_HEADER_FILL = "FFDDE5F0"
_REQUIRED_FILL = "FFF8CBAD"
_EXAMPLE_FILL = "FFFFF2CC"
_EXAMPLE_FONT = "FF7F7F7F"

# Texts of the template, per language. Excel refuses a workbook whose validation titles pass 32
# characters or whose messages pass 255: _fit() checks them.
_TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Journal des incidents — modèle à remplir",
        "example_note": "Exemple : à supprimer.\nLigne fictive qui montre comment remplir "
        "chaque colonne ; supprimez-la avant de construire un dossier.",
        "list_title": "Choisir dans la liste",
        "list_error": "Choisissez une valeur de la liste déroulante.",
        "multi_title": "Plusieurs valeurs",
        "values": "Valeurs acceptées : {values}.",
        "values_elsewhere": "Valeurs acceptées : voir la feuille « {sheet} ».",
        "date_title": "Date",
        "date_prompt": "Une date, par ex. 30/06/2015. Mois seul connu : saisissez le 1er et "
        "choisissez la précision « mois ».",
        "date_error": "Ce n'est pas une date entre {low} et {high}. Continuer quand même ?",
        "datetime_prompt": "Date et heure, par ex. 30/06/2015 14:30.",
        "time_title": "Heure",
        "time_prompt": "Une heure, par ex. 22:15.",
        "time_error": "Ce n'est pas une heure (HH:MM). Continuer quand même ?",
        "int_title": "Nombre entier",
        "int_error": "Attendu : un nombre entier entre {low} et {high}.",
        "int_error_open": "Attendu : un nombre entier positif ou nul.",
        "coordinate_title": "Degrés décimaux",
        "coordinate_error": "Attendu : un nombre entre {low} et {high} (degrés décimaux). "
        "Continuer quand même ?",
        "counts_prompt": "libellé:nombre séparés par « ; », par ex. tente:3 ; sac de couchage:2.",
        "ids_prompt": "Identifiants séparés par « ; », par ex. P-001 ; P-002.",
        "rio_prompt": "Numéros RIO de 7 chiffres séparés par « ; ».",
        "warning_title": "Valeur inattendue",
        "error_title": "Valeur refusée",
        "values_heading": "Valeurs acceptées par colonne",
        "column": "colonne",
        "sheet": "feuille",
        "required": "Obligatoire.",
        "multi_note": "Plusieurs valeurs possibles, séparées par « ; ».",
    },
    "en": {
        "title": "Incident log — template to fill in",
        "example_note": "Example: delete this row.\nA fictional row that shows how to fill each "
        "column; delete it before building a dossier.",
        "list_title": "Pick from the list",
        "list_error": "Pick a value from the drop-down list.",
        "multi_title": "Several values",
        "values": "Accepted values: {values}.",
        "values_elsewhere": "Accepted values: see the “{sheet}” sheet.",
        "date_title": "Date",
        "date_prompt": "A date, e.g. 2015-06-30. Only the month known: enter the 1st and set "
        "the date precision to “month”.",
        "date_error": "This is not a date between {low} and {high}. Keep it anyway?",
        "datetime_prompt": "Date and time, e.g. 2015-06-30 14:30.",
        "time_title": "Time",
        "time_prompt": "A time, e.g. 22:15.",
        "time_error": "This is not a time (HH:MM). Keep it anyway?",
        "int_title": "Whole number",
        "int_error": "Expected a whole number from {low} to {high}.",
        "int_error_open": "Expected a whole number, zero or more.",
        "coordinate_title": "Decimal degrees",
        "coordinate_error": "Expected a number between {low} and {high} (decimal degrees). "
        "Keep it anyway?",
        "counts_prompt": "label:count pairs separated by “;”, e.g. tent:3; sleeping bag:2.",
        "ids_prompt": "Ids separated by “;”, e.g. P-001; P-002.",
        "rio_prompt": "7-digit RIO numbers separated by “;”.",
        "warning_title": "Unexpected value",
        "error_title": "Value refused",
        "values_heading": "Accepted values per column",
        "column": "column",
        "sheet": "sheet",
        "required": "Required.",
        "multi_note": "Several values allowed, separated by “;”.",
    },
}

_INSTRUCTIONS: dict[str, tuple[str, ...]] = {
    "fr": (
        "Ce classeur se remplit dans LibreOffice, Excel ou tout tableur, puis se lit tel quel "
        "par dossier : « dossier validate journal.xlsx » liste les problèmes, « dossier build "
        "journal.xlsx » construit les dossiers.",
        "1. Une ligne par incident dans la feuille « incidents ». Elle seule est obligatoire ; "
        "les feuilles « personnes », « pièces » et « procédures » complètent le dossier.",
        "2. La ligne 2 de chaque feuille est un exemple fictif (identifiant EXEMPLE-…) : "
        "supprimez-la avant de construire un dossier.",
        "3. Survolez un en-tête pour lire son explication. Les en-têtes orangés sont "
        "obligatoires. Ne renommez pas les en-têtes.",
        "4. Les colonnes à liste déroulante n'acceptent qu'une valeur. Dans les autres colonnes "
        "à valeurs multiples, séparez les valeurs par « ; », par ex. « CRS ; police nationale ». "
        "Les valeurs acceptées sont listées plus bas.",
        "5. Dates : une vraie date, par ex. 30/06/2015. Si seul le mois est connu, saisissez le "
        "1er du mois et choisissez « mois » comme précision de la date.",
        "6. Biens touchés : libellé:nombre séparés par « ; », par ex. « tente:3 ; sac de "
        "couchage:2 ».",
        "7. Pièces : placez les fichiers dans un dossier « evidence » à côté de ce classeur et "
        "indiquez leur chemin dans ce dossier, par ex. photos/tente.jpg. Leur empreinte SHA-256 "
        "est calculée et vérifiée.",
        "8. Confidentialité : « public » peut être publié ; « restreint » va aux institutions "
        "et aux ONG partenaires ; « confidentiel » au seul Défenseur des droits. Une case vide "
        "vaut « confidentiel ».",
        "9. Protection des personnes : le nom légal et le contact ne sont imprimés que dans "
        "l'annexe confidentielle. Partout ailleurs, résumés compris, n'écrivez que des "
        "pseudonymes. Conservez ce fichier chiffré.",
        "10. Article 8 : une victime doit avoir été informée de la saisine du Défenseur des "
        "droits sans s'y opposer ; une victime qui a refusé n'apparaît pas dans le dossier.",
        "11. Votre association : le fichier dossier.toml, à côté de ce classeur, dit qui dépose "
        "le dossier (nom, adresse, courriel, la personne qui signe) et sous quel titre. "
        "« dossier init --lang fr » en écrit un à remplir ; un dossier n'est pas construit "
        "tant qu'il garde les exemples du modèle.",
    ),
    "en": (
        "Fill this workbook in LibreOffice, Excel or any spreadsheet program; dossier reads it "
        "as it is: “dossier validate log.xlsx” lists the problems, “dossier build log.xlsx” "
        "builds the dossiers.",
        "1. One row per incident in the “incidents” sheet. Only that sheet is required; the "
        "“persons”, “evidence” and “proceedings” sheets complete the dossier.",
        "2. Row 2 of each sheet is a fictional example (id EXAMPLE-…): delete it before "
        "building a dossier.",
        "3. Hover over a header to read what it means. Orange headers are required. Do not "
        "rename the headers.",
        "4. Columns with a drop-down list take one value. In the other columns that take "
        "several values, separate them with “;”, e.g. “CRS riot police; national police”. The "
        "accepted values are listed below.",
        "5. Dates: a real date, e.g. 2015-06-30. If only the month is known, enter the 1st of "
        "the month and set the date precision to “month”.",
        "6. Belongings affected: label:count pairs separated by “;”, e.g. “tent:3; sleeping "
        "bag:2”.",
        "7. Evidence: put the files in an “evidence” folder next to this workbook and give "
        "their path inside it, e.g. photos/tent.jpg. Their SHA-256 fingerprint is computed "
        "and checked.",
        "8. Confidentiality: “public” may be published; “restricted” goes to institutions and "
        "partner NGOs; “confidential” to the Défenseur des droits only. A blank cell means "
        "“confidential”.",
        "9. Protecting people: the legal name and contact are printed only in the confidential "
        "annex. Everywhere else, summaries included, write pseudonyms only. Keep this file "
        "encrypted.",
        "10. Article 8: a victim must have been informed of the referral to the Défenseur des "
        "droits and not have objected; a victim who refused does not appear in the dossier.",
        "11. Your association: the file dossier.toml, next to this workbook, says who files the "
        "dossier (name, address, e-mail, the person who signs) and under which title. "
        "“dossier init --lang en” writes one to fill in; no dossier is built while it keeps "
        "the starter's examples.",
    ),
}

# Messages this module adds; to be merged into dossier.i18n.messages.MESSAGES.
TEMPLATE_MESSAGES: dict[str, dict[str, str]] = {
    key: value for key, value in MESSAGES.items() if key.startswith("template_")
}


def write_spreadsheet_template(path: Path, lang: str) -> None:
    """Write the template workbook (sheets, headers and texts in ``lang``) to ``path``."""
    write_atomic(path, spreadsheet_template_bytes(lang))


def spreadsheet_template_bytes(lang: str) -> bytes:
    """The template workbook as XLSX bytes; the same ``lang`` always gives the same bytes."""
    # openpyxl (here and below) is imported only when a template is written: slow to import.
    from openpyxl import Workbook as OpenpyxlWorkbook

    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}: {lang!r}")
    text = _TEXT[lang]
    book = OpenpyxlWorkbook()
    instructions = book.active
    assert instructions is not None
    instructions.title = INSTRUCTIONS_SHEET[lang]
    data_sheets = [(_data_sheet(book, spec, lang), spec) for spec in SHEETS]
    list_names = _lists_sheet(book, lang)
    for sheet, spec in data_sheets:
        _validations(sheet, spec, lang, list_names)
    _instructions_sheet(instructions, lang)
    book.active = 0
    return workbook_bytes(book, title=text["title"])


# -- the data sheets ----------------------------------------------------------------------------


def _data_sheet(book: Any, spec: SheetSpec, lang: str) -> Any:
    # openpyxl: only when a template is written (slow to import)
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet = book.create_sheet(spec.name(lang))
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    example = example_rows(lang)[spec.key]
    example_font = Font(italic=True, color=_EXAMPLE_FONT)
    example_fill = PatternFill("solid", fgColor=_EXAMPLE_FILL)
    for position, column in enumerate(spec.fields, start=1):
        header = sheet.cell(row=1, column=position)
        set_text(header, column.header(lang))
        header.font = bold
        header.alignment = wrap
        fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        header.fill = PatternFill("solid", fgColor=fill)
        note = _header_note(column, lang)
        header.comment = Comment(note, "dossier", height=_note_height(note), width=320)
        letter = column_letter(position - 1)
        dimension = sheet.column_dimensions[letter]
        dimension.width = _WIDE.get(column.key, max(14, min(len(column.header(lang)) + 4, 30)))
        number_format = _number_format(column, lang)
        if number_format:
            dimension.number_format = number_format
        cell = sheet.cell(row=2, column=position)
        value = example.get(column.key)
        if value is not None:
            set_value(cell, value)
        if number_format:
            cell.number_format = number_format
        cell.font = example_font
        cell.fill = example_fill
    first = sheet.cell(row=2, column=1)
    first.comment = Comment(_TEXT[lang]["example_note"], "dossier", height=110, width=280)
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32
    return sheet


def _number_format(column: Field, lang: str) -> str | None:
    if column.kind is Kind.DATE:
        return _DATE_FORMAT[lang]
    if column.kind is Kind.DATETIME:
        return f"{_DATE_FORMAT[lang]} hh:mm"
    return _NUMBER_FORMATS.get(column.kind)


def _help(column: Field, lang: str) -> str:
    """The explanation of a column in ``lang``; a required column's says so first."""
    if column.required:
        return f"{_TEXT[lang]['required']} {column.help(lang)}"
    return column.help(lang)


def _header_note(column: Field, lang: str) -> str:
    parts = [_help(column, lang)]
    vocabulary = column.choices
    if column.multi:
        parts.append(_TEXT[lang]["multi_note"])
    if vocabulary is not None and column.kind is not Kind.BOOL:
        labels = "; ".join(term.label(lang) for term in vocabulary.terms)
        parts.append(_TEXT[lang]["values"].format(values=labels))
    return "\n".join(parts)


def _note_height(note: str) -> int:
    lines = sum(1 + len(line) // 45 for line in note.splitlines())
    return max(60, 18 * lines + 10)


def _lists_sheet(book: Any, lang: str) -> dict[str, str]:
    """A hidden sheet with one column of labels per vocabulary; returns vocabulary → name."""
    # openpyxl: only when a template is written (slow to import)
    from openpyxl.workbook.defined_name import DefinedName

    sheet = book.create_sheet(LISTS_SHEET[lang])
    names: dict[str, str] = {}
    used: list[vocab.Vocabulary] = []
    for spec in SHEETS:
        for column in spec.fields:
            vocabulary = column.choices
            if vocabulary is not None and not column.multi and vocabulary not in used:
                used.append(vocabulary)
    for position, vocabulary in enumerate(used, start=1):
        set_text(sheet.cell(row=1, column=position), vocabulary.title(lang))
        for row, term in enumerate(vocabulary.terms, start=2):
            set_text(sheet.cell(row=row, column=position), term.label(lang))
        letter = column_letter(position - 1)
        last = len(vocabulary.terms) + 1
        name = f"list_{vocabulary.name}"
        reference = f"'{sheet.title}'!${letter}$2:${letter}${last}"
        book.defined_names[name] = DefinedName(name, attr_text=reference)
        names[vocabulary.name] = name
        sheet.column_dimensions[letter].width = 28
    sheet.sheet_state = "hidden"
    return names


def _validations(sheet: Any, spec: SheetSpec, lang: str, list_names: dict[str, str]) -> None:
    for position, column in enumerate(spec.fields):
        rule = column.spreadsheet_rule
        if rule is None:
            continue
        letter = column_letter(position)
        validation = _data_validation(rule, column, lang, list_names)
        validation.add(f"{letter}2:{letter}{_LAST_ROW}")
        sheet.add_data_validation(validation)


def _data_validation(
    rule: SpreadsheetRule, column: Field, lang: str, list_names: dict[str, str]
) -> Any:
    """The openpyxl data validation of a column's rule, with its texts in ``lang``."""
    # openpyxl: only when a template is written (slow to import)
    from openpyxl.worksheet.datavalidation import DataValidation

    text = _TEXT[lang]
    if not rule.type:
        # Excel lists cannot pick several values: an input message says how to type them.
        return DataValidation(
            showInputMessage=True,
            promptTitle=_fit(text["multi_title"], 32),
            prompt=_fit(_multi_prompt(column, lang), 255),
            allow_blank=True,
        )
    formula1, formula2 = _formula(rule.low), _formula(rule.high)
    operator: str | None = "between"
    if rule.type == "list":
        assert column.choices is not None
        formula1, operator = list_names[column.choices.name], None
        title, error, prompt = text["list_title"], text["list_error"], _help(column, lang)
    elif rule.type == "date":
        shown = [_shown_date(day, lang) for day in (rule.low, rule.high)]
        error = text["date_error"].format(low=shown[0], high=shown[1])
        title = text["date_title"]
        prompt = text["date_prompt" if column.kind is Kind.DATE else "datetime_prompt"]
    elif rule.type == "time":
        title, error, prompt = text["time_title"], text["time_error"], text["time_prompt"]
    elif rule.type == "whole":
        if formula2 is None:
            operator, error = "greaterThanOrEqual", text["int_error_open"]
        else:
            error = text["int_error"].format(low=formula1, high=formula2)
        title, prompt = text["int_title"], _help(column, lang)
    else:  # decimal
        error = text["coordinate_error"].format(low=formula1, high=formula2)
        title, prompt = text["coordinate_title"], _help(column, lang)
    return DataValidation(
        type=rule.type,
        operator=operator,
        formula1=formula1,
        formula2=formula2,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if rule.refuse else "warning",
        errorTitle=_fit(text["error_title" if rule.refuse else "warning_title"], 32),
        error=_fit(error, 255),
        showInputMessage=True,
        promptTitle=_fit(title, 32),
        prompt=_fit(prompt, 255),
    )


def _formula(bound: float | dt.date | dt.time | None) -> str | None:
    """A bound as a spreadsheet stores it: dates as day numbers, times as fractions of a day."""
    if bound is None:
        return None
    if isinstance(bound, dt.date):
        return str(spreadsheet_serial(bound))
    if isinstance(bound, dt.time):
        seconds = bound.hour * 3600 + bound.minute * 60 + bound.second
        return f"{seconds / 86400:.15g}"
    return str(bound)


def _shown_date(bound: object, lang: str) -> str:
    assert isinstance(bound, dt.date)
    return bound.strftime("%d/%m/%Y" if lang == "fr" else "%Y-%m-%d")


def _multi_prompt(column: Field, lang: str) -> str:
    text = _TEXT[lang]
    if column.kind is Kind.COUNTS:
        return text["counts_prompt"]
    if column.kind is Kind.ID_LIST:
        return text["ids_prompt"]
    if column.kind is Kind.RIO_LIST:
        return text["rio_prompt"]
    note = _TEXT[lang]["multi_note"]
    vocabulary = column.vocabulary
    if vocabulary is None:
        return note
    values = text["values"].format(values="; ".join(term.label(lang) for term in vocabulary.terms))
    prompt = f"{note}\n{values}"
    if len(prompt) > 255:
        prompt = f"{note}\n{text['values_elsewhere'].format(sheet=INSTRUCTIONS_SHEET[lang])}"
    return prompt


def _fit(text: str, limit: int) -> str:
    """Excel's limits on validation texts: a longer one makes it 'repair' the whole file."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- the instructions sheet ---------------------------------------------------------------------


def _instructions_sheet(sheet: Any, lang: str) -> None:
    # openpyxl: only when a template is written (slow to import)
    from openpyxl.styles import Alignment, Font

    text = _TEXT[lang]
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 100
    title = sheet.cell(row=1, column=1)
    set_text(title, text["title"])
    title.font = Font(bold=True, size=14)
    row = 3
    for paragraph in _INSTRUCTIONS[lang]:
        cell = sheet.cell(row=row, column=1)
        set_text(cell, paragraph)
        cell.alignment = wrap
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        sheet.row_dimensions[row].height = 15 * (1 + len(paragraph) // 110)
        row += 1
    row += 1
    heading = sheet.cell(row=row, column=1)
    set_text(heading, text["values_heading"])
    heading.font = Font(bold=True, size=12)
    row += 1
    for spec in SHEETS:
        for column in spec.fields:
            vocabulary = column.choices
            if vocabulary is None:
                continue
            where = sheet.cell(row=row, column=1)
            set_text(where, f"{spec.name(lang)} — {column.header(lang)}")
            where.font = Font(bold=True)
            where.alignment = wrap
            labels = "; ".join(term.label(lang) for term in vocabulary.terms)
            values = sheet.cell(row=row, column=2)
            set_text(values, labels)
            values.alignment = wrap
            sheet.row_dimensions[row].height = 15 * (1 + len(labels) // 95)
            row += 1


# -- the example rows ---------------------------------------------------------------------------


def example_rows(lang: str) -> dict[str, dict[str, object]]:
    """One fictional row per sheet, as a person would type it in ``lang`` (field key → value)."""
    prefix = EXAMPLE_PREFIX[lang]

    def label(vocabulary: vocab.Vocabulary, *codes: str) -> str:
        return "; ".join(vocabulary.label(code, lang) for code in codes)

    def says(fr: str, en: str) -> str:
        return fr if lang == "fr" else en

    incident_id, person_id = f"{prefix}0001", f"{prefix}P01"
    evidence_id, proceeding_id = f"{prefix}E01", f"{prefix}D01"
    belongings = "; ".join(
        f"{vocab.BELONGING.label(code, lang)}:{count}"
        for code, count in (("tent", 3), ("sleeping_bag", 2))
    )
    yes, no = label(vocab.YES_NO_UNKNOWN, "yes"), label(vocab.YES_NO_UNKNOWN, "no")
    return {
        "incidents": {
            "id": incident_id,
            "date": dt.date(2016, 3, 1),
            "time": dt.time(22, 15),
            "date_precision": label(vocab.DATE_PRECISION, "exact"),
            "commune": "Calais",
            "place": says(
                "chemin des Dunes, près du pont (lieu fictif)",
                "chemin des Dunes, near the bridge (fictional place)",
            ),
            "location_type": label(vocab.LOCATION_TYPE, "camp"),
            "latitude": 50.9513,
            "longitude": 1.8587,
            "context": label(vocab.CONTEXT, "eviction"),
            "forces": label(vocab.FORCE, "crs", "national_police"),
            "units": "CRS 8",
            "officers": 12,
            "rio_visible": no,
            "acts": label(vocab.ACT, "tear_gas", "belongings_destroyed"),
            "weapons": says("gazeuse", "pepper spray"),
            "victims_count": 2,
            "minors_involved": no,
            "injuries": says("irritation des yeux", "eye irritation"),
            "medical_certificate": yes,
            "itt_days": 2,
            "belongings": belongings,
            "summary_fr": "EXEMPLE FICTIF — ligne à supprimer. Vers 22 h, des agents ont "
            "aspergé de gaz lacrymogène deux hommes devant leur tente, puis lacéré la tente.",
            "summary_en": "FICTIONAL EXAMPLE — delete this row. At about 10 pm, officers "
            "sprayed tear gas at two men in front of their tent, then slashed the tent.",
            "victim_ids": person_id,
            "evidence_ids": evidence_id,
            "violation_status": label(vocab.VIOLATION_STATUS, "probable"),
            "confidentiality": label(vocab.CONFIDENTIALITY, "confidential"),
            "recorded_by": "A. B.",
            "recorded_on": dt.date(2016, 3, 2),
        },
        "persons": {
            "id": person_id,
            "pseudonym": says("Abel N. (exemple)", "Abel N. (example)"),
            "roles": label(vocab.ROLE, "victim"),
            "age": 24,
            "gender": label(vocab.GENDER, "man"),
            "nationality": says("érythréenne", "Eritrean"),
            "languages": says("tigrigna; anglais", "Tigrinya; English"),
            "art8_status": label(vocab.ART8_STATUS, "consented"),
            "publication_consent": label(vocab.PUBLICATION_CONSENT, "anonymised"),
            "interview_date": dt.date(2016, 3, 2),
            "interview_place": "Calais",
            "interview_mode": label(vocab.INTERVIEW_MODE, "individual"),
            "interview_language": says("tigrigna", "Tigrinya"),
            "interpreter": yes,
        },
        "evidence": {
            "id": evidence_id,
            "incident_ids": incident_id,
            "kind": label(vocab.EVIDENCE_KIND, "photo"),
            "description_fr": "Photo de la tente lacérée (exemple).",
            "description_en": "Photo of the slashed tent (example).",
            "url": "https://example.org/exemple/tente.jpg",
            "captured_at": dt.datetime(2016, 3, 2, 10, 0),
            "captured_by": "A. B.",
            "custody_notes": says(
                "copie de travail ; original sur le disque chiffré de l'association",
                "working copy; original on the association's encrypted drive",
            ),
            "confidentiality": label(vocab.CONFIDENTIALITY, "confidential"),
        },
        "proceedings": {
            "id": proceeding_id,
            "incident_id": incident_id,
            "type": label(vocab.PROCEEDING_TYPE, "police_complaint"),
            "date": dt.date(2016, 3, 3),
            "authority": says("commissariat de Calais", "Calais police station"),
            "reference": says("(exemple)", "(example)"),
            "status": label(vocab.PROCEEDING_STATUS, "no_response"),
        },
        "interviews": {
            "id": f"{prefix}I01",
            "person_ids": person_id,
            "incident_ids": incident_id,
            "date": dt.date(2016, 3, 2),
            "place": "Calais",
            "mode": label(vocab.INTERVIEW_MODE, "individual"),
            "language": says("tigrigna", "Tigrinya"),
            "interpreter": yes,
        },
        "quotes": {
            "id": f"{prefix}Q01",
            "interview_id": f"{prefix}I01",
            "original": says(
                "(exemple) texte dans la langue de la personne", "(example) text as said"
            ),
            "original_language": says("tigrigna", "Tigrinya"),
            "text_fr": "Ils ont gazé la tente pendant que nous dormions (exemple).",
            "text_en": "They gassed the tent while we were sleeping (example).",
            "confidentiality": label(vocab.CONFIDENTIALITY, "confidential"),
        },
        "correspondence": {
            "id": f"{prefix}C01",
            "date": dt.date(2016, 3, 10),
            "sender": says("l'association (exemple)", "the organisation (example)"),
            "recipient": says("préfecture du Pas-de-Calais", "Pas-de-Calais prefecture"),
            "subject": says(
                "Violences lors de l'expulsion du 1er mars (exemple)",
                "Violence during the eviction of 1 March (example)",
            ),
            "summary_fr": "Demande d'enquête sur l'incident du 1er mars (exemple).",
            "summary_en": "Request for an investigation of the incident of 1 March (example).",
            "incident_ids": incident_id,
            "confidentiality": label(vocab.CONFIDENTIALITY, "confidential"),
        },
    }
