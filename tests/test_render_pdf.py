"""Tests for dossier.render.pdf: what a reader of the PDF sees, and what the fetcher refuses."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

from dossier.render.pdf import (
    ACCEPTED_VARIANTS,
    Attachment,
    RefusedURLError,
    RenderedPdf,
    SafeURLFetcher,
    build_day_epoch,
    render_pdf,
    resolve_source_date_epoch,
)

ROOT = Path(__file__).resolve().parents[1]
BUILTIN_ASSETS = ROOT / "templates" / "assets"
FIXTURE = Path(__file__).parent / "fixtures" / "pdf_subset.html"
EPOCH = 1_720_000_000  # 2024-07-03T09:46:40Z
EPOCH_PDF_DATE = "D:20240703094640Z"

TOC_ENTRIES = (
    "Résumé des faits",
    "Chronologie des incidents",
    "Témoignages",
    "Demandes",
    "Annexe A — Empreintes des pièces",
    "Annexe B — Identités des témoins",
)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftotext, pdffonts) is not installed",
)


# ------------------------------------------------------------------------------- helpers


def normalise(text: str) -> str:
    """Make extracted text comparable: plain spaces, no hyphenation, collapsed whitespace."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    # WeasyPrint hyphenates with U+2010; pdftotext may turn it into U+00AD or keep it.
    text = re.sub(r"[\u2010\u00ad]\s*\n\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


def squash(text: str) -> str:
    """Normalised text without any whitespace, for strings a line break may cut anywhere."""
    return re.sub(r"\s+", "", normalise(text))


def render(html: str, **kwargs: Any) -> RenderedPdf:
    options: dict[str, Any] = {
        "asset_dirs": [BUILTIN_ASSETS],
        "lang": "fr",
        "title": "Saisine du Défenseur des droits",
        "author": "Association Exemple",
        "subject": "Violences policières sur le littoral, 2024",
        "keywords": ("violences policières", "exilés", "Calais"),
        "source_date_epoch": EPOCH,
    }
    options.update(kwargs)
    return render_pdf(html, **options)


def mini_html(body: str, lang: str = "fr", head: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Essai</title>'
        f'<link rel="stylesheet" href="dossier.css">{head}</head><body>{body}</body></html>'
    )


def page_texts(data: bytes, *, layout: bool = False) -> list[str]:
    """Text of each page from pdftotext, in reading order or, with ``layout``, as laid out."""
    out = subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pages_containing(pages: list[str], needle: str) -> list[int]:
    """1-based numbers of the pages whose text contains ``needle``."""
    return [number for number, text in enumerate(pages, 1) if squash(needle) in squash(text)]


def outline_pages(reader: PdfReader) -> dict[str, tuple[int, int]]:
    """Outline title -> (depth, 1-based page number)."""
    found: dict[str, tuple[int, int]] = {}

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found[normalise(item.title)] = (depth, reader.get_destination_page_number(item) + 1)

    walk(reader.outline, 1)
    return found


def all_decoded_streams(data: bytes) -> bytes:
    """Every stream of the PDF, decompressed, concatenated with the raw file."""
    reader = PdfReader(io.BytesIO(data))
    chunks = [data]
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(IndirectObject(number, 0, reader))
        if isinstance(obj, StreamObject):
            chunks.append(obj.get_data())
    return b"\n".join(chunks)


def tiny_png(rgb: tuple[int, int, int]) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), rgb).save(buffer, format="PNG")
    return buffer.getvalue()


# ------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def dossier() -> RenderedPdf:
    return render(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dossier_pages(dossier: RenderedPdf) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    return page_texts(dossier.data)


@pytest.fixture(scope="module")
def dossier_layout(dossier: RenderedPdf) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    return page_texts(dossier.data, layout=True)


@pytest.fixture()
def no_io_outside_assets(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record any attempt to open a file: URL or a network connection during the test."""
    attempts: list[str] = []

    def file_open(self: Any, req: Any) -> Any:
        attempts.append(f"file_open {req.full_url}")
        raise OSError("blocked by test")

    def do_open(self: Any, http_class: Any, req: Any, **kwargs: Any) -> Any:
        attempts.append(f"http {req.full_url}")
        raise OSError("blocked by test")

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        attempts.append(f"connect {address}")
        raise OSError("blocked by test")

    monkeypatch.setattr(urllib.request.FileHandler, "file_open", file_open)
    monkeypatch.setattr(urllib.request.AbstractHTTPHandler, "do_open", do_open)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    yield attempts


# -------------------------------------------------------------------- reading the dossier


def test_fixture_renders_every_part_of_the_subset(dossier: RenderedPdf) -> None:
    reader = PdfReader(io.BytesIO(dossier.data))
    assert dossier.pages == len(reader.pages) >= 8
    assert dossier.refused_urls == []
    text = normalise(" ".join(page.extract_text() for page in reader.pages))
    for expected in (
        "Saisine du Défenseur des droits",
        "CONFIDENTIEL — Défenseur des droits uniquement",
        "Lettre de saisine",
        "Camille Exemple, coordinatrice juridique",
        "Sommaire",
        "où vivent environ 1 200 personnes",
        "Incidents documentés",
        "usage de gaz lacrymogène sur des personnes endormies",
        "INC-001",
        "INC-042",
        "Figure 1 — Incidents par mois",
        "Pièce n° 3",
        "Texte non traduit",
        "Annexe B — Identités des témoins",
    ):
        assert expected in text, expected


def test_running_title_and_marking_in_header_not_on_cover(dossier_pages: list[str]) -> None:
    running = "Saisine — violences policières sur le littoral (2024)"
    marking = "CONFIDENTIEL — Défenseur des droits uniquement"
    cover, letter, *rest, confidential = dossier_pages
    assert squash(running) not in squash(cover)  # the element itself is never shown
    assert squash(marking) in squash(cover)  # prominent on the cover
    assert squash(running) not in squash(letter)  # the letter has no running title …
    assert squash(marking) in squash(letter)  # … but keeps the marking
    for text in rest:
        assert squash(running) in squash(text)
        assert squash(marking) in squash(text)
    assert squash(running) not in squash(confidential)  # its label takes the place
    assert squash(marking) in squash(confidential)


def test_footer_numbers_every_page_but_the_cover(dossier_pages: list[str]) -> None:
    total = len(dossier_pages)
    assert "page 1 /" not in normalise(dossier_pages[0])
    for number, text in enumerate(dossier_pages[1:], 2):
        assert f"page {number} / {total}" in normalise(text)


@needs_poppler
@pytest.mark.parametrize(
    ("lang", "footers"),
    [("fr", ["page 1 / 2", "page 2 / 2"]), ("en", ["page 1 of 2", "page 2 of 2"])],
)
def test_footer_follows_document_language(lang: str, footers: list[str]) -> None:
    body = '<p>Un.</p><div class="page-break"></div><p>Deux.</p>'
    result = render(mini_html(body, lang=lang), lang=lang)
    pages = page_texts(result.data)
    assert len(pages) == len(footers)
    for text, footer in zip(pages, footers, strict=True):
        assert footer in normalise(text)


def test_toc_page_numbers_are_the_pages_the_headings_land_on(
    dossier: RenderedPdf, dossier_pages: list[str], dossier_layout: list[str]
) -> None:
    (toc_page,) = pages_containing(dossier_pages, "Sommaire")
    toc_lines = [normalise(line) for line in dossier_layout[toc_page - 1].splitlines()]
    outline = outline_pages(PdfReader(io.BytesIO(dossier.data)))
    for title in TOC_ENTRIES:
        line = next(line for line in toc_lines if line.startswith(title))
        match = re.fullmatch(re.escape(title) + r"[ .]*?(\d+)", line)
        assert match, f"no dot leader and page number in {line!r}"
        printed = int(match[1])
        assert printed != toc_page
        assert outline[title][1] == printed, title
        # And the heading's text really is on that page, in the body (not only in the TOC).
        assert printed in pages_containing(dossier_pages, title), title


def test_outline_has_headings_but_not_cover_or_running_title(dossier: RenderedPdf) -> None:
    outline = outline_pages(PdfReader(io.BytesIO(dossier.data)))
    assert outline["Résumé des faits"][0] == 1
    assert outline["Chronologie des incidents"][0] == 2
    assert outline["Témoignage de M. C. (tigrinya)"][0] == 3
    assert outline["Annexe A — Empreintes des pièces"][0] == 1
    assert "Saisine du Défenseur des droits" not in outline  # the cover's h1
    assert not [title for title in outline if "littoral (2024)" in title]  # running title


def test_metadata_language_and_tags(dossier: RenderedPdf) -> None:
    reader = PdfReader(io.BytesIO(dossier.data))
    info = reader.metadata
    assert info is not None
    assert info.title == "Saisine du Défenseur des droits"
    assert info.author == "Association Exemple"
    assert info.subject == "Violences policières sur le littoral, 2024"
    assert info["/Keywords"] == "violences policières, exilés, Calais"
    assert info["/CreationDate"] == info["/ModDate"] == EPOCH_PDF_DATE
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert "/StructTreeRoot" in root  # tagged PDF
    assert root["/MarkInfo"]["/Marked"]


def test_footnotes_sit_at_the_foot_of_the_page_of_their_call(dossier_pages: list[str]) -> None:
    for number, call_text, note_text in (
        (1, "et de destructions d’abris", "Les constats ont été réalisés"),
        (2, "de 45 minutes à trois", "Durées mesurées à partir des horodatages"),
        (3, "la traduction certifiée est en cours", "Traduction confiée à un interprète"),
    ):
        (call_page,) = pages_containing(dossier_pages, call_text)
        (note_page,) = pages_containing(dossier_pages, note_text)
        assert note_page == call_page, note_text
        page = normalise(dossier_pages[note_page - 1])
        assert f"{number}. {note_text}" in page
        assert page.index(note_text) > page.index(call_text)


def test_long_table_repeats_its_header_on_each_page(
    dossier_pages: list[str], dossier_layout: list[str]
) -> None:
    table_pages = sorted(
        {page for row in range(1, 43) for page in pages_containing(dossier_pages, f"INC-{row:03d}")}
    )
    assert len(table_pages) >= 2
    for page in table_pages:
        assert re.search(r"Réf\.\s+Date\s+Lieu\s+Nature", dossier_layout[page - 1])


def test_fingerprints_wrap_yet_read_whole(dossier_pages: list[str]) -> None:
    annex = dossier_pages[pages_containing(dossier_pages, "Annexe A —")[-1] - 1]
    for digest in (
        "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "ea3429e6f7f98e4023da770923eedbb0464cb629203c614956050cb95f51f867",
    ):
        assert digest in squash(annex)
    # The narrow column of the last table forces a digest across two lines.
    wrapped = [line for line in annex.splitlines() if line and "ea3429e6f7f98e40".startswith(line)]
    assert wrapped or any(
        line.strip()
        and "ea3429e6f7f98e4023da770923eedbb0464cb629203c614956050cb95f51f867".endswith(
            line.strip()
        )
        and len(line.strip()) < 64
        for line in annex.splitlines()
    )


def test_confidential_annex_pages_carry_the_label_top_and_bottom(
    dossier_pages: list[str],
) -> None:
    annex_pages = pages_containing(dossier_pages, "Annexe B — Identités des témoins")
    label = re.compile(r"^CONFIDENTIEL$", re.MULTILINE)
    marked = {n: len(label.findall(text)) for n, text in enumerate(dossier_pages, 1)}
    assert {n: count for n, count in marked.items() if count} == {annex_pages[-1]: 2}


@needs_poppler
def test_confidential_label_follows_document_language() -> None:
    html = FIXTURE.read_text(encoding="utf-8").replace('<html lang="fr">', '<html lang="en">')
    assert '<html lang="en">' in html
    last_page = page_texts(render(html, lang="en").data)[-1]
    assert re.findall(r"^CONFIDENTIAL$", last_page, re.MULTILINE) == ["CONFIDENTIAL"] * 2


@needs_poppler
def test_arabic_persian_and_ethiopic_are_embedded_and_extractable(dossier: RenderedPdf) -> None:
    fonts = subprocess.run(
        ["pdffonts", "-"], input=dossier.data, capture_output=True, check=True
    ).stdout.decode()
    embedded = {
        line.split()[0].split("+", 1)[-1]
        for line in fonts.splitlines()[2:]
        if line.split()[-5:-4] == ["yes"]  # the "emb" column
    }
    assert any("Arabic" in name for name in embedded), fonts
    assert any("Ethiopic" in name or "Abyssinica" in name for name in embedded), fonts
    text = "".join(page_texts(dossier.data))
    for word in ("ሰላም", "مثال", "نمونه", "پلیس"):
        assert word in text, word


def test_weasyprint_reports_no_problem_with_the_stylesheet(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Unknown CSS properties and unknown write_pdf options are only logged by WeasyPrint."""
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        render(FIXTURE.read_text(encoding="utf-8"), variant="pdf/a-3b")
    problems = [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]
    assert problems == []


# --------------------------------------------------------------------------- the fetcher


def test_fetcher_refuses_local_files_and_network(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, no_io_outside_assets: list[str]
) -> None:
    secret = f"SENTINEL-{uuid.uuid4().hex}"
    sentinel = tmp_path / "sentinel.txt"
    sentinel.write_text(secret)
    sentinel_url = sentinel.as_uri()
    refused = [
        sentinel_url + "?img",
        "http://127.0.0.1:9/x.css",
        "https://example.org/x.png",
        sentinel_url + "?css",
        sentinel_url + "?a",
        sentinel_url + "?link",
        sentinel_url + "?font",
        "ftp://example.org/import.css",
    ]
    head = (
        f'<link rel="stylesheet" href="{refused[1]}">'
        f'<link rel="attachment" href="{refused[5]}">'
        "<style>"
        f'@import url("{refused[7]}");'
        f'@font-face {{ font-family: Leak; src: url("{refused[6]}"); }}'
        f'body {{ background-image: url("{refused[3]}"); font-family: Leak, serif; }}'
        "</style>"
    )
    body = (
        f'<p><img src="{refused[0]}" alt="file"> <img src="{refused[2]}" alt="https">'
        '<img src="../../../etc/passwd" alt="relative">'
        f'<a rel="attachment" href="{refused[4]}">pièce</a></p>'
    )
    with caplog.at_level(logging.WARNING, logger="dossier.render"):
        result = render(mini_html(body, head=head))

    assert no_io_outside_assets == []
    for url in refused:
        assert url in result.refused_urls, url
    assert any(u.startswith("asset:") and u.endswith("etc/passwd") for u in result.refused_urls)
    assert not [u for u in result.refused_urls if u not in refused and not u.startswith("asset:")]
    logged = " ".join(r.getMessage() for r in caplog.records if r.name == "dossier.render")
    assert "Refused to fetch" in logged and "127.0.0.1:9" in logged
    assert secret.encode() not in all_decoded_streams(result.data)
    assert dict(PdfReader(io.BytesIO(result.data)).attachments) == {}


def test_data_uri_and_asset_images_are_served(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "logo.png").write_bytes(tiny_png((200, 0, 0)))
    data_png = base64.b64encode(tiny_png((0, 0, 200))).decode()
    body = (
        f'<p><img src="data:image/png;base64,{data_png}" alt="data">'
        '<img src="logo.png" alt="relative asset"></p>'
    )
    result = render(mini_html(body), asset_dirs=[assets, BUILTIN_ASSETS])
    assert result.refused_urls == []
    assert len(PdfReader(io.BytesIO(result.data)).pages[0].images) == 2


@needs_poppler
def test_editor_asset_dir_overrides_the_builtin_one(tmp_path: Path) -> None:
    editor, builtin = tmp_path / "editor", tmp_path / "builtin"
    for directory, label in ((editor, "EDITOR"), (builtin, "BUILTIN")):
        (directory / "css").mkdir(parents=True)
        (directory / "css" / "extra.css").write_text(f'p::before {{ content: "{label}-" }}')
    (builtin / "only-builtin.css").write_text('p::after { content: "-FALLBACK" }')
    head = '<link rel="stylesheet" href="css/extra.css">'
    head += '<link rel="stylesheet" href="asset:only-builtin.css">'
    result = render(mini_html("<p>texte</p>", head=head), asset_dirs=[editor, builtin])
    text = normalise(" ".join(page_texts(result.data)))
    # dossier.css is in neither directory: refused, the rest still renders.
    assert result.refused_urls == ["asset:/dossier.css"]
    assert "EDITOR-texte-FALLBACK" in text
    assert "BUILTIN" not in text


def test_fetcher_keeps_asset_paths_inside_their_directory(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    (assets / "fonts").mkdir(parents=True)
    (assets / "fonts" / "ok.txt").write_text("ok")
    outside = tmp_path / "outside.txt"
    outside.write_text("secret")
    (assets / "escape.txt").symlink_to(outside)
    (assets / "inside.txt").symlink_to(assets / "fonts" / "ok.txt")
    fetcher = SafeURLFetcher([assets])

    assert fetcher.fetch("asset:/fonts/ok.txt").read() == b"ok"
    assert fetcher.fetch("asset:fonts/ok.txt?v=2#x").read() == b"ok"
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    assert fetcher.refused == []

    bad = [
        "asset:/escape.txt",
        "asset:/inside.txt",  # a link, even one that stays inside: a pack holds no link
        "asset:../outside.txt",
        "asset:/fonts/../../outside.txt",
        "asset:/%2e%2e/outside.txt",
        "asset://host/fonts/ok.txt",
        f"asset:{outside}",
        "asset:/fonts",
        "asset:/fonts/missing.txt",
        outside.as_uri(),
        "http://127.0.0.1:9/",
        "javascript:alert(1)",
        "data:text/plain;base64 no comma",
        "fonts/ok.txt",
    ]
    for url in bad:
        with pytest.raises(RefusedURLError):
            fetcher.fetch(url)
    assert fetcher.refused == bad


def test_builtin_stylesheet_is_served_as_css() -> None:
    response = SafeURLFetcher([BUILTIN_ASSETS]).fetch("asset:dossier.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


# ------------------------------------------------------------------------ reproducibility


def test_same_input_same_bytes_and_epoch_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    html = mini_html('<h1 id="a">Titre</h1><p>Texte<span class="footnote">Note.</span></p>')
    first, second = render(html), render(html)
    assert first.data == second.data
    assert render(html, source_date_epoch=EPOCH + 1).data != first.data

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert render(html, source_date_epoch=None).data == first.data
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    default = PdfReader(io.BytesIO(render(html, source_date_epoch=None).data))
    assert default.metadata is not None
    # No SOURCE_DATE_EPOCH: the day of the build, never 1980.
    today = dt.date.today().strftime("D:%Y%m%d000000Z")
    assert default.metadata["/CreationDate"] == today
    assert default.metadata["/ModDate"] == today


def test_the_build_day_is_midnight_utc_of_today() -> None:
    stamp = dt.datetime.fromtimestamp(build_day_epoch(), tz=dt.UTC)
    assert (stamp.date(), stamp.time()) == (dt.date.today(), dt.time())


def test_source_date_epoch_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert resolve_source_date_epoch() == build_day_epoch()
    assert resolve_source_date_epoch(12) == 12
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert resolve_source_date_epoch() == 1_700_000_000
    assert resolve_source_date_epoch(5) == 5
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        resolve_source_date_epoch()


def test_fonts_are_subset_by_harfbuzz_not_fonttools() -> None:
    """fontTools stamps the current time into subset fonts; HarfBuzz does not."""
    from weasyprint.text import ffi

    assert ffi.harfbuzz_subset is not None, "install Debian's libharfbuzz-subset0"


@pytest.mark.slow
def test_same_bytes_across_processes(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from dossier.render.pdf import Attachment, render_pdf

        result = render_pdf(
            Path(sys.argv[1]).read_text(encoding="utf-8"),
            asset_dirs=[Path(sys.argv[2])],
            lang="fr", title="T", author="A", subject="S", keywords=("k",),
            variant="pdf/a-3b",
            attachments=[Attachment("data.csv", b"a,b\\n1,2\\n", "Données", "text/csv")],
        )
        Path(sys.argv[3]).write_bytes(result.data)
        """
    )
    digests = []
    for run, seed in enumerate(("1", "2")):
        out = tmp_path / f"run{run}.pdf"
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": str(EPOCH)}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        subprocess.run(
            [sys.executable, "-c", script, str(FIXTURE), str(BUILTIN_ASSETS), str(out)],
            check=True,
            cwd=tmp_path,
            env=env,
            timeout=120,
        )
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    in_process = render_pdf(
        FIXTURE.read_text(encoding="utf-8"),
        asset_dirs=[BUILTIN_ASSETS],
        lang="fr",
        title="T",
        author="A",
        subject="S",
        keywords=("k",),
        variant="pdf/a-3b",
        attachments=[Attachment("data.csv", b"a,b\n1,2\n", "Données", "text/csv")],
        source_date_epoch=EPOCH,
    )
    assert digests[0] == digests[1] == hashlib.sha256(in_process.data).hexdigest()


# --------------------------------------------------------------------------- PDF variants


def pdf_date_params(reader: PdfReader) -> list[tuple[str, str]]:
    root = reader.trailer["/Root"]
    names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    params = []
    for filespec in names[1::2]:
        embedded = filespec.get_object()["/EF"]["/F"].get_object()
        params.append((embedded["/Params"]["/CreationDate"], embedded["/Params"]["/ModDate"]))
    return params


def test_pdfa3b_embeds_attachments_with_fixed_dates(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "exhibit.txt").write_text("pièce jointe par lien")
    csv = b"id,date\nINC-001,2024-03-08\n"
    manifest = b'{"sha256": "ea3429e6"}'
    html = mini_html(
        "<h1 id='t'>Titre</h1><p>Texte.</p>",
        head='<link rel="attachment" href="exhibit.txt" title="Pièce liée">',
    )
    options: dict[str, Any] = {
        "asset_dirs": [assets, BUILTIN_ASSETS],
        "variant": "pdf/a-3b",
        "attachments": [
            Attachment("incidents.csv", csv, "Données sources", "text/csv", "Data"),
            Attachment("manifest.json", manifest, "Empreintes", "application/json"),
        ],
    }
    result = render(html, **options)
    # Only the attachments the build passes: the one the HTML asks for is refused (issue 18).
    assert result.refused_urls == ["asset:/exhibit.txt"]
    assert render(html, **options).data == result.data
    reader = PdfReader(io.BytesIO(result.data))
    assert dict(reader.attachments) == {"incidents.csv": [csv], "manifest.json": [manifest]}
    assert set(pdf_date_params(reader)) == {(EPOCH_PDF_DATE, EPOCH_PDF_DATE)}

    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part="3"|<pdfaid:part>3</pdfaid:part>', xmp)
    assert re.search(r'pdfaid:conformance="B"|<pdfaid:conformance>B</pdfaid:conformance>', xmp)
    assert "/StructTreeRoot" in root  # PDF/A-3b alone is untagged: we ask for tags
    relationships = {spec.get_object()["/AFRelationship"] for spec in root["/AF"]}
    assert relationships == {"/Data", "/Unspecified"}


def test_attachments_are_embedded_in_plain_pdfs_too() -> None:
    result = render(mini_html("<p>Texte.</p>"), attachments=[Attachment("a.txt", b"A")])
    assert dict(PdfReader(io.BytesIO(result.data)).attachments) == {"a.txt": [b"A"]}


@pytest.mark.parametrize("variant", ["pdf/a-3B", "pdf/a-1b", "pdf/ua-1", "pdfa", ""])
def test_unknown_variant_is_refused_with_the_accepted_list(variant: str) -> None:
    with pytest.raises(ValueError, match="pdf/a-3b") as error:
        render(mini_html("<p>x</p>"), variant=variant)
    assert all(accepted in str(error.value) for accepted in ACCEPTED_VARIANTS)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "../x.csv", "data": b""}, "plain file name"),
        ({"name": "x.csv", "data": b"", "mime_type": "csv"}, "MIME type"),
        ({"name": "x.csv", "data": b"", "relationship": "Evidence"}, "relationship"),
    ],
)
def test_attachment_rejects_bad_fields(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Attachment(**kwargs)
