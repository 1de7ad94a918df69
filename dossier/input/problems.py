"""One problem found in the input, located by file, sheet, row and column, told in FR or EN."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dossier.i18n.l10n import long_date, short_date
from dossier.i18n.messages import message, q
from dossier.i18n.printable import printable
from dossier.schema.fields import SHEETS_BY_KEY
from dossier.schema.vocab import BY_NAME, YES_NO_UNKNOWN

__all__ = ["Problem", "Severity"]

# Message parameters that hold an ISO date, shown the reader's way (« 30/06/2021 »).
_DATE_PARAMS = frozenset({"deadline", "latest", "reading", "signature", "verified_through"})
# Of those, the ones shown in words (« 3 mars 2015 »), to check a date read from words.
_LONG_DATE_PARAMS = frozenset({"reading"})
# Message parameters that hold a yes/no code (see Problem.message).
_YES_NO_PARAMS = frozenset({"minor"})


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in the input, located as precisely as the input allows."""

    severity: Severity
    code: str
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None  # the spreadsheet's column letter
    header: str | None = None
    value: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        # Every text a problem echoes comes from the input (a file, sheet or header name, a cell)
        # and goes to a terminal, a log or a JSON report: made printable once, here.
        for name in ("file", "sheet", "header", "value"):
            text = getattr(self, name)
            if text is not None:
                object.__setattr__(self, name, printable(text))
        object.__setattr__(
            self, "params", tuple((key, printable(str(value))) for key, value in self.params)
        )

    def accepted(self, lang: str) -> str:
        """The accepted values of this problem's vocabulary, in ``lang``."""
        vocabulary = BY_NAME[dict(self.params)["vocabulary"]]
        return ", ".join(term.label(lang) for term in vocabulary.terms)

    def param_text(self, key: str, lang: str) -> str:
        """One parameter as the message shows it (a date in the reader's way of writing it)."""
        value = dict(self.params)[key]
        if key in _DATE_PARAMS:
            precision = dict(self.params).get(key + "_precision", "exact")
            write = long_date if key in _LONG_DATE_PARAMS else short_date
            try:
                return write(dt.date.fromisoformat(value), lang, precision)
            except ValueError:
                return value
        return value

    def message(
        self, lang: str, code: str | None = None, overrides: dict[str, str] | None = None
    ) -> str:
        """The problem told in ``lang``; the text report of a group of rows may give another
        message ``code`` and parameter ``overrides``."""
        params: dict[str, object] = dict(self.params)
        for key in _DATE_PARAMS & params.keys():
            params[key] = self.param_text(key, lang)
        params.update(overrides or {})
        params.setdefault("value", q(self.value, lang) if self.value is not None else "")
        # Yes/no answers are stored as codes and shown in the reader's language.
        for key in _YES_NO_PARAMS & params.keys():
            params[key] = YES_NO_UNKNOWN.label(str(params[key]), lang)
        # Vocabulary problems name the vocabulary and its terms in the reader's language.
        if "vocabulary" in params:
            vocabulary = BY_NAME[str(params["vocabulary"])]
            params["vocabulary"] = vocabulary.title(lang)
            params["accepted"] = ", ".join(term.label(lang) for term in vocabulary.terms)
            if "suggestion" in params:
                params["suggestion"] = q(vocabulary.label(str(params["suggestion"]), lang), lang)
            if "candidates" in params:
                params["candidates"] = ", ".join(
                    q(vocabulary.label(code, lang), lang)
                    for code in str(params["candidates"]).split(";")
                )
        # Column problems name the fields a header may mean, in the reader's language.
        if "fields" in params and str(params.get("sheet_key")) in SHEETS_BY_KEY:
            spec = SHEETS_BY_KEY[str(params.pop("sheet_key"))]
            params["fields"] = ", ".join(
                q(spec.field(key).header(lang), lang) for key in str(params["fields"]).split(";")
            )
        return message(code or self.code, lang, **params)

    def to_json(self, lang: str) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "value": self.value,
            "message": self.message(lang),
        }
