"""Realistic exports of groups that kept their log in their own words (fictional data).

Each export is what a solidarity group's spreadsheet looks like after years of use: its own
headers, its own wordings (abbreviated, inflected, negated, misspelt), a column of internal
notes, dates typed several ways. Nothing here is real: places are real communes, people and
events are invented.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook

# A French group's log: ";" separated, Windows-1252, as Excel saves "CSV (séparateur : point-
# virgule)". The headers are the group's, not ours.
FRENCH_HEADERS = [
    "N° fiche",
    "Date des faits",
    "Heure",
    "Commune",
    "Lieu précis",
    "Contexte",
    "Forces présentes",
    "Actes",
    "RIO visible",
    "Affaires détruites",
    "Résumé",
    "Statut",
    "Diffusion",
    "Notes internes",
]

_FR_CONTEXTS = ["démantèlement", "tentative de traversée", "contrôle d'identité", "distrib repas"]
_FR_FORCES = ["CRS", "gendarmes", "police nat.", "CRS; gendarmes"]
_FR_ACTS = ["gazage", "coups; gazage", "tentes détruites", "insultes racistes", "gaz lacrimogène"]
_FR_RIO = ["pas visible", "non", "oui", "pas visible"]
_FR_BELONGINGS = ["tentes:3; duvets:2", "", "bâches:4", "couvertures:2; tente:1"]
_FR_STATUS = ["confirmés", "pas confirmé", "probable", "confirmée"]
_FR_DIFFUSION = ["publique", "non public", "restreinte", "confidentielle"]


def french_rows(count: int = 40) -> list[list[str]]:
    """``count`` incidents as the French group typed them (headers first)."""
    rows = [list(FRENCH_HEADERS)]
    for number in range(1, count + 1):
        day = (number % 27) + 1
        month = (number % 12) + 1
        rows.append(
            [
                f"OBS-2015-{number:03d}",
                f"{day:02d}/{month:02d}/2015",
                "22h15" if number % 2 else "",
                ["Calais", "Grande-Synthe", "Coquelles", "Dunkerque"][number % 4],
                f"campement fictif n° {number}",
                _FR_CONTEXTS[number % len(_FR_CONTEXTS)],
                _FR_FORCES[number % len(_FR_FORCES)],
                _FR_ACTS[number % len(_FR_ACTS)],
                _FR_RIO[number % len(_FR_RIO)],
                _FR_BELONGINGS[number % len(_FR_BELONGINGS)],
                f"Récit fictif de l'incident {number} : les agents sont intervenus à l'aube.",
                _FR_STATUS[number % len(_FR_STATUS)],
                _FR_DIFFUSION[number % len(_FR_DIFFUSION)],
                "à relancer" if number % 3 == 0 else "",
            ]
        )
    return rows


def write_french_csv(path: Path, count: int = 40) -> Path:
    """The French group's export, ``;`` separated, Windows-1252."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";").writerows(french_rows(count))
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


# An English-speaking group's workbook: XLSX with an incidents and a people sheet.
ENGLISH_INCIDENT_HEADERS = [
    "Ref",
    "Date",
    "Town",
    "Location",
    "Situation",
    "Police",
    "What happened",
    "RIO shown",
    "Narrative",
    "Verification",
    "Sharing",
    "Victims",
    "Volunteer notes",
]
ENGLISH_PERSON_HEADERS = ["Ref", "Pseudonym", "Role", "Art 8", "Publication", "Age"]

_EN_SITUATIONS = ["eviction", "crossing attempt", "food distrib", "id check"]
_EN_POLICE = ["riot police", "CRS", "border police (PAF)", "unknown force"]
_EN_ACTS = ["tear-gassed", "beaten; pepper sprayed", "destroyed belongings", "racist insults"]
_EN_RIO = ["not visible", "no", "yes", "not visible"]
_EN_VERIFICATION = ["Confirmed", "not verified", "confimed", "probable"]
_EN_SHARING = ["public", "not public", "restricted", "confidential"]
_EN_ART8 = ["no objection", "not reachable", "consented", "refused"]
_EN_PUBLICATION = ["anonymised", "no consent", "anonymized", "none"]


def write_english_xlsx(path: Path, count: int = 24) -> Path:
    """The English group's workbook (fictional people, pseudonyms only)."""
    book = Workbook()
    incidents = book.active
    assert incidents is not None
    incidents.title = "Incidents"
    incidents.append(ENGLISH_INCIDENT_HEADERS)
    people = book.create_sheet("Persons")
    people.append(ENGLISH_PERSON_HEADERS)
    for number in range(1, count + 1):
        person = f"P-{number:03d}"
        incidents.append(
            [
                f"EN-2016-{number:03d}",
                f"2016-{(number % 12) + 1:02d}-{(number % 27) + 1:02d}",
                ["Calais", "Grande-Synthe", "Dunkirk"][number % 3],
                f"fictional camp {number}",
                _EN_SITUATIONS[number % len(_EN_SITUATIONS)],
                _EN_POLICE[number % len(_EN_POLICE)],
                _EN_ACTS[number % len(_EN_ACTS)],
                _EN_RIO[number % len(_EN_RIO)],
                f"Fictional account of incident {number}: officers came at dawn.",
                _EN_VERIFICATION[number % len(_EN_VERIFICATION)],
                _EN_SHARING[number % len(_EN_SHARING)],
                person,
                "call back" if number % 4 == 0 else None,
            ]
        )
        people.append(
            [
                person,
                f"Fictional {number}",
                "victim",
                _EN_ART8[number % len(_EN_ART8)],
                _EN_PUBLICATION[number % len(_EN_PUBLICATION)],
                20 + number % 15,
            ]
        )
    book.save(path)
    return path


def organisation_config(path: Path) -> Path:
    """A filled-in dossier.toml for a fictional association."""
    path.write_text(
        """\
[organisation]
name = "Collectif fictif du Calaisis"
legal_form = { fr = "association loi 1901 (fictive)", en = "non-profit association (fictional)" }
address = "5 rue Imaginaire\\n62100 Calais"
email = "collectif@fictif.example"

[signatory]
name = "Camille FICTIVE"
quality = { fr = "présidente", en = "chair" }
place = "Calais"
# After the last incident of either export: a complaint lists nothing later than its signature.
date = 2017-01-31

[dossier]
reference = "CFC-DDD-2016-01"
filing_as = "witness"

[dossier.title]
fr = "Violences contre les personnes exilées (données fictives)"
en = "Violence against exiled people (fictional data)"
""",
        encoding="utf-8",
    )
    return path


# What a volunteer answers for each header of the English export (write_english_xlsx) that no
# field reads: the field it holds, or "ignore".
ENGLISH_HEADER_CHOICES = {
    "Situation": "context",
    "Police": "forces",
    "What happened": "acts",
    "RIO shown": "rio_visible",
    "Narrative": "summary_en",
    "Verification": "violation_status",
    "Sharing": "confidentiality",
    "Volunteer notes": "ignore",
    "Ref": "id",
    "Publication": "publication_consent",
}
