"""The desk's new paths attacked: crafted row addresses, links planted in the working folder,
tampered build state, the passphrase fields, the reveal of hidden names (issue 24's review)."""

from __future__ import annotations

import re
from pathlib import Path

from test_desk import Desked, sample_folder, text_of

ROW = "/workbook/incidents.xlsx/row"


def refusal(page: str) -> str:
    """The text of a refused page's reasons."""
    found = re.search(r'<section id="refusal".*?</section>', page, re.S)
    assert found is not None, page
    return text_of(found.group(0))


def test_a_crafted_row_number_is_a_missing_row_never_a_crash(tmp_path: Path) -> None:
    """Digits Python's int() refuses ("²" passes str.isdigit) or more of them than it converts
    (over 4,300) used to raise out of the handler: a 500 and a traceback in the desk's log."""
    desked = Desked(sample_folder(tmp_path / "f"))
    for number in ("²", "9" * 5000, "١٢", "-1", "1e3", ""):
        answer = desked.client.get(
            ROW, params={"file": "incidents.xlsx", "sheet": "persons", "row": number}
        )
        assert answer.status_code == 404, number[:10]
        said = refusal(answer.text)
        assert "is not (or no longer) in this workbook" in said
        assert "9" * 100 not in said
    # The sheet named in the address is repeated short and without direction controls.
    crafted = "persons\u202e" + "x" * 5000
    answer = desked.client.get(ROW, params={"file": "incidents.xlsx", "sheet": crafted, "row": "2"})
    assert answer.status_code == 404
    said = refusal(answer.text)
    assert "“persons" in said and "\u202e" not in said and "x" * 100 not in said
    assert desked.client.get("/").status_code == 200
