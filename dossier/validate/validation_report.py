"""The validation report: every problem with its position, and a count of every row read."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from dossier.i18n.catalog import N_
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

    def grouped(self) -> list[ProblemGroup]:
        """The problems as the text report shows them: one group per (sheet, column, wording,
        problem), in report order, each with the rows it occurs on."""
        groups: dict[tuple[Any, ...], ProblemGroup] = {}
        for problem in self.sorted_problems():
            varying = _VARYING.get(problem.code, frozenset())
            shared = tuple((key, value) for key, value in problem.params if key not in varying)
            key = (
                problem.file,
                problem.sheet,
                problem.severity,
                problem.column,
                problem.header,
                problem.code,
                problem.value,
                shared,
            )
            group = groups.get(key)
            if group is None:
                group = groups[key] = ProblemGroup(problem)
            group.problems.append(problem)
        return sorted(groups.values(), key=_group_order)

    def render_terminal(self, lang: str, console: Any) -> None:
        """Print the problems grouped, as one table per sheet, then the reconciliation and a
        summary: one line per (column, wording, problem) with its rows; a column's accepted
        values once, under its table."""
        # rich: only when a report is printed on a terminal (slow to import)
        from rich.table import Table
        from rich.text import Text

        if self.problems:
            console.print(Text(label("title", lang), style="bold"))
        for (file, sheet), sheet_groups in groupby(
            self.grouped(), key=lambda g: (g.first.file, g.first.sheet or "")
        ):
            title = f"{file} — {sheet}" if sheet and sheet != file else file
            table = Table(title=Text(title), title_justify="left", expand=False)
            table.add_column(label("severity", lang), no_wrap=True)
            table.add_column(label("rows", lang), overflow="fold", max_width=28)
            table.add_column(label("column", lang), overflow="fold", max_width=24)
            table.add_column(label("value", lang), overflow="fold", max_width=30)
            table.add_column(label("problem", lang), overflow="fold", min_width=30)
            accepted: dict[tuple[str, str], str] = {}  # (column, vocabulary) → accepted values
            for group in sheet_groups:
                problem = group.first
                colour = "red" if problem.severity is Severity.ERROR else "yellow"
                column = problem.column or ""
                if problem.header:
                    column = f"{column} ({problem.header})" if column else problem.header
                if problem.code == "unknown_term":
                    vocabulary = dict(problem.params)["vocabulary"]
                    accepted.setdefault((column, vocabulary), problem.accepted(lang))
                # Cell text goes in as Text, never as markup: "[red]" in a cell stays literal.
                table.add_row(
                    Text(label(problem.severity.value, lang), style=colour),
                    Text(group.rows_text(lang)),
                    Text(column),
                    Text(_shorten(problem.value)),
                    Text(group.message(lang)),
                )
            console.print(table)
            for (column, _vocabulary), values in accepted.items():
                console.print(Text(message("accepted_values", lang, column=column, values=values)))
        for line in self.reconciliation(lang):
            console.print(Text(line))
        colour = "green" if self.ok else "red"
        console.print(Text(self.summary(lang), style=f"bold {colour}"))


# Problems whose parameters differ row by row but say the same thing (a deadline computed from
# each incident's date): grouped together, the differing values shown next to each row.
_VARYING: dict[str, frozenset[str]] = {
    "completeness_limitation_near": frozenset({"deadline"}),
    "completeness_limitation_past": frozenset({"deadline"}),
    "completeness_limitation_near_extended": frozenset({"deadline"}),
    "completeness_limitation_past_extended": frozenset({"deadline"}),
    "completeness_limitation_suspension_running": frozenset({"deadline"}),
    "completeness_limitation_suspension_began": frozenset({"deadline"}),
    "completeness_limitation_imprecise": frozenset({"deadline", "latest"}),
}
# The text report's wording of an unknown value: its accepted values are printed once, below.
N_("unknown_term.grouped")
# How many rows a group lists before "…".
ROWS_LISTED = 8


@dataclass
class ProblemGroup:
    """Problems that say the same thing about the same column, on different rows."""

    first: Problem
    problems: list[Problem] = field(default_factory=list)

    @property
    def rows(self) -> list[int]:
        return [problem.row for problem in self.problems if problem.row is not None]

    def row_labels(self, lang: str) -> list[tuple[Problem, str]]:
        """The first rows listed, each with its label: "3", or "3 (what varies)"."""
        varying = _VARYING.get(self.first.code, frozenset())
        shown = []
        for problem in self.problems[:ROWS_LISTED]:
            if problem.row is None:
                continue
            extra = [problem.param_text(key, lang) for key in sorted(varying)]
            shown.append(
                (problem, f"{problem.row} ({', '.join(extra)})" if extra else str(problem.row))
            )
        return shown

    def rows_text(self, lang: str) -> str:
        """ "3, 7, 12 … (× 11)": the first rows, with what varies from one to the next."""
        text = ", ".join(shown for _problem, shown in self.row_labels(lang))
        if len(self.problems) > ROWS_LISTED:
            text += " …"
        if len(self.problems) > 1:
            text += f" (× {len(self.problems)})"
        return text

    def message(self, lang: str) -> str:
        """The problem, said once for the group (a varying value: "see each row")."""
        varying = _VARYING.get(self.first.code, frozenset())
        if self.first.code == "unknown_term":
            return self.first.message(lang, code="unknown_term.grouped")
        if varying and len(self.problems) > 1:
            # The legal wording stays the catalog's own; the varying value points to the rows.
            per_row = label("varies_per_row", lang)
            return self.first.message(lang, overrides=dict.fromkeys(varying, per_row))
        return self.first.message(lang)


def _group_order(group: ProblemGroup) -> tuple[Any, ...]:
    problem = group.first
    order = {"incidents": 0, "persons": 1, "evidence": 2, "proceedings": 3}
    return (
        problem.file,
        order.get(problem.sheet or "", 9),
        problem.sheet or "",
        _column_order(problem.column),
        problem.row or 0,
        problem.code,
    )


def _column_order(column: str | None) -> tuple[int, str]:
    return (len(column or ""), column or "")


def _shorten(value: str | None, limit: int = 60) -> str:
    if value is None:
        return ""
    return value if len(value) <= limit else value[: limit - 1] + "…"
