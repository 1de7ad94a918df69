"""The PDF and the DOCX of one build state the same facts; so do the French and English builds."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from test_build import EPOCH, write_dataset

from dossier.build.pipeline import build_dossiers

pytestmark = pytest.mark.slow

INCIDENT_ID = re.compile(r"\b(?:CAL|GS|DK)-\d{4}-\d{4}\b")
FINGERPRINT = re.compile(r"\b[0-9a-f]{64}\b")
RIO = re.compile(r"\b\d{7}\b")
EXHIBIT_NUMBER = re.compile(r"(?:Pièce n°|Exhibit no\.)\s*(\d+)")
DATE = re.compile(r"\b\d{2}/\d{2}/\d{4}\b|\b\d{4}-\d{2}-\d{2}\b")


def pdf_text(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Fingerprints wrap across lines in narrow columns: join hex runs broken by a line end.
    return re.sub(r"([0-9a-f]{8,})\s*\n\s*([0-9a-f]{8,})", r"\1\2", text.replace("\u00a0", " "))


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts).replace("\u00a0", " ")


def facts(text: str) -> dict[str, set[str]]:
    return {
        "incidents": set(INCIDENT_ID.findall(text)),
        "fingerprints": set(FINGERPRINT.findall(text)),
        "rio": set(RIO.findall(text)),
        "exhibit numbers": set(EXHIBIT_NUMBER.findall(text)),
        "table dates": set(DATE.findall(text)),
    }


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parity")
    data = write_dataset(folder / "data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build_dossiers(data, formats=("pdf", "docx"), out=folder / "out", jobs=1)
    return folder / "out"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pdf_and_docx_state_the_same_facts(outputs: Path, lang: str) -> None:
    text = pdf_text(outputs / f"ddd-{lang}.pdf")
    from_pdf = facts(text)
    from_docx = facts(docx_text(outputs / f"ddd-{lang}.docx"))
    assert from_pdf["incidents"], "no incident id found: the extraction is broken"
    assert from_docx["fingerprints"], "no fingerprint found: the extraction is broken"
    # A fingerprint wraps in its narrow PDF column and text extraction may put another cell's
    # words between its halves: both halves must be there, and no other fingerprint.
    squashed = re.sub(r"\s+", "", text)
    for fingerprint in from_docx["fingerprints"]:
        assert fingerprint[:24] in squashed and fingerprint[-24:] in squashed, fingerprint
    assert from_pdf["fingerprints"] <= from_docx["fingerprints"]
    for key in ("incidents", "rio", "exhibit numbers", "table dates"):
        assert from_pdf[key] == from_docx[key], key


def test_french_and_english_state_the_same_facts(outputs: Path) -> None:
    french = facts(docx_text(outputs / "ddd-fr.docx"))
    english = facts(docx_text(outputs / "ddd-en.docx"))
    for key in ("incidents", "fingerprints", "rio", "exhibit numbers"):
        assert french[key] == english[key], key


def test_a_customised_template_changes_pdf_and_docx_alike(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    (templates / "fr").mkdir(parents=True)
    (templates / "fr" / "ddd.html").write_text(
        '{% extends "default:ddd.html" %}\n'
        "{% block requests %}\n"
        '<section id="ajout">\n<h1 id="section-ajoutee">Section ajoutée par l\'éditrice</h1>\n'
        "<p>Formulation propre à notre association.</p>\n</section>\n"
        "{{ super() }}\n{% endblock %}\n",
        encoding="utf-8",
    )
    data = write_dataset(tmp_path / "data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build_dossiers(
            data,
            langs=("fr",),
            formats=("pdf", "docx"),
            templates=templates,
            out=tmp_path / "out",
            jobs=1,
        )
    for text in (
        pdf_text(tmp_path / "out" / "ddd-fr.pdf"),
        docx_text(tmp_path / "out" / "ddd-fr.docx"),
    ):
        flat = " ".join(text.split())
        assert "Section ajoutée par l'éditrice" in flat
        assert "Formulation propre à notre association." in flat
        assert "Demandes" in flat  # the built-in block is kept after the added section
