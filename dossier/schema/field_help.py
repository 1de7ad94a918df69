"""One short explanation per column, in French and English, for people filling in the data."""

from __future__ import annotations

from dossier.schema.fields import SHEETS_BY_KEY, Field, Kind

# (sheet key, field key) → (French, English). Shown as header comments in the spreadsheet
# template and as hints in the XLSForm. Sober and short: volunteers read them on a phone.
FIELD_HELP: dict[tuple[str, str], tuple[str, str]] = {
    # -- incidents --------------------------------------------------------------------------
    ("incidents", "id"): (
        "Identifiant unique de l'incident, sans espace, par ex. CAL-2015-0042.",
        "Unique id of the incident, no spaces, e.g. CAL-2015-0042.",
    ),
    ("incidents", "date"): (
        "Date des faits. Si seuls le mois ou l'année sont connus, saisissez le 1er et "
        "indiquez la précision de la date.",
        "Date of the facts. If only the month or the year is known, enter the 1st and set "
        "the date precision.",
    ),
    ("incidents", "time"): (
        "Heure des faits, HH:MM.",
        "Time of the facts, HH:MM.",
    ),
    ("incidents", "date_precision"): (
        "La date est-elle exacte, approximative, ou seulement le mois ou l'année ?",
        "Is the date exact, approximate, or only the month or the year?",
    ),
    ("incidents", "commune"): (
        "Commune où les faits ont eu lieu.",
        "Town where it happened.",
    ),
    ("incidents", "place"): (
        "Lieu précis : rue, repère, campement.",
        "Precise place: street, landmark, camp.",
    ),
    ("incidents", "location_type"): (
        "Type de lieu.",
        "Kind of place.",
    ),
    ("incidents", "latitude"): (
        "Latitude en degrés décimaux, par ex. 50.9513 (arrondie dans les éditions publiques).",
        "Latitude in decimal degrees, e.g. 50.9513 (rounded in public editions).",
    ),
    ("incidents", "longitude"): (
        "Longitude en degrés décimaux, par ex. 1.8587.",
        "Longitude in decimal degrees, e.g. 1.8587.",
    ),
    ("incidents", "context"): (
        "Ce qui se passait au moment des faits.",
        "What was going on when it happened.",
    ),
    ("incidents", "forces"): (
        "Forces de l'ordre présentes ; « non identifiées » si on ne sait pas lesquelles.",
        "Security forces present; “unidentified” if it is not known which.",
    ),
    ("incidents", "units"): (
        "Unités ou compagnies (CRS 8, BAC…).",
        "Units or companies (CRS 8, BAC…).",
    ),
    ("incidents", "officers"): (
        "Nombre d'agents présents.",
        "Number of officers present.",
    ),
    ("incidents", "rio"): (
        "Numéros RIO relevés : 7 chiffres chacun.",
        "RIO numbers seen: 7 digits each.",
    ),
    ("incidents", "rio_visible"): (
        "Le RIO était-il porté de façon visible ? « non » s'il ne l'était pas.",
        "Was the RIO worn visibly? “no” if it was not.",
    ),
    ("incidents", "acts"): (
        "Actes commis.",
        "Acts committed.",
    ),
    ("incidents", "weapons"): (
        "Armes ou moyens employés (gazeuse, matraque, LBD…).",
        "Weapons or means used (pepper spray, baton, LBD…).",
    ),
    ("incidents", "victims_count"): (
        "Nombre de victimes.",
        "Number of victims.",
    ),
    ("incidents", "minors_involved"): (
        "Des mineurs étaient-ils concernés ?",
        "Were minors involved?",
    ),
    ("incidents", "injuries"): (
        "Description des blessures.",
        "Description of the injuries.",
    ),
    ("incidents", "medical_certificate"): (
        "Un certificat médical a-t-il été établi ?",
        "Was a medical certificate issued?",
    ),
    ("incidents", "itt_days"): (
        "Incapacité totale de travail (ITT) fixée par le certificat, en jours.",
        "Total incapacity for work (ITT) set by the certificate, in days.",
    ),
    ("incidents", "belongings"): (
        "Biens détruits ou confisqués, avec leur nombre : tente:3 ; sac de couchage:2.",
        "Belongings destroyed or seized, with counts: tent:3; sleeping bag:2.",
    ),
    ("incidents", "summary_fr"): (
        "Récit des faits en français. Il faut au moins un résumé, en français ou en anglais. "
        "Pseudonymes seulement.",
        "Account of the facts in French. At least one summary is needed, French or English. "
        "Pseudonyms only.",
    ),
    ("incidents", "summary_en"): (
        "Récit des faits en anglais. Pseudonymes seulement.",
        "Account of the facts in English. Pseudonyms only.",
    ),
    ("incidents", "victim_ids"): (
        "Identifiants des victimes (feuille des personnes).",
        "Ids of the victims (persons sheet).",
    ),
    ("incidents", "witness_ids"): (
        "Identifiants des témoins (feuille des personnes).",
        "Ids of the witnesses (persons sheet).",
    ),
    ("incidents", "evidence_ids"): (
        "Identifiants des pièces (feuille des pièces).",
        "Ids of the exhibits (evidence sheet).",
    ),
    ("incidents", "violation_status"): (
        "Dans quelle mesure la violation est établie.",
        "How well the violation is established.",
    ),
    ("incidents", "confidentiality"): (
        "Qui peut le voir : public ; restreint (institutions et partenaires) ; confidentiel "
        "(Défenseur des droits seulement). Vide = confidentiel.",
        "Who may see it: public; restricted (institutions and partners); confidential "
        "(Défenseur des droits only). Blank = confidential.",
    ),
    ("incidents", "recorded_by"): (
        "Personne qui a recueilli ou saisi l'incident.",
        "Who collected or recorded the incident.",
    ),
    ("incidents", "recorded_on"): (
        "Date de la saisie.",
        "Date it was recorded.",
    ),
    # -- persons ----------------------------------------------------------------------------
    ("persons", "id"): (
        "Identifiant unique de la personne, par ex. P-001.",
        "Unique id of the person, e.g. P-001.",
    ),
    ("persons", "pseudonym"): (
        "Pseudonyme, par ex. « Abel N. » : le seul nom imprimé hors de l'annexe confidentielle.",
        "Pseudonym, e.g. “Abel N.”: the only name printed outside the confidential annex.",
    ),
    ("persons", "roles"): (
        "Rôles de la personne.",
        "Roles of the person.",
    ),
    ("persons", "age"): (
        "Âge en années.",
        "Age in years.",
    ),
    ("persons", "minor"): (
        "Moins de 18 ans ? Déduit de l'âge s'il est vide.",
        "Under 18? Worked out from the age when blank.",
    ),
    ("persons", "gender"): (
        "Genre.",
        "Gender.",
    ),
    ("persons", "nationality"): (
        "Nationalité déclarée.",
        "Nationality as stated.",
    ),
    ("persons", "languages"): (
        "Langues parlées.",
        "Languages spoken.",
    ),
    ("persons", "legal_name"): (
        "CONFIDENTIEL : nom à l'état civil. N'apparaît que dans l'annexe confidentielle.",
        "CONFIDENTIAL: legal name. Appears only in the confidential annex.",
    ),
    ("persons", "contact"): (
        "CONFIDENTIEL : téléphone ou autre contact. Annexe confidentielle seulement.",
        "CONFIDENTIAL: phone or other contact. Confidential annex only.",
    ),
    ("persons", "art8_status"): (
        "Art. 8 de la loi organique 2011-333 : la victime a-t-elle été informée de la saisine "
        "sans s'y opposer ? Une victime qui a refusé n'apparaît pas dans le dossier.",
        "Art. 8 of organic law 2011-333: was the victim informed of the referral without "
        "objecting? A victim who refused does not appear in the dossier.",
    ),
    ("persons", "publication_consent"): (
        "Consentement à la publication : aucun (jamais nommée dans un rapport) ou anonymisé "
        "(sous pseudonyme).",
        "Publication consent: none (never named in a report) or anonymised (under the pseudonym).",
    ),
    ("persons", "interview_date"): (
        "Date de l'entretien (témoignage).",
        "Date of the interview (testimony).",
    ),
    ("persons", "interview_place"): (
        "Lieu de l'entretien.",
        "Place of the interview.",
    ),
    ("persons", "interview_mode"): (
        "Entretien individuel, collectif ou téléphonique.",
        "Individual, group or telephone interview.",
    ),
    ("persons", "interview_language"): (
        "Langue de l'entretien.",
        "Language of the interview.",
    ),
    ("persons", "interpreter"): (
        "Un interprète était-il présent ?",
        "Was there an interpreter?",
    ),
    # -- evidence ---------------------------------------------------------------------------
    ("evidence", "id"): (
        "Identifiant unique de la pièce, par ex. E-001.",
        "Unique id of the exhibit, e.g. E-001.",
    ),
    ("evidence", "incident_ids"): (
        "Identifiants des incidents que la pièce concerne.",
        "Ids of the incidents the exhibit is about.",
    ),
    ("evidence", "kind"): (
        "Nature de la pièce.",
        "Kind of exhibit.",
    ),
    ("evidence", "description_fr"): (
        "Description de la pièce en français.",
        "Description of the exhibit in French.",
    ),
    ("evidence", "description_en"): (
        "Description de la pièce en anglais.",
        "Description of the exhibit in English.",
    ),
    ("evidence", "file"): (
        "Chemin du fichier dans le dossier des pièces (evidence), par ex. photos/tente.jpg. "
        "Son empreinte SHA-256 est calculée.",
        "Path of the file inside the evidence folder, e.g. photos/tent.jpg. Its SHA-256 "
        "fingerprint is computed.",
    ),
    ("evidence", "url"): (
        "Adresse web de la source en ligne, commençant par http:// ou https://.",
        "Web address of the online source, starting with http:// or https://.",
    ),
    ("evidence", "sha256"): (
        "Empreinte SHA-256 (64 caractères) : vérifiée contre le fichier, calculée si vide.",
        "SHA-256 fingerprint (64 characters): checked against the file, computed when blank.",
    ),
    ("evidence", "captured_at"): (
        "Date et heure de la collecte.",
        "Date and time of collection.",
    ),
    ("evidence", "captured_by"): (
        "Qui a collecté la pièce.",
        "Who collected the exhibit.",
    ),
    ("evidence", "custody_notes"): (
        "Chaîne de conservation : chaque transfert (quand, qui, où, empreinte vérifiée).",
        "Chain of custody: each transfer (when, who, where, fingerprint checked).",
    ),
    ("evidence", "confidentiality"): (
        "Qui peut voir la pièce : public, restreint ou confidentiel. Vide = confidentiel.",
        "Who may see the exhibit: public, restricted or confidential. Blank = confidential.",
    ),
    # -- proceedings ------------------------------------------------------------------------
    ("proceedings", "id"): (
        "Identifiant unique de la démarche, par ex. D-001.",
        "Unique id of the proceeding, e.g. D-001.",
    ),
    ("proceedings", "incident_id"): (
        "Identifiant de l'incident concerné.",
        "Id of the incident it is about.",
    ),
    ("proceedings", "type"): (
        "Type de démarche : plainte, signalement, saisine, action en justice.",
        "Kind of proceeding: complaint, report, referral, court action.",
    ),
    ("proceedings", "date"): (
        "Date de la démarche.",
        "Date of the proceeding.",
    ),
    ("proceedings", "authority"): (
        "Autorité saisie : commissariat, procureur de la République, IGPN…",
        "Authority addressed: police station, public prosecutor, IGPN…",
    ),
    ("proceedings", "reference"): (
        "Référence : numéro de procès-verbal, de parquet, de dossier.",
        "Reference: report, prosecution or case number.",
    ),
    ("proceedings", "status"): (
        "Où en est la démarche.",
        "Where the proceeding stands.",
    ),
    ("proceedings", "response"): (
        "Réponse reçue, le cas échéant.",
        "Response received, if any.",
    ),
}

_REQUIRED = {"fr": "Obligatoire.", "en": "Required."}
_MULTI = {
    "fr": "Plusieurs valeurs possibles, séparées par « ; ».",
    "en": "Several values allowed, separated by “;”.",
}


def field_help(sheet_key: str, field_key: str, lang: str) -> str:
    """The explanation of one column in ``lang``; required columns say so."""
    fr, en = FIELD_HELP[(sheet_key, field_key)]
    text = fr if lang == "fr" else en
    column = SHEETS_BY_KEY[sheet_key].field(field_key)
    if column.required:
        text = f"{_REQUIRED[_lang(lang)]} {text}"
    return text


def is_multi(column: Field) -> bool:
    """Whether a cell of this column may hold several values separated by ";"."""
    return column.kind in (Kind.TERM_LIST, Kind.TEXT_LIST, Kind.ID_LIST, Kind.RIO_LIST, Kind.COUNTS)


def multi_note(lang: str) -> str:
    return _MULTI[_lang(lang)]


def _lang(lang: str) -> str:
    return "fr" if lang == "fr" else "en"
