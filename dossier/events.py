"""Progress events: what library code reports while it works, for any display to show.

A progress callback receives ``str`` messages: a plain string starts a step ("validate",
"render ddd-fr", "write"); a :class:`Progress` reports how far the rendering of the outputs has
got (``done``/``total``, and the outputs ``running`` now); a :class:`StepProgress` (a
``Progress`` too) reports a part of a step that counts rows, files or bytes. Nothing here draws:
the terminal display lives with the command line (:mod:`dossier.cli.display`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

__all__ = ["Progress", "ProgressCallback", "StepProgress", "counted"]

T = TypeVar("T")

#: What a build or a load calls with each progress message.
ProgressCallback = Callable[[str], None]


class Progress(str):
    """A progress message, and how far the rendering of the outputs has got.

    It is a ``str`` (what a progress callback always received); a display that wants more
    reads ``done``, ``total`` and ``running`` (the outputs being rendered now).
    """

    done: int
    total: int
    running: tuple[str, ...]

    def __new__(cls, message: str, *, done: int, total: int, running: Sequence[str]) -> Progress:
        step = super().__new__(cls, message)
        step.done = done
        step.total = total
        step.running = tuple(running)
        return step


class StepProgress(Progress):
    """How far a part of a step has got: ``done`` of ``total`` ``unit`` (rows, files, bytes).

    ``step`` names it ("read incidents.xlsx: incidents", "hash evidence") and stays the same
    from its first message to its last, which has ``finished`` true. A ``total`` of 0 means
    unknown (a spinner rather than a bar). As a ``str`` it reads like the step and its count,
    for callbacks that only print messages.
    """

    step: str
    unit: str
    finished: bool

    def __new__(
        cls,
        step: str,
        *,
        done: int,
        total: int,
        unit: str = "",
        finished: bool = False,
        running: Sequence[str] = (),
    ) -> StepProgress:
        if unit == "bytes" and total:
            count = f"{min(100, done * 100 // total)} %"
        elif total:
            count = f"{done}/{total}"
        else:
            count = str(done) if done else ""
        text = f"{step} ({count})" if count else step
        progress = super().__new__(cls, text, done=done, total=total, running=running)
        assert isinstance(progress, StepProgress)
        progress.step = step
        progress.unit = unit
        progress.finished = finished
        return progress


def counted(
    items: Iterable[T],
    report: Callable[[str], None],
    step: str,
    *,
    total: int,
    unit: str = "rows",
    position: Callable[[], int] | None = None,
    every: int = 1000,
) -> Iterator[T]:
    """``items``, reporting every ``every`` items how far they have got, then that they are done.

    ``done`` counts the items handed out and finished with (an item is done when the next one
    is asked for), or is what ``position`` says (e.g. the bytes of a file read so far).
    """
    done = 0
    report(StepProgress(step, done=0, total=total, unit=unit))
    for item in items:
        yield item
        done += 1
        if not done % every:
            shown = position() if position is not None else done
            report(
                StepProgress(
                    step, done=min(shown, total) if total else shown, total=total, unit=unit
                )
            )
    final = total if position is not None else done
    report(StepProgress(step, done=final, total=max(total, final), unit=unit, finished=True))
