"""Hostile input files: each gives one line on stderr, exit 1, no traceback, in bounded time and
memory, and nothing written. Threat model and limits: docs/security.md.

Files that would make calamine abort the process or eat gigabytes are read in a child process
under a memory limit (``run_dossier``), so that a regression fails one test instead of killing
the test run.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import resource
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import INCIDENT, TODAY, csv_text, incident, run_cli, write_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.input import guards as limits
from dossier.input.errors import LoadError
from dossier.input.workbook import load_workbook
from dossier.validate.rows import load_and_validate

REPO = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 1536 << 20  # address space of the child process: far below what the attacks need

# -- building hostile workbooks -----------------------------------------------------------------

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_HEAD = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'
SHEET_TAIL = "</sheetData></worksheet>"


def xlsx_parts(sheet: str | bytes, shared: str | None = None) -> dict[str, bytes]:
    """The parts of a minimal workbook with one sheet named incidents."""
    shared_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    book_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    overrides = (
        f'<Override PartName="/xl/workbook.xml" ContentType="{book_type}"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{sheet_type}"/>'
    )
    links = f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    if shared is not None:
        overrides += f'<Override PartName="/xl/sharedStrings.xml" ContentType="{shared_type}"/>'
        links += f'<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    package = "http://schemas.openxmlformats.org/package/2006"
    parts = {
        "[Content_Types].xml": f'<?xml version="1.0"?><Types xmlns="{package}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>",
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{package}/relationships">'
        f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="{RELS}">'
        '<sheets><sheet name="incidents" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{package}/'
        f'relationships">{links}</Relationships>',
    }
    encoded = {name: text.encode() for name, text in parts.items()}
    encoded["xl/worksheets/sheet1.xml"] = sheet if isinstance(sheet, bytes) else sheet.encode()
    if shared is not None:
        encoded["xl/sharedStrings.xml"] = shared.encode()
    return encoded


def write_zip(path: Path, parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def sheet_xml(rows: str) -> str:
    return SHEET_HEAD + rows + SHEET_TAIL


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


# A header and one valid incident, to which each attack adds its part.
HEADERS = ["id", "date", "commune", "summary in French", "confidentiality"]
VALUES = ["CAL-1", "2015-06-30", "Calais", "Gaz.", "public"]
LETTERS = "ABCDE"


def valid_rows() -> str:
    header = "".join(inline(f"{c}1", h) for c, h in zip(LETTERS, HEADERS, strict=True))
    values = "".join(inline(f"{c}2", v) for c, v in zip(LETTERS, VALUES, strict=True))
    return f'<row r="1">{header}</row><row r="2">{values}</row>'


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods_cell(text: str, repeat: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f'<table:table-cell{repeated} office:value-type="string"><text:p>{text}</text:p>'
        "</table:table-cell>"
    )


def write_ods(path: Path, rows: str) -> Path:
    header = "".join(ods_cell(h) for h in HEADERS)
    values = "".join(ods_cell(v) for v in VALUES)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} '
        'office:version="1.2"><office:body><office:spreadsheet><table:table '
        f'table:name="incidents"><table:table-row>{header}</table:table-row><table:table-row>'
        f"{values}</table:table-row>{rows}</table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
        'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def write_bomb(path: Path, size: int, *, declared: int | None = None) -> Path:
    """A workbook whose sheet inflates to ``size`` bytes of empty rows (about 1/200 of that on
    disk). With ``declared``, the zip headers state that size instead: a lie."""
    unit = b'<row r="1"/>' * 50_000
    compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
    chunks, crc, total = [], 0, 0
    for piece in _bomb_pieces(unit, size):
        chunks.append(compressor.compress(piece))
        crc = zlib.crc32(piece, crc)
        total += len(piece)
    chunks.append(compressor.flush())
    parts = {
        name: (zlib.compress(data, 6, -15), zlib.crc32(data), len(data))
        for name, data in xlsx_parts(sheet_xml("")).items()
        if name != "xl/worksheets/sheet1.xml"
    }
    parts["xl/worksheets/sheet1.xml"] = (b"".join(chunks), crc, declared or total)
    path.write_bytes(_raw_zip(parts))
    return path


def _bomb_pieces(unit: bytes, size: int) -> Iterator[bytes]:
    yield SHEET_HEAD.encode()
    for _ in range(0, size, len(unit)):
        yield unit
    yield SHEET_TAIL.encode()


def _raw_zip(parts: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A zip archive of deflated parts (name → raw deflate data, CRC, size the headers state),
    written by hand so that the stated size can differ from the real one."""
    body, directory = bytearray(), bytearray()
    for name, (data, crc, size) in parts.items():
        encoded = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(data), size)
        directory += b"PK\x01\x02" + struct.pack("<H", 20) + fields
        directory += struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, len(body)) + encoded
        body += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + data
    end = struct.pack("<HHHHIIH", 0, 0, len(parts), len(parts), len(directory), len(body), 0)
    return bytes(body + directory + b"PK\x05\x06" + end)


# -- running the command ----------------------------------------------------------------------


def run_dossier(
    *args: str | Path, memory: int = MEMORY_LIMIT, timeout: float = 60
) -> tuple[int, str, str, float]:
    """``python -m dossier ARGS`` in a child limited to ``memory`` bytes of address space.

    Returns (exit code, stdout, stderr, seconds). A child the attack kills (calamine aborting
    on a failed allocation gives -6) shows as a negative exit code.
    """

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-m", "dossier", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
        cwd=REPO,
        env={**os.environ, "COLUMNS": "200", "LANG": "C.UTF-8"},
    )
    return completed.returncode, completed.stdout, completed.stderr, time.monotonic() - started


def assert_refused(
    code: int, stdout: str, stderr: str, *, expect: str, out: Path | None = None
) -> None:
    """Exit 1, one line on stderr naming the problem, nothing else, nothing written."""
    assert code == 1, (code, stdout, stderr[-2000:])
    assert "Traceback" not in stdout + stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert expect in lines[0], lines[0]
    assert stdout.strip() == ""
    if out is not None:
        assert not out.exists()


def refusal_key(path: Path) -> str:
    with pytest.raises(LoadError) as caught:
        load_workbook(path)
    return caught.value.key


# -- damaged files ------------------------------------------------------------------------------


def valid_xlsx(path: Path) -> Path:
    return write_zip(path, xlsx_parts(sheet_xml(valid_rows())))


def test_a_valid_hand_made_workbook_is_read(tmp_path: Path) -> None:
    """The builders above make workbooks calamine reads: the attacks below are not refused
    merely for being odd."""
    dataset, report = load_and_validate(valid_xlsx(tmp_path / "ok.xlsx"), today=TODAY)
    assert report.ok, report.problems
    assert [i.id for i in dataset.incidents] == ["CAL-1"]
    dataset, report = load_and_validate(write_ods(tmp_path / "ok.ods", ""), today=TODAY)
    assert report.ok, report.problems
    assert [i.id for i in dataset.incidents] == ["CAL-1"]


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garbled(path: Path) -> None:
    """Bytes in the middle of the compressed sheet replaced: the deflate stream is broken."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = max(archive.infolist(), key=lambda part: part.compress_size)
    start = info.header_offset + 30 + len(info.filename) + 10
    data[start : start + 40] = b"\xff" * 40
    path.write_bytes(bytes(data))


def _encrypted_flag(path: Path) -> None:
    data = bytearray(path.read_bytes())
    position = 0
    while (position := data.find(b"PK\x01\x02", position)) >= 0:
        data[position + 8] |= 1
        position += 4
    path.write_bytes(bytes(data))


def _random(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + os.urandom(3000))


@pytest.mark.parametrize("damage", [_truncated, _garbled, _encrypted_flag, _random])
@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_damaged_workbooks_give_one_line_and_write_nothing(
    tmp_path: Path, damage: object, suffix: str
) -> None:
    path = tmp_path / f"journal{suffix}"
    if suffix == ".xlsx":
        write_zip(path, xlsx_parts(sheet_xml(valid_rows() + "<row r='3'>" + "x" * 9000 + "</row>")))
    else:
        write_ods(path, "<table:table-row>" + ods_cell("y" * 9000) + "</table:table-row>")
    assert callable(damage)
    damage(path)
    out = tmp_path / "out"
    for command in (["validate", path, "--lang", "en"], ["build", path, "--out", out]):
        result = run_cli(command)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1, result.output
        assert "damaged" in lines[0] or "endommagé" in lines[0], lines[0]
        assert not out.exists()


# -- decompression bombs -------------------------------------------------------------------


def test_a_zip_bomb_is_refused_from_its_headers_before_anything_is_inflated(
    tmp_path: Path,
) -> None:
    path = write_bomb(tmp_path / "bomb.xlsx", 600 << 20)
    assert path.stat().st_size < 4 << 20  # 600 MiB of rows in 3 MiB
    assert refusal_key(path) == "workbook_too_large"
    out = tmp_path / "out"
    code, stdout, stderr, seconds = run_dossier("build", path, "--out", out, "--lang", "en")
    assert_refused(code, stdout, stderr, expect="would take 600 MiB once decompressed", out=out)
    assert seconds < 10


def test_a_zip_bomb_lying_about_its_size_is_caught_while_inflating(tmp_path: Path) -> None:
    """Headers saying 1 KiB for 100 MiB: calamine would inflate it all whatever they say."""
    path = write_bomb(tmp_path / "liar.xlsx", 100 << 20, declared=1024)
    started = time.monotonic()
    assert refusal_key(path) == "corrupt_workbook"
    assert time.monotonic() - started < 2  # inflated only a window past the stated size
    code, stdout, stderr, _ = run_dossier("validate", path, "--lang", "en")
    assert_refused(code, stdout, stderr, expect="holds more or less than its header says")


def test_a_highly_compressed_part_is_refused_by_its_ratio(tmp_path: Path) -> None:
    path = write_bomb(tmp_path / "ratio.xlsx", 64 << 20)  # under the size limit, 200 : 1
    assert refusal_key(path) == "workbook_ratio"
    code, stdout, stderr, _ = run_dossier("validate", path, "--lang", "en")
    assert_refused(code, stdout, stderr, expect="is compressed")
    assert "at most 100 times" in stderr


@pytest.mark.parametrize(
    "declaration",
    [
        # The "billion laughs": ten entities, each ten times the previous one.
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
            for n in range(1, 10)
        )
        + "]>",
        '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',  # external entity
        "<!doctype x>",
    ],
)
def test_xml_entity_declarations_are_refused(tmp_path: Path, declaration: str) -> None:
    shared = f'<?xml version="1.0"?>{declaration}<sst xmlns="{NS}"><si><t>&lol9;</t></si></sst>'
    parts = xlsx_parts(sheet_xml(valid_rows() + '<row r="3"><c r="A3" t="s"><v>0</v></c></row>'))
    parts["xl/sharedStrings.xml"] = shared.encode()
    path = write_zip(tmp_path / "laughs.xlsx", parts)
    assert refusal_key(path) == "workbook_xml_declaration"
    code, stdout, stderr, seconds = run_dossier("validate", path, "--lang", "fr")
    assert_refused(code, stdout, stderr, expect="déclaration XML DOCTYPE ou ENTITY")
    assert "xl/sharedStrings.xml" in stderr
    assert seconds < 10


def test_a_doctype_in_an_embedded_svg_picture_is_not_refused(tmp_path: Path) -> None:
    parts = xlsx_parts(sheet_xml(valid_rows()))
    parts["xl/media/image1.svg"] = b'<?xml version="1.0"?><!DOCTYPE svg><svg/>'
    dataset, report = load_and_validate(write_zip(tmp_path / "svg.xlsx", parts), today=TODAY)
    assert report.ok and len(dataset.incidents) == 1


# -- sheets that would make calamine build a huge grid or copy text ----------------------------

FAR = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


@pytest.mark.parametrize(
    ("rows", "corner"),
    [
        (FAR, "XFD1048576"),  # 1.5 KiB: calamine asks for 512 GiB and aborts the process
        ('<row r="9"><c r="xfd9"><v>1</v></c></row>' + FAR.lower(), "XFD1048576"),
        ("<row r='7'><c r = 'XFD1048576'><v>1</v></c></row>", "XFD1048576"),
        ('<row r="5"><c\nr="XFD70000"><v>1</v></c></row>', "XFD70000"),
        # cells without references: calamine counts them one column further each time
        (
            "<row>" + "<c><v>1</v></c>" * 200_000 + "</row>" + "<row><c><v>1</v></c></row>" * 60,
            None,
        ),
    ],
)
def test_a_far_cell_is_refused_before_calamine_builds_its_grid(
    tmp_path: Path, rows: str, corner: str | None
) -> None:
    # Stored, not compressed: the ratio check must not be what refuses it.
    path = write_zip(
        tmp_path / "far.xlsx", xlsx_parts(sheet_xml(valid_rows() + rows)), zipfile.ZIP_STORED
    )
    out = tmp_path / "out"
    code, stdout, stderr, seconds = run_dossier("build", path, "--out", out, "--lang", "en")
    assert_refused(code, stdout, stderr, expect="a sheet has a filled cell as far as", out=out)
    assert refusal_key(path) == "workbook_too_many_cells"  # safe in this process now
    if corner:
        assert f"as far as {corner};" in stderr
    assert seconds < 15


def test_a_prefixed_far_cell_is_refused(tmp_path: Path) -> None:
    sheet = (
        f'<?xml version="1.0"?><x:worksheet xmlns:x="{NS}"><x:sheetData><x:row r="1">'
        '<x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c></x:row><x:row r="1048576">'
        '<x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>'
    )
    path = write_zip(tmp_path / "prefixed.xlsx", xlsx_parts(sheet))
    code, stdout, stderr, _ = run_dossier("validate", path, "--lang", "en")
    assert_refused(code, stdout, stderr, expect="as far as XFD1048576")


def test_one_long_shared_string_in_every_cell_is_refused(tmp_path: Path) -> None:
    """8 KiB on disk; calamine would copy the 1 MB string into each of 2,000 cells: 4 GB."""
    shared = f'<?xml version="1.0"?><sst xmlns="{NS}"><si><t>{"x" * 1_000_000}</t></si></sst>'
    cells = "".join(f'<row r="{n}"><c r="D{n}" t="s"><v>0</v></c></row>' for n in range(3, 2003))
    path = write_zip(tmp_path / "shared.xlsx", xlsx_parts(sheet_xml(valid_rows() + cells), shared))
    assert path.stat().st_size < 20_000
    code, stdout, stderr, _ = run_dossier("validate", path, "--lang", "en")
    assert_refused(code, stdout, stderr, expect="MiB of text once shared or repeated text")


def test_shared_strings_spelled_unusually_are_weighed_too(tmp_path: Path) -> None:
    shared = f'<?xml version="1.0"?><sst xmlns="{NS}"><si><t>{"x" * 1_000_000}</t></si></sst>'
    cells = "".join(f"<row r='{n}'><c r='D{n}' t = 's'><v>0</v></c></row>" for n in range(3, 503))
    path = write_zip(tmp_path / "shared.xlsx", xlsx_parts(sheet_xml(valid_rows() + cells), shared))
    assert refusal_key(path) == "workbook_text_too_large"


@pytest.mark.parametrize(
    ("rows", "key"),
    [
        # 16,384 columns × 100,000 rows of "x": calamine gives up at 100 million cells, after
        # allocating 3 GB; the grid check refuses it at once.
        (
            '<table:table-row table:number-rows-repeated="100000">'
            + ods_cell("x", 16384)
            + "</table:table-row>",
            "workbook_too_many_cells",
        ),
        # 100 KB of text repeated in 5,000 columns: 500 MB of copies.
        (
            "<table:table-row>" + ods_cell("y" * 100_000, 5000) + "</table:table-row>",
            "workbook_text_too_large",
        ),
    ],
)
def test_ods_repetitions_are_weighed_before_calamine_expands_them(
    tmp_path: Path, rows: str, key: str
) -> None:
    path = write_ods(tmp_path / "repeat.ods", rows)
    assert refusal_key(path) == key
    code, stdout, stderr, _ = run_dossier("validate", path, "--lang", "en")
    assert_refused(code, stdout, stderr, expect=path.name)


def test_empty_formatting_is_not_a_grid(tmp_path: Path) -> None:
    """A formatted but empty cell far away costs calamine nothing, and is not refused."""
    rows = valid_rows() + '<row r="1048576"><c r="XFD1048576" s="1"/></row>'
    dataset, report = load_and_validate(write_zip(tmp_path / "f.xlsx", xlsx_parts(sheet_xml(rows))))
    assert report.ok and len(dataset.incidents) == 1
    trailer = (  # what LibreOffice writes below every table
        '<table:table-row table:number-rows-repeated="1048574"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>'
    )
    dataset, report = load_and_validate(write_ods(tmp_path / "f.ods", trailer), today=TODAY)
    assert report.ok and len(dataset.incidents) == 1


@pytest.mark.parametrize("suffix", [pytest.param(".xlsx", marks=pytest.mark.slow), ".ods"])
def test_100000_empty_formatted_rows_load_in_bounded_time(tmp_path: Path, suffix: str) -> None:
    if suffix == ".xlsx":
        rows = "".join(
            f'<row r="{n}" s="1" customFormat="1">'
            + "".join(f'<c r="{c}{n}" s="1"/>' for c in LETTERS)
            + "</row>"
            for n in range(3, 100_003)
        )
        path = write_zip(tmp_path / "formatted.xlsx", xlsx_parts(sheet_xml(valid_rows() + rows)))
    else:
        row = (
            '<table:table-row table:style-name="ro2">'
            + ('<table:table-cell table:style-name="ce1"/>' * 5)
            + "</table:table-row>"
        )
        path = write_ods(tmp_path / "formatted.ods", row * 100_000)
    started = time.monotonic()
    _, report = load_and_validate(path, today=TODAY)
    assert time.monotonic() - started < 5
    assert report.ok, report.problems
    assert report.counts["incidents"].read == 1


# -- CSV ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_50_mb_csv_is_validated_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    summary = "Les CRS ont gazé le campement à l'aube. " * 15
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        number = 0
        while handle.tell() < 50 << 20:
            number += 1
            writer.writerow([f"CAL-{number}", "2015-06-30", "Calais", summary, "public"])
    # The child reports its own peak (VmHWM): RUSAGE_CHILDREN would give the largest of every
    # child this test process ever had.
    script = (
        "import sys\n"
        "from dossier.validate.rows import load_and_validate\n"
        "dataset, report = load_and_validate(sys.argv[1])\n"
        "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(len(dataset.incidents), report.ok, int(peak) * 1024)\n"
    )
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    accepted, ok, peak = completed.stdout.split()
    assert (int(accepted), ok) == (number, "True")
    assert time.monotonic() - started < 60
    assert int(peak) < 600 << 20, f"{int(peak) >> 20} MiB"


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        # 50 MB and not one line break: refused before the line is held in memory
        (b"id,date\n" + b"x" * (50 << 20), "more than 4 194 304 characters on one line"),
        (b"id," + b"," * (8 << 20) + b"\n", "more than 4 194 304 characters on one line"),
        # 20,000 cells on one line
        (b",".join([b"id", *[b"c%d" % n for n in range(20_000)]]) + b"\n", "20001 cells"),
    ],
    ids=["one-50MB-line", "8M-commas", "20000-columns"],
)
def test_csv_lines_that_no_person_wrote_are_refused(
    tmp_path: Path, content: bytes, expect: str
) -> None:
    path = tmp_path / "incidents.csv"
    path.write_bytes(content)
    with pytest.raises(LoadError) as caught:
        load_and_validate(path, today=TODAY)
    assert caught.value.key in ("csv_line_too_long", "csv_too_wide")
    out = tmp_path / "out"
    code, stdout, stderr, seconds = run_dossier(
        "build", path, "--out", out, "--lang", "en", memory=1024 << 20
    )
    assert_refused(code, stdout, stderr, expect=expect, out=out)
    assert seconds < 20


def test_csv_line_limit_holds_in_a_mixed_encoding_file_too(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_bytes(
        b"id,commune\nA-1,Saint-" + "É".encode() + b"\nA-2,Bl\xe9riot\n" + b"x" * (5 << 20)
    )
    assert load_workbook(path).sheets["incidents"].encoding == "utf-8+cp1252"
    with pytest.raises(LoadError) as caught:
        load_and_validate(path, today=TODAY)
    assert caught.value.key == "csv_line_too_long"


def test_10000_columns_are_read(tmp_path: Path) -> None:
    """Wide, but a sheet may have 16,384 columns: read, every unknown column reported."""
    extra = [f"note {n}" for n in range(10_000 - len(HEADERS))]
    rows = [dict(zip([*HEADERS, *extra], [*VALUES, *("" for _ in extra)], strict=True))]
    path = write_csv(tmp_path / "incidents.csv", rows)
    started = time.monotonic()
    dataset, report = load_and_validate(path, today=TODAY)
    assert time.monotonic() - started < 10
    assert [i.id for i in dataset.incidents] == ["CAL-1"]
    assert {p.code for p in report.problems} == {"unknown_column"}
    assert len(report.problems) == len(extra)


def test_10000_columns_in_a_workbook_are_read(tmp_path: Path) -> None:
    from dossier.schema.header_keys import column_letter

    header = valid_rows().replace(
        "</row><row",
        "".join(inline(f"{column_letter(n)}1", f"note {n}") for n in range(5, 10_000))
        + "</row><row",
        1,
    )
    path = write_zip(tmp_path / "wide.xlsx", xlsx_parts(sheet_xml(header)))
    dataset, report = load_and_validate(path, today=TODAY)
    assert [i.id for i in dataset.incidents] == ["CAL-1"]
    assert len(report.problems) == 9_995


# -- one cell of a megabyte ---------------------------------------------------------------------


def test_a_1_mb_cell_in_a_workbook_is_refused_cell_by_cell(tmp_path: Path) -> None:
    rows = (
        valid_rows()
        + '<row r="3">'
        + "".join(
            inline(f"{c}3", v)
            for c, v in zip(LETTERS, ["CAL-2", "2015-07-01", "Calais", "", "public"], strict=True)
        ).replace("<t></t>", "<t>" + "é" * 1_000_000 + "</t>")
        + "</row>"
    )
    path = write_zip(tmp_path / "big-cell.xlsx", xlsx_parts(sheet_xml(rows)))
    result = run_cli(["validate", path, "--lang", "en", "--format", "json"])
    assert result.exit_code == 1, result.output[-2000:]
    report = json.loads(result.stdout)
    problems = [(p["row"], p["column"], p["code"]) for p in report["problems"]]
    assert problems == [(3, "D", "text_too_long")]
    problem = report["problems"][0]
    assert problem["message"] == "text of 1000000 characters; a cell holds at most 32767."
    assert len(problem["value"]) <= 200  # quoted, not copied
    assert report["sheets"][0] == {
        "sheet": "incidents",
        "file": "big-cell.xlsx",
        "rows_read": 2,
        "accepted": 1,
        "rejected": 1,
    }
    assert len(result.output) < 5000


def test_a_cell_of_exactly_the_limit_is_accepted(tmp_path: Path) -> None:
    rows = [dict(zip(HEADERS, VALUES, strict=True))]
    rows[0]["summary in French"] = "a" * limits.MAX_CELL_TEXT
    dataset, report = load_and_validate(write_csv(tmp_path / "incidents.csv", rows), today=TODAY)
    assert report.ok and len(dataset.incidents[0].summary_fr) == limits.MAX_CELL_TEXT
    rows[0]["summary in French"] = "a" * (limits.MAX_CELL_TEXT + 1)
    _, report = load_and_validate(write_csv(tmp_path / "incidents.csv", rows), today=TODAY)
    assert [(p.row, p.code) for p in report.errors] == [(2, "text_too_long")]
    assert report.errors[0].value == "a" * 199 + "…"


def test_a_1_mb_cell_in_a_csv_is_refused_naming_its_row(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text(csv_text([INCIDENT, incident(id="CAL-2", summary_in_English="x" * 1_000_000)]))
    out = tmp_path / "out"
    result = run_cli(["build", path, "--out", out, "--lang", "en"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "(row 3)" in lines[0], result.output
    assert not out.exists()


# -- NUL bytes and encodings --------------------------------------------------------------------


def test_nul_bytes_are_reported_in_their_cell(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_bytes(csv_text([INCIDENT, incident(id="CAL-2", place="camp\x00 nord")]).encode())
    result = run_cli(["validate", path, "--lang", "en", "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["row"], p["column"], p["code"], p["value"]) for p in problems] == [
        (3, "F", "invalid_text", "camp\ufffd nord")
    ]
    rows = valid_rows() + '<row r="3">' + inline("A3", "CAL-\x002") + "</row>"
    xlsx = write_zip(tmp_path / "nul.xlsx", xlsx_parts(sheet_xml(rows)))
    _, report = load_and_validate(xlsx, today=TODAY)
    assert ("A", "invalid_text") in [(p.column, p.code) for p in report.errors]


def test_mixed_encodings_are_read_right_and_the_row_is_named(tmp_path: Path) -> None:
    """UTF-8, with one line pasted from a Windows-1252 program: that line's accents are read
    as Windows-1252 (right, here), the rest as UTF-8, and a warning names the row."""
    rows = [dict(zip(HEADERS, VALUES, strict=True)) for _ in range(4)]
    for number, row in enumerate(rows):
        row["id"] = f"CAL-{number}"
    rows[0]["commune"] = "Saint-Étienne-au-Mont"
    rows[2]["commune"] = "Sangatte-Blériot"
    data = csv_text(rows).encode("utf-8")
    data = data.replace("Sangatte-Blériot".encode(), "Sangatte-Blériot €".encode("cp1252"))
    path = tmp_path / "incidents.csv"
    path.write_bytes(data)
    dataset, report = load_and_validate(path, today=TODAY)
    assert [i.commune for i in dataset.incidents] == [
        "Saint-Étienne-au-Mont",
        "Calais",
        "Sangatte-Blériot €",
        "Calais",
    ]
    assert [(p.row, p.code, p.severity.value) for p in report.problems] == [
        (4, "mixed_encoding", "warning")
    ]
    assert report.ok
    message = report.problems[0].message("fr")
    assert message.startswith("ligne lue en partie en Windows-1252")


def test_a_file_entirely_in_windows_1252_gives_no_warning(tmp_path: Path) -> None:
    rows = [dict(zip(HEADERS, VALUES, strict=True))]
    rows[0]["commune"] = "Sangatte-Blériot"
    path = write_csv(tmp_path / "incidents.csv", rows, encoding="cp1252")
    dataset, report = load_and_validate(path, today=TODAY)
    assert dataset.incidents[0].commune == "Sangatte-Blériot"
    assert report.problems == []


def test_every_security_code_is_exercised_here() -> None:
    """The codes test_validate.py leaves to the security tests (SECURITY_CODES) each have one
    that asserts on the code itself."""
    from test_validate import SECURITY_CODES

    text = "".join(
        (Path(__file__).parent / name).read_text(encoding="utf-8")
        for name in ("test_security_input.py", "test_security_injection.py")
    )
    assert [code for code in sorted(SECURITY_CODES) if f'"{code}"' not in text] == []


def test_load_errors_are_documented() -> None:
    doc = (REPO / "docs" / "validation-report.md").read_text(encoding="utf-8")
    keys = {"workbook_too_large", "workbook_ratio", "workbook_xml_declaration"}
    keys |= {"workbook_too_many_cells", "workbook_text_too_large"}
    keys |= {"csv_line_too_long", "csv_too_wide"}
    assert [key for key in keys if f"| `{key}` |" not in doc] == []


def test_limits_are_the_documented_ones() -> None:
    doc = (REPO / "docs" / "security.md").read_text(encoding="utf-8")
    for text in ("512 MiB", "100 times", "32 MiB", "10,000,000", "256 MiB", "32,767", "16,384"):
        assert text in doc, text
    assert limits.MAX_UNCOMPRESSED == 512 << 20
    assert limits.MAX_RATIO == 100 and limits.RATIO_GRACE == 32 << 20
    assert limits.MAX_SHEET_CELLS == 10_000_000
    assert limits.MAX_EXPANDED_TEXT == 256 << 20
    assert limits.MAX_CELL_TEXT == 32_767 and limits.MAX_CSV_CELLS == 16_384


def test_a_table_that_does_not_start_at_a1_keeps_its_row_numbers_and_letters(
    tmp_path: Path,
) -> None:
    """Rows are read one by one (iter_rows), not as a whole grid: positions stay those the
    spreadsheet shows."""
    header = "".join(inline(f"{c}3", h) for c, h in zip("CDEFG", HEADERS, strict=True))
    values = [*VALUES]
    values[1] = "31/02/2015"
    row = "".join(inline(f"{c}5", v) for c, v in zip("CDEFG", values, strict=True))
    rows = f'<row r="3">{header}</row><row r="5">{row}</row>'
    path = write_zip(tmp_path / "offset.xlsx", xlsx_parts(sheet_xml(rows)))
    _, report = load_and_validate(path, today=TODAY)
    assert [(p.row, p.column, p.header, p.code) for p in report.errors] == [
        (5, "D", "date", "invalid_date")
    ]


# -- fuzzing: whatever the bytes, only the project's own errors ---------------------------------


def _valid_workbook_bytes(suffix: str, folder: Path) -> bytes:
    if suffix == ".ods":
        return write_ods(folder / "seed.ods", "").read_bytes()
    parts = xlsx_parts(sheet_xml(valid_rows()))
    return write_zip(folder / "seed.xlsx", parts, zipfile.ZIP_STORED).read_bytes()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    suffix=st.sampled_from([".xlsx", ".ods", ".csv"]),
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=6),
    cut=st.one_of(st.none(), st.floats(0, 1)),
    junk=st.binary(max_size=64),
)
def test_mutated_files_raise_only_load_errors(
    tmp_path_factory: pytest.TempPathFactory,
    suffix: str,
    flips: list[tuple[float, int]],
    cut: float | None,
    junk: bytes,
) -> None:
    """Bytes flipped, the file cut short, junk appended: the result is a report or a
    LoadError, never another exception (calamine's own errors and panics included)."""
    folder = tmp_path_factory.mktemp("fuzz")
    if suffix == ".csv":
        data = bytearray(csv_text([INCIDENT, incident(id="CAL-2")]).encode())
    else:
        data = bytearray(_valid_workbook_bytes(suffix, folder))
    for position, value in flips:
        data[int(position * len(data))] = value
    if cut is not None:
        del data[int(cut * len(data)) :]
    path = folder / f"incidents{suffix}"
    path.write_bytes(bytes(data) + junk)
    with contextlib.suppress(LoadError):
        load_and_validate(path, today=TODAY)


CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["=1+1", "\u202eabc", "\x00", "31/02/2015", "tente:3;", "P-1; ;", "1e999"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(CELL, min_size=len(INCIDENT), max_size=len(INCIDENT)), max_size=5))
def test_random_cells_give_a_report_never_an_exception(rows: list[list[str]]) -> None:
    """Any text in any cell: every row is accounted for, and nothing but a report comes out."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "incidents.csv"
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(list(INCIDENT))
        writer.writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")
        try:
            dataset, report = load_and_validate(path, today=TODAY)
        except LoadError as error:
            assert error.key in ("empty_file", "binary_file", "bad_csv", "csv_too_wide")
            return
        count = report.counts["incidents"]
        assert count.read == count.accepted + count.rejected
        assert count.accepted == len(dataset.incidents)
