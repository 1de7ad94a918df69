"""The figures of a dossier: incidents, people and acts counted, and how dates are known."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from dossier.assemble.models import ExhibitView, Figures, IncidentView
from dossier.schema import vocab
from dossier.schema.records import Incident, Proceeding


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
