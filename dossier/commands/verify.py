"""`dossier verify`: re-check a built dossier folder against the fingerprints of its manifest."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.build.pipeline import MANIFEST_NAME
from dossier.errors import UsageError
from dossier.validate.rows import resolve_evidence_path, sha256_file


class VerifyUsageError(UsageError):
    """The folder or its manifest cannot be read at all."""


@dataclass(frozen=True)
class Discrepancy:
    """One file that is not what the manifest says."""

    status: str  # changed / missing / added
    kind: str  # output / exhibit / input
    path: str
    expected: str | None = None
    found: str | None = None

    def __str__(self) -> str:
        line = f"{self.status}: {self.kind} {self.path}"
        if self.status == "changed":
            line += f" (manifest {self.expected}, file {self.found})"
        return line


@dataclass
class Verification:
    discrepancies: list[Discrepancy]
    checked: int
    unchecked_exhibits: int
    unchecked_inputs: int

    @property
    def ok(self) -> bool:
        return not self.discrepancies


def _load_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST_NAME
    if not folder.is_dir():
        raise VerifyUsageError("verify.no_folder", folder=folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VerifyUsageError("verify.no_manifest", file=path) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise VerifyUsageError("verify.manifest_unreadable", file=path, reason=str(error)) from None
    if not isinstance(data, dict) or not isinstance(data.get("outputs"), list):
        raise VerifyUsageError("verify.not_a_manifest", file=path)
    return data


def _check(kind: str, shown: str, file: Path | None, expected: str) -> Discrepancy | None:
    if file is None or not file.is_file():
        return Discrepancy("missing", kind, shown)
    found = sha256_file(file)
    if found != expected:
        return Discrepancy("changed", kind, shown, expected, found)
    return None


def verify_folder(
    folder: Path, *, evidence_dir: Path | None = None, inputs_dir: Path | None = None
) -> Verification:
    """Compare every output (and, when their folders are given, every exhibit and input) with
    the SHA-256 the manifest recorded; also list files of the folder the manifest doesn't know.
    """
    manifest = _load_manifest(folder)
    found: list[Discrepancy] = []
    checked = 0
    listed = {MANIFEST_NAME}
    for entry in manifest["outputs"]:
        name = str(entry.get("path", ""))
        listed.add(name)
        # Output names are plain file names; anything else is refused rather than followed.
        target = folder / name if name and "/" not in name and "\\" not in name else None
        problem = _check("output", name, target, str(entry.get("sha256")))
        checked += 1
        if problem:
            found.append(problem)
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name not in listed and not path.name.startswith("."):
            found.append(Discrepancy("added", "output", path.name))
    unchecked_exhibits = 0
    for entry in manifest.get("exhibits", []):
        relative, expected = entry.get("file"), entry.get("sha256")
        if not relative or not expected:
            continue
        if evidence_dir is None:
            unchecked_exhibits += 1
            continue
        target = resolve_evidence_path(evidence_dir, str(relative))
        problem = _check("exhibit", str(relative), target, str(expected))
        checked += 1
        if problem:
            found.append(problem)
    unchecked_inputs = 0
    for entry in manifest.get("inputs", []):
        relative = str(entry.get("path", ""))
        if inputs_dir is None:
            unchecked_inputs += 1
            continue
        target = resolve_evidence_path(inputs_dir, relative)
        problem = _check("input", relative, target, str(entry.get("sha256")))
        checked += 1
        if problem:
            found.append(problem)
    return Verification(found, checked, unchecked_exhibits, unchecked_inputs)
