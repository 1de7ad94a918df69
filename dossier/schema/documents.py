"""The sheets of documents: the evidence (each exhibit: its file or address, fingerprint, dates,
custody and pièce number) and the proceedings (complaints, reports and referrals to the
authorities, with their outcome). :mod:`dossier.schema.fields` assembles them with the incidents
and persons sheets; the per-language columns of their free text are added there.
"""

from __future__ import annotations

from dossier.schema import vocab
from dossier.schema.columns import Field, Kind, SheetSpec

__all__ = ["EVIDENCE", "PROCEEDINGS"]

EVIDENCE = SheetSpec(
    "evidence",
    "evidence",
    "pièces",
    (
        Field(
            "id",
            "id",
            "identifiant",
            Kind.ID,
            required=True,
            aliases=("evidence id",),
            help_fr="Identifiant unique de la pièce, par ex. E-001.",
            help_en="Unique id of the exhibit, e.g. E-001.",
        ),
        Field(
            "incident_ids",
            "incident ids",
            "incidents",
            Kind.ID_LIST,
            aliases=("incident", "incidents"),
            help_fr="Identifiants des incidents que la pièce concerne.",
            help_en="Ids of the incidents the exhibit is about.",
        ),
        Field(
            "kind",
            "kind",
            "nature",
            Kind.TERM,
            vocab.EVIDENCE_KIND,
            required=True,
            aliases=("type",),
            description="Kind of exhibit.",
            help_fr="Nature de la pièce.",
            help_en="Kind of exhibit.",
        ),
        Field(
            "description_fr",
            "description in French",
            "description en français",
            Kind.TEXT,
            aliases=("description", "description fr"),
            help_fr="Description de la pièce en français.",
            help_en="Description of the exhibit in French.",
        ),
        Field(
            "description_en",
            "description in English",
            "description en anglais",
            Kind.TEXT,
            aliases=("description en",),
            help_fr="Description de la pièce en anglais.",
            help_en="Description of the exhibit in English.",
        ),
        Field(
            "file",
            "file",
            "fichier",
            Kind.PATH,
            aliases=("path", "chemin"),
            description="Path inside the evidence folder.",
            help_fr=(
                "Chemin du fichier dans le dossier des pièces (evidence), par ex. "
                "photos/tente.jpg. Son empreinte SHA-256 est calculée."
            ),
            help_en=(
                "Path of the file inside the evidence folder, e.g. photos/tent.jpg. Its SHA-256 "
                "fingerprint is computed."
            ),
        ),
        Field(
            "url",
            "URL",
            "URL",
            Kind.URL,
            aliases=("link", "lien"),
            help_fr="Adresse web de la source en ligne, commençant par http:// ou https://.",
            help_en="Web address of the online source, starting with http:// or https://.",
        ),
        Field(
            "sha256",
            "SHA-256",
            "SHA-256",
            Kind.SHA256,
            aliases=("hash", "empreinte"),
            description="Checked against the file, or computed from it when blank.",
            help_fr=(
                "Empreinte SHA-256 (64 caractères) : vérifiée contre le fichier, calculée si vide."
            ),
            help_en=(
                "SHA-256 fingerprint (64 characters): checked against the file, computed when "
                "blank."
            ),
        ),
        Field(
            "document_date",
            "document date",
            "date du document",
            Kind.DATE,
            aliases=("date of the document", "date de la pièce"),
            help_fr="Date du document lui-même (certificat, courrier, photo), pas de sa collecte.",
            help_en="Date of the document itself (certificate, letter, photo), not of collection.",
        ),
        Field(
            "captured_at",
            "captured at",
            "date de collecte",
            Kind.DATETIME,
            aliases=("collected on", "capturé le"),
            help_fr="Date et heure de la collecte.",
            help_en="Date and time of collection.",
        ),
        Field(
            "captured_by",
            "captured by",
            "collecté par",
            Kind.TEXT,
            aliases=("capturé par",),
            help_fr="Qui a collecté la pièce.",
            help_en="Who collected the exhibit.",
        ),
        Field(
            "custody_notes",
            "custody notes",
            "chaîne de conservation",
            Kind.TEXT,
            aliases=("custody", "notes de conservation"),
            help_fr=(
                "Chaîne de conservation : chaque transfert (quand, qui, où, empreinte vérifiée)."
            ),
            help_en="Chain of custody: each transfer (when, who, where, fingerprint checked).",
        ),
        Field(
            "piece_number",
            "exhibit number",
            "numéro de pièce",
            Kind.INT,
            aliases=("piece number", "pièce n°", "exhibit no"),
            description=(
                "The exhibit's number once a dossier citing it was sent; blank: the next free "
                "number."
            ),
            help_fr=(
                "Numéro de la pièce (« Pièce n° 3 ») une fois un dossier envoyé : il ne change "
                "plus. Vide : le prochain numéro libre."
            ),
            help_en=(
                'The exhibit\'s number ("Exhibit no. 3") once a dossier was sent: it never '
                "changes. Blank: the next free number."
            ),
        ),
        Field(
            "timecodes",
            "timecodes",
            "codes temporels",
            Kind.TEXT_LIST,
            aliases=("time codes", "minutage"),
            description="Moments of a video the dossier cites (h:mm:ss or m:ss), ';'-separated.",
            help_fr=(
                "Moments cités d'une vidéo (h:mm:ss ou m:ss), séparés par « ; » : le recueil "
                "des pièces en montre une image."
            ),
            help_en=(
                'Moments of a video the dossier cites (h:mm:ss or m:ss), separated by ";": '
                "the exhibits bundle shows a still of each."
            ),
        ),
        Field(
            "confidentiality",
            "confidentiality",
            "confidentialité",
            Kind.TERM,
            vocab.CONFIDENTIALITY,
            blank="confidential",
            description="Who may see it; blank is read as confidential.",
            help_fr=(
                "Qui peut voir la pièce : public, restreint ou confidentiel. Vide = confidentiel."
            ),
            help_en=(
                "Who may see the exhibit: public, restricted or confidential. Blank = confidential."
            ),
        ),
    ),
    aliases=(
        "pieces",
        "exhibits",
    ),
)

PROCEEDINGS = SheetSpec(
    "proceedings",
    "proceedings",
    "procédures",
    (
        Field(
            "id",
            "id",
            "identifiant",
            Kind.ID,
            required=True,
            form_name="proceeding_id",
            help_fr="Identifiant unique de la démarche, par ex. D-001.",
            help_en="Unique id of the proceeding, e.g. D-001.",
        ),
        Field(
            "incident_id",
            "incident id",
            "incident",
            Kind.ID,
            required=True,
            aliases=("incident",),
            help_fr="Identifiant de l'incident concerné.",
            help_en="Id of the incident it is about.",
        ),
        Field(
            "type",
            "type",
            "type",
            Kind.TERM,
            vocab.PROCEEDING_TYPE,
            required=True,
            description="Kind of proceeding.",
            form_name="proceeding_type",
            help_fr="Type de démarche : plainte, signalement, saisine, action en justice.",
            help_en="Kind of proceeding: complaint, report, referral, court action.",
        ),
        Field(
            "date",
            "date",
            "date",
            Kind.DATE,
            form_name="proceeding_date",
            help_fr="Date de la démarche.",
            help_en="Date of the proceeding.",
        ),
        Field(
            "authority",
            "authority",
            "autorité",
            Kind.TEXT,
            aliases=("autorite",),
            help_fr="Autorité saisie : commissariat, procureur de la République, IGPN…",
            help_en="Authority addressed: police station, public prosecutor, IGPN…",
        ),
        Field(
            "reference",
            "reference",
            "référence",
            Kind.TEXT,
            aliases=("ref", "numéro"),
            help_fr="Référence : numéro de procès-verbal, de parquet, de dossier.",
            help_en="Reference: report, prosecution or case number.",
        ),
        Field(
            "status",
            "status",
            "état",
            Kind.TERM,
            vocab.PROCEEDING_STATUS,
            aliases=("statut",),
            description="Where it stands.",
            form_name="proceeding_status",
            help_fr="Où en est la démarche.",
            help_en="Where the proceeding stands.",
        ),
        Field(
            "response",
            "response received",
            "réponse reçue",
            Kind.TEXT,
            aliases=("response", "réponse"),
            help_fr="Réponse reçue, le cas échéant.",
            help_en="Response received, if any.",
        ),
    ),
    aliases=(
        "démarches",
        "demarches",
    ),
)
