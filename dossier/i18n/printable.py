"""Text made safe to echo to a terminal or a log: what a cell, a file name or a sheet name holds
can never move the cursor, retitle the window or reorder the line around it."""

from __future__ import annotations

import re

__all__ = ["printable"]

# C0 and C1 controls (ESC starts terminal sequences; CSI is U+009B), DEL.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Explicit direction marks, embeddings, overrides and isolates: they reorder what follows.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters written as escapes (``\\x1b``) and direction controls
    removed; tabs and line breaks written as ``\\t``, ``\\n`` too, so one value stays one line."""
    text = _BIDI.sub("", text)
    text = text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return _CONTROLS.sub(lambda match: f"\\x{ord(match.group(0)):02x}", text)
