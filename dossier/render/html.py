"""Render a dossier's view model to semantic HTML through the sandboxed Jinja templates."""

from __future__ import annotations

import datetime as dt
import functools
import html
import os
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from markupsafe import Markup, escape

from dossier.errors import DossierError
from dossier.i18n import l10n
from dossier.i18n.catalog import N_
from dossier.i18n.messages import Message, french_spacing, os_reason
from dossier.i18n.typography import (
    ForeignText,
    MixedText,
    UntranslatedText,
    isolate_right_to_left,
    typeset,
)
from dossier.render.markup import (
    line_in_source,
    line_writing,
    markup_problems,
    stylesheet_problems,
)
from dossier.render.pack import (
    PackFileRefused,
    check_pack_folder,
    pack_file_exists,
    pack_stylesheets,
    read_pack_file,
    refuse_pack_links,
)
from dossier.render.sandbox import GuardedSandbox


class TemplateProblem(DossierError):
    """A template cannot be loaded or rendered; names the template file and line.

    ``reason`` is a :class:`Message`, or Jinja's own (English) words for a syntax error,
    quoted as they are.
    """

    def __init__(self, template: str | None, line: int | None, reason: str) -> None:
        where = template or "?"
        if line:
            super().__init__(N_("template.at_line"), template=where, line=line, reason=reason)
        else:
            super().__init__(N_("template.at_file"), template=where, reason=reason)
        self.template = template
        self.line = line
        self.reason = reason


def builtin_templates_dir() -> Path:
    """The built-in templates: inside the installed package, or at the top of a source checkout.

    A regular install copies the top-level ``templates/`` into the package; an editable install
    leaves it where it is, next to the package folder.
    """
    for candidate in (
        Path(str(resources.files("dossier"))) / "templates",
        Path(__file__).resolve().parents[2] / "templates",
    ):
        if (candidate / "base.html").is_file():
            return candidate
    raise FileNotFoundError("the built-in templates of dossier are not installed")


def template_search_path(lang: str, editor_dir: Path | None) -> list[Path]:
    """Most specific first: editor's language folder, editor's folder, built-in ones."""
    builtin = builtin_templates_dir()
    path = []
    if editor_dir is not None:
        path += [editor_dir / lang, editor_dir]
    path += [builtin / lang, builtin]
    return path


def asset_dirs(editor_dir: Path | None) -> list[Path]:
    """Folders the PDF renderer may serve assets (CSS, images, fonts) from, editor's first.

    Raises :class:`PackFileRefused` when the editor's ``assets`` is a link (``assets -> ..``
    would make the workbook next to the pack an asset).
    """
    dirs = []
    if editor_dir is not None:
        # Only the editor's assets folder: their templates and data must not be fetchable.
        check_pack_folder(editor_dir / "assets")
        dirs.append(editor_dir / "assets")
    dirs.append(builtin_templates_dir() / "assets")
    return [folder for folder in dirs if folder.is_dir()]


# -- labels: section titles and table headers, one catalog per language ------------------------

#: Where the label catalogs live, in the built-in templates and in an editor's folder.
LABELS_FOLDER = "labels"


def label_catalog_paths(lang: str, editor_dir: Path | None = None) -> list[Path]:
    """The catalogs of ``lang``, built-in first: an editor's ``DIR/labels/<lang>.toml`` (when it
    exists, as a file or as a link, which reading refuses) overrides keys of the built-in one."""
    paths = [builtin_templates_dir() / LABELS_FOLDER / f"{lang}.toml"]
    if editor_dir is not None and pack_file_exists(editor_dir, [LABELS_FOLDER, f"{lang}.toml"]):
        paths.append(editor_dir / LABELS_FOLDER / f"{lang}.toml")
    return paths


def _pack_of(path: Path, editor_dir: Path | None) -> Path | None:
    """The pack folder ``path`` belongs to (the editor's or the built-in one), if any."""
    for pack in (editor_dir, builtin_templates_dir()):
        if pack is not None and path.is_relative_to(pack):
            return pack
    return None


@dataclass(frozen=True)
class Label:
    """One label of a catalog: its text and where it is written."""

    key: str  # dotted: ``section.facts``
    text: str
    file: Path
    line: int | None


@dataclass(frozen=True)
class CatalogProblem:
    """A mistake in a label catalog, at its file and line."""

    file: Path
    line: int | None
    message: Message


_TOML_POSITION = re.compile(r"^(?P<reason>.*?) \(at line (?P<line>\d+), column \d+\)$", re.S)
_TABLE_LINE = re.compile(r"^\s*\[(?P<name>[^\[\]]+)\]\s*(#.*)?$")
_KEY_LINE = re.compile(r"^\s*(?P<key>[A-Za-z0-9_\-.\" ]+?)\s*=")


def _key_lines(text: str) -> dict[str, int]:
    """The line each dotted key of a TOML catalog is written on (``[section]`` then
    ``facts = …`` gives ``section.facts``). tomllib keeps no positions; this reads the simple
    layout catalogs have, and a key it misses is reported at the file only."""
    lines: dict[str, int] = {}
    table = ""
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            in_multiline = line.count('"""') % 2 == 0 and line.count("'''") % 2 == 0
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        table_match = _TABLE_LINE.match(line)
        if table_match:
            table = ".".join(part.strip().strip('"') for part in table_match["name"].split("."))
            continue
        key_match = _KEY_LINE.match(line)
        if key_match:
            key = ".".join(part.strip().strip('"') for part in key_match["key"].split("."))
            lines.setdefault(f"{table}.{key}" if table else key, number)
        if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
            in_multiline = True
    return lines


def read_label_catalog(
    path: Path, pack: Path | None = None
) -> tuple[dict[str, Label], list[CatalogProblem]]:
    """The labels of one catalog file, and every mistake in it (with its line).

    A catalog is TOML: tables group the keys (``[section]``, ``[field]``) and every value is
    non-empty text. French texts get their no-break spaces before « : ; ? ! » and inside
    guillemets, as the rest of the dossier. A catalog of a template ``pack`` is read inside it
    only: a link on its way is a problem of the catalog, not a file read elsewhere.
    """
    try:
        if pack is not None:
            text = read_pack_file(pack, path.relative_to(pack).parts).decode("utf-8")
        else:
            text = path.read_text(encoding="utf-8")
    except PackFileRefused as refused:
        return {}, [CatalogProblem(path, None, refused.as_message())]
    except UnicodeDecodeError:
        return {}, [CatalogProblem(path, None, Message("labels.not_utf8"))]
    except OSError as error:
        unreadable = Message("labels.unreadable", reason=os_reason(error))
        return {}, [CatalogProblem(path, None, unreadable)]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_POSITION.match(str(error))
        reason: str
        if found:
            reason, line = found["reason"], int(found["line"])
        else:
            reason, line = str(error), None
        if reason == "Illegal character '\\n'":
            reason = Message("labels.unclosed_quote")
        return {}, [CatalogProblem(path, line, Message("labels.not_toml", reason=reason))]
    positions = _key_lines(text)
    french = path.stem == "fr"
    labels: dict[str, Label] = {}
    problems: list[CatalogProblem] = []

    def walk(table: dict[str, Any], prefix: str) -> None:
        for name, value in table.items():
            key = f"{prefix}{name}"
            if isinstance(value, dict):
                walk(value, f"{key}.")
            elif not isinstance(value, str):
                kind = type(value).__name__
                problems.append(
                    CatalogProblem(
                        path, positions.get(key), Message("labels.not_text", key=key, kind=kind)
                    )
                )
            elif not value.strip():
                problems.append(
                    CatalogProblem(path, positions.get(key), Message("labels.empty", key=key))
                )
            else:
                text = french_spacing(value) if french else value
                labels[key] = Label(key, text, path, positions.get(key))

    walk(data, "")
    return labels, problems


def load_labels(
    lang: str, editor_dir: Path | None = None
) -> tuple[dict[str, Label], list[CatalogProblem]]:
    """The labels of ``lang``: the built-in catalog with the editor's keys on top."""
    labels: dict[str, Label] = {}
    problems: list[CatalogProblem] = []
    for path in label_catalog_paths(lang, editor_dir):
        found, trouble = read_label_catalog(path, _pack_of(path, editor_dir))
        labels.update(found)
        problems += trouble
    return labels, problems


class LabelCatalogError(DossierError, jinja2.TemplateRuntimeError):
    """A label catalog cannot be read; names the catalog file and line."""

    def __init__(self, problem: CatalogProblem) -> None:
        super().__init__(problem.message.key, **problem.message.params)
        self.problem = problem


class UnknownLabel(DossierError, jinja2.TemplateRuntimeError):
    """A template asks for a label no catalog of its language holds."""


def catalog_to_edit(lang: str, editor_dir: Path | None) -> Path:
    """Where a label of ``lang`` goes: the editor's catalog, else the built-in one."""
    if editor_dir is None:
        return builtin_templates_dir() / LABELS_FOLDER / f"{lang}.toml"
    return editor_dir / LABELS_FOLDER / f"{lang}.toml"


def missing_label_message(key: str, lang: str, editor_dir: Path | None) -> Message:
    """What `templates check` and a build say about a label missing in ``lang``."""
    which = N_("labels.missing_fr") if lang == "fr" else N_("labels.missing_en")
    return Message(which, key=key, catalog=catalog_to_edit(lang, editor_dir))


def label_function(lang: str, editor_dir: Path | None) -> Callable[[str], str]:
    """``label("section.facts")`` in a template: the text of that key in the dossier's language.

    The catalogs are read at the first call, so an environment that never prints a label never
    reads them, and a malformed catalog is reported where it is used.
    """
    loaded: list[dict[str, Label]] = []

    def label(key: str) -> str:
        if not loaded:
            labels, problems = load_labels(lang, editor_dir)
            if problems:
                raise LabelCatalogError(problems[0])
            loaded.append(labels)
        found = loaded[0].get(str(key))
        if found is None:
            missing = missing_label_message(str(key), lang, editor_dir)
            raise UnknownLabel(missing.key, **missing.params)
        return found.text

    return label


class _PackLoader(jinja2.BaseLoader):
    """Templates of one pack folder, looked up under each of ``prefixes`` (``fr/`` then the
    pack's top), read through :func:`read_pack_file`: a link anywhere on a template's path is
    refused, so ``notes.html -> /etc/passwd`` or ``fr -> /`` cannot print another file into
    the dossier. (``..`` and absolute names are refused by Jinja's own path split.)"""

    def __init__(self, pack: Path, prefixes: Sequence[Sequence[str]]) -> None:
        self.pack = pack
        self.prefixes = [tuple(prefix) for prefix in prefixes]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for prefix in self.prefixes:
            parts = [*prefix, *pieces]
            try:
                data = read_pack_file(self.pack, parts)
            except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
                continue
            path = self.pack.joinpath(*parts)
            try:
                source = data.decode("utf-8")
            except UnicodeDecodeError as error:
                raise SecurityError(
                    Message("template.not_utf8", name=str(path), reason=str(error))
                ) from None
            loaded = _modified(path)
            return source, str(path), functools.partial(_unchanged, path, loaded)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path, loaded: int | None) -> bool:
    return _modified(path) == loaded


def _modified(path: Path) -> int | None:
    """When ``path`` (not what a link there leads to) last changed, or None if it is gone."""
    try:
        return os.lstat(path).st_mtime_ns
    except OSError:
        return None


def make_environment(lang: str, editor_dir: Path | None = None) -> GuardedSandbox:
    """The Jinja environment: sandboxed, autoescaping, strict about undefined values.

    ``{% extends "default:ddd.html" %}`` reaches the built-in template an override replaces.
    """
    builtin = builtin_templates_dir()
    loaders: list[jinja2.BaseLoader] = []
    if editor_dir is not None:
        loaders.append(_PackLoader(editor_dir, [[lang], []]))
    loaders.append(_PackLoader(builtin, [[lang], []]))
    loaders.append(
        jinja2.PrefixLoader({"default": _PackLoader(builtin, [[lang], []])}, delimiter=":")
    )
    env = GuardedSandbox(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    label = label_function(lang, editor_dir)
    env.filters.update(locale_filters(lang))
    env.filters.update(marked_list_filters(lang, label))
    env.filters.update(in_parts=in_parts, with_each=with_each)
    env.guard_filters()
    env.globals["label"] = label
    env.finalize = data_typography(lang, label)
    env.globals.update(rows_per_part=ROWS_PER_PART, cases_per_part=CASES_PER_PART)
    return env


def data_typography(lang: str, template_label: Callable[[str], str]) -> Callable[[Any], Any]:
    """What every ``{{ … }}`` prints goes through this (Jinja's ``finalize``): text is typeset
    for ``lang`` (dossier/i18n/typography.py: no-break spaces, apostrophes; never inside ids,
    URLs or fingerprints), text in the other language in its own language's typography and,
    when no template note says so, with the « (non traduit) » label. Markup the templates made
    is left as it is."""

    def finalize(value: Any) -> Any:
        if isinstance(value, (UntranslatedText, MixedText)):
            return Markup(value.marked(template_label("text.untranslated")))
        if isinstance(value, ForeignText):
            return Markup(value.marked())
        if isinstance(value, str) and not hasattr(value, "__html__"):
            return typeset(value, lang)
        return value

    return finalize


def _typeset_items(items: Sequence[Any], lang: str, label: Callable[[str], str]) -> list[str]:
    """Each item of a printed list as HTML: typeset, or marked as untranslated."""
    finalize = data_typography(lang, label)
    return [str(escape(finalize(item))) for item in items]


def marked_list_filters(lang: str, label: Callable[[str], str]) -> dict[str, Callable[..., Any]]:
    """``list_and`` and ``list_or`` as templates get them: those of :func:`locale_filters`, except
    that an item left in the other language keeps its « (non traduit) » note (a list joined into
    one plain string would lose it)."""

    def joined(items: Any, style: str) -> Any:
        values = list(items)
        if any(isinstance(item, (ForeignText, MixedText)) for item in values):
            return Markup(l10n.join_list(_typeset_items(values, lang, label), lang, style))
        return l10n.join_list([str(item) for item in values], lang, style)

    return {
        "list_and": lambda items: joined(items, "standard"),
        "list_or": lambda items: joined(items, "or"),
    }


# -- long tables and lists: written in parts, so that every piece of a PDF stays small ---------

#: Rows of a long table (or items of a long list) in one part. A large PDF is typeset in
#: pieces cut at the page breaks (dossier/render/chunks.py): a table that grew with the data
#: would make one piece, and one worker's memory, grow with it. 70 rows of the built-in
#: tables make some 6,000 to 21,000 characters of HTML, two to six pages (70 keeps every table
#: of the 70-incident sample whole).
ROWS_PER_PART = 70

#: Case narratives (some 1,100 characters of HTML each, with their sources) in one part of a
#: report chapter: about 22,000 characters, five or six pages.
CASES_PER_PART = 20

#: Entries of the table of contents in one ``<nav class="toc">`` (some 120 characters each).
TOC_ENTRIES_PER_PART = 160


def in_parts(items: Any, size: int = ROWS_PER_PART) -> list[list[Any]]:
    """``items`` in consecutive parts of at most ``size``: ``rows | in_parts`` in a template.

    There is always at least one part (empty when there is nothing), so that a table written
    per part keeps its header row and its ``{% else %}`` line when it has no row.
    """
    if size < 1:
        raise ValueError(f"a part holds at least one item, not {size}")
    values = list(items)
    return [values[start : start + size] for start in range(0, len(values), size)] or [[]]


@jinja2.pass_environment
def with_each(environment: jinja2.Environment, items: Any, attribute: str) -> list[Any]:
    """``(item, value)`` for every value of every item's ``attribute`` list:
    ``d.incidents | with_each("proceedings")`` gives one pair per step, one table row each.
    The attribute is read as ``item.attribute`` is in a template (the sandbox's rules)."""
    return [(item, value) for item in items for value in environment.getattr(item, str(attribute))]


def locale_filters(lang: str) -> dict[str, Callable[..., Any]]:
    """The filters templates use to print dates, times, numbers, lists and plurals."""

    def counted(count: int, **forms: str) -> str:
        _check_forms(forms)
        return l10n.counted(count, lang, forms)

    def plural(count: int, **forms: str) -> str:
        _check_forms(forms)
        return l10n.plural(count, lang, forms)

    def _check_forms(forms: dict[str, str]) -> None:
        missing = l10n.plural_categories(lang) - set(forms)
        if missing:
            raise ValueError(
                f"plural forms missing for '{lang}': {', '.join(sorted(missing))} "
                f"(given: {', '.join(sorted(forms))})"
            )

    def long_date(value: dt.date | dt.datetime | None, precision: str = "exact") -> str:
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            value = value.date()
        return l10n.long_date(value, lang, precision)

    def date_time(value: dt.datetime | None) -> str:
        if value is None:
            return ""
        return f"{l10n.long_date(value.date(), lang)}, {l10n.time_of_day(value.time(), lang)}"

    def yes_no(value: bool | None) -> str:
        words = {"fr": ("oui", "non", "non renseigné"), "en": ("yes", "no", "not stated")}[lang]
        return words[2] if value is None else words[0] if value else words[1]

    def short_date(value: dt.date | dt.datetime | None, precision: str = "exact") -> str:
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            value = value.date()
        return l10n.short_date(value, lang, precision)

    def period(figures: Any) -> str:
        """The period the figures cover: « du 30 juin 2015 au 2 juillet 2015 », « en 2015 »."""
        if figures.first_date is None or figures.last_date is None:
            return ""
        return l10n.date_range(
            figures.first_date,
            figures.first_date_precision,
            figures.last_date,
            figures.last_date_precision,
            lang,
        )

    def upper_first(text: str) -> str:
        """« Juillet 2015 » at the start of a heading; unlike ``capitalize``, keeps the rest."""
        if isinstance(text, Markup):
            # A macro's output (a citation and its version note, with its no-break spaces) is
            # markup already: made a plain string, autoescaping would print "&#160;" as text.
            return Markup(text[:1].upper() + text[1:])
        text = str(text)
        return text[:1].upper() + text[1:]

    return {
        "long_date": long_date,
        "short_date": short_date,
        "period": period,
        "upper_first": upper_first,
        "month_year": lambda value: "" if value is None else l10n.month_year(value, lang),
        "time_of_day": lambda value: "" if value is None else l10n.time_of_day(value, lang),
        "date_time": date_time,
        "number": lambda value: l10n.number(value, lang),
        "list_and": lambda items: l10n.join_list(list(items), lang),
        "list_or": lambda items: l10n.join_list(list(items), lang, "or"),
        "counted": counted,
        "plural": plural,
        "yes_no": yes_no,
        "lines": lambda text: [] if not text else str(text).splitlines(),
    }


def render_template(
    name: str,
    context: dict[str, Any],
    *,
    lang: str,
    editor_dir: Path | None = None,
    check_markup: bool = True,
    seconds: float | None = None,
) -> str:
    """Render template ``name``, fill in its table of contents and isolate its runs of
    right-to-left text (:func:`~dossier.i18n.typography.isolate_right_to_left`).

    The render runs under a budget of steps, seconds (``seconds``, default
    :data:`~dossier.render.budget.MAX_TEMPLATE_SECONDS`) and memory. Unless ``check_markup``
    is false (`templates check` lists every problem itself), markup that would fetch, navigate
    or run at the reader's end (:mod:`dossier.render.markup`) is a :class:`TemplateProblem` at
    the template line that wrote it.
    """
    try:
        refuse_pack_links(editor_dir)
        refuse_stylesheet_urls(editor_dir)
        env = make_environment(lang, editor_dir)
    except PackFileRefused as refused:
        raise TemplateProblem(str(refused.path), None, refused.reason) from None
    try:
        template = env.get_template(name)
        if seconds is not None:
            env.budget.seconds = seconds
        env.budget.start()
        output = template.render(**context)
        headings: list[Heading] | None = None
        if check_markup:
            # The contents' headings are gathered in the same pass over the page.
            collector = _HeadingCollector()
            problems = markup_problems(output, collector)
            if problems:
                raise _markup_problem(env, template, context, problems[0])
            headings = collector.headings
    except jinja2.TemplateSyntaxError as error:
        raise TemplateProblem(
            error.filename or error.name, error.lineno, error.message or ""
        ) from None
    except jinja2.TemplateNotFound as error:
        missing = Message("template.not_found", name=error.name)
        raise TemplateProblem(name, None, missing) from None
    except TemplateProblem:
        raise
    except LabelCatalogError as error:
        problem = error.problem
        raise TemplateProblem(str(problem.file), problem.line, problem.message) from None
    except jinja2.TemplateError as error:
        template_file, line = _template_position(error)
        raise TemplateProblem(template_file or name, line, _reason(error)) from None
    except MemoryError as error:
        # One allocation larger than the machine has (a budget check comes too late for it).
        template_file, line = _template_position(error)
        out_of_memory = Message("template.out_of_memory")
        raise TemplateProblem(template_file or name, line, out_of_memory) from None
    except Exception as error:
        # Whatever a template's expression raises (a filter given a wrong value, a division by
        # zero, an index out of range) is the template's problem: report where, not a traceback.
        template_file, line = _template_position(error)
        reason = f"{type(error).__name__}: {error}"
        raise TemplateProblem(template_file or name, line, reason) from None
    return isolate_right_to_left(fill_toc(output, headings=headings))


def pack_stylesheet_problems(editor_dir: Path | None) -> list[tuple[Path, Any]]:
    """Each address out of the dossier in the pack's stylesheets: a built ``.html`` holds them
    inlined, and a browser opening it would fetch them."""
    if editor_dir is None:
        return []
    found = []
    for path in pack_stylesheets(editor_dir):
        try:
            text = read_pack_file(editor_dir, path.relative_to(editor_dir).parts).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the renderer reports a stylesheet it cannot read
        found += [(path, problem) for problem in stylesheet_problems(text)]
    return found


def refuse_stylesheet_urls(editor_dir: Path | None) -> None:
    """Raise :class:`TemplateProblem` for the first of :func:`pack_stylesheet_problems`."""
    for path, problem in pack_stylesheet_problems(editor_dir):
        raise TemplateProblem(str(path), problem.line, problem.message)


def _markup_problem(
    env: jinja2.Environment, template: jinja2.Template, context: dict[str, Any], problem: Any
) -> TemplateProblem:
    """The markup ``problem`` at the template line that wrote it (the render is done again,
    following which template line writes each piece), else at its line in the page."""
    written_at = line_writing(template, context, problem.offset, getattr(env, "budget", None))
    if written_at is not None:
        file, line = written_at
        return TemplateProblem(file, line_in_source(file, line, problem.message), problem.message)
    rendered = Message("markup.in_rendered", line=problem.line, problem=problem.message)
    return TemplateProblem(template.filename or template.name, None, rendered)


def _reason(error: jinja2.TemplateError) -> str:
    """Why a template failed: our message (a label, the sandbox's limits), else Jinja's."""
    if isinstance(error, DossierError):
        return error.as_message()
    if error.args and isinstance(error.args[0], Message):
        return error.args[0]
    return str(error)


def _template_position(error: BaseException) -> tuple[str | None, int | None]:
    """The innermost template frame of a rendering error's traceback."""
    found: tuple[str | None, int | None] = (None, None)
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".html") or "<template>" in filename:
            # Jinja rewrites traceback frames to point at template lines.
            found = (filename, trace.tb_lineno)
        trace = trace.tb_next
    return found


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


class _HeadingCollector(HTMLParser):
    """Collect h1–h3 that carry an id and are not marked ``data-toc="no"``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[Heading] = []
        self._current: tuple[int, str] | None = None
        self._text: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if (
            tag in ("h1", "h2", "h3")
            and attributes.get("id")
            and attributes.get("data-toc") != "no"
        ):
            self._current = (int(tag[1]), attributes["id"] or "")
            self._text = []
        elif self._current and tag == "span" and "footnote" in (attributes.get("class") or ""):
            self._skip_depth = 1
        elif self._skip_depth and tag == "span":
            self._skip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth and tag == "span":
            self._skip_depth -= 1
        elif self._current and tag == f"h{self._current[0]}":
            text = " ".join("".join(self._text).split())
            self.headings.append(Heading(self._current[0], self._current[1], text))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current and not self._skip_depth:
            self._text.append(data)


TOC_PLACEHOLDER = '<nav class="toc"></nav>'


def collect_headings(document: str) -> list[Heading]:
    collector = _HeadingCollector()
    collector.feed(document)
    collector.close()
    return collector.headings


def fill_toc(
    document: str,
    depth: int = 2,
    per_part: int = TOC_ENTRIES_PER_PART,
    *,
    headings: Sequence[Heading] | None = None,
) -> str:
    """Replace the ``<nav class="toc"></nav>`` placeholder by nested links to the headings.

    The contents are written in groups of at most ``per_part`` entries, each its own
    ``<nav class="toc">``, separated by page-break markers: a large PDF is typeset in pieces
    cut at those markers, and one contents of every incident would make its piece grow with
    the dossier. A group that starts inside a nested list reopens it at the same depth, with
    an item that holds no link (class ``toc-1``… only: the Word writer knows no other class,
    and skips an item without a link).

    ``headings`` are :func:`collect_headings` of ``document``, when the caller has them.
    """
    if TOC_PLACEHOLDER not in document:
        return document
    if headings is None:
        headings = collect_headings(document)
    headings = [h for h in headings if h.level <= depth]
    parts = ['<nav class="toc">', "<ol>"]
    open_levels = [1]
    for index, heading in enumerate(headings):
        if index and index % per_part == 0:
            # Close every open item and list, then reopen the items this heading sits in.
            parts.append("</li>" + "</ol></li>" * (len(open_levels) - 1) + "</ol></nav>")
            parts.append('\n<div class="page-break"></div>\n<nav class="toc">')
            parts.append("<ol>")
            reopened = min(heading.level - 1, len(open_levels))
            open_levels = [1]
            for level in range(1, reopened + 1):
                parts.append(f'<li class="toc-{level}">')
                parts.append("<ol>")
                open_levels.append(level + 1)
        while heading.level > open_levels[-1]:
            parts.append("<ol>")
            open_levels.append(open_levels[-1] + 1)
        while heading.level < open_levels[-1]:
            parts.append("</li></ol>")
            open_levels.pop()
        if parts[-1] not in ("<ol>",):
            parts.append("</li>")
        parts.append(
            f'<li class="toc-{heading.level}"><a href="#{html.escape(heading.anchor)}">'
            f"{html.escape(heading.text)}</a>"
        )
    while len(open_levels) > 1:
        parts.append("</li></ol>")
        open_levels.pop()
    if headings:
        parts.append("</li>")
    parts.append("</ol></nav>")
    return document.replace(TOC_PLACEHOLDER, "".join(parts), 1)
