"""`dossier verify`: re-check a built dossier folder against the fingerprints of its manifest."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.build.pipeline import MANIFEST_NAME
from dossier.errors import UsageError
from dossier.files import sha256_file
from dossier.i18n.catalog import N_
from dossier.i18n.messages import message
from dossier.i18n.printable import printable
from dossier.validate.evidence import resolve_evidence_path


class VerifyUsageError(UsageError):
    """The folder or its manifest cannot be read at all."""


# What each discrepancy is called: (status, kind) → key.
_SAID = {
    ("changed", "output"): N_("verify.changed_output"),
    ("changed", "exhibit"): N_("verify.changed_exhibit"),
    ("changed", "input"): N_("verify.changed_input"),
    ("missing", "output"): N_("verify.missing_output"),
    ("missing", "exhibit"): N_("verify.missing_exhibit"),
    ("missing", "input"): N_("verify.missing_input"),
    ("added", "output"): N_("verify.added_output"),
    ("link", "output"): N_("verify.link_output"),
    ("link", "exhibit"): N_("verify.link_exhibit"),
    ("link", "input"): N_("verify.link_input"),
}


@dataclass(frozen=True)
class Discrepancy:
    """One file that is not what the manifest says; ``str()`` says it in English."""

    status: str  # changed / missing / added / link
    kind: str  # output / exhibit / input
    path: str
    expected: str | None = None
    found: str | None = None

    def text(self, lang: str) -> str:
        key = _SAID[(self.status, self.kind)]
        # A file name in a received folder is anyone's: made printable before it is echoed.
        path = printable(self.path)
        return message(key, lang, path=path, expected=self.expected, found=self.found)

    def __str__(self) -> str:
        return self.text("en")


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
    # A link named like an output could lead anywhere (/etc/shadow): reported, never read.
    if file is not None and file.is_symlink():
        return Discrepancy("link", kind, shown)
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
    # Every file under the folder is accounted for: hidden files, subfolders and links too.
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if relative in listed or (path.is_dir() and not path.is_symlink() and any(path.iterdir())):
            continue
        if path.is_symlink():
            found.append(Discrepancy("link", "output", relative))
        else:
            found.append(Discrepancy("added", "output", relative + ("/" if path.is_dir() else "")))
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
