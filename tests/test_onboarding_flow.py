"""A group's own export to a built dossier, as docs/volunteers.md tells it, without editing a cell.

The flow: `validate` (most rows rejected), `mapping draft`, the volunteer's review (uncomment
the proposals they agree with, write a code where the draft asks "= ?"), `mapping draft` again
for the columns just named, `validate --mapping`, `build --mapping`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import run_cli
from onboarding_exports import organisation_config, write_english_xlsx, write_french_csv

from dossier.commands.preview import PreviewOptions, render_page


def plain(text: str) -> str:
    """French typography's no-break spaces as spaces, to compare with what we type."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def choose(path: Path, wording: str, target: str) -> None:
    """What a volunteer does in the draft: answer ``# "wording" = ?`` (or ``= "ignore"``)."""
    text = path.read_text(encoding="utf-8")
    line = re.compile(r'^# ("' + re.escape(wording) + r'") = (?:\?|"ignore")', re.MULTILINE)
    assert line.search(text), f"{wording} is not asked in\n{text}"
    path.write_text(line.sub(lambda m: f'{m[1]} = "{target}"', text, count=1), encoding="utf-8")


def test_a_french_group_export_reaches_a_built_dossier(tmp_path: Path) -> None:
    journal = write_french_csv(tmp_path / "journal.csv")
    organisation_config(tmp_path / "dossier.toml")
    mapping = tmp_path / "correspondance.toml"

    before = run_cli(["validate", str(journal), "--lang", "fr"])
    assert before.exit_code == 1, before.output
    assert "acceptées 0 + rejetées 40" in plain(before.output)

    drafted = run_cli(["mapping", "draft", str(journal), "--out", str(mapping), "--lang", "fr"])
    assert drafted.exit_code == 0, drafted.output
    draft = plain(mapping.read_text(encoding="utf-8"))
    # Safe proposals are written; the opposite of a negated wording is never proposed.
    assert '"pas visible" = "no"' in draft
    assert '"gendarmes" = "gendarmerie"' in draft
    assert '"Affaires détruites" = "belongings"' in draft
    assert re.search(r'# "pas confirmé" = \?   # candidats : probable, possible, unverified', draft)
    assert '"pas confirmé" = "confirmed"' not in draft
    assert re.search(
        r'# "tentative de traversée" = \?   # candidats : crossing_tunnel, crossing_lorry, '
        r"crossing_port — × 10 — lignes 2, 6, 10",
        draft,
    )

    # The volunteer's choices, in French where they like.
    choose(mapping, "N° fiche", "identifiant")
    choose(mapping, "Date des faits", "date")
    choose(mapping, "Diffusion", "confidentialité")
    choose(mapping, "Notes internes", "ignore")
    choose(mapping, "tentative de traversée", "crossing_port")
    choose(mapping, "pas confirmé", "possible")
    kept = mapping.read_text(encoding="utf-8")

    # The draft again: what is decided stays as it is; the column just named gets its wordings.
    again = run_cli(["mapping", "draft", str(journal), "--out", str(mapping), "--lang", "fr"])
    assert again.exit_code == 0, again.output
    completed = plain(mapping.read_text(encoding="utf-8"))
    assert all(plain(line) in completed.splitlines() for line in kept.splitlines())
    assert re.search(r'# "non public" = \?   # candidats : restricted, confidential', completed)
    choose(mapping, "non public", "restricted")

    checked = run_cli(["validate", str(journal), "--lang", "fr", "--mapping", str(mapping)])
    assert checked.exit_code == 0, checked.output
    assert "acceptées 40 + rejetées 0" in plain(checked.output)

    out = tmp_path / "out"
    built = run_cli(
        [
            "build",
            str(journal),
            "--lang",
            "fr",
            "--format",
            "html",
            "--mapping",
            str(mapping),
            "--out",
            str(out),
            "--no-cache",
        ]
    )
    assert built.exit_code == 0, built.output
    html = (out / "ddd-fr.html").read_text(encoding="utf-8")
    assert "OBS-2015-001" in html or "campement fictif n° 1" in html
    # The tents of the renamed column reached the dossier.
    assert "tente" in html


def test_without_the_mapping_the_build_refuses_to_lose_columns(tmp_path: Path) -> None:
    journal = write_french_csv(tmp_path / "journal.csv")
    organisation_config(tmp_path / "dossier.toml")
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        '[incidents]\n"N° fiche" = "id"\n"Date des faits" = "date"\n', encoding="utf-8"
    )
    validated = run_cli(["validate", str(journal), "--lang", "en", "--mapping", str(mapping)])
    built = run_cli(
        [
            "build",
            str(journal),
            "--lang",
            "en",
            "--format",
            "html",
            "--mapping",
            str(mapping),
            "--out",
            str(tmp_path / "out"),
            "--no-cache",
        ]
    )
    assert built.exit_code == 1, built.output
    # For a build, a column of data no field reads is an error; validate warns, so that a
    # volunteer sees everything at once.
    notes_in_build = [line for line in built.output.splitlines() if "N (Notes internes)" in line]
    notes_in_validate = [
        line for line in validated.output.splitlines() if "N (Notes internes)" in line
    ]
    assert notes_in_build and notes_in_build[0].startswith("│ error")
    assert notes_in_validate and notes_in_validate[0].startswith("│ warning")
    assert "unknown column holding data on 13 row(s)" in built.output
    assert not (tmp_path / "out" / "ddd-en.html").exists()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_english_workbook_reaches_a_built_dossier(tmp_path: Path, lang: str) -> None:
    log = write_english_xlsx(tmp_path / "log.xlsx")
    organisation_config(tmp_path / "dossier.toml")
    mapping = tmp_path / "mapping.toml"
    drafted = run_cli(["mapping", "draft", str(log), "--out", str(mapping), "--lang", lang])
    assert drafted.exit_code == 0, drafted.output
    draft = plain(mapping.read_text(encoding="utf-8"))
    assert '"no objection" = "informed_no_objection"' in draft
    assert '"not reachable" = "unreachable"' in draft
    for header, target in [
        ("Situation", "context"),
        ("Police", "forces"),
        ("What happened", "acts"),
        ("RIO shown", "RIO visible"),
        ("Narrative", "summary in English"),
        ("Verification", "violation_status"),
        ("Sharing", "confidentiality"),
        ("Volunteer notes", "ignore"),
        ("Ref", "id"),
    ]:
        choose(mapping, header, target)
    again = run_cli(["mapping", "draft", str(log), "--out", str(mapping), "--lang", lang])
    assert again.exit_code == 0, again.output
    completed = plain(mapping.read_text(encoding="utf-8"))
    assert '"not visible" = "no"' in completed
    assert '"not public" = "restricted"' not in completed
    assert '"not public" = "public"' not in completed
    choose(mapping, "not public", "restricted")
    choose(mapping, "crossing attempt", "crossing_lorry")
    checked = run_cli(["validate", str(log), "--lang", lang, "--mapping", str(mapping)])
    assert checked.exit_code == 0, checked.output + completed
    out = tmp_path / "out"
    built = run_cli(
        [
            "build",
            str(log),
            "--lang",
            lang,
            "--format",
            "html",
            "--mapping",
            str(mapping),
            "--out",
            str(out),
            "--no-cache",
        ]
    )
    assert built.exit_code == 0, built.output
    assert (out / f"ddd-{lang}.html").is_file()


@pytest.mark.slow
def test_samples_take_the_mapping_too(tmp_path: Path) -> None:
    """--mapping works the same in samples (every layout, language and format)."""
    journal = write_french_csv(tmp_path / "journal.csv")
    config = organisation_config(tmp_path / "dossier.toml")
    mapping = tmp_path / "m.toml"
    mapping.write_text(CHOSEN, encoding="utf-8")
    result = run_cli(
        [
            "samples",
            "--data",
            str(journal),
            "--config",
            str(config),
            "--mapping",
            str(mapping),
            "--out",
            str(tmp_path / "samples"),
            "--no-cache",
            "-q",
        ]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "samples" / "ddd-fr.pdf").is_file()


def test_preview_takes_the_mapping_too(tmp_path: Path) -> None:
    journal = write_french_csv(tmp_path / "journal.csv")
    config = organisation_config(tmp_path / "dossier.toml")
    mapping = tmp_path / "m.toml"
    mapping.write_text(CHOSEN, encoding="utf-8")
    status, page = render_page(PreviewOptions(source=journal, config=config, mapping=mapping))
    assert status == 200, page
    assert "OBS-2015-001" in page or "campement fictif" in page


# A complete set of choices for the French export (what the volunteer ends with).
CHOSEN = """\
[incidents]
"N° fiche" = "id"
"Date des faits" = "date"
"Forces présentes" = "forces"
"Affaires détruites" = "belongings"
"Diffusion" = "confidentialité"
"Notes internes" = "ignore"
[valeurs.context]
"tentative de traversée" = "crossing_port"
"distrib repas" = "food_distribution"
[valeurs.forces]
"gendarmes" = "gendarmerie"
"police nat." = "national_police"
[valeurs.acts]
"gazage" = "tear_gas"
"gaz lacrimogène" = "tear_gas"
"insultes racistes" = "insults_racism"
"tentes détruites" = "belongings_destroyed"
[valeurs.rio_visible]
"pas visible" = "no"
[valeurs.violation_status]
"pas confirmé" = "possible"
[valeurs.confidentiality]
"non public" = "restricted"
"""
