"""The law a DDD complaint prints, as data: which rule applies to which act by which force, when.

The table is ``legal_basis.toml`` beside this module (documented with its sources in
docs/legal-basis.md). A template never writes a legal reference of its own: it prints the rules
this module selects, each in the version in force on the relevant date — the date of the facts
for a rule of conduct, the signature date for the Défenseur's own law and for limitation.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from dossier.schema import vocab

TABLE = Path(__file__).with_name("legal_basis.toml")

# The kinds of rule (see the table's header), in the order an incident's page lists them.
KINDS = ("conduct", "context", "penal", "editor", "supervision")
# Kinds judged on the date of the facts; the others (procedure, limitation, precedent) on the
# signature date.
_FACT_KINDS = frozenset(KINDS)

# The suspension of limitation periods in 2020 (its dates, and the date arithmetic the complaint
# and the validation share) is in dossier/validate/limitation.py.
# The entries a limitation date extended by that suspension cites: the ordonnance and the ruling
# that fixes the suspension's end (the latter in force from its date: a dossier signed earlier
# computes no date across the suspension).
SUSPENSION_2020_RULES = ("ord-2020-303-art3", "cass-crim-2023-06-07")

# What an incident's page says of a force no code of ethics in the table covers.
FORCE_NOTES = {
    "unidentified": "unidentified",  # the applicable code depends on who acted
    "customs": "customs",  # no decree-level code of ethics for customs was verified
}


@dataclass(frozen=True)
class Rule:
    """One legal statement, in one version, with what makes it apply and where it comes from."""

    id: str
    kind: str
    refs: tuple[str, ...]
    cite_fr: str
    cite_en: str
    short_fr: str
    short_en: str
    gloss_fr: str
    gloss_en: str
    forces: frozenset[str]
    acts: frozenset[str]
    context: frozenset[str]
    requires: frozenset[str]
    when: str
    breach: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    status: str
    source: str
    url: str
    #: The French wording is the official text word for word (printed between quotation marks);
    #: otherwise it is a summary, printed as such ("en substance").
    quoted: bool
    #: When the wording and the version's dates were last checked against the source.
    verified_on: dt.date
    #: The last day on which a source read confirmed that this version was in force (the date of
    #: the export read, of the official page read, or ``valid_until`` when the version's end is
    #: known). A dossier judged on a later day does not print the wording as the text then in
    #: force: it says that version was not verified (docs/legal-basis.md).
    verified_through: dt.date
    #: What confirms ``verified_through``: the export, page or version list read.
    verified_by: str = ""
    #: The same, in the short words a dossier's table of versions prints (the table's
    #: [[confirmation]] named by the entry's ``confirmed_by``), in French and in English.
    confirmed_by_fr: str = ""
    confirmed_by_en: str = ""

    def in_force(self, day: dt.date) -> bool:
        """Whether this version of the text was in force on ``day``."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until

    def verified(self, day: dt.date) -> bool:
        """Whether a source read confirmed that this version was still in force on ``day``."""
        return day <= self.verified_through

    def cite(self, lang: str) -> str:
        return self.cite_fr if lang == "fr" else self.cite_en

    def short(self, lang: str) -> str:
        return self.short_fr if lang == "fr" else self.short_en

    def gloss(self, lang: str) -> str:
        return self.gloss_fr if lang == "fr" else self.gloss_en

    def confirmed_by(self, lang: str) -> str:
        return self.confirmed_by_fr if lang == "fr" else self.confirmed_by_en


@dataclass(frozen=True)
class Citation:
    """A rule as a dossier prints it, in the dossier's language."""

    id: str
    kind: str
    cite: str
    short: str
    gloss: str
    quoted: bool = False
    #: The start of the version read (None: no start in the table).
    valid_from: dt.date | None = None
    #: The last day a source confirmed the version read was in force (legal_basis.toml).
    verified_through: dt.date | None = None
    #: The day the rule is judged on (facts or signature), when it is after ``verified_through``:
    #: the version in force that day was not verified, so the dossier prints neither the wording
    #: nor the summary as that day's text, only the citation with this caveat.
    unverified_on: dt.date | None = None
    #: What confirms ``verified_through``, in the dossier's language (the table of versions).
    confirmed_by: str = ""
    #: The entry holds part of the article or a summary (status "partly"): its dates are those
    #: of that part, and the article may have changed elsewhere in between (R. 515-7 was
    #: amended on 19 February 2015 without touching what the dossier retains of it).
    partial: bool = False

    @property
    def anchor(self) -> str:
        """The id of this version's row in a dossier's table of versions (a rule id names
        several versions: the version's start tells them apart)."""
        start = self.valid_from.isoformat() if self.valid_from else "undated"
        return f"version-{self.id}-{start}"

    @property
    def bare(self) -> str:
        """The wording without its final full stop, to quote it inside a sentence."""
        return self.gloss.rstrip(".")


@dataclass(frozen=True)
class RuleAtStake:
    """A rule an incident brings up, and in which role: at stake, or the frame of a lawful act."""

    rule: Citation
    role: str  # conduct / context / penal / editor / supervision
    #: The forces of the incident the rule binds (labels): an incident where several forces
    #: acted says which of them each rule concerns.
    forces: list[str]
    #: Why the rule binds ``forces``: "presence" (the rule concerns a force present: a RIO not
    #: visible, supervision, the editor's mark, the frame of the context), "reported" (the data
    #: says which force did the act that brings it up, or only one force was present), or
    #: "unattributed" (several forces were present and the data does not say which did the act:
    #: the page says the rule applies only if one of ``forces`` did it, and attributes nothing).
    attribution: str = "presence"


@dataclass(frozen=True)
class ReportStatement:
    """A sentence of the NGO report's legal standards, and the rules of the table it rests on.

    The report prints it only when every rule it names is in force on the report's date, so the
    sentence follows the law as it stood then (a report of November 2016 never cites 2017's).
    """

    id: str
    section: str  # french_law / international_law
    rules: tuple[str, ...]
    text_fr: str
    text_en: str
    #: Printed in the paragraph of the last statement that does not continue one (its "such
    #: offences" refer to that statement), and only when that statement is printed.
    continues: bool = False

    def text(self, lang: str) -> str:
        return self.text_fr if lang == "fr" else self.text_en


@dataclass(frozen=True)
class StandardParagraph:
    """A paragraph of the NGO report's legal standards, and the rules it rests on whose version
    on the report's date was not verified (the chapter says so after the paragraph)."""

    #: The paragraph, in the report's language (printed as it is: ``{{ paragraph }}`` prints it).
    text: str
    #: The rules it rests on whose version on the report's date is after their
    #: ``verified_through``: the chapter prints each with the version read.
    unverified: tuple[Citation, ...] = ()

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class LegalBasis:
    """Every rule of the table, every version."""

    version: int
    rules: tuple[Rule, ...]
    #: The NGO report's legal standards, in the order printed.
    report: tuple[ReportStatement, ...] = ()

    def report_standards(self, day: dt.date, lang: str) -> dict[str, list[StandardParagraph]]:
        """The report's legal standards on ``day``: paragraphs by section, in the table's order.

        A statement whose rules are not all in force that day is left out, and the statements
        that continue it go with it. A paragraph resting on a rule whose version that day was
        not verified carries that rule's citation, said unverified.
        """
        sections: dict[str, list[StandardParagraph]] = {}
        head_printed = False
        for statement in self.report:
            rules = [self.get(rule_id, day) for rule_id in statement.rules]
            in_force = all(rules)
            unverified = tuple(
                citation(rule, lang, day)
                for rule in rules
                if rule is not None and not rule.verified(day)
            )
            if not statement.continues:
                head_printed = in_force
                if in_force:
                    paragraph = StandardParagraph(statement.text(lang), unverified)
                    sections.setdefault(statement.section, []).append(paragraph)
            elif head_printed and in_force:
                head = sections[statement.section][-1]
                known = {item.id for item in head.unverified}
                sections[statement.section][-1] = StandardParagraph(
                    head.text + " " + statement.text(lang),
                    head.unverified + tuple(c for c in unverified if c.id not in known),
                )
        return sections

    def get(self, rule_id: str, day: dt.date) -> Rule | None:
        """The version of ``rule_id`` in force on ``day``, if the table has one."""
        for rule in self.rules:
            if rule.id == rule_id and rule.in_force(day):
                return rule
        return None

    def citation(self, rule_id: str, day: dt.date, lang: str) -> Citation | None:
        """The rule in force on ``day`` as printed, said unverified when ``day`` is after its
        ``verified_through``."""
        rule = self.get(rule_id, day)
        return None if rule is None else citation(rule, lang, day)

    def order(self, rule_id: str) -> int:
        """The rule's place in the table: the order in which a dossier lists rules."""
        return next(index for index, rule in enumerate(self.rules) if rule.id == rule_id)

    def refs(self) -> frozenset[str]:
        """How the dossiers may refer to the table's rules (what tests accept in the output)."""
        return frozenset(ref for rule in self.rules for ref in rule.refs)

    def for_incident(
        self,
        *,
        forces: Iterable[str],
        acts: Iterable[str],
        context: str | None,
        facts: dt.date,
        rio_not_visible: bool,
        echr_art3: bool,
        lang: str,
        itt_days: int | None = None,
        doers: Mapping[str, frozenset[str]] | None = None,
        facts_until: dt.date | None = None,
    ) -> list[RuleAtStake]:
        """The rules one incident brings up, given who acted and what the data records.

        A code of ethics binds only the force it was written for; an act puts a rule of conduct
        at stake, never proves its breach; a lawful act (identity check, arrest) makes its rule
        context; ECHR art. 3 only where the editor marked the incident. ``doers`` says which
        forces did an act (the *done by* column): a rule brought up by that act binds only
        those forces; an act it does not cover, where several forces were present, brings up
        each present force's rule unattributed (the page says so). ``facts_until`` is the last
        day the facts may have happened (a date known only by its month or year): a version is
        said verified only if a source confirmed it until then.
        """
        forces = set(forces)
        acts = set(acts)
        facts_and_context = acts | ({context} if context else set())
        found: list[RuleAtStake] = []
        for rule in self.rules:
            if rule.kind not in _FACT_KINDS or not rule.in_force(facts):
                continue
            if not forces & rule.forces:
                continue
            if rule.requires and not rule.requires & facts_and_context:
                continue
            role = _role(rule, acts, facts_and_context, rio_not_visible, echr_art3, itt_days)
            if role is None:
                continue
            bound_codes, attribution = _bound_forces(rule, role, acts, context, forces, doers or {})
            if not bound_codes and role != "context" and rule.context & facts_and_context:
                # The act at stake was another force's; this force's lawful act stays context
                # (the border police's arrest after private guards' violence).
                role = "context"
                bound_codes, attribution = _bound_forces(
                    rule, role, acts, context, forces, doers or {}
                )
            if not bound_codes:
                continue  # the act that brings the rule up was done by another force
            bound = [
                vocab.FORCE.label(code, lang) for code in vocab.FORCE.codes if code in bound_codes
            ]
            judged_on = max(facts, facts_until or facts)
            found.append(RuleAtStake(citation(rule, lang, judged_on), role, bound, attribution))
        found.sort(key=lambda item: KINDS.index(item.role))
        return found


def _bound_forces(
    rule: Rule,
    role: str,
    acts: set[str],
    context: str | None,
    forces: set[str],
    doers: Mapping[str, frozenset[str]],
) -> tuple[set[str], str]:
    """The present forces a rule binds, and why (see :attr:`RuleAtStake.attribution`).

    A rule brought up by the presence of a force (a RIO not visible, supervision, the editor's
    mark, the frame of the context column) binds every present force it was written for. A rule
    brought up by acts binds the forces the data says did one of them; an act the data does not
    attribute binds each present force the rule was written for, unattributed when several
    forces were present.
    """
    present = forces & rule.forces
    if rule.when in ("rio_not_visible", "echr_art3", "always"):
        return present, "presence"
    if role == "context":
        if context is not None and context in rule.context:
            return present, "presence"
        through = rule.context & acts
    else:
        through = rule.acts & acts
    if not through:
        return present, "presence"
    known: set[str] = set()
    unattributed: set[str] = set()
    for act in through:
        if act in doers:
            known |= doers[act] & rule.forces
        elif len(forces) <= 1:
            known |= present  # one force present: it did every act recorded
        else:
            unattributed |= present
    return known | unattributed, "unattributed" if unattributed - known else "reported"


def _role(
    rule: Rule,
    acts: set[str],
    facts_and_context: set[str],
    rio_not_visible: bool,
    echr_art3: bool,
    itt_days: int | None = None,
) -> str | None:
    # Violence is a délit under code pénal 222-13 up to eight days' ITT (or none), under 222-12
    # beyond: the ITT the incident records chooses the article (none recorded: 222-13).
    if rule.when == "itt_up_to_8" and itt_days is not None and itt_days > 8:
        return None
    if rule.when == "itt_over_8" and (itt_days is None or itt_days <= 8):
        return None
    if rule.when == "rio_not_visible":
        return rule.kind if rio_not_visible else None
    if rule.when == "echr_art3":
        return rule.kind if echr_art3 else None
    if rule.when == "always":
        return rule.kind
    if rule.kind != "context" and rule.acts & acts:
        return rule.kind
    if rule.context & facts_and_context:
        return "context"
    return None


def citation(rule: Rule, lang: str, day: dt.date | None = None) -> Citation:
    """The rule as printed in ``lang``; judged on ``day``, said unverified after its bound."""
    return Citation(
        rule.id,
        rule.kind,
        rule.cite(lang),
        rule.short(lang),
        rule.gloss(lang),
        rule.quoted,
        valid_from=rule.valid_from,
        verified_through=rule.verified_through,
        unverified_on=day if day is not None and not rule.verified(day) else None,
        confirmed_by=rule.confirmed_by(lang),
        partial=rule.status == "partly",
    )


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _verified_through(item: Mapping[str, object]) -> dt.date:
    """An entry's ``verified_through``: required, a date, within the version's dates."""
    rule_id = item.get("id")
    text = item.get("verified_through")
    if not isinstance(text, str) or not text:
        raise ValueError(f"legal_basis.toml: rule {rule_id!r} has no verified_through")
    day = dt.date.fromisoformat(text)
    valid_from = _day(str(item.get("valid_from", "")))
    valid_until = _day(str(item.get("valid_until", "")))
    if valid_from is not None and day < valid_from:
        raise ValueError(
            f"legal_basis.toml: rule {rule_id!r}: verified_through {day} is before valid_from"
        )
    if valid_until is not None and day > valid_until:
        raise ValueError(
            f"legal_basis.toml: rule {rule_id!r}: verified_through {day} is after valid_until"
        )
    return day


def _confirmations(data: Mapping[str, list[dict[str, str]]]) -> dict[str, tuple[str, str]]:
    """The table's [[confirmation]] entries: (French, English) by code."""
    return {item["code"]: (item["fr"], item["en"]) for item in data.get("confirmation", [])}


def _confirmed_by(
    item: Mapping[str, object], known: Mapping[str, tuple[str, str]]
) -> tuple[str, str]:
    """An entry's ``confirmed_by``: required, one of the table's [[confirmation]] codes."""
    code = item.get("confirmed_by")
    if not isinstance(code, str) or code not in known:
        raise ValueError(
            f"legal_basis.toml: rule {item.get('id')!r}: confirmed_by {code!r} is not the code of "
            "a [[confirmation]]"
        )
    return known[code]


@functools.lru_cache(maxsize=1)
def load_legal_basis(path: Path = TABLE) -> LegalBasis:
    """The table, read once. Its shape is checked by tests/test_legal_basis.py."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    confirmations = _confirmations(data)
    rules = tuple(
        Rule(
            id=item["id"],
            kind=item["kind"],
            refs=tuple(item["refs"]),
            cite_fr=item["cite_fr"],
            cite_en=item["cite_en"],
            short_fr=item["short_fr"],
            short_en=item["short_en"],
            gloss_fr=item["gloss_fr"],
            gloss_en=item["gloss_en"],
            forces=frozenset(item.get("forces", ())),
            acts=frozenset(item.get("acts", ())),
            context=frozenset(item.get("context", ())),
            requires=frozenset(item.get("requires", ())),
            when=item.get("when", ""),
            breach=item.get("breach", ""),
            valid_from=_day(item["valid_from"]),
            valid_until=_day(item["valid_until"]),
            status=item["status"],
            source=item["source"],
            url=item["url"],
            quoted=bool(item.get("quoted", False)),
            verified_on=dt.date.fromisoformat(item["verified_on"]),
            verified_through=_verified_through(item),
            verified_by=item.get("verified_by", ""),
            confirmed_by_fr=_confirmed_by(item, confirmations)[0],
            confirmed_by_en=_confirmed_by(item, confirmations)[1],
        )
        for item in data["rule"]
    )
    report = tuple(
        ReportStatement(
            id=item["id"],
            section=item["section"],
            rules=tuple(item["rules"]),
            text_fr=item["text_fr"],
            text_en=item["text_en"],
            continues=bool(item.get("continues", False)),
        )
        for item in data.get("report", ())
    )
    return LegalBasis(version=int(data["version"]), rules=rules, report=report)
