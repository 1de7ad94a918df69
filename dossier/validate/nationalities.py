"""How a persons sheet's nationality cell was read: the warning that says so, or nothing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol, TypeVar

from dossier.schema.nationalities import read_nationality
from dossier.validate.cells import CellError, quoted


def nationality_warning(text: str) -> CellError | None:
    """The warning for a nationality cell (dossier/schema/nationalities.py), or None.

    A country's name or another spelling is read as the vocabulary's nationality, said with
    ``nationality_read_as``; one the vocabulary does not know is kept as typed and printed marked
    as untranslated (``nationality_unknown``). Never an error: old workbooks stay valid.
    """
    reading = read_nationality(text)
    found = reading.nationality
    if found is None:
        return CellError("nationality_unknown", quoted(reading.text))
    if reading.exact:
        return None
    return CellError(
        "nationality_read_as",
        quoted(reading.text),
        term=found.code,
        fr=found.fr_masculine,
        en=found.en,
    )


class _Row(Protocol):
    def get(self, key: str) -> Any: ...

    def has_error(self, key: str) -> bool: ...


RowT = TypeVar("RowT", bound=_Row)


def nationality_warnings(rows: Iterable[RowT]) -> Iterator[tuple[RowT, CellError]]:
    """Each row of the persons sheet whose nationality cell deserves a word, with that word."""
    for row in rows:
        text = row.get("nationality")
        if text and not row.has_error("nationality"):
            warning = nationality_warning(str(text))
            if warning is not None:
                yield row, warning
