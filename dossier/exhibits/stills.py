"""Stills of a video at regular timecodes and at the ones the evidence sheet cites (ffmpeg)."""

from __future__ import annotations

import base64
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from dossier.schema.timecodes import parse_timecode

#: How many stills at regular intervals a video gets, besides the cited moments.
REGULAR_STILLS = 6
#: Width of a still in pixels: enough to see a scene on paper, small enough for a bundle.
STILL_WIDTH = 640
#: Seconds ffmpeg and ffprobe may take on one file before it is given up (a hostile file).
TOOL_TIMEOUT = 60


@dataclass(frozen=True)
class Still:
    """One frame of a video: when, whether the sheet cites that moment, the PNG."""

    seconds: float
    cited: bool
    png: bytes

    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def media_duration(path: Path) -> float | None:
    """The duration of an audio or video file in seconds (ffprobe), or None if unknown."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        return None
    try:
        done = subprocess.run(
            [ffprobe, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
            capture_output=True,
            timeout=TOOL_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    try:
        duration = float(done.stdout.decode("ascii", errors="replace").strip())
    except ValueError:
        return None
    return duration if duration > 0 else None


def still_times(duration: float, cited: list[str]) -> list[tuple[float, bool]]:
    """When to take stills: ``REGULAR_STILLS`` spread over the video, and each cited moment
    within it; sorted, a cited moment replacing a regular one at the same second."""
    times: dict[int, tuple[float, bool]] = {}
    for index in range(REGULAR_STILLS):
        moment = duration * (index + 0.5) / REGULAR_STILLS
        times[int(moment)] = (moment, False)
    for text in cited:
        cited_moment = parse_timecode(text)
        if cited_moment is not None and cited_moment <= duration:
            times[int(cited_moment)] = (cited_moment, True)
    return sorted(times.values())


def video_stills(path: Path, cited: list[str], workdir: Path) -> list[Still]:
    """The stills of the video ``path``; empty when ffmpeg is missing or cannot read it."""
    ffmpeg = shutil.which("ffmpeg")
    duration = media_duration(path)
    if ffmpeg is None or duration is None:
        return []
    workdir.mkdir(parents=True, exist_ok=True)
    stills = []
    for index, (moment, is_cited) in enumerate(still_times(duration, cited)):
        frame = workdir / f"still-{index}.png"
        command = [
            ffmpeg, "-nostdin", "-v", "error", "-y", "-ss", f"{moment:.3f}", "-i", str(path),
            "-frames:v", "1", "-vf", f"scale={STILL_WIDTH}:-2", "-f", "image2", "-c:v", "png",
            # No metadata in the PNG: the same video gives the same bytes.
            "-map_metadata", "-1", "-bitexact", str(frame),
        ]  # fmt: skip
        try:
            subprocess.run(command, capture_output=True, timeout=TOOL_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if frame.is_file() and frame.stat().st_size:
            stills.append(Still(moment, is_cited, frame.read_bytes()))
            frame.unlink()
    return stills
