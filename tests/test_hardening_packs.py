"""Hostile template packs (issue 18): files confined to the pack, no attachments a template
chooses, no URL out of the markup or the reference document, bounded renders, a preview that
cannot be hung. Each pack is a real folder built in a temporary directory, with real links."""

from __future__ import annotations

import http.client
import io
import os
import shutil
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from helpers import run_cli
from test_build import write_dataset

from dossier.build.pipeline import build_dossiers
from dossier.commands.preview import PreviewServer, make_preview_server
from dossier.errors import BuildError, DossierError
from dossier.render.html import builtin_templates_dir
from dossier.render.pdf import render_pdf

SECRET = "secret-outside-the-pack-7f3a"


def pack(folder: Path, body: str = "<p>pack</p>", lang: str = "fr") -> Path:
    """A template pack overriding the cover of the ``ddd`` layout with ``body`` (line 3)."""
    (folder / lang).mkdir(parents=True, exist_ok=True)
    (folder / lang / "ddd.html").write_text(
        '{% extends "default:ddd.html" %}\n{% block cover %}\n' + body + "\n{% endblock %}\n",
        encoding="utf-8",
    )
    return folder


def build(data: Path, templates: Path, out: Path, formats: tuple[str, ...] = ("html",)) -> Any:
    return build_dossiers(
        data, out=out, templates=templates, langs=("fr",), formats=formats, audience="public"
    )


def embedded_files(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    names = list(reader.attachments)
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            if annotation.get_object().get("/Subtype") == "/FileAttachment":
                names.append("annotation")
    return names


# -- 1. every file of a pack is confined to its real folder ----------------------------------------


def test_an_assets_folder_that_is_a_link_is_refused_and_nothing_is_attached(
    tmp_path: Path,
) -> None:
    """The issue's attack: ``assets -> ..`` and a template attaching the workbook next to it."""
    data = write_dataset(tmp_path / "data")
    templates = pack(
        tmp_path / "pack",
        '<link rel="attachment" href="data/incidents.csv"><p>x</p>',
    )
    (templates / "assets").symlink_to("..")
    with pytest.raises(BuildError) as refused:
        build(data, templates, tmp_path / "out", ("pdf",))
    said = str(refused.value)
    assert str(templates / "assets") in said and "symbolic link" in said, said
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "where",
    ["assets/dossier.css", "assets/img/logo.png", "assets/img", "labels/fr.toml", "fr", "x.html"],
)
def test_a_link_anywhere_in_a_pack_is_refused_naming_it(tmp_path: Path, where: str) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.toml").write_text(f'[section]\nfacts = "{SECRET}"\n')
    templates = pack(tmp_path / "pack", "<p>{{ label('section.facts') }}</p>")
    if where != "fr":
        (templates / "assets" / "img").mkdir(parents=True)
        (templates / "labels").mkdir()
    link = templates / where
    if link.exists():
        shutil.rmtree(link) if link.is_dir() else link.unlink()
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(tmp_path / "outside" / ("" if where in ("fr", "assets/img") else "secret.toml"))
    with pytest.raises(DossierError) as refused:
        build(write_dataset(tmp_path / "data"), templates, tmp_path / "out")
    said = str(refused.value)
    assert str(link) in said and "symbolic link" in said, said
    assert SECRET not in said
    assert not (tmp_path / "out").exists()
    # `templates check` names it too.
    result = run_cli(["templates", "check", templates, "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert str(link) in result.output and "symbolic link" in result.output, result.output


def test_a_template_cannot_attach_a_file_to_the_pdf(tmp_path: Path) -> None:
    """Even HTML given straight to the renderer: only the attachments the build passes go in."""
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "notes.txt").write_text(SECRET)
    html = (
        '<html><head><link rel="attachment" href="notes.txt"></head>'
        '<body><p><a rel="attachment" href="notes.txt">notes</a></p></body></html>'
    )
    rendered = render_pdf(html, asset_dirs=[assets], lang="fr", title="t", author="a", subject="s")
    assert embedded_files(rendered.data) == []
    assert SECRET.encode() not in rendered.data


def test_a_pack_reference_document_that_is_a_link_is_refused(tmp_path: Path) -> None:
    templates = pack(tmp_path / "pack")
    (templates / "reference.docx").symlink_to(builtin_templates_dir() / "reference.docx")
    with pytest.raises(DossierError) as refused:
        build(write_dataset(tmp_path / "data"), templates, tmp_path / "out", ("docx",))
    assert str(templates / "reference.docx") in str(refused.value)
    assert "symbolic link" in str(refused.value)


def fetch(server: PreviewServer, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.fixture
def serve() -> Iterator[Callable[..., PreviewServer]]:
    started: list[tuple[PreviewServer, Any]] = []

    def start(source: Path, **options: Any) -> PreviewServer:
        server, thread = make_preview_server(source, poll_interval=0.2, **options)
        started.append((server, thread))
        return server

    yield start
    for server, thread in started:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_the_preview_serves_nothing_outside_the_pack_assets(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    data = write_dataset(tmp_path / "data")
    templates = pack(tmp_path / "data" / "pack")
    (templates / "assets").symlink_to("..")  # the folder holding the workbook and dossier.toml
    server = serve(data, templates=templates, lang="en")
    for name in ("incidents.csv", "dossier.toml", "pack/fr/ddd.html"):
        status, body = fetch(server, f"/{name}")
        assert status == 404, (name, body[:200])
    status, page = fetch(server, "/")
    assert status == 500 and "symbolic link" in page, page[-2000:]
    # A real assets folder holding a link: the link is not served either.
    (templates / "assets").unlink()
    (templates / "assets").mkdir()
    (templates / "assets" / "dossier.toml").symlink_to(data / "dossier.toml")
    (templates / "assets" / "style.css").write_text("p { color: red }")
    assert fetch(server, "/dossier.toml")[0] == 404
    assert fetch(server, "/style.css") == (200, "p { color: red }")
