"""Injection: data never becomes markup, a request, a formula or a reordering; evidence paths
never leave the evidence folder; output names never leave the output folder; an editor's
template cannot reach Python, files or unbounded memory. Threat model: docs/security.md."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from helpers import TODAY, run_cli
from test_build import CONFIG, write_dataset
from test_security_input import run_dossier

from dossier.assemble.models import Audience, Layout
from dossier.build.pipeline import LANGS, OutputFormat, build_dossiers, output_name
from dossier.errors import BuildError
from dossier.validate.evidence import EvidenceChanged, sha256_evidence
from dossier.validate.rows import load_and_validate

# Each payload is a cell's whole text. None may become an element, an attribute, a fetch, a
# template expression, a style or a link in any output.
PAYLOADS = {
    "script": "<script>alert('x')</script><b>gras</b>",
    "img": '<img src="file:///etc/passwd" onerror="alert(1)">',
    "style": "</p><style>@import url(http://127.0.0.1:9/x.css); body{display:none}</style>",
    "inline_style": '<span style="background:url(file:///etc/passwd)">x</span>',
    "jinja": "{{ 7*7 }} {% include 'ddd.html' %} {{ d.config }}",
    "svg": '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
    "links": '<link rel="attachment" href="file:///etc/passwd"><a href="javascript:alert(1)">x</a>',
    "urls": "file:///etc/passwd http://127.0.0.1:9/leak url(file:///etc/hosts)",
    "entity": "&lt;script&gt; &amp;amp; &#60;b&#62; ]]> <![CDATA[x]]>",
}
# Where each payload goes: (CSV file, row index, column header).
TARGETS = {
    "script": ("incidents.csv", 0, "place"),
    "img": ("incidents.csv", 0, "injuries"),
    "style": ("incidents.csv", 0, "summary in French"),
    "inline_style": ("incidents.csv", 0, "summary in English"),
    "jinja": ("persons.csv", 0, "pseudonym"),
    "svg": ("persons.csv", 0, "nationality"),
    "links": ("evidence.csv", 0, "description in French"),
    "urls": ("evidence.csv", 0, "custody notes"),
    "entity": ("proceedings.csv", 0, "authority"),
}
CONFIG_PAYLOADS = {
    'name = "Observatoire du littoral (test)"': 'name = "<script>alert(1)</script> Obs"',
    'reference = "OBS-DDD-2016-01"': 'reference = "REF-{{ 7*7 }}-</title><x>"',
    'name = "Camille Signataire"': 'name = "Camille <img src=file:///etc/passwd> S."',
}


def edit_csv(path: Path, row: int, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[row][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def hostile_dataset(folder: Path, payloads: dict[str, str]) -> Path:
    data = write_dataset(folder)
    for key, (file, row, column) in TARGETS.items():
        edit_csv(data / file, row, column, payloads[key])
    config = CONFIG
    for plain, hostile in CONFIG_PAYLOADS.items():
        assert plain in config
        config = config.replace(plain, hostile if payloads is PAYLOADS else plain)
    (data / "dossier.toml").write_text(config, encoding="utf-8")
    return data


class _Structure(HTMLParser):
    """Start tags with their attribute names, and the values of attributes that fetch."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.values: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
        # Attributes that fetch, link or style: data must never reach them.
        self.values += [
            value or ""
            for name, value in attrs
            if name in ("href", "src", "style", "srcset", "data") or name.startswith("on")
        ]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def structure(document: str) -> _Structure:
    parser = _Structure()
    parser.feed(document)
    parser.close()
    return parser


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u00ad", ""))


def test_cells_and_config_values_never_become_markup(tmp_path: Path) -> None:
    """The same workbook with harmless text and with payloads gives the same elements and
    attributes, for every layout: the payloads are text, printed as typed."""
    plain = {key: f"plain text {key}" for key in PAYLOADS}
    control = build_dossiers(
        hostile_dataset(tmp_path / "plain", plain),
        out=tmp_path / "plain-out",
        layouts=[layout.value for layout in Layout],
        langs=("fr",),
        formats=("html",),
        audience="ddd",
    )
    hostile = build_dossiers(
        hostile_dataset(tmp_path / "hostile", PAYLOADS),
        out=tmp_path / "hostile-out",
        layouts=[layout.value for layout in Layout],
        langs=("fr",),
        formats=("html",),
        audience="ddd",
    )
    texts = []
    for clean, attacked in zip(control.outputs, hostile.outputs, strict=True):
        good = structure(clean.path.read_text(encoding="utf-8"))
        bad = structure(attacked.path.read_text(encoding="utf-8"))
        assert bad.tags == good.tags, attacked.path.name
        for value in bad.values:
            assert not re.search(r"javascript:|file:|127\.0\.0\.1|\{\{", value), value
        texts.append("".join(bad.text))
    # Printed exactly as typed (the English summary is not printed in a French dossier).
    shown = "\n".join(texts)
    missing = [key for key, text in PAYLOADS.items() if key != "inline_style" and text not in shown]
    assert missing == []
    assert "<script>alert(1)</script> Obs" in shown  # the organisation's name


@pytest.mark.slow
def test_payloads_fetch_nothing_and_stay_text_in_pdf_and_docx(tmp_path: Path) -> None:
    data = hostile_dataset(tmp_path / "data", PAYLOADS)
    result = build_dossiers(
        data,
        out=tmp_path / "out",
        layouts=[layout.value for layout in Layout],
        langs=("fr",),
        formats=("pdf", "docx"),
        audience="ddd",
    )
    assert result.refused_urls == []  # nothing was even attempted
    from pypdf import PdfReader

    texts, bodies = [], []
    for output in result.outputs:
        if output.format == "pdf":
            reader = PdfReader(output.path)
            assert not reader.attachments
            uris = [
                str(annotation.get_object().get("/A", {}).get("/URI", ""))
                for page in reader.pages
                for annotation in page.get("/Annots", []) or []
            ]
            assert [uri for uri in uris if uri and not uri.startswith("https://")] == []
            texts.append(squash(pdftotext(output.path)))
            metadata = json.dumps({k: str(v) for k, v in (reader.metadata or {}).items()})
            assert "<script>alert(1)</script> Obs" in metadata  # the author, as typed
        else:
            with zipfile.ZipFile(output.path) as archive:
                relations = "".join(
                    archive.read(name).decode()
                    for name in archive.namelist()
                    if name.endswith(".rels")
                )
                bodies.append(archive.read("word/document.xml").decode())
            assert "file:" not in relations and "javascript:" not in relations
            assert "127.0.0.1" not in relations
    text, body = "".join(texts), "".join(bodies)
    assert squash("<script>alert('x')</script><b>gras</b>") in text
    assert squash("{{ 7*7 }} {% include 'ddd.html' %}") in text
    assert squash(PAYLOADS["svg"]) in text
    assert "&lt;script&gt;alert('x')&lt;/script&gt;&lt;b&gt;gras&lt;/b&gt;" in body
    assert "{{ 7*7 }}" in body


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//127.0.0.1/x",
        "ftp://example.org/x",
        "http://exa mple.org",
    ],
)
def test_an_exhibit_url_must_be_a_web_address(tmp_path: Path, url: str) -> None:
    data = write_dataset(tmp_path / "data")
    edit_csv(data / "evidence.csv", 1, "URL", url)
    _, report = load_and_validate(data, today=TODAY)
    assert [(p.sheet, p.row, p.code) for p in report.errors] == [("evidence", 3, "invalid_url")]


# -- bidirectional controls -------------------------------------------------------------------

RLO, PDF_, RLI, PDI = "\u202e", "\u202c", "\u2067", "\u2069"
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def bidi_dataset(folder: Path) -> Path:
    data = write_dataset(folder)
    edit_csv(data / "persons.csv", 0, "pseudonym", f"Abel {RLO}N.")
    edit_csv(data / "incidents.csv", 0, "summary in French", f"Avant {RLO}ABC DEF{PDF_} après.")
    edit_csv(data / "incidents.csv", 0, "place", f"rue des {RLI}Garennes{PDI}")
    return data


def test_bidi_controls_are_removed_with_a_warning_naming_the_cell(tmp_path: Path) -> None:
    dataset, report = load_and_validate(bidi_dataset(tmp_path / "data"), today=TODAY)
    warnings = [(p.sheet, p.row, p.column, p.code) for p in report.warnings]
    assert ("incidents", 2, "F", "bidi_control") in warnings
    assert ("incidents", 2, "X", "bidi_control") in warnings
    assert ("persons", 2, "B", "bidi_control") in warnings
    assert dataset.persons[0].pseudonym == "Abel N."
    assert dataset.incidents[0].summary_fr == "Avant ABC DEF après."
    # The warning quotes the value with the controls made visible, so the report itself is not
    # reversed on the screen.
    quoted = [p.value for p in report.warnings if p.code == "bidi_control"]
    assert all(value and not BIDI.search(value) for value in quoted)
    assert "Abel \ufffdN." in quoted


def test_bidi_controls_in_a_workbook_and_in_coded_cells(tmp_path: Path) -> None:
    from test_security_input import sheet_xml, valid_rows, write_zip, xlsx_parts

    rows = valid_rows().replace(">Calais<", f">Cal{RLO}ais<").replace(">public<", f">pub{RLI}lic<")
    path = write_zip(tmp_path / "bidi.xlsx", xlsx_parts(sheet_xml(rows)))
    dataset, report = load_and_validate(path, today=TODAY)
    assert [(p.column, p.code) for p in report.problems] == [
        ("C", "bidi_control"),
        ("E", "bidi_control"),
    ]
    assert dataset.incidents[0].commune == "Calais"
    assert dataset.incidents[0].confidentiality == "public"


@pytest.mark.slow
def test_bidi_controls_never_reorder_the_dossier(tmp_path: Path) -> None:
    result = build_dossiers(
        bidi_dataset(tmp_path / "data"),
        out=tmp_path / "out",
        langs=("fr",),
        formats=("pdf", "docx", "html"),
    )
    for output in result.outputs:
        if output.format == "pdf":
            text = " ".join(pdftotext(output.path).split())
            assert "Avant ABC DEF après." in text
            assert "Abel N." in text
            assert "rue des Garennes" in text
        elif output.format == "docx":
            with zipfile.ZipFile(output.path) as archive:
                body = "".join(
                    archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml")
                )
            assert not BIDI.search(body)
        else:
            assert not BIDI.search(output.path.read_text(encoding="utf-8"))


# -- formulas in the spreadsheets dossier writes ------------------------------------------------

FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(1,1)", '=HYPERLINK("http://127.0.0.1/";"x")']


def spreadsheets() -> dict[str, bytes]:
    from dossier.forms.spreadsheet import spreadsheet_template_bytes
    from dossier.forms.xlsform import xlsform_bytes

    return {
        "template-fr": spreadsheet_template_bytes("fr"),
        "template-en": spreadsheet_template_bytes("en"),
        "xlsform": xlsform_bytes(),
    }


@pytest.mark.parametrize("name", ["template-fr", "template-en", "xlsform"])
def test_no_spreadsheet_dossier_writes_holds_a_formula(name: str) -> None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(spreadsheets()[name]))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate)


def test_text_that_looks_like_a_formula_is_written_as_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Example rows, labels, anything: written through set_text, it stays a string."""
    import openpyxl

    from dossier.forms import spreadsheet as spreadsheet_template

    real = spreadsheet_template.example_rows

    def hostile(lang: str) -> dict[str, dict[str, object]]:
        rows = real(lang)
        for sheet, formula in zip(rows.values(), FORMULAS, strict=False):
            for key, value in sheet.items():
                if isinstance(value, str):
                    sheet[key] = formula
        return rows

    monkeypatch.setattr(spreadsheet_template, "example_rows", hostile)
    book = openpyxl.load_workbook(io.BytesIO(spreadsheet_template.spreadsheet_template_bytes("en")))
    found = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in FORMULAS:
                    found += 1
                    assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    assert found >= 4


@pytest.mark.slow
def test_libreoffice_reads_formula_like_text_as_text(tmp_path: Path) -> None:
    """The end of the chain: a spreadsheet program opens the file and evaluates nothing."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    from openpyxl import Workbook

    from dossier.forms.xlsx import set_text, workbook_bytes

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for number, formula in enumerate(FORMULAS, start=1):
        set_text(sheet.cell(row=number, column=1), formula)
    (tmp_path / "f.xlsx").write_bytes(workbook_bytes(book, title="t"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), "f.xlsx"],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=True,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    values = [row[0] for row in csv.reader((tmp_path / "f.csv").read_text().splitlines())]
    assert values == FORMULAS


# -- evidence paths -----------------------------------------------------------------------------


def evidence_dataset(folder: Path, file: str) -> Path:
    data = write_dataset(folder)
    edit_csv(data / "evidence.csv", 0, "file", file)
    return data


SECRET = "secret outside the evidence folder"


@pytest.mark.parametrize(
    ("file", "code"),
    [
        ("/etc/passwd", "evidence_path_escapes"),
        ("../outside.txt", "evidence_path_escapes"),
        ("photos/../../outside.txt", "evidence_path_escapes"),
        ("\\\\server\\share\\x.txt", "evidence_path_escapes"),  # a Windows network path
        ("//server/share/x.txt", "evidence_path_escapes"),
        ("C:outside.txt", "evidence_path_escapes"),
        ("photos/" + "a" * 5000, "evidence_file_missing"),  # a name the system refuses
        ("photos", "evidence_file_missing"),  # a folder
    ],
)
def test_evidence_paths_that_leave_the_folder(tmp_path: Path, file: str, code: str) -> None:
    (tmp_path / "outside.txt").write_text(SECRET)
    data = evidence_dataset(tmp_path / "data", file)
    result = run_cli(["validate", data, "--lang", "en", "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["sheet"], p["row"], p["code"]) for p in problems if p["severity"] == "error"] == [
        ("evidence", 2, code)
    ]
    assert hashlib.sha256(SECRET.encode()).hexdigest() not in result.stdout


def link(target: Path, at: Path) -> None:
    at.parent.mkdir(parents=True, exist_ok=True)
    at.symlink_to(target)


def test_links_out_of_the_evidence_folder_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET)
    data = evidence_dataset(tmp_path / "data", "link.txt")
    link(outside / "secret.txt", data / "evidence" / "link.txt")
    _, report = load_and_validate(data, today=TODAY)
    assert [(p.row, p.code) for p in report.errors] == [(2, "evidence_path_escapes")]
    # A linked folder on the way out.
    data = evidence_dataset(tmp_path / "data2", "linked/secret.txt")
    link(outside, data / "evidence" / "linked")
    _, report = load_and_validate(data, today=TODAY)
    assert [(p.row, p.code) for p in report.errors] == [(2, "evidence_path_escapes")]
    # A link that stays inside is followed.
    data = evidence_dataset(tmp_path / "data3", "alias.txt")
    link(data / "evidence" / "certificate-001.txt", data / "evidence" / "alias.txt")
    dataset, report = load_and_validate(data, today=TODAY)
    assert report.ok
    content = (data / "evidence" / "certificate-001.txt").read_bytes()
    assert dataset.evidence[0].sha256 == hashlib.sha256(content).hexdigest()


def test_a_pipe_in_the_evidence_folder_does_not_hang_validation(tmp_path: Path) -> None:
    data = evidence_dataset(tmp_path / "data", "pipe")
    os.mkfifo(data / "evidence" / "pipe")
    code, stdout, _, seconds = run_dossier("validate", data, "--format", "json", timeout=30)
    assert code == 1 and seconds < 20
    assert [p["code"] for p in json.loads(stdout)["problems"] if p["severity"] == "error"] == [
        "evidence_file_missing"
    ]


def swap(path: Path, target: Path) -> None:
    """Replace ``path`` by a link to ``target``, as an attacker racing the check would."""
    path.rename(path.with_name(path.name + ".old"))
    path.symlink_to(target)


def test_a_file_swapped_for_a_link_after_the_check_is_not_read(tmp_path: Path) -> None:
    """Time of check to time of use: the path is resolved, then a link replaces the file (or
    a folder above it). Hashing walks the path again without following links."""
    (tmp_path / "secret.txt").write_text(SECRET)
    folder = tmp_path / "evidence"
    (folder / "photos").mkdir(parents=True)
    (folder / "photos" / "gaz.txt").write_text("photo\n")
    target = (folder / "photos" / "gaz.txt").resolve()
    swap(folder / "photos" / "gaz.txt", tmp_path / "secret.txt")
    with pytest.raises(EvidenceChanged):
        sha256_evidence(folder, target)
    (folder / "photos" / "gaz.txt").unlink()
    (folder / "photos" / "gaz.txt.old").rename(folder / "photos" / "gaz.txt")
    assert sha256_evidence(folder, target) == hashlib.sha256(b"photo\n").hexdigest()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "gaz.txt").write_text(SECRET)
    swap(folder / "photos", tmp_path / "elsewhere")
    with pytest.raises(EvidenceChanged):
        sha256_evidence(folder, target)


def test_the_race_seen_from_validation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier.validate import rows as validate

    (tmp_path / "secret.txt").write_text(SECRET)
    data = evidence_dataset(tmp_path / "data", "certificate-001.txt")
    real = validate.resolve_evidence_path

    def racing(folder: Path, relative: str) -> Path | None:
        resolved = real(folder, relative)
        if resolved is not None and resolved.name == "certificate-001.txt":
            swap(resolved, tmp_path / "secret.txt")  # right after the check
        return resolved

    monkeypatch.setattr(validate, "resolve_evidence_path", racing)
    dataset, report = load_and_validate(data, today=TODAY)
    assert [(p.row, p.code) for p in report.errors] == [(2, "evidence_path_escapes")]
    digest = hashlib.sha256(SECRET.encode()).hexdigest()
    assert digest not in json.dumps(report.to_json("en"))
    assert all(item.sha256 != digest for item in dataset.evidence)


def test_an_unreadable_evidence_file_is_one_problem_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = evidence_dataset(tmp_path / "data", "certificate-001.txt")
    real_open = os.open

    def refuse(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("certificate-001.txt"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    _, report = load_and_validate(data, today=TODAY)
    assert [(p.row, p.code) for p in report.errors] == [(2, "evidence_unreadable")]
    assert "Permission denied" in report.errors[0].message("en")


# -- output names --------------------------------------------------------------------------------


def test_output_names_are_plain_names_made_of_known_words() -> None:
    names = {
        output_name(layout.value, lang, audience.value, output_format.value)
        for layout in Layout
        for lang in LANGS
        for audience in Audience
        for output_format in OutputFormat
    }
    for name in names:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)?-[a-z]{2}\.(pdf|docx|html)", name), name
        assert Path(name).name == name and ".." not in name


@pytest.mark.parametrize(
    "options",
    [
        {"langs": ("../../tmp/x",)},
        {"langs": ("fr/../../x",)},
        {"layouts": ("../ddd",)},
        {"audience": "public/../../x"},
        {"formats": ("pdf/../../x",)},
    ],
)
def test_choices_that_would_make_a_path_are_refused_first(
    tmp_path: Path, options: dict[str, Any]
) -> None:
    data = write_dataset(tmp_path / "data")
    with pytest.raises(BuildError):
        build_dossiers(data, out=tmp_path / "out", **options)
    assert not (tmp_path / "out").exists()
    result = run_cli(["build", data, "--out", tmp_path / "out", "--lang", "../x"])
    assert result.exit_code == 2 and not (tmp_path / "out").exists()


def test_a_link_at_an_output_name_is_replaced_not_followed(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    victim = tmp_path / "victim.txt"
    victim.write_text("must stay")
    out = tmp_path / "out"
    out.mkdir()
    (out / "ddd-fr.html").symlink_to(victim)
    build_dossiers(data, out=out, langs=("fr",), formats=("html",))
    assert victim.read_text() == "must stay"
    assert not (out / "ddd-fr.html").is_symlink()


# -- the template sandbox -------------------------------------------------------------------------

ATTACKS = {
    "class": "{{ ''.__class__ }}",
    "mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ lipsum.__globals__['os'] }}",
    "builtins": "{{ cycler.__init__.__globals__.__builtins__ }}",
    "context": "{{ self._TemplateReference__context }}",
    "format": "{{ '{0.__class__.__mro__}'.format(d) }}",
    "config": "{{ d.config.__class__.__init__.__globals__ }}",
    "max_range": "{% for i in range(200000) %}{% endfor %}",
    "import": "{% import 'os' as os %}{{ os }}",
    "include_absolute": "{% include '/etc/passwd' %}",
    "include_parent": "{% include '../../../../etc/passwd' %}",
    "include_default": "{% include 'default:../../../../../etc/passwd' %}",
}
EXPECTED = {
    "class": "unsafe",
    "mro": "unsafe",
    "globals": "unsafe",
    "builtins": "unsafe",
    "context": "unsafe",
    "format": "unsafe",
    "config": "unsafe",
    "max_range": "Range too big",
    # The build runs with --lang fr: our words are French, Jinja's quoted as they are.
    "import": "modèle introuvable\u00a0: os",
    "include_absolute": "modèle introuvable\u00a0: /etc/passwd",
    "include_parent": "modèle introuvable",
    "include_default": "modèle introuvable",
}


def override(folder: Path, body: str) -> Path:
    (folder / "fr").mkdir(parents=True, exist_ok=True)
    (folder / "fr" / "ddd.html").write_text(
        '{% extends "default:ddd.html" %}\n{% block cover %}\n' + body + "\n{% endblock %}\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_template_cannot_reach_python_files_or_modules(tmp_path: Path, attack: str) -> None:
    data = write_dataset(tmp_path / "data")
    templates = override(tmp_path / "templates", ATTACKS[attack])
    out = tmp_path / "out"
    result = run_cli(
        ["build", data, "--templates", templates, "--out", out, "--lang", "fr", "--format", "html"]
    )
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert EXPECTED[attack] in lines[0], lines[0]
    if attack not in ("import", "include_absolute", "include_parent", "include_default"):
        assert "fr/ddd.html, ligne 3" in lines[0], lines[0]
    assert "root:" not in result.output
    assert not out.exists()


def test_a_template_link_out_of_the_template_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(SECRET)
    templates = override(tmp_path / "templates", "{% include 'notes.html' %}")
    (templates / "notes.html").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(BuildError, match=r"notes\.html: a symbolic link, refused"):
        build_dossiers(
            write_dataset(tmp_path / "data"),
            out=tmp_path / "out",
            templates=templates,
            langs=("fr",),
            formats=("html",),
        )
    assert not (tmp_path / "out").exists()


MEMORY_BOMBS = {
    "repeat": "{{ ('a' * 10**9) | length }}",
    "power": "{{ (7 ** 99999999) % 10 }}",
    "ljust": "{{ 'a'.ljust(10**9) | length }}",
    "center": "{{ 'a' | center(2000000000) | length }}",
    "lipsum": "{{ lipsum(n=1000000) | length }}",
    "doubling": "{% set l = ['a'] %}{% for i in range(40) %}{{ l.append(l[-1] ~ l[-1]) }}"
    "{% endfor %}",
    "output": "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxxxxxxxxxx"
    "{% endfor %}{% endfor %}",
}


@pytest.mark.parametrize(
    "attack",
    [
        pytest.param(name, marks=pytest.mark.slow) if name == "output" else name
        for name in sorted(MEMORY_BOMBS)
    ],
)
def test_a_template_cannot_exhaust_memory(tmp_path: Path, attack: str) -> None:
    """Run in a child limited to 1.5 GiB: refused with the template's line, in seconds."""
    data = write_dataset(tmp_path / "data")
    templates = override(tmp_path / "templates", MEMORY_BOMBS[attack])
    out = tmp_path / "out"
    code, _stdout, stderr, seconds = run_dossier(
        "build",
        data,
        "--templates",
        templates,
        "--out",
        out,
        "--lang",
        "fr",
        "--format",
        "html",
        timeout=120,
    )
    assert code == 1, (code, stderr[-1500:])
    lines = [line for line in stderr.splitlines() if line.strip() and "…" not in line]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr[-1500:]
    assert "ddd.html" in lines[0] and "MemoryError" not in lines[0], lines[0]
    assert seconds < 60
    assert not out.exists()


def test_sandbox_limits_leave_ordinary_templates_alone(tmp_path: Path) -> None:
    body = (
        "<p>{{ '-' * 80 }} {{ 2 ** 64 }} {{ 'x'.ljust(12) }} {{ 'y' | center(9) }}</p>"
        "<p>{{ range(1000) | join(', ') | length }}</p>"
    )
    templates = override(tmp_path / "templates", body)
    result = build_dossiers(
        write_dataset(tmp_path / "data"),
        out=tmp_path / "out",
        templates=templates,
        langs=("fr",),
        formats=("html",),
    )
    page = result.outputs[0].path.read_text(encoding="utf-8")
    assert "-" * 80 in page and "18446744073709551616" in page


def test_large_figures_from_the_data_still_print(tmp_path: Path) -> None:
    """The template bounds apply to what a template asks for, not to the data it prints: a
    count typed with too many zeros still builds (and shows, to be corrected)."""
    data = write_dataset(
        tmp_path / "data",
        **{
            "ITT days": "5000000",
            "number of officers": "2000000",
            "belongings affected": "tent:3000000",
        },
    )
    result = build_dossiers(
        data,
        out=tmp_path / "out",
        layouts=[layout.value for layout in Layout],
        langs=("fr", "en"),
        formats=("html",),
        audience="ddd",
    )
    pages = "".join(output.path.read_text(encoding="utf-8") for output in result.outputs)
    assert "5,000,000" in pages or "5000000" in pages
