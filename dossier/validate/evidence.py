"""Evidence files: the path a row gives, resolved inside the evidence folder, and their SHA-256."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dossier.files import sha256_file
from dossier.input.problems import Severity
from dossier.schema.timecodes import parse_timecode
from dossier.validate.cells import CellError


def resolve_evidence_path(folder: Path, relative: str) -> Path | None:
    """The file a relative evidence path names, or None if it leaves the folder (links included)."""
    # People type evidence paths on Windows too: "photos\\tente.jpg" means photos/tente.jpg.
    # "\\\\server\\share" (a network path) thus starts with "/" and is refused.
    relative = relative.replace("\\", "/")
    if "\x00" in relative:
        return None
    candidate = Path(relative)
    if candidate.is_absolute() or relative.startswith("/") or ":" in relative:
        return None
    try:
        root = folder.resolve()
        resolved = (root / candidate).resolve()
    except (OSError, RuntimeError):  # a loop of links, a name the system refuses
        return None
    if resolved != root and root not in resolved.parents:
        return None
    return resolved


class EvidenceChanged(OSError):
    """The evidence file is no longer the regular file inside the folder that was checked."""


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NON_BLOCKING = getattr(os, "O_NONBLOCK", 0)
# Walking a path name by name needs O_NOFOLLOW and open() relative to a folder (POSIX).
_CAN_WALK = bool(_NO_FOLLOW) and os.open in os.supports_dir_fd


def sha256_evidence(folder: Path, target: Path) -> str:
    """The SHA-256 of an evidence file that :func:`resolve_evidence_path` placed in ``folder``.

    ``target`` was resolved a moment ago; a link swapped in since (inside or above it) could make
    a plain open read a file outside the folder. So the path is walked again from the folder,
    one name at a time, following no link (O_NOFOLLOW), and only a regular file is read (a pipe
    or a device would block or never end). Raises :class:`EvidenceChanged` or OSError.
    """
    root = folder.resolve()
    parts = target.relative_to(root).parts
    if not parts:
        raise EvidenceChanged(errno.EISDIR, "not a file")
    if not _CAN_WALK:  # pragma: no cover - not POSIX
        return sha256_file(target)
    descriptor = os.open(root, os.O_RDONLY | _DIRECTORY)
    try:
        for name in parts[:-1]:
            try:
                inner = os.open(name, os.O_RDONLY | _DIRECTORY | _NO_FOLLOW, dir_fd=descriptor)
            except OSError as error:
                if error.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise EvidenceChanged(error.errno, "a folder became a link") from None
                raise
            os.close(descriptor)
            descriptor = inner
        try:
            handle = os.open(parts[-1], os.O_RDONLY | _NO_FOLLOW | _NON_BLOCKING, dir_fd=descriptor)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise EvidenceChanged(error.errno, "the file became a link") from None
            raise
    finally:
        os.close(descriptor)
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise EvidenceChanged(errno.EINVAL, "not a regular file")
        digest = hashlib.sha256()
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def evidence_error(error: OSError, relative: str, folder: str) -> CellError:
    if isinstance(error, EvidenceChanged):
        return CellError("evidence_path_escapes", relative, folder=folder)
    if isinstance(error, FileNotFoundError):
        return CellError("evidence_file_missing", relative, folder=folder)
    reason = error.strerror or type(error).__name__
    return CellError("evidence_unreadable", relative, reason=reason)


def piece_number_problems(
    rows: Iterable[Any], *, has_column: bool
) -> Iterator[tuple[Any, str, CellError, Severity]]:
    """(row, field, error, severity) for the evidence rows' pièce numbers and timecodes.

    Pièce numbers stay what was sent: each used once, from 1; once some are recorded, a pièce
    without one is pointed out (it takes the next free number, unrecorded); a video's
    timecodes must be times (h:mm:ss or m:ss). ``rows`` are the validator's rows (``get``,
    ``number``, ``failed``); ``has_column`` says whether the sheet has a pièce number column.
    """
    rows = list(rows)
    first_row: dict[int, int] = {}
    numbered = [row for row in rows if row.get("piece_number") is not None]
    for row in numbered:
        number = row.get("piece_number")
        if number < 1:
            yield row, "piece_number", CellError("piece_number_zero", str(number)), Severity.ERROR
        elif number in first_row:
            duplicate = CellError(
                "piece_number_duplicate", str(number), other_row=str(first_row[number])
            )
            yield row, "piece_number", duplicate, Severity.ERROR
        else:
            first_row[number] = row.number
    if numbered and has_column:
        highest = str(max(first_row, default=0))
        for row in rows:
            if row.get("piece_number") is None and not row.failed:
                missing = CellError("piece_number_missing", None, highest=highest)
                yield row, "piece_number", missing, Severity.WARNING
    for row in rows:
        for text in row.get("timecodes") or ():
            if parse_timecode(text) is None:
                yield row, "timecodes", CellError("timecode_invalid", text), Severity.ERROR
                break
