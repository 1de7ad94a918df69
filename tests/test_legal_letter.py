"""The letter, the filer's standing, the requests and the facts' layout (issue 19, pts 3, 7-9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from legal_workbook import build, incident_row, incident_text, text_of, write_input

from dossier.build.pipeline import build_dossiers


def _letter(page: str) -> str:
    return text_of(page.split('<section class="letter">')[1].split("</section>")[0])


def test_the_salutation_and_the_representative_come_from_the_config(tmp_path: Path) -> None:
    pages = build(
        tmp_path / "woman",
        [incident_row()],
        recipient_extra='holder = "woman"',
        signatory_extra="feminine = true",
    )
    letter = _letter(pages["fr"])
    assert "Madame la Défenseure des droits," in letter
    assert "Elle vous prie d'agréer, Madame la Défenseure des droits, l'expression" in letter
    assert (
        "Association d'essai (fictive), association loi 1901 (fictive), représentée par "
        "Signataire Fictif, présidente de l'association, dûment habilitée," in letter
    )
    neutral = _letter(build(tmp_path / "unset", [incident_row()])["fr"])
    assert "Madame, Monsieur," in neutral and "dûment habilité·e" in neutral
    man = build(tmp_path / "man", [incident_row()], recipient_extra='holder = "man"')
    assert "Monsieur le Défenseur des droits," in _letter(man["fr"])


def test_the_filers_standing_is_stated_per_incident_and_overall(tmp_path: Path) -> None:
    incidents = [
        incident_row(id="W-1", how_we_know="witnessed"),
        incident_row(id="M-1", date="2016-07-01", how_we_know="mandat"),
        incident_row(id="R-1", date="2016-07-02", how_we_know="signalement"),
        incident_row(id="R-2", date="2016-07-03", how_we_know="report"),
        incident_row(id="X-1", date="2016-07-04"),
    ]
    pages = build(tmp_path, incidents)
    letter = _letter(pages["fr"])
    # Under LO art. 5 the witness is the member who saw the facts, not the association: it
    # passes on the member's testimony (a lawyer's review read « l'association vous saisit de
    # faits dont ses membres ont été témoins » as the association claiming the witness's right).
    assert (
        "L'association vous transmet, pour 1 incident, le témoignage de ses membres qui ont vu "
        "les faits, lesquels peuvent vous saisir eux-mêmes en qualité de témoins ; pour "
        "1 incident, le récit de victimes qui l'ont mandatée ; pour 2 incidents, des faits "
        "qu'elle vous signale en vous invitant à vous en saisir d'office ; pour 1 incident, la "
        "manière dont l'association connaît les faits n'est pas renseignée." in letter
    )
    assert (
        "The association passes on to you, for 1 incident, the testimony of its members who saw "
        "the facts, who may refer them to you themselves as witnesses; for 1 incident, the "
        "accounts of victims who gave it a mandate; for 2 incidents, facts it reports to you, "
        "inviting you to act on your own initiative" in _letter(pages["en"])
    )
    assert "vous saisit de faits dont" not in text_of(pages["fr"])
    assert "au titre de la mission que vous confie l'article 4, 4°" in letter
    assert "sur le fondement de l'article 4" not in letter
    # LO art. 29's own words (« le pouvoir d'engager les poursuites disciplinaires »).
    assert "saisir l'autorité investie du pouvoir d'engager les poursuites disciplinaires" in letter
    assert "pouvoir disciplinaire" not in letter
    assert "n'est témoin que" not in text_of(pages["fr"])
    assert "l'association n'en est pas elle-même témoin" in text_of(pages["fr"])
    assert "Connaissance des faits Signalement, pour une saisine d'office" in incident_text(
        pages["fr"], "R-1"
    )
    assert "How the association knows A member of the association witnessed it" in (
        incident_text(pages["en"], "W-1")
    )
    filer = text_of(pages["fr"].split('<section id="auteur">')[1].split("</section>")[0])
    assert "article 5, 4° de la loi organique n° 2011-333" in filer
    assert "article 5, avant-dernier alinéa, de la loi organique n° 2011-333" in filer


def test_requests_cite_the_powers_and_address_each_force_s_authority(tmp_path: Path) -> None:
    incidents = [
        incident_row(id="PN-1", forces="national police"),
        incident_row(id="PM-1", date="2016-07-01", forces="municipal police"),
        incident_row(id="PS-1", date="2016-07-02", forces="private security"),
    ]
    pages = build(tmp_path, incidents)
    requests = text_of(pages["fr"].split('<section id="demandes">')[1].split("</section>")[0])
    for power in ("article 18", "article 20", "article 22", "article 25", "article 29"):
        assert f"({power} de la loi organique n° 2011-333" in requests, power
    assert "au ministre de l'Intérieur, pour les faits imputés à la police nationale" in requests
    assert "au maire de la commune concernée, pour les faits imputés à la police municipale" in (
        requests
    )
    assert "au Conseil national des activités privées de sécurité (CNAPS), pour les faits " in (
        requests
    )
    assert "douanes" not in requests
    only_police = build(tmp_path / "police", [incident_row()])
    text = text_of(only_police["fr"].split('<section id="demandes">')[1])
    assert "maire" not in text.split("Bordereau")[0] and "CNAPS" not in text.split("Bordereau")[0]


def test_the_internal_grading_is_printed_only_when_asked(tmp_path: Path) -> None:
    graded = [incident_row(violation_status="possible")]
    hidden = build(tmp_path / "hidden", graded)
    assert "Établissement des faits" not in text_of(hidden["fr"])
    assert "Established as" not in text_of(hidden["en"])
    shown = build(tmp_path / "shown", graded, dossier_extra="show_grading = true")
    assert "Établissement des faits (appréciation interne) possible" in text_of(shown["fr"])


def test_a_year_only_date_is_flagged_for_a_ddd_build(tmp_path: Path) -> None:
    data = write_input(tmp_path / "data", [incident_row(date="2016-01-01", date_precision="year")])
    result = build_dossiers(data, out=tmp_path / "out", formats=("html",), langs=("fr",))
    flagged = [p for p in result.report.warnings if p.code == "completeness_year_only"]
    assert [(p.sheet, p.row, p.header) for p in flagged] == [("incidents", 2, "date precision")]
    assert "dated only by its year" in flagged[0].message("en")


def test_the_list_of_exhibits_gives_the_document_date_and_incidents_cite_in_number_order(
    tmp_path: Path,
) -> None:
    evidence = [
        {"id": "E-1", "incident ids": "B-1", "kind": "photo", "url": "https://example.org/1",
         "document date": "2016-06-30", "captured at": "2016-07-05 10:00"},
        {"id": "E-2", "incident ids": "A-1; B-1", "kind": "official document",
         "url": "https://example.org/2", "document date": "2016-07-02",
         "captured at": "2016-08-01 10:00"},
    ]  # fmt: skip
    incidents = [
        incident_row(id="A-1", date="2016-06-01", evidence_ids="E-2"),
        incident_row(id="B-1", date="2016-06-30", evidence_ids="E-1; E-2"),
    ]
    pages = build(tmp_path, incidents, evidence=evidence)
    listing = text_of(pages["fr"].split('id="bordereau"')[1].split("</table>")[0])
    assert "Pièce n° 1 document officiel 02/07/2016" in listing
    assert "Pièce n° 2 photographie 30/06/2016" in listing
    assert "05/07/2016" not in listing and "01/08/2016" not in listing
    assert "Pièces Pièce n° 1 , Pièce n° 2" in incident_text(pages["fr"], "B-1")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_facts_are_numbered_paragraphs_and_a_page_starts_only_with_a_month(
    tmp_path: Path, lang: str
) -> None:
    incidents = [
        incident_row(id="J-1", date="2016-06-01"),
        incident_row(id="J-2", date="2016-06-15"),
        incident_row(id="K-1", date="2016-07-01"),
    ]
    page = build(tmp_path, incidents)[lang]
    facts = page.split('<section id="faits">')[1].split('<section id="consequences">')[0]
    pieces = facts.split('<div class="page-break"></div>')
    # One page for June (two incidents), one for July; the break before "consequences" is
    # the section's own.
    assert ["§&#160;1 —" in pieces[1], "§&#160;2 —" in pieces[1], "§&#160;3 —" in pieces[2]] == [
        True,
        True,
        True,
    ]
    assert len(pieces) == 4


def test_the_former_detention_code_stays_valid_and_says_what_it_became(tmp_path: Path) -> None:
    incidents = [
        incident_row(id="OLD-1", acts="placement en rétention ou garde à vue"),
        incident_row(id="NEW-1", date="2016-07-01", acts="garde à vue", context="custody"),
    ]
    data = write_input(tmp_path / "data", incidents)
    result = build_dossiers(data, out=tmp_path / "out", formats=("html",))
    warned = [p for p in result.report.warnings if p.code == "completeness_detention_regime"]
    assert [(p.row, p.header) for p in warned] == [(2, "acts")]
    assert "it now reads “deprivation of liberty (regime not specified)”" in warned[0].message("en")
    page = (tmp_path / "out" / "ddd-fr.html").read_text(encoding="utf-8")
    assert "Actes privation de liberté (régime non précisé)" in incident_text(page, "OLD-1")
    assert "Actes placement en garde à vue" in incident_text(page, "NEW-1")
    # Held in custody: R. 434-17 frames it; nothing alleged from the custody alone.
    assert "Cadre de l'intervention Article R. 434-17" in incident_text(page, "NEW-1")
