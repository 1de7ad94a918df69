"""`dossier desk`: its options, and starting the desk's server (the desk is dossier.desk)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated

import typer

from dossier.cli.localized import speak
from dossier.cli.output import console as terminal
from dossier.cli.sending import read_passphrase
from dossier.desk.server import LOOPBACK, DeskServer, keep_temporaries_in, open_browser
from dossier.errors import UsageError
from dossier.i18n.catalog import N_
from dossier.i18n.messages import default_language, message, os_reason

__all__ = ["desk"]


def desk(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Option("--folder", help=N_("cli.desk.folder"), file_okay=False, exists=True),
    ] = Path("."),
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help=N_("cli.desk.port"))] = 8765,
    host: Annotated[str, typer.Option("--host", help=N_("cli.desk.host"))] = LOOPBACK,
    lang: Annotated[str | None, typer.Option("--lang", help=N_("cli.desk.lang"))] = None,
    allow_remote: Annotated[
        bool, typer.Option("--allow-remote", help=N_("cli.desk.allow_remote"))
    ] = False,
    password_file: Annotated[
        Path | None,
        typer.Option("--password-file", help=N_("cli.desk.password_file"), dir_okay=False),
    ] = None,
    server_name: Annotated[
        list[str] | None, typer.Option("--server-name", help=N_("cli.desk.server_name"))
    ] = None,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help=N_("cli.desk.no_browser"))
    ] = False,
) -> None:
    if lang is not None and lang not in ("fr", "en"):
        raise UsageError("cli.bad_choice", option="--lang", value=lang, allowed="fr, en")
    language = speak(ctx, lang or default_language())
    password = None
    if allow_remote:
        password = read_passphrase(
            password_file, N_("cli.desk.prompt_password"), language, confirm=True
        )
    try:
        server = DeskServer(
            folder,
            host=host,
            port=port,
            lang=language,
            allow_remote=allow_remote,
            password=password,
            server_names=tuple(server_name or ()),
        )
    except OSError as error:
        raise UsageError(
            "cli.desk.cannot_listen", host=host, port=port, reason=os_reason(error)
        ) from None
    keep_temporaries_in(folder)
    url = server.url
    running = message("cli.desk.running", language, folder=folder.resolve(), url=url)
    terminal().print(running, markup=False, soft_wrap=True)
    # Ctrl-C is how a desk is closed: uvicorn has shut down when it comes back up to here.
    with contextlib.suppress(KeyboardInterrupt):
        server.serve(on_ready=None if no_browser else lambda: open_browser(url))
