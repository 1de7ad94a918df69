"""Label catalogs (templates/labels/{fr,en}.toml): complete in both languages, used by the
built-in templates, overridable key by key from an editor's folder, checked with file and line."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from jinja2 import nodes

from dossier.assemble.assembler import assemble
from dossier.assemble.models import Audience, Layout
from dossier.commands.templates_check import (
    _label_calls,
    check_label_catalogs,
    check_label_usage,
    check_templates,
)
from dossier.commands.worst_case import worst_case_config, worst_case_dataset
from dossier.render.html import (
    TemplateProblem,
    builtin_templates_dir,
    load_labels,
    make_environment,
    read_label_catalog,
    render_template,
)

LANGS = ("fr", "en")
BUILTIN = builtin_templates_dir()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def render(layout: str, lang: str, editor_dir: Path | None = None) -> str:
    view = assemble(
        worst_case_dataset(),
        worst_case_config(),
        layout=Layout(layout),
        audience=Audience.ddd,
        lang=lang,
        signed_on=dt.date(2016, 11, 15),
    )
    return render_template(f"{layout}.html", {"d": view}, lang=lang, editor_dir=editor_dir)


def headings(document: str, level: int = 1) -> list[str]:
    return [
        html.unescape(re.sub(r"<[^>]+>", "", text))
        for text in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", document, re.S)
    ]


# -- the built-in catalogs ----------------------------------------------------------------------


def test_every_label_is_in_both_catalogs_with_text() -> None:
    catalogs = {}
    for lang in LANGS:
        labels, problems = read_label_catalog(BUILTIN / "labels" / f"{lang}.toml")
        assert problems == []
        catalogs[lang] = labels
    assert catalogs["fr"].keys() == catalogs["en"].keys()
    assert len(catalogs["fr"]) > 30
    for lang in LANGS:
        for key, label in catalogs[lang].items():
            assert label.text.strip(), (lang, key)
            assert label.line is not None, (lang, key)  # a problem can point at it
            assert label.key == key
    assert check_label_catalogs(None) == []


def builtin_templates(lang: str) -> list[Path]:
    """The built-in templates a dossier in ``lang`` is made of: the language's own files, and the
    skeletons and macros both languages share (at the top of the folder)."""
    return sorted((BUILTIN / lang).glob("*.html")) + sorted(BUILTIN.glob("*.html"))


def test_every_label_the_builtin_templates_print_exists() -> None:
    env = make_environment("fr")
    labels = {lang: load_labels(lang)[0] for lang in LANGS}
    used: set[str] = set()
    for lang in LANGS:
        for path in builtin_templates(lang):
            calls = _label_calls(env.parse(path.read_text(encoding="utf-8")))
            assert calls or path.name == "base.html", path
            for key, line in calls:
                assert key in labels[lang], f"{path}:{line}: {key}"
                used.add(key)
    assert check_label_usage(BUILTIN, None) == []
    # Every label of the catalogs is printed somewhere: none is left behind by an edit.
    assert used == labels["fr"].keys()


def test_every_section_title_of_the_builtin_templates_is_a_label() -> None:
    """An h1 prints a label, or a title from the data (the dossier's, a chapter's)."""
    for lang in LANGS:
        for path in builtin_templates(lang):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for inner in re.findall(r"<h1[^>]*>(.*?)</h1>", line):
                    assert inner.startswith('{{ label("section.') or inner in (
                        "{{ d.title }}",
                        "{{ c.title }}",
                    ), f"{path}:{number}: {inner}"


def test_the_catalogs_are_the_ones_section_titles_read() -> None:
    french = headings(render("ddd", "fr"))
    assert "Les faits" in french and "Bordereau des pièces" in french
    # French typography is added: the catalog holds a plain space before the colon.
    assert "Annexe\u00a0: conservation des pièces" in french
    assert 'custody = "Annexe : conservation des pièces"' in (
        BUILTIN / "labels" / "fr.toml"
    ).read_text(encoding="utf-8")
    english = headings(render("report", "en"))
    assert "Annex: custody of exhibits" not in english  # a complaint's section, not a report's
    assert "Annex III: exhibits and their fingerprints" in english


def test_a_template_loop_variable_named_like_the_function_does_not_hide_it() -> None:
    """The built-in templates name loop variables `term`, so a `label()` call can go anywhere."""
    for lang in LANGS:
        for path in builtin_templates(lang):
            tree = make_environment(lang).parse(path.read_text(encoding="utf-8"))
            names = {target.name for target in tree.find_all(nodes.Name) if target.ctx == "store"}
            assert "label" not in names, path


# -- an editor's catalog -----------------------------------------------------------------------


def test_an_editor_label_overrides_one_key_and_keeps_the_others(tmp_path: Path) -> None:
    write(tmp_path / "labels" / "fr.toml", '[section]\nfacts = "Ce qui s\'est passé"\n')
    french = headings(render("ddd", "fr", tmp_path))
    assert "Ce qui s’est passé" in french and "Les faits" not in french
    assert "Bordereau des pièces" in french  # the built-in text of every other key
    assert "The facts" in headings(render("ddd", "en", tmp_path))  # English untouched
    assert check_templates(tmp_path, worst_case_dataset(), worst_case_config()) == []


def test_a_label_is_text_never_markup(tmp_path: Path) -> None:
    write(tmp_path / "labels" / "en.toml", '[section]\nfacts = "Facts & <b>figures</b>"\n')
    document = render("ddd", "en", tmp_path)
    assert "Facts &amp; &lt;b&gt;figures&lt;/b&gt;" in document
    assert "<b>figures" not in document


def test_a_label_missing_at_render_names_the_template_and_line(tmp_path: Path) -> None:
    # A key computed at run time: only rendering can find it.
    template = write(
        tmp_path / "fr" / "ddd.html",
        '{% extends "default:ddd.html" %}\n{% block requests %}\n<section>\n'
        '<h1>{{ label("section." ~ "nope") }}</h1>\n</section>\n{% endblock %}\n',
    )
    with pytest.raises(TemplateProblem) as problem:
        render("ddd", "fr", tmp_path)
    assert problem.value.template == str(template)
    assert problem.value.line == 4
    assert problem.value.reason == (
        f"label 'section.nope' is missing in French (add it to {tmp_path / 'labels' / 'fr.toml'})"
    )
    issues = check_templates(tmp_path, worst_case_dataset(), worst_case_config(), layouts=("ddd",))
    assert [str(issue) for issue in issues] == [f"{template}:4: {problem.value.reason}"]


def test_a_malformed_catalog_at_render_names_the_catalog_and_line(tmp_path: Path) -> None:
    catalog = write(tmp_path / "labels" / "en.toml", "[section]\n\nfacts = [1, 2]\n")
    with pytest.raises(TemplateProblem) as problem:
        render("ddd", "en", tmp_path)
    assert (problem.value.template, problem.value.line) == (str(catalog), 3)
    assert problem.value.reason == "label 'section.facts' must be text in quotes, not list"
    # The French dossier does not read the English catalog.
    assert "Les faits" in headings(render("ddd", "fr", tmp_path))


def test_a_duplicate_key_is_reported_at_its_line(tmp_path: Path) -> None:
    catalog = write(tmp_path / "labels" / "fr.toml", '[section]\nfacts = "A"\nfacts = "B"\n')
    issues = check_label_catalogs(tmp_path)
    assert [str(issue) for issue in issues] == [
        f"{catalog}:3: label catalog is not valid TOML: Cannot overwrite a value"
    ]


def test_a_catalog_in_a_language_no_dossier_is_written_in_is_reported(tmp_path: Path) -> None:
    catalog = write(tmp_path / "labels" / "de.toml", '[section]\nfacts = "Die Fakten"\n')
    assert [str(issue) for issue in check_label_catalogs(tmp_path)] == [
        f"{catalog}: no dossier is written in 'de': only fr.toml and en.toml are read"
    ]


def test_a_template_outside_the_language_folders_needs_the_label_in_both(tmp_path: Path) -> None:
    write(tmp_path / "labels" / "fr.toml", '[section]\nextra = "En plus"\n')
    base = write(
        tmp_path / "base.html",
        (BUILTIN / "base.html")
        .read_text(encoding="utf-8")
        .replace(
            "{% block head %}{% endblock %}",
            '{# {{ label("section.extra") }} #}\n'
            '<meta name="x" content="{{ label("section.extra") }}">',
        ),
    )
    line = next(
        number
        for number, text in enumerate(base.read_text(encoding="utf-8").splitlines(), 1)
        if "content=" in text and "section.extra" in text
    )
    issues = [str(issue) for issue in check_label_usage(tmp_path, tmp_path)]
    assert issues == [
        f"{base}:{line}: label 'section.extra' is missing in English (add it to "
        f"{tmp_path / 'labels' / 'en.toml'})"
    ]
