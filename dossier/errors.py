"""The one base of every failure a user can meet, rendered in French or English at the edge."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, ClassVar

from dossier.i18n.messages import Message, message
from dossier.i18n.printable import printable

__all__ = ["BuildError", "ChoiceError", "DossierError", "UsageError"]


class DossierError(Exception):
    """A failure a user can meet: ``key`` picks the message in the catalog, ``params`` fill it.

    ``str(error)`` is the English text (logs, tracebacks, tests); :meth:`text` tells it in the
    user's language, which the command line does. ``usage`` marks a mistake in how dossier was
    called (exit code 2) rather than in the data, the templates or the machine (exit code 1).
    A parameter may itself be a :class:`~dossier.i18n.messages.Message` (a reason, a list of
    problems): it is told in the same language.
    """

    usage: ClassVar[bool] = False

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def text(self, lang: str) -> str:
        """The message in ``lang`` ("fr" or "en")."""
        return message(self.key, lang, **_printable_params(self.params))

    def lines(self, lang: str) -> list[str]:
        """What the command line prints, one line each (a long list of problems: one per line)."""
        return [self.text(lang)]

    def as_message(self) -> Message:
        """The same message, to quote inside another one or to carry as a note."""
        return Message(self.key, **self.params)

    def __str__(self) -> str:
        return self.text("en")

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors travel back from the worker processes: rebuilt with their attributes, whatever
        # arguments a subclass's __init__ takes.
        return (_rebuild_error, (type(self), self.key, dict(self.__dict__)))


def _printable_params(params: dict[str, object]) -> dict[str, object]:
    """``params`` as an error tells them: every text made printable (a file or sheet name, a
    reason quoted from a library may hold ESC or direction controls, and the message goes to a
    terminal or a log), inside the messages and lists it carries too; numbers as they are."""
    return {name: _printable_value(value) for name, value in params.items()}


def _printable_value(value: object) -> object:
    if isinstance(value, Message):
        return Message(value.key, **_printable_params(value.params))
    if isinstance(value, list | tuple):
        return [_printable_value(item) for item in value]
    if isinstance(value, str | PurePath):
        return printable(str(value))
    return value


def _rebuild_error(kind: type[DossierError], key: str, state: dict[str, Any]) -> DossierError:
    error = kind.__new__(kind)
    error.args = (key,)
    error.__dict__.update(state)
    return error


class UsageError(DossierError):
    """Dossier was called the wrong way: an unknown choice, options that exclude each other."""

    usage = True


class BuildError(DossierError):
    """A template, the config or the renderer failed; nothing was written."""


class ChoiceError(UsageError, ValueError):
    """A layout, language, format or audience dossier does not know (a ``ValueError`` too, as
    Python callers expect of a bad argument)."""
