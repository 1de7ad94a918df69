"""Timecodes of a video as the evidence sheet writes them: ``1:02:03``, ``2:03``, ``2:03.5``."""

from __future__ import annotations

import re

_TIMECODE = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d+))?$")


def parse_timecode(text: str) -> float | None:
    """``"1:02:03"``, ``"2:03"`` or ``"2:03.5"`` in seconds; None when it is not a timecode."""
    match = _TIMECODE.match(text.strip())
    if match is None:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        return None
    value = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return value + (float(f"0.{fraction}") if fraction else 0.0)
