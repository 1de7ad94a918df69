"""The options of what is sent with a dossier (bundle, identity annex, signature) and of
verify's signature checks; passphrases read from a file or prompted, never from the command
line (where `ps` and the shell's history would show them)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dossier.build.enclosures import Enclosures
from dossier.errors import UsageError
from dossier.i18n.catalog import N_
from dossier.i18n.messages import message

BundleOption = Annotated[
    bool | None,
    typer.Option("--bundle/--no-bundle", help=N_("cli.build.bundle"), show_default=False),
]
MaxPartSizeOption = Annotated[
    float | None,
    typer.Option("--max-part-size", metavar="MB", help=N_("cli.build.max_part_size")),
]
IdentityAnnexOption = Annotated[
    bool,
    typer.Option("--identity-annex", help=N_("cli.build.identity_annex")),
]
PassphraseFileOption = Annotated[
    Path | None,
    typer.Option("--passphrase-file", help=N_("cli.build.passphrase_file"), dir_okay=False),
]
SignOption = Annotated[
    Path | None,
    typer.Option("--sign", metavar="KEY.p12", help=N_("cli.build.sign"), dir_okay=False),
]
SignPassphraseFileOption = Annotated[
    Path | None,
    typer.Option(
        "--sign-passphrase-file", help=N_("cli.build.sign_passphrase_file"), dir_okay=False
    ),
]
TimestampUrlOption = Annotated[
    str | None,
    typer.Option("--timestamp-url", metavar="URL", help=N_("cli.build.timestamp_url")),
]
TrustOption = Annotated[
    list[Path] | None,
    typer.Option("--trust", metavar="CERT.pem", help=N_("cli.verify.trust"), dir_okay=False),
]
VerifyPassphraseFileOption = Annotated[
    Path | None,
    typer.Option("--passphrase-file", help=N_("cli.verify.passphrase_file"), dir_okay=False),
]
RequireSignatureOption = Annotated[
    bool,
    typer.Option("--require-signature", help=N_("cli.verify.require_signature")),
]


def read_passphrase(file: Path | None, prompt_key: str, lang: str, *, confirm: bool) -> str:
    """The passphrase in ``file`` (its first line), else typed at the terminal, unseen."""
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise UsageError("cli.passphrase_file_unreadable", file=file) from None
        passphrase = text.splitlines()[0] if text.splitlines() else ""
        if not passphrase:
            raise UsageError("cli.passphrase_file_empty", file=file)
        return passphrase
    if not sys.stdin.isatty():
        raise UsageError("cli.passphrase_needed", prompt=message(prompt_key, lang))
    typed: str = typer.prompt(
        message(prompt_key, lang), hide_input=True, confirmation_prompt=confirm, err=True
    )
    return typed


def enclosures_from_options(
    lang: str,
    *,
    bundle: bool | None,
    max_part_size: float | None,
    identity_annex: bool,
    passphrase_file: Path | None,
    sign: Path | None,
    sign_passphrase_file: Path | None,
    timestamp_url: str | None,
) -> Enclosures:
    """The build's :class:`Enclosures` from the command's options (passphrases asked for)."""
    if passphrase_file is not None and not identity_annex:
        raise UsageError("cli.passphrase_without_annex")
    if (sign_passphrase_file is not None or timestamp_url is not None) and sign is None:
        raise UsageError("cli.sign_options_without_key")
    annex_passphrase = None
    if identity_annex:
        annex_passphrase = read_passphrase(
            passphrase_file, N_("cli.prompt_annex_passphrase"), lang, confirm=True
        )
    sign_passphrase = None
    if sign is not None:
        sign_passphrase = read_passphrase(
            sign_passphrase_file, N_("cli.prompt_sign_passphrase"), lang, confirm=False
        )
    return Enclosures(
        bundle=bundle,
        max_part_mb=max_part_size,
        annex_passphrase=annex_passphrase,
        sign_key=sign,
        sign_passphrase=sign_passphrase,
        timestamp_url=timestamp_url,
    )
