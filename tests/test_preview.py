"""`dossier preview`: the loopback server, its asset checks, its reloads and its error pages."""

from __future__ import annotations

import http.client
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import incident, run_cli, write_csv
from test_build import CONFIG

from dossier.commands.preview import PreviewServer, make_preview_server
from dossier.render.html import builtin_templates_dir

OVERRIDE = """\
{{% extends "default:ddd.html" %}}
{{% block requests %}}
<section>
{body}
</section>
{{% endblock %}}
"""


def write_data(folder: Path, **changes: str) -> Path:
    """A folder holding one valid incident and its dossier.toml."""
    write_csv(folder / "incidents.csv", [incident(**changes)])
    config = folder / "dossier.toml"
    if not config.exists():
        config.write_text(CONFIG, encoding="utf-8")
    return folder


def write_override(editor: Path, lang: str, body: str) -> Path:
    path = editor / lang / "ddd.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(OVERRIDE.format(body=body), encoding="utf-8")
    return path


def fetch(
    server: PreviewServer, path: str, host: str | None = None
) -> tuple[int, http.client.HTTPMessage, str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        headers = {"Host": host} if host else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
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


def test_the_server_listens_on_loopback_only_and_serves_the_dossier(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    server = serve(write_data(tmp_path / "data"))
    assert server.server_address[0] == "127.0.0.1"
    assert server.url == f"http://127.0.0.1:{server.port}/"
    status, headers, page = fetch(server, "/")
    assert status == 200, page
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-store"
    assert "<h1" in page and "Les faits" in page
    assert '<link rel="stylesheet" href="dossier.css">' in page
    assert '<script src="/_preview/reload.js" data-version="' in page
    status, _headers, body = fetch(server, "/_preview/version")
    assert status == 200 and len(json.loads(body)["version"]) == 16


def test_layout_and_language_are_chosen_in_the_address(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    server = serve(write_data(tmp_path / "data"), layout="ddd", lang="en")
    assert '<html lang="en">' in fetch(server, "/")[2]
    status, _headers, page = fetch(server, "/?layout=report&lang=fr")
    assert status == 200, page
    assert '<html lang="fr">' in page and "layout-report" in page
    # Unknown values fall back to the server's own.
    assert '<html lang="en">' in fetch(server, "/?lang=de&layout=nope")[2]


def test_a_request_for_another_host_name_is_refused(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    server = serve(write_data(tmp_path / "data"))
    # DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1.
    assert fetch(server, "/", host=f"evil.example:{server.port}")[0] == 403
    assert fetch(server, "/dossier.css", host="evil.example")[0] == 403
    assert fetch(server, "/", host=f"localhost:{server.port}")[0] == 200


def test_assets_are_served_only_from_the_asset_folders(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    data = write_data(tmp_path / "data")
    editor = tmp_path / "editor"
    write_override(editor, "fr", "<p>x</p>")
    (editor / "assets").mkdir()
    (editor / "assets" / "dossier.css").write_text("h1 { color: red }", encoding="utf-8")
    (editor / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    (editor / "assets" / "leak.css").symlink_to(tmp_path / "secret.txt")
    server = serve(data, templates=editor)

    status, headers, css = fetch(server, "/dossier.css")
    assert (status, headers["Content-Type"], css) == (200, "text/css", "h1 { color: red }")
    assert fetch(server, "/logo.png")[1]["Content-Type"] == "image/png"
    refused = [
        "/leak.css",  # a symlink out of the assets folder
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/fr/ddd.html",  # the editor's templates are not assets
        "/../fr/ddd.html",
        "/base.html",
        "/../dossier.toml",
        f"/{tmp_path}/secret.txt",
        "//etc/passwd",
        "/assets/../../secret.txt",
        "/%00",
    ]
    for path in refused:
        status, _headers, body = fetch(server, path)
        assert status == 404, path
        assert "SECRET" not in body and "extends" not in body


def test_without_an_editor_folder_the_builtin_stylesheet_is_served(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    server = serve(write_data(tmp_path / "data"))
    status, _headers, css = fetch(server, "/dossier.css")
    builtin = (builtin_templates_dir() / "assets" / "dossier.css").read_text(encoding="utf-8")
    assert status == 200 and css == builtin


def test_the_version_changes_with_templates_assets_data_and_config(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    data = write_data(tmp_path / "data")
    editor = tmp_path / "editor"
    template = write_override(editor, "fr", "<p>one</p>")
    server = serve(data, templates=editor)

    def version() -> str:
        return str(json.loads(fetch(server, "/_preview/version")[2])["version"])

    seen = [version()]
    assert version() == seen[-1]  # stable while nothing changes

    def add_stylesheet() -> None:
        (editor / "assets").mkdir()
        (editor / "assets" / "dossier.css").write_text("p {}", encoding="utf-8")

    changes: list[Callable[[], object]] = [
        lambda: template.write_text(OVERRIDE.format(body="<p>two</p>"), encoding="utf-8"),
        add_stylesheet,
        lambda: (editor / "assets" / "dossier.css").write_text("h1 {}", encoding="utf-8"),
        lambda: write_override(editor, "en", "<p>new file</p>"),
        lambda: write_data(data, commune="Coquelles"),
        lambda: (data / "dossier.toml").write_text(CONFIG + "\n# edited\n", encoding="utf-8"),
        lambda: (editor / "en" / "ddd.html").unlink(),
    ]
    for change in changes:
        change()
        seen.append(version())
        assert seen[-1] != seen[-2], change
    # Editors' swap files are not changes.
    (editor / "fr" / ".ddd.html.swp").write_bytes(b"x")
    (editor / "fr" / "ddd.html~").write_bytes(b"x")
    assert version() == seen[-1]


def test_template_mistakes_show_in_the_page_with_file_and_line(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    data = write_data(tmp_path / "data")
    editor = tmp_path / "editor"
    template = write_override(editor, "en", "<p>{{ d.nope }}</p>")
    server = serve(data, templates=editor, lang="en")
    status, _headers, page = fetch(server, "/")
    assert status == 500
    assert 'id="dossier-preview-error"' in page and 'data-kind="template"' in page
    assert f"{template}, line 4" in page
    assert "has no attribute &#x27;nope&#x27;" in page
    # The faulty line is quoted, escaped, and marked.
    assert '<span class="here"><span class="number">4</span>&lt;p&gt;{{ d.nope }}' in page
    # The page still reloads itself, and the server still serves.
    assert '<script src="/_preview/reload.js"' in page

    template.write_text("{% extends 'default:ddd.html' %}\n{% block requests %}\n", "utf-8")
    status, _headers, page = fetch(server, "/")
    assert status == 500 and f"{template}, line 2" in page

    write_override(editor, "en", "<p>fixed</p>")
    status, _headers, page = fetch(server, "/")
    assert status == 200 and "<p>fixed</p>" in page and "dossier-preview-error" not in page


def test_data_and_config_errors_show_in_the_page_escaped(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    data = write_data(tmp_path / "data", date="<script>alert(1)</script>")
    server = serve(data, lang="en")
    status, _headers, page = fetch(server, "/")
    assert status == 500 and 'data-kind="data"' in page
    assert "incidents.csv" in page and "row 2" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    write_data(data)
    (data / "dossier.toml").write_text(
        CONFIG.replace("contact@example.org", "<b>not-an-address</b>"), encoding="utf-8"
    )
    status, _headers, page = fetch(server, "/")
    assert status == 500 and 'data-kind="config"' in page
    assert "organisation.email" in page and "<b>not" not in page and "&lt;b&gt;not" in page

    (data / "dossier.toml").unlink()
    status, _headers, page = fetch(server, "/")
    assert status == 500 and "file not found" in page

    (data / "dossier.toml").write_text(CONFIG, encoding="utf-8")
    assert fetch(server, "/")[0] == 200


def test_an_unreadable_input_shows_in_the_page(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    server = serve(tmp_path / "missing.xlsx", config=tmp_path / "dossier.toml", lang="en")
    status, _headers, page = fetch(server, "/")
    assert status == 500 and 'data-kind="load"' in page and "missing.xlsx" in page


def test_mistakes_templates_check_would_report_are_listed_above_the_dossier(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    data = write_data(tmp_path / "data")
    editor = tmp_path / "editor"
    template = write_override(editor, "fr", "<marquee>{{ d.reference }}</marquee>")
    server = serve(data, templates=editor)
    status, _headers, page = fetch(server, "/")
    assert status == 200
    assert 'id="dossier-preview-warnings"' in page
    # The page shows the French dossier: the warnings are French too.
    french = f"{template}:4\u00a0: &lt;marquee&gt;\u00a0: élément hors du sous-ensemble HTML"
    assert french in page
    english = fetch(server, "/?lang=en")[2]
    assert f"{template}:4: &lt;marquee&gt;: element is not in the dossier HTML subset" in english


def test_unknown_options_are_refused() -> None:
    with pytest.raises(ValueError, match="layout 'nope'"):
        make_preview_server(Path("x"), layout="nope")
    with pytest.raises(ValueError, match="language 'de'"):
        make_preview_server(Path("x"), lang="de")


# -- the command ---------------------------------------------------------------------------------


def test_the_command_serves_until_interrupted(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data")
    command = [sys.executable, "-m", "dossier", "preview", str(data), "--port", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert "http://127.0.0.1:" in line, line + (process.stderr.read() if process.stderr else "")
        url = line.split("http://", 1)[1].split()[0]
        host, port = url.rstrip("/").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request("GET", "/")
        response = connection.getresponse()
        assert response.status == 200 and b"Les faits" in response.read()
        connection.close()
        process.send_signal(signal.SIGINT)
        # Generous: the command exits once a render under way ends, and on a loaded machine
        # (the whole suite beside it) that took more than 20 s once; the test is about exiting.
        assert process.wait(timeout=90) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def test_the_command_refuses_bad_options_and_a_busy_port(
    tmp_path: Path, serve: Callable[..., PreviewServer]
) -> None:
    data = write_data(tmp_path / "data")
    result = run_cli(["preview", data, "--layout", "letter"])
    assert result.exit_code == 2, result.output
    result = run_cli(["preview", data, "--layout", "ddd,report"])
    assert result.exit_code == 2, result.output
    result = run_cli(["preview", data, "--audience", "everyone"])
    assert result.exit_code == 2, result.output
    result = run_cli(["preview", data, "--audience", "ddd,public"])
    assert result.exit_code == 2, result.output
    busy = serve(data)
    result = run_cli(["preview", data, "--port", str(busy.port)])
    assert result.exit_code == 2, result.output
    assert f"cannot listen on 127.0.0.1:{busy.port}" in result.output


# -- end to end, in a real browser ---------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


@pytest.fixture
def browser() -> Iterator[Any]:
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip(
            "the preview's browser test needs headless Chromium and its driver: "
            "apt-get install chromium chromium-driver"
        )
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="the preview's browser test needs selenium (pip install)"
    )
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="dossier-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*BROWSER_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver: Any, script: str, expected: Callable[[Any], bool], timeout: float = 20) -> Any:
    """Run ``script`` in the page until its result is as expected; reloads may happen meanwhile."""
    deadline = time.monotonic() + timeout
    result: Any = None
    while time.monotonic() < deadline:
        try:
            result = driver.execute_script(script)
        except Exception:  # the page is being reloaded
            result = None
        if result is not None and expected(result):
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out; last result of {script!r}: {result!r}")


@pytest.mark.slow
def test_the_preview_reloads_in_chromium_and_shows_mistakes(
    tmp_path: Path, serve: Callable[..., PreviewServer], browser: Any
) -> None:
    data = write_data(tmp_path / "data", summary_in_English="First account.")
    editor = tmp_path / "editor"
    template = write_override(editor, "en", '<h1 id="requests">Requests, first draft</h1>')
    server = serve(data, templates=editor, lang="en")
    browser.get(server.url)

    headings = "return Array.from(document.querySelectorAll('h1')).map(h => h.textContent)"
    found = wait_for(browser, headings, lambda titles: "Requests, first draft" in titles)
    assert "Violence in Calais" in found
    # The print stylesheet came through the asset route.
    sheets = "return Array.from(document.styleSheets).map(s => [s.href, s.cssRules.length])"
    loaded = dict(wait_for(browser, sheets, lambda pairs: len(pairs) >= 2))
    assert loaded[f"{server.url}dossier.css"] > 10

    # 1. A template change appears without anyone reloading the page, where the reader was.
    browser.execute_script("window.notReloadedYet = true; window.scrollTo(0, 400)")
    write_override(editor, "en", '<h1 id="requests">Requests, second draft</h1>')
    wait_for(browser, headings, lambda titles: "Requests, second draft" in titles)
    assert browser.execute_script("return window.notReloadedYet === undefined")
    wait_for(browser, "return window.scrollY", lambda y: y == 400)

    # 2. A mistake shows in the page with its file and line.
    write_override(editor, "en", '<h1 id="requests">{{ d.requests_typo }}</h1>')
    error = "var e = document.getElementById('dossier-preview-error'); return e && e.innerText"
    text = wait_for(browser, error, lambda value: bool(value))
    assert f"{template}, line 4" in text and "requests_typo" in text

    # 3. Fixed: the dossier comes back.
    write_override(editor, "en", '<h1 id="requests">Requests, third draft</h1>')
    wait_for(browser, headings, lambda titles: "Requests, third draft" in titles)
    assert browser.execute_script("return document.getElementById('dossier-preview-error')") is None

    # 4. The stylesheet and the data are watched too.
    (editor / "assets").mkdir()
    css = (builtin_templates_dir() / "assets" / "dossier.css").read_text(encoding="utf-8")
    (editor / "assets" / "dossier.css").write_text(css + "\nh1 { color: rgb(1, 2, 3); }\n")
    colour = "return getComputedStyle(document.querySelector('h1')).color"
    wait_for(browser, colour, lambda value: value == "rgb(1, 2, 3)")
    write_data(data, summary_in_English="Second account, <b>escaped</b>.")
    body = "return document.body.innerText"
    text = wait_for(browser, body, lambda value: "Second account" in value)
    assert "Second account, <b>escaped</b>." in text
