"""The columns of each sheet: the one description every reader, record, form and doc derives from.

Each column says its names (English, French, other spellings), its kind (how a cell is read),
its vocabulary, whether it is required, its limits, what a blank cell stands for, what the
record's JSON Schema says of it, and the help shown to the people who fill it in. The typed
records (:mod:`dossier.schema.records`), the JSON Schemas, the cell readers
(:mod:`dossier.validate.cells`), the spreadsheet template and the XLSForm (:mod:`dossier.forms`)
and docs/input.md are all made from these descriptions.

A new column is a :class:`Field` added to its sheet here, plus an attribute of its type in the
record class (importing :mod:`dossier.schema.records` says what is missing); then
``python tools/make_input_doc.py`` and ``dossier schema --out schemas`` rewrite the docs and the
JSON Schemas, which tests compare with the checked-in copies.
"""

from __future__ import annotations

from dossier.schema import vocab
from dossier.schema.columns import AGE_LIMIT, Field, Kind, SheetSpec
from dossier.schema.documents import EVIDENCE, PROCEEDINGS
from dossier.schema.header_keys import fold_key
from dossier.schema.testimony import CORRESPONDENCE, INTERVIEWS, QUOTES
from dossier.schema.translations import with_translations

# The classes the sheets are made of are exported with them: readers of a sheet name them too.
__all__ = [
    "CORRESPONDENCE",
    "EVIDENCE",
    "INCIDENTS",
    "INTERVIEWS",
    "PERSONS",
    "PROCEEDINGS",
    "QUOTES",
    "SHEETS",
    "SHEETS_BY_KEY",
    "Field",
    "Kind",
    "SheetSpec",
    "sheet_for_name",
]


INCIDENTS = SheetSpec(
    "incidents",
    "incidents",
    "incidents",
    (
        Field(
            "id",
            "id",
            "identifiant",
            Kind.ID,
            required=True,
            aliases=("ref", "référence", "incident id"),
            form_name="incident_id",
            help_fr="Identifiant unique de l'incident, sans espace, par ex. CAL-2015-0042.",
            help_en="Unique id of the incident, no spaces, e.g. CAL-2015-0042.",
        ),
        Field(
            "date",
            "date",
            "date",
            Kind.DATE,
            required=True,
            aliases=("date of incident",),
            help_fr=(
                "Date des faits. Si seuls le mois ou l'année sont connus, saisissez le 1er et "
                "indiquez la précision de la date."
            ),
            help_en=(
                "Date of the facts. If only the month or the year is known, enter the 1st and set "
                "the date precision."
            ),
        ),
        Field(
            "time",
            "time",
            "heure",
            Kind.TIME,
            help_fr="Heure des faits, HH:MM.",
            help_en="Time of the facts, HH:MM.",
        ),
        Field(
            "date_precision",
            "date precision",
            "précision de la date",
            Kind.TERM,
            vocab.DATE_PRECISION,
            blank="exact",
            description="How exact the date is.",
            help_fr="La date est-elle exacte, approximative, ou seulement le mois ou l'année ?",
            help_en="Is the date exact, approximate, or only the month or the year?",
        ),
        Field(
            "commune",
            "commune",
            "commune",
            Kind.TEXT,
            required=True,
            aliases=("town", "city", "ville"),
            help_fr="Commune où les faits ont eu lieu.",
            help_en="Town where it happened.",
        ),
        Field(
            "place",
            "place",
            "lieu",
            Kind.TEXT,
            aliases=("location", "lieu précis"),
            help_fr="Lieu précis : rue, repère, campement.",
            help_en="Precise place: street, landmark, camp.",
        ),
        Field(
            "location_type",
            "location type",
            "type de lieu",
            Kind.TERM,
            vocab.LOCATION_TYPE,
            description="Kind of place.",
            help_fr="Type de lieu.",
            help_en="Kind of place.",
        ),
        Field(
            "latitude",
            "latitude",
            "latitude",
            Kind.LATITUDE,
            aliases=("lat",),
            help_fr=(
                "Latitude en degrés décimaux, par ex. 50.9513 (arrondie dans les éditions "
                "publiques)."
            ),
            help_en="Latitude in decimal degrees, e.g. 50.9513 (rounded in public editions).",
        ),
        Field(
            "longitude",
            "longitude",
            "longitude",
            Kind.LONGITUDE,
            aliases=("lon", "lng"),
            help_fr="Longitude en degrés décimaux, par ex. 1.8587.",
            help_en="Longitude in decimal degrees, e.g. 1.8587.",
        ),
        Field(
            "context",
            "context",
            "contexte",
            Kind.TERM,
            vocab.CONTEXT,
            description="What was going on.",
            help_fr="Ce qui se passait au moment des faits.",
            help_en="What was going on when it happened.",
        ),
        Field(
            "forces",
            "forces",
            "forces de l'ordre",
            Kind.TERM_LIST,
            vocab.FORCE,
            aliases=("forces",),
            description="Security forces present.",
            help_fr=(
                "Forces de l'ordre présentes ; « non identifiées » si on ne sait pas lesquelles."
            ),
            help_en="Security forces present; “unidentified” if it is not known which.",
        ),
        Field(
            "units",
            "units",
            "unités",
            Kind.TEXT_LIST,
            aliases=("unit", "unité"),
            help_fr="Unités ou compagnies (CRS 8, BAC…).",
            help_en="Units or companies (CRS 8, BAC…).",
        ),
        Field(
            "officers",
            "number of officers",
            "nombre d'agents",
            Kind.INT,
            aliases=("officers",),
            help_fr="Nombre d'agents présents.",
            help_en="Number of officers present.",
        ),
        Field(
            "rio",
            "RIO numbers",
            "numéros RIO",
            Kind.RIO_LIST,
            aliases=("rio", "matricules"),
            description="7-digit RIO numbers seen.",
            help_fr="Numéros RIO relevés : 7 chiffres chacun.",
            help_en="RIO numbers seen: 7 digits each.",
        ),
        Field(
            "rio_visible",
            "RIO visible",
            "RIO visible",
            Kind.TERM,
            vocab.YES_NO_UNKNOWN,
            blank="unknown",
            description="Was the RIO worn visibly?",
            help_fr="Le RIO était-il porté de façon visible ? « non » s'il ne l'était pas.",
            help_en="Was the RIO worn visibly? “no” if it was not.",
        ),
        Field(
            "acts",
            "acts",
            "actes",
            Kind.TERM_LIST,
            vocab.ACT,
            aliases=("faits",),
            description="Acts committed.",
            help_fr="Actes commis.",
            help_en="Acts committed.",
        ),
        Field(
            "weapons",
            "weapons or means",
            "armes ou moyens",
            Kind.TEXT_LIST,
            aliases=("weapons", "armes"),
            help_fr="Armes ou moyens employés (gazeuse, matraque, LBD…).",
            help_en="Weapons or means used (pepper spray, baton, LBD…).",
        ),
        Field(
            "victims_count",
            "number of victims",
            "nombre de victimes",
            Kind.INT,
            aliases=("victims count",),
            help_fr="Nombre de victimes.",
            help_en="Number of victims.",
        ),
        Field(
            "minors_involved",
            "minors involved",
            "mineurs concernés",
            Kind.BOOL,
            aliases=("minors", "mineurs"),
            help_fr="Des mineurs étaient-ils concernés ?",
            help_en="Were minors involved?",
        ),
        Field(
            "injuries",
            "injuries",
            "blessures",
            Kind.TEXT,
            help_fr="Description des blessures.",
            help_en="Description of the injuries.",
        ),
        Field(
            "medical_certificate",
            "medical certificate",
            "certificat médical",
            Kind.BOOL,
            help_fr="Un certificat médical a-t-il été établi ?",
            help_en="Was a medical certificate issued?",
        ),
        Field(
            "itt_days",
            "ITT days",
            "jours d'ITT",
            Kind.INT,
            aliases=("ITT", "ITT (jours)"),
            help_fr="Incapacité totale de travail (ITT) fixée par le certificat, en jours.",
            help_en="Total incapacity for work (ITT) set by the certificate, in days.",
        ),
        Field(
            "belongings",
            "belongings affected",
            "biens touchés",
            Kind.COUNTS,
            vocab.BELONGING,
            aliases=("belongings", "biens", "affaires"),
            description="Belonging code → count (null when the count was not given).",
            help_fr=(
                "Biens détruits ou confisqués, avec leur nombre : tente:3 ; sac de couchage:2."
            ),
            help_en="Belongings destroyed or seized, with counts: tent:3; sleeping bag:2.",
        ),
        Field(
            "summary_fr",
            "summary in French",
            "résumé en français",
            Kind.TEXT,
            aliases=("résumé", "récit", "summary fr", "résumé fr"),
            help_fr=(
                "Récit des faits en français. Il faut au moins un résumé, en français ou en "
                "anglais. Pseudonymes seulement."
            ),
            help_en=(
                "Account of the facts in French. At least one summary is needed, French or "
                "English. Pseudonyms only."
            ),
        ),
        Field(
            "summary_en",
            "summary in English",
            "résumé en anglais",
            Kind.TEXT,
            aliases=("summary", "account", "summary en", "résumé en"),
            help_fr="Récit des faits en anglais. Pseudonymes seulement.",
            help_en="Account of the facts in English. Pseudonyms only.",
        ),
        Field(
            "victim_ids",
            "victim ids",
            "victimes",
            Kind.ID_LIST,
            aliases=("victims", "ids des victimes"),
            help_fr="Identifiants des victimes (feuille des personnes).",
            help_en="Ids of the victims (persons sheet).",
        ),
        Field(
            "witness_ids",
            "witness ids",
            "témoins",
            Kind.ID_LIST,
            aliases=("witnesses", "ids des témoins"),
            help_fr="Identifiants des témoins (feuille des personnes).",
            help_en="Ids of the witnesses (persons sheet).",
        ),
        Field(
            "evidence_ids",
            "evidence ids",
            "pièces",
            Kind.ID_LIST,
            aliases=("evidence", "exhibits", "ids des pièces"),
            help_fr="Identifiants des pièces (feuille des pièces).",
            help_en="Ids of the exhibits (evidence sheet).",
        ),
        Field(
            "knowledge",
            "how we know",
            "connaissance des faits",
            Kind.TERM,
            vocab.KNOWLEDGE,
            aliases=("source of knowledge", "qualité", "filing quality"),
            description="How the filing association knows the incident.",
            help_fr=(
                "Comment l'association connaît les faits : un membre en a été témoin ; récit de "
                "la victime transmis avec son mandat ; signalement invitant le Défenseur des "
                "droits à se saisir d'office."
            ),
            help_en=(
                "How the association knows the facts: a member witnessed them; the victim's "
                "account relayed with their mandate; a report inviting the Défenseur des droits "
                "to act on its own initiative."
            ),
        ),
        Field(
            "echr_art3",
            "ECHR art. 3",
            "CEDH art. 3",
            Kind.BOOL,
            aliases=("article 3", "art. 3 CEDH"),
            help_fr=(
                "Décision de l'éditeur : « oui » pour invoquer l'article 3 de la Convention "
                "européenne des droits de l'homme (traitement inhumain ou dégradant, qui suppose "
                "un minimum de gravité). Jamais déduit des actes."
            ),
            help_en=(
                "The editor's decision: “yes” to invoke article 3 of the European Convention on "
                "Human Rights (inhuman or degrading treatment, which requires a minimum level of "
                "severity). Never inferred from the acts."
            ),
        ),
        Field(
            "ddd_reference",
            "DDD reference",
            "référence Défenseur des droits",
            Kind.TEXT,
            aliases=("référence DDD", "saisine DDD"),
            help_fr=(
                "Numéro d'une saisine du Défenseur des droits déjà faite pour cet incident : le "
                "dossier la complète."
            ),
            help_en=(
                "Number of an earlier referral to the Défenseur des droits about this incident: "
                "the dossier complements it."
            ),
        ),
        Field(
            "done_by",
            "done by",
            "qui a fait quoi",
            Kind.TEXT_LIST,
            description=(
                "Which force did which act, as `act: force` pairs (codes after validation), "
                "for an incident where several forces acted."
            ),
            help_fr=(
                "Si plusieurs forces étaient présentes : quelle force a commis quel acte, "
                "« acte : force », par ex. « violences physiques : sécurité privée ; "
                "interpellation : police aux frontières ». Plusieurs forces pour un acte : "
                "« chien : CRS, sécurité privée ». Vide = on ne sait pas qui a fait quoi."
            ),
            help_en=(
                "If several forces were present: which force did which act, “act: force”, e.g. "
                "“physical violence: private security; arrest: border police”. Several forces "
                "for one act: “dog: CRS, private security”. Blank = it is not known who did what."
            ),
        ),
        Field(
            "violation_status",
            "violation status",
            "statut de la violation",
            Kind.TERM,
            vocab.VIOLATION_STATUS,
            aliases=("status", "statut"),
            description="How well the violation is established.",
            help_fr="Dans quelle mesure la violation est établie.",
            help_en="How well the violation is established.",
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
                "Qui peut le voir : public ; restreint (institutions et partenaires) ; "
                "confidentiel (Défenseur des droits seulement). Vide = confidentiel."
            ),
            help_en=(
                "Who may see it: public; restricted (institutions and partners); confidential "
                "(Défenseur des droits only). Blank = confidential."
            ),
        ),
        Field(
            "recorded_by",
            "recorded by",
            "saisi par",
            Kind.TEXT,
            aliases=("enregistré par",),
            help_fr="Personne qui a recueilli ou saisi l'incident.",
            help_en="Who collected or recorded the incident.",
        ),
        Field(
            "recorded_on",
            "recorded on",
            "saisi le",
            Kind.DATE,
            aliases=("enregistré le",),
            help_fr="Date de la saisie.",
            help_en="Date it was recorded.",
        ),
    ),
)

PERSONS = SheetSpec(
    "persons",
    "persons",
    "personnes",
    (
        Field(
            "id",
            "id",
            "identifiant",
            Kind.ID,
            required=True,
            aliases=("person id",),
            form_name="person_id",
            help_fr="Identifiant unique de la personne, par ex. P-001.",
            help_en="Unique id of the person, e.g. P-001.",
        ),
        Field(
            "pseudonym",
            "pseudonym",
            "pseudonyme",
            Kind.TEXT,
            required=True,
            help_fr=(
                "Pseudonyme, par ex. « Abel N. » : le seul nom imprimé hors de l'annexe "
                "confidentielle."
            ),
            help_en=(
                "Pseudonym, e.g. “Abel N.”: the only name printed outside the confidential annex."
            ),
        ),
        Field(
            "roles",
            "roles",
            "rôles",
            Kind.TERM_LIST,
            vocab.ROLE,
            aliases=("role", "rôle"),
            description="Roles this person has.",
            help_fr="Rôles de la personne.",
            help_en="Roles of the person.",
        ),
        Field(
            "age",
            "age",
            "âge",
            Kind.INT,
            at_most=AGE_LIMIT,
            help_fr="Âge en années.",
            help_en="Age in years.",
        ),
        Field(
            "minor",
            "minor",
            "mineur",
            Kind.BOOL,
            help_fr="Moins de 18 ans ? Déduit de l'âge s'il est vide.",
            help_en="Under 18? Worked out from the age when blank.",
        ),
        Field(
            "gender",
            "gender",
            "genre",
            Kind.TERM,
            vocab.GENDER,
            aliases=("sexe", "sex"),
            description="Gender.",
            help_fr="Genre.",
            help_en="Gender.",
        ),
        Field(
            "nationality",
            "nationality",
            "nationalité",
            Kind.TEXT,
            help_fr=(
                "Nationalité déclarée, en français ou en anglais (soudanaise, Sudanese, Soudan) : "
                "chaque édition l'imprime dans sa langue."
            ),
            help_en=(
                "Nationality as stated, in English or French (Sudanese, soudanaise, Sudan): each "
                "edition prints it in its own language."
            ),
        ),
        Field(
            "languages",
            "languages",
            "langues",
            Kind.TEXT_LIST,
            aliases=("language spoken",),
            help_fr="Langues parlées.",
            help_en="Languages spoken.",
        ),
        Field(
            "legal_name",
            "legal name",
            "nom légal",
            Kind.TEXT,
            aliases=("name", "nom", "nom et prénom", "état civil"),
            confidential=True,
            help_fr=(
                "CONFIDENTIEL : nom à l'état civil. N'apparaît que dans l'annexe confidentielle."
            ),
            help_en="CONFIDENTIAL: legal name. Appears only in the confidential annex.",
        ),
        Field(
            "contact",
            "contact",
            "contact",
            Kind.TEXT,
            aliases=("phone number", "téléphone"),
            confidential=True,
            help_fr="CONFIDENTIEL : téléphone ou autre contact. Annexe confidentielle seulement.",
            help_en="CONFIDENTIAL: phone or other contact. Confidential annex only.",
        ),
        Field(
            "art8_status",
            "article 8 status",
            "statut article 8",
            Kind.TERM,
            vocab.ART8_STATUS,
            aliases=("art 8", "art. 8 status", "statut art. 8"),
            description="Article 8 (organic law 2011-333) status.",
            help_fr=(
                "Art. 8 de la loi organique 2011-333 : la victime a-t-elle été informée de la "
                "saisine sans s'y opposer ? Une victime qui a refusé n'apparaît pas dans le "
                "dossier."
            ),
            help_en=(
                "Art. 8 of organic law 2011-333: was the victim informed of the referral without "
                "objecting? A victim who refused does not appear in the dossier."
            ),
        ),
        Field(
            "publication_consent",
            "publication consent",
            "consentement à la publication",
            Kind.TERM,
            vocab.PUBLICATION_CONSENT,
            aliases=("consent", "consentement"),
            blank="none",
            description="Blank is read as none.",
            help_fr=(
                "Consentement à la publication : aucun (jamais nommée dans un rapport) ou "
                "anonymisé (sous pseudonyme)."
            ),
            help_en=(
                "Publication consent: none (never named in a report) or anonymised (under the "
                "pseudonym)."
            ),
        ),
        Field(
            "identity_consent",
            "consent to be identified to the DDD",
            "accord pour être identifié auprès du DDD",
            Kind.BOOL,
            aliases=("identity consent", "accord identification ddd"),
            description=(
                "Explicit consent to the legal name reaching the Défenseur des droits in the "
                "confidential identity annex; art. 8 consent alone is not enough."
            ),
            help_fr=(
                "La personne a-t-elle accepté expressément que son identité soit transmise au "
                "Défenseur des droits (annexe confidentielle) ? Le consentement de l'art. 8 ne "
                "suffit pas. Vide = non."
            ),
            help_en=(
                "Did the person explicitly agree that their identity be given to the Défenseur "
                "des droits (confidential annex)? Art. 8 consent is not enough. Blank = no."
            ),
        ),
        Field(
            "interview_date",
            "interview date",
            "date de l'entretien",
            Kind.DATE,
            help_fr="Date de l'entretien (témoignage).",
            help_en="Date of the interview (testimony).",
        ),
        Field(
            "interview_place",
            "interview place",
            "lieu de l'entretien",
            Kind.TEXT,
            help_fr="Lieu de l'entretien.",
            help_en="Place of the interview.",
        ),
        Field(
            "interview_mode",
            "interview mode",
            "type d'entretien",
            Kind.TERM,
            vocab.INTERVIEW_MODE,
            description="Interview mode.",
            help_fr="Entretien individuel, collectif ou téléphonique.",
            help_en="Individual, group or telephone interview.",
        ),
        Field(
            "interview_language",
            "interview language",
            "langue de l'entretien",
            Kind.TEXT,
            help_fr="Langue de l'entretien.",
            help_en="Language of the interview.",
        ),
        Field(
            "interpreter",
            "interpreter",
            "interprète",
            Kind.BOOL,
            help_fr="Un interprète était-il présent ?",
            help_en="Was there an interpreter?",
        ),
    ),
)

# Each free-text column an edition prints has a column per language (schema/translations.py).
INCIDENTS = with_translations(INCIDENTS)
EVIDENCE = with_translations(EVIDENCE)
PROCEEDINGS = with_translations(PROCEEDINGS)
# The sheets of testimony and correspondence come last: a workbook needs none of them.
SHEETS: tuple[SheetSpec, ...] = (
    INCIDENTS,
    PERSONS,
    EVIDENCE,
    PROCEEDINGS,
    INTERVIEWS,
    QUOTES,
    CORRESPONDENCE,
)
SHEETS_BY_KEY: dict[str, SheetSpec] = {sheet.key: sheet for sheet in SHEETS}


def sheet_for_name(name: str) -> SheetSpec | None:
    """The sheet a workbook tab or CSV file name stands for, in English or French."""
    key = fold_key(name)
    for sheet in SHEETS:
        if key in sheet.sheet_keys():
            return sheet
    return None
