"""Build one dossier's view model: records filtered for an audience, pseudonymised, numbered."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from babel import Locale
from babel.dates import format_date

from dossier.assemble import charts
from dossier.i18n import l10n
from dossier.input.config import Config
from dossier.schema import vocab
from dossier.schema.header_keys import fold_key
from dossier.schema.records import Evidence, Incident, Person, Proceeding
from dossier.validate.rows import Dataset


class Layout(StrEnum):
    """What the dossier is: the complaint to the DDD, or the NGO report."""

    ddd = "ddd"
    report = "report"


class Audience(StrEnum):
    """Who will read the dossier; decides which confidentiality levels it may hold."""

    ddd = "ddd"
    partners = "partners"
    public = "public"


DEFAULT_AUDIENCE = {Layout.ddd: Audience.ddd, Layout.report: Audience.public}

# Confidentiality levels each audience may see.
VISIBLE_LEVELS: dict[Audience, frozenset[str]] = {
    Audience.ddd: frozenset({"public", "restricted", "confidential"}),
    Audience.partners: frozenset({"public", "restricted"}),
    Audience.public: frozenset({"public"}),
}

# Decimal places kept for coordinates: about 1 km in public editions, exact otherwise.
COORDINATE_DECIMALS = {Audience.ddd: 6, Audience.partners: 3, Audience.public: 2}


@dataclass(frozen=True)
class PersonView:
    """A person as a dossier may show them: never a legal name or contact."""

    id: str
    pseudonym: str
    age: int | None
    minor: bool | None
    gender: str | None  # label in the dossier's language
    gender_code: str | None
    nationality: str | None
    roles: list[str]
    art8_status: str | None  # label
    art8_code: str | None
    interview_date: dt.date | None
    interview_place: str | None
    interview_mode: str | None  # label
    interview_language: str | None
    interpreter: bool | None
    interview_mode_code: str | None = None
    #: False in NGO editions for a person who refused publication (consent ``none``): then
    #: ``pseudonym`` and ``designation`` hold a description (« un garçon de 16 ans »), never the
    #: pseudonym.
    named: bool = True
    #: How running text names the person: the pseudonym, or « a 16-year-old boy ».
    designation: str = ""
    #: Who they are, for a named person: « 24-year-old Eritrean man » / « Érythréen de 24 ans ».
    about: str = ""


@dataclass(frozen=True)
class ProceedingView:
    id: str
    type: str  # label
    type_code: str
    date: dt.date | None
    authority: str | None
    reference: str | None
    status: str | None  # label
    status_code: str | None
    response: str | None


@dataclass
class ExhibitView:
    """An exhibit with its number in the dossier ("Pièce n° 3") and its fingerprint."""

    number: int
    id: str
    kind: str  # label
    kind_code: str
    description: str | None
    description_untranslated: bool
    file: str | None
    url: str | None
    sha256: str | None
    sha256_computed: bool
    captured_at: dt.datetime | None
    captured_by: str | None
    custody_notes: str | None
    incident_ids: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"exhibit-{self.number}"


@dataclass(frozen=True)
class Belonging:
    label: str
    code: str
    count: int | None


@dataclass
class IncidentView:
    """One incident as the dossier tells it, in the dossier's language."""

    id: str
    anchor: str
    date: dt.date
    date_precision: str
    time: dt.time | None
    commune: str
    place: str | None
    location_type: str | None
    latitude: float | None
    longitude: float | None
    context: str | None
    forces: list[str]
    force_codes: list[str]
    units: list[str]
    officers: int | None
    rio: list[str]
    rio_visible: str  # code: yes / no / unknown
    acts: list[str]
    act_codes: list[str]
    weapons: list[str]
    victims_count: int | None
    minors_involved: bool | None
    injuries: str | None
    medical_certificate: bool | None
    itt_days: int | None
    belongings: list[Belonging]
    summary: str
    summary_untranslated: bool  # True when only the other language's summary exists
    victims: list[PersonView]
    witnesses: list[PersonView]
    exhibits: list[ExhibitView]
    proceedings: list[ProceedingView]
    violation_status: str | None
    confidentiality: str

    @property
    def has_consequences(self) -> bool:
        """Injuries, a certificate, ITT or belongings: a row of the consequences table."""
        return bool(self.injuries or self.medical_certificate or self.itt_days or self.belongings)


@dataclass(frozen=True)
class LeftOut:
    """What a build left out on purpose, and why (counted, never silent)."""

    reason: str  # code: confidentiality / art8_refused
    count: int


@dataclass
class Figures:
    """Numbers computed from the incidents the dossier holds."""

    incidents: int
    first_date: dt.date | None
    last_date: dt.date | None
    # The coarsest precision among the incidents on the first / last date, so the period printed
    # never claims a day that was not recorded ("juillet 2015", not "1er juillet 2015").
    first_date_precision: str
    last_date_precision: str
    communes: list[str]
    victims: int
    incidents_with_minors: int
    incidents_with_certificate: int
    itt_days_total: int
    acts: list[tuple[str, int]]  # (label, incidents) most frequent first
    forces: list[tuple[str, int]]
    belongings: list[tuple[str, int]]  # (label, total count)
    rio_not_visible: int
    exhibits: int
    proceedings: int
    proceedings_by_status: list[tuple[str, int]]


@dataclass
class DossierView:
    """Everything a template may print. Documented for editors in docs/templates.md."""

    layout: str
    audience: str
    lang: str
    config: Config
    title: str
    subtitle: str | None
    reference: str
    signed_on: dt.date
    incidents: list[IncidentView]
    exhibits: list[ExhibitView]
    persons_cited: list[PersonView]
    figures: Figures
    left_out: list[LeftOut]
    incidents_in_source: int
    art8_counts: list[tuple[str, int]]  # (label, victims) among victims shown
    #: What only the NGO report prints (None for the DDD complaint).
    report: ReportView | None = None

    @property
    def left_out_total(self) -> int:
        return sum(item.count for item in self.left_out)

    def incidents_with(self, *act_codes: str) -> list[IncidentView]:
        """Incidents in which any of these acts (codes) was committed."""
        wanted = set(act_codes)
        return [view for view in self.incidents if wanted.intersection(view.act_codes)]

    def incidents_without_visible_rio(self) -> list[IncidentView]:
        """Incidents where officers were seen not wearing their RIO number."""
        return [view for view in self.incidents if view.rio_visible == "no"]


def _label(vocabulary: vocab.Vocabulary, code: str | None, lang: str) -> str | None:
    return None if code is None else vocabulary.label(code, lang)


def _person_view(person: Person, lang: str, layout: Layout = Layout.ddd) -> PersonView:
    """The person as this layout may show them.

    NGO editions never print the pseudonym of someone who refused publication: both
    ``pseudonym`` and ``designation`` then hold a description, so no template can leak it.
    """
    named = layout != Layout.report or person.publication_consent != "none"
    designation = person.pseudonym if named else describe_person(person, lang)
    return PersonView(
        id=person.id,
        pseudonym=designation,
        age=person.age,
        minor=person.minor,
        gender=_label(vocab.GENDER, person.gender, lang),
        gender_code=person.gender,
        nationality=person.nationality,
        roles=[vocab.ROLE.label(code, lang) for code in person.roles],
        art8_status=_label(vocab.ART8_STATUS, person.art8_status, lang),
        art8_code=person.art8_status,
        interview_date=person.interview_date,
        interview_place=person.interview_place,
        interview_mode=_label(vocab.INTERVIEW_MODE, person.interview_mode, lang),
        interview_language=person.interview_language,
        interpreter=person.interpreter,
        interview_mode_code=person.interview_mode,
        named=named,
        designation=designation,
        about=person_about(person, lang) if named else "",
    )


def _proceeding_view(
    item: Proceeding, lang: str, scrub: Callable[[str | None], str | None] | None = None
) -> ProceedingView:
    scrub = scrub or _keep
    return ProceedingView(
        id=item.id,
        type=vocab.PROCEEDING_TYPE.label(item.type, lang),
        type_code=item.type,
        date=item.date,
        authority=item.authority,
        reference=item.reference,
        status=_label(vocab.PROCEEDING_STATUS, item.status, lang),
        status_code=item.status,
        response=scrub(item.response),
    )


def _in_language(fr: str | None, en: str | None, lang: str) -> tuple[str | None, bool]:
    """The text in ``lang``, else the other one flagged as untranslated (never dropped)."""
    wanted, other = (fr, en) if lang == "fr" else (en, fr)
    if wanted:
        return wanted, False
    if other:
        return other, True
    return None, False


def _round(value: float | None, decimals: int) -> float | None:
    return None if value is None else round(value, decimals)


def assemble(
    dataset: Dataset,
    config: Config,
    *,
    layout: Layout = Layout.ddd,
    audience: Audience | None = None,
    lang: str = "fr",
    signed_on: dt.date,
) -> DossierView:
    """Select, order, pseudonymise and number everything one dossier shows."""
    audience = audience or DEFAULT_AUDIENCE[layout]
    visible = VISIBLE_LEVELS[audience]
    persons = dataset.persons_by_id()
    evidence = dataset.evidence_by_id()
    refused = {pid for pid, person in persons.items() if person.art8_status == "refused"}
    # NGO editions: free text (accounts, exhibit descriptions…) may name someone who refused
    # publication or objected under art. 8; such a name is replaced by a description.
    scrub = (
        _name_scrubber(
            [p for p in dataset.persons if p.publication_consent == "none" or p.id in refused],
            lang,
        )
        if layout == Layout.report
        else _keep
    )

    left_out: Counter[str] = Counter()
    chosen: list[Incident] = []
    for incident in sorted(dataset.incidents, key=lambda i: (i.date, i.time or dt.time(), i.id)):
        if incident.confidentiality not in visible:
            left_out["confidentiality"] += 1
        elif incident.victim_ids and all(pid in refused for pid in incident.victim_ids):
            # art. 8 of organic law 2011-333: a victim who objected must not appear; when every
            # victim named objected, the incident itself would point at them.
            left_out["art8_refused"] += 1
        else:
            chosen.append(incident)

    proceedings_by_incident: dict[str, list[Proceeding]] = {}
    for item in sorted(dataset.proceedings, key=lambda p: (p.date or dt.date.min, p.id)):
        proceedings_by_incident.setdefault(item.incident_id, []).append(item)

    # Exhibits are numbered in order of first citation, incident by incident.
    exhibits: dict[str, ExhibitView] = {}
    chosen_ids = {incident.id for incident in chosen}
    cited_by: dict[str, list[str]] = {}
    for exhibit in dataset.evidence:
        for incident_id in exhibit.incident_ids:
            cited_by.setdefault(incident_id, []).append(exhibit.id)

    def exhibit_for(item: Evidence) -> ExhibitView | None:
        if item.confidentiality not in visible:
            return None
        if item.id not in exhibits:
            description, untranslated = _in_language(item.description_fr, item.description_en, lang)
            exhibits[item.id] = ExhibitView(
                number=len(exhibits) + 1,
                id=item.id,
                kind=vocab.EVIDENCE_KIND.label(item.kind, lang),
                kind_code=item.kind,
                description=scrub(description),
                description_untranslated=untranslated,
                file=item.file,
                url=item.url,
                sha256=item.sha256,
                sha256_computed=item.sha256_computed,
                captured_at=item.captured_at,
                captured_by=item.captured_by,
                custody_notes=scrub(item.custody_notes),
                incident_ids=[i for i in item.incident_ids if i in chosen_ids],
            )
        return exhibits[item.id]

    decimals = COORDINATE_DECIMALS[audience]
    views: list[IncidentView] = []
    cited_persons: dict[str, PersonView] = {}
    for incident in chosen:
        evidence_ids = list(dict.fromkeys([*incident.evidence_ids, *cited_by.get(incident.id, [])]))
        incident_exhibits = [
            view
            for view in (exhibit_for(evidence[eid]) for eid in evidence_ids if eid in evidence)
            if view is not None
        ]
        for view in incident_exhibits:
            if incident.id not in view.incident_ids:
                view.incident_ids.append(incident.id)

        def people(ids: list[str]) -> list[PersonView]:
            shown = []
            for pid in ids:
                if pid in refused or pid not in persons:
                    continue
                view = cited_persons.setdefault(pid, _person_view(persons[pid], lang, layout))
                shown.append(view)
            return shown

        summary, untranslated = _in_language(incident.summary_fr, incident.summary_en, lang)
        views.append(
            IncidentView(
                id=incident.id,
                anchor=f"incident-{incident.id}",
                date=incident.date,
                date_precision=incident.date_precision,
                time=incident.time,
                commune=incident.commune,
                place=scrub(incident.place),
                location_type=_label(vocab.LOCATION_TYPE, incident.location_type, lang),
                latitude=_round(incident.latitude, decimals),
                longitude=_round(incident.longitude, decimals),
                context=_label(vocab.CONTEXT, incident.context, lang),
                forces=[vocab.FORCE.label(code, lang) for code in incident.forces],
                force_codes=list(incident.forces),
                units=list(incident.units),
                officers=incident.officers,
                rio=list(incident.rio),
                rio_visible=incident.rio_visible,
                acts=[vocab.ACT.label(code, lang) for code in incident.acts],
                act_codes=list(incident.acts),
                weapons=list(incident.weapons),
                victims_count=incident.victims_count,
                minors_involved=incident.minors_involved,
                injuries=scrub(incident.injuries),
                medical_certificate=incident.medical_certificate,
                itt_days=incident.itt_days,
                belongings=[
                    Belonging(vocab.BELONGING.label(code, lang), code, count)
                    for code, count in incident.belongings.items()
                ],
                summary=scrub(summary) or "",
                summary_untranslated=untranslated,
                victims=people(incident.victim_ids),
                witnesses=people(incident.witness_ids),
                exhibits=incident_exhibits,
                proceedings=[
                    _proceeding_view(item, lang, scrub)
                    for item in proceedings_by_incident.get(incident.id, [])
                ],
                violation_status=_label(vocab.VIOLATION_STATUS, incident.violation_status, lang),
                confidentiality=incident.confidentiality,
            )
        )

    exhibit_list = sorted(exhibits.values(), key=lambda view: view.number)
    victims_shown = {p.id: p for view in views for p in view.victims}
    art8 = Counter(p.art8_code or "" for p in victims_shown.values())
    art8_counts = [
        (term.label(lang), art8[term.code]) for term in vocab.ART8_STATUS.terms if art8[term.code]
    ]
    if art8[""]:
        art8_counts.append(("—", art8[""]))

    title = config.dossier.title
    subtitle = config.dossier.subtitle
    reference = config.dossier.reference
    if layout == Layout.report:
        title = config.report.title or title
        subtitle = config.report.subtitle or subtitle
        reference = config.report.reference or reference
    dossier = DossierView(
        layout=layout.value,
        audience=audience.value,
        lang=lang,
        config=config,
        title=title.get(lang),
        subtitle=subtitle.get(lang) if subtitle else None,
        reference=reference,
        signed_on=config.signatory.date or signed_on,
        incidents=views,
        exhibits=exhibit_list,
        persons_cited=sorted(cited_persons.values(), key=lambda p: p.pseudonym),
        figures=compute_figures(views, exhibit_list, lang),
        left_out=[LeftOut(reason, count) for reason, count in sorted(left_out.items())],
        incidents_in_source=len(dataset.incidents),
        art8_counts=art8_counts,
    )
    if layout == Layout.report:
        dossier.report = _report_view(
            dossier, dataset, proceedings_by_incident, cited_persons, refused
        )
    return dossier


def _ranked(
    counter: Counter[str], vocabulary: vocab.Vocabulary, lang: str
) -> list[tuple[str, int]]:
    order = {code: position for position, code in enumerate(vocabulary.codes)}
    ranked = sorted(counter.items(), key=lambda item: (-item[1], order.get(item[0], 99)))
    return [(vocabulary.label(code, lang), count) for code, count in ranked]


_PRECISION_ORDER = ("exact", "approximate", "month", "year")


def _coarsest(incidents: Iterable[_Facts]) -> str:
    precisions = [view.date_precision for view in incidents] or ["exact"]
    return max(
        precisions,
        key=lambda p: _PRECISION_ORDER.index(p) if p in _PRECISION_ORDER else 0,
    )


@dataclass(frozen=True)
class _Facts:
    """What the figures count about one incident, whether shown (a view) or not (a record)."""

    date: dt.date
    date_precision: str
    commune: str
    acts: tuple[str, ...]
    forces: tuple[str, ...]
    belongings: tuple[tuple[str, int], ...]
    victims: int
    minors_involved: bool
    certificate: bool
    itt_days: int | None
    rio_not_visible: bool
    statuses: tuple[str, ...]


def _facts_of_view(view: IncidentView) -> _Facts:
    return _Facts(
        date=view.date,
        date_precision=view.date_precision,
        commune=view.commune,
        acts=tuple(view.act_codes),
        forces=tuple(view.force_codes),
        belongings=tuple((item.code, item.count or 0) for item in view.belongings),
        victims=max(view.victims_count or 0, len(view.victims)),
        minors_involved=bool(view.minors_involved),
        certificate=bool(view.medical_certificate),
        itt_days=view.itt_days,
        rio_not_visible=view.rio_visible == "no",
        statuses=tuple(item.status_code or "other" for item in view.proceedings),
    )


def _facts_of_record(incident: Incident, proceedings: list[Proceeding]) -> _Facts:
    return _Facts(
        date=incident.date,
        date_precision=incident.date_precision,
        commune=incident.commune,
        acts=tuple(incident.acts),
        forces=tuple(incident.forces),
        belongings=tuple((code, count or 0) for code, count in incident.belongings.items()),
        victims=max(incident.victims_count or 0, len(incident.victim_ids)),
        minors_involved=bool(incident.minors_involved),
        certificate=bool(incident.medical_certificate),
        itt_days=incident.itt_days,
        rio_not_visible=incident.rio_visible == "no",
        statuses=tuple(item.status or "other" for item in proceedings),
    )


def compute_figures(
    incidents: list[IncidentView], exhibits: list[ExhibitView], lang: str
) -> Figures:
    return _figures([_facts_of_view(view) for view in incidents], len(exhibits), lang)


def _figures(incidents: list[_Facts], exhibits: int, lang: str) -> Figures:
    acts: Counter[str] = Counter(code for item in incidents for code in item.acts)
    forces: Counter[str] = Counter(code for item in incidents for code in item.forces)
    belongings: Counter[str] = Counter()
    for item in incidents:
        for code, count in item.belongings:
            belongings[code] += count
    statuses: Counter[str] = Counter(status for item in incidents for status in item.statuses)
    first_date = min((item.date for item in incidents), default=None)
    last_date = max((item.date for item in incidents), default=None)
    return Figures(
        incidents=len(incidents),
        first_date=first_date,
        last_date=last_date,
        first_date_precision=_coarsest(item for item in incidents if item.date == first_date),
        last_date_precision=_coarsest(item for item in incidents if item.date == last_date),
        communes=sorted({item.commune for item in incidents}),
        victims=sum(item.victims for item in incidents),
        incidents_with_minors=sum(1 for item in incidents if item.minors_involved),
        incidents_with_certificate=sum(1 for item in incidents if item.certificate),
        itt_days_total=sum(item.itt_days or 0 for item in incidents),
        acts=_ranked(acts, vocab.ACT, lang),
        forces=_ranked(forces, vocab.FORCE, lang),
        belongings=[
            (label, count) for label, count in _ranked(belongings, vocab.BELONGING, lang) if count
        ],
        rio_not_visible=sum(1 for item in incidents if item.rio_not_visible),
        exhibits=exhibits,
        proceedings=sum(len(item.statuses) for item in incidents),
        proceedings_by_status=_ranked(statuses, vocab.PROCEEDING_STATUS, lang),
    )


# ------------------------------------------------------------------ people, as reports name them

# Nationalities as the persons sheet may write them: English adjective | French masculine and
# feminine adjectives | other spellings (country names in English and French).
_NATIONALITY_TABLE = """
Eritrean | érythréen | érythréenne | Eritrea, Érythrée
Ethiopian | éthiopien | éthiopienne | Ethiopia, Éthiopie
Sudanese | soudanais | soudanaise | Sudan, Soudan
South Sudanese | sud-soudanais | sud-soudanaise | South Sudan, Soudan du Sud
Afghan | afghan | afghane | Afghanistan
Syrian | syrien | syrienne | Syria, Syrie
Iraqi | irakien | irakienne | Iraq, Irak
Iraqi Kurdish | kurde irakien | kurde irakienne | Iraqi Kurd
Kurdish | kurde | kurde | Kurd
Iranian | iranien | iranienne | Iran
Pakistani | pakistanais | pakistanaise | Pakistan
Somali | somalien | somalienne | Somalia, Somalie
Egyptian | égyptien | égyptienne | Egypt, Égypte
Libyan | libyen | libyenne | Libya, Libye
Chadian | tchadien | tchadienne | Chad, Tchad
Yemeni | yéménite | yéménite | Yemen, Yémen
Kuwaiti | koweïtien | koweïtienne | Kuwait, Koweït
Palestinian | palestinien | palestinienne | Palestine
Albanian | albanais | albanaise | Albania, Albanie
Vietnamese | vietnamien | vietnamienne | Vietnam, Viet Nam
Guinean | guinéen | guinéenne | Guinea, Guinée
Malian | malien | malienne | Mali
Ivorian | ivoirien | ivoirienne | Côte d'Ivoire, Ivory Coast
Nigerian | nigérian | nigériane | Nigeria
Cameroonian | camerounais | camerounaise | Cameroon, Cameroun
Algerian | algérien | algérienne | Algeria, Algérie
Moroccan | marocain | marocaine | Morocco, Maroc
Tunisian | tunisien | tunisienne | Tunisia, Tunisie
Bangladeshi | bangladais | bangladaise | Bangladesh
Indian | indien | indienne | India, Inde
French | français | française | France
British | britannique | britannique | United Kingdom, UK, Royaume-Uni
Belgian | belge | belge | Belgium, Belgique
German | allemand | allemande | Germany, Allemagne
"""


def _nationalities() -> dict[str, tuple[str, str, str]]:
    index: dict[str, tuple[str, str, str]] = {}
    for line in _NATIONALITY_TABLE.strip().splitlines():
        english, masculine, feminine, others = (part.strip() for part in line.split("|"))
        names = (english, masculine, feminine)
        for spelling in (*names, *others.split(",")):
            index.setdefault(fold_key(spelling), names)
    return index


_NATIONALITY_BY_KEY = _nationalities()

# Nouns for a person, by kind: English, French, and whether the French noun is feminine.
_NOUNS = {
    "man": ("man", "homme", False),
    "woman": ("woman", "femme", True),
    "boy": ("boy", "garçon", False),
    "girl": ("girl", "fille", True),
    "child": ("child", "enfant", False),
    "person": ("person", "personne", True),
}


def _is_minor(person: Person) -> bool:
    return bool(person.minor) or (person.age is not None and person.age < 18)


def _kind_of(person: Person) -> str:
    minor = _is_minor(person)
    if person.gender == "man":
        return "boy" if minor else "man"
    if person.gender == "woman":
        return "girl" if minor else "woman"
    return "child" if minor else "person"


def _english_article(age: int) -> str:
    # "an 8-year-old", "an 11-year-old", "an 18-year-old": the sound decides, not the letter.
    spoken = str(age)
    return "an" if spoken.startswith("8") or age in (11, 18) else "a"


def describe_person(person: Person, lang: str) -> str:
    """How an NGO edition names someone who refused publication: « un garçon de 16 ans ».

    Age and gender only: nationality and place would narrow down who it is.
    """
    english, french, feminine = _NOUNS[_kind_of(person)]
    age = person.age
    if lang == "fr":
        article = "une" if feminine else "un"
        return f"{article} {french}" + (f" de {age}{l10n.NBSP}ans" if age is not None else "")
    if age is None:
        return f"a {english}"
    return f"{_english_article(age)} {age}-year-old {english}"


def person_about(person: Person, lang: str) -> str:
    """Who a named person is, after their pseudonym: « 24-year-old Eritrean man » /
    « Érythréen de 24 ans » (empty when nothing is known)."""
    kind = _kind_of(person)
    english, french, feminine = _NOUNS[kind]
    raw = (person.nationality or "").strip()
    known = _NATIONALITY_BY_KEY.get(fold_key(raw)) if raw else None
    age = person.age
    if lang == "en":
        if not raw and age is None and person.gender is None:
            return ""
        parts = [f"{age}-year-old"] if age is not None else []
        if raw:
            parts.append(known[0] if known else raw)
        parts.append(english)
        return " ".join(parts)
    if not raw and age is None and person.gender is None:
        return ""
    years = f" de {age}{l10n.NBSP}ans" if age is not None else ""
    if known is None:
        return f"{french}{years}" + (f" ({raw})" if raw else "")
    adjective = known[2] if feminine else known[1]
    if kind in ("man", "woman"):
        # French names an adult by the nationality itself: « Érythréen de 24 ans ».
        return f"{adjective[:1].upper()}{adjective[1:]}{years}"
    return f"{french} {adjective}{years}"


# Spellings Babel does not know that interview logs use.
_LANGUAGE_ALIASES = {"farsi": "fa", "sorani": "ckb", "kurmanji": "kmr", "tigrigna": "ti"}


@functools.cache
def _language_codes() -> dict[str, str]:
    """Folded English and French language names (Babel's CLDR data) → language code."""
    codes = dict(_LANGUAGE_ALIASES)
    for lang in ("en", "fr"):
        for code, name in Locale.parse(l10n.LOCALES[lang]).languages.items():
            codes.setdefault(fold_key(name), code)
    return codes


def language_name(name: str, lang: str) -> str:
    """An interview language typed in English or French (« Tigrinya », « arabe »), named in the
    dossier's language; a name nobody knows is kept as typed."""
    name = name.strip()
    code = _language_codes().get(fold_key(name))
    if code is None:
        return name
    return str(Locale.parse(l10n.LOCALES[lang]).languages.get(code, name))


def _keep(text: str | None) -> str | None:
    return text


def _name_scrubber(hidden: list[Person], lang: str) -> Callable[[str | None], str | None]:
    """Replace, in free text, the pseudonyms of people who may not be named by a description."""
    names = {
        person.pseudonym.strip(): describe_person(person, lang)
        for person in hidden
        if len(person.pseudonym.strip()) >= 2
    }
    if not names:
        return _keep
    pattern = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(name) for name in sorted(names, key=lambda n: (-len(n), n)))
        + r")(?!\w)"
    )

    def replace(match: re.Match[str]) -> str:
        description = names[match.group(0)]
        before = match.string[: match.start()].rstrip()
        if not before or before[-1] in '.!?:«“"':
            return description[:1].upper() + description[1:]
        return description

    def scrub(text: str | None) -> str | None:
        return None if text is None else pattern.sub(replace, text)

    return scrub


# --------------------------------------------------------------------------- the NGO report


@dataclass(frozen=True)
class Epigraph:
    """The quotation opening the summary and who said it, as the privacy rules allow."""

    quote: str
    who: str  # the pseudonym, or the description of someone who refused publication
    about: str  # « 24-year-old Eritrean man »; empty for someone described
    place: str | None
    date: dt.date | None  # of the interview: the attribution prints its month


@dataclass(frozen=True)
class InterviewCitation:
    """One source of a footnote: an interview with one person, or a group interview."""

    mode: str | None  # code: individual / group / telephone
    persons: list[str]  # designations: pseudonyms or descriptions
    place: str | None
    date: dt.date | None


@dataclass
class Case:
    """An incident told in a findings chapter, with the sources its footnote cites."""

    incident: IncidentView
    people: list[PersonView]
    interviews: list[InterviewCitation]


@dataclass(frozen=True)
class Chart:
    """A bar chart of figures: drawn on demand as a PNG (``uri``), same bars → same bytes."""

    number: int
    key: str
    title: str
    unit: str  # incidents / items
    vertical: bool
    bars: tuple[charts.Bar, ...]
    legend: tuple[str, str] | None
    lang: str

    @property
    def uri(self) -> str:
        return _chart_uri(self.vertical, self.bars, self.legend, self.lang)

    @property
    def width(self) -> int:
        """Width for the <img> in CSS px: the PDF and the DOCX both size the image from it."""
        return charts.DISPLAY_WIDTH

    @property
    def alt(self) -> str:
        """The chart said in words, every number included, for screen readers and Word."""
        told = "présentés ici" if self.lang == "fr" else "told here"
        parts = []
        for bar in self.bars:
            colon = "\u00a0: " if self.lang == "fr" else ": "
            text = f"{bar.label}{colon}{l10n.number(bar.value, self.lang)}"
            if self.legend is not None and bar.shown is not None:
                text += f" ({l10n.number(bar.shown, self.lang)} {told})"
            parts.append(text)
        return f"{self.title}. " + "; ".join(parts) + "."


@functools.lru_cache(maxsize=256)
def _chart_uri(
    vertical: bool, bars: tuple[charts.Bar, ...], legend: tuple[str, str] | None, lang: str
) -> str:
    draw = charts.vertical_bars if vertical else charts.horizontal_bars
    return charts.data_uri(draw(bars, lang=lang, legend=legend))


@dataclass
class Chapter:
    """A findings chapter: one category of acts, counted over every recorded incident."""

    code: str
    anchor: str
    title: str
    recorded: Figures  # over every recorded incident of the category, whatever its level
    shown: int  # of which this edition tells
    acts: list[tuple[str, int]]  # the category's acts, (label, recorded incidents)
    with_children: int  # recorded incidents involving children (see CHILDREN_RULE)
    chart: Chart | None
    cases: list[Case]  # told in this chapter
    see_also: list[IncidentView]  # of this category, told in an earlier chapter

    @property
    def withheld(self) -> int:
        return self.recorded.incidents - self.shown


@dataclass(frozen=True)
class Methodology:
    """Who was interviewed, how, and with what consent: counted over every person recorded."""

    interviewed: int
    victims_interviewed: int
    witnesses_interviewed: int
    adults: int
    children: int
    age_unknown: int
    women: int
    men: int
    gender_other: int  # non-binary, unknown or not recorded
    individual: int
    group: int  # people interviewed in groups
    group_sessions: int  # distinct group interviews (date and place)
    telephone: int
    mode_unknown: int
    languages: list[tuple[str, int]]  # interview language, people
    language_unknown: int
    with_interpreter: int
    consent_pseudonym: int  # agreed to be cited under a pseudonym
    consent_none: int  # refused publication: described, never named
    first_date: dt.date | None  # first and last interview: ``m | period`` prints them
    last_date: dt.date | None
    interview_places: list[str]
    exhibits: int  # every exhibit recorded
    exhibits_fingerprinted: int
    exhibits_cited: int  # in this edition
    first_date_precision: str = "exact"
    last_date_precision: str = "exact"


@dataclass(frozen=True)
class RecommendationView:
    anchor: str
    addressee: str
    items: list[str]


@dataclass(frozen=True)
class GlossarySection:
    title: str
    entries: list[tuple[str, str]]  # (French, English)


@dataclass
class ReportView:
    """What the NGO report prints besides the incidents: figures, charts, chapters, sources.

    ``totals`` counts every incident of the workbook, whatever this edition may show;
    ``DossierView.figures`` counts the incidents the edition tells.
    """

    month: dt.date
    epigraph: Epigraph | None
    totals: Figures
    methodology: Methodology
    recommendations: list[RecommendationView]
    background: list[str]  # paragraphs from the config; empty: the template's default
    response_intro: str | None
    overview: list[Chart]
    chapters: list[Chapter]
    charts: list[Chart]  # every chart, by number
    proceedings_by_type: list[tuple[str, int]]  # over every recorded incident
    incidents_with_proceedings: int
    incidents_with_children: int
    year_only: int  # incidents dated only by their year: not in the timeline chart
    glossary: list[GlossarySection]
    split: bool  # True when the edition leaves incidents out: figures show both parts


@dataclass(frozen=True)
class _Category:
    code: str
    acts: tuple[str, ...]
    chart: str  # acts / forces / communes / belongings


#: Findings chapters in the order of the report. ``children``, ``rio`` and ``other`` are not acts:
#: incidents involving a minor, incidents where officers wore no visible RIO, and incidents no
#: other chapter takes. Every act but "other" belongs to one chapter.
CATEGORIES: tuple[_Category, ...] = (
    _Category("tear_gas", ("tear_gas",), "forces"),
    _Category("physical_violence", ("physical_violence", "lbd_grenade", "dog"), "acts"),
    _Category(
        "degrading_treatment",
        ("insults_racism", "threats", "humiliation", "sleep_deprivation"),
        "acts",
    ),
    _Category("belongings", ("belongings_destroyed", "belongings_seized"), "belongings"),
    _Category("evictions", ("eviction", "pushback"), "communes"),
    _Category("checks_arrests", ("identity_check", "search", "arrest", "detention"), "acts"),
    _Category("care_complaints", ("denial_of_care", "complaint_refused"), "acts"),
    _Category("children", (), "acts"),
    _Category("aid_observers", ("obstruction_of_aid", "intimidation_of_observers"), "acts"),
    _Category("rio", (), "forces"),
    _Category("other", (), "communes"),
)

CHAPTER_TITLES = {
    "tear_gas": ("Gaz lacrymogène", "Tear gas and pepper spray"),
    "physical_violence": (
        "Violences physiques\u00a0: coups, tirs de LBD et de grenades, chiens",
        "Physical violence: beatings, rubber bullets and grenades, dogs",
    ),
    "degrading_treatment": (
        "Insultes, menaces et traitements dégradants",
        "Insults, threats and degrading treatment",
    ),
    "belongings": ("Biens détruits ou confisqués", "Belongings destroyed or seized"),
    "evictions": ("Expulsions et refoulements", "Evictions and pushbacks"),
    "checks_arrests": (
        "Contrôles, fouilles, interpellations et rétention",
        "Identity checks, searches, arrests and detention",
    ),
    "care_complaints": (
        "Refus de soins et refus de plainte",
        "Denial of care and refused complaints",
    ),
    "children": ("Enfants", "Children"),
    "aid_observers": (
        "Entraves à l'aide humanitaire et aux observateurs",
        "Obstruction of humanitarian aid and of observers",
    ),
    "rio": (
        "Numéro d'identification (RIO) non porté",
        "Identification number (RIO) not worn",
    ),
    "other": ("Autres incidents", "Other incidents"),
}

_CHART_TITLES = {
    "months": ("Incidents enregistrés par mois", "Incidents recorded per month"),
    "acts": ("Incidents par type d'acte", "Incidents by act"),
    "forces": ("Incidents par force de l'ordre présente", "Incidents by security force present"),
    "communes": ("Incidents par commune", "Incidents by commune"),
    "belongings": (
        "Biens détruits ou confisqués, par nature (nombre d'objets)",
        "Belongings destroyed or seized, by kind (number of items)",
    ),
    "itt": (
        "Incidents avec certificat médical, par durée d'ITT",
        "Incidents with a medical certificate, by days of ITT",
    ),
}

# What a chapter's chart counts, after the chapter's title.
_DIMENSION_TITLES = {
    "acts": ("incidents par type d'acte", "incidents by act"),
    "forces": ("incidents par force de l'ordre présente", "incidents by security force present"),
    "communes": ("incidents par commune", "incidents by commune"),
    "belongings": ("objets par nature", "items by kind"),
}

_LEGEND = {
    "fr": ("présentés dans ce rapport", "enregistrés, non publiés dans cette édition"),
    "en": ("told in this report", "recorded, not published in this edition"),
}

_ITT_BINS = (
    (0, 0, ("0 jour", "0 days")),
    (1, 3, ("1 à 3 jours", "1–3 days")),
    (4, 8, ("4 à 8 jours", "4–8 days")),
    (9, None, ("plus de 8 jours", "more than 8 days")),
)

GLOSSARY_VOCABULARIES: tuple[vocab.Vocabulary, ...] = (
    vocab.ACT,
    vocab.FORCE,
    vocab.CONTEXT,
    vocab.LOCATION_TYPE,
    vocab.BELONGING,
    vocab.EVIDENCE_KIND,
    vocab.PROCEEDING_TYPE,
    vocab.PROCEEDING_STATUS,
    vocab.VIOLATION_STATUS,
    vocab.INTERVIEW_MODE,
)


def _pick(texts: tuple[str, str], lang: str) -> str:
    return texts[0] if lang == "fr" else texts[1]


def _involves_children(incident: Incident, persons: dict[str, Person]) -> bool:
    """Minors involved, or a victim or witness who is a minor (CHILDREN_RULE)."""
    if incident.minors_involved:
        return True
    ids = [*incident.victim_ids, *incident.witness_ids]
    return any(pid in persons and _is_minor(persons[pid]) for pid in ids)


def _categories_of(incident: Incident, persons: dict[str, Person]) -> list[str]:
    """The findings chapters an incident belongs to, in chapter order."""
    acts = set(incident.acts)
    found = [c.code for c in CATEGORIES if c.acts and acts.intersection(c.acts)]
    if _involves_children(incident, persons):
        found.append("children")
    if incident.rio_visible == "no":
        found.append("rio")
    order = [c.code for c in CATEGORIES]
    found.sort(key=order.index)
    return found or ["other"]


def _bars(
    records: list[Incident],
    shown_ids: set[str],
    weights: Callable[[Incident], Iterable[tuple[str, int]]],
    label: Callable[[str], str],
    order: Callable[[str], object],
    split: bool,
) -> tuple[charts.Bar, ...]:
    """Count ``weights`` over every record and over the shown ones; largest first."""
    total: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    for incident in records:
        for key, weight in weights(incident):
            total[key] += weight
            if incident.id in shown_ids:
                shown[key] += weight
    keys = sorted((key for key in total if total[key]), key=lambda k: (-total[k], order(k)))
    return tuple(charts.Bar(label(key), total[key], shown[key] if split else None) for key in keys)


def _vocab_order(vocabulary: vocab.Vocabulary) -> Callable[[str], object]:
    positions = {code: index for index, code in enumerate(vocabulary.codes)}
    return lambda code: positions.get(code, len(positions))


def _report_view(
    view: DossierView,
    dataset: Dataset,
    proceedings_by_incident: dict[str, list[Proceeding]],
    cited_persons: dict[str, PersonView],
    refused: set[str],
) -> ReportView:
    lang = view.lang
    config = view.config.report
    persons = dataset.persons_by_id()
    records = sorted(dataset.incidents, key=lambda i: (i.date, i.time or dt.time(), i.id))
    shown_ids = {incident.id for incident in view.incidents}
    views_by_id = {incident.id: incident for incident in view.incidents}
    split = view.left_out_total > 0
    legend = (_LEGEND[lang][0], _LEGEND[lang][1]) if split else None
    totals = _figures(
        [_facts_of_record(i, proceedings_by_incident.get(i.id, [])) for i in records],
        len(dataset.evidence),
        lang,
    )

    numbered: list[Chart] = []

    def chart(
        key: str,
        title: str,
        bars: tuple[charts.Bar, ...],
        unit: str = "incidents",
        vertical: bool = False,
    ) -> Chart | None:
        if not bars:
            return None
        made = Chart(
            number=len(numbered) + 1,
            key=key,
            title=title,
            unit=unit,
            vertical=vertical,
            bars=bars,
            legend=legend,
            lang=lang,
        )
        numbered.append(made)
        return made

    def one_each(codes: Iterable[str]) -> list[tuple[str, int]]:
        return [(code, 1) for code in dict.fromkeys(codes)]

    def act_label(code: str) -> str:
        return vocab.ACT.label(code, lang)

    def force_label(code: str) -> str:
        return vocab.FORCE.label(code, lang)

    def belonging_label(code: str) -> str:
        return vocab.BELONGING.label(code, lang)

    def by_acts(subset: list[Incident], acts: tuple[str, ...] = ()) -> tuple[charts.Bar, ...]:
        return _bars(
            subset,
            shown_ids,
            lambda i: one_each(code for code in i.acts if not acts or code in acts),
            act_label,
            _vocab_order(vocab.ACT),
            split,
        )

    def by_forces(subset: list[Incident]) -> tuple[charts.Bar, ...]:
        return _bars(
            subset,
            shown_ids,
            lambda i: one_each(i.forces),
            force_label,
            _vocab_order(vocab.FORCE),
            split,
        )

    def by_communes(subset: list[Incident]) -> tuple[charts.Bar, ...]:
        return _bars(subset, shown_ids, lambda i: [(i.commune, 1)], str, str, split)

    def by_belongings(subset: list[Incident]) -> tuple[charts.Bar, ...]:
        return _bars(
            subset,
            shown_ids,
            lambda i: [(code, count or 0) for code, count in i.belongings.items()],
            belonging_label,
            _vocab_order(vocab.BELONGING),
            split,
        )

    # Overview charts, over every recorded incident.
    overview: list[Chart] = []
    # An incident dated only by its year has no month: the timeline leaves it out and says so.
    dated = [i for i in records if i.date_precision != "year"]
    if records:
        months = _months(dated[0].date, dated[-1].date) if dated else []
        month_bars = _bins(
            dated,
            shown_ids,
            split,
            [(format_date(month, "MMM y", locale=l10n.LOCALES[lang]), month) for month in months],
            lambda incident, month: (
                (incident.date.year, incident.date.month) == (month.year, month.month)
            ),
        )
        itt_bars = _bins(
            records,
            shown_ids,
            split,
            [(_pick(labels, lang), (low, high)) for low, high, labels in _ITT_BINS],
            lambda incident, bounds: (
                incident.itt_days is not None
                and bounds[0] <= incident.itt_days
                and (bounds[1] is None or incident.itt_days <= bounds[1])
            ),
        )
        candidates = [
            ("months", month_bars, "incidents", True),
            ("acts", by_acts(records), "incidents", False),
            ("forces", by_forces(records), "incidents", False),
            ("communes", by_communes(records), "incidents", False),
            ("belongings", by_belongings(records), "items", False),
            ("itt", itt_bars if any(bar.value for bar in itt_bars) else (), "incidents", False),
        ]
        for key, bars, unit, vertical in candidates:
            made = chart(key, _pick(_CHART_TITLES[key], lang), bars, unit, vertical)
            if made is not None:
                overview.append(made)

    # Findings chapters: figures over every recorded incident, cases over the shown ones.
    membership = {incident.id: _categories_of(incident, persons) for incident in records}
    chapters: list[Chapter] = []
    for category in CATEGORIES:
        members = [i for i in records if category.code in membership[i.id]]
        if not members:
            continue
        title = _pick(CHAPTER_TITLES[category.code], lang)
        if category.chart == "acts":
            bars = by_acts(members, category.acts)
        elif category.chart == "forces":
            bars = by_forces(members)
        elif category.chart == "belongings":
            bars = by_belongings(members)
        else:
            bars = by_communes(members)
        cases: list[Case] = []
        see_also: list[IncidentView] = []
        for incident in members:
            shown_view = views_by_id.get(incident.id)
            if shown_view is None:
                continue
            if membership[incident.id][0] == category.code:
                cases.append(_case(shown_view))
            else:
                see_also.append(shown_view)
        acts_here = Counter(
            code
            for incident in members
            for code in dict.fromkeys(incident.acts)
            if code in category.acts
        )
        chapters.append(
            Chapter(
                code=category.code,
                anchor=f"chapter-{category.code.replace('_', '-')}",
                title=title,
                recorded=_figures(
                    [_facts_of_record(i, proceedings_by_incident.get(i.id, [])) for i in members],
                    0,
                    lang,
                ),
                shown=sum(1 for i in members if i.id in shown_ids),
                acts=_ranked(acts_here, vocab.ACT, lang),
                with_children=sum(1 for i in members if _involves_children(i, persons)),
                chart=chart(
                    f"chapter-{category.code}",
                    f"{title}\u00a0: {_pick(_DIMENSION_TITLES[category.chart], lang)}"
                    if lang == "fr"
                    else f"{title}: {_pick(_DIMENSION_TITLES[category.chart], lang)}",
                    bars,
                    unit="items" if category.chart == "belongings" else "incidents",
                ),
                cases=cases,
                see_also=see_also,
            )
        )

    proceedings_by_type: Counter[str] = Counter(item.type for item in dataset.proceedings)
    return ReportView(
        month=config.month_date() or view.signed_on.replace(day=1),
        epigraph=_epigraph(view, persons, cited_persons, refused),
        totals=totals,
        methodology=_methodology(dataset, view),
        recommendations=[
            RecommendationView(
                anchor=f"recommendations-{number}",
                addressee=group.addressee.get(lang),
                items=[item.get(lang) for item in group.items],
            )
            for number, group in enumerate(config.recommendations, 1)
        ],
        background=_paragraphs(config.background.get(lang) if config.background else ""),
        response_intro=config.response_intro.get(lang) if config.response_intro else None,
        overview=overview,
        chapters=chapters,
        charts=numbered,
        proceedings_by_type=_ranked(proceedings_by_type, vocab.PROCEEDING_TYPE, lang),
        incidents_with_proceedings=sum(1 for i in records if proceedings_by_incident.get(i.id)),
        incidents_with_children=sum(1 for i in records if _involves_children(i, persons)),
        year_only=len(records) - len(dated),
        glossary=_glossary(lang),
        split=split,
    )


def _bins(
    records: list[Incident],
    shown_ids: set[str],
    split: bool,
    bins: list[tuple[str, Any]],
    holds: Callable[[Incident, Any], bool],
) -> tuple[charts.Bar, ...]:
    """One bar per bin, in the bins' order, empty bins included (a timeline keeps its gaps)."""
    return tuple(
        charts.Bar(
            label,
            sum(1 for incident in records if holds(incident, key)),
            sum(1 for incident in records if incident.id in shown_ids and holds(incident, key))
            if split
            else None,
        )
        for label, key in bins
    )


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]


def _case(incident: IncidentView) -> Case:
    people = list({p.id: p for p in [*incident.victims, *incident.witnesses]}.values())
    return Case(incident=incident, people=people, interviews=_interviews(people))


def _interviews(people: list[PersonView]) -> list[InterviewCitation]:
    """The interviews a case rests on; people seen together in a group interview cited once."""
    found: dict[tuple[object, ...], tuple[PersonView, list[str]]] = {}
    for person in people:
        if person.interview_date is None and person.interview_mode_code is None:
            continue
        mode = person.interview_mode_code
        key: tuple[object, ...] = (mode, person.interview_date, person.interview_place)
        if mode != "group":
            key += (person.id,)
        if key in found:
            found[key][1].append(person.designation)
        else:
            found[key] = (person, [person.designation])
    ordered = sorted(found.values(), key=lambda item: item[0].interview_date or dt.date.max)
    return [
        InterviewCitation(
            mode=first.interview_mode_code,
            persons=names,
            place=first.interview_place,
            date=first.interview_date,
        )
        for first, names in ordered
    ]


def _epigraph(
    view: DossierView,
    persons: dict[str, Person],
    cited_persons: dict[str, PersonView],
    refused: set[str],
) -> Epigraph | None:
    """The configured quotation, if its author appears in this edition and did not object."""
    wanted = view.config.report.epigraph
    if wanted is None or wanted.person in refused or wanted.person not in cited_persons:
        return None
    shown = cited_persons[wanted.person]
    person = persons[wanted.person]
    who = (
        shown.designation if shown.named else shown.designation[:1].upper() + shown.designation[1:]
    )
    return Epigraph(
        quote=wanted.quote.get(view.lang),
        who=who,
        about=shown.about,
        place=person.interview_place,
        date=person.interview_date,
    )


def _methodology(dataset: Dataset, view: DossierView) -> Methodology:
    interviewed = [
        p for p in dataset.persons if p.interview_date is not None or p.interview_mode is not None
    ]
    modes = Counter(p.interview_mode for p in interviewed)
    languages = Counter(
        language_name(p.interview_language, view.lang) for p in interviewed if p.interview_language
    )
    dates = [p.interview_date for p in interviewed if p.interview_date is not None]
    sessions = {
        (p.interview_date, p.interview_place) for p in interviewed if p.interview_mode == "group"
    }
    children = sum(1 for p in interviewed if _is_minor(p))
    adults = sum(
        1 for p in interviewed if not _is_minor(p) and (p.age is not None or p.minor is False)
    )
    return Methodology(
        interviewed=len(interviewed),
        victims_interviewed=sum(1 for p in interviewed if "victim" in p.roles),
        witnesses_interviewed=sum(
            1
            for p in interviewed
            if "victim" not in p.roles and {"witness", "observer"} & set(p.roles)
        ),
        adults=adults,
        children=children,
        age_unknown=len(interviewed) - adults - children,
        women=sum(1 for p in interviewed if p.gender == "woman"),
        men=sum(1 for p in interviewed if p.gender == "man"),
        gender_other=sum(1 for p in interviewed if p.gender not in ("woman", "man")),
        individual=modes["individual"],
        group=modes["group"],
        group_sessions=len(sessions),
        telephone=modes["telephone"],
        mode_unknown=modes[None],
        languages=sorted(languages.items(), key=lambda item: (-item[1], fold_key(item[0]))),
        language_unknown=sum(1 for p in interviewed if not p.interview_language),
        with_interpreter=sum(1 for p in interviewed if p.interpreter),
        consent_pseudonym=sum(1 for p in interviewed if p.publication_consent != "none"),
        consent_none=sum(1 for p in interviewed if p.publication_consent == "none"),
        first_date=min(dates, default=None),
        last_date=max(dates, default=None),
        interview_places=sorted(
            {p.interview_place for p in interviewed if p.interview_place}, key=fold_key
        ),
        exhibits=len(dataset.evidence),
        exhibits_fingerprinted=sum(1 for item in dataset.evidence if item.sha256),
        exhibits_cited=len(view.exhibits),
    )


def _glossary(lang: str) -> list[GlossarySection]:
    """French and English labels of the vocabularies a reader meets in the report."""
    sections = []
    for vocabulary in GLOSSARY_VOCABULARIES:
        entries = [
            (term.fr, term.en)
            for term in vocabulary.terms
            if term.code not in ("other", "unknown") and term.fr != term.en
        ]
        key = 0 if lang == "fr" else 1
        entries.sort(key=lambda entry: fold_key(entry[key]))
        title = vocabulary.title(lang)
        sections.append(GlossarySection(title[:1].upper() + title[1:], entries))
    return sections
