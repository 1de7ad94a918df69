"""bench/bench_shapes.py runs and prints every figure (its --quick run: no timing is checked)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Some twenty child processes (each imports WeasyPrint): about two minutes on a busy machine.
pytestmark = pytest.mark.slow


def test_quick_run_prints_every_figure_of_every_shape() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_shapes.py"), "--quick", "--jobs", "2"],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout
    number = r"\d+\.\d\d"
    for shape in ("short", "long", "flow"):
        assert re.search(rf"^{shape}\s+30 single render\s+{number}\s+\d+\s+\d+", out, re.M), out
        assert re.search(
            rf"^{shape}\s+30 full build, empty cache\s+{number}\s+\d+\s+\d+\s+"
            rf"{number} x single render",
            out,
            re.M,
        ), out
        assert re.search(
            rf"^{shape}\s+30 rebuild after 1 edit\s+{number}\s+\d+\s+\d+\s+{number} x full build",
            out,
            re.M,
        ), out
        assert re.search(
            rf"^  {shape}\s+full build {number} x single render \(target (met|MISSED)\); "
            rf"rebuild {number} x full build",
            out.replace("TARGET MISSED", "target MISSED"),
            re.M,
        ), out
    assert re.search(rf"^flow\s+60 full build, empty cache\s+{number}", out, re.M), out
    assert re.search(r"peak memory from 30 to 60 incidents: [+-]\d+ %", out), out
    assert re.search(r"^cores available: \d+, jobs: 2, load average at start", out, re.M), out
