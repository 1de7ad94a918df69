"""Tests of dossier.commands.diff: sections from HTML, PDF and DOCX, word-level differences,
changed pages, the manifest's inputs and exhibits, the text summary and the self-contained review
page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import typer
import weasyprint
from typer.testing import CliRunner

from dossier.commands import diff, diff_sources
from dossier.commands.diff import DiffUsageError, Segment, compare
from dossier.commands.diff_report import describe, fragments, review_page, write_review_page

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm") and shutil.which("pdfinfo")),
    reason="poppler-utils is not installed (bash scripts/setup.sh installs it)",
)

FINGERPRINT = "ab" * 32


def dossier_html(
    incidents: dict[str, str],
    *,
    demand: str = "Nous demandons une enquête.",
    exhibits: tuple[str, ...] = (FINGERPRINT,),
) -> str:
    """A small dossier in the templates' shape: cover, incidents, demands, exhibit rows."""
    sections = "\n".join(
        f'<section class="incident"><h2 id="incident-{key}">Incident {key}</h2>'
        f"<dl><dt>Référence</dt><dd>{key}</dd></dl><p>{text}</p></section>"
        for key, text in incidents.items()
    )
    rows = "\n".join(
        f'<tr id="exhibit-{number}"><td>Pièce n°&#160;{number}</td><td>photo</td>'
        f"<td>{sha}</td></tr>"
        for number, sha in enumerate(exhibits, start=1)
    )
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Titre du dossier</title></head>
<body>
<section class="cover"><p class="running-title">Titre</p><h1 id="cover">Violences</h1></section>
<section class="letter"><p>Madame, Monsieur,</p></section>
<section id="faits"><h1 id="les-faits">Les faits</h1>
{sections}
</section>
<section id="demandes"><h1 id="nos-demandes">Demandes</h1><p>{demand}</p></section>
<section id="bordereau"><h1 id="bordereau-des-pieces">Bordereau</h1><table>{rows}</table></section>
</body></html>
"""


INCIDENTS = {
    "CAL-2015-0001": "Les CRS ont gazé le campement à l'aube.",
    "CAL-2015-0002": "Une patrouille a confisqué trois tentes.",
    "CAL-2015-0003": "Deux hommes ont été insultés en centre-ville.",
}


def write_build(folder: Path, html: str, *, workbook: str = "v1", exhibits: int = 1) -> Path:
    """A built folder as `dossier build` writes it: the HTML and a manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ddd-fr.html").write_text(html, encoding="utf-8")
    manifest = {
        "generator": "dossier 0.1.0",
        "source_date_epoch": 1479168000,
        "inputs": [{"path": "incidents.xlsx", "sha256": workbook * 8}],
        "exhibits": [{"id": f"E-{n}", "sha256": FINGERPRINT} for n in range(1, exhibits + 1)],
        "outputs": [{"path": "ddd-fr.html", "format": "html"}],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


# Sections ------------------------------------------------------------------------------------


def test_html_sections_follow_ids_and_leave_out_the_head() -> None:
    segments = diff_sources.html_segments(dossier_html(INCIDENTS))
    keys = [segment.key for segment in segments]
    assert keys == [
        "section.cover",
        "cover",
        "section.letter",
        "les-faits",
        "incident-CAL-2015-0001",
        "incident-CAL-2015-0002",
        "incident-CAL-2015-0003",
        "nos-demandes",
        "bordereau-des-pieces",
        f"exhibit:{FINGERPRINT}",
    ]
    by_key = {segment.key: segment for segment in segments}
    first = by_key["incident-CAL-2015-0001"]
    assert first.title == "Incident CAL-2015-0001"
    assert first.text == (
        "Incident CAL-2015-0001 Référence CAL-2015-0001 Les CRS ont gazé le campement à l'aube."
    )
    # Non-breaking spaces are spaces; the <title> in <head> is nobody's section.
    assert by_key[f"exhibit:{FINGERPRINT}"].words[:3] == ("Pièce", "n°", "1")
    assert all("Titre du dossier" not in segment.text for segment in segments)


def test_html_inline_elements_do_not_split_words() -> None:
    segments = diff_sources.html_segments(
        '<body><p id="a">le 1<sup>er</sup> janvier, <em>très</em> <a href="#b">tôt</a></p></body>'
    )
    assert segments == [
        Segment("a", "le 1er janvier, très tôt", ("le", "1er", "janvier,", "très", "tôt"))
    ]


def test_diff_segments_reports_added_removed_and_changed_incidents() -> None:
    old = diff_sources.html_segments(dossier_html(INCIDENTS))
    changed = dict(INCIDENTS)
    changed["CAL-2015-0001"] = "Les CRS ont gazé le campement au crépuscule."
    del changed["CAL-2015-0002"]
    changed["CAL-2015-0004"] = "Une famille a été évacuée."
    new = diff_sources.html_segments(dossier_html(changed))
    changes = diff.diff_segments(old, new)
    assert [(c.status, c.key) for c in changes] == [
        ("changed", "incident-CAL-2015-0001"),
        ("removed", "incident-CAL-2015-0002"),
        ("added", "incident-CAL-2015-0004"),
    ]
    assert changes[0].deleted == ["à", "l'aube."]
    assert changes[0].inserted == ["au", "crépuscule."]
    assert changes[0].incident_id == "CAL-2015-0001"


def test_a_renamed_section_is_changed_not_removed_and_added() -> None:
    old = [
        Segment("heading:Demandes", "Demandes", ("Demandes", "nous", "demandons", "une", "enquête"))
    ]
    new = [
        Segment("heading:Requêtes", "Requêtes", ("Requêtes", "nous", "demandons", "une", "enquête"))
    ]
    (change,) = diff.diff_segments(old, new)
    assert (change.status, change.deleted, change.inserted) == (
        "changed",
        ["Demandes"],
        ["Requêtes"],
    )


def test_an_exhibit_renumbered_is_the_same_exhibit() -> None:
    other = "cd" * 32
    old = diff_sources.html_segments(dossier_html({}, exhibits=(FINGERPRINT,)))
    new = diff_sources.html_segments(dossier_html({}, exhibits=(other, FINGERPRINT)))
    changes = diff.diff_segments(old, new)
    assert [(c.status, c.key) for c in changes] == [
        ("added", f"exhibit:{other}"),
        ("changed", f"exhibit:{FINGERPRINT}"),
    ]
    assert (changes[1].deleted, changes[1].inserted) == (["1"], ["2"])


def test_fragments_keep_context_around_each_change() -> None:
    words = tuple(f"w{n}" for n in range(30))
    new = (*words[:10], "NEW", *words[11:])
    runs = diff.word_runs(Segment("s", "", words), Segment("s", "", new))
    assert fragments(runs, context=3) == [
        ("gap", "…"),
        ("equal", "w7 w8 w9"),
        ("delete", "w10"),
        ("insert", "NEW"),
        ("equal", "w11 w12 w13"),
        ("gap", "…"),
    ]


# Folders, manifests and the reports ---------------------------------------------------------


def test_identical_folders_report_nothing(tmp_path: Path) -> None:
    old = write_build(tmp_path / "old", dossier_html(INCIDENTS))
    new = write_build(tmp_path / "new", dossier_html(INCIDENTS))
    result = compare(old, new)
    assert result.identical
    assert [document.status for document in result.documents] == ["identical"]
    assert (result.inputs, result.exhibits, result.notes) == ([], [], [])
    assert describe(result) == [f"old: {old}", f"new: {new}", "identical: no differences"]
    page = review_page(result)
    assert "Identical: no differences." in page
    assert "section-change" not in page


def test_folders_compared_with_their_manifests(tmp_path: Path) -> None:
    changed = dict(INCIDENTS, **{"CAL-2015-0003": "Deux hommes ont été menacés en centre-ville."})
    old = write_build(tmp_path / "old", dossier_html(INCIDENTS))
    new = write_build(
        tmp_path / "new",
        dossier_html(changed, demand="Nous exigeons une enquête."),
        workbook="v2",
        exhibits=2,
    )
    (new / "ddd-fr.docx").write_bytes(b"not compared: only in the new build")
    result = compare(old, new)
    assert not result.identical
    assert [(f.name, f.status) for f in result.changed_files] == [
        ("ddd-fr.docx", "added"),
        ("ddd-fr.html", "changed"),
        ("manifest.json", "changed"),
    ]
    assert [(e.key, e.status) for e in result.inputs] == [("incidents.xlsx", "changed")]
    assert [(e.key, e.status) for e in result.exhibits] == [("E-2", "added")]
    (document,) = result.documents
    assert document.text_format == "html"
    assert document.incidents_changed == ["CAL-2015-0003"]
    assert [c.key for c in document.other_sections] == ["nos-demandes"]
    text = "\n".join(describe(result))
    assert "[-insultés-] {+menacés+}" in text
    assert "[-demandons-] {+exigeons+}" in text
    assert "incidents changed: CAL-2015-0003" in text


def test_usage_errors(tmp_path: Path) -> None:
    folder = write_build(tmp_path / "old", dossier_html(INCIDENTS))
    with pytest.raises(DiffUsageError, match="no such file or folder"):
        compare(folder, tmp_path / "missing")
    with pytest.raises(DiffUsageError, match="both must be folders"):
        compare(folder, folder / "ddd-fr.html")
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(DiffUsageError, match="two PDFs, two DOCX"):
        compare(tmp_path / "a.txt", tmp_path / "a.txt")


def test_review_page_escapes_the_data_and_fetches_nothing(tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script> <img src="http://example.org/t.png"> & co'
    old = write_build(tmp_path / "old", dossier_html(INCIDENTS))
    new = write_build(
        tmp_path / "new",
        dossier_html(dict(INCIDENTS, **{"CAL-2015-0001": html_escape(hostile)})),
    )
    result = compare(old, new)
    assert hostile in " ".join(result.documents[0].sections[0].inserted)
    page = review_page(result)
    assert "<script" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:|//|file:)""", page)
    assert "Content-Security-Policy" in page
    assert "<link" not in page


def html_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


# PDF and DOCX ---------------------------------------------------------------------------------

PAGE_CSS = """
@page { size: A6; margin: 20mm 12mm; @top-center { content: "Titre courant"; }
        @bottom-center { content: "page " counter(page) " / " counter(pages); } }
h1 { break-before: page; }
"""


def write_pdf(path: Path, body: str, css: str = PAGE_CSS) -> Path:
    html = f"<html><head><style>{css}</style></head><body>{body}</body></html>"
    path.parent.mkdir(parents=True, exist_ok=True)
    weasyprint.HTML(string=html).write_pdf(path)
    return path


def pdf_body(word: str = "matin", extra: str = "") -> str:
    filler = " ".join(f"mot{n}" for n in range(60))
    return (
        f'<h1 id="les-faits">Les faits</h1><p>{filler}</p>'
        f'<h2 id="incident-CAL-1">Incident un</h2>'
        f"<p>Tôt le {word}, le camp a été évacué. {filler}</p>"
        f"{extra}"
        f'<h1 id="nos-demandes">Demandes</h1><p>Nous demandons une enquête. {filler}</p>'
    )


@needs_poppler
def test_pdf_sections_come_from_named_destinations(tmp_path: Path) -> None:
    pdf = diff_sources.read_pdf(write_pdf(tmp_path / "a.pdf", pdf_body()))
    segments = diff_sources.pdf_segments(pdf)
    assert [s.key for s in segments] == ["les-faits", "incident-CAL-1", "nos-demandes"]
    assert segments[1].title == "Incident un"
    # The running header and the page numbers are no section's text.
    assert not any("courant" in s.text or "page" in s.words for s in segments)


@needs_poppler
def test_pdf_changes_point_at_their_pages_despite_reflow(tmp_path: Path) -> None:
    old = write_pdf(tmp_path / "old.pdf", pdf_body())
    # A longer paragraph pushes the following text onto a new page: the only changed page is
    # the one with the new words, and the page count moves.
    inserted = "<p>" + " ".join(f"ajout{n}" for n in range(150)) + "</p>"
    new = write_pdf(tmp_path / "new.pdf", pdf_body("soir", extra=inserted))
    result = compare(old, new)
    (document,) = result.documents
    assert document.text_format == "pdf"
    (change,) = document.sections
    assert (change.key, change.deleted[:1], change.inserted[:1]) == (
        "incident-CAL-1",
        ["matin,"],
        ["soir,"],
    )
    assert document.new_pages is not None and document.old_pages is not None
    assert document.new_pages > document.old_pages
    old_pages = {pair[0] for pair in document.page_pairs}
    assert old_pages <= {2, 3}, document.page_pairs
    assert document.old_marks and document.new_marks
    page = review_page(result)
    assert page.count('src="data:image/png;base64,') == 2 * len(document.page_pairs)
    assert 'class="mark old"' in page and 'class="mark new"' in page


@needs_poppler
def test_a_change_of_style_only_is_found_in_the_pictures(tmp_path: Path) -> None:
    write_pdf(tmp_path / "a" / "ddd-fr.pdf", pdf_body(), PAGE_CSS)
    write_pdf(tmp_path / "b" / "ddd-fr.pdf", pdf_body(), PAGE_CSS + "h2 { color: red; }")
    (document,) = compare(tmp_path / "a", tmp_path / "b").documents
    assert document.sections == []
    assert document.visual_only
    assert len(document.page_pairs) == 1
    assert document.page_pairs[0][0] == document.page_pairs[0][1]


def test_docx_sections_come_from_the_bookmarks_of_headings(tmp_path: Path) -> None:
    from dossier.render.docx import render_docx

    for name, word in (("old", "gazé"), ("new", "aspergé")):
        html = dossier_html({"CAL-2015-0001": f"Les CRS ont {word} le camp."})
        (tmp_path / f"{name}.docx").write_bytes(
            render_docx(html, title="Titre", author="Auteur", lang="fr")
        )
    result = compare(tmp_path / "old.docx", tmp_path / "new.docx")
    (document,) = result.documents
    assert document.text_format == "docx"
    (change,) = document.sections
    assert change.kind == "incident"
    assert change.incident_id == "CAL-2015-0001"
    assert (change.deleted, change.inserted) == (["gazé"], ["aspergé"])


# The command line ------------------------------------------------------------------------------


def _cli_app() -> typer.Typer:
    from dossier.cli.app import app

    names = {
        command.name or getattr(command.callback, "__name__", "")
        for command in app.registered_commands
    }
    assert "diff" in names
    return app


def test_cli_exit_codes(tmp_path: Path) -> None:
    app = _cli_app()
    old = write_build(tmp_path / "old", dossier_html(INCIDENTS))
    same = write_build(tmp_path / "same", dossier_html(INCIDENTS))
    new = write_build(tmp_path / "new", dossier_html(INCIDENTS, demand="Autre demande."))
    runner = CliRunner()
    result = runner.invoke(app, ["diff", str(old), str(same)])
    assert result.exit_code == 0, result.output
    assert "identical: no differences" in result.output
    report = tmp_path / "review" / "index.html"
    result = runner.invoke(app, ["diff", str(old), str(new), "--html", str(report)])
    assert result.exit_code == 1, result.output
    assert "changed section nos-demandes" in result.output
    assert "<del>Nous demandons une enquête.</del> <ins>Autre demande.</ins>" in report.read_text()
    result = runner.invoke(app, ["diff", str(old), str(tmp_path / "missing")])
    assert result.exit_code == 2, result.output


# The "done when": one word in a template and one cell in the workbook ------------------

NEW_WORD = "brutalement"


def change_one_cell(source: Path, target: Path, html: str) -> tuple[str, str]:
    """Copy the workbook, changing one word of the French summary of an incident the dossier
    shows; return the incident's id and the word replaced."""
    import openpyxl

    workbook = openpyxl.load_workbook(source)
    sheet = workbook["incidents"]
    headers = [cell.value for cell in sheet[1]]
    column = headers.index("summary in French")
    for row in sheet.iter_rows(min_row=2):
        ident, summary = row[0].value, row[column].value
        if not ident or not summary or f'id="incident-{ident}"' not in html:
            continue
        words = summary.split(" ")
        candidates = [w for w in words if w.isalpha() and len(w) >= 5 and words.count(w) == 1]
        if candidates and NEW_WORD not in words:
            word = candidates[0]
            row[column].value = " ".join(NEW_WORD if w == word else w for w in words)
            workbook.save(target)
            return str(ident), word
    raise AssertionError("no incident summary to change in the sample workbook")


def change_one_word_of_a_template(folder: Path) -> None:
    """An editor's override: the built-in French `requests` block with one word changed."""
    from dossier.render.html import builtin_templates_dir

    builtin = (builtin_templates_dir() / "fr" / "ddd.html").read_text(encoding="utf-8")
    match = re.search(r"{% block requests %}.*?{% endblock %}", builtin, re.DOTALL)
    assert match, "the French ddd template has no `requests` block any more: update this test"
    block = match.group(0)
    assert "d’instruire les faits" in block, "the wording changed: update this test's word"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / "ddd.html").write_text(
        '{% extends "default:ddd.html" %}\n'
        + block.replace("d’instruire les faits", "d’examiner les faits"),
        encoding="utf-8",
    )


@pytest.mark.slow
@needs_poppler
def test_one_word_in_a_template_and_one_cell_show_as_exactly_two_changes(tmp_path: Path) -> None:
    from dossier.commands.sample_dossiers import build_samples, sample_data_dir, sample_workbook

    # One language, no DOCX: the test stays quick and the template override needs only fr/.
    kept_fast: dict[str, Any] = {"layouts": ["ddd"], "langs": ["fr"], "formats": ["html", "pdf"]}
    build_samples(tmp_path / "old", **kept_fast)
    html = (tmp_path / "old" / "ddd-fr.html").read_text(encoding="utf-8")
    (tmp_path / "data").mkdir()
    workbook = tmp_path / "data" / "incidents.xlsx"
    incident, word = change_one_cell(sample_workbook(), workbook, html)
    change_one_word_of_a_template(tmp_path / "templates")
    build_samples(
        tmp_path / "new",
        source=workbook,
        config=sample_data_dir() / "dossier.toml",
        evidence=sample_data_dir() / "evidence",
        templates=tmp_path / "templates",
        **kept_fast,
    )

    result = compare(tmp_path / "old", tmp_path / "new")
    assert {f.name for f in result.changed_files} == {"ddd-fr.html", "ddd-fr.pdf", "manifest.json"}
    assert [(e.key, e.status) for e in result.inputs] == [("incidents.xlsx", "changed")]
    assert (result.exhibits, result.notes) == ([], [])
    (document,) = result.documents
    assert (document.incidents_added, document.incidents_removed) == ([], [])
    assert document.incidents_changed == [incident]
    assert [(c.kind, c.status, c.deleted, c.inserted) for c in document.sections] == [
        ("incident", "changed", [word], [NEW_WORD]),
        ("section", "changed", ["d’instruire"], ["d’examiner"]),
    ]
    assert document.old_pages == document.new_pages
    assert len(document.page_pairs) == 2, document.page_pairs
    for old_page, new_page in document.page_pairs:
        assert old_page in document.old_marks and new_page in document.new_marks

    report = tmp_path / "review.html"
    write_review_page(result, report)
    page = report.read_text(encoding="utf-8")
    assert page.count('class="section-change"') == 2
    assert f"<del>{word}</del> <ins>{NEW_WORD}</ins>" in page
    assert "<del>d’instruire</del> <ins>d’examiner</ins>" in page
    assert page.count('src="data:image/png;base64,') == 4
    assert not re.search(r"""(src|href)=["']?(https?:|//|file:)""", page)


def test_an_encrypted_pdf_is_compared_by_fingerprint_only(tmp_path: Path) -> None:
    """The identity annex is encrypted: its text cannot be read without the passphrase, and
    the comparison of the folders it sits in goes on, listing it by fingerprint."""
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    for folder, text in ((old, "Before."), (new, "After.")):
        (folder / "ddd-fr.html").write_text(f"<html><body><p>{text}</p></body></html>")
    plain = pikepdf.new()
    plain.add_blank_page()
    plain.save(
        old / "identites-fr.pdf", encryption=pikepdf.Encryption(owner="o" * 12, user="u" * 12)
    )
    result = compare(old, new)
    changes = {change.name: change.status for change in result.files}
    assert changes["identites-fr.pdf"] == "removed"
    assert "identites-fr" not in {document.name for document in result.documents}
    assert "identites-fr.pdf" in review_page(result, lang="en")
