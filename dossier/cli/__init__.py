"""The `dossier` command line: parse options, call the library, print."""

from dossier.cli.app import main

__all__ = ["main"]
