"""The sample report read back from its PDFs: each footnote cites an interview about its incident.

The chain is checked from what a reader sees: each footnote of a case names interviews and the
log entry of the incident; each of those interviews must be a row of the sample's interviews
sheet with the same person, place and date, about that very incident, held on or after it.
Quote footnotes name one interview each, which must exist the same way. Every findings chapter
with cases this edition tells quotes someone; the map and the letters annex are there.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from helpers import REPO, TODAY
from test_build import EPOCH

from dossier.assemble.people import describe_person
from dossier.build.pipeline import build_dossiers
from dossier.i18n.l10n import long_date
from dossier.validate.rows import Dataset, load_and_validate

SAMPLE = REPO / "sample_data"
ORG = "Observatoire citoyen du littoral"


@dataclass
class Built:
    dataset: Dataset
    pages: dict[str, list[str]]  # lang → the text of each page
    out: Path  # the folder the reports were built in


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("sample-report")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build_dossiers(
            SAMPLE / "incidents.xlsx", layouts=("report",), formats=("pdf", "docx"), out=out
        )
    dataset, report = load_and_validate(SAMPLE / "incidents.xlsx", today=TODAY)
    assert report.ok
    pages = {}
    for lang in ("fr", "en"):
        text = subprocess.run(
            ["pdftotext", str(out / f"report-{lang}.pdf"), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        pages[lang] = [
            page.replace("\u00a0", " ").replace("\u202f", " ") for page in text.split("\f")
        ]
    return Built(dataset, pages, out)


def footnotes(pages: list[str]) -> Iterator[str]:
    """Each footnote's text, its lines joined: a footnote starts a line with its number."""
    for page in pages:
        current: list[str] = []
        for line in page.splitlines():
            if re.match(r"^\d+\. ", line):
                if current:
                    yield " ".join(current)
                current = [re.sub(r"^\d+\. ", "", line)]
            elif current and line.strip():
                current.append(line.strip())
            elif current:
                yield " ".join(current)
                current = []
        if current:
            yield " ".join(current)


CITATION = {
    "en": re.compile(
        r"(?:group |telephone )?interview with (.+?), ([^,]+), (\w+ \d{1,2}, \d{4})\."
    ),
    "fr": re.compile(
        r"Entretien(?: collectif| téléphonique)? de .+? avec (.+?), ([^,]+), "
        r"(\d{1,2}(?:er)? \w+ \d{4})\."
    ),
}
ENTRY = {"en": re.compile(r"incident log, entry (\S+)\."), "fr": re.compile(r"fiche (\S+)\.")}


def designations(dataset: Dataset, lang: str) -> dict[str, str]:
    """How the report may name each person: pseudonym, or description when they refused."""
    return {
        (p.pseudonym if p.publication_consent != "none" else describe_person(p, lang)).replace(
            "\u00a0", " "
        ): p.id
        for p in dataset.persons
    }


def people_in(names: str) -> list[str]:
    return [n for n in re.split(r", | and | et ", names) if n]


def day(text: str, lang: str) -> dt.date:
    """The date a footnote prints (the dates of the sample's years, formatted as dossier does)."""
    for offset in range(365 * 4):
        candidate = dt.date(2014, 1, 1) + dt.timedelta(days=offset)
        if long_date(candidate, lang).replace("\u00a0", " ") == text:
            return candidate
    raise AssertionError(text)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_footnote_cites_an_interview_about_its_incident(built: Built, lang: str) -> None:
    dataset = built.dataset
    incidents = {i.id: i for i in dataset.incidents}
    named = designations(dataset, lang)
    interviews = dataset.interviews
    cases = quotes = 0
    for note in footnotes(built.pages[lang]):
        cited = CITATION[lang].findall(note)
        if not cited:
            continue
        entry = ENTRY[lang].search(note)
        for names, place, when in cited:
            date = day(when, lang)
            people = {named[name] for name in people_in(names)}
            matching = [
                i
                for i in interviews
                if i.date == date and i.place == place and people <= set(i.person_ids)
            ]
            assert matching, (lang, note)
            if entry is not None:
                incident = incidents[entry.group(1)]
                about = [i for i in matching if incident.id in i.incident_ids]
                assert about, f"{note}: no such interview about {incident.id}"
                assert all(i.date >= incident.date for i in about if i.date), note
        if entry is not None:
            cases += 1
        else:
            assert len(cited) == 1, note  # a quote's footnote: the one interview it was said in
            quotes += 1
    assert cases >= 10 and quotes >= 10, (cases, quotes)


CHAPTERS = {
    "en": [
        "Tear gas and pepper spray",
        "Physical violence: beatings, rubber bullets and grenades, dogs",
        "Insults, threats and degrading treatment",
        "Belongings destroyed or seized",
        "Evictions and pushbacks",
        "Identity checks, searches, arrests and detention",
        "Children",
        "Obstruction of humanitarian aid and of observers",
        "Identification number (RIO) not worn",
    ],
    "fr": [
        "Gaz lacrymogène",
        "Violences physiques : coups, tirs de LBD et de grenades, chiens",
        "Insultes, menaces et traitements dégradants",
        "Biens détruits ou confisqués",
        "Expulsions et refoulements",
        "Contrôles, fouilles, interpellations et rétention",
        "Enfants",
        "Entraves à l'aide humanitaire et aux observateurs",
        "Numéro d'identification (RIO) non porté",
    ],
}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_chapter_with_cases_quotes_someone(built: Built, lang: str) -> None:
    body = " ".join(built.pages[lang][3:])
    told = "told " + ORG if lang == "en" else "a raconté à l'" + ORG
    flat = re.sub(r"\s+", " ", body).replace("\u2019", "'")
    starts = []
    for title in CHAPTERS[lang]:
        # The chapter's heading, followed by its opening sentence.
        match = re.search(re.escape(title) + r" (?:L')?" + re.escape(ORG), flat)
        assert match, title
        starts.append(match.start())
    ends = [*starts[1:], flat.index("Legal standards" if lang == "en" else "Normes juridiques")]
    for title, start, end in zip(CHAPTERS[lang], starts, ends, strict=True):
        chapter = flat[start:end]
        if "None of these" in chapter or "Aucun de ces" in chapter:
            continue
        assert told in chapter, title


@pytest.mark.slow
def test_the_sample_report_has_its_map_letters_and_sentences(built: Built) -> None:
    dataset = built.dataset
    en = flat_text(built.pages["en"])
    fr = flat_text(built.pages["fr"])
    assert "Map 1. Incidents recorded by commune." in en
    assert "Carte 1. Incidents enregistrés par commune." in fr
    assert "Annex V: letters to the authorities and their replies" in en
    # The parts an HRW report has: key recommendations up front, the full ones and the
    # acknowledgments at the end, before the annexes.
    en, fr = en.replace("• ", ""), fr.replace("• ", "")
    assert en.index("Key recommendations End the use") < en.index("Methodology This report")
    assert (
        en.rindex("Recommendations To the")
        < en.index("Acknowledgments Observatoire citoyen du littoral is a fictional association")
        < en.rindex("Annex I: the incidents")
    )
    thanks = re.search("Remerciements L[’']Observatoire citoyen du littoral est une", fr)
    assert thanks is not None and thanks.start() < fr.rindex("Annexe I")
    assert "Annexe V : courriers aux autorités et réponses" in fr
    steps = len(dataset.proceedings)
    concerned = len({p.incident_id for p in dataset.proceedings})
    assert (
        f"The authorities received {steps} complaints or reports concerning {concerned} incidents"
        in en
    )
    assert (
        f"Les autorités ont reçu {steps} plaintes ou signalements concernant {concerned} incidents"
        in fr
    )
    assert "tells 0" not in en and "0 below" not in en and "présente 0" not in fr
    # The children chapter counts children, not everyone.
    persons = {p.id: p for p in dataset.persons}
    kids = [
        i
        for i in dataset.incidents
        if i.minors_involved
        or any(
            pid in persons and ((persons[pid].age or 99) < 18 or persons[pid].minor)
            for pid in [*i.victim_ids, *i.witness_ids]
        )
    ]
    minors = {
        pid
        for i in kids
        for pid in [*i.victim_ids, *i.witness_ids]
        if pid in persons and ((persons[pid].age or 99) < 18 or persons[pid].minor)
    }
    unnamed = sum(
        1
        for i in kids
        if i.minors_involved
        and not any(
            pid in persons and ((persons[pid].age or 99) < 18 or persons[pid].minor)
            for pid in [*i.victim_ids, *i.witness_ids]
        )
    )
    assert f"They concern at least {len(minors) + unnamed} children, among at least" in en
    assert f"Ils concernent au moins {len(minors) + unnamed} enfants, parmi au moins" in fr


def numbered_footnotes(pages: list[str]) -> dict[int, str]:
    """Each footnote's text by its number."""
    found: dict[int, str] = {}
    number = 0
    for page in pages:
        for line in page.splitlines():
            start = re.match(r"^(\d+)\. ", line)
            if start:
                number = int(start.group(1))
                found[number] = line[start.end() :]
            elif number and line.strip() and not re.match(r"^\s*page \d+|^\s*“They Took", line):
                found[number] += " " + line.strip()
            else:
                number = 0
    return found


def flat_text(pages: list[str]) -> str:
    """The pages as one line: words hyphenated at a line's end joined again."""
    text = "\n".join(pages)
    return re.sub(r"\s+", " ", re.sub("\u2010\n", "", text))


def plain(text: str | None) -> str:
    return " ".join((text or "").replace("\u2019", "'").split())


# "‹who›, ‹about›, told ‹org› what happened in ‹commune› on ‹date›: “‹words›”‹note›"
TOLD = {
    "en": re.compile(
        re.escape(ORG) + r" what happened in (?P<commune>[\w-]+) (?:on |around )"
        r"(?P<date>\w+ \d{1,2}, \d{4}): “(?P<words>[^”]+)”(?P<note>\d+)"
    ),
    "fr": re.compile(
        re.escape(ORG) + r" ce qui s'est passé à (?P<commune>[\w-]+) (?:le |vers le )"
        r"(?P<date>\d{1,2}(?:er)? \w+ \d{4}) : « (?P<words>[^»]+) »(?P<note>\d+)"
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_quote_is_footnoted_to_an_interview_about_its_incident(
    built: Built, lang: str
) -> None:
    """The chain a reader follows: the sentence names the incident (commune and date), its note
    names the interview (person, place, date), and that interview is about that incident, held
    on or after it; and the words are those that person said about it."""
    dataset = built.dataset
    named = designations(dataset, lang)
    notes = numbered_footnotes(built.pages[lang])
    text = flat_text(built.pages[lang]).replace("\u2019", "'")
    told = list(TOLD[lang].finditer(text))
    assert len(told) >= 10, len(told)
    for match in told:
        date = day(match["date"], lang)
        # pdftotext drops the hyphen of a name broken after it at a line's end: « GrandeSynthe ».
        commune = match["commune"].replace("-", "")
        incidents = {
            i.id
            for i in dataset.incidents
            if i.commune.replace("-", "") == commune and i.date == date
        }
        assert incidents, match.group(0)
        ((names, place, when),) = CITATION[lang].findall(notes[int(match["note"])])
        (speaker,) = people_in(names)
        interviews = [
            i
            for i in dataset.interviews
            if i.date == day(when, lang) and i.place == place and named[speaker] in i.person_ids
        ]
        about = [i for i in interviews if incidents & set(i.incident_ids)]
        assert about, f"{match.group(0)}: {notes[int(match['note'])]}"
        assert all(i.date is not None and i.date >= date for i in about)
        said = [
            q
            for q in dataset.quotes
            if q.interview_id in {i.id for i in about}
            and q.incident_id in incidents
            and plain(q.text_en if lang == "en" else q.text_fr) == plain(match["words"])
        ]
        assert said, match.group(0)


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "quoted"), [("en", r"“([^”]+)”"), ("fr", r"« ([^»]+) »")])
def test_no_words_are_quoted_twice(built: Built, lang: str, quoted: str) -> None:
    # The same words from two people, or about two incidents, read as copied, not heard.
    body = flat_text(built.pages[lang][2:])
    words = [w for w in re.findall(quoted, body) if len(w.split()) > 4]
    repeated = {w for w in words if words.count(w) > 1}
    assert not repeated, repeated
    assert len(words) >= 15


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_text_runs_over_the_running_header(built: Built, lang: str) -> None:
    # A fact list's value split across pages was drawn over the next page's header line.
    text = subprocess.run(
        ["pdftotext", "-layout", str(built.out / f"report-{lang}.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    title = "“They Took Everything”" if lang == "en" else "« Ils ont tout pris »"
    header = f"{title} — {ORG}"
    for number, page in enumerate(text.split("\f")[1:-1], 2):
        first = next(line for line in page.splitlines() if line.strip())
        assert " ".join(first.replace("\u202f", " ").split()) == header, (number, first)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_docx_tells_the_same_testimony_with_alt_text(built: Built, lang: str) -> None:
    """What the PDF quotes, the DOCX quotes too; its map and charts carry their alt text."""
    document = docx.Document(str(built.out / f"report-{lang}.docx"))
    paragraphs = " ".join(p.text for p in document.paragraphs)
    paragraphs = plain(paragraphs.replace("\u00a0", " ").replace("\u202f", " "))
    pdf = flat_text(built.pages[lang]).replace("\u2019", "'")
    told = [plain(match["words"]) for match in TOLD[lang].finditer(pdf)]
    assert len(told) >= 10
    for words in told:
        assert words in paragraphs, words
    assert ("Annex V" if lang == "en" else "Annexe V") in paragraphs
    xml = zipfile.ZipFile(built.out / f"report-{lang}.docx").read("word/document.xml").decode()
    alts = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    assert len(alts) >= 10 and all(alt.strip() for alt in alts)
    assert any(
        alt.startswith("Map of the Channel coast" if lang == "en" else "Carte") for alt in alts
    )
