"""The sheets of testimony and correspondence: interviews, the quotes taken from them, letters.

An interview is about one or more incidents and is cited in the footnotes of those incidents
only; each quote is one thing a person said in an interview, in the language they said it, with
its French and English translations and a confidentiality level of its own. The correspondence
sheet holds the letters the group sent to the authorities and the replies it received. These
sheets are optional: a workbook without them keeps its interview columns on the persons sheet
(:mod:`dossier.validate.interviews` reads those as one interview per person).
"""

from __future__ import annotations

from dossier.schema import vocab
from dossier.schema.columns import Field, Kind, SheetSpec

__all__ = ["CORRESPONDENCE", "INTERVIEWS", "QUOTES"]

INTERVIEWS = SheetSpec(
    "interviews",
    "interviews",
    "entretiens",
    (
        Field(
            "id",
            "id",
            "identifiant",
            Kind.ID,
            required=True,
            aliases=("interview id",),
            form_name="interview_id",
            help_fr="Identifiant unique de l'entretien, par ex. ENT-001.",
            help_en="Unique id of the interview, e.g. INT-001.",
        ),
        Field(
            "person_ids",
            "people",
            "personnes",
            Kind.ID_LIST,
            required=True,
            aliases=("person ids", "person id", "person", "personne", "persons"),
            help_fr=(
                "Identifiants des personnes entendues (feuille personnes) ; plusieurs pour un "
                "entretien collectif."
            ),
            help_en="Ids of the people interviewed (persons sheet); several for a group interview.",
        ),
        Field(
            "incident_ids",
            "incident ids",
            "incidents",
            Kind.ID_LIST,
            required=True,
            aliases=("incident", "incidents"),
            help_fr=(
                "Identifiants des incidents dont l'entretien a parlé : il n'est cité que pour "
                "eux, et il ne peut pas les précéder."
            ),
            help_en=(
                "Ids of the incidents the interview was about: it is cited for these only, and "
                "cannot be dated before them."
            ),
        ),
        Field(
            "date",
            "date",
            "date",
            Kind.DATE,
            aliases=("interview date", "date de l'entretien"),
            form_name="interview_date",
            help_fr="Date de l'entretien.",
            help_en="Date of the interview.",
        ),
        Field(
            "place",
            "place",
            "lieu",
            Kind.TEXT,
            aliases=("interview place", "lieu de l'entretien"),
            form_name="interview_place",
            help_fr="Lieu de l'entretien (la commune suffit).",
            help_en="Place of the interview (the commune is enough).",
        ),
        Field(
            "mode",
            "mode",
            "type d'entretien",
            Kind.TERM,
            vocab.INTERVIEW_MODE,
            aliases=("interview mode", "type"),
            description="Interview mode.",
            form_name="interview_mode",
            help_fr="Entretien individuel, collectif ou téléphonique.",
            help_en="Individual, group or telephone interview.",
        ),
        Field(
            "language",
            "language",
            "langue",
            Kind.TEXT,
            aliases=("interview language", "langue de l'entretien"),
            form_name="interview_language",
            help_fr="Langue de l'entretien.",
            help_en="Language of the interview.",
        ),
        Field(
            "interpreter",
            "interpreter",
            "interprète",
            Kind.BOOL,
            form_name="interview_interpreter",
            help_fr="Un interprète était-il présent ?",
            help_en="Was there an interpreter?",
        ),
    ),
    aliases=("entretien", "interview"),
)

QUOTES = SheetSpec(
    "quotes",
    "quotes",
    "citations",
    (
        Field(
            "id",
            "id",
            "identifiant",
            Kind.ID,
            required=True,
            aliases=("quote id",),
            form_name="quote_id",
            help_fr="Identifiant unique de la citation, par ex. CIT-001.",
            help_en="Unique id of the quote, e.g. Q-001.",
        ),
        Field(
            "interview_id",
            "interview",
            "entretien",
            Kind.ID,
            required=True,
            aliases=("interview id",),
            help_fr="Identifiant de l'entretien où la personne l'a dit (feuille entretiens).",
            help_en="Id of the interview in which the person said it (interviews sheet).",
        ),
        Field(
            "person_id",
            "person",
            "personne",
            Kind.ID,
            aliases=("person id",),
            form_name="quote_person",
            help_fr="Qui l'a dit ; vide si l'entretien n'a entendu qu'une personne.",
            help_en="Who said it; blank when the interview heard one person only.",
        ),
        Field(
            "incident_id",
            "incident",
            "incident",
            Kind.ID,
            aliases=("incident id",),
            form_name="quote_incident",
            help_fr="L'incident dont parle la citation ; vide si l'entretien n'en concerne qu'un.",
            help_en="The incident the quote is about; blank when the interview is about one only.",
        ),
        Field(
            "original",
            "original text",
            "texte original",
            Kind.TEXT,
            required=True,
            aliases=("quote", "citation", "original"),
            help_fr="Les mots de la personne, dans la langue où elle les a dits.",
            help_en="The person's words, in the language they said them.",
        ),
        Field(
            "original_language",
            "original language",
            "langue originale",
            Kind.TEXT,
            help_fr="Langue de la citation originale (par ex. tigrigna, arabe, français).",
            help_en="Language of the original quote (e.g. Tigrinya, Arabic, French).",
        ),
        Field(
            "text_fr",
            "French translation",
            "traduction française",
            Kind.TEXT,
            aliases=("text fr", "texte fr", "quote fr", "citation fr"),
            help_fr="La citation en français (traduite, ou recopiée si l'original est français).",
            help_en="The quote in French (translated, or copied when the original is French).",
        ),
        Field(
            "text_en",
            "English translation",
            "traduction anglaise",
            Kind.TEXT,
            aliases=("text en", "texte en", "quote en", "citation en"),
            help_fr="La citation en anglais (traduite, ou recopiée si l'original est anglais).",
            help_en="The quote in English (translated, or copied when the original is English).",
        ),
        Field(
            "featured",
            "featured",
            "mise en avant",
            Kind.BOOL,
            aliases=("feature", "à la une"),
            form_name="quote_featured",
            help_fr=(
                "Oui : le rapport raconte ce cas par cette citation dans le texte du chapitre ; "
                "non : jamais ; vide : le rapport choisit."
            ),
            help_en=(
                "Yes: the report tells this case through this quote in the chapter's text; no: "
                "never; blank: the report chooses."
            ),
        ),
        Field(
            "confidentiality",
            "confidentiality",
            "confidentialité",
            Kind.TERM,
            vocab.CONFIDENTIALITY,
            blank="confidential",
            description="Who may read the quote; blank is read as confidential.",
            form_name="quote_confidentiality",
            help_fr=(
                "Qui peut lire la citation : public, restreint ou confidentiel. Vide = "
                "confidentiel."
            ),
            help_en=(
                "Who may read the quote: public, restricted or confidential. Blank = confidential."
            ),
        ),
    ),
    aliases=("quote", "citation"),
)

CORRESPONDENCE = SheetSpec(
    "correspondence",
    "correspondence",
    "courriers",
    (
        Field(
            "id",
            "id",
            "identifiant",
            Kind.ID,
            required=True,
            aliases=("letter id",),
            form_name="letter_id",
            help_fr="Identifiant unique du courrier, par ex. C-001.",
            help_en="Unique id of the letter, e.g. L-001.",
        ),
        Field(
            "date",
            "date",
            "date",
            Kind.DATE,
            required=True,
            form_name="letter_date",
            help_fr="Date d'envoi du courrier.",
            help_en="Date the letter was sent.",
        ),
        Field(
            "sender",
            "from",
            "expéditeur",
            Kind.TEXT,
            required=True,
            aliases=("sender", "de"),
            help_fr="Qui l'a envoyé (en général l'association).",
            help_en="Who sent it (usually the organisation).",
        ),
        Field(
            "recipient",
            "to",
            "destinataire",
            Kind.TEXT,
            required=True,
            aliases=("recipient", "à"),
            help_fr="À qui : préfet, procureur de la République, ministre, Défenseur des droits…",
            help_en="To whom: prefect, public prosecutor, minister, Défenseur des droits…",
        ),
        Field(
            "subject",
            "subject",
            "objet",
            Kind.TEXT,
            required=True,
            help_fr="L'objet du courrier, tel qu'il est écrit.",
            help_en="The letter's subject line, as written.",
        ),
        Field(
            "summary_fr",
            "summary in French",
            "résumé en français",
            Kind.TEXT,
            aliases=("summary fr", "résumé fr", "résumé"),
            help_fr="Ce que le courrier dit ou demande, en français.",
            help_en="What the letter says or asks, in French.",
        ),
        Field(
            "summary_en",
            "summary in English",
            "résumé en anglais",
            Kind.TEXT,
            aliases=("summary en", "résumé en"),
            help_fr="Ce que le courrier dit ou demande, en anglais.",
            help_en="What the letter says or asks, in English.",
        ),
        Field(
            "incident_ids",
            "incident ids",
            "incidents",
            Kind.ID_LIST,
            aliases=("incident", "incidents"),
            help_fr="Identifiants des incidents dont parle le courrier.",
            help_en="Ids of the incidents the letter is about.",
        ),
        Field(
            "reply_date",
            "reply date",
            "date de la réponse",
            Kind.DATE,
            help_fr="Date de la réponse reçue ; vide s'il n'y en a pas eu.",
            help_en="Date of the reply received; blank when there was none.",
        ),
        Field(
            "reply_fr",
            "reply in French",
            "réponse en français",
            Kind.TEXT,
            aliases=("reply fr", "réponse fr", "réponse"),
            help_fr="Ce que dit la réponse, en français.",
            help_en="What the reply says, in French.",
        ),
        Field(
            "reply_en",
            "reply in English",
            "réponse en anglais",
            Kind.TEXT,
            aliases=("reply en", "réponse en"),
            help_fr="Ce que dit la réponse, en anglais.",
            help_en="What the reply says, in English.",
        ),
        Field(
            "evidence_ids",
            "exhibits",
            "pièces",
            Kind.ID_LIST,
            aliases=("evidence ids", "evidence", "exhibit"),
            form_name="letter_evidence",
            help_fr="Identifiants des pièces : le courrier et la réponse (feuille pièces).",
            help_en="Ids of the exhibits: the letter and the reply (evidence sheet).",
        ),
        Field(
            "confidentiality",
            "confidentiality",
            "confidentialité",
            Kind.TERM,
            vocab.CONFIDENTIALITY,
            blank="confidential",
            description="Who may read it; blank is read as confidential.",
            form_name="letter_confidentiality",
            help_fr=(
                "Qui peut lire ce courrier : public, restreint ou confidentiel. Vide = "
                "confidentiel."
            ),
            help_en=(
                "Who may read the letter: public, restricted or confidential. Blank = confidential."
            ),
        ),
    ),
    aliases=("letters", "courrier", "correspondance"),
)
