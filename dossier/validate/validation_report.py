"""The validation report: every problem with its position, and a count of every row read."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from dossier.i18n.messages import label, message
from dossier.input.problems import Problem, Severity

REPORT_FORMAT_VERSION = 1
# The problems that say the input holds something no field reads (a column, a sheet): it
# travels unseen with the raw file, so an edition never embeds that file.
UNREAD_CODES = frozenset(
    {
        "unknown_column",
        "unknown_column_suggest",
        "unknown_column_data",
        "unknown_column_data_suggest",
        "ignored_column",
        "unknown_sheet",
    }
)


@dataclass
class SheetCount:
    """How the rows of one sheet were accounted for."""

    sheet: str
    file: str
    read: int = 0
    accepted: int = 0
    rejected: int = 0


@dataclass
class ValidationReport:
    """All problems of one run and the row accounting: read = accepted + rejected, per sheet."""

    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, SheetCount] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not any(problem.severity is Severity.ERROR for problem in self.problems)

    def sorted_problems(self) -> list[Problem]:
        order = {"incidents": 0, "persons": 1, "evidence": 2, "proceedings": 3}
        return sorted(
            self.problems,
            key=lambda p: (
                p.file,
                order.get(p.sheet or "", 9),
                p.sheet or "",
                p.row or 0,
                _column_order(p.column),
                p.code,
            ),
        )

    def reconciliation(self, lang: str) -> list[str]:
        return [
            message(
                "reconcile",
                lang,
                sheet=count.sheet,
                read=count.read,
                accepted=count.accepted,
                rejected=count.rejected,
            )
            for count in self.counts.values()
        ]

    def summary(self, lang: str) -> str:
        key = "summary_ok" if self.ok else "summary_bad"
        return message(key, lang, errors=len(self.errors), warnings=len(self.warnings))

    def to_json(self, lang: str) -> dict[str, Any]:
        """The machine-readable report (documented in docs/validation-report.md)."""
        return {
            "format_version": REPORT_FORMAT_VERSION,
            "valid": self.ok,
            "language": lang,
            "error_count": len(self.errors),
            "warning_count": len(self.warnings),
            "sheets": [
                {
                    "sheet": count.sheet,
                    "file": count.file,
                    "rows_read": count.read,
                    "accepted": count.accepted,
                    "rejected": count.rejected,
                }
                for count in self.counts.values()
            ],
            "problems": [problem.to_json(lang) for problem in self.sorted_problems()],
        }

    def to_json_text(self, lang: str) -> str:
        return json.dumps(self.to_json(lang), ensure_ascii=False, indent=2) + "\n"

    def render_terminal(self, lang: str, console: Any) -> None:
        """Print the problems as one table per sheet, then the reconciliation and a summary."""
        # rich: only when a report is printed on a terminal (slow to import)
        from rich.table import Table
        from rich.text import Text

        if self.problems:
            console.print(Text(label("title", lang), style="bold"))
        for (file, sheet), group in groupby(
            self.sorted_problems(), key=lambda p: (p.file, p.sheet or "")
        ):
            title = f"{file} — {sheet}" if sheet and sheet != file else file
            table = Table(title=Text(title), title_justify="left", expand=False)
            table.add_column(label("severity", lang), no_wrap=True)
            table.add_column(label("row", lang), justify="right", no_wrap=True)
            table.add_column(label("column", lang), overflow="fold", max_width=24)
            table.add_column(label("value", lang), overflow="fold", max_width=30)
            table.add_column(label("problem", lang), overflow="fold", min_width=30)
            for problem in group:
                colour = "red" if problem.severity is Severity.ERROR else "yellow"
                column = problem.column or ""
                if problem.header:
                    column = f"{column} ({problem.header})" if column else problem.header
                # Cell text goes in as Text, never as markup: "[red]" in a cell stays literal.
                table.add_row(
                    Text(label(problem.severity.value, lang), style=colour),
                    Text("" if problem.row is None else str(problem.row)),
                    Text(column),
                    Text(_shorten(problem.value)),
                    Text(problem.message(lang)),
                )
            console.print(table)
        for line in self.reconciliation(lang):
            console.print(Text(line))
        colour = "green" if self.ok else "red"
        console.print(Text(self.summary(lang), style=f"bold {colour}"))


def _column_order(column: str | None) -> tuple[int, str]:
    return (len(column or ""), column or "")


def _shorten(value: str | None, limit: int = 60) -> str:
    if value is None:
        return ""
    return value if len(value) <= limit else value[: limit - 1] + "…"
