"""Tests for dossier.files: a write is complete or has not happened."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from dossier.files import write_atomic


def test_write_atomic_creates_folders_and_replaces_files(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "out.json"
    write_atomic(path, b"one")
    write_atomic(path, b"two")
    assert path.read_bytes() == b"two"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in path.parent.iterdir()] == ["out.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.json"
    write_atomic(path, b"old")

    def fail(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_write_files_copies_a_file_given_instead_of_bytes(tmp_path: Path) -> None:
    # A large joined PDF waits in a file; it is copied into place, not read into memory.
    from dossier.files import write_files

    joined = tmp_path / "joined.pdf"
    joined.write_bytes(b"%PDF-" + bytes(range(256)) * 9_000)
    out = tmp_path / "out"
    write_files(out, [("ddd-fr.pdf", joined), ("manifest.json", b"{}\n")])
    assert (out / "ddd-fr.pdf").read_bytes() == joined.read_bytes()
    assert (out / "manifest.json").read_bytes() == b"{}\n"
    assert sorted(path.name for path in out.iterdir()) == ["ddd-fr.pdf", "manifest.json"]
