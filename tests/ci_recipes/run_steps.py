"""Run the CI recipes of docs/ci.md here: extract the YAML blocks, run their steps as scripts.

    python tests/ci_recipes/run_steps.py github|gitlab [--keep DIR]

The checkout is a copy of the working tree (tracked and untracked files, ignored ones left out)
made into a fresh git repository with two commits: the copy as it is (the base), then one word
changed in the French DDD template (the head), so the review has something to show. GitHub's
`actions/checkout` is that checkout; `actions/upload-artifact` and GitLab's `artifacts:` copy
into a stand-in artifacts folder. `${{ … }}` expressions and GitLab's variables get the values
of a pull (merge) request from the head to the base. Each `run:` step runs as
`bash --noprofile --norc -eo pipefail` (GitHub's `shell: bash`), GitLab's `before_script` and
`script` as one script with `set -eo pipefail`, as the runners do. The `image:` is not used:
the steps run on this machine.

Only the YAML the recipes use is understood (block mappings and lists, `|` scalars, plain and
quoted scalars, `[a, b]`): enough to keep docs/ci.md honest without a YAML library.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "ci.md"
RECIPES = {"github": ".github/workflows/dossiers.yml", "gitlab": ".gitlab-ci.yml"}
#: The change committed on top of the base: one word of the French DDD template.
HEAD_CHANGE = ("templates/fr/ddd.html", "d’instruire les faits", "d’examiner les faits")


# A YAML subset ---------------------------------------------------------------------------------


class YamlError(ValueError):
    pass


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_KEY = re.compile(r"^(?P<key>[^\s'\"#\-{\[][^:#]*?|\"[^\"]*\"|'[^']*'):(?:\s+(?P<rest>.*))?$")


def _scalar(text: str) -> Any:
    text = text.strip()
    if text.startswith('"'):
        return json.loads(text)
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    text = re.sub(r"\s+#.*$", "", text)
    if text.startswith("[") and text.endswith("]"):
        return [_scalar(part) for part in text[1:-1].split(",") if part.strip()]
    if text.startswith("{") and text.endswith("}"):
        pairs = [part.split(":", 1) for part in text[1:-1].split(",") if part.strip()]
        return {key.strip(): _scalar(value) for key, value in pairs}
    return text


class _Parser:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.i = 0

    def _skip(self) -> None:
        while self.i < len(self.lines) and (
            not self.lines[self.i].strip() or self.lines[self.i].lstrip().startswith("#")
        ):
            self.i += 1

    def _is_item(self, line: str) -> bool:
        stripped = line.strip()
        return stripped == "-" or stripped.startswith("- ")

    def parse(self) -> Any:
        self._skip()
        if self.i >= len(self.lines):
            return None
        return self._block(_indent(self.lines[self.i]))

    def _block(self, indent: int) -> Any:
        line = self.lines[self.i]
        return self._list(indent) if self._is_item(line) else self._mapping(indent)

    def _mapping(self, indent: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while True:
            self._skip()
            if self.i >= len(self.lines):
                return result
            line = self.lines[self.i]
            if _indent(line) < indent or (_indent(line) == indent and self._is_item(line)):
                return result
            if _indent(line) > indent:
                raise YamlError(f"line {self.i + 1}: unexpected indentation: {line!r}")
            match = _KEY.match(line.strip())
            if not match:
                raise YamlError(f"line {self.i + 1}: expected `key: value`: {line!r}")
            key = _scalar(match.group("key"))
            self.i += 1
            result[key] = self._value(match.group("rest") or "", indent)

    def _value(self, rest: str, indent: int) -> Any:
        rest = rest.strip()
        if rest in ("|", "|-", "|+", ">", ">-"):
            return self._block_scalar(indent, rest)
        if rest and not rest.startswith("#"):
            return _scalar(rest)
        self._skip()
        if self.i >= len(self.lines):
            return None
        following = self.lines[self.i]
        if _indent(following) > indent:
            return self._block(_indent(following))
        if _indent(following) == indent and self._is_item(following):
            return self._list(indent)
        return None

    def _list(self, indent: int) -> list[Any]:
        items: list[Any] = []
        while True:
            self._skip()
            if self.i >= len(self.lines):
                return items
            line = self.lines[self.i]
            if _indent(line) != indent or not self._is_item(line):
                return items
            content = line.strip()[2:]
            if _KEY.match(content):
                # "- key: value" opens a mapping whose keys line up with "key".
                self.lines[self.i] = " " * (indent + 2) + content
                items.append(self._mapping(indent + 2))
            else:
                self.i += 1
                items.append(self._value(content, indent))

    def _block_scalar(self, indent: int, style: str) -> str:
        lines: list[str] = []
        block_indent: int | None = None
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if line.strip() and _indent(line) <= indent:
                break
            if line.strip() and block_indent is None:
                block_indent = _indent(line)
            lines.append(line[block_indent or 0 :] if line.strip() else "")
            self.i += 1
        while lines and not lines[-1]:
            lines.pop()
        text = " ".join(lines) if style.startswith(">") else "\n".join(lines)
        return text if style.endswith("-") else text + "\n"


def parse_yaml(text: str) -> Any:
    return _Parser(text).parse()


# The recipes in docs/ci.md ---------------------------------------------------------------------


def recipe(name: str, doc: Path = DOC) -> dict[str, Any]:
    """The YAML block of docs/ci.md whose first line is ``# <file name of the recipe>``."""
    blocks = re.findall(r"^```yaml\n(.*?)^```", doc.read_text(encoding="utf-8"), re.M | re.S)
    for block in blocks:
        if block.startswith(f"# {RECIPES[name]}\n"):
            parsed = parse_yaml(block)
            assert isinstance(parsed, dict)
            return parsed
    raise LookupError(f"{doc}: no YAML block starting with '# {RECIPES[name]}'")


@dataclass
class Checkout:
    path: Path
    base: str
    head: str
    artifacts: Path


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args], check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def make_checkout(workspace: Path) -> Checkout:
    """A fresh repository holding the working tree as the base commit and one change on top."""
    path = workspace / "checkout"
    path.mkdir(parents=True)
    names = _git(REPO, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    for name in filter(None, names):
        source = REPO / name
        if source.is_file() and not source.is_symlink():
            (path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, path / name)
    identity = ["-c", "user.name=CI recipe", "-c", "user.email=ci@example.org"]
    _git(path, "init", "-q", "-b", "main")
    _git(path, "add", "-A")
    _git(path, *identity, "commit", "-q", "-m", "base")
    base = _git(path, "rev-parse", "HEAD")
    template, before, after = HEAD_CHANGE
    text = (path / template).read_text(encoding="utf-8")
    assert before in text, f"{template} no longer says {before!r}: update HEAD_CHANGE"
    (path / template).write_text(text.replace(before, after, 1), encoding="utf-8")
    _git(path, *identity, "commit", "-q", "-am", "head: one word of a template")
    head = _git(path, "rev-parse", "HEAD")
    artifacts = workspace / "artifacts"
    artifacts.mkdir()
    return Checkout(path, base, head, artifacts)


def _run_script(script: str, cwd: Path, env: dict[str, str], flags: list[str]) -> int:
    with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as handle:
        handle.write(script)
    try:
        print(f"$ {script.strip()}", flush=True)
        return subprocess.run(["bash", *flags, handle.name], cwd=cwd, env=env).returncode
    finally:
        os.unlink(handle.name)


def _copy_artifact(checkout: Checkout, name: str, paths: list[str], *, github: bool) -> None:
    target = checkout.artifacts / name
    if github and len(paths) == 1 and (checkout.path / paths[0]).is_dir():
        # upload-artifact keeps paths below the folders' common ancestor: one folder's files
        # are at the top of the artifact.
        shutil.copytree(checkout.path / paths[0], target, dirs_exist_ok=True)
        return
    for relative in paths:
        source = checkout.path / relative
        if source.is_dir():
            shutil.copytree(source, target / relative.rstrip("/"), dirs_exist_ok=True)
        elif source.is_file():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / relative)
        else:
            print(f"warning: artifact path {relative} not found", flush=True)


def _base_env(checkout: Checkout) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("VIRTUAL_ENV")}
    env.update({"CI": "true", "HOME": env.get("HOME", "/root")})
    # The tests' own interpreter must not leak into the recipes' virtual environments.
    env.pop("PYTHONPATH", None)
    return env


def _github_value(expression: str, context: dict[str, str]) -> str:
    for alternative in expression.split("||"):
        name = alternative.strip()
        if name not in context:
            raise YamlError(f"unknown expression in the GitHub recipe: {name}")
        if context[name]:
            return context[name]
    return ""


def _github_env(mapping: dict[str, Any] | None, context: dict[str, str]) -> dict[str, str]:
    return {
        key: re.sub(r"\$\{\{(.*?)\}\}", lambda m: _github_value(m.group(1), context), str(value))
        for key, value in (mapping or {}).items()
    }


def run_github(checkout: Checkout) -> int:
    workflow = recipe("github")
    context = {
        "github.event.pull_request.base.sha": checkout.base,
        "github.event.before": checkout.base,
        "github.sha": checkout.head,
        "github.workspace": str(checkout.path),
    }
    summary = checkout.artifacts / "step-summary.md"
    env = _base_env(checkout)
    env.update(
        {
            "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_WORKSPACE": str(checkout.path),
            "GITHUB_SHA": checkout.head,
            "GITHUB_STEP_SUMMARY": str(summary),
            "RUNNER_TEMP": tempfile.mkdtemp(prefix="runner-temp-"),
        }
    )
    env.update(_github_env(workflow.get("env"), context))
    failed = 0
    for job_name, job in workflow["jobs"].items():
        job_env = {**env, **_github_env(job.get("env"), context)}
        for number, step in enumerate(job["steps"], start=1):
            condition = str(step.get("if", "success()")).strip()
            if condition not in ("always()", "success()"):
                raise YamlError(f"{job_name} step {number}: condition not understood: {condition}")
            if failed and condition != "always()":
                continue
            uses = str(step.get("uses", ""))
            print(f"--- {job_name} step {number}: {step.get('name', uses)}", flush=True)
            if uses.startswith("actions/checkout@"):
                continue
            if uses.startswith("actions/upload-artifact@"):
                settings = step.get("with", {})
                paths = str(settings["path"]).split()
                _copy_artifact(checkout, settings["name"], paths, github=True)
                continue
            if uses:
                raise YamlError(f"{job_name} step {number}: action not emulated: {uses}")
            step_env = {**job_env, **_github_env(step.get("env"), context)}
            code = _run_script(
                step["run"], checkout.path, step_env, ["--noprofile", "--norc", "-eo", "pipefail"]
            )
            if code:
                print(f"--- step {number} failed with exit code {code}", flush=True)
                failed = failed or code
    return failed


def run_gitlab(checkout: Checkout) -> int:
    pipeline = recipe("gitlab")
    env = _base_env(checkout)
    env.update(
        {
            "GITLAB_CI": "true",
            "CI_PROJECT_DIR": str(checkout.path),
            "CI_PIPELINE_SOURCE": "merge_request_event",
            "CI_DEFAULT_BRANCH": "main",
            "CI_COMMIT_SHA": checkout.head,
            "CI_COMMIT_BEFORE_SHA": "0" * 40,
            "CI_MERGE_REQUEST_DIFF_BASE_SHA": checkout.base,
        }
    )
    failed = 0
    for job_name, job in pipeline.items():
        if not isinstance(job, dict) or "script" not in job:
            continue
        job_env = {**env, **{key: str(value) for key, value in job.get("variables", {}).items()}}
        lines = [*job.get("before_script", []), *job["script"]]
        print(f"--- {job_name}", flush=True)
        code = _run_script(
            "set -eo pipefail\n" + "\n".join(lines) + "\n", checkout.path, job_env, []
        )
        failed = failed or code
        artifacts = job.get("artifacts", {})
        if artifacts and (not code or artifacts.get("when") in ("always", "on_failure")):
            _copy_artifact(checkout, job_name, list(artifacts.get("paths", [])), github=False)
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("recipe", choices=sorted(RECIPES))
    parser.add_argument("--keep", type=Path, help="workspace to keep (default: a temporary one)")
    options = parser.parse_args(argv)
    workspace = options.keep or Path(tempfile.mkdtemp(prefix="ci-recipe-"))
    checkout = make_checkout(workspace)
    print(f"checkout: {checkout.path} (base {checkout.base[:8]}, head {checkout.head[:8]})")
    code = run_github(checkout) if options.recipe == "github" else run_gitlab(checkout)
    print(f"artifacts: {checkout.artifacts}; exit code {code}")
    if options.keep is None:
        shutil.rmtree(workspace, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
