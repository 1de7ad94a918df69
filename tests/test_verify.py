"""`dossier verify`: a built folder is re-checked against its manifest, as a recipient would."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli
from test_build import EPOCH, write_dataset


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "out"
    result = run_cli(["build", data, "--format", "html", "--lang", "fr", "--out", out])
    assert result.exit_code == 0, result.output
    return data, out


def test_an_untouched_folder_verifies(built: tuple[Path, Path]) -> None:
    data, out = built
    result = run_cli(["verify", out, "--evidence", data / "evidence", "--inputs", data])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].endswith(": OK.")


def test_one_changed_byte_in_an_output_is_named(built: tuple[Path, Path]) -> None:
    _data, out = built
    page = out / "ddd-fr.html"
    content = bytearray(page.read_bytes())
    content[100] ^= 1
    page.write_bytes(bytes(content))
    result = run_cli(["verify", out])
    assert result.exit_code == 1, result.output
    assert "changed: output ddd-fr.html" in result.output


def test_a_tampered_exhibit_a_missing_and_an_added_file_are_named(
    built: tuple[Path, Path],
) -> None:
    data, out = built
    exhibits = sorted(p for p in (data / "evidence").rglob("*") if p.is_file())
    exhibits[0].write_bytes(exhibits[0].read_bytes() + b"x")
    (out / "ddd-fr.html").unlink()
    (out / "extra.pdf").write_bytes(b"%PDF-1.7")
    result = run_cli(["verify", out, "--evidence", data / "evidence"])
    assert result.exit_code == 1, result.output
    relative = exhibits[0].relative_to(data / "evidence").as_posix()
    assert f"changed: exhibit {relative}" in result.output
    assert "missing: output ddd-fr.html" in result.output
    assert "added: output extra.pdf" in result.output


def test_exhibits_not_checked_without_their_folder_are_said(built: tuple[Path, Path]) -> None:
    _data, out = built
    result = run_cli(["verify", out])
    assert result.exit_code == 0, result.output
    assert "not checked: give --evidence DIR" in result.output


def test_a_folder_without_manifest_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(["verify", tmp_path])
    assert result.exit_code == 2, result.output
    assert "no manifest" in result.output
    assert "Traceback" not in result.output


def test_a_link_named_like_an_output_is_reported_never_followed(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    _data, out = built
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the report\n", encoding="utf-8")
    page = out / "ddd-fr.html"
    page.unlink()
    page.symlink_to(secret)
    (out / "notes.html").symlink_to(secret)
    result = run_cli(["verify", out, "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "ddd-fr.html: a symbolic link where the folder should hold a file" in result.output
    assert "notes.html: a symbolic link" in result.output
    digest = __import__("hashlib").sha256(secret.read_bytes()).hexdigest()
    assert digest not in result.output


def test_hidden_files_and_subfolders_are_accounted_for(built: tuple[Path, Path]) -> None:
    _data, out = built
    (out / ".hidden.pdf").write_bytes(b"%PDF-1.7")
    (out / "old").mkdir()
    (out / "old" / "ddd-en.pdf").write_bytes(b"%PDF-1.7")
    (out / "empty").mkdir()
    result = run_cli(["verify", out, "--lang", "en"])
    assert result.exit_code == 1, result.output
    for name in (".hidden.pdf", "old/ddd-en.pdf", "empty/"):
        assert f"added: output {name}" in result.output, name
