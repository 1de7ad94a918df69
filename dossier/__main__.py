"""Run the command line with `python -m dossier`."""

from dossier.cli.app import main

main()
