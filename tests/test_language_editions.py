"""One language per edition, with its typography (issue 19, points 10 and 11), as readers see it:
the text of built PDFs (pdftotext, pypdf) and DOCX paragraphs, and the command line's output."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from helpers import REPO, run_cli
from pypdf import PdfReader
from test_build import CONFIG, EPOCH

from dossier.build.errors import OtherLanguage
from dossier.build.pipeline import build_dossiers

NB = "\u00a0"
NNB = "\u202f"
SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d08c15d0a6a08"
URL = "https://example.org/rapport?id=42&x=l'a"

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)

# Short words before « vers 2 h »: wherever a line ends, one of the repetitions would be cut
# inside « vers 2 h » if its spaces could break.
FILLERS = ["a", "bb", "ccc", "dddd", "eeeee", "ffffff", "g", "hh", "iii", "jjjjjjj", "kk"]
TYPESET_ACCOUNT = (
    "Vers 2h, l'homme a dit « Français » : il a marché 3 km. "
    f"Source : {URL} ; empreinte {SHA} ; fiche CAL-2015-0042. "
    + " ".join(f"{word} vers 2 h" for word in FILLERS * 12)
)


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def write_workbook(
    folder: Path, *, account_fr: str, account_en: str = "", config: str = CONFIG, **cells: str
) -> Path:
    """A folder of CSVs: one public incident with one victim and one proceeding."""
    folder.mkdir(parents=True, exist_ok=True)
    incident = {
        "id": "CAL-2015-0042",
        "date": "2015-06-30",
        "commune": "Calais",
        "forces": "CRS",
        "acts": "tear gas",
        "summary in French": account_fr,
        "summary in English": account_en,
        "victim ids": "P-001",
        "confidentiality": "public",
        "place": cells.pop("place", "sous le pont"),
        "injuries": cells.pop("injuries", "irritation des yeux"),
        "weapons or means": cells.pop("weapons", "gazeuse"),
        "units": cells.pop("units", "CRS 8"),
    }
    incident.update({key.replace("_", " "): value for key, value in cells.items()})
    _write(folder / "incidents.csv", [incident])
    person = {
        "id": "P-001",
        "pseudonym": "Abel N.",
        "roles": "victim",
        "age": "24",
        "gender": "woman",
        "nationality": "Sudanese",
        "article 8 status": "consented",
        "publication consent": "anonymised",
    }
    _write(folder / "persons.csv", [person])
    proceeding = {
        "id": "PR-1",
        "incident id": "CAL-2015-0042",
        "type": "police complaint",
        "date": "2015-07-02",
        "response received": "classement sans suite",
    }
    _write(folder / "proceedings.csv", [proceeding])
    (folder / "dossier.toml").write_text(config, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def read_html(path: Path) -> str:
    """An HTML output without its stylesheet (whose comments quote the markup it styles)."""
    return re.sub(r"<style>.*?</style>", "", path.read_text(encoding="utf-8"), flags=re.S)


def _pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")


# -- point 11: typography of the data's text ---------------------------------------------------


@needs_pdftotext
def test_french_pdf_and_docx_typeset_the_data_and_never_break_inside_vers_2_h(
    tmp_path: Path,
) -> None:
    data = write_workbook(tmp_path / "data", account_fr=TYPESET_ACCOUNT)
    build_dossiers(
        data,
        langs=["fr"],
        formats=["pdf", "docx"],
        out=tmp_path / "out",
        use_cache=False,
        jobs=1,
    )
    pdf = tmp_path / "out" / "ddd-fr.pdf"
    lines = [line.strip() for line in _pdftotext(pdf).splitlines()]
    account_lines = [line for line in lines if "vers 2 h" in line or line.endswith(("vers", "2"))]
    assert len(account_lines) > 5  # the account runs over several lines
    # No line ends inside « vers 2 h », none starts with « h » or « 2 h ».
    assert not [line for line in lines if re.search(r"\bvers$|\bvers 2$", line)]
    assert not [line for line in lines if re.match(r"(h|2 h)\b", line)]
    text = " ".join(lines)
    assert "l’homme" in text and "l'homme" not in text
    assert "« Français »" in text
    # pypdf keeps the no-break spaces themselves.
    kept = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    assert f"Vers{NB}2{NB}h" in kept
    assert f"3{NB}km" in kept
    assert f"«{NNB}Français{NNB}»" in kept
    # Ids, fingerprints and web addresses are as typed (the URL keeps its straight apostrophe).
    squashed = re.sub(r"\s+", "", re.sub(r"[\u2010\u00ad]\s*\n", "", kept))
    assert SHA in squashed and "CAL-2015-0042" in squashed and URL in squashed

    document = docx.Document(str(tmp_path / "out" / "ddd-fr.docx"))
    paragraphs = [p.text for p in document.paragraphs]
    account = next(p for p in paragraphs if "Français" in p)
    assert account.startswith(f"Vers{NB}2{NB}h, l’homme a dit «{NNB}Français{NNB}»{NB}: ")
    assert f"3{NB}km" in account and f" vers{NB}2{NB}h" in account
    assert f"Source{NB}: {URL}{NNB}; empreinte {SHA}{NNB}; fiche CAL-2015-0042." in account


def test_english_html_curls_quotes_and_apostrophes_but_not_in_urls(tmp_path: Path) -> None:
    account = f'The officers\' van stopped; one said "go away". See {URL}.'
    data = write_workbook(tmp_path / "data", account_fr="Récit.", account_en=account)
    build_dossiers(data, langs=["en"], formats=["html"], out=tmp_path / "out")
    html = read_html(tmp_path / "out" / "ddd-en.html")
    assert "The officers’ van stopped; one said “go away”. See " in html
    assert "https://example.org/rapport?id=42&amp;x=l&#39;a." in html


def test_the_organisation_name_takes_its_article_in_french_footnotes(tmp_path: Path) -> None:
    config = CONFIG.replace(
        'name = "Observatoire du littoral (test)"',
        'name = "Observatoire du littoral (test)"\nname_article = "l’"',
    )
    data = write_workbook(
        tmp_path / "data",
        account_fr="Récit.",
        config=config,
    )
    persons = (data / "persons.csv").read_text(encoding="utf-8").splitlines()
    header = persons[0] + ",interview date,interview place,interview mode"
    (data / "persons.csv").write_text(
        f"{header}\n{persons[1]},2015-07-01,Calais,individual\n", encoding="utf-8"
    )
    build_dossiers(
        data,
        layouts=["report"],
        langs=["fr"],
        formats=["html"],
        out=tmp_path / "out",
    )
    html = read_html(tmp_path / "out" / "report-fr.html")
    assert "Entretien de l’Observatoire du littoral (test) avec" in html
    assert "Entretien de Observatoire" not in html and "de Observatoire" not in html
    assert "Registre des incidents de l’Observatoire du littoral (test)" in html


# -- point 10: one language per edition ----------------------------------------------------------


def test_nationalities_print_in_the_edition_language_agreeing_in_french(tmp_path: Path) -> None:
    data = write_workbook(tmp_path / "data", account_fr="Récit.", account_en="Account.")
    build_dossiers(data, formats=["html"], out=tmp_path / "out")
    french = read_html(tmp_path / "out" / "ddd-fr.html")
    english = read_html(tmp_path / "out" / "ddd-en.html")
    assert "soudanaise" in french and "Sudanese" not in french
    assert "Sudanese" in english and "soudan" not in english


def test_untranslated_free_text_is_marked_and_a_translation_column_replaces_it(
    tmp_path: Path,
) -> None:
    data = write_workbook(tmp_path / "data", account_fr="Récit.", account_en="Account.")
    build_dossiers(data, langs=["en"], formats=["html"], out=tmp_path / "out")
    english = read_html(tmp_path / "out" / "ddd-en.html")
    for french_text in ("sous le pont", "irritation des yeux", "gazeuse", "classement sans suite"):
        assert (
            f'<span lang="fr">{french_text}</span> <span class="untranslated">(untranslated)</span>'
            in english
        )
    translated = write_workbook(
        tmp_path / "translated",
        account_fr="Récit.",
        account_en="Account.",
        place_en="under the bridge",
        injuries_en="eye irritation",
        weapons_en="pepper spray",
        units_en="CRS 8",
    )
    build_dossiers(translated, langs=["en"], formats=["html"], out=tmp_path / "out2")
    english = read_html(tmp_path / "out2" / "ddd-en.html")
    assert "under the bridge" in english and "sous le pont" not in english
    assert "pepper spray" in english and "gazeuse" not in english
    assert "eye irritation" in english
    # Only the reply, not translated, is still marked.
    assert english.count('class="untranslated"') == 1


def test_strict_language_lists_the_cells_to_translate(tmp_path: Path) -> None:
    data = write_workbook(tmp_path / "data", account_fr="Récit.", account_en="")
    with pytest.raises(OtherLanguage) as raised:
        build_dossiers(
            data,
            langs=["en"],
            formats=["html"],
            out=tmp_path / "out",
            strict_language=True,
        )
    cells = {(cell.sheet, cell.row, cell.column) for cell in raised.value.cells}
    assert cells == {
        ("incidents", 2, "summary_en"),
        ("incidents", 2, "place_en"),
        ("incidents", 2, "injuries_en"),
        ("incidents", 2, "units_en"),
        ("incidents", 2, "weapons_en"),
        ("proceedings", 2, "response_en"),
    }
    assert not (tmp_path / "out").exists()
    # Without the option the same build succeeds, with the marks.
    build_dossiers(data, langs=["en"], formats=["html"], out=tmp_path / "out")


def test_strict_language_on_the_command_line(tmp_path: Path) -> None:
    data = write_workbook(tmp_path / "data", account_fr="Récit.", account_en="Account.")
    persons = (data / "persons.csv").read_text(encoding="utf-8").replace("Sudanese", "Bidoon")
    (data / "persons.csv").write_text(persons, encoding="utf-8")
    result = run_cli(
        [
            "build",
            str(data),
            "--lang",
            "fr",
            "--format",
            "html",
            "--strict-language",
            "--out",
            str(tmp_path / "out"),
        ]
    )
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.replace(NB, " ").replace(NNB, " ").split())
    assert "l'édition ddd-fr imprimerait du texte dans l'autre langue" in said
    assert "persons.csv, feuille « persons », ligne 2 : colonne « nationality » (P-001)" in said
    assert "Traceback" not in result.output


def test_an_unknown_nationality_is_kept_marked_and_told_how_it_was_read(tmp_path: Path) -> None:
    data = write_workbook(tmp_path / "data", account_fr="Récit.", account_en="Account.")
    persons = (data / "persons.csv").read_text(encoding="utf-8").replace("Sudanese", "Bidoon")
    (data / "persons.csv").write_text(persons, encoding="utf-8")
    result = run_cli(["validate", str(data), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "nationality not in the vocabulary" in " ".join(result.output.split())
    build_dossiers(data, formats=["html"], out=tmp_path / "out")
    french = read_html(tmp_path / "out" / "ddd-fr.html")
    marked = '<span lang="und">Bidoon</span> <span class="untranslated">(non traduit)</span>'
    assert marked in french


# -- the sample editions -----------------------------------------------------------------------

# Words of English that French text does not use; nationalities in English above all.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|with|was|were|officers|people|from|their|they|untranslated|"
    r"Sudanese|Eritrean|Ethiopian|Iraqi|Kurdish|Syrian|Iranian|British)\b"
)
QUOTATIONS = re.compile(r"«[^»]*»|“[^”]*”")


# The French-English glossary of the report (its annex II) quotes English terms on purpose.
GLOSSARY = re.compile(r"Annexe II\s*:\s*glossaire français-anglais.*?(?=Annexe III\s*:|$)", re.S)


def english_outside_quotations(text: str, allowed: tuple[str, ...]) -> list[str]:
    for name in allowed:
        text = text.replace(name, "")
    text = " ".join(text.replace(NB, " ").replace(NNB, " ").split())
    # The glossary's heading, not its line in the contents, starts the part to leave out.
    text = GLOSSARY.sub("", text.replace("Annexe II : glossaire français-anglais", "", 1))
    text = QUOTATIONS.sub("", text)
    return sorted({match.group() for match in ENGLISH_WORDS.finditer(text)})


def _sample_names() -> tuple[str, ...]:
    # The association's name is a name: printed as it is in both languages.
    return ("Observatoire citoyen du littoral",)


def _html_text(path: Path) -> str:
    return re.sub(r"<[^>]+>", " ", read_html(path))


def test_the_french_sample_editions_hold_no_english_and_the_english_marks_every_french_field(
    tmp_path: Path,
) -> None:
    sample = REPO / "sample_data" / "incidents.xlsx"
    build_dossiers(
        sample, layouts=["ddd", "report"], formats=["html"], out=tmp_path / "out", use_cache=False
    )
    for name in ("ddd-fr.html", "report-fr.html"):
        html = read_html(tmp_path / "out" / name)
        # English only in the glossary's column of English terms.
        assert 'lang="en"' not in re.sub(r'<td lang="en">[^<]*</td>', "", html), name
        text = _html_text(tmp_path / "out" / name)
        assert english_outside_quotations(text, _sample_names()) == [], name
    for name in ("ddd-en.html", "report-en.html"):
        html = read_html(tmp_path / "out" / name)
        # The workbook writes nationalities in French; the English edition says them in English.
        assert "Sudanese" in html and "Eritrean" in html, name
        assert not re.search(r"soudanais|érythréen|kurde irakien", html, re.I), name
        # Every French text carries its note: a field its « (untranslated) », an account the
        # template's paragraph.
        fields = re.findall(r'<span lang="fr">.*?</span>(.{0,40})', html)
        assert fields, name
        assert all(after.startswith(' <span class="untranslated">') for after in fields), name
        accounts = re.findall(r'<p class="account" lang="fr">.*?</p>\s*(<p>.{0,40})', html, re.S)
        assert all('class="untranslated"' in after for after in accounts), name


@pytest.mark.slow
@needs_pdftotext
def test_the_french_sample_pdf_holds_no_english_word_outside_quotations(tmp_path: Path) -> None:
    sample = REPO / "sample_data" / "incidents.xlsx"
    build_dossiers(
        sample, layouts=["ddd", "report"], langs=["fr"], formats=["pdf"], out=tmp_path / "out"
    )
    for name in ("ddd-fr.pdf", "report-fr.pdf"):
        text = _pdftotext(tmp_path / "out" / name)
        text = re.sub(r"[\u2010\u00ad-]\s*\n\s*", "", text)  # words hyphenated at a line end
        assert english_outside_quotations(text, _sample_names()) == [], name
        assert "Sudanese" not in text and "soudanais" in text
