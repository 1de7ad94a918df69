"""Attacks on what a build leaves behind and echoes (issue 18, points 3 and 6; issue 17's last
leftovers): a render cache another user can write, killed builds, errors that echo a file name,
and legal names of rejected person rows.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from pathlib import Path

import pytest
from helpers import run_cli
from test_build import EPOCH, write_dataset
from test_privacy_paths import LEGAL_NAME, problems_of, workbook_with, write_cell

from dossier.build.cache import KEY_FILE_NAME, RenderCache, UnsafeCache
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
    common = ["--cache-dir", cache, "--jobs", "1", "-q"]
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
