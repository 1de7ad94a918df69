"""A plain, non-editable `pip install` of the project still finds its templates and schemas."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO

from dossier.schema.fields import SHEETS

pytestmark = pytest.mark.slow

# What a clean checkout holds; everything else (virtual environments, build output, caches) stays.
_IGNORED_ANYWHERE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "*.egg-info", "__pycache__", ".*_cache", "*.pyc"
)
# Build output only at the top: dossier/build is the package's build stage, not output.
_IGNORED_AT_THE_TOP = {"build", "dist"}


def not_in_a_clean_checkout(folder: str, names: list[str]) -> set[str]:
    ignored = set(_IGNORED_ANYWHERE(folder, names))
    if Path(folder) == REPO:
        ignored |= _IGNORED_AT_THE_TOP & set(names)
    return ignored


def make_venv(folder: Path) -> Path:
    """A fresh virtual environment that sees this environment's installed dependencies.

    ``--system-site-packages`` would expose the *base* interpreter's packages, not those of the
    environment running the tests (the project's .venv), so a .pth file adds the latter's
    site-packages instead. Lines of a .pth file only extend sys.path; the .pth files inside that
    folder (among them the editable install's import hook) are not run, so `import dossier`
    can only find the copy installed below.
    """
    venv.EnvBuilder(with_pip=False).create(folder)
    python = folder / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "_dossier_test_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    return python


def test_non_editable_install_finds_templates_and_schemas(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=not_in_a_clean_checkout, symlinks=True)
    python = make_venv(tmp_path / "venv")
    # pip runs from this environment and installs into the new one (--python); the build runs
    # isolated, so it gets the setuptools the project asks for, not whatever is installed here.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            str(source),
        ],
        check=True,
        cwd=tmp_path,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    probe = """
import importlib.resources, json, dossier
templates = importlib.resources.files("dossier.templates")
schemas = importlib.resources.files("dossier.schemas")
print(json.dumps({
    "module": dossier.__file__,
    "templates": sorted(item.name for item in templates.iterdir() if item.is_dir()),
    "fr": sorted(item.name for item in templates.joinpath("fr").iterdir()),
    "schemas": sorted(item.name for item in schemas.iterdir() if item.name.endswith(".json")),
}))
"""
    found = json.loads(
        subprocess.run(
            [python, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
        ).stdout
    )
    site_packages = tmp_path / "venv" / "lib"
    assert Path(found["module"]).is_relative_to(site_packages), found["module"]
    assert {"fr", "en"} <= set(found["templates"])
    assert found["fr"], "templates/fr is empty in the installed package"
    # One schema per sheet, the optional testimony and correspondence sheets included.
    assert found["schemas"] == sorted(path.name for path in (REPO / "schemas").glob("*.json"))
    assert len(found["schemas"]) == len(SHEETS)
    for name in found["schemas"]:
        installed = Path(found["module"]).parent / "schemas" / name
        assert installed.read_bytes() == (REPO / "schemas" / name).read_bytes()

    dossier = tmp_path / "venv" / "bin" / "dossier"
    result = subprocess.run(
        [dossier, "validate", str(FIXTURES / "csv_en"), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "Data is valid (errors: 0; warnings: 0)."
    broken = subprocess.run(
        [dossier, "validate", str(FIXTURES / "other_export.csv"), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert broken.returncode == 1
    assert json.loads(broken.stdout)["problems"][0]["code"] == "missing_column"
