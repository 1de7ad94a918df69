"""The command group of `dossier`: every failure a user can meet caught once, told in the
command's language, with its exit code."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from dossier.build.errors import DataInvalid
from dossier.cli.output import console
from dossier.errors import DossierError
from dossier.i18n.messages import default_language

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "DossierGroup", "speak"]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

#: Where a command notes the language of its messages, for the error it may end with.
_MESSAGES_LANGUAGE = "dossier.messages_language"


def speak(ctx: typer.Context, lang: str) -> str:
    """Note ``lang`` as the language of this command's messages (and errors); return it."""
    ctx.meta[_MESSAGES_LANGUAGE] = lang
    return lang


def _language_of(ctx: Any) -> str:
    return str(ctx.meta.get(_MESSAGES_LANGUAGE) or default_language())


class DossierGroup(TyperGroup):
    """The `dossier` command group: it ends every failure a user can meet, told in the
    command's language, with exit code 2 for a usage mistake and 1 for anything else."""

    # ``Any``: typer hands its own (vendored) click context, which it does not export by name.
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
                stderr.print(line, markup=False)
            raise typer.Exit(EXIT_USAGE if error.usage else EXIT_DATA) from None
