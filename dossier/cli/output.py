"""Where the command line prints: rich consoles on stdout and stderr, never wrapped in a pipe."""

from __future__ import annotations

import sys

from rich.console import Console

__all__ = ["console"]


def console(stderr: bool = False) -> Console:
    """A console on stdout (or stderr) that prints text as given: no markup, no highlighting."""
    # Piped output (CI logs, files) gets a wide page instead of rich's 80 columns.
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else 140
    return Console(stderr=stderr, highlight=False, soft_wrap=True, width=width)
