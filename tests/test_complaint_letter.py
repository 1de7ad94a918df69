"""The DDD complaint's letter and requests as a lawyer drafts them: one voice, bodies named."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from legal_workbook import build, incident_row, text_of, write_input

from dossier.build.pipeline import build_dossiers


def _pdf_words(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = re.sub(r"(?<=[a-zé])[-\u2010]\n(?=[a-zé])", "", text)  # words hyphenated at a line end
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def _docx_words(path: Path) -> str:
    """Paragraphs, then table cells (a definition list is a table in the DOCX)."""
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    words = " ".join([paragraph.text for paragraph in document.paragraphs] + cells)
    return re.sub(r"[\s\u00a0\u202f]+", " ", words)


def _letter(words: str, opening: str, closing: str) -> str:
    """The letter's words: from its salutation to its closing formula."""
    return words[words.index(opening) : words.index(closing) + len(closing)]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The words of the PDF and DOCX editions, French and English, of a one-incident dossier."""
    folder = tmp_path_factory.mktemp("letter")
    data = write_input(folder / "data", [incident_row()], organisation_extra='name_article = "l’"')
    build_dossiers(data, out=folder / "out", formats=("pdf", "docx"))
    return {
        f"{kind}-{lang}": read(folder / "out" / f"ddd-{lang}.{kind}")
        for kind, read in (("pdf", _pdf_words), ("docx", _docx_words))
        for lang in ("fr", "en")
    }


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_french_letter_speaks_for_the_association_in_the_third_person(
    printed: dict[str, str], kind: str
) -> None:
    letter = _letter(printed[f"{kind}-fr"], "Madame, Monsieur,", "haute considération.")
    assert re.search(r"\b([Nn]ous|[Nn]otre|[Nn]os)\b", letter) is None, letter
    assert "L’association vous demande d’instruire ces faits, d’entendre les agents" in letter
    assert (
        "Elle vous prie d’agréer, Madame, Monsieur, l’expression de sa haute considération."
        in letter
    )
    # Acts are what the data records; "les faits" are the incidents.
    assert "L’acte rapporté est : violences physiques (1 incident)." in letter


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_english_letter_speaks_for_the_association_in_the_third_person(
    printed: dict[str, str], kind: str
) -> None:
    letter = _letter(printed[f"{kind}-en"], "Dear Sir or Madam,", "Yours faithfully,")
    assert re.search(r"\b([Ww]e|[Oo]ur|[Uu]s)\b", letter) is None, letter
    assert "The association asks you to investigate these facts, to hear the officers" in letter


@pytest.mark.parametrize(("lang", "kind"), [("fr", "pdf"), ("fr", "docx"), ("en", "pdf")])
def test_the_filer_is_named_with_its_legal_form_without_nested_brackets(
    printed: dict[str, str], lang: str, kind: str
) -> None:
    # The legal form may hold brackets of its own: « (fictive) ».
    expected = {
        "fr": "Association d’essai (fictive), association loi 1901 (fictive) Adresse",
        "en": "Association d’essai (fictive), non-profit association (fictional) Address",
    }
    assert expected[lang] in printed[f"{kind}-{lang}"]


def _requests(page: str) -> str:
    return text_of(page.split('<section id="demandes">')[1].split("</section>")[0])


def test_each_recommendation_names_the_body_whose_acts_it_concerns(tmp_path: Path) -> None:
    incidents = [
        incident_row(id="A-1", forces="police nationale; CRS; police aux frontières"),
        incident_row(id="A-2", date="2016-07-01", forces="gendarmerie mobile"),
        incident_row(id="A-3", date="2016-07-02", forces="police municipale"),
        incident_row(id="A-4", date="2016-07-03", forces="sécurité privée"),
        incident_row(id="A-5", date="2016-07-04", forces="douane"),
    ]
    pages = build(tmp_path, incidents)
    french = _requests(pages["fr"])
    assert (
        "au ministre de l'Intérieur, pour les faits imputés à la police nationale et à la "
        "gendarmerie nationale ; au maire de la commune concernée, pour les faits imputés à la "
        "police municipale ; au Conseil national des activités privées de sécurité (CNAPS), pour "
        "les faits imputés aux agents de sécurité privée ; à la direction générale des douanes "
        "et droits indirects, pour les faits imputés aux agents des douanes ;" in french
    )
    assert "faits de" not in french and "CRS" not in french
    english = _requests(pages["en"])
    assert (
        "to the Minister of the Interior, for the acts attributed to the national police and the "
        "gendarmerie; to the mayor of the town concerned, for the acts attributed to the "
        "municipal police; to the National Council for Private Security Activities (CNAPS), for "
        "the acts attributed to private security guards; to the Directorate-General of Customs "
        "and Indirect Taxes (DGDDI), for the acts attributed to customs officers;" in english
    )


def test_a_recommendation_names_only_the_bodies_present(tmp_path: Path) -> None:
    pages = build(tmp_path, [incident_row(forces="CRS")])
    french = _requests(pages["fr"])
    assert "au ministre de l'Intérieur, pour les faits imputés à la police nationale ;" in french
    assert "gendarmerie" not in french
    assert "for the acts attributed to the national police;" in _requests(pages["en"])
