"""Atomic, deterministic writes: a file is either the old one or the complete new one."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds into one folder are not serialised
    fcntl = None  # type: ignore[assignment]

#: How long a build waits for another build writing into the same folder to finish.
LOCK_WAIT_SECONDS = 60.0

# The temporary a write goes through: ".ddd-fr.pdf.k3j_x0a9.part" beside "ddd-fr.pdf". Hidden
# (leading dot) and marked unfinished (".part"), so nobody takes it for an output; a killed
# build can leave one, which the next build into the folder removes.
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.part$")


class FolderBusy(OSError):
    """Another build holds the output folder for longer than :data:`LOCK_WAIT_SECONDS`."""


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, read a block at a time: how every fingerprint of dossier is taken
    (evidence files, inputs, outputs, the cache's own files)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def temporary_target(name: str) -> str | None:
    """The file a temporary of :func:`write_atomic` stands for, or None if ``name`` is not one."""
    match = _TEMPORARY.match(name)
    return match["name"] if match else None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _write_temporary(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


#: What a file's contents may be: bytes, or a file to copy them from (a large joined PDF
#: waits on disk rather than in memory).
Contents = bytes | Path


def write_files(
    folder: Path,
    files: Sequence[tuple[str, Contents | Callable[[], bytes]]],
    *,
    stale: Callable[[str], bool] = lambda _name: False,
) -> None:
    """Write ``files`` (name, bytes or a file to copy) into ``folder``, all or — as far as a
    file system allows — nothing, holding the folder's lock. Contents given as a function are
    made under the lock (a manifest that says what the folder holds once written).

    1. Lock the folder: a second build into it waits (up to LOCK_WAIT_SECONDS) until this one
       has written everything, so their files never mix.
    2. Remove the temporaries a killed build left for a name ``stale`` accepts.
    3. Write each file to a temporary beside it and flush it to the disk.
    4. Rename the temporaries over the files, in order (put the manifest last), and flush the
       folder. Each rename is atomic: a reader sees the old file or the new one, never a part.

    A failure in 1–3 (a full disk, a template that failed earlier never gets here) leaves every
    previous file untouched and no temporary. A kill during 4, a few milliseconds, leaves each
    file whole, old or new, and the next build puts everything right.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with locked_folder(folder):
        remove_stale_temporaries(folder, stale)
        written: list[tuple[str, Path]] = []
        try:
            for name, data in files:
                contents = data() if callable(data) else data
                written.append((name, _write_temporary(folder / name, contents)))
        except BaseException:
            for _name, temporary in written:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)
            raise
        for index, (name, temporary) in enumerate(written):
            try:
                os.replace(temporary, folder / name)
            except BaseException:
                for _name, left in written[index:]:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(left)
                raise
        _sync_folder(folder)


def remove_stale_temporaries(folder: Path, stale: Callable[[str], bool]) -> list[str]:
    """Delete the temporaries left in ``folder`` for the names ``stale`` accepts; return them.

    Call it only holding the folder's lock, or a live build's temporaries could go.
    """
    removed = []
    with os.scandir(folder) as entries:
        for entry in entries:
            target = temporary_target(entry.name)
            if target is not None and stale(target) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                removed.append(entry.name)
    return sorted(removed)


@contextlib.contextmanager
def locked_folder(folder: Path, wait: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` itself (flock on the directory: no lock file to
    leave behind). Raises :class:`FolderBusy` after ``wait`` seconds (LOCK_WAIT_SECONDS).

    File systems without flock (some network ones) are written unlocked.
    """
    if fcntl is None:  # pragma: no cover
        yield
        return
    wait = LOCK_WAIT_SECONDS if wait is None else wait
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise FolderBusy(
                        errno.EBUSY,
                        f"another dossier build is writing into it (waited {wait:.0f} s)",
                    ) from None
                time.sleep(0.05)
            except OSError as error:
                if error.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                    break  # no locks here: go on unlocked
                raise
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


#: How much of a file is copied at a time.
_COPY_BLOCK = 1 << 20


def _blocks(data: Contents) -> Iterator[bytes]:
    if isinstance(data, bytes):
        yield data
        return
    with data.open("rb") as source:
        while block := source.read(_COPY_BLOCK):
            yield block


def _write_temporary(path: Path, data: Contents) -> Path:
    """Write ``data`` (or the file it names) to a new temporary beside ``path``, flushed to the
    disk; return its path."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    temporary = Path(name)
    try:
        try:
            for block in _blocks(data):
                view = memoryview(block)
                while view:
                    # os.write, not a buffered file: a short write or ENOSPC surfaces here,
                    # and tests can make the disk "full".
                    view = view[os.write(handle, view) :]
            os.fsync(handle)
        finally:
            os.close(handle)
        os.chmod(temporary, 0o644)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return temporary


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entries (the renames) to the disk, where the system allows it."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
