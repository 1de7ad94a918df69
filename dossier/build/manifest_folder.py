"""One manifest for everything an output folder holds, across successive builds into it.

A build writes the outputs it was asked for; a folder may already hold others, from an earlier
build of other languages, layouts or formats (``--lang fr`` then ``--lang en``). The manifest
the build writes lists its own outputs and carries over the earlier manifest's entries whose
files are still there and unchanged (same SHA-256, a regular file, not a link), so that
``dossier verify`` vouches for the whole folder.

Two kinds of earlier outputs are never carried over silently; the build refuses instead,
before anything is rendered and again under the folder's lock, saying to build elsewhere:

* outputs for another audience than this build's: a folder is what gets sent, and a ``public``
  report beside a ``ddd`` dossier is how a confidential edition reaches the wrong readers;
* outputs built from other inputs (the workbook or config changed since): the manifest names
  one set of inputs, and would claim the old outputs came from the new ones.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from dossier.errors import BuildError
from dossier.files import sha256_file

__all__ = ["EditionsMix", "carried_outputs", "merge_manifest", "previous_manifest"]


class EditionsMix(BuildError):
    """The output folder holds editions this build must not be listed with."""


def previous_manifest(folder: Path, name: str) -> dict[str, Any] | None:
    """The manifest ``name`` already in ``folder``, or None (none, unreadable, not one)."""
    try:
        descriptor = os.open(folder / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        try:
            data = json.loads(handle.read().decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return None
    if not isinstance(data, dict) or not isinstance(data.get("outputs"), list):
        return None
    return data


def _unchanged(folder: Path, entry: Mapping[str, Any]) -> bool:
    """Whether the output ``entry`` names is in ``folder`` as a regular file with its SHA-256."""
    name = entry.get("path")
    if not isinstance(name, str) or not name or "/" in name or "\\" in name or name[0] == ".":
        return False
    path = folder / name
    with contextlib.suppress(OSError):
        if stat.S_ISREG(os.lstat(path).st_mode):
            return sha256_file(path) == entry.get("sha256")
    return False


def _inputs(entries: object) -> list[tuple[str, str]]:
    if not isinstance(entries, list):
        return []
    return sorted(
        (str(entry.get("path")), str(entry.get("sha256")))
        for entry in entries
        if isinstance(entry, dict)
    )


def carried_outputs(
    folder: Path,
    previous: Mapping[str, Any] | None,
    outputs: Sequence[Mapping[str, Any]],
    inputs: Sequence[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """The entries of ``previous`` (the folder's manifest) to list again beside ``outputs``
    (this build's, by name and audience) built from ``inputs``: those whose file is still
    there, unchanged, and not about to be replaced. Raises :class:`EditionsMix` when one of
    them is for another audience, or was built from other inputs."""
    if previous is None:
        return []
    names = {str(output["path"]) for output in outputs}
    audiences = sorted({str(output["audience"]) for output in outputs})
    carried = [
        dict(entry)
        for entry in previous.get("outputs", [])
        if isinstance(entry, dict) and entry.get("path") not in names and _unchanged(folder, entry)
    ]
    if not carried:
        return []
    listed = ", ".join(str(entry["path"]) for entry in carried)
    others = sorted({str(entry.get("audience")) for entry in carried} - set(audiences))
    if others:
        raise EditionsMix(
            "build.editions_mix",
            folder=folder,
            outputs=listed,
            found=", ".join(others),
            audience=", ".join(audiences),
        )
    if _inputs(previous.get("inputs")) != _inputs(list(inputs)):
        raise EditionsMix("build.editions_other_inputs", folder=folder, outputs=listed)
    return carried


def merge_manifest(folder: Path, name: str, manifest: Mapping[str, Any]) -> dict[str, Any]:
    """``manifest`` (this build's) with what the folder's earlier manifest ``name`` says of
    the outputs still there (see :func:`carried_outputs`) and of the exhibits they show."""
    previous = previous_manifest(folder, name)
    merged = dict(manifest)
    carried = carried_outputs(folder, previous, manifest["outputs"], manifest["inputs"])
    if not carried or previous is None:
        return merged
    merged["outputs"] = sorted([*manifest["outputs"], *carried], key=lambda entry: entry["path"])
    merged["exhibits"] = _union_by_id(manifest.get("exhibits", []), previous.get("exhibits", []))
    return merged


def _union_by_id(
    ours: Iterable[Mapping[str, Any]], theirs: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The exhibits of both lists, this build's entry where both hold one, sorted by id."""
    exhibits: dict[str, dict[str, Any]] = {}
    for entry in ours:
        exhibits[str(entry.get("id"))] = dict(entry)
    for entry in theirs if isinstance(theirs, list) else []:
        if isinstance(entry, dict):
            exhibits.setdefault(str(entry.get("id")), dict(entry))
    return [exhibits[key] for key in sorted(exhibits)]
