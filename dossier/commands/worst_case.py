"""A generated worst case to render templates against: empty fields, long lists, every script."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dossier.input.config import Config
from dossier.schema import vocab
from dossier.schema.records import Evidence, Incident, Interview, Letter, Person, Proceeding, Quote
from dossier.validate.rows import Dataset

SCRIPTS = (
    "Latin : « l'été », œuvre, 1er",
    "العربية: تم رش الغاز",
    "فارسی: گاز اشک‌آور",
    "ትግርኛ፡ ሰላም",
)


def worst_case_config() -> Config:
    return Config.model_validate(
        {
            "organisation": {
                "name": "Association d'essai (fictive) — " + "nom très long " * 4,
                "legal_form": {"fr": "association loi 1901", "en": "non-profit association"},
                "address": "1 rue de l'Exemple\nBâtiment B\n62100 Calais",
                "email": "test@example.org",
            },
            "signatory": {
                "name": "Personne Fictive",
                "quality": {"fr": "présidente", "en": "chair"},
                "place": "Calais",
            },
            "dossier": {
                "reference": "TEST-0000",
                "title": {"fr": "Dossier d'essai", "en": "Test dossier"},
                "subtitle": {"fr": "Cas limites", "en": "Edge cases"},
            },
            # The report's optional settings, so that the templates' branches that print them
            # are rendered by `dossier templates check` too.
            "report": {
                "month": "2016-11",
                "background": {
                    "fr": "Premier paragraphe <b>balise</b> {{ 7*7 }}.\n\n" + SCRIPTS[1],
                    "en": "First paragraph <b>tag</b> {{ 7*7 }}.\n\n" + SCRIPTS[2],
                },
                "response_intro": {"fr": "Les autorités…", "en": "The authorities…"},
                "epigraph": {
                    "person": "P-001",
                    "quote": {"fr": "Ils nous gazent la nuit.", "en": "They gas us at night."},
                },
                "acknowledgments": {"fr": "Merci <b>balise</b>.", "en": "Thanks <b>tag</b>."},
            },
        }
    )


def worst_case_dataset() -> Dataset:
    """Incidents with nothing optional filled, and incidents with everything filled many times."""
    persons = [
        Person(
            id=f"P-{n:03d}",
            pseudonym=name,
            roles=["victim", "witness"] if n % 2 else ["victim"],
            age=15 + n,
            minor=15 + n < 18,
            gender=vocab.GENDER.codes[n % len(vocab.GENDER.codes)],
            nationality="Erythréenne",
            languages=["Tigrinya", "Arabic"],
            legal_name=f"NEVER-PRINTED-LEGAL-NAME-{n}",
            contact=f"never-printed-{n}@example.org",
            art8_status=vocab.ART8_STATUS.codes[n % len(vocab.ART8_STATUS.codes)],
            publication_consent="anonymised" if n % 2 else "none",
            interview_date=dt.date(2015, 7, 1),
            interview_place="Calais",
            interview_mode=vocab.INTERVIEW_MODE.codes[n % 3],
            interview_language="Tigrinya",
            interpreter=bool(n % 2),
        )
        for n, name in enumerate(["Abel N.", "سامي ك.", "آرش م.", "ሰላም ተ.", "Dawit H."])
    ]
    empty = Incident(
        id="EMPTY-1",
        date=dt.date(2015, 1, 1),
        date_precision="year",
        commune="Calais",
        forces=[],
        acts=[],
        summary_en="Only an English summary.",
        confidentiality="public",
    )
    full = [
        Incident(
            id=f"FULL-{n}",
            date=dt.date(2015, 6, 1 + n),
            time=dt.time(23, 59),
            date_precision=vocab.DATE_PRECISION.codes[n % 4],
            commune="Grande-Synthe",
            place=" ".join(SCRIPTS),
            location_type="camp",
            latitude=51.012345,
            longitude=2.301234,
            context=vocab.CONTEXT.codes[n % len(vocab.CONTEXT.codes)],
            forces=list(vocab.FORCE.codes),
            units=[f"Unité {k}" for k in range(8)],
            officers=120,
            rio=["1234567", "7654321"],
            rio_visible=vocab.YES_NO_UNKNOWN.codes[n % 3],
            acts=list(vocab.ACT.codes),
            weapons=["gaz", "matraque", "LBD 40"],
            victims_count=200,
            minors_involved=True,
            injuries="Brûlures ; " * 10,
            medical_certificate=True,
            itt_days=n,
            belongings={code: n * 3 if n else None for code in vocab.BELONGING.codes},
            summary_fr=" ".join(SCRIPTS) + " <b>balise</b> {{ 7*7 }} " * 5,
            summary_en=None if n % 2 else "English account.",
            victim_ids=[person.id for person in persons],
            witness_ids=[persons[1].id],
            evidence_ids=["E-1", "E-2"],
            violation_status=vocab.VIOLATION_STATUS.codes[n % 4],
            confidentiality=vocab.CONFIDENTIALITY.codes[n % 3],
            recorded_by="XY",
            recorded_on=dt.date(2015, 7, 1),
        )
        for n in range(3)
    ]
    evidence = [
        Evidence(
            id="E-1",
            incident_ids=["FULL-0"],
            kind="photo",
            description_fr="Photo " * 30,
            file="photos/a.png",
            sha256="0" * 64,
            captured_at=dt.datetime(2015, 6, 1, 12, 0),
            captured_by="XY",
            custody_notes="Copie de travail ; original sous scellé. " * 3,
            confidentiality="public",
        ),
        Evidence(
            id="E-2",
            incident_ids=["FULL-1", "FULL-2"],
            kind="web_capture",
            description_en="Capture",
            url="https://example.org/" + "x" * 120,
            sha256="f" * 64,
            confidentiality="restricted",
        ),
    ]
    proceedings = [
        Proceeding(
            id=f"PR-{n}",
            incident_id="FULL-0",
            type=vocab.PROCEEDING_TYPE.codes[n],
            date=dt.date(2015, 7, 1),
            authority="Procureur de la République",
            reference=f"15/{n:06d}",
            status=vocab.PROCEEDING_STATUS.codes[n % len(vocab.PROCEEDING_STATUS.codes)],
            response="Aucune réponse à ce jour.",
        )
        for n in range(len(vocab.PROCEEDING_TYPE.codes))
    ]
    # An interview of each person about every full incident, a quote of each (one untranslated,
    # one marked not featured), and a letter with and one without a reply.
    interviews = [
        Interview(
            id=f"INT-{n}",
            person_ids=[person.id],
            incident_ids=[incident.id for incident in full],
            date=dt.date(2015, 7, 1),
            place="Calais",
            mode=vocab.INTERVIEW_MODE.codes[n % 3],
            language="Tigrinya",
            interpreter=True,
        )
        for n, person in enumerate(persons)
    ]
    quotes = [
        Quote(
            id=f"Q-{n}",
            interview_id=interview.id,
            incident_id=full[n % len(full)].id,
            original=SCRIPTS[n % len(SCRIPTS)] + " <b>balise</b> {{ 7*7 }}",
            original_language="Tigrinya",
            text_fr=None if n == 1 else "Ils ont gazé la tente.",
            text_en=None if n == 1 else "They gassed the tent.",
            featured=False if n == 2 else None,
            confidentiality=vocab.CONFIDENTIALITY.codes[n % 3],
        )
        for n, interview in enumerate(interviews)
    ]
    letters = [
        Letter(
            id=f"L-{n}",
            date=dt.date(2015, 8, 1 + n),
            sender="Association d'essai",
            recipient="Préfet " * (n + 1),
            subject="Objet <b>balise</b>",
            summary_fr="Résumé." if n else None,
            summary_en="Summary.",
            incident_ids=[incident.id for incident in full],
            reply_date=dt.date(2015, 9, 1) if n else None,
            reply_fr="Réponse." if n else None,
            evidence_ids=["E-1"],
            confidentiality="public",
        )
        for n in range(2)
    ]
    return Dataset(
        source=Path("worst-case"),
        incidents=[empty, *full],
        persons=persons,
        evidence=evidence,
        proceedings=proceedings,
        interviews=interviews,
        quotes=quotes,
        correspondence=letters,
    )
