"""What the desk remembers of its builds, inside its folder: the previous build's outputs (for
the comparison page) and each build's outcome (a restarted desk still shows the last one)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.desk.workspace import PREVIOUS_FOLDER, STATE_FOLDER
from dossier.files import locked_folder, write_atomic

__all__ = [
    "STATE_FOLDER",
    "BuildRecord",
    "building",
    "discard_leftovers",
    "keep_previous",
    "read_records",
    "stage_previous",
    "write_record",
]

MANIFEST = "manifest.json"
# The state kept of a build is small; a bigger file is not one the desk wrote.
_LARGEST_RECORD = 1 << 20


def _regular_files(folder: Path) -> list[Path]:
    found = []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    for name in names:
        path = folder / name
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            continue
        if stat.S_ISREG(mode) and not name.startswith("."):
            found.append(path)
    return found


def stage_previous(folder: Path, out: Path) -> Path | None:
    """Set the outputs of the last build aside before a new one (None when ``out`` holds no
    build): :func:`keep_previous` makes them the previous build once the new one succeeded, or
    puts them back.

    Each build of the desk thus starts from an empty output folder and leaves in it one whole
    set of files (a build the command line refuses — "built from other data" — when earlier
    outputs would stay next to new ones cannot happen here). A rename moves them: at every
    moment the files are whole, in one place or the other."""
    if out.is_symlink() or not (out / MANIFEST).is_file():
        return None
    staging = Path(tempfile.mkdtemp(prefix=".dossier-previous-", dir=folder)) / "out"
    os.replace(out, staging)
    return staging


def keep_previous(folder: Path, out: Path, staging: Path | None, succeeded: bool) -> bool:
    """Make ``staging`` the previous build if the build ``succeeded``, else put it back as the
    outputs; True when the folder then holds a previous build to compare with."""
    if staging is None:
        return False
    if not succeeded:
        # A build that stops writes nothing (its writes are atomic): what it may have left is
        # an empty folder and its lock file.
        shutil.rmtree(out, ignore_errors=True)
        os.replace(staging, out)
        shutil.rmtree(staging.parent, ignore_errors=True)
        return False
    previous = folder / PREVIOUS_FOLDER
    # Swapped by renames: at every moment the folder holds a whole previous build or none.
    retired = None
    if previous.exists():
        retired = Path(tempfile.mkdtemp(prefix=".dossier-retired-", dir=folder))
        os.replace(previous, retired / "old")
    os.replace(staging, previous)
    shutil.rmtree(staging.parent, ignore_errors=True)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
    return True


def building(folder: Path, *, create: bool = True) -> contextlib.AbstractContextManager[None]:
    """Hold the folder's build lock (flock on its state folder) or raise ``FolderBusy`` (an
    ``OSError``) at once: two desks started on one folder never build at the same time, nor
    tidy up what the other one's running build set aside. Without ``create``, a folder with no
    state folder yet (no desk ever built there) needs no lock."""
    state = folder / STATE_FOLDER
    if create:
        state.mkdir(mode=0o700, exist_ok=True)
    if state.is_symlink():
        raise NotADirectoryError(state)
    if not state.is_dir():
        return contextlib.nullcontext()
    return locked_folder(state, wait=0)


def discard_leftovers(folder: Path, out: Path) -> None:
    """Tidy what a desk killed during a build left: the outputs it had set aside go back into
    the output folder unless the killed build had finished writing its own (its manifest is
    the last file a build writes); retired previous builds are removed."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for name in names:
        path = folder / name
        if path.is_symlink() or not name.startswith((".dossier-previous-", ".dossier-retired-")):
            continue
        set_aside = path / "out"
        whole = name.startswith(".dossier-previous-") and (set_aside / MANIFEST).is_file()
        if whole and not (out / MANIFEST).is_file():
            shutil.rmtree(out, ignore_errors=True)
            os.replace(set_aside, out)
        shutil.rmtree(path, ignore_errors=True)


@dataclass
class BuildRecord:
    """A build's outcome as kept on disk: plain values, in both languages where they are said."""

    id: str
    workbook: str
    choices: dict[str, Any]
    finished: bool = False
    failure: dict[str, list[str]] = field(default_factory=dict)  # lang → lines
    outputs: list[str] = field(default_factory=list)  # paths relative to the output folder
    checklist: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # lang → items
    compared: bool = False  # a previous build was kept to compare with
    started: float = 0.0

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1, sort_keys=True).encode()


def write_record(folder: Path, record: BuildRecord) -> None:
    """Write ``record`` atomically into the folder's state folder."""
    state = folder / STATE_FOLDER
    state.mkdir(mode=0o700, exist_ok=True)
    if state.is_symlink():  # written through, the record would land outside the folder
        raise NotADirectoryError(state)
    write_atomic(state / f"{record.id}.json", record.to_json())


def _record(path: Path) -> BuildRecord | None:
    """The record in ``path``, or None when it is not one the desk wrote (never an error: a
    damaged state file only means that build is forgotten)."""
    try:
        if os.lstat(path).st_size > _LARGEST_RECORD or path.is_symlink():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        record = BuildRecord(
            id=str(data["id"]),
            workbook=str(data["workbook"]),
            choices=dict(data["choices"]),
            finished=bool(data["finished"]),
            failure={str(k): [str(line) for line in v] for k, v in data["failure"].items()},
            outputs=[str(item) for item in data["outputs"]],
            checklist={
                str(k): [(str(a), str(b)) for a, b in v] for k, v in data["checklist"].items()
            },
            compared=bool(data["compared"]),
            started=float(data["started"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return record if record.id.isalnum() and path.stem == record.id else None


def read_records(folder: Path) -> list[BuildRecord]:
    """The builds the folder remembers, the most recent last."""
    state = folder / STATE_FOLDER
    if state.is_symlink() or not state.is_dir():
        return []
    records = [
        record
        for path in _regular_files(state)
        if path.suffix == ".json" and (record := _record(path)) is not None
    ]
    return sorted(records, key=lambda record: (record.started, record.id))
