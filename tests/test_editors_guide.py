"""docs/editors.md, followed step by step: the snippets it shows are the edits made here, and the
outputs it quotes are what the commands print."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from helpers import run_cli

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "editors.md"
SAMPLE = ROOT / "sample_data" / "incidents.xlsx"


def section(title_start: str) -> str:
    """The text of the guide's ``## N. Title`` section whose title starts with ``title_start``."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(f"\n## {title_start}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def blocks(part: str, language: str = "") -> list[str]:
    """The fenced code blocks of ``part`` written in ``language`` ("" for plain output)."""
    found = re.findall(r"^ *```(\w*)\n(.*?)^ *```", part, re.S | re.M)
    return [
        "\n".join(line.strip() if language == "" else line for line in body.splitlines()) + "\n"
        for lang, body in found
        if lang == language
    ]


def output_of(result_output: str) -> str:
    """A command's output as the guide quotes it: French no-break spaces shown as spaces."""
    text = result_output.replace("\u00a0", " ").replace("\u202f", " ")
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def follow_the_guide_up_to_the_check(folder: Path) -> None:
    """Steps 2 to 5 and 9 of docs/editors.md, in ``folder`` (the current directory)."""
    # 2. Start a template folder.
    init = section("2. ")
    command = blocks(init, "sh")[0].strip()
    assert command == "dossier templates init mytemplates --layout ddd --lang fr"
    result = run_cli(command.split()[1:])
    assert result.exit_code == 0, result.output
    assert output_of(result.output) == blocks(init)[0]
    again = run_cli(command.split()[1:])
    assert again.exit_code == 2, again.output
    templates = folder / "mytemplates"

    # 3. Change a label.
    labels = section("3. ")
    facts = next(block for block in blocks(labels, "toml") if block.startswith("facts ="))
    catalog = templates / "labels" / "fr.toml"
    text = catalog.read_text(encoding="utf-8")
    assert 'facts = "Les faits"\n' in text
    catalog.write_text(text.replace('facts = "Les faits"\n', facts), encoding="utf-8")

    # 4. Change the cover letter's wording: keep the letter block, extend the built-in file.
    letter_step = section("4. ")
    shown = blocks(letter_step, "jinja")[0]
    copy = (templates / "fr" / "ddd.html").read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(n for n, line in enumerate(copy) if line.startswith("{% block letter %}"))
    last = next(n for n in range(first, len(copy)) if copy[n].startswith("{% endblock %}"))
    assert (first + 1, last + 1) == (59, 75), "the guide names these lines"
    letter = "".join(copy[first : last + 1])
    edits = [
        (
            "<p>Elle vous prie d’agréer, {{ salutation() }}, l’expression de sa haute "
            "considération.</p>\n",
            "<p>L’association se tient à votre disposition pour vous présenter les personnes qui "
            "ont accepté de témoigner.</p>\n<p>Elle vous prie d’agréer, {{ salutation() }}, "
            "l’expression de sa haute considération.</p>\n",
        ),
    ]
    for old, new in edits:
        assert old in letter
        letter = letter.replace(old, new)
        for line in new.splitlines():
            assert line in shown, line  # what the guide shows is what is done here
    header = '{% extends "default:fr/ddd.html" %}\n\n'
    assert shown.startswith(header + "{% block letter %}\n")
    assert shown.endswith("</section>\n{% endblock %}\n")

    # 5. Add a section, then fix the labels as the check asks.
    add = section("5. ")
    requests_block = blocks(add, "jinja")[0]
    (templates / "fr" / "ddd.html").write_text(
        header + letter + "\n" + requests_block, encoding="utf-8"
    )
    check_command = blocks(add, "sh")[0].strip()
    assert check_command == "dossier templates check mytemplates"
    outputs = blocks(add)
    result = run_cli(check_command.split()[1:])
    assert result.exit_code == 1, result.output
    assert output_of(result.output) == outputs[0]

    follow_up = blocks(add, "toml")[0]
    text = catalog.read_text(encoding="utf-8")
    anchor = 'custody = "Annexe : conservation des pièces"\n'
    catalog.write_text(text.replace(anchor, anchor + follow_up), encoding="utf-8")
    result = run_cli(check_command.split()[1:])
    assert result.exit_code == 1, result.output
    assert output_of(result.output) == outputs[1]

    (templates / "labels" / "en.toml").write_text(blocks(add, "toml")[1], encoding="utf-8")
    result = run_cli(check_command.split()[1:])
    assert result.exit_code == 0, result.output
    assert output_of(result.output) == outputs[2] == "Templates OK.\n"

    # 6. Restyle the PDF.
    css = blocks(section("6. "), "css")[0]
    with (templates / "assets" / "dossier.css").open("a", encoding="utf-8") as stylesheet:
        stylesheet.write("\n" + css)

    # 9. Check.
    check = section("9. ")
    assert blocks(check, "sh")[0].strip() == check_command
    result = run_cli(check_command.split()[1:])
    assert result.exit_code == 0, result.output
    assert output_of(result.output) == blocks(check)[0]


def test_the_guide_steps_make_a_folder_that_passes_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    follow_the_guide_up_to_the_check(tmp_path)
    # The HTML carries every change (the PDF and DOCX are built by the slow test below).
    options = [
        "--templates",
        "mytemplates",
        "--format",
        "html",
        "--lang",
        "fr",
        "--out",
        "out-html",
    ]
    result = run_cli(["build", SAMPLE, *options])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out-html" / "ddd-fr.html").read_text(encoding="utf-8")
    for text in (
        "L’association se tient à votre disposition pour vous présenter les personnes qui ont "
        "accepté de témoigner.",
        '<h1 id="les-faits">Exposé des faits</h1>',
        '<h1 id="suivi-saisine">Suivi de la saisine</h1>',
    ):
        assert text in html, text


def test_the_guide_links_and_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/editors.md)" in readme
    assert "(editors.md)" in (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    build = blocks(section("11. "), "sh")[0].strip()
    assert build == (
        "dossier build sample_data/incidents.xlsx --templates mytemplates --format pdf,docx "
        "--lang fr --out out-mine"
    )
    # The style names the guide lists are the ones the DOCX writer needs.
    from dossier.render.docx import REQUIRED_STYLES

    table = section("7. ")
    named = set(re.findall(r"`([A-Z][A-Za-z0-9 ]+)`", table))
    assert set(REQUIRED_STYLES) <= named, set(REQUIRED_STYLES) - named


def pdf_words(path: Path) -> str:
    """The PDF's text with line-end hyphens joined and spaces of every kind made one."""
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = re.sub(r"[\u2010-]\n", "", text)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_guide_builds_a_pdf_and_a_docx_with_the_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    follow_the_guide_up_to_the_check(tmp_path)
    build = section("11. ")
    args = blocks(build, "sh")[0].split()[1:]
    args[1] = str(SAMPLE)  # the guide runs from the repository's folder
    result = run_cli(args)
    assert result.exit_code == 0, result.output
    shown = blocks(build)[0]
    for line in output_of(result.output).splitlines():
        if line.startswith("out-mine/"):
            assert line in shown, line

    text = pdf_words(tmp_path / "out-mine" / "ddd-fr.pdf")
    for wording in (
        "L’association se tient à votre disposition pour vous présenter les personnes qui ont "
        "accepté de témoigner.",
        "Exposé des faits",
        "Suivi de la saisine",
        "Pour toute question sur ce dossier, écrivez à contact@example.org",
    ):
        assert wording in text, wording

    document = docx.Document(str(tmp_path / "out-mine" / "ddd-fr.docx"))
    paragraphs = [paragraph.text.replace("\u00a0", " ") for paragraph in document.paragraphs]
    headings = [
        paragraph.text
        for paragraph in document.paragraphs
        if paragraph.style is not None and paragraph.style.name == "Heading 1"
    ]
    assert any(p.startswith("L’association se tient à votre disposition") for p in paragraphs)
    assert "Exposé des faits" in headings and "Les faits" not in headings
    assert headings.index("Suivi de la saisine") == headings.index("Demandes") + 1
