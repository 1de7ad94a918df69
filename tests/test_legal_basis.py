"""The legal basis as data (issue 19, pt 2): the table, and each incident's rules by force."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from legal_workbook import build, incident_row, incident_text, text_of

from dossier.assemble.legal_basis import KINDS, load_legal_basis
from dossier.build.pipeline import build_dossiers
from dossier.schema import vocab

BASIS = load_legal_basis()

# What a legal reference looks like in a dossier's text: an article of a code (R. 434-18,
# L. 632-1, 222-13, 15-3), an article of a law (article 23, art. 6), a law by number, a
# decision of the Défenseur, an order.
REFERENCE = re.compile(
    r"\b[RLD]\. ?\d{3}-\d+(?:-\d+)?"
    r"|\barticles? \d+(?:-\d+)*"
    r"|\bart\. ?\d+(?:-\d+)*"
    r"|\bloi(?: organique)? n° ?\d{4}-\d+"
    r"|\blaw no\. ?\d{4}-\d+"
    r"|\bMDS-\d{4}-\d+"
    r"|\barrêté du \d+ \w+ \d{4}|\border of \d+ \w+ \d{4}",
    re.IGNORECASE,
)


def _fold(reference: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", reference).strip().lower()


ALLOWED = {_fold(ref) for ref in BASIS.refs()}


def references_not_in_table(text: str) -> list[str]:
    """Every legal reference of ``text`` no rule of the table declares."""
    unknown = []
    for match in REFERENCE.finditer(text):
        found = _fold(match.group(0))
        # "articles 18" in "articles 18 (…), 20 et 22" is art. 23's own wording.
        if found not in ALLOWED and found.replace("articles", "article") not in ALLOWED:
            unknown.append(match.group(0))
    return unknown


# -- the table ---------------------------------------------------------------------------------


def test_every_rule_is_complete_sourced_and_uses_the_tools_codes() -> None:
    ids = [rule.id for rule in BASIS.rules]
    assert len(ids) == len(set(ids))
    acts_and_contexts = set(vocab.ACT.codes) | set(vocab.CONTEXT.codes)
    for rule in BASIS.rules:
        assert rule.status in ("verified", "partly"), rule.id
        assert rule.source and rule.url.startswith("https://"), rule.id
        assert rule.refs and rule.cite_fr and rule.cite_en and rule.gloss_fr and rule.gloss_en
        assert rule.valid_from is not None, rule.id
        if rule.valid_until is not None:
            assert rule.valid_until >= rule.valid_from, rule.id
        assert rule.forces <= set(vocab.FORCE.codes), rule.id
        assert (rule.acts | rule.context | rule.requires) <= acts_and_contexts, rule.id
        if rule.kind in KINDS:
            assert rule.forces, f"{rule.id}: a rule of conduct binds named forces"
        # Every printed reference of the rule is one of its declared refs.
        for text in (rule.cite_fr, rule.cite_en):
            assert references_not_in_table(text) == [], (rule.id, text)


def test_no_police_rule_binds_another_force() -> None:
    police = {"national_police", "crs", "paf", "gendarmerie", "mobile_gendarmerie"}
    for rule in BASIS.rules:
        if any(ref.startswith("R. 434-") for ref in rule.refs):
            assert rule.forces <= police, rule.id
        if any(ref.startswith("R. 631-") for ref in rule.refs):
            assert rule.forces == {"private_security"}, rule.id
        if any(ref.startswith("R. 515-") for ref in rule.refs):
            assert rule.forces == {"municipal_police"}, rule.id


def test_a_rule_is_printed_only_in_the_version_in_force() -> None:
    assert BASIS.get("cpp-8-2014", dt.date(2016, 11, 15)) is not None
    assert BASIS.get("cpp-8-2017", dt.date(2016, 11, 15)) is None
    assert BASIS.get("cpp-8-2017", dt.date(2017, 3, 1)) is not None
    assert BASIS.get("cpp-8-2014", dt.date(2017, 3, 1)) is None
    assert BASIS.get("ddd-mds-2014-150", dt.date(2014, 12, 8)) is None


# -- what the dossier prints --------------------------------------------------------------------

EVERY_FORCE = [
    incident_row(id="PN-1", forces="national police",
                 acts="physical violence; insults or racist remarks", rio_visible="no"),
    incident_row(id="PS-1", date="2016-06-02", forces="private security",
                 acts="physical violence; dog; threats; arrest"),
    incident_row(id="PM-1", date="2016-06-03", forces="municipal police",
                 acts="physical violence; humiliating treatment; arrest"),
    incident_row(id="DO-1", date="2016-06-04", forces="customs", acts="search; physical violence"),
    incident_row(id="IC-1", date="2016-06-05", forces="CRS", acts="identity check",
                 context="identity check"),
    incident_row(id="UN-1", date="2016-06-06", forces="unidentified", acts="tear gas"),
    incident_row(id="CR-1", date="2016-06-07", forces="gendarmerie",
                 acts="complaint refused; arrest", ECHR_art_3="yes"),
]  # fmt: skip


@pytest.fixture(scope="module")
def every_force(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return build(tmp_path_factory.mktemp("every_force"), EVERY_FORCE)


def test_the_dossier_prints_no_legal_reference_outside_the_table(
    every_force: dict[str, str], tmp_path: Path
) -> None:
    later = build(tmp_path, EVERY_FORCE, signed_on="2017-06-01")
    for lang, page in [*every_force.items(), *(("later-" + k, v) for k, v in later.items())]:
        text = text_of(page)
        assert REFERENCE.search(text), lang  # the scan sees references at all
        assert references_not_in_table(text) == [], lang


def test_the_check_catches_a_reference_outside_the_table() -> None:
    assert references_not_in_table("voir l'article R. 434-99 et l'article 222-33") == [
        "R. 434-99",
        "article 222-33",
    ]


def test_private_security_cites_its_own_code_and_the_cnaps_never_the_police_code(
    every_force: dict[str, str],
) -> None:
    for lang in ("fr", "en"):
        text = incident_text(every_force[lang], "PS-1")
        assert "R. 631-10" in text and "R. 631-7" in text and "R. 631-27" in text
        assert "L. 632-1" in text and "CNAPS" in text
        assert "R. 434-" not in text and "R. 515-" not in text
        # Not a person holding public authority: no 222-13, 7°.
        assert "222-13" not in text


def test_municipal_police_cites_r515(every_force: dict[str, str]) -> None:
    text = incident_text(every_force["fr"], "PM-1")
    assert "R. 515-9" in text and "R. 515-7" in text and "R. 515-14" in text
    assert "R. 434-" not in text and "R. 631-" not in text


def test_an_identity_check_cites_r434_16_as_context(every_force: dict[str, str]) -> None:
    text = incident_text(every_force["fr"], "IC-1")
    assert "Cadre de l'intervention Article R. 434-16" in text
    assert (
        "règle qui encadre cet acte ; il appartient au Défenseur des droits d'apprécier, au vu du "
        "récit, si elle a été respectée" in text
    )
    assert "Règles en cause aucune règle n'est rattachée aux actes renseignés" in text
    english = incident_text(every_force["en"], "IC-1")
    assert "Framework of the intervention Article R. 434-16" in english


def test_national_police_rules_and_the_rio(every_force: dict[str, str]) -> None:
    text = incident_text(every_force["fr"], "PN-1")
    for ref in ("R. 434-18", "R. 434-14", "R. 434-11", "R. 434-15", "arrêté du 24 décembre 2013"):
        assert ref.lower() in text.lower(), ref
    assert "222-13, 7°" in text
    assert "R. 434-17" not in text  # nobody was apprehended


def test_an_arrest_alone_is_context_and_a_refused_complaint_is_15_3(
    every_force: dict[str, str],
) -> None:
    text = incident_text(every_force["fr"], "CR-1")
    assert "Article 15-3 du code de procédure pénale" in text
    rules, framing = text.split("Cadre de l'intervention")
    assert "R. 434-17" not in rules and "R. 434-17" in framing


def test_echr_article_3_only_where_the_editor_marks_it(every_force: dict[str, str]) -> None:
    marked = incident_text(every_force["fr"], "CR-1")
    assert "article 3 de la Convention européenne des droits de l'homme" in marked
    for incident_id in ("PN-1", "PS-1", "PM-1", "DO-1", "IC-1", "UN-1"):
        assert "Convention européenne" not in incident_text(every_force["fr"], incident_id)


def test_customs_and_unidentified_forces_get_no_borrowed_code(every_force: dict[str, str]) -> None:
    customs = incident_text(every_force["fr"], "DO-1")
    assert "aucune règle de déontologie propre aux douanes n'est citée" in customs
    assert "R. 434-" not in customs and "R. 631-" not in customs
    unknown = incident_text(every_force["en"], "UN-1")
    assert "forces not identified: the applicable rule depends on the force involved" in unknown
    assert "R. 4" not in unknown and "222-13" not in unknown


def test_a_mixed_incident_says_which_force_each_rule_binds(tmp_path: Path) -> None:
    pages = build(
        tmp_path,
        [
            incident_row(id="MIX-1", forces="private security; border police", acts="dog",
                         rio_visible="no"),
            incident_row(id="MIX-3", forces="private security; border police; CRS",
                         acts="dog", rio_visible="no"),
        ],
    )  # fmt: skip
    text = incident_text(re.sub(r"</?a\b[^>]*>", "", pages["fr"]), "MIX-1")
    # Facts of 30 June 2016, after the last day R. 434-18's version was confirmed (9 May 2015):
    # the citation carries the mark that sends the reader to the table of versions.
    assert (
        "R. 434-18 du code de la sécurité intérieure [version applicable non vérifiée, v. tableau "
        "des versions] (emploi de la force" in text
    )
    # The data does not say which force set the dog on: each rule applies only if its force did.
    caveat = "les données ne disant pas quelle force présente l'a commis)"
    only_if = "ne s'applique que si l'acte est le fait de la force suivante"
    assert f"{only_if} : police aux frontières, {caveat}" in text
    assert "R. 631-10" in text
    assert f"{only_if} : sécurité privée, {caveat}" in text
    # A rule that concerns a force's presence (a RIO not visible) says which, in French.
    assert "(identification individuelle de l'agent ; ne concerne que la force suivante : police " \
        "aux frontières)" in text  # fmt: skip
    several = incident_text(re.sub(r"</?a\b[^>]*>", "", pages["fr"]), "MIX-3")
    assert "ne concerne que les forces suivantes : CRS et police aux frontières)" in several
    assert "est le fait de l'une des forces suivantes : CRS ou police aux frontières," in several
    # No preposition before a colon (« le fait de : », « commis par : », « ne concerne que : »).
    for page in (text, several):
        assert re.search(r"\b(?:de|par|que) : ", page) is None
    english = incident_text(pages["en"], "MIX-1")
    assert "applies only if the act was done by: border police, as the data does not say" in english


def test_the_documentation_lists_every_rule() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "legal-basis.md").read_text("utf-8")
    for rule in BASIS.rules:
        assert f"`{rule.id}` — {rule.cite_fr}" in doc, rule.id
        assert rule.source in doc, rule.id
        start = rule.valid_from.isoformat() if rule.valid_from else "—"
        end = rule.valid_until.isoformat() if rule.valid_until else "no end known"
        assert f"**Valid**: {start} → {end}. **Status**: {rule.status}." in doc, rule.id
        # Each entry records the day its wording and dates were checked against the source.
        entry = doc.split(f"#### `{rule.id}` — ")[1].split("#### `")[0]
        assert f"**Verified on**: {rule.verified_on.isoformat()}." in entry, rule.id
        # ... and the last day a source confirmed the version, with what confirms it.
        bound = f"**Verified through**: {rule.verified_through.isoformat()} — {rule.verified_by}."
        assert bound in entry, rule.id
        assert f"| `{rule.id}` | {rule.kind} |" in doc, rule.id


def test_the_sample_complaint_prints_no_legal_reference_outside_the_table(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parent.parent / "sample_data" / "incidents.xlsx"
    build_dossiers(sample, out=tmp_path, formats=("html",))
    for lang in ("fr", "en"):
        text = text_of((tmp_path / f"ddd-{lang}.html").read_text(encoding="utf-8"))
        assert "R. 434-16" in text and "R. 631-10" in text and "R. 515-9" in text
        assert references_not_in_table(text) == [], lang
