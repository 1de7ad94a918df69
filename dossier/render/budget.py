"""The time and memory budget of one template render: steps counted, seconds and memory bounded.

A template is code an editor (or another group's pack) wrote. The sandbox keeps it from Python;
this keeps it from running for ever or filling the memory: every loop iteration and every call
is a step, and every few thousand steps the clock and the process's resident memory are read.
Text joined with ``~`` is measured before it is made. Past a budget the render stops with
Jinja's ``SecurityError``, which the renderer reports at the template's file and line.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.visitor import NodeTransformer

from dossier.i18n.messages import Message

#: Loop iterations and calls (a macro's call counts :data:`MACRO_STEPS`) one render may take.
#: The built-in layouts take at most 265 steps an incident (the ``report`` layout for the
#: ``ddd`` audience, on the 70-incident sample), so this leaves room for some 75,000
#: incidents in one dossier; ``range(100000)`` nested in another reaches it in a few seconds.
MAX_TEMPLATE_STEPS = 20_000_000
#: What a macro's call counts: it costs some fifty loop turns.
MACRO_STEPS = 50
#: Seconds one render may take: a backstop for the slow steps the count does not weigh (the
#: 70-incident sample's report takes a few seconds, its charts included).
MAX_TEMPLATE_SECONDS = 300.0
#: Resident memory one render may add to the process; as much as the longest output
#: (256,000,000 characters) takes.
MAX_TEMPLATE_MEMORY = 1024**3
#: Longest text ``~`` may make (the same bound as a value passed to a call).
MAX_JOINED_TEXT = 50_000_000
#: The clock and the memory are read every this many steps (a power of two).
CHECK_EVERY = 4096
#: A value this long has the memory read at once (``l.append('x' * 1000000)`` in a loop).
LARGE_VALUE = 100_000

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_bytes() -> int:
    """The process's resident memory now (Linux), else its peak so far."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def _grouped(number: float) -> str:
    return f"{number:,.0f}"


class RenderBudget:
    """The steps, seconds and memory one render may still spend; :meth:`start` before it."""

    def __init__(
        self,
        steps: int = MAX_TEMPLATE_STEPS,
        seconds: float = MAX_TEMPLATE_SECONDS,
        memory: int = MAX_TEMPLATE_MEMORY,
    ) -> None:
        self.max_steps = steps
        self.seconds = seconds
        self.memory = memory
        self.start()

    def start(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + self.seconds
        self.baseline = resident_bytes()

    def step(self, weight: int = 1) -> None:
        before = self.steps
        self.steps += weight
        if before // CHECK_EVERY != self.steps // CHECK_EVERY:
            self.check()

    def measure(self, value: Any) -> None:
        """Read the memory at once when a template makes or passes on a large value."""
        if isinstance(value, (str, list, tuple)) and len(value) >= LARGE_VALUE:
            self.check_memory()

    def check(self) -> None:
        """Raise a :class:`~jinja2.exceptions.SecurityError` when a budget is spent."""
        if self.steps > self.max_steps:
            limit = _grouped(self.max_steps)
            raise SecurityError(Message("template.too_many_steps", limit=limit))
        if time.monotonic() > self.deadline:
            raise SecurityError(Message("template.too_long", seconds=_grouped(self.seconds)))
        self.check_memory()

    def check_memory(self) -> None:
        if resident_bytes() - self.baseline > self.memory:
            mebibytes = _grouped(self.memory / 1024**2)
            raise SecurityError(Message("template.too_much_memory", mebibytes=mebibytes))

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """``iterable``, a step per item: what every ``{% for %}`` of a template walks."""
        for item in iterable:
            self.steps += 1
            if not self.steps & (CHECK_EVERY - 1):
                self.check()
            yield item

    def joined(self, join: Callable[[Sequence[Any]], Any], values: Sequence[Any]) -> Any:
        """``a ~ b ~ …`` (or ``a + b``), measured before it is made (``ns.s ~ ns.s`` doubles)."""
        size = sum(len(value) for value in values if isinstance(value, (str, list, tuple)))
        if size > MAX_JOINED_TEXT:
            limit = _grouped(MAX_JOINED_TEXT)
            raise SecurityError(
                Message("template.text_too_long", count=_grouped(size), limit=limit)
            )
        if size >= LARGE_VALUE:
            self.check_memory()
        return join(values)


class _CountLoops(NodeTransformer):
    """Make every ``{% for x in items %}`` walk ``environment.budget.counted(items)``."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        counted = nodes.Getattr(
            nodes.EnvironmentAttribute("budget"), "counted", "load", lineno=node.lineno
        )
        node.iter = nodes.Call(counted, [node.iter], [], None, None, lineno=node.iter.lineno)
        return node


class BudgetedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with loops counted and ``~`` measured (see :class:`RenderBudget`).

    The environment it compiles for has a ``budget`` attribute; templates cannot reach it (the
    compiled code reads it from the environment, not from the template's names).
    """

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        _CountLoops().visit(node)
        super().visit_Template(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # Jinja's own choice of join, then the values, given to the budget before joining.
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"environment.budget.joined({join}, (")
        for value in node.nodes:
            self.visit(value, frame)
            self.write(", ")
        self.write("))")
