"""The desk's builds: one at a time, in a thread, their progress kept for the page to show."""

from __future__ import annotations

import contextlib
import dataclasses
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from dossier.build.enclosures import Enclosures
from dossier.build.errors import DataInvalid
from dossier.build.pipeline import BuildResult, build_dossiers
from dossier.desk.history import (
    BuildRecord,
    building,
    discard_leftovers,
    keep_previous,
    read_records,
    stage_previous,
    write_record,
)
from dossier.desk.workspace import DeskRefusal, Workspace
from dossier.errors import DossierError
from dossier.events import Progress, StepProgress
from dossier.i18n.messages import message, step_label
from dossier.input.problems import Severity

__all__ = ["BuildChoices", "BuildJob", "BuildSecrets", "Builds"]

#: At most this many of a refused workbook's problems are listed on the build page.
MAX_LINES = 50
#: The languages a build's outcome is kept in (the page may be switched after a restart).
LANGS = ("fr", "en")


@dataclass(frozen=True)
class BuildChoices:
    """What the build form asks: the options of `dossier build` the desk offers."""

    layouts: tuple[str, ...] = ("ddd",)
    langs: tuple[str, ...] = ("fr",)
    formats: tuple[str, ...] = ("pdf",)
    audience: str | None = None
    bundle: bool = False
    identity_annex: bool = False  # the annex asked for (its passphrase is a BuildSecrets')
    sign_key: str | None = None  # the name of a PKCS#12 file of the folder


@dataclass
class BuildSecrets:
    """The passphrases typed in the build form: given to the build's thread only, never kept on
    a job, never written, and set to None once the build has used them."""

    annex_passphrase: str | None = field(default=None, repr=False)
    sign_passphrase: str | None = field(default=None, repr=False)

    def clear(self) -> None:
        # Python cannot overwrite a string's memory; dropping the last reference is what it
        # can do, so that nothing of the desk holds them after the build.
        self.annex_passphrase = None
        self.sign_passphrase = None


@dataclass
class BuildJob:
    """One build: how far it has got, then what it wrote or why it stopped."""

    id: str
    workbook: str
    choices: BuildChoices
    step: str = "validate"
    done: int = 0
    total: int = 0
    finished: bool = False
    result: BuildResult | None = None
    error: DossierError | None = None
    unexpected: str | None = None  # the kind of an error no message foresaw
    #: The outcome as kept on disk, once the build ended (or read back after a restart).
    record: BuildRecord | None = None
    _event: threading.Event = field(default_factory=threading.Event, repr=False)

    def __call__(self, text: str) -> None:
        """The build's progress callback: the bar follows the outputs rendered; a part of a
        step that counts rows or files (reading the workbook) only names the step."""
        if isinstance(text, StepProgress):
            self.step = text.step
        elif isinstance(text, Progress):
            if text.total:
                self.done, self.total = text.done, text.total
            self.step = str(text)
        else:
            self.step = text

    def status(self, lang: str) -> dict[str, object]:
        """What the page's script shows: the step in ``lang``, a fraction, whether it ended."""
        return {
            "step": step_label(str(self.step), lang),
            "done": self.done,
            "total": self.total,
            "finished": self.finished,
        }

    def failure(self, lang: str) -> list[str]:
        """Why the build stopped, one line each, in ``lang`` ([] if it did not)."""
        live = self.result is not None or self.error is not None or self.unexpected is not None
        if self.record is not None and not live:
            return self.record.failure.get(lang, [])
        if self.unexpected is not None:
            return [message("desk.build_crashed", lang, kind=self.unexpected)]
        if self.error is None:
            return []
        lines = self.error.lines(lang)
        if isinstance(self.error, DataInvalid):  # the data changed since the page was shown
            lines += [
                f"{group.first.file} {group.first.sheet or ''} {group.rows_text(lang)}: "
                f"{group.message(lang)}"
                for group in self.error.report.grouped()
                if group.first.severity is Severity.ERROR
            ][:MAX_LINES]
        return lines

    def wait(self, timeout: float | None = None) -> bool:
        return self._event.wait(timeout)

    def outcome(self, out: Path, compared: bool) -> BuildRecord:
        """What is kept of this ended build: its failure, its outputs, its checklist."""
        record = BuildRecord(
            self.id,
            self.workbook,
            dataclasses.asdict(self.choices),
            finished=True,
            failure={lang: self.failure(lang) for lang in LANGS},
            compared=compared,
            started=self.record.started if self.record is not None else time.time(),
        )
        if self.result is not None:
            written = [output.path for output in self.result.outputs] + [self.result.manifest]
            for path in written:
                try:
                    record.outputs.append(path.resolve().relative_to(out).as_posix())
                except ValueError:
                    continue
            groups = [
                group
                for group in self.result.report.grouped()
                if group.first.code.startswith("completeness_")
            ]
            record.checklist = {
                lang: [(group.message(lang), group.rows_text(lang)) for group in groups]
                for lang in LANGS
            }
        return record

    @classmethod
    def restored(cls, record: BuildRecord) -> BuildJob:
        """A build a previous run of the desk started; one it never saw end was interrupted."""
        job = cls(record.id, record.workbook, BuildChoices(), finished=True, record=record)
        if not record.finished:
            interrupted = {lang: [message("desk.build_interrupted", lang)] for lang in LANGS}
            job.record = dataclasses.replace(record, finished=True, failure=interrupted)
        job._event.set()
        return job


class Builds:
    """Starts builds in a thread of their own, one at a time per desk (a second click while one
    runs is refused with a message: two builds would write the same output folder)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._lock = threading.Lock()
        self._jobs: dict[str, BuildJob] = {}
        self._running: BuildJob | None = None
        # The builds of earlier runs of the desk on this folder, as their pages showed them.
        # What a desk killed during a build left half-made (never the kept previous build).
        # Not while another desk on the folder builds: what it set aside is not a leftover.
        with contextlib.suppress(OSError), building(workspace.folder, create=False):
            discard_leftovers(workspace.folder, workspace.out)
        records = read_records(workspace.folder)
        for record in records:
            self._jobs[record.id] = BuildJob.restored(record)
        self._latest: str | None = records[-1].id if records else None

    @property
    def latest(self) -> BuildJob | None:
        """The last build started (in this run of the desk or an earlier one)."""
        with self._lock:
            return self._jobs.get(self._latest) if self._latest is not None else None

    def start(
        self, workbook: str, choices: BuildChoices, typed: BuildSecrets | None = None
    ) -> BuildJob:
        source = self.workspace.workbook(workbook)
        self.workspace.own_folders()
        key = self.workspace.certificate(choices.sign_key) if choices.sign_key else None
        held = contextlib.ExitStack()
        with self._lock:
            if self._running is not None and not self._running.finished:
                raise DeskRefusal("desk.build_running", status=409)
            try:  # another desk started on the same folder may be building
                held.enter_context(building(self.workspace.folder))
            except OSError:
                raise DeskRefusal("desk.build_running", status=409) from None
            job = BuildJob(secrets.token_hex(8), workbook, choices)
            self._jobs[job.id] = job
            self._running = job
            self._latest = job.id
        job.record = BuildRecord(job.id, workbook, dataclasses.asdict(choices), started=time.time())
        self._remember(job.record)
        mapping = self.workspace.mapping_path(workbook)
        thread = threading.Thread(
            target=self._run,
            args=(
                job,
                source,
                mapping if mapping.exists() else None,
                key,
                typed or BuildSecrets(),
                held,
            ),
            name="dossier-desk-build",
            daemon=True,
        )
        try:
            thread.start()
        except BaseException:
            held.close()
            raise
        return job

    def _remember(self, record: BuildRecord) -> None:
        # Unwritable: the page still shows the build; only a restart of the desk forgets it.
        with contextlib.suppress(OSError):
            write_record(self.workspace.folder, record)

    def job(self, job_id: str) -> BuildJob:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise DeskRefusal("desk.no_such_build", status=404)
        return job

    def _run(
        self,
        job: BuildJob,
        source: Path,
        mapping: Path | None,
        key: Path | None,
        typed: BuildSecrets,
        held: contextlib.ExitStack,
    ) -> None:
        choices = job.choices
        # The same options as `dossier build --identity-annex --sign KEY.p12` give.
        enclosures = Enclosures(bundle=choices.bundle)
        staging: Path | None = None
        try:
            staging = stage_previous(self.workspace.folder, self.workspace.out)
            if choices.identity_annex:
                enclosures.annex_passphrase = typed.annex_passphrase
            if key is not None:
                enclosures.sign_key, enclosures.sign_passphrase = key, typed.sign_passphrase
            typed.clear()  # from here on, only the build's own options hold them
            job.result = build_dossiers(
                source,
                config=self.workspace.config_path,
                layouts=choices.layouts,
                langs=choices.langs,
                formats=choices.formats,
                audience=choices.audience,
                out=self.workspace.out,
                mapping=mapping,
                cache_dir=self.workspace.cache,
                progress=job,
                enclosures=enclosures,
            )
        except DossierError as error:
            job.error = error
        except Exception as error:  # the desk outlives whatever goes wrong in a build
            job.unexpected = type(error).__name__
        finally:
            typed.clear()
            enclosures.annex_passphrase = enclosures.sign_passphrase = None
            enclosures.signer = None
            compared = False
            with contextlib.suppress(OSError):  # then no comparison offered; the build is done
                compared = keep_previous(
                    self.workspace.folder, self.workspace.out, staging, job.result is not None
                )
            job.record = job.outcome(self.workspace.out, compared)
            self._remember(job.record)
            held.close()  # the folder's build lock, once its state is written
            job.finished = True
            job._event.set()
