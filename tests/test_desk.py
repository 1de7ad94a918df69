"""The desk without a browser: its guard (token, Host, Origin, password, bounds), its folder
rules (nothing read or written outside it), uploads, the report, choices, config and builds."""

from __future__ import annotations

import asyncio
import http.client
import io
import json
import logging
import re
import shutil
import signal
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import httpx2
import openpyxl
import pytest
from exhibits_keys import PASSPHRASE as KEY_PASSPHRASE
from exhibits_keys import make_test_keys
from helpers import run_cli
from onboarding_exports import ENGLISH_HEADER_CHOICES, organisation_config, write_english_xlsx
from pypdf import PdfReader
from starlette.testclient import TestClient
from test_security_input import write_bomb

from dossier.commands.preview import CONTENT_SECURITY_POLICY
from dossier.commands.signatures import check_folder_signatures
from dossier.desk.app import Desk, make_desk_app
from dossier.desk.builds import BuildChoices, BuildJob
from dossier.desk.guard import ACTIVE_LIMIT, REVIEW_POLICY, WAITING_LIMIT, DeskGuard, loopback_hosts
from dossier.desk.history import BuildRecord, write_record
from dossier.desk.server import DeskServer, check_host
from dossier.errors import UsageError
from dossier.events import Progress, StepProgress
from dossier.input.config import starter_config

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_data"
TOKEN = "t0ken-for-tests-only-0123456789"
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"


def text_of(page: str) -> str:
    """What a reader sees of an HTML page: tags out, entities read, spaces folded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"</?(a|code)\b[^>]*>", "", page)  # inline: no space where they start or end
    page = re.sub(r"<[^>]+>", " ", page)
    page = page.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    page = page.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")
    return re.sub(r"\s+", " ", page.replace("\u00a0", " ").replace("\u202f", " "))


def sample_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLE / "incidents.xlsx", folder / "incidents.xlsx")
    shutil.copy(SAMPLE / "dossier.toml", folder / "dossier.toml")
    shutil.copytree(SAMPLE / "evidence", folder / "evidence")
    return folder


class Desked:
    """A desk on a folder, a client holding its cookie, and a client without."""

    def __init__(self, folder: Path, **options: object) -> None:
        self.app, self.guard, self.desk = make_desk_app(
            folder, token=TOKEN, hosts=loopback_hosts(PORT), lang="en", **options
        )
        self.stranger = TestClient(self.app, base_url=BASE)
        self.client = TestClient(self.app, base_url=BASE)
        if "password" in options:  # the password is asked before the token is read
            self.client.cookies.set(self.guard.settings.cookie, TOKEN)
            return
        opened = self.client.get(f"/?token={TOKEN}", follow_redirects=False)
        assert opened.status_code == 303


@pytest.fixture
def desked(tmp_path: Path) -> Iterator[Desked]:
    yield Desked(sample_folder(tmp_path / "folder"))


# -- the guard -----------------------------------------------------------------------------------


def test_without_the_token_every_page_is_refused(desked: Desked) -> None:
    for path in ("/", "/workbook/incidents.xlsx", "/config", "/static/desk.js", "/out/x"):
        answer = desked.stranger.get(path)
        assert answer.status_code == 403, path
        assert "open the desk with the full address" in answer.text
    assert desked.stranger.get("/?token=wrong").status_code == 403
    desked.stranger.cookies.set(desked.guard.settings.cookie, "wrong")
    assert desked.stranger.get("/").status_code == 403
    posted = desked.stranger.post("/upload", files={"workbook": ("a.xlsx", b"x")})
    assert posted.status_code == 403
    assert not (desked.desk.workspace.folder / "a.xlsx").exists()


def test_the_token_goes_from_the_address_into_a_strict_http_only_cookie(desked: Desked) -> None:
    opened = desked.stranger.get(f"/config?token={TOKEN}&x=1", follow_redirects=False)
    assert opened.status_code == 303
    assert opened.headers["location"] == "/config?x=1"  # the token leaves the address
    cookie = opened.headers["set-cookie"]
    assert f"{desked.guard.settings.cookie}={TOKEN}" in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert desked.stranger.get("/config").status_code == 200


def test_a_foreign_host_or_origin_is_refused_even_with_the_token(desked: Desked) -> None:
    for host in ("evil.example", "evil.example:8765", "127.0.0.1:9999", ""):
        answer = desked.client.get("/", headers={"host": host})
        assert answer.status_code == 403, host
        assert "Host header" in answer.text
    refused = desked.client.get(f"/?token={TOKEN}", headers={"host": "rebound.example:8765"})
    assert refused.status_code == 403 and "set-cookie" not in refused.headers
    posted = desked.client.post(
        "/config", data={"organisation.name": "X"}, headers={"origin": "http://evil.example"}
    )
    assert posted.status_code == 403 and "Origin header" in posted.text
    assert 'organisation.name = "X"' not in (desked.desk.workspace.config_path).read_text()
    assert desked.client.get("/", headers={"host": "localhost:8765"}).status_code == 200


def test_every_answer_carries_the_preview_policy_with_forms_to_the_desk_only(
    desked: Desked,
) -> None:
    for answer in (desked.client.get("/"), desked.stranger.get("/"), desked.client.get("/nope")):
        policy = answer.headers["content-security-policy"]
        assert policy == CONTENT_SECURITY_POLICY.replace("form-action 'none'", "form-action 'self'")
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["cache-control"] == "no-store"
    page = desked.client.get("/").text
    assert '<script src="/static/desk.js"' in page and "<script>" not in page
    assert "https://" not in page and "http://" not in page  # nothing from elsewhere


def test_a_remote_address_needs_allow_remote_and_a_password() -> None:
    check_host("127.0.0.1", allow_remote=False, password=None)
    check_host("::1", allow_remote=False, password=None)
    with pytest.raises(UsageError) as refused:
        check_host("0.0.0.0", allow_remote=False, password=None)
    assert "for the association's own server, behind HTTPS" in refused.value.text("en")
    with pytest.raises(UsageError) as short:
        check_host("192.0.2.1", allow_remote=True, password="short")
    assert "at least 12 characters" in short.value.text("en")
    check_host("192.0.2.1", allow_remote=True, password="a long enough password")
    result = run_cli(["desk", "--host", "0.0.0.0", "--no-browser", "--lang", "en"])
    assert result.exit_code == 2
    assert "--allow-remote" in result.output


def test_with_a_password_every_request_asks_for_it(tmp_path: Path) -> None:
    desked = Desked(sample_folder(tmp_path / "f"), password="correct horse battery")
    asked = desked.client.get("/")
    assert asked.status_code == 401 and "Basic" in asked.headers["www-authenticate"]
    wrong = desked.client.get("/", auth=("desk", "wrong password"))
    assert wrong.status_code == 401
    assert desked.client.get("/", auth=("desk", "correct horse battery")).status_code == 200
    # The password does not replace the token.
    assert desked.stranger.get("/", auth=("desk", "correct horse battery")).status_code == 403


def test_the_server_binds_loopback_and_prints_a_tokened_address(tmp_path: Path) -> None:
    server = DeskServer(sample_folder(tmp_path / "f"), port=0, lang="en")
    try:
        assert server.socket.getsockname()[0] == "127.0.0.1"
        assert server.url == f"http://127.0.0.1:{server.port}/?token={server.token}"
        assert len(server.token) >= 40
        assert server.guard.settings.hosts == loopback_hosts(server.port)
    finally:
        server.socket.close()


def test_two_hundred_concurrent_requests_are_bounded(desked: Desked) -> None:
    """At most ACTIVE_LIMIT requests are handled at once; up to WAITING_LIMIT wait their turn
    and the rest are told at once that the desk is busy (503); the desk then answers as ever."""
    cookie = {desked.guard.settings.cookie: TOKEN}

    async def storm() -> list[int]:
        transport = httpx2.ASGITransport(app=desked.app)
        async with httpx2.AsyncClient(transport=transport, base_url=BASE, cookies=cookie) as client:
            answers = await asyncio.gather(
                *(client.get("/workbook/incidents.xlsx") for _ in range(200))
            )
        return [answer.status_code for answer in answers]

    statuses = asyncio.run(storm())
    assert isinstance(desked.guard, DeskGuard)
    assert set(statuses) <= {200, 503}
    # Saturated: as many at once as allowed, never more; the queue full, the rest told "busy".
    assert desked.guard.peak == ACTIVE_LIMIT
    assert statuses.count(200) >= ACTIVE_LIMIT
    assert statuses.count(503) >= 200 - ACTIVE_LIMIT - WAITING_LIMIT
    assert desked.guard.active == 0 and desked.guard.waiting == 0
    assert desked.client.get("/workbook/incidents.xlsx").status_code == 200


# -- the folder ----------------------------------------------------------------------------------


def test_nothing_outside_the_folder_is_served(desked: Desked, tmp_path: Path) -> None:
    folder = desked.desk.workspace.folder
    secret = tmp_path / "secret.xlsx"
    shutil.copy(SAMPLE / "incidents.xlsx", secret)
    (folder / "link.xlsx").symlink_to(secret)
    (folder / "out").mkdir()
    (folder / "out" / "ddd-fr.pdf").write_bytes(b"%PDF-1.7 fictional")
    (folder / "out" / "leak.pdf").symlink_to(secret)
    for path in (
        "/workbook/..%2Fsecret.xlsx",
        "/workbook/%2E%2E%2Fsecret.xlsx",
        "/workbook/link.xlsx",
        "/workbook/dossier.toml",
        "/out/..%2Fdossier.toml",
        "/out/../dossier.toml",
        "/out/leak.pdf",
        f"/out/{secret}",
        "/static/..%2Fapp.py",
    ):
        answer = desked.client.get(path)
        assert answer.status_code == 404, path
        assert "not in the working folder" in text_of(answer.text), path
    downloaded = desked.client.get("/out/ddd-fr.pdf")
    assert downloaded.status_code == 200
    assert downloaded.content == b"%PDF-1.7 fictional"
    assert downloaded.headers["content-disposition"] == 'attachment; filename="ddd-fr.pdf"'


def test_an_upload_is_written_into_the_folder_under_a_safe_name(desked: Desked) -> None:
    data = (SAMPLE / "incidents.xlsx").read_bytes()
    answer = desked.client.post(
        "/upload", files={"workbook": ("../../../tmp/Journal <2016>.xlsx", data)}
    )
    assert answer.status_code == 200
    saved = desked.desk.workspace.folder / "Journal _2016_.xlsx"
    assert saved.read_bytes() == data
    assert "Data is valid" in text_of(answer.text)
    refused = desked.client.post("/upload", files={"workbook": ("notes.sh", b"rm -rf /")})
    assert refused.status_code == 415 and "is not a workbook" in text_of(refused.text)
    assert not (desked.desk.workspace.folder / "notes.sh").exists()
    leftovers = [p.name for p in desked.desk.workspace.folder.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_an_oversized_upload_is_refused_with_a_message(tmp_path: Path) -> None:
    desked = Desked(sample_folder(tmp_path / "f"), max_upload=1 << 20)
    big = b"PK" + b"\0" * (3 << 20)
    answer = desked.client.post("/upload", files={"workbook": ("big.xlsx", big)})
    assert answer.status_code == 413
    assert "file too large: at most 1 MB" in text_of(answer.text)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the body is counted as it comes
        boundary = b"--b0undary\r\n"
        yield boundary + b'Content-Disposition: form-data; name="workbook"; filename="b.xlsx"'
        yield b"\r\nContent-Type: application/octet-stream\r\n\r\n"
        for _ in range(48):
            yield b"\0" * (64 << 10)
        yield b"\r\n--b0undary--\r\n"

    streamed = desked.client.post(
        "/upload",
        content=chunks(),
        headers={"content-type": "multipart/form-data; boundary=b0undary"},
    )
    assert streamed.status_code == 413
    assert "file too large" in text_of(streamed.text)
    assert sorted(p.name for p in desked.desk.workspace.folder.iterdir()) == [
        "dossier.toml",
        "evidence",
        "incidents.xlsx",
    ]


def test_a_workbook_bomb_is_refused_in_the_page(desked: Desked, tmp_path: Path) -> None:
    bomb = write_bomb(tmp_path / "bomb.xlsx", 600 << 20)
    answer = desked.client.post("/upload", files={"workbook": ("bomb.xlsx", bomb.read_bytes())})
    assert answer.status_code == 200
    page = text_of(answer.text)
    assert "This workbook cannot be read" in page
    assert "would take 600 MiB once decompressed" in page
    # The desk goes on serving.
    assert desked.client.get("/").status_code == 200


def test_cell_text_is_never_markup(desked: Desked) -> None:
    folder = desked.desk.workspace.folder
    (folder / "log.csv").write_text(
        'id,date,commune,summary_en\nX-1,<script>alert(1)</script>,"<img src=x onerror=alert(2)>",'
        "text\n",
        encoding="utf-8",
    )
    page = desked.client.get("/workbook/log.csv").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# -- the journey's pages -------------------------------------------------------------------------


def test_the_report_is_grouped_as_the_command_line_prints_it(tmp_path: Path) -> None:
    folder = tmp_path / "group"
    folder.mkdir()
    write_english_xlsx(folder / "log.xlsx")
    organisation_config(folder / "dossier.toml")
    desked = Desked(folder)
    page = text_of(desked.client.get("/workbook/log.xlsx").text)
    # The desk checks as `dossier build` does (a column of data no field reads is an error).
    out = tmp_path / "o"
    built = run_cli(["build", str(folder / "log.xlsx"), "--lang", "en", "--out", str(out)])
    cli = re.sub(r"\s+", " ", built.output)
    summary = re.search(r"Data is invalid \(errors: \d+; warnings: \d+\)\.", cli)
    assert summary and summary.group(0) in page
    assert "Incidents: rows read 24 = accepted 0 + rejected 24" in page
    # One row per (column, problem), its rows listed: « 2, 3, 4 … (× 24) ».
    assert "2, 3, 4, 5, 6, 7, 8, 9 … (× 24)" in page
    french = desked.client.get("/lang/fr?next=/workbook/log.xlsx")
    assert french.status_code == 200
    assert "Données invalides" in text_of(french.text) or "invalide" in text_of(french.text)


def test_choices_in_the_page_go_into_the_mapping_file_the_command_line_reads(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "group"
    folder.mkdir()
    log = write_english_xlsx(folder / "log.xlsx")
    organisation_config(folder / "dossier.toml")
    desked = Desked(folder)
    page = desked.client.get("/workbook/log.xlsx").text
    headers = dict(re.findall(r'name="(h\d+)_text" value="([^"]*)"', page))
    wanted = ENGLISH_HEADER_CHOICES
    form: dict[str, str] = {}
    for field, header in headers.items():
        table = re.search(rf'name="{field}_table" value="([^"]*)"', page)
        assert table is not None
        form |= {f"{field}_text": header, f"{field}_table": table.group(1)}
        form[field] = wanted.get(header, "")
    saved = desked.client.post("/workbook/log.xlsx/choices", data=form)
    assert saved.status_code == 200
    mapping = folder / "log.mapping.toml"
    data = tomllib.loads(mapping.read_text(encoding="utf-8"))
    assert data["incidents"]["Police"] == "forces"
    assert data["incidents"]["Volunteer notes"] == "ignore"

    # Round two: the wordings of the columns just named, each with its candidates.
    page = saved.text
    wordings = {
        text: field for field, text in re.findall(r'name="(w\d+)_text" value="([^"]*)"', page)
    }
    assert {"not public", "crossing attempt", "not visible"} <= set(wordings)
    select = re.search(
        r'<select name="w\d+" id="w\d+" data-text="not public">(.*?)</select>', page, re.S
    )
    assert select and 'value="restricted"' in select.group(1)
    answers = {
        "not public": "restricted",
        "crossing attempt": "crossing_lorry",
        "id check": "identity_check",
    }
    form = {}
    for text, field in wordings.items():
        column = re.search(rf'name="{field}_field" value="([^"]*)"', page)
        assert column is not None
        form |= {f"{field}_text": text, f"{field}_field": column.group(1)}
        proposal = re.search(
            rf'<select name="{field}" [^>]*>.*?<option value="([^"]+)" selected>', page, re.S
        )
        form[field] = answers.get(text, proposal.group(1) if proposal else "")
    checked = desked.client.post("/workbook/log.xlsx/choices", data=form)
    assert checked.status_code == 200
    result = run_cli(["validate", str(log), "--lang", "en", "--mapping", str(mapping)])
    assert result.exit_code == 0, result.output + mapping.read_text(encoding="utf-8")
    assert "Data is valid" in text_of(checked.text)


def test_the_config_form_flags_the_starter_examples_and_keeps_comments(tmp_path: Path) -> None:
    folder = sample_folder(tmp_path / "f")
    (folder / "dossier.toml").write_text(starter_config("en"), encoding="utf-8")
    desked = Desked(folder)
    page = desked.client.get("/config").text
    assert "Still the starter's examples to replace: organisation.name, signatory.name" in (
        text_of(page)
    )
    assert 'class="field placeholder"' in page
    workbook = text_of(desked.client.get("/workbook/incidents.xlsx").text)
    assert "Still the starter's examples to replace" in workbook
    form = {
        "organisation.name": "Collectif fictif <du> littoral",
        "organisation.legal_form.fr": "association loi 1901 (fictive)",
        "organisation.legal_form.en": "non-profit association (fictional)",
        "organisation.address": "5 rue Imaginaire\r\n62100 Calais",
        "organisation.email": "collectif@fictif.example",
        "signatory.name": "Camille FICTIVE",
        "signatory.quality.fr": "présidente",
        "signatory.quality.en": "chair",
        "signatory.place": "Calais",
        "signatory.date": "2026-11-30",
        "dossier.reference": "CFL-2026-01",
        "dossier.title.fr": "Violences (données fictives)",
        "dossier.title.en": "Violence (fictional data)",
        "dossier.filing_as": "witness",
    }
    saved = desked.client.post("/config", data=form)
    assert saved.status_code == 200
    assert "Details saved." in text_of(saved.text)
    assert "starter's examples" not in text_of(saved.text)
    text = (folder / "dossier.toml").read_text(encoding="utf-8")
    assert text.startswith(starter_config("en").splitlines()[0])  # its comments are kept
    config = tomllib.loads(text)
    assert config["organisation"]["name"] == "Collectif fictif <du> littoral"
    assert config["organisation"]["address"] == "5 rue Imaginaire\n62100 Calais"
    assert str(config["signatory"]["date"]) == "2026-11-30"
    assert "&lt;du&gt;" in saved.text and "<du>" not in saved.text


def test_a_build_with_the_starter_config_stops_with_the_keys_to_fill(tmp_path: Path) -> None:
    folder = sample_folder(tmp_path / "f")
    (folder / "dossier.toml").write_text(starter_config("en"), encoding="utf-8")
    desked = Desked(folder)
    started = desked.client.post(
        "/workbook/incidents.xlsx/build",
        data={"layout": "ddd", "lang": "en", "format": "html"},
        follow_redirects=False,
    )
    assert started.status_code == 303
    job = desked.desk.builds.job(started.headers["location"].rsplit("/", 1)[1])
    assert job.wait(60)
    status = desked.client.get(f"/build/{job.id}/status").json()
    assert status["finished"] is True
    page = text_of(desked.client.get(f"/build/{job.id}").text)
    assert "The build stopped" in page
    assert "organisation.name" in page
    assert not (folder / "out" / "ddd-en.html").exists()


def test_a_build_needs_a_format_and_refuses_unknown_workbooks(desked: Desked) -> None:
    none = desked.client.post(
        "/workbook/incidents.xlsx/build", data={"layout": "ddd", "lang": "en"}
    )
    assert none.status_code == 400 and "choose at least one value for format" in text_of(none.text)
    other = desked.client.post(
        "/workbook/nope.xlsx/build", data={"layout": "ddd", "lang": "en", "format": "pdf"}
    )
    assert other.status_code == 404
    assert isinstance(desked.desk, Desk)


def test_the_progress_bar_follows_the_outputs_not_the_rows_read() -> None:
    job = BuildJob("id", "incidents.xlsx", BuildChoices())
    job("validate")
    job(StepProgress("read incidents.xlsx: incidents", done=70, total=70, unit="rows"))
    assert (job.done, job.total) == (0, 0)
    assert (
        job.status("en")["step"].startswith("read") or "incidents.xlsx" in job.status("en")["step"]
    )
    job(Progress("built ddd-fr.pdf (1/3)", done=1, total=3, running=["ddd-fr.docx"]))
    assert (job.done, job.total) == (1, 3)
    assert job.status("fr")["finished"] is False


def test_the_command_serves_the_folder_until_interrupted(tmp_path: Path) -> None:
    folder = sample_folder(tmp_path / "f")
    command = [sys.executable, "-m", "dossier", "desk", "--folder", str(folder), "--port", "0"]
    command += ["--no-browser", "--lang", "en"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(2)]
        address = next((line for line in lines if "http://127.0.0.1:" in line), "")
        assert address, "".join(lines) + (process.stderr.read() if process.stderr else "")
        url = address.strip()
        port = int(url.split("127.0.0.1:", 1)[1].split("/", 1)[0])
        token = url.split("?token=", 1)[1]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/")
        refused = connection.getresponse()
        assert refused.status == 403
        refused.read()
        connection.request("GET", f"/?token={token}")
        opened = connection.getresponse()
        opened.read()
        assert opened.status == 303
        cookie = opened.getheader("set-cookie", "").split(";", 1)[0]
        connection.request("GET", "/", headers={"Cookie": cookie})
        home = connection.getresponse()
        assert home.status == 200 and b"incidents.xlsx" in home.read()
        connection.close()
        # The desk's temporary files are made inside its folder.
        assert (folder / ".dossier-tmp").is_dir()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def test_a_form_is_bounded_before_it_is_read(desked: Desked) -> None:
    huge = {"organisation.name": "x" * (2 << 20)}
    answer = desked.client.post("/config", data=huge)
    assert answer.status_code == 413 and "more than 1 MB" in answer.text
    config = (desked.desk.workspace.config_path).read_text(encoding="utf-8")
    assert "xxxx" not in config


@pytest.mark.slow
def test_the_exhibits_bundle_is_built_when_ticked(desked: Desked) -> None:
    page = desked.client.get("/workbook/incidents.xlsx").text
    assert 'id="bundle" checked' in page  # as `dossier build` does by default
    started = desked.client.post(
        "/workbook/incidents.xlsx/build",
        data={"layout": "ddd", "lang": "fr", "format": "html", "bundle": "yes"},
        follow_redirects=False,
    )
    job = desked.desk.builds.job(started.headers["location"].rsplit("/", 1)[1])
    assert job.wait(300)
    page = text_of(desked.client.get(f"/build/{job.id}").text)
    assert "ddd-fr.html" in page and "pieces-fr.pdf" in page, page
    bundle = desked.client.get("/out/pieces-fr.pdf")
    assert bundle.status_code == 200
    pages = PdfReader(io.BytesIO(bundle.content)).pages[:2]
    text = "".join(one.extract_text() for one in pages)
    assert "ordereau" in text or "ièces" in text, text[:500]
    # The complaint's checklist: what it still lacks, with the rows.
    assert "What the complaint still lacks" in page


# -- a problem's row -----------------------------------------------------------------------------


def _faulty_sample(folder: Path) -> Path:
    """The sample with a person's age unreadable and their legal name typed into an account."""
    sample_folder(folder)
    book = openpyxl.load_workbook(folder / "incidents.xlsx")
    persons = book["persons"]
    headers = [cell.value for cell in persons[1]]
    persons.cell(row=2, column=headers.index("age") + 1, value="<b>vingt</b>")
    incidents = book["incidents"]
    headers = [cell.value for cell in incidents[1]]
    summary = headers.index("summary in English") + 1
    incidents.cell(row=3, column=summary, value="Temarezgi Obalkonet was hit.")
    book.save(folder / "incidents.xlsx")
    return folder


def test_each_problem_links_to_its_row_with_the_faulty_cell_and_what_was_expected(
    tmp_path: Path,
) -> None:
    desked = Desked(_faulty_sample(tmp_path / "f"))
    page = desked.client.get("/workbook/incidents.xlsx").text
    links = re.findall(r'<a href="([^"]+)" class="row-link">(\d+)</a>', page)
    persons = next(
        href.replace("&amp;", "&") for href, row in links if "sheet=persons" in href and row == "2"
    )
    assert persons.endswith("#cell-D")
    shown = desked.client.get(persons.split("#", 1)[0])
    assert shown.status_code == 200
    text = text_of(shown.text)
    assert "Row 2 — persons" in text
    # The faulty cell, escaped, highlighted, with what was expected.
    assert "&lt;b&gt;vingt&lt;/b&gt;" in shown.text and "<b>vingt" not in shown.text
    faulty = re.search(r'<tr id="cell-D" class="error">(.*?)</tr>', shown.text, re.S)
    assert faulty is not None and "age" in faulty.group(1)
    assert "expected a whole number, zero or more" in text_of(faulty.group(1))
    # The other cells as the sheet holds them; the legal name and the contact masked.
    assert "Abel N." in text
    assert "Temarezgi" not in shown.text and "+33 6 00 00 10 01" not in shown.text
    assert text.count("hidden: legal name or contact") >= 2
    revealed = desked.client.post(persons.split("#", 1)[0], data={"show": "hidden"})
    assert "Temarezgi Obalkonet" in text_of(revealed.text)
    assert "+33 6 00 00 10 01" in text_of(revealed.text)
    assert "Do not take a screenshot" in text_of(revealed.text)


def test_a_legal_name_typed_into_an_account_is_masked_on_its_row(tmp_path: Path) -> None:
    desked = Desked(_faulty_sample(tmp_path / "f"))
    page = desked.client.get("/workbook/incidents.xlsx").text
    links = re.findall(r'<a href="([^"]+)" class="row-link">(\d+)</a>', page)
    incident = next(
        href.replace("&amp;", "&")
        for href, row in links
        if "sheet=incidents" in href and row == "3"
    )
    shown = desked.client.get(incident.split("#", 1)[0])
    assert shown.status_code == 200
    assert "Temarezgi" not in shown.text
    cell = re.search(r'<tr id="cell-Y" class="error hidden-cell">(.*?)</tr>', shown.text, re.S)
    assert cell is not None and "holds the legal name of someone" in text_of(cell.group(1))
    missing = desked.client.get(
        "/workbook/incidents.xlsx/row?file=incidents.xlsx&sheet=persons&row=999"
    )
    assert missing.status_code == 404
    assert "Row 999 of sheet “persons” is not (or no longer) in this workbook" in text_of(
        missing.text
    )


# -- the identity annex and the signature --------------------------------------------------------

ANNEX_PASSPHRASE = "fictional annex passphrase 4417"


def _build(desked: Desked, form: dict[str, str]) -> BuildJob:
    started = desked.client.post(
        "/workbook/incidents.xlsx/build", data=form, follow_redirects=False
    )
    assert started.status_code == 303, text_of(started.text)
    assert ANNEX_PASSPHRASE not in started.text
    job = desked.desk.builds.job(started.headers["location"].rsplit("/", 1)[1])
    assert job.wait(300)
    return job


def _files_holding(folder: Path, secret: str) -> list[str]:
    """The files under ``folder`` (hidden ones included) whose bytes hold ``secret``."""
    encodings = (secret.encode("utf-8"), secret.encode("utf-16-le"))
    return [
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and any(one in path.read_bytes() for one in encodings)
    ]


def test_the_annex_passphrase_goes_to_the_build_and_is_kept_nowhere(
    desked: Desked, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    folder = desked.desk.workspace.folder
    page = desked.client.get("/workbook/incidents.xlsx").text
    assert 'type="password" name="annex_passphrase"' in page and 'minlength="12"' in page
    form = {"layout": "ddd", "lang": "fr", "format": "html"}
    job = _build(desked, {**form, "annex_passphrase": ANNEX_PASSPHRASE})
    assert job.failure("en") == [], job.failure("en")
    answers = [
        desked.client.get(f"/build/{job.id}"),
        desked.client.get(f"/build/{job.id}/status"),
        desked.client.get("/workbook/incidents.xlsx"),
        desked.client.get("/"),
    ]
    assert "identites-fr.pdf" in text_of(answers[0].text)
    for answer in answers:
        assert ANNEX_PASSPHRASE not in answer.text
    # The annex is the library's: encrypted, opened by the passphrase, the names inside.
    annex = PdfReader(folder / "out" / "identites-fr.pdf")
    assert annex.is_encrypted
    annex.decrypt(ANNEX_PASSPHRASE)
    assert "Temarezgi Obalkonet" in "".join(page.extract_text() for page in annex.pages)
    assert _files_holding(folder, ANNEX_PASSPHRASE) == []
    assert [r for r in caplog.records if ANNEX_PASSPHRASE in r.getMessage()] == []
    assert ANNEX_PASSPHRASE not in repr(job) + repr(job.choices)


def test_a_short_annex_passphrase_is_refused_before_any_build(desked: Desked) -> None:
    answer = desked.client.post(
        "/workbook/incidents.xlsx/build",
        data={"layout": "ddd", "lang": "en", "format": "html", "annex_passphrase": "short-9"},
    )
    assert answer.status_code == 400
    assert "at least 12 characters" in text_of(answer.text)
    assert "short-9" not in answer.text
    assert not (desked.desk.workspace.folder / "out").exists()


def test_the_pdfs_are_signed_with_a_certificate_picked_in_the_folder(
    desked: Desked, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    folder = desked.desk.workspace.folder
    keys = tmp_path / "keys"
    keys.mkdir()
    root, p12 = make_test_keys(keys)
    shutil.copy(p12, folder / "association.p12")
    page = desked.client.get("/workbook/incidents.xlsx").text
    assert '<option value="association.p12">association.p12</option>' in page
    form = {"layout": "ddd", "lang": "fr", "format": "html", "sign_key": "association.p12"}
    job = _build(
        desked,
        {**form, "sign_passphrase": KEY_PASSPHRASE, "annex_passphrase": ANNEX_PASSPHRASE},
    )
    assert job.failure("en") == [], job.failure("en")
    signed = check_folder_signatures(folder / "out", [root], ANNEX_PASSPHRASE)
    assert {(one.name, one.status) for one in signed} == {("identites-fr.pdf", "signed")}
    for secret in (KEY_PASSPHRASE, ANNEX_PASSPHRASE):
        assert _files_holding(folder, secret) == []
        assert [r for r in caplog.records if secret in r.getMessage()] == []
        assert secret not in desked.client.get(f"/build/{job.id}").text


def test_a_wrong_certificate_password_stops_the_build_with_a_message(
    desked: Desked, tmp_path: Path
) -> None:
    _root, p12 = make_test_keys(tmp_path)
    shutil.copy(p12, desked.desk.workspace.folder / "association.p12")
    form = {"layout": "ddd", "lang": "en", "format": "html", "sign_key": "association.p12"}
    job = _build(desked, {**form, "sign_passphrase": "not the password at all"})
    page = text_of(desked.client.get(f"/build/{job.id}").text)
    assert "The build stopped" in page and "association.p12" in page
    assert "not the password at all" not in page
    outside = desked.client.post(
        "/workbook/incidents.xlsx/build", data={**form, "sign_key": "../keys/test-signer.p12"}
    )
    assert outside.status_code == 404


# -- the previous build, the folder, a restart ---------------------------------------------------


def _set_summary_fr(folder: Path, text: str) -> None:
    book = openpyxl.load_workbook(folder / "incidents.xlsx")
    incidents = book["incidents"]
    headers = [cell.value for cell in incidents[1]]
    incidents.cell(row=2, column=headers.index("summary in French") + 1, value=text)
    book.save(folder / "incidents.xlsx")


def test_a_build_is_compared_with_the_previous_one_in_a_review_page(desked: Desked) -> None:
    folder = desked.desk.workspace.folder
    form = {"layout": "ddd", "lang": "fr", "format": "html"}
    first = _build(desked, form)
    assert first.failure("en") == []
    page = desked.client.get(f"/build/{first.id}").text
    assert 'id="compare-link"' not in page  # nothing built before it
    _set_summary_fr(folder, "Récit réécrit pour la comparaison (données fictives).")
    second = _build(desked, form)
    assert second.failure("en") == [], second.failure("en")
    page = desked.client.get(f"/build/{second.id}").text
    assert f'href="/build/{second.id}/compare" id="compare-link"' in page
    review = desked.client.get(f"/build/{second.id}/compare")
    assert review.status_code == 200
    assert review.headers["content-security-policy"] == REVIEW_POLICY
    assert "<script" not in review.text
    text = text_of(review.text)
    assert "Dossier review" in text and "ddd-fr" in text
    # The new account's words, marked as inserted.
    inserted = " ".join(re.findall(r"<ins>(.*?)</ins>", review.text, re.S))
    assert "réécrit" in inserted and "fictives" in inserted, inserted
    # The previous build's outputs are kept apart from the downloads.
    kept = (folder / ".dossier-previous" / "ddd-fr.html").read_text(encoding="utf-8")
    assert "réécrit pour la comparaison" not in kept
    assert desked.client.get("/out/..%2F.dossier-previous%2Fddd-fr.html").status_code == 404
    assert desked.client.get(f"/build/{first.id}/compare").status_code == 404


def test_a_build_that_stops_leaves_the_previous_outputs_in_place(desked: Desked) -> None:
    folder = desked.desk.workspace.folder
    first = _build(desked, {"layout": "ddd", "lang": "en", "format": "html"})
    assert first.failure("en") == []
    before = {p.name: p.read_bytes() for p in (folder / "out").iterdir() if p.is_file()}
    (folder / "dossier.toml").write_text(starter_config("en"), encoding="utf-8")
    stopped = _build(desked, {"layout": "ddd", "lang": "fr", "format": "html"})
    assert "organisation.name" in " ".join(stopped.failure("en"))
    after = {p.name: p.read_bytes() for p in (folder / "out").iterdir() if p.is_file()}
    assert after == before
    assert [p.name for p in folder.iterdir() if p.name.startswith(".dossier-previous")] == []
    page = text_of(desked.client.get(f"/build/{stopped.id}").text)
    assert "Compare with the previous build" not in page


def test_each_build_leaves_one_whole_set_of_files(desked: Desked) -> None:
    """Built with the annex, then without after a change of the data: the second build is not
    refused for the first one's annex (as `dossier build` into the same folder would be)."""
    folder = desked.desk.workspace.folder
    form = {"layout": "ddd", "lang": "fr", "format": "html"}
    first = _build(desked, {**form, "annex_passphrase": ANNEX_PASSPHRASE})
    assert (folder / "out" / "identites-fr.pdf").is_file(), first.failure("en")
    _set_summary_fr(folder, "Récit réécrit (données fictives).")
    second = _build(desked, form)
    assert second.failure("en") == [], second.failure("en")
    assert not (folder / "out" / "identites-fr.pdf").exists()
    assert (folder / ".dossier-previous" / "identites-fr.pdf").is_file()
    review = text_of(desked.client.get(f"/build/{second.id}/compare").text)
    assert "identites-fr.pdf" in review


def test_a_restarted_desk_still_shows_the_last_build(desked: Desked) -> None:
    folder = desked.desk.workspace.folder
    job = _build(desked, {"layout": "ddd", "lang": "en", "format": "html"})
    before = text_of(desked.client.get(f"/build/{job.id}").text)
    assert "ddd-en.html" in before and "What the complaint still lacks" in before
    state = folder / ".dossier-desk" / f"{job.id}.json"
    assert json.loads(state.read_text(encoding="utf-8"))["finished"] is True
    assert [p.name for p in state.parent.iterdir()] == [state.name]  # no temporary left

    restarted = Desked(folder)
    home = restarted.client.get("/").text
    assert f'href="/build/{job.id}" id="last-build-link"' in home
    after = restarted.client.get(f"/build/{job.id}")
    assert after.status_code == 200
    assert text_of(after.text) == before
    french = restarted.client.get(f"/lang/fr?next=/build/{job.id}")
    assert "Ce qui manque encore à la saisine" in text_of(french.text)
    assert restarted.client.get("/out/ddd-en.html").status_code == 200


def test_a_build_the_desk_never_saw_end_reads_as_interrupted(desked: Desked) -> None:
    folder = desked.desk.workspace.folder
    record = BuildRecord("0123abcd", "incidents.xlsx", {"layouts": ["ddd"]}, started=1.0)
    write_record(folder, record)
    (folder / ".dossier-desk" / "broken.json").write_text("{not json", encoding="utf-8")
    # A build killed midway: the outputs it had set aside, its own half written.
    (folder / ".dossier-previous-k1ll3d" / "out").mkdir(parents=True)
    (folder / ".dossier-previous-k1ll3d" / "out" / "manifest.json").write_text("{}")
    (folder / ".dossier-previous-k1ll3d" / "out" / "ddd-fr.pdf").write_bytes(b"%PDF whole")
    (folder / "out").mkdir()
    (folder / "out" / "ddd-en.pdf").write_bytes(b"%PDF half")
    restarted = Desked(folder)
    assert not (folder / ".dossier-previous-k1ll3d").exists()
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["ddd-fr.pdf", "manifest.json"]
    page = text_of(restarted.client.get("/build/0123abcd").text)
    assert "This build was interrupted: the desk was closed before it ended" in page
    assert restarted.client.get("/build/broken").status_code == 404


def test_open_the_folder_asks_the_system_only_on_the_volunteers_own_machine(
    tmp_path: Path,
) -> None:
    opened: list[Path] = []
    local = Desked(sample_folder(tmp_path / "local"))
    local.desk.open_folder = opened.append
    job = _build(local, {"layout": "ddd", "lang": "en", "format": "html"})
    page = local.client.get(f"/build/{job.id}").text
    assert 'id="open-folder"' in page
    answer = local.client.post(
        "/open-folder", data={"next": f"/build/{job.id}"}, follow_redirects=False
    )
    assert answer.status_code == 303 and answer.headers["location"] == f"/build/{job.id}"
    assert opened == [local.desk.workspace.out]
    elsewhere = local.client.post(
        "/open-folder", data={"next": "//evil.example/"}, follow_redirects=False
    )
    assert elsewhere.headers["location"] == "/"

    remote = Desked(sample_folder(tmp_path / "remote"), local=False)
    remote.desk.open_folder = opened.append
    refused = remote.client.post("/open-folder", data={"next": "/"})
    assert refused.status_code == 403
    assert "it cannot open a folder on your computer" in text_of(refused.text)
    assert len(opened) == 2
