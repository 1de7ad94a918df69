"""Tests for dossier.render.docx: what a reader of the Word document sees, via python-docx."""

from __future__ import annotations

import base64
import datetime as dt
import importlib.util
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import docx.text.paragraph
import pytest
from docx.oxml.ns import qn

from dossier.render.docx import (
    REQUIRED_STYLES,
    MissingStyle,
    UnsupportedElement,
    check_html_subset,
    check_reference_docx,
    default_reference_docx,
    render_docx,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "pdf_subset.html"
REFERENCE = ROOT / "templates" / "reference.docx"
EPOCH = 1_720_000_000  # 2024-07-03T09:46:40Z
TEXT_WIDTH = 9525  # A4 less the 22 mm and 20 mm side margins, in twips

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}

FIXTURE_TOC = [
    (1, "Résumé des faits", "faits"),
    (2, "Chronologie des incidents", "chronologie"),
    (2, "Témoignages", "temoignages"),
    (1, "Demandes", "demandes"),
    (1, "Annexe A — Empreintes des pièces", "annexe_empreintes"),
    (1, "Annexe B — Identités des témoins", "annexe_identites"),
]


# ------------------------------------------------------------------------------- helpers


def render(html: str, **options: Any) -> bytes:
    arguments: dict[str, Any] = {
        "title": "Saisine du Défenseur des droits",
        "author": "Association Exemple",
        "lang": "fr",
        "source_date_epoch": EPOCH,
    }
    arguments.update(options)
    return render_docx(html, **arguments)


def page(body: str, *, lang: str = "fr") -> str:
    """A small document around ``body``, one element per line so that lines are known."""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><title>t</title></head>\n<body>\n'
        f"{body}\n</body>\n</html>\n"
    )


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def style_name(paragraph: Any) -> str:
    return str(paragraph.style.name).lower()


def all_paragraphs(document: Any) -> Iterator[Any]:
    """Body paragraphs in order, the paragraphs of table cells included."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def walk(container: Any) -> Iterator[Any]:
        for item in container.iter_inner_content():
            if isinstance(item, Paragraph):
                yield item
            elif isinstance(item, Table):
                for row in item.rows:
                    for cell in row.cells:
                        yield from walk(cell)

    yield from walk(document)


def texts_with_style(document: Any, name: str) -> list[str]:
    return [p.text for p in all_paragraphs(document) if style_name(p) == name.lower()]


def body_xml(document: Any) -> Any:
    return document.element.body


def bookmarks(document: Any) -> set[str]:
    return {b.get(qn("w:name")) for b in body_xml(document).iter(qn("w:bookmarkStart"))}


def footnotes_element(document: Any) -> Any:
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            from docx.oxml import parse_xml

            return parse_xml(rel.target_part.blob)
    raise AssertionError("no footnotes part")


def normalise(text: str) -> str:
    """pdftotext turns no-break spaces into spaces and may split words; compare words."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module")
def fixture_docx() -> bytes:
    return render(FIXTURE.read_text(encoding="utf-8"), subject="Saisine", keywords=["a", "b"])


@pytest.fixture(scope="module")
def fixture_doc(fixture_docx: bytes) -> Any:
    return open_docx(fixture_docx)


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The HTML of the sample DDD dossier in French."""
    from dossier.build.pipeline import build_dossiers

    out = tmp_path_factory.mktemp("sample")
    sample = ROOT / "sample_data" / "incidents.xlsx"
    build_dossiers(sample, layouts=["ddd"], langs=["fr"], formats=("html",), out=out, jobs=1)
    return (out / "ddd-fr.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------- structure, text


def test_headings_are_word_headings_with_bookmarks(fixture_doc: Any) -> None:
    headings = [
        (style_name(p), p.text)
        for p in fixture_doc.paragraphs
        if style_name(p).startswith("heading")
    ]
    assert headings[:4] == [
        ("heading 2", "Lettre de saisine"),
        ("heading 2", "Sommaire"),
        ("heading 1", "Résumé des faits"),
        ("heading 2", "Chronologie des incidents"),
    ]
    assert ("heading 3", "Témoignage de M.\u00a0A. (arabe)") in headings
    # The navigation pane lists paragraphs with an outline level: the heading styles have one.
    styles = {s.name.lower(): s for s in fixture_doc.styles if s.name}
    for level in (1, 2, 3):
        outline = styles[f"heading {level}"].element.find(f"{W}pPr/{W}outlineLvl")
        assert outline is not None and outline.get(qn("w:val")) == str(level - 1)
    # The cover title is the document title, not a heading of the outline.
    assert texts_with_style(fixture_doc, "Title") == ["Saisine du Défenseur des droits"]
    names = bookmarks(fixture_doc)
    assert {"cover_title", "lettre", "faits", "chronologie", "temoignage_1"} <= names
    heading = next(p for p in fixture_doc.paragraphs if p.text == "Résumé des faits")
    start = heading._p.find(f"{W}bookmarkStart")
    assert start is not None and start.get(qn("w:name")) == "faits"
    # The bookmark wraps the heading text, so PAGEREF points at the heading itself.
    assert heading._p.find(f"{W}bookmarkEnd") is not None


def test_paragraphs_keep_text_spacing_and_emphasis(fixture_doc: Any) -> None:
    paragraph = next(p for p in fixture_doc.paragraphs if p.text.startswith("Entre le 1"))
    assert paragraph.text.startswith(
        "Entre le 1er\u00a0mars et le 30\u00a0juin\u00a02024, nos équipes ont recueilli"
    )
    assert style_name(paragraph) == "body text"
    superscript = next(r for r in paragraph.runs if r.text == "er")
    assert superscript.font.superscript
    italic = next(r for r in paragraph.runs if r.text.startswith("expulsions sans diag"))
    assert italic.italic
    # A space between runs ends the first one: "de 42" is not "de" + bold " 42".
    letter = next(p for p in fixture_doc.paragraphs if p.text.startswith("Nous avons"))
    assert any(r.bold and r.text.strip() == "42\u00a0incidents" for r in letter.runs)
    assert "  " not in letter.text and "\n" not in letter.text


def test_running_title_goes_to_the_header_not_the_body(fixture_doc: Any) -> None:
    running = "Saisine — violences policières sur le littoral (2024)"
    assert all(running not in p.text for p in all_paragraphs(fixture_doc))
    section = fixture_doc.sections[0]
    header = section.header.paragraphs[0]
    assert header.text == f"{running}\tCONFIDENTIEL — Défenseur des droits uniquement"
    assert style_name(header) == "header"
    # The cover is page 1: its header and footer are empty.
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    assert section.first_page_footer.paragraphs[0].text == ""


def test_footer_shows_page_x_of_y(fixture_doc: Any) -> None:
    footer = fixture_doc.sections[0].footer.paragraphs[0]
    instructions = [t.text.strip() for t in footer._p.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert re.fullmatch(r"page 1 / \d+", footer.text)
    english = open_docx(render(page("<p>Text</p>", lang="en"), lang="en"))
    assert re.fullmatch(r"page 1 of \d+", english.sections[0].footer.paragraphs[0].text)


def test_cover_letter_annexes_and_page_break_start_new_pages(fixture_doc: Any) -> None:
    breaks = [
        p.text
        for p in fixture_doc.paragraphs
        if p._p.find(f"{W}pPr/{W}pageBreakBefore") is not None
    ]
    assert breaks == [
        "Lettre de saisine",  # after the cover
        "Sommaire",  # after the letter
        "Résumé des faits",  # after the table of contents
        "Le présent dossier est transmis sous forme de PDF/A, avec les données sources en "
        "pièce jointe.",  # <div class="page-break">
        "Annexe A — Empreintes des pièces",
    ]  # Annexe B, confidential, starts a Word section of its own (next test)


def test_confidential_annex_is_a_word_section_marked_confidential(fixture_doc: Any) -> None:
    main, annex = fixture_doc.sections
    assert main.different_first_page_header_footer
    assert not annex.different_first_page_header_footer
    assert main.header.paragraphs[0].text.startswith("Saisine — violences")
    assert annex.header.paragraphs[0].text == (
        "CONFIDENTIEL\tCONFIDENTIEL — Défenseur des droits uniquement"
    )
    assert re.fullmatch(r"CONFIDENTIEL\tpage 1 / \d+", annex.footer.paragraphs[0].text)
    # The section ends after Annexe A: the annex's heading opens the last section.
    body = list(body_xml(fixture_doc))
    ends = [i for i, e in enumerate(body) if e.find(f"{W}pPr/{W}sectPr") is not None]
    (end,) = ends
    heading = docx.text.paragraph.Paragraph(body[end + 1], fixture_doc._body)
    assert heading.text == "Annexe B — Identités des témoins"


def test_text_after_a_confidential_annex_returns_to_the_normal_header() -> None:
    html = page(
        '<p class="running-title">Running</p>\n<p>Before</p>\n'
        '<section class="annex confidential-annex" id="secret"><h1>Names</h1></section>\n'
        "<section><h1>After</h1></section>",
        lang="en",
    )
    document = open_docx(render(html, lang="en"))
    assert [s.header.paragraphs[0].text for s in document.sections] == [
        "Running",
        "CONFIDENTIAL\t",
        "Running",
    ]
    assert "secret" in bookmarks(document)
    names = next(p for p in document.paragraphs if p.text == "Names")
    assert names._p.find(f"{W}bookmarkStart").get(qn("w:name")) == "secret"


def test_named_classes_get_their_styles(fixture_doc: Any) -> None:
    assert texts_with_style(fixture_doc, "Marking") == [
        "CONFIDENTIEL — Défenseur des droits uniquement"
    ]
    assert texts_with_style(fixture_doc, "Signature") == [
        "Fait à Calais, le 15\u00a0juillet\u00a02024",
        "Camille Exemple, coordinatrice juridique",
    ]
    assert texts_with_style(fixture_doc, "Epigraph") == [
        "«\u202fToute personne a droit au respect de sa dignité.\u202f»",
        "— Code de la sécurité intérieure, art. R.\u00a0434-14",
    ]
    assert texts_with_style(fixture_doc, "Quote") == [
        "مثال: أخذت الشرطة بطانيتي وهاتفي.",
        "نمونه: پلیس چادر ما را برد.",
        "ሰላም። ፖሊስ መጺኦም።",
    ]
    arabic = next(p for p in fixture_doc.paragraphs if p.text.startswith("مثال"))
    assert arabic._p.find(f"{W}pPr/{W}bidi") is not None
    char_styles = {
        r.style.name: r.text
        for p in all_paragraphs(fixture_doc)
        for r in p.runs
        if r.style is not None and r.style.name in ("Fingerprint", "Untranslated", "Muted")
    }
    assert (
        char_styles["Fingerprint"].startswith("ea3429e6") or len(char_styles["Fingerprint"]) == 64
    )
    assert char_styles["Untranslated"].startswith("Texte non traduit")
    assert "Association Exemple" in char_styles["Muted"]


def test_lists_are_word_lists_with_levels(fixture_doc: Any) -> None:
    items = [
        (style_name(p), p._p.find(f"{W}pPr/{W}numPr"), p.text)
        for p in fixture_doc.paragraphs
        if style_name(p) in ("list bullet", "list number")
    ]
    levels = [
        (style, int(num.find(f"{W}ilvl").get(qn("w:val"))), text.split("\u202f")[0])
        for style, num, text in items
    ]
    assert levels[:6] == [
        ("list bullet", 0, "atteintes aux biens"),
        ("list bullet", 1, "destruction de tentes et de bâches"),
        ("list bullet", 1, "confiscation de téléphones et de documents d’identité"),
        ("list bullet", 0, "atteintes aux personnes"),
        ("list number", 1, "usage de gaz lacrymogène sur des personnes endormies"),
        ("list number", 1, "coups portés lors d’interpellations."),
    ]
    # Each <ol> is numbered from 1: its own w:num, restarting its level.
    numbering = fixture_doc.part.numbering_part.element
    ordered = {
        num.find(f"{W}numId").get(qn("w:val")) for style, num, _ in items if style == "list number"
    }
    assert len(ordered) == 2
    for num_id in ordered:
        num = numbering.find(f'{W}num[@{W}numId="{num_id}"]')
        assert num.find(f"{W}lvlOverride/{W}startOverride").get(qn("w:val")) == "1"


def test_nested_list_item_text_and_second_paragraph() -> None:
    document = open_docx(
        render(page("<ul>\n<li><p>first</p><p>second</p></li>\n<li>third</li>\n</ul>"))
    )
    paragraphs = [p for p in document.paragraphs if p.text]
    assert [p.text for p in paragraphs] == ["first", "second", "third"]
    number_ids = [p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(qn("w:val")) for p in paragraphs]
    # The second paragraph of an item continues it, without a bullet of its own.
    assert number_ids[1] == "0" and number_ids[0] == number_ids[2] != "0"


# ---------------------------------------------------------------------------- tables


def test_tables_repeat_header_rows_and_never_split_rows(fixture_doc: Any) -> None:
    tables = [t for t in fixture_doc.tables if t.style.name == "Dossier Table"]
    assert len(tables) == 3
    chronology = tables[0]
    assert [c.text for c in chronology.rows[0].cells] == [
        "Réf.",
        "Date",
        "Lieu",
        "Nature",
        "Pers.",
        "Pièce",
    ]
    assert len(chronology.rows) == 43
    assert chronology.rows[1].cells[0].text == "INC-001"
    for table in tables:
        rows = table._tbl.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])
        assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
        widths = [int(col.get(qn("w:w"))) for col in table._tbl.iter(f"{W}gridCol")]
        assert sum(widths) == TEXT_WIDTH
    # The place column gets more room than the short reference and count columns.
    widths = [int(col.get(qn("w:w"))) for col in chronology._tbl.iter(f"{W}gridCol")]
    assert widths[2] > widths[0] and widths[2] > 2 * widths[4]
    header_styles = {style_name(p) for c in chronology.rows[0].cells for p in c.paragraphs}
    assert header_styles == {"table heading"}
    compact = tables[1]
    assert {style_name(p) for p in compact.rows[1].cells[0].paragraphs} == {"compact table text"}


def test_colspan_spans_grid_columns() -> None:
    html = page(
        "<table>\n<thead><tr><th>A</th><th>B</th><th>C</th></tr></thead>\n"
        '<tbody><tr><td colspan="3">Aucune pièce.</td></tr></tbody>\n</table>'
    )
    table = open_docx(render(html)).tables[0]
    cell = table._tbl.findall(f"{W}tr")[1].find(f"{W}tc")
    assert cell.find(f"{W}tcPr/{W}gridSpan").get(qn("w:val")) == "3"
    assert table.rows[1].cells[0].text == "Aucune pièce."


def test_adjacent_tables_stay_apart() -> None:
    html = page('<table><tr><td>one</td></tr></table>\n<dl class="facts"><dt>A</dt><dd>b</dd></dl>')
    body = body_xml(open_docx(render(html)))
    tags = [child.tag.split("}")[1] for child in body]
    assert tags[:3] == ["tbl", "p", "tbl"], tags


@pytest.mark.parametrize(("lang", "label"), [("fr", "Période\u00a0:"), ("en", "Period:")])
def test_fact_lists_are_two_column_tables(lang: str, label: str) -> None:
    html = page(
        '<dl class="facts">\n<dt>Période</dt><dd>1er mars</dd>\n<dt>Lieux</dt><dd>Calais</dd>'
        "<dd>Grande-Synthe</dd>\n</dl>",
        lang=lang,
    )
    html = html.replace("Période", "Period") if lang == "en" else html
    document = open_docx(render(html, lang=lang))
    table = document.tables[0]
    assert table.style.name == "Facts Table"
    assert [[c.text for c in row.cells] for row in table.rows] == [
        [label, "1er mars"],
        ["Lieux" + label[-2:] if lang == "fr" else "Lieux:", "Calais\nGrande-Synthe"],
    ]
    assert {style_name(p) for p in table.rows[0].cells[0].paragraphs} == {"fact label"}


# ------------------------------------------------------------------ table of contents


def toc_entries(document: Any) -> list[tuple[int, str, str, str]]:
    """(level, text, PAGEREF target, cached page) for each TOC entry paragraph."""
    entries = []
    for paragraph in document.paragraphs:
        name = style_name(paragraph)
        if not name.startswith("toc ") or name == "toc heading":
            continue
        link = paragraph._p.find(f"{W}hyperlink")
        instructions = [t.text for t in link.iter(f"{W}instrText")]
        (pageref,) = instructions
        target = re.fullmatch(r" PAGEREF (\S+) \\h ", pageref)
        assert target, pageref
        texts = [t.text for t in link.iter(f"{W}t")]
        entries.append((int(name[-1]), texts[0], target[1], texts[-1]))
        assert link.get(qn("w:anchor")) == target[1]
    return entries


def test_toc_is_a_field_with_pagerefs_to_heading_bookmarks(fixture_doc: Any) -> None:
    instructions = [t.text for t in body_xml(fixture_doc).iter(f"{W}instrText")]
    assert instructions[0] == ' TOC \\o "1-2" \\h \\z \\u '
    entries = toc_entries(fixture_doc)
    assert [(level, text, target) for level, text, target, _ in entries] == FIXTURE_TOC
    names = bookmarks(fixture_doc)
    assert all(target in names for _, _, target, _ in entries)
    # Estimated page numbers, in order, so readers see numbers without updating the field.
    pages = [int(cached) for *_, cached in entries]
    assert pages == sorted(pages) and pages[0] >= 3
    # Every field begun is ended: the TOC field closes after its last entry.
    chars = [c.get(qn("w:fldCharType")) for c in body_xml(fixture_doc).iter(f"{W}fldChar")]
    assert chars.count("begin") == chars.count("end") == chars.count("separate")


def test_toc_uses_the_page_numbers_given() -> None:
    html = FIXTURE.read_text(encoding="utf-8")
    pages = {"faits": 4, "chronologie": 5, "temoignages": 7, "demandes": 8}
    entries = toc_entries(open_docx(render(html, toc_pages=pages)))
    given = [(target, cached) for _, _, target, cached in entries if target in pages]
    assert given == [(k, str(v)) for k, v in pages.items()]


def test_empty_toc_placeholder_is_filled_from_the_headings() -> None:
    html = page(
        '<nav class="toc"></nav>\n<h1 id="one">One</h1>\n<h2 id="two">Two</h2>\n'
        '<h2 id="skip" data-toc="no">Skipped</h2>\n<h3 id="three">Three</h3>\n<p>x</p>'
    )
    entries = toc_entries(open_docx(render(html)))
    assert [(level, text, target) for level, text, target, _ in entries] == [
        (1, "One", "one"),
        (2, "Two", "two"),
    ]


def grouped_contents(levels: list[int], per_part: int) -> str:
    """A document whose contents ``fill_toc`` writes in groups of ``per_part`` entries."""
    from dossier.render.html import TOC_PLACEHOLDER, fill_toc

    body = "\n".join(
        f'<h{level} id="h{n}">Titre {n}</h{level}>\n<p>Texte {n}.</p>'
        for n, level in enumerate(levels)
    )
    return fill_toc(
        page(f'<h1 id="sommaire" data-toc="no">Sommaire</h1>\n{TOC_PLACEHOLDER}\n{body}'),
        per_part=per_part,
    )


def toc_fields(document: Any) -> list[str]:
    return [
        t.text
        for t in body_xml(document).iter(f"{W}instrText")
        if t.text.strip().startswith("TOC ")
    ]


def test_contents_groups_make_one_word_contents_field() -> None:
    # 400 entries: chapters of 30 sections, so that groups of 160 start inside a chapter.
    levels = [1 if n % 31 == 0 else 2 for n in range(400)]
    html = grouped_contents(levels, 160)
    assert html.count('<nav class="toc">') == 3
    assert html.count('<div class="page-break"></div>') == 2
    assert '<nav class="toc"><ol><li class="toc-1"><ol>' in html  # a reopened chapter
    data = render(html)
    document = open_docx(data)

    assert toc_fields(document) == [' TOC \\o "1-2" \\h \\z \\u ']
    chars = [c.get(qn("w:fldCharType")) for c in body_xml(document).iter(f"{W}fldChar")]
    # One contents field and one PAGEREF per entry, every one closed.
    assert chars.count("begin") == chars.count("separate") == chars.count("end") == 401
    entries = toc_entries(document)
    assert [(level, text, target) for level, text, target, _ in entries] == [
        (level, f"Titre {n}", f"h{n}") for n, level in enumerate(levels)
    ]
    pages = [int(cached) for *_, cached in entries]
    assert pages == sorted(pages)

    # The contents is one run of non-empty entries, none starting a page, straight after
    # its heading and followed by the first chapter on a new page.
    paragraphs = list(document.paragraphs)
    names = [style_name(p) for p in paragraphs]
    first = names.index("toc 1")
    last = first + len(entries) - 1
    assert paragraphs[first - 1].text == "Sommaire"
    assert all(name.startswith("toc ") for name in names[first : last + 1])
    assert all(p.text.strip() for p in paragraphs[first : last + 1])
    breaks = [p._p.find(f"{W}pPr/{W}pageBreakBefore") is not None for p in paragraphs]
    assert not any(breaks[first : last + 1])
    assert (paragraphs[last + 1].text, names[last + 1], breaks[last + 1]) == (
        "Titre 0",
        "heading 1",
        True,
    )
    # The same document as with the contents in one group.
    assert data == render(grouped_contents(levels, 10**6))


def test_contents_groups_of_the_sample_dossier_give_the_same_docx(sample_html: str) -> None:
    from dossier.render.html import TOC_PLACEHOLDER, fill_toc

    start = sample_html.index('<nav class="toc">')
    end = sample_html.index("</nav>", start) + len("</nav>")
    placeholder = sample_html[:start] + TOC_PLACEHOLDER + sample_html[end:]
    single = fill_toc(placeholder)
    assert single == sample_html
    grouped = fill_toc(placeholder, per_part=7)
    assert grouped.count('<nav class="toc">') > 5
    assert '<nav class="toc"><ol><li class="toc-1"><ol>' in grouped
    assert render(grouped) == render(single)


# ------------------------------------------------------------------------- footnotes


def test_footnotes_are_real_word_footnotes(fixture_docx: bytes, fixture_doc: Any) -> None:
    notes = footnotes_element(fixture_doc)
    by_id = {n.get(qn("w:id")): n for n in notes.iter(f"{W}footnote")}
    assert by_id["-1"].get(qn("w:type")) == "separator"
    assert by_id["0"].get(qn("w:type")) == "continuationSeparator"
    references = [r.get(qn("w:id")) for r in body_xml(fixture_doc).iter(f"{W}footnoteReference")]
    assert references == ["1", "2", "3"]
    texts = ["".join(t.text for t in by_id[ref].iter(f"{W}t")).strip() for ref in references]
    assert texts == [
        "Les constats ont été réalisés par au moins deux bénévoles, présents lors de chaque "
        "opération.",
        "Durées mesurées à partir des horodatages des vidéos (pièce n°\u00a01).",
        "Traduction confiée à un interprète assermenté près la cour d’appel de Douai.",
    ]
    for ref in references:
        paragraph = by_id[ref].find(f"{W}p")
        assert paragraph.find(f"{W}pPr/{W}pStyle").get(qn("w:val")) == "FootnoteText"
        assert paragraph.find(f"{W}r/{W}footnoteRef") is not None
    # The note is not in the body text, only its call.
    assert all("deux bénévoles" not in p.text for p in all_paragraphs(fixture_doc))
    with zipfile.ZipFile(io.BytesIO(fixture_docx)) as package:
        types = package.read("[Content_Types].xml").decode()
        settings = package.read("word/settings.xml").decode()
    assert (
        'PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"' in types
    )
    assert '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>' in (
        settings
    )


def test_text_after_a_footnote_continues_where_the_call_is() -> None:
    """A note is written apart (its own paragraph, style, formatting, links); after it, the
    text goes on in the same paragraph, link and formatting as before the call."""
    document = open_docx(
        render(
            page(
                '<ul><li><strong><a href="#fin">Avant<span class="footnote">Voir '
                '<a href="https://example.org/note">la source</a>.</span> après</a></strong>'
                ' suite</li></ul>\n<h2 id="fin">Fin</h2>'
            )
        )
    )
    item = next(p for p in all_paragraphs(document) if style_name(p) == "list bullet")
    assert normalise(item.text) == "Avant après suite"
    links = item._p.findall(f"{W}hyperlink")
    # The call sits between two pieces of the same internal link, never inside one.
    assert [link.get(qn("w:anchor")) for link in links] == ["fin", "fin"]
    assert item._p.find(f"{W}r/{W}footnoteReference") is not None
    assert "".join(t.text for t in links[1].iter(f"{W}t")) == " après"  # the space after the call
    assert all(r.find(f"{W}rPr/{W}b") is not None for r in links[1].iter(f"{W}r"))  # still bold

    notes = footnotes_element(document)
    note = next(n for n in notes.iter(f"{W}footnote") if n.get(qn("w:id")) == "1")
    paragraphs = note.findall(f"{W}p")
    assert len(paragraphs) == 1
    assert paragraphs[0].find(f"{W}pPr/{W}pStyle").get(qn("w:val")) == "FootnoteText"
    assert paragraphs[0].find(f"{W}pPr/{W}numPr") is None  # not a list item
    assert paragraphs[0].find(f".//{W}b") is None  # the call's formatting stays outside
    # The note's link is a relationship of the footnotes part, not of the document part.
    external = paragraphs[0].find(f"{W}hyperlink")
    r_id = external.get(qn("r:id"))
    footnotes = next(r.target_part for r in document.part.rels.values() if "footnotes" in r.reltype)
    assert footnotes.rels[r_id].target_ref == "https://example.org/note"
    assert all(r.target_ref != "https://example.org/note" for r in document.part.rels.values())


# ------------------------------------------------------------------------ hyperlinks


def test_links_are_word_hyperlinks(fixture_doc: Any) -> None:
    hyperlinks = list(body_xml(fixture_doc).iter(f"{W}hyperlink"))
    external = [h for h in hyperlinks if h.get(qn("r:id"))]
    (link,) = external
    rel = fixture_doc.part.rels[link.get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == "https://www.defenseurdesdroits.fr/"
    run_style = link.find(f"{W}r/{W}rPr/{W}rStyle").get(qn("w:val"))
    assert run_style == "Hyperlink"
    # Exhibit references jump to the bookmark on the exhibit's table row.
    exhibit_links = [h for h in hyperlinks if h.get(qn("w:anchor"), "").startswith("exhibit_")]
    assert len(exhibit_links) == 43
    assert {h.find(f"{W}r/{W}rPr/{W}rStyle").get(qn("w:val")) for h in exhibit_links} == {
        "ExhibitReference"
    }
    assert {"exhibit_1", "exhibit_2", "exhibit_3"} <= bookmarks(fixture_doc)
    # An exhibit reference never breaks across lines.
    texts = {"".join(t.text for t in h.iter(f"{W}t")) for h in exhibit_links}
    assert texts == {"Pièce\u00a0n°\u00a01", "Pièce\u00a0n°\u00a02", "Pièce\u00a0n°\u00a03"}


def test_only_web_and_mail_links_become_hyperlinks() -> None:
    html = page(
        '<p><a href="javascript:alert(1)">js</a> <a href="file:///etc/passwd">file</a> '
        '<a href="mailto:a@example.org">mail</a></p>'
    )
    document = open_docx(render(html))
    targets = sorted(r.target_ref for r in document.part.rels.values() if r.is_external)
    assert targets == ["mailto:a@example.org"]
    assert document.paragraphs[0].text == "js file mail"


# --------------------------------------------------------------------------- figures


def png_data_uri(width: int = 40, height: int = 20) -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def test_figures_embed_data_images_with_caption(fixture_doc: Any) -> None:
    figure = next(p for p in fixture_doc.paragraphs if p._p.find(f".//{W}drawing") is not None)
    assert style_name(figure) == "figure"
    doc_pr = figure._p.find(f".//{{{figure._p.nsmap['wp']}}}docPr")
    assert doc_pr.get("descr") == "Histogramme des incidents par mois"
    assert texts_with_style(fixture_doc, "Caption") == [
        "Figure\u00a01 — Incidents par mois (mars à juin\u00a02024)"
    ]
    # The SVG is embedded as SVG (with a PNG for readers that cannot show SVG).
    media = sorted(
        p.partname for p in fixture_doc.part.package.iter_parts() if "/media/" in p.partname
    )
    assert [Path(name).suffix for name in media] == [".png", ".svg"]


def test_png_image_is_sized_from_its_attributes() -> None:
    html = page(f'<figure><img src="{png_data_uri()}" alt="red" width="200"></figure>')
    document = open_docx(render(html))
    (shape,) = document.inline_shapes
    assert (shape.width, shape.height) == (200 * 9525, 100 * 9525)


@pytest.mark.parametrize(
    "src", ["file:///etc/passwd", "https://example.org/x.png", "../../../etc/passwd", "/etc/hosts"]
)
def test_images_from_paths_or_urls_are_refused(src: str) -> None:
    document = open_docx(render(page(f'<p><img src="{src}" alt="refused image"></p>')))
    assert not list(document.inline_shapes)
    assert document.paragraphs[0].text == "refused image"


# --------------------------------------------------------------------- escaping, data


def test_data_stays_text() -> None:
    html = page("<p>&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} a\x0bb</p>")
    assert open_docx(render(html)).paragraphs[0].text == "<script>alert(1)</script> {{ 7*7 }} ab"


# ------------------------------------------------------------------------ properties


def test_core_properties(fixture_doc: Any) -> None:
    core = fixture_doc.core_properties
    stamp = dt.datetime.fromtimestamp(EPOCH, tz=dt.UTC).replace(tzinfo=None)
    assert core.title == "Saisine du Défenseur des droits"
    assert core.author == core.last_modified_by == "Association Exemple"
    assert core.subject == "Saisine"
    assert core.keywords == "a, b"
    assert core.language == "fr-FR"
    assert core.revision == 1
    assert core.created.replace(tzinfo=None) == stamp
    assert core.modified.replace(tzinfo=None) == stamp


def test_language_is_set_in_styles_and_settings() -> None:
    document = open_docx(render(page("<p>Text</p>", lang="en"), lang="en"))
    styles = document.styles.element
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(qn("w:val")) == "en-GB"
    theme = document.settings.element.find(f"{W}themeFontLang")
    assert theme.get(qn("w:val")) == "en-GB"
    assert document.core_properties.language == "en-GB"


def test_default_dates_are_the_build_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    data = render_docx(page("<p>x</p>"), title="t", author="a", lang="fr")
    core = open_docx(data).core_properties
    # No SOURCE_DATE_EPOCH: the day of the build, never 1980.
    expected = dt.datetime.combine(dt.date.today(), dt.time())
    assert core.created.replace(tzinfo=None) == expected
    assert core.modified.replace(tzinfo=None) == expected
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time[:3] for info in package.infolist()} == {
            dt.date.today().timetuple()[:3]
        }
    assert render_docx(page("<p>x</p>"), title="t", author="a", lang="fr") == data
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    from_env = render_docx(page("<p>x</p>"), title="t", author="a", lang="fr")
    assert from_env == render(page("<p>x</p>"), title="t", author="a")


def test_same_input_same_bytes(fixture_docx: bytes) -> None:
    again = render(FIXTURE.read_text(encoding="utf-8"), subject="Saisine", keywords=["a", "b"])
    assert again == fixture_docx
    with zipfile.ZipFile(io.BytesIO(fixture_docx)) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(2024, 7, 3, 9, 46, 40)}
    names = [info.filename for info in infos[2:]]
    assert names == sorted(names)
    assert "docProps/thumbnail.jpeg" not in names
    other_epoch = render(FIXTURE.read_text(encoding="utf-8"), source_date_epoch=EPOCH + 86_400)
    assert other_epoch != fixture_docx


# Word refuses a document whose property elements are out of the schema's order
# (ECMA-376 part 1, 17.3.1.26 pPr, 17.3.2.28 rPr, 17.4.60 tblPr, 17.4.82 trPr, 17.4.70 tcPr,
# 17.6.17 sectPr): LibreOffice is lenient, so check the order here.
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
    "tblDescription",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
    "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi "
    "rtlGutter docGrid printerSettings",
    "tbl": "tblPr tblGrid tr",
    "tr": "tblPrEx trPr tc",
    "tc": "tcPr p tbl",
}


def test_xml_children_follow_the_schema_order(fixture_docx: bytes) -> None:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(fixture_docx)) as package:
        parts = [n for n in package.namelist() if n.startswith("word/") and n.endswith(".xml")]
        trees = {name: etree.fromstring(package.read(name)) for name in parts}
    problems = []
    for name, tree in trees.items():
        for parent_name, order in SCHEMA_ORDER.items():
            ranks = {child: rank for rank, child in enumerate(order.split())}
            ranks["footerReference"] = ranks.get("headerReference", 0)  # one choice group
            for parent in tree.iter(f"{W}{parent_name}"):
                if parent.getparent() is not None and parent.getparent().tag == f"{W}style":
                    continue  # style definitions come from reference.docx
                seen = [etree.QName(c).localname for c in parent if etree.QName(c).namespace]
                known = [ranks[c] for c in seen if c in ranks]
                if known != sorted(known) or any(c not in ranks for c in seen):
                    problems.append((name, parent_name, seen))
    assert problems == []


# -------------------------------------------------------------------- subset, styles


def test_element_outside_the_subset_fails_with_its_line() -> None:
    html = page('<p>fine</p>\n<marquee>no</marquee>\n<p class="shiny">x</p>')
    with pytest.raises(UnsupportedElement) as caught:
        render(html)
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.tag, error.classes, error.line) == ("marquee", (), 6)
    assert "line 6" in str(error) and "<marquee>" in str(error)
    problems = check_html_subset(html)
    assert [(p.tag, p.classes, p.line) for p in problems] == [
        ("marquee", (), 6),
        ("p", ("shiny",), 7),
    ]


def test_subset_check_accepts_the_fixture_and_the_built_in_templates() -> None:
    assert check_html_subset(FIXTURE.read_text(encoding="utf-8")) == []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        assert check_html_subset(template.read_text(encoding="utf-8")) == [], template


def test_reference_lacking_styles_fails_listing_them_all(tmp_path: Path) -> None:
    document = docx.Document(str(REFERENCE))
    styles = document.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.get(qn("w:styleId")) in ("Fingerprint", "TOC2", "DossierTable"):
            styles.remove(style)
    broken = tmp_path / "broken.docx"
    document.save(str(broken))
    with pytest.raises(MissingStyle) as caught:
        render(page("<p>x</p>"), reference_docx=broken)
    assert caught.value.style_names == (
        "TOC 2 (paragraph style)",
        "Dossier Table (table style)",
        "Fingerprint (character style)",
    )
    assert str(broken) in str(caught.value)
    with pytest.raises(MissingStyle):
        check_reference_docx(broken)
    check_reference_docx()  # the built-in reference has them all


def test_a_previous_dossier_can_serve_as_reference(fixture_docx: bytes, tmp_path: Path) -> None:
    """A reference edited in Word has text, footnotes, sections: only its styles count."""
    reference = tmp_path / "previous.docx"
    reference.write_bytes(fixture_docx)
    document = open_docx(
        render(page('<p>New<span class="footnote">Only note.</span></p>'), reference_docx=reference)
    )
    assert [p.text for p in document.paragraphs] == ["New"]
    notes = footnotes_element(document)
    texts = ["".join(t.text for t in n.iter(f"{W}t")).strip() for n in notes.iter(f"{W}footnote")]
    assert texts == ["", "", "Only note."]
    assert len(document.sections) == 1


def test_reference_without_numbering_or_footnotes(tmp_path: Path) -> None:
    with zipfile.ZipFile(REFERENCE) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    rels = entries["word/_rels/document.xml.rels"].decode()
    entries["word/_rels/document.xml.rels"] = re.sub(
        r'<Relationship [^>]*Target="numbering.xml"/>', "", rels
    ).encode()
    del entries["word/numbering.xml"]
    stripped = tmp_path / "stripped.docx"
    with zipfile.ZipFile(stripped, "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)
    document = open_docx(
        render(page("<ol><li>one</li></ol>\n<ul><li>dot</li></ul>"), reference_docx=stripped)
    )
    numbering = document.part.numbering_part.element
    assert len(numbering.findall(f"{W}abstractNum")) == 2
    assert [p.text for p in document.paragraphs] == ["one", "dot"]


def test_reference_text_links_images_and_endnotes_do_not_leak(tmp_path: Path) -> None:
    """Word references carry endnotes (separators named in the settings), maybe notes."""
    with zipfile.ZipFile(REFERENCE) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    entries["word/endnotes.xml"] = (
        f'<w:endnotes {w}><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
        '</w:r></w:p></w:endnote><w:endnote w:id="1"><w:p><w:r><w:t>OLD SECRET NOTE</w:t>'
        "</w:r></w:p></w:endnote></w:endnotes>"
    ).encode()
    entries["word/_rels/document.xml.rels"] = entries["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/endnotes" Target="endnotes.xml"/><Relationship Id="rId91" Type="http://'
        b'schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
        b'Target="https://old.example.org/" TargetMode="External"/></Relationships>',
    )
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.endnotes+xml"/></Types>',
    )
    reference = tmp_path / "word-made.docx"
    with zipfile.ZipFile(reference, "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)
    data = render(page("<p>New</p>"), reference_docx=reference)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        everything = b"".join(package.read(name) for name in package.namelist())
    assert b"OLD SECRET NOTE" not in everything
    assert b"old.example.org" not in everything
    assert b"titre du dossier" not in everything  # the sample text of the reference
    assert b'w:type="separator"' in everything


def test_reference_docx_is_up_to_date_and_deterministic() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_reference_docx", ROOT / "tools" / "make_reference_docx.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build_reference()
    assert built == module.build_reference()

    def entries(data: bytes) -> list[tuple[str, bytes]]:
        # Contents, not bytes: another zlib may deflate the same entries differently.
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return [(info.filename, package.read(info)) for info in package.infolist()]

    assert entries(built) == entries(REFERENCE.read_bytes()), (
        "templates/reference.docx is stale: run python tools/make_reference_docx.py"
    )
    assert default_reference_docx() == REFERENCE


def test_reference_docx_page_and_fonts() -> None:
    document = docx.Document(str(REFERENCE))
    section = document.sections[0]
    sizes = (section.page_width, section.page_height)
    assert [round(s.mm) if s is not None else None for s in sizes] == [210, 297]
    margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
    assert [round(m.mm) if m is not None else None for m in margins] == [24, 20, 22, 22]
    styles = {s.name.lower(): s for s in document.styles if s.name}
    assert {name.lower() for name in REQUIRED_STYLES} <= set(styles)
    assert styles["normal"].font.name == "Noto Serif"
    assert styles["heading 1"].font.name == "Noto Sans"
    assert styles["fingerprint"].font.name == "DejaVu Sans Mono"


# -------------------------------------------------------------- the built-in templates


def test_sample_dossier_renders_from_the_built_in_templates(tmp_path: Path) -> None:
    from dossier.build.pipeline import build_dossiers

    result = build_dossiers(
        ROOT / "sample_data" / "incidents.xlsx", formats=("html",), out=tmp_path
    )
    for output in result.outputs:
        html = output.path.read_text(encoding="utf-8")
        assert check_html_subset(html) == []
        document = open_docx(render(html, lang=output.lang))
        entries = toc_entries(document)
        assert len(entries) > 10
        assert all(target in bookmarks(document) for _, _, target, _ in entries)
        assert all(cached.isdigit() for *_, cached in entries)
        assert document.tables and document.sections[0].different_first_page_header_footer


# ------------------------------------------------------------------ a real Word client


@pytest.mark.slow
def test_libreoffice_opens_the_docx_and_shows_the_dossier(
    fixture_docx: bytes, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (Debian: libreoffice-writer-nogui) is not installed")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    (tmp_path / "dossier.docx").write_bytes(fixture_docx)
    (tmp_path / "plain.docx").write_bytes(render(page("<p>Une page.</p>")))
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "dossier.docx"),
            str(tmp_path / "plain.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "dossier.pdf"
    assert pdf.is_file(), result.stdout + result.stderr

    def text_of(path: Path, *pages: str) -> str:
        run = subprocess.run(
            ["pdftotext", "-layout", *pages, str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        return run.stdout

    text = text_of(pdf)
    flat = normalise(text)
    for fact in (
        "Saisine du Défenseur des droits",
        "Nous avons l’honneur de vous saisir de 42 incidents",
        "INC-042",
        "ea3429e6f7f98e4023da770923eedbb0464cb629203c614956050cb95f51f867",
        "Les constats ont été réalisés par au moins deux bénévoles",
        "Traduction confiée à un interprète assermenté",
    ):
        assert fact in flat, fact
    # The table of contents shows page numbers without anyone updating it.
    for _, title, _ in FIXTURE_TOC:
        assert re.search(re.escape(title) + r"\s*\.{3,}\s*\d+\s*$", text, re.MULTILINE), title
    # Header with the running title and the marking; footer "page X / Y" from page 2.
    second = normalise(text_of(pdf, "-f", "2", "-l", "2"))
    assert "Saisine — violences policières sur le littoral (2024)" in second
    assert "CONFIDENTIEL — Défenseur des droits uniquement" in second
    assert re.search(r"page 2 / \d+", second)
    # The confidential annex (the last page) says so in its header and footer.
    from pypdf import PdfReader

    pages = len(PdfReader(pdf).pages)
    last = text_of(pdf, "-f", str(pages), "-l", str(pages))
    assert re.match(r"\s*CONFIDENTIEL\s+CONFIDENTIEL — Défenseur", last), last[:200]
    assert re.search(rf"CONFIDENTIEL\s+page {pages} / {pages}", last)
    first = normalise(text_of(pdf, "-f", "1", "-l", "1"))
    assert "page 1" not in first  # the cover has no footer
    assert "page 1 / 1" in normalise(text_of(tmp_path / "plain.pdf"))


@pytest.mark.slow
def test_libreoffice_opens_a_large_dossier_with_one_contents(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (Debian: libreoffice-writer-nogui) is not installed")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    import sys
    from html import unescape

    from dossier.build.pipeline import build_dossiers

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_build import make_workbook
    finally:
        sys.path.remove(str(ROOT / "bench"))
    source = make_workbook(tmp_path / "in", 400)
    build_dossiers(source, layouts=["ddd"], langs=["fr"], formats=("html",), out=tmp_path, jobs=1)
    html = (tmp_path / "ddd-fr.html").read_text(encoding="utf-8")
    assert html.count('<nav class="toc">') == 3  # the contents in groups of 160

    data = render(html)
    document = open_docx(data)
    assert len(toc_fields(document)) == 1
    entries = toc_entries(document)
    # Every link of every group, in order.
    expected = [
        (int(level), unescape(text))
        for level, text in re.findall(r'<li class="toc-(\d)"><a href="#[^"]*">(.*?)</a>', html)
    ]
    assert [(level, text) for level, text, _, _ in entries] == expected
    assert len(entries) > 400

    (tmp_path / "large.docx").write_bytes(data)
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "large.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "large.pdf").is_file(), result.stdout + result.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "large.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.split("\f")
    contents = [n for n, page in enumerate(pages) if re.search(r"\.{5,}\s*\d+\s*$", page, re.M)]
    # The contents pages follow one another, and show every entry once, in order.
    assert contents == list(range(contents[0], contents[-1] + 1))
    shown = normalise(" ".join(pages[n] for n in contents))
    position = 0
    for _, title in expected:
        found = shown.find(normalise(title), position)
        assert found >= 0, title
        position = found + len(normalise(title))
    assert shown.count(normalise(expected[0][1])) == 1
