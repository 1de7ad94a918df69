"""The `dossier` command line: a thin layer that parses options, calls the library and prints."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dossier.assemble.view import Audience, Layout
from dossier.build import pipeline as building
from dossier.build.pipeline import BuiltOutput
from dossier.cli.display import ProgressDisplay
from dossier.cli.localized import EXIT_DATA, EXIT_OK, DossierGroup, speak
from dossier.cli.output import console as terminal
from dossier.commands.diff import compare
from dossier.commands.diff_report import describe, write_review_page
from dossier.commands.preview import make_preview_server
from dossier.commands.sample_dossiers import build_samples, sample_workbook
from dossier.commands.templates import describe_templates, init_templates
from dossier.commands.templates_check import check_templates, load_check_inputs
from dossier.commands.verify import verify_folder
from dossier.errors import UsageError
from dossier.files import write_atomic
from dossier.forms.spreadsheet import write_spreadsheet_template
from dossier.forms.xlsform import write_xlsform
from dossier.i18n.catalog import N_, N_plural
from dossier.i18n.messages import (
    default_language,
    in_language,
    message,
    os_reason,
    plural_message,
)
from dossier.input.config import STARTER_CONFIG
from dossier.render.pdf import ACCEPTED_VARIANTS
from dossier.schema.json_schema import write_schemas
from dossier.validate.completeness import check_completeness
from dossier.validate.rows import load_and_validate
from dossier.version import __version__

if TYPE_CHECKING:
    from dossier.build.pipeline import BuildResult
    from dossier.cli.display import ProgressDisplay

app = typer.Typer(
    name="dossier",
    cls=DossierGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Lang(StrEnum):
    fr = "fr"
    en = "en"


class Profile(StrEnum):
    workbook = "workbook"
    kobo = "kobo"


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="Language of messages: fr or en (default: from the locale)."),
]
MappingOption = Annotated[
    Path | None,
    typer.Option(
        "--mapping",
        help=(
            'TOML file renaming the columns of another export: [incidents] "Their header" = "date".'
        ),
        exists=True,
        dir_okay=False,
    ),
]
ProfileOption = Annotated[
    Profile,
    typer.Option(
        "--profile",
        help=(
            "How to read the input: workbook (our columns, in English or French) or "
            "kobo (a KoboToolbox/ODK export: XLSX, CSV, or a folder of CSVs)."
        ),
    ),
]
InputArgument = Annotated[
    Path,
    typer.Argument(
        metavar="INPUT", help="Incident workbook: .xlsx, .ods, .csv, or a folder of CSVs."
    ),
]
TemplatesOption = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        help="Folder of template overrides, searched before the built-in templates.",
        file_okay=False,
        exists=True,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Organisation config (default: dossier.toml next to the input)."),
]
EvidenceOption = Annotated[
    Path | None,
    typer.Option(
        "--evidence",
        help=("Folder holding the evidence files (default: 'evidence' next to the input)."),
        file_okay=False,
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help=(
            "No progress display and no hints on stderr, only errors. Progress is "
            "never shown when stderr is not a terminal (CI logs, pipes)."
        ),
    ),
]
VerboseOption = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        help=(
            "Print on stderr, as each step finishes, its name and how long it took, "
            "then the total; also when stderr is not a terminal. Not with --quiet."
        ),
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        min=1,
        help=(
            "Outputs rendered at the same time, each in its own process (default: the "
            "number of cores)."
        ),
    ),
]
CacheDirOption = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        help=(
            "Where rendered outputs are cached (default: $DOSSIER_CACHE_DIR, else "
            "$XDG_CACHE_HOME/dossier, else ~/.cache/dossier)."
        ),
        file_okay=False,
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Render everything again; don't read or write the cache."),
]


def _progress_display(lang: str, quiet: bool, verbose: bool) -> ProgressDisplay:
    """The progress display on stderr for ``--quiet`` / ``--verbose`` (usage error if both)."""
    if quiet and verbose:
        raise UsageError("cli.quiet_and_verbose")

    return ProgressDisplay(lang=lang, quiet=quiet, verbose=verbose, console=terminal(stderr=True))


@app.command(
    help=(
        "Check the incident workbook and list every problem with its file, sheet, "
        "row and column."
        "\n\n"
        "Progress of the loading and of the hashing of evidence files shows on "
        "stderr when it is a terminal (--quiet: never; --verbose: the time each "
        "step took). Exit code 0 when the data is valid (warnings allowed), 1 "
        "when it has errors or cannot be read, 2 for a usage error."
    )
)
def validate(
    ctx: typer.Context,
    source: InputArgument,
    lang: LangOption = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", help="text: a readable table; json: the machine-readable report."),
    ] = ReportFormat.text,
    mapping: MappingOption = None,
    evidence: EvidenceOption = None,
    profile: ProfileOption = Profile.workbook,
    layout: Annotated[
        str | None,
        typer.Option(
            "--layout",
            help=(
                "Also check what this dossier layout needs: ddd lists, as warnings, what "
                "a complaint to the Défenseur des droits still lacks."
            ),
        ),
    ] = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    language = speak(ctx, lang.value if lang else default_language())
    display = _progress_display(language, quiet, verbose)
    with display:
        display("validate")
        dataset, report = load_and_validate(
            source,
            mapping=mapping,
            evidence_dir=evidence,
            profile=profile.value,
            progress=display,
        )
    if layout is not None:
        _split_choices(layout, ["ddd"], "--layout")

        report.problems.extend(
            check_completeness(dataset, today=dt.date.today(), columns=dataset.columns)
        )
    if output_format is ReportFormat.json:
        sys.stdout.write(report.to_json_text(language))
    else:
        report.render_terminal(language, terminal())
    raise typer.Exit(EXIT_OK if report.ok else EXIT_DATA)


@app.command(
    help=("Write the JSON Schema of the record types: incidents, persons, evidence, proceedings.")
)
def schema(
    ctx: typer.Context,
    lang: LangOption = None,
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write the JSON Schema files into.")
    ] = Path("schemas"),
) -> None:
    speak(ctx, lang.value if lang else default_language())
    for path in write_schemas(out):
        terminal().print(str(path), markup=False)


@app.command(
    help=(
        "Validate the workbook, then build the dossiers (e.g. out/ddd-fr.pdf) and "
        "manifest.json."
        "\n\n"
        "Progress shows on stderr when it is a terminal (--quiet: never; "
        "--verbose: the time each step took). Invalid data prints the validation "
        "report, writes nothing and exits with 1."
    )
)
def build(
    ctx: typer.Context,
    source: InputArgument,
    layout: Annotated[
        list[str] | None,
        typer.Option(
            "--layout",
            help=(
                "Dossier layouts, repeated or comma-separated: ddd (complaint to the "
                "Défenseur des droits), report (NGO report). Default: ddd."
            ),
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help=(
                "Languages of the dossiers, comma-separated (default: fr,en); the first "
                "is also the messages' language (default: from the locale)."
            ),
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="Output formats, comma-separated: pdf, docx, html.")
    ] = "pdf",
    audience: Annotated[
        str | None,
        typer.Option(
            "--audience",
            help=(
                "Who may read it: ddd (everything), partners (public + restricted), "
                "public (public only). Default: the layout's usual audience (ddd for the "
                "ddd layout, public for the report)."
            ),
        ),
    ] = None,
    config: ConfigOption = None,
    templates: TemplatesOption = None,
    out: Annotated[Path, typer.Option("--out", help="Folder the dossiers are written to.")] = Path(
        "out"
    ),
    pdf_variant: Annotated[
        str | None,
        typer.Option(
            "--pdf-variant",
            help="PDF variant, e.g. pdf/a-3b (embeds the workbook and the input manifest).",
        ),
    ] = None,
    reference_docx: Annotated[
        Path | None,
        typer.Option(
            "--reference-docx",
            help=(
                "Word document whose styles the DOCX uses (default: the templates' reference.docx)."
            ),
            dir_okay=False,
        ),
    ] = None,
    mapping: MappingOption = None,
    evidence: EvidenceOption = None,
    profile: ProfileOption = Profile.workbook,
    jobs: JobsOption = None,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    languages = _split_choices(lang or "fr,en", ("fr", "en"), "--lang")
    message_lang = speak(ctx, languages[0] if lang else default_language())
    layouts = _split_choices(",".join(layout or ["ddd"]), [m.value for m in Layout], "--layout")
    formats = _split_choices(output_format, [m.value for m in building.OutputFormat], "--format")
    if audience is not None:
        _split_choices(audience, [m.value for m in Audience], "--audience")
    if pdf_variant is not None:
        _split_choices(pdf_variant, list(ACCEPTED_VARIANTS), "--pdf-variant")
    display = _progress_display(message_lang, quiet, verbose)

    def run(progress: Callable[[str], None]) -> building.BuildResult:
        return building.build(
            source,
            config=config,
            layouts=layouts,
            langs=languages,
            formats=formats,
            audience=audience,
            templates=templates,
            out=out,
            mapping=mapping,
            evidence=evidence,
            pdf_variant=pdf_variant,
            reference_docx=reference_docx,
            profile=profile.value,
            jobs=jobs,
            cache_dir=cache_dir,
            use_cache=not no_cache,
            progress=progress,
        )

    result = _run_build(run, message_lang, display)
    console = terminal(stderr=True)
    stdout = terminal()
    for line in result.report.reconciliation(message_lang):
        stdout.print(line, markup=False)
    for output in result.outputs:
        stdout.print(_describe_output(output, message_lang), markup=False)
    stdout.print(str(result.manifest), markup=False)
    lacking = [p for p in result.report.warnings if p.code.startswith("completeness_")]
    if lacking and not quiet:
        # What a complaint still lacks goes to stderr, after the list of files written, as one
        # line: the full list (often long) is one command away.
        hint = plural_message(
            "cli.completeness_hint",
            "cli.completeness_hint.plural",
            len(lacking),
            message_lang,
            source=source,
        )
        console.print(hint, markup=False)
    for note in result.withheld:
        console.print(in_language(note, message_lang), markup=False)
    # A large PDF its stylesheet would not let be typeset in parallel pieces (slower, same PDF).
    for note in result.notes:
        console.print(in_language(note, message_lang), markup=False)
    if result.refused_urls:
        refused = plural_message(
            "cli.refused_urls", "cli.refused_urls.plural", len(result.refused_urls), message_lang
        )
        console.print(refused, markup=False)


#: Why incidents were left out of an edition, as the build's output says it.
LEFT_OUT_REASONS = {
    "confidentiality": N_("cli.left_out_confidentiality"),
    "art8_refused": N_("cli.left_out_art8_refused"),
}


def _describe_output(output: object, lang: str) -> str:
    """One line per written file: path, incidents, pages, and what was left out and why."""

    assert isinstance(output, BuiltOutput)
    reasons = ", ".join(
        message(
            "cli.left_out_count",
            lang,
            reason=message(LEFT_OUT_REASONS[reason], lang)
            if reason in LEFT_OUT_REASONS
            else reason,
            count=count,
        )
        for reason, count in output.left_out.items()
    )
    said = {"path": output.path, "incidents": output.incidents, "reasons": reasons}
    if output.pages and reasons:
        keys = N_plural("cli.output_pages_left_out", "cli.output_pages_left_out.plural")
        return plural_message(*keys, output.pages, lang, **said)
    if output.pages:
        keys = N_plural("cli.output_pages", "cli.output_pages.plural")
        return plural_message(*keys, output.pages, lang, **said)
    if reasons:
        return message("cli.output_left_out", lang, **said)
    return message("cli.output", lang, **said)


def _run_build(
    run: Callable[[Callable[[str], None]], BuildResult],
    message_lang: str,
    display: ProgressDisplay,
) -> BuildResult:
    """Run a build with a progress display (its failures end in :class:`DossierGroup`)."""

    with display:
        return run(display)


def _split_choices(text: str, allowed: list[str] | tuple[str, ...], option: str) -> list[str]:
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    wrong = [part for part in chosen if part not in allowed]
    if wrong or not chosen:
        raise UsageError(
            "cli.bad_choice",
            option=option,
            value=", ".join(wrong) or repr(text),
            allowed=", ".join(allowed),
        )
    return list(dict.fromkeys(chosen))


@app.command(
    help=("Write a commented starter dossier.toml (organisation, signatory, recipient, title).")
)
def init(
    ctx: typer.Context,
    target: Annotated[Path, typer.Argument(help="Where to write the starter config.")] = Path(
        "dossier.toml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    lang: LangOption = None,
) -> None:
    speak(ctx, lang.value if lang else default_language())
    _refuse_overwrite(target, force)
    write_atomic(target, STARTER_CONFIG.encode("utf-8"))
    terminal().print(str(target), markup=False)


@app.command(
    "spreadsheet-template",
    help=(
        "Write an incident workbook ready to fill in: the four sheets with "
        "explained headers, drop-down lists for every vocabulary, date and number "
        "checks, an example row and instructions. --lang sets the language of "
        "sheets, headers and lists."
    ),
)
def spreadsheet_template(
    ctx: typer.Context,
    out: Annotated[
        Path,
        typer.Argument(metavar="OUT.xlsx", help="Where to write the workbook.", dir_okay=False),
    ],
    lang: LangOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    language = speak(ctx, lang.value if lang else default_language())
    _refuse_overwrite(out, force)
    write_spreadsheet_template(out, language)
    terminal().print(str(out), markup=False)


@app.command(
    "kobo-form",
    help=(
        "Write the XLSForm (KoboToolbox / ODK form definition) matching dossier's "
        "fields; its exports are read with --profile kobo."
    ),
)
def kobo_form(
    ctx: typer.Context,
    out: Annotated[
        Path,
        typer.Argument(metavar="OUT.xlsx", help="Where to write the XLSForm.", dir_okay=False),
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    lang: LangOption = None,
) -> None:
    speak(ctx, lang.value if lang else default_language())
    _refuse_overwrite(out, force)
    write_xlsform(out)
    terminal().print(str(out), markup=False)


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise UsageError("cli.file_exists", path=path)


templates_app = typer.Typer(
    cls=DossierGroup,
    help=(
        "List, copy and check the dossier templates, so an editor's overrides are "
        "right before anyone builds."
    ),
    no_args_is_help=True,
)
app.add_typer(templates_app, name="templates")


@templates_app.command(
    "check",
    help=(
        "Render every layout in French and English for every audience and report, "
        "with file and line: syntax errors, undefined variables, elements outside "
        "the HTML subset the DOCX writer supports, and blocks present in one "
        "language but not the other. Exit 1 on any problem."
    ),
)
def templates_check(
    ctx: typer.Context,
    lang: LangOption = None,
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]",
            help="Folder of template overrides to check (default: the built-in templates).",
            file_okay=False,
            exists=True,
        ),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help=(
                "Workbook to render against (default: a generated worst case: empty "
                "fields, long lists, every script)."
            ),
        ),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Organisation config for --data.")
    ] = None,
) -> None:
    language = speak(ctx, lang.value if lang else default_language())
    console = terminal()
    dataset, organisation = load_check_inputs(data, config)
    issues = check_templates(folder, dataset, organisation)
    for issue in issues:
        console.print(issue.text(language), markup=False)
    if issues:
        found = plural_message(
            "cli.templates_problems", "cli.templates_problems.plural", len(issues), language
        )
        console.print(found, markup=False)
        raise typer.Exit(EXIT_DATA)
    console.print(message("cli.templates_ok", language), markup=False)


@templates_app.command(
    "list",
    help=(
        "List the templates and blocks of each layout, with the file and line "
        "defining each."
        "\n\n"
        "For every layout in French and English: the {% extends %} chain, then "
        "every block in the order the dossier prints it; last, the stylesheet and "
        "reference.docx a build would use."
    ),
)
def templates_list(
    ctx: typer.Context,
    lang: LangOption = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Folder of template overrides: show which of its files define each block.",
            file_okay=False,
            exists=True,
        ),
    ] = None,
) -> None:
    language = speak(ctx, lang.value if lang else default_language())
    lines = describe_templates(templates, language)
    console = terminal()
    for line in lines:
        console.print(line, markup=False)


@templates_app.command(
    "init",
    help=(
        "Copy the templates, stylesheet and reference.docx into DIR, ready to "
        "edit."
        "\n\n"
        "Writes base.html, <lang>/<layout>.html, assets/ and reference.docx, with "
        'a README on overrides, {% extends "default:…" %}, checking and '
        "previewing. Refuses to overwrite an existing file (listing them all) "
        "unless --force."
    ),
)
def templates_init(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Folder to copy the templates into (created if needed).",
            file_okay=False,
        ),
    ],
    layout: Annotated[
        list[str] | None,
        typer.Option(
            "--layout",
            help=("Layouts to copy, repeated or comma-separated: ddd, report. Default: both."),
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help=(
                "Languages to copy, comma-separated: fr, en (default: both); the first is "
                "also the messages' language."
            ),
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that exist.")] = False,
) -> None:
    all_layouts = [m.value for m in Layout]
    layouts = _split_choices(",".join(layout or all_layouts), all_layouts, "--layout")
    languages = _split_choices(lang or "fr,en", ("fr", "en"), "--lang")
    speak(ctx, languages[0] if lang else default_language())
    written = init_templates(folder, layouts=tuple(layouts), langs=tuple(languages), force=force)
    console = terminal()
    for path in written:
        console.print(str(path), markup=False)


@app.command(
    help=(
        "Show the dossier in a browser, reloaded when a template, the CSS or the "
        "data changes."
        "\n\n"
        "Serves the dossier's HTML with the print stylesheet at "
        "http://127.0.0.1:PORT/. Mistakes (invalid data, template errors with "
        "file and line, config errors) show in the page instead of the dossier. "
        "Listens on 127.0.0.1 only; stop with Ctrl+C."
    )
)
def preview(
    ctx: typer.Context,
    source: InputArgument,
    templates: TemplatesOption = None,
    config: ConfigOption = None,
    layout: Annotated[
        str,
        typer.Option("--layout", help="Layout shown first: ddd or report (switch in the page)."),
    ] = "ddd",
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            help=(
                "Language shown first: fr or en (switch in the page; default: fr); also "
                "the messages' language (default: from the locale)."
            ),
        ),
    ] = None,
    audience: Annotated[
        str | None,
        typer.Option(
            "--audience",
            help="ddd, partners or public (default: the layout's usual audience).",
        ),
    ] = None,
    port: Annotated[
        int,
        typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1 (0: any free port)."),
    ] = 8000,
    mapping: MappingOption = None,
    evidence: EvidenceOption = None,
    profile: ProfileOption = Profile.workbook,
) -> None:
    language = speak(ctx, lang.value if lang else default_language())
    chosen = _split_choices(layout, [m.value for m in Layout], "--layout")
    if len(chosen) != 1:
        raise UsageError("cli.one_value", option="--layout", value=repr(layout))
    if (
        audience is not None
        and len(_split_choices(audience, [m.value for m in Audience], "--audience")) != 1
    ):
        raise UsageError("cli.one_value", option="--audience", value=repr(audience))
    try:
        server, thread = make_preview_server(
            source,
            templates=templates,
            config=config,
            layout=chosen[0],
            lang=lang.value if lang else Lang.fr.value,
            audience=audience,
            mapping=mapping,
            evidence=evidence,
            profile=profile.value,
            port=port,
        )
    except OSError as error:
        raise UsageError("cli.cannot_listen", port=port, reason=os_reason(error)) from None
    running = message("cli.preview_running", language, source=source, url=server.url)
    terminal().print(running, markup=False)
    try:
        while thread.is_alive():
            thread.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


@app.command(
    help=(
        "Build every sample dossier (each layout × language × format) and "
        "manifest.json."
        "\n\n"
        "Dated from SOURCE_DATE_EPOCH, else 15 November 2016, so two builds give "
        "the same bytes. --jobs, --cache-dir, --no-cache, --quiet and --verbose "
        "work as for build. Exit 1 when the data is invalid, a build fails or an "
        "expected output is missing."
    )
)
def samples(
    ctx: typer.Context,
    lang: LangOption = None,
    out: Annotated[
        Path, typer.Option("--out", help="Folder the sample dossiers are written to.")
    ] = Path("samples"),
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help=(
                "Incident workbook to build (default: the repository's sample_data/incidents.xlsx)."
            ),
        ),
    ] = None,
    config: ConfigOption = None,
    templates: TemplatesOption = None,
    evidence: EvidenceOption = None,
    jobs: JobsOption = None,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    message_lang = speak(ctx, lang.value if lang else default_language())
    display = _progress_display(message_lang, quiet, verbose)
    source = data if data is not None else sample_workbook()
    if not source.exists():
        raise UsageError("cli.no_such_workbook", file=source)

    def run(progress: Callable[[str], None]) -> building.BuildResult:
        return build_samples(
            out,
            source=source,
            config=config,
            templates=templates,
            evidence=evidence,
            jobs=jobs,
            cache_dir=cache_dir,
            use_cache=not no_cache,
            progress=progress,
        )

    result = _run_build(run, message_lang, display)
    stdout = terminal()
    for output in result.outputs:
        stdout.print(_describe_output(output, message_lang), markup=False)
    stdout.print(str(result.manifest), markup=False)


@app.command(
    help=(
        "Re-check a dossier folder against its manifest.json: every output's "
        "SHA-256, and with --evidence / --inputs every exhibit and input. Names "
        "each file changed, missing or added."
        "\n\n"
        "Exit 0 when everything matches, 1 when a file differs, 2 when the folder "
        "or manifest cannot be read. Works on a dossier received from someone "
        "else."
    )
)
def verify(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="A built dossier folder holding manifest.json."),
    ],
    evidence: Annotated[
        Path | None,
        typer.Option(
            "--evidence", help="Evidence folder: also check every exhibit file.", file_okay=False
        ),
    ] = None,
    inputs: Annotated[
        Path | None,
        typer.Option(
            "--inputs",
            help="Folder the workbook and dossier.toml were in: also check the inputs.",
            file_okay=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    language = speak(ctx, lang.value if lang else default_language())
    result = verify_folder(folder, evidence_dir=evidence, inputs_dir=inputs)
    console = terminal()
    for problem in result.discrepancies:
        console.print(problem.text(language), markup=False)
    if result.unchecked_exhibits:
        unchecked = plural_message(
            "verify.unchecked_exhibits",
            "verify.unchecked_exhibits.plural",
            result.unchecked_exhibits,
            language,
        )
        console.print(unchecked, markup=False)
    if result.unchecked_inputs:
        unchecked = plural_message(
            "verify.unchecked_inputs",
            "verify.unchecked_inputs.plural",
            result.unchecked_inputs,
            language,
        )
        console.print(unchecked, markup=False)
    if result.ok:
        verdict = plural_message("verify.ok", "verify.ok.plural", result.checked, language)
    else:
        differ = plural_message(
            "verify.differ", "verify.differ.plural", len(result.discrepancies), language
        )
        verdict = plural_message(
            "verify.checked", "verify.checked.plural", result.checked, language, differ=differ
        )
    console.print(verdict, markup=False)
    raise typer.Exit(EXIT_OK if result.ok else EXIT_DATA)


@app.command(
    help=(
        "Show what changed between two builds: incidents, the words of each "
        "section, pages, exhibits (from manifest.json) and page counts. With "
        "--html, a review page."
        "\n\n"
        "Exit code 0 when identical, 1 when they differ, 2 for a usage error "
        "(e.g. a missing folder)."
    )
)
def diff(
    ctx: typer.Context,
    old: Annotated[
        Path,
        typer.Argument(
            metavar="OLD", help="The earlier build: a folder of dossiers, or a PDF, DOCX or HTML."
        ),
    ],
    new: Annotated[
        Path, typer.Argument(metavar="NEW", help="The later build, of the same kind as OLD.")
    ],
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="REPORT.html",
            help=(
                "Also write a self-contained review page: every change, and pictures of "
                "the changed pages side by side."
            ),
            dir_okay=False,
        ),
    ] = None,
    context: Annotated[
        int,
        typer.Option("--context", min=0, help="Words of unchanged text shown around a change."),
    ] = 8,
    lang: LangOption = None,
) -> None:
    language = speak(ctx, lang.value if lang else default_language())
    result = compare(old, new)
    if html is not None:
        write_review_page(result, html, context=context, lang=language)
    stdout = terminal()
    for line in describe(result, context, language):
        stdout.print(line, markup=False)
    if html is not None:
        stdout.print(message("cli.review_page", language, path=html), markup=False)
    raise typer.Exit(EXIT_OK if result.identical else EXIT_DATA)


def version_callback(value: bool) -> None:
    if value:
        terminal().print(f"dossier {__version__}")
        raise typer.Exit()


@app.callback(
    help=(
        "Turn an incident log into dossiers: complaint files to the Défenseur des "
        "droits and NGO reports, in French and English."
    )
)
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show version."),
    ] = False,
) -> None:
    """The options of `dossier` itself (its help is the catalog's "cli.help")."""


def main() -> None:
    """Console-script entry point: never let a traceback reach the user for a usage error."""
    app()
