"""Assembly: what one dossier shows for an audience, in which order, under which numbers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from dossier.assemble.assembler import assemble
from dossier.assemble.models import Audience, DossierView, LeftOut
from dossier.input.config import Config
from dossier.schema.records import Evidence, Incident, Person, Proceeding
from dossier.validate.rows import Dataset

SIGNED = dt.date(2016, 11, 15)


def make_config(**dossier: Any) -> Config:
    return Config.model_validate(
        {
            "organisation": {
                "name": "Observatoire du littoral",
                "legal_form": {"fr": "association loi 1901", "en": "non-profit association"},
                "address": "1 rue de l'Exemple\n62100 Calais",
                "email": "contact@example.org",
            },
            "signatory": {
                "name": "Camille Signataire",
                "quality": {"fr": "présidente", "en": "chair"},
                "place": "Calais",
            },
            "dossier": {
                "title": {"fr": "Violences à Calais", "en": "Violence in Calais"},
                "reference": "OBS-DDD-1",
                **dossier,
            },
        }
    )


def make_incident(id: str, **fields: Any) -> Incident:
    values: dict[str, Any] = {
        "date": dt.date(2015, 6, 30),
        "commune": "Calais",
        "forces": ["crs"],
        "acts": ["tear_gas"],
        "summary_fr": f"Récit {id}.",
        "summary_en": f"Account {id}.",
        "confidentiality": "public",
    }
    values.update(fields)
    return Incident(id=id, **values)


def make_person(id: str, **fields: Any) -> Person:
    values: dict[str, Any] = {
        "pseudonym": f"Pseudo {id}",
        "roles": ["victim"],
        "art8_status": "consented",
        "legal_name": f"LEGALNAME-{id}",
        "contact": f"+33 6 00 00 00 {id[-2:]}",
    }
    values.update(fields)
    return Person(id=id, **values)


def make_evidence(id: str, **fields: Any) -> Evidence:
    values: dict[str, Any] = {
        "kind": "photo",
        "description_fr": f"Photo {id}",
        "description_en": f"Photo {id}",
        "sha256": "a" * 64,
        "confidentiality": "public",
    }
    values.update(fields)
    return Evidence(id=id, **values)


def make_dataset(
    incidents: list[Incident],
    persons: list[Person] = (),  # type: ignore[assignment]
    evidence: list[Evidence] = (),  # type: ignore[assignment]
    proceedings: list[Proceeding] = (),  # type: ignore[assignment]
) -> Dataset:
    return Dataset(
        Path("incidents.xlsx"),
        incidents=list(incidents),
        persons=list(persons),
        evidence=list(evidence),
        proceedings=list(proceedings),
    )


def view_of(dataset: Dataset, audience: Audience | None = None, lang: str = "fr") -> DossierView:
    return assemble(dataset, make_config(), audience=audience, lang=lang, signed_on=SIGNED)


# -- order ----------------------------------------------------------------------------------------


def test_incidents_in_date_then_time_then_id_order() -> None:
    dataset = make_dataset(
        [
            make_incident("C", date=dt.date(2015, 7, 1)),
            make_incident("B2", date=dt.date(2015, 6, 30), time=dt.time(22, 0)),
            make_incident("B1", date=dt.date(2015, 6, 30), time=dt.time(22, 0)),
            make_incident("A", date=dt.date(2015, 6, 30), time=dt.time(8, 15)),
            make_incident("Z", date=dt.date(2014, 1, 1)),
        ]
    )
    assert [view.id for view in view_of(dataset).incidents] == ["Z", "A", "B1", "B2", "C"]


# -- audience -------------------------------------------------------------------------------------


def three_levels() -> Dataset:
    return make_dataset(
        [
            make_incident("PUB", confidentiality="public"),
            make_incident("RES", confidentiality="restricted"),
            make_incident("CON", confidentiality="confidential"),
        ]
    )


@pytest.mark.parametrize(
    ("audience", "shown", "left_out"),
    [
        (None, ["CON", "PUB", "RES"], []),
        (Audience.ddd, ["CON", "PUB", "RES"], []),
        (Audience.partners, ["PUB", "RES"], [LeftOut("confidentiality", 1)]),
        (Audience.public, ["PUB"], [LeftOut("confidentiality", 2)]),
    ],
)
def test_audience_sees_only_its_levels_and_the_rest_is_counted(
    audience: Audience | None, shown: list[str], left_out: list[LeftOut]
) -> None:
    view = view_of(three_levels(), audience)
    assert sorted(view.id for view in view.incidents) == shown
    assert view.left_out == left_out
    assert view.left_out_total == sum(item.count for item in left_out)
    assert view.incidents_in_source == 3
    assert view.audience == (audience or Audience.ddd).value


# -- article 8 ------------------------------------------------------------------------------------


def art8_dataset() -> Dataset:
    return make_dataset(
        [
            make_incident("ALL-REFUSED", victim_ids=["P-R1", "P-R2"]),
            make_incident("MIXED", victim_ids=["P-R1", "P-OK"], witness_ids=["P-R2", "P-W"]),
            make_incident("NO-VICTIM-NAMED"),
        ],
        persons=[
            make_person("P-R1", pseudonym="Refused One", art8_status="refused"),
            make_person("P-R2", pseudonym="Refused Two", art8_status="refused"),
            make_person("P-OK", pseudonym="Abel N.", art8_status="consented"),
            make_person("P-W", pseudonym="Clara M.", roles=["witness"], art8_status=None),
        ],
    )


def all_strings(value: Any, seen: set[int] | None = None) -> Iterator[str]:
    """Every string reachable from ``value``: dataclasses, pydantic models, containers."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        yield value
        return
    if value is None or isinstance(value, int | float | bool | dt.date | dt.time):
        return
    if id(value) in seen:
        return
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        children: list[Any] = [getattr(value, f.name) for f in dataclasses.fields(value)]
        children += [
            getattr(value, name)
            for name, member in vars(type(value)).items()
            if isinstance(member, property)
        ]
    elif isinstance(value, BaseModel):
        children = [getattr(value, name) for name in type(value).model_fields]
    elif isinstance(value, dict):
        children = [*value.keys(), *value.values()]
    elif isinstance(value, list | tuple | set | frozenset):
        children = list(value)
    else:
        raise AssertionError(f"unexpected type in the view model: {type(value)!r}")
    for child in children:
        yield from all_strings(child, seen)


def test_a_person_who_refused_never_appears() -> None:
    for audience in Audience:
        view = view_of(art8_dataset(), audience)
        text = "\n".join(all_strings(view))
        assert "Refused One" not in text
        assert "Refused Two" not in text
        assert "P-R1" not in text
        assert "P-R2" not in text
    view = view_of(art8_dataset())
    mixed = next(i for i in view.incidents if i.id == "MIXED")
    assert [p.pseudonym for p in mixed.victims] == ["Abel N."]
    assert [p.pseudonym for p in mixed.witnesses] == ["Clara M."]
    assert [p.pseudonym for p in view.persons_cited] == ["Abel N.", "Clara M."]


def test_an_incident_whose_every_victim_refused_is_left_out_and_counted() -> None:
    view = view_of(art8_dataset())
    assert [i.id for i in view.incidents] == ["MIXED", "NO-VICTIM-NAMED"]
    assert view.left_out == [LeftOut("art8_refused", 1)]
    assert view.incidents_in_source == 3


def test_art8_counts_cover_the_victims_shown() -> None:
    view = view_of(art8_dataset())
    assert view.art8_counts == [("a consenti", 1)]
    assert view_of(art8_dataset(), lang="en").art8_counts == [("consented", 1)]


def test_left_out_reasons_add_up() -> None:
    dataset = art8_dataset()
    dataset.incidents.append(make_incident("SECRET", confidentiality="confidential"))
    view = view_of(dataset, Audience.public)
    assert view.left_out == [LeftOut("art8_refused", 1), LeftOut("confidentiality", 1)]
    assert view.left_out_total == 2


# -- legal names ----------------------------------------------------------------------------------


def test_no_legal_name_or_contact_anywhere_in_the_view_model() -> None:
    dataset = make_dataset(
        [
            make_incident("I-1", victim_ids=["P-01"], witness_ids=["P-02"], evidence_ids=["E-1"]),
            make_incident("I-2", victim_ids=["P-03"], confidentiality="confidential"),
        ],
        persons=[
            make_person("P-01", nationality="Eritrean", age=24, publication_consent="anonymised"),
            make_person("P-02", roles=["witness"], art8_status="informed_no_objection"),
            make_person("P-03", art8_status="unreachable", minor=True, age=16),
        ],
        evidence=[make_evidence("E-1", incident_ids=["I-1"], custody_notes="kept in safe")],
        proceedings=[
            Proceeding(id="PR-1", incident_id="I-1", type="police_complaint", status="pending")
        ],
    )
    secrets = {p.legal_name for p in dataset.persons} | {p.contact for p in dataset.persons}
    for audience in Audience:
        for lang in ("fr", "en"):
            view = view_of(dataset, audience, lang)
            strings = list(all_strings(view))
            assert "Pseudo P-01" in strings
            leaks = [s for s in strings for secret in secrets if secret and secret in s]
            assert leaks == [], (audience, lang)


# -- exhibits -------------------------------------------------------------------------------------


def test_exhibits_numbered_in_order_of_first_citation() -> None:
    dataset = make_dataset(
        [
            make_incident("LATER", date=dt.date(2015, 8, 1), evidence_ids=["E-C", "E-A"]),
            make_incident("FIRST", date=dt.date(2015, 6, 1), evidence_ids=["E-B", "E-A"]),
        ],
        evidence=[
            make_evidence("E-A", incident_ids=["FIRST", "LATER"]),
            make_evidence("E-B"),
            make_evidence("E-C"),
            make_evidence("E-UNCITED"),
        ],
    )
    view = view_of(dataset)
    assert [(x.number, x.id) for x in view.exhibits] == [(1, "E-B"), (2, "E-A"), (3, "E-C")]
    first, later = view.incidents
    assert [x.number for x in first.exhibits] == [1, 2]
    assert [x.number for x in later.exhibits] == [2, 3]  # in number order (issue 19)
    exhibit_a = view.exhibits[1]
    assert exhibit_a.incident_ids == ["FIRST", "LATER"]
    assert exhibit_a.anchor == "exhibit-2"
    assert view.figures.exhibits == 3


def test_evidence_linked_only_from_the_evidence_sheet_is_still_cited() -> None:
    dataset = make_dataset(
        [make_incident("I-1"), make_incident("I-2", date=dt.date(2015, 7, 1))],
        evidence=[make_evidence("E-1", incident_ids=["I-2"])],
    )
    view = view_of(dataset)
    assert [x.id for x in view.exhibits] == ["E-1"]
    assert [x.id for x in view.incidents[1].exhibits] == ["E-1"]
    assert view.incidents[0].exhibits == []
    assert view.exhibits[0].incident_ids == ["I-2"]


def test_only_exhibits_the_audience_may_see_are_numbered() -> None:
    dataset = make_dataset(
        [
            make_incident("PUB", evidence_ids=["E-PUB", "E-SECRET", "E-RES"]),
            make_incident(
                "HIDDEN",
                date=dt.date(2015, 9, 1),
                confidentiality="confidential",
                evidence_ids=["E-HIDDEN"],
            ),
        ],
        evidence=[
            make_evidence("E-PUB"),
            make_evidence("E-SECRET", confidentiality="confidential"),
            make_evidence("E-RES", confidentiality="restricted"),
            make_evidence("E-HIDDEN", incident_ids=["HIDDEN", "PUB"]),
        ],
    )
    public = view_of(dataset, Audience.public)
    assert [(x.number, x.id) for x in public.exhibits] == [(1, "E-PUB"), (2, "E-HIDDEN")]
    # An exhibit shared with a left-out incident does not name that incident.
    assert public.exhibits[1].incident_ids == ["PUB"]
    partners = view_of(dataset, Audience.partners)
    assert [x.id for x in partners.exhibits] == ["E-PUB", "E-RES", "E-HIDDEN"]
    ddd = view_of(dataset, Audience.ddd)
    assert [x.id for x in ddd.exhibits] == ["E-PUB", "E-SECRET", "E-RES", "E-HIDDEN"]
    assert [x.number for x in ddd.exhibits] == [1, 2, 3, 4]


def test_exhibit_description_in_the_other_language_is_flagged() -> None:
    dataset = make_dataset(
        [make_incident("I-1", evidence_ids=["E-1"])],
        evidence=[make_evidence("E-1", description_fr="Certificat médical", description_en=None)],
    )
    exhibit = view_of(dataset, lang="en").exhibits[0]
    assert (exhibit.description, exhibit.description_untranslated) == ("Certificat médical", True)
    exhibit = view_of(dataset, lang="fr").exhibits[0]
    assert (exhibit.description, exhibit.description_untranslated) == ("Certificat médical", False)


# -- coordinates, summaries, labels ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        (Audience.ddd, (50.951345, 1.858712)),
        (Audience.partners, (50.951, 1.859)),
        (Audience.public, (50.95, 1.86)),
    ],
)
def test_coordinates_are_rounded_for_the_audience(
    audience: Audience, expected: tuple[float, float]
) -> None:
    dataset = make_dataset([make_incident("I-1", latitude=50.9513451, longitude=1.8587123)])
    incident = view_of(dataset, audience).incidents[0]
    assert (incident.latitude, incident.longitude) == expected


def test_a_summary_only_in_the_other_language_is_shown_and_flagged() -> None:
    dataset = make_dataset(
        [
            make_incident("EN-ONLY", summary_fr=None, summary_en="Officers gassed the camp."),
            make_incident("FR-ONLY", summary_fr="Les agents ont gazé.", summary_en=None),
        ]
    )
    fr = {i.id: (i.summary, i.summary_untranslated) for i in view_of(dataset).incidents}
    assert fr == {
        "EN-ONLY": ("Officers gassed the camp.", True),
        "FR-ONLY": ("Les agents ont gazé.", False),
    }
    en = {i.id: (i.summary, i.summary_untranslated) for i in view_of(dataset, lang="en").incidents}
    assert en == {
        "EN-ONLY": ("Officers gassed the camp.", False),
        "FR-ONLY": ("Les agents ont gazé.", True),
    }


def test_labels_follow_the_dossier_language() -> None:
    dataset = make_dataset(
        [make_incident("I-1", forces=["crs", "paf"], acts=["tear_gas"], context="eviction")]
    )
    fr = view_of(dataset).incidents[0]
    en = view_of(dataset, lang="en").incidents[0]
    assert fr.forces == ["CRS", "police aux frontières"]
    assert fr.force_codes == en.force_codes == ["crs", "paf"]
    assert fr.context == "expulsion de campement"
    assert en.context == "eviction"
    assert view_of(dataset).title == "Violences à Calais"
    assert view_of(dataset, lang="en").title == "Violence in Calais"


def test_signature_date_from_config_else_build_date() -> None:
    dataset = make_dataset([make_incident("I-1")])
    assert view_of(dataset).signed_on == SIGNED
    config = make_config().model_copy(
        update={
            "signatory": make_config().signatory.model_copy(update={"date": dt.date(2016, 1, 2)})
        }
    )
    assert assemble(dataset, config, signed_on=SIGNED).signed_on == dt.date(2016, 1, 2)


# -- figures --------------------------------------------------------------------------------------


def test_figures() -> None:
    dataset = make_dataset(
        [
            make_incident(
                "I-1",
                date=dt.date(2015, 6, 30),
                acts=["tear_gas", "belongings_destroyed"],
                forces=["crs"],
                victims_count=3,
                victim_ids=["P-01"],
                minors_involved=True,
                medical_certificate=True,
                itt_days=2,
                belongings={"tent": 3, "sleeping_bag": 2},
                rio_visible="no",
            ),
            make_incident(
                "I-2",
                date=dt.date(2015, 8, 1),
                date_precision="month",
                commune="Coquelles",
                acts=["tear_gas"],
                forces=["paf", "crs"],
                victim_ids=["P-02", "P-03"],
                medical_certificate=True,
                itt_days=5,
                belongings={"tent": 1, "phone": None},
            ),
            make_incident("I-3", date=dt.date(2015, 7, 1), acts=["identity_check"], forces=[]),
        ],
        persons=[make_person("P-01"), make_person("P-02"), make_person("P-03")],
        proceedings=[
            Proceeding(id="PR-1", incident_id="I-1", type="police_complaint", status="pending"),
            Proceeding(id="PR-2", incident_id="I-2", type="igpn_report", status="pending"),
            Proceeding(id="PR-3", incident_id="I-2", type="prosecutor_complaint"),
        ],
    )
    figures = view_of(dataset).figures
    assert figures.incidents == 3
    assert (figures.first_date, figures.first_date_precision) == (dt.date(2015, 6, 30), "exact")
    assert (figures.last_date, figures.last_date_precision) == (dt.date(2015, 8, 1), "month")
    assert figures.communes == ["Calais", "Coquelles"]
    assert figures.victims == 3 + 2  # the larger of the count and the people named
    assert figures.incidents_with_minors == 1
    assert figures.incidents_with_certificate == 2
    assert figures.itt_days_total == 7
    assert figures.acts == [
        ("gaz lacrymogène", 2),
        ("biens détruits", 1),
        ("contrôle d'identité", 1),
    ]
    assert figures.forces == [("CRS", 2), ("police aux frontières", 1)]
    assert figures.belongings == [("tente", 4), ("sac de couchage", 2)]
    assert figures.rio_not_visible == 1
    assert figures.proceedings == 3
    assert figures.proceedings_by_status == [("en cours", 2), ("autre", 1)]


def test_figures_of_an_empty_dossier() -> None:
    view = view_of(
        make_dataset([make_incident("I-1", confidentiality="confidential")]), Audience.public
    )
    figures = view.figures
    assert (figures.incidents, figures.first_date, figures.victims) == (0, None, 0)
    assert figures.acts == []
    assert view.left_out == [LeftOut("confidentiality", 1)]
