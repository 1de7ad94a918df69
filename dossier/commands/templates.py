"""`dossier templates list` and `templates init`: show the templates and blocks, start a copy."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2 import nodes

from dossier.assemble.models import Layout
from dossier.errors import ChoiceError, DossierError, UsageError
from dossier.files import write_atomic
from dossier.i18n.catalog import N_
from dossier.i18n.messages import Message, message
from dossier.render.html import LABELS_FOLDER, builtin_templates_dir, make_environment

LANGS: tuple[str, ...] = ("fr", "en")
ALL_LAYOUTS: tuple[str, ...] = tuple(item.value for item in Layout)
BUILTIN = "built-in"
EDITOR = "editor"
#: How deep an ``{% extends %}`` chain may go before we call it a loop.
MAX_DEPTH = 10


#: What each origin of a template file is called.
_ORIGINS = {BUILTIN: N_("templates.builtin"), EDITOR: N_("templates.editor")}


@dataclass(frozen=True)
class TemplateFile:
    """One file of an ``{% extends %}`` chain: its name in the search path and where it lives."""

    name: str  # as the templates' folder shows it: ``fr/ddd.html``, ``base.html``
    path: Path
    origin: str  # built-in / editor

    def text(self, lang: str) -> str:
        return f"{self.name} ({message(_ORIGINS[self.origin], lang)})"

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class BlockInfo:
    """A block as the rendered dossier gets it: the file and line of the definition in force."""

    name: str
    defined_in: TemplateFile
    line: int
    depth: int  # 0 for a top-level block of the skeleton, 1 for a block inside it…
    #: False for a block a template defines but no template of the chain prints.
    used: bool = True


@dataclass
class TemplateListing:
    """What one layout in one language is made of: the chain of files and its blocks in order."""

    layout: str
    lang: str
    chain: list[TemplateFile] = field(default_factory=list)  # the layout's file first
    blocks: list[BlockInfo] = field(default_factory=list)


class TemplateListError(DossierError):
    """A template of the chain cannot be read or parsed; names the file and line."""


def _relative_name(path: Path, roots: list[tuple[Path, str]]) -> tuple[str, str]:
    for root, origin in roots:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix(), origin
        except ValueError:
            continue
    return str(path), EDITOR


def list_layout(layout: str, lang: str, editor_dir: Path | None = None) -> TemplateListing:
    """Follow ``{% extends %}`` from ``<layout>.html`` and list every block in document order."""
    env = make_environment(lang, editor_dir)
    assert env.loader is not None
    roots: list[tuple[Path, str]] = []
    if editor_dir is not None:
        roots.append((editor_dir, EDITOR))
    roots.append((builtin_templates_dir(), BUILTIN))

    listing = TemplateListing(layout, lang)
    trees: list[tuple[TemplateFile, nodes.Template]] = []
    name: str | None = f"{layout}.html"
    while name is not None:
        if len(trees) > MAX_DEPTH:
            raise TemplateListError("templates.too_deep", name=name, depth=MAX_DEPTH)
        try:
            source, filename, _uptodate = env.loader.get_source(env, name)
            tree = env.parse(source, name, filename)
        except jinja2.TemplateNotFound as error:
            raise TemplateListError("templates.not_found", name=error.name) from None
        except jinja2.TemplateSyntaxError as error:
            # Jinja's own words, which say what it expected.
            raise TemplateListError(
                "templates.syntax",
                file=error.filename or error.name,
                line=error.lineno,
                reason=error.message,
            ) from None
        relative, origin = _relative_name(Path(filename or name), roots)
        file = TemplateFile(relative, Path(filename or name), origin)
        trees.append((file, tree))
        listing.chain.append(file)
        name = None
        for extends in tree.find_all(nodes.Extends):
            parent = extends.template
            if isinstance(parent, nodes.Const) and isinstance(parent.value, str):
                name = parent.value
                break

    # The block definition in force is the most derived one (the layout's file comes first).
    definitions: dict[str, tuple[TemplateFile, nodes.Block]] = {}
    for file, tree in trees:
        for block in tree.find_all(nodes.Block):
            definitions.setdefault(block.name, (file, block))

    seen: set[str] = set()

    def walk(body: list[nodes.Node], depth: int) -> None:
        for node in body:
            for block_name in _blocks_in_order(node):
                if block_name in seen or block_name not in definitions:
                    continue
                seen.add(block_name)
                file, definition = definitions[block_name]
                listing.blocks.append(BlockInfo(block_name, file, definition.lineno, depth))
                walk(definition.body, depth + 1)

    # Rendering starts from the root of the chain: what it prints is what the dossier holds.
    _root_file, root = trees[-1]
    walk(root.body, 0)
    for block_name, (file, definition) in definitions.items():
        if block_name not in seen:
            listing.blocks.append(BlockInfo(block_name, file, definition.lineno, 0, used=False))
    return listing


def _blocks_in_order(node: nodes.Node) -> list[str]:
    """Names of the outermost blocks under ``node`` (itself included), in source order.

    ``{{ self.marking() }}`` prints a block too: it counts where it is called.
    """
    if isinstance(node, nodes.Block):
        return [node.name]
    if (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.Getattr)
        and isinstance(node.node.node, nodes.Name)
        and node.node.node.name == "self"
    ):
        return [node.node.attr]
    found: list[str] = []
    for child in node.iter_child_nodes():
        found.extend(_blocks_in_order(child))
    return found


def list_templates(
    editor_dir: Path | None = None,
    *,
    layouts: tuple[str, ...] = ALL_LAYOUTS,
    langs: tuple[str, ...] = LANGS,
) -> list[TemplateListing]:
    """Every layout in every language: its chain of templates and its blocks."""
    return [list_layout(layout, lang, editor_dir) for layout in layouts for lang in langs]


def support_files(editor_dir: Path | None = None) -> list[TemplateFile]:
    """The stylesheet, images, reference document and label catalogs a build uses, editor's
    first (an editor's catalog adds to the built-in one, so both are listed)."""
    builtin = builtin_templates_dir()
    found: dict[str, TemplateFile] = {}
    roots = [(editor_dir, EDITOR)] if editor_dir is not None else []
    roots.append((builtin, BUILTIN))
    for root, origin in roots:
        assets = root / "assets"
        # A link is no file of the pack (a build refuses it): not listed as one.
        usable = assets.is_dir() and not assets.is_symlink()
        candidates = sorted(assets.rglob("*")) if usable else []
        candidates.append(root / "reference.docx")
        for path in candidates:
            if path.is_file() and not path.is_symlink():
                name = path.relative_to(root).as_posix()
                found.setdefault(name, TemplateFile(name, path, origin))
    files = sorted(found.values(), key=lambda file: (file.name != "reference.docx", file.name))
    # Catalogs add up (the editor's keys over the built-in ones): both are in force.
    return files + [
        TemplateFile(f"{LABELS_FOLDER}/{lang}.toml", root / LABELS_FOLDER / f"{lang}.toml", origin)
        for root, origin in roots
        for lang in LANGS
        if (root / LABELS_FOLDER / f"{lang}.toml").is_file()
    ]


def describe_listing(
    listings: list[TemplateListing], files: list[TemplateFile] | None = None, lang: str = "en"
) -> list[str]:
    """The lines `dossier templates list` prints: each layout's chain and blocks, then the
    stylesheet and reference document in force."""
    lines: list[str] = []
    for listing in listings:
        chain = " → ".join(file.text(lang) for file in listing.chain)
        lines.append(
            message(
                "templates.chain", lang, layout=listing.layout, language=listing.lang, chain=chain
            )
        )
        width = max((len(block.name) + 2 * block.depth for block in listing.blocks), default=0)
        for block in listing.blocks:
            label = "  " * block.depth + block.name
            where = f"{block.defined_in.name}:{block.line}"
            if block.defined_in.origin != BUILTIN:
                where += f" ({message(_ORIGINS[block.defined_in.origin], lang)})"
            note = "  " + message("templates.never_printed", lang) if not block.used else ""
            lines.append(f"  {label.ljust(width)}  {where}{note}")
        lines.append("")
    if files:
        lines.append(message("templates.support_files", lang))
        lines += [f"  {file.text(lang)}" for file in files]
        lines.append("")
    return lines[:-1] if lines else lines


def describe_templates(editor_dir: Path | None = None, lang: str = "en") -> list[str]:
    """Everything `dossier templates list` prints, for the built-in templates or an override."""
    return describe_listing(list_templates(editor_dir), support_files(editor_dir), lang)


# -- templates init ------------------------------------------------------------------------------

EDITOR_README = """\
# Dossier templates

This folder was written by `dossier templates init`. Give it to a build with `--templates`:

    dossier build INPUT --templates {folder} --format pdf,docx

## What is here

{files}

## How overrides work

A build looks for each template in this order, most specific first: `{folder}/<lang>/`,
`{folder}/`, then the built-in templates. So `fr/ddd.html` here replaces the French complaint,
`base.html` replaces the skeleton of every dossier, `assets/dossier.css` restyles the PDF, and
`reference.docx` restyles the Word document (its style names must stay as they are).
`ddd_base.html` and `report_base.html` hold the structure both languages share (sections,
tables), the files in `fr/` and `en/` the words, and `_macros.html` the macros they all call.

Section titles and table headers are labels, printed with `{{{{ label("section.facts") }}}}`: their
text is in `labels/fr.toml` and `labels/en.toml`. Change the text in quotes, never the key; a
key you delete from these copies takes the built-in text again, and a key you add must be in
both languages.

**Delete what you do not change**: a file removed from this folder falls back to the built-in one,
and keeps getting its fixes. To change one part only, replace the whole file by an extension of
the built-in template that redefines one block:

    {{% extends "default:ddd.html" %}}
    {{% block requests %}}
    <section id="demandes">
    <h1 id="nos-demandes">Demandes</h1>
    <p>Notre demande, reformulée…</p>
    </section>
    {{% endblock %}}

`default:` always names the built-in template of the dossier's language, even when this folder
overrides the same file. `dossier templates list --templates {folder}` shows every block of each
layout and which file defines it.

## Check, preview, build

    dossier templates check {folder}           # every mistake, with file and line
    dossier preview INPUT --templates {folder} # the dossier in a browser, reloaded as you save
    dossier build INPUT --templates {folder} --format pdf,docx

The variables a template can print (`d.incidents`, `d.figures`…) are described in
docs/template-context.md, the HTML elements it may use and the filters in docs/templates.md.
Values from the spreadsheet are always escaped: never add `|safe` to them.
"""


@dataclass(frozen=True)
class InitPlan:
    """What `templates init` writes: (source, destination) pairs and the README."""

    copies: list[tuple[Path, Path]]
    readme: Path
    readme_text: str

    @property
    def targets(self) -> list[Path]:
        return [destination for _source, destination in self.copies] + [self.readme]


class TargetExists(UsageError):
    """`templates init` would overwrite files; ``paths`` lists them all."""

    def __init__(self, paths: list[Path]) -> None:
        shown = ", ".join(str(path) for path in paths)
        super().__init__(N_("templates.targets_exist"), paths=shown)
        self.paths = paths

    def lines(self, lang: str) -> list[str]:
        exists = [Message("templates.target_exists", path=path).text(lang) for path in self.paths]
        return [*exists, Message("templates.nothing_written").text(lang)]


def plan_init(
    target: Path,
    *,
    layouts: tuple[str, ...] = ALL_LAYOUTS,
    langs: tuple[str, ...] = LANGS,
) -> InitPlan:
    """The files an editor needs for these layouts and languages, and where they go."""
    problems = [
        Message("choices.unknown_layout", value=repr(layout), allowed=", ".join(ALL_LAYOUTS))
        for layout in layouts
        if layout not in ALL_LAYOUTS
    ]
    problems += [
        Message("choices.unknown_language", value=repr(lang), allowed=", ".join(LANGS))
        for lang in langs
        if lang not in LANGS
    ]
    problems += [Message("choices.no_layout")] if not layouts else []
    problems += [Message("choices.no_language")] if not langs else []
    if problems:
        raise ChoiceError("problems", problems=problems)
    builtin = builtin_templates_dir()
    # A language template extends its layout's skeleton and imports the shared macros.
    names = ["base.html", "_macros.html"]
    names += [f"{layout}_base.html" for layout in layouts]
    names += [f"{lang}/{layout}.html" for layout in layouts for lang in langs]
    copies = [(builtin / name, target / name) for name in names]
    assets = builtin / "assets"
    copies += [
        (path, target / "assets" / path.relative_to(assets))
        for path in sorted(assets.rglob("*"))
        if path.is_file()
    ]
    copies.append((builtin / "reference.docx", target / "reference.docx"))
    copies += [
        (builtin / LABELS_FOLDER / f"{lang}.toml", target / LABELS_FOLDER / f"{lang}.toml")
        for lang in langs
    ]
    described = {
        "base.html": "the skeleton every dossier extends (`<head>`, the stylesheet link)",
        "_macros.html": "macros the templates share (`in_pages` for long tables…)",
        "reference.docx": "the Word styles of the DOCX (open it in Word or LibreOffice, "
        "change the styles, keep their names)",
    }
    lines = []
    for _source, destination in copies:
        name = destination.relative_to(target).as_posix()
        if name in described:
            what = described[name]
        elif name.startswith(f"{LABELS_FOLDER}/"):
            language = "French" if name.endswith("fr.toml") else "English"
            what = f"section titles and table headers in {language} (change the text, keep keys)"
        elif name.endswith("_base.html"):
            layout = name.removesuffix("_base.html")
            kind = "complaint to the Défenseur des droits" if layout == "ddd" else "NGO report"
            what = f"the {kind}: its structure, the same in both languages (words: fr/, en/)"
        elif name.startswith("assets/"):
            what = "stylesheet and images of the PDF" if name.endswith(".css") else "an asset"
        else:
            lang, layout = name.removesuffix(".html").split("/")
            kind = "complaint to the Défenseur des droits" if layout == "ddd" else "NGO report"
            what = f"the {kind}, in {'French' if lang == 'fr' else 'English'}"
        lines.append(f"* `{name}` — {what}")
    text = EDITOR_README.format(folder=target.as_posix(), files="\n".join(lines))
    return InitPlan(copies, target / "README.md", text)


def init_templates(
    target: Path,
    *,
    layouts: tuple[str, ...] = ALL_LAYOUTS,
    langs: tuple[str, ...] = LANGS,
    force: bool = False,
) -> list[Path]:
    """Copy the templates, assets and reference document an editor needs into ``target``.

    Raises :class:`TargetExists` listing every file that would be overwritten, unless
    ``force``; nothing is written then.
    """

    plan = plan_init(target, layouts=layouts, langs=langs)
    existing = [path for path in plan.targets if path.exists()]
    if existing and not force:
        raise TargetExists(existing)
    for source, destination in plan.copies:
        write_atomic(destination, source.read_bytes())
    write_atomic(plan.readme, plan.readme_text.encode("utf-8"))
    return plan.targets
