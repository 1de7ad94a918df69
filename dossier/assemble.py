"""Build one dossier's view model: records filtered for an audience, pseudonymised, numbered."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from dossier import vocab
from dossier.config import Config
from dossier.records import Evidence, Incident, Person, Proceeding
from dossier.validate import Dataset


class Layout(StrEnum):
    ddd = "ddd"


class Audience(StrEnum):
    """Who will read the dossier; decides which confidentiality levels it may hold."""

    ddd = "ddd"
    partners = "partners"
    public = "public"


DEFAULT_AUDIENCE = {Layout.ddd: Audience.ddd}

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


def _person_view(person: Person, lang: str) -> PersonView:
    return PersonView(
        id=person.id,
        pseudonym=person.pseudonym,
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
    )


def _proceeding_view(item: Proceeding, lang: str) -> ProceedingView:
    return ProceedingView(
        id=item.id,
        type=vocab.PROCEEDING_TYPE.label(item.type, lang),
        type_code=item.type,
        date=item.date,
        authority=item.authority,
        reference=item.reference,
        status=_label(vocab.PROCEEDING_STATUS, item.status, lang),
        status_code=item.status,
        response=item.response,
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
                description=description,
                description_untranslated=untranslated,
                file=item.file,
                url=item.url,
                sha256=item.sha256,
                sha256_computed=item.sha256_computed,
                captured_at=item.captured_at,
                captured_by=item.captured_by,
                custody_notes=item.custody_notes,
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
                view = cited_persons.setdefault(pid, _person_view(persons[pid], lang))
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
                place=incident.place,
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
                injuries=incident.injuries,
                medical_certificate=incident.medical_certificate,
                itt_days=incident.itt_days,
                belongings=[
                    Belonging(vocab.BELONGING.label(code, lang), code, count)
                    for code, count in incident.belongings.items()
                ],
                summary=summary or "",
                summary_untranslated=untranslated,
                victims=people(incident.victim_ids),
                witnesses=people(incident.witness_ids),
                exhibits=incident_exhibits,
                proceedings=[
                    _proceeding_view(item, lang)
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

    return DossierView(
        layout=layout.value,
        audience=audience.value,
        lang=lang,
        config=config,
        title=config.dossier.title.get(lang),
        subtitle=config.dossier.subtitle.get(lang) if config.dossier.subtitle else None,
        reference=config.dossier.reference,
        signed_on=config.signatory.date or signed_on,
        incidents=views,
        exhibits=exhibit_list,
        persons_cited=sorted(cited_persons.values(), key=lambda p: p.pseudonym),
        figures=compute_figures(views, exhibit_list, lang),
        left_out=[LeftOut(reason, count) for reason, count in sorted(left_out.items())],
        incidents_in_source=len(dataset.incidents),
        art8_counts=art8_counts,
    )


def _ranked(
    counter: Counter[str], vocabulary: vocab.Vocabulary, lang: str
) -> list[tuple[str, int]]:
    order = {code: position for position, code in enumerate(vocabulary.codes)}
    ranked = sorted(counter.items(), key=lambda item: (-item[1], order.get(item[0], 99)))
    return [(vocabulary.label(code, lang), count) for code, count in ranked]


_PRECISION_ORDER = ("exact", "approximate", "month", "year")


def _coarsest(incidents: Iterable[IncidentView]) -> str:
    precisions = [view.date_precision for view in incidents] or ["exact"]
    return max(
        precisions,
        key=lambda p: _PRECISION_ORDER.index(p) if p in _PRECISION_ORDER else 0,
    )


def compute_figures(
    incidents: list[IncidentView], exhibits: list[ExhibitView], lang: str
) -> Figures:
    acts: Counter[str] = Counter(code for view in incidents for code in view.act_codes)
    forces: Counter[str] = Counter(code for view in incidents for code in view.force_codes)
    belongings: Counter[str] = Counter()
    for view in incidents:
        for item in view.belongings:
            belongings[item.code] += item.count or 0
    statuses: Counter[str] = Counter(
        item.status_code or "other" for view in incidents for item in view.proceedings
    )
    victims = sum(max(view.victims_count or 0, len(view.victims)) for view in incidents)
    first_date = min((view.date for view in incidents), default=None)
    last_date = max((view.date for view in incidents), default=None)
    return Figures(
        incidents=len(incidents),
        first_date=first_date,
        last_date=last_date,
        first_date_precision=_coarsest(view for view in incidents if view.date == first_date),
        last_date_precision=_coarsest(view for view in incidents if view.date == last_date),
        communes=sorted({view.commune for view in incidents}),
        victims=victims,
        incidents_with_minors=sum(1 for view in incidents if view.minors_involved),
        incidents_with_certificate=sum(1 for view in incidents if view.medical_certificate),
        itt_days_total=sum(view.itt_days or 0 for view in incidents),
        acts=_ranked(acts, vocab.ACT, lang),
        forces=_ranked(forces, vocab.FORCE, lang),
        belongings=[
            (label, count) for label, count in _ranked(belongings, vocab.BELONGING, lang) if count
        ],
        rio_not_visible=sum(1 for view in incidents if view.rio_visible == "no"),
        exhibits=len(exhibits),
        proceedings=sum(len(view.proceedings) for view in incidents),
        proceedings_by_status=_ranked(statuses, vocab.PROCEEDING_STATUS, lang),
    )
