"""Benchmark large builds against one WeasyPrint render of the same HTML.

Usage: python bench/bench_parallel.py [--sizes 1000,5000] [--jobs N] [--with-fr-en]
                                     [--no-baseline]

For each size it generates a fictional workbook (bench_build.make_workbook), then runs each
scenario in a child process and prints its wall time, the peak memory of the whole process
tree (the child, its fork server and its workers: the sum of their proportional set sizes,
so pages shared after a fork count once, sampled from /proc every 50 ms) and ratios:

  baseline        one render_pdf() of the French DDD HTML in one process: what a single
                  WeasyPrint call costs on the HTML the build produces
  full build      dossier build of that PDF (load, validate, assemble, typeset in pieces on
                  --jobs workers, join, write), with an empty render cache
  rebuild         the same build after one incident's French account changed, with the cache
                  the full build filled
  fr+en           (--with-fr-en) the French and English PDFs in one build, no cache

--no-baseline leaves the single render out (it takes 17 minutes and 6 GB at 5,000
incidents), and with it the ratios to it: for checking the build's time and memory only.

Targets (issue 8, on a 2-core machine): full build <= 0.6 x baseline at 1,000 incidents;
rebuild <= 0.15 x full build; peak memory <= 500 MB at 1,000 incidents and growing by no
more than 20 % from 1,000 to 5,000. This is a script, not a timed test: the figures depend
on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import make_workbook

BASELINE_CHILD = """
import json, sys, time
from pathlib import Path
from dossier.render.html import asset_dirs
from dossier.render.pdf import render_pdf
html = Path(sys.argv[1]).read_text(encoding="utf-8")
started = time.perf_counter()
result = render_pdf(html, asset_dirs=asset_dirs(None), lang="fr", title="Bench",
                    author="Bench", subject="Bench")
print(json.dumps({"seconds": time.perf_counter() - started, "pages": result.pages}))
"""

BUILD_CHILD = """
import json, sys, time
from pathlib import Path
from dossier.build.pipeline import build_dossiers
def main():
    source, out, jobs, cache, langs = sys.argv[1:6]
    started = time.perf_counter()
    result = build_dossiers(Path(source), langs=langs.split(","), formats=["pdf"], out=Path(out),
                   jobs=int(jobs), cache_dir=Path(cache) if cache != "-" else None,
                   use_cache=cache != "-")
    pages = sum(o.pages or 0 for o in result.outputs)
    print(json.dumps({"seconds": time.perf_counter() - started, "pages": pages,
                      "notes": result.notes}))
if __name__ == "__main__":
    main()
"""


def tree_memory_kb(root: int) -> int:
    """Memory of ``root`` and all its descendants, in KiB: the sum of their proportional set
    sizes (Linux /proc/PID/smaps_rollup), so copy-on-write pages shared after a fork count
    once; the resident set size where smaps_rollup is missing."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    members = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in members and pid not in members:
                members.add(pid)
                grew = True
    total = 0
    for pid in members:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
            continue
        except (OSError, IndexError, ValueError):
            pass
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    return total


def run_child(code: str, *args: str) -> dict[str, float]:
    """Run ``code`` in a child; return its JSON figures plus wall time and peak tree memory."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_memory_kb(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    done.set()
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"child failed:\n{stderr}")
    figures: dict[str, float] = json.loads(stdout.strip().splitlines()[-1])
    figures["wall"] = time.perf_counter() - started
    figures["peak_mb"] = peak / 1024
    return figures


def edit_one_incident(folder: Path) -> None:
    """Change the French account of the first incident, as a volunteer fixing a typo would."""
    path = folder / "incidents.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("summary fr")
    rows[1][column] = rows[1][column].replace("gaz lacrymogène", "gaz lacrymogènes", 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--with-fr-en", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    print(f"cores available: {len(os.sched_getaffinity(0))}, jobs: {options.jobs}")
    print(
        f"{'incidents':>9} {'scenario':<26} {'seconds':>8} {'pages':>6} {'peak MB':>8} "
        f"{'ratio':>22}"
    )
    peaks: dict[int, float] = {}
    try:
        for size in (int(part) for part in options.sizes.split(",")):
            source = make_workbook(work / f"in-{size}", size)
            cache = work / f"cache-{size}"
            html_out = work / f"html-{size}"
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import sys; from pathlib import Path; "
                    "from dossier.build.pipeline import build_dossiers; "
                    "build_dossiers(Path(sys.argv[1]), langs=['fr'], formats=['html'], "
                    "out=Path(sys.argv[2]))",
                    str(source),
                    str(html_out),
                ],
                check=True,
            )
            html = html_out / "ddd-fr.html"
            jobs = str(options.jobs)
            baseline = None if options.no_baseline else run_child(BASELINE_CHILD, str(html))
            full = run_child(BUILD_CHILD, str(source), str(work / "full"), jobs, str(cache), "fr")
            edit_one_incident(source)
            rebuild = run_child(
                BUILD_CHILD, str(source), str(work / "full"), jobs, str(cache), "fr"
            )
            rows = [] if baseline is None else [("baseline (1 render)", baseline, "")]
            rows += [
                (
                    "full build, empty cache",
                    full,
                    ""
                    if baseline is None
                    else f"{full['seconds'] / baseline['seconds']:.2f} x baseline",
                ),
                (
                    "rebuild after 1 edit",
                    rebuild,
                    f"{rebuild['seconds'] / full['seconds']:.2f} x full",
                ),
            ]
            if options.with_fr_en:
                both = run_child(BUILD_CHILD, str(source), str(work / "both"), jobs, "-", "fr,en")
                rows.append(
                    (
                        "fr+en, no cache",
                        both,
                        ""
                        if baseline is None
                        else f"{both['seconds'] / baseline['seconds']:.2f} x baseline",
                    )
                )
            for label, figures, ratio in rows:
                print(
                    f"{size:>9} {label:<26} {figures['seconds']:8.2f} {int(figures['pages']):>6} "
                    f"{figures['peak_mb']:8.0f} {ratio:>22}"
                )
                for note in figures.get("notes") or []:
                    print(f"{'':>9} note: {note}")
            peaks[size] = max(full["peak_mb"], rebuild["peak_mb"])
        sizes = sorted(peaks)
        if len(sizes) >= 2:
            small, large = sizes[0], sizes[-1]
            growth = (peaks[large] / peaks[small] - 1) * 100
            print(
                f"build peak memory: {peaks[small]:.0f} MB at {small}, {peaks[large]:.0f} MB at "
                f"{large} ({growth:+.0f} %)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
