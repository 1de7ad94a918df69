"""Privacy through the paths other than the legal-name columns, attacked on what a reader sees: the
HTML both the PDF and the DOCX are made from, for every layout, audience and language.

* publication consent follows the audience, not the layout;
* someone who objected under art. 8 is named nowhere, not even through another incident;
* pseudonyms are found whatever their case, accents or spacing, in every printed field;
* figures never name a value that only withheld records hold (the small-cell rule);
* RIO numbers reach only the Défenseur des droits.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, run_cli
from test_assemble import SIGNED, make_config, make_dataset, make_incident, make_person

from dossier.assemble.assembler import assemble
from dossier.assemble.models import Audience, Layout
from dossier.build.pipeline import render_dossier_html
from dossier.schema.names import NameFinder, distinctive_parts, fold_with_positions
from dossier.validate.rows import Dataset

EDITIONS = [(layout, audience) for layout in Layout for audience in Audience]


def visible_text(dataset: Dataset, layout: Layout, audience: Audience, lang: str) -> str:
    """The dossier's HTML as a reader sees it: tags and alt texts kept, entities decoded, every
    run of white space (no-break spaces included) one space."""
    view = assemble(
        dataset, make_config(), layout=layout, audience=audience, lang=lang, signed_on=SIGNED
    )
    text = html.unescape(render_dossier_html(view))
    return re.sub(r"\s+", " ", text)


def folded(text: str) -> str:
    return fold_with_positions(text)[0]


# -- the name finder ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["Abel N.", "ABEL N.", "abel n.", "Abel\u00a0N.", "Abel  N.", "Ábel N.", "Abel\u202fN."],
)
def test_a_pseudonym_is_found_whatever_its_case_accents_and_spacing(written: str) -> None:
    finder = NameFinder({"Abel N.": "X"})
    text = f"Selon {written}, la police est venue."
    (match,) = finder.find(text)
    assert text[match.start : match.end] == written


def test_a_name_is_found_as_a_whole_word_only() -> None:
    finder = NameFinder({"Abel": "X"})
    assert finder.find("Abelard et Cabel") == []
    assert [m.value for m in finder.find("Abel, puis ABEL.")] == ["X", "X"]


def test_distinctive_parts_leave_out_initials_and_short_words() -> None:
    assert distinctive_parts("Abel N.") == ["abel"]
    assert distinctive_parts("Tesfay Gebre") == ["tesfay", "gebre"]
    assert distinctive_parts("Al B.") == []


# -- publication consent follows the audience ----------------------------------------------------


def consent_dataset() -> Dataset:
    return make_dataset(
        [make_incident("I-1", victim_ids=["P-01"], summary_fr="Zerihun T. a été frappé.")],
        persons=[
            make_person(
                "P-01",
                pseudonym="Zerihun T.",
                age=24,
                gender="man",
                nationality="Eritrean",
                publication_consent="none",
            )
        ],
    )


@pytest.mark.parametrize(("layout", "audience"), EDITIONS)
def test_a_person_who_refused_publication_is_named_only_for_the_ddd(
    layout: Layout, audience: Audience
) -> None:
    for lang in ("fr", "en"):
        text = folded(visible_text(consent_dataset(), layout, audience, lang))
        if audience == Audience.ddd:
            assert "zerihun" in text, (layout, lang)
        else:
            assert "zerihun" not in text, (layout, lang)


# -- art. 8 objections, through other incidents ------------------------------------------------


def art8_dataset() -> Dataset:
    return make_dataset(
        [
            make_incident("I-1", victim_ids=["P-01"]),
            make_incident(
                "I-2",
                victim_ids=["P-02"],
                witness_ids=["P-01"],
                summary_fr="Tesfalem K. et KIDANE ont vu Mehari S. frappé.",
                summary_en="Tesfalem\u00a0K. and KIDANE saw Mehari S. beaten.",
                units=["CRS (tesfalem k.)"],
                injuries="Selon Tesfalem K. : hématome.",
            ),
        ],
        persons=[
            make_person("P-01", pseudonym="Tesfalem K.", art8_status="refused"),
            make_person("P-02", pseudonym="Mehari S.", publication_consent="anonymised", age=30),
            make_person("P-03", pseudonym="Kidane", art8_status="refused", roles=["witness"]),
        ],
    )


@pytest.mark.parametrize(("layout", "audience"), EDITIONS)
def test_who_objected_under_article_8_is_named_nowhere(layout: Layout, audience: Audience) -> None:
    for lang in ("fr", "en"):
        text = folded(visible_text(art8_dataset(), layout, audience, lang))
        assert "tesfalem" not in text, (layout, audience, lang)
        assert "kidane" not in text, (layout, audience, lang)
        # The other victim, who agreed, is still named.
        assert "mehari" in text, (layout, audience, lang)


def test_the_objector_is_replaced_by_a_neutral_designation() -> None:
    view = assemble(art8_dataset(), make_config(), lang="fr", signed_on=SIGNED)
    (incident,) = view.incidents
    assert incident.summary.startswith("Une personne et une personne ont vu Mehari S.")
    assert incident.units == ["CRS (une personne)"]
    assert incident.injuries == "Selon une personne : hématome."


def test_a_part_of_a_pseudonym_someone_named_shares_is_not_scrubbed() -> None:
    dataset = make_dataset(
        [make_incident("I-1", victim_ids=["P-02"], summary_fr="Abel K. a vu Abel N.")],
        persons=[
            make_person("P-01", pseudonym="Abel N.", art8_status="refused"),
            make_person("P-02", pseudonym="Abel K.", publication_consent="anonymised"),
        ],
    )
    view = assemble(dataset, make_config(), lang="fr", signed_on=SIGNED)
    assert view.incidents[0].summary == "Abel K. a vu une personne."


# -- the small-cell rule -------------------------------------------------------------------------


def small_cell_dataset(**report: Any) -> Dataset:
    shown = [
        make_incident(f"S-{n}", date=dt.date(2016, 3, n), commune="Calais") for n in range(1, 4)
    ]
    withheld = [
        make_incident(
            "W-1",
            date=dt.date(2015, 1, 9),
            commune="Zwyxville",
            acts=["dog"],
            confidentiality="confidential",
            victim_ids=["P-W"],
        )
    ]
    return make_dataset(
        [*shown, *withheld],
        persons=[
            make_person(
                "P-W",
                pseudonym="Qorvath",
                interview_date=dt.date(2015, 1, 10),
                interview_place="Qxhamlet",
                interview_language="Wolof",
                interview_mode="individual",
            )
        ],
    )


@pytest.mark.parametrize("audience", [Audience.partners, Audience.public])
def test_figures_never_name_what_only_withheld_records_hold(audience: Audience) -> None:
    for lang in ("fr", "en"):
        text = folded(visible_text(small_cell_dataset(), Layout.report, audience, lang))
        for secret in ("zwyxville", "qxhamlet", "wolof", "qorvath", "9 janvier", "january 9"):
            assert secret not in text, (audience, lang, secret)
        # The withheld incident is still counted: four incidents in all.
        assert "calais" in text


def test_what_withheld_records_hold_is_counted_under_other() -> None:
    view = assemble(
        small_cell_dataset(),
        make_config(),
        layout=Layout.report,
        audience=Audience.public,
        lang="en",
        signed_on=SIGNED,
    )
    assert view.report is not None
    totals = view.report.totals
    assert totals.communes == ["Calais", "other places"]
    assert totals.first_date_precision == "year"
    assert ("other", 1) in totals.acts and all(label != "dog" for label, _n in totals.acts)
    assert view.report.methodology.interview_places == ["other places"]
    assert view.report.methodology.languages == [("other", 1)]
    bars = {bar.label: bar.value for chart in view.report.overview for bar in chart.bars}
    assert "Zwyxville" not in bars and bars["other places"] == 1


def test_a_value_enough_withheld_records_share_may_be_named() -> None:
    dataset = small_cell_dataset()
    base = make_config()
    config = base.model_copy(update={"report": base.report.model_copy(update={"minimum_cell": 1})})
    view = assemble(
        dataset, config, layout=Layout.report, audience=Audience.public, lang="en", signed_on=SIGNED
    )
    assert view.report is not None
    assert "Zwyxville" in view.report.totals.communes


# -- RIO numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("layout", "audience"), EDITIONS)
def test_rio_numbers_reach_only_the_defenseur_des_droits(
    layout: Layout, audience: Audience
) -> None:
    dataset = make_dataset([make_incident("I-1", rio=["2145873"])])
    for lang in ("fr", "en"):
        text = visible_text(dataset, layout, audience, lang)
        if audience == Audience.ddd and layout == Layout.ddd:
            assert "2145873" in text
        elif audience != Audience.ddd:
            assert "2145873" not in text, (layout, lang)


# -- terminal escapes ------------------------------------------------------------------------------

ESCAPE = "\x1b]0;owned\x07"


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_names_and_cells_echoed_to_the_terminal_cannot_hold_escapes(
    tmp_path: Path, output_format: str
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "csv_en", folder)
    # A file whose name, a header and a cell carry terminal sequences and a direction override.
    (folder / f"notes{ESCAPE}.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    incidents = (folder / "incidents.csv").read_text(encoding="utf-8").splitlines()
    incidents[0] += f",odd{ESCAPE}header"
    incidents[1] += ",x"
    incidents[1] = incidents[1].replace("Calais", f"Cal\u202eais{ESCAPE}", 1)
    (folder / "incidents.csv").write_text("\n".join(incidents) + "\n", encoding="utf-8")
    result = run_cli(["validate", folder, "--lang", "en", "--format", output_format])
    shown = result.stdout + (result.stderr or "")
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "\\x1b]0;owned\\x07" in shown.replace("\\\\", "\\")


# -- the evidence folder -------------------------------------------------------------------------


def test_an_evidence_folder_that_is_a_link_is_not_read_through(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "csv_en", folder)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(folder / "evidence", elsewhere)
    (folder / "evidence").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli(["validate", folder, "--lang", "en", "--format", "json"])
    assert result.exit_code == 1, result.output
    problems = json.loads(result.stdout)["problems"]
    linked = [p for p in problems if p["code"] == "evidence_folder_link"]
    assert linked and all(p["column"] for p in linked)
    assert not [p for p in problems if p["code"] == "sha256_mismatch"]
    # Given as the real folder, the same files are read.
    real = run_cli(["validate", folder, "--evidence", elsewhere, "--format", "json"])
    assert real.exit_code == 0, real.output


# -- legal names and contacts in printed text (validation) --------------------------------------

LEGAL_NAME = "Yohannes Gebremedhin"


def workbook_with(tmp_path: Path, sheet: str, row: int, column: str, value: str, **person: str):
    """The English CSV fixture with one cell changed, and the first person given a legal name."""
    folder = tmp_path / "data"
    if not folder.exists():
        shutil.copytree(FIXTURES / "csv_en", folder)
        write_cell(folder, "persons", 0, "legal name", LEGAL_NAME)
        write_cell(folder, "persons", 0, "contact", "+33 6 11 22 33 44")
    for key, text in person.items():
        write_cell(folder, "persons", 0, key.replace("_", " "), text)
    write_cell(folder, sheet, row, column, value)
    return folder


def write_cell(folder: Path, sheet: str, row: int, column: str, value: str) -> None:
    path = folder / f"{sheet}.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[row][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def problems_of(folder: Path) -> list[dict[str, Any]]:
    result = run_cli(["validate", folder, "--lang", "en", "--format", "json"])
    assert LEGAL_NAME.split()[0] not in result.stdout  # never echoed, whatever the problem
    problems: list[dict[str, Any]] = json.loads(result.stdout)["problems"]
    return problems


@pytest.mark.parametrize(
    "written",
    [
        f"{LEGAL_NAME} was beaten.",
        "YOHANNES GEBREMEDHIN was beaten.",
        "Yohannes\u00a0Gebremédhin was beaten.",
        "Yohannes  was beaten.",  # the first name alone
        "Mr Gebremedhin was beaten.",  # the surname alone
    ],
)
def test_a_legal_name_in_a_printed_text_is_an_error_naming_the_cell(
    tmp_path: Path, written: str
) -> None:
    folder = workbook_with(tmp_path, "incidents", 0, "summary in English", written)
    found = [p for p in problems_of(folder) if p["code"] == "legal_name_in_text"]
    assert [(p["sheet"], p["row"], p["header"], p["severity"]) for p in found] == [
        ("incidents", 2, "summary in English", "error")
    ]
    assert found[0]["value"] is None


@pytest.mark.parametrize(
    ("sheet", "column", "written"),
    [
        ("incidents", "units", "CRS 8 (call +33 6 11 22 33 44)"),
        ("incidents", "injuries", "ask 06.55.44.33.22 for the certificate"),
        ("evidence", "description in English", "sent by someone@example.net"),
        ("proceedings", "response received", "write to +44 7700 900123"),
    ],
)
def test_a_contact_in_a_printed_text_is_an_error(
    tmp_path: Path, sheet: str, column: str, written: str
) -> None:
    folder = workbook_with(tmp_path, sheet, 0, column, written)
    found = [p for p in problems_of(folder) if p["code"] == "contact_in_text"]
    assert [(p["sheet"], p["header"]) for p in found] == [(sheet, column)]


def test_dates_rio_numbers_and_references_are_not_taken_for_contacts(tmp_path: Path) -> None:
    text = "On 30/06/2015 at 22:15, RIO 2145873, report PV 2015/001234, ITT 2 days, 1.8587 E."
    folder = workbook_with(tmp_path, "incidents", 0, "summary in English", text)
    codes = {p["code"] for p in problems_of(folder)}
    assert not codes & {"contact_in_text", "legal_name_in_text"}


def test_a_pseudonym_that_is_the_legal_name_is_an_error(tmp_path: Path) -> None:
    folder = workbook_with(tmp_path, "persons", 0, "pseudonym", "yohannes gebremedhin")
    found = [p for p in problems_of(folder) if p["code"] == "legal_name_in_text"]
    assert [(p["sheet"], p["header"]) for p in found] == [("persons", "pseudonym")]


@pytest.mark.parametrize(
    ("pseudonym", "code"),
    [
        ("Yohannes K.", "weak_pseudonym_shares_name"),
        ("Yared G.", "weak_pseudonym_same_initials"),
    ],
)
def test_a_pseudonym_close_to_the_legal_name_is_a_warning(
    tmp_path: Path, pseudonym: str, code: str
) -> None:
    folder = workbook_with(tmp_path, "persons", 0, "pseudonym", pseudonym)
    found = [p for p in problems_of(folder) if p["code"].startswith("weak_pseudonym")]
    assert [(p["code"], p["severity"], p["value"]) for p in found] == [(code, "warning", None)]


def test_an_observer_described_by_age_or_nationality_is_a_warning(tmp_path: Path) -> None:
    folder = workbook_with(tmp_path, "persons", 1, "nationality", "French")
    found = [p for p in problems_of(folder) if p["code"] == "observer_identifiable"]
    assert [(p["row"], p["header"]) for p in found] == [(3, "nationality")]
