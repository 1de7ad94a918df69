"""Limits on hostile input, checked before a parser sees it: workbook archives and CSV lines.

An XLSX or ODS workbook is a zip archive of XML parts. The spreadsheet reader (calamine) trusts
them: a few kilobytes can make it allocate gigabytes — a decompression bomb, a single filled
cell at XFD1048576 (it builds a dense grid up to the last filled cell: 17 billion cells, and
the process aborts), one long shared string referenced by every cell (each reference becomes a
copy), or an ODS cell repeated over a million rows. :func:`check_workbook_archive` reads every
part once, decompressing it in bounded windows, and refuses the file before calamine opens it
when it exceeds one of the limits below. The limits and why they were chosen are in
docs/security.md.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from dossier.input.errors import LoadError
from dossier.schema.header_keys import column_letter

#: A zip archive with more parts than this is no workbook (a large one has a few dozen).
MAX_ARCHIVE_PARTS = 10_000
#: Bytes of the zip's central directory (the list of parts), read before anything else.
MAX_CENTRAL_DIRECTORY = 4 << 20
#: Every part together, decompressed. A 100,000-row workbook written with inline strings (the
#: largest kind) holds about 245 MiB of XML.
MAX_UNCOMPRESSED = 512 << 20
#: Decompressed size / compressed size of one part larger than :data:`RATIO_GRACE`. Sheets
#: of real data compress 5 to 30 times; 100 is Apache POI's default limit against zip bombs.
#: Rows of nothing but formatting compress far more (256 times for 100,000 identical empty
#: rows), hence the grace: below it, the content checks below bound what a part can cost, and
#: the ratio only spares the time of reading hundreds of megabytes of nothing.
MAX_RATIO = 100
RATIO_GRACE = 32 << 20
#: Rows × columns up to the last filled cell of one sheet: the grid the reader builds. Three
#: times 100,000 rows × 32 columns.
MAX_SHEET_CELLS = 10_000_000
#: Characters the cells hold once shared strings and repeated ODS cells are copied out.
MAX_EXPANDED_TEXT = 256 << 20
#: Characters of one cell: Excel's own limit. Longer text is refused cell by cell (validation).
MAX_CELL_TEXT = 32_767
#: Cells of one CSV record, and characters of one CSV line. Excel's sheets have 16,384 columns.
MAX_CSV_CELLS = 16_384
MAX_CSV_LINE = 4 << 20

_WINDOW = 4 << 20  # decompressed bytes examined at a time
_READ = 1 << 20  # compressed bytes read at a time
_LOCAL_HEADER = b"PK\x03\x04"
_END_OF_DIRECTORY = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_END = b"PK\x06\x06"
_STORED, _DEFLATED = 0, 8

# Any XML declaration of a document type or entity: office programs never write one, and it
# is how entity-expansion attacks ("billion laughs", external entities) start.
_DECLARATION = re.compile(rb"<!(?i:doctype|entity)")
_PREFIX = rb"(?:[A-Za-z_][\w.\-]*:)?"
_XLSX_TOKEN = re.compile(rb"<(/?)" + _PREFIX + rb"(row|c|v|si)(?=[\s/>])([^>]*)>")
_ODS_TOKEN = re.compile(
    rb"<(/?)" + _PREFIX + rb"(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>"
)
_ATTR_R = re.compile(rb"""(?:^|\s)r\s*=\s*(["'])\s*([A-Za-z]*)([0-9]*)\s*\1""")
_ATTR_T_SHARED = re.compile(rb"""(?:^|\s)t\s*=\s*(["'])\s*s\s*\1""")
_REPEATED = re.compile(rb"""number-(rows|columns)-repeated\s*=\s*(["'])\s*([0-9]+)\s*\2""")
_VALUE_TYPE = re.compile(rb"value-type\s*=")
_HUGE = 1 << 40  # stands for a number too long to be meant
_IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".emf", ".wmf", ".bmp", ".tif", ".tiff")


def mebibytes(size: int) -> str:
    return str(max(1, round(size / (1 << 20))))


def check_workbook_archive(path: Path) -> None:
    """Refuse a workbook whose parts would expand beyond the limits; raise :class:`LoadError`.

    Nothing is kept: each part is decompressed window by window and only counted. Its parts are
    read as ODS or XLSX by the file's suffix, as calamine chooses its reader.
    """
    try:
        with path.open("rb") as handle:
            _check_archive(handle, path.name, ods=path.suffix.lower() == ".ods")
    except OSError as error:
        raise LoadError(
            "unreadable", file=path.name, reason=error.strerror or str(error)
        ) from error


def _damaged(file: str, reason: str) -> LoadError:
    return LoadError("corrupt_workbook", file=file, reason=reason)


def _check_archive(handle: IO[bytes], file: str, *, ods: bool) -> None:

    _check_central_directory(handle, file)
    try:
        archive = zipfile.ZipFile(handle)
        parts = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        EOFError,
        # zipfile refuses an entry "needing" a newer ZIP version (a flipped byte is enough).
        NotImplementedError,
    ) as error:
        raise _damaged(file, str(error) or type(error).__name__) from None
    if len(parts) > MAX_ARCHIVE_PARTS:
        raise _damaged(file, f"{len(parts)} parts in the archive")
    total = 0
    for part in parts:
        if part.flag_bits & 0x1:
            raise _damaged(file, f"{part.filename}: encrypted")
        if part.compress_type not in (_STORED, _DEFLATED):
            raise _damaged(file, f"{part.filename}: unknown compression {part.compress_type}")
        total += part.file_size
        if total > MAX_UNCOMPRESSED:
            raise LoadError(
                "workbook_too_large",
                file=file,
                size=mebibytes(sum(p.file_size for p in parts)),
                limit=mebibytes(MAX_UNCOMPRESSED),
            )
        if part.file_size > RATIO_GRACE and part.file_size > MAX_RATIO * max(1, part.compress_size):
            raise LoadError(
                "workbook_ratio",
                file=file,
                part=part.filename,
                ratio=str(part.file_size // max(1, part.compress_size)),
                limit=str(MAX_RATIO),
            )
    # Shared strings first: a sheet's references to them are weighed by their length.
    shared: list[int] = []
    ordered = sorted(parts, key=lambda p: not p.filename.lower().endswith("sharedstrings.xml"))
    text = 0
    for part in ordered:
        scan = _PartScan(file, part.filename, shared, ods=ods)
        try:
            anchor = b"<table:table-row" if ods else b"<c "
            for window in _windows(_inflate(handle, part, file), anchor=anchor):
                scan.feed(window)
        except _NotCanonical:
            # Written unlike Excel, LibreOffice or openpyxl write it: read it again, tag by tag.
            scan = _PartScan(file, part.filename, shared, ods=ods, fast=False)
            for window in _windows(_inflate(handle, part, file)):
                scan.feed(window)
        scan.finish()
        if part.filename.lower().endswith("sharedstrings.xml"):
            # Several candidates (odd casing): weigh each index by the longest string.
            merged = [max(pair) for pair in zip(shared, scan.shared_sizes, strict=False)]
            longer = shared if len(shared) > len(scan.shared_sizes) else scan.shared_sizes
            shared[:] = merged + longer[len(merged) :]
        text += scan.text
        if text > MAX_EXPANDED_TEXT:
            raise LoadError(
                "workbook_text_too_large",
                file=file,
                size=mebibytes(text),
                limit=mebibytes(MAX_EXPANDED_TEXT),
            )


def _check_central_directory(handle: IO[bytes], file: str) -> None:
    """Read the size of the list of parts from the end record, before zipfile reads the list."""
    handle.seek(0, 2)
    size = handle.tell()
    tail_start = max(0, size - (1 << 16) - 22)
    handle.seek(tail_start)
    tail = handle.read()
    end = tail.rfind(_END_OF_DIRECTORY)
    if end < 0 or len(tail) - end < 22:
        raise _damaged(file, "not a zip archive, or truncated")
    directory = int.from_bytes(tail[end + 12 : end + 16], "little")
    locator = end - 20
    if locator >= 0 and tail[locator : locator + 4] == _ZIP64_LOCATOR:
        offset = int.from_bytes(tail[locator + 8 : locator + 16], "little")
        if offset >= size:
            raise _damaged(file, "zip64 end record out of the file")
        handle.seek(offset)
        record = handle.read(56)
        if record[:4] != _ZIP64_END or len(record) < 56:
            raise _damaged(file, "zip64 end record missing")
        directory = int.from_bytes(record[40:48], "little")
    if directory > MAX_CENTRAL_DIRECTORY:
        raise _damaged(file, f"a list of parts of {mebibytes(directory)} MiB")
    handle.seek(0)


def _inflate(handle: IO[bytes], part: object, file: str) -> Iterator[bytes]:
    """The decompressed bytes of one part, checked against the size its header declares.

    The reader decompresses the whole stream whatever the header says, so the stream must end
    exactly at the declared size: a header understating it is refused, not believed.
    """

    assert isinstance(part, zipfile.ZipInfo)
    handle.seek(part.header_offset)
    header = handle.read(30)
    if len(header) < 30 or header[:4] != _LOCAL_HEADER:
        raise _damaged(file, f"{part.filename}: bad local header")
    skip = int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
    handle.seek(part.header_offset + 30 + skip)
    remaining = part.compress_size
    produced = 0
    if part.compress_type == _STORED:
        while remaining:
            block = handle.read(min(remaining, _READ))
            if not block:
                raise _damaged(file, f"{part.filename}: truncated")
            remaining -= len(block)
            produced += len(block)
            yield block
    else:
        inflater = zlib.decompressobj(-15)
        pending = b""
        while not inflater.eof:
            if not pending:
                if not remaining:
                    break
                pending = handle.read(min(remaining, _READ))
                if not pending:
                    raise _damaged(file, f"{part.filename}: truncated")
                remaining -= len(pending)
            try:
                out = inflater.decompress(pending, _WINDOW)
            except zlib.error as error:
                raise _damaged(file, f"{part.filename}: {error}") from None
            pending = inflater.unconsumed_tail
            produced += len(out)
            if produced > part.file_size:
                break
            if out:
                yield out
        if not inflater.eof and produced <= part.file_size:
            raise _damaged(file, f"{part.filename}: truncated")
    if produced != part.file_size:
        raise _damaged(
            file, f"{part.filename}: holds more or less than its header says ({part.file_size})"
        )


def _windows(chunks: Iterator[bytes], anchor: bytes = b"<") -> Iterator[bytes]:
    """Chunks regrouped so that every window ends just before a ``<``: no tag is ever cut.

    With an ``anchor`` (``<c ``), windows end before the last one when there is one, so that a
    cell and its value stay in one window.
    """
    carry = b""
    for chunk in chunks:
        data = carry + chunk if carry else chunk
        cut = data.rfind(anchor)
        if cut <= 0:
            cut = data.rfind(b"<")
        if cut <= 0:
            if len(data) > _WINDOW:  # no tag at all in a long run: nothing can be cut
                yield data
                carry = b""
            else:
                carry = data
            continue
        yield data[:cut]
        carry = data[cut:]
    if carry:
        yield carry


def _cell_count(xml: bytes) -> int:
    return xml.count(b"<table:table-cell") + xml.count(b"<table:covered-table-cell")


def _letters_to_index(letters: bytes) -> int:
    if len(letters) > 8:
        return _HUGE
    index = 0
    for byte in letters.upper():
        index = index * 26 + byte - 64
    return index - 1


def _number(digits: bytes) -> int:
    return int(digits) if len(digits) <= 12 else _HUGE


class _NotCanonical(Exception):
    """A sheet part written in a form the fast count does not cover."""


# The form Excel, LibreOffice and openpyxl write: ``<c r="B12" …>``, ``<c r="B12" s="3"
# t="s"><v>42</v>``. The fast path counts such cells with a few C-speed passes over a window
# and leaves the rest to the tag-by-tag reading.
_CANONICAL_REFERENCE = re.compile(rb'<c r="([A-Z]*)([0-9]*)"')
_CANONICAL_SHARED = re.compile(
    rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]+")? t="s"(?: [a-z]+="[0-9]+")*><v>([0-9]+)</v>'
)
# Elements whose name starts with c but is longer (cols, cfRule…): "<c" less these are cells.
_OTHER_C_ELEMENTS = re.compile(rb"<c[A-Za-z]")
# A prefixed cell (``<x:c …>``), which the fast path does not count. (Text holding ":c " also
# sends a window the slow way, which is merely slower.)
_PREFIXED_CELL = re.compile(rb":c[\s/>]")


class _PartScan:
    """What one part would make the reader hold: its sheet grid, and text copied out of it.

    XLSX cells are positioned as calamine positions them: by their ``r`` reference, else one
    column right of the previous cell (one row down for a row without ``r``). A cell with
    content (not written ``<c …/>``) counts; an empty formatted one does not. ODS rows and cells
    count with their ``number-rows-repeated`` and ``number-columns-repeated``.
    """

    def __init__(
        self, file: str, name: str, shared: list[int], *, ods: bool, fast: bool = True
    ) -> None:
        self.fast = fast
        self.file = file
        self.name = name
        # calamine reads the shared strings from xl/sharedStrings.xml (in any letter case).
        self.shared_strings = name.lower().endswith("sharedstrings.xml")
        # Pictures are not XML the reader parses (an SVG may well declare its DOCTYPE); their
        # bytes are still counted, in case a sheet is disguised as one.
        self.image = name.lower().endswith(_IMAGE_SUFFIXES)
        self.shared = shared
        self.shared_sizes: list[int] = []
        self.text = 0
        self.started = False
        self.ods = ods
        # XLSX state
        self.row = -1
        self.col = -1
        self.awaiting_shared = False
        self.si_start: int | None = None
        # ODS state
        self.row_repeat = 1
        self.row_open = False  # a row goes on in the next window
        self.slow_row = False  # ...and it is read tag by tag
        # The cell whose content is being measured: (columns repeated, rows repeated), and
        # where its content starts (in the current window; negative once windows went by).
        self.pending_cell: tuple[int, int] | None = None
        self.pending_start = 0
        # Extent of the current sheet (rows and columns up to the last filled cell).
        self.max_row = -1
        self.max_col = -1
        self.cells = 0
        if ods:
            self.row = 0

    def feed(self, window: bytes) -> None:
        if not self.started:
            self.started = True
            start = window[:64].lstrip()[:4]
            if not self.image and start.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00")):
                raise _damaged(self.file, f"{self.name}: XML in UTF-16, which is not checked")
        if not self.image and _DECLARATION.search(window):
            raise LoadError("workbook_xml_declaration", file=self.file, part=self.name)
        if self.ods:
            if self.fast:
                self._feed_ods_fast(window)
            else:
                self._feed_ods(window)
        elif self.fast:
            self._feed_xlsx_fast(window)
        else:
            self._feed_xlsx(window)

    # XLSX, fast -------------------------------------------------------------------------------

    def _feed_xlsx_fast(self, window: bytes) -> None:
        """Count the cells of a window with C-speed passes; raise _NotCanonical if unsure.

        Every cell is written ``<c r="…"``, so its position is its reference. Empty formatted
        cells (``<c r="B2" s="1"/>``) are counted too, which only errs on the safe side: a sheet
        over the limit is read again tag by tag, where they do not count, before it is refused.
        """
        cells = window.count(b"<c")
        if cells:
            cells -= len(_OTHER_C_ELEMENTS.findall(window))
        if b":c" in window and _PREFIXED_CELL.search(window):
            raise _NotCanonical
        if cells:
            references = _CANONICAL_REFERENCE.findall(window)
            if len(references) != cells:
                raise _NotCanonical
            letters, digits = (set(column) for column in zip(*references, strict=True))
            if b"" in letters or b"" in digits:
                raise _NotCanonical
            widest = max(letters, key=lambda column: (len(column), column))
            self.max_col = max(self.max_col, _letters_to_index(widest))
            self.max_row = max(self.max_row, max(map(_number, digits)) - 1)
            self.cells += cells
            if self._over_limit():
                raise _NotCanonical
            if self.shared and b"s" in window:
                # Every t="s" must be one the pattern reads: any other spelling of the attribute
                # (t='s', t = "s", a line break before t) leaves a count that does not match.
                typed = window.count(b't="s"')
                if (
                    window.count(b'="s"') != typed
                    or b"='s'" in window
                    or b"= 's'" in window
                    or b'= "s"' in window
                ):
                    raise _NotCanonical
                indexes = _CANONICAL_SHARED.findall(window) if typed else []
                if len(indexes) != typed:
                    raise _NotCanonical
                shared, known = self.shared, len(self.shared)
                self.text += sum(shared[i] for i in map(int, indexes) if i < known)
        if self.shared_strings:
            self._feed_xlsx(window, shared_strings_only=True)
        else:
            self._check_extent()

    # XLSX -------------------------------------------------------------------------------------

    def _feed_xlsx(self, window: bytes, *, shared_strings_only: bool = False) -> None:
        for match in _XLSX_TOKEN.finditer(window):
            closing, name, attributes = match[1], match[2], match[3]
            if shared_strings_only and name != b"si":
                continue
            if name == b"c":
                if closing:
                    self.awaiting_shared = False
                    continue
                reference = _ATTR_R.search(attributes) if b"r" in attributes else None
                if reference is not None and reference[2] and reference[3]:
                    self.col = _letters_to_index(reference[2])
                    row = _number(reference[3]) - 1
                else:
                    self.col += 1
                    row = self.row
                if attributes.endswith(b"/"):
                    continue  # an empty, formatted cell: the reader keeps nothing
                self.cells += 1
                if row > self.max_row:
                    self.max_row = row
                if self.col > self.max_col:
                    self.max_col = self.col
                self.awaiting_shared = b"t" in attributes and bool(
                    _ATTR_T_SHARED.search(attributes)
                )
            elif name == b"row":
                if closing:
                    continue
                reference = _ATTR_R.search(attributes) if b"r" in attributes else None
                if reference is not None and reference[3] and not reference[2]:
                    self.row = _number(reference[3]) - 1
                else:
                    self.row += 1
                self.col = -1
            elif name == b"v":
                if closing or not self.awaiting_shared:
                    continue
                self.awaiting_shared = False
                end = window.find(b"<", match.end())
                digits = window[match.end() : end if end >= 0 else len(window)].strip()
                if digits.isdigit():
                    index = _number(digits)
                    if index < len(self.shared):
                        self.text += self.shared[index]
            else:  # si: a shared string, weighed by its bytes (at least its characters)
                if closing:
                    if self.si_start is not None:
                        self.shared_sizes.append(match.start() - self.si_start)
                        self.si_start = None
                elif not attributes.endswith(b"/"):
                    self.si_start = match.end()
                else:
                    self.shared_sizes.append(0)
        if self.si_start is not None:
            # The string goes on in the next window: count from that window's start.
            self.si_start -= len(window)
        self._check_extent()

    # ODS --------------------------------------------------------------------------------------

    def _feed_ods_fast(self, window: bytes) -> None:
        """Measure the rows of a window: a row without repetition by counting its cells (C
        speed); a row with ``number-…-repeated`` tag by tag. Raise _NotCanonical if unsure.

        calamine reads rows and cells spelled with the ``table:`` prefix only (it stops at a
        cell spelled otherwise), so these are the spellings counted.
        """
        for index, segment in enumerate(window.split(b"<table:table ")):
            if index:  # a new sheet
                self._check_extent()
                self.row, self.max_row, self.max_col, self.cells = 0, -1, -1, 0
                self.row_open = self.slow_row = False
            head, *rows = segment.split(b"<table:table-row")
            if self.row_open and self.slow_row:
                self._feed_ods_row(head)
            elif _cell_count(head):
                raise _NotCanonical  # the cells of a row cut by the window: count them slowly
            elif b"</table:table-row" in head:
                self.row_open = False
            for row in rows:
                if b"repeated" in row:
                    self._feed_ods_row(b"<table:table-row" + row)
                    continue
                width = _cell_count(row)
                if width:
                    self.max_col = max(self.max_col, width - 1)
                    self.max_row = max(self.max_row, self.row)
                    self.cells += width
                self.row += 1
                self.row_open = b"</table:table-row" not in row and b"/>" not in row[:400]
                self.slow_row = False
        self._check_extent()

    def _feed_ods_row(self, snippet: bytes) -> None:
        self._feed_ods(snippet)
        if self.pending_cell is not None:
            raise _NotCanonical  # a cell whose content holds a row: read it all tag by tag
        self.slow_row = True

    def _feed_ods(self, window: bytes) -> None:
        for match in _ODS_TOKEN.finditer(window):
            self._close_pending_cell(match.start())
            closing, name, attributes = match[1], match[2], match[3]
            if name == b"table":
                if not closing:
                    self._check_extent()
                    self.row, self.max_row, self.max_col, self.cells = 0, -1, -1, 0
                continue
            if name == b"table-row":
                if closing:
                    self.row += self.row_repeat
                    self.row_repeat = 1
                    self.row_open = False
                    continue
                self.row_repeat = self._repeat(attributes, b"rows")
                self.col = 0
                self.row_open = True
                if attributes.endswith(b"/"):
                    self.row += self.row_repeat
                    self.row_repeat = 1
                    self.row_open = False
                continue
            if closing:
                continue
            repeat = self._repeat(attributes, b"columns")
            empty = attributes.endswith(b"/")
            if not empty or _VALUE_TYPE.search(attributes):
                self.cells += repeat * self.row_repeat
                self.max_col = max(self.max_col, self.col + repeat - 1)
                self.max_row = max(self.max_row, self.row + self.row_repeat - 1)
                if not empty:
                    self.pending_cell = (repeat, self.row_repeat)
                    self.pending_start = match.end()
            self.col += repeat
        if self.pending_cell is not None:
            self.pending_start -= len(window)  # its content goes on in the next window
        self._check_extent()

    def _close_pending_cell(self, position: int) -> None:
        """Weigh the pending cell's content (up to ``position``) by its repetitions: the reader
        copies it into each. The first copy is the XML itself, already within its size limit."""
        if self.pending_cell is None:
            return
        columns, rows = self.pending_cell
        self.text += max(0, position - self.pending_start) * (columns * rows - 1)
        self.pending_cell = None

    @staticmethod
    def _repeat(attributes: bytes, kind: bytes) -> int:
        if b"repeated" not in attributes:
            return 1
        for match in _REPEATED.finditer(attributes):
            if match[1] == kind:
                return max(1, _number(match[3]))
        return 1

    # Both -------------------------------------------------------------------------------------

    def finish(self) -> None:
        if self.ods:
            self._close_pending_cell(0)
        self._check_extent()

    def _over_limit(self) -> bool:
        grid = (self.max_row + 1) * (self.max_col + 1)
        return grid > MAX_SHEET_CELLS or self.cells > MAX_SHEET_CELLS

    def _check_extent(self) -> None:
        grid = (self.max_row + 1) * (self.max_col + 1) if self.max_row >= 0 else 0
        if grid > MAX_SHEET_CELLS or self.cells > MAX_SHEET_CELLS:
            far = f"{column_letter(min(self.max_col, 1 << 20))}{self.max_row + 1}"
            raise LoadError(
                "workbook_too_many_cells",
                file=self.file,
                cell=far,
                cells=f"{max(grid, self.cells):,}".replace(",", " "),
                limit=f"{MAX_SHEET_CELLS:,}".replace(",", " "),
            )
        if self.text > MAX_EXPANDED_TEXT:
            raise LoadError(
                "workbook_text_too_large",
                file=self.file,
                size=mebibytes(self.text),
                limit=mebibytes(MAX_EXPANDED_TEXT),
            )


def bounded_lines(handle: IO[str], file: str) -> Iterator[str]:
    """The lines of a CSV file, refusing a line longer than :data:`MAX_CSV_LINE` characters
    before it is held in memory (a 50 MB file with no line break is not a CSV anyone wrote)."""
    number = 0
    readline = handle.readline
    while True:
        line = readline(MAX_CSV_LINE + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_CSV_LINE:
            raise refuse_long_line(file, number)
        yield line


def refuse_long_line(file: str, line: int) -> LoadError:
    return LoadError(
        "csv_line_too_long", file=file, line=str(line), limit=f"{MAX_CSV_LINE:,}".replace(",", " ")
    )


def refuse_wide_record(file: str, row: int, cells: int) -> LoadError:
    return LoadError(
        "csv_too_wide", file=file, row=str(row), count=str(cells), limit=str(MAX_CSV_CELLS)
    )
