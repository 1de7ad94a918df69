"""The desk's folder: the workbooks in it, uploads saved into it, the files a build wrote there."""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from dossier.errors import DossierError
from dossier.files import write_atomic
from dossier.input.config import CONFIG_FILE_NAME

__all__ = ["MAX_UPLOAD", "DeskRefusal", "Workspace", "safe_name"]

#: The largest workbook the desk accepts, in bytes (a year of a busy group's log is < 5 MB).
MAX_UPLOAD = 50 << 20
#: What the desk offers to validate: the workbook formats `dossier build` reads.
WORKBOOK_SUFFIXES = (".xlsx", ".ods", ".csv")
#: The signing keys the desk offers: PKCS#12 files, as `dossier build --sign` reads.
CERTIFICATE_SUFFIXES = (".p12", ".pfx")
#: The folder the desk's builds write into, inside the desk's folder.
OUTPUT_FOLDER = "out"
#: The render cache of the desk's builds: kept inside the folder, like everything else.
CACHE_FOLDER = ".dossier-cache"
#: The previous build's outputs, kept to compare the next build with (dossier.desk.history).
PREVIOUS_FOLDER = ".dossier-previous"
#: One JSON file per build: what it was asked and how it ended (dossier.desk.history).
STATE_FOLDER = ".dossier-desk"
# Letters (any script), digits, and a few marks are kept in a file name; anything else is "_".
_UNSAFE = re.compile(r"[^\w.\- ()]+")
_LONGEST_NAME = 120


class DeskRefusal(DossierError):
    """A request the desk refuses, with the HTTP status it answers with."""

    def __init__(self, key: str, /, status: int = 400, **params: object) -> None:
        super().__init__(key, **params)
        self.status = status


def safe_name(name: str) -> str:
    """``name`` as a file name in the folder: no folder part, no leading dot, nothing but
    letters, digits and ``. - _ ( )`` and spaces; raises :class:`DeskRefusal` if nothing is left."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    cleaned = _UNSAFE.sub("_", base).strip(" .")
    stem, dot, suffix = cleaned.rpartition(".")
    if dot and len(cleaned) > _LONGEST_NAME:
        cleaned = stem[: _LONGEST_NAME - len(suffix) - 1] + "." + suffix
    if not cleaned or not stem.strip(" ._"):
        raise DeskRefusal("desk.bad_name", name=name)
    return cleaned


def _regular_file(path: Path) -> bool:
    """A regular file, not a link (a link could lead out of the folder)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


@dataclass(frozen=True)
class Workspace:
    """The one folder the desk reads and writes: workbooks, mapping files, config, outputs."""

    folder: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "folder", self.folder.resolve())

    @property
    def config_path(self) -> Path:
        return self.folder / CONFIG_FILE_NAME

    @property
    def out(self) -> Path:
        return self.folder / OUTPUT_FOLDER

    @property
    def previous(self) -> Path:
        """The outputs as they were before the last build (see dossier.desk.history)."""
        return self.folder / PREVIOUS_FOLDER

    @property
    def cache(self) -> Path:
        return self.folder / CACHE_FOLDER

    @property
    def state(self) -> Path:
        return self.folder / STATE_FOLDER

    def own_folders(self) -> None:
        """Refuse to go on when a folder the desk writes into (outputs, previous build, build
        state, render cache) is a link or not a folder: its writes — complete dossiers, the
        identity annex — would land wherever the link leads, outside the working folder."""
        for path in (self.out, self.previous, self.state, self.cache):
            if os.path.lexists(path) and (path.is_symlink() or not path.is_dir()):
                raise DeskRefusal("desk.not_in_folder", status=409, name=path)

    def _files_ending(self, suffixes: tuple[str, ...]) -> list[str]:
        """The names of the regular files of the folder itself (not of its subfolders, not
        hidden, not links) whose name ends with one of ``suffixes``, sorted."""
        try:
            entries = sorted(os.listdir(self.folder))
        except OSError:
            return []
        return [
            name
            for name in entries
            if name.lower().endswith(suffixes)
            and not name.startswith(".")
            and _regular_file(self.folder / name)
        ]

    def workbooks(self) -> list[str]:
        """The names of the workbooks in the folder (not in its subfolders), sorted."""
        return self._files_ending(WORKBOOK_SUFFIXES)

    def workbook(self, name: str) -> Path:
        """The workbook ``name`` of the folder; anything else (a path, a link) is refused."""
        if name not in self.workbooks():
            raise DeskRefusal("desk.not_in_folder", status=404, name=name)
        return self.folder / name

    def certificates(self) -> list[str]:
        """The names of the PKCS#12 files in the folder (not in its subfolders), sorted."""
        return self._files_ending(CERTIFICATE_SUFFIXES)

    def certificate(self, name: str) -> Path:
        """The PKCS#12 file ``name`` of the folder; anything else is refused."""
        if name not in self.certificates():
            raise DeskRefusal("desk.not_in_folder", status=404, name=name)
        return self.folder / name

    def mapping_path(self, name: str) -> Path:
        """The mapping file of workbook ``name``: beside it, named after it."""
        return self.folder / f"{Path(name).stem}.mapping.toml"

    def save_upload(self, filename: str, data: bytes, limit: int = MAX_UPLOAD) -> str:
        """Write an uploaded workbook into the folder, atomically; return its name there."""
        name = safe_name(filename)
        if not name.lower().endswith(WORKBOOK_SUFFIXES):
            raise DeskRefusal(
                "desk.not_a_workbook", status=415, name=name, allowed=", ".join(WORKBOOK_SUFFIXES)
            )
        if len(data) > limit:
            raise DeskRefusal("desk.too_large", status=413, size=limit >> 20)
        target = self.folder / name
        if os.path.lexists(target) and not _regular_file(target):
            raise DeskRefusal("desk.not_in_folder", status=409, name=name)
        write_atomic(target, data)
        return name

    def outputs(self) -> list[str]:
        """The files under the output folder (links not followed), as paths relative to it."""
        found: list[str] = []
        if not self.out.is_dir() or self.out.is_symlink():
            return found
        for folder, subfolders, files in os.walk(self.out):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in sorted(files):
                path = Path(folder) / name
                if not name.startswith(".") and _regular_file(path):
                    found.append(path.relative_to(self.out).as_posix())
        return found

    def output_file(self, relative: str) -> Path:
        """The output file at ``relative`` under the output folder; refused anywhere else."""
        if relative not in self.outputs():
            raise DeskRefusal("desk.not_in_folder", status=404, name=relative)
        return self.out / relative
