"""`dossier mapping draft`: a commented mapping file proposed from a group's own workbook.

The draft lists every header no field reads, with the fields it may mean, and every wording of
a vocabulary column that no term names, with how often and on which rows it occurs. A wording
gets a proposal only when it is safe (:mod:`dossier.schema.matching`); otherwise its
candidates are in a comment and the line waits for the volunteer's choice. An existing mapping
file is merged: what it says is kept, new lines go into its tables or after them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dossier.files import write_atomic
from dossier.i18n.messages import message
from dossier.input.errors import MappingError
from dossier.input.mapping import (
    VALUE_TABLES,
    ColumnMapping,
    load_mapping_file,
    mapping_from_data,
    resolve_field,
    value_vocabulary,
)
from dossier.input.workbook import CellValue, RawSheet, load_workbook
from dossier.schema import matching
from dossier.schema.columns import IGNORE, Field, Kind
from dossier.schema.fields import sheet_for_name
from dossier.schema.header_keys import fold_key

__all__ = [
    "MappingDraft",
    "OpenHeader",
    "OpenWording",
    "draft_mapping",
    "merge_draft",
    "write_mapping_choices",
    "write_mapping_draft",
]

# How many row numbers a line of the draft lists before "…".
_ROWS_SHOWN = 6
_TABLE_LINE = re.compile(r"^\s*\[[^\[\]]+\]\s*(?:#.*)?$")


@dataclass
class _Wording:
    text: str
    rows: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class OpenHeader:
    """A header no field reads, as the draft saw it: for a form that asks the volunteer."""

    table: str  # the mapping file's table for its sheet, in the draft's language
    header: str
    rows: tuple[int, ...]  # the rows holding data under it
    candidates: tuple[str, ...]  # the field keys it may mean (one: the draft proposes it)


@dataclass(frozen=True)
class OpenWording:
    """A wording of a vocabulary column that no term names, as the draft saw it."""

    field: str  # the field key
    column: str  # the header it was read under
    text: str
    rows: tuple[int, ...]
    proposal: str | None  # the safe proposal, if any
    candidates: tuple[str, ...]  # the codes it may mean when there is no safe proposal
    codes: tuple[str, ...]  # every code of the column's vocabulary


@dataclass
class MappingDraft:
    """What a draft proposes: the lines of each table, and how many choices it leaves open."""

    tables: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    headers: int = 0  # unknown headers listed
    proposed: int = 0  # wordings with a proposal
    to_choose: int = 0  # wordings left to the volunteer
    # The same, as data (the desk's form asks them): every unknown header and wording.
    open_headers: list[OpenHeader] = field(default_factory=list)
    open_wordings: list[OpenWording] = field(default_factory=list)


def _rows(rows: Sequence[int]) -> str:
    shown = ", ".join(str(number) for number in rows[:_ROWS_SHOWN])
    return shown + (" …" if len(rows) > _ROWS_SHOWN else "")


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(ch if ch >= " " else f"\\u{ord(ch):04x}" for ch in escaped) + '"'


def _holds_data(cell: CellValue) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def _parts(cell: CellValue, column: Field) -> list[str]:
    """The wordings of one cell: each item of a list, the name of each count."""
    text = str(cell).strip() if not isinstance(cell, str) else cell.strip()
    if column.kind is Kind.BOOL and not isinstance(cell, str):
        return []  # a real TRUE/FALSE or 0/1 cell reads as yes or no
    if not column.multi:
        return [text] if text else []
    parts = [part.strip() for part in text.split(";") if part.strip()]
    if column.kind is Kind.COUNTS:
        parts = [part.partition(":")[0].strip() for part in parts]
    return [part for part in parts if part]


def draft_mapping(source: Path, lang: str, existing: ColumnMapping | None = None) -> MappingDraft:
    """The proposal for ``source``, leaving out what ``existing`` already decides."""
    book = load_workbook(source, mapping=existing)
    values_decided = existing.values if existing else {}
    draft = MappingDraft()
    values_table = "valeurs" if lang == "fr" else "values"
    for key, raw in book.sheets.items():
        renames = book.mapping.get(key, {})
        match = raw.spec.match_headers(raw.headers, renames)
        rows = list(raw.rows)
        sheet_table = (raw.spec.name(lang),)
        unmatched = [column for column in raw.spec.fields if column.key not in match.first]
        spellings = matching.spellings_of(
            (column.key, (column.key, column.en, column.fr, *column.aliases))
            for column in unmatched
        )
        # Required columns nothing names yet: a header with no candidate may be one of them.
        required = [column.key for column in unmatched if column.required]
        proposed: dict[str, str] = {}  # a header's one candidate: its wordings are drafted too
        for position in sorted(match.unknown):
            header = raw.headers[position]
            filled = [number for number, cells in rows if _holds_data(_cell(cells, position))]
            candidates = matching.close_codes(header, spellings)
            if len(candidates) == 1:
                proposed[fold_key(header)] = candidates[0]
            draft.headers += 1
            draft.open_headers.append(
                OpenHeader(sheet_table[0], header, tuple(filled), tuple(candidates))
            )
            lines = draft.tables.setdefault(sheet_table, [])
            lines.extend(_header_lines(header, filled, candidates, raw, lang, required))
        match = raw.spec.match_headers(raw.headers, {**renames, **proposed})
        for field_key, position in match.first.items():
            column = raw.spec.field(field_key)
            vocabulary = value_vocabulary(column)
            if vocabulary is None:
                continue
            decided = values_decided.get(field_key, {})
            unknown: dict[str, _Wording] = {}
            for number, cells in rows:
                for part in _parts(_cell(cells, position), column):
                    if fold_key(part) in decided or vocabulary.lookup(part) is not None:
                        continue
                    wording = unknown.setdefault(fold_key(part), _Wording(part))
                    wording.rows.append(number)
            if not unknown:
                continue
            lines = draft.tables.setdefault((values_table, field_key), [])
            lines.append(
                "# "
                + message(
                    "mapping_draft.column",
                    lang,
                    column=raw.headers[position],
                    sheet=raw.name,
                    codes=", ".join(vocabulary.codes),
                )
            )
            for wording in sorted(unknown.values(), key=lambda w: (-len(w.rows), w.text)):
                suggestion = vocabulary.suggestion(wording.text)
                lines.append(_value_line(wording, suggestion, lang, draft))
                draft.open_wordings.append(
                    OpenWording(
                        field_key,
                        raw.headers[position],
                        wording.text,
                        tuple(wording.rows),
                        suggestion.code,
                        suggestion.candidates,
                        tuple(vocabulary.codes),
                    )
                )
    return draft


def _cell(cells: Sequence[CellValue], position: int) -> CellValue:
    return cells[position] if position < len(cells) else None


def _header_lines(
    header: str,
    filled: list[int],
    candidates: list[str],
    raw: RawSheet,
    lang: str,
    required: Sequence[str],
) -> list[str]:
    where = (
        message("mapping_draft.rows", lang, count=len(filled), rows=_rows(filled))
        if filled
        else message("mapping_draft.empty", lang)
    )
    if len(candidates) == 1:
        target = candidates[0]
        note = message(
            "mapping_draft.header_one", lang, where=where, column=_label(raw, target, lang)
        )
        return [f"{_toml_string(header)} = {_toml_string(target)}   # {note}"]
    if candidates:
        note = message(
            "mapping_draft.header_some",
            lang,
            where=where,
            candidates=", ".join(candidates),
        )
        return [f"# {_toml_string(header)} = ?   # {note}"]
    if required and filled:
        note = message(
            "mapping_draft.header_required", lang, where=where, required=", ".join(required)
        )
        return [f"# {_toml_string(header)} = ?   # {note}"]
    note = message("mapping_draft.header_none", lang, where=where)
    return [f"# {_toml_string(header)} = {_toml_string(IGNORE)}   # {note}"]


def _label(raw: RawSheet, key: str, lang: str) -> str:
    return raw.spec.field(key).header(lang)


def _value_line(
    wording: _Wording, suggestion: matching.Suggestion, lang: str, draft: MappingDraft
) -> str:
    seen = message("mapping_draft.rows", lang, count=len(wording.rows), rows=_rows(wording.rows))
    if suggestion.code is not None:
        draft.proposed += 1
        return f"{_toml_string(wording.text)} = {_toml_string(suggestion.code)}   # {seen}"
    draft.to_choose += 1
    if suggestion.candidates:
        note = message(
            "mapping_draft.candidates", lang, candidates=", ".join(suggestion.candidates)
        )
    else:
        note = message("mapping_draft.no_candidate", lang)
    return f"# {_toml_string(wording.text)} = ?   # {note} — {seen}"


def _table_header(path: tuple[str, ...]) -> str:
    return "[" + ".".join(_toml_key(part) for part in path) + "]"


def _toml_key(part: str) -> str:
    return part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else _toml_string(part)


def _canonical(path: Sequence[str]) -> tuple[str, str] | None:
    """What a table of a mapping file is for, whatever language names it: (sheet, key) or
    (values, field key); None for a table that is neither."""
    if len(path) == 2 and fold_key(path[0]) in VALUE_TABLES:
        columns = resolve_field(path[1])
        return ("values", columns[0].key) if columns else None
    if len(path) == 1:
        spec = sheet_for_name(path[0])
        return ("sheet", spec.key) if spec is not None else None
    return None


def _table_path(line: str) -> tuple[str, ...] | None:
    """The path of a TOML table header line (``[valeurs."actes"]`` → valeurs, actes)."""
    if not _TABLE_LINE.match(line):
        return None
    try:
        data: object = tomllib.loads(line)
    except tomllib.TOMLDecodeError:
        return None
    path: list[str] = []
    while isinstance(data, dict) and len(data) == 1:
        ((name, data),) = data.items()
        path.append(name)
    return tuple(path)


def merge_draft(existing: str | None, draft: MappingDraft, lang: str) -> str:
    """The mapping file's text with the draft's lines added: into the table they belong to when
    the file has it, after the rest otherwise. Nothing the file says is changed or dropped."""
    lines = existing.splitlines() if existing is not None else []
    if existing is None:
        lines = ["# " + line for line in message("mapping_draft.preamble", lang).splitlines()]
    for path, new_lines in draft.tables.items():
        wanted = _canonical(path)
        start = next(
            (
                index
                for index, line in enumerate(lines)
                if (found := _table_path(line)) is not None and _canonical(found) == wanted
            ),
            None,
        )
        if start is None:
            lines.extend(["", _table_header(path), *new_lines])
            continue
        end = start + 1
        while end < len(lines) and _table_path(lines[end]) is None:
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        lines[end:end] = new_lines
    return "\n".join(lines) + "\n"


def write_mapping_draft(source: Path, out: Path, lang: str) -> MappingDraft:
    """Write (or complete) the mapping file ``out`` for ``source``, atomically.

    An existing ``out`` is read first (a broken one stops everything with its
    :class:`dossier.input.errors.MappingError`): what it decides is not proposed again, and
    its text is kept as it is.
    """
    existing = out.read_text(encoding="utf-8") if out.exists() else None
    decided = load_mapping_file(out) if existing is not None else None
    draft = draft_mapping(source, lang, decided)
    write_atomic(out, merge_draft(existing, draft, lang).encode("utf-8"))
    return draft


def write_mapping_choices(
    out: Path,
    lang: str,
    *,
    headers: dict[str, dict[str, str]] | None = None,
    wordings: dict[str, dict[str, str]] | None = None,
) -> None:
    """Add a volunteer's choices to the mapping file ``out`` (created if missing), atomically.

    ``headers``: sheet table → header → field key (or ``ignore``); ``wordings``: field key →
    wording → code. The lines go into the tables the file already has, as
    :func:`merge_draft` puts a draft's; the file is read back before it replaces the old one,
    so a choice the mapping reader would refuse (:class:`MappingError`) changes nothing.
    """
    existing = out.read_text(encoding="utf-8") if out.exists() else None
    values_table = "valeurs" if lang == "fr" else "values"
    chosen = MappingDraft()
    for table, targets in (headers or {}).items():
        lines = chosen.tables.setdefault((table,), [])
        lines += [
            f"{_toml_string(header)} = {_toml_string(target)}" for header, target in targets.items()
        ]
    for field_key, codes in (wordings or {}).items():
        lines = chosen.tables.setdefault((values_table, field_key), [])
        lines += [f"{_toml_string(text)} = {_toml_string(code)}" for text, code in codes.items()]
    text = merge_draft(existing, chosen, lang)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:  # a wording chosen twice (two clicks at once)
        raise MappingError("mapping_invalid", file=str(out), reason=str(error)) from None
    mapping_from_data(data, str(out))
    write_atomic(out, text.encode("utf-8"))
