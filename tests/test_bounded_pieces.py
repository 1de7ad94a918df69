"""Long tables, lists and contents are written in parts: no piece of a PDF grows with the data."""

from __future__ import annotations

import csv
import hashlib
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.assemble.complaint import INCIDENTS_PER_GROUP
from dossier.build.pipeline import build_dossiers
from dossier.render.chunked import PIECE_SIZE
from dossier.render.chunks import plan_chunks
from dossier.render.html import (
    CASES_PER_PART,
    ROWS_PER_PART,
    TOC_PLACEHOLDER,
    asset_dirs,
    fill_toc,
    in_parts,
)

ROOT = Path(__file__).resolve().parents[1]
SMALL, LARGE = 300, 1_200
#: The DDD dossier (its usual audience) and the report for partners (which tells the cases).
OUTPUTS = ("ddd-fr", "ddd-en", "report-partners-fr", "report-partners-en")
PAGE_BREAK = '<div class="page-break"></div>'
CUT_BEFORE = frozenset({"annex", "confidential-annex"})
EVIDENCE_COLUMNS = [
    "id",
    "incident ids",
    "kind",
    "description in French",
    "description in English",
    "URL",
    "SHA-256",
    "captured at",
    "captured by",
    "custody notes",
    "confidentiality",
]
STEP_COLUMNS = [
    "id",
    "incident id",
    "type",
    "date",
    "authority",
    "reference",
    "status",
    "response received",
]


def make_workbook(folder: Path, incidents: int) -> Path:
    """bench/bench_build.py's workbook, plus one exhibit per incident and one step for every
    other incident (so the bordereau, the custody annex and the steps grow too)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_build import make_workbook as bench_workbook
    finally:
        sys.path.remove(str(ROOT / "bench"))
    bench_workbook(folder, incidents)
    with (folder / "evidence.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(EVIDENCE_COLUMNS)
        for number in range(incidents):
            fingerprint = hashlib.sha256(b"%d" % number).hexdigest()
            writer.writerow(
                [
                    f"E-{number:05d}",
                    f"B-{number:05d}",
                    "photo",
                    "Tente lacérée",
                    "Tent slashed",
                    f"https://example.org/e{number}",
                    fingerprint,
                    "2015-07-02 10:00",
                    "A. B.",
                    "copied",
                    "restricted",
                ]
            )
    with (folder / "proceedings.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(STEP_COLUMNS)
        for number in range(0, incidents, 2):
            writer.writerow(
                [
                    f"PR-{number:05d}",
                    f"B-{number:05d}",
                    "police complaint",
                    "2015-07-02",
                    "Calais police station",
                    f"2015/{number:05d}",
                    "pending",
                    "",
                ]
            )
    return folder


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, dict[str, str]]]:
    """The HTML of each output at both sizes."""
    found: dict[int, dict[str, str]] = {}
    for size in (SMALL, LARGE):
        base = tmp_path_factory.mktemp(f"bounded-{size}")
        source = make_workbook(base / "in", size)
        out = base / "out"
        build_dossiers(
            source, layouts=["ddd"], langs=["fr", "en"], formats=["html"], out=out, jobs=1
        )
        build_dossiers(
            source,
            layouts=["report"],
            langs=["fr", "en"],
            formats=["html"],
            audience="partners",
            # Another folder: editions for other readers are not mixed in one.
            out=base / "out-partners",
            jobs=1,
        )
        found[size] = {
            name: document_markup(
                next(
                    path
                    for folder in (out, base / "out-partners")
                    if (path := folder / f"{name}.html").exists()
                )
            )
            for name in OUTPUTS
        }
    yield found


def document_markup(html: Path | str) -> str:
    """An HTML output without its inlined stylesheet, whose comments quote markup."""
    text = html.read_text("utf-8") if isinstance(html, Path) else html
    return re.sub(r"<style\b.*?</style>", "", text, flags=re.S)


def typeset_size(html: str) -> int:
    """Characters of HTML, the charts' ``data:`` images (fixed-size pictures) left out."""
    return len(re.sub(r'src="data:[^"]*"', 'src="data:"', html))


def largest_piece(html: str) -> int:
    plan = plan_chunks(html, target_size=PIECE_SIZE, cut_before=CUT_BEFORE)
    return max(typeset_size(chunk.html) for chunk in plan.chunks)


@pytest.mark.parametrize("name", OUTPUTS)
def test_the_largest_piece_does_not_grow_with_the_dossier(
    dossiers: dict[int, dict[str, str]], name: str
) -> None:
    small, large = dossiers[SMALL][name], dossiers[LARGE][name]
    assert typeset_size(large) > 3 * typeset_size(small)  # the dossier itself did grow
    small_piece, large_piece = largest_piece(small), largest_piece(large)
    assert large_piece <= 2 * PIECE_SIZE, (name, small_piece, large_piece)
    assert large_piece <= 1.2 * small_piece, (name, small_piece, large_piece)
    # The front piece (cover, letter, first group of the contents) too.
    small_front = plan_chunks(small, target_size=PIECE_SIZE, cut_before=CUT_BEFORE).front
    large_front = plan_chunks(large, target_size=PIECE_SIZE, cut_before=CUT_BEFORE).front
    assert len(large_front.html) <= 1.2 * len(small_front.html)


def tables_by_header(html: str) -> dict[str, list[str]]:
    """Every table's body rows, grouped by the text of its header row."""
    found: dict[str, list[str]] = defaultdict(list)
    for table in re.findall(r"<table\b.*?</table>", html, re.S):
        head = re.search(r"<thead>(.*?)</thead>", table, re.S)
        body = re.search(r"<tbody>(.*?)</tbody>", table, re.S)
        if head and body:
            header = re.sub(r"<[^>]+>", "|", head[1])
            found[header].append(body[1])
    return found


def rows(body: str) -> list[str]:
    return re.findall(r"<tr\b.*?</tr>", body, re.S)


@pytest.mark.parametrize(
    ("name", "first_header", "expected"),
    [
        # Consequences (every bench incident has belongings), steps, pattern, bordereau,
        # custody: each with its own header, repeated in every part.
        ("ddd-fr", "Incident|", {"Blessures": LARGE, "Démarche": LARGE // 2}),
        ("ddd-fr", "Date|", {"Victimes": LARGE}),
        ("ddd-fr", "N°|", {"Empreinte SHA-256": LARGE}),
        ("ddd-fr", "Pièce|", {"Collectée le": LARGE}),
        ("ddd-en", "Incident|", {"Injuries": LARGE, "Step": LARGE // 2}),
        ("ddd-en", "Date|", {"Victims": LARGE}),
        ("ddd-en", "No.|", {"SHA-256 fingerprint": LARGE}),
        ("report-partners-fr", "Incident|", {"Démarche": LARGE // 2}),
        ("report-partners-fr", "Date|", {"Victimes": LARGE}),
        ("report-partners-fr", "N°|", {"Empreinte SHA-256": LARGE}),
        ("report-partners-en", "Date|", {"Victims": LARGE}),
        ("report-partners-en", "No.|", {"SHA-256 fingerprint": LARGE}),
    ],
)
def test_split_tables_repeat_their_header_and_lose_no_row(
    dossiers: dict[int, dict[str, str]], name: str, first_header: str, expected: dict[str, int]
) -> None:
    html = dossiers[LARGE][name]
    tables = tables_by_header(html)
    for column, count in expected.items():
        [header] = [h for h in tables if h.lstrip("|").startswith(first_header) and column in h]
        parts = tables[header]
        # Every part has the header (grouped by it), at most ROWS_PER_PART rows, and all
        # the rows are there, each once.
        assert len(parts) == -(-count // ROWS_PER_PART)
        sizes = [len(rows(part)) for part in parts]
        assert max(sizes) == ROWS_PER_PART and sum(sizes) == count, sizes
        every_row = [row for part in parts for row in rows(part)]
        assert len(set(every_row)) == count
    # The parts are separated by page breaks: no table follows another directly.
    assert not re.search(r"</table>\s*<table", html)


def test_the_pattern_table_lists_every_incident_once_in_order(
    dossiers: dict[int, dict[str, str]],
) -> None:
    html = dossiers[LARGE]["ddd-en"]
    facts = re.findall(r'<section class="incident">\s*<h2 id="([^"]+)"', html)
    assert len(facts) == LARGE
    [header] = [h for h in tables_by_header(html) if "Acts" in h and "Exhibits" in h]
    listed = [
        re.search(r'href="#([^"]+)"', row)[1]  # type: ignore[index]
        for part in tables_by_header(html)[header]
        for row in rows(part)
    ]
    assert listed == facts


@pytest.mark.parametrize("name", ["report-partners-fr", "report-partners-en"])
def test_case_narratives_come_in_parts(dossiers: dict[int, dict[str, str]], name: str) -> None:
    html = dossiers[LARGE][name]
    stories = html.count('<section class="incident">')
    assert stories >= LARGE  # told once, in the first chapter that concerns them
    # Between two page breaks there are at most CASES_PER_PART narratives.
    assert max(part.count('<section class="incident">') for part in html.split(PAGE_BREAK)) == (
        CASES_PER_PART
    )


@pytest.mark.parametrize(
    ("name", "continued"), [("ddd-fr", "(suite) B-"), ("ddd-en", "(continued) B-")]
)
def test_a_long_list_of_incidents_goes_on_after_a_page_break(
    dossiers: dict[int, dict[str, str]], name: str, continued: str
) -> None:
    html = dossiers[LARGE][name]
    # Every other incident has no step: they are listed by reference, continued in parts.
    listed = re.findall(r"<p>[^<]*?(B-\d{5}(?:, B-\d{5})*)[.,]</p>", html)
    ids = [part.split(", ") for part in listed]
    assert sum(len(part) for part in ids) == LARGE // 2
    assert len(ids) == 2 and len(ids[0]) == 5 * ROWS_PER_PART
    assert f"{PAGE_BREAK}\n<p>{continued}" in html


# (The report's contents list chapters, not incidents: one group whatever the size.)
@pytest.mark.parametrize("name", ["ddd-fr", "ddd-en"])
def test_the_contents_come_in_groups_with_every_heading(
    dossiers: dict[int, dict[str, str]], name: str
) -> None:
    html = dossiers[LARGE][name]
    groups = re.findall(r'<nav class="toc">(.*?)</nav>', html, re.S)
    assert len(groups) > 1
    links = [re.findall(r'<a href="#([^"]+)">', group) for group in groups]
    assert all(len(group) <= 160 for group in links)
    headings = re.findall(r'<h([12]) id="([^"]+)"(?! data-toc="no")', html)
    assert [anchor for group in links for anchor in group] == [a for _level, a in headings]
    assert "</nav>\n" + PAGE_BREAK + '\n<nav class="toc">' in html


# ------------------------------------------------------------------- small dossiers


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("sample")
    build_dossiers(
        ROOT / "sample_data" / "incidents.xlsx",
        layouts=["ddd", "report"],
        langs=["fr", "en"],
        formats=["html"],
        out=out,
        jobs=1,
    )
    return {path.stem: path.read_text("utf-8") for path in out.glob("*.html")}


@pytest.mark.parametrize("name", ["ddd-fr", "ddd-en", "report-fr", "report-en"])
def test_the_sample_has_no_extra_page_break(sample: dict[str, str], name: str) -> None:
    html = document_markup(sample[name])
    assert html.count('<nav class="toc">') == 1
    # No table is written in parts: none goes on after a page break.
    assert not re.search(r"</table>\s*" + PAGE_BREAK + r"\s*<table", html)
    # Every page break opens a section: an incident or a chapter, as before.
    after = re.findall(re.escape(PAGE_BREAK) + r"\n(<[a-z]+)", html)
    assert after and set(after) == {"<section"}
    if name.startswith("ddd"):
        # The facts flow: a break before an incident only where a month (or a group of
        # INCIDENTS_PER_GROUP incidents of one month) starts, and one before each of the five
        # chapters after the facts (issue 19: no page mostly empty).
        incidents = html.count('<section class="incident">')
        before_incidents = html.count(PAGE_BREAK + '\n<section class="incident">')
        assert 1 <= before_incidents < incidents
        assert before_incidents >= incidents / INCIDENTS_PER_GROUP
        assert len(after) == before_incidents + 5
    assert "(suite)" not in html and "(continued)" not in html


# ------------------------------------------------------------------------- helpers


def test_in_parts() -> None:
    assert in_parts(range(5), 2) == [[0, 1], [2, 3], [4]]
    assert in_parts(range(4), 2) == [[0, 1], [2, 3]]
    assert in_parts([], 2) == [[]]  # a table without rows keeps its header
    with pytest.raises(ValueError):
        in_parts([1], 0)


def headings_document(levels: list[int]) -> str:
    body = "".join(f'<h{level} id="h{n}">Heading {n}</h{level}>' for n, level in enumerate(levels))
    return f"<html><body>{TOC_PLACEHOLDER}{body}</body></html>"


def test_a_short_contents_is_one_group() -> None:
    document = headings_document([1, 2, 2, 1, 1, 2])
    filled = fill_toc(document, per_part=6)
    assert filled == fill_toc(document, per_part=1000)
    assert filled.count("<nav") == 1 and PAGE_BREAK not in filled


def test_a_group_that_starts_inside_a_nested_list_reopens_it() -> None:
    filled = fill_toc(headings_document([1, 2, 2, 2, 1]), per_part=2)
    groups = re.findall(r'<nav class="toc">(.*?)</nav>', filled)
    assert groups == [
        '<ol><li class="toc-1"><a href="#h0">Heading 0</a>'
        '<ol><li class="toc-2"><a href="#h1">Heading 1</a></li></ol></li></ol>',
        # The second level goes on under an item without a link, at the same depth.
        '<ol><li class="toc-1"><ol><li class="toc-2"><a href="#h2">Heading 2</a></li>'
        '<li class="toc-2"><a href="#h3">Heading 3</a></li></ol></li></ol>',
        '<ol><li class="toc-1"><a href="#h4">Heading 4</a></li></ol>',
    ]
    assert filled.count(PAGE_BREAK) == 2


@pytest.mark.slow
def test_contents_groups_are_typeset_without_blank_pages_and_all_numbered(
    sample: dict[str, str], tmp_path: Path
) -> None:
    from dossier.render.pdf import render_pdf

    html = sample["ddd-fr"]
    # After the inlined stylesheet, whose comments quote the element.
    start = html.index('<nav class="toc">', html.index("</style>"))
    end = html.index("</nav>", start) + len("</nav>")
    headings = html[start:end].count("<a href=")
    # The sample's contents in groups of 20 lines: four pages instead of two.
    grouped = fill_toc(html[:start] + TOC_PLACEHOLDER + html[end:], per_part=20)
    assert document_markup(grouped).count('<nav class="toc">') == -(-headings // 20)
    pdf = tmp_path / "dossier.pdf"
    pdf.write_bytes(
        render_pdf(
            grouped, asset_dirs=asset_dirs(None), lang="fr", title="t", author="a", subject="s"
        ).data
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    contents = [n for n, page in enumerate(pages) if re.search(r"\.{5,}", page)]
    # One page per group, one after the other: no blank page between them.
    assert contents == list(range(contents[0], contents[0] + -(-headings // 20)))
    lines = [line for n in contents for line in pages[n].splitlines() if "...." in line]
    assert len(lines) == headings
    assert all(re.search(r"\.\s*\d+$", line) for line in lines), lines
    # The first incident's line on the second contents page points at its page.
    first = lines[20]
    title, number = re.match(r"\s*(.*?)\s*\.{3,}\s*(\d+)$", first).groups()  # type: ignore[union-attr]
    assert title.split(" — ")[0] in pages[int(number) - 1]
