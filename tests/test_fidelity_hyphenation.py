"""Justified text is hyphenated in the DOCX as in the PDF: the reference document asks Word and
LibreOffice to hyphenate (``w:autoHyphenation``), and ``scripts/setup.sh`` installs the French
and English patterns LibreOffice needs to do it (without them it silently does not)."""

from __future__ import annotations

import re
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from dossier.render.docx import render_docx
from dossier.render.docx.pagination import find_libreoffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOFFICE = find_libreoffice()

#: Long words in a narrow justified measure: a line that ends inside one of them is only
#: possible with hyphenation, and without it LibreOffice stretches the spaces instead.
LONG_WORDS = {
    "fr": "Les interpellations systématiquement accompagnées de confiscations "
    "disproportionnées constituent manifestement des comportements incompatibles avec "
    "les obligations déontologiques et réglementaires applicables. ",
    "en": "Systematically disproportionate confiscations accompanying interrogations "
    "constitute unquestionably incompatible behaviour, notwithstanding administrative "
    "justifications and counterbalancing considerations. ",
}


def _docx(lang: str) -> bytes:
    html = f"<html lang='{lang}'><body><p>{LONG_WORDS[lang] * 12}</p></body></html>"
    return render_docx(html, title="t", author="a", lang=lang, source_date_epoch=0)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_docx_asks_word_and_libreoffice_to_hyphenate(lang: str) -> None:
    with zipfile.ZipFile(BytesIO(_docx(lang))) as package:
        settings = etree.fromstring(package.read("word/settings.xml"))
    switch = settings.find(f"{W}autoHyphenation")
    assert switch is not None
    assert switch.get(f"{W}val") in (None, "true", "1", "on")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_libreoffice_breaks_long_words_at_line_ends(lang: str, tmp_path: Path) -> None:
    assert SOFFICE is not None
    docx = tmp_path / f"hyphens-{lang}.docx"
    docx.write_bytes(_docx(lang))
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / f"hyphens-{lang}.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # A line ending in a letter then a hyphen (a word broken by LibreOffice's patterns).
    broken = re.findall(r"[^\W\d_]{2,}[-\u2010\u00ad] *$", text, flags=re.MULTILINE)
    assert len(broken) >= 3, text[:2000]
