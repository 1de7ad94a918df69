"""End to end: workbook + config → PDFs, HTML and manifest, read back as a reader would."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, write_csv
from pypdf import PdfReader

from dossier.build.errors import DataInvalid
from dossier.build.pipeline import BuildResult, build_dossiers
from dossier.errors import BuildError
from dossier.input.config import ConfigError

EPOCH = "1479168000"  # 2016-11-15T00:00:00Z
SENTINEL = "SENTINEL-7f3a9c-DO-NOT-FETCH"

CONFIG = """\
[organisation]
name = "Observatoire du littoral (test)"
legal_form = { fr = "association loi 1901", en = "non-profit association" }
address = "1 rue de l'Exemple\\n62100 Calais"
email = "contact@example.org"

[signatory]
name = "Camille Signataire"
quality = { fr = "présidente", en = "chair" }
place = "Calais"

[dossier]
reference = "OBS-DDD-2016-01"

[dossier.title]
fr = "Violences à Calais"
en = "Violence in Calais"
"""

INCIDENT_HEADERS = [
    "id",
    "date",
    "time",
    "date precision",
    "commune",
    "place",
    "location type",
    "latitude",
    "longitude",
    "context",
    "forces",
    "units",
    "number of officers",
    "RIO numbers",
    "RIO visible",
    "acts",
    "weapons or means",
    "number of victims",
    "minors involved",
    "injuries",
    "medical certificate",
    "ITT days",
    "belongings affected",
    "summary in French",
    "summary in English",
    "victim ids",
    "witness ids",
    "evidence ids",
    "violation status",
    "confidentiality",
]

# Identities that must never leave the workbook (all fictional).
PERSONS = [
    {
        "id": "P-001",
        "pseudonym": "Abel N.",
        "roles": "victim",
        "age": "24",
        "nationality": "Eritrean",
        "legal name": "Yonas Tesfamariam Berhe",
        "contact": "+33 6 12 34 56 78",
        "article 8 status": "consented",
    },
    {
        "id": "P-002",
        "pseudonym": "Clara M.",
        "roles": "witness; observer",
        "age": "",
        "nationality": "French",
        "legal name": "Clarisse Moreau-Vasseur",
        "contact": "clarisse.mv@example.net",
        "article 8 status": "informed, did not object",
    },
    {
        "id": "P-003",
        "pseudonym": "Refusing R.",
        "roles": "victim",
        "age": "31",
        "nationality": "Sudanese",
        "legal name": "Haidar Osman Elfadil",
        "contact": "WhatsApp +44 7700 900123",
        "article 8 status": "refused",
    },
    {
        "id": "P-004",
        "pseudonym": "Samir K.",
        "roles": "victim",
        "age": "16",
        "nationality": "Afghan",
        "legal name": "Samiullah Karimzada",
        "contact": "samir.k.2000@example.com",
        "article 8 status": "unreachable",
    },
]
SECRETS = [p[key] for p in PERSONS for key in ("legal name", "contact")]

INJECTIONS = [
    "<script>alert(1)</script>",
    "</style><h1>owned</h1>",
    "{{ 7*7 }}",
    '{% include "x" %}',
]


def incident_row(**cells: str) -> dict[str, str]:
    row = dict.fromkeys(INCIDENT_HEADERS, "")
    for key, value in cells.items():
        header = key.replace("_", " ")
        header = {"rio numbers": "RIO numbers", "rio visible": "RIO visible"}.get(header, header)
        header = {"itt days": "ITT days"}.get(header, header)
        assert header in row, header
        row[header] = value
    return row


def write_dataset(folder: Path, *, sentinel: Path | None = None, **changes: str) -> Path:
    """A folder of CSVs: four incidents, four persons, three exhibits, two proceedings."""
    folder.mkdir(parents=True, exist_ok=True)
    fetch = f'<img src="file://{sentinel}">' if sentinel else '<img src="file:///etc/passwd">'
    incidents = [
        incident_row(
            id="CAL-2015-0042",
            date="2015-06-30",
            time="22:15",
            commune="Calais",
            place="rue des Garennes",
            location_type="camp",
            latitude="50.951345",
            longitude="1.858712",
            context="eviction",
            forces="CRS; national police",
            units="CRS 8",
            number_of_officers="12",
            rio_visible="no",
            acts="tear gas; belongings destroyed",
            weapons_or_means="gazeuse",
            number_of_victims="3",
            minors_involved="no",
            injuries="irritation des yeux",
            medical_certificate="yes",
            itt_days="2",
            belongings_affected="tent:3; sleeping bag:2",
            summary_in_French="Les CRS ont gazé le campement à l'aube.",
            summary_in_English="CRS officers gassed the camp at dawn.",
            victim_ids="P-001; P-003",
            witness_ids="P-002",
            evidence_ids="E-001",
            violation_status="confirmed",
            confidentiality="public",
        ),
        incident_row(
            id="CAL-2015-0043",
            date="2015-07",
            commune="Calais",
            context="identity check",
            forces="border police",
            rio_numbers="7654321",
            rio_visible="yes",
            acts="identity check",
            number_of_victims="1",
            summary_in_English="Identity check at the station, for the third time that day.",
            violation_status="unverified",
            confidentiality="restricted",
        ),
        incident_row(
            id="GS-2016-0001",
            date="2016-01-12",
            time="08:00",
            commune="Grande-Synthe",
            place=" ".join(INJECTIONS),
            context="food distribution",
            forces="gendarmerie",
            acts="tear gas",
            minors_involved="yes",
            injuries=fetch,
            summary_in_French="Gaz lacrymogène pendant la distribution. " + fetch,
            victim_ids="P-004",
            confidentiality="confidential",
        ),
        incident_row(
            id="CAL-2015-0050",
            date="2015-09-01",
            commune="Calais",
            forces="CRS",
            acts="physical violence",
            summary_in_French="Coups de matraque.",
            victim_ids="P-003",
            confidentiality="public",
        ),
    ]
    for key, value in changes.items():
        incidents[0][key] = value
    write_csv(folder / "incidents.csv", incidents)
    persons = [
        {
            **person,
            "minor": "yes" if person["age"] == "16" else "",
            "publication consent": "anonymised",
        }
        for person in PERSONS
    ]
    write_csv(folder / "persons.csv", persons)
    evidence_dir = folder / "evidence"
    (evidence_dir / "photos").mkdir(parents=True, exist_ok=True)
    (evidence_dir / "certificate-001.txt").write_text("certificat médical, ITT 2 jours\n")
    (evidence_dir / "photos" / "gaz.txt").write_text("photo du nuage de gaz\n")
    write_csv(
        folder / "evidence.csv",
        [
            {
                "id": "E-001",
                "incident ids": "CAL-2015-0042",
                "kind": "medical certificate",
                "description in French": "Certificat médical, ITT 2 jours",
                "description in English": "Medical certificate, 2 days ITT",
                "file": "certificate-001.txt",
                "URL": "",
                "SHA-256": "",
                "captured at": "2015-07-02 10:00",
                "captured by": "A. B.",
                "custody notes": "original kept in the association's safe",
                "confidentiality": "restricted",
            },
            {
                "id": "E-002",
                "incident ids": "GS-2016-0001",
                "kind": "web capture",
                "description in French": "",
                "description in English": "Video posted by a volunteer",
                "file": "",
                "URL": "https://example.org/video/123",
                "SHA-256": "b" * 64,
                "captured at": "2016-01-12 20:00",
                "captured by": "C. D.",
                "custody notes": "",
                "confidentiality": "confidential",
            },
            {
                "id": "E-003",
                "incident ids": "GS-2016-0001",
                "kind": "photo",
                "description in French": "Photo du nuage de gaz",
                "description in English": "Photo of the gas cloud",
                "file": "photos/gaz.txt",
                "URL": "",
                "SHA-256": "",
                "captured at": "2016-01-12 08:30",
                "captured by": "C. D.",
                "custody notes": "copied to the archive drive on 2016-01-13",
                "confidentiality": "confidential",
            },
        ],
    )
    write_csv(
        folder / "proceedings.csv",
        [
            {
                "id": "PR-001",
                "incident id": "CAL-2015-0042",
                "type": "police complaint",
                "date": "2015-07-02",
                "authority": "Commissariat de Calais",
                "reference": "2015/00123",
                "status": "pending",
                "response received": "",
            },
            {
                "id": "PR-002",
                "incident id": "GS-2016-0001",
                "type": "IGPN report",
                "date": "2016-01-20",
                "authority": "IGPN",
                "reference": "IGPN-2016-77",
                "status": "no response",
                "response received": "",
            },
        ],
    )
    (folder / "dossier.toml").write_text(CONFIG, encoding="utf-8")
    return folder


# -- reading PDFs back ----------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Text as a reader sees it: no-break spaces as spaces, hyphenation undone."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub("[\u00ad\u2010]\n", "", text).replace("\u00ad", "")
    return text


def flat(text: str) -> str:
    return " ".join(normalise(text).split())


def squash(text: str) -> str:
    """No whitespace at all: long strings may wrap anywhere (fingerprints, URLs)."""
    return re.sub(r"\s+", "", normalise(text))


@dataclass
class Pdf:
    path: Path
    reader: PdfReader
    pages: list[str]  # normalised text of each page

    @classmethod
    def open(cls, path: Path) -> Pdf:
        reader = PdfReader(io.BytesIO(path.read_bytes()))
        return cls(path, reader, [normalise(page.extract_text()) for page in reader.pages])

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def outline_titles(self) -> list[str]:
        def walk(items: list[Any]) -> Iterator[str]:
            for item in items:
                if isinstance(item, list):
                    yield from walk(item)
                else:
                    yield normalise(str(item.title))

        return list(walk(self.reader.outline))

    def toc_pages(self) -> list[int]:
        """0-based indexes of the table-of-contents pages: the contents title, then leaders."""
        first = next(
            i
            for i, text in enumerate(self.pages)
            if re.search(r"(?m)^(Sommaire|Contents)$", text) and re.search(r"\.{5,}", text)
        )
        pages = [first]
        while re.search(r"(?m)\.{5,}\s*\d+\s*$", self.pages[pages[-1] + 1]):
            pages.append(pages[-1] + 1)
        return pages

    def toc(self) -> list[tuple[str, int]]:
        """(title, printed page) of every table-of-contents line, in order."""
        entries = []
        for page in self.toc_pages():
            pending = ""  # the first lines of an entry that wraps
            for line in self.pages[page].splitlines():
                match = re.match(r"^(.*?)\s*\.{3,}\s*(\d+)\s*$", line)
                if match:
                    entries.append((flat(f"{pending} {match[1]}"), int(match[2])))
                    pending = ""
                elif line.strip() not in ("Sommaire", "Contents"):
                    pending = f"{pending} {line}"
            # What is left is the running header and the footer, not an entry.
        return entries

    def heading_pages(self, headings: list[str]) -> list[int | None]:
        """1-based page where each heading stands on its own line(s), searched in order.

        The search starts after the table of contents and moves forward, so two incidents with
        the same heading text are found one after the other.
        """
        after_toc = self.toc_pages()[-1] + 1
        starts, parts, offset = [], [], 0
        for text in self.pages[after_toc:]:
            starts.append(offset)
            parts.append(text + "\n")
            offset += len(text) + 1
        body = "".join(parts)
        cursor = 0
        found: list[int | None] = []
        for heading in headings:
            words = [re.escape(word) for word in heading.split()]
            pattern = re.compile(r"(?:^|\n)" + r"\s+".join(words) + r"[ \t]*(?=\n)")
            match = pattern.search(body, cursor)
            if match is None:
                found.append(None)
                continue
            cursor = match.end()
            page = max(i for i, start in enumerate(starts) if start <= match.start() + 1)
            found.append(after_toc + page + 1)
        return found


# -- the shared build -----------------------------------------------------------------------------


@dataclass
class Built:
    data: Path
    out: Path
    result: BuildResult
    fr: Pdf
    en: Pdf


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("build")
    sentinel = root / "sentinel.txt"
    sentinel.write_text(SENTINEL)
    data = write_dataset(root / "data", sentinel=sentinel)
    out = root / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = build_dossiers(data, out=out, formats=("pdf", "html"))
    return Built(data, out, result, Pdf.open(out / "ddd-fr.pdf"), Pdf.open(out / "ddd-en.pdf"))


SECTIONS = {
    "fr": [
        "Saisine du Défenseur des droits",  # cover
        "Objet",  # letter (its salutation follows the config's [recipient] holder)
        "Sommaire",
        "Auteur de la saisine et information des victimes",
        "Qualité de l’association, incident par incident",
        "Information des personnes concernées (article 8)",
        "Les faits",
        "Conséquences pour les victimes",
        "Démarches déjà engagées",
        "Manquements déontologiques allégués",
        "Caractère répété des faits et précédents",
        "Demandes",
        "Bordereau des pièces",
        "Annexe : conservation des pièces",
    ],
    "en": [
        "Complaint to the Défenseur des droits",
        "Subject",
        "Contents",
        "Who files, and how victims were informed",
        "The association’s standing, incident by incident",
        "Informing the people concerned (article 8)",
        "The facts",
        "Consequences for the victims",
        "Steps already taken",
        "Alleged breaches of ethics",
        "A repeated pattern, and precedents",
        "Requests",
        "List of exhibits",
        "Annex: custody of exhibits",
    ],
}


@pytest.mark.slow
def test_build_writes_both_languages_and_the_manifest(built: Built) -> None:
    names = sorted(path.name for path in built.out.iterdir())
    assert names == ["ddd-en.html", "ddd-en.pdf", "ddd-fr.html", "ddd-fr.pdf", "manifest.json"]
    pdfs = [o for o in built.result.outputs if o.format == "pdf"]
    assert [(o.path.name, o.lang, o.audience, o.incidents) for o in pdfs] == [
        ("ddd-fr.pdf", "fr", "ddd", 3),
        ("ddd-en.pdf", "en", "ddd", 3),
    ]
    assert all(o.left_out == {"art8_refused": 1} for o in built.result.outputs)
    assert pdfs[0].pages == len(built.fr.pages)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_section_of_the_outline_in_order(built: Built, lang: str) -> None:
    pdf: Pdf = getattr(built, lang)
    text = flat(pdf.text)
    positions = [text.find(section) for section in SECTIONS[lang]]
    assert -1 not in positions, [s for s, p in zip(SECTIONS[lang], positions, strict=True) if p < 0]
    # Each section after the table of contents appears, in the outline's order.
    body = text[text.find(SECTIONS[lang][3], positions[2] + 10) :]
    after_toc = [body.find(section) for section in SECTIONS[lang][3:]]
    assert after_toc == sorted(after_toc)


@pytest.mark.slow
def test_french_content(built: Built) -> None:
    text = flat(built.fr.text)
    # Cover and letter.
    assert "Violences à Calais" in text
    assert "OBS-DDD-2016-01" in text
    assert "Du 30 juin 2015 au 12 janvier 2016" in text
    assert "3 incidents, 3 pièces" in text
    assert "Calais, le 15 novembre 2016" in text  # signed on SOURCE_DATE_EPOCH's day
    assert "loi organique n° 2011-333 du 29 mars 2011" in text
    # The filer's standing is stated per incident and counted in the letter (issue 19).
    assert "dûment habilité" in text and "Qualité de l’association" in text
    assert "Camille Signataire" in text
    # Filer and art. 8.
    assert "a consenti" in text
    assert "1 incident : toutes les victimes se sont opposées à la saisine (article 8)." in text
    # Facts, one section per incident, in date order.
    headings = [
        "30 juin 2015 — Calais — expulsion de campement",
        "Juillet 2015 — Calais — contrôle d’identité",  # data text: typographic apostrophe
        "12 janvier 2016 — Grande-Synthe — distribution de repas",
    ]
    order = [text.rfind(heading) for heading in headings]  # rfind: not the TOC's line
    assert -1 not in order and order == sorted(order)
    assert all(i in text for i in ("CAL-2015-0042", "CAL-2015-0043", "GS-2016-0001"))
    assert "CAL-2015-0050" not in text  # every victim refused
    assert "30 juin 2015, vers 22 h 15" in text
    assert "non visible" in text
    assert "7654321" in text
    assert "Abel N. (24 ans, de nationalité érythréenne)" in text  # nationalities in French
    assert "Samir K. (16 ans, de nationalité afghane)" in text
    assert "Clara M. (de nationalité française)" in text
    assert "Refusing R." not in text
    assert "Récit disponible uniquement en anglais, reproduit sans traduction." in text
    assert "Pièce n° 1" in text
    # Consequences and proceedings.
    assert "pour un total de 2 jours d’incapacité totale de travail (ITT)" in text
    assert "tente : 3 ; sac de couchage : 2" in text
    assert "2015/00123" in text and "IGPN-2016-77" in text
    assert "sans réponse" in text
    # Ethics, pattern, requests.
    assert "R. 434-18 du code de la sécurité intérieure" in text
    assert "R. 434-15 du code de la sécurité intérieure" in text
    assert "MDS-2011-113" in text
    assert (
        "de saisir l’autorité investie du pouvoir d’engager les poursuites disciplinaires" in text
    )
    assert "Fait à Calais, le 15 novembre 2016" in text
    # Custody annex.
    assert "original kept in the association’s safe" in text  # typographic apostrophe
    assert "calculée à partir du fichier" in text
    for wrong in ("0 personne", "non identifiées, non", " , ", "()", "None", "none"):
        assert wrong not in text, wrong


@pytest.mark.slow
def test_english_content(built: Built) -> None:
    text = flat(built.en.text)
    assert "Between June 30, 2015 and January 12, 2016" in text
    assert "3 incidents, 3 exhibits" in text
    assert "Calais, November 15, 2016" in text
    assert "June 30, 2015, around 22:15" in text
    assert "not visible" in text
    assert "Abel N. (24 years old, Eritrean)" in text
    assert "Account available in French only, reproduced untranslated." in text
    assert "Exhibit no. 1" in text
    assert "Signed in Calais, November 15, 2016" in text
    assert "Refusing R." not in text
    assert "CAL-2015-0050" not in text


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_bordereau_lists_the_fingerprint_of_every_exhibit(built: Built, lang: str) -> None:
    text = squash(getattr(built, lang).text)
    evidence = built.data / "evidence"
    for path in (evidence / "certificate-001.txt", evidence / "photos" / "gaz.txt"):
        assert hashlib.sha256(path.read_bytes()).hexdigest() in text
    assert "b" * 64 in text
    assert "https://example.org/video/123" in text


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_toc_page_numbers_are_where_the_headings_are(built: Built, lang: str) -> None:
    pdf: Pdf = getattr(built, lang)
    toc = pdf.toc()
    assert [title for title, _ in toc][:3] == SECTIONS[lang][3:6]
    # Nine sections, the filer's standing, art. 8, two subsections of the ethics section (the
    # penal provisions, set apart from the rules of ethics, and the frame of a lawful act), the
    # annex of the versions of texts applied past their verified bound (signed in 2016), three
    # incidents.
    assert len(toc) == 14 + 3
    assert toc[-1][0] == {"fr": "Annexe : versions des textes appliqués",
                          "en": "Annex: versions of the texts applied"}[lang]  # fmt: skip
    assert pdf.heading_pages([title for title, _ in toc]) == [page for _, page in toc]


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "separator"), [("fr", "/"), ("en", "of")])
def test_page_footer(built: Built, lang: str, separator: str) -> None:
    pdf: Pdf = getattr(built, lang)
    total = len(pdf.pages)
    assert total >= 8
    assert f"page 1 {separator}" not in pdf.pages[0]  # the cover has no footer
    for number, text in enumerate(pdf.pages[1:], 2):
        assert f"page {number} {separator} {total}" in text


@pytest.mark.slow
def test_running_header_and_marking(built: Built) -> None:
    for number, text in enumerate(built.fr.pages[2:], 3):
        assert "Violences à Calais — OBS-DDD-2016-01" in text, number
        assert "CONFIDENTIEL" in text, number


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pdf_outline_has_the_headings(built: Built, lang: str) -> None:
    pdf: Pdf = getattr(built, lang)
    titles = pdf.outline_titles()
    assert titles[0] == SECTIONS[lang][2]
    assert titles[1:] == [title for title, _ in pdf.toc()]


@pytest.mark.slow
def test_metadata(built: Built) -> None:
    for pdf, lang, title in (
        (built.fr, "fr", "Violences à Calais"),
        (built.en, "en", "Violence in Calais"),
    ):
        meta = pdf.reader.metadata
        assert meta is not None
        assert meta.title == title
        assert meta.author == "Observatoire du littoral (test)"
        assert meta.subject is not None and "OBS-DDD-2016-01" in meta.subject
        assert str(meta["/CreationDate"]) == "D:20161115000000Z"
        root: Any = pdf.reader.trailer["/Root"]
        assert root["/Lang"] == lang
        assert bool(root["/MarkInfo"]["/Marked"])  # tagged PDF
        assert "/StructTreeRoot" in root


@pytest.mark.slow
def test_no_identity_leaks_anywhere(built: Built) -> None:
    places = {
        "fr.pdf text": built.fr.text,
        "en.pdf text": built.en.text,
        "fr.pdf metadata": json.dumps(dict(built.fr.reader.metadata or {}), default=str),
        "en.pdf metadata": json.dumps(dict(built.en.reader.metadata or {}), default=str),
        "fr.pdf outline": "\n".join(built.fr.outline_titles()),
        "manifest": (built.out / "manifest.json").read_text(encoding="utf-8"),
        "fr.html": (built.out / "ddd-fr.html").read_text(encoding="utf-8"),
        "en.html": (built.out / "ddd-en.html").read_text(encoding="utf-8"),
    }
    leaks = [
        (where, secret)
        for where, text in places.items()
        for secret in SECRETS
        if squash(secret).lower() in squash(text).lower()
    ]
    assert leaks == []
    # Distinctive parts of names too, should a template ever print a surname alone.
    words = {word for p in PERSONS for word in p["legal name"].split() if len(word) > 4}
    assert [w for w in words for text in places.values() if w in text] == []


@pytest.mark.slow
def test_injections_are_literal_and_fetch_nothing(built: Built) -> None:
    assert built.result.refused_urls == []
    for pdf in (built.fr, built.en):
        text = squash(pdf.text)
        for payload in INJECTIONS:
            assert squash(payload) in text, payload
        assert squash('<img src="file://') in text
        assert SENTINEL not in pdf.text
        assert "owned" not in pdf.outline_titles()
        assert not pdf.reader.attachments
    assert "49" not in flat(built.fr.text).split("Grande-Synthe", 1)[0][-50:]


@pytest.mark.slow
def test_manifest_fingerprints_match_the_files(built: Built) -> None:
    manifest = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
    inputs = {item["path"]: item["sha256"] for item in manifest["inputs"]}
    assert set(inputs) == {
        "dossier.toml",
        "evidence.csv",
        "incidents.csv",
        "persons.csv",
        "proceedings.csv",
    }
    for name, digest in inputs.items():
        assert hashlib.sha256((built.data / name).read_bytes()).hexdigest() == digest, name
    exhibits = {item["id"]: item for item in manifest["exhibits"]}
    assert set(exhibits) == {"E-001", "E-002", "E-003"}
    for item in exhibits.values():
        if "file" in item:
            path = built.data / "evidence" / item["file"]
            assert hashlib.sha256(path.read_bytes()).hexdigest() == item["sha256"]
            assert item["verified"] is True
    assert exhibits["E-002"] == {
        "id": "E-002",
        "sha256": "b" * 64,
        "url": "https://example.org/video/123",
    }
    outputs = {item["path"]: item for item in manifest["outputs"]}
    assert set(outputs) == {"ddd-fr.pdf", "ddd-en.pdf", "ddd-fr.html", "ddd-en.html"}
    for name, item in outputs.items():
        assert hashlib.sha256((built.out / name).read_bytes()).hexdigest() == item["sha256"]
    assert outputs["ddd-fr.pdf"]["pages"] == len(built.fr.pages)
    assert manifest["source_date_epoch"] == int(EPOCH)


@pytest.mark.slow
def test_same_input_and_epoch_give_the_same_bytes(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = build_dossiers(built.data, out=tmp_path / "again", formats=("pdf", "html"))
    for output in again.outputs:
        first = built.out / output.path.name
        assert output.path.read_bytes() == first.read_bytes(), output.path.name
    assert (tmp_path / "again" / "manifest.json").read_bytes() == (
        built.out / "manifest.json"
    ).read_bytes()


@pytest.mark.slow
def test_a_failing_template_leaves_previous_pdfs_intact(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(built.out, out)
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    templates = tmp_path / "tpl"
    (templates / "en").mkdir(parents=True)
    (templates / "en" / "ddd.html").write_text("<p>\n{{ d.missing }}\n</p>\n")
    # French renders fine; English fails: nothing at all may be written.
    with pytest.raises(BuildError, match=r"ddd\.html, line 2"):
        build_dossiers(built.data, out=out, templates=templates)
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before


# -- PDF/A ----------------------------------------------------------------------------------------


def write_clean_workbook(folder: Path) -> Path:
    """One XLSX sheet with nothing private in it: the workbook may travel inside the PDF/A."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "incidents"
    row = incident_row(
        id="CAL-2015-0001",
        date="2015-06-30",
        commune="Calais",
        forces="CRS",
        acts="tear gas",
        summary_in_French="Gaz lacrymogène sur le campement.",
        confidentiality="public",
    )
    sheet.append(list(row))
    sheet.append(list(row.values()))
    folder.mkdir(parents=True, exist_ok=True)
    book.save(folder / "incidents.xlsx")
    (folder / "dossier.toml").write_text(CONFIG, encoding="utf-8")
    return folder / "incidents.xlsx"


@pytest.mark.slow
def test_pdf_a_embeds_the_workbook_and_the_input_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    workbook = write_clean_workbook(tmp_path / "data")
    result = build_dossiers(workbook, out=tmp_path / "out", langs=("fr",), pdf_variant="pdf/a-3b")
    assert result.withheld == []
    reader = PdfReader(tmp_path / "out" / "ddd-fr.pdf")
    attachments = reader.attachments
    assert sorted(attachments) == ["incidents.xlsx", "inputs-manifest.json"]
    assert attachments["incidents.xlsx"] == [workbook.read_bytes()]
    embedded = json.loads(attachments["inputs-manifest.json"][0])
    assert embedded["inputs"] == [
        {"path": "incidents.xlsx", "sha256": hashlib.sha256(workbook.read_bytes()).hexdigest()},
        {
            "path": "dossier.toml",
            "sha256": hashlib.sha256((tmp_path / "data" / "dossier.toml").read_bytes()).hexdigest(),
        },
    ]
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert b"pdfaid" in xmp.stream.get_data()


@pytest.mark.slow
def test_pdf_a_never_embeds_a_workbook_holding_identities(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    data = tmp_path / "data"
    shutil.copytree(built.data, data)
    # The same rows in one workbook file: it holds legal names, so it stays out of the PDF.
    from openpyxl import Workbook

    book = Workbook()
    first = True
    for name in ("incidents", "persons", "evidence", "proceedings"):
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        first = False
        sheet.title = name
        lines = (data / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        import csv

        for cells in csv.reader(lines):
            sheet.append(cells)
    book.save(data / "incidents.xlsx")
    result = build_dossiers(
        data / "incidents.xlsx", out=tmp_path / "out", langs=("fr",), pdf_variant="pdf/a-3b"
    )
    assert result.withheld == [
        "ddd-fr.pdf: source workbook not embedded: it holds legal names or contacts;"
        " embedded instead: incidents-ddd-ddd-fr.xlsx, the records this edition shows"
    ]
    reader = PdfReader(tmp_path / "out" / "ddd-fr.pdf")
    assert sorted(reader.attachments) == ["incidents-ddd-ddd-fr.xlsx", "inputs-manifest.json"]
    embedded = reader.attachments["inputs-manifest.json"][0].decode("utf-8")
    assert [secret for secret in SECRETS if secret in embedded] == []
    with zipfile.ZipFile(io.BytesIO(reader.attachments["incidents-ddd-ddd-fr.xlsx"][0])) as book:
        parts = " ".join(book.read(name).decode("utf-8") for name in book.namelist())
    assert [secret for secret in SECRETS if secret in parts] == []


# -- failures that write nothing (fast) -----------------------------------------------------------


def test_invalid_data_raises_data_invalid_and_writes_nothing(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data", date="31/02/2015", forces="martians")
    with pytest.raises(DataInvalid) as caught:
        build_dossiers(data, out=tmp_path / "out", formats=("html",))
    assert not (tmp_path / "out").exists()
    codes = sorted(problem.code for problem in caught.value.report.errors)
    assert len(codes) == 2, codes


def test_missing_config_raises_config_error_and_writes_nothing(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    (data / "dossier.toml").unlink()
    with pytest.raises(ConfigError) as caught:
        build_dossiers(data, out=tmp_path / "out", formats=("html",))
    assert caught.value.file == data / "dossier.toml"
    assert not (tmp_path / "out").exists()


def test_failing_template_leaves_previous_outputs_intact(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "out"
    first = build_dossiers(data, out=out, formats=("html",))
    assert [o.path.name for o in first.outputs] == ["ddd-fr.html", "ddd-en.html"]
    before = {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in out.iterdir()}
    templates = tmp_path / "tpl"
    (templates / "fr").mkdir(parents=True)
    (templates / "fr" / "ddd.html").write_text('{% extends "default:ddd.html" %}\n{% block x %')
    with pytest.raises(BuildError, match=r"fr/ddd\.html, line 2"):
        build_dossiers(data, out=out, formats=("html",), templates=templates)
    after = {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in out.iterdir()}
    assert after == before
    assert not [path for path in out.iterdir() if path.name.endswith(".part")]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"langs": ("de",)}, "unknown language 'de' (expected fr, en)"),
        ({"formats": ("odt",)}, "unknown format 'odt' (expected pdf, docx, html)"),
        ({"audience": "press"}, "unknown audience 'press' (expected ddd, partners, public)"),
        ({"pdf_variant": "pdf/x-4"}, "unknown PDF variant 'pdf/x-4' (expected pdf/a-3a, pdf/a-3b)"),
        ({"layouts": ("hrw",)}, "unknown layout 'hrw' (expected ddd, report)"),
    ],
)
def test_unknown_choices_fail_before_any_work(
    tmp_path: Path, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(BuildError) as caught:
        build_dossiers(tmp_path / "does-not-exist", out=tmp_path / "out", **options)
    assert str(caught.value) == message
    assert not (tmp_path / "out").exists()


def test_html_build_for_the_public_leaves_out_and_says_why(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    result = build_dossiers(data, out=tmp_path / "out", formats=("html",), audience="public")
    assert [o.path.name for o in result.outputs] == ["ddd-public-fr.html", "ddd-public-en.html"]
    assert result.outputs[0].left_out == {"art8_refused": 1, "confidentiality": 2}
    page = (tmp_path / "out" / "ddd-public-fr.html").read_text(encoding="utf-8")
    assert "CAL-2015-0042" in page
    assert "CAL-2015-0043" not in page and "GS-2016-0001" not in page
    assert "50.95, 1.86" in page  # coordinates rounded for the public
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    # The public edition's manifest does not name the exhibits it leaves out.
    assert [item["id"] for item in manifest["exhibits"]] == []
    assert "photos/gaz.txt" not in json.dumps(manifest)


def test_write_failure_is_a_build_error(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    with pytest.raises(BuildError, match="cannot write"):
        build_dossiers(data, out=blocker, formats=("html",))


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permissions")
def test_unwritable_output_folder(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o500)
    try:
        with pytest.raises(BuildError):
            build_dossiers(data, out=out, formats=("html",))
    finally:
        out.chmod(0o700)


# -- the sample dossier ---------------------------------------------------------------------------

SAMPLE = REPO / "sample_data"


def raw_identities(source: Path, **options: Any) -> list[str]:
    """Every legal name and contact typed in the persons sheet, read from the raw cells.

    Raw, not validated: a row the validator rejects must not leak either.
    """
    from dossier.input.workbook import load_workbook
    from dossier.schema.header_keys import fold_key

    persons = load_workbook(source, **options).sheets["persons"]
    index = persons.spec.header_index()
    columns = [
        position
        for position, header in enumerate(persons.headers)
        if (field := index.get(fold_key(header))) and field.key in ("legal_name", "contact")
    ]
    return [
        str(cells[position]).strip()
        for _, cells in persons.rows
        for position in columns
        if position < len(cells) and cells[position] not in (None, "")
    ]


def raw_refused_pseudonyms(source: Path) -> list[str]:
    from dossier.validate.rows import load_and_validate

    dataset, _ = load_and_validate(source)
    return [p.pseudonym for p in dataset.persons if p.art8_status == "refused"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Built:
    if not (SAMPLE / "incidents.xlsx").is_file():
        pytest.skip("sample_data/incidents.xlsx is not there yet")
    out = tmp_path_factory.mktemp("sample") / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = build_dossiers(SAMPLE / "incidents.xlsx", out=out, formats=("pdf", "html"))
    return Built(SAMPLE, out, result, Pdf.open(out / "ddd-fr.pdf"), Pdf.open(out / "ddd-en.pdf"))


@pytest.mark.slow
def test_sample_dossier_leaks_no_identity(sample: Built) -> None:
    secrets = raw_identities(SAMPLE / "incidents.xlsx")
    secrets += raw_identities(SAMPLE / "csv", evidence_dir=SAMPLE / "evidence")
    assert len(set(secrets)) >= 20, "the sample should hold legal names and contacts"
    refused = raw_refused_pseudonyms(SAMPLE / "incidents.xlsx")
    assert refused, "the sample should hold people who refused (art. 8)"
    places = {"manifest": (sample.out / "manifest.json").read_text(encoding="utf-8")}
    for lang in ("fr", "en"):
        pdf: Pdf = getattr(sample, lang)
        places[f"{lang}.pdf text"] = pdf.text
        places[f"{lang}.pdf metadata"] = json.dumps(dict(pdf.reader.metadata or {}), default=str)
        places[f"{lang}.pdf outline"] = "\n".join(pdf.outline_titles())
        places[f"{lang}.html"] = (sample.out / f"ddd-{lang}.html").read_text(encoding="utf-8")
        assert not pdf.reader.attachments
    squashed = {where: squash(text).casefold() for where, text in places.items()}
    # The search does find printed names: the signatory's is printed, as a complaint requires.
    assert squash("Signataire Fictif").casefold() in squashed["fr.pdf text"]
    leaks = sorted(
        {
            (where, secret)
            for secret in secrets
            for where, text in squashed.items()
            if squash(secret).casefold() in text
        }
    )
    assert leaks == []
    shown = [(where, name) for name in refused for where in places if name in places[where]]
    assert shown == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sample_dossier_is_complete_and_its_toc_right(sample: Built, lang: str) -> None:
    pdf: Pdf = getattr(sample, lang)
    text = flat(pdf.text)
    assert [s for s in SECTIONS[lang] if s not in text] == []
    toc = pdf.toc()
    # Nine sections, the standing, art. 8, the ethics section's four subsections (penal
    # provisions, the association's qualification, the frame, supervision), the annex of the
    # versions of texts applied past their verified bound, the incidents.
    assert len(toc) == 16 + sample.result.outputs[0].incidents
    assert pdf.heading_pages([title for title, _ in toc]) == [page for _, page in toc]
    assert pdf.outline_titles()[1:] == [title for title, _ in toc]
    total = len(pdf.pages)
    separator = "/" if lang == "fr" else "of"
    assert [
        n for n in range(2, total + 1) if f"page {n} {separator} {total}" not in pdf.pages[n - 1]
    ] == []
