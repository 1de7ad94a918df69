"""Render a build's outputs concurrently, one worker process per core, through the render cache.

A :class:`RenderJob` is plain data (the HTML and the keyword arguments of ``render_pdf`` or
``render_docx``), so it crosses to a worker process as it is. Workers come from a
``forkserver`` (``spawn`` where there is none) context with the renderers preloaded, and each
renders one output and exits, so its memory goes back to the system and no state carries from
one render to the next: an output is byte for byte what an in-process render gives.

The parent keeps the one progress stream: it reports each output as it is submitted and as it
completes. A failing job raises what the sequential build would (a ``BuildError`` naming the
output), the first in the order the outputs were asked for. What the renderers log in a worker
(a refused URL, a CSS warning) is replayed on the parent's loggers.

A build killed outright (SIGKILL, the OOM killer) cannot clean up after itself, so:

* each worker watches the build process and ends when it does (a thread waiting on a pidfd of
  the build process, and the parent-death signal for its own parent, the fork server); the fork
  server and multiprocessing's resource tracker end once no worker is left;
* the renderer's private folder (``dossier-pieces-*`` in the temporary folder, the dossier's
  HTML and PDF pieces) records its owner (pid and start time), and the next build removes the
  folders of the same user whose owner is gone (:func:`remove_stale_spool_folders`).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import dataclasses
import logging
import multiprocessing
import os
import select
import shutil
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import forkserver
from pathlib import Path
from types import TracebackType
from typing import Any

from dossier.build.cache import (
    RenderCache,
    assets_fingerprint,
    file_digest,
    fonts_fingerprint,
    render_key,
    renderer_fingerprint,
)
from dossier.errors import BuildError
from dossier.events import Progress
from dossier.i18n.messages import Message
from dossier.render.dispatch import run_job
from dossier.render.docx import default_reference_docx
from dossier.render.html import asset_dirs
from dossier.render.jobs import SPOOLED_KINDS, JobResult, RenderJob

__all__ = ["SPOOL_PREFIX", "Renderer", "default_jobs", "remove_stale_spool_folders"]

LOGGER = logging.getLogger("dossier.build.workers")

#: Modules the fork server imports once, so each worker starts in milliseconds.
_PRELOAD = ["dossier.render.pdf", "dossier.render.docx", "dossier.build.workers"]

#: Loggers whose records a worker sends back to the parent (and their children's).
_FORWARDED_LOGGERS = ("", "dossier", "weasyprint", "weasyprint.progress")

#: Environment variables the renderers read: a worker gets the parent's current values (a
#: fork server keeps the environment it started with).
_RENDER_ENVIRONMENT = ("SOURCE_DATE_EPOCH",)


#: The renderer's private folders in the temporary folder: ``dossier-pieces-k3j_x0a9``.
SPOOL_PREFIX = "dossier-pieces-"
#: The file in such a folder saying which process owns it: "pid start-time".
_OWNER_FILE = "owner"
#: A folder without an owner record (made by an older dossier, or killed between making the
#: folder and writing its record) is removed once this old.
_UNOWNED_AGE_SECONDS = 3600.0
#: Linux prctl() option: the signal a process gets when its parent ends.
_PR_SET_PDEATHSIG = 1


def default_jobs() -> int:
    """The cores this process may run on (``os.cpu_count()`` where affinity is unknown)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


# ------------------------------------------------------------------------------- worker side


class _Collector(logging.Handler):
    """Keeps the records logged while a job renders: in a worker, made picklable to send them
    back; in the parent (``keep_going``), untouched, only to remember the warnings."""

    def __init__(self, levels: Mapping[str, int], *, keep_going: bool = False) -> None:
        super().__init__(logging.NOTSET)
        self.levels = levels
        self.keep_going = keep_going
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < self._level_for(record.name):
            return
        if not self.keep_going:
            record.msg = record.getMessage()
            record.args = None
            if record.exc_info:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)

    def _level_for(self, name: str) -> int:
        while True:
            if name in self.levels:
                return self.levels[name]
            if not name:
                return logging.WARNING
            name = name.rpartition(".")[0]


def _work(
    job: RenderJob, levels: Mapping[str, int], environ: Mapping[str, str | None]
) -> tuple[JobResult, list[logging.LogRecord]]:
    """Worker entry point: render ``job``, collecting what is logged meanwhile.

    A worker renders one job and exits, so setting its environment is safe.
    """
    for name, value in environ.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    collector = _Collector(levels)
    root = logging.getLogger()
    root.addHandler(collector)
    saved = {name: logging.getLogger(name).level for name in levels}
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    try:
        return run_job(job), collector.records
    finally:
        root.removeHandler(collector)
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


def _watch_build(build_pid: int) -> None:
    """Worker initializer: end this worker as soon as the build process ``build_pid`` ends.

    A worker's parent is the fork server, not the build: the parent-death signal covers the
    fork server dying, a thread waiting on a pidfd of the build covers the build dying (killed
    by SIGKILL, its workers would otherwise render on for minutes, holding the dossier). With
    no worker left, the fork server and the resource tracker end too.
    """
    with contextlib.suppress(OSError, AttributeError):
        # Only Linux has prctl(PR_SET_PDEATHSIG); elsewhere the pidfd / polling thread does.
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    try:
        descriptor: int | None = os.pidfd_open(build_pid)
    except ProcessLookupError:
        os._exit(1)  # the build ended before this worker started
    except (AttributeError, OSError):  # no pidfd (an older kernel, not Linux): poll
        descriptor = None
    threading.Thread(
        target=_end_with_build, args=(build_pid, descriptor), name="watch-build", daemon=True
    ).start()


def _end_with_build(build_pid: int, descriptor: int | None) -> None:
    if descriptor is not None:
        # A pidfd becomes readable when its process ends.
        select.select([descriptor], [], [])
    else:
        while _process_alive(build_pid):
            time.sleep(0.5)
    os._exit(1)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _start_time(pid: int) -> str:
    """When process ``pid`` started (clock ticks since boot, from /proc), or "" where unknown:
    with the pid, it names one process, even once the pid is used again."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rpartition(b")")[2].split()
        return fields[19].decode("ascii")
    except (OSError, IndexError, UnicodeDecodeError):
        return ""


def _owner_gone(folder: Path, modified: float) -> bool:
    """Whether the process that made the spool ``folder`` has ended."""
    try:
        descriptor = os.open(folder / _OWNER_FILE, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            words = handle.read(200).decode("ascii").split()
        pid, started = int(words[0]), (words[1] if len(words) > 1 else "")
    except (OSError, ValueError, IndexError, UnicodeDecodeError):
        return time.time() - modified > _UNOWNED_AGE_SECONDS
    if pid == os.getpid():
        return False
    if not _process_alive(pid):
        return True
    now = _start_time(pid)
    return bool(started and now and started != now)  # the pid is another process's now


def remove_stale_spool_folders(parent: Path | None = None) -> list[Path]:
    """Delete the ``dossier-pieces-*`` folders of this user in ``parent`` (the temporary
    folder) whose owner process has ended — a build killed before it could clean up; return
    them. Links, other users' folders and live builds' folders are left alone."""
    parent = Path(parent) if parent is not None else Path(tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(SPOOL_PREFIX):
            continue
        with contextlib.suppress(OSError):
            status = entry.stat(follow_symlinks=False)
            if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.geteuid():
                continue
            folder = Path(entry.path)
            if _owner_gone(folder, status.st_mtime):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


def _make_spool_folder() -> Path:
    """A new private folder (0700) for the renderer's files, with its owner recorded."""
    folder = Path(tempfile.mkdtemp(prefix=SPOOL_PREFIX))
    pid = os.getpid()
    descriptor = os.open(folder / _OWNER_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(f"{pid} {_start_time(pid)}\n")
    return folder


def _environ() -> dict[str, str | None]:
    return {name: os.environ.get(name) for name in _RENDER_ENVIRONMENT}


def _parent_levels() -> dict[str, int]:
    return {name: logging.getLogger(name).getEffectiveLevel() for name in _FORWARDED_LOGGERS}


def _replay(records: Sequence[logging.LogRecord]) -> None:
    for record in records:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        # Only taken into account before the fork server's first start; harmless after.
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def _start_fork_server() -> None:
    """Start the fork server now: it imports the renderers (about a second) while the build
    reads the workbook and writes the HTML, instead of when the first piece waits for a
    worker. Where no fork server can start, the first job says so (and renders here)."""
    try:
        if _context().get_start_method() == "forkserver":
            forkserver.ensure_running()
    except (OSError, RuntimeError, ValueError) as error:
        LOGGER.debug("Fork server not started ahead (%s)", error)


# ------------------------------------------------------------------------------- parent side


@dataclass
class _Slot:
    job: RenderJob
    key: str | None = None
    future: concurrent.futures.Future[tuple[JobResult, list[logging.LogRecord]]] | None = None
    result: JobResult | None = None


class Renderer:
    """Renders the jobs submitted to it: inline when one worker is enough, else in a pool.

    ``expected`` is how many jobs the build will submit (its PDFs and DOCXs): the pool never
    has more workers than that, and with one worker everything runs in this process exactly
    as a sequential build. Use it as a context manager: leaving it shuts the pool down.
    """

    def __init__(
        self,
        *,
        jobs: int | None = None,
        expected: int,
        cache: RenderCache | None = None,
        notify: Callable[[str], None] | None = None,
    ) -> None:

        if getattr(multiprocessing.current_process(), "_inheriting", False):
            # A worker process is starting and re-running the caller's script, which builds
            # at import time: stop here, before anything is rendered or written twice.
            raise RuntimeError(
                "dossier build started while a worker process was starting: call it under "
                "`if __name__ == '__main__':` in your script (or pass jobs=1)"
            )
        wanted = default_jobs() if jobs is None else jobs
        if wanted < 1:
            raise BuildError("build.jobs_at_least_one", jobs=wanted)
        self.wanted = wanted
        self.workers = max(1, min(wanted, expected))
        self.expected = expected
        self.cache = cache
        self.notify = notify or (lambda _message: None)
        self._slots: list[_Slot] = []
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._environment: list[str] | None = None
        self._assets: dict[tuple[Path, ...], str] = {}
        self._spool_dir: Path | None = None
        self._spool_count = 0
        self._done = 0
        # What builds killed before they could clean up left in the temporary folder.
        for folder in remove_stale_spool_folders():
            LOGGER.info("Removed %s, left by a build that was stopped", folder)

    def __enter__(self) -> Renderer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close(abandon=error is not None)

    def close(self, *, abandon: bool = False) -> None:
        """Shut the pool down; ``abandon`` (after an error) stops the renders still running."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            killed = False
            if abandon:
                # The executor cannot stop a running task: end the workers (the pool, broken,
                # fails every job still waiting), then shut down (shutdown(wait=False) would
                # race the pool's own thread). Only a render under way needs killing: idle
                # workers stop when told to, and killing one while it waits for work can leave
                # the job queue locked. Jobs waiting are not cancelled first when workers are
                # killed: Python 3.11's pool then fails them all and trips over the cancelled
                # ones, printing a traceback (InvalidStateError, fixed in 3.12).
                futures = [slot.future for slot in self._slots if slot.future is not None]
                killed = any(future.running() for future in futures)
                if killed:
                    _end_workers(pool)
                else:
                    for future in futures:
                        future.cancel()
            # After a kill, the pool's own thread fails the jobs left (cancelling them here
            # too would race it into the same traceback).
            pool.shutdown(wait=True, cancel_futures=not (abandon and killed))
        if self._spool_dir is not None:
            shutil.rmtree(self._spool_dir, ignore_errors=True)
            self._spool_dir = None
        if self.cache is not None:
            self.cache.prune_if_written()

    def prepare_workers(self) -> None:
        """Start the fork server ahead, when this renderer may use worker processes."""
        if self.wanted > 1 and self._pool is None:
            _start_fork_server()

    def rest(self) -> None:
        """Stop the idle workers once every job submitted is done, so that their memory is
        given back while the build joins and writes; a later :meth:`submit` starts workers
        again."""
        if self._pool is not None and all(
            slot.future is None or slot.future.done() for slot in self._slots
        ):
            pool, self._pool = self._pool, None
            pool.shutdown(wait=True)

    def expect(self, more: int) -> None:
        """The build will submit ``more`` jobs than announced (the pieces of a PDF)."""
        self.expected += more
        if self._pool is None:
            self.workers = max(1, min(self.wanted, self.expected))

    def submit(self, job: RenderJob, message: str) -> int:
        """Queue ``job`` (reporting ``message``); return its index among the results."""
        slot = _Slot(job)
        self._slots.append(slot)
        index = len(self._slots) - 1
        if self.cache is not None:
            slot.key = self._key(job)
            entry = self.cache.get(slot.key)
            if entry is not None:
                slot.result = self._spooled(slot, _from_cache(entry.data, entry.meta))
                _replay_warnings(slot.result.warnings)
                self._report(f"cached {job.name}")
                return index
        self._report(message, starting=job.name)
        if self.workers > 1:
            # Its HTML waits on disk, not in this process, until a worker is free.
            slot.job = job = self.spooled_job(job)
            try:
                slot.future = self._executor().submit(_work, job, _parent_levels(), _environ())
                return index
            except (OSError, RuntimeError) as error:
                # No worker processes here (a sandbox without sockets, a broken fork server):
                # render in this process rather than fail.
                LOGGER.warning("Cannot start worker processes (%s): rendering in this one", error)
                self.workers = 1
        collector = _Collector({"": logging.WARNING}, keep_going=True)
        logging.getLogger().addHandler(collector)
        try:
            result = run_job(job)
        finally:
            logging.getLogger().removeHandler(collector)
        slot.result = self._store(slot, result, collector.records)
        self._report(f"built {job.name}")
        return index

    def results(self) -> list[JobResult]:
        """Wait for every job; return their results in submission order.

        If jobs fail, raise the error of the first failing one in submission order (what a
        sequential build would have raised) as soon as every job before it has succeeded;
        the jobs after it are cancelled.
        """
        return self.wait(range(len(self._slots)))

    def wait(self, indices: Sequence[int] | range) -> list[JobResult]:
        """Wait for the jobs at ``indices`` (others keep running); return their results.

        Errors are raised as :meth:`results` raises them, among the jobs waited for.
        """

        wanted = [self._slots[index] for index in indices]
        index_of = {id(slot): index for index, slot in enumerate(self._slots)}
        pending = {
            slot.future: slot for slot in wanted if slot.future is not None and slot.result is None
        }
        failures: dict[int, BaseException] = {}
        while pending:
            finished, _ = concurrent.futures.wait(
                pending, return_when=concurrent.futures.FIRST_COMPLETED
            )
            for future in finished:
                slot = pending.pop(future)
                try:
                    result, records = future.result()
                except concurrent.futures.CancelledError:
                    continue
                except BrokenProcessPool as error:
                    failures[index_of[id(slot)]] = _broken(slot.job, error)
                    continue
                except BaseException as error:
                    failures[index_of[id(slot)]] = error
                    continue
                _replay(records)
                slot.result = self._store(slot, result, records)
                # The future holds what the worker sent, bytes and all, for as long as it
                # lives: the 300 pieces of a 5,000-incident PDF added up to 31 MB here.
                slot.future = None
                self._report(f"built {slot.job.name}")
            if failures:
                first = min(failures)
                # Outputs after the first failure cannot change the outcome: drop those waiting.
                for future, slot in pending.items():
                    if index_of[id(slot)] > first:
                        future.cancel()
                if all(index_of[id(slot)] > first for slot in pending.values()):
                    self.close(abandon=True)
                    raise failures[first]
        if failures:
            # Every job waited for has ended and one failed (possibly a job whose failure an
            # earlier wait already saw and left for the caller waiting on it).
            raise failures[min(failures)]
        results = []
        for slot in wanted:
            if slot.result is None:
                raise BuildError("build.render_cancelled", output=slot.job.label or slot.job.name)
            results.append(slot.result)
        return results

    # ----------------------------------------------------------------------------- helpers

    def _executor(self) -> concurrent.futures.ProcessPoolExecutor:
        if self._pool is None:
            self._pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=_context(),
                max_tasks_per_child=1,
                initializer=_watch_build,
                initargs=(os.getpid(),),
            )
        return self._pool

    def _report(self, message: str, *, starting: str | None = None) -> None:
        if starting is None:
            self._done += 1
        running = [
            slot.job.name
            for slot in self._slots
            if slot.result is None and (slot.future is not None or slot.job.name == starting)
        ]
        self.notify(
            Progress(
                f"{message} ({self._done}/{self.expected})" if starting is None else message,
                done=self._done,
                total=self.expected,
                running=running,
            )
        )

    def _store(
        self, slot: _Slot, result: JobResult, records: Sequence[logging.LogRecord]
    ) -> JobResult:
        if self.cache is not None and slot.key is not None:
            meta = {
                "pages": result.pages,
                "refused_urls": list(result.refused_urls),
                # Replayed on a cache hit, so a refused URL is reported every time.
                "warnings": [
                    [record.name, record.levelno, record.getMessage()]
                    for record in records
                    if record.levelno >= logging.WARNING
                ],
                "extra": dict(result.extra),
            }
            self.cache.put(slot.key, result.data, meta)
        return self._spooled(slot, result)

    def spool_file(self, suffix: str) -> Path:
        """A new empty file in the renderer's private folder (0700; the file 0600, as the
        cache: what waits there is the dossier's text), deleted when the renderer closes."""
        if self._spool_dir is None:
            self._spool_dir = _make_spool_folder()
        self._spool_count += 1
        path = self._spool_dir / f"{self._spool_count}{suffix}"
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        return path

    def spool_text(self, html: str) -> Path:
        """``html`` written to a :meth:`spool_file`: a job can carry the file instead."""
        path = self.spool_file(".html")
        path.write_text(html, encoding="utf-8")
        return path

    def spooled_job(self, job: RenderJob) -> RenderJob:
        """``job`` with its HTML in a :meth:`spool_file` (the same job if it already is)."""
        if job.html_file is not None:
            return job
        return dataclasses.replace(job, html="", html_file=self.spool_text(job.html))

    def _spooled(self, slot: _Slot, result: JobResult) -> JobResult:
        """``result`` with its bytes moved to a file when its job is a spooled kind."""
        if slot.job.kind not in SPOOLED_KINDS:
            return result
        # A piece typeset in this process may carry its HTML in memory: not needed any more.
        slot.job = dataclasses.replace(slot.job, html="")
        path = self.spool_file(".pdf")
        path.write_bytes(result.data)
        return dataclasses.replace(result, data=b"", spool=path)

    def _key(self, job: RenderJob) -> str:
        if self._environment is None:
            self._environment = [renderer_fingerprint(), fonts_fingerprint()]
        # The environment the renderers read (an unset epoch means "read it from there").
        options = self._canonical_options(job)
        options["environ"] = _environ()
        return render_key(job.kind, job.source(), options, self._environment)

    def _canonical_options(self, job: RenderJob) -> dict[str, Any]:
        """The job's options with every path replaced by the content behind it."""
        options = dict(job.options)
        folders = options.pop("asset_dirs", None)
        if folders is None:
            folders = asset_dirs(None)
        options["asset_dirs"] = self._assets_fingerprint(tuple(Path(f) for f in folders))
        if job.kind == "docx":
            reference = options.pop("reference_docx", None)
            if reference is None:
                reference = default_reference_docx()
            options["reference_docx"] = file_digest(Path(reference))
        return options

    def _assets_fingerprint(self, folders: tuple[Path, ...]) -> str:
        if folders not in self._assets:
            self._assets[folders] = assets_fingerprint(folders)
        return self._assets[folders]


def _end_workers(pool: concurrent.futures.ProcessPoolExecutor) -> None:
    """Terminate every worker of ``pool``, again until none is left: the pool replaces a
    worker that finished its one job, and a worker killed while waiting for work can leave the
    job queue locked, so a worker that survived would never get its signal to stop and the
    shutdown would wait for it for ever."""
    for _attempt in range(100):
        alive = [
            process
            for process in list((getattr(pool, "_processes", None) or {}).values())
            if process.is_alive()
        ]
        if not alive:
            return
        for process in alive:
            process.terminate()
        for process in alive:
            process.join(timeout=1)
    LOGGER.warning("Some rendering processes would not stop")


def _from_cache(data: bytes, meta: Mapping[str, Any]) -> JobResult:
    warnings = tuple(
        (str(name), int(level), str(message)) for name, level, message in meta.get("warnings", [])
    )
    pages = meta.get("pages")
    return JobResult(
        data=data,
        pages=int(pages) if pages is not None else None,
        refused_urls=tuple(str(url) for url in meta.get("refused_urls", [])),
        cached=True,
        warnings=warnings,
        extra=dict(meta.get("extra") or {}),
    )


def _replay_warnings(warnings: Sequence[tuple[str, int, str]]) -> None:
    for name, level, message in warnings:
        logging.getLogger(name).log(level, "%s", message)


def _broken(job: RenderJob, error: BaseException) -> BaseException:

    reason: str = str(error) or Message("build.killed")
    return BuildError("build.worker_died", output=job.label or job.name, reason=reason)
