"""Write docs/template-context.md from the view-model classes, so the doc cannot drift.

Every variable a template can reach from ``d`` is listed with its type, what it means (the class
and field comments of dossier/assemble.py, dossier/charts.py and dossier/config.py) and an
example taken from the generated worst case of ``dossier.commands.worst_case``.

Run `python tools/make_context_doc.py`; tests/test_context_doc.py fails when the checked-in file
is stale.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import inspect
import io
import sys
import tokenize
import types
import typing
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from dossier.assemble.assembler import assemble
from dossier.assemble.models import Audience, DossierView, Layout
from dossier.commands.worst_case import worst_case_config, worst_case_dataset

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "template-context.md"
SIGNED_ON = dt.date(2016, 11, 15)
EXAMPLE_WIDTH = 70

# Words for editors rather than Python's names.
SIMPLE_TYPES: dict[Any, str] = {
    str: "text",
    int: "whole number",
    float: "number",
    bool: "true/false",
    dt.date: "date",
    dt.datetime: "date and time",
    dt.time: "time",
    type(None): "none",
}


# What the code's comments do not say, for editors. Keys are ``Class.attribute``; an entry for an
# attribute that no longer exists stops the generator (so this table cannot drift either).
DESCRIPTIONS: dict[str, str] = {
    "DossierView.layout": "`ddd` (complaint to the Défenseur des droits) or `report` (NGO report)",
    "DossierView.audience": "who may read this edition: `ddd`, `partners` or `public`",
    "DossierView.lang": "the dossier's language: `fr` or `en`",
    "DossierView.config": "the organisation config, `dossier.toml`",
    "DossierView.title": "`[dossier] title` (the report: `[report] title`, else that one)",
    "DossierView.subtitle": "`[dossier] subtitle` (the report: `[report] subtitle`, else that one)",
    "DossierView.reference": "the dossier's own reference, from the config",
    "DossierView.signed_on": "date of signature: `[signatory] date`, else the build date",
    "DossierView.incidents": "the incidents this edition tells, in date order",
    "DossierView.exhibits": "every exhibit this edition cites, numbered in order of first citation",
    "DossierView.persons_cited": "every victim and witness shown, once each",
    "DossierView.figures": "numbers over the incidents this edition tells",
    "DossierView.left_out": "what this edition leaves out on purpose, by reason",
    "DossierView.incidents_in_source": "incidents in the workbook, told here or not",
    "DossierView.left_out_total": "incidents this edition leaves out",
    "IncidentView.id": "the incident's identifier in the workbook",
    "IncidentView.anchor": 'the HTML id to link to: `<a href="#{{ i.anchor }}">`',
    "IncidentView.date_precision": "code: `exact`, `approximate`, `month` or `year`; give it to "
    "`long_date` and `short_date`",
    "IncidentView.time": "time of day, when recorded",
    "IncidentView.place": (
        "where, in the commune; in the dossier's language (`place_fr`/`place_en`), else "
        "marked untranslated"
    ),
    "IncidentView.location_type": "label",
    "IncidentView.latitude": "rounded for `partners` (3 decimals) and `public` (2)",
    "IncidentView.longitude": "rounded for `partners` (3 decimals) and `public` (2)",
    "IncidentView.context": "label",
    "IncidentView.forces": "labels of the forces present",
    "IncidentView.force_codes": "codes of the forces present",
    "IncidentView.units": (
        "units named (CRS 8, BAC…); each item in the dossier's language, else marked untranslated"
    ),
    "IncidentView.officers": "number of officers present",
    "IncidentView.rio": "RIO numbers (officers' identification numbers) seen",
    "IncidentView.acts": "labels of the acts committed",
    "IncidentView.act_codes": "codes of the acts committed (for `d.incidents_with`)",
    "IncidentView.weapons": (
        "weapons or means used; each item in the dossier's language, else marked untranslated"
    ),
    "IncidentView.victims_count": "number of victims stated; may exceed the victims named",
    "IncidentView.injuries": (
        "injuries described; in the dossier's language, else marked untranslated"
    ),
    "IncidentView.itt_days": "days of total incapacity for work (ITT) on the certificate",
    "IncidentView.belongings": "belongings destroyed or seized",
    "IncidentView.summary": "the account, in the dossier's language (else the other one)",
    "IncidentView.victims": "victims shown (never one who objected under article 8)",
    "IncidentView.witnesses": "witnesses shown",
    "IncidentView.exhibits": "exhibits about this incident",
    "IncidentView.proceedings": "complaints, reports and their answers, by date",
    "IncidentView.violation_status": "label: how far the violation is established",
    "IncidentView.confidentiality": "code: `public`, `restricted` or `confidential`",
    "ExhibitView.number": "number in this dossier: « Pièce n° 3 »",
    "ExhibitView.id": "the exhibit's identifier in the workbook",
    "ExhibitView.kind_code": "code of the kind",
    "ExhibitView.description": "in the dossier's language (else the other one)",
    "ExhibitView.description_untranslated": "true when only the other language's description "
    "exists",
    "ExhibitView.file": "path inside the evidence folder",
    "ExhibitView.url": "address of an online exhibit",
    "ExhibitView.sha256": "SHA-256 fingerprint of the file",
    "ExhibitView.sha256_computed": "true when dossier computed it (the sheet left it blank)",
    "ExhibitView.captured_at": "when it was captured",
    "ExhibitView.captured_by": "who captured it",
    "ExhibitView.custody_notes": "chain of custody",
    "ExhibitView.incident_ids": "the incidents of this edition that cite it",
    "ExhibitView.anchor": "the HTML id of its row in the bordereau: `exhibit-N`",
    "PersonView.id": "the person's identifier in the workbook",
    "PersonView.pseudonym": "the pseudonym (a description for someone not `named`)",
    "PersonView.age": "age at the time of the facts",
    "PersonView.minor": "under 18",
    "PersonView.gender_code": "code of the gender",
    "PersonView.roles": "labels: victim, witness, observer…",
    "PersonView.art8_code": "code of the article 8 status",
    "PersonView.interview_date": "date of the interview",
    "PersonView.interview_place": "place of the interview",
    "PersonView.interview_mode_code": "code: `individual`, `group` or `telephone`",
    "PersonView.interview_language": "language of the interview",
    "PersonView.interpreter": "an interpreter took part",
    "Figures.incidents": "incidents counted",
    "Figures.first_date": "date of the first incident (`d.figures | period` prints the period)",
    "Figures.last_date": "date of the last incident",
    "Figures.communes": "communes, in alphabetical order",
    "Figures.victims": "victims summed over the incidents (a person named in two incidents "
    "counts twice; an incident without a count adds none)",
    "Figures.incidents_with_minors": "incidents involving minors",
    "Figures.incidents_with_certificate": "incidents after which a medical certificate was issued",
    "Figures.itt_days_total": "days of ITT in all",
    "Figures.forces": "(label, incidents) most frequent first",
    "Figures.rio_not_visible": "incidents where officers wore no visible RIO",
    "Figures.exhibits": "exhibits cited",
    "Figures.proceedings": "complaints and reports",
    "Figures.proceedings_by_status": "(status label, proceedings)",
    "LeftOut.count": "incidents left out for this reason",
    "ReportView.month": "the month printed on the cover (`[report] month`, else the build date's)",
    "ReportView.epigraph": "the quotation opening the summary (`[report.epigraph]`), if its author "
    "appears in this edition",
    "ReportView.totals": "figures over every incident of the workbook, whatever its "
    "confidentiality",
    "ReportView.methodology": "who was interviewed and how, over every person of the workbook",
    "ReportView.recommendations": "from `[[report.recommendations]]`, else sober defaults",
    "ReportView.response_intro": "opening of the chapter on the authorities' response",
    "ReportView.overview": "the charts of the findings, only those with data",
    "ReportView.chapters": "one per category of acts present",
    "ReportView.incidents_with_proceedings": "incidents that led to a complaint or a report",
    "ReportView.incidents_with_children": "incidents involving children",
    "ReportView.glossary": "French–English terms of the vocabularies",
    "Epigraph.quote": "the words, in the dossier's language",
    "Epigraph.place": "place of the interview",
    "Methodology.languages": "(language, people), most frequent first",
    "Methodology.interview_places": "places of the interviews",
    "RecommendationView.anchor": "the HTML id of its heading",
    "RecommendationView.addressee": "« Au ministre de l'Intérieur »",
    "RecommendationView.items": "the recommendations to that addressee",
    "Chart.number": "the figure's number",
    "Chart.key": "what it counts: `months`, `acts`, `forces`, `communes`, `belongings`, `itt` or "
    "`chapter-<code>`",
    "Chart.vertical": "true for the timeline (vertical bars)",
    "Chart.bars": "one per label, in the chart's order",
    "Chart.legend": "the two parts' legend when the edition leaves incidents out",
    "Chart.uri": "the PNG image as a `data:` URI, for `<img src>`",
    "Chapter.code": "the category: `tear_gas`, `physical_violence`, … `other`",
    "Chapter.anchor": "the HTML id of the chapter's heading",
    "Chapter.chart": "the chapter's chart (none without data)",
    "Chapter.withheld": "incidents of the category this edition does not publish",
    "GlossarySection.title": "the vocabulary's name",
    "Case.incident": "the incident told",
    "Case.people": "its victims and witnesses",
    "Case.interviews": "the interviews its footnote cites",
    "InterviewCitation.place": "place of the interview",
    "InterviewCitation.date": "date of the interview",
    "Bar.label": "what the bar counts",
    "Bar.value": "count over every incident recorded",
    "Bar.shown": "of which this edition tells (when the edition leaves some out)",
    "Bar.withheld": "the part this edition does not publish",
    "IncidentView.date": "the date, as precise as `date_precision` says",
    "IncidentView.commune": "the commune (Calais, Grande-Synthe…)",
    "IncidentView.minors_involved": "minors were among the people concerned",
    "IncidentView.medical_certificate": "a medical certificate was issued",
    "PersonView.nationality": (
        "in the dossier's language, agreeing in French (« soudanaise »); one outside the "
        "vocabulary as typed, marked untranslated"
    ),
    "Figures.last_date_precision": "the coarsest precision among the incidents on the last date",
    "Belonging.label": "label of the kind of belonging",
    "Belonging.code": "code of the kind of belonging",
    "Belonging.count": "how many (none when not counted)",
    "ProceedingView.id": "the proceeding's identifier in the workbook",
    "ProceedingView.type_code": "code of the type",
    "ProceedingView.date": "date it was filed",
    "ProceedingView.authority": "the authority seized",
    "ProceedingView.reference": "its reference number (the public report leaves it out)",
    "ProceedingView.status_code": "code of the status",
    "ProceedingView.response": (
        "the authority's answer; in the dossier's language, else marked untranslated"
    ),
    "Methodology.interviewed": "people interviewed (an interview date or mode recorded)",
    "Methodology.victims_interviewed": "of whom victims",
    "Methodology.witnesses_interviewed": "of whom witnesses or observers only",
    "Methodology.individual": "people interviewed individually",
    "Methodology.telephone": "people interviewed by telephone",
    "Methodology.mode_unknown": "people whose form of interview was not recorded",
    "Methodology.language_unknown": "people whose interview language was not recorded",
    "Methodology.with_interpreter": "people interviewed through an interpreter",
    "Methodology.exhibits_fingerprinted": "exhibits with a SHA-256 fingerprint",
    "Chart.title": "the figure's title",
    "Chart.lang": "the language of its labels",
    "Chapter.title": "the chapter's title",
    "Config.organisation": "`[organisation]`: who files",
    "Config.signatory": "`[signatory]`: who signs",
    "Config.recipient": "`[recipient]`: to whom",
    "Config.dossier": "`[dossier]`: title, subtitle, reference",
    "Config.report": "`[report]`: settings of the NGO report",
    "Translated.fr": "the French text",
    "Translated.en": "the English text",
    "Translated.get": "the text in that language: `x.get(d.lang)`",
    "Organisation.email": "contact address printed on the dossier",
    "Organisation.phone": "telephone number printed on the dossier",
    "Organisation.website": "web address printed on the dossier",
    "Signatory.name": "printed under the signature",
    "Recipient.name": "whom the dossier is addressed to",
    "Recipient.address": "the recipient's postal address (new lines kept)",
    "DossierInfo.title": "the dossier's title, in both languages",
    "DossierInfo.subtitle": "its subtitle, in both languages",
    "ReportInfo.epigraph": "the quotation opening the report",
    "ReportInfo.recommendations": "recommendations grouped by addressee",
    "ReportInfo.month_date": "`month` as a date (the first of the month)",
    "RecommendationGroup.addressee": "to whom, in both languages",
    "RecommendationGroup.items": "the recommendations, in both languages",
}


# -- what the classes say about themselves ------------------------------------------------------


@cache
def _module_comments(path: str) -> tuple[dict[int, str], dict[str, ast.ClassDef]]:
    """Comments by line, and class definitions by name, of one source file."""
    source = Path(path).read_text(encoding="utf-8")
    comments: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.string
    classes = {
        node.name: node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ClassDef)
    }
    return comments, classes


def _is_whole_line_comment(comment: str, line: int, node: ast.ClassDef) -> bool:
    """A comment alone on its line, inside the class (not the end of the statement above)."""
    if line <= node.lineno:
        return False
    return not any(
        isinstance(statement, ast.AnnAssign)
        and statement.lineno <= line <= (statement.end_lineno or statement.lineno)
        for statement in node.body
    )


def _clean_comment(text: str) -> str:
    return text.lstrip("#").removeprefix(":").strip()


def field_comments(cls: type) -> dict[str, str]:
    """Each attribute's comment: ``#:`` lines above it, then a ``# …`` at the end of its line."""
    path = inspect.getsourcefile(cls)
    if path is None:
        return {}
    comments, classes = _module_comments(path)
    node = classes.get(cls.__name__)
    if node is None:
        return {}
    found: dict[str, str] = {}
    for statement in node.body:
        if not (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)):
            continue
        above: list[str] = []
        line = statement.lineno - 1
        while line in comments and _is_whole_line_comment(comments[line], line, node):
            above.insert(0, _clean_comment(comments[line]))
            line -= 1
        inline = comments.get(statement.end_lineno or statement.lineno)
        parts = [" ".join(above)] if above else []
        if inline:
            parts.append(_clean_comment(inline))
        if parts:
            found[statement.target.id] = "; ".join(parts)
    return found


def docstring(thing: Any) -> str:
    """The first paragraph of a docstring, on one line (none for an undocumented class)."""
    if isinstance(thing, type):
        text = thing.__dict__.get("__doc__") or ""
        if text.startswith(f"{thing.__name__}("):
            text = ""  # the signature dataclasses write for a class without a docstring
        text = inspect.cleandoc(text)
    else:
        text = inspect.getdoc(thing) or ""
    return " ".join(text.split("\n\n")[0].split())


# -- types ----------------------------------------------------------------------------------------


def is_documented_class(tp: Any) -> bool:
    return isinstance(tp, type) and (
        dataclasses.is_dataclass(tp) or (issubclass(tp, BaseModel) and tp is not BaseModel)
    )


def inner_classes(tp: Any) -> Iterator[type]:
    """The documented classes a type annotation mentions."""
    if is_documented_class(tp):
        yield tp
    for argument in typing.get_args(tp):
        yield from inner_classes(argument)


def class_name(cls: type) -> str:
    names = NAMES.get(cls)
    return names if names is not None else cls.__name__


def anchor(cls: type) -> str:
    return class_name(cls).lower().replace(".", "-")


def type_text(tp: Any) -> str:
    """``list[IncidentView] | None`` as « list of [IncidentView](#incidentview), or none »."""
    if tp in SIMPLE_TYPES:
        return SIMPLE_TYPES[tp]
    if is_documented_class(tp):
        return f"[{class_name(tp)}](#{anchor(tp)})"
    origin = typing.get_origin(tp)
    arguments = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        others = [argument for argument in arguments if argument is not type(None)]
        text = " or ".join(type_text(argument) for argument in others)
        return f"{text}, or none" if len(others) < len(arguments) else text
    if origin is Literal:
        return "one of " + ", ".join(f"`{argument}`" for argument in arguments)
    if origin in (list, tuple) and (origin is list or arguments[-1:] == (Ellipsis,)):
        return f"list of {type_text(arguments[0])}"
    if origin is tuple:
        return "(" + ", ".join(type_text(argument) for argument in arguments) + ")"
    if origin is dict:
        return f"mapping of {type_text(arguments[0])} to {type_text(arguments[1])}"
    return getattr(tp, "__name__", str(tp))


# -- the classes and where templates reach them ----------------------------------------------------


@dataclasses.dataclass
class Attribute:
    name: str
    type: Any
    description: str
    call: str = ""  # "(*act_codes)" for a method


def attributes(cls: type) -> list[Attribute]:
    """Fields, then properties, then public methods, as a template sees them."""
    hints = typing.get_type_hints(cls)
    comments = field_comments(cls)
    found: list[Attribute] = []
    if issubclass(cls, BaseModel):
        for name, info in cls.model_fields.items():
            text = info.description or comments.get(name, "")
            found.append(Attribute(name, hints[name], text))
    else:
        for item in dataclasses.fields(cls):
            found.append(Attribute(item.name, hints[item.name], comments.get(item.name, "")))
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(member, property) and member.fget is not None:
            returns = typing.get_type_hints(member.fget).get("return", Any)
            found.append(Attribute(name, returns, docstring(member)))
        elif inspect.isfunction(member):
            signature = inspect.signature(member)
            parameters = [p for p in signature.parameters.values() if p.name != "self"]
            shown = ", ".join(
                f"*{p.name}" if p.kind is inspect.Parameter.VAR_POSITIONAL else p.name
                for p in parameters
            )
            returns = typing.get_type_hints(member).get("return", Any)
            found.append(Attribute(name, returns, docstring(member), f"({shown})"))
    for attribute in found:
        attribute.description = attribute.description or DESCRIPTIONS.get(
            f"{class_name(cls)}.{attribute.name}", ""
        )
    return found


def check_descriptions(classes: Iterator[type] | list[type]) -> None:
    """Stop when DESCRIPTIONS names an attribute that does not exist (any more)."""
    known = {f"{class_name(cls)}.{item.name}" for cls in classes for item in attributes(cls)}
    stale = sorted(set(DESCRIPTIONS) - known)
    if stale:
        raise SystemExit(f"DESCRIPTIONS names unknown attributes: {', '.join(stale)}")


def reachable_classes() -> dict[type, list[str]]:
    """Every class reachable from ``d``, with the paths that reach it (shortest first)."""
    paths: dict[type, list[str]] = {DossierView: ["d"]}
    queue: list[tuple[type, str]] = [(DossierView, "d")]
    while queue:
        cls, path = queue.pop(0)
        for attribute in attributes(cls):
            if attribute.call:
                continue
            origin = typing.get_origin(attribute.type)
            is_list = origin in (list, tuple) or any(
                typing.get_origin(argument) in (list, tuple)
                for argument in typing.get_args(attribute.type)
            )
            here = f"{path}.{attribute.name}" + ("[…]" if is_list else "")
            for inner in inner_classes(attribute.type):
                if inner not in paths:
                    paths[inner] = [here]
                    queue.append((inner, here))
                elif len(paths[inner]) < 4 and here not in paths[inner]:
                    paths[inner].append(here)
    return paths


def _names() -> dict[type, str]:
    """Display names: a class whose name another one shares is named with its module."""
    classes = list(reachable_classes_raw())
    by_name: dict[str, list[type]] = {}
    for cls in classes:
        by_name.setdefault(cls.__name__, []).append(cls)
    names: dict[type, str] = {}
    for name, same in by_name.items():
        for cls in same:
            module = cls.__module__.rsplit(".", 1)[-1]
            in_view_model = cls.__module__.startswith("dossier.assemble.")
            names[cls] = name if len(same) == 1 or in_view_model else f"{module}.{name}"
    return names


def reachable_classes_raw() -> list[type]:
    seen: list[type] = [DossierView]
    index = 0
    while index < len(seen):
        for attribute in attributes(seen[index]):
            for inner in inner_classes(attribute.type):
                if inner not in seen:
                    seen.append(inner)
        index += 1
    return seen


NAMES: dict[type, str] = {}


# -- examples from the worst case ------------------------------------------------------------------


def example_views() -> list[DossierView]:
    """The worst case as the DDD complaint and as the report, in English."""
    dataset, config = worst_case_dataset(), worst_case_config()
    editions = [(Layout.ddd, Audience.ddd), (Layout.report, Audience.ddd)]
    # Last, an edition that leaves incidents out, for the examples of what it leaves out.
    editions.append((Layout.report, Audience.public))
    return [
        assemble(dataset, config, layout=layout, audience=audience, lang="en", signed_on=SIGNED_ON)
        for layout, audience in editions
    ]


def instances(roots: list[Any]) -> dict[type, list[Any]]:
    """Every documented object under ``roots``, by class, in the order a reader meets them."""
    found: dict[type, list[Any]] = {}
    seen: set[int] = set()

    def visit(value: Any) -> None:
        if isinstance(value, list | tuple):
            for item in value:
                visit(item)
            return
        if not is_documented_class(type(value)) or id(value) in seen:
            return
        seen.add(id(value))
        found.setdefault(type(value), []).append(value)
        names = (
            list(type(value).model_fields)
            if isinstance(value, BaseModel)
            else [item.name for item in dataclasses.fields(value)]
        )
        for name in names:
            visit(getattr(value, name))

    for root in roots:
        visit(root)
    return found


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == () or value is False


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def example_text(value: Any, width: int = EXAMPLE_WIDTH) -> str:
    """A short ``repr``: objects as ``IncidentView(…)``, long lists cut after two items."""
    if is_documented_class(type(value)):
        return f"{class_name(type(value))}(…)"
    if isinstance(value, str) and value.startswith("data:"):
        # The image's bytes say nothing to an editor (and change with Pillow's version).
        return repr(value.split(",", 1)[0] + ",…")
    if isinstance(value, str):
        return repr(_short(value, width - 2))
    if isinstance(value, list | tuple):
        opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
        parts = [example_text(item, width // 2) for item in value[:2]]
        if len(value) > 2:
            parts.append(f"… {len(value)} in all")
        elif isinstance(value, tuple) and len(value) == 1:
            parts[0] += ","
        return _short(opening + ", ".join(parts) + closing, width)
    return _short(repr(value), width)


def example_of(objects: list[Any], attribute: Attribute) -> str:
    """The first value that says something (not empty), else the first value."""
    if attribute.call:
        if attribute.call != "()":
            return ""
        values = [getattr(item, attribute.name)() for item in objects]
    else:
        values = [getattr(item, attribute.name) for item in objects]
    if not values:
        return ""
    chosen = next((value for value in values if not _is_empty(value)), values[0])
    return example_text(chosen)


# -- the document ----------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _prose(text: str) -> str:
    """Text for a table cell: ``<img>`` outside code spans is shown, not taken for HTML."""
    parts = text.split("`")
    for index in range(0, len(parts), 2):
        parts[index] = parts[index].replace("<", "&lt;").replace(">", "&gt;")
    return _cell("`".join(parts))


def _code(text: str) -> str:
    if not text:
        return "—"
    fence = "``" if "`" in text else "`"
    padding = " " if "`" in text else ""
    return _cell(f"{fence}{padding}{text}{padding}{fence}")


def render() -> str:
    NAMES.clear()
    NAMES.update(_names())
    reached = reachable_classes()
    # The view model first, then the organisation config it carries.
    paths = dict(sorted(reached.items(), key=lambda item: issubclass(item[0], BaseModel)))
    check_descriptions(list(paths))
    objects = instances(example_views())
    lines = [
        "# The template context",
        "",
        "<!-- Generated by tools/make_context_doc.py from the view-model classes "
        "(dossier/assemble.py, dossier/charts.py, dossier/config.py); do not edit by hand. -->",
        "",
        "A dossier template receives one variable, `d`: the view model of one dossier, already "
        "filtered for its audience and pseudonymised (it holds no legal name and no contact). "
        "This page lists everything reachable from `d`: each class, where templates reach it, "
        "and each attribute with its type, what it means and an example. Labels (forces, acts, "
        "statuses…) are in the dossier's language; `…_code` attributes hold the stable codes of "
        "[the vocabularies](input.md). Print values with `{{ … }}` (they are escaped) and format "
        "them with [the filters](templates.md#filters): `{{ i.date | long_date(i.date_precision) "
        "}}`, `{{ d.figures.incidents | counted(**incident_w) }}`.",
        "",
        "Examples come from the generated worst case that `dossier templates check` renders "
        "(`dossier.commands.worst_case`: every optional field empty somewhere, long lists, "
        "several scripts), "
        "in English: the DDD complaint and the report for the `ddd` audience, then the public "
        "report; each example is the first value that is not empty. `…` marks a shortened value; "
        "`IncidentView(…)` an object described in its own section. An attribute "
        'written `name(…)` is called: `{% for i in d.incidents_with("tear_gas") %}`.',
        "",
        'Besides `d`, a template can print a label: `{{ label("section.facts") }}` is the text '
        "of that key in the dossier's language, from `labels/fr.toml` or `labels/en.toml` (an "
        "editor's `DIR/labels/` overrides keys of the built-in catalogs; see "
        "[the labels](templates.md#labels-section-titles-and-table-headers)). "
        "[The last section](#labels) lists every built-in label.",
        "",
        "## Contents",
        "",
    ]
    for cls in paths:
        about = docstring(cls)
        lines.append(
            f"* [{class_name(cls)}](#{anchor(cls)})" + (f" — {_prose(about)}" if about else "")
        )
    for cls, reached in paths.items():
        lines += ["", f'<a id="{anchor(cls)}"></a>', "", f"## {class_name(cls)}", ""]
        if docstring(cls):
            lines += [_prose(docstring(cls)), ""]
        lines += ["Reached as " + ", ".join(f"`{path}`" for path in reached) + ".", ""]
        lines += ["| attribute | type | meaning | example |", "| --- | --- | --- | --- |"]
        prefix = reached[0]
        for attribute in attributes(cls):
            call = "(…)" if attribute.call not in ("", "()") else attribute.call
            name = f"`{prefix}.{attribute.name}{call}`"
            if attribute.call not in ("", "()"):
                name += f" <br>arguments: `{attribute.call[1:-1]}`"
            lines.append(
                f"| {name} | {type_text(attribute.type)} | {_prose(attribute.description) or '—'} "
                f"| {_code(example_of(objects.get(cls, []), attribute))} |"
            )
    lines += label_table()
    return "\n".join(lines) + "\n"


def label_table() -> list[str]:
    """Every built-in label, by key, in French and English."""
    from dossier.render.html import load_labels

    french, _problems = load_labels("fr")
    english, _problems = load_labels("en")
    lines = [
        "",
        '<a id="labels"></a>',
        "",
        "## Labels",
        "",
        'Printed with `{{ label("key") }}`; the text comes from `templates/labels/fr.toml` and '
        "`templates/labels/en.toml`, or from an editor's `DIR/labels/` for the keys it holds.",
        "",
        "| key | French | English |",
        "| --- | --- | --- |",
    ]
    for key, label in french.items():
        other = english[key].text if key in english else "—"
        lines.append(f"| `{key}` | {_prose(label.text)} | {_prose(other)} |")
    return lines


def main() -> int:
    OUTPUT.write_text(render(), encoding="utf-8")
    print(OUTPUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
