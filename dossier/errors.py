"""The one base of every failure a user can meet, rendered in French or English at the edge."""

from __future__ import annotations

__all__ = ["BuildError", "DossierError"]


class DossierError(Exception):
    """A failure a user can meet: ``key`` picks the message in the catalog, ``params`` fill it."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params


class BuildError(Exception):
    """A template, the config or the renderer failed; nothing was written."""
