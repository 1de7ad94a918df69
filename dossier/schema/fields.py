"""The columns of each sheet: English and French names, kind of value, whether required."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dossier.schema import vocab
from dossier.schema.header_keys import fold_key


class Kind(StrEnum):
    """How a cell is read. Each kind has one parser in ``dossier.validate.rows``."""

    TEXT = "text"
    ID = "id"
    ID_LIST = "id_list"
    TEXT_LIST = "text_list"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    INT = "int"
    LATITUDE = "latitude"
    LONGITUDE = "longitude"
    BOOL = "bool"
    TERM = "term"
    TERM_LIST = "term_list"
    COUNTS = "counts"
    RIO_LIST = "rio_list"
    SHA256 = "sha256"
    URL = "url"
    PATH = "path"


@dataclass(frozen=True)
class Field:
    """One column of a sheet."""

    key: str
    en: str
    fr: str
    kind: Kind
    vocabulary: vocab.Vocabulary | None = None
    required: bool = False  # the column must exist and every row must fill it
    aliases: tuple[str, ...] = ()
    confidential: bool = False  # never printed outside the confidential identity annex
    help_en: str = ""
    help_fr: str = ""

    def header(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of the workbook: its names in both languages and its columns."""

    key: str
    en: str
    fr: str
    fields: tuple[Field, ...]
    aliases: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en

    def field(self, key: str) -> Field:
        for candidate in self.fields:
            if candidate.key == key:
                return candidate
        raise KeyError(key)

    def header_index(self) -> dict[str, Field]:
        """Folded header spelling → field, for every spelling a column may use."""
        index: dict[str, Field] = {}
        for column in self.fields:
            for spelling in (column.key, column.en, column.fr, *column.aliases):
                index.setdefault(fold_key(spelling), column)
        return index

    def sheet_keys(self) -> set[str]:
        return {fold_key(spelling) for spelling in (self.key, self.en, self.fr, *self.aliases)}


def _f(
    key: str,
    en: str,
    fr: str,
    kind: Kind,
    vocabulary: vocab.Vocabulary | None = None,
    *aliases: str,
    required: bool = False,
    confidential: bool = False,
) -> Field:
    return Field(key, en, fr, kind, vocabulary, required, aliases, confidential)


K = Kind
V = vocab

INCIDENTS = SheetSpec(
    "incidents",
    "incidents",
    "incidents",
    (
        _f("id", "id", "identifiant", K.ID, None, "ref", "référence", "incident id", required=True),
        _f("date", "date", "date", K.DATE, None, "date of incident", required=True),
        _f("time", "time", "heure", K.TIME),
        _f("date_precision", "date precision", "précision de la date", K.TERM, V.DATE_PRECISION),
        _f("commune", "commune", "commune", K.TEXT, None, "town", "city", "ville", required=True),
        _f("place", "place", "lieu", K.TEXT, None, "location", "lieu précis"),
        _f("location_type", "location type", "type de lieu", K.TERM, V.LOCATION_TYPE),
        _f("latitude", "latitude", "latitude", K.LATITUDE, None, "lat"),
        _f("longitude", "longitude", "longitude", K.LONGITUDE, None, "lon", "lng"),
        _f("context", "context", "contexte", K.TERM, V.CONTEXT),
        _f("forces", "forces", "forces de l'ordre", K.TERM_LIST, V.FORCE, "forces"),
        _f("units", "units", "unités", K.TEXT_LIST, None, "unit", "unité"),
        _f("officers", "number of officers", "nombre d'agents", K.INT, None, "officers"),
        _f("rio", "RIO numbers", "numéros RIO", K.RIO_LIST, None, "rio", "matricules"),
        _f("rio_visible", "RIO visible", "RIO visible", K.TERM, V.YES_NO_UNKNOWN),
        _f("acts", "acts", "actes", K.TERM_LIST, V.ACT, "faits"),
        _f("weapons", "weapons or means", "armes ou moyens", K.TEXT_LIST, None, "weapons", "armes"),
        _f(
            "victims_count", "number of victims", "nombre de victimes", K.INT, None, "victims count"
        ),
        _f(
            "minors_involved",
            "minors involved",
            "mineurs concernés",
            K.BOOL,
            None,
            "minors",
            "mineurs",
        ),
        _f("injuries", "injuries", "blessures", K.TEXT),
        _f("medical_certificate", "medical certificate", "certificat médical", K.BOOL),
        _f("itt_days", "ITT days", "jours d'ITT", K.INT, None, "ITT", "ITT (jours)"),
        _f(
            "belongings",
            "belongings affected",
            "biens touchés",
            K.COUNTS,
            V.BELONGING,
            "belongings",
            "biens",
        ),
        _f(
            "summary_fr",
            "summary in French",
            "résumé en français",
            K.TEXT,
            None,
            "résumé",
            "récit",
            "summary fr",
            "résumé fr",
        ),
        _f(
            "summary_en",
            "summary in English",
            "résumé en anglais",
            K.TEXT,
            None,
            "summary",
            "account",
            "summary en",
            "résumé en",
        ),
        _f("victim_ids", "victim ids", "victimes", K.ID_LIST, None, "victims", "ids des victimes"),
        _f(
            "witness_ids", "witness ids", "témoins", K.ID_LIST, None, "witnesses", "ids des témoins"
        ),
        _f(
            "evidence_ids",
            "evidence ids",
            "pièces",
            K.ID_LIST,
            None,
            "evidence",
            "exhibits",
            "ids des pièces",
        ),
        _f(
            "violation_status",
            "violation status",
            "statut de la violation",
            K.TERM,
            V.VIOLATION_STATUS,
            "status",
            "statut",
        ),
        _f("confidentiality", "confidentiality", "confidentialité", K.TERM, V.CONFIDENTIALITY),
        _f("recorded_by", "recorded by", "saisi par", K.TEXT, None, "enregistré par"),
        _f("recorded_on", "recorded on", "saisi le", K.DATE, None, "enregistré le"),
    ),
)

PERSONS = SheetSpec(
    "persons",
    "persons",
    "personnes",
    (
        _f("id", "id", "identifiant", K.ID, None, "person id", required=True),
        _f("pseudonym", "pseudonym", "pseudonyme", K.TEXT, None, required=True),
        _f("roles", "roles", "rôles", K.TERM_LIST, V.ROLE, "role", "rôle"),
        _f("age", "age", "âge", K.INT),
        _f("minor", "minor", "mineur", K.BOOL),
        _f("gender", "gender", "genre", K.TERM, V.GENDER, "sexe", "sex"),
        _f("nationality", "nationality", "nationalité", K.TEXT),
        _f("languages", "languages", "langues", K.TEXT_LIST, None, "language spoken"),
        _f(
            "legal_name",
            "legal name",
            "nom légal",
            K.TEXT,
            None,
            "name",
            "nom",
            "nom et prénom",
            "état civil",
            confidential=True,
        ),
        _f(
            "contact",
            "contact",
            "contact",
            K.TEXT,
            None,
            "phone number",
            "téléphone",
            confidential=True,
        ),
        _f(
            "art8_status",
            "article 8 status",
            "statut article 8",
            K.TERM,
            V.ART8_STATUS,
            "art 8",
            "art. 8 status",
            "statut art. 8",
        ),
        _f(
            "publication_consent",
            "publication consent",
            "consentement à la publication",
            K.TERM,
            V.PUBLICATION_CONSENT,
            "consent",
            "consentement",
        ),
        _f("interview_date", "interview date", "date de l'entretien", K.DATE),
        _f("interview_place", "interview place", "lieu de l'entretien", K.TEXT),
        _f("interview_mode", "interview mode", "type d'entretien", K.TERM, V.INTERVIEW_MODE),
        _f("interview_language", "interview language", "langue de l'entretien", K.TEXT),
        _f("interpreter", "interpreter", "interprète", K.BOOL),
    ),
)

EVIDENCE = SheetSpec(
    "evidence",
    "evidence",
    "pièces",
    (
        _f("id", "id", "identifiant", K.ID, None, "evidence id", required=True),
        _f("incident_ids", "incident ids", "incidents", K.ID_LIST, None, "incident", "incidents"),
        _f("kind", "kind", "nature", K.TERM, V.EVIDENCE_KIND, "type", required=True),
        _f(
            "description_fr",
            "description in French",
            "description en français",
            K.TEXT,
            None,
            "description",
            "description fr",
        ),
        _f(
            "description_en",
            "description in English",
            "description en anglais",
            K.TEXT,
            None,
            "description en",
        ),
        _f("file", "file", "fichier", K.PATH, None, "path", "chemin"),
        _f("url", "URL", "URL", K.URL, None, "link", "lien"),
        _f("sha256", "SHA-256", "SHA-256", K.SHA256, None, "hash", "empreinte"),
        _f(
            "captured_at",
            "captured at",
            "date de collecte",
            K.DATETIME,
            None,
            "collected on",
            "capturé le",
        ),
        _f("captured_by", "captured by", "collecté par", K.TEXT, None, "capturé par"),
        _f(
            "custody_notes",
            "custody notes",
            "chaîne de conservation",
            K.TEXT,
            None,
            "custody",
            "notes de conservation",
        ),
        _f("confidentiality", "confidentiality", "confidentialité", K.TERM, V.CONFIDENTIALITY),
    ),
    aliases=("pieces", "exhibits"),
)

PROCEEDINGS = SheetSpec(
    "proceedings",
    "proceedings",
    "procédures",
    (
        _f("id", "id", "identifiant", K.ID, None, required=True),
        _f("incident_id", "incident id", "incident", K.ID, None, "incident", required=True),
        _f("type", "type", "type", K.TERM, V.PROCEEDING_TYPE, required=True),
        _f("date", "date", "date", K.DATE),
        _f("authority", "authority", "autorité", K.TEXT, None, "autorite"),
        _f("reference", "reference", "référence", K.TEXT, None, "ref", "numéro"),
        _f("status", "status", "état", K.TERM, V.PROCEEDING_STATUS, "statut"),
        _f("response", "response received", "réponse reçue", K.TEXT, None, "response", "réponse"),
    ),
    aliases=("démarches", "demarches"),
)

SHEETS: tuple[SheetSpec, ...] = (INCIDENTS, PERSONS, EVIDENCE, PROCEEDINGS)
SHEETS_BY_KEY: dict[str, SheetSpec] = {sheet.key: sheet for sheet in SHEETS}


def sheet_for_name(name: str) -> SheetSpec | None:
    """The sheet a workbook tab or CSV file name stands for, in English or French."""
    key = fold_key(name)
    for sheet in SHEETS:
        if key in sheet.sheet_keys():
            return sheet
    return None
