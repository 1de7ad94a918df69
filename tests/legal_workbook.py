"""Purpose-built inputs for the legal tests (tests/test_legal_*.py): small CSV folders + config."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from helpers import write_csv

from dossier.assemble import complaint, ngo_report
from dossier.assemble.legal_basis import load_legal_basis
from dossier.build.pipeline import build_dossiers

# A fictional association; the signature date is the sample's unless a test changes it.
CONFIG = """
[organisation]
name = "Association d'essai (fictive)"
legal_form = {{ fr = "association loi 1901 (fictive)", en = "non-profit association (fictional)" }}
address = "1 rue de l'Essai\\n62100 Calais"
email = "contact@example.org"
{organisation_extra}

[signatory]
name = "Signataire Fictif"
quality = {{ fr = "présidente de l'association", en = "chair of the association" }}
place = "Calais"
date = {signed_on}
{signatory_extra}

[recipient]
{recipient_extra}

[dossier]
reference = "ESSAI-DDD-01"
{dossier_extra}

[dossier.title]
fr = "Dossier d'essai"
en = "Test dossier"
"""


def incident_row(**cells: str) -> dict[str, str]:
    """One incident with the few columns every test needs, and the cells given."""
    row = {
        "id": "CAL-2016-0001",
        "date": "2016-06-30",
        "commune": "Calais",
        "forces": "national police",
        "acts": "physical violence",
        "summary in French": "Des agents ont frappé un homme.",
        "summary in English": "Officers beat a man.",
        "confidentiality": "confidential",
    }
    for key, value in cells.items():
        row[key.replace("_", " ")] = value
    return row


def write_input(
    folder: Path,
    incidents: Sequence[Mapping[str, str]],
    *,
    persons: Sequence[Mapping[str, str]] = (),
    evidence: Sequence[Mapping[str, str]] = (),
    proceedings: Sequence[Mapping[str, str]] = (),
    signed_on: str = "2016-11-15",
    organisation_extra: str = "",
    signatory_extra: str = "",
    recipient_extra: str = "",
    dossier_extra: str = "",
) -> Path:
    """A folder of CSV sheets and a dossier.toml: what `dossier build` reads."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "incidents.csv", _same_columns(incidents))
    for name, rows in (("persons", persons), ("evidence", evidence), ("proceedings", proceedings)):
        if rows:
            write_csv(folder / f"{name}.csv", _same_columns(rows))
    (folder / "dossier.toml").write_text(
        CONFIG.format(
            signed_on=signed_on,
            organisation_extra=organisation_extra,
            signatory_extra=signatory_extra,
            recipient_extra=recipient_extra,
            dossier_extra=dossier_extra,
        ),
        encoding="utf-8",
    )
    return folder


def _same_columns(rows: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    headers: list[str] = []
    for row in rows:
        headers += [header for header in row if header not in headers]
    return [{header: row.get(header, "") for header in headers} for row in rows]


def text_of(page: str) -> str:
    """The words a reader sees in an HTML dossier: tags dropped, spaces made plain, apostrophes
    straight (the typography step makes the data's typographic: these tests read wordings)."""
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    words = html.unescape(re.sub(r"<[^>]+>", " ", page)).replace("\u2019", "'")
    return re.sub(r"[\s\u00a0\u202f]+", " ", words)


def build(tmp_path: Path, incidents: list[dict[str, str]], **options: object) -> dict[str, str]:
    """Build the DDD complaint as HTML in both languages: {lang: visible text}."""
    data = write_input(tmp_path / "data", incidents, **options)  # type: ignore[arg-type]
    build_dossiers(data, out=tmp_path / "out", formats=("html",))
    return {
        lang: (tmp_path / "out" / f"ddd-{lang}.html").read_text(encoding="utf-8")
        for lang in ("fr", "en")
    }


def incident_text(page: str, incident_id: str) -> str:
    """The text of one incident's section of the facts."""
    for section in page.split('<section class="incident">')[1:]:
        if f"<dd>{incident_id}</dd>" in section:
            return text_of(section.split("</section>")[0])
    raise AssertionError(f"{incident_id} not in the facts")


def french_pdf_and_docx_words(out: Path) -> tuple[str, str]:
    """The words of ``out``'s ddd-fr.pdf (as pdftotext reads them) and ddd-fr.docx (paragraphs,
    then table cells: an incident's facts are a definition list, which the DOCX sets as a table)."""
    pdf = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out / "ddd-fr.pdf"), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    document = docx.Document(str(out / "ddd-fr.docx"))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return pdf, " ".join([paragraph.text for paragraph in document.paragraphs] + cells)


@contextmanager
def every_version_confirmed() -> Iterator[None]:
    """Builds made inside read a table whose every version is confirmed to its end.

    For the tests of what the dossier prints from a *verified* citation (a quotation word for
    word, an incident's rules and dates): they read that branch of the templates whatever the
    research has confirmed so far. What an unverified citation prints is tested on the real
    table (tests/test_legal_verified_through.py).
    """
    basis = load_legal_basis()
    confirmed = replace(
        basis,
        rules=tuple(
            replace(rule, verified_through=rule.valid_until or dt.date.max) for rule in basis.rules
        ),
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(complaint, "load_legal_basis", lambda: confirmed)
        patch.setattr(ngo_report, "load_legal_basis", lambda: confirmed)
        yield
