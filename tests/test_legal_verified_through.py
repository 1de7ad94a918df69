"""A rule whose version nobody confirmed on the date it is judged on is not printed as that day's
text (issue 19): verified_through in legal_basis.toml, and what the DDD complaint says past it."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import docx
import pikepdf
import pytest
from legal_workbook import (
    every_version_confirmed,
    incident_row,
    incident_text,
    text_of,
    write_input,
)

from dossier.assemble.legal_basis import TABLE, load_legal_basis
from dossier.build.pipeline import build_dossiers

BASIS = load_legal_basis()

# The short mark a citation past its bound carries, linked to its row of the table of versions.
MARK = "[version applicable non vérifiée, v. tableau des versions]"
MARK_EN = "[applicable version not verified, see table of versions]"
# Etalab's export of the codes shows them as they stood on 9 May 2015: R. 434-18 and code pénal
# 222-13 are confirmed for facts of that day, not of the next.
R434_18_PAST = f"R. 434-18 du code de la sécurité intérieure {MARK} (emploi de la force"
R434_18_PAST_EN = f"R. 434-18 of the code de la sécurité intérieure {MARK_EN} (force only when"
QUALIFICATION = (
    "la qualification de délit repose sur l'article 222-13, 7° du code pénal, dont la version en "
    "vigueur à la date des faits n'a pas été vérifiée (v. tableau des versions)"
)
# The rules judged on the date of the facts; the others on the signature date.
FACT_KINDS = ("conduct", "context", "penal", "editor", "supervision")
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
    # What the table of versions prints as confirming the bound: a known [[confirmation]].
    source = 'confirmed_by = "etalab-codes"\n'
    unknown = _table_without(tmp_path, "csi-r434-18", source, 'confirmed_by = "a blog"\n')
    with pytest.raises(ValueError, match=r"csi-r434-18.*confirmed_by 'a blog'"):
        load_legal_basis(unknown)
    unsaid = _table_without(tmp_path, "csi-r434-18", source, "")
    with pytest.raises(ValueError, match=r"csi-r434-18.*confirmed_by None"):
        load_legal_basis(unsaid)


def test_every_entry_says_until_when_and_by_what_it_was_confirmed() -> None:
    for rule in load_legal_basis().rules:
        assert rule.verified_by, rule.id
        assert rule.confirmed_by_fr and rule.confirmed_by_en, rule.id
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
    """The HTML of the complaint, its links unwrapped (the mark's words read as one phrase)."""
    return re.sub(r"</?a\b[^>]*>", "", _html(out, lang))


def _html(out: Path, lang: str) -> str:
    return (out / f"ddd-{lang}.html").read_text(encoding="utf-8")


def _versions_table(page: str) -> dict[str, str]:
    """The annex of versions: the words of each row, by the row's id."""
    annex = page.split('<section class="annex" id="versions">')[1].split("</section>")[0]
    return {
        anchor: text_of(re.sub(r"</?a\b[^>]*>", "", row)).strip()
        for anchor, row in re.findall(r'<tr id="([^"]+)">(.*?)</tr>', annex, flags=re.S)
    }


def _mark_targets(page: str) -> dict[str, int]:
    """How many marks link to each row of the table of versions, outside the annex itself."""
    body = page.split('<section class="annex" id="versions">')[0]
    links = re.findall(
        r'<a href="#(version-[^"]+)">(?:tableau des versions|table of versions)', body
    )
    return {anchor: links.count(anchor) for anchor in set(links)}


def test_conduct_and_penal_rules_on_both_sides_of_the_bound(bounded: Path) -> None:
    inside = incident_text(_page(bounded, "fr"), "BND-IN")
    assert (
        "Article R. 434-18 du code de la sécurité intérieure (emploi de la force, seulement si "
        "nécessaire et proportionné) ; article 222-13, 7° du code pénal (violences" in inside
    )
    assert "non vérifiée" not in inside and "Prescription (délit, indicative) 9 mai 2018" in inside
    past = incident_text(_page(bounded, "fr"), "BND-OUT")
    assert R434_18_PAST in past
    assert f"R. 434-14 du code de la sécurité intérieure {MARK}" in past
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
    assert "pour § 3, version applicable non vérifiée, v. tableau des versions" in ethics
    assert "[texte lu" not in ethics and "en vigueur au moins" not in ethics
    # R. 434-14 is brought up by § 3 alone: its summary is not printed as that day's text.
    r434_14 = ethics.split("Article R. 434-14")[1].split("Article R.")[0]
    assert "courtoisie" not in r434_14 and "vouvoiement" not in r434_14
    assert "pour cet incident, version applicable non vérifiée, v. tableau des versions" in r434_14


def test_the_letter_quotes_no_article_whose_version_on_the_signature_date_is_unverified(
    bounded: Path,
) -> None:
    text = text_of(_page(bounded, "fr"))
    # Article 33: read in the undated export of the 2011 law only.
    assert "« Le Défenseur des droits ne peut remettre en cause une décision" not in text
    assert (
        f"article 33 de la loi organique n° 2011-333 {MARK} (pas de remise en cause d'une "
        "décision juridictionnelle)" in text
    )
    assert "« La saisine du Défenseur des droits n'interrompt ni ne suspend" not in text
    # Article 18: the Légifrance page of 19 August 2019 covers the signature date.
    assert "(article 18 de la loi organique n° 2011-333) ;" in text
    english = text_of(_page(bounded, "en"))
    assert f"article 33 of organic law no. 2011-333 {MARK_EN}" in english
    assert "“The Défenseur des droits cannot" not in english


def test_a_conviction_prints_no_date_and_no_unverified_rule_as_the_law(bounded: Path) -> None:
    text = incident_text(_page(bounded, "fr"), "CONV-1")
    assert (
        "Prescription (délit, indicative) date non calculée : une condamnation est enregistrée "
        "pour ces faits, les données ne disant pas à l'égard de qui ; aucun délai n'est calculé "
        "ici pour des faits sur lesquels une juridiction a statué, et la règle qui "
        f"s'appliquerait, article 6, premier alinéa, du code de procédure pénale {MARK} "
        "(extinction de l'action publique par la chose jugée), n'a pas été vérifiée à la date de "
        "signature ; les données ne précisent pas si la décision est définitive." in text
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
    # The same marks, and the same annex with its rows, in the three formats.
    marks = text_of(_page(bounded, "fr")).count(MARK)
    assert marks >= 5
    for words in (french_pdf, french_docx):
        assert words.count(MARK) == marks
        assert "Annexe : versions des textes appliqués" in words
        assert (
            "R. 434-18 du code de la sécurité intérieure 1er janvier 2014 (partie citée ou "
            "résumée) 9 mai 2015" in words
        )
        assert "faits : 10 mai 2015, 1 incident (§ 3)" in words
        assert "date de signature : 15 novembre 2016, prescription : 1 incident (§ 1)" in words
    assert english_pdf.count(MARK_EN) == text_of(_page(bounded, "en")).count(MARK_EN)


def test_each_mark_links_to_its_row_in_the_pdf_and_the_docx(bounded: Path) -> None:
    rows = set(_versions_table(_html(bounded, "fr")))
    # PDF: each row's id is a named destination, and the marks are links to them.
    with pikepdf.open(bounded / "ddd-fr.pdf") as pdf:
        names = pdf.Root.Names.Dests.Names
        destinations = {str(names[i]) for i in range(0, len(names), 2)}
        linked = {
            str(annotation.Dest)
            for page in pdf.pages
            for annotation in page.get("/Annots", [])
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation
        }
    assert rows <= destinations
    assert rows <= linked
    # DOCX: each row is bookmarked, and the marks are internal hyperlinks to those bookmarks.
    body = docx.Document(str(bounded / "ddd-fr.docx")).element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    bookmarks = {b.get(f"{w}name") for b in body.iter(f"{w}bookmarkStart")}
    links = [
        (h.get(f"{w}anchor"), "".join(t.text or "" for t in h.iter(f"{w}t")))
        for h in body.iter(f"{w}hyperlink")
    ]
    to_rows = [anchor for anchor, text in links if text == "tableau des versions"]
    assert to_rows and set(to_rows) <= bookmarks
    assert len(set(to_rows)) == len(rows)


def _cited(text: str, cite: str) -> list[int]:
    """Where ``cite`` is printed in ``text`` (capitalised or not: a citation may open a sentence),
    as the offsets just after it."""
    pattern = re.escape(cite[0].lower()) + "|" + re.escape(cite[0].upper())
    return [m.end() for m in re.finditer(f"(?:{pattern}){re.escape(cite[1:])}", text)]


def _expected_rows(page: str, signed_on: dt.date) -> dict[str, set[str]]:
    """What the table of versions must hold, worked out from the table of rules and the printed
    text alone: for each version cited past its bound, the § of the incidents whose facts are
    dated after it (rules judged on the facts), or "signature" (the others). Every such
    citation must carry the mark; a citation within its bound must not."""
    expected: dict[str, set[str]] = {}
    body = _page_text_before_annex(page)
    for section in page.split('<section class="incident">')[1:]:
        section = section.split("</section>")[0]
        paragraph = re.search(r"§&#160;(\d+) — ", section)
        day = _facts_last_day(section)
        assert paragraph is not None
        text = text_of(re.sub(r"</?a\b[^>]*>", "", section))
        for rule in BASIS.rules:
            if rule.kind not in FACT_KINDS or not rule.in_force(day):
                continue
            for end in _cited(text, rule.cite_fr):
                follows = text[end : end + len(MARK) + 1]
                if day > rule.verified_through:
                    anchor = f"version-{rule.id}-{rule.valid_from}"
                    expected.setdefault(anchor, set()).add(f"§ {paragraph[1]}")
                    qualification = text[end:].startswith(", dont la version en vigueur")
                    assert follows == f" {MARK}" or qualification, (rule.id, text[end - 80 :])
                else:
                    assert MARK not in follows, (rule.id, text[end - 80 :])
    for rule in BASIS.rules:
        if rule.kind in FACT_KINDS or not rule.in_force(signed_on):
            continue
        for end in _cited(body, rule.cite_fr):
            follows = body[end : end + len(MARK) + 1]
            if signed_on > rule.verified_through:
                expected.setdefault(f"version-{rule.id}-{rule.valid_from}", set()).add("signature")
                assert follows == f" {MARK}", (rule.id, body[end - 80 :])
            else:
                assert MARK not in follows, (rule.id, body[end - 80 :])
    return expected


def _page_text_before_annex(page: str) -> str:
    return text_of(
        re.sub(r"</?a\b[^>]*>", "", page.split('<section class="annex" id="versions">')[0])
    )


def _facts_last_day(section: str) -> dt.date:
    """The last day an incident's facts may be dated on, from its page's date in French (to the
    day, « vers le » a day, a month or a year)."""
    words = text_of(section).split(" Date ")[1].split(" Lieu ")[0].replace("1er", "1")
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]  # fmt: skip
    found = re.search(r"(?:(\d{1,2}) )?(?:(" + "|".join(months) + r") )?(\d{4})", words)
    assert found is not None, words
    day, month, year = found.groups()
    if month is None:
        return dt.date(int(year), 12, 31)
    number = months.index(month) + 1
    if day is None:
        following = dt.date(int(year) + number // 12, number % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(int(year), number, int(day))


def _check_the_table(page: str, signed_on: dt.date, signature: str) -> dict[str, str]:
    """Every version cited past its bound has its row, with the dates the dossier applies it
    on; no version within its bound has one; every row is linked from a mark, and every mark
    links to a row."""
    expected = _expected_rows(page, signed_on)
    rows = _versions_table(page)
    assert set(rows) == set(expected)
    assert set(_mark_targets(page)) == set(rows)
    for anchor, applied in expected.items():
        rule = next(r for r in BASIS.rules if f"version-{r.id}-{r.valid_from}" == anchor)
        row = rows[anchor]
        assert row.startswith(rule.cite_fr[0].upper() + rule.cite_fr[1:]), row
        assert rule.confirmed_by_fr in row, row
        paragraphs = {item for item in applied if item != "signature"}
        facts = row.split("date de signature")[0]
        if paragraphs:
            # Up to 20 incidents are listed by § (links), beyond that counted.
            counted = f"{len(paragraphs)} incident{'s' if len(paragraphs) > 1 else ''}"
            assert f", {counted}" in facts, (counted, row)
            listed = set(re.findall(r"§ \d+", facts))
            assert listed == (paragraphs if len(paragraphs) <= 20 else set()), row
        else:
            assert "des faits" not in row, row
        assert ("signature" in applied) is (signature in row), row
    # The ethics section names each rule once, for all its incidents: an entry applied past its
    # bound for some of them says so, in the same words, and links to the same row.
    ethics = page.split('<section id="deontologie">')[1].split("</section>")[0]
    for entry in re.findall(r"<li><strong>.*?</li>", ethics, flags=re.S):
        words = text_of(re.sub(r"</?a\b[^>]*>", "", entry)).strip()
        anchors = {
            f"version-{r.id}-{r.valid_from}"
            for r in BASIS.rules
            if words.startswith(r.cite_fr[0].upper() + r.cite_fr[1:] + " ")
        }
        marked = "version applicable non vérifiée, v. tableau des versions" in words
        assert marked is bool(anchors & set(rows)), words
    return rows


def test_every_version_cited_past_its_bound_has_its_row_and_its_mark(bounded: Path) -> None:
    page = _html(bounded, "fr")
    rows = _check_the_table(page, dt.date(2016, 11, 15), "date de signature : 15 novembre 2016")
    r434_18 = rows["version-csi-r434-18-2014-01-01"]
    assert r434_18 == (
        "Article R. 434-18 du code de la sécurité intérieure 1er janvier 2014 (partie citée ou "
        "résumée) 9 mai 2015 export "
        "Etalab de la base LEGI, qui montre les codes tels qu'en vigueur le 9 mai 2015 date des "
        "faits : 10 mai 2015, 1 incident (§ 3)"
    )
    assert "aucune date ultérieure confirmée" in rows["version-lo-art33-2011-03-31"]
    # Verified on the signature date (Légifrance, 19 August 2019; doctrine.fr to 2023): no row.
    assert "version-lo-art18-2011-03-31" not in rows
    assert "version-lo-art25-2011-03-31" not in rows
    # The letter and the ethics section send the reader to the annex.
    letter = text_of(page.split('<section class="letter">')[1].split("</section>")[0])
    assert "récapitulés en annexe ( versions des textes appliqués )" in letter
    english = _html(bounded, "en")
    assert set(_versions_table(english)) == set(rows)
    assert (
        _versions_table(english)["version-csi-r434-18-2014-01-01"]
        == "Article R. 434-18 of the code de la sécurité intérieure January 1, 2014 (part quoted "
        "or summarised) May 9, 2015 "
        "Etalab's export of the LEGI database, which shows the codes as in force on May 9, 2015 "
        "date of the facts: May 10, 2015, 1 incident (§ 3)"
    )


def test_the_sample_cites_no_version_past_its_bound_without_its_mark_and_row(
    tmp_path: Path,
) -> None:
    sample = Path(__file__).resolve().parent.parent / "sample_data"
    build_dossiers(sample / "incidents.xlsx", out=tmp_path, formats=("html",), langs=("fr",),
                   layouts=("ddd",))  # fmt: skip
    page = _html(tmp_path, "fr")
    rows = _check_the_table(page, dt.date(2016, 11, 15), "date de signature : 15 novembre 2016")
    # Facts judged after 9 May 2015 under the police code, and the organic law read undated.
    assert "version-csi-r434-18-2014-01-01" in rows and "version-lo-art4-2011-03-31" in rows
    assert sum(_mark_targets(page).values()) >= len(rows)
    # The old long notes are gone.
    assert "texte lu dans sa version" not in text_of(page)
    # R. 515-7 was amended on 19 February 2015 (« opinions syndicales ») without touching the
    # summary the table keeps: its row says its dates are those of the part retained (a
    # lawyer's review read « version du 1er janvier 2014, en vigueur au moins jusqu'au 9 mai
    # 2015 » as a claim about the whole article).
    r515_7 = rows["version-csi-r515-7-2014-01-01"]
    assert "1er janvier 2014 (partie citée ou résumée) 9 mai 2015" in r515_7
    assert "partie citée" not in rows["version-lo-art4-2011-03-31"]
    assert "les dates sont celles de cette partie : l'article a pu être modifié ailleurs" in (
        text_of(page)
    )


def test_a_dossier_with_every_version_confirmed_has_no_table(tmp_path: Path) -> None:
    data = write_input(tmp_path / "data", [incident_row(id="OLD-1", date="2015-01-10")])
    with every_version_confirmed():
        build_dossiers(data, out=tmp_path / "out", formats=("html",))
    for lang in ("fr", "en"):
        page = _html(tmp_path / "out", lang)
        assert 'id="versions"' not in page and "version-" not in page
        assert "non vérifiée" not in page and "not verified" not in page


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
    assert (f"article 6, premier alinéa, du code de procédure pénale {MARK}" in text) is not quoted
    rows = _versions_table(_html(tmp_path / "out", "fr")) if not quoted else {}
    if not quoted:
        assert (
            "date de signature : 10 mai 2015, prescription : 1 incident (§ 1)"
            in (rows["version-cpp-6-1999-06-24"])
        )
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
    assert f"R. 434-18 du code de la sécurité intérieure {MARK}" in incident_text(page, "YEAR-1")
    assert "non vérifiée" not in incident_text(page, "APR-1")
    assert f"R. 434-18 du code de la sécurité intérieure {MARK}" in incident_text(page, "MAY-1")
    # The table gives the facts' dates as the dossier knows them: a year, a month.
    row = _versions_table(_html(tmp_path / "out", "fr"))["version-csi-r434-18-2014-01-01"]
    assert "dates des faits : 2015 – mai 2015, 2 incidents (§ 1, § 3)" in row


def test_a_capitalised_citation_keeps_its_note_as_markup(tmp_path: Path) -> None:
    # « Article 8 de la loi organique … [version applicable non vérifiée, v. tableau des
    # versions] » opens a paragraph: the filter that capitalises it must keep the mark's link
    # a link, and print no markup as text.
    data = write_input(tmp_path / "data", [incident_row()], signed_on="2016-11-15")
    build_dossiers(data, out=tmp_path / "out", formats=("html", "docx"))
    html = (tmp_path / "out" / "ddd-fr.html").read_text(encoding="utf-8")
    assert f"Article 8 de la loi organique n° 2011-333 {MARK}" in text_of(
        re.sub(r"</?a\b[^>]*>", "", html)
    )
    assert "&amp;#" not in html and "&lt;a" not in html
    assert (
        "<p>Article 8 de la loi organique n°\u00a02011-333 [version applicable non vérifiée, v. "
        '<a href="#version-lo-art8-2011-03-31">tableau des versions</a>]' in html
    )
    paragraphs = "\n".join(
        p.text for p in docx.Document(str(tmp_path / "out" / "ddd-fr.docx")).paragraphs
    )
    assert "&#160;" not in paragraphs and "Article 8 de la loi organique" in paragraphs
