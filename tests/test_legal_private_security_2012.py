"""Private security before the code of ethics was codified (fifth re-reading, docs/legal-basis.md).

From 13 July 2012 to 30 November 2014 the rules of R. 631-7, R. 631-10 and R. 631-27 were, in the
same words, articles 7, 10 and 27 of the code of ethics annexed to décret n° 2012-870 du 10 juillet
2012; R. 631-* exist only from 1 December 2014 (décret n° 2014-1253). A private guard's dog bite of
June 2013 cites the 2012 code by its own name, never an R. 631-* number it did not yet have.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from legal_workbook import (
    build,
    french_pdf_and_docx_words,
    incident_row,
    incident_text,
    write_input,
)

from dossier.assemble.legal_basis import load_legal_basis
from dossier.build.pipeline import build_dossiers

CODE_2012 = (
    "du code de déontologie des personnes physiques ou morales exerçant des activités privées de "
    "sécurité, annexé au décret n° 2012-870 du 10 juillet 2012"
)
INCIDENTS = [
    incident_row(id="PS-1207", date="2012-07-12", forces="private security", acts="dog"),
    incident_row(id="PS-1306", date="2013-06-14", forces="private security", acts="dog; threats"),
    incident_row(id="PS-1411", date="2014-11-30", forces="private security", acts="dog"),
    incident_row(id="PS-1412", date="2014-12-01", forces="private security", acts="dog"),
]  # fmt: skip
JUNE_2013 = dt.date(2013, 6, 14)
CODIFIED = dt.date(2014, 12, 1)  # décret n° 2014-1253 in force


def test_the_2012_code_and_the_codified_articles_do_not_overlap() -> None:
    basis = load_legal_basis()
    for number in ("7", "10", "27"):
        early = basis.get(f"cdsp-2012-art{number}", JUNE_2013)
        assert early is not None and early.forces == {"private_security"}
        assert basis.get(f"csi-r631-{number}", JUNE_2013) is None
        assert basis.get(f"cdsp-2012-art{number}", CODIFIED) is None
        assert basis.get(f"csi-r631-{number}", CODIFIED) is not None
        # Same rule, same summary: only the name of the text changed on codification.
        assert early.gloss_fr == basis.rules[basis.order(f"csi-r631-{number}")].gloss_fr


def test_a_private_guards_dog_bite_of_june_2013_cites_the_2012_code(tmp_path: Path) -> None:
    pages = build(tmp_path, INCIDENTS)
    french = incident_text(pages["fr"], "PS-1306")
    assert f"article 10 {CODE_2012} (aucune violence, même légère" in french
    assert f"Article 7 {CODE_2012}" in french and f"article 27 {CODE_2012}" in french
    assert "R. 631-" not in french and "R. 434-" not in french
    assert "L. 632-1" in french and "CNAPS" in french
    english = incident_text(pages["en"], "PS-1306")
    assert (
        "Article 10 of the code of ethics of natural or legal persons carrying out private "
        "security activities, annexed to decree no. 2012-870 of 10 July 2012" in english
    )
    assert "R. 631-" not in english
    # The last day of the 2012 code, the first of the codified article.
    assert f"article 10 {CODE_2012}" in incident_text(pages["fr"], "PS-1411").lower()
    first = incident_text(pages["fr"], "PS-1412")
    assert "R. 631-10" in first and "2012-870" not in first
    # Before the code of ethics: no rule of conduct (the CNAPS is cited, as L. 632-1 was in force).
    before = incident_text(pages["fr"], "PS-1207")
    assert "2012-870" not in before and "R. 631-" not in before
    assert "aucune règle n'est rattachée aux actes renseignés" in before


def _plain(text: str) -> str:
    text = re.sub(r"-\n", "-", text.replace("\u2019", "'"))
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_the_pdf_and_the_docx_print_the_2012_code(tmp_path: Path) -> None:
    data = write_input(tmp_path / "data", [INCIDENTS[1]])
    build_dossiers(data, out=tmp_path / "out", langs=("fr",), formats=("pdf", "docx"))
    pdf, words = french_pdf_and_docx_words(tmp_path / "out")
    for text in (_plain(pdf), _plain(words)):
        assert f"rticle 10 {CODE_2012}" in text
        assert "R. 631-" not in text
