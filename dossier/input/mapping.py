"""The mapping file (``--mapping``): another export's headers and wordings in our terms.

A group's own workbook is read without touching a cell: the mapping renames its columns,
says which to ignore, and maps its wordings to our vocabulary codes::

    [incidents]                       # or [personnes], [pièces], [procédures]…
    "Date des faits" = "date"         # a field key, or its French or English name
    "Notes internes" = "ignore"       # a column the dossier does not use (« ignorer »)

    [values.art8_status]              # or [valeurs."statut article 8"]
    "pas d'opposition" = "informed_no_objection"
    [values.acts]
    "tentes détruites" = ["belongings_destroyed", "eviction"]   # a list for a list column

``dossier mapping draft`` writes a commented proposal of such a file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.input.errors import MappingError
from dossier.schema import vocab
from dossier.schema.columns import IGNORE, Field, Kind
from dossier.schema.fields import SHEETS, sheet_for_name
from dossier.schema.header_keys import fold_key

__all__ = [
    "VALUE_TABLES",
    "ColumnMapping",
    "load_mapping_file",
    "resolve_field",
    "value_vocabulary",
]

# The top-level tables that hold value mappings, in English and French.
VALUE_TABLES = ("values", "valeurs")
# How a mapping says "ignore this column", in English and French (folded).
_IGNORE_WORDS = frozenset({"ignore", "ignorer", "aignorer", "ignored", "ignoree"})


@dataclass
class ColumnMapping:
    """What a mapping file says: column renames per sheet, and wordings per field.

    ``renames``: sheet key → folded header → field key, or :data:`IGNORE`.
    ``values``: field key → folded wording → the codes it stands for (one for a single-value
    column; any number, none included, for a list column).
    """

    renames: dict[str, dict[str, str]] = field(default_factory=dict)
    values: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)


def value_vocabulary(column: Field) -> vocab.Vocabulary | None:
    """The vocabulary a value mapping of ``column`` maps to (yes/no for a yes/no column)."""
    if column.kind is Kind.BOOL:
        return vocab.YES_NO_UNKNOWN
    if column.kind in (Kind.TERM, Kind.TERM_LIST, Kind.COUNTS):
        return column.vocabulary
    return None


def resolve_field(name: str) -> list[Field]:
    """The columns, in any sheet, whose key or French or English name is ``name``."""
    folded = fold_key(name)
    found: list[Field] = []
    for sheet in SHEETS:
        column = sheet.spellings.get(folded)
        if column is not None and all(column.key != other.key for other in found):
            found.append(column)
    return found


def load_mapping_file(path: Path) -> ColumnMapping:
    """Read and check a mapping file; :class:`MappingError` names what is wrong, and where."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise MappingError("mapping_unreadable", file=str(path), reason=str(error)) from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise MappingError("mapping_invalid", file=str(path), reason=str(error)) from error
    return mapping_from_data(data, str(path))


def mapping_from_data(data: Mapping[str, Any], file: str) -> ColumnMapping:
    """A :class:`ColumnMapping` from a mapping file's tables (see the module's docstring)."""
    mapping = ColumnMapping()
    for table_name, table in data.items():
        if fold_key(table_name) in VALUE_TABLES:
            if not isinstance(table, dict):
                raise MappingError("mapping_unknown_sheet", file=file, sheet=table_name)
            for field_name, wordings in table.items():
                _read_values(mapping, file, str(field_name), wordings)
            continue
        spec = sheet_for_name(table_name)
        if spec is None or not isinstance(table, dict):
            raise MappingError("mapping_unknown_sheet", file=file, sheet=table_name)
        renames = mapping.renames.setdefault(spec.key, {})
        for header, target in table.items():
            column = spec.spellings.get(fold_key(target)) if isinstance(target, str) else None
            if isinstance(target, str) and fold_key(target) in _IGNORE_WORDS:
                renames[fold_key(header)] = IGNORE
            elif column is not None:
                renames[fold_key(header)] = column.key
            else:
                raise MappingError(
                    "mapping_unknown_field",
                    file=file,
                    sheet=table_name,
                    header=str(header),
                    target=str(target),
                    expected=", ".join(sorted(column.key for column in spec.fields)),
                )
    return mapping


def _read_values(mapping: ColumnMapping, file: str, field_name: str, wordings: Any) -> None:
    columns = [column for column in resolve_field(field_name) if value_vocabulary(column)]
    if not columns or not isinstance(wordings, dict):
        raise MappingError("mapping_values_field", file=file, field=field_name)
    column = columns[0]
    vocabulary = value_vocabulary(column)
    assert vocabulary is not None
    several = column.kind is Kind.TERM_LIST
    table = mapping.values.setdefault(column.key, {})
    for wording, target in wordings.items():
        targets = target if isinstance(target, list) else [target]
        codes: list[str] = []
        for one in targets:
            term = vocabulary.lookup(one) if isinstance(one, str) else None
            if term is None:
                raise MappingError(
                    "mapping_unknown_code",
                    file=file,
                    field=field_name,
                    wording=str(wording),
                    code=str(one),
                    expected=", ".join(vocabulary.codes),
                )
            codes.append(term.code)
        if len(codes) != 1 and not several:
            raise MappingError(
                "mapping_one_code", file=file, field=field_name, wording=str(wording)
            )
        table[fold_key(str(wording))] = tuple(dict.fromkeys(codes))
    # The same wordings apply to the field of that name in every sheet (« confidentiality »).
    for other in columns[1:]:
        mapping.values.setdefault(other.key, table)
