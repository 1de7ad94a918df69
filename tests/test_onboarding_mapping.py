"""The mapping file: column renames and value mappings, in English or French, and its checks;
`dossier mapping draft` merging into an existing file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from helpers import INCIDENT, TODAY, incident, write_csv

from dossier.commands.mapping_draft import write_mapping_draft
from dossier.input.errors import MappingError
from dossier.input.mapping import load_mapping_file
from dossier.validate.rows import load_and_validate


def _mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mapping.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_french_names_for_sheets_fields_and_targets(tmp_path: Path) -> None:
    row = dict(INCIDENT)
    row["Qui"] = row.pop("forces")
    row["violation status"] = "pas confirmé"
    row["acts"] = "tentes détruites; gazage"
    write_csv(tmp_path / "data" / "incidents.csv", [row])
    mapping = _mapping(
        tmp_path,
        '[incidents]\n"Qui" = "forces de l\'ordre"\n'
        '[valeurs."statut de la violation"]\n"pas confirmé" = "possible"\n'
        '[valeurs.actes]\n"tentes détruites" = ["biens détruits", "eviction"]\n'
        '"gazage" = "tear gas or pepper spray"\n',
    )
    dataset, report = load_and_validate(tmp_path / "data", mapping=mapping, today=TODAY)
    assert report.ok, [p.message("en") for p in report.problems]
    (found,) = dataset.incidents
    assert found.violation_status == "possible"
    assert list(found.acts) == ["belongings_destroyed", "eviction", "tear_gas"]
    assert list(found.forces) == ["crs", "national_police"]


def test_a_mapped_wording_wins_over_a_suggestion_in_counts_and_yes_no(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "data" / "incidents.csv",
        [incident(belongings_affected="duvet pourri:2; tente:1", minors_involved="peut-être")],
    )
    mapping = _mapping(
        tmp_path,
        '[values.belongings]\n"duvet pourri" = "sleeping_bag"\n'
        '[values."minors involved"]\n"peut-être" = "unknown"\n',
    )
    dataset, report = load_and_validate(tmp_path / "data", mapping=mapping, today=TODAY)
    assert report.ok, [p.message("en") for p in report.problems]
    assert dict(dataset.incidents[0].belongings) == {"sleeping_bag": 2, "tent": 1}
    assert dataset.incidents[0].minors_involved is None


def test_ignore_leaves_a_column_out_with_a_warning(tmp_path: Path) -> None:
    row = {**INCIDENT, "Notes internes": "à relancer"}
    write_csv(tmp_path / "data" / "incidents.csv", [row])
    without, with_mapping = (
        load_and_validate(tmp_path / "data", today=TODAY, for_build=True)[1],
        load_and_validate(
            tmp_path / "data",
            mapping=_mapping(tmp_path, '[incidents]\n"Notes internes" = "ignorer"\n'),
            today=TODAY,
            for_build=True,
        )[1],
    )
    assert [(p.severity.value, p.code) for p in without.problems] == [
        ("error", "unknown_column_data")
    ]
    assert [(p.severity.value, p.code) for p in with_mapping.problems] == [
        ("warning", "ignored_column")
    ]


def test_an_unknown_header_gets_the_field_it_may_mean(tmp_path: Path) -> None:
    row = dict(INCIDENT)
    row["Affaires détruites"] = row.pop("belongings affected")
    write_csv(tmp_path / "incidents.csv", [row])
    _, report = load_and_validate(tmp_path, today=TODAY)
    (problem,) = report.problems
    assert problem.code == "unknown_column_data_suggest"
    assert "It may be “belongings affected”" in problem.message("en")


def test_a_number_alone_suggests_no_field(tmp_path: Path) -> None:
    """« note 3 » shares only a number with « ECHR art. 3 »: no suggestion (a volunteer
    reading one would think the tool saw a link)."""
    write_csv(tmp_path / "incidents.csv", [{**INCIDENT, "note 3": ""}])
    _, report = load_and_validate(tmp_path, today=TODAY)
    (problem,) = report.problems
    assert problem.code == "unknown_column"
    assert "ECHR" not in problem.message("en")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[incidents]\n"X" = "nowhere"\n', "mapping_unknown_field"),
        ('[values.place]\n"x" = "y"\n', "mapping_values_field"),
        ('[values.acts]\n"x" = "teargaz"\n', "mapping_unknown_code"),
        ('[values.context]\n"x" = ["eviction", "patrol"]\n', "mapping_one_code"),
        ('[feuille]\n"x" = "date"\n', "mapping_unknown_sheet"),
    ],
)
def test_mistakes_in_the_mapping_are_usage_errors(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(MappingError) as caught:
        load_mapping_file(_mapping(tmp_path, text))
    assert caught.value.key == key
    assert caught.value.usage


def test_the_draft_completes_an_existing_file_without_a_second_table(tmp_path: Path) -> None:
    rows = [incident(id=f"CAL-2015-{n:04d}", acts="gazage; coups de matraque") for n in (1, 2)]
    write_csv(tmp_path / "data" / "incidents.csv", rows)
    mapping = _mapping(
        tmp_path,
        "# our own notes, kept\n[valeurs.actes]\n"
        '"coups de matraque" = "physical_violence"   # decided on 3 March\n',
    )
    draft = write_mapping_draft(tmp_path / "data", mapping, "en")
    text = mapping.read_text(encoding="utf-8")
    assert text.startswith("# our own notes, kept\n[valeurs.actes]\n")
    assert '"coups de matraque" = "physical_violence"   # decided on 3 March' in text
    assert text.count("[valeurs.actes]") == 1 and "[values.acts]" not in text
    assert '"gazage" = "tear_gas"   # × 2 — rows 2, 3' in text
    assert tomllib.loads(text)["valeurs"]["actes"]["gazage"] == "tear_gas"
    assert (draft.proposed, draft.to_choose) == (1, 0)
    # Once all is decided, a new draft adds nothing.
    write_mapping_draft(tmp_path / "data", mapping, "en")
    assert mapping.read_text(encoding="utf-8") == text
