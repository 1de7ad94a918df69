"""Why an input cannot be read at all: the workbook, a CSV file or the column mapping."""

from __future__ import annotations

from dossier.errors import DossierError

__all__ = ["LoadError", "MappingError"]


class LoadError(DossierError):
    """The input cannot be read at all. ``key`` picks the message; ``params`` fill it in."""

    def __init__(self, key: str, /, **params: str) -> None:
        super().__init__(key, **params)


class MappingError(LoadError):
    """The ``--mapping`` file is unusable: a usage error, not a data error."""

    usage = True
