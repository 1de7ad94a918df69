"""The desk's new paths attacked: crafted row addresses, links planted in the working folder,
tampered build state, the passphrase fields, the reveal of hidden names (issue 24's review)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from exhibits_keys import make_test_keys
from test_desk import Desked, _build, _faulty_sample, _files_holding, sample_folder, text_of

from dossier.desk.history import BuildRecord, write_record
from dossier.files import locked_folder

ROW = "/workbook/incidents.xlsx/row"


def refusal(page: str) -> str:
    """The text of a refused page's reasons."""
    found = re.search(r'<section id="refusal".*?</section>', page, re.S)
    assert found is not None, page
    return text_of(found.group(0))


def test_a_crafted_row_number_is_a_missing_row_never_a_crash(tmp_path: Path) -> None:
    """Digits Python's int() refuses ("²" passes str.isdigit) or more of them than it converts
    (over 4,300) used to raise out of the handler: a 500 and a traceback in the desk's log."""
    desked = Desked(sample_folder(tmp_path / "f"))
    for number in ("²", "9" * 5000, "١٢", "-1", "1e3", ""):
        answer = desked.client.get(
            ROW, params={"file": "incidents.xlsx", "sheet": "persons", "row": number}
        )
        assert answer.status_code == 404, number[:10]
        said = refusal(answer.text)
        assert "is not (or no longer) in this workbook" in said
        assert "9" * 100 not in said
    # The sheet named in the address is repeated short and without direction controls.
    crafted = "persons\u202e" + "x" * 5000
    answer = desked.client.get(ROW, params={"file": "incidents.xlsx", "sheet": crafted, "row": "2"})
    assert answer.status_code == 404
    said = refusal(answer.text)
    assert "“persons" in said and "\u202e" not in said and "x" * 100 not in said
    assert desked.client.get("/").status_code == 200


FORM = {"layout": "ddd", "lang": "en", "format": "html"}


def test_a_link_planted_where_the_desk_writes_stops_the_build(tmp_path: Path) -> None:
    """`out` (or the previous build, the build state, the render cache) made a link — to a
    shared or synced folder, say — used to receive the DDD edition (and would have received
    the identity annex): the desk wrote wherever the link led. Now nothing is built."""
    elsewhere = tmp_path / "shared"
    for name in ("out", ".dossier-previous", ".dossier-desk", ".dossier-cache"):
        folder = sample_folder(tmp_path / name.strip("."))
        target = elsewhere / name.strip(".")
        target.mkdir(parents=True)
        (folder / name).symlink_to(target)
        desked = Desked(folder)
        started = desked.client.post(
            "/workbook/incidents.xlsx/build", data=FORM, follow_redirects=False
        )
        assert started.status_code == 409, name
        assert f"{folder / name}: not in the working folder" in refusal(started.text)
        assert desked.desk.builds.latest is None
        assert list(target.iterdir()) == [], name
        assert not (folder / "out" / "ddd-en.html").exists()


def test_build_state_is_never_written_through_a_link(tmp_path: Path) -> None:
    folder = sample_folder(tmp_path / "f")
    (tmp_path / "shared").mkdir()
    (folder / ".dossier-desk").symlink_to(tmp_path / "shared")
    with pytest.raises(OSError):
        write_record(folder, BuildRecord("0123abcd", "incidents.xlsx", {}, started=1.0))
    assert list((tmp_path / "shared").iterdir()) == []


def test_the_comparison_and_the_folder_button_do_not_follow_planted_links(
    tmp_path: Path,
) -> None:
    folder = sample_folder(tmp_path / "f")
    elsewhere = tmp_path / "other-group"
    elsewhere.mkdir()
    (elsewhere / "ddd-fr.html").write_text("<p>Another group's dossier</p>", encoding="utf-8")
    (folder / ".dossier-previous").symlink_to(elsewhere)
    (folder / "out").mkdir()
    (folder / "out" / "ddd-fr.html").write_text("<p>Ours</p>", encoding="utf-8")
    record = BuildRecord("0123abcd", "incidents.xlsx", {}, finished=True, compared=True)
    write_record(folder, record)
    desked = Desked(folder)
    answer = desked.client.get("/build/0123abcd/compare")
    assert answer.status_code == 409
    assert "Another group" not in answer.text
    # "Open the folder" with `out` a link: the working folder, not where the link leads.
    shutil.rmtree(folder / "out")
    (folder / "out").symlink_to(elsewhere)
    opened: list[Path] = []
    desked.desk.open_folder = opened.append
    assert desked.client.post("/open-folder", data={"next": "/"}).status_code == 200
    assert opened == [desked.desk.workspace.folder]


def test_a_tampered_state_file_shows_nothing_from_outside_the_folder(tmp_path: Path) -> None:
    """A `.dossier-desk/ID.json` edited to list files outside the output folder used to show
    them on the build page, with their size; markup in it stays text."""
    folder = sample_folder(tmp_path / "f")
    secret = tmp_path / "secret-names.txt"
    secret.write_text("x" * 7000, encoding="utf-8")
    (folder / "out").mkdir()
    (folder / "out" / "ddd-en.html").write_text("<p>ours</p>", encoding="utf-8")
    record = BuildRecord(
        "0123abcd",
        '<img src=x onerror="alert(1)">.xlsx',
        {},
        finished=True,
        outputs=["../../secret-names.txt", str(secret), "ddd-en.html"],
        checklist={"en": [("<script>alert(2)</script>", "row 2")]},
    )
    write_record(folder, record)
    desked = Desked(folder)
    page = desked.client.get("/build/0123abcd")
    assert page.status_code == 200
    assert "secret-names" not in page.text and "7 KiB" not in page.text
    assert 'href="/out/ddd-en.html"' in page.text
    assert "<img src=x" not in page.text and "<script>alert" not in page.text
    assert "&lt;script&gt;alert(2)" in page.text
    home = desked.client.get("/").text
    assert "<img src=x" not in home and "&lt;img src=x" in home


def test_the_secret_fields_are_never_filled_in_by_the_browser(tmp_path: Path) -> None:
    """autocomplete="off" does not stop browsers from filling a password field with a password
    they saved for 127.0.0.1 (the certificate's, once the volunteer let the browser save it):
    the annex would then be built, unasked, with a passphrase nobody will send to the DDD.
    "new-password" is the value browsers honour on password fields."""
    folder = sample_folder(tmp_path / "f")
    (folder / "association.p12").write_bytes(b"not read by the page")
    page = Desked(folder).client.get("/workbook/incidents.xlsx").text
    form = re.search(
        r'<form method="post" action="[^"]*/build" id="build-form">.*?</form>', page, re.S
    )
    assert form is not None
    fields = re.findall(r"<input [^>]*type=\"password\"[^>]*>", form.group(0))
    assert len(fields) == 2
    for field in fields:
        assert 'autocomplete="new-password"' in field and "value=" not in field


def _persons_row(desked: Desked) -> str:
    page = desked.client.get("/workbook/incidents.xlsx").text
    links = re.findall(r'<a href="([^"]+)" class="row-link">(\d+)</a>', page)
    return next(
        href.replace("&amp;", "&").split("#", 1)[0]
        for href, row in links
        if "sheet=persons" in href and row == "2"
    )


def test_hidden_names_are_revealed_by_the_pages_form_never_by_an_address(tmp_path: Path) -> None:
    """The reveal used to be a link (`…&show=hidden`): an address the browser keeps in its
    history and offers again in the address bar, restores with the session, may prefetch —
    on a projected screen, the names came back with a keystroke. It is now the page's form."""
    desked = Desked(_faulty_sample(tmp_path / "f"))
    row = _persons_row(desked)
    masked = desked.client.get(row)
    assert "Temarezgi" not in masked.text and "&show=" not in masked.text
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*id="hidden-note">', masked.text)
    assert form is not None and form.group(1).replace("&amp;", "&") == row
    for address in (row + "&show=hidden", row + "&show=hidden&show=hidden"):
        answer = desked.client.get(address)
        assert answer.status_code == 200
        assert "Temarezgi" not in answer.text and "+33 6 00 00 10 01" not in answer.text
    revealed = desked.client.post(row, data={"show": "hidden"})
    assert "Temarezgi Obalkonet" in text_of(revealed.text)
    assert revealed.headers["cache-control"] == "no-store"
    assert revealed.headers["referrer-policy"] == "same-origin"
    hide = re.search(r'<a href="([^"]+)" id="hide-link">', revealed.text)
    assert hide is not None and "show" not in hide.group(1)
    # Another site's page can post the form neither with its Origin nor without the cookie.
    foreign = desked.client.post(
        row, data={"show": "hidden"}, headers={"origin": "http://evil.example"}
    )
    assert foreign.status_code == 403 and "Temarezgi" not in foreign.text
    stranger = desked.stranger.post(row, data={"show": "hidden"})
    assert stranger.status_code == 403 and "Temarezgi" not in stranger.text


def test_two_desks_on_one_folder_never_build_at_once(tmp_path: Path) -> None:
    """A volunteer starts the desk twice on the same folder (two terminals, two ports). Each
    desk's one-build-at-a-time rule was its own: the second built into the `out` the first was
    rebuilding, and a second desk started during a build took the outputs the first had set
    aside for a killed build's leftovers, deleting its half-written outputs. The lock on the
    folder's state folder is held here as the other desk's running build holds it."""
    folder = sample_folder(tmp_path / "f")
    (folder / ".dossier-desk").mkdir()
    set_aside = folder / ".dossier-previous-running" / "out"
    set_aside.mkdir(parents=True)
    (set_aside / "manifest.json").write_text("{}", encoding="utf-8")
    (folder / "out").mkdir()
    (folder / "out" / "ddd-en.html").write_text("being written", encoding="utf-8")
    with locked_folder(folder / ".dossier-desk", wait=0):
        desked = Desked(folder)  # started while the other desk builds
        assert (set_aside / "manifest.json").is_file()
        assert (folder / "out" / "ddd-en.html").read_text(encoding="utf-8") == "being written"
        started = desked.client.post(
            "/workbook/incidents.xlsx/build", data=FORM, follow_redirects=False
        )
        assert started.status_code == 409
        assert "a build is already running" in refusal(started.text)
        assert desked.desk.builds.latest is None
    # The other desk done, this one builds.
    job = _build(desked, FORM)
    assert job.failure("en") == [], job.failure("en")
    with locked_folder(folder / ".dossier-desk", wait=0):
        pass  # released once the build ended


def test_the_desk_does_not_start_when_its_temporary_folder_is_a_link(tmp_path: Path) -> None:
    """`.dossier-tmp` (where the render workers spool every dossier's pieces) planted as a link
    used to be followed: the pieces went wherever it led. The desk now refuses to start."""
    folder = sample_folder(tmp_path / "f")
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    (folder / ".dossier-tmp").symlink_to(elsewhere)
    command = [sys.executable, "-m", "dossier", "desk", "--folder", str(folder), "--port", "0"]
    try:  # a desk that starts serves until stopped: killed after the timeout, the test fails
        ended = subprocess.run(
            [*command, "--no-browser", "--lang", "en"], capture_output=True, text=True, timeout=60
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the desk started on a folder whose temporary folder is a link")
    assert ended.returncode != 0
    said = " ".join((ended.stdout + ended.stderr).split())
    assert f"{folder.resolve() / '.dossier-tmp'}: not in the working folder" in said, said
    assert list(elsewhere.iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xdg-open is Linux's opener")
def test_the_opener_is_given_an_absolute_path_never_an_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A working folder named like an option (`dossier desk --folder ./-e`) reaches xdg-open
    as an absolute path: it cannot be read as one of its options. The real opener runs, with
    a recording xdg-open first on the PATH."""
    tools = tmp_path / "bin"
    tools.mkdir()
    said = tmp_path / "argv.txt"
    opener = tools / "xdg-open"
    opener.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$@" > "{said}.part"\nmv "{said}.part" "{said}"\n'
    )
    opener.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.chdir(tmp_path)
    sample_folder(tmp_path / "-e")
    desked = Desked(Path("-e"))
    answer = desked.client.post("/open-folder", data={"next": "/"}, follow_redirects=False)
    assert answer.status_code == 303
    deadline = time.monotonic() + 20
    while not said.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert said.read_text().splitlines() == [str(tmp_path / "-e")]


def test_a_legal_name_in_a_column_no_field_reads_is_masked_on_its_row(tmp_path: Path) -> None:
    """The identity check reads the columns dossier knows; a column it does not ("full name",
    "phone", "notes") is reported by its header, and its cells were shown in clear on the row
    page the report links to. Every cell holding a legal name or contact of the persons sheet
    is now masked there, whatever its column."""
    folder = sample_folder(tmp_path / "f")
    book = openpyxl.load_workbook(folder / "incidents.xlsx")
    persons = book["persons"]
    extra = persons.max_column + 1
    persons.cell(row=1, column=extra, value="nom complet (bénévoles)")
    persons.cell(row=2, column=extra, value="Temarezgi Obalkonet, joignable au 06 00 00 10 01")
    incidents = book["incidents"]
    notes = incidents.max_column + 1
    incidents.cell(row=1, column=notes, value="notes internes")
    incidents.cell(row=2, column=notes, value="vu avec Obalkonet")
    book.save(folder / "incidents.xlsx")
    desked = Desked(folder)
    for sheet in ("persons", "incidents"):
        row = f"{ROW}?file=incidents.xlsx&sheet={sheet}&row=2"
        shown = desked.client.get(row)
        assert shown.status_code == 200, sheet
        assert "Obalkonet" not in shown.text and "06 00 00 10 01" not in shown.text, sheet
        assert "hidden: legal name or contact" in text_of(shown.text)
        revealed = desked.client.post(row, data={"show": "hidden"})
        assert "Obalkonet" in text_of(revealed.text), sheet


def test_a_wrong_certificate_password_is_in_no_log_file_or_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The failing path: pyHanko and the build report the wrong password; what they say names
    the file, never the password (held)."""
    caplog.set_level(logging.DEBUG)
    folder = sample_folder(tmp_path / "f")
    _root, p12 = make_test_keys(tmp_path)
    shutil.copy(p12, folder / "association.p12")
    wrong = "wrong certificate password 5521"
    form = {**FORM, "sign_key": "association.p12", "sign_passphrase": wrong}
    desked = Desked(folder)
    job = _build(desked, form)
    assert "association.p12" in " ".join(job.failure("en"))
    pages = [desked.client.get(f"/build/{job.id}"), desked.client.get("/")]
    assert all(wrong not in page.text for page in pages)
    assert [r for r in caplog.records if wrong in r.getMessage() or wrong in str(r.exc_info)] == []
    assert _files_holding(folder, wrong) == []
