"""Validating a workbook of the desk's folder: the CLI's report, and the choices left open."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from dossier.commands.mapping_draft import MappingDraft, draft_mapping
from dossier.desk.workspace import Workspace
from dossier.input.errors import LoadError
from dossier.input.mapping import load_mapping_file
from dossier.input.problems import Severity
from dossier.validate.rows import load_and_validate
from dossier.validate.validation_report import ProblemGroup, ValidationReport

__all__ = ["Checked", "Checker", "ReportSheet"]


@dataclass
class ReportSheet:
    """The problem groups of one sheet, as the CLI's report prints them in one table."""

    title: str
    groups: list[ProblemGroup]


@dataclass
class Checked:
    """What validating one workbook gave: its report and open choices, or why it was refused."""

    report: ValidationReport | None = None
    refusal: LoadError | None = None
    draft: MappingDraft = field(default_factory=MappingDraft)

    def sheets(self) -> list[ReportSheet]:
        """The report grouped per sheet, then per (column, wording, problem) with its rows."""
        if self.report is None:
            return []
        sheets = []
        for (file, sheet), groups in groupby(
            self.report.grouped(), key=lambda g: (g.first.file, g.first.sheet or "")
        ):
            title = f"{Path(file).name} — {sheet}" if sheet and sheet != file else Path(file).name
            sheets.append(ReportSheet(title, list(groups)))
        return sheets

    @property
    def errors(self) -> int:
        return 0 if self.report is None else len(self.report.errors)

    def completeness(self) -> list[ProblemGroup]:
        if self.report is None:
            return []
        return [g for g in self.report.grouped() if g.first.code.startswith("completeness_")]


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


class Checker:
    """Validates workbooks one at a time (concurrent clicks wait for the one validation) and
    keeps the last result of each until the workbook or its mapping file changes."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._lock = threading.Lock()
        self._results: dict[str, tuple[object, Checked]] = {}

    def check(self, name: str) -> Checked:
        path = self.workspace.workbook(name)
        mapping = self.workspace.mapping_path(name)
        with self._lock:
            stamp = (_stamp(path), _stamp(mapping))
            kept = self._results.get(name)
            if kept is not None and kept[0] == stamp:
                return kept[1]
            checked = self._check_now(path, mapping)
            self._results[name] = (stamp, checked)
            return checked

    def forget(self, name: str) -> None:
        with self._lock:
            self._results.pop(name, None)

    @staticmethod
    def _check_now(path: Path, mapping: Path) -> Checked:
        try:
            decided = load_mapping_file(mapping) if mapping.exists() else None
            # As a build checks: a column of data no field reads is an error, not a warning.
            _dataset, report = load_and_validate(path, mapping=decided, for_build=True)
            unread = any(
                problem.code.startswith(("unknown_", "ignored_column"))
                for problem in report.problems
            )
            draft = (
                draft_mapping(path, "en", decided) if unread or not report.ok else MappingDraft()
            )
        except LoadError as refusal:
            return Checked(refusal=refusal)
        return Checked(report=report, draft=draft)


def severity_class(group: ProblemGroup) -> str:
    """The CSS class of a group's row: error or warning."""
    return "error" if group.first.severity is Severity.ERROR else "warning"
