"""`dossier templates check` and the DOCX output of `dossier build`, as an editor meets them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from helpers import run_cli
from test_build import EPOCH, SECRETS, write_dataset

from dossier.sample import worst_case_config, worst_case_dataset
from dossier.templates_check import check_templates


def write_override(folder: Path, lang: str, body: str) -> Path:
    (folder / lang).mkdir(parents=True, exist_ok=True)
    path = folder / lang / "ddd.html"
    path.write_text(body, encoding="utf-8")
    return path


def test_builtin_templates_pass_the_check() -> None:
    result = run_cli(["templates", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Templates OK."


def test_an_override_of_one_block_is_clean(tmp_path: Path) -> None:
    for lang in ("fr", "en"):
        write_override(
            tmp_path,
            lang,
            '{% extends "default:ddd.html" %}\n{% block requests %}\n<section>\n'
            "<p>{{ d.reference }}</p>\n</section>\n{% endblock %}\n",
        )
    assert check_templates(tmp_path, worst_case_dataset(), worst_case_config()) == []


def test_each_kind_of_mistake_is_reported_with_file_and_line(tmp_path: Path) -> None:
    french = write_override(
        tmp_path,
        "fr",
        '{% extends "default:ddd.html" %}\n{% block requests %}\n<section>\n'
        "<marquee>x</marquee>\n{{ d.nope }}\n</section>\n{% endblock %}\n"
        "{% block extra %}{% endblock %}\n",
    )
    result = run_cli(["templates", "check", tmp_path])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert f"{french}:4: <marquee>: element is not in the dossier HTML subset" in lines[0]
    assert "en/ddd.html: block 'extra' exists in fr/ddd.html but not here" in result.output
    assert f"{french}:5: " in result.output and "has no attribute 'nope'" in result.output
    assert lines[-1] == "3 problem(s) found."


def test_a_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write_override(tmp_path, "en", "{% extends 'default:ddd.html' %}\n{% block cover %}\n")
    result = run_cli(["templates", "check", tmp_path])
    assert result.exit_code == 1, result.output
    assert f"{path}:2" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_build_writes_a_docx_that_holds_the_dossier_and_no_identity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "out"
    result = run_cli(["build", data, "--format", "docx", "--lang", "fr", "--out", out])
    assert result.exit_code == 0, result.output
    path = out / "ddd-fr.docx"
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert "Les faits" in headings and "Bordereau des pièces" in headings
    with zipfile.ZipFile(path) as archive:
        xml = " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    for secret in SECRETS:
        assert secret not in xml
    first = path.read_bytes()
    again = run_cli(["build", data, "--format", "docx", "--lang", "fr", "--out", out])
    assert again.exit_code == 0, again.output
    assert path.read_bytes() == first


def test_a_reference_docx_without_the_styles_is_refused(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    bare = tmp_path / "bare.docx"
    document = docx.Document()
    document.save(str(bare))
    result = run_cli(
        ["build", data, "--format", "docx", "--reference-docx", bare, "--out", tmp_path / "out"]
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "Fingerprint" in result.output
    assert not (tmp_path / "out").exists()
