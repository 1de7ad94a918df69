"""`dossier templates check`: find template mistakes before a volunteer builds a dossier."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import nodes

from dossier.assemble import Audience, Layout, assemble
from dossier.config import Config, load_config
from dossier.render.html import TemplateProblem, make_environment, render_template
from dossier.validate import Dataset

LANGS = ("fr", "en")
ALL_LAYOUTS: tuple[str, ...] = tuple(item.value for item in Layout)


@dataclass(frozen=True)
class TemplateIssue:
    """One mistake in a template, with where it is."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


def _template_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.html") if path.is_file())


def _blocks(env: jinja2.Environment, name: str, depth: int = 0) -> set[str]:
    """Block names a template defines or inherits through its ``{% extends %}`` chain."""
    assert env.loader is not None
    source, _filename, _uptodate = env.loader.get_source(env, name)
    tree = env.parse(source)
    names = {block.name for block in tree.find_all(nodes.Block)}
    for extends in tree.find_all(nodes.Extends):
        parent = extends.template
        if isinstance(parent, nodes.Const) and isinstance(parent.value, str) and depth < 10:
            names |= _blocks(env, parent.value, depth + 1)
    return names


def check_templates(
    editor_dir: Path | None,
    dataset: Dataset,
    config: Config,
    *,
    layouts: tuple[str, ...] = ALL_LAYOUTS,
) -> list[TemplateIssue]:
    """Render every layout in every language and audience; list every problem found."""
    from dossier.render.docx import check_html_subset

    issues: list[TemplateIssue] = []
    # 1. Elements outside the HTML subset, pointed at in the template sources themselves.
    folders = [editor_dir] if editor_dir is not None else []
    if editor_dir is None:
        from dossier.render.html import builtin_templates_dir

        folders.append(builtin_templates_dir())
    for folder in folders:
        for path in _template_files(folder):
            text = path.read_text(encoding="utf-8")
            for problem in check_html_subset(text):
                issues.append(
                    TemplateIssue(str(path), problem.line, str(problem).split(": ", 1)[-1])
                )
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
                issues.append(TemplateIssue(f"{lang}/{layout}.html", None, "template not found"))
        if len(blocks) == len(LANGS):
            for lang, other in (("fr", "en"), ("en", "fr")):
                for name in sorted(blocks[lang] - blocks[other]):
                    issues.append(
                        TemplateIssue(
                            f"{other}/{layout}.html",
                            None,
                            f"block '{name}' exists in {lang}/{layout}.html but not here",
                        )
                    )
    # 3. Render against the data for every language and audience, HTML and DOCX.
    seen: set[str] = {str(issue) for issue in issues}
    for layout in layouts:
        for lang in LANGS:
            for audience in Audience:
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
                        f"{layout}.html", {"d": view}, lang=lang, editor_dir=editor_dir
                    )
                except TemplateProblem as error:
                    issue = TemplateIssue(error.template or layout, error.line, error.reason)
                    if str(issue) not in seen:
                        seen.add(str(issue))
                        issues.append(issue)
                    continue
                for problem in check_html_subset(html):
                    issue = TemplateIssue(
                        f"{lang}/{layout}.html (rendered for {audience.value})",
                        problem.line,
                        str(problem).split(": ", 1)[-1],
                    )
                    if str(issue) not in seen:
                        seen.add(str(issue))
                        issues.append(issue)
    return issues


def load_check_inputs(source: Path | None, config_path: Path | None) -> tuple[Dataset, Config]:
    """The data to render against: the given workbook, else the built-in worst case."""
    from dossier.validate import load_and_validate

    if source is None:
        from dossier.sample import worst_case_config, worst_case_dataset

        return worst_case_dataset(), worst_case_config()
    dataset, _report = load_and_validate(source)
    from dossier.config import find_config

    return dataset, load_config(find_config(source, config_path))
