"""Show a build's progress on stderr: a line per step, a bar where the total is known, timings.

Library code reports progress through a callback that receives ``str`` messages (see
:data:`dossier.events.ProgressCallback`): a plain string starts a step ("validate",
"render ddd-fr", "write"); a :class:`dossier.events.Progress` reports how far the rendering
of the outputs has got (``done``/``total``, and the outputs ``running`` now); a
:class:`StepProgress` (a ``Progress`` too) reports a part of a step that counts rows, files or
bytes (reading a workbook, hashing evidence files).

:class:`ProgressDisplay` is such a callback. It draws rich progress lines on a terminal; it
draws nothing when asked to be quiet or when stderr is not a terminal (CI logs, pipes). With
``verbose`` it prints, as each step finishes, its name and duration, and the total at the end,
terminal or not: the user asked for them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text

from dossier.events import Progress, StepProgress
from dossier.i18n.messages import label as translated
from dossier.i18n.messages import step_label

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = ["ProgressDisplay", "format_duration"]

T = TypeVar("T")

#: What StepProgress counts, and how the display names it.
UNITS = ("rows", "files", "bytes")


def format_duration(seconds: float, lang: str) -> str:
    """``0.42 s``, ``12.3 s``; in French ``0,42 s`` with a no-break space."""
    text = f"{seconds:.2f}" if seconds < 10 else f"{seconds:.1f}"
    if lang == "fr":
        return text.replace(".", ",") + "\u00a0s"
    return text + " s"


def _count(done: int, total: int, unit: str, lang: str) -> str:
    """The count column: ``1 024/70 000 rows``, ``45 %``, ``12 rows`` when the total is unknown."""
    if unit == "bytes":
        return f"{min(100, done * 100 // total)}\u00a0%" if total else ""
    sep = "\u202f" if lang == "fr" else ","
    name = _unit_name(unit, lang)

    def number(value: int) -> str:
        return f"{value:,}".replace(",", sep)

    shown = f"{number(done)}/{number(total)}" if total else number(done)
    return f"{shown} {name}".strip()


def _unit_name(unit: str, lang: str) -> str:
    if unit not in UNITS:
        return unit
    return translated(f"progress_unit_{unit}", lang)


@dataclass
class _Step:
    """One line of the display: a plain step, a counted part of one, or the rendering."""

    label: str
    started: float
    task: TaskID | None = None
    indent: bool = False
    #: The rendering's outputs in progress (name → label, start) and how many are done.
    running: dict[str, tuple[str, float]] = field(default_factory=dict)
    done: int = 0


class _StatusColumn(SpinnerColumn):
    """A spinner while a line runs, a check mark once it is done."""

    def __init__(self) -> None:
        super().__init__(finished_text=Text("✓", style="green"))


class _BarColumn(ProgressColumn):
    """A bar for lines whose total is known; nothing for the others."""

    def __init__(self) -> None:
        super().__init__()
        self.bar = BarColumn(bar_width=30)

    def render(self, task: Task) -> RenderableType:
        if task.fields.get("bar") and not task.finished:
            return self.bar.render(task)
        return Text("")


class _DetailColumn(ProgressColumn):
    """The count of a line (``12/40 rows``) while it runs, its duration once done."""

    def render(self, task: Task) -> RenderableType:
        return Text(str(task.fields.get("detail", "")), style="dim")


class ProgressDisplay:
    """A progress callback that shows the steps on stderr; use it as a context manager.

    ``console`` defaults to rich's console on stderr. Nothing is drawn when ``quiet`` or when
    the console is not a terminal. ``verbose`` prints a line per finished step (its name and
    duration) and the total, on the console, whether it is a terminal or not; ``quiet`` wins
    over ``verbose``. ``lang`` is the language of the step names ("fr" or "en").
    """

    def __init__(
        self,
        *,
        lang: str = "en",
        quiet: bool = False,
        verbose: bool = False,
        console: Console | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.lang = lang
        self.console = console if console is not None else Console(stderr=True, highlight=False)
        self.verbose = verbose and not quiet
        self.clock = clock
        self.live = not quiet and self.console.is_terminal
        self._bars: RichProgress | None = None
        self._plain: _Step | None = None
        self._parts: dict[str, _Step] = {}
        self._render: _Step | None = None
        self._started = clock()

    # -- context manager ---------------------------------------------------------------------

    def __enter__(self) -> ProgressDisplay:
        self._started = self.clock()
        if self.live:
            self._bars = RichProgress(
                _StatusColumn(),
                TextColumn("{task.description}"),
                _BarColumn(),
                _DetailColumn(),
                console=self.console,
                transient=True,
                refresh_per_second=8,
            )
            self._bars.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close(failed=error is not None)

    def close(self, *, failed: bool = False) -> None:
        """Finish the open steps (timing them), print the total when verbose, stop drawing."""
        now = self.clock()
        if not failed:
            self._finish_parts(now)
            self._finish_render(now)
            self._finish_plain(now)
        if self._bars is not None:
            self._bars.stop()
            self._bars = None
        if self.verbose and not failed:
            total = translated("progress_total", self.lang)
            self._say(f"{total} {format_duration(now - self._started, self.lang)}")

    # -- the callback ------------------------------------------------------------------------

    def __call__(self, text: str) -> None:
        now = self.clock()
        if isinstance(text, StepProgress):
            self._part(text, now)
        elif isinstance(text, Progress):
            self._rendering(text, now)
        else:
            self._finish_parts(now)
            self._finish_plain(now)
            label = step_label(text, self.lang)
            self._plain = _Step(label, now, self._add(label))

    def _part(self, progress: StepProgress, now: float) -> None:
        step = self._parts.get(progress.step)
        if step is None:
            label = step_label(progress.step, self.lang)
            task = self._add(label, indent=True)
            step = self._parts[progress.step] = _Step(label, now, task, indent=True)
        self._update(
            step.task,
            bar=bool(progress.total),
            total=progress.total or None,
            completed=progress.done,
            detail=_count(progress.done, progress.total, progress.unit, self.lang),
        )
        if progress.finished:
            del self._parts[progress.step]
            self._finish(step, now)

    def _rendering(self, progress: Progress, now: float) -> None:
        # The outputs are rendered while the build goes on (the next edition's HTML): the step
        # that was running ends when its first output is handed over.
        self._finish_plain(now)
        render = self._render
        if render is None:
            label = step_label("outputs", self.lang)
            render = self._render = _Step(label, now, self._add(label))
        running = set(progress.running)
        ended = 0
        for name, (label, started) in list(render.running.items()):
            if name not in running:
                del render.running[name]
                ended += 1
                self._timed(label, now - started, indent=True)
        if progress.done - render.done > ended:
            # Done without ever running: taken from the cache.
            self._mention(step_label(progress, self.lang), indent=True)
        render.done = progress.done
        for name in progress.running:
            if name not in render.running:
                shown = progress if name in progress else name
                render.running[name] = (step_label(shown, self.lang), now)
        labels = [label for label, _ in render.running.values()]
        if not labels:
            labels = [step_label(progress, self.lang)]
        description = ", ".join(labels[:3]) + (f" (+{len(labels) - 3})" if len(labels) > 3 else "")
        self._update(
            render.task,
            description=description,
            bar=bool(progress.total),
            total=progress.total or None,
            completed=progress.done,
            detail=f"{progress.done}/{progress.total}" if progress.total else "",
        )
        if progress.total and progress.done >= progress.total and not render.running:
            self._finish_render(now)

    # -- steps -------------------------------------------------------------------------------

    def _finish_plain(self, now: float) -> None:
        if self._plain is not None:
            step, self._plain = self._plain, None
            self._finish(step, now)

    def _finish_parts(self, now: float) -> None:
        for step in self._parts.values():
            self._finish(step, now)
        self._parts.clear()

    def _finish_render(self, now: float) -> None:
        render, self._render = self._render, None
        if render is None:
            return
        for label, started in render.running.values():
            self._timed(label, now - started, indent=True)
        self._update(
            render.task,
            description=render.label,
            bar=False,
            total=1,
            completed=1,
            detail=format_duration(now - render.started, self.lang),
        )
        self._timed(render.label, now - render.started)

    def _finish(self, step: _Step, now: float) -> None:
        duration = now - step.started
        detail = format_duration(duration, self.lang)
        # A finished part leaves the screen: the step it belongs to stays, with its duration.
        visible = not step.indent
        self._update(step.task, bar=False, total=1, completed=1, detail=detail, visible=visible)
        self._timed(step.label, duration, indent=step.indent)

    def _timed(self, label: str, seconds: float, *, indent: bool = False) -> None:
        self._mention(f"{label} {format_duration(seconds, self.lang)}", indent=indent)

    def _mention(self, line: str, *, indent: bool = False) -> None:
        if self.verbose:
            self._say(f"  {line}" if indent else line)

    # -- drawing -----------------------------------------------------------------------------

    def _add(self, label: str, *, indent: bool = False) -> TaskID | None:
        if self._bars is None:
            return None
        shown = f"  {label}" if indent else label
        return self._bars.add_task(shown, total=None, bar=False, detail="")

    def _update(
        self,
        task: TaskID | None,
        *,
        bar: bool,
        detail: str,
        total: int | None = None,
        completed: int | None = None,
        description: str | None = None,
        visible: bool = True,
    ) -> None:
        if task is None or self._bars is None:
            return
        self._bars.update(
            task,
            description=description,
            visible=visible,
            total=total,
            completed=completed,
            bar=bar,
            detail=detail,
        )

    def _say(self, line: str) -> None:
        # Printed above the live lines when there are some; plain text in a log otherwise.
        self.console.print(line, markup=False, highlight=False, soft_wrap=True)
