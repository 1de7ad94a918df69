"""A content-addressed cache of rendered outputs, so an unchanged dossier is never typeset twice.

An entry is keyed by the SHA-256 of everything that can change the bytes it holds: the HTML, the
render options (title, language, PDF variant, attachments, epoch…), the bytes of every template
asset, the installed fonts (``fc-list`` with each file's size and date), the fontconfig
configuration, the versions of WeasyPrint and the libraries under it (Python packages and the
native Pango/HarfBuzz/fontconfig libraries), and dossier's own version and render code. Change
any of these and the key changes: a stale entry is simply never found again, and the oldest
entries are pruned once the cache outgrows its limit.

Every entry is authenticated: an HMAC-SHA256, with a key kept in the cache folder (a ``0600``
file made on first use), covers the entry's cache key, its metadata (page count, warnings to
replay…) and its content. An entry that does not match (a torn write, a flipped bit, an edited
file, an entry copied in by someone who does not hold the key) is deleted and rebuilt, never
used: a SHA-256 anyone can compute would not tell a planted entry from ours.

The cache holds complete dossiers, including confidential editions: it lives in a folder only
its owner can read (``0700``), under ``$DOSSIER_CACHE_DIR``, else ``$XDG_CACHE_HOME/dossier``,
else ``~/.cache/dossier``. As ssh does with its keys, a cache folder that another user owns or
can write, or a folder on its path below the user's home that they can, is refused with
:class:`UnsafeCache`. ``dossier build --no-cache`` bypasses it; deleting the folder is always
safe.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import hmac
import importlib.metadata
import json
import logging
import os
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.errors import BuildError
from dossier.files import sha256_file
from dossier.i18n.catalog import N_
from dossier.version import __version__

__all__ = [
    "DEFAULT_MAX_BYTES",
    "CacheEntry",
    "RenderCache",
    "UnsafeCache",
    "assets_fingerprint",
    "canonical",
    "default_cache_dir",
    "fonts_fingerprint",
    "renderer_fingerprint",
]

LOGGER = logging.getLogger("dossier.build.cache")

#: Bumped whenever the entry format or the meaning of a key changes (2: entries carry a MAC).
CACHE_FORMAT = 2
_MAGIC = f"dossier-cache {CACHE_FORMAT}\n".encode("ascii")

#: The file, in the cache folder, holding the key that authenticates its entries.
KEY_FILE_NAME = "entries.key"
_KEY_BYTES = 32

#: The cache is pruned, oldest-used entries first, once it holds more than this.
DEFAULT_MAX_BYTES = 2 * 1024**3

#: Python packages whose version can change a rendered PDF or DOCX.
RENDER_PACKAGES = (
    "weasyprint",
    "pydyf",
    "fonttools",
    "tinycss2",
    "tinyhtml5",
    "cssselect2",
    "pillow",
    "cffi",
    "python-docx",
    "lxml",
    "pypdf",
)

#: Native libraries (as mapped in the process) that lay out text, shape it and subset fonts.
_NATIVE_LIBRARIES = (
    "libpango",
    "libharfbuzz",
    "libfontconfig",
    "libfreetype",
    "libfribidi",
    "libgobject",
    "libglib",
)

#: dossier's own code that shapes the bytes of an output: every module of the render package
#: (whatever its files are called) and the worker pool, relative to the ``dossier`` package.
_RENDER_CODE = ("render/**/*.py", "build/workers.py")


def _render_code_files(package: Path) -> list[Path]:
    found: set[Path] = set()
    for pattern in _RENDER_CODE:
        found.update(path for path in package.glob(pattern) if path.is_file())
    return sorted(found)


def default_cache_dir() -> Path:
    """``$DOSSIER_CACHE_DIR``, else ``$XDG_CACHE_HOME/dossier``, else ``~/.cache/dossier``."""
    explicit = os.environ.get("DOSSIER_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    # The XDG spec says a relative value is invalid and must be ignored.
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "dossier"


@dataclass(frozen=True)
class CacheEntry:
    """What a cache entry holds: the output's bytes and what rendering it reported."""

    data: bytes
    meta: dict[str, Any] = field(default_factory=dict)


class UnsafeCache(BuildError):
    """The cache folder, a folder on its way, or its key, could be written by someone else."""


class RenderCache:
    """Entries under ``root``, one file each: a header, a MAC, a JSON line of metadata, the
    content.

    Writes go through a temporary file and a rename, so a reader never sees half an entry;
    reads check the MAC over the key, the metadata and the content (and the size and SHA-256
    the metadata records). A cache that cannot be written (read-only home, full disk) only logs
    a warning: the build goes on without it. A cache someone else could write raises
    :class:`UnsafeCache` on first use.
    """

    def __init__(self, root: Path | str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES):
        self.root = Path(root) if root is not None else default_cache_dir()
        self.max_bytes = max_bytes
        #: Keys of entries found corrupt or not authentic (and deleted) by this instance.
        self.rejected: list[str] = []
        self.hits = 0
        self.misses = 0
        self._written = False
        self._checked = False
        self._mac_key: bytes | None = None

    def path_for(self, key: str) -> Path:
        if len(key) != 64 or any(char not in "0123456789abcdef" for char in key):
            raise ValueError(f"not a cache key: {key!r}")
        return self.root / f"v{CACHE_FORMAT}" / key[:2] / key

    @property
    def key_file(self) -> Path:
        """The file holding the key that authenticates the entries (``0600``)."""
        return self.root / KEY_FILE_NAME

    def get(self, key: str) -> CacheEntry | None:
        """The entry for ``key`` if there is a sound, authentic one; any other is deleted."""
        path = self.path_for(key)
        self._check_folders()
        mac_key = self._read_mac_key()
        try:
            raw = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        entry = _parse_entry(raw, key, mac_key) if mac_key is not None else None
        if entry is None:
            LOGGER.warning(
                "Cache entry %s is corrupt or was not written by this cache: deleted, the output "
                "is rendered again",
                path,
            )
            self.rejected.append(key)
            with contextlib.suppress(OSError):
                path.unlink()
            self.misses += 1
            return None
        self.hits += 1
        with contextlib.suppress(OSError):
            os.utime(path)  # last use, for pruning
        return entry

    def put(self, key: str, data: bytes, meta: Mapping[str, Any] | None = None) -> None:
        """Store ``data`` under ``key`` with ``meta`` (JSON-serialisable)."""
        path = self.path_for(key)
        header = dict(meta or {})
        header["size"] = len(data)
        header["sha256"] = hashlib.sha256(data).hexdigest()
        line = json.dumps(header, sort_keys=True, ensure_ascii=True).encode("ascii")
        self._check_folders()
        try:
            _make_private_dirs(path.parent)
            # Checked again once the cache folder exists (it did not at the first check): one
            # made by someone else meanwhile is not written into.
            self._check_folders()
            mac_key = self._mac_key_for_writing()
            mac = _mac(mac_key, key, line, data).encode("ascii")
            descriptor, temporary = tempfile.mkstemp(prefix=".", suffix=".part", dir=path.parent)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(_MAGIC + mac + b"\n" + line + b"\n")
                    handle.write(data)
                os.replace(temporary, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError as error:
            LOGGER.warning("Cannot write to the cache %s: %s", self.root, error)
            return
        self._written = True

    def prune(self) -> int:
        """Delete the least recently used entries beyond ``max_bytes``; return how many."""
        folder = self.root / f"v{CACHE_FORMAT}"
        entries: list[tuple[float, int, Path]] = []
        try:
            for shard in folder.iterdir():
                if not shard.is_dir():
                    continue
                for path in shard.iterdir():
                    with contextlib.suppress(OSError):
                        status = path.stat()
                        entries.append((status.st_mtime, status.st_size, path))
        except OSError:
            return 0
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
                total -= size
        return removed

    def prune_if_written(self) -> None:
        if self._written:
            self.prune()
            self._written = False

    def clear(self) -> None:
        """Delete every entry of this cache format."""
        shutil.rmtree(self.root / f"v{CACHE_FORMAT}", ignore_errors=True)

    # -------------------------------------------------------------------- who may write here

    def _check_folders(self) -> None:
        """Refuse a cache someone else could write into (see :func:`unsafe_folder`); checked
        once the folder exists, then trusted for the life of this instance."""
        if self._checked:
            return
        problem = unsafe_folder(self.root)
        if problem is not None:
            key, folder = problem
            raise UnsafeCache(key, folder=folder, cache=self.root)
        self._checked = self.root.is_dir()

    def _read_mac_key(self) -> bytes | None:
        """The key, or None when the cache has none yet (then it has no entry we wrote)."""
        if self._mac_key is None:
            self._mac_key = _read_key_file(self.key_file)
        return self._mac_key

    def _mac_key_for_writing(self) -> bytes:
        key = self._read_mac_key()
        if key is None:
            key = _create_key_file(self.key_file)
            self._mac_key = key
        return key


def unsafe_folder(root: Path) -> tuple[str, Path] | None:
    """Why the cache folder ``root`` could be written by someone else, or None.

    As ssh does with ``~/.ssh``: the cache folder (followed through any link to where it
    really is) must be the user's and writable by nobody else; so must every folder between it
    and the user's home (those may also be root's), since whoever can write one of them can
    put another folder in the cache's place. Folders that do not exist yet are made ``0700``.
    Returns (message key, the folder at fault).
    """
    user = os.geteuid()
    real = Path(os.path.realpath(root))
    home = Path(os.path.realpath(Path.home()))
    folders = [real]
    if home in real.parents:
        folders += [parent for parent in real.parents if home in parent.parents]
    for folder in folders:
        try:
            status = os.stat(folder)
        except FileNotFoundError:
            continue
        except OSError:
            return (N_("cache.unsafe_unreadable"), folder)
        if not stat.S_ISDIR(status.st_mode):
            continue  # nothing can be written through a file: the cache is only unusable
        owners = (user,) if folder == real else (user, 0)
        if status.st_uid not in owners:
            return (N_("cache.unsafe_owner"), folder)
        if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return (N_("cache.unsafe_writable"), folder)
    return None


def _read_key_file(path: Path) -> bytes | None:
    """The key in ``path`` (None when there is no such file), refused unless it is a regular
    ``0600`` file of the user's holding a whole key."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError:
        raise UnsafeCache("cache.unsafe_key", file=path) from None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        key = handle.read(_KEY_BYTES + 1)
    if (
        not stat.S_ISREG(status.st_mode)
        or status.st_uid != os.geteuid()
        or status.st_mode & 0o077
        or len(key) != _KEY_BYTES
    ):
        raise UnsafeCache("cache.unsafe_key", file=path)
    return key


def _create_key_file(path: Path) -> bytes:
    """A new random key in ``path`` (``0600``), made whole before it appears: written to a
    temporary opened with ``O_EXCL`` and linked to its name, which fails if another build made
    one first (then that one is read)."""
    key = secrets.token_bytes(_KEY_BYTES)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.part")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    descriptor = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            found = _read_key_file(path)
            if found is None:  # pragma: no cover - removed between the link and the read
                raise
            return found
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    return key


def _mac(mac_key: bytes, key: str, meta_line: bytes, data: bytes) -> str:
    """The HMAC-SHA256 binding an entry's content and metadata to its cache key."""
    signer = hmac.new(mac_key, key.encode("ascii") + b"\n", hashlib.sha256)
    signer.update(meta_line + b"\n")
    signer.update(data)
    return signer.hexdigest()


def _parse_entry(raw: bytes, key: str, mac_key: bytes) -> CacheEntry | None:
    if not raw.startswith(_MAGIC):
        return None
    mac_end = raw.find(b"\n", len(_MAGIC))
    end = raw.find(b"\n", mac_end + 1) if mac_end >= 0 else -1
    if end < 0:
        return None
    mac = raw[len(_MAGIC) : mac_end]
    line = raw[mac_end + 1 : end]
    data = raw[end + 1 :]
    expected = _mac(mac_key, key, line, data).encode("ascii")
    if not hmac.compare_digest(mac, expected):
        return None
    try:
        meta = json.loads(line)
    except ValueError:
        return None
    if not isinstance(meta, dict):
        return None
    if meta.get("size") != len(data) or meta.get("sha256") != hashlib.sha256(data).hexdigest():
        return None
    return CacheEntry(data=data, meta=meta)


def _make_private_dirs(folder: Path) -> None:
    """Create ``folder`` and every missing folder above it, readable by their owner only
    (``0700``): entries are dossiers. Existing folders are left as they are."""
    missing = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o700)
        with contextlib.suppress(OSError):
            path.chmod(0o700)  # mkdir's mode goes through the umask


# ----------------------------------------------------------------------------- fingerprints


def canonical(value: Any) -> Any:
    """``value`` as JSON-able data with one spelling: bytes become their SHA-256.

    Paths are refused: a path says where something is, not what it is, so callers hash the
    file (or folder) themselves.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            "__type__": type(value).__name__,
            **{f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)},
        }
    if isinstance(value, Mapping):
        return {str(key): canonical(item) for key, item in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [canonical(item) for item in value]
    if isinstance(value, bytes | bytearray | memoryview):
        return {"sha256": hashlib.sha256(bytes(value)).hexdigest()}
    if isinstance(value, Path):
        raise TypeError(f"hash the content of {value}, not its path")
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot fingerprint a {type(value).__name__}")


def digest(*parts: Any) -> str:
    """The SHA-256 of ``parts`` in their :func:`canonical` form."""
    text = json.dumps([canonical(part) for part in parts], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def file_digest(path: Path) -> str:
    """A file's fingerprint in the cache key: its SHA-256 (:func:`dossier.files.sha256_file`)."""
    return sha256_file(path)


def assets_fingerprint(folders: Sequence[Path]) -> str:
    """Every file the PDF renderer may fetch from ``folders``, in search order, by content."""
    listing: list[Any] = []
    for folder in folders:
        files = []
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                files.append([path.relative_to(folder).as_posix(), file_digest(path)])
        listing.append(files)
    return digest("assets", listing)


def fonts_fingerprint() -> str:
    """The fonts fontconfig offers (file, face, family, style, version, size, date) and its
    configuration: installing, removing or updating a font changes it."""
    entries: list[str] = []
    listing = _fc_list()
    if listing is None:
        # No fc-list: list the usual font folders instead.
        roots = [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            Path.home() / ".local/share/fonts",
            Path.home() / ".fonts",
        ]
        listing = [str(path) for root in roots if root.is_dir() for path in sorted(root.rglob("*"))]
    for line in listing:
        file_name = line.split("\t", 1)[0]
        try:
            status = os.stat(file_name)
            entries.append(f"{line}\t{status.st_size}\t{status.st_mtime_ns}")
        except OSError:
            entries.append(line)
    config = []
    for name in ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT"):
        config.append(f"{name}={os.environ.get(name, '')}")
    for folder in (Path("/etc/fonts"), Path.home() / ".config/fontconfig"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                with contextlib.suppress(OSError):
                    if path.is_file():
                        config.append(f"{path}\t{file_digest(path)}")
    return digest("fonts", sorted(entries), config)


def _fc_list() -> list[str] | None:
    executable = shutil.which("fc-list")
    if executable is None:
        return None
    try:
        completed = subprocess.run(
            [executable, "--format", "%{file}\t%{index}\t%{family}\t%{style}\t%{fontversion}\n"],
            capture_output=True,
            check=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return sorted(completed.stdout.decode("utf-8", "replace").splitlines())


@functools.cache
def renderer_fingerprint() -> str:
    """dossier's version and render code, the render packages' versions, the native libraries.

    Computed once per process: none of these changes under a running program.
    """
    # Imported here: loading WeasyPrint loads the native libraries we fingerprint below.
    import weasyprint  # noqa: F401

    versions: dict[str, str | None] = {}
    for package in RENDER_PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    root = Path(__file__).resolve().parent.parent
    code = {
        path.relative_to(root).as_posix(): file_digest(path) for path in _render_code_files(root)
    }
    return digest(
        "renderer",
        {
            "dossier": __version__,
            "code": code,
            "python": sys.version,
            "packages": versions,
            "native": _native_libraries(),
        },
    )


def _native_libraries() -> list[str]:
    """The :data:`_NATIVE_LIBRARIES` mapped in this process, by file identity."""
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return _native_from_weasyprint()
    found: set[str] = set()
    for line in maps.splitlines():
        parts = line.split(maxsplit=5)
        if len(parts) == 6 and any(name in parts[5] for name in _NATIVE_LIBRARIES):
            found.add(parts[5].strip())
    identities = []
    for path in sorted(found):
        try:
            status = os.stat(path)
            identities.append(f"{path}\t{status.st_size}\t{status.st_mtime_ns}")
        except OSError:
            identities.append(path)
    return identities or _native_from_weasyprint()


def _native_from_weasyprint() -> list[str]:
    try:
        # Imported here, not at the top: loading WeasyPrint loads Pango and friends.
        from weasyprint.text.ffi import pango

        return [f"pango {pango.pango_version()}"]
    except Exception:  # pragma: no cover - WeasyPrint always has Pango
        return []


def render_key(kind: str, html: str, options: Mapping[str, Any], environment: Iterable[str]) -> str:
    """The cache key of one render: what it is, its HTML, its options and its environment."""
    return digest(
        "render", kind, hashlib.sha256(html.encode("utf-8")).hexdigest(), options, list(environment)
    )
