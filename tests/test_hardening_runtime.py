"""Attacks on what a build leaves behind and echoes (issue 18, points 3 and 6; issue 17's last
leftovers): a render cache another user can write, killed builds, errors that echo a file name,
and legal names of rejected person rows.
"""

from __future__ import annotations

from pathlib import Path

from helpers import run_cli
from test_privacy_paths import LEGAL_NAME, problems_of, workbook_with, write_cell

from dossier.errors import BuildError
from dossier.i18n.messages import Message

# -- issue 17: errors echo names printable; rejected person rows still name who not to print --

ESCAPE = "x\x1b]0;owned\x07\u202eevil"


def test_an_error_echoing_a_file_name_cannot_drive_the_terminal(tmp_path: Path) -> None:
    missing = tmp_path / ESCAPE
    result = run_cli(["verify", missing, "--lang", "en"])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\u202e" not in result.stderr
    assert "x\\x1b]0;owned\\x07evil" in result.stderr


def test_an_error_made_printable_in_both_languages_and_inside_its_reasons() -> None:
    error = BuildError(
        "build.cannot_write",
        folder=Path(ESCAPE),
        reason=Message("build.workbook_withheld", output=ESCAPE, reason="r\n2"),
    )
    for lang in ("fr", "en"):
        told = error.text(lang)
        assert "\x1b" not in told and "\u202e" not in told and "\n" not in told
        assert told.count("x\\x1b]0;owned\\x07evil") == 2
        assert "r\\n2" in told
    assert "\x1b" not in str(error)


def test_a_rejected_person_row_still_keeps_its_legal_name_out_of_the_summaries(
    tmp_path: Path,
) -> None:
    folder = workbook_with(tmp_path, "incidents", 0, "summary in English", f"{LEGAL_NAME} hit.")
    write_cell(folder, "persons", 0, "age", "twenty")  # the person row is rejected for its age
    found = [(p["code"], p["sheet"], p["header"]) for p in problems_of(folder)]
    assert ("invalid_int", "persons", "age") in found
    assert ("legal_name_in_text", "incidents", "summary in English") in found


def test_a_rejected_person_row_whose_pseudonym_is_the_legal_name_is_still_an_error(
    tmp_path: Path,
) -> None:
    folder = workbook_with(tmp_path, "persons", 0, "pseudonym", LEGAL_NAME.upper())
    write_cell(folder, "persons", 0, "age", "-3")
    found = [(p["code"], p["sheet"], p["header"]) for p in problems_of(folder)]
    assert ("legal_name_in_text", "persons", "pseudonym") in found
