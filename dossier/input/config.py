"""The organisation config (`dossier.toml`): who files, for whom, under which title."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from dossier.errors import DossierError
from dossier.i18n.catalog import N_
from dossier.i18n.messages import Message, in_language, os_reason

CONFIG_FILE_NAME = "dossier.toml"


class ConfigError(DossierError):
    """The config file is missing, unreadable or invalid; ``problems`` lists every mistake.

    A problem is a :class:`Message`, or the text of the TOML parser (which names line and
    column) quoted as it is.
    """

    def __init__(self, file: Path, problems: list[str]) -> None:
        super().__init__(N_("config.invalid"), file=file, problems=problems)
        self.file = file
        self.problems = problems

    def lines(self, lang: str) -> list[str]:
        heading = Message("config.file_heading", file=self.file).text(lang)
        return [heading, *(f"  {in_language(problem, lang)}" for problem in self.problems)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Translated(_Section):
    """A text given in French and English; the dossier prints the one of its language."""

    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


class Organisation(_Section):
    name: str = Field(min_length=1, description="Name of the filing organisation.")
    legal_form: Translated = Field(description="E.g. « association loi 1901 ».")
    address: str = Field(min_length=1, description="Postal address; new lines are kept.")
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str | None = None
    website: str | None = Field(default=None, pattern=r"^https?://\S+$")
    name_article: Literal["l’", "l'", "le", "la", "les"] | None = Field(
        default=None,
        description=(
            "The article French puts before the name in a sentence: « l’ » for "
            "« l’Observatoire… », « le », « la », « les », or none (« d’Utopia 56 »)."
        ),
    )

    def name_in_french(self, before: str = "", *, capital: bool | None = None) -> str:
        """The name as a French sentence writes it after ``before`` (« de », « par », « à » or
        nothing): « de l’Observatoire… », « du Secours… », « d’Utopia 56 »; at the start of a
        sentence (``before`` empty, unless ``capital`` is False) « L’Observatoire… »."""
        article = "l’" if self.name_article in ("l’", "l'") else (self.name_article or "")
        contracted = {
            ("de", "le"): "du",
            ("de", "les"): "des",
            ("à", "le"): "au",
            ("à", "les"): "aux",
        }
        if before and (before, article) in contracted:
            return f"{contracted[(before, article)]} {self.name}"
        spaced = article if article in ("", "l’") else f"{article} "
        named = f"{spaced}{self.name}"
        if before == "de" and not article and self.name[:1].lower() in "aeiouyàâéèêëîïôûüœh":
            return f"d’{self.name}"
        if before:
            return f"{before} {named}"
        if capital is False:
            return named
        return named[:1].upper() + named[1:]


class Signatory(_Section):
    """The person who signs: their name is printed, as the complaint requires."""

    name: str = Field(min_length=1)
    quality: Translated = Field(description="E.g. « présidente de l'association ».")
    place: str = Field(min_length=1, description="Place of signature.")
    date: dt.date | None = Field(
        default=None, description="Date of signature (default: the build date)."
    )
    feminine: bool | None = Field(
        default=None,
        description="Agreement of « dûment habilité·e »: true → habilitée, false → habilité.",
    )


class Recipient(_Section):
    name: str = "Défenseur des droits"
    address: str = "Libre réponse 71120\n75342 Paris Cedex 07"
    holder: Literal["man", "woman"] | None = Field(
        default=None,
        description=(
            "Who holds the office on the signature date: the letter opens « Monsieur le "
            "Défenseur des droits » (man) or « Madame la Défenseure des droits » (woman); "
            "unset: « Madame, Monsieur »."
        ),
    )


class DossierInfo(_Section):
    title: Translated
    subtitle: Translated | None = None
    reference: str = Field(min_length=1, description="The dossier's own reference.")
    filing_as: Literal["victim", "relative", "witness", "representative"] = Field(
        default="witness",
        description="In what quality the organisation files (an association files as witness).",
    )
    text_language: Literal["fr", "en"] = Field(
        default="fr",
        description=(
            "The language the workbook's free text is written in (places, units, weapons, "
            "injuries, authorities, replies, custody notes); their *_fr and *_en columns give "
            "it in either language."
        ),
    )
    show_grading: bool = Field(
        default=False,
        description=(
            "Print each incident's internal grading (violation status) in the DDD complaint; "
            "by default it is kept for the association's own use."
        ),
    )


class RecommendationGroup(_Section):
    """Recommendations to one addressee (« Au ministre de l'Intérieur »)."""

    addressee: Translated
    items: list[Translated] = Field(min_length=1)


def _t(fr: str, en: str) -> Translated:
    return Translated(fr=fr, en=en)


def default_recommendations() -> list[RecommendationGroup]:
    """Sober, generic recommendations an association edits before publishing."""
    return [
        RecommendationGroup(
            addressee=_t("Au ministre de l'Intérieur", "To the Minister of the Interior"),
            items=[
                _t(
                    "Rappeler aux agents de la police nationale, des CRS, de la police aux "
                    "frontières et de la gendarmerie que la force ne peut être employée que si "
                    "elle est nécessaire et proportionnée (article R. 434-18 du code de la "
                    "sécurité intérieure), et cesser l'usage de gaz lacrymogène contre des "
                    "personnes qui ne représentent aucune menace, notamment lors des "
                    "distributions de repas et dans les lieux où elles dorment.",
                    "Remind national police, CRS, border police and gendarmerie officers that "
                    "force may be used only when necessary and proportionate (article R. 434-18 "
                    "of the Internal Security Code), and end the use of tear gas against people "
                    "who pose no threat, in particular at food distributions and where people "
                    "sleep.",
                ),
                _t(
                    "Faire cesser la destruction et la confiscation des biens des personnes "
                    "exilées (tentes, sacs de couchage, téléphones, documents) et faire "
                    "restituer, contre reçu, les biens retirés.",
                    "End the destruction and seizure of exiled people's belongings (tents, "
                    "sleeping bags, phones, documents), and return, against a receipt, what "
                    "was taken.",
                ),
                _t(
                    "Veiller à ce que chaque agent porte de façon visible son numéro "
                    "d'identification individuel (RIO), comme l'exige l'article R. 434-15 du "
                    "code de la sécurité intérieure, et sanctionner les manquements.",
                    "Ensure that every officer visibly wears their individual identification "
                    "number (RIO), as article R. 434-15 of the Internal Security Code requires, "
                    "and sanction failures to do so.",
                ),
            ],
        ),
        RecommendationGroup(
            addressee=_t(
                "Aux préfets du Pas-de-Calais et du Nord",
                "To the Prefects of the Pas-de-Calais and Nord départements",
            ),
            items=[
                _t(
                    "Ne plus procéder à des expulsions de campements sans information préalable "
                    "des occupants, sans délai pour rassembler leurs affaires ni solution "
                    "d'hébergement.",
                    "Stop evicting camps without informing the occupants beforehand, without "
                    "time to gather their belongings, and without offering shelter.",
                ),
                _t(
                    "Garantir que l'aide humanitaire (distribution de repas, d'eau, de tentes) "
                    "et l'observation par des associations puissent se faire sans entrave.",
                    "Guarantee that humanitarian aid (food, water, tents) and observation by "
                    "associations can take place without obstruction.",
                ),
            ],
        ),
        RecommendationGroup(
            addressee=_t(
                "Aux procureurs de la République de Boulogne-sur-Mer et de Dunkerque",
                "To the public prosecutors of Boulogne-sur-Mer and Dunkirk",
            ),
            items=[
                _t(
                    "Veiller à ce que les plaintes des personnes exilées soient enregistrées, "
                    "avec un interprète si besoin, et donnent lieu à une enquête effective, "
                    "dont les plaignants sont informés.",
                    "Ensure that complaints by exiled people are registered, with an "
                    "interpreter where needed, and lead to an effective investigation whose "
                    "progress complainants are told about.",
                ),
            ],
        ),
        RecommendationGroup(
            addressee=_t(
                "À l'Inspection générale de la police nationale (IGPN) et à l'Inspection "
                "générale de la gendarmerie nationale (IGGN)",
                "To the inspectorates of the national police (IGPN) and of the gendarmerie (IGGN)",
            ),
            items=[
                _t(
                    "Enquêter sur les faits rapportés dans ce rapport et rendre publiques les "
                    "suites données aux signalements.",
                    "Investigate the incidents documented in this report and make public what "
                    "action was taken on the reports received.",
                ),
            ],
        ),
    ]


class Epigraph(_Section):
    """The quotation opening the summary: words of one interviewee, typed from the interview.

    The workbook holds accounts, not verbatim quotes, so the words come from here; who said
    them (pseudonym or description, age, nationality, place, month) is taken from the persons
    sheet, so the privacy rules apply to the attribution as everywhere else.
    """

    person: str = Field(min_length=1, description="Id of the person quoted (persons sheet).")
    quote: Translated


class ReportInfo(_Section):
    """Settings of the NGO report layout (`--layout report`); every key is optional."""

    title: Translated | None = Field(default=None, description="Default: [dossier] title.")
    subtitle: Translated | None = Field(default=None, description="Default: [dossier] subtitle.")
    reference: str | None = Field(default=None, description="Default: [dossier] reference.")
    month: str | None = Field(
        default=None,
        pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$",
        description="Month printed on the cover, YYYY-MM (default: the build date's).",
    )
    background: Translated | None = Field(
        default=None, description="Background chapter; blank lines separate paragraphs."
    )
    response_intro: Translated | None = Field(
        default=None, description="Opening paragraph of the authorities' response chapter."
    )
    epigraph: Epigraph | None = None
    key_recommendations: list[Translated] = Field(
        default_factory=list,
        description=(
            "The few recommendations the summary opens with; the full ones, by addressee,"
            " close the report."
        ),
    )
    recommendations: list[RecommendationGroup] = Field(default_factory=default_recommendations)
    acknowledgments: Translated | None = Field(
        default=None,
        description="Acknowledgments, at the end of the report; blank lines separate paragraphs.",
    )
    minimum_cell: int = Field(
        default=3,
        ge=1,
        description=(
            "Small-cell rule: a value (a commune, an act, a language, a date) that only incidents"
            " or people this edition leaves out hold is named in its figures only when at least"
            " this many records share it; otherwise it is counted under « other »."
        ),
    )
    featured_per_chapter: int = Field(
        default=2,
        ge=0,
        le=20,
        description=(
            "Quotes a findings chapter's text tells its cases through when the quotes sheet"
            " marks none of that chapter's quotes as featured (0: only the ones marked)."
        ),
    )

    @field_validator("month", mode="before")
    @classmethod
    def _month_from_date(cls, value: Any) -> Any:
        # TOML has no year-month type: accept a full date and keep its month.
        if isinstance(value, dt.date):
            return f"{value.year:04d}-{value.month:02d}"
        return value

    def month_date(self) -> dt.date | None:
        if self.month is None:
            return None
        year, month = self.month.split("-")
        return dt.date(int(year), int(month), 1)


class Config(_Section):
    """Everything a dossier needs that is not in the incident workbook."""

    organisation: Organisation
    signatory: Signatory
    recipient: Recipient = Recipient()
    dossier: DossierInfo
    report: ReportInfo = ReportInfo()


def load_config(path: Path) -> Config:
    """Read and validate ``dossier.toml``, collecting every problem before failing."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, [Message("config.not_found", file=path)]) from None
    except OSError as error:
        raise ConfigError(path, [Message("config.unreadable", reason=os_reason(error))]) from None
    except UnicodeDecodeError as error:
        raise ConfigError(path, [Message("config.unreadable", reason=str(error))]) from None
    except tomllib.TOMLDecodeError as error:
        # Python's own words, which name the line and column.
        raise ConfigError(path, [str(error)]) from None
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        problems: list[str] = [_describe(detail) for detail in error.errors()]
        raise ConfigError(path, problems) from None


# What a pattern-checked key expects, said in words rather than as a regular expression.
_PATTERN_HINTS = {"email": N_("config.hint_email"), "website": N_("config.hint_website")}


def _describe(detail: Any) -> Message:
    """One config mistake as « key.path: what is wrong », in words a user can act on.

    Mistakes without words of ours quote pydantic's own (English) description.
    """
    location = [str(part) for part in detail["loc"]]
    where = ".".join(location)
    kind = detail["type"]
    if kind == "extra_forbidden":
        section = _section_model(location[:-1])
        known = ", ".join(section.model_fields) if section else ""
        if known:
            return Message("config.unknown_key_expected", key=where, known=known)
        return Message("config.unknown_key", key=where)
    if kind == "string_pattern_mismatch" and location[-1] in _PATTERN_HINTS:
        hint = Message(_PATTERN_HINTS[location[-1]])
        return Message("config.pattern", key=where, hint=hint, value=repr(detail["input"]))
    if kind == "missing":
        return Message("config.missing", key=where)
    return Message("config.other", key=where, detail=detail["msg"])


def _section_model(path: list[str]) -> type[BaseModel] | None:
    """The model of the config section at ``path`` (``[]`` is the whole config)."""
    model: type[BaseModel] = Config
    for part in path:
        if part.isdigit():
            continue  # an item of a list of sections: same model as the list's
        annotation = model.model_fields.get(part)
        candidate = getattr(annotation, "annotation", None) if annotation else None
        # ``Translated | None`` and the like: keep the model among the union's members.
        members = getattr(candidate, "__args__", (candidate,))
        found = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
        if not found:
            return None
        model = found[0]
    return model


def find_config(source: Path, explicit: Path | None) -> Path:
    """The explicit ``--config`` file, else ``dossier.toml`` beside the input (or inside it)."""
    if explicit is not None:
        return explicit
    folder = source if source.is_dir() else source.parent
    return folder / CONFIG_FILE_NAME


STARTER_CONFIG = """\
# dossier.toml: who files the dossier, for whom, under which title.
# Every key below is read by `dossier build`; text given as { fr = …, en = … } is printed in the
# dossier's language. Run `dossier build` to see any mistake listed with its key.
# Replace each example (name, signatory, address, e-mail): a dossier that keeps them is refused.

[organisation]
name = "Name of your association"
# The article French puts before the name, if any: « l’ » gives « de l’Observatoire… ».
# name_article = "l’"
# Legal form, in both languages: the letter reads « [name], [legal form], représentée par… ».
legal_form = { fr = "association régie par la loi du 1er juillet 1901", en = "association" }
# Postal address: use \\n for new lines.
address = "1 rue de l'Exemple\\n62100 Calais"
email = "contact@example.org"
# phone = "+33 3 00 00 00 00"
# website = "https://example.org"

[signatory]
# The person who signs the complaint; their name is printed on it.
name = "First name LAST NAME"
quality = { fr = "président·e de l'association", en = "chair of the association" }
place = "Calais"
# Date of signature; leave it out to use the build date (or SOURCE_DATE_EPOCH). The complaint
# states the law as it stood that day, and refuses any date after it in the data.
# date = 2016-11-15
# « dûment habilitée » (true) or « dûment habilité » (false); unset: « dûment habilité·e ».
# feminine = true

[recipient]
# The default is the Défenseur des droits' free postal address.
name = "Défenseur des droits"
address = "Libre réponse 71120\\n75342 Paris Cedex 07"
# Who holds the office on the signature date: "man" opens the letter « Monsieur le Défenseur
# des droits », "woman" « Madame la Défenseure des droits »; unset: « Madame, Monsieur ».
# holder = "woman"

[dossier]
reference = "ASSOC-DDD-2016-01"
# In what quality the association files: witness (usual for an association), victim,
# relative or representative.
filing_as = "witness"
# The language of the workbook's free text (places, units, injuries, replies…): fr or en.
# text_language = "fr"
# The complaint does not print each incident's internal grading ("violation status") unless
# you set this to true.
# show_grading = false
# subtitle = { fr = "Calais, 2015-2016", en = "Calais, 2015-2016" }

[dossier.title]
fr = "Violences policières à l'encontre des personnes exilées"
en = "Police violence against exiled people"

# Settings of the NGO report (`dossier build --layout report`), all optional: uncomment what
# you need. The report uses the [dossier] title, subtitle and reference unless given here.
# [report]
# title = { fr = "« Ils nous gazent la nuit »", en = "“They Gas Us at Night”" }
# subtitle = { fr = "Violences policières à Calais", en = "Police violence in Calais" }
# Month printed on the cover (default: the build date's month).
# month = "2016-11"
# Quotes (quotes sheet) each findings chapter tells its cases through when none of that
# chapter's quotes is marked featured; 0 tells only the ones marked.
# featured_per_chapter = 2
# Opening paragraph of the chapter on the authorities' response.
# response_intro = { fr = "…", en = "…" }
#
# Background chapter (default: a short neutral text); blank lines separate paragraphs.
# [report.background]
# fr = '''Premier paragraphe…
#
# Second paragraphe…'''
# en = '''First paragraph…
#
# Second paragraph…'''
#
# The quotation that opens the summary: type the words from the interview notes; who said
# them (pseudonym, or a description for a person who refused publication; age, nationality,
# place and month of the interview) is taken from the persons sheet.
# [report.epigraph]
# person = "P-001"
# quote = { fr = "…", en = "…" }
#
# Recommendations, grouped by addressee. Leave them out to print sober default ones (to the
# Minister of the Interior, the prefects, the prosecutors, the IGPN and IGGN); giving one
# group replaces all the defaults.
# [[report.recommendations]]
# addressee = { fr = "Au ministre de l'Intérieur", en = "To the Minister of the Interior" }
# items = [
#   { fr = "Rappeler aux agents…", en = "Remind officers…" },
# ]
"""

STARTER_CONFIG_FR = """\
# dossier.toml : qui dépose le dossier, auprès de qui, sous quel titre.
# `dossier build` lit chacune des clés ci-dessous ; un texte donné sous la forme
# { fr = …, en = … } est imprimé dans la langue du dossier. Lancez `dossier build` pour voir
# chaque erreur, avec sa clé.
# Remplacez chaque exemple (nom, signataire, adresse, courriel) : un dossier qui les garde est
# refusé.

[organisation]
name = "Nom de votre association"
# L'article que le français met devant le nom, s'il y en a un : « l’ » donne
# « de l’Observatoire… ».
# name_article = "l’"
# Forme juridique, dans les deux langues : la lettre dit « [nom], [forme juridique],
# représentée par… ».
legal_form = { fr = "association régie par la loi du 1er juillet 1901", en = "association" }
# Adresse postale : \\n pour passer à la ligne.
address = "1 rue de l'Exemple\\n62100 Calais"
email = "contact@example.org"
# phone = "+33 3 00 00 00 00"
# website = "https://example.org"

[signatory]
# La personne qui signe la saisine ; son nom y est imprimé.
name = "Prénom NOM"
quality = { fr = "président·e de l'association", en = "chair of the association" }
place = "Calais"
# Date de signature ; sans elle, la date de construction (ou SOURCE_DATE_EPOCH). La saisine
# expose le droit tel qu'il était ce jour-là et refuse toute date postérieure dans les données.
# date = 2016-11-15
# « dûment habilitée » (true) ou « dûment habilité » (false) ; sans réglage : « dûment
# habilité·e ».
# feminine = true

[recipient]
# Par défaut, l'adresse postale gratuite du Défenseur des droits.
name = "Défenseur des droits"
address = "Libre réponse 71120\\n75342 Paris Cedex 07"
# Qui occupe la fonction à la date de signature : "man" ouvre la lettre par « Monsieur le
# Défenseur des droits », "woman" par « Madame la Défenseure des droits » ; sans réglage :
# « Madame, Monsieur ».
# holder = "woman"

[dossier]
reference = "ASSOC-DDD-2016-01"
# En quelle qualité l'association saisit : witness (témoin, le cas habituel d'une
# association), victim (victime), relative (proche) ou representative (représentant).
filing_as = "witness"
# La langue des textes libres du classeur (lieux, unités, blessures, réponses…) : fr ou en.
# text_language = "fr"
# La saisine n'imprime la qualification interne de chaque incident (« violation status ») que
# si vous mettez true ici.
# show_grading = false
# subtitle = { fr = "Calais, 2015-2016", en = "Calais, 2015-2016" }

[dossier.title]
fr = "Violences policières à l'encontre des personnes exilées"
en = "Police violence against exiled people"

# Réglages du rapport d'ONG (`dossier build --layout report`), tous facultatifs : décommentez
# ce dont vous avez besoin. Sans eux, le rapport reprend le titre, le sous-titre et la
# référence de [dossier].
# [report]
# title = { fr = "« Ils nous gazent la nuit »", en = "“They Gas Us at Night”" }
# subtitle = { fr = "Violences policières à Calais", en = "Police violence in Calais" }
# Mois imprimé sur la couverture (par défaut : celui de la construction).
# month = "2016-11"
# Nombre de citations (feuille des citations) par lesquelles chaque chapitre des constats
# raconte ses cas quand aucune n'y est marquée « à la une » ; 0 : seulement celles marquées.
# featured_per_chapter = 2
# Premier paragraphe du chapitre sur la réponse des autorités.
# response_intro = { fr = "…", en = "…" }
#
# Chapitre de contexte (par défaut : un court texte neutre) ; une ligne vide sépare les
# paragraphes.
# [report.background]
# fr = '''Premier paragraphe…
#
# Second paragraphe…'''
# en = '''First paragraph…
#
# Second paragraph…'''
#
# La citation qui ouvre le résumé : recopiez les mots des notes d'entretien ; qui les a dits
# (pseudonyme, ou une description pour une personne qui a refusé la publication ; âge,
# nationalité, lieu et mois de l'entretien) est tiré de la feuille des personnes.
# [report.epigraph]
# person = "P-001"
# quote = { fr = "…", en = "…" }
#
# Recommandations, par destinataire. Sans elles, des recommandations sobres par défaut sont
# imprimées (au ministre de l'Intérieur, aux préfets, aux procureurs, à l'IGPN et à l'IGGN) ;
# en donner un groupe remplace toutes celles par défaut.
# [[report.recommendations]]
# addressee = { fr = "Au ministre de l'Intérieur", en = "To the Minister of the Interior" }
# items = [
#   { fr = "Rappeler aux agents…", en = "Remind officers…" },
# ]
"""


def starter_config(lang: str) -> str:
    """The commented starter ``dossier.toml``, its comments in ``lang``."""
    return STARTER_CONFIG_FR if lang == "fr" else STARTER_CONFIG


# The starter's example values, in both languages: a dossier signed with them would go out in
# nobody's name. The names say a config is still the starter; the address and e-mail are then
# named with them (alone they are an organisation's choice, as in many test configs).
_STARTER_NAMES = {
    "organisation.name": frozenset({"Name of your association", "Nom de votre association"}),
    "signatory.name": frozenset({"First name LAST NAME", "Prénom NOM"}),
}
_STARTER_CONTACT = {
    "organisation.address": frozenset({"1 rue de l'Exemple\n62100 Calais"}),
    "organisation.email": frozenset({"contact@example.org"}),
}


def starter_placeholders(config: Config) -> list[str]:
    """The keys of ``config`` that still hold the starter's examples ([] when it is filled in)."""
    values = {
        "organisation.name": config.organisation.name,
        "signatory.name": config.signatory.name,
        "organisation.address": config.organisation.address,
        "organisation.email": config.organisation.email,
    }
    names = [key for key, examples in _STARTER_NAMES.items() if values[key] in examples]
    if not names:
        return []
    return names + [key for key, examples in _STARTER_CONTACT.items() if values[key] in examples]


def refuse_starter_values(config: Config, path: Path) -> None:
    """Raise :class:`ConfigError` naming each key a build needs filled in, if any is not."""
    keys = starter_placeholders(config)
    if keys:
        raise ConfigError(path, [Message("config.placeholder", key=key) for key in keys])
