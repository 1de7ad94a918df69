"""Fictional incident workbooks of several shapes, for the benchmarks (every name is made up).

Real logs differ from one another in ways that change what a PDF build costs: how long the
accounts are, how many persons and exhibits each incident brings, how the incidents fall over
the months (the DDD layout starts a page at each month and after every fifth incident of a
month, nowhere else). Each function below writes one shape as a folder of CSVs with a
``dossier.toml``; the same ``seed`` gives the same files.

* ``short``: one or two sentences per account, one victim, no exhibit, incidents spread over
  about three years (a dozen incidents a month: a page break every five incidents);
* ``long``: long accounts (six to sixteen sentences in each language), three to six persons
  (victims and witnesses), two to five exhibits and a proceeding for every other incident;
* ``flow``: what a solidarity group's log looks like over a busy period — French accounts of
  very uneven length (one sentence to a page and a half), English ones often missing, most
  incidents in a few dense months (so runs of five incidents between page breaks are the
  rule, and a run can be long), some exhibits and witnesses.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import random
from collections.abc import Callable
from pathlib import Path

CONFIG = """\
[organisation]
name = "Benchmark association (fictional)"
legal_form = { fr = "association loi 1901", en = "non-profit association" }
address = "1 rue de l'Exemple\\n62100 Calais"
email = "bench@example.org"

[signatory]
name = "Bench Signatory"
quality = { fr = "présidente", en = "chair" }
place = "Calais"
date = 2025-06-30

[dossier]
reference = "BENCH-SHAPES"
title = { fr = "Dossier de test (fictif)", en = "Test dossier (fictional)" }
"""

INCIDENT_COLUMNS = [
    "id", "date", "time", "commune", "place", "context", "forces", "rio visible", "acts",
    "belongings", "summary fr", "summary en", "victim ids", "witness ids", "evidence ids",
    "confidentiality", "medical certificate", "itt days",
]  # fmt: skip
PERSON_COLUMNS = ["id", "pseudonym", "roles", "age", "nationality", "art. 8 status"]
EVIDENCE_COLUMNS = [
    "id", "incident ids", "kind", "description in French", "description in English", "URL",
    "SHA-256", "captured at", "captured by", "custody notes", "confidentiality",
]  # fmt: skip
STEP_COLUMNS = [
    "id", "incident id", "type", "date", "authority", "reference", "status", "response received",
]  # fmt: skip

ACTS = ["tear_gas", "physical_violence", "belongings_destroyed", "eviction", "insults_racism"]
FORCES = ["crs", "paf", "national_police", "mobile_gendarmerie"]
COMMUNES = ["Calais", "Grande-Synthe", "Coquelles", "Loon-Plage", "Marck"]
PLACES = [
    "zone industrielle des Dunes", "rue des Garennes", "bois du Puythouck", "quai de la Batellerie",
    "rocade portuaire", "parking de l'hôpital",
]  # fmt: skip
NATIONALITIES = ["Eritrean", "Sudanese", "Afghan", "Ethiopian", "Syrian", "Iraqi"]

# Sentences of a made-up account, in both languages; an account is a draw of some of them.
SENTENCES_FR = [
    "Vers six heures, des agents sont arrivés sur le campement en plusieurs véhicules.",
    "Les personnes présentes ont eu quelques minutes pour rassembler leurs affaires.",
    "Des agents ont aspergé de gaz lacrymogène les personnes qui tardaient à sortir des tentes.",
    "Les tentes ont été lacérées au couteau puis jetées dans une benne.",
    "Les sacs de couchage et les couvertures ont été emportés par les services de nettoyage.",
    "Un homme qui demandait à récupérer ses papiers a été poussé à terre.",
    "Les agents ne portaient pas de numéro RIO visible ; aucun n'a répondu aux questions.",
    "Deux bénévoles de l'association étaient présents et ont pris des notes sur place.",
    "Plusieurs personnes ont été conduites au commissariat pour une vérification d'identité.",
    "Elles ont été relâchées en fin de matinée, sans document ni explication.",
    "Un mineur non accompagné a été contrôlé puis laissé seul au bord de la rocade.",
    "Les téléphones de deux personnes ont été confisqués et ne leur ont pas été rendus.",
    "Le soir même, une équipe médicale a soigné des personnes aux yeux irrités.",
    "Un certificat médical a été établi le lendemain par le service des urgences.",
    "Les agents ont tenu des propos insultants et racistes à l'encontre des personnes présentes.",
    "L'opération a duré environ une heure trente ; le terrain a ensuite été clôturé.",
]  # fmt: skip
SENTENCES_EN = [
    "At around six, officers arrived at the camp in several vehicles.",
    "The people there were given a few minutes to gather their belongings.",
    "Officers sprayed tear gas on those who were slow to leave the tents.",
    "The tents were slashed with knives and thrown into a skip.",
    "Sleeping bags and blankets were taken away by the cleaning services.",
    "A man who asked to get his papers back was pushed to the ground.",
    "The officers wore no visible RIO number; none of them answered questions.",
    "Two of the association's volunteers were there and took notes on the spot.",
    "Several people were taken to the police station for an identity check.",
    "They were released late in the morning, with no document or explanation.",
    "An unaccompanied minor was checked and then left alone by the ring road.",
    "Two people's phones were confiscated and not given back.",
    "That evening, people with eye irritation were treated by a medical team.",
    "A medical certificate was issued the next day by the emergency department.",
    "The officers made insulting and racist remarks to the people present.",
    "The operation lasted about an hour and a half; the ground was then fenced off.",
]  # fmt: skip


def _account(rng: random.Random, sentences: int) -> tuple[str, str]:
    """A French and an English account of ``sentences`` sentences (the same ones)."""
    picks = [rng.randrange(len(SENTENCES_FR)) for _ in range(sentences)]
    return (
        " ".join(SENTENCES_FR[pick] for pick in picks),
        " ".join(SENTENCES_EN[pick] for pick in picks),
    )


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


class _Workbook:
    """The rows of one generated workbook, written out by ``save``."""

    def __init__(self) -> None:
        self.incidents: list[list[str]] = []
        self.persons: list[list[str]] = []
        self.evidence: list[list[str]] = []
        self.steps: list[list[str]] = []

    def person(self, rng: random.Random, role: str) -> str:
        number = len(self.persons)
        person_id = f"P-{number:05d}"
        self.persons.append(
            [
                person_id,
                f"Person {number} N.",
                role,
                str(rng.randrange(15, 45)),
                rng.choice(NATIONALITIES),
                "informed, did not object",
            ]
        )
        return person_id

    def exhibit(self, incident_id: str, number: int) -> str:
        evidence_id = f"E-{len(self.evidence):05d}"
        fingerprint = hashlib.sha256(f"{incident_id}/{number}".encode()).hexdigest()
        self.evidence.append(
            [
                evidence_id,
                incident_id,
                "photo",
                f"Tente lacérée, vue {number + 1} (fictif).",
                f"Slashed tent, view {number + 1} (fictional).",
                f"https://example.org/{evidence_id}",
                fingerprint,
                "2015-07-02 10:00",
                "A. B.",
                "copied",
                "restricted",
            ]
        )
        return evidence_id

    def incident(
        self,
        rng: random.Random,
        day: dt.date,
        account: tuple[str, str],
        victims: int,
        witnesses: int,
        exhibits: int,
    ) -> str:
        incident_id = f"B-{len(self.incidents):05d}"
        victim_ids = [self.person(rng, "victim") for _ in range(victims)]
        witness_ids = [self.person(rng, "witness") for _ in range(witnesses)]
        evidence_ids = [self.exhibit(incident_id, number) for number in range(exhibits)]
        self.incidents.append(
            [
                incident_id,
                day.isoformat(),
                f"{rng.randrange(24):02d}:{rng.randrange(60):02d}",
                rng.choice(COMMUNES),
                rng.choice(PLACES),
                "eviction",
                "; ".join(rng.sample(FORCES, 2)),
                rng.choice(["yes", "no", "unknown"]),
                "; ".join(rng.sample(ACTS, 2)),
                f"tent:{rng.randrange(1, 9)}; sleeping bag:2",
                account[0],
                account[1],
                "; ".join(victim_ids),
                "; ".join(witness_ids),
                "; ".join(evidence_ids),
                "restricted",
                rng.choice(["yes", "no"]),
                str(rng.randrange(0, 6)),
            ]
        )
        return incident_id

    def step(self, incident_id: str) -> None:
        number = len(self.steps)
        self.steps.append(
            [
                f"PR-{number:05d}",
                incident_id,
                "police complaint",
                "2015-07-02",
                "Calais police station",
                f"2015/{number:05d}",
                "pending",
                "",
            ]
        )

    def save(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        # Incidents in date order, as a log is kept: the DDD layout groups them by month anyway.
        self.incidents.sort(key=lambda row: (row[1], row[0]))
        _write(folder / "incidents.csv", INCIDENT_COLUMNS, self.incidents)
        _write(folder / "persons.csv", PERSON_COLUMNS, self.persons)
        if self.evidence:
            _write(folder / "evidence.csv", EVIDENCE_COLUMNS, self.evidence)
        if self.steps:
            _write(folder / "proceedings.csv", STEP_COLUMNS, self.steps)
        (folder / "dossier.toml").write_text(CONFIG, encoding="utf-8")
        return folder


START = dt.date(2014, 6, 1)


def short_accounts(folder: Path, incidents: int, seed: int = 11) -> Path:
    """Short accounts, one victim each, no exhibit, a dozen incidents a month."""
    rng = random.Random(seed)
    book = _Workbook()
    days = max(30, incidents * 30 // 12)
    for _ in range(incidents):
        day = START + dt.timedelta(days=rng.randrange(days))
        book.incident(rng, day, _account(rng, rng.randrange(1, 3)), 1, 0, 0)
    return book.save(folder)


def long_accounts(folder: Path, incidents: int, seed: int = 13) -> Path:
    """Long accounts, three to six persons, two to five exhibits, a proceeding every other one."""
    rng = random.Random(seed)
    book = _Workbook()
    days = max(30, incidents * 30 // 12)
    for number in range(incidents):
        day = START + dt.timedelta(days=rng.randrange(days))
        victims = rng.randrange(2, 5)
        incident_id = book.incident(
            rng, day, _account(rng, rng.randrange(6, 17)), victims, rng.randrange(1, 3),
            rng.randrange(2, 6),
        )  # fmt: skip
        if number % 2 == 0:
            book.step(incident_id)
    return book.save(folder)


def month_flow(folder: Path, incidents: int, seed: int = 17) -> Path:
    """Uneven French accounts, English often missing, most incidents in a few dense months."""
    rng = random.Random(seed)
    book = _Workbook()
    months = max(3, incidents // 40)
    # A few busy months hold most incidents (an eviction season), the others a handful each.
    weights = [rng.choice([1, 1, 1, 2, 3, 12]) for _ in range(months)]
    for _ in range(incidents):
        month = rng.choices(range(months), weights)[0]
        day = dt.date(START.year + (START.month - 1 + month) // 12,
                      (START.month - 1 + month) % 12 + 1, rng.randrange(1, 29))  # fmt: skip
        # Most accounts are a few lines; some run to a page and more.
        sentences = min(24, max(1, int(rng.lognormvariate(1.3, 0.8))))
        french, english = _account(rng, sentences)
        if rng.random() < 0.6:
            english = ""
        book.incident(
            rng, day, (french, english), rng.randrange(1, 3), rng.choice([0, 0, 1]),
            rng.choice([0, 0, 0, 1, 2]),
        )  # fmt: skip
    return book.save(folder)


#: Each shape's name and the function that writes it.
SHAPES: dict[str, Callable[[Path, int], Path]] = {
    "short": short_accounts,
    "long": long_accounts,
    "flow": month_flow,
}


def edit_one_incident(folder: Path) -> None:
    """Change one word of the first incident's French account, as a volunteer fixing a typo."""
    path = folder / "incidents.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("summary fr")
    rows[1][column] = rows[1][column].rstrip(".") + " (corrigé)."
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
