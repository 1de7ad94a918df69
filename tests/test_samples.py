"""Tests of dossier.commands.sample_dossiers and scripts/check_reproducible.sh: every sample
dossier is built, dated reproducibly, checked against its manifest; two builds give the same
bytes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest
from helpers import REPO

from dossier.assemble.models import Layout
from dossier.build.errors import DataInvalid
from dossier.build.pipeline import MANIFEST_NAME
from dossier.commands import sample_dossiers as samples

SCRIPT = REPO / "scripts" / "check_reproducible.sh"


def test_expected_outputs_cover_every_layout_language_and_format() -> None:
    assert samples.all_layouts() == [layout.value for layout in Layout]
    assert "ddd" in samples.all_layouts()
    assert samples.all_formats() == ["pdf", "docx", "html"]
    assert samples.expected_outputs(["ddd"], ["fr", "en"], ["pdf", "html"]) == [
        "ddd-fr.pdf",
        "ddd-fr.html",
        "ddd-en.pdf",
        "ddd-en.html",
    ]


def test_source_date_epoch_from_the_environment_else_the_samples_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert samples.samples_source_date_epoch() == samples.SAMPLE_SOURCE_DATE_EPOCH
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert samples.samples_source_date_epoch() == 1_700_000_000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert samples.samples_source_date_epoch() == samples.SAMPLE_SOURCE_DATE_EPOCH


def test_fixed_source_date_epoch_restores_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with samples.fixed_source_date_epoch(42):
        assert os.environ["SOURCE_DATE_EPOCH"] == "42"
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "7")
    with pytest.raises(RuntimeError), samples.fixed_source_date_epoch(42):
        raise RuntimeError
    assert os.environ["SOURCE_DATE_EPOCH"] == "7"


def write_outputs(folder: Path, files: dict[str, bytes], listed: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    manifest = {
        "outputs": [
            {"path": name, "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in listed.items()
        ]
    }
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_check_outputs_finds_missing_unlisted_and_altered_files(tmp_path: Path) -> None:
    good = {"ddd-fr.pdf": b"pdf", "ddd-fr.html": b"html"}
    folder = write_outputs(tmp_path / "good", good, good)
    assert samples.check_outputs(folder, ["ddd-fr.pdf", "ddd-fr.html"]) == []
    folder = write_outputs(
        tmp_path / "bad", {"ddd-fr.pdf": b"changed after the build"}, {"ddd-fr.pdf": b"pdf"}
    )
    assert samples.check_outputs(folder, ["ddd-fr.pdf", "ddd-fr.html"]) == [
        "missing: ddd-fr.html",
        "not in manifest.json: ddd-fr.html",
        "fingerprint differs from manifest.json: ddd-fr.pdf",
    ]
    (folder / MANIFEST_NAME).unlink()
    assert samples.check_outputs(folder, ["ddd-fr.pdf"]) == ["missing: manifest.json"]


def test_compare_folders_lists_every_difference(tmp_path: Path) -> None:
    first = write_outputs(tmp_path / "a", {"same": b"1", "differs": b"1", "only-a": b""}, {})
    second = write_outputs(tmp_path / "b", {"same": b"1", "differs": b"2", "only-b": b""}, {})
    assert samples.compare_folders(first, second) == [
        "differs: differs",
        f"only in {first}: only-a",
        f"only in {second}: only-b",
    ]
    assert samples.compare_folders(first, first) == []


def test_build_samples_refuses_invalid_data_and_restores_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with pytest.raises(DataInvalid):
        samples.build_samples(
            tmp_path / "out", source=REPO / "sample_data" / "broken" / "incidents.xlsx"
        )
    assert "SOURCE_DATE_EPOCH" not in os.environ
    assert not (tmp_path / "out").exists()


def test_build_samples_writes_the_html_with_its_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = samples.build_samples(tmp_path / "out", layouts=["ddd"], formats=["html"])
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        "ddd-en.html",
        "ddd-fr.html",
        MANIFEST_NAME,
    ]
    assert [output.path.name for output in result.outputs] == ["ddd-fr.html", "ddd-en.html"]
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    assert manifest["source_date_epoch"] == samples.SAMPLE_SOURCE_DATE_EPOCH


@pytest.mark.slow
def test_two_builds_of_every_sample_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = samples.build_samples(tmp_path / "first")
    monkeypatch.setenv("TZ", "UTC-14")  # a clock-dependent date would show
    second = samples.build_samples(tmp_path / "second")
    expected = samples.expected_outputs(samples.all_layouts(), ("fr", "en"), samples.all_formats())
    assert [output.path.name for output in first.outputs] == expected
    assert samples.compare_folders(tmp_path / "first", tmp_path / "second") == []
    assert [o.sha256 for o in first.outputs] == [o.sha256 for o in second.outputs]


# scripts/check_reproducible.sh, with a stand-in for the `dossier` command ------------------------

FAKE_DOSSIER = """#!/usr/bin/env bash
# Stand-in for `dossier`: `samples --out DIR` writes two files; FLAKY=1 makes one differ each time.
set -euo pipefail
if [ "$1" = diff ]; then echo "fake diff $2 $3"; exit 1; fi
out=$3
mkdir -p "$out"
echo same > "$out/ddd-fr.html"
if [ "${FLAKY:-}" = 1 ]; then date +%s%N > "$out/ddd-fr.pdf"; else echo same > "$out/ddd-fr.pdf"; fi
if [ "${DROP:-}" = 1 ] && [ -e "$out/../first-done" ]; then rm "$out/ddd-fr.pdf"; fi
touch "$out/../first-done"
"""


def run_script(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    fake = tmp_path / "fake-dossier"
    fake.write_text(FAKE_DOSSIER)
    fake.chmod(0o755)
    return subprocess.run(
        ["bash", str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "DOSSIER": str(fake), **env},
        timeout=60,
    )


def test_script_passes_when_both_builds_agree_and_keeps_the_first(tmp_path: Path) -> None:
    done = run_script(tmp_path, str(tmp_path / "kept"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 files byte-identical in two builds" in done.stdout
    assert done.stdout.splitlines()[-1] == "reproducible: 2 passed, 0 failed"
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == ["ddd-fr.html", "ddd-fr.pdf"]


def test_script_fails_on_a_byte_that_differs(tmp_path: Path) -> None:
    done = run_script(tmp_path, FLAKY="1")
    assert done.returncode == 1
    assert "differs between the two builds: ddd-fr.pdf" in done.stdout
    assert done.stdout.splitlines()[-1] == "reproducible: 1 passed, 1 failed"
    assert "ddd-fr.html" not in done.stdout.replace("fake diff", "")
    assert "NOT REPRODUCIBLE" in done.stderr


def test_script_fails_on_a_missing_file(tmp_path: Path) -> None:
    done = run_script(tmp_path, DROP="1")
    assert done.returncode == 1
    assert "missing from the second build: ddd-fr.pdf" in done.stdout


def test_script_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "old.pdf").write_bytes(b"")
    done = run_script(tmp_path, str(tmp_path / "kept"))
    assert done.returncode == 2
    assert "is not empty" in done.stderr
