"""The files a template pack provides, read inside the pack's real folder and never through a link.

A pack is a folder an editor gives with ``--templates`` (or the built-in templates): templates
(``*.html``), ``assets/``, ``labels/`` and ``reference.docx``. Packs are exchanged between
groups, so a pack is not trusted to point elsewhere: a symbolic link anywhere below the pack's
folder (the ``assets`` folder itself included) is refused, and every file is opened by walking
its path one name at a time with ``O_NOFOLLOW``, so that a link swapped in after a check is not
followed either. Only regular files are read (a pipe or a device would hang or never end).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

import jinja2

from dossier.errors import DossierError
from dossier.i18n.catalog import N_
from dossier.i18n.messages import Message

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NON_BLOCKING = getattr(os, "O_NONBLOCK", 0)
# Walking a path name by name needs O_NOFOLLOW and open() relative to a folder (POSIX).
_CAN_WALK = bool(_NO_FOLLOW) and os.open in os.supports_dir_fd

#: The folders and files of a pack a build reads, besides templates anywhere in it.
PACK_FOLDERS = ("fr", "en", "assets", "labels")
REFERENCE_NAME = "reference.docx"
#: A pack folder holding more entries than this is not searched further for links (the loaders
#: and the fetcher still refuse every link they meet).
MAX_PACK_ENTRIES = 20_000


class PackFileRefused(DossierError, jinja2.TemplateRuntimeError):
    """A file or folder of a template pack is a symbolic link, or not a regular file.

    A :class:`jinja2.TemplateRuntimeError` too, so that a template including such a file is
    reported at the line of its ``{% include %}``.
    """

    def __init__(self, reason_key: str, path: Path) -> None:
        self.reason = Message(reason_key)
        DossierError.__init__(self, N_("pack.refused"), file=path, reason=self.reason)
        self.path = path


def _refuse_link(path: Path) -> PackFileRefused:
    return PackFileRefused(N_("pack.link"), path)


def _refuse_special(path: Path) -> PackFileRefused:
    return PackFileRefused(N_("pack.not_regular"), path)


def _open_folder(base: Path, parts: Sequence[str]) -> int:
    """A descriptor of ``base/parts…``: ``base`` as given (the user's own path), every name
    below it opened without following a link. Raises FileNotFoundError, NotADirectoryError
    or :class:`PackFileRefused`."""
    descriptor = os.open(base, os.O_RDONLY | _DIRECTORY)
    walked = base
    try:
        for name in parts:
            walked = walked / name
            try:
                inner = os.open(name, os.O_RDONLY | _DIRECTORY | _NO_FOLLOW, dir_fd=descriptor)
            except OSError as error:
                if error.errno in (errno.ELOOP, errno.ENOTDIR):
                    kind = os.lstat(name, dir_fd=descriptor).st_mode
                    if stat.S_ISLNK(kind):
                        raise _refuse_link(walked) from None
                    raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(walked)) from None
                raise
            os.close(descriptor)
            descriptor = inner
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def read_pack_file(base: Path, parts: Sequence[str]) -> bytes:
    """The bytes of the regular file ``base/parts…``, no link followed below ``base``.

    Raises FileNotFoundError (or NotADirectoryError) when there is no such file, and
    :class:`PackFileRefused` when a name on the way is a link or the file is not a regular
    file.
    """
    if not parts:
        raise IsADirectoryError(errno.EISDIR, "not a file", str(base))
    path = base.joinpath(*parts)
    if not _CAN_WALK:  # pragma: no cover - not POSIX
        if any(base.joinpath(*parts[: index + 1]).is_symlink() for index in range(len(parts))):
            raise _refuse_link(path)
        return path.read_bytes()
    folder = _open_folder(base, parts[:-1])
    try:
        try:
            handle = os.open(parts[-1], os.O_RDONLY | _NO_FOLLOW | _NON_BLOCKING, dir_fd=folder)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise _refuse_link(path) from None
            raise
    finally:
        os.close(folder)
    with os.fdopen(handle, "rb") as stream:
        mode = os.fstat(stream.fileno()).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "a folder", str(path))
        if not stat.S_ISREG(mode):
            raise _refuse_special(path)
        return stream.read()


def pack_file_exists(base: Path, parts: Sequence[str]) -> bool:
    """Whether ``base/parts…`` is there (as anything: a link there is refused when read)."""
    try:
        os.lstat(base.joinpath(*parts))
    except OSError:
        return False
    return True


def check_pack_folder(folder: Path) -> None:
    """Refuse ``folder`` when it is a symbolic link (``assets -> ..``): a pack's folder must be
    its own. A missing folder is no problem of this check."""
    try:
        if stat.S_ISLNK(os.lstat(folder).st_mode):
            raise _refuse_link(folder)
    except FileNotFoundError:
        return


def _walk(folder: Path) -> Iterator[tuple[Path, bool]]:
    """Every entry under ``folder`` (not hidden ones), and whether it is a folder."""
    seen = 0
    for parent, folders, files in os.walk(folder):  # links to folders are listed, not entered
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in [*folders, *sorted(files)]:
            seen += 1
            if seen > MAX_PACK_ENTRIES:
                return
            yield Path(parent) / name, name in folders


def pack_links(pack: Path) -> list[Path]:
    """Every symbolic link among the files a build may read from ``pack``: its language,
    asset and label folders and what they hold, ``reference.docx``, any template (``*.html``)
    and any folder on the way to one."""
    found: list[Path] = []
    if not pack.is_dir():
        return found
    for path, is_folder in _walk(pack):
        if not path.is_symlink():
            continue
        relative = path.relative_to(pack)
        top = relative.parts[0]
        if (
            is_folder
            or top in PACK_FOLDERS
            or relative.suffix.lower() == ".html"
            or relative == Path(REFERENCE_NAME)
        ):
            found.append(path)
    return found


def pack_stylesheets(pack: Path) -> list[Path]:
    """The stylesheets of the pack's ``assets`` folder (links left out: refused elsewhere)."""
    assets = pack / "assets"
    if not assets.is_dir() or assets.is_symlink():
        return []
    return [
        path
        for path, is_folder in _walk(assets)
        if not is_folder and path.suffix.lower() == ".css" and not path.is_symlink()
    ]


def refuse_pack_links(pack: Path | None) -> None:
    """Raise :class:`PackFileRefused` for the first link :func:`pack_links` finds."""
    if pack is None:
        return
    links = pack_links(pack)
    if links:
        raise _refuse_link(links[0])
