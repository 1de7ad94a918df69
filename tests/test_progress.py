"""Progress on stderr: quiet when asked or not on a terminal, bars, timings with --verbose."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, run_cli
from rich.console import Console
from test_build import write_dataset

from dossier.build.pipeline import BuildResult
from dossier.cli.display import ProgressDisplay, format_duration
from dossier.events import Progress, StepProgress
from dossier.validate.rows import load_and_validate
from dossier.validate.validation_report import ValidationReport

SAMPLE = REPO / "sample_data" / "incidents.xlsx"
DURATION = r"\d+[.,]\d{1,2}\u00a0?\s?s"


class Clock:
    """A clock the test moves: each step takes the time the script says."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def console(*, terminal: bool) -> tuple[Console, io.StringIO]:
    stream = io.StringIO()
    return Console(file=stream, force_terminal=terminal, width=100, highlight=False), stream


def play(display: ProgressDisplay, clock: Clock) -> None:
    """A build as build() and the renderer report it: steps, parts, two outputs in parallel."""
    with display:
        display("validate")
        clock.advance(0.1)
        display(StepProgress("read incidents.xlsx: incidents", done=0, total=70, unit="rows"))
        clock.advance(0.2)
        display(
            StepProgress(
                "read incidents.xlsx: incidents", done=70, total=70, unit="rows", finished=True
            )
        )
        display(StepProgress("hash evidence", done=0, total=2, unit="files"))
        clock.advance(0.12)
        display(StepProgress("hash evidence", done=2, total=2, unit="files", finished=True))
        display("render ddd-fr")
        clock.advance(0.5)
        running = ["ddd-fr.pdf"]
        display(Progress("typeset ddd-fr.pdf", done=0, total=2, running=running))
        display("render ddd-en")
        clock.advance(0.3)
        running = ["ddd-fr.pdf", "ddd-en.pdf"]
        display(Progress("typeset ddd-en.pdf", done=0, total=2, running=running))
        clock.advance(12.0)
        display(Progress("built ddd-fr.pdf (1/2)", done=1, total=2, running=["ddd-en.pdf"]))
        clock.advance(1.0)
        display(Progress("built ddd-en.pdf (2/2)", done=2, total=2, running=[]))
        display("write")
        clock.advance(0.01)


def test_verbose_prints_each_step_with_its_duration_and_the_total() -> None:
    clock = Clock()
    out, stream = console(terminal=False)
    play(ProgressDisplay(verbose=True, console=out, clock=clock), clock)
    assert stream.getvalue().splitlines() == [
        "  read incidents.xlsx: incidents 0.20 s",
        "  hash evidence 0.12 s",
        "validate 0.42 s",
        "render ddd-fr 0.50 s",
        "render ddd-en 0.30 s",
        "  typeset ddd-fr.pdf 12.3 s",
        "  typeset ddd-en.pdf 13.0 s",
        "outputs 13.3 s",
        "write 0.01 s",
        "total 14.2 s",
    ]


def test_verbose_speaks_the_users_language() -> None:
    clock = Clock()
    out, stream = console(terminal=False)
    play(ProgressDisplay(lang="fr", verbose=True, console=out, clock=clock), clock)
    lines = stream.getvalue().splitlines()
    assert "validation 0,42\u00a0s" in lines
    assert "  empreintes des pièces 0,12\u00a0s" in lines
    assert "  composition ddd-fr.pdf 12,3\u00a0s" in lines
    assert lines[-1] == "total 14,2\u00a0s"


def test_verbose_names_outputs_taken_from_the_cache() -> None:
    out, stream = console(terminal=False)
    with ProgressDisplay(verbose=True, console=out) as display:
        display("render ddd-fr")
        display(Progress("cached ddd-fr.pdf (1/1)", done=1, total=1, running=[]))
    assert "  cached ddd-fr.pdf" in stream.getvalue().splitlines()


def test_quiet_shows_nothing_even_on_a_terminal_and_when_verbose() -> None:
    clock = Clock()
    out, stream = console(terminal=True)
    play(ProgressDisplay(quiet=True, verbose=True, console=out, clock=clock), clock)
    assert stream.getvalue() == ""


def test_nothing_is_drawn_when_the_output_is_not_a_terminal() -> None:
    clock = Clock()
    out, stream = console(terminal=False)
    play(ProgressDisplay(console=out, clock=clock), clock)
    assert stream.getvalue() == ""


def visible_text(raw: str) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", raw)


def wait_for(stream: io.StringIO, pattern: str, seconds: float = 5.0) -> str:
    """The text drawn so far once it matches ``pattern`` (the display redraws 8 times a second)."""
    deadline = time.monotonic() + seconds
    while True:
        text = visible_text(stream.getvalue())
        if re.search(pattern, text) or time.monotonic() > deadline:
            return text
        time.sleep(0.05)


def test_a_progress_with_a_total_draws_a_bar_with_its_count_on_a_terminal() -> None:
    out, stream = console(terminal=True)
    with ProgressDisplay(console=out) as display:
        display("render ddd-fr")
        display(Progress("typeset ddd-fr.pdf", done=1, total=4, running=["ddd-fr.pdf"]))
        drawn = wait_for(stream, r"━.*1/4")
    assert re.search(r"typeset ddd-fr\.pdf\s+[━╸╺]+.*1/4", drawn), drawn
    assert re.search(rf"✓ render ddd-fr\s+{DURATION}", drawn), drawn


def test_rows_read_show_as_a_bar_with_the_count_and_the_unit() -> None:
    out, stream = console(terminal=True)
    with ProgressDisplay(console=out) as display:
        display("validate")
        display(StepProgress("check incidents", done=2000, total=70000, unit="rows"))
        drawn = wait_for(stream, r"2,000/70,000 rows")
    assert re.search(r"⠋|⠙|⠹|⠸|⠼|⠴|⠦|⠧|⠇|⠏", drawn)  # the step runs: a spinner
    assert re.search(r"check incidents\s+[━╸╺]+.*2,000/70,000 rows", drawn), drawn


def test_a_step_without_a_total_gets_a_spinner_and_no_bar() -> None:
    out, stream = console(terminal=True)
    with ProgressDisplay(console=out) as display:
        display("write")
        drawn = wait_for(stream, r"write")
    assert "write" in drawn
    assert "━" not in drawn


def test_durations_read_naturally() -> None:
    assert format_duration(0.4213, "en") == "0.42 s"
    assert format_duration(12.34, "en") == "12.3 s"
    assert format_duration(0.4213, "fr") == "0,42\u00a0s"


def test_a_step_progress_reads_as_its_step_and_count_for_plain_callbacks() -> None:
    assert StepProgress("hash evidence", done=3, total=47, unit="files") == "hash evidence (3/47)"
    assert StepProgress("read incidents.csv", done=512, total=1024, unit="bytes") == (
        "read incidents.csv (50 %)"
    )
    step = StepProgress("open incidents.xlsx", done=0, total=0)
    assert step == "open incidents.xlsx"
    assert isinstance(step, Progress) and (step.done, step.total, step.running) == (0, 0, ())


# -- the library reports loading and hashing ---------------------------------------------------


def test_loading_a_workbook_reports_rows_read_and_every_evidence_file_hashed() -> None:
    messages: list[str] = []
    dataset, report = load_and_validate(SAMPLE, progress=messages.append)
    assert report.ok
    parts = [m for m in messages if isinstance(m, StepProgress)]
    assert parts == messages  # the loading only sends counted parts
    read = [m for m in parts if m.step == "read incidents.xlsx: incidents"]
    assert read[-1].finished and read[-1].unit == "rows" and read[-1].done == read[-1].total > 70
    hashed = [m for m in parts if m.step == "hash evidence"]
    files = [item for item in dataset.evidence if item.file]
    assert len(files) > 10
    assert [m.done for m in hashed] == [*range(len(files) + 1), len(files)]
    assert {m.total for m in hashed} == {len(files)}
    assert hashed[-1].finished and hashed[-1].unit == "files"
    assert [m.step for m in parts if m.finished] == [
        "open incidents.xlsx",
        "read incidents.xlsx: incidents",
        "read incidents.xlsx: persons",
        "read incidents.xlsx: evidence",
        "read incidents.xlsx: proceedings",
        "read incidents.xlsx: interviews",
        "read incidents.xlsx: quotes",
        "read incidents.xlsx: correspondence",
        "check incidents",
        "check persons",
        "check evidence",
        "check proceedings",
        "check interviews",
        "check quotes",
        "check correspondence",
        "hash evidence",
    ]


def test_reading_a_csv_reports_the_share_of_its_bytes_read(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "data")
    messages: list[str] = []
    load_and_validate(folder, progress=messages.append)
    read = [m for m in messages if isinstance(m, StepProgress) and m.step == "read incidents.csv"]
    size = (folder / "incidents.csv").stat().st_size
    assert [(m.done, m.total, m.unit, m.finished) for m in read] == [
        (0, size, "bytes", False),
        (size, size, "bytes", True),
    ]


def test_a_large_csv_reports_its_progress_as_it_goes(tmp_path: Path) -> None:
    lines = ["id,date,commune", *(f"X-{n},2015-06-30,Calais" for n in range(5000))]
    source = tmp_path / "incidents.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    messages: list[str] = []
    load_and_validate(source, progress=messages.append)
    done = [m.done for m in messages if isinstance(m, StepProgress) and m.step.startswith("read")]
    assert len(done) >= 6 and done == sorted(done)
    assert 0 < done[2] < done[-1] == source.stat().st_size


# -- the commands ------------------------------------------------------------------------------


def timing_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.fullmatch(rf"\s*\S.* {DURATION}", line)]


@pytest.mark.parametrize("command", ["validate", "build", "samples"])
def test_quiet_and_verbose_together_are_a_usage_error(command: str, tmp_path: Path) -> None:
    args = [command] if command == "samples" else [command, SAMPLE]
    result = run_cli([*args, "--quiet", "--verbose"], LANG="C.UTF-8", LC_ALL="")
    assert result.exit_code == 2, result.output
    assert "--quiet and --verbose cannot be used together" in result.stderr
    assert not (tmp_path / "out").exists()


def test_build_quiet_prints_nothing_on_stderr_for_the_sample(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(["build", SAMPLE, "--format", "html", "--out", out, "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "manifest.json" in result.stdout
    # Without --quiet: the completeness hint only (no progress: stderr is not a terminal).
    loud = run_cli(["build", SAMPLE, "--format", "html", "--out", out, "--lang", "en"])
    assert loud.exit_code == 0, loud.output
    assert len(loud.stderr.splitlines()) == 1
    assert "completeness warning" in loud.stderr


def test_build_verbose_prints_the_time_of_each_step(tmp_path: Path) -> None:
    result = run_cli(
        ["build", SAMPLE, "--format", "html", "--lang", "en", "--out", tmp_path, "--verbose"]
    )
    assert result.exit_code == 0, result.output
    steps = [line.rsplit(" ", 2)[0] for line in timing_lines(result.stderr)]
    assert steps == [
        "  open incidents.xlsx",
        "  read incidents.xlsx: incidents",
        "  read incidents.xlsx: persons",
        "  read incidents.xlsx: evidence",
        "  read incidents.xlsx: proceedings",
        "  read incidents.xlsx: interviews",
        "  read incidents.xlsx: quotes",
        "  read incidents.xlsx: correspondence",
        "  check incidents",
        "  check persons",
        "  check evidence",
        "  check proceedings",
        "  check interviews",
        "  check quotes",
        "  check correspondence",
        "  hash evidence",
        "validate",
        "render ddd-en",
        "write",
        "total",
    ]
    assert "rows read" in result.stdout and "rows read" not in result.stderr


def test_validate_verbose_times_loading_and_hashing_and_keeps_the_report(tmp_path: Path) -> None:
    plain_run = run_cli(["validate", SAMPLE, "--lang", "en"])
    verbose = run_cli(["validate", SAMPLE, "--lang", "en", "--verbose"])
    quiet = run_cli(["validate", SAMPLE, "--lang", "en", "-q"])
    assert plain_run.exit_code == verbose.exit_code == quiet.exit_code == 0, verbose.output
    assert verbose.stdout == plain_run.stdout == quiet.stdout
    assert plain_run.stderr == quiet.stderr == ""
    steps = [line.rsplit(" ", 2)[0].strip() for line in timing_lines(verbose.stderr)]
    assert "hash evidence" in steps and "read incidents.xlsx: incidents" in steps
    assert steps[-2:] == ["validate", "total"]


def test_validate_verbose_in_french(tmp_path: Path) -> None:
    result = run_cli(["validate", SAMPLE, "--lang", "fr", "-v"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^  empreintes des pièces \d+,\d\d\u00a0s$", result.stderr, re.MULTILINE)
    assert re.search(r"^total \d+,\d\d\u00a0s$", result.stderr, re.MULTILINE)


def test_samples_passes_jobs_and_cache_options_to_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dossier.commands.sample_dossiers

    seen: dict[str, Any] = {}

    def fake_build(source: Path, **options: Any) -> BuildResult:
        seen.update(options)
        return BuildResult([], ValidationReport(), tmp_path / "manifest.json")

    monkeypatch.setattr(dossier.commands.sample_dossiers, "build_dossiers", fake_build)
    monkeypatch.setattr(
        dossier.commands.sample_dossiers, "check_outputs", lambda folder, expected: []
    )
    cache = tmp_path / "cache"
    args = ["samples", "--out", tmp_path / "out", "--jobs", "3", "--cache-dir", cache, "-q"]
    result = run_cli([*args, "--no-cache"])
    assert result.exit_code == 0, result.output
    assert (seen["jobs"], seen["cache_dir"], seen["use_cache"]) == (3, cache, False)
    result = run_cli(["samples", "--out", tmp_path / "out"])
    assert result.exit_code == 0, result.output
    assert (seen["jobs"], seen["cache_dir"], seen["use_cache"]) == (None, None, True)
    assert run_cli(["samples", "--jobs", "0"]).exit_code == 2


def test_help_documents_the_options() -> None:
    for command in ("validate", "build", "samples"):
        text = run_cli([command, "--help"]).stdout
        assert "--quiet" in text and "-q" in text and "--verbose" in text, command
    assert "--cache-dir" in run_cli(["samples", "--help"]).stdout


# -- on a real terminal --------------------------------------------------------------------------


def run_on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run ``dossier`` with stderr on a pseudo-terminal and stdout on a pipe."""
    master, slave = pty.openpty()
    environment = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": "120",
        "LANG": "C.UTF-8",
        "LC_ALL": "",
    }
    for variable in ("NO_COLOR", "TTY_INTERACTIVE", "TTY_COMPATIBLE", "FORCE_COLOR"):
        environment.pop(variable, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "dossier", *args],
        stdout=subprocess.PIPE,
        stderr=slave,
        cwd=cwd,
        env=environment,
    )
    os.close(slave)
    drawn = b""
    for chunk in _read_all(master, process):
        drawn += chunk
    stdout, _ = process.communicate(timeout=60)
    os.close(master)
    text = drawn.decode("utf-8", errors="replace")
    return process.returncode, stdout.decode(), visible_text(text)


def _read_all(master: int, process: subprocess.Popen[bytes]) -> Iterator[bytes]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                return
            if not chunk:
                return
            yield chunk
        elif process.poll() is not None:
            return


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_on_a_terminal_steps_show_and_quiet_hides_them(tmp_path: Path) -> None:
    args = ["build", str(SAMPLE), "--format", "html", "--lang", "en", "--out", str(tmp_path)]
    code, stdout, drawn = run_on_a_terminal(args, tmp_path)
    assert code == 0, drawn
    assert re.search(rf"✓ validate\s+{DURATION}", drawn), drawn
    assert "render ddd-en" in drawn
    assert "manifest.json" in stdout and "validate" not in stdout
    code, stdout, drawn = run_on_a_terminal([*args, "--quiet"], tmp_path)
    assert code == 0, drawn
    assert drawn.strip() == ""
    assert "manifest.json" in stdout


# -- a real PDF build ----------------------------------------------------------------------------


@pytest.mark.slow
def test_build_verbose_times_the_typesetting_of_each_pdf(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "out"
    result = run_cli(
        ["build", data, "--lang", "en,fr", "--out", out, "--verbose", "--jobs", "2", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    steps = [line.rsplit(" ", 2)[0] for line in timing_lines(result.stderr)]
    assert "  typeset ddd-fr.pdf" in steps and "  typeset ddd-en.pdf" in steps, result.stderr
    assert steps[-3:] == ["outputs", "write", "total"], result.stderr
    quiet = run_cli(["build", data, "--lang", "en", "--out", out, "--quiet"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == ""
