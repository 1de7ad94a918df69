"""`dossier templates list` and `templates init`, as an editor starting a template folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import run_cli

from dossier.assemble.models import Layout
from dossier.commands.templates import (
    BUILTIN,
    EDITOR,
    TargetExists,
    TemplateListError,
    describe_templates,
    init_templates,
    list_layout,
    list_templates,
    plan_init,
)
from dossier.commands.templates_check import check_templates
from dossier.commands.worst_case import worst_case_config, worst_case_dataset
from dossier.render.html import builtin_templates_dir, render_template

DDD_BLOCKS = [
    "description",
    "head",
    "body",
    "cover",
    "running_title",
    "cover_purpose",
    "cover_facts",
    "marking",
    "marking_note",
    "letter",
    "contents",
    "filer",
    "facts",
    "facts_intro",
    "facts_incident",
    "facts_law",
    "consequences",
    "consequences_intro",
    "consequences_table",
    "proceedings",
    "proceedings_intro",
    "proceedings_unknown",
    "ethics",
    "pattern",
    "pattern_intro",
    "requests",
    "exhibits",
    "exhibits_intro",
    "exhibits_none",
    "custody",
    "custody_intro",
    "custody_table",
    "custody_none",
    "versions",
]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- list -----------------------------------------------------------------------------------------


def test_every_builtin_layout_and_language_is_listed_with_its_chain_and_blocks() -> None:
    listings = list_templates()
    assert [(item.layout, item.lang) for item in listings] == [
        (layout.value, lang) for layout in Layout for lang in ("fr", "en")
    ]
    for listing in listings:
        assert [file.name for file in listing.chain] == [
            f"{listing.lang}/{listing.layout}.html",
            f"{listing.layout}_base.html",
            "base.html",
        ]
        assert {file.origin for file in listing.chain} == {BUILTIN}
        assert all(block.used for block in listing.blocks)
    ddd_fr = listings[0]
    assert [block.name for block in ddd_fr.blocks] == DDD_BLOCKS
    cover = next(block for block in ddd_fr.blocks if block.name == "cover")
    assert (cover.defined_in.name, cover.depth) == ("ddd_base.html", 1)
    source = (builtin_templates_dir() / "ddd_base.html").read_text(encoding="utf-8")
    assert "{% block cover %}" in source.splitlines()[cover.line - 1]
    # The structure is shared; the words of each part are in the language's file.
    where = {block.name: block.defined_in.name for block in ddd_fr.blocks}
    for name in ("letter", "cover_purpose", "facts_intro", "facts_incident", "exhibits_none"):
        assert where[name] == "fr/ddd.html", name
    for name in ("contents", "facts", "pattern", "exhibits"):
        assert where[name] == "ddd_base.html", name
    head = next(block for block in ddd_fr.blocks if block.name == "head")
    assert (head.defined_in.name, head.depth) == ("base.html", 0)
    # The report's blocks, in the order docs/templates.md gives them.
    report = [block.name for block in listings[2].blocks if block.depth == 1]
    assert report == [
        "cover",
        "contents",
        "summary",
        "key_recommendations",
        "methodology",
        "background",
        "findings",
        "legal_standards",
        "response",
        "recommendations",
        "acknowledgments",
        "annex_incidents",
        "annex_glossary",
        "annex_exhibits",
        "annex_charts",
        "annex_correspondence",
    ]


def test_an_override_shows_which_file_defines_each_block(tmp_path: Path) -> None:
    write(
        tmp_path / "fr" / "ddd.html",
        '{% extends "default:ddd.html" %}\n\n{% block requests %}<section></section>'
        "{% endblock %}\n{% block unused %}{% endblock %}\n",
    )
    write(tmp_path / "assets" / "dossier.css", "h1 {}")
    listing = list_layout("ddd", "fr", tmp_path)
    assert [(file.name, file.origin) for file in listing.chain] == [
        ("fr/ddd.html", EDITOR),
        ("fr/ddd.html", BUILTIN),
        ("ddd_base.html", BUILTIN),
        ("base.html", BUILTIN),
    ]
    blocks = {block.name: block for block in listing.blocks}
    assert blocks["requests"].defined_in.origin == EDITOR and blocks["requests"].line == 3
    assert blocks["facts"].defined_in.origin == BUILTIN
    assert not blocks["unused"].used
    lines = describe_templates(tmp_path)
    assert lines[0] == (
        "ddd (fr): fr/ddd.html (editor) → fr/ddd.html (built-in) → ddd_base.html (built-in) "
        "→ base.html (built-in)"
    )
    assert any(line.split() == ["requests", "fr/ddd.html:3", "(editor)"] for line in lines)
    assert any("unused" in line and "(defined, never printed)" in line for line in lines)
    assert "  assets/dossier.css (editor)" in lines and "  reference.docx (built-in)" in lines
    # The built-in catalogs are in force; an editor's would be listed above them.
    assert "  labels/fr.toml (built-in)" in lines
    # The English dossier is untouched.
    assert lines[
        lines.index(
            "ddd (en): en/ddd.html (built-in) → ddd_base.html (built-in) → base.html (built-in)"
        )
    ]


def test_an_editor_catalog_is_listed_above_the_builtin_one(tmp_path: Path) -> None:
    write(tmp_path / "labels" / "fr.toml", '[section]\nfacts = "Ce qui s\'est passé"\n')
    lines = describe_templates(tmp_path)
    start = lines.index("assets, Word styles and labels:")
    assert lines[start + 1 :][-3:] == [
        "  labels/fr.toml (editor)",
        "  labels/fr.toml (built-in)",
        "  labels/en.toml (built-in)",
    ]


def test_a_broken_override_is_named_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "en" / "report.html", "{% extends 'default:report.html' %}\n{% if %}")
    with pytest.raises(TemplateListError, match=re.escape(f"{path}:2: ")):
        list_layout("report", "en", tmp_path)
    with pytest.raises(TemplateListError, match=r"nothing\.html: template not found"):
        write(tmp_path / "fr" / "ddd.html", "{% extends 'nothing.html' %}")
        list_layout("ddd", "fr", tmp_path)


def test_an_extends_loop_is_stopped(tmp_path: Path) -> None:
    write(tmp_path / "fr" / "ddd.html", "{% extends 'loop.html' %}")
    write(tmp_path / "loop.html", "{% extends 'ddd.html' %}")
    with pytest.raises(TemplateListError, match="deeper than"):
        list_layout("ddd", "fr", tmp_path)


def test_templates_list_command() -> None:
    result = run_cli(["templates", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        lines[0]
        == "ddd (fr): fr/ddd.html (built-in) → ddd_base.html (built-in) → base.html (built-in)"
    )
    report_chain = "en/report.html (built-in) → report_base.html (built-in) → base.html (built-in)"
    assert f"report (en): {report_chain}" in lines
    assert "  reference.docx (built-in)" in lines


def test_templates_list_reports_a_broken_override(tmp_path: Path) -> None:
    write(tmp_path / "fr" / "ddd.html", "{% extends 'default:ddd.html' %}\n{% block x %}")
    result = run_cli(["templates", "list", "--templates", tmp_path])
    assert result.exit_code == 1, result.output
    assert f"{tmp_path / 'fr' / 'ddd.html'}:2: " in result.output
    assert "Traceback" not in result.output


# -- init -----------------------------------------------------------------------------------------


def test_init_copies_what_an_editor_needs_and_explains_it(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    written = init_templates(target)
    names = sorted(path.relative_to(target).as_posix() for path in written)
    assert names == [
        "README.md",
        "_macros.html",
        "assets/dossier.css",
        "base.html",
        "ddd_base.html",
        "en/ddd.html",
        "en/report.html",
        "fr/ddd.html",
        "fr/report.html",
        "labels/en.toml",
        "labels/fr.toml",
        "reference.docx",
        "report_base.html",
    ]
    builtin = builtin_templates_dir()
    for name in names[1:]:
        assert (target / name).read_bytes() == (builtin / name).read_bytes(), name
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert '{% extends "default:ddd.html" %}' in readme
    assert f"dossier templates check {target.as_posix()}" in readme
    assert f"dossier preview INPUT --templates {target.as_posix()}" in readme
    assert "* `fr/report.html` — the NGO report, in French" in readme
    assert "* `report_base.html` — the NGO report: its structure, the same in both" in readme
    assert "* `_macros.html` — macros the templates share" in readme
    assert "* `reference.docx` — the Word styles" in readme
    assert "* `labels/fr.toml` — section titles and table headers in French" in readme


def test_the_copies_render_the_same_dossier_and_pass_the_check(tmp_path: Path) -> None:
    import datetime as dt

    from dossier.assemble.assembler import assemble
    from dossier.assemble.models import Audience

    init_templates(tmp_path)
    dataset, config = worst_case_dataset(), worst_case_config()
    for layout in Layout:
        view = assemble(
            dataset,
            config,
            layout=layout,
            audience=Audience.ddd,
            lang="fr",
            signed_on=dt.date(2016, 11, 15),
        )
        name = f"{layout.value}.html"
        assert render_template(name, {"d": view}, lang="fr", editor_dir=tmp_path) == (
            render_template(name, {"d": view}, lang="fr")
        )
    assert check_templates(tmp_path, dataset, config) == []


def test_init_can_copy_one_layout_in_one_language(tmp_path: Path) -> None:
    written = init_templates(tmp_path, layouts=("report",), langs=("en",))
    names = sorted(path.relative_to(tmp_path).as_posix() for path in written)
    assert names == [
        "README.md",
        "_macros.html",
        "assets/dossier.css",
        "base.html",
        "en/report.html",
        "labels/en.toml",
        "reference.docx",
        "report_base.html",
    ]
    with pytest.raises(ValueError, match="nope"):
        plan_init(tmp_path, layouts=("nope",))
    with pytest.raises(ValueError, match="de"):
        plan_init(tmp_path, langs=("de",))


def test_init_refuses_to_overwrite_and_writes_nothing_then(tmp_path: Path) -> None:
    edited = write(tmp_path / "fr" / "ddd.html", "my own work")
    readme = write(tmp_path / "README.md", "my notes")
    with pytest.raises(TargetExists) as refused:
        init_templates(tmp_path)
    assert refused.value.paths == [edited, readme]
    assert edited.read_text(encoding="utf-8") == "my own work"
    assert not (tmp_path / "base.html").exists()
    init_templates(tmp_path, force=True)
    assert edited.read_bytes() == (builtin_templates_dir() / "fr" / "ddd.html").read_bytes()


def test_templates_init_command(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    result = run_cli(["templates", "init", target, "--layout", "ddd", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert str(target / "fr" / "ddd.html") in result.output.splitlines()
    assert not (target / "fr" / "report.html").exists()
    again = run_cli(["templates", "init", target, "--layout", "ddd", "--lang", "fr"])
    assert again.exit_code == 2, again.output
    # --lang fr: the French templates, and French messages.
    assert f"{target / 'fr' / 'ddd.html'} existe déjà" in again.output
    assert "utilisez --force" in again.output
    english = run_cli(["templates", "init", target, "--layout", "ddd", "--lang", "en,fr"])
    assert f"{target / 'fr' / 'ddd.html'} exists" in english.output
    assert "use --force" in english.output
    forced = run_cli(["templates", "init", target, "--lang", "fr", "--force"])
    assert forced.exit_code == 0, forced.output
    assert (target / "fr" / "report.html").exists()
    wrong = run_cli(["templates", "init", target, "--layout", "letter"])
    assert wrong.exit_code == 2, wrong.output
