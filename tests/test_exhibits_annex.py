"""The confidential identity annex: only for the DDD, only who agreed, encrypted, nowhere else."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pikepdf
import pytest
from exhibits_fixture import CONSENTING_NAME, OTHER_NAME, write_exhibits_workbook
from helpers import run_cli

from dossier.build import build_dossiers
from dossier.build.enclosures import Enclosures, EnclosureUsage
from dossier.exhibits.annex import AnnexError

PASSPHRASE = "a long enough test passphrase"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_exhibits_workbook(tmp_path_factory.mktemp("annex") / "data")


@pytest.fixture(scope="module")
def built(workbook: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A French build (HTML, bundle, annex) and its render cache."""
    out = tmp_path_factory.mktemp("out")
    cache = tmp_path_factory.mktemp("cache")
    build_dossiers(
        workbook,
        out=out,
        langs=["fr"],
        formats=["html"],
        cache_dir=cache,
        jobs=1,
        enclosures=Enclosures(bundle=True, annex_passphrase=PASSPHRASE),
    )
    return out, cache


def _text(path: Path, password: str | None = None) -> str:
    command = ["pdftotext", *(["-upw", password] if password else []), str(path), "-"]
    text = subprocess.run(command, capture_output=True, check=True, text=True).stdout
    return " ".join(text.split())


def test_the_annex_opens_with_the_passphrase_only(built: tuple[Path, Path]) -> None:
    annex = built[0] / "identites-fr.pdf"
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(annex)
    with pikepdf.open(annex, password=PASSPHRASE) as pdf:
        assert pdf.encryption.bits == 256
        assert pdf.encryption.stream_method.name == "aesv3"  # AES-256
    text = _text(annex, PASSPHRASE)
    assert "Annexe confidentielle : identités" in text
    assert "CONFIDENTIEL — destiné au seul Défenseur des droits" in text
    assert "Abel N." in text and CONSENTING_NAME in text and "CAL-1" in text
    # Contact goes through the association, never the person's own number.
    assert "contact@example.org" in text and "99 01" not in text
    # Who did not agree explicitly is not in it, art. 8 consent notwithstanding.
    assert OTHER_NAME not in text and "Tom B." not in text


def test_no_other_output_nor_the_cache_holds_a_legal_name(built: tuple[Path, Path]) -> None:
    out, cache = built
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    annex = next(entry for entry in manifest["outputs"] if entry["path"] == "identites-fr.pdf")
    assert len(annex["sha256"]) == 64
    for name in (CONSENTING_NAME, OTHER_NAME, "Quellitard", "Vostrikane"):
        assert name not in (out / "manifest.json").read_text(encoding="utf-8")
        assert name not in (out / "ddd-fr.html").read_text(encoding="utf-8")
        assert name not in _text(out / "pieces-fr.pdf")
        for cached in cache.rglob("*"):
            if cached.is_file():
                assert name.encode("utf-8") not in cached.read_bytes(), cached
    # The annex is not rendered by the workers: nothing of it is cached.
    assert not any("identites" in path.name for path in cache.rglob("*"))


def test_the_annex_is_refused_for_another_audience(workbook: Path, tmp_path: Path) -> None:
    with pytest.raises(EnclosureUsage) as refused:
        build_dossiers(
            workbook,
            out=tmp_path,
            langs=["fr"],
            formats=["html"],
            audience="partners",
            enclosures=Enclosures(annex_passphrase=PASSPHRASE),
        )
    assert "only for the Défenseur des droits" in str(refused.value)
    assert not tmp_path.joinpath("manifest.json").exists()


def test_a_short_passphrase_is_refused(workbook: Path, tmp_path: Path) -> None:
    with pytest.raises(AnnexError):
        build_dossiers(
            workbook,
            out=tmp_path,
            formats=["html"],
            enclosures=Enclosures(annex_passphrase="short"),
        )


def test_cli_reads_the_passphrase_from_a_file_never_the_command_line(
    workbook: Path, tmp_path: Path
) -> None:
    args = ["build", str(workbook), "--lang", "fr", "--format", "html", "--out", str(tmp_path)]
    # No terminal to prompt on: a file is required, and the build stops before any work.
    result = run_cli([*args, "--identity-annex", "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "no terminal to ask for it" in result.output
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    result = run_cli([*args, "--identity-annex", "--passphrase-file", str(secret)])
    assert result.exit_code == 0, result.output
    assert PASSPHRASE not in result.output
    with pikepdf.open(tmp_path / "identites-fr.pdf", password=PASSPHRASE):
        pass
    refused = run_cli(
        [*args, "--audience", "public", "--identity-annex", "--passphrase-file", str(secret)]
    )
    assert refused.exit_code == 2, refused.output


def test_without_the_option_no_output_holds_a_legal_name(workbook: Path, tmp_path: Path) -> None:
    result = run_cli(["build", str(workbook), "--lang", "fr", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "ddd-fr.pdf",
        "manifest.json",
        "pieces-fr.pdf",
    ]
    for path in tmp_path.iterdir():
        text = _text(path) if path.suffix == ".pdf" else path.read_text(encoding="utf-8")
        for name in (CONSENTING_NAME, OTHER_NAME, "Quellitard", "Vostrikane"):
            assert name not in text, path


def test_one_enclosures_object_serves_two_builds(workbook: Path, tmp_path: Path) -> None:
    enclosures = Enclosures(annex_passphrase=PASSPHRASE)
    for out in (tmp_path / "one", tmp_path / "two"):
        build_dossiers(workbook, out=out, langs=["fr"], formats=["html"], enclosures=enclosures)
        assert (out / "identites-fr.pdf").is_file()
