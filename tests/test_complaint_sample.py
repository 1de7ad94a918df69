"""The sample's editions say it is fictional, each in its own language (issue 19, pt 11)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from helpers import REPO
from legal_workbook import text_of

from dossier.build.pipeline import build_dossiers

NAME = "Observatoire citoyen du littoral"

# The whole sample, both layouts and languages, in HTML and DOCX: a minute or two.
pytestmark = pytest.mark.slow


def _docx_words(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    words = " ".join([paragraph.text for paragraph in document.paragraphs] + cells)
    return re.sub(r"[\s\u00a0\u202f]+", " ", words.replace("\u2019", "'"))


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each sample edition's words, HTML and DOCX: {"ddd-fr.html": …}."""
    out = tmp_path_factory.mktemp("sample")
    build_dossiers(
        REPO / "sample_data" / "incidents.xlsx",
        layouts=["ddd", "report"],
        formats=["html", "docx"],
        out=out,
        use_cache=False,
    )
    words: dict[str, str] = {}
    for layout in ("ddd", "report"):
        for lang in ("fr", "en"):
            page = (out / f"{layout}-{lang}.html").read_text(encoding="utf-8")
            words[f"{layout}-{lang}.html"] = text_of(page)
            words[f"{layout}-{lang}.docx"] = _docx_words(out / f"{layout}-{lang}.docx")
    return words


@pytest.mark.parametrize("layout", ["ddd", "report"])
@pytest.mark.parametrize("kind", ["html", "docx"])
def test_the_french_sample_says_fictive_and_prints_no_english_marker(
    editions: dict[str, str], layout: str, kind: str
) -> None:
    words = editions[f"{layout}-fr.{kind}"]
    assert "fictional" not in words
    assert NAME in words
    assert "— exemple fictif" in words  # the subtitle, on the cover
    if layout == "ddd":
        assert (
            "L'Observatoire citoyen du littoral, association fictive régie par la loi du "
            "1er juillet 1901, représentée par" in words
        )
    else:
        assert (
            "L'Observatoire citoyen du littoral est une association fictive, inventée pour ce "
            "rapport d'exemple." in words
        )


def test_the_sample_letters_closing_formula_stays_with_its_signature(tmp_path: Path) -> None:
    # The letter opens page 2; where its signature does not fit at the foot of a page (the
    # version notes of its citations lengthen it), the closing formula goes over with the
    # signature: never a signature alone on a page, nor a formula without the name under it.
    build_dossiers(
        REPO / "sample_data" / "incidents.xlsx", langs=["fr"], out=tmp_path, use_cache=False
    )

    pdf = tmp_path / "ddd-fr.pdf"

    def page(number: int) -> str:
        return subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    assert "Monsieur le Défenseur des droits," in page(2)
    signed = [n for n in (2, 3) if "Signataire Fictif\ncoprésidente de l’association" in page(n)]
    assert len(signed) == 1, signed
    closing = re.sub(r"[\s\u00a0\u202f]+", " ", page(signed[0]).replace("‐\n", ""))
    assert "Elle vous prie d’agréer, Monsieur le Défenseur des droits" in closing
    assert "haute considération" in closing


@pytest.mark.parametrize("layout", ["ddd", "report"])
@pytest.mark.parametrize("kind", ["html", "docx"])
def test_the_english_sample_says_fictional(
    editions: dict[str, str], layout: str, kind: str
) -> None:
    words = editions[f"{layout}-en.{kind}"]
    assert "fictive" not in words and "exemple fictif" not in words
    assert "— fictional example" in words
    if layout == "ddd":
        assert (
            "Observatoire citoyen du littoral, fictional non-profit association under the French "
            "law of 1 July 1901, represented by" in words
        )
    else:
        assert "Observatoire citoyen du littoral is a fictional association" in words
