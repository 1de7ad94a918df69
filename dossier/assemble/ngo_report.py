"""The NGO report's part of the view model: chapters, charts, cases, methodology, glossary."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date

from dossier.assemble import charts
from dossier.assemble.correspondence import letter_views
from dossier.assemble.figures import (
    OTHER_PLACES,
    OTHER_VALUES,
    RIO_FORCES,
    SmallCells,
    _facts_of_record,
    _figures,
    _ranked,
    cell_values,
    rio_missing,
)
from dossier.assemble.legal_basis import load_legal_basis
from dossier.assemble.models import (
    COORDINATE_DECIMALS,
    VISIBLE_LEVELS,
    Audience,
    Case,
    Chapter,
    Chart,
    DossierView,
    Epigraph,
    GlossarySection,
    IncidentMap,
    IncidentView,
    LetterView,
    Methodology,
    PersonView,
    QuoteView,
    RecommendationView,
    ReportView,
)
from dossier.assemble.people import _is_minor, language_name
from dossier.assemble.report_map import MapPoint, draw_map
from dossier.assemble.testimony import (
    Testimony,
    all_interviews,
    choose_featured,
    quote_words,
    speaks_of,
)
from dossier.i18n import l10n
from dossier.schema import vocab
from dossier.schema.header_keys import fold_key
from dossier.schema.records import Incident, Interview, Person, Proceeding
from dossier.validate.rows import Dataset


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
    _Category("evictions", ("eviction", "pushback", "removed_from_area"), "communes"),
    _Category(
        "checks_arrests",
        (
            "identity_check",
            "search",
            "arrest",
            "detention",
            "police_custody",
            "administrative_detention",
            "residence_check",
            "identity_verification",
        ),
        "acts",
    ),
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
    "rio": (
        "incidents par force tenue de porter le RIO (police nationale, CRS, PAF, gendarmerie)",
        "incidents by force bound to wear a RIO (national police, CRS, PAF, gendarmerie)",
    ),
    "acts": ("incidents par type d'acte", "incidents by act"),
    "forces": ("incidents par force de l'ordre présente", "incidents by security force present"),
    "communes": ("incidents par commune", "incidents by commune"),
    "belongings": ("objets par nature", "items by kind"),
}

# What each kind of chart counts, said in its caption (a reader must not add up the bars of a
# chart whose incidents are counted under several bars).
_CHART_NOTES = {
    "months": (
        "Chaque incident est compté une fois, au mois où il a eu lieu.",
        "Each incident is counted once, in the month it happened.",
    ),
    "acts": (
        "Un incident est compté sous chacun des actes commis : le total des barres dépasse le "
        "nombre d'incidents.",
        "An incident is counted under each act committed: the bars add up to more than the "
        "number of incidents.",
    ),
    "forces": (
        "Un incident est compté sous chacune des forces présentes : le total des barres dépasse "
        "le nombre d'incidents.",
        "An incident is counted under each force present: the bars add up to more than the "
        "number of incidents.",
    ),
    "rio": (
        "Seules les forces tenues de porter le RIO (article R. 434-15 du code de la sécurité "
        "intérieure) sont comptées ; la police municipale, les douanes et les agents de "
        "sécurité privée n'en portent pas.",
        "Only the forces bound to wear a RIO (article R. 434-15 of the Internal Security Code) "
        "are counted; municipal police, customs and private security guards carry none.",
    ),
    "communes": (
        "Chaque incident est compté une fois, dans sa commune.",
        "Each incident is counted once, in its commune.",
    ),
    "belongings": (
        "Les barres comptent des objets, non des incidents.",
        "The bars count items, not incidents.",
    ),
    "itt": (
        "Seuls les incidents suivis d'un certificat médical fixant une ITT sont comptés.",
        "Only incidents followed by a medical certificate setting days of ITT are counted.",
    ),
}

# French typography: no-break spaces before the colon and the semicolon.
_CHART_NOTES = {
    key: (fr.replace(" :", "\u00a0:").replace(" ;", "\u202f;"), en)
    for key, (fr, en) in _CHART_NOTES.items()
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
    if rio_missing(incident.forces, incident.rio_visible):
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
    cells: SmallCells,
    cell_key: Callable[[str], object] = lambda key: key,
    other: str = "",
) -> tuple[charts.Bar, ...]:
    """Count ``weights`` over every record and over the shown ones; largest first, then one
    ``other`` bar for the values the small-cell rule does not let the edition name."""
    total: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    for incident in records:
        for key, weight in weights(incident):
            total[key] += weight
            if incident.id in shown_ids:
                shown[key] += weight
    keys = sorted((key for key in total if total[key]), key=lambda k: (-total[k], order(k)))
    named = [key for key in keys if cells.may_name(cell_key(key))]
    folded = [key for key in keys if key not in named]
    # A vocabulary's own "other" joins the values the small-cell rule folds: one bar, not two
    # that read the same.
    if folded and "other" in named:
        named.remove("other")
        folded.append("other")
    bars = [charts.Bar(label(key), total[key], shown[key] if split else None) for key in named]
    if folded:
        bars.append(
            charts.Bar(
                other,
                sum(total[key] for key in folded),
                sum(shown[key] for key in folded) if split else None,
            )
        )
    return tuple(bars)


def _vocab_order(vocabulary: vocab.Vocabulary) -> Callable[[str], object]:
    positions = {code: index for index, code in enumerate(vocabulary.codes)}
    return lambda code: positions.get(code, len(positions))


def _report_view(
    view: DossierView,
    dataset: Dataset,
    proceedings_by_incident: dict[str, list[Proceeding]],
    cited_persons: dict[str, PersonView],
    refused: set[str],
    person_view: Callable[[Person], PersonView],
    scrub: Callable[[str | None], str | None],
) -> ReportView:
    lang = view.lang
    config = view.config.report
    persons = dataset.persons_by_id()
    records = sorted(dataset.incidents, key=lambda i: (i.date, i.time or dt.time(), i.id))
    shown_ids = {incident.id for incident in view.incidents}
    views_by_id = {incident.id: incident for incident in view.incidents}
    split = view.left_out_total > 0
    visible = VISIBLE_LEVELS[Audience(view.audience)]
    testimony = Testimony(dataset, views_by_id, person_view, refused, visible, scrub, lang)
    letters = letter_views(dataset, views_by_id, view.exhibits, visible, scrub, lang)
    legend = (_LEGEND[lang][0], _LEGEND[lang][1]) if split else None
    facts = {
        i.id: _facts_of_record(
            i, proceedings_by_incident.get(i.id, []), withheld=i.id not in shown_ids
        )
        for i in records
    }
    # One small-cell rule for the whole report: what withheld records alone hold is not named.
    cells = SmallCells(config.minimum_cell)
    for incident in records:
        cells.add(
            [
                *cell_values(facts[incident.id]),
                *(p.type for p in proceedings_by_incident.get(incident.id, [])),
            ],
            shown=incident.id in shown_ids,
        )
    totals = _figures([facts[i.id] for i in records], len(dataset.evidence), lang, cells)

    numbered: list[Chart] = []

    def chart(
        key: str,
        title: str,
        bars: tuple[charts.Bar, ...],
        unit: str = "incidents",
        vertical: bool = False,
        note: str = "",
    ) -> Chart | None:
        if not bars:
            return None
        made = Chart(
            note=note or _pick(_CHART_NOTES[key], lang),
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
            cells,
            other=OTHER_VALUES[lang],
        )

    def by_forces(subset: list[Incident], rio_only: bool = False) -> tuple[charts.Bar, ...]:
        # The RIO chapter's chart counts only the forces bound to wear one (RIO_FORCES).
        return _bars(
            subset,
            shown_ids,
            lambda i: one_each(f for f in i.forces if not rio_only or f in RIO_FORCES),
            force_label,
            _vocab_order(vocab.FORCE),
            split,
            cells,
            other=OTHER_VALUES[lang],
        )

    def by_communes(subset: list[Incident]) -> tuple[charts.Bar, ...]:
        return _bars(
            subset,
            shown_ids,
            lambda i: [(i.commune, 1)],
            str,
            str,
            split,
            cells,
            cell_key=lambda commune: ("commune", commune),
            other=OTHER_PLACES[lang],
        )

    def by_belongings(subset: list[Incident]) -> tuple[charts.Bar, ...]:
        return _bars(
            subset,
            shown_ids,
            lambda i: [(code, count or 0) for code, count in i.belongings.items()],
            belonging_label,
            _vocab_order(vocab.BELONGING),
            split,
            cells,
            other=OTHER_VALUES[lang],
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
    members_of = {
        category.code: [i for i in records if category.code in membership[i.id]]
        for category in CATEGORIES
    }
    # Which quotes each chapter's text tells, decided for every chapter before any case is
    # told: a quote featured in a chapter's text is not repeated with its case.
    featured: dict[str, list[QuoteView]] = {}
    featured_ids: set[str] = set()
    featured_words: set[str] = set()
    for category in CATEGORIES:
        shown_members = [i.id for i in members_of[category.code] if i.id in views_by_id]
        told_here = {iid for iid in shown_members if membership[iid][0] == category.code}
        quotes_here = [quote for iid in shown_members for quote in testimony.quotes(iid)]
        chosen = choose_featured(
            quotes_here,
            told_here,
            featured_ids,
            config.featured_per_chapter,
            # The chapter on children tells what children said first.
            prefer=_said_by_a_child if category.code == "children" else lambda quote: False,
            said=featured_words,
            about=_speaks_of(category.code, lang),
        )
        featured[category.code] = chosen
        featured_ids.update(quote.id for quote in chosen)
        featured_words.update(quote_words(quote.text) for quote in chosen)
    chapters: list[Chapter] = []
    for category in CATEGORIES:
        members = members_of[category.code]
        if not members:
            continue
        title = _pick(CHAPTER_TITLES[category.code], lang)
        if category.chart == "acts":
            bars = by_acts(members, category.acts)
        elif category.chart == "forces":
            bars = by_forces(members, rio_only=category.code == "rio")
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
                cases.append(_case(shown_view, testimony, featured_ids, letters))
            else:
                see_also.append(shown_view)
        acts_here = Counter(
            code
            for incident in members
            for code in dict.fromkeys(incident.acts)
            if code in category.acts
        )
        withheld = Counter(
            "confidentiality" if i.confidentiality not in visible else "art8_refused"
            for i in members
            if i.id not in views_by_id
        )
        chapters.append(
            Chapter(
                code=category.code,
                anchor=f"chapter-{category.code.replace('_', '-')}",
                title=title,
                recorded=_figures([facts[i.id] for i in members], 0, lang, cells),
                shown=sum(1 for i in members if i.id in shown_ids),
                acts=_ranked(acts_here, vocab.ACT, lang, cells),
                with_children=sum(1 for i in members if _involves_children(i, persons)),
                chart=chart(
                    f"chapter-{category.code}",
                    _chapter_chart_title(title, category, lang),
                    bars,
                    unit="items" if category.chart == "belongings" else "incidents",
                    note=_pick(
                        _CHART_NOTES["rio" if category.code == "rio" else category.chart], lang
                    ),
                ),
                cases=cases,
                see_also=see_also,
                testimony=featured[category.code],
                withheld_reasons=sorted(withheld.items()),
                children=_children(members, persons),
            )
        )

    proceedings_by_type: Counter[str] = Counter(item.type for item in dataset.proceedings)
    month = config.month_date() or view.signed_on.replace(day=1)
    return ReportView(
        month=month,
        epigraph=_epigraph(view, dataset, cited_persons, refused),
        totals=totals,
        methodology=_methodology(dataset, view, cited_persons, refused, config.minimum_cell),
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
        proceedings_by_type=_ranked(proceedings_by_type, vocab.PROCEEDING_TYPE, lang, cells),
        incidents_with_proceedings=sum(1 for i in records if proceedings_by_incident.get(i.id)),
        incidents_with_children=sum(1 for i in records if _involves_children(i, persons)),
        year_only=len(records) - len(dated),
        glossary=_glossary(lang),
        split=split,
        letters=letters,
        map=_incident_map(
            records, views_by_id, cells, COORDINATE_DECIMALS[Audience(view.audience)], lang
        ),
        # By default, the first recommendation to each addressee leads the report.
        key_recommendations=[
            item.get(lang)
            for item in config.key_recommendations
            or [group.items[0] for group in config.recommendations if group.items]
        ],
        acknowledgments=_paragraphs(
            config.acknowledgments.get(lang) if config.acknowledgments else ""
        ),
        leading_acts=_leading_acts(records, lang, cells),
        # The law as it stood at the report's date, from the one table of legal statements.
        legal_standards=load_legal_basis().report_standards(month, lang),
    )


def _leading_acts(records: list[Incident], lang: str, cells: SmallCells) -> list[tuple[str, int]]:
    """The four acts recorded most often that the edition may name: "other" is no act a
    summary can lead with, and a value the small-cell rule folds is not named."""
    counted = Counter(
        code
        for incident in records
        for code in dict.fromkeys(incident.acts)
        if code != "other" and cells.may_name(code)
    )
    return _ranked(counted, vocab.ACT, lang)[:4]


def _incident_map(
    records: list[Incident],
    shown: dict[str, IncidentView],
    cells: SmallCells,
    decimals: int,
    lang: str,
) -> IncidentMap | None:
    """Incidents recorded by commune, each commune at the average of its incidents' coordinates
    rounded as this audience's are; a commune the small-cell rule does not let the edition name,
    or with no coordinates, is left off the map and counted in the caption."""
    by_commune: dict[str, list[Incident]] = {}
    for incident in records:
        by_commune.setdefault(incident.commune, []).append(incident)
    points: list[MapPoint] = []
    not_drawn = 0
    for commune, incidents in sorted(by_commune.items(), key=lambda item: fold_key(item[0])):
        # The shown incidents' coordinates are the edition's own (already rounded); others are
        # rounded the same way before they are averaged, and the average is rounded again.
        placed = [
            (shown[i.id].latitude, shown[i.id].longitude)
            if i.id in shown
            else (
                None if i.latitude is None else round(i.latitude, decimals),
                None if i.longitude is None else round(i.longitude, decimals),
            )
            for i in incidents
        ]
        located = [(lat, lon) for lat, lon in placed if lat is not None and lon is not None]
        if not located or not cells.may_name(("commune", commune)):
            not_drawn += len(incidents)
            continue
        latitude = round(sum(lat for lat, _lon in located) / len(located), decimals)
        longitude = round(sum(lon for _lat, lon in located) / len(located), decimals)
        points.append(MapPoint(commune, len(incidents), longitude, latitude))
    if not points:
        return None
    return IncidentMap(
        svg=draw_map(points, lang),
        points=[(point.label, point.count) for point in points],
        not_drawn=not_drawn,
        decimals=decimals,
        lang=lang,
    )


def _chapter_chart_title(title: str, category: _Category, lang: str) -> str:
    """« ‹chapter› : what the chart counts »: the RIO chapter's chart says it counts only the
    forces bound to wear one."""
    key = "rio" if category.code == "rio" else category.chart
    what = _pick(_DIMENSION_TITLES[key], lang)
    return f"{title}\u00a0: {what}" if lang == "fr" else f"{title}: {what}"


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


def _case(
    incident: IncidentView,
    testimony: Testimony,
    featured_ids: set[str],
    letters: list[LetterView],
) -> Case:
    people = list({p.id: p for p in [*incident.victims, *incident.witnesses]}.values())
    return Case(
        incident=incident,
        people=people,
        interviews=testimony.citations(incident.id),
        quotes=[q for q in testimony.quotes(incident.id) if q.id not in featured_ids],
        letters=[letter for letter in letters if incident in letter.incidents],
    )


def _speaks_of(chapter: str, lang: str) -> Callable[[QuoteView], bool]:
    return lambda quote: speaks_of(quote.text, chapter, lang)


def _said_by_a_child(quote: QuoteView) -> bool:
    speaker = quote.speaker
    return bool(speaker.minor) or (speaker.age is not None and speaker.age < 18)


def _children(members: list[Incident], persons: dict[str, Person]) -> int:
    """Children among the people concerned, at least: the minors recorded as victims or
    witnesses, and one for each incident with minors involved but none recorded."""
    minors: set[str] = set()
    unnamed = 0
    for incident in members:
        theirs = {
            pid
            for pid in [*incident.victim_ids, *incident.witness_ids]
            if pid in persons and _is_minor(persons[pid])
        }
        minors |= theirs
        if incident.minors_involved and not theirs:
            unnamed += 1
    return len(minors) + unnamed


def _epigraph(
    view: DossierView,
    dataset: Dataset,
    cited_persons: dict[str, PersonView],
    refused: set[str],
) -> Epigraph | None:
    """The configured quotation, if its author appears in this edition and did not object."""
    wanted = view.config.report.epigraph
    if wanted is None or wanted.person in refused or wanted.person not in cited_persons:
        return None
    shown = cited_persons[wanted.person]
    interview = _first_interviews(dataset).get(wanted.person)
    who = (
        shown.designation if shown.named else shown.designation[:1].upper() + shown.designation[1:]
    )
    return Epigraph(
        quote=wanted.quote.get(view.lang),
        who=who,
        about=shown.about,
        place=interview.place if interview else None,
        date=interview.date if interview else None,
    )


def _first_interviews(dataset: Dataset) -> dict[str, Interview]:
    """Each person interviewed → their first interview (what the methodology counts them by)."""
    first: dict[str, Interview] = {}
    for interview in sorted(
        all_interviews(dataset), key=lambda item: (item.date or dt.date.max, item.id)
    ):
        for person_id in interview.person_ids:
            first.setdefault(person_id, interview)
    return first


def _methodology(
    dataset: Dataset,
    view: DossierView,
    cited_persons: dict[str, PersonView],
    refused: set[str],
    minimum_cell: int,
) -> Methodology:
    persons = dataset.persons_by_id()
    first = _first_interviews(dataset)
    interviewed = [persons[pid] for pid in first if pid in persons]
    modes = Counter(first[p.id].mode for p in interviewed)
    # Everyone interviewed is counted; a place or a language is named only when someone this
    # edition shows holds it, or enough people share it (the small-cell rule). Someone who
    # objected under art. 8 never makes a value nameable.
    cells = SmallCells(minimum_cell)
    for person in interviewed:
        theirs = first[person.id]
        language = language_name(theirs.language, view.lang) if theirs.language else None
        cells.add(
            [("place", theirs.place), ("language", language)],
            shown=person.id in cited_persons and person.id not in refused,
        )
    languages = Counter(
        language_name(first[p.id].language or "", view.lang)
        for p in interviewed
        if first[p.id].language
    )
    named_languages = sorted(
        ((name, n) for name, n in languages.items() if cells.may_name(("language", name))),
        key=lambda item: (-item[1], fold_key(item[0])),
    )
    folded_languages = sum(
        n for name, n in languages.items() if not cells.may_name(("language", name))
    )
    places = {place for p in interviewed if (place := first[p.id].place)}
    named_places = sorted((p for p in places if cells.may_name(("place", p))), key=fold_key)
    held = [item for item in all_interviews(dataset) if item.person_ids]
    dates = [item.date for item in held if item.date is not None]
    # A group interview is one session, however many rows (or legacy person rows) record it.
    sessions: set[object] = {
        (item.date, item.place) if item.mode == "group" else item.id for item in held
    }
    group_sessions = {(item.date, item.place) for item in held if item.mode == "group"}
    children = sum(1 for p in interviewed if _is_minor(p))
    adults = sum(
        1 for p in interviewed if not _is_minor(p) and (p.age is not None or p.minor is False)
    )
    with_interpreter = {
        person_id for item in held if item.interpreter for person_id in item.person_ids
    }
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
        group_sessions=len(group_sessions),
        telephone=modes["telephone"],
        mode_unknown=modes[None],
        languages=named_languages
        + ([(OTHER_VALUES[view.lang], folded_languages)] if folded_languages else []),
        language_unknown=sum(1 for p in interviewed if not first[p.id].language),
        with_interpreter=sum(1 for p in interviewed if p.id in with_interpreter),
        consent_pseudonym=sum(1 for p in interviewed if p.publication_consent != "none"),
        consent_none=sum(1 for p in interviewed if p.publication_consent == "none"),
        first_date=min(dates, default=None),
        last_date=max(dates, default=None),
        interview_places=named_places
        + ([OTHER_PLACES[view.lang]] if len(named_places) < len(places) else []),
        exhibits=len(dataset.evidence),
        exhibits_fingerprinted=sum(1 for item in dataset.evidence if item.sha256),
        exhibits_cited=len(view.exhibits),
        interviews=len(sessions),
        exhibit_kinds=_ranked(
            Counter(item.kind for item in dataset.evidence if item.kind),
            vocab.EVIDENCE_KIND,
            view.lang,
        ),
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
