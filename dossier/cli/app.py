"""The `dossier` command line: a thin layer that parses options, calls the library and prints."""

from __future__ import annotations

import datetime as dt
import signal
import sys
import threading
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dossier.assemble.complaint import limitation_bounds
from dossier.assemble.models import Audience, Layout
from dossier.build import pipeline as building
from dossier.cli.desk import desk
from dossier.cli.display import ProgressDisplay
from dossier.cli.localized import EXIT_DATA, EXIT_OK, DossierGroup, LocalizedCommand, speak
from dossier.cli.output import console as terminal
from dossier.cli.sending import (
    BundleOption,
    IdentityAnnexOption,
    MaxPartSizeOption,
    PassphraseFileOption,
    RequireSignatureOption,
    SignOption,
    SignPassphraseFileOption,
    TimestampUrlOption,
    TrustOption,
    VerifyPassphraseFileOption,
    enclosures_from_options,
    read_passphrase,
)
from dossier.cli.written import describe_output
from dossier.commands.diff import compare
from dossier.commands.diff_report import describe, write_review_page
from dossier.commands.mapping_draft import write_mapping_draft
from dossier.commands.preview import make_preview_server
from dossier.commands.sample_dossiers import build_samples, sample_workbook
from dossier.commands.signatures import check_folder_signatures
from dossier.commands.templates import describe_templates, init_templates
from dossier.commands.templates_check import check_templates, load_check_inputs
from dossier.commands.verify import verify_folder
from dossier.errors import UsageError
from dossier.files import write_atomic
from dossier.forms.spreadsheet import write_spreadsheet_template
from dossier.forms.xlsform import write_xlsform
from dossier.i18n.catalog import N_
from dossier.i18n.messages import (
    default_language,
    in_language,
    message,
    os_reason,
    plural_message,
)
from dossier.input.config import starter_config
from dossier.render.pdf import ACCEPTED_VARIANTS
from dossier.schema.json_schema import write_schemas
from dossier.validate.completeness import check_completeness
from dossier.validate.rows import load_and_validate
from dossier.version import __version__

if TYPE_CHECKING:
    from dossier.build.pipeline import BuildResult
    from dossier.cli.display import ProgressDisplay

# Help texts are message keys, told in the run's language by DossierGroup.
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
    typer.Option("--lang", help=N_("cli.option.lang")),
]
MappingOption = Annotated[
    Path | None,
    typer.Option(
        "--mapping",
        help=N_("cli.option.mapping"),
        exists=True,
        dir_okay=False,
    ),
]
ProfileOption = Annotated[
    Profile,
    typer.Option(
        "--profile",
        help=N_("cli.option.profile"),
    ),
]
InputArgument = Annotated[
    Path,
    typer.Argument(metavar="INPUT", help=N_("cli.argument.input")),
]
TemplatesOption = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        help=N_("cli.option.templates"),
        file_okay=False,
        exists=True,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help=N_("cli.option.config")),
]
EvidenceOption = Annotated[
    Path | None,
    typer.Option(
        "--evidence",
        help=N_("cli.option.evidence"),
        file_okay=False,
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help=N_("cli.option.quiet"),
    ),
]
VerboseOption = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        help=N_("cli.option.verbose"),
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        min=1,
        help=N_("cli.option.jobs"),
    ),
]
CacheDirOption = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        help=N_("cli.option.cache_dir"),
        file_okay=False,
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help=N_("cli.option.no_cache")),
]


def _progress_display(lang: str, quiet: bool, verbose: bool) -> ProgressDisplay:
    """The progress display on stderr for ``--quiet`` / ``--verbose`` (usage error if both)."""
    if quiet and verbose:
        raise UsageError("cli.quiet_and_verbose")

    return ProgressDisplay(lang=lang, quiet=quiet, verbose=verbose, console=terminal(stderr=True))


@app.command(cls=LocalizedCommand, help=N_("cli.validate.help"))
def validate(
    ctx: typer.Context,
    source: InputArgument,
    lang: LangOption = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", help=N_("cli.validate.format")),
    ] = ReportFormat.text,
    mapping: MappingOption = None,
    evidence: EvidenceOption = None,
    profile: ProfileOption = Profile.workbook,
    layout: Annotated[
        str | None,
        typer.Option(
            "--layout",
            help=N_("cli.validate.layout"),
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help=N_("cli.validate.config")),
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

        # Limitation is stated as the law stood on the signature date, as the complaint does.
        signed_on = building.signature_date(source, config)
        report.problems.extend(
            check_completeness(
                dataset,
                today=dt.date.today(),
                signed_on=signed_on,
                columns=dataset.columns,
                limitation_bounds=limitation_bounds(signed_on),
            )
        )
    if output_format is ReportFormat.json:
        sys.stdout.write(report.to_json_text(language))
    else:
        report.render_terminal(language, terminal())
    raise typer.Exit(EXIT_OK if report.ok else EXIT_DATA)


@app.command(cls=LocalizedCommand, help=N_("cli.schema.help"))
def schema(
    ctx: typer.Context,
    lang: LangOption = None,
    out: Annotated[Path, typer.Option("--out", help=N_("cli.schema.out"))] = Path("schemas"),
) -> None:
    speak(ctx, lang.value if lang else default_language())
    for path in write_schemas(out):
        terminal().print(str(path), markup=False)


@app.command(cls=LocalizedCommand, help=N_("cli.build.help"))
def build(
    ctx: typer.Context,
    source: InputArgument,
    layout: Annotated[
        list[str] | None,
        typer.Option(
            "--layout",
            help=N_("cli.build.layout"),
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help=N_("cli.build.lang"),
        ),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help=N_("cli.build.format"))] = "pdf",
    audience: Annotated[
        str | None,
        typer.Option(
            "--audience",
            help=N_("cli.build.audience"),
        ),
    ] = None,
    config: ConfigOption = None,
    templates: TemplatesOption = None,
    out: Annotated[Path, typer.Option("--out", help=N_("cli.build.out"))] = Path("out"),
    pdf_variant: Annotated[
        str | None,
        typer.Option(
            "--pdf-variant",
            help=N_("cli.build.pdf_variant"),
        ),
    ] = None,
    reference_docx: Annotated[
        Path | None,
        typer.Option(
            "--reference-docx",
            help=N_("cli.build.reference_docx"),
            dir_okay=False,
        ),
    ] = None,
    mapping: MappingOption = None,
    evidence: EvidenceOption = None,
    profile: ProfileOption = Profile.workbook,
    jobs: JobsOption = None,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    strict_language: Annotated[
        bool, typer.Option("--strict-language", help=N_("cli.build.strict_language"))
    ] = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    bundle: BundleOption = None,
    max_part_size: MaxPartSizeOption = None,
    identity_annex: IdentityAnnexOption = False,
    passphrase_file: PassphraseFileOption = None,
    sign: SignOption = None,
    sign_passphrase_file: SignPassphraseFileOption = None,
    timestamp_url: TimestampUrlOption = None,
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
    enclosures = enclosures_from_options(
        message_lang,
        bundle=bundle,
        max_part_size=max_part_size,
        identity_annex=identity_annex,
        passphrase_file=passphrase_file,
        sign=sign,
        sign_passphrase_file=sign_passphrase_file,
        timestamp_url=timestamp_url,
    )

    def run(progress: Callable[[str], None]) -> building.BuildResult:
        return building.build_dossiers(
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
            strict_language=strict_language,
            jobs=jobs,
            cache_dir=cache_dir,
            use_cache=not no_cache,
            progress=progress,
            enclosures=enclosures,
        )

    result = _run_build(run, message_lang, display)
    console = terminal(stderr=True)
    stdout = terminal()
    for line in result.report.reconciliation(message_lang):
        stdout.print(line, markup=False)
    for output in result.outputs:
        stdout.print(describe_output(output, message_lang), markup=False)
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


@app.command(cls=LocalizedCommand, help=N_("cli.init.help"))
def init(
    ctx: typer.Context,
    target: Annotated[Path, typer.Argument(help=N_("cli.init.target"))] = Path("dossier.toml"),
    force: Annotated[bool, typer.Option("--force", help=N_("cli.option.force"))] = False,
    lang: LangOption = None,
) -> None:
    language = speak(ctx, lang.value if lang else default_language())
    _refuse_overwrite(target, force)
    write_atomic(target, starter_config(language).encode("utf-8"))
    terminal().print(str(target), markup=False)


@app.command("spreadsheet-template", cls=LocalizedCommand, help=N_("cli.spreadsheet_template.help"))
def spreadsheet_template(
    ctx: typer.Context,
    out: Annotated[
        Path,
        typer.Argument(metavar="OUT.xlsx", help=N_("cli.spreadsheet_template.out"), dir_okay=False),
    ],
    lang: LangOption = None,
    force: Annotated[bool, typer.Option("--force", help=N_("cli.option.force"))] = False,
) -> None:
    language = speak(ctx, lang.value if lang else default_language())
    _refuse_overwrite(out, force)
    write_spreadsheet_template(out, language)
    terminal().print(str(out), markup=False)


@app.command("kobo-form", cls=LocalizedCommand, help=N_("cli.kobo_form.help"))
def kobo_form(
    ctx: typer.Context,
    out: Annotated[
        Path,
        typer.Argument(metavar="OUT.xlsx", help=N_("cli.kobo_form.out"), dir_okay=False),
    ],
    force: Annotated[bool, typer.Option("--force", help=N_("cli.option.force"))] = False,
    lang: LangOption = None,
) -> None:
    speak(ctx, lang.value if lang else default_language())
    _refuse_overwrite(out, force)
    write_xlsform(out)
    terminal().print(str(out), markup=False)


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise UsageError("cli.file_exists", path=path)


templates_app = typer.Typer(cls=DossierGroup, help=N_("cli.templates.help"), no_args_is_help=True)
app.add_typer(templates_app, name="templates")


mapping_app = typer.Typer(cls=DossierGroup, help=N_("cli.mapping.help"), no_args_is_help=True)
app.add_typer(mapping_app, name="mapping")


@mapping_app.command("draft", cls=LocalizedCommand, help=N_("cli.mapping_draft.help"))
def mapping_draft(
    ctx: typer.Context,
    source: InputArgument,
    out: Annotated[
        Path, typer.Option("--out", help=N_("cli.mapping_draft.out"), dir_okay=False)
    ] = Path("mapping.toml"),
    lang: LangOption = None,
) -> None:
    language = speak(ctx, lang.value if lang else default_language())
    draft = write_mapping_draft(source, out, language)
    terminal().print(
        message(
            "cli.mapping_draft.done",
            language,
            file=str(out),
            headers=draft.headers,
            proposed=draft.proposed,
            to_choose=draft.to_choose,
        ),
        markup=False,
    )


@templates_app.command("check", cls=LocalizedCommand, help=N_("cli.templates_check.help"))
def templates_check(
    ctx: typer.Context,
    lang: LangOption = None,
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]",
            help=N_("cli.templates_check.folder"),
            file_okay=False,
            exists=True,
        ),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help=N_("cli.templates_check.data"),
        ),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help=N_("cli.templates_check.config"))
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


@templates_app.command("list", cls=LocalizedCommand, help=N_("cli.templates_list.help"))
def templates_list(
    ctx: typer.Context,
    lang: LangOption = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help=N_("cli.templates_list.templates"),
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


@templates_app.command("init", cls=LocalizedCommand, help=N_("cli.templates_init.help"))
def templates_init(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help=N_("cli.templates_init.folder"),
            file_okay=False,
        ),
    ],
    layout: Annotated[
        list[str] | None,
        typer.Option(
            "--layout",
            help=N_("cli.templates_init.layout"),
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help=N_("cli.templates_init.lang"),
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("cli.templates_init.force"))] = False,
) -> None:
    all_layouts = [m.value for m in Layout]
    layouts = _split_choices(",".join(layout or all_layouts), all_layouts, "--layout")
    languages = _split_choices(lang or "fr,en", ("fr", "en"), "--lang")
    speak(ctx, languages[0] if lang else default_language())
    written = init_templates(folder, layouts=tuple(layouts), langs=tuple(languages), force=force)
    console = terminal()
    for path in written:
        console.print(str(path), markup=False)


@app.command(cls=LocalizedCommand, help=N_("cli.preview.help"))
def preview(
    ctx: typer.Context,
    source: InputArgument,
    templates: TemplatesOption = None,
    config: ConfigOption = None,
    layout: Annotated[
        str,
        typer.Option("--layout", help=N_("cli.preview.layout")),
    ] = "ddd",
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            help=N_("cli.preview.lang"),
        ),
    ] = None,
    audience: Annotated[
        str | None,
        typer.Option(
            "--audience",
            help=N_("cli.preview.audience"),
        ),
    ] = None,
    port: Annotated[
        int,
        typer.Option("--port", min=0, max=65535, help=N_("cli.preview.port")),
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


app.command("desk", cls=LocalizedCommand, help=N_("cli.desk.help"))(desk)


@app.command(cls=LocalizedCommand, help=N_("cli.samples.help"))
def samples(
    ctx: typer.Context,
    lang: LangOption = None,
    out: Annotated[Path, typer.Option("--out", help=N_("cli.samples.out"))] = Path("samples"),
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help=N_("cli.samples.data"),
        ),
    ] = None,
    config: ConfigOption = None,
    templates: TemplatesOption = None,
    evidence: EvidenceOption = None,
    mapping: MappingOption = None,
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
            mapping=mapping,
            jobs=jobs,
            cache_dir=cache_dir,
            use_cache=not no_cache,
            progress=progress,
        )

    result = _run_build(run, message_lang, display)
    stdout = terminal()
    for output in result.outputs:
        stdout.print(describe_output(output, message_lang), markup=False)
    stdout.print(str(result.manifest), markup=False)


@app.command(cls=LocalizedCommand, help=N_("cli.verify.help"))
def verify(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(metavar="DIR", help=N_("cli.verify.folder")),
    ],
    evidence: Annotated[
        Path | None,
        typer.Option("--evidence", help=N_("cli.verify.evidence"), file_okay=False),
    ] = None,
    inputs: Annotated[
        Path | None,
        typer.Option(
            "--inputs",
            help=N_("cli.verify.inputs"),
            file_okay=False,
        ),
    ] = None,
    lang: LangOption = None,
    trust: TrustOption = None,
    require_signature: RequireSignatureOption = False,
    passphrase_file: VerifyPassphraseFileOption = None,
) -> None:
    language = speak(ctx, lang.value if lang else default_language())
    result = verify_folder(folder, evidence_dir=evidence, inputs_dir=inputs)
    console = terminal()
    for problem in result.discrepancies:
        console.print(problem.text(language), markup=False)
    signatures_ok = _print_signatures(folder, trust, require_signature, passphrase_file, language)
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
    raise typer.Exit(EXIT_OK if result.ok and signatures_ok else EXIT_DATA)


def _print_signatures(
    folder: Path,
    trust: list[Path] | None,
    require: bool,
    passphrase_file: Path | None,
    language: str,
) -> bool:
    """Print what verify found of each PDF's signatures; False when one fails (broken, or not
    vouched for by the --trust roots) or, with
    ``require``, when a PDF is unsigned or could not be checked)."""
    passphrase = (
        read_passphrase(passphrase_file, N_("cli.prompt_annex_passphrase"), language, confirm=False)
        if passphrase_file is not None
        else None
    )
    console = terminal()
    ok = True
    for file in check_folder_signatures(folder, trust, passphrase):
        for said in file.messages():
            console.print(in_language(said, language), markup=False)
        if file.failed or (require and file.status in ("unsigned", "encrypted")):
            ok = False
    return ok


@app.command(cls=LocalizedCommand, help=N_("cli.diff.help"))
def diff(
    ctx: typer.Context,
    old: Annotated[
        Path,
        typer.Argument(metavar="OLD", help=N_("cli.diff.old")),
    ],
    new: Annotated[Path, typer.Argument(metavar="NEW", help=N_("cli.diff.new"))],
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="REPORT.html",
            help=N_("cli.diff.html"),
            dir_okay=False,
        ),
    ] = None,
    context: Annotated[
        int,
        typer.Option("--context", min=0, help=N_("cli.diff.context")),
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


@app.callback(help=N_("cli.help"))
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help=N_("cli.option.version")
        ),
    ] = False,
) -> None:
    """The options of `dossier` itself (its help is the catalog's "cli.help")."""


#: The exit code of a command stopped by SIGTERM, as shells report a process it killed.
EXIT_TERMINATED = 128 + signal.SIGTERM


def main() -> None:
    """Console-script entry point: never let a traceback reach the user for a usage error.

    SIGTERM (``kill``, a service manager, a CI timeout) stops a command as Ctrl-C does: the
    cleanup a KeyboardInterrupt runs (workers ended, the renderer's private folder and the
    output folder's temporaries removed, no output half-written) runs, and the exit code is
    143. A second SIGTERM during that cleanup is ignored.
    """
    terminated: list[int] = []

    def stop(signum: int, _frame: object) -> None:
        terminated.append(signum)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt

    # Only the main thread may set a signal handler (a caller may run main() elsewhere).
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, stop) if in_main_thread else None
    try:
        app()
    except SystemExit:
        if terminated:
            raise SystemExit(EXIT_TERMINATED) from None
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
