"""Run the command line with `python -m dossier`."""

from dossier.cli import main

main()
