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
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import logging
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
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

__all__ = ["Renderer", "default_jobs"]

LOGGER = logging.getLogger("dossier.build.workers")

#: Modules the fork server imports once, so each worker starts in milliseconds.
_PRELOAD = ["dossier.render.pdf", "dossier.render.docx", "dossier.build.workers"]

#: Loggers whose records a worker sends back to the parent (and their children's).
_FORWARDED_LOGGERS = ("", "dossier", "weasyprint", "weasyprint.progress")

#: Environment variables the renderers read: a worker gets the parent's current values (a
#: fork server keeps the environment it started with).
_RENDER_ENVIRONMENT = ("SOURCE_DATE_EPOCH",)


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
            if abandon:
                # The executor cannot stop a running task: cancel what waits, end the workers,
                # then shut down (shutdown(wait=False) would race the pool's own thread).
                running = False
                for slot in self._slots:
                    if slot.future is not None:
                        slot.future.cancel()
                        running = running or slot.future.running()
                # Only a render under way needs killing: idle workers stop when told to, and
                # killing one while it waits for work can leave the job queue locked.
                if running:
                    _end_workers(pool)
            pool.shutdown(wait=True, cancel_futures=True)
        if self._spool_dir is not None:
            shutil.rmtree(self._spool_dir, ignore_errors=True)
            self._spool_dir = None
        if self.cache is not None:
            self.cache.prune_if_written()

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
                max_workers=self.workers, mp_context=_context(), max_tasks_per_child=1
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
            self._spool_dir = Path(tempfile.mkdtemp(prefix="dossier-pieces-"))
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
