"""The command group and commands of `dossier`, speaking the user's language: help texts told
from the catalogs, and every failure caught once and told with its exit code.

Typer reads help texts when the commands are declared, before the language is known. The
commands therefore declare message keys (``help=N_("cli.build.help")``), and the group tells
them, and typer's own words (panel titles, "[default: …]"), in the language of the run just
before it parses the arguments: ``--lang`` when given, else the locale.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import typer
import typer.rich_utils
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup

from dossier.build.errors import DataInvalid
from dossier.cli.output import console
from dossier.errors import DossierError
from dossier.i18n.catalog import N_
from dossier.i18n.messages import default_language, message
from dossier.i18n.printable import printable

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_USAGE",
    "DossierGroup",
    "LocalizedCommand",
    "help_language",
    "speak",
]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

#: Where a command notes the language of its messages, for the error it may end with.
_MESSAGES_LANGUAGE = "dossier.messages_language"
LANGS = ("fr", "en")

# Typer's own words in its help screens and error panels (typer.rich_utils reads these module
# attributes each time it draws), as keys: what each is told as, and how.
_TYPER_WORDS = {
    "ARGUMENTS_PANEL_TITLE": N_("cli.typer.arguments"),
    "OPTIONS_PANEL_TITLE": N_("cli.typer.options"),
    "COMMANDS_PANEL_TITLE": N_("cli.typer.commands"),
    "ERRORS_PANEL_TITLE": N_("cli.typer.error"),
    "ABORTED_TEXT": N_("cli.typer.aborted"),
}


def help_language(args: Sequence[str]) -> str:
    """The language of a run: the first of ``--lang`` (``--lang fr,en`` gives fr), else the
    locale's."""
    for index, arg in enumerate(args):
        value: str | None = None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value is not None:
            first = value.split(",")[0].strip()
            if first in LANGS:
                return first
    return default_language()


def speak(ctx: typer.Context, lang: str) -> str:
    """Note ``lang`` as the language of this command's messages (and errors); return it."""
    ctx.meta[_MESSAGES_LANGUAGE] = lang
    return lang


def _language_of(ctx: Any) -> str:
    return str(ctx.meta.get(_MESSAGES_LANGUAGE) or default_language())


def _told(key: str | None, lang: str) -> str | None:
    """A help text's key told in ``lang``, escaped for typer's rich markup (``[incidents]`` is
    text, not a style)."""
    return None if key is None else escape(message(key, lang))


def _translate(command: Any, lang: str) -> None:
    """Tell the help texts of ``command``, its parameters and its subcommands in ``lang``."""
    command.help = _told(command.help, lang)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _told(param.help, lang)
    for subcommand in getattr(command, "commands", {}).values():
        _translate(subcommand, lang)


@contextlib.contextmanager
def _typer_words(lang: str) -> Iterator[None]:
    """Typer's own words in ``lang`` while a command runs; as they were afterwards."""
    said = {name: message(key, lang) for name, key in _TYPER_WORDS.items()}
    # Typer fills these in itself: the placeholders are handed back to it.
    said["DEFAULT_STRING"] = message("cli.typer.default", lang, value="{}")
    said["REQUIRED_LONG_STRING"] = message("cli.typer.required", lang)
    said["RICH_HELP"] = message(
        "cli.typer.try_help", lang, command_path="{command_path}", help_option="{help_option}"
    )
    saved = {
        name: getattr(typer.rich_utils, name) for name in said if hasattr(typer.rich_utils, name)
    }
    try:
        for name in saved:
            setattr(typer.rich_utils, name, said[name])
        yield
    finally:
        for name, value in saved.items():
            setattr(typer.rich_utils, name, value)


class _Localized:
    """What the group and every command share: "Usage:" and the --help option in the run's
    language (click words them itself, in English)."""

    help_lang = "en"

    def get_usage(self, ctx: Any) -> str:
        formatter = ctx.make_formatter()
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        prefix = message("cli.typer.usage", self.help_lang) + " "
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=prefix)
        return str(formatter.getvalue().rstrip("\n"))

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = escape(message("cli.typer.help_option", self.help_lang))
        return option


class LocalizedCommand(_Localized, TyperCommand):
    """A `dossier` command whose usage line and --help option speak the run's language."""


class DossierGroup(_Localized, TyperGroup):
    """The `dossier` command group: it tells every help text in the run's language, and ends
    every failure a user can meet, told in the command's language, with exit code 2 for a
    usage mistake and 1 for anything else."""

    # ``Any``: typer hands its own (vendored) click context, which it does not export by name.
    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        lang = help_language(arguments)
        self._localize(lang)
        with _typer_words(lang):
            return super().main(arguments, *rest, **options)

    def _localize(self, lang: str) -> None:
        _translate(self, lang)
        pending: list[Any] = [self]
        while pending:
            command = pending.pop()
            if isinstance(command, _Localized):
                command.help_lang = lang
            pending += getattr(command, "commands", {}).values()

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DataInvalid as invalid:
            # The validation report is the answer, on stdout like `validate`'s.
            invalid.report.render_terminal(_language_of(ctx), console())
            raise typer.Exit(EXIT_DATA) from None
        except DossierError as error:
            stderr = console(stderr=True)
            for line in error.lines(_language_of(ctx)):
                # Made printable again here: a subclass's own lines (a config file's name, a
                # parser's words) do not all go through DossierError.text.
                stderr.print(printable(line), markup=False)
            raise typer.Exit(EXIT_USAGE if error.usage else EXIT_DATA) from None
