"""Successive builds into one output folder (issue 17, point 11): one manifest covers what the
folder holds, or the build refuses to mix editions for different readers or from other data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli
from test_build import EPOCH, write_dataset

from dossier.build.manifest_folder import EditionsMix
from dossier.build.pipeline import build_dossiers


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return write_dataset(tmp_path / "data")


def build(data: Path, out: Path, *options: str, lang: str = "en") -> tuple[int, str]:
    result = run_cli(
        ["build", data, "--format", "html", "--out", out, "-q", "--lang", lang, *options]
    )
    return result.exit_code, result.output


def listed(out: Path) -> list[str]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return [entry["path"] for entry in manifest["outputs"]]


def verify(out: Path) -> tuple[int, str]:
    result = run_cli(["verify", out, "--lang", "en"])
    return result.exit_code, result.output


def test_builds_of_two_languages_into_one_folder_keep_one_manifest(
    data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert build(data, out, lang="fr")[0] == 0
    assert build(data, out, "--format", "docx", lang="fr")[0] == 0
    assert build(data, out, lang="en")[0] == 0
    assert listed(out) == ["ddd-en.html", "ddd-fr.docx", "ddd-fr.html"]
    code, said = verify(out)
    assert code == 0, said
    assert "added" not in said


def test_an_earlier_output_changed_since_is_not_vouched_for(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(data, out, lang="fr")[0] == 0
    (out / "ddd-fr.html").write_text("<p>edited by hand</p>", encoding="utf-8")
    assert build(data, out, lang="en")[0] == 0
    assert listed(out) == ["ddd-en.html"]
    code, said = verify(out)
    assert code == 1 and "added: output ddd-fr.html" in said


def test_a_public_build_into_a_folder_holding_a_ddd_edition_is_refused(
    data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert build(data, out, lang="fr")[0] == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    for lang, said in (
        ("en", "already holds ddd-fr.html, built for the ddd audience; this build is for public"),
        ("fr", "construits pour le public ddd"),
    ):
        code, output = build(data, out, "--layout", "report", lang=lang)
        assert code == 1
        assert said in output.replace("\n", " ") and "--out" in output
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    code, said = verify(out)
    assert code == 0, said
    # Elsewhere, the same build goes through.
    assert build(data, tmp_path / "public", "--layout", "report")[0] == 0


def test_another_audience_for_the_same_layout_is_refused_too(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(data, out, lang="fr")[0] == 0
    code, output = build(data, out, "--audience", "partners", lang="en")
    assert code == 1 and "built for the ddd audience" in output


def test_outputs_from_other_inputs_are_not_listed_as_made_from_these(
    data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert build(data, out, lang="fr")[0] == 0
    write_dataset(data, **{"summary in English": "Officers gassed the camp in the morning."})
    code, output = build(data, out, lang="en")
    assert code == 1 and "built from other inputs" in output
    # Rebuilding every edition together replaces them: nothing earlier is left to vouch for.
    assert build(data, out, lang="fr,en")[0] == 0
    assert sorted(listed(out)) == ["ddd-en.html", "ddd-fr.html"]
    assert verify(out)[0] == 0


def test_an_edition_written_meanwhile_by_another_build_is_checked_under_the_lock(
    data: Path, tmp_path: Path
) -> None:
    """The folder is checked before rendering and again when the manifest is written, holding
    the folder's lock: a ddd edition another build writes in between is not listed with a
    public report, nor overwritten by it."""
    out = tmp_path / "out"

    def meanwhile(step: str) -> None:
        if step == "write":  # the public build is about to take the lock
            build_dossiers(data, out=out, formats=("html",), langs=("fr",))

    with pytest.raises(EditionsMix) as refused:
        build_dossiers(
            data, out=out, formats=("html",), langs=("en",), layouts=("report",), progress=meanwhile
        )
    assert refused.value.key == "build.editions_mix"
    assert sorted(path.name for path in out.iterdir()) == ["ddd-fr.html", "manifest.json"]
    assert listed(out) == ["ddd-fr.html"]
