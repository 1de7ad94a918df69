"""Write XLSX files that hold no formula and whose bytes depend only on their content."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

# Every workbook this package writes carries these dates, so the same content gives the same
# bytes (and the same fingerprint) on every machine and every day.
FIXED_TIMESTAMP = dt.datetime(2024, 1, 1, 0, 0, 0)
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

# A cell whose text starts with one of these is read as a formula by some spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@")


def set_text(cell: Any, text: str) -> None:
    """Write ``text`` as a plain string that no spreadsheet program evaluates.

    openpyxl turns "=…" into a formula; Excel and LibreOffice may read "+…", "-…" and "@…" as
    one when the cell is edited. Such text is stored as a string with the quote prefix, which
    both programs show as text and keep as text.
    """
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True


def set_value(cell: Any, value: object) -> None:
    """Write a value: text through :func:`set_text`, anything else (dates, numbers) as is."""
    if isinstance(value, str):
        set_text(cell, value)
    else:
        cell.value = value


def workbook_bytes(book: Any, *, title: str, creator: str = "dossier") -> bytes:
    """The XLSX bytes of an openpyxl workbook, with fixed properties and zip entry dates.

    Entries are stored uncompressed so the bytes do not depend on the zlib build.
    """
    # openpyxl: only when a workbook is written (slow to import)
    from openpyxl.xml.functions import tostring

    book.properties.creator = creator
    book.properties.lastModifiedBy = creator
    book.properties.title = title
    book.properties.created = FIXED_TIMESTAMP
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps "modified" with the clock while saving: write core.xml again.
    book.properties.modified = FIXED_TIMESTAMP
    core = tostring(book.properties.to_tree())
    return reproducible_zip(buffer.getvalue(), {"docProps/core.xml": core})


def reproducible_zip(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """Rewrite a zip with fixed entry dates and attributes, entries stored."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_STORED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            target.writestr(entry, replace.get(info.filename, source.read(info.filename)))
    return out.getvalue()
