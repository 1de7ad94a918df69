"""A PDF typeset in pieces and joined must be what one render of the same HTML gives.

Compared on what a reader meets: the text of every page (pdftotext, so page furniture and
the contents' page numbers included), the page count, the bookmarks (title, level, page),
the named destinations and every link; also the tag tree's shape, the PDF/A catalog, the
cache (a rebuild after one change typesets one piece; a corrupt piece is typeset again)
and the fall-back to one piece when a stylesheet needs the whole document.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from helpers import REPO
from pypdf import PdfReader

from dossier.build.pipeline import build_dossiers
from dossier.render import chunked
from dossier.render.chunks import CONTINUED_CLASS, NotChunkable, check_stylesheet, plan_chunks

SAMPLE = REPO / "sample_data" / "incidents.xlsx"


def _bench_workbook(folder: Path, incidents: int) -> Path:
    """The benchmark's generated workbook (fictional), ``incidents`` rows."""
    spec = importlib.util.spec_from_file_location("bench_build", REPO / "bench" / "bench_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made: Path = module.make_workbook(folder, incidents)
    return made


def _page_texts(pdf: Path) -> list[str]:
    output = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return output.split("\f")


def _pdf_page_texts(data: bytes) -> list[str]:
    output = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    # pdftotext ends the last page with a form feed too.
    return output.split("\f")[:-1]


def _outline(pdf: Path) -> list[tuple[int, str, int]]:
    reader = PdfReader(pdf)
    items: list[tuple[int, str, int]] = []

    def walk(entries: list[Any], depth: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                items.append((depth, entry.title, reader.get_destination_page_number(entry)))

    walk(reader.outline, 0)
    return items


def _destinations(pdf: Path) -> dict[str, tuple[int, float]]:
    reader = PdfReader(pdf)
    return {
        name: (reader.get_destination_page_number(dest), round(float(dest.top or 0), 1))
        for name, dest in reader.named_destinations.items()
    }


def _links(pdf: Path) -> list[tuple[int, str, list[float]]]:
    reader = PdfReader(pdf)
    links = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            target = annotation.get("/Dest")
            if target is None and annotation.get("/A") is not None:
                target = annotation["/A"].get("/URI")
            rectangle = [round(float(value), 1) for value in annotation["/Rect"]]
            links.append((number, str(target), rectangle))
    return links


def _tags(pdf: Path) -> Counter[str]:
    """How many tag elements of each type the structure tree holds."""
    counts: Counter[str] = Counter()
    with pikepdf.open(pdf) as document:
        stack = [document.Root.StructTreeRoot]
        seen: set[tuple[int, int]] = set()
        while stack:
            element = stack.pop()
            if element.is_indirect:
                if element.objgen in seen:
                    continue
                seen.add(element.objgen)
            if "/S" in element:
                counts[str(element.S)] += 1
            kids = element.get("/K")
            if kids is None:
                continue
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                # Element children only: not marked-content ids or object references.
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type", "/StructElem") in (
                    "/StructElem",
                ):
                    stack.append(kid)
    return counts


def assert_same_pdf(single: Path, pieces: Path) -> None:
    single_pages, pieces_pages = _page_texts(single), _page_texts(pieces)
    assert len(pieces_pages) == len(single_pages)
    different = [
        number + 1
        for number, (one, other) in enumerate(zip(single_pages, pieces_pages, strict=True))
        if one != other
    ]
    assert different == [], f"pages whose text differs: {different[:10]}"
    assert _outline(pieces) == _outline(single)
    assert _destinations(pieces) == _destinations(single)
    assert _links(pieces) == _links(single)
    assert _tags(pieces) == _tags(single)
    # The joined file is written by our own writer: qpdf must find nothing wrong in it.
    with pikepdf.open(pieces) as joined:
        assert joined.check_pdf_syntax() == []


def _build(source: Path, out: Path, **options: Any) -> Path:
    result = build_dossiers(source, out=out, use_cache=False, **options)
    (pdf,) = [output.path for output in result.outputs if output.format == "pdf"]
    return pdf


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Pieces of a few incidents each, so that the sample is cut in many places.
    monkeypatch.setattr(chunked, "PIECE_SIZE", 6_000)
    # And the page furniture in segments of a few pages.
    monkeypatch.setattr(chunked, "FURNITURE_PAGES", 10)
    yield


# ------------------------------------------------------------------------------ cutting


def test_a_piece_reopens_the_elements_open_at_the_cut_without_their_ids() -> None:
    document = (
        '<html><head><link rel="stylesheet" href="dossier.css"></head><body class="x">'
        '<section class="cover"><h1>T</h1></section>'
        '<section id="facts"><h1 id="f">Facts</h1><span class="footnote">n1</span>'
        '<div class="page-break"></div><section class="incident"><h2 id="a">A</h2></section>'
        '<div class="page-break"></div><section class="incident"><h2 id="b">B</h2>'
        '<span class="footnote">n2</span></section>'
        '</section><section class="annex" id="z"><h1>Annex</h1></section></body></html>'
    )
    plan = plan_chunks(document, target_size=1, cut_before=frozenset({"annex"}))
    assert [piece.continued for piece in plan.body] == [1, 1, 0]
    assert [piece.footnotes_before for piece in plan.body] == [1, 1, 2]
    first, second, annex = plan.body
    assert (
        f'<section class="{CONTINUED_CLASS}"><div class="page-break"></div>'
        '<section class="incident"><h2 id="a">'
    ) in first.html
    assert 'id="facts"' not in first.html and 'id="facts"' not in second.html
    assert second.html.count("</section>") == second.html.count("<section")
    assert '<section class="annex" id="z">' in annex.html
    assert plan.front.html.endswith("</section>\n</body>\n</html>\n")
    assert 'id="facts"' in plan.front.html and "page-break" not in plan.front.html


def test_pieces_stay_within_the_target_size_unless_one_page_run_is_longer() -> None:
    # A worker's memory follows its piece's size: two runs of 600 characters must not be
    # put together in a piece of 1,000, but a run of 1,500 is a piece on its own.
    runs = [600, 600, 300, 300, 300, 1_500, 200]
    body = "".join(
        f'<div class="page-break"></div><p>{index}{"x" * (size - 40)}</p>'
        for index, size in enumerate(runs)
    )
    document = f"<html><head></head><body><p>front</p>{body}</body></html>"
    plan = plan_chunks(document, target_size=1_000)
    contents = [piece.html.split("<body>", 1)[1] for piece in plan.body]
    starts = [[int(text) for text in re.findall(r"<p>(\d)", content)] for content in contents]
    assert starts == [[0], [1, 2], [3, 4], [5], [6]]
    assert "".join(contents).count("page-break") == len(runs)


def test_the_contents_share_no_piece_with_what_follows_them() -> None:
    # A piece holding contents is typeset twice, the second time after every other piece:
    # the incidents after the contents go to pieces of their own, so that an edit to one of
    # them does not cost both passes. Everything here would fit in one piece.
    segments = [
        '<nav class="toc"><ol><li><a href="#a">A</a></li></ol></nav>',
        '<nav class="toc"><ol><li><a href="#b">B</a></li></ol></nav>',
        '<section class="incident"><h2 id="a">A</h2></section>',
        '<section class="incident"><h2 id="b">B</h2></section>',
    ]
    body = "".join(f'<div class="page-break"></div>{segment}' for segment in segments)
    document = f"<html><head></head><body><p>front</p>{body}</body></html>"
    plan = chunked.plan_pdf(document, [])
    assert plan is not None
    holding = [
        (bool(chunked.toc_anchors(piece.html)), piece.html.count('class="incident"'))
        for piece in plan.body
    ]
    assert holding == [(True, 0), (False, 2)]


def test_a_document_without_page_breaks_is_not_cut() -> None:
    with pytest.raises(NotChunkable):
        plan_chunks("<html><head></head><body><p>one page</p></body></html>")


@pytest.mark.parametrize(
    "css",
    [
        "h1 { string-set: chapter content(text); } .running-title { string-set: a content(); }"
        " .marking { string-set: b content(); }",
        "a.exhibit-ref::after { content: target-counter(attr(href), page); }",
        "p.folio::before { content: counter(page); }",
        "@page :first { counter-reset: page 3; }",
        "@page { counter-increment: page 2; }",
        "@page :nth(2) { @top-center { content: 'two'; } }",
    ],
)
def test_stylesheets_that_need_the_whole_document_are_refused(css: str) -> None:
    with pytest.raises(NotChunkable):
        check_stylesheet(css, allowed_targets=0, allowed_string_sets=2)


def test_page_counters_in_page_rules_are_fine() -> None:
    check_stylesheet(
        "@page { @bottom-center { content: counter(page) ' / ' counter(pages); } }",
        allowed_targets=0,
        allowed_string_sets=0,
    )


def test_furniture_segments_cover_every_page_once_and_start_at_odd_indexes() -> None:
    assert chunked.furniture_segments(5, size=10) == [(0, 5)]
    assert chunked.furniture_segments(25, size=10) == [(0, 11), (11, 21), (21, 25)]
    segments = chunked.furniture_segments(1_234, size=200)
    assert [start for start, _stop in segments[1:]] == list(range(201, 1_234, 200))
    assert segments[-1][1] == 1_234
    assert all(a[1] == b[0] for a, b in itertools.pairwise(segments))


_FURNITURE_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>
@page { size: A6; @bottom-center { content: "page " counter(page) " of " counter(pages); } }
@page :first { @top-center { content: "first"; } }
@page :left { @top-left { content: "left"; } }
@page :right { @top-right { content: "right"; } }
@page annex { @bottom-left { content: "annex"; } }
p.running-title { string-set: title content(); }
@page { @top-right-corner { content: string(title); } }
</style></head><body><p class="running-title">A running title</p></body></html>"""


_RENDER = {"asset_dirs": (), "lang": "en", "title": "t", "author": "a", "subject": "s"}


def test_furniture_in_segments_is_the_furniture_of_one_render() -> None:
    names = ["", "", "", "annex", "annex", "", "", "", "annex", "", "", "", ""]
    whole, pages, _ = chunked.render_overlay(_FURNITURE_HTML, names, **_RENDER)
    assert pages == len(names)
    expected = _pdf_page_texts(whole)
    assert "page 1 of 13" in expected[0] and "first" in expected[0]
    assert "page 13 of 13" in expected[12] and "annex" in expected[8]
    joined: list[str] = []
    for start, stop in chunked.furniture_segments(len(names), size=4):
        skip = 1 if start else 0
        data, count, _ = chunked.render_overlay(
            _FURNITURE_HTML,
            names[start - skip : stop],
            first_page=start - skip,
            total_pages=len(names),
            skip=skip,
            **_RENDER,
        )
        assert count == stop - start
        joined += _pdf_page_texts(data)
    assert joined == expected


# ---------------------------------------------------------------------- same as one render


@pytest.mark.slow
@pytest.mark.usefixtures("small_pieces")
@pytest.mark.parametrize("layout", ["ddd", "report"])
def test_the_sample_in_pieces_is_the_single_render(tmp_path: Path, layout: str) -> None:
    # jobs=2: the pieces really go through worker processes.
    pieces = _build(
        SAMPLE, tmp_path / "pieces", layouts=[layout], langs=["fr"], formats=["pdf"], jobs=2
    )
    single = _build(
        SAMPLE,
        tmp_path / "single",
        layouts=[layout],
        langs=["fr"],
        formats=["pdf"],
        pieces=False,
    )
    assert_same_pdf(single, pieces)


@pytest.mark.slow
def test_three_hundred_incidents_in_pieces_are_the_single_render(tmp_path: Path) -> None:
    source = _bench_workbook(tmp_path / "workbook", 300)
    plan_html = build_dossiers(source, out=tmp_path / "html", langs=["en"], formats=["html"])
    html = plan_html.outputs[0].path.read_text(encoding="utf-8")
    from dossier.render.html import asset_dirs

    plan = chunked.plan_pdf(html, asset_dirs(None))
    assert plan is not None and len(plan.body) >= 4, "the default piece size must cut it"
    # Its contents run into a second group, typeset in a piece of their own and numbered.
    assert [chunk for chunk in plan.body if chunked.toc_anchors(chunk.html)]
    pieces = _build(source, tmp_path / "pieces", langs=["en"], formats=["pdf"], jobs=2)
    single = _build(source, tmp_path / "single", langs=["en"], formats=["pdf"], pieces=False)
    assert_same_pdf(single, pieces)


@pytest.mark.slow
@pytest.mark.usefixtures("small_pieces")
def test_a_pdf_a_in_pieces_keeps_its_catalog_and_attachments(tmp_path: Path) -> None:
    pieces = _build(
        SAMPLE, tmp_path / "pieces", langs=["en"], formats=["pdf"], pdf_variant="pdf/a-3b"
    )
    single = _build(
        SAMPLE,
        tmp_path / "single",
        langs=["en"],
        formats=["pdf"],
        pdf_variant="pdf/a-3b",
        pieces=False,
    )
    assert_same_pdf(single, pieces)
    with pikepdf.open(pieces) as merged, pikepdf.open(single) as whole:
        for entry in ("/Lang", "/MarkInfo", "/OutputIntents", "/Metadata", "/AF"):
            assert entry in merged.Root, entry
        assert str(merged.Root.Lang) == str(whole.Root.Lang)
        assert sorted(merged.attachments) == sorted(whole.attachments)
        with merged.open_metadata() as xmp:
            assert xmp.get("pdfaid:part") == "3"
        assert merged.docinfo.Title == whole.docinfo.Title
    with pikepdf.open(pieces) as merged:
        structure = merged.Root.StructTreeRoot
        assert len(structure.K) == 1 and structure.K[0].S == "/Document"


@pytest.mark.slow
@pytest.mark.usefixtures("small_pieces")
def test_pieces_give_the_same_bytes_every_time(tmp_path: Path) -> None:
    first = _build(SAMPLE, tmp_path / "one", langs=["fr"], formats=["pdf"], jobs=2)
    second = _build(SAMPLE, tmp_path / "two", langs=["fr"], formats=["pdf"], jobs=1)
    assert first.read_bytes() == second.read_bytes()


# --------------------------------------------------------------------------------- cache


def _cached_build(source: Path, out: Path, cache: Path) -> tuple[Path, list[str]]:
    messages: list[str] = []
    result = build_dossiers(
        source,
        out=out,
        langs=["fr"],
        formats=["pdf"],
        cache_dir=cache,
        jobs=1,
        progress=lambda message: messages.append(str(message)),
    )
    return result.outputs[0].path, messages


@pytest.mark.slow
@pytest.mark.usefixtures("small_pieces")
def test_a_rebuild_after_one_change_typesets_only_that_piece(tmp_path: Path) -> None:
    source = tmp_path / "csv"
    shutil.copytree(REPO / "sample_data" / "csv", source)
    shutil.copytree(REPO / "sample_data" / "evidence", source / "evidence")
    shutil.copy(REPO / "sample_data" / "dossier.toml", source / "dossier.toml")
    cache = tmp_path / "cache"
    first, messages = _cached_build(source, tmp_path / "first", cache)
    parts = [m for m in messages if m.startswith("typeset ddd-fr.pdf: part")]
    assert len(parts) >= 4

    incidents = source / "incidents.csv"
    text = incidents.read_text(encoding="utf-8-sig")
    assert "ont évacué le squat" in text
    incidents.write_text(
        text.replace("ont évacué le squat", "ont vidé le squat", 1), encoding="utf-8-sig"
    )
    rebuilt, messages = _cached_build(source, tmp_path / "second", cache)
    typeset = [m for m in messages if m.startswith("typeset ddd-fr.pdf: part")]
    assert len(typeset) == 1, typeset
    # And the result is what a build from scratch gives.
    fresh = _build(source, tmp_path / "fresh", langs=["fr"], formats=["pdf"])
    assert rebuilt.read_bytes() == fresh.read_bytes()
    assert any("ont vidé le squat" in page for page in _page_texts(rebuilt))
    assert first.read_bytes() != rebuilt.read_bytes()


@pytest.mark.slow
@pytest.mark.usefixtures("small_pieces")
def test_corrupt_cached_pieces_are_typeset_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, _ = _cached_build(SAMPLE, tmp_path / "first", cache)
    entries = [path for path in cache.rglob("*") if path.is_file()]
    assert entries
    for path in entries:
        data = bytearray(path.read_bytes())
        if data:
            data[len(data) // 2] ^= 0xFF
            path.write_bytes(bytes(data))
    second, messages = _cached_build(SAMPLE, tmp_path / "second", cache)
    assert not [m for m in messages if m.startswith("cached ")], "a corrupt entry was used"
    assert second.read_bytes() == first.read_bytes()


# ------------------------------------------------------------------------------ fall-back


@pytest.mark.slow
@pytest.mark.usefixtures("small_pieces")
def test_a_stylesheet_needing_the_whole_document_is_typeset_in_one_piece(
    tmp_path: Path,
) -> None:
    templates = tmp_path / "templates"
    (templates / "assets").mkdir(parents=True)
    css = (REPO / "templates" / "assets" / "dossier.css").read_text(encoding="utf-8")
    css += "\nsection.incident h2 { string-set: incident content(text); }\n"
    (templates / "assets" / "dossier.css").write_text(css, encoding="utf-8")
    result = build_dossiers(
        SAMPLE,
        out=tmp_path / "out",
        langs=["fr"],
        formats=["pdf"],
        templates=templates,
        use_cache=False,
    )
    assert result.notes == [
        "ddd-fr.pdf: typeset in one piece (the stylesheet sets running strings (string-set) "
        "in the content)"
    ]
    single = _build(
        SAMPLE,
        tmp_path / "single",
        langs=["fr"],
        formats=["pdf"],
        templates=templates,
        pieces=False,
    )
    assert result.outputs[0].path.read_bytes() == single.read_bytes()
