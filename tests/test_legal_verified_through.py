"""A rule whose version nobody confirmed on the date it is judged on is not printed as that day's
text (issue 19): verified_through in legal_basis.toml, and what the DDD complaint says past it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from legal_workbook import incident_row, incident_text, text_of, write_input

from dossier.assemble.legal_basis import TABLE, load_legal_basis
from dossier.build.pipeline import build_dossiers

# Etalab's export of the codes shows them as they stood on 9 May 2015: R. 434-18 and code pénal
# 222-13 are confirmed for facts of that day, not of the next.
R434_18_PAST = (
    "R. 434-18 du code de la sécurité intérieure [version en vigueur au 10 mai 2015 non "
    "vérifiée : texte lu dans sa version du 1er janvier 2014, en vigueur au moins jusqu'au "
    "9 mai 2015] (emploi de la force"
)
R434_18_PAST_EN = (
    "R. 434-18 of the code de la sécurité intérieure [version in force on May 10, 2015 not "
    "verified: text read in its version of January 1, 2014, in force until at least May 9, "
    "2015] (force only when"
)
QUALIFICATION = (
    "la qualification de délit repose sur l'article 222-13, 7° du code pénal, dont la version en "
    "vigueur à la date des faits n'a pas été vérifiée (ci-dessus)"
)
CHOSE_JUGEE = (
    "« L'action publique pour l'application de la peine s'éteint par la mort du prévenu, la "
    "prescription, l'amnistie, l'abrogation de la loi pénale et la chose jugée » (article 6, "
    "premier alinéa, du code de procédure pénale) : si cette décision est devenue définitive, ce "
    "que les données ne précisent pas, l'action publique est éteinte pour les faits et les "
    "personnes qu'elle a jugés."
)


def _table_without(tmp_path: Path, rule_id: str, line: str, replacement: str) -> Path:
    """A copy of the table where one line of one entry is replaced (or dropped)."""
    text = TABLE.read_text(encoding="utf-8")
    start = text.index(f'id = "{rule_id}"')
    end = text.index("[[", start)
    entry = text[start:end]
    assert line in entry
    copy = tmp_path / "legal_basis.toml"
    copy.write_text(text[:start] + entry.replace(line, replacement) + text[end:], "utf-8")
    return copy


def test_loading_the_table_fails_without_a_bound_or_with_one_outside_the_version(
    tmp_path: Path,
) -> None:
    bound = 'verified_through = "2015-05-09"\n'
    missing = _table_without(tmp_path, "csi-r434-18", bound, "")
    with pytest.raises(ValueError, match=r"csi-r434-18.*has no verified_through"):
        load_legal_basis(missing)
    early = _table_without(tmp_path, "csi-r434-18", bound, 'verified_through = "2013-12-31"\n')
    with pytest.raises(ValueError, match=r"csi-r434-18.*before valid_from"):
        load_legal_basis(early)
    late = _table_without(tmp_path, "cpp-8-2014", 'verified_through = "2017-02-28"\n',
                          'verified_through = "2017-03-01"\n')  # fmt: skip
    with pytest.raises(ValueError, match=r"cpp-8-2014.*after valid_until"):
        load_legal_basis(late)


def test_every_entry_says_until_when_and_by_what_it_was_confirmed() -> None:
    for rule in load_legal_basis().rules:
        assert rule.verified_by, rule.id
        # The bracket past the bound prints the version's start: every entry has one.
        assert rule.valid_from is not None and rule.verified_through >= rule.valid_from, rule.id
        # No wording read in the export of 9 May 2015 is confirmed later by the export.
        if "as it stood on 9 May 2015" in rule.verified_by:
            assert rule.verified_through.isoformat() == "2015-05-09", rule.id


@pytest.fixture(scope="module")
def bounded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The complaint, signed on 15 November 2016, in every format, for facts on both sides of
    9 May 2015 and a conviction."""
    folder = tmp_path_factory.mktemp("bounded")
    incidents = [
        incident_row(id="BND-IN", date="2015-05-09"),
        incident_row(id="BND-OUT", date="2015-05-10",
                     acts="physical violence; insults or racist remarks"),
        incident_row(id="CONV-1", date="2015-04-01"),
    ]  # fmt: skip
    steps = [{"id": "PR-1", "incident id": "CONV-1", "type": "court action",
              "status": "conviction", "date": "2016-03-01", "reference": "TC 16/001"}]  # fmt: skip
    data = write_input(folder / "data", incidents, proceedings=steps)
    build_dossiers(data, out=folder / "out", formats=("html", "pdf", "docx"))
    return folder / "out"


def _page(out: Path, lang: str) -> str:
    return (out / f"ddd-{lang}.html").read_text(encoding="utf-8")


def test_conduct_and_penal_rules_on_both_sides_of_the_bound(bounded: Path) -> None:
    inside = incident_text(_page(bounded, "fr"), "BND-IN")
    assert (
        "Article R. 434-18 du code de la sécurité intérieure (emploi de la force, seulement si "
        "nécessaire et proportionné) ; article 222-13, 7° du code pénal (violences" in inside
    )
    assert "non vérifiée" not in inside and "Prescription (délit, indicative) 9 mai 2018" in inside
    past = incident_text(_page(bounded, "fr"), "BND-OUT")
    assert R434_18_PAST in past
    assert "R. 434-14 du code de la sécurité intérieure [version en vigueur au 10 mai 2015" in past
    # The limitation date rests on 222-13, whose version on the date of the facts is unverified.
    assert "Prescription (délit, indicative) 10 mai 2018, à défaut d'acte" in past
    assert QUALIFICATION in past
    english = incident_text(_page(bounded, "en"), "BND-OUT")
    assert R434_18_PAST_EN in english
    assert "the qualification as a délit rests on article 222-13, 7° of the code pénal" in english
    assert "not verified" not in incident_text(_page(bounded, "en"), "BND-IN")


def test_the_ethics_section_prints_a_wording_only_for_the_dates_it_was_confirmed(
    bounded: Path,
) -> None:
    section = _page(bounded, "fr").split('<section id="deontologie">')[1].split("</section>")[0]
    ethics = text_of(section).replace(" ,", ",")
    # R. 434-18: confirmed for § 1 and § 2 (facts up to 9 May 2015), not for § 3.
    assert "Le policier ou le gendarme emploie la force" in ethics
    assert (
        "pour § 3, version en vigueur à la date des faits non vérifiée [texte lu dans sa version "
        "du 1er janvier 2014, en vigueur au moins jusqu'au 9 mai 2015]" in ethics
    )
    # R. 434-14 is brought up by § 3 alone: its summary is not printed as that day's text.
    r434_14 = ethics.split("Article R. 434-14")[1].split("Article R.")[0]
    assert "courtoisie" not in r434_14 and "vouvoiement" not in r434_14
    assert "pour cet incident, version en vigueur à la date des faits non vérifiée" in r434_14


def test_the_letter_quotes_no_article_whose_version_on_the_signature_date_is_unverified(
    bounded: Path,
) -> None:
    text = text_of(_page(bounded, "fr"))
    # Article 33: read in the undated export of the 2011 law only.
    assert "« Le Défenseur des droits ne peut remettre en cause une décision" not in text
    assert (
        "article 33 de la loi organique n° 2011-333 [version en vigueur au 15 novembre 2016 non "
        "vérifiée : texte lu dans sa version du 31 mars 2011, aucune date ultérieure n'étant "
        "confirmée] (pas de remise en cause d'une décision juridictionnelle)" in text
    )
    assert "« La saisine du Défenseur des droits n'interrompt ni ne suspend" not in text
    # Article 18: the Légifrance page of 19 August 2019 covers the signature date.
    assert "(article 18 de la loi organique n° 2011-333) ;" in text
    english = text_of(_page(bounded, "en"))
    assert "[version in force on November 15, 2016 not verified: text read in its version of " in (
        english
    )
    assert "“The Défenseur des droits cannot" not in english


def test_a_conviction_prints_no_date_and_no_unverified_rule_as_the_law(bounded: Path) -> None:
    text = incident_text(_page(bounded, "fr"), "CONV-1")
    assert (
        "Prescription (délit, indicative) date non calculée : une condamnation est enregistrée "
        "pour ces faits, les données ne disant pas à l'égard de qui ; aucun délai n'est calculé "
        "ici pour des faits sur lesquels une juridiction a statué, et la règle qui "
        "s'appliquerait, article 6, premier alinéa, du code "
        "de procédure pénale [version en vigueur au 15 novembre 2016 non vérifiée : texte lu dans "
        "sa version du 24 juin 1999, en vigueur au moins jusqu'au 9 mai 2015] (extinction de "
        "l'action publique par la chose jugée), n'a pas été vérifiée à la date de signature ; les "
        "données ne précisent pas si la décision est définitive." in text
    )
    assert "ont pu interrompre" not in text and "définitive, ce que" not in text
    english = incident_text(_page(bounded, "en"), "CONV-1")
    assert (
        "date not computed: a conviction is recorded for these facts, the data not saying against "
        "whom; "
        "no period is computed here" in (english)
    )


def _words(path: Path) -> str:
    """What pdftotext reads, hyphenations joined and spaces made plain."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    text = re.sub(r"(\w)[-\u2010]\n(\w)", r"\1\2", text).replace("\u2019", "'")
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_the_pdf_and_the_docx_say_it_as_the_html_does(bounded: Path) -> None:
    french_pdf = _words(bounded / "ddd-fr.pdf")
    document = docx.Document(str(bounded / "ddd-fr.docx"))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    french_docx = re.sub(
        r"[\s\u00a0\u202f]+", " ", " ".join([p.text for p in document.paragraphs] + cells)
    ).replace("\u2019", "'")
    for words in (french_pdf, french_docx):
        assert R434_18_PAST in words
        assert QUALIFICATION in words
        assert "(extinction de l'action publique par la chose jugée), n'a pas été vérifiée" in words
    english_pdf = _words(bounded / "ddd-en.pdf")
    assert R434_18_PAST_EN in english_pdf


@pytest.mark.parametrize(("signed_on", "quoted"), [("2015-05-09", True), ("2015-05-10", False)])
def test_article_6_of_the_cpp_on_both_sides_of_its_bound(
    tmp_path: Path, signed_on: str, quoted: bool
) -> None:
    # CPP art. 6 is confirmed to 9 May 2015 (the export): a dossier signed that day quotes it.
    steps = [{"id": "PR-1", "incident id": "CAL-2016-0001", "type": "court action",
              "status": "conviction", "date": "2015-04-01"}]  # fmt: skip
    data = write_input(tmp_path / "data", [incident_row(date="2015-01-10")], proceedings=steps,
                       signed_on=signed_on)  # fmt: skip
    build_dossiers(data, out=tmp_path / "out", formats=("html",))
    text = incident_text(_page(tmp_path / "out", "fr"), "CAL-2016-0001")
    assert (CHOSE_JUGEE in text) is quoted
    assert ("[version en vigueur au 10 mai 2015 non vérifiée" in text) is not quoted
    assert "ont pu interrompre" not in text


def test_a_date_known_by_its_month_or_year_is_verified_only_to_its_last_day(
    tmp_path: Path,
) -> None:
    # Facts of « 2015 » may be of December 2015, after the export of 9 May 2015; facts of
    # « April 2015 » are all before it; facts of « May 2015 » may be after it.
    incidents = [
        incident_row(id="YEAR-1", date="2015-01-01", date_precision="year"),
        incident_row(id="APR-1", date="2015-04-01", date_precision="month"),
        incident_row(id="MAY-1", date="2015-05-01", date_precision="month"),
    ]
    data = write_input(tmp_path / "data", incidents)
    build_dossiers(data, out=tmp_path / "out", formats=("html",), langs=("fr",))
    page = _page(tmp_path / "out", "fr")
    assert (
        "R. 434-18 du code de la sécurité intérieure [version en vigueur au 31 décembre 2015 "
        in (incident_text(page, "YEAR-1"))
    )
    assert "non vérifiée" not in incident_text(page, "APR-1")
    assert "[version en vigueur au 31 mai 2015 non vérifiée" in incident_text(page, "MAY-1")


def test_a_capitalised_citation_keeps_its_note_as_markup(tmp_path: Path) -> None:
    # « Article 8 de la loi organique … [version … non vérifiée : …] » opens a paragraph: the
    # filter that capitalises it must not turn the note's no-break spaces into "&#160;" as text.
    data = write_input(tmp_path / "data", [incident_row()], signed_on="2016-11-15")
    build_dossiers(data, out=tmp_path / "out", formats=("html", "docx"))
    html = (tmp_path / "out" / "ddd-fr.html").read_text(encoding="utf-8")
    assert "Article 8 de la loi organique n° 2011-333 [version en vigueur au 15 novembre" in (
        text_of(html)
    )
    assert "&amp;#" not in html
    paragraphs = "\n".join(
        p.text for p in docx.Document(str(tmp_path / "out" / "ddd-fr.docx")).paragraphs
    )
    assert "&#160;" not in paragraphs and "Article 8 de la loi organique" in paragraphs
