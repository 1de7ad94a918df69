"""What the desk's pages show, made from the library's results: plain values for the templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dossier.commands.mapping_draft import OpenHeader, OpenWording
from dossier.desk.builds import BuildJob
from dossier.desk.checking import Checked, severity_class
from dossier.desk.rows import row_address
from dossier.desk.workspace import Workspace
from dossier.i18n.messages import label, message
from dossier.input.mapping import resolve_field, value_vocabulary
from dossier.schema.fields import sheet_for_name
from dossier.schema.vocab import Vocabulary
from dossier.validate.validation_report import ProblemGroup

__all__ = ["build_view", "workbook_view"]

# How long a value is shown in the report's table before "…" (as the terminal report does).
_VALUE_SHOWN = 60


@dataclass(frozen=True)
class RowLink:
    label: str
    href: str


@dataclass(frozen=True)
class ReportRow:
    kind: str
    severity: str
    rows: str
    row_links: list[RowLink]
    rows_tail: str  # what follows the linked rows: " … (× 24)"
    column: str
    value: str
    message: str


@dataclass(frozen=True)
class SheetView:
    title: str
    rows: list[ReportRow]


@dataclass(frozen=True)
class HeaderChoice:
    table: str
    text: str
    where: str
    candidates: list[tuple[str, str]]
    others: list[tuple[str, str]]


@dataclass(frozen=True)
class WordingChoice:
    field: str
    column: str
    text: str
    where: str
    proposal: str | None
    candidates: list[tuple[str, str]]
    others: list[tuple[str, str]]


def _row(group: ProblemGroup, lang: str, workbook: str) -> ReportRow:
    problem = group.first
    labelled = group.row_labels(lang)
    links = [
        RowLink(shown, href)
        for one, shown in labelled
        if (href := row_address(workbook, one)) is not None
    ]
    rows = group.rows_text(lang)
    tail = rows[len(", ".join(shown for _one, shown in labelled)) :]
    column = problem.column or ""
    if problem.header:
        column = f"{column} ({problem.header})" if column else problem.header
    value = problem.value or ""
    if len(value) > _VALUE_SHOWN:
        value = value[: _VALUE_SHOWN - 1] + "…"
    return ReportRow(
        severity_class(group),
        label(problem.severity.value, lang),
        rows,
        links if len(links) == len(labelled) else [],
        tail,
        column,
        value,
        group.message(lang),
    )


def _where(rows: tuple[int, ...], lang: str) -> str:
    if not rows:
        return message("mapping_draft.empty", lang)
    shown = ", ".join(str(number) for number in rows[:6]) + (" …" if len(rows) > 6 else "")
    return message("mapping_draft.rows", lang, count=len(rows), rows=shown)


def _terms(
    vocabulary: Vocabulary | None, codes: tuple[str, ...], lang: str
) -> list[tuple[str, str]]:
    if vocabulary is None:
        return [(code, code) for code in codes]
    return [(code, f"{vocabulary.label(code, lang)} ({code})") for code in codes]


def _header_choice(item: OpenHeader, lang: str) -> HeaderChoice:
    spec = sheet_for_name(item.table)
    fields = {column.key: column for column in spec.fields} if spec is not None else {}

    def named(key: str) -> tuple[str, str]:
        column = fields.get(key)
        return (key, f"{column.header(lang)} ({key})" if column is not None else key)

    others = [named(key) for key in sorted(fields) if key not in item.candidates]
    return HeaderChoice(
        item.table,
        item.header,
        _where(item.rows, lang),
        [named(key) for key in item.candidates],
        others,
    )


def _wording_choice(item: OpenWording, lang: str) -> WordingChoice:
    columns = [column for column in resolve_field(item.field) if value_vocabulary(column)]
    vocabulary = value_vocabulary(columns[0]) if columns else None
    first = (item.proposal,) if item.proposal else item.candidates
    others = tuple(code for code in item.codes if code not in first)
    return WordingChoice(
        item.field,
        item.column,
        item.text,
        _where(item.rows, lang),
        item.proposal,
        _terms(vocabulary, first, lang),
        _terms(vocabulary, others, lang),
    )


def workbook_view(checked: Checked, lang: str, workbook: str) -> dict[str, Any]:
    """The workbook page's values: the grouped report and the choices left open."""
    if checked.refusal is not None:
        return {"refusal": checked.refusal.lines(lang), "ok": False}
    report = checked.report
    assert report is not None
    sheets = [
        SheetView(sheet.title, [_row(group, lang, workbook) for group in sheet.groups])
        for sheet in checked.sheets()
    ]
    return {
        "refusal": None,
        "ok": report.ok,
        "summary": report.summary(lang),
        "reconciliation": report.reconciliation(lang),
        "sheets": sheets,
        "headers": [_header_choice(item, lang) for item in checked.draft.open_headers],
        "wordings": [_wording_choice(item, lang) for item in checked.draft.open_wordings],
    }


@dataclass(frozen=True)
class OutputLink:
    path: str
    detail: str


@dataclass(frozen=True)
class ChecklistItem:
    message: str
    rows: str


def build_view(
    job: BuildJob, workspace: Workspace, lang: str, latest: str | None = None
) -> dict[str, Any]:
    """The build page's values: progress, or what was written and what a complaint lacks."""
    view: dict[str, Any] = {
        "job": job,
        "progress": job.status(lang),
        "failure": job.failure(lang),
        "out_folder": str(workspace.out),
        "outputs": [],
        "checklist": [],
        "compared": False,
        "local": False,
    }
    record = job.record
    if not job.finished or record is None:
        return view
    links = []
    # Only what the output folder holds now: a state file edited to name "../x" or "/etc/x"
    # shows nothing of a file elsewhere, not even its size.
    present = set(workspace.outputs())
    for relative in record.outputs:
        if relative not in present:
            continue  # removed since, or replaced by a later build's outputs
        path = workspace.out / relative
        links.append(OutputLink(relative, f"{path.stat().st_size / 1024:.0f} KiB"))
    view["outputs"] = links
    view["checklist"] = [ChecklistItem(text, rows) for text, rows in record.checklist.get(lang, [])]
    view["compared"] = record.compared and job.id == latest and workspace.previous.is_dir()
    return view
