"""The figures of a dossier: incidents, people and acts counted, and how dates are known."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from dossier.assemble.models import ExhibitView, Figures, IncidentView
from dossier.schema import vocab
from dossier.schema.records import Incident, Proceeding

#: The default of ``[report] minimum_cell``: a value that only withheld records hold is named
#: in an edition's figures only when at least this many records share it.
DEFAULT_MINIMUM_CELL = 3

#: What the figures call the values they may not name.
OTHER_VALUES = {"fr": "autres", "en": "other"}
OTHER_PLACES = {"fr": "d'autres lieux", "en": "other places"}


class SmallCells:
    """The small-cell rule: which values of withheld records an edition's figures may name.

    Figures over every recorded incident (the NGO report counts those an edition leaves out)
    may count withheld records, but must not name a value (a place, an act, a language, a date)
    that only withheld records hold, unless at least ``minimum`` records share it: otherwise a
    confidential incident's commune would appear in a public report. Such values are counted
    under "other".
    """

    def __init__(self, minimum: int = DEFAULT_MINIMUM_CELL) -> None:
        self.minimum = minimum
        self._support: Counter[object] = Counter()
        self._shown: set[object] = set()

    def add(self, values: Iterable[object], *, shown: bool) -> None:
        """The values one record holds (each counted once per record)."""
        distinct = set(values)
        self._support.update(distinct)
        if shown:
            self._shown.update(distinct)

    def may_name(self, value: object) -> bool:
        return value in self._shown or self._support[value] >= self.minimum


def _ranked(
    counter: Counter[str],
    vocabulary: vocab.Vocabulary,
    lang: str,
    cells: SmallCells | None = None,
) -> list[tuple[str, int]]:
    order = {code: position for position, code in enumerate(vocabulary.codes)}
    ranked = sorted(counter.items(), key=lambda item: (-item[1], order.get(item[0], 99)))
    kept = [(code, count) for code, count in ranked if cells is None or cells.may_name(code)]
    folded = sum(count for code, count in ranked if cells is not None and not cells.may_name(code))
    named = [(vocabulary.label(code, lang), count) for code, count in kept]
    if not folded:
        return named
    # A vocabulary's own "other" and the values the small-cell rule folds are one entry, not
    # two that read the same ("other (4), other (2)").
    # "Other" comes last, however many it holds: a list does not lead with what it cannot name.
    codes = [code for code, _count in kept]
    if "other" in codes:
        position = codes.index("other")
        folded += named.pop(position)[1]
    return [*named, (OTHER_VALUES[lang], folded)]


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
    #: A record this edition leaves out: its values are named only under the small-cell rule.
    withheld: bool = False


#: Forces whose officers must wear their RIO number (art. R. 434-15 of the code de la sécurité
#: intérieure: national police, its CRS and border police, and the gendarmerie). Municipal
#: police, customs and private security carry no RIO: "RIO not visible" says nothing of them.
RIO_FORCES = frozenset({"national_police", "crs", "paf", "gendarmerie", "mobile_gendarmerie"})


def rio_missing(forces: Iterable[str], rio_visible: str) -> bool:
    """Officers who must wear a RIO were seen without one: the RIO was not visible and the
    forces present include one bound to wear it, or were not identified."""
    present = set(forces) - {"unidentified"}
    return rio_visible == "no" and (not present or bool(present & RIO_FORCES))


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
        rio_not_visible=rio_missing(view.force_codes, view.rio_visible),
        statuses=tuple(item.status_code or "other" for item in view.proceedings),
    )


def _facts_of_record(
    incident: Incident, proceedings: list[Proceeding], *, withheld: bool = False
) -> _Facts:
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
        rio_not_visible=rio_missing(incident.forces, incident.rio_visible),
        statuses=tuple(item.status or "other" for item in proceedings),
        withheld=withheld,
    )


def compute_figures(
    incidents: list[IncidentView], exhibits: list[ExhibitView], lang: str
) -> Figures:
    return _figures([_facts_of_view(view) for view in incidents], len(exhibits), lang)


def cell_values(item: _Facts) -> list[object]:
    """The values of one incident the small-cell rule weighs (communes and dates tagged, so a
    date is never taken for a code)."""
    return [
        ("commune", item.commune),
        ("date", item.date),
        *item.acts,
        *item.forces,
        *(code for code, _count in item.belongings),
        *item.statuses,
    ]


def _figures(
    incidents: list[_Facts], exhibits: int, lang: str, cells: SmallCells | None = None
) -> Figures:
    """Figures over ``incidents``; ``cells`` says which values of withheld ones may be named
    (default: those of ``incidents`` under the default minimum)."""
    if cells is None:
        cells = SmallCells()
        for item in incidents:
            cells.add(cell_values(item), shown=not item.withheld)
    acts: Counter[str] = Counter(code for item in incidents for code in item.acts)
    forces: Counter[str] = Counter(code for item in incidents for code in item.forces)
    belongings: Counter[str] = Counter()
    for item in incidents:
        for code, count in item.belongings:
            belongings[code] += count
    statuses: Counter[str] = Counter(status for item in incidents for status in item.statuses)
    first_date = min((item.date for item in incidents), default=None)
    last_date = max((item.date for item in incidents), default=None)
    communes = {item.commune for item in incidents}
    named_communes = sorted(c for c in communes if cells.may_name(("commune", c)))

    def precision(day: dt.date | None) -> str:
        # A bound only withheld records hold is printed as its year: "2015", never the day.
        if day is not None and not cells.may_name(("date", day)):
            return "year"
        return _coarsest(item for item in incidents if item.date == day)

    return Figures(
        incidents=len(incidents),
        first_date=first_date,
        last_date=last_date,
        first_date_precision=precision(first_date),
        last_date_precision=precision(last_date),
        communes=named_communes
        + ([OTHER_PLACES[lang]] if len(named_communes) < len(communes) else []),
        victims=sum(item.victims for item in incidents),
        incidents_with_minors=sum(1 for item in incidents if item.minors_involved),
        incidents_with_certificate=sum(1 for item in incidents if item.certificate),
        itt_days_total=sum(item.itt_days or 0 for item in incidents),
        acts=_ranked(acts, vocab.ACT, lang, cells),
        forces=_ranked(forces, vocab.FORCE, lang, cells),
        belongings=[
            (label, count)
            for label, count in _ranked(belongings, vocab.BELONGING, lang, cells)
            if count
        ],
        rio_not_visible=sum(1 for item in incidents if item.rio_not_visible),
        exhibits=exhibits,
        proceedings=sum(len(item.statuses) for item in incidents),
        proceedings_by_status=_ranked(statuses, vocab.PROCEEDING_STATUS, lang, cells),
    )
