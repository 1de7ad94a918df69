"""Generate the KoboToolbox samples in ``sample_data/kobo/``: the XLSForm, an export, its twin.

Everything here is invented (people, names, numbers, submissions); see sample_data/README.md.

* ``xlsform.xlsx`` — the form definition (survey, choices, settings) from ``dossier.input.kobo``.
* ``export.xlsx`` — what KoboToolbox exports for 7 fictional submissions of that form ("XML
  values and headers", groups in headers, select-multiple in both representations, media
  URLs): the main sheet, and the ``persons`` and ``proceedings`` repeat groups as sheets.
  One submission is marked "not approved" and must be left out.
* ``evidence/`` — the media files "downloaded" from the server (one is nested as in Kobo's
  attachment archive; the video is missing on purpose: URL only).
* ``equivalent.xlsx`` — the same facts typed by hand into the French spreadsheet template:
  ``dossier`` must read both into the same records.

The script is deterministic: running it twice gives byte-identical files.

    python tools/make_kobo_samples.py            # rewrite sample_data/kobo/
    python tools/make_kobo_samples.py --out DIR  # write elsewhere
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "tools"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from make_sample_data import make_png, make_wav  # noqa: E402

from dossier.forms.spreadsheet import spreadsheet_template_bytes  # noqa: E402
from dossier.forms.xlsform import (  # noqa: E402
    XLSFORM_TITLE,
    form_name,
    xlsform_bytes,
    xlsform_choices,
    xlsform_survey,
)
from dossier.forms.xlsx import set_value, workbook_bytes  # noqa: E402
from dossier.input.kobo_form import (  # noqa: E402
    COUNT_PREFIX,
    GEOPOINT_NAME,
    MEDIA_QUESTIONS,
    media_custody_note,
    media_description,
    media_kind,
)
from dossier.schema import vocab  # noqa: E402
from dossier.schema.fields import EVIDENCE, INCIDENTS, PERSONS, PROCEEDINGS  # noqa: E402

USER = "obs_littoral"  # the (fictional) KoboToolbox account
FORM_UID = "aQkzDssr4Tq9fXmPb7LwEe"
FORM_VERSION = "vRk3nC8qD2fYhW6sJ9pZtA"
SERVER = "https://kc.kobo.example.org"


@dataclass
class Submission:
    uid: str
    number: int  # KoboToolbox's _id
    submitted: str  # _submission_time
    started: str
    answers: dict[str, Any]
    persons: list[dict[str, Any]] = field(default_factory=list)
    proceedings: list[dict[str, Any]] = field(default_factory=list)
    media: dict[str, str] = field(default_factory=dict)  # question → file name
    status: str = ""  # _validation_status


SUBMISSIONS: list[Submission] = [
    Submission(
        uid="3f0c2a9e-1b6d-4c1e-9a51-0d2f7b6c1a01",
        number=101,
        submitted="2016-04-03T08:12:44",
        started="2016-04-03T09:58:12.000+02:00",
        answers={
            "incident_id": "CAL-2016-0301",
            "date": "2016-04-02",
            "time": "21:40:00.000+02:00",
            "date_precision": "exact",
            "commune": "Calais",
            "place": "rue des Garennes, campement sous le pont (lieu fictif)",
            "location_type": "camp",
            "gps": (50.9563, 1.8832),
            "context": "eviction",
            "forces": ["crs", "national_police"],
            "units": "CRS 8",
            "officers": 15,
            "rio_visible": "no",
            "acts": ["tear_gas", "belongings_destroyed", "eviction"],
            "weapons": "gazeuse; matraque",
            "victims_count": 3,
            "minors_involved": "no",
            "injuries": "irritation des yeux, toux",
            "medical_certificate": "yes",
            "itt_days": 1,
            "belongings": {"tent": 4, "sleeping_bag": 3, "blanket": None},
            "summary_fr": "Vers 21 h 40, une compagnie de CRS a dispersé le campement au gaz "
            "lacrymogène. Dawit K. a été atteint au visage ; quatre tentes ont été lacérées.",
            "summary_en": "At about 9.40 pm, a CRS company dispersed the camp with tear gas. "
            "Dawit K. was hit in the face; four tents were slashed.",
            "violation_status": "probable",
            "confidentiality": "restricted",
            "recorded_by": "M. L.",
        },
        persons=[
            {
                "pseudonym": "Dawit K.",
                "roles": ["victim"],
                "age": 22,
                "gender": "man",
                "nationality": "Eritrean",
                "languages": "Tigrinya; English",
                "legal_name": "Temezgi Aldorabe",
                "contact": "+33 6 00 00 20 01",
                "art8_status": "consented",
                "publication_consent": "anonymised",
                "interview_date": "2016-04-03",
                "interview_place": "Calais",
                "interview_mode": "individual",
                "interview_language": "Tigrinya",
                "interpreter": "yes",
            },
            {
                "pseudonym": "Samir T.",
                "roles": ["witness"],
                "age": 30,
                "gender": "man",
                "nationality": "Sudanese",
                "languages": "Arabic",
                "publication_consent": "anonymised",
                "interview_date": "2016-04-03",
                "interview_place": "Calais",
                "interview_mode": "group",
                "interview_language": "Arabic",
                "interpreter": "yes",
            },
        ],
        proceedings=[
            {
                "proceeding_type": "igpn_report",
                "proceeding_date": "2016-04-10",
                "authority": "IGPN (plateforme de signalement)",
                "reference": "SIG-2016-0412 (fictif)",
                "proceeding_status": "no_response",
            }
        ],
        media={"photo": "1459629604123.jpg"},
        status="validation_status_approved",
    ),
    Submission(
        uid="8b41d7c2-5e3a-4f0b-b7d9-6a2e1c9f3b02",
        number=102,
        submitted="2016-05-15T10:03:09",
        started="2016-05-15T11:40:55.000+02:00",
        answers={
            "incident_id": "COQ-2016-0302",
            "date": "2016-05-14",
            "time": "06:15:00.000+02:00",
            "date_precision": "exact",
            "commune": "Coquelles",
            "place": "aire de poids lourds près de l'autoroute A16 (lieu fictif)",
            "location_type": "motorway",
            "gps": (50.9234, 1.8101),
            "context": "crossing_lorry",
            "forces": ["paf"],
            "officers": 4,
            "rio": "2468135",
            "rio_visible": "yes",
            "acts": ["physical_violence", "dog", "arrest"],
            "weapons": "chien",
            "victims_count": 1,
            "minors_involved": "yes",
            "injuries": "morsure de chien au mollet gauche",
            "medical_certificate": "yes",
            "itt_days": 5,
            "summary_fr": "Yonas G., 16 ans, a été mordu par un chien de la PAF alors qu'il "
            "descendait d'un camion, puis interpellé.",
            "summary_en": "Yonas G., 16, was bitten by a border police dog as he climbed down "
            "from a lorry, then arrested.",
            "violation_status": "confirmed",
            "confidentiality": "confidential",
            "recorded_by": "S. R.",
            "recorded_on": "2016-05-15",
        },
        persons=[
            {
                "person_id": "P-K01",
                "pseudonym": "Yonas G.",
                "roles": ["victim"],
                "age": 16,
                "gender": "man",
                "nationality": "Eritrean",
                "languages": "Tigrinya",
                "legal_name": "Habteyo Serekidane",
                "art8_status": "informed_no_objection",
                "publication_consent": "none",
                "interview_date": "2016-05-15",
                "interview_place": "Calais",
                "interview_mode": "telephone",
                "interview_language": "Tigrinya",
                "interpreter": "yes",
            }
        ],
        proceedings=[
            {
                "proceeding_type": "police_complaint",
                "proceeding_date": "2016-05-16",
                "authority": "commissariat de Coquelles",
                "reference": "PV 2016/00123 (fictif)",
                "proceeding_status": "pending",
            },
            {
                "proceeding_type": "prosecutor_complaint",
                "proceeding_date": "2016-06-01",
                "authority": "procureur de la République de Boulogne-sur-Mer",
                "proceeding_status": "no_response",
            },
        ],
        media={"certificate_scan": "1463292011456.jpg"},
    ),
    Submission(
        uid="c5e92f10-7a4b-4d6e-8c3f-2b9a0d1e4c03",
        number=103,
        submitted="2016-06-28T17:45:30",
        started="2016-06-28T19:20:01.000+02:00",
        answers={
            "incident_id": "GS-2016-0303",
            "date": "2016-06-01",
            "date_precision": "month",
            "commune": "Grande-Synthe",
            "place": "bois du Puythouck (lieu fictif)",
            "location_type": "woods",
            "context": "patrol",
            "forces": ["unidentified"],
            "acts": ["insults_racism", "threats"],
            "summary_en": "In June 2016, men in plain clothes who said they were police "
            "insulted and threatened people gathering wood (fictional).",
            "violation_status": "possible",
            "confidentiality": "public",
            "recorded_by": "L. D.",
            "recorded_on": "2016-06-28",
        },
        persons=[
            {
                "pseudonym": "Observatrice L.",
                "roles": ["observer", "witness"],
                "gender": "woman",
                "languages": "French; English",
                "publication_consent": "anonymised",
            }
        ],
        media={"video": "VID_20160601_221012.mp4"},
    ),
    Submission(
        uid="1d7a4e8b-2c9f-4b5a-9e6d-7f3c8a2b1d04",
        number=104,
        submitted="2016-07-08T16:02:11",
        started="2016-07-08T17:30:45.000+02:00",
        answers={
            "incident_id": "CAL-2016-0304",
            "date": "2016-07-08",
            "time": "12:30:00.000+02:00",
            "date_precision": "exact",
            "commune": "Calais",
            "place": "rue de Moscou, lieu de distribution (lieu fictif)",
            "location_type": "distribution_site",
            "gps": (50.9491, 1.8655),
            "context": "food_distribution",
            "forces": ["municipal_police", "crs"],
            "acts": ["obstruction_of_aid", "intimidation_of_observers", "identity_check"],
            "summary_fr": "Pendant la distribution de midi, des policiers ont contrôlé les "
            "bénévoles et fait cesser la distribution (fictif).",
            "violation_status": "confirmed",
            "confidentiality": "public",
            "recorded_by": "M. L.",
            "recorded_on": "2016-07-08",
        },
        persons=[
            {
                "pseudonym": "Hewa R.",
                "roles": ["witness"],
                "age": 27,
                "gender": "man",
                "nationality": "Iraqi (Kurdish)",
                "languages": "Sorani; English",
                "publication_consent": "anonymised",
                "interview_date": "2016-07-09",
                "interview_place": "Calais",
                "interview_mode": "individual",
                "interview_language": "Sorani",
                "interpreter": "no",
            }
        ],
        proceedings=[
            {
                "proceeding_type": "ddd_referral",
                "proceeding_date": "2016-09-01",
                "authority": "Défenseur des droits",
                "reference": "16-007712 (fictif)",
                "proceeding_status": "pending",
            }
        ],
        media={"audio": "1467981000777.wav"},
    ),
    Submission(
        uid="e2b8c4d6-9f1a-4e3b-a5c7-0b6d2f8e9a05",
        number=105,
        submitted="2016-08-21T09:30:00",
        started="2016-08-21T11:05:37.000+02:00",
        answers={
            "incident_id": "DK-2016-0305",
            "date": "2016-08-19",
            "time": "23:05:00.000+02:00",
            "date_precision": "exact",
            "commune": "Dunkerque",
            "place": "gare de Dunkerque, quai 2 (lieu fictif)",
            "location_type": "station",
            "context": "arrest",
            "forces": ["national_police"],
            "units": "BAC",
            "officers": 3,
            "rio_visible": "unknown",
            "acts": ["arrest", "detention", "humiliation"],
            "victims_count": 1,
            "injuries": "contusions au poignet droit",
            "medical_certificate": "no",
            "summary_fr": "Omid S. a été menotté très serré et laissé à genoux sur le quai "
            "pendant une heure (fictif).",
            "summary_en": "Omid S. was handcuffed very tightly and left kneeling on the "
            "platform for an hour (fictional).",
            "violation_status": "probable",
            "confidentiality": "restricted",
        },
        persons=[
            {
                "pseudonym": "Omid S.",
                "roles": ["victim"],
                "age": 19,
                "gender": "man",
                "nationality": "Afghan",
                "languages": "Dari; Pashto",
                "publication_consent": "anonymised",
                "interview_date": "2016-08-21",
                "interview_place": "Grande-Synthe",
                "interview_mode": "individual",
                "interview_language": "Dari",
                "interpreter": "yes",
            }
        ],
    ),
    Submission(
        uid="5a9f3c7e-4d2b-4a8c-b1e6-3c7f9d0a2b06",
        number=106,
        submitted="2016-10-24T15:44:20",
        started="2016-10-24T17:10:09.000+02:00",
        answers={
            "incident_id": "CAL-2016-0306",
            "date": "2016-10-24",
            "time": "07:00:00.000+02:00",
            "date_precision": "approximate",
            "commune": "Calais",
            "place": "campement de la Lande, secteur sud (lieu fictif)",
            "location_type": "camp",
            "gps": (50.9667, 1.8919),
            "context": "eviction",
            "forces": ["crs", "gendarmerie", "mobile_gendarmerie"],
            "officers": 60,
            "rio": "3141592; 2718281",
            "rio_visible": "yes",
            "acts": ["belongings_destroyed", "belongings_seized", "sleep_deprivation", "eviction"],
            "victims_count": 2,
            "minors_involved": "yes",
            "belongings": {"tent": 10, "tarpaulin": 5, "documents": 2},
            "summary_fr": "À l'aube, les abris du secteur sud ont été démontés ; tentes, "
            "bâches et papiers d'identité ont été emportés (fictif).",
            "violation_status": "confirmed",
            "confidentiality": "restricted",
            "recorded_by": "S. R.",
            "recorded_on": "2016-10-24",
        },
        persons=[
            {
                "person_id": "P-K02",
                "pseudonym": "Meron A.",
                "roles": ["victim"],
                "age": 17,
                "gender": "woman",
                "nationality": "Eritrean",
                "languages": "Tigrinya",
                "art8_status": "unreachable",
                "publication_consent": "none",
                "interview_date": "2016-10-24",
                "interview_place": "Calais",
                "interview_mode": "individual",
                "interview_language": "Tigrinya",
                "interpreter": "yes",
            },
            {
                "pseudonym": "Tesfay M.",
                "roles": ["victim", "witness"],
                "age": 25,
                "gender": "man",
                "nationality": "Ethiopian",
                "languages": "Amharic; English",
                "legal_name": "Tesfalem Urdokane",
                "contact": "+33 6 00 00 20 06",
                "art8_status": "consented",
                "publication_consent": "anonymised",
                "interview_date": "2016-10-25",
                "interview_place": "Calais",
                "interview_mode": "group",
                "interview_language": "Amharic",
                "interpreter": "yes",
            },
        ],
        proceedings=[
            {
                "proceeding_type": "police_complaint",
                "proceeding_date": "2016-10-26",
                "authority": "commissariat de Calais",
                "proceeding_status": "dismissed",
                "response": "classement sans suite notifié le 10/02/2017 (fictif)",
            }
        ],
        media={"photo": "1477292400000.jpg"},
        status="validation_status_approved",
    ),
    Submission(
        uid="9c6e1a3f-8b7d-4c2e-9f0a-4d8b2e6c1f07",
        number=107,
        submitted="2016-10-25T08:00:00",
        started="2016-10-25T09:58:00.000+02:00",
        answers={
            "incident_id": "TEST-0001",
            "date": "2016-10-25",
            "commune": "Calais",
            "summary_fr": "Soumission de test, à ne pas utiliser.",
            "confidentiality": "confidential",
        },
        persons=[{"pseudonym": "Test", "roles": ["victim"]}],
        status="validation_status_not_approved",
    ),
]

# Where each media file sits in evidence/ (Kobo's attachment archive nests them by account,
# form and submission; most are flat here). The video is not downloaded: URL only.
MEDIA_PATHS = {
    "1459629604123.jpg": "1459629604123.jpg",
    "1463292011456.jpg": f"{USER}/attachments/{FORM_UID}/8b41d7c2-5e3a-4f0b-b7d9-6a2e1c9f3b02/"
    "1463292011456.jpg",
    "1467981000777.wav": "1467981000777.wav",
    "1477292400000.jpg": "1477292400000.jpg",
}

MAIN_META = (
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
)
REPEAT_META = (
    "_index",
    "_parent_table_name",
    "_parent_index",
    "_submission__id",
    "_submission__uuid",
    "_submission__submission_time",
    "_submission__validation_status",
    "_submission__notes",
    "_submission__status",
    "_submission__submitted_by",
    "_submission___version__",
    "_submission__tags",
)


# -- the export -------------------------------------------------------------------------------


@dataclass
class Column:
    header: str
    question: str
    part: str = ""  # "", a choice name, "_URL", "_latitude"…


def export_layout() -> tuple[list[Column], dict[str, list[Column]]]:
    """The columns KoboToolbox exports for the form: main table, then each repeat group."""
    choices: dict[str, list[str]] = {}
    for row in xlsform_choices():
        choices.setdefault(row["list_name"], []).append(row["name"])
    main: list[Column] = []
    repeats: dict[str, list[Column]] = {}
    groups: list[tuple[str, str]] = []
    for row in xlsform_survey():
        kind, name = row["type"], row["name"]
        if kind.startswith("begin_"):
            groups.append((kind, name))
            if kind == "begin_repeat":
                repeats[name] = []
            continue
        if kind.startswith("end_"):
            groups.pop()
            continue
        repeat = next((n for k, n in reversed(groups) if k == "begin_repeat"), None)
        target = repeats[repeat] if repeat else main
        prefix = "/".join(n for _k, n in groups)
        path = f"{prefix}/{name}" if prefix else name
        target.append(Column(path, name))
        if kind.startswith("select_multiple "):
            for choice in choices[kind.split()[1]]:
                target.append(Column(f"{path}/{choice}", name, choice))
        elif kind == "geopoint":
            for part in ("latitude", "longitude", "altitude", "precision"):
                header = f"_{name}_{part}"
                target.append(Column(f"{prefix}/{header}" if prefix else header, name, part))
        elif kind in ("image", "audio", "video"):
            target.append(Column(f"{path}_URL", name, "_URL"))
    return main, repeats


def media_url(submission: Submission, file_name: str) -> str:
    return (
        f"{SERVER}/media/original?media_file={USER}%2Fattachments%2F{FORM_UID}%2F"
        f"{submission.uid}%2F{file_name}"
    )


def answer_cell(answers: dict[str, Any], column: Column, submission: Submission) -> Any:
    value = answers.get(column.question)
    if column.question in MEDIA_QUESTIONS:
        file_name = submission.media.get(column.question)
        if not file_name:
            return None
        return media_url(submission, file_name) if column.part == "_URL" else file_name
    if column.question == GEOPOINT_NAME:
        if value is None:
            return None
        latitude, longitude = value
        parts = {"latitude": latitude, "longitude": longitude, "altitude": 0.0, "precision": 5.0}
        if not column.part:
            return " ".join(str(parts[key]) for key in parts)
        return str(parts[column.part])
    if column.question.startswith(COUNT_PREFIX):
        counts = answers.get(form_name("incidents", "belongings")) or {}
        return counts.get(column.question[len(COUNT_PREFIX) :])
    if isinstance(value, dict):  # belongings: select_multiple answered with counts
        value = list(value)
    if isinstance(value, list):
        if column.part:
            return "1" if column.part in value else "0"
        return " ".join(value)
    if column.part:  # a select_multiple left unanswered: Kobo leaves its columns empty
        return None
    return value


def export_bytes() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    main_columns, repeat_columns = export_layout()
    book = Workbook()
    main = book.active
    assert main is not None
    main.title = XLSFORM_TITLE[:31]
    sheets = {name: book.create_sheet(name[:31]) for name in repeat_columns}
    bold = Font(bold=True)
    _header(main, [c.header for c in main_columns] + list(MAIN_META), bold)
    for name, columns in repeat_columns.items():
        _header(sheets[name], [c.header for c in columns] + list(REPEAT_META), bold)
    counters = dict.fromkeys(repeat_columns, 0)
    for index, submission in enumerate(SUBMISSIONS, start=1):
        values = [
            submission.started
            if c.question in ("start", "end")
            else answer_cell(submission.answers, c, submission)
            for c in main_columns
        ]
        meta = [
            submission.number,
            submission.uid,
            submission.submitted,
            submission.status or None,
            None,
            "submitted_via_web",
            USER,
            FORM_VERSION,
            None,
            index,
        ]
        _append(main, values + meta)
        for name, rows in (
            ("persons", submission.persons),
            ("proceedings", submission.proceedings),
        ):
            for answers in rows:
                counters[name] += 1
                repeat_meta = [
                    counters[name],
                    main.title,
                    index,
                    submission.number,
                    submission.uid,
                    submission.submitted,
                    submission.status or None,
                    None,
                    "submitted_via_web",
                    USER,
                    FORM_VERSION,
                    None,
                ]
                cells = [answer_cell(answers, c, submission) for c in repeat_columns[name]]
                _append(sheets[name], cells + repeat_meta)
    for sheet in book.worksheets:
        sheet.freeze_panes = "A2"
    return workbook_bytes(
        book, title=f"{XLSFORM_TITLE} — export (fictional)", creator="KoboToolbox"
    )


def _header(sheet: Any, headers: list[str], bold: Any) -> None:
    _append(sheet, headers)
    for cell in sheet[1]:
        cell.font = bold


def _append(sheet: Any, values: list[Any]) -> None:
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for position, value in enumerate(values, start=1):
        if value is not None:
            set_value(sheet.cell(row=row, column=position), value)


# -- the hand-made twin -----------------------------------------------------------------------


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def _time(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text[:8]) if text else None


def _labels(vocabulary: vocab.Vocabulary, codes: list[str]) -> str | None:
    return "; ".join(vocabulary.label(code, "fr") for code in codes) or None


def _label(vocabulary: vocab.Vocabulary, code: str | None) -> str | None:
    return vocabulary.label(code, "fr") if code else None


def twin_rows() -> dict[str, list[dict[str, Any]]]:
    """The same facts as a person types them into the French template (field key → value)."""
    sheets: dict[str, list[dict[str, Any]]] = {
        "incidents": [],
        "persons": [],
        "evidence": [],
        "proceedings": [],
    }
    for submission in SUBMISSIONS:
        if submission.status == "validation_status_not_approved":
            continue
        a = submission.answers
        incident_id = a["incident_id"]
        victims, witnesses = [], []
        for number, person in enumerate(submission.persons, start=1):
            person_id = person.get("person_id") or f"{incident_id}-P{number}"
            if "victim" in person["roles"]:
                victims.append(person_id)
            if "witness" in person["roles"]:
                witnesses.append(person_id)
            sheets["persons"].append(
                {
                    "id": person_id,
                    "pseudonym": person["pseudonym"],
                    "roles": _labels(vocab.ROLE, person["roles"]),
                    "age": person.get("age"),
                    "gender": _label(vocab.GENDER, person.get("gender")),
                    "nationality": person.get("nationality"),
                    "languages": person.get("languages"),
                    "legal_name": person.get("legal_name"),
                    "contact": person.get("contact"),
                    "art8_status": _label(vocab.ART8_STATUS, person.get("art8_status")),
                    "publication_consent": _label(
                        vocab.PUBLICATION_CONSENT, person.get("publication_consent")
                    ),
                    "interview_date": _date(person.get("interview_date")),
                    "interview_place": person.get("interview_place"),
                    "interview_mode": _label(vocab.INTERVIEW_MODE, person.get("interview_mode")),
                    "interview_language": person.get("interview_language"),
                    "interpreter": _label(vocab.YES_NO_UNKNOWN, person.get("interpreter")),
                }
            )
        for number, step in enumerate(submission.proceedings, start=1):
            sheets["proceedings"].append(
                {
                    "id": f"{incident_id}-D{number}",
                    "incident_id": incident_id,
                    "type": _label(vocab.PROCEEDING_TYPE, step["proceeding_type"]),
                    "date": _date(step.get("proceeding_date")),
                    "authority": step.get("authority"),
                    "reference": step.get("reference"),
                    "status": _label(vocab.PROCEEDING_STATUS, step.get("proceeding_status")),
                    "response": step.get("response"),
                }
            )
        exhibits = []
        for question in MEDIA_QUESTIONS:
            file_name = submission.media.get(question)
            if not file_name:
                continue
            kind = MEDIA_QUESTIONS[question] or media_kind(file_name)
            exhibit_id = f"{incident_id}-{question}"
            exhibits.append(exhibit_id)
            sheets["evidence"].append(
                {
                    "id": exhibit_id,
                    "incident_ids": incident_id,
                    "kind": _label(vocab.EVIDENCE_KIND, kind),
                    "description_fr": media_description(question, kind, file_name, "fr"),
                    "description_en": media_description(question, kind, file_name, "en"),
                    "file": MEDIA_PATHS.get(file_name),
                    "url": media_url(submission, file_name),
                    "custody_notes": media_custody_note(submission.uid, submission.submitted),
                    "confidentiality": _label(vocab.CONFIDENTIALITY, a.get("confidentiality")),
                }
            )
        counts = a.get("belongings") or {}
        belongings = "; ".join(
            f"{vocab.BELONGING.label(code, 'fr')}:{count}"
            if count is not None
            else vocab.BELONGING.label(code, "fr")
            for code, count in counts.items()
        )
        latitude, longitude = a.get("gps") or (None, None)
        sheets["incidents"].append(
            {
                "id": incident_id,
                "date": _date(a["date"]),
                "time": _time(a.get("time")),
                "date_precision": _label(vocab.DATE_PRECISION, a.get("date_precision")),
                "commune": a["commune"],
                "place": a.get("place"),
                "location_type": _label(vocab.LOCATION_TYPE, a.get("location_type")),
                "latitude": latitude,
                "longitude": longitude,
                "context": _label(vocab.CONTEXT, a.get("context")),
                "forces": _labels(vocab.FORCE, a.get("forces", [])),
                "units": a.get("units"),
                "officers": a.get("officers"),
                "rio": a.get("rio"),
                "rio_visible": _label(vocab.YES_NO_UNKNOWN, a.get("rio_visible")),
                "acts": _labels(vocab.ACT, a.get("acts", [])),
                "weapons": a.get("weapons"),
                "victims_count": a.get("victims_count"),
                "minors_involved": _label(vocab.YES_NO_UNKNOWN, a.get("minors_involved")),
                "injuries": a.get("injuries"),
                "medical_certificate": _label(vocab.YES_NO_UNKNOWN, a.get("medical_certificate")),
                "itt_days": a.get("itt_days"),
                "belongings": belongings or None,
                "summary_fr": a.get("summary_fr"),
                "summary_en": a.get("summary_en"),
                "victim_ids": "; ".join(victims) or None,
                "witness_ids": "; ".join(witnesses) or None,
                "evidence_ids": "; ".join(exhibits) or None,
                "violation_status": _label(vocab.VIOLATION_STATUS, a.get("violation_status")),
                "confidentiality": _label(vocab.CONFIDENTIALITY, a.get("confidentiality")),
                "recorded_by": a.get("recorded_by"),
                "recorded_on": _date(a.get("recorded_on") or submission.submitted),
            }
        )
    return sheets


def twin_bytes() -> bytes:
    """The French spreadsheet template, example rows deleted, filled with twin_rows()."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(spreadsheet_template_bytes("fr")))
    for spec in (INCIDENTS, PERSONS, EVIDENCE, PROCEEDINGS):
        sheet = book[spec.name("fr")]
        sheet.delete_rows(2)
        for number, values in enumerate(twin_rows()[spec.key], start=2):
            for position, column in enumerate(spec.fields, start=1):
                value = values.get(column.key)
                if value is not None:
                    set_value(sheet.cell(row=number, column=position), value)
    return workbook_bytes(book, title="Journal des incidents — saisi à la main (fictif)")


# -- files ------------------------------------------------------------------------------------


def make_jpeg_stand_in(label: str) -> bytes:
    """Bytes standing in for a photo: a tiny PNG (the extension is what Kobo keeps)."""
    return make_png(label)


def make_wav_stand_in(label: str) -> bytes:
    return make_wav(label)


README = """# KoboToolbox samples — fictional

Everything here is invented, like the rest of `sample_data/` (see `../README.md`).
Generated by `tools/make_kobo_samples.py`; do not edit by hand.

* `xlsform.xlsx` — the XLSForm (sheets `survey`, `choices`, `settings`) matching dossier's
  columns: upload it to KoboToolbox or ODK Central to start collecting. Question names are the
  column keys of `docs/input.md` (`incident_id`, `person_id`, `proceeding_type`…); choice names
  are the vocabulary codes, with French and English labels.
* `export.xlsx` — a KoboToolbox export of 7 submissions of that form (“XML values and
  headers”, groups in headers, select-many as one column and as one 0/1 column per choice,
  media URLs included). Sheets: `Journal des incidents` (submissions), `persons` and
  `proceedings` (repeat groups, joined by `_parent_index` → `_index`). Submission 7 is marked
  “not approved” and is left out.
* `evidence/` — the downloaded media files. One is nested as in Kobo's attachment archive; the
  video of GS-2016-0303 was not downloaded (URL only).
* `equivalent.xlsx` — the same facts typed by hand into the French spreadsheet template;
  `dossier` reads both into the same records.

Read the export with the `kobo` profile:

    dossier validate sample_data/kobo/export.xlsx --profile kobo
"""


def write(out: Path) -> list[Path]:
    files: dict[str, bytes] = {
        "xlsform.xlsx": xlsform_bytes(),
        "export.xlsx": export_bytes(),
        "equivalent.xlsx": twin_bytes(),
        "README.md": README.encode("utf-8"),
    }
    for file_name, relative in MEDIA_PATHS.items():
        maker = make_wav_stand_in if file_name.endswith(".wav") else make_jpeg_stand_in
        files[f"evidence/{relative}"] = maker(file_name)
    written = []
    for relative, content in sorted(files.items()):
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "sample_data" / "kobo")
    args = parser.parse_args()
    for path in write(args.out):
        print(path)


if __name__ == "__main__":
    main()
