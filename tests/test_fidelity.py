"""The outputs are what a reader's tools expect: PDF/A a validator accepts, real dates, a DOCX
whose contents show the right pages when LibreOffice or Word opens it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import io
import re
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from helpers import REPO
from lxml import etree

from dossier.build import pipeline
from dossier.build.pipeline import build_dossiers
from dossier.render import chunked
from dossier.render.docx import render_docx
from dossier.render.docx.ooxml import mm
from dossier.render.docx.pagination import destination_name, find_libreoffice
from dossier.render.docx.tables import column_widths
from dossier.render.docx.tree import parse_html

SAMPLE = REPO / "sample_data" / "incidents.xlsx"

#: Annotation flags (ISO 32000-1, 12.5.3) that ISO 19005-3, 6.3.2 forbids, by name.
_FORBIDDEN_FLAGS = {1: "Invisible", 2: "Hidden", 32: "NoView", 256: "ToggleNoView"}


def _pdf_a_build(out: Path, layout: str, *, pieces: bool) -> Path:
    result = build_dossiers(
        SAMPLE,
        out=out,
        layouts=[layout],
        langs=["en"],
        formats=["pdf"],
        pdf_variant="pdf/a-3b",
        pieces=pieces,
        use_cache=False,
    )
    (pdf,) = [output.path for output in result.outputs if output.format == "pdf"]
    return pdf


@pytest.fixture(scope="module")
def pdf_a_samples(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The sample's PDF/A-3b outputs, each layout typeset in small pieces and in one."""

    folder = tmp_path_factory.mktemp("pdf_a")
    with pytest.MonkeyPatch.context() as patch:
        # Pieces of a few incidents each, so that most links land in pieces typeset without
        # the PDF variant.
        patch.setattr(chunked, "PIECE_SIZE", 6_000)
        patch.setattr(chunked, "FURNITURE_PAGES", 10)
        yield {
            f"{layout} in {'pieces' if pieces else 'one piece'}": _pdf_a_build(
                folder / f"{layout}-{pieces}", layout, pieces=pieces
            )
            for layout in ("ddd", "report")
            for pieces in (True, False)
        }


def _annotation_problems(pdf_path: Path) -> list[str]:
    """ISO 19005-3, 6.3.2 for every annotation of every page: ``/F`` present, the Print flag
    set, and Invisible, Hidden, NoView and ToggleNoView clear."""

    problems = []
    with pikepdf.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for annotation in page.obj.get("/Annots", pikepdf.Array()):
                kind = str(annotation.get("/Subtype", "?"))
                if "/F" not in annotation:
                    problems.append(f"page {number}: {kind} annotation without /F")
                    continue
                flags = int(annotation.F)
                if not flags & 4:
                    problems.append(f"page {number}: {kind} annotation not printed (/F {flags})")
                problems += [
                    f"page {number}: {kind} annotation {name}"
                    for bit, name in _FORBIDDEN_FLAGS.items()
                    if flags & bit
                ]
    return problems


# ------------------------------------------------------------------------------ PDF/A


@pytest.mark.slow
def test_every_annotation_of_a_pdf_a_is_printed(pdf_a_samples: dict[str, Path]) -> None:
    for name, pdf_path in pdf_a_samples.items():
        with pikepdf.open(pdf_path) as pdf:
            links = sum(
                1
                for page in pdf.pages
                for annotation in page.obj.get("/Annots", pikepdf.Array())
                if annotation.get("/Subtype") == "/Link"
            )
        assert links > 50, f"{name}: the sample should have links, found {links}"
        problems = _annotation_problems(pdf_path)
        assert problems == [], f"{name}: {len(problems)} problems, first: {problems[:5]}"


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("jsonschema") is None,
    reason="pikepdf's PDF/A checker needs the pikepdf[pdfa] extra",
)
def test_pikepdfs_pdf_a_checker_finds_no_violation(pdf_a_samples: dict[str, Path]) -> None:
    from pikepdf import pdfa  # the optional extra: only importable with it

    for name, pdf_path in pdf_a_samples.items():
        report = pdfa.validate_written(pdf_path, "3b")
        violations = [str(finding) for finding in report.violations]
        assert violations == [], f"{name}: {len(violations)} violations, first: {violations[:3]}"


# ------------------------------------------------------------------------------ dates


def _dates(out: Path) -> dict[str, str]:
    """The dates a reader's tools show: the PDF's Info and XMP, the DOCX's core properties
    and zip entries."""

    result = build_dossiers(
        SAMPLE, out=out, layouts=["ddd"], langs=["en"], formats=["pdf", "docx"], use_cache=False
    )
    paths = {output.format: output.path for output in result.outputs}
    dates: dict[str, str] = {}
    with pikepdf.open(paths["pdf"]) as pdf:
        dates["pdf CreationDate"] = str(pdf.docinfo.CreationDate)[2:10]
        dates["pdf ModDate"] = str(pdf.docinfo.ModDate)[2:10]
    with zipfile.ZipFile(paths["docx"]) as package:
        core = package.read("docProps/core.xml").decode("utf-8")
        for name in ("created", "modified"):
            match = re.search(rf"<dcterms:{name}[^>]*>(\d{{4}})-(\d\d)-(\d\d)T", core)
            assert match, f"no dcterms:{name} in {core}"
            dates[f"docx dcterms:{name}"] = "".join(match.groups())
        entries = package.infolist()
        entry_days = {dt.date(*entry.date_time[:3]).strftime("%Y%m%d") for entry in entries}
        (dates["docx zip entries"],) = entry_days
    return dates


@pytest.mark.slow
def test_a_build_is_dated_from_its_day_or_from_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    today = dt.date.today().strftime("%Y%m%d")
    dates = _dates(tmp_path / "today")
    assert dates == dict.fromkeys(dates, today)
    assert len(dates) == 5

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1479168000")  # 15 November 2016
    dates = _dates(tmp_path / "fixed")
    assert dates == dict.fromkeys(dates, "20161115")


# --------------------------------------------------------------------- contents' pages

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOFFICE = find_libreoffice()
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def _contents(docx: Path) -> list[tuple[str, str]]:
    """(heading text, page shown) of each entry of the DOCX's table of contents."""

    with zipfile.ZipFile(docx) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    entries = []
    for paragraph in root.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        link = paragraph.find(f"{W}hyperlink")
        if style is None or not style.get(f"{W}val", "").startswith("TOC") or link is None:
            continue
        heading: list[str] = []
        page: list[str] = []
        in_result = False
        for element in link.iter(f"{W}fldChar", f"{W}t"):
            if element.tag == f"{W}fldChar":
                in_result = element.get(f"{W}fldCharType") == "separate"
            else:
                (page if in_result else heading).append(element.text or "")
        entries.append((_normalised("".join(heading)), "".join(page).strip()))
    return entries


def _libreoffice_page_lines(docx: Path, folder: Path) -> list[list[str]]:
    """The lines of each page of the PDF LibreOffice makes of ``docx`` (pdftotext)."""

    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = folder / f"{docx.stem}.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [
        [_normalised(line) for line in page.splitlines() if line.strip()]
        for page in text.split("\f")
    ]


def _heading_on(lines: list[str], heading: str) -> bool:
    """Whether a page holds ``heading`` as a line of its own, or two (a contents line ends
    in its page number, so it never matches)."""

    for index, line in enumerate(lines):
        if line == heading:
            return True
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if following and heading.startswith(line + " ") and f"{line} {following}" == heading:
            return True
    return False


def wrong_contents_pages(docx: Path, folder: Path) -> tuple[int, list[str]]:
    """How many entries the contents has, and those whose page is not where LibreOffice puts
    their heading (headings are looked for in document order, each from the last one's
    page on)."""

    pages = _libreoffice_page_lines(docx, folder)
    entries = _contents(docx)
    wrong = []
    start = 0
    for heading, shown in entries:
        found = next(
            (number for number in range(start, len(pages)) if _heading_on(pages[number], heading)),
            None,
        )
        if found is not None:
            start = found
        where = "nowhere" if found is None else str(found + 1)
        if where != shown:
            wrong.append(f"{heading[:50]!r}: shows {shown}, is on {where}")
    return len(entries), wrong


def test_word_refreshes_the_fields_on_opening() -> None:
    html = (
        '<html lang="en"><body><nav class="toc"><ol><li><a href="#a">A</a></li></ol></nav>'
        '<h1 id="a">A</h1><p>Text.</p></body></html>'
    )
    data = render_docx(html, title="t", author="a", lang="en", source_date_epoch=0)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        settings = etree.fromstring(package.read("word/settings.xml"))
    update = settings.find(f"{W}updateFields")
    assert update is not None and update.get(f"{W}val") == "true"


def test_bookmarks_are_found_under_libreoffices_destination_names() -> None:
    assert destination_name("incident_CAL_2015_0001") == "incident5FCAL5F20155F0001"
    assert destination_name("abc-é") == "abc2DC3A9"


@pytest.fixture(scope="module")
def libreoffice_numbered_docx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample's DOCX, built as a build with LibreOffice numbering the contents does."""

    folder = tmp_path_factory.mktemp("docx")
    original = pipeline._docx_job

    def numbered_by_libreoffice(*args: Any) -> Any:
        job = original(*args)
        return dataclasses.replace(job, options={**job.options, "libreoffice": SOFFICE})

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "_docx_job", numbered_by_libreoffice)
        result = build_dossiers(
            SAMPLE,
            out=folder,
            layouts=["ddd", "report"],
            langs=["fr", "en"],
            formats=["docx"],
            use_cache=False,
        )
    return {output.path.name: output.path for output in result.outputs}


@pytest.mark.slow
@needs_libreoffice
def test_every_contents_entry_shows_the_page_libreoffice_puts_its_heading_on(
    libreoffice_numbered_docx: dict[str, Path], tmp_path: Path
) -> None:
    assert sorted(libreoffice_numbered_docx) == [
        "ddd-en.docx",
        "ddd-fr.docx",
        "report-en.docx",
        "report-fr.docx",
    ]
    for name, docx in libreoffice_numbered_docx.items():
        count, wrong = wrong_contents_pages(docx, tmp_path / name)
        assert count > 20, f"{name}: only {count} contents entries"
        assert wrong == [], f"{name}: {len(wrong)} of {count} entries wrong: {wrong[:5]}"


@pytest.mark.slow
@needs_libreoffice
def test_pages_read_from_libreoffice_give_the_same_bytes_every_time(
    libreoffice_numbered_docx: dict[str, Path],
) -> None:
    html = (
        build_dossiers(
            SAMPLE,
            out=libreoffice_numbered_docx["ddd-en.docx"].parent / "html",
            langs=["en"],
            layouts=["ddd"],
            formats=["html"],
            use_cache=False,
        )
        .outputs[0]
        .path.read_text(encoding="utf-8")
    )
    options: dict[str, Any] = {"title": "t", "author": "a", "lang": "en", "libreoffice": SOFFICE}
    assert render_docx(html, **options) == render_docx(html, **options)


# ------------------------------------------------------------------------------ layout


def _settings(data: bytes) -> tuple[Any, list[str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/settings.xml")), package.namelist()


def test_note_separators_are_named_only_with_a_notes_part() -> None:
    options: dict[str, Any] = {"title": "t", "author": "a", "lang": "en", "source_date_epoch": 0}
    settings, names = _settings(render_docx("<html><body><p>No note.</p></body></html>", **options))
    assert "word/footnotes.xml" not in names
    assert settings.find(f"{W}footnotePr") is None
    assert settings.find(f"{W}endnotePr") is None

    with_note = '<html><body><p>A note<span class="footnote">Here.</span>.</p></body></html>'
    settings, names = _settings(render_docx(with_note, **options))
    assert "word/footnotes.xml" in names
    separators = settings.findall(f"{W}footnotePr/{W}footnote")
    assert [separator.get(f"{W}id") for separator in separators] == ["-1", "0"]


def _custody_table(rows: int) -> Any:
    """The English custody annex's table, as the DDD writes it."""
    body = "".join(
        f"<tr><td>no.&#160;{number}</td><td>July 2, 2014, 08:05</td><td>MD</td>"
        f"<td>https://video.example.org/watch/obs-2014070{number}-evacuation</td>"
        "<td>checked against the file</td><td>Photo prise par MD ; original copié le "
        "02/07/2014 sur le support chiffré de l'association, empreinte vérifiée.</td></tr>"
        for number in range(1, rows + 1)
    )
    html = (
        '<html><body><table class="compact"><thead><tr><th>Exhibit</th><th>Collected</th>'
        "<th>By</th><th>File or address</th><th>Fingerprint</th><th>Custody</th></tr></thead>"
        f"<tbody>{body}</tbody></table></body></html>"
    )
    return next(element for element in parse_html(html).iter() if element.tag == "table")


@pytest.mark.parametrize("rows", [1, 12])
def test_a_narrow_column_keeps_its_header_word_and_initials_whole(rows: int) -> None:
    widths = column_widths(_custody_table(rows), 9525, compact=True)
    assert sum(widths) == 9525
    # "By" over initials ("MD"): 390 twips printed "B/y" and "M/D" in LibreOffice. Two
    # capitals need about three average characters (0.62 em at 7.5 pt), and the cell its
    # padding.
    average = 0.62 * 7.5 * 20
    assert widths[2] >= 3 * average + mm(2.4)
    # The long columns still get the room.
    assert widths[2] < min(widths[3], widths[5]) / 3


@pytest.mark.slow
@needs_libreoffice
def test_the_custody_annex_header_is_whole_in_libreoffice(
    libreoffice_numbered_docx: dict[str, Path], tmp_path: Path
) -> None:
    pages = _libreoffice_page_lines(libreoffice_numbered_docx["ddd-en.docx"], tmp_path)
    lines = [line for page in pages for line in page]
    headers = [line for line in lines if line.startswith("Exhibit Collected")]
    assert headers, "no custody table found"
    assert set(headers) == {"Exhibit Collected By File or address Fingerprint Custody"}
    # The initials under "By" are whole too: no row starts "no. 1 July 2, 2014, M ...".
    broken = [line for line in lines if re.match(r"no\. \d+ .*\d\d:\d\d [A-Z] ", line)]
    assert broken == []


# ------------------------------------------------------------------------------- fonts

STYLESHEET = REPO / "templates" / "assets" / "dossier.css"


def _stylesheet_families() -> set[str]:
    """Every family dossier.css names (the PDF's fonts come from these stacks)."""
    css = STYLESHEET.read_text(encoding="utf-8")
    return {
        family.strip().strip("\"'")
        for stack in re.findall(r"font-family:\s*([^;]+);", css)
        for family in stack.split(",")
    }


def _run_fonts(properties: Any) -> dict[str, str]:
    fonts = properties.find(f"{W}rFonts")
    assert fonts is not None
    return {name: fonts.get(f"{W}{name}", "") for name in ("ascii", "hAnsi", "cs", "eastAsia")}


def test_the_docx_sets_each_script_in_the_pdfs_family() -> None:
    html = (
        '<html lang="fr"><body><h1 id="t">Titre</h1>'
        "<p>Il dit « ሰላም ተ. » puis « اشک‌آور ».</p></body></html>"
    )
    data = render_docx(html, title="t", author="a", lang="fr", source_date_epoch=0)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
        body = etree.fromstring(package.read("word/document.xml"))
        table = etree.fromstring(package.read("word/fontTable.xml"))
        theme = package.read("word/theme/theme1.xml").decode("utf-8")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert _run_fonts(defaults) == {
        "ascii": "Noto Serif",
        "hAnsi": "Noto Serif",
        "cs": "Noto Naskh Arabic",
        "eastAsia": "Noto Serif",
    }
    heading = next(
        style
        for style in styles.iter(f"{W}style")
        if style.find(f"{W}name").get(f"{W}val") == "heading 1"
    )
    heading_fonts = _run_fonts(heading.find(f"{W}rPr"))
    assert (heading_fonts["ascii"], heading_fonts["cs"]) == ("Noto Sans", "Noto Sans Arabic")
    ethiopic = [
        run
        for run in body.iter(f"{W}r")
        if any("ሰ" in (text.text or "") for text in run.iter(f"{W}t"))
    ]
    assert [run.findtext(f"{W}t") for run in ethiopic] == ["ሰላም ተ"]
    assert set(_run_fonts(ethiopic[0].find(f"{W}rPr")).values()) == {"Noto Serif Ethiopic"}
    # Every font the DOCX names is one the PDF's stylesheet names, and the font table lists
    # those and no others (no Calibri, Cambria, MS Mincho from python-docx's template).
    listed = [font.get(f"{W}name") for font in table.iter(f"{W}font")]
    assert "Noto Serif Ethiopic" in listed and "Noto Serif" in listed
    assert set(listed) <= _stylesheet_families()
    for default in ("Calibri", "Cambria", "Times New Roman", "Arial"):
        assert default not in listed
    # The theme's heading and body fonts (and their Arabic and Ethiopic faces) are the same.
    schemes = {
        scheme: dict(re.findall(r'<a:(latin|cs)\s+typeface="([^"]*)"', text))
        | dict(re.findall(r'script="(Arab|Ethi)"\s+typeface="([^"]*)"', text))
        for scheme, text in re.findall(r"<a:(major|minor)Font>(.*?)</a:\1Font>", theme, re.S)
    }
    assert schemes == {
        "major": {
            "latin": "Noto Sans",
            "cs": "Noto Sans Arabic",
            "Arab": "Noto Sans Arabic",
            "Ethi": "Noto Sans Ethiopic",
        },
        "minor": {
            "latin": "Noto Serif",
            "cs": "Noto Naskh Arabic",
            "Arab": "Noto Naskh Arabic",
            "Ethi": "Noto Serif Ethiopic",
        },
    }


def _pdf_families(pdf: Path) -> set[str]:
    """The families pdffonts finds embedded, as "notoserif" (subset tag, style, spaces and
    case off: WeasyPrint writes "Noto-Serif-Bold", LibreOffice "NotoSerif-Bold")."""

    listing = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    families = set()
    for line in listing:
        name = line.split()[0].split("+")[-1]
        name = re.sub(r"[-,]?(Regular|Bold|Italic|BoldItalic|Oblique)$", "", name)
        families.add(name.replace("-", "").lower())
    return families


@pytest.mark.slow
@needs_libreoffice
def test_libreoffice_sets_the_docx_in_the_pdfs_fonts(
    libreoffice_numbered_docx: dict[str, Path], tmp_path: Path
) -> None:
    pdf = (
        build_dossiers(SAMPLE, out=tmp_path / "pdf", layouts=["ddd"], langs=["fr"], formats=["pdf"])
        .outputs[0]
        .path
    )
    docx = libreoffice_numbered_docx["ddd-fr.docx"]
    _libreoffice_page_lines(docx, tmp_path)
    from_pdf = _pdf_families(pdf)
    from_docx = _pdf_families(tmp_path / "ddd-fr.pdf")
    for family in ("notoserif", "notosans", "notoserifethiopic", "notonaskharabic"):
        assert family in from_pdf, (family, from_pdf)
        assert family in from_docx, (family, from_docx)
    # What only LibreOffice uses is a fallback for a glyph the Noto fonts lack (DejaVu, as
    # the PDF's own fallback is), never a substitute for a whole script.
    assert {family for family in from_docx - from_pdf if not family.startswith("dejavu")} == set()
