"""The view model of one dossier: what its templates read, already filtered and pseudonymised."""

from __future__ import annotations

import base64
import datetime as dt
import functools
from dataclasses import dataclass, field
from enum import StrEnum

from dossier.assemble import charts
from dossier.assemble.legal_basis import Citation, RuleAtStake, StandardParagraph
from dossier.i18n import l10n
from dossier.input.config import Config


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
    #: The date of the document itself (the bordereau's "Date"), when the evidence sheet has it.
    document_date: dt.date | None
    custody_notes: str | None
    incident_ids: list[str] = field(default_factory=list)
    #: The moments of a video the sheet cites ("1:23"), each shown as a still in the bundle.
    timecodes: list[str] = field(default_factory=list)

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
    #: How the filer knows the incident (label, code): witnessed / victim's mandate / report.
    knowledge: str | None = None
    knowledge_code: str | None = None
    #: The editor's mark: ECHR art. 3 is invoked for this incident.
    echr_art3: bool = False
    #: The rules this incident brings up (legal_basis.toml), for the force that acted.
    rules: list[RuleAtStake] = field(default_factory=list)
    #: Forces no code of ethics in the table covers ("unidentified", "customs").
    force_notes: list[str] = field(default_factory=list)
    #: The proceedings that make art. 23 (judicial enquiry, investigation, prosecutions) or
    #: art. 33 (a court decision) apply to this incident.
    art23: list[ProceedingView] = field(default_factory=list)
    art33: list[ProceedingView] = field(default_factory=list)
    #: Earlier referrals to the Défenseur des droits about this incident (their references).
    ddd_references: list[str] = field(default_factory=list)
    #: The indicative end of the limitation period for a délit, as the law stood on the
    #: signature date; None when the date is not known to the day.
    limitation: LimitationView | None = None
    #: People counted in "victims_count" beyond the person records the incident names (groups
    #: that could not be identified one by one); refused persons are not among them.
    unrecorded_victims: int = 0
    #: Paragraph number (§ n) of the incident in the facts.
    paragraph: int = 0
    #: Whether the incident opens a new page of the facts: the first of its month, or after
    #: INCIDENTS_PER_GROUP incidents of one month (a large PDF is typeset in pieces cut there).
    starts_page: bool = True

    @property
    def has_consequences(self) -> bool:
        """Injuries, a certificate, ITT or belongings: a row of the consequences table."""
        return bool(self.injuries or self.medical_certificate or self.itt_days or self.belongings)

    @property
    def minors_beyond_those_named(self) -> bool:
        """Whether the victims line adds « dont des mineurs »: the incident records minors, and
        the victims it names do not already show them — no named victim is a minor, or more
        people are counted than named. After one named sixteen-year-old and nobody else, « dont
        des mineurs » said there were several."""
        if not self.minors_involved:
            return False
        named_minor = any(
            person.minor or (person.age is not None and person.age < 18) for person in self.victims
        )
        return not named_minor or (self.victims_count or 0) > len(self.victims)


@dataclass(frozen=True)
class LimitationView:
    """When prosecution of a délit would be time-barred, and the rules that give the date."""

    deadline: dt.date
    years: int
    rule: str  # law_before_2017 / since_2017 / transitional / before_2017
    citations: list[Citation]
    #: Where minors are among the victims: the rule under which some délits against them are
    #: time-barred only from their majority (the date above is then that of adult victims).
    minors: Citation | None = None
    #: Where ``minors``: the délit the page names is one that rule lists (code pénal 222-12),
    #: so for the minors among the victims the period is twenty years from their majority.
    minors_from_majority: bool = False
    #: Where ``minors_from_majority``: no victim is known to be an adult, so the date computed
    #: for adults concerns nobody and is not printed.
    minors_only: bool = False
    #: Criminal proceedings under way (an enquiry, an investigation, prosecutions): their acts
    #: may have interrupted the period, so no date is printed, only why.
    interrupted: bool = False
    #: The period meets the suspension of 12 March 2020 (ordonnance n° 2020-303, art. 3) and
    #: the tool gives no date across it (the ordonnance's citation; why in ``suspension``).
    suspended: Citation | None = None
    #: The period's last day falls before the signature date: the page says the period expired
    #: on that day (unless an act interrupted it), instead of printing a past date as a deadline.
    expired: bool = False
    #: Why no date is given across the suspension: "running" (the period ran on 12 March 2020
    #: but the ruling fixing the suspension's end postdates the signature) or "began_during"
    #: (facts committed during the suspension); "" when ``suspended`` is None.
    suspension: str = ""
    #: The period ran on 12 March 2020 and ``deadline`` includes the suspension's length: the
    #: ordonnance and the ruling that fixes its end (empty when no extension was counted).
    extended_by: list[Citation] = field(default_factory=list)
    #: The days added to the period for the suspension (0 when ``extended_by`` is empty).
    extension_days: int = 0
    #: The suspension's first day, as the page states it (suspended itself).
    suspension_from: dt.date | None = None
    #: The suspension's last day, as the page states it (suspended itself).
    suspension_until: dt.date | None = None
    #: A conviction is recorded for the facts: no date is printed, and the page never says the
    #: decision is final (the data does not say so).
    judged: bool = False
    #: Where ``judged``: CPP art. 6 (the public action is extinguished by « la chose jugée ») in
    #: its version in force on the signature date, quoted only if that version was verified;
    #: None when the table has none (the page then says only that the tool gives no date).
    judgment: Citation | None = None
    #: The code pénal articles that name the délit, where their version in force on the date
    #: of the facts was not verified: the date rests on them, and the page says so.
    qualification_unverified: list[Citation] = field(default_factory=list)


@dataclass(frozen=True)
class EthicsEntry:
    """A rule at stake in the dossier, with the incidents that bring it up."""

    rule: Citation
    role: str
    incidents: list[IncidentView]
    #: Those of ``incidents`` where several forces were present and the data does not say which
    #: did the act that brings the rule up: the rule applies there only if its force did it.
    unattributed: list[IncidentView] = field(default_factory=list)
    #: Those of ``incidents`` whose date of facts is after the last day a source confirmed the
    #: version read (``rule.verified_through``): for them the page says the version in force
    #: was not verified; when it is all of them, the wording is not printed as theirs.
    unverified: list[IncidentView] = field(default_factory=list)


@dataclass
class VersionApplied:
    """A row of the complaint's table of versions: a rule the dossier applies on a day after the
    last day a source confirmed the version read (``rule.verified_through``), and where.

    Each citation of it in the dossier carries a short mark linking to this row
    (``rule.anchor``); the row says what was read, until when it is confirmed, by what, and on
    which dates the dossier applies it."""

    #: The version read (``unverified_on`` cleared: the row gives the dates below).
    rule: Citation
    #: Incidents whose date of facts is after the bound (rules judged on the facts), in order.
    incidents: list[IncidentView] = field(default_factory=list)
    #: Whether the dossier applies it on its signature date (the Défenseur's law, limitation).
    on_signature: bool = False
    #: Incidents whose limitation line cites it (a rule judged on the signature date).
    limitation_incidents: list[IncidentView] = field(default_factory=list)


@dataclass(frozen=True)
class Addressee:
    """Who the Défenseur's recommendations or a disciplinary referral would go to, per force."""

    code: str  # interior / mayor / cnaps / customs
    forces: list[str]  # labels
    #: The bodies whose acts the requests name, as a lawyer names them rather than by unit (the
    #: CRS and the border police are the police nationale): police_nationale /
    #: gendarmerie_nationale / police_municipale / private_security / customs.
    bodies: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LegalView:
    """What the complaint says of the law: every citation as of the signature date."""

    #: Procedure, limitation and precedents, by id, in the version in force on the signature
    #: date: the templates print these and nothing else (a missing id is a missing statement).
    law: dict[str, Citation]
    ethics: list[EthicsEntry]
    #: (label, incidents) for each way the filer knows the facts, and the incidents with none.
    knowledge_counts: list[tuple[str, int]]
    knowledge_unknown: int
    #: Earlier referrals this dossier complements: (reference, incident ids).
    complement_of: list[tuple[str, list[str]]]
    addressees: list[Addressee]
    #: Victims recorded as minors, and people counted in incidents but not recorded one by one.
    minors: int
    unrecorded_people: int
    art23_incidents: list[IncidentView]
    art33_incidents: list[IncidentView]
    #: Whether the internal grading ("établissement des faits") is printed.
    show_grading: bool
    #: Incidents the earlier referrals concern: the letter completes them for those alone.
    complement_incidents: int = 0
    #: (code, incidents) for each way the filer knows the facts, in the vocabulary's order: the
    #: letter says per way in what capacity the association refers them (LO art. 5).
    knowledge_by_code: list[tuple[str, int]] = field(default_factory=list)
    #: The limitation periods (years) the law in force on the signature date may give a délit:
    #: 3 before law n° 2017-242 took effect, 3 or 6 after it (facts already time-barred on
    #: 1 March 2017 keep 3). The complaint's counting convention names only these.
    limitation_periods: list[int] = field(default_factory=lambda: [3])
    #: The rules the dossier applies past the last day their version was confirmed, in the
    #: table's order: the annex « Versions des textes appliqués » (docs/legal-basis.md).
    versions: list[VersionApplied] = field(default_factory=list)


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


#: The day the Berkeley Protocol on Digital Open Source Investigations (OHCHR and UC Berkeley's
#: Human Rights Center) was published.
BERKELEY_PROTOCOL_PUBLISHED = dt.date(2020, 12, 1)


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
    art8_counts: list[tuple[str, int]]  # (label, victims) among the adult victims shown
    #: The people the dossier cites whom the confidential identity annex may name to the
    #: Défenseur des droits (``Person.may_be_named_to_ddd``), and all the people it cites.
    named_to_ddd: int = 0
    people_cited: int = 0
    #: What only the NGO report prints (None for the DDD complaint).
    report: ReportView | None = None
    #: What only the DDD complaint prints of the law (None for the NGO report).
    legal: LegalView | None = None

    @property
    def after_berkeley_protocol(self) -> bool:
        """Whether the dossier is dated after the Berkeley Protocol on Digital Open Source
        Investigations was published (1 December 2020): before, the exhibits' annex cannot say
        the evidence was handled "following" it."""
        return self.signed_on >= BERKELEY_PROTOCOL_PUBLISHED

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
    id: str = ""  # the interview's id (for a group interview cited once: its first one)
    incident_ids: list[str] = field(default_factory=list)  # what the interview was about


@dataclass(frozen=True)
class QuoteView:
    """One quote as this edition prints it, with the interview its footnote cites."""

    id: str
    text: str  # in the edition's language, else the original (``untranslated``)
    untranslated: bool
    original_language: str | None
    speaker: PersonView
    incident: IncidentView
    citation: InterviewCitation
    featured: bool | None  # the editor's choice: yes, no, or blank (the report chooses)
    #: Who the speaker is, as running text puts it after the name: "a 24-year-old Eritrean
    #: man" / « Érythréen de 24 ans »; empty for someone described rather than named.
    about: str = ""

    @property
    def attribution(self) -> str:
        """``about`` as an attribution line puts it, without the article: "—Abel N.,
        24-year-old Eritrean man"."""
        for article in ("a ", "an "):
            if self.about.startswith(article):
                return self.about[len(article) :]
        return self.about

    @property
    def who(self) -> str:
        """The speaker as a sentence opens with them: « Abel N. », « A 16-year-old boy »."""
        name = self.speaker.designation
        return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class LetterView:
    """A letter to the authorities and the reply received, as the correspondence annex lists it."""

    number: int  # "letter 2" in the annex and in the cases that cite it
    anchor: str
    id: str
    date: dt.date
    sender: str
    recipient: str
    subject: str  # as written, in the letter's own language
    summary: str | None
    summary_untranslated: bool
    reply_date: dt.date | None  # None: no reply received
    reply: str | None
    reply_untranslated: bool
    incidents: list[IncidentView]  # those this edition tells
    exhibits: list[ExhibitView]  # the letter and the reply, when this edition numbers them


@dataclass
class Case:
    """An incident told in a findings chapter, with the sources its footnote cites."""

    incident: IncidentView
    people: list[PersonView]
    interviews: list[InterviewCitation]
    #: Its quotes that no chapter's text tells (those are in ``Chapter.testimony``).
    quotes: list[QuoteView] = field(default_factory=list)
    #: The letters to the authorities about it (correspondence annex).
    letters: list[LetterView] = field(default_factory=list)


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
    #: What is counted, said in the caption: « an incident is counted under each act… ».
    note: str = ""

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


@dataclass(frozen=True)
class IncidentMap:
    """The map of incidents by commune (an SVG), with what it leaves out, for its caption."""

    svg: str
    points: list[tuple[str, int]]  # (commune, incidents recorded), as drawn
    not_drawn: int  # incidents in communes the edition may not name, or without coordinates
    decimals: int  # the rounding of the points' coordinates (the audience's)
    lang: str

    @property
    def uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()

    @property
    def width(self) -> int:
        return charts.DISPLAY_WIDTH

    @property
    def alt(self) -> str:
        """The map said in words: every commune and its count, and what is not drawn."""
        colon = "\u00a0: " if self.lang == "fr" else ": "
        parts = [f"{label}{colon}{l10n.number(n, self.lang)}" for label, n in self.points]
        if self.lang == "fr":
            text = "Carte du littoral de la Manche, incidents enregistrés par commune. "
        else:
            text = "Map of the Channel coast, incidents recorded by commune. "
        text += "; ".join(parts) + "."
        if self.not_drawn:
            count = l10n.number(self.not_drawn, self.lang)
            text += (
                f" {count} incident(s) hors de la carte (autres lieux ou sans coordonnées)."
                if self.lang == "fr"
                else f" {count} incident(s) not on the map (other places, or no coordinates)."
            )
        return text


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
    #: The quotes the chapter's text tells its cases through (see testimony.choose_featured).
    testimony: list[QuoteView] = field(default_factory=list)
    #: Why the recorded incidents this edition does not tell are left out: (reason code, count).
    withheld_reasons: list[tuple[str, int]] = field(default_factory=list)
    #: Children among the people concerned: minors recorded as victims or witnesses, plus one
    #: for each incident with minors involved and no minor recorded (a lower bound).
    children: int = 0

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
    interviews: int = 0  # interviews held (a group interview counts once)
    first_date_precision: str = "exact"
    last_date_precision: str = "exact"
    #: Every exhibit recorded by kind: (label, count), most first, "other" last.
    exhibit_kinds: list[tuple[str, int]] = field(default_factory=list)


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
    letters: list[LetterView] = field(default_factory=list)  # the correspondence annex
    map: IncidentMap | None = None  # incidents by commune; None when no commune can be drawn
    #: The recommendations the summary opens with (config ``[report] key_recommendations``).
    key_recommendations: list[str] = field(default_factory=list)
    acknowledgments: list[str] = field(default_factory=list)  # paragraphs (config)
    #: The acts the summary says were recorded most often: (label, incidents), at most four,
    #: named acts only (neither the vocabulary's "other" nor the values the small-cell rule folds).
    leading_acts: list[tuple[str, int]] = field(default_factory=list)
    #: The chapter "Legal standards": paragraphs by section ("french_law", "international_law"),
    #: from the legal-basis table's report statements in force at ``month``.
    legal_standards: dict[str, list[StandardParagraph]] = field(default_factory=dict)

    @property
    def legal_versions(self) -> list[Citation]:
        """The rules the chapter "Legal standards" states on a day after the last day their
        version was confirmed, once each, in the order printed: its table of versions."""
        seen: dict[str, Citation] = {}
        for paragraphs in self.legal_standards.values():
            for paragraph in paragraphs:
                for item in paragraph.unverified:
                    seen.setdefault(item.anchor, item)
        return list(seen.values())
