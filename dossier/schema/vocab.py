"""The controlled vocabularies: one stable code, a French and an English label per term."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from dossier.schema import matching
from dossier.schema.header_keys import fold_key
from dossier.schema.matching import Suggestion


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary. ``code`` is what records store; labels are what people read."""

    code: str
    fr: str
    en: str
    aliases: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class Vocabulary:
    """A named list of terms; a cell may give a term by code, French or English label, or alias."""

    name: str
    fr_title: str
    en_title: str
    terms: tuple[Term, ...]

    @cached_property
    def by_key(self) -> dict[str, Term]:
        index: dict[str, Term] = {}
        for term in self.terms:
            for spelling in (term.code, term.fr, term.en, *term.aliases):
                index.setdefault(fold_key(spelling), term)
        return index

    @cached_property
    def by_code(self) -> dict[str, Term]:
        return {term.code: term for term in self.terms}

    @property
    def codes(self) -> list[str]:
        return [term.code for term in self.terms]

    def title(self, lang: str) -> str:
        return self.fr_title if lang == "fr" else self.en_title

    @cached_property
    def _lookups(self) -> dict[str, Term | None]:
        return {}

    @cached_property
    def by_inflection(self) -> dict[str, Term]:
        """Spellings folded with their agreement (« confirmés », « aucune ») → term."""
        index: dict[str, Term] = {}
        for term in self.terms:
            for spelling in self.spellings(term):
                index.setdefault(matching.inflection_key(spelling), term)
        index.pop("", None)
        return index

    def spellings(self, term: Term) -> tuple[str, ...]:
        return (term.code, term.fr, term.en, *term.aliases)

    def lookup(self, value: str) -> Term | None:
        """The term a cell names, or None: its code, a label or alias, or one of these inflected.

        Gender and number agreement, elision, hyphens and accents are ignored (« confirmés »,
        « anonymisée », « aucune »); negations are not (see :mod:`dossier.schema.matching`).
        """
        # The same few spellings come back on every row: remember them (up to a bound).
        lookups = self._lookups
        try:
            return lookups[value]
        except KeyError:
            term = self.by_key.get(fold_key(value))
            if term is None:
                term = self.by_inflection.get(matching.inflection_key(value))
            if len(lookups) < 10_000:
                lookups[value] = term
            return term

    def label(self, code: str, lang: str) -> str:
        return self.by_code[code].label(lang)

    @property
    def sensitive(self) -> bool:
        """A wrong value here changes who is shown or what is claimed: suggest only when sure."""
        return self.name in matching.SENSITIVE

    @cached_property
    def _analysed(self) -> tuple[matching.Spelling, ...]:
        return matching.spellings_of(
            (term.code, (term.fr, term.en, *term.aliases)) for term in self.terms
        )

    def suggestion(self, value: str) -> Suggestion:
        """What a cell that names no term may have meant: one safe code, or candidates."""
        return matching.suggest(value, self._analysed, self.codes, self.sensitive)

    def suggest(self, value: str) -> Term | None:
        """The term a misspelt or shortened cell most probably meant, when that is safe."""
        code = self.suggestion(value).code
        return None if code is None else self.by_code[code]


def _t(code: str, fr: str, en: str, *aliases: str) -> Term:
    return Term(code, fr, en, aliases)


DATE_PRECISION = Vocabulary(
    "date_precision",
    "précision de la date",
    "date precision",
    (
        _t("exact", "exacte", "exact"),
        _t("approximate", "approximative", "approximate", "environ", "approx"),
        _t("month", "mois", "month"),
        _t("year", "année", "year", "annee"),
    ),
)

CONTEXT = Vocabulary(
    "context",
    "contexte",
    "context",
    (
        _t("eviction", "expulsion de campement", "eviction", "expulsion", "démantèlement"),
        _t("identity_check", "contrôle d'identité", "identity check", "ID check"),
        _t("arrest", "interpellation", "arrest", "arrestation"),
        _t("custody", "garde à vue", "police custody"),
        _t("detention_centre", "centre de rétention", "detention centre", "CRA"),
        _t("food_distribution", "distribution de repas", "food distribution", "distribution"),
        _t("crossing_port", "tentative de passage au port", "crossing attempt at the port"),
        _t("crossing_tunnel", "tentative de passage au tunnel", "crossing attempt at the tunnel"),
        _t("crossing_lorry", "tentative de passage en camion", "crossing attempt on lorries"),
        _t("crowd_control", "maintien de l'ordre", "crowd control"),
        _t("patrol", "patrouille", "patrol"),
        _t("other", "autre", "other"),
    ),
)

LOCATION_TYPE = Vocabulary(
    "location_type",
    "type de lieu",
    "location type",
    (
        _t("camp", "campement", "camp", "jungle", "squat"),
        _t("street", "voie publique", "street", "rue"),
        _t("port", "port", "port area", "zone portuaire"),
        _t("tunnel_site", "site du tunnel", "tunnel site", "eurotunnel"),
        _t("motorway", "autoroute ou aire de poids lourds", "motorway or lorry park", "rocade"),
        _t("police_station", "commissariat", "police station"),
        _t("detention_centre", "centre de rétention", "detention centre"),
        _t("distribution_site", "lieu de distribution", "distribution site"),
        _t("station", "gare", "railway station"),
        _t("beach", "plage", "beach"),
        _t("woods", "bois", "woods", "forêt", "forest"),
        _t("other", "autre", "other"),
    ),
)

FORCE = Vocabulary(
    "force",
    "forces de l'ordre",
    "security forces",
    (
        _t("national_police", "police nationale", "national police", "PN"),
        _t("crs", "CRS", "CRS riot police", "compagnie républicaine de sécurité"),
        _t("paf", "police aux frontières", "border police", "PAF"),
        _t("gendarmerie", "gendarmerie", "gendarmerie", "gendarmerie départementale"),
        _t("mobile_gendarmerie", "gendarmerie mobile", "mobile gendarmerie", "GM"),
        _t("municipal_police", "police municipale", "municipal police", "PM"),
        _t("customs", "douane", "customs", "douanes"),
        _t("private_security", "sécurité privée", "private security", "vigiles"),
        _t("unidentified", "non identifiées", "unidentified", "inconnu", "unknown"),
    ),
)

YES_NO_UNKNOWN = Vocabulary(
    "yes_no_unknown",
    "oui / non / inconnu",
    "yes / no / unknown",
    (
        _t("yes", "oui", "yes", "y", "o", "true", "vrai", "1", "x"),
        _t("no", "non", "no", "n", "false", "faux", "0"),
        _t("unknown", "inconnu", "unknown", "ne sait pas", "?", "nsp"),
    ),
)

ACT = Vocabulary(
    "act",
    "actes",
    "acts",
    (
        _t("physical_violence", "violences physiques", "physical violence", "coups", "beating"),
        _t(
            "tear_gas",
            "gaz lacrymogène",
            "tear gas or pepper spray",
            "gaz poivre",
            "pepper spray",
            "tear gas",
            "gazeuse",
        ),
        _t("lbd_grenade", "LBD ou grenade", "rubber bullets or grenades", "flash-ball", "LBD"),
        _t("dog", "chien", "police dog", "dog"),
        _t(
            "insults_racism", "insultes ou propos racistes", "insults or racist remarks", "insultes"
        ),
        _t("threats", "menaces", "threats"),
        _t("humiliation", "traitement humiliant", "humiliating treatment"),
        _t("sleep_deprivation", "privation de sommeil", "sleep deprivation"),
        _t("belongings_destroyed", "biens détruits", "belongings destroyed"),
        _t("belongings_seized", "biens confisqués", "belongings seized", "confiscation"),
        _t("eviction", "expulsion", "eviction"),
        _t("identity_check", "contrôle d'identité", "identity check", "ID check"),
        _t("search", "fouille", "search"),
        _t("arrest", "interpellation", "arrest", "arrestation"),
        # The regimes the law separates (issue 19). "detention" is the former code that merged
        # them: kept so that older workbooks stay valid, with its former labels as spellings; a
        # DDD build warns that it now reads "regime not specified" (completeness_detention_regime).
        _t("police_custody", "placement en garde à vue", "police custody", "garde à vue", "GAV"),
        _t(
            "administrative_detention",
            "placement en rétention administrative",
            "administrative detention",
            "rétention administrative",
        ),
        _t(
            "residence_check",
            "retenue pour vérification du droit au séjour",
            "held to check the right of residence",
            "retenue administrative",
        ),
        _t(
            "identity_verification",
            "retenue pour vérification d'identité",
            "held for identity verification",
            "vérification d'identité",
        ),
        _t(
            "detention",
            "privation de liberté (régime non précisé)",
            "deprivation of liberty (regime not specified)",
            "placement en rétention ou garde à vue",
            "detention",
            "rétention",
        ),
        _t("denial_of_care", "refus de soins", "denial of care"),
        _t("complaint_refused", "refus de plainte", "complaint refused"),
        _t("obstruction_of_aid", "entrave à l'aide humanitaire", "obstruction of aid"),
        _t("intimidation_of_observers", "intimidation d'observateurs", "intimidation of observers"),
        _t("pushback", "refoulement", "pushback"),
        # Not a pushback: being led out of a port, station or site and released there.
        _t(
            "removed_from_area",
            "reconduite hors d'un site (port, gare…)",
            "escorted out of a site (port, station…)",
            "reconduite hors du port",
        ),
        _t("other", "autre", "other"),
    ),
)

BELONGING = Vocabulary(
    "belonging",
    "biens",
    "belongings",
    (
        _t("tent", "tente", "tent", "tentes", "tents"),
        _t("tarpaulin", "bâche", "tarpaulin", "bâches", "tarp"),
        _t("sleeping_bag", "sac de couchage", "sleeping bag", "sacs de couchage", "duvet"),
        _t("blanket", "couverture", "blanket", "couvertures", "blankets"),
        _t("clothes", "vêtements", "clothes", "habits"),
        _t("shoes", "chaussures", "shoes"),
        _t("phone", "téléphone", "phone", "téléphones", "phones", "portable"),
        _t("documents", "documents", "documents", "papiers", "papers"),
        _t(
            "food_water", "nourriture ou eau", "food or water", "nourriture", "eau", "food", "water"
        ),
        _t("other", "autre", "other"),
    ),
)

VIOLATION_STATUS = Vocabulary(
    "violation_status",
    "statut de la violation",
    "violation status",
    (
        _t("confirmed", "confirmée", "confirmed"),
        _t("probable", "probable", "probable"),
        _t("possible", "possible", "possible"),
        _t("unverified", "non vérifiée", "unverified"),
    ),
)

CONFIDENTIALITY = Vocabulary(
    "confidentiality",
    "confidentialité",
    "confidentiality",
    (
        _t("public", "public", "public", "publique"),
        _t("restricted", "restreint", "restricted", "restreinte"),
        _t("confidential", "confidentiel", "confidential", "confidentielle"),
    ),
)

ROLE = Vocabulary(
    "role",
    "rôles",
    "roles",
    (
        _t("victim", "victime", "victim"),
        _t("witness", "témoin", "witness"),
        _t("source", "source", "source"),
        _t("observer", "observateur", "observer", "observatrice"),
    ),
)

GENDER = Vocabulary(
    "gender",
    "genre",
    "gender",
    (
        _t("man", "homme", "man", "m", "h", "male", "masculin"),
        _t("woman", "femme", "woman", "f", "female", "féminin"),
        _t("non_binary", "non binaire", "non-binary"),
        _t("unknown", "inconnu", "unknown"),
    ),
)

ART8_STATUS = Vocabulary(
    "art8_status",
    "statut article 8",
    "article 8 status",
    (
        _t("consented", "a consenti", "consented", "consentement"),
        _t(
            "informed_no_objection",
            "informée, pas d'opposition",
            "informed, did not object",
            "informé",
        ),
        _t("unreachable", "injoignable", "unreachable"),
        _t("not_identified", "non identifiée", "not identified", "non identifié"),
        _t("refused", "a refusé", "refused", "refus", "opposition"),
    ),
)

PUBLICATION_CONSENT = Vocabulary(
    "publication_consent",
    "consentement à la publication",
    "publication consent",
    (
        _t("none", "aucun", "none", "non"),
        _t("anonymised", "anonymisé", "anonymised", "anonymized", "pseudonyme", "pseudonym"),
    ),
)

INTERVIEW_MODE = Vocabulary(
    "interview_mode",
    "type d'entretien",
    "interview mode",
    (
        _t("individual", "individuel", "individual", "en personne", "in person"),
        _t("group", "collectif", "group", "groupe"),
        _t("telephone", "téléphonique", "telephone", "téléphone", "phone"),
    ),
)

EVIDENCE_KIND = Vocabulary(
    "evidence_kind",
    "nature de la pièce",
    "kind of exhibit",
    (
        _t("video", "vidéo", "video"),
        _t("photo", "photographie", "photograph", "photo"),
        _t("audio", "enregistrement audio", "audio recording", "audio"),
        _t("medical_certificate", "certificat médical", "medical certificate"),
        _t("written_testimony", "témoignage écrit", "written testimony", "attestation"),
        _t("complaint_receipt", "récépissé de plainte", "complaint receipt"),
        _t("official_document", "document officiel", "official document"),
        _t("web_capture", "capture de page web", "web capture", "capture web"),
        _t("other", "autre", "other"),
    ),
)

PROCEEDING_TYPE = Vocabulary(
    "proceeding_type",
    "type de démarche",
    "type of proceeding",
    (
        # Groups file complaints at police stations and at gendarmerie brigades alike: the label
        # names both (it said "commissariat" only); the former labels still read.
        _t(
            "police_complaint",
            "plainte (police ou gendarmerie)",
            "complaint to the police or gendarmerie",
            "plainte",
            "plainte au commissariat",
            "police complaint",
        ),
        _t(
            "prosecutor_complaint",
            "plainte au procureur",
            "complaint to the prosecutor",
            "lettre au procureur",
        ),
        _t(
            "civil_party_complaint",
            "plainte avec constitution de partie civile",
            "civil-party complaint",
        ),
        _t("igpn_report", "signalement IGPN", "IGPN report", "IGPN"),
        _t("iggn_report", "signalement IGGN", "IGGN report", "IGGN"),
        _t(
            "ddd_referral",
            "saisine du Défenseur des droits",
            "referral to the Défenseur des droits",
            "DDD",
        ),
        _t("cglpl_referral", "saisine du CGLPL", "referral to the CGLPL", "CGLPL"),
        _t("court_action", "action en justice", "court action"),
        _t("other", "autre", "other"),
    ),
)

PROCEEDING_STATUS = Vocabulary(
    "proceeding_status",
    "état de la démarche",
    "status of the proceeding",
    (
        _t("pending", "en cours", "pending", "en attente"),
        _t("dismissed", "classée sans suite", "dismissed", "classement sans suite"),
        _t("investigation_opened", "enquête ouverte", "investigation opened"),
        _t("prosecution", "poursuites engagées", "prosecution"),
        _t("conviction", "condamnation", "conviction"),
        # What art. 23 of loi organique n° 2011-333 names: the Défenseur then needs the prior
        # agreement of the court or prosecutor; and a decision of a court (art. 33).
        _t("preliminary_enquiry", "enquête préliminaire en cours", "preliminary enquiry under way"),
        _t(
            "flagrante_enquiry",
            "enquête de flagrance en cours",
            "flagrante delicto enquiry under way",
        ),
        _t(
            "judicial_investigation",
            "information judiciaire ouverte",
            "judicial investigation opened",
            "instruction",
        ),
        _t(
            "court_decision",
            "décision de justice rendue",
            "court decision given",
            "jugement",
            "relaxe",
            "non-lieu",
        ),
        _t("no_response", "sans réponse", "no response"),
        _t("other", "autre", "other"),
    ),
)

# How the filing association knows an incident: what its referral may rest on (loi organique
# n° 2011-333, art. 5: a victim or a witness may refer; the Défenseur may also act on its own
# initiative).
KNOWLEDGE = Vocabulary(
    "knowledge",
    "connaissance des faits",
    "how the facts are known",
    (
        _t(
            "witnessed",
            "un membre de l'association en a été témoin",
            "a member of the association witnessed it",
            "témoin",
            "witness",
            "witnessed",
        ),
        _t(
            "victim_mandate",
            "récit de la victime, transmis avec son mandat",
            "victim's account, relayed with their mandate",
            "mandat",
            "mandate",
        ),
        _t(
            "report_own_initiative",
            "signalement, pour une saisine d'office",
            "report inviting the Défenseur to act on its own initiative",
            "signalement",
            "report",
        ),
    ),
)

ALL: tuple[Vocabulary, ...] = (
    DATE_PRECISION,
    CONTEXT,
    LOCATION_TYPE,
    FORCE,
    YES_NO_UNKNOWN,
    ACT,
    BELONGING,
    VIOLATION_STATUS,
    CONFIDENTIALITY,
    ROLE,
    GENDER,
    ART8_STATUS,
    PUBLICATION_CONSENT,
    INTERVIEW_MODE,
    EVIDENCE_KIND,
    PROCEEDING_TYPE,
    PROCEEDING_STATUS,
    KNOWLEDGE,
)

BY_NAME: dict[str, Vocabulary] = {vocabulary.name: vocabulary for vocabulary in ALL}
