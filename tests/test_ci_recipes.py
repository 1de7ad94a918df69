"""The CI recipes of docs/ci.md: their YAML is what the runners expect, and their steps run here
(slow: each recipe installs, builds the samples three times and reviews a change)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from dossier.commands.sample_dossiers import all_formats, all_layouts, expected_outputs

RUNNER = Path(__file__).parent / "ci_recipes" / "run_steps.py"


def load_runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_steps", RUNNER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["run_steps"] = module
    spec.loader.exec_module(module)
    return module


run_steps = load_runner()


def test_the_yaml_subset_parser() -> None:
    text = """
# comment
name: x
on:
  push:
    branches: [main, "dev"]
list:
- a: 1
  b: 'it''s'
- plain text  # comment
block: |
  line one
    indented

  after a blank
folded: >-
  one
  two
"""
    assert run_steps.parse_yaml(text) == {
        "name": "x",
        "on": {"push": {"branches": ["main", "dev"]}},
        "list": [{"a": "1", "b": "it's"}, "plain text"],
        "block": "line one\n  indented\n\nafter a blank\n",
        "folded": "one two",
    }


def test_the_github_recipe_installs_validates_builds_reviews_and_uploads() -> None:
    workflow = run_steps.recipe("github")
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    runs = [step.get("run", "") for step in steps]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert steps[0]["with"]["fetch-depth"] == "0"  # the base commit must be there
    assert runs[1] == "bash scripts/setup.sh"
    assert runs[2].startswith(".venv/bin/dossier validate")
    assert runs[3].startswith("bash scripts/check_reproducible.sh samples")
    assert "dossier diff" in runs[4] and "--html review/index.html" in runs[4]
    uploads = [step for step in steps if str(step.get("uses", "")).startswith("actions/upload")]
    assert [(s["with"]["path"], s["if"]) for s in uploads] == [
        ("samples/", "always()"),
        ("review/", "always()"),
    ]


def test_the_gitlab_recipe_installs_validates_builds_reviews_and_keeps_artifacts() -> None:
    pipeline = run_steps.recipe("gitlab")
    job = pipeline["dossiers"]
    assert "bash scripts/setup.sh" in job["before_script"]
    assert job["script"][0].startswith(".venv/bin/dossier validate")
    assert job["script"][1].startswith("bash scripts/check_reproducible.sh samples")
    assert "dossier diff" in job["script"][-1]
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["paths"] == ["review/", "samples/"]


def _cli_has(command: str) -> bool:
    from dossier.cli.app import app

    names = {c.name or getattr(c.callback, "__name__", "") for c in app.registered_commands}
    return command in names


@pytest.mark.slow
@pytest.mark.parametrize("name", ["github", "gitlab"])
def test_the_recipe_steps_run_here(name: str, tmp_path: Path) -> None:
    assert _cli_has("samples") and _cli_has("diff")
    checkout = run_steps.make_checkout(tmp_path)
    code = (run_steps.run_github if name == "github" else run_steps.run_gitlab)(checkout)
    assert code == 0
    # GitHub puts one uploaded folder's files at the top of its artifact; GitLab keeps paths.
    samples, review = {
        "github": (checkout.artifacts / "sample-dossiers", checkout.artifacts / "review"),
        "gitlab": (
            checkout.artifacts / "dossiers" / "samples",
            checkout.artifacts / "dossiers" / "review",
        ),
    }[name]
    expected = expected_outputs(all_layouts(), ("fr", "en"), all_formats())
    assert sorted(p.name for p in samples.iterdir()) == sorted([*expected, "manifest.json"])
    summary = (review / "summary.txt").read_text(encoding="utf-8")
    assert "[-d’instruire-] {+d’examiner+}" in summary
    page = (review / "index.html").read_text(encoding="utf-8")
    assert "<del>d’instruire</del> <ins>d’examiner</ins>" in page
    assert 'src="data:image/png;base64,' in page
    if name == "github":
        assert "{+d’examiner+}" in (checkout.artifacts / "step-summary.md").read_text()
