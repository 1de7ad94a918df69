"""What the DDD complaint says of the law, incident by incident, as of its signature date.

Fills each incident's rules at stake (by the force that acted), its open proceedings (art. 23)
and court decisions (art. 33), earlier referrals, and the limitation date; and gathers what the
letter says once: the citations in force on the signature date, the rules at stake with their
incidents, how the filer knows the facts, whom the requests concern.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from dossier.assemble.legal_basis import (
    SUSPENSION_2020_RULES,
    Citation,
    LegalBasis,
    load_legal_basis,
)
from dossier.assemble.models import (
    Addressee,
    EthicsEntry,
    IncidentView,
    LegalView,
    LimitationView,
    PersonView,
    ProceedingView,
    VersionApplied,
)
from dossier.input.config import Config
from dossier.schema import vocab
from dossier.schema.records import Incident
from dossier.validate.act_forces import doers_by_act
from dossier.validate.limitation import (
    BEGAN_DURING,
    EXTENDED,
    LAW_2017_IN_FORCE,
    PERIOD_BEFORE_2017,
    PERIOD_SINCE_2017,
    SUSPENSION_2020_FROM,
    SUSPENSION_2020_UNTIL,
    last_possible_day,
    limitation_as_of,
)

# Statuses of a proceeding that mean the facts are under an enquête préliminaire or de
# flagrance, an information judiciaire or prosecutions (loi organique n° 2011-333, art. 23).
ART23_STATUSES = frozenset(
    {"preliminary_enquiry", "flagrante_enquiry", "judicial_investigation", "prosecution"}
)
# "Investigation opened" after a criminal complaint is a judicial enquiry; after an IGPN or
# IGGN report it is an administrative one, which art. 23 does not concern.
CRIMINAL_COMPLAINTS = frozenset(
    {"police_complaint", "prosecutor_complaint", "civil_party_complaint", "court_action"}
)
# A court has decided (art. 33: the Défenseur cannot call it into question).
ART33_STATUSES = frozenset({"conviction", "court_decision"})

# Incidents of one month on the pages between two page breaks of the facts, at most: a large
# PDF is typeset in pieces cut at page breaks, and five incidents with their rules (some 7,000
# characters of HTML each) keep a piece within twice the pieces' target size
# (tests/test_bounded_pieces.py).
INCIDENTS_PER_GROUP = 5

# Who the Défenseur's recommendations and a disciplinary referral concern, per force.
ADDRESSEES: tuple[tuple[str, frozenset[str]], ...] = (
    ("interior", frozenset({"national_police", "crs", "paf", "gendarmerie", "mobile_gendarmerie"})),
    ("mayor", frozenset({"municipal_police"})),
    ("cnaps", frozenset({"private_security"})),
    ("customs", frozenset({"customs"})),
)

# The body each force belongs to, as the requests name whose acts a recommendation concerns: the
# CRS and the border police are directions of the police nationale, the mobile gendarmerie part
# of the gendarmerie nationale.
BODIES = {
    "national_police": "police_nationale",
    "crs": "police_nationale",
    "paf": "police_nationale",
    "gendarmerie": "gendarmerie_nationale",
    "mobile_gendarmerie": "gendarmerie_nationale",
    "municipal_police": "police_municipale",
    "private_security": "private_security",
    "customs": "customs",
}

# The versions of CPP art. 8 under which some délits against minors run from their majority.
MINORS_LIMITATION_RULES = ("cpp-8-minors-2014", "cpp-8-minors-2017")
# The délits of the table that both versions name among those running from a minor's majority
# (twenty years); 222-13 is not among them.
DELITS_FROM_MAJORITY = frozenset({"cp-222-12"})
# The versions of CPP art. 6 (the public action is extinguished by « la chose jugée »), cited where
# a conviction is recorded instead of a limitation date.
JUDGMENT_RULES = ("cpp-6",)

# The Défenseur's own law and precedents the complaint cites on its signature date
# (templates/*/ddd.html): these in every file, the others only where the file holds what their
# sentence is about (see ``_procedure_cited``).
PROCEDURE_ALWAYS_CITED = (
    "lo-art4",
    "lo-art5-witness-victim",
    "lo-art5-own-initiative",
    "lo-art6-limitation",
    "lo-art8",
    "lo-art18",
    "lo-art20",
    "lo-art22",
    "lo-art29",
)
PRECEDENTS = ("ddd-mds-2011-113", "ddd-mds-2014-150", "ddd-report-2015")

# Procedure, limitation and precedents the complaint may cite, judged on the signature date.
SIGNATURE_RULES = (
    *PROCEDURE_ALWAYS_CITED,
    "lo-art23",
    "lo-art25",
    "lo-art33",
    "cpp-8-2014",
    "cpp-8-2017",
    "cp-112-2",
    *MINORS_LIMITATION_RULES,
    "ord-2020-303-art3",
    "cass-crim-2023-06-07",
    *PRECEDENTS,
)

_LIMITATION_RULES = {
    "law_before_2017": ("cpp-8-2014",),
    "since_2017": ("cpp-8-2017",),
    "transitional": ("cpp-8-2017", "cp-112-2"),
    "before_2017": ("cpp-8-2014",),
}


def limitation_bounds(signed_on: dt.date, basis: LegalBasis | None = None) -> dict[str, dt.date]:
    """For each way a limitation period is computed (``Limitation.rule``), the last day the
    versions of the articles the complaint cites for it on ``signed_on`` are all confirmed in
    force: the validation warns when the signature is later (dossier/validate/completeness.py)."""
    basis = basis or load_legal_basis()
    bounds: dict[str, dt.date] = {}
    for way, rule_ids in _LIMITATION_RULES.items():
        found = [rule for rule_id in rule_ids if (rule := basis.get(rule_id, signed_on))]
        if found:
            bounds[way] = min(rule.verified_through for rule in found)
    return bounds


def is_art23(item: ProceedingView) -> bool:
    """Whether this step puts the facts under a judicial enquiry, investigation or prosecution."""
    if item.status_code in ART23_STATUSES:
        return True
    return item.status_code == "investigation_opened" and item.type_code in CRIMINAL_COMPLAINTS


def complete_incidents(
    views: list[IncidentView],
    records: dict[str, Incident],
    *,
    signed_on: dt.date,
    lang: str,
    basis: LegalBasis | None = None,
) -> None:
    """Give each incident its rules, proceedings' consequences, limitation and paragraph."""
    basis = basis or load_legal_basis()
    in_group = 0
    previous: tuple[int, int] | None = None
    for number, view in enumerate(views, start=1):
        record = records[view.id]
        view.paragraph = number
        month = (view.date.year, view.date.month)
        # Facts flow from one incident to the next; a month starts a page, and so does every
        # INCIDENTS_PER_GROUP-th incident of a long month, so that no piece grows with the data.
        in_group = 1 if month != previous or in_group >= INCIDENTS_PER_GROUP else in_group + 1
        view.starts_page = in_group == 1
        previous = month
        view.knowledge_code = record.knowledge
        view.knowledge = vocab.KNOWLEDGE.label(record.knowledge, lang) if record.knowledge else None
        view.echr_art3 = bool(record.echr_art3)
        view.unrecorded_victims = max(0, (record.victims_count or 0) - len(record.victim_ids))
        view.rules = basis.for_incident(
            forces=record.forces,
            acts=record.acts,
            context=record.context,
            facts=record.date,
            rio_not_visible=view.rio_visible == "no",
            echr_art3=view.echr_art3,
            lang=lang,
            itt_days=record.itt_days,
            doers=doers_by_act(record.done_by),
            facts_until=_last_possible_day(record),
        )
        view.force_notes = [code for code in ("unidentified", "customs") if code in record.forces]
        if not record.forces:
            view.force_notes = ["unidentified"]
        view.art33 = [item for item in view.proceedings if item.status_code in ART33_STATUSES]
        # A step a court has since decided on is no longer "under way" (a later step, an
        # appeal recorded after the decision, still is).
        decided = max((item.date for item in view.art33 if item.date), default=None)
        view.art23 = [
            item
            for item in view.proceedings
            if is_art23(item) and (decided is None or (item.date or dt.date.min) > decided)
        ]
        references = [record.ddd_reference] if record.ddd_reference else []
        references += [
            item.reference
            for item in view.proceedings
            if item.type_code == "ddd_referral" and item.reference
        ]
        view.ddd_references = list(dict.fromkeys(references))
        view.exhibits = sorted(view.exhibits, key=lambda exhibit: exhibit.number)
        # The limitation line dates the délit the page names (code pénal 222-13 or 222-12); an
        # incident naming none (insults, threats, private guards' violence…) may be a
        # contravention or a press offence with much shorter periods: no date is printed.
        names_a_delit = any(item.role == "penal" for item in view.rules)
        view.limitation = (
            None
            if not names_a_delit
            else _limitation(
                record,
                signed_on,
                lang,
                basis,
                minors=_involves_minors(view, record),
                adult_victims=any(_known_adult(person) for person in view.victims),
                # Acts of an enquiry, an investigation or prosecutions interrupt the period
                # (CPP arts 7 and 8).
                interrupted=bool(view.art23),
                # After a conviction the date is no deadline at all: CPP art. 6 ends the public
                # action by « la chose jugée », if the decision is final (the data do not say).
                judged=any(s.status_code == "conviction" for s in view.art33),
                qualification=[item.rule for item in view.rules if item.role == "penal"],
            )
        )


def _first_in_force(
    basis: LegalBasis, rule_ids: Iterable[str], on: dt.date, lang: str
) -> Citation | None:
    """The citation of the first of ``rule_ids`` the table holds in force on ``on``, if any."""
    return next(
        (found for rule_id in rule_ids if (found := basis.citation(rule_id, on, lang)) is not None),
        None,
    )


def _last_possible_day(record: Incident) -> dt.date:
    """The last day the facts may have happened: a date known by its month or year only may be
    any day of it, and a rule's version is verified for it only if confirmed until then."""
    return last_possible_day(record.date, record.date_precision)


def _involves_minors(view: IncidentView, record: Incident) -> bool:
    """Whether the incident records minors among the people it concerns."""
    if record.minors_involved:
        return True
    return any(
        person.minor or (person.age is not None and person.age < 18) for person in view.victims
    )


def _known_adult(person: PersonView) -> bool:
    """Whether a victim is recorded as an adult: an age of 18 or more and not marked a minor
    (a victim of unknown age is not counted as one)."""
    return not person.minor and person.age is not None and person.age >= 18


def _limitation(
    record: Incident,
    signed_on: dt.date,
    lang: str,
    basis: LegalBasis,
    *,
    minors: bool = False,
    adult_victims: bool = False,
    interrupted: bool = False,
    judged: bool = False,
    qualification: list[Citation] | None = None,
) -> LimitationView | None:
    # A date known only by its month or year gives no deadline to the day.
    if record.date_precision in ("month", "year"):
        return None
    limitation = limitation_as_of(record.date, signed_on)
    citations = [
        found
        for rule_id in _LIMITATION_RULES[limitation.rule]
        if (found := basis.citation(rule_id, signed_on, lang)) is not None
    ]
    if not citations:
        return None  # no rule of the table in force that day: nothing is stated
    minors_rule = None
    if minors:
        # Some délits against minors (CPP art. 8: those of 706-47, 222-12 — aggravated violence
        # with more than eight days' ITT) are time-barred only from the victim's majority: the
        # date holds for adult victims only, and is not printed where no verified rule says so.
        minors_rule = _first_in_force(basis, MINORS_LIMITATION_RULES, signed_on, lang)
        if minors_rule is None:
            return None
    # Both versions of CPP art. 8 list 222-12 among the délits against minors whose period is
    # twenty years from the victim's majority: for a page naming it, the three- or six-year date
    # holds for adult victims only, and for none when no victim is known to be an adult.
    from_majority = minors_rule is not None and any(
        item.id in DELITS_FROM_MAJORITY for item in qualification or []
    )
    deadline = limitation.deadline
    suspended = None
    suspension = ""
    extended_by: list[Citation] = []
    if limitation.suspension:
        # The date across the suspension of 2020 is computed by limitation_as_of, as the
        # validation's warning is; here the rules it rests on are cited from the table.
        in_force = [basis.citation(rule_id, signed_on, lang) for rule_id in SUSPENSION_2020_RULES]
        extended_by = [item for item in in_force if item is not None]
        if not extended_by:
            return None  # not even the ordonnance in the table on that day: nothing is stated
        if limitation.suspension != EXTENDED or len(extended_by) < len(in_force):
            # No date across the suspension: the page says why, citing the ordonnance.
            suspended = extended_by[0]
            suspension = "began_during" if limitation.suspension == BEGAN_DURING else "running"
            extended_by = []
    judgment = None
    if judged:
        judgment = _first_in_force(basis, JUDGMENT_RULES, signed_on, lang)
    return LimitationView(
        deadline,
        limitation.years,
        limitation.rule,
        citations,
        minors_rule,
        from_majority,
        from_majority and not adult_victims,
        interrupted,
        suspended,
        # The date is the period's last day (counted from the day after the facts, to the same
        # day N years later): expired only when that day is over before the signature.
        expired=deadline < signed_on,
        suspension=suspension,
        extended_by=extended_by,
        extension_days=limitation.extension_days,
        suspension_from=SUSPENSION_2020_FROM,
        suspension_until=SUSPENSION_2020_UNTIL,
        judged=judged,
        judgment=judgment,
        # The délit's article, judged on the date of the facts, whose version then is unverified.
        qualification_unverified=[item for item in qualification or [] if item.unverified_on],
    )


def legal_view(
    views: list[IncidentView],
    config: Config,
    *,
    signed_on: dt.date,
    lang: str,
    basis: LegalBasis | None = None,
) -> LegalView:
    """What the complaint says once, for the whole file."""
    basis = basis or load_legal_basis()
    law: dict[str, Citation] = {}
    for rule_id in SIGNATURE_RULES:
        found = basis.citation(rule_id, signed_on, lang)
        if found is not None:
            law[rule_id] = found
    ethics: dict[tuple[str, str], EthicsEntry] = {}
    for view in views:
        for item in view.rules:
            key = (item.rule.id, item.role)
            if key not in ethics:
                # The entry prints the version read; which incidents' dates it was not verified
                # for is said with them (``unverified``), not by the rule itself.
                ethics[key] = EthicsEntry(replace(item.rule, unverified_on=None), item.role, [])
            ethics[key].incidents.append(view)
            if item.rule.unverified_on is not None:
                ethics[key].unverified.append(view)
            # The condition "if the act was done by the force the rule concerns" is said only
            # when some force present is not bound by the rule: it is empty otherwise.
            if item.attribution == "unattributed" and len(item.forces) < len(view.force_codes):
                ethics[key].unattributed.append(view)
    known = Counter(view.knowledge_code for view in views if view.knowledge_code)
    knowledge_counts = [
        (term.label(lang), known[term.code]) for term in vocab.KNOWLEDGE.terms if known[term.code]
    ]
    complement: dict[str, list[str]] = {}
    for view in views:
        for reference in view.ddd_references:
            complement.setdefault(reference, []).append(view.id)
    present = {code for view in views for code in _force_codes(view)}
    addressees = []
    for code, forces in ADDRESSEES:
        acted = [force for force in _FORCE_ORDER if force in forces & present]
        if acted:
            bodies = list(dict.fromkeys(BODIES[force] for force in acted))
            addressees.append(
                Addressee(code, [_force_label(force, lang) for force in acted], bodies)
            )
    victims = {person.id: person for view in views for person in view.victims}
    minors = sum(
        1
        for person in victims.values()
        if person.minor or (person.age is not None and person.age < 18)
    )
    unrecorded = sum(view.unrecorded_victims for view in views)
    cited = _procedure_cited(views, bool(addressees))
    return LegalView(
        law=law,
        ethics=sorted(
            ethics.values(),
            key=lambda entry: (_ROLE_ORDER.index(entry.role), basis.order(entry.rule.id)),
        ),
        knowledge_counts=knowledge_counts,
        knowledge_unknown=sum(1 for view in views if not view.knowledge_code),
        knowledge_by_code=[
            (term.code, known[term.code]) for term in vocab.KNOWLEDGE.terms if known[term.code]
        ],
        complement_of=sorted(complement.items()),
        complement_incidents=sum(1 for view in views if view.ddd_references),
        addressees=addressees,
        minors=minors,
        unrecorded_people=unrecorded,
        art23_incidents=[view for view in views if view.art23],
        art33_incidents=[view for view in views if view.art33],
        show_grading=config.dossier.show_grading,
        limitation_periods=(
            [PERIOD_BEFORE_2017]
            if signed_on < LAW_2017_IN_FORCE
            else [PERIOD_BEFORE_2017, PERIOD_SINCE_2017]
        ),
        versions=_versions_applied(views, [law[key] for key in cited if key in law], basis),
    )


def _procedure_cited(views: list[IncidentView], addressees: bool) -> list[str]:
    """The ids of the signature-date rules the complaint's templates cite for these incidents:
    recommendations only when some force is addressed, art. 23 and 33 only for incidents under
    proceedings or decided, the precedents only in a file that holds incidents."""
    cited = list(PROCEDURE_ALWAYS_CITED)
    if addressees:
        cited.append("lo-art25")
    if any(view.art23 for view in views):
        cited.append("lo-art23")
    if any(view.art33 for view in views):
        cited.append("lo-art33")
    if views:
        cited.extend(PRECEDENTS)
    return cited


def limitation_citations(limitation: LimitationView) -> list[Citation]:
    """The citations an incident's limitation line prints (templates/*/ddd.html): the rule of a
    conviction, or of the suspension, or the periods' articles (before 2017 only where the acts
    of proceedings may have interrupted it), the suspension's extension, the minors' rule."""
    printed: list[Citation] = []
    if limitation.judged:
        printed += [limitation.judgment] if limitation.judgment else []
    elif limitation.suspended:
        printed.append(limitation.suspended)
    elif limitation.interrupted:
        if limitation.rule in ("law_before_2017", "before_2017"):
            printed += limitation.citations
    elif not limitation.minors_only:  # minors only: no date, so no period's article either
        printed += limitation.citations + limitation.extended_by
    if limitation.minors:
        printed.append(limitation.minors)
    return printed


def _versions_applied(
    views: list[IncidentView], procedure: list[Citation], basis: LegalBasis
) -> list[VersionApplied]:
    """The table of versions: each rule the complaint cites on a day after its version's bound,
    with the incidents (dates of facts) or the signature date on which it applies it."""
    rows: dict[str, VersionApplied] = {}

    def row(item: Citation) -> VersionApplied:
        """The row of ``item``'s version, made on first use (the rule said once, undated)."""
        if item.anchor not in rows:
            rows[item.anchor] = VersionApplied(replace(item, unverified_on=None))
        return rows[item.anchor]

    for item in procedure:
        if item.unverified_on is not None:
            row(item).on_signature = True
    # Incidents come in order: one already listed for a row is its last (a rule may come up
    # twice for one incident, in two roles).
    for view in views:
        for at_stake in view.rules:
            if at_stake.rule.unverified_on is not None:
                listed = row(at_stake.rule).incidents
                if not listed or listed[-1] is not view:
                    listed.append(view)
        for item in limitation_citations(view.limitation) if view.limitation else []:
            if item.unverified_on is not None:
                found = row(item)
                found.on_signature = True
                if not found.limitation_incidents or found.limitation_incidents[-1] is not view:
                    found.limitation_incidents.append(view)
    return sorted(
        rows.values(),
        key=lambda entry: (basis.order(entry.rule.id), entry.rule.valid_from or dt.date.min),
    )


_FORCE_ORDER = tuple(vocab.FORCE.codes)


def _force_label(code: str, lang: str) -> str:
    return vocab.FORCE.label(code, lang)


def _force_codes(view: IncidentView) -> list[str]:
    return view.force_codes


_ROLE_ORDER = ("conduct", "penal", "editor", "context", "supervision")
