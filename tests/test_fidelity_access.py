"""Accessible outputs: every PDF tagged (structure tree, language, figures with alternative
text, headings that nest, table cells tied to their headers), a tagged PDF/A-3a on request
that carries the same attachments as PDF/A-3b; in the DOCX, every image described, every table
titled, the document's language set."""

from __future__ import annotations

import importlib.util
import io
import itertools
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from helpers import REPO
from lxml import etree

from dossier.build.pipeline import build_dossiers
from dossier.render import chunked
from dossier.render.docx import render_docx

SAMPLE = REPO / "sample_data" / "incidents.xlsx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_HEADINGS = {f"/H{level}": level for level in range(1, 7)}


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The sample's French DDD and report: PDF typeset in one piece and in pieces (joined), the
    DDD as PDF/A-3a, and the DOCX."""
    folder = tmp_path_factory.mktemp("access")
    outputs: dict[str, Path] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chunked, "PIECE_SIZE", 6_000)
        patch.setattr(chunked, "FURNITURE_PAGES", 10)
        for layout in ("ddd", "report"):
            for pieces in (False, True):
                result = build_dossiers(
                    SAMPLE,
                    out=folder / f"{layout}-{pieces}",
                    layouts=[layout],
                    langs=["fr"],
                    formats=["pdf", "docx"] if not pieces else ["pdf"],
                    pdf_variant="pdf/a-3a" if layout == "ddd" and pieces else None,
                    pieces=pieces,
                    use_cache=False,
                )
                for output in result.outputs:
                    if output.path.name.startswith(layout):
                        kind = "pieces" if pieces else "one piece"
                        outputs[f"{output.path.name} in {kind}"] = output.path
    yield outputs


def _structure(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """The structure elements of ``pdf``, in the order of the tree (reading order)."""
    stack: list[Any] = [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            if "/K" in node:
                stack.append(node.K)


def _pdfs(samples: dict[str, Path]) -> dict[str, Path]:
    return {name: path for name, path in samples.items() if path.suffix == ".pdf"}


@pytest.mark.slow
def test_every_pdf_is_tagged_in_its_language(samples: dict[str, Path]) -> None:
    for name, path in _pdfs(samples).items():
        with pikepdf.open(path) as pdf:
            assert "/StructTreeRoot" in pdf.Root, name
            assert bool(pdf.Root.MarkInfo.Marked), name
            assert str(pdf.Root.Lang) == "fr", name
            kinds = {str(element.S) for element in _structure(pdf)}
            assert {"/H1", "/P", "/Table", "/TH", "/TD", "/L", "/LI", "/Link"} <= kinds, name


@pytest.mark.slow
def test_every_figure_has_alternative_text(samples: dict[str, Path]) -> None:
    figures = 0
    for name, path in _pdfs(samples).items():
        with pikepdf.open(path) as pdf:
            for element in _structure(pdf):
                if element.S == "/Figure":
                    figures += 1
                    assert str(element.get("/Alt", "")).strip(), name
    assert figures  # the report's charts and map


@pytest.mark.slow
def test_headings_nest(samples: dict[str, Path]) -> None:
    for name, path in _pdfs(samples).items():
        with pikepdf.open(path) as pdf:
            levels = [
                _HEADINGS[str(element.S)]
                for element in _structure(pdf)
                if str(element.S) in _HEADINGS
            ]
        assert levels and levels[0] == 1, name
        jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        assert jumps == [], name


@pytest.mark.slow
def test_table_cells_name_their_headers(samples: dict[str, Path]) -> None:
    for name, path in _pdfs(samples).items():
        with pikepdf.open(path) as pdf:
            header_ids = {str(element.ID) for element in _structure(pdf) if element.S == "/TH"}
            assert header_ids, name
            for table in (element for element in _structure(pdf) if element.S == "/Table"):
                cells = [element for element in _structure_of(table) if element.S == "/TD"]
                if any(element.S == "/TH" for element in _structure_of(table)):
                    for cell in cells:
                        headers = {str(header) for header in cell.A.get("/Headers", [])}
                        assert headers and headers <= header_ids, name


def _structure_of(element: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
    stack: list[Any] = [element.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            if "/K" in node:
                stack.append(node.K)


@pytest.mark.slow
def test_pdf_a_3a_is_declared_tagged_and_carries_the_attachments(
    samples: dict[str, Path],
) -> None:
    (path,) = [path for name, path in samples.items() if name == "ddd-fr.pdf in pieces"]
    with pikepdf.open(path) as pdf:
        with pdf.open_metadata() as metadata:
            assert metadata["pdfaid:part"] == "3"
            assert metadata["pdfaid:conformance"] == "A"
        assert "/StructTreeRoot" in pdf.Root
        assert "inputs-manifest.json" in pdf.attachments
        assert len(pdf.attachments) == 2  # and the workbook, as it is or rewritten


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("jsonschema") is None,
    reason="pikepdf's PDF/A checker needs the pikepdf[pdfa] extra",
)
def test_pdf_a_3a_passes_pikepdfs_3b_checks(samples: dict[str, Path]) -> None:
    # pikepdf 10.18 checks PDF/A-1b, 2b and 3b only: level A's requirements (tags, language,
    # alternative text) are the other tests of this module; its one complaint is the level.
    from pikepdf import pdfa  # the optional extra: only importable with it

    (path,) = [path for name, path in samples.items() if name == "ddd-fr.pdf in pieces"]
    report = pdfa.validate_written(path, "3b")
    violations = [str(finding) for finding in report.violations]
    level = [
        finding for finding in violations if "pdfaid:conformance is 'A', expected 'B'" in finding
    ]
    assert len(level) == 1, violations
    assert [finding for finding in violations if finding not in level] == []


# -- DOCX ----------------------------------------------------------------------------------------


def _docx_parts(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as package:
        return {
            name: etree.fromstring(package.read(name))
            for name in ("word/document.xml", "word/styles.xml", "word/settings.xml")
        }


@pytest.mark.slow
def test_every_docx_image_is_described_and_every_table_titled(samples: dict[str, Path]) -> None:
    docx = {name: path for name, path in samples.items() if path.suffix == ".docx"}
    assert len(docx) == 2
    images = 0
    for name, path in docx.items():
        body = _docx_parts(path)["word/document.xml"]
        for properties in body.iter(f"{WP}docPr"):
            images += 1
            assert properties.get("descr", "").strip(), name
        tables = list(body.iter(f"{W}tbl"))
        assert tables, name
        for table in tables:
            caption = table.find(f"{W}tblPr/{W}tblCaption")
            assert caption is not None and caption.get(f"{W}val", "").strip(), name
    assert images  # the report's charts and map


@pytest.mark.slow
def test_the_docx_says_its_language(samples: dict[str, Path]) -> None:
    for name, path in samples.items():
        if path.suffix != ".docx":
            continue
        parts = _docx_parts(path)
        language = parts["word/styles.xml"].find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert language is not None and language.get(f"{W}val") == "fr-FR", name
        theme = parts["word/settings.xml"].find(f"{W}themeFontLang")
        assert theme is not None and theme.get(f"{W}val") == "fr-FR", name


def test_a_table_is_titled_by_the_heading_it_sits_under() -> None:
    page = (
        '<html lang="fr"><body><h1 id="a">Faits</h1><table><thead><tr><th>Date</th></tr>'
        "</thead><tbody><tr><td>1er juin</td></tr></tbody></table>"
        '<h2 id="b">Détail</h2><dl class="facts"><dt>Lieu</dt><dd>Calais</dd></dl></body></html>'
    )
    data = render_docx(page, title="Saisine", author="a", lang="fr", source_date_epoch=0)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    captions = [caption.get(f"{W}val") for caption in body.iter(f"{W}tblCaption")]
    assert captions == ["Faits", "Détail"]
