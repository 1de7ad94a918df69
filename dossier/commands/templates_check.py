"""`dossier templates check`: find template mistakes before a volunteer builds a dossier."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2 import nodes

from dossier.assemble.assembler import assemble
from dossier.assemble.models import Audience, Layout
from dossier.commands.templates import TemplateListError, list_layout
from dossier.commands.worst_case import worst_case_config, worst_case_dataset
from dossier.i18n import l10n
from dossier.i18n.catalog import N_
from dossier.i18n.messages import Message, in_language, message
from dossier.input.config import Config, find_config, load_config
from dossier.render.dispatch import describe_unsupported
from dossier.render.docx import check_html_subset, pack_reference, reference_problems
from dossier.render.html import (
    LABELS_FOLDER,
    Label,
    TemplateProblem,
    builtin_templates_dir,
    catalog_to_edit,
    load_labels,
    make_environment,
    missing_label_message,
    read_label_catalog,
    render_template,
)
from dossier.render.markup import markup_problems
from dossier.render.pack import REFERENCE_NAME, PackFileRefused, pack_links, read_pack_file
from dossier.schema import vocab
from dossier.validate.rows import Dataset, load_and_validate

LANGS = ("fr", "en")
#: The keys of a render stopped by its budget (dossier.render.budget).
BUDGET_KEYS = frozenset(
    {"template.too_many_steps", "template.too_long", "template.too_much_memory"}
)
ALL_LAYOUTS: tuple[str, ...] = tuple(item.value for item in Layout)


@dataclass(frozen=True)
class TemplateIssue:
    """One mistake in a template, with where it is.

    ``message`` is a :class:`Message`, or Jinja's own (English) words for a syntax error;
    ``str()`` is the English line, :meth:`text` the line in either language.
    """

    file: str
    line: int | None
    message: str
    #: Other lines of the same file the mistake shows at (where a faulty dict is used).
    also_at: tuple[int, ...] = field(default=(), compare=False)

    def text(self, lang: str) -> str:
        file = in_language(self.file, lang)
        where = f"{file}:{self.line}" if self.line else file
        return message("templates_check.issue", lang, where=where, problem=self.message)

    def __str__(self) -> str:
        return self.text("en")


#: What a language is called in the checks' messages: (French, English, both) → key.
_NEEDS = {
    ("fr",): N_("templates_check.french_needs"),
    ("en",): N_("templates_check.english_needs"),
    ("fr", "en"): N_("templates_check.every_language_needs"),
}


def _template_files(folder: Path) -> list[Path]:
    """The templates under ``folder``; a link to a file elsewhere is no template of it."""
    root = folder.resolve()
    return sorted(
        path
        for path in folder.rglob("*.html")
        if path.is_file() and path.resolve().is_relative_to(root)
    )


def _blocks(env: jinja2.Environment, name: str, depth: int = 0) -> set[str]:
    """Block names a template defines or inherits through its ``{% extends %}`` chain."""
    assert env.loader is not None
    source, filename, _uptodate = env.loader.get_source(env, name)
    tree = env.parse(source, name, filename)
    names = {block.name for block in tree.find_all(nodes.Block)}
    for extends in tree.find_all(nodes.Extends):
        parent = extends.template
        if isinstance(parent, nodes.Const) and isinstance(parent.value, str) and depth < 10:
            names |= _blocks(env, parent.value, depth + 1)
    return names


def _block_definitions(layout: str, lang: str, editor_dir: Path | None) -> dict[str, str]:
    """``file:line`` of each block of a layout, as the listing of `templates list` finds them."""

    try:
        listing = list_layout(layout, lang, editor_dir)
    except (TemplateListError, jinja2.TemplateError, OSError):
        return {}
    return {block.name: f"{block.defined_in.path}:{block.line}" for block in listing.blocks}


def check_templates(
    editor_dir: Path | None,
    dataset: Dataset,
    config: Config,
    *,
    layouts: tuple[str, ...] = ALL_LAYOUTS,
    vocabularies: Iterable[vocab.Vocabulary] = vocab.ALL,
) -> list[TemplateIssue]:
    """Render every layout in every language and audience; list every problem found."""

    issues: list[TemplateIssue] = []
    # 00. The pack's own files: no link anywhere, a reference document with no code or link out.
    issues += check_pack(editor_dir)
    # 0. Vocabulary labels: every term is printed in both languages.
    issues += check_vocabularies(vocabularies)
    # 0b. Label catalogs: readable, and the same keys in both languages.
    issues += check_label_catalogs(editor_dir)
    # 1. Elements outside the HTML subset, pointed at in the template sources themselves.
    folders = [editor_dir] if editor_dir is not None else []
    if editor_dir is None:
        folders.append(builtin_templates_dir())
    # Found in the sources: the same element seen again in a rendered dossier is not repeated.
    subset_messages: set[str] = set()
    for folder in folders:
        for path in _template_files(folder):
            text = path.read_text(encoding="utf-8")
            for problem in check_html_subset(text):
                described = describe_unsupported(problem, with_line=False)
                subset_messages.add(described)
                issues.append(TemplateIssue(str(path), problem.line, described))
            # URLs out and elements that fetch or run, written in the source.
            for found in markup_problems(text):
                subset_messages.add(found.message)
                issues.append(TemplateIssue(str(path), found.line, found.message))
        # Plural forms, read from the source: a branch the data never reaches is checked too.
        issues += check_plural_forms(folder)
        # Labels the templates print, read from the source, against the catalogs.
        issues += check_label_usage(folder, editor_dir)
    plural_lines = {(issue.file, line) for issue in issues for line in (issue.line, *issue.also_at)}
    # 2. Blocks present in one language but not the other.
    for layout in layouts:
        blocks: dict[str, set[str]] = {}
        for lang in LANGS:
            env = make_environment(lang, editor_dir)
            try:
                blocks[lang] = _blocks(env, f"{layout}.html")
            except jinja2.TemplateSyntaxError as error:
                issues.append(
                    TemplateIssue(error.filename or layout, error.lineno, error.message or "")
                )
            except jinja2.TemplateNotFound:
                not_found = Message("templates_check.template_not_found")
                issues.append(TemplateIssue(f"{lang}/{layout}.html", None, not_found))
            except PackFileRefused:
                continue  # a link in the pack: reported above, with its name
        if len(blocks) == len(LANGS):
            for lang, other in (("fr", "en"), ("en", "fr")):
                missing = sorted(blocks[lang] - blocks[other])
                where = _block_definitions(layout, lang, editor_dir) if missing else {}
                for name in missing:
                    there = f"{lang}/{layout}.html"
                    said = (
                        Message(
                            "templates_check.block_missing_at",
                            block=name,
                            other=there,
                            where=where[name],
                        )
                        if name in where
                        else Message("templates_check.block_missing", block=name, other=there)
                    )
                    issues.append(TemplateIssue(f"{other}/{layout}.html", None, said))
    # 3. Render against the data for every language and audience, HTML and DOCX.
    seen: set[str] = {str(issue) for issue in issues}
    over_budget: set[tuple[str, str]] = set()
    for layout in layouts:
        for lang in LANGS:
            for audience in Audience:
                if (layout, lang) in over_budget:
                    continue  # the other audiences would spend the same budget again
                view = assemble(
                    dataset,
                    config,
                    layout=Layout(layout),
                    audience=audience,
                    lang=lang,
                    signed_on=dt.date(2016, 11, 15),
                )
                try:
                    html = render_template(
                        f"{layout}.html",
                        {"d": view},
                        lang=lang,
                        editor_dir=editor_dir,
                        check_markup=False,
                    )
                except TemplateProblem as error:
                    if getattr(error.reason, "key", "") in BUDGET_KEYS:
                        over_budget.add((layout, lang))
                    issue = TemplateIssue(error.template or layout, error.line, error.reason)
                    if "plural forms missing" in error.reason and (
                        (issue.file, issue.line) in plural_lines
                    ):
                        continue  # already reported from the source, with the forms to add
                    if str(issue) not in seen:
                        seen.add(str(issue))
                        issues.append(issue)
                    continue
                rendered_problems: list[tuple[int | None, Message]] = [
                    (problem.line, describe_unsupported(problem, with_line=False))
                    for problem in check_html_subset(html)
                ]
                # A URL can be built from the data: the rendered page is checked too.
                rendered_problems += [
                    (found.line, found.message) for found in markup_problems(html)
                ]
                for line, described in rendered_problems:
                    if described in subset_messages:
                        continue  # reported above, at its line in the template
                    template = f"{lang}/{layout}.html"
                    rendered = Message(
                        "templates_check.rendered_for", file=template, audience=audience.value
                    )
                    issue = TemplateIssue(rendered, line, described)
                    if str(issue) not in seen:
                        seen.add(str(issue))
                        issues.append(issue)
    return issues


def load_check_inputs(source: Path | None, config_path: Path | None) -> tuple[Dataset, Config]:
    """The data to render against: the given workbook, else the built-in worst case."""

    if source is None:
        return worst_case_dataset(), worst_case_config()
    dataset, _report = load_and_validate(source)

    return dataset, load_config(find_config(source, config_path))


# -- the pack's files ------------------------------------------------------------------------------


def check_pack(editor_dir: Path | None) -> list[TemplateIssue]:
    """Every link among the files the pack provides, and what makes its reference document
    unfit (macros, an attached template, links out), each at its file."""
    if editor_dir is None:
        return []
    issues = [
        TemplateIssue(str(path), None, Message("pack.link")) for path in pack_links(editor_dir)
    ]
    try:
        reference = pack_reference(editor_dir)
    except PackFileRefused as refused:
        issue = TemplateIssue(str(refused.path), None, refused.reason)
        return issues if issue in issues else [*issues, issue]
    except OSError:
        return issues
    if reference is not None:
        try:
            data = read_pack_file(editor_dir, [REFERENCE_NAME])
        except (OSError, PackFileRefused):
            return issues
        issues += [
            TemplateIssue(str(reference), None, problem) for problem in reference_problems(data)
        ]
    return issues


# -- vocabulary labels --------------------------------------------------------------------------


def _vocabulary_lines() -> tuple[str, dict[tuple[str, str], int], dict[str, int]]:
    """Where each term (vocabulary name, code) and each vocabulary is written in vocab.py."""
    path = inspect.getsourcefile(vocab) or "dossier/vocab.py"
    terms: dict[tuple[str, str], int] = {}
    vocabularies: dict[str, int] = {}
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return path, terms, vocabularies
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "Vocabulary"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            continue
        name = str(node.args[0].value)
        vocabularies[name] = node.lineno
        for call in ast.walk(node):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id in ("_t", "Term")
                and call.args
                and isinstance(call.args[0], ast.Constant)
            ):
                terms.setdefault((name, str(call.args[0].value)), call.lineno)
    return path, terms, vocabularies


def check_vocabularies(
    vocabularies: Iterable[vocab.Vocabulary] = vocab.ALL,
) -> list[TemplateIssue]:
    """Every vocabulary and term has a French and an English label, and no two terms of one
    vocabulary share a label (a reader could not tell them apart)."""
    path, term_lines, vocabulary_lines = _vocabulary_lines()
    issues: list[TemplateIssue] = []
    for vocabulary in vocabularies:
        line = vocabulary_lines.get(vocabulary.name)
        for lang in LANGS:
            if not vocabulary.title(lang).strip():
                said = Message(_NO_TITLE[lang], vocabulary=vocabulary.name)
                issues.append(TemplateIssue(path, line, said))
        first_with: dict[tuple[str, str], str] = {}
        for term in vocabulary.terms:
            where = term_lines.get((vocabulary.name, term.code), line)
            for lang in LANGS:
                text = term.label(lang).strip()
                if not text:
                    said = Message(_NO_LABEL[lang], vocabulary=vocabulary.name, term=term.code)
                    issues.append(TemplateIssue(path, where, said))
                    continue
                other = first_with.setdefault((lang, text.casefold()), term.code)
                if other != term.code:
                    said = Message(
                        _SAME_LABEL[lang],
                        vocabulary=vocabulary.name,
                        other=other,
                        term=term.code,
                        label=repr(text),
                    )
                    issues.append(TemplateIssue(path, where, said))
    return issues


# The vocabulary checks' messages, by the language that lacks something.
_NO_TITLE = {
    "fr": N_("templates_check.vocabulary_no_title_fr"),
    "en": N_("templates_check.vocabulary_no_title_en"),
}
_NO_LABEL = {
    "fr": N_("templates_check.term_no_label_fr"),
    "en": N_("templates_check.term_no_label_en"),
}
_SAME_LABEL = {
    "fr": N_("templates_check.same_label_fr"),
    "en": N_("templates_check.same_label_en"),
}


# -- label catalogs -----------------------------------------------------------------------------

# A label with no text in the other language, by that language.
_NO_TEXT = {
    "fr": N_("templates_check.label_no_text_fr"),
    "en": N_("templates_check.label_no_text_en"),
}


def _catalog_files(editor_dir: Path | None) -> list[Path]:
    """Every catalog file a build may read: the built-in ones, then the editor's."""
    files = [builtin_templates_dir() / LABELS_FOLDER / f"{lang}.toml" for lang in LANGS]
    if editor_dir is not None and (editor_dir / LABELS_FOLDER).is_dir():
        files += sorted((editor_dir / LABELS_FOLDER).glob("*.toml"))
    return files


def _readable_labels(editor_dir: Path | None) -> dict[str, dict[str, Label]]:
    """The labels of each language whose catalogs all read without a problem."""
    found: dict[str, dict[str, Label]] = {}
    for lang in LANGS:
        labels, problems = load_labels(lang, editor_dir)
        if not problems:
            found[lang] = labels
    return found


def check_label_catalogs(editor_dir: Path | None) -> list[TemplateIssue]:
    """Malformed catalogs (file and line), catalogs of a language dossier does not print, and
    labels present in one language but not the other (at the line that defines them)."""
    issues: list[TemplateIssue] = []
    for path in _catalog_files(editor_dir):
        if path.stem not in LANGS:
            said = Message("templates_check.unknown_catalog_language", language=path.stem)
            issues.append(TemplateIssue(str(path), None, said))
            continue
        if not path.is_file():
            missing = Message("templates_check.catalog_not_found")
            issues.append(TemplateIssue(str(path), None, missing))
            continue
        pack = editor_dir if editor_dir is not None and path.is_relative_to(editor_dir) else None
        _labels, problems = read_label_catalog(path, pack or builtin_templates_dir())
        issues += [
            TemplateIssue(str(problem.file), problem.line, problem.message) for problem in problems
        ]
    readable = _readable_labels(editor_dir)
    if len(readable) == len(LANGS):
        for lang, other in (("fr", "en"), ("en", "fr")):
            for key in sorted(readable[lang].keys() - readable[other].keys()):
                label = readable[lang][key]
                said = Message(_NO_TEXT[other], key=key, catalog=catalog_to_edit(other, editor_dir))
                issues.append(TemplateIssue(str(label.file), label.line, said))
    return issues


def _label_calls(tree: nodes.Template) -> list[tuple[str, int]]:
    """``label("…")`` calls with a literal key, and their lines."""
    found = []
    for call in tree.find_all(nodes.Call):
        if (
            isinstance(call.node, nodes.Name)
            and call.node.name == "label"
            and call.args
            and isinstance(call.args[0], nodes.Const)
            and isinstance(call.args[0].value, str)
        ):
            found.append((call.args[0].value, call.lineno))
    return found


def check_label_usage(folder: Path, editor_dir: Path | None) -> list[TemplateIssue]:
    """Every ``label("key")`` a template of ``folder`` prints is in the catalog of each
    language the template serves; reported at the template's file and line.

    Keys computed at run time are left to the rendering check.
    """
    readable = _readable_labels(editor_dir)
    env = make_environment("fr")
    issues: list[TemplateIssue] = []
    for path in _template_files(folder):
        try:
            tree = env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except (jinja2.TemplateSyntaxError, OSError, UnicodeDecodeError):
            continue  # reported by the syntax check
        for key, line in _label_calls(tree):
            for lang in _languages_of(path.relative_to(folder)):
                if lang in readable and key not in readable[lang]:
                    said = missing_label_message(key, lang, editor_dir)
                    issues.append(TemplateIssue(str(path), line, said))
    return issues


# -- plural forms -------------------------------------------------------------------------------

PLURAL_FILTERS = ("counted", "plural")


def _languages_of(relative: Path) -> tuple[str, ...]:
    """``fr/ddd.html`` is French; a file outside a language folder serves both languages."""
    first = relative.parts[0] if len(relative.parts) > 1 else ""
    return (first,) if first in LANGS else LANGS


def _dict_keys(node: nodes.Dict) -> set[str] | None:
    keys = set()
    for pair in node.items:
        if not (isinstance(pair.key, nodes.Const) and isinstance(pair.key.value, str)):
            return None
        keys.add(pair.key.value)
    return keys


def _forms_text(forms: Iterable[str]) -> str:
    return ", ".join(sorted(forms)) or Message("templates_check.no_forms")


def check_plural_forms(folder: Path) -> list[TemplateIssue]:
    """Calls of ``counted``/``plural`` and dicts of plural forms that lack a form of the language.

    French needs ``one``, ``many`` and ``other``; English ``one`` and ``other``. Forms given as
    keywords, as a dict literal, or as a variable set to a dict literal in the same file
    (``{% set piece = {"one": …, "many": …, "other": …} %}`` then ``counted(**piece)``) are read;
    a dict that has ``one`` and ``other`` keys is taken for plural forms even where it is not
    used. Each problem names the file and the line to fix.
    """
    env = make_environment("fr")
    issues: list[TemplateIssue] = []
    for path in _template_files(folder):
        try:
            tree = env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except (jinja2.TemplateSyntaxError, OSError, UnicodeDecodeError):
            continue  # reported by the syntax check
        issues += _PluralCheck(str(path), _languages_of(path.relative_to(folder))).run(tree)
    issues.sort(key=lambda issue: (issue.file, issue.line or 0))
    return issues


class _PluralCheck:
    """The plural-forms check of one template file."""

    def __init__(self, file: str, langs: tuple[str, ...]) -> None:
        self.file = file
        self.required: set[str] = set().union(*(l10n.plural_categories(lang) for lang in langs))
        self.needs = Message(_NEEDS[langs], forms=_forms_text(self.required))
        self.issues: list[TemplateIssue] = []
        self.reported: set[int] = set()
        self.uses: dict[int, list[int]] = {}  # id of a dict → lines of the calls using it

    def run(self, tree: nodes.Template) -> list[TemplateIssue]:
        named: dict[str, nodes.Dict] = {}
        for assign in tree.find_all(nodes.Assign):
            if isinstance(assign.target, nodes.Name) and isinstance(assign.node, nodes.Dict):
                named.setdefault(assign.target.name, assign.node)
        calls = [call for call in tree.find_all(nodes.Filter) if call.name in PLURAL_FILTERS]
        for call in calls:
            target = self._forms_dict(call.dyn_kwargs, named)
            if target is not None:
                self.uses.setdefault(id(target), []).append(call.lineno)
        for call in calls:
            target = self._forms_dict(call.dyn_kwargs, named)
            if target is not None:
                label = (
                    f"'{call.dyn_kwargs.name}' " if isinstance(call.dyn_kwargs, nodes.Name) else ""
                )
                self._check_dict(target, label)
            elif call.dyn_kwargs is None:
                forms = {str(keyword.key) for keyword in call.kwargs}
                missing = self.required - forms
                if missing:
                    said = Message(
                        "templates_check.plural_call_missing",
                        filter=call.name,
                        missing=_forms_text(missing),
                        needs=self.needs,
                        given=_forms_text(forms),
                    )
                    self.issues.append(TemplateIssue(self.file, call.lineno, said))
            # Forms computed at run time are left to the rendering check.
        for name, node in named.items():
            if {"one", "other"} <= (_dict_keys(node) or set()):
                self._check_dict(node, f"'{name}' ")
        for node in tree.find_all(nodes.Dict):
            if {"one", "other"} <= (_dict_keys(node) or set()):
                self._check_dict(node, "")
        return self.issues

    @staticmethod
    def _forms_dict(extra: nodes.Expr | None, named: dict[str, nodes.Dict]) -> nodes.Dict | None:
        if isinstance(extra, nodes.Name):
            return named.get(extra.name)
        return extra if isinstance(extra, nodes.Dict) else None

    def _check_dict(self, node: nodes.Dict, label: str) -> None:
        keys = _dict_keys(node)
        if keys is None or id(node) in self.reported:
            return
        self.reported.add(id(node))
        missing = self.required - keys
        if not missing:
            return
        lines = self.uses.get(id(node), [])
        used = Message("templates_check.used_on", lines=", ".join(map(str, lines))) if lines else ""
        said = Message(
            "templates_check.plural_dict_missing",
            name=label,
            missing=_forms_text(missing),
            needs=self.needs,
            given=_forms_text(keys),
            used=used,
        )
        self.issues.append(TemplateIssue(self.file, node.lineno, said, also_at=tuple(lines)))
