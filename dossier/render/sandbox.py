"""The sandbox templates run in: Jinja's, with limits on what a template may make (repetition,
padding, numbers, call arguments, output) and the render budget of steps, time and memory.

An editor's template pack comes from someone else (docs/security.md): these limits are what
keeps a template from exhausting the machine that builds a dossier.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from dossier.i18n.messages import Message
from dossier.render.budget import (
    CHECK_EVERY,
    MACRO_STEPS,
    BudgetedCodeGenerator,
    RenderBudget,
)

# -- hardening (docs/security.md): what an editor's template may not do -------------------------

#: Longest string or list a template may make by repetition (``'-' * 80``), widest padding a
#: filter or method may be asked for (``center``, ``ljust``), largest number of a call.
MAX_TEMPLATE_REPEAT = 1_000_000
#: Longest value a template may pass to a call (a macro, a method), and longest output.
MAX_TEMPLATE_TEXT = 50_000_000
MAX_TEMPLATE_OUTPUT = 256_000_000


def _grouped(number: int) -> str:
    """``1,000,000``: the limits are told with their digits grouped, as they always were."""
    return f"{number:,}"


def _refuse_large_arguments(args: Sequence[Any], kwargs: dict[str, Any], *, numbers: bool) -> None:
    """Refuse a huge number (when ``numbers``: padding, repetition) or a huge value passed on."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool):
            if numbers and abs(value) > MAX_TEMPLATE_REPEAT:
                raise SecurityError(
                    Message(
                        "template.number_too_large",
                        value=value,
                        limit=_grouped(MAX_TEMPLATE_REPEAT),
                    )
                )
        elif isinstance(value, (str, list, tuple)) and len(value) > MAX_TEMPLATE_TEXT:
            raise SecurityError(Message("template.value_too_large", count=_grouped(len(value))))


#: Widths and precisions written in a format string (``'%9999999999s'``, ``'{:>9999999}'``).
_FORMAT_WIDTH = re.compile(r"(?:%[-+ #0]*\*?|\{[^{}]*:[^{}]*?)(\d{7,})")


def _refuse_wide_format(text: Any) -> None:
    """Refuse a format string asking for a width or precision beyond the repetition bound."""
    if isinstance(text, str):
        for found in _FORMAT_WIDTH.finditer(text):
            if int(found[1]) > MAX_TEMPLATE_REPEAT:
                raise SecurityError(
                    Message(
                        "template.number_too_large",
                        value=found[1],
                        limit=_grouped(MAX_TEMPLATE_REPEAT),
                    )
                )


def _predicted_size(name: str, args: Sequence[Any], kwargs: dict[str, Any]) -> int:
    """How long the text of ``join`` or ``replace`` will be, before it is made."""
    if name == "join" and len(args) >= 2:
        items, separator = args[1], (args[2] if len(args) > 2 else kwargs.get("d", ""))
        count = len(items) if hasattr(items, "__len__") else 0
        return len(str(separator)) * max(count - 1, 0)
    if name == "replace" and len(args) >= 4 and isinstance(args[1], str):
        text, old, new = args[1], str(args[2]), str(args[3])
        return len(text) + (text.count(old) if old else len(text) + 1) * len(new)
    return 0


@functools.cache
def _claims_another_class(kind: type) -> bool:
    """Whether instances of ``kind`` may answer ``__class__`` with something else than
    ``kind`` (a mock, a proxy): ``isinstance`` believes them."""
    return any("__class__" in vars(base) for base in kind.__mro__ if base is not object)


class GuardedSandbox(SandboxedEnvironment):
    """The sandbox, plus bounds on what a template can make memory or time explode with:
    ``'a' * 10**9``, ``10 ** 10 ** 9``, ``'a'.ljust(10**9)``, ``x|center(10**9)``,
    ``lipsum(10**6)``, values doubled in a loop, a gigabyte of output, and a budget of steps,
    seconds and memory for the whole render (:class:`~dossier.render.budget.RenderBudget`)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = BudgetedCodeGenerator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.budget = RenderBudget()
        self._safe_attributes: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's rule, decided once per kind of object and attribute name: it depends on
        nothing else (the name, and whether the object is a function, a method, a type, a
        frame, a generator… — ``isinstance`` tests, which only an object whose class claims
        another ``__class__`` can make differ between two objects of one type: those are
        decided each time). A 1,000-incident dossier reads some 170,000 attributes."""
        kind: type = type(obj)
        key = (kind, attr)
        safe = self._safe_attributes.get(key)
        if safe is None:
            safe = super().is_safe_attribute(obj, attr, value)
            if not _claims_another_class(kind):
                self._safe_attributes[key] = safe
        return safe

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if (
                    isinstance(sequence, (str, list, tuple))
                    and isinstance(times, int)
                    and len(sequence) * times > MAX_TEMPLATE_REPEAT
                ):
                    raise SecurityError(
                        Message("template.repetition_too_long", limit=_grouped(MAX_TEMPLATE_REPEAT))
                    )
            made = super().call_binop(context, operator, left, right)
            self.budget.measure(made)
            return made
        elif operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                # Measured before it is made, as ``~`` is: a value added to itself doubles.
                return self.budget.joined(lambda pair: pair[0] + pair[1], (left, right))
        elif operator == "%":
            _refuse_wide_format(left)
        elif (
            isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and abs(left) > 1
            and right * abs(left).bit_length() > 4096
        ):
            raise SecurityError(Message("template.power_too_large"))
        return super().call_binop(context, operator, left, right)

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        self.budget.step(MACRO_STEPS if isinstance(obj, jinja2.runtime.Macro) else 1)
        for value in (*args, *kwargs.values()):
            self.budget.measure(value)
        # Numbers are bounded for string methods ('a'.ljust(10**9)); a macro may well be given
        # a large figure from the data.
        owner = getattr(obj, "__self__", None)
        padding = isinstance(owner, str)
        if padding and getattr(obj, "__name__", "") in ("format", "format_map"):
            _refuse_wide_format(owner)
        _refuse_large_arguments(args, kwargs, numbers=padding)
        return super().call(context, obj, *args, **kwargs)

    def concat(self, chunks: Any) -> str:
        parts, size = [], 0
        budget = self.budget
        for count, chunk in enumerate(chunks, start=1):
            size += len(chunk)
            if size > MAX_TEMPLATE_OUTPUT:
                raise SecurityError(
                    Message("template.output_too_long", limit=_grouped(MAX_TEMPLATE_OUTPUT))
                )
            if not count & (CHECK_EVERY - 1):
                budget.check()
            parts.append(chunk)
        return "".join(parts)

    def guard_filters(self) -> None:
        """Bound the numbers given to every filter (the filters are called directly), and count
        each filter call as a step of the budget."""
        budget = self.budget

        def bounded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
            # The value filtered comes first (after the context, for the filters that take it):
            # it is data, and a large count must print. What follows (a width) is bounded.
            skip = 2 if hasattr(function, "jinja_pass_arg") else 1

            @functools.wraps(function)  # keeps the pass_context marks Jinja reads
            def guarded(*args: Any, **kwargs: Any) -> Any:
                budget.step()
                _refuse_large_arguments(args[skip:], kwargs, numbers=True)
                if name == "format" and len(args) > skip - 1:
                    _refuse_wide_format(args[skip - 1])
                size = _predicted_size(name, args, kwargs)
                if size > MAX_TEMPLATE_TEXT:
                    raise SecurityError(Message("template.value_too_large", count=_grouped(size)))
                return function(*args, **kwargs)

            return guarded

        self.filters = {name: bounded(name, function) for name, function in self.filters.items()}
        lipsum: Callable[..., Any] = self.globals["lipsum"]  # type: ignore[assignment]

        def short_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
            if n > 50 or max > 500:
                raise SecurityError(Message("template.lipsum_too_long"))
            return lipsum(n, html, min, max)

        self.globals["lipsum"] = short_lipsum
