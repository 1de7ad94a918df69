"""Benchmark the PDF build on several workbook shapes against one render of the same HTML.

Usage: python bench/bench_shapes.py [--incidents 1000] [--growth 5000] [--shapes short,long,flow]
                                    [--jobs N] [--quick]

For each shape of bench/shapes.py (short accounts; long accounts with many persons and
exhibits; the month-grouped flow of uneven French accounts) at ``--incidents`` incidents, in
this one run and each in a child process of its own:

  single render   one render_pdf() of the French DDD HTML the build produces, with the same
                  stylesheet and assets: what one WeasyPrint call costs on that HTML
  full build      dossier build of that PDF (load, validate, assemble, typeset in pieces on
                  --jobs workers, join, write) with an empty render cache
  rebuild         the same build after one word of one incident's French account changed,
                  with the cache the full build filled

and the peak memory of each child's process tree (the sum of the proportional set sizes of
the child, its fork server and its workers, sampled every 50 ms). Then one full build of the
``flow`` shape at ``--growth`` incidents (no single render: at 5,000 incidents it takes a
quarter of an hour and 7 GB), made right after the ``flow`` shape's figures, gives the
growth of the build's peak memory.

It prints one line per figure and the ratios, and says for each target whether it is met
(issue 25, 2 cores): full build <= 0.6 x single render on every shape; rebuild <= 0.1 x full
build; peak <= 500 MB at 1,000 incidents and growing by <= 20 % to 5,000. ``--quick`` (30
incidents, growth point at 60) checks that the script runs; its figures say little. This is a
script, not a timed test: the figures depend on the machine and on what else runs on it, so
only ratios measured in the same run compare.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_parallel import BASELINE_CHILD, BUILD_CHILD, run_child
from shapes import SHAPES, edit_one_incident

TARGET_FULL = 0.6
TARGET_REBUILD = 0.1
TARGET_PEAK_MB = 500.0
TARGET_GROWTH = 0.20

HTML_CHILD = (
    "import sys; from pathlib import Path; "
    "from dossier.build.pipeline import build_dossiers; "
    "build_dossiers(Path(sys.argv[1]), langs=['fr'], formats=['html'], out=Path(sys.argv[2]))"
)


def _verdict(met: bool) -> str:
    return "target met" if met else "TARGET MISSED"


def _line(shape: str, size: int, label: str, figures: dict[str, float], ratio: str) -> None:
    print(
        f"{shape:<6} {size:>6} {label:<22} {figures['seconds']:8.2f} "
        f"{int(figures['pages']):>6} {figures['peak_mb']:8.0f}  {ratio}",
        flush=True,
    )


def bench_shape(work: Path, shape: str, size: int, jobs: int) -> dict[str, float]:
    """Single render, full build and rebuild of one shape; prints them and returns the ratios."""
    source = SHAPES[shape](work / f"in-{shape}-{size}", size)
    html_out = work / f"html-{shape}-{size}"
    subprocess.run([sys.executable, "-c", HTML_CHILD, str(source), str(html_out)], check=True)
    single = run_child(BASELINE_CHILD, str(html_out / "ddd-fr.html"))
    cache = work / f"cache-{shape}-{size}"
    out = work / f"out-{shape}-{size}"
    full = run_child(BUILD_CHILD, str(source), str(out), str(jobs), str(cache), "fr")
    edit_one_incident(source)
    rebuild = run_child(BUILD_CHILD, str(source), str(out), str(jobs), str(cache), "fr")
    full_ratio = full["seconds"] / single["seconds"]
    rebuild_ratio = rebuild["seconds"] / full["seconds"]
    peak = max(full["peak_mb"], rebuild["peak_mb"])
    _line(shape, size, "single render", single, "")
    _line(shape, size, "full build, empty cache", full, f"{full_ratio:.2f} x single render")
    _line(shape, size, "rebuild after 1 edit", rebuild, f"{rebuild_ratio:.2f} x full build")
    for note in [*(full.get("notes") or []), *(rebuild.get("notes") or [])]:  # type: ignore[misc]
        print(f"{'':>14} note: {note}")
    return {"full": full_ratio, "rebuild": rebuild_ratio, "peak": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=1000)
    parser.add_argument("--growth", type=int, default=5000, help="0: no growth point")
    parser.add_argument("--shapes", default="flow,short,long")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--quick", action="store_true", help="30 incidents, growth at 60")
    options = parser.parse_args()
    if options.quick:
        options.incidents, options.growth = 30, 60
    shapes = [name for name in options.shapes.split(",") if name]
    unknown = [name for name in shapes if name not in SHAPES]
    if unknown:
        parser.error(f"unknown shape(s): {', '.join(unknown)} (known: {', '.join(SHAPES)})")
    load = os.getloadavg()
    print(
        f"cores available: {len(os.sched_getaffinity(0))}, jobs: {options.jobs}, "
        f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
        flush=True,
    )
    print(f"{'shape':<6} {'size':>6} {'scenario':<22} {'seconds':>8} {'pages':>6} {'peak MB':>8}")
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-shapes-"))
    try:
        results: dict[str, dict[str, float]] = {}
        growth = None
        for shape in shapes:
            results[shape] = bench_shape(work, shape, options.incidents, options.jobs)
            if shape != "flow" or not options.growth:
                continue
            # The memory point comes right after the flow shape's figures, which it compares to.
            source = SHAPES["flow"](work / f"in-flow-{options.growth}", options.growth)
            big = run_child(
                BUILD_CHILD, str(source), str(work / "out-growth"), str(options.jobs),
                str(work / "cache-growth"), "fr",
            )  # fmt: skip
            _line("flow", options.growth, "full build, empty cache", big, "(memory point)")
            growth = big["peak_mb"] / results["flow"]["peak"] - 1
        print("summary:")
        for shape, ratios in results.items():
            print(
                f"  {shape:<6} full build {ratios['full']:.2f} x single render "
                f"({_verdict(ratios['full'] <= TARGET_FULL)}); "
                f"rebuild {ratios['rebuild']:.2f} x full build "
                f"({_verdict(ratios['rebuild'] <= TARGET_REBUILD)}); "
                f"peak {ratios['peak']:.0f} MB ({_verdict(ratios['peak'] <= TARGET_PEAK_MB)})"
            )
        if growth is not None:
            print(
                f"  flow   peak memory from {options.incidents} to {options.growth} incidents: "
                f"{growth * 100:+.0f} % ({_verdict(growth <= TARGET_GROWTH)})"
            )
        load = os.getloadavg()
        print(f"load average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
