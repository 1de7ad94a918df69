"""Attacks on what a build leaves behind and echoes (issue 18, points 3 and 6; issue 17's last
leftovers): a render cache another user can write, killed builds, errors that echo a file name,
and legal names of rejected person rows.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import REPO, run_cli
from test_build import EPOCH, write_dataset
from test_privacy_paths import LEGAL_NAME, problems_of, workbook_with, write_cell

from dossier.build.cache import KEY_FILE_NAME, RenderCache, UnsafeCache
from dossier.build.workers import SPOOL_PREFIX, remove_stale_spool_folders
from dossier.errors import BuildError
from dossier.i18n.messages import Message

# -- issue 17: errors echo names printable; rejected person rows still name who not to print --

ESCAPE = "x\x1b]0;owned\x07\u202eevil"


def test_an_error_echoing_a_file_name_cannot_drive_the_terminal(tmp_path: Path) -> None:
    missing = tmp_path / ESCAPE
    result = run_cli(["verify", missing, "--lang", "en"])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\u202e" not in result.stderr
    assert "x\\x1b]0;owned\\x07evil" in result.stderr


def test_an_error_made_printable_in_both_languages_and_inside_its_reasons() -> None:
    error = BuildError(
        "build.cannot_write",
        folder=Path(ESCAPE),
        reason=Message("build.workbook_withheld", output=ESCAPE, reason="r\n2"),
    )
    for lang in ("fr", "en"):
        told = error.text(lang)
        assert "\x1b" not in told and "\u202e" not in told and "\n" not in told
        assert told.count("x\\x1b]0;owned\\x07evil") == 2
        assert "r\\n2" in told
    assert "\x1b" not in str(error)


def test_a_rejected_person_row_still_keeps_its_legal_name_out_of_the_summaries(
    tmp_path: Path,
) -> None:
    folder = workbook_with(tmp_path, "incidents", 0, "summary in English", f"{LEGAL_NAME} hit.")
    write_cell(folder, "persons", 0, "age", "twenty")  # the person row is rejected for its age
    found = [(p["code"], p["sheet"], p["header"]) for p in problems_of(folder)]
    assert ("invalid_int", "persons", "age") in found
    assert ("legal_name_in_text", "incidents", "summary in English") in found


def test_a_rejected_person_row_whose_pseudonym_is_the_legal_name_is_still_an_error(
    tmp_path: Path,
) -> None:
    folder = workbook_with(tmp_path, "persons", 0, "pseudonym", LEGAL_NAME.upper())
    write_cell(folder, "persons", 0, "age", "-3")
    found = [(p["code"], p["sheet"], p["header"]) for p in problems_of(folder)]
    assert ("legal_name_in_text", "persons", "pseudonym") in found


# -- issue 18.3: the render cache cannot be poisoned -------------------------------------------

KEY = hashlib.sha256(b"one render").hexdigest()


def plant(entry: Path, data: bytes, **meta: object) -> None:
    """What someone who can write the entry but does not hold the cache's key can do: put other
    bytes (and a page count) in it, with the size and SHA-256 recomputed so they match."""
    raw = entry.read_bytes()
    magic, _, rest = raw.partition(b"\n")
    lines = [magic]
    first, _, rest = rest.partition(b"\n")
    if re.fullmatch(rb"[0-9a-f]{64}", first):  # a MAC: kept, it cannot be recomputed
        lines.append(first)
        first, _, rest = rest.partition(b"\n")
    header = json.loads(first)
    header.update(meta, size=len(data), sha256=hashlib.sha256(data).hexdigest())
    lines.append(json.dumps(header, sort_keys=True).encode("ascii"))
    entry.write_bytes(b"\n".join(lines) + b"\n" + data)


def say(error: UnsafeCache) -> tuple[str, str]:
    return error.text("en"), error.text("fr")


def test_a_cache_folder_others_can_write_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "shared-cache"
    root.mkdir()
    root.chmod(0o777)
    with pytest.raises(UnsafeCache) as refused:
        RenderCache(root).get(KEY)
    english, french = say(refused.value)
    assert "other users can write into" in english and str(root) in english
    assert "d'autres utilisateurs peuvent écrire" in french
    with pytest.raises(UnsafeCache):
        RenderCache(root).put(KEY, b"a dossier")
    assert not any(root.iterdir())


def test_a_folder_on_the_way_from_home_that_others_can_write_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / "shared" / "mine").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    (home / "shared").chmod(0o777)  # anyone could rename "mine" and put their own there
    with pytest.raises(UnsafeCache) as refused:
        RenderCache(home / "shared" / "mine" / "cache").get(KEY)
    assert refused.value.key == "cache.unsafe_writable"
    assert refused.value.params["folder"] == (home / "shared").resolve()
    # Outside the home only the cache folder itself is checked (/tmp is everyone's).
    (home / "shared").chmod(0o755)
    RenderCache(home / "shared" / "mine" / "cache").put(KEY, b"a dossier")


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_cache_folder_another_user_owns_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "their-cache"
    root.mkdir(mode=0o700)
    os.chown(root, 65534, 65534)  # nobody
    with pytest.raises(UnsafeCache) as refused:
        RenderCache(root).get(KEY)
    assert refused.value.key == "cache.unsafe_owner"
    assert "belongs to another user" in refused.value.text("en")


def test_new_cache_folders_and_the_key_are_private(tmp_path: Path) -> None:
    root = tmp_path / "new" / "deeper" / "cache"
    cache = RenderCache(root)
    cache.put(KEY, b"a dossier")
    for folder in (tmp_path / "new", tmp_path / "new" / "deeper", root):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    key = root / KEY_FILE_NAME
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) == 32
    assert RenderCache(root).get(KEY) is not None  # another instance, the same key


def test_an_entry_rewritten_without_the_key_is_a_miss(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = RenderCache(tmp_path / "cache")
    cache.put(KEY, b"%PDF the real dossier", {"pages": 3, "warnings": []})
    entry = cache.path_for(KEY)
    plant(entry, b"%PDF another dossier", pages=1, warnings=[["dossier", 30, "planted line"]])
    assert cache.get(KEY) is None
    assert cache.rejected == [KEY] and not entry.exists()
    assert "not written by this cache" in caplog.text


def test_an_entry_copied_from_another_cache_or_key_is_a_miss(tmp_path: Path) -> None:
    theirs = RenderCache(tmp_path / "theirs")
    theirs.put(KEY, b"%PDF their dossier", {"pages": 1})
    ours = RenderCache(tmp_path / "ours")
    ours.put(KEY, b"%PDF our dossier", {"pages": 2})
    other_key = hashlib.sha256(b"another render").hexdigest()
    ours.put(other_key, b"%PDF our other dossier", {"pages": 5})
    # Their entry copied over ours, and our own entry moved under another key.
    ours.path_for(KEY).write_bytes(theirs.path_for(KEY).read_bytes())
    moved = ours.path_for(hashlib.sha256(b"a third render").hexdigest())
    moved.parent.mkdir(mode=0o700, exist_ok=True)
    moved.write_bytes(ours.path_for(other_key).read_bytes())
    assert ours.get(KEY) is None
    assert ours.get(moved.name) is None
    assert ours.get(other_key) is not None


@pytest.mark.parametrize("problem", ["readable", "link", "short"])
def test_a_key_others_could_read_or_swap_is_refused(tmp_path: Path, problem: str) -> None:
    root = tmp_path / "cache"
    RenderCache(root).put(KEY, b"a dossier")
    key = root / KEY_FILE_NAME
    if problem == "readable":
        key.chmod(0o644)
    elif problem == "link":
        elsewhere = tmp_path / "elsewhere.key"
        elsewhere.write_bytes(key.read_bytes())
        elsewhere.chmod(0o600)
        key.unlink()
        key.symlink_to(elsewhere)
    else:
        key.write_bytes(b"short")
    with pytest.raises(UnsafeCache) as refused:
        RenderCache(root).get(KEY)
    assert refused.value.key == "cache.unsafe_key"


def test_a_build_into_a_cache_others_can_write_is_one_clear_line(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    root = tmp_path / "cache"
    root.mkdir()
    root.chmod(0o757)
    for lang, said in (("en", "other users can write into"), ("fr", "d'autres utilisateurs")):
        result = run_cli(
            ["build", data, "--lang", lang, "--out", tmp_path / "out", "--cache-dir", root, "-q"]
        )
        assert result.exit_code == 1, result.output
        assert said in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_planted_pdf_is_never_written_as_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    data = write_dataset(tmp_path / "data")
    cache = tmp_path / "cache"
    # No pièces bundle: with one, the written PDF's « Pièce n° X » become links after the cache
    # (what is cached is the rendering, which this test finds by its bytes).
    common = ["--cache-dir", cache, "--jobs", "1", "-q", "--no-bundle"]
    built = run_cli(["build", data, "--lang", "fr,en", "--out", tmp_path / "one", *common])
    assert built.exit_code == 0, built.output
    genuine = (tmp_path / "one" / "ddd-fr.pdf").read_bytes()
    other = (tmp_path / "one" / "ddd-en.pdf").read_bytes()
    entries = {
        path.read_bytes()[-len(genuine) :]: path
        for path in cache.rglob("*")
        if path.is_file() and path.name != KEY_FILE_NAME
    }
    # Another dossier's PDF in the French entry, with a page count and a warning of its own.
    plant(entries[genuine], other, pages=999, warnings=[["dossier", 30, "PLANTED"]])
    again = run_cli(["build", data, "--lang", "fr", "--out", tmp_path / "two", *common])
    assert again.exit_code == 0, again.output
    assert (tmp_path / "two" / "ddd-fr.pdf").read_bytes() == genuine
    assert "PLANTED" not in again.output and "999" not in again.stdout
    manifest = json.loads((tmp_path / "two" / "manifest.json").read_text(encoding="utf-8"))
    assert [output["pages"] for output in manifest["outputs"]] != [999]
    assert manifest["outputs"][0]["sha256"] == hashlib.sha256(genuine).hexdigest()
    verified = run_cli(["verify", tmp_path / "two", "--lang", "en"])
    assert verified.exit_code == 0, verified.output


# -- issue 18.6: killed builds leave no confidential files and no processes behind ------------


def marked_processes(marker: str) -> list[int]:
    """The live processes whose environment holds ``marker``: a build, its fork server, its
    resource tracker and its workers all inherit it (zombies, already ended, do not count)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker.encode() not in (entry / "environ").read_bytes():
                continue
            state = (entry / "stat").read_bytes().rpartition(b")")[2].split()[0]
        except OSError:
            continue
        if state not in (b"Z", b"X"):
            found.append(int(entry.name))
    return found


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def spool_folders(temporary: Path) -> list[Path]:
    return sorted(temporary.glob(f"{SPOOL_PREFIX}*"))


def start_build(
    workbook: Path, out: Path, temporary: Path, marker: str, *options: str
) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "TMPDIR": str(temporary),
        "DOSSIER_TEST_MARKER": marker,
        "DOSSIER_CACHE_DIR": str(out) + "-cache",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "dossier", "build", workbook, "--out", out, "-q", *options],
        env=environment,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.fixture(scope="module")
def big_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """400 incidents: typeset in pieces by two workers for a good while."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from bench_build import make_workbook
    finally:
        sys.path.remove(str(REPO / "bench"))
    folder = tmp_path_factory.mktemp("big") / "workbook"
    make_workbook(folder, 400)
    return folder


def kill_mid_render(
    big_workbook: Path, tmp_path: Path, sent: signal.Signals
) -> tuple[subprocess.Popen[bytes], Path, Path, str]:
    """A real `dossier build --jobs 2` stopped by ``sent`` once its workers have typeset a
    piece and every process of the build is up."""
    temporary, out, marker = tmp_path / "tmp", tmp_path / "out", uuid.uuid4().hex
    temporary.mkdir()
    build = start_build(
        big_workbook, out, temporary, marker, "--jobs", "2", "--no-cache", "--lang", "fr"
    )

    def mid_render() -> bool:
        return any(path.suffix == ".pdf" for f in spool_folders(temporary) for path in f.iterdir())

    assert wait_until(mid_render, 300), build.communicate()[1].decode()[-2000:]
    assert build.poll() is None
    assert len(marked_processes(marker)) >= 4  # the build, the fork server, tracker, workers
    build.send_signal(sent)
    return build, temporary, out, marker


@pytest.mark.slow
def test_sigkill_leaves_no_process_and_the_next_build_removes_its_spool_folder(
    big_workbook: Path, tmp_path: Path
) -> None:
    build, temporary, out, marker = kill_mid_render(big_workbook, tmp_path, signal.SIGKILL)
    build.communicate(timeout=30)
    assert wait_until(lambda: not marked_processes(marker), 10), marked_processes(marker)
    # SIGKILL cannot be cleaned up after: the pieces stay, holding the dossier's text ...
    [left] = spool_folders(temporary)
    assert any(path.suffix == ".html" for path in left.iterdir())
    assert not out.exists() or not [p for p in out.iterdir() if p.suffix in (".pdf", ".json")]
    # ... until the next build, whatever it builds.
    small = write_dataset(tmp_path / "small")
    after = start_build(small, tmp_path / "other", temporary, uuid.uuid4().hex, "--format", "html")
    _, errors = after.communicate(timeout=300)
    assert after.returncode == 0, errors.decode()[-2000:]
    assert spool_folders(temporary) == []


@pytest.mark.slow
def test_sigterm_cleans_up_like_ctrl_c(big_workbook: Path, tmp_path: Path) -> None:
    build, temporary, out, marker = kill_mid_render(big_workbook, tmp_path, signal.SIGTERM)
    _, errors = build.communicate(timeout=60)
    assert build.returncode == 143
    assert "Traceback" not in errors.decode()
    assert wait_until(lambda: not marked_processes(marker), 10), marked_processes(marker)
    assert spool_folders(temporary) == []
    assert not out.exists() or list(out.iterdir()) == []


WORKER_SCRIPT = """
import concurrent.futures, os, sys, time
from dossier.build.workers import _context, _watch_build
if __name__ == "__main__":
    pool = concurrent.futures.ProcessPoolExecutor(
        1, mp_context=_context(), initializer=_watch_build, initargs=(os.getpid(),)
    )
    pool.submit(time.sleep, 600)
    print("started", flush=True)
    time.sleep(600)
"""


def test_a_worker_ends_when_the_build_process_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "build.py"
    script.write_text(textwrap.dedent(WORKER_SCRIPT), encoding="utf-8")
    marker = uuid.uuid4().hex
    process = subprocess.Popen(
        [sys.executable, str(script)],
        env={**os.environ, "DOSSIER_TEST_MARKER": marker},
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == b"started\n"
    # The build, the fork server, the resource tracker and the worker.
    assert wait_until(lambda: len(marked_processes(marker)) >= 4, 30), marked_processes(marker)
    process.kill()
    process.communicate(timeout=10)
    assert wait_until(lambda: not marked_processes(marker), 10), marked_processes(marker)


def record_owner(folder: Path, pid: int, started: str = "") -> Path:
    folder.mkdir(mode=0o700)
    (folder / "owner").write_text(f"{pid} {started}\n", encoding="ascii")
    (folder / "1.html").write_text("<p>a dossier</p>", encoding="utf-8")
    return folder


def ended_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_only_spool_folders_whose_owner_is_gone_are_removed(tmp_path: Path) -> None:
    mine = os.getpid()
    started = (Path(f"/proc/{mine}/stat").read_bytes().rpartition(b")")[2].split()[19]).decode()
    gone = record_owner(tmp_path / f"{SPOOL_PREFIX}gone", ended_pid())
    live = record_owner(tmp_path / f"{SPOOL_PREFIX}live", os.getppid())
    ours = record_owner(tmp_path / f"{SPOOL_PREFIX}ours", mine, started)
    reused = record_owner(tmp_path / f"{SPOOL_PREFIX}reused", os.getppid(), "1")
    unowned_new = tmp_path / f"{SPOOL_PREFIX}new"
    unowned_new.mkdir()
    unowned_old = tmp_path / f"{SPOOL_PREFIX}old"
    unowned_old.mkdir()
    os.utime(unowned_old, (time.time() - 7200, time.time() - 7200))
    elsewhere = record_owner(tmp_path / "elsewhere", ended_pid())
    link = tmp_path / f"{SPOOL_PREFIX}link"
    link.symlink_to(elsewhere)
    other = tmp_path / "other-prefix"
    other.mkdir()
    removed = remove_stale_spool_folders(tmp_path)
    assert sorted(removed) == sorted([gone, reused, unowned_old])
    for kept in (live, ours, unowned_new, elsewhere, other):
        assert kept.is_dir(), kept
    assert link.is_symlink() and (elsewhere / "1.html").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_another_users_spool_folder_is_left_alone(tmp_path: Path) -> None:
    theirs = record_owner(tmp_path / f"{SPOOL_PREFIX}theirs", ended_pid())
    os.chown(theirs, 65534, 65534)
    assert remove_stale_spool_folders(tmp_path) == []
    assert theirs.is_dir()
    shutil.rmtree(theirs)


def test_verify_echoes_a_planted_file_name_printable(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "out"
    built = run_cli(["build", data, "--format", "html", "--lang", "fr", "--out", out, "-q"])
    assert built.exit_code == 0, built.output
    (out / ESCAPE).write_text("x", encoding="utf-8")
    result = run_cli(["verify", out, "--lang", "en"])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "added: output x\\x1b]0;owned\\x07evil" in result.output
