"""The `dossier` command line: a thin layer that parses options, calls the library and prints."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from dossier import __version__
from dossier.load import LoadError, MappingError
from dossier.messages import default_language, message

app = typer.Typer(
    name="dossier",
    help="Turn an incident log into dossiers: complaint files to the Défenseur des droits and "
    "NGO reports, in French and English.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class Lang(StrEnum):
    fr = "fr"
    en = "en"


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


def _console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _fail_load(error: LoadError, lang: str) -> typer.Exit:
    """Print a one-line load error and return the exit to raise."""
    _console(stderr=True).print(message(error.key, lang, **error.params), markup=False)
    return typer.Exit(EXIT_USAGE if isinstance(error, MappingError) else EXIT_DATA)


LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="Language of messages: fr or en (default: from the locale)."),
]
MappingOption = Annotated[
    Path | None,
    typer.Option(
        "--mapping",
        help="TOML file renaming the columns of another export: [incidents] \"Their header\" = "
        '"date".',
        exists=True,
        dir_okay=False,
    ),
]
EvidenceOption = Annotated[
    Path | None,
    typer.Option(
        "--evidence",
        help="Folder holding the evidence files (default: 'evidence' next to the input).",
        file_okay=False,
    ),
]


@app.command()
def validate(
    source: Annotated[
        Path, typer.Argument(help="Incident workbook: .xlsx, .ods, .csv, or a folder of CSVs.")
    ],
    lang: LangOption = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", help="text: a readable table; json: the machine-readable report."),
    ] = ReportFormat.text,
    mapping: MappingOption = None,
    evidence: EvidenceOption = None,
) -> None:
    """Check the incident workbook and list every problem with its file, sheet, row and column.

    Exit code 0 when the data is valid (warnings allowed), 1 when it has errors or cannot be read,
    2 for a usage error.
    """
    from dossier.validate import load_and_validate

    language = (lang or default_language()).value if lang else default_language()
    try:
        _dataset, report = load_and_validate(source, mapping=mapping, evidence_dir=evidence)
    except LoadError as error:
        raise _fail_load(error, language) from None
    if output_format is ReportFormat.json:
        sys.stdout.write(report.to_json_text(language))
    else:
        report.render_terminal(language, _console())
    raise typer.Exit(EXIT_OK if report.ok else EXIT_DATA)


@app.command()
def schema(
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write the JSON Schema files into.")
    ] = Path("schemas"),
) -> None:
    """Write the JSON Schema of the four record types (incidents, persons, evidence, proceedings)."""
    from dossier.schema import write_schemas

    for path in write_schemas(out):
        _console().print(str(path), markup=False)


def version_callback(value: bool) -> None:
    if value:
        _console().print(f"dossier {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show version."),
    ] = False,
) -> None:
    """Turn an incident log into dossiers."""


def main() -> None:
    """Console-script entry point: never let a traceback reach the user for a usage error."""
    app()
