"""Build one dossier's view model: records filtered for an audience, pseudonymised, numbered."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from dossier.assemble.complaint import complete_incidents, legal_view
from dossier.assemble.figures import compute_figures
from dossier.assemble.models import (
    COORDINATE_DECIMALS,
    DEFAULT_AUDIENCE,
    VISIBLE_LEVELS,
    Audience,
    Belonging,
    DossierView,
    ExhibitView,
    IncidentView,
    Layout,
    LeftOut,
    PersonView,
    ProceedingView,
)
from dossier.assemble.ngo_report import _report_view
from dossier.assemble.people import (
    _keep,
    _name_scrubber,
    describe_person,
    person_about,
    person_nationality,
)
from dossier.i18n.typography import ForeignText, UntranslatedText, in_language
from dossier.input.config import Config
from dossier.schema import vocab
from dossier.schema.records import Evidence, Incident, Person, Proceeding
from dossier.validate.rows import Dataset


def _label(vocabulary: vocab.Vocabulary, code: str | None, lang: str) -> str | None:
    return None if code is None else vocabulary.label(code, lang)


def may_be_named(person: Person, audience: Audience) -> bool:
    """Whether an edition for ``audience`` may print this person's pseudonym.

    Consent follows the readers, whatever the layout: only the Défenseur des droits reads the
    pseudonym of someone who refused publication.
    """
    return audience == Audience.ddd or person.publication_consent != "none"


def _person_view(person: Person, lang: str, audience: Audience = Audience.ddd) -> PersonView:
    """The person as this audience may see them.

    Editions for other readers never print the pseudonym of someone who refused publication:
    both ``pseudonym`` and ``designation`` then hold a description, so no template can leak it.
    """
    named = may_be_named(person, audience)
    designation = person.pseudonym if named else describe_person(person, lang)
    return PersonView(
        id=person.id,
        pseudonym=designation,
        age=person.age,
        minor=person.minor,
        gender=_label(vocab.GENDER, person.gender, lang),
        gender_code=person.gender,
        nationality=person_nationality(person, lang),
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
    item: Proceeding,
    lang: str,
    scrub: Callable[[str | None], str | None] | None = None,
    text_language: str = "fr",
) -> ProceedingView:
    scrub = scrub or _keep
    return ProceedingView(
        id=item.id,
        type=vocab.PROCEEDING_TYPE.label(item.type, lang),
        type_code=item.type,
        date=item.date,
        authority=_free_text(item, "authority", lang, text_language, scrub),
        reference=scrub(item.reference),
        status=_label(vocab.PROCEEDING_STATUS, item.status, lang),
        status_code=item.status,
        response=_free_text(item, "response", lang, text_language, scrub),
    )


def _free_text(
    record: Incident | Proceeding | Evidence,
    key: str,
    lang: str,
    text_language: str,
    scrub: Callable[[str | None], str | None],
) -> str | None:
    """A free-text field in the edition's language: its ``KEY_fr`` / ``KEY_en`` column, else the
    untagged column when the workbook's text is in ``lang`` (config ``text_language``); else the
    text there is, kept and marked untranslated (never dropped)."""
    texts: dict[str, str | None] = {
        code: scrub(getattr(record, f"{key}_{code}")) for code in ("fr", "en")
    }
    if not texts[text_language]:
        texts[text_language] = scrub(getattr(record, key))
    return in_language(texts, lang, source_lang=text_language)


def _free_text_list(
    record: Incident,
    key: str,
    lang: str,
    text_language: str,
    scrub: Callable[[str | None], str | None],
) -> list[str]:
    """A free-text list (units, weapons) in the edition's language, as :func:`_free_text`: each
    item left in the other language is marked untranslated."""
    lists: dict[str, list[str]] = {
        code: list(getattr(record, f"{key}_{code}")) for code in ("fr", "en")
    }
    if not lists[text_language]:
        lists[text_language] = list(getattr(record, key))
    if lists[lang]:
        return [scrub(item) or "" for item in lists[lang]]
    other = "en" if lang == "fr" else "fr"
    return [UntranslatedText(scrub(item) or "", other, lang) for item in lists[other]]


def _in_language(fr: str | None, en: str | None, lang: str) -> tuple[str | None, bool]:
    """The text in ``lang``, else the other one flagged as untranslated (never dropped)."""
    wanted, other = (fr, en) if lang == "fr" else (en, fr)
    if wanted:
        return wanted, False
    if other:
        return other, True
    return None, False


def _own_typography(text: str | None, untranslated: bool, lang: str) -> Any:
    """Text of the other language keeps its own typography (the template says it is
    untranslated, with its own note)."""
    if not text or not untranslated:
        return text
    return ForeignText(text, "en" if lang == "fr" else "fr", lang)


def _is_minor(person: PersonView) -> bool:
    return bool(person.minor) or (person.age is not None and person.age < 18)


def _units_beyond_forces(units: list[str], forces: list[str]) -> list[str]:
    """The units that say more than the forces' names: « CRS (CRS) » said the force twice."""
    names = {force.casefold() for force in forces}
    return [unit for unit in units if unit.casefold() not in names]


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
    # Free text (accounts, units, exhibit descriptions…) may name someone this edition may not
    # name: who objected under art. 8 (in every edition: replaced by "a person") and, for
    # readers other than the DDD, who refused publication (replaced by a description).
    scrub = _name_scrubber(
        [p for p in dataset.persons if p.id not in refused and not may_be_named(p, audience)],
        lang,
        unnamed=[p for p in dataset.persons if p.id in refused],
        named=[
            p.pseudonym
            for p in dataset.persons
            if p.id not in refused and may_be_named(p, audience)
        ],
    )
    # RIO numbers name identifiable officers: only the Défenseur des droits reads them; other
    # editions say whether a number was visible.
    rio_numbers_shown = audience == Audience.ddd
    text_language = config.dossier.text_language

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

    # Exhibits keep the number recorded in the evidence sheet (numbering is stable once a
    # dossier was sent); the others take the next free numbers in order of first citation,
    # incident by incident.
    exhibits: dict[str, ExhibitView] = {}
    recorded_numbers = [item.piece_number for item in dataset.evidence if item.piece_number]
    next_free = [max(recorded_numbers, default=0) + 1]
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
            number = item.piece_number
            if not number:
                number = next_free[0]
                next_free[0] += 1
            exhibits[item.id] = ExhibitView(
                number=number,
                id=item.id,
                kind=vocab.EVIDENCE_KIND.label(item.kind, lang),
                kind_code=item.kind,
                description=_own_typography(scrub(description), untranslated, lang),
                description_untranslated=untranslated,
                file=item.file,
                url=item.url,
                sha256=item.sha256,
                sha256_computed=item.sha256_computed,
                captured_at=item.captured_at,
                captured_by=scrub(item.captured_by),
                custody_notes=_free_text(item, "custody_notes", lang, text_language, scrub),
                document_date=item.document_date,
                timecodes=list(item.timecodes),
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
                view = cited_persons.setdefault(pid, _person_view(persons[pid], lang, audience))
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
                place=_free_text(incident, "place", lang, text_language, scrub),
                location_type=_label(vocab.LOCATION_TYPE, incident.location_type, lang),
                latitude=_round(incident.latitude, decimals),
                longitude=_round(incident.longitude, decimals),
                context=_label(vocab.CONTEXT, incident.context, lang),
                forces=[vocab.FORCE.label(code, lang) for code in incident.forces],
                force_codes=list(incident.forces),
                units=_units_beyond_forces(
                    _free_text_list(incident, "units", lang, text_language, scrub),
                    [vocab.FORCE.label(code, lang) for code in incident.forces],
                ),
                officers=incident.officers,
                rio=list(incident.rio) if rio_numbers_shown else [],
                # A number written down was seen: the edition without numbers says "visible".
                rio_visible=(
                    "yes"
                    if incident.rio and incident.rio_visible == "unknown"
                    else incident.rio_visible
                ),
                acts=[vocab.ACT.label(code, lang) for code in incident.acts],
                act_codes=list(incident.acts),
                weapons=_free_text_list(incident, "weapons", lang, text_language, scrub),
                victims_count=incident.victims_count,
                minors_involved=incident.minors_involved,
                injuries=_free_text(incident, "injuries", lang, text_language, scrub),
                medical_certificate=incident.medical_certificate,
                itt_days=incident.itt_days,
                belongings=[
                    Belonging(vocab.BELONGING.label(code, lang), code, count)
                    for code, count in incident.belongings.items()
                ],
                summary=_own_typography(scrub(summary) or "", untranslated, lang),
                summary_untranslated=untranslated,
                victims=people(incident.victim_ids),
                witnesses=people(incident.witness_ids),
                exhibits=incident_exhibits,
                proceedings=[
                    _proceeding_view(item, lang, scrub, text_language)
                    for item in proceedings_by_incident.get(incident.id, [])
                ],
                violation_status=_label(vocab.VIOLATION_STATUS, incident.violation_status, lang),
                confidentiality=incident.confidentiality,
            )
        )

    signed_on = config.signatory.date or signed_on
    if layout == Layout.ddd:
        # The law each incident brings up, as of the facts and of the signature (issue 19).
        complete_incidents(
            views, {incident.id: incident for incident in chosen}, signed_on=signed_on, lang=lang
        )
    exhibit_list = sorted(exhibits.values(), key=lambda view: view.number)
    victims_shown = {p.id: p for view in views for p in view.victims}
    # Art. 8 speaks of a child's legal representatives: a minor's own answer is not counted as
    # theirs; the complaint counts minors apart (LegalView.minors).
    art8 = Counter(p.art8_code or "" for p in victims_shown.values() if not _is_minor(p))
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
        signed_on=signed_on,
        incidents=views,
        exhibits=exhibit_list,
        persons_cited=sorted(cited_persons.values(), key=lambda p: p.pseudonym),
        figures=compute_figures(views, exhibit_list, lang),
        left_out=[LeftOut(reason, count) for reason, count in sorted(left_out.items())],
        incidents_in_source=len(dataset.incidents),
        art8_counts=art8_counts,
        named_to_ddd=sum(1 for pid in cited_persons if persons[pid].may_be_named_to_ddd),
        people_cited=len(cited_persons),
    )
    if layout == Layout.ddd:
        dossier.legal = legal_view(views, config, signed_on=signed_on, lang=lang)
    if layout == Layout.report:
        dossier.report = _report_view(
            dossier,
            dataset,
            proceedings_by_incident,
            cited_persons,
            refused,
            # Interviewees and quoted people are shown as the audience may see them, and quotes
            # go through the same name scrubber as the accounts.
            lambda person: cited_persons.setdefault(
                person.id, _person_view(person, lang, audience)
            ),
            scrub,
        )
    return dossier
