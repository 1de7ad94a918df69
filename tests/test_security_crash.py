"""Crashes: a build killed at any moment, a full disk, two builds into one folder. The previous
outputs stay whole, no half-written file is left, the manifest matches the files. Threat model:
docs/security.md; the writing protocol: dossier/write.py."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import run_cli
from test_build import CONFIG, EPOCH, write_dataset

from dossier import files as write
from dossier.build.pipeline import build_dossiers
from dossier.files import FolderBusy, locked_folder, temporary_target, write_files

REPO = Path(__file__).resolve().parent.parent
FORMATS = "html,docx"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def temporaries(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if temporary_target(path.name))


def manifest_matches(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for output in manifest["outputs"]:
        data = (folder / output["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == output["sha256"], output["path"]


def second_edition(data: Path) -> None:
    """Change the reference: every output of the next build differs from the previous ones."""
    config = CONFIG.replace("OBS-DDD-2016-01", "OBS-DDD-2016-02")
    (data / "dossier.toml").write_text(config, encoding="utf-8")


@pytest.fixture
def editions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, dict, dict]:
    """A folder of outputs from a first build, and the bytes the second edition will have."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "out"
    build_dossiers(data, out=out, formats=FORMATS.split(","), use_cache=False)
    old = snapshot(out)
    second_edition(data)
    build_dossiers(data, out=tmp_path / "expected", formats=FORMATS.split(","), use_cache=False)
    new = snapshot(tmp_path / "expected")
    assert set(old) == set(new) and all(old[name] != new[name] for name in old)
    return data, out, old, new


def dossier_process(data: Path, out: Path, *, before: str = "") -> subprocess.Popen[bytes]:
    """``dossier build`` in a child process, after running ``before`` (Python) in it."""
    code = f"{before}\nfrom dossier.cli.app import main\nmain()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "build", str(data), "--out", str(out), "--format", FORMATS],
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "DOSSIER_CACHE_DIR": str(out) + "-cache"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )


# The child kills itself with SIGKILL at its Nth rename into the output folder (renames into
# the render cache do not count): a deterministic "kill -9 mid-write".
KILL_AT_RENAME = """
import os, signal
_replace, _count = os.replace, [0]
def _killing(source, target, *args, **kwargs):
    if os.path.dirname(os.path.abspath(target)) == {out!r}:
        _count[0] += 1
        if _count[0] == {n}:
            os.kill(os.getpid(), signal.SIGKILL)
    return _replace(source, target, *args, **kwargs)
os.replace = _killing
"""


@pytest.mark.slow
def test_killed_before_its_first_rename_a_build_changes_nothing(
    editions: tuple[Path, Path, dict, dict],
) -> None:
    data, out, old, new = editions
    process = dossier_process(data, out, before=KILL_AT_RENAME.format(n=1, out=str(out)))
    process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL
    files = {name: content for name, content in snapshot(out).items() if name in old}
    assert files == old  # every previous output, byte for byte
    left = temporaries(out)
    assert left and all(temporary_target(name) in old for name in left)  # whole, just unnamed
    # The next build removes them and puts the new edition in place.
    build_dossiers(data, out=out, formats=FORMATS.split(","), use_cache=False)
    assert temporaries(out) == [] and snapshot(out) == new
    manifest_matches(out)


@pytest.mark.slow
def test_killed_between_two_renames_every_file_is_whole(
    editions: tuple[Path, Path, dict, dict],
) -> None:
    data, out, old, new = editions
    process = dossier_process(data, out, before=KILL_AT_RENAME.format(n=3, out=str(out)))
    process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL
    files = {name: content for name, content in snapshot(out).items() if name in old}
    assert set(files) == set(old)
    assert all(files[name] in (old[name], new[name]) for name in files)
    assert sum(files[name] == new[name] for name in files) == 2  # two renames happened
    assert files["manifest.json"] == old["manifest.json"]  # renamed last: still the old one
    # The manifest's temporary says the write was cut short.
    assert any(temporary_target(name) == "manifest.json" for name in temporaries(out))
    build_dossiers(data, out=out, formats=FORMATS.split(","), use_cache=False)
    assert temporaries(out) == [] and snapshot(out) == new
    manifest_matches(out)


@pytest.mark.slow
def test_sigkill_at_any_moment_leaves_old_or_new_files_never_a_part(
    editions: tuple[Path, Path, dict, dict],
) -> None:
    """The kill comes from outside, as soon as a temporary shows (or after a while)."""
    data, out, old, new = editions
    process = dossier_process(data, out)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if temporaries(out):
            break
        time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    files = {name: content for name, content in snapshot(out).items() if name in old}
    assert set(files) == set(old)
    assert all(files[name] in (old[name], new[name]) for name in files), "a partial file"
    others = set(snapshot(out)) - set(old)
    assert all(temporary_target(name) in old for name in others), others
    build_dossiers(data, out=out, formats=FORMATS.split(","), use_cache=False)
    assert temporaries(out) == [] and snapshot(out) == new
    manifest_matches(out)


# -- a full disk -------------------------------------------------------------------------------


def _is_temporary(descriptor: int) -> bool:
    try:
        return os.readlink(f"/proc/self/fd/{descriptor}").endswith(".part")
    except OSError:
        return False


@pytest.mark.parametrize("failing", ["write", "fsync"])
@pytest.mark.parametrize("nth", [1, 3])
def test_a_full_disk_is_one_line_and_leaves_the_previous_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, nth: int
) -> None:
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "out"
    build_dossiers(data, out=out, formats=("html",))
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    second_edition(data)
    real = getattr(os, failing)
    calls = [0]

    def full(descriptor: int, *args: object) -> object:
        if _is_temporary(descriptor):
            calls[0] += 1
            if calls[0] >= nth:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(descriptor, *args)

    monkeypatch.setattr(os, failing, full)
    result = run_cli(["build", data, "--out", out, "--format", "html", "--lang", "fr,en"])
    monkeypatch.undo()
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    # --lang fr,en: the messages are French.
    expected = f"écriture impossible dans {out}\u00a0: plus de place sur le périphérique"
    assert lines == [expected], result.output
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    assert after == before  # not one byte, not one rename, no temporary left


# -- two builds at once ------------------------------------------------------------------------


@pytest.mark.slow
def test_two_builds_into_one_folder_at_once(tmp_path: Path) -> None:
    first = write_dataset(tmp_path / "first")
    second = write_dataset(tmp_path / "second")
    second_edition(second)
    out = tmp_path / "out"
    processes = [dossier_process(data, out) for data in (first, second, first, second)]
    for process in processes:
        _, stderr = process.communicate(timeout=180)
        assert process.returncode == 0, stderr.decode()[-2000:]
    assert temporaries(out) == []
    manifest_matches(out)  # the files are all from the build that wrote last


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    finished: list[float] = []
    with locked_folder(out):
        started = time.monotonic()
        writer = threading.Thread(
            target=lambda: (write_files(out, [("a.html", b"x")]), finished.append(time.monotonic()))
        )
        writer.start()
        time.sleep(0.5)
        assert not (out / "a.html").exists() and not finished  # waiting for the lock
    writer.join(timeout=10)
    assert finished and finished[0] - started >= 0.5
    assert (out / "a.html").read_bytes() == b"x"


def test_a_folder_locked_too_long_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(write, "LOCK_WAIT_SECONDS", 0.3)
    with locked_folder(out):
        result = run_cli(["build", data, "--out", out, "--format", "html"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [
        f"cannot write to {out}: another dossier build is writing into it (waited 0 s)"
    ], result.output
    assert list(out.iterdir()) == []
    with pytest.raises(FolderBusy), locked_folder(out), locked_folder(out, wait=0.1):
        pass


def test_only_our_own_stale_temporaries_are_removed(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "out"
    out.mkdir()
    ours = [
        ".ddd-fr.html.k3j_x0a9.part",
        ".manifest.json.abcdefgh.part",
        ".report-en.pdf.a1b2c3d4.part",
    ]
    theirs = [
        ".notes.txt.abcdefgh.part",
        ".ddd-fr.html.part",
        "ddd-fr.html.abcdefgh.part",
        "x.part",
    ]
    for name in ours + theirs:
        (out / name).write_bytes(b"half a file")
    build_dossiers(data, out=out, formats=("html",))
    assert sorted(p.name for p in out.iterdir() if p.name.endswith(".part")) == sorted(theirs)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert all(not o["path"].startswith(".") for o in manifest["outputs"])


def test_a_write_that_fails_halfway_removes_its_temporaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "b").write_bytes(b"old b")
    real = os.replace
    calls = [0]

    def failing(source: str, target: str) -> None:
        calls[0] += 1
        if calls[0] == 2:
            raise OSError(errno.EIO, "I/O error")
        real(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError, match="I/O error"):
        write_files(tmp_path, [("a", b"new a"), ("b", b"new b"), ("c", b"new c")])
    assert snapshot(tmp_path) == {"a": b"new a", "b": b"old b"}
