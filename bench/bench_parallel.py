"""Benchmark parallel, cached (and chunked) builds against one sequential WeasyPrint render.

Usage: python bench/bench_parallel.py [--sizes 100,1000] [--jobs N] [--skip-sequential]

For each size it generates a fictional workbook (bench_build.make_workbook), then runs each
scenario in a child process and prints its wall time, the peak memory of the whole process tree
(the child, its fork server and its workers, sampled from /proc every 50 ms) and the ratio of its
time to the baseline of the same run:

  baseline        one render_pdf() of the French DDD HTML in one process (what a single
                  WeasyPrint call costs; the same HTML the builds produce)
  sequential      dossier build, French and English PDFs, --jobs 1, no cache
  parallel        the same build, --jobs N (default: the cores), no cache
  chunked         the French PDF alone, rendered in parallel chunks (when dossier.render.chunked
                  is there and the dossier is above its threshold)
  warm rebuild    the fr+en build again after one incident's French account changed, with the
                  cache the previous build filled (--jobs N)

This is a script, not a timed test: figures depend on the machine and on what else runs on it.
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
from dossier.build import build
def main():
    source, out, jobs, cache, langs = sys.argv[1:6]
    started = time.perf_counter()
    result = build(Path(source), langs=langs.split(","), formats=["pdf"], out=Path(out),
                   jobs=int(jobs), cache_dir=Path(cache) if cache != "-" else None,
                   use_cache=cache != "-")
    pages = sum(o.pages or 0 for o in result.outputs)
    print(json.dumps({"seconds": time.perf_counter() - started, "pages": pages}))
if __name__ == "__main__":
    main()
"""

CHUNKED_CHILD = """
import json, sys, time
from pathlib import Path
from dossier.render.html import asset_dirs
from dossier.render.chunked import render_pdf_chunked
def main():
    html = Path(sys.argv[1]).read_text(encoding="utf-8")
    jobs, cache = int(sys.argv[2]), sys.argv[3]
    started = time.perf_counter()
    result = render_pdf_chunked(html, asset_dirs=asset_dirs(None), lang="fr", title="Bench",
                                author="Bench", subject="Bench", jobs=jobs,
                                cache_dir=None if cache == "-" else Path(cache))
    print(json.dumps({"seconds": time.perf_counter() - started, "pages": result.pages,
                      "chunks": result.chunks, "fallback": result.fallback}))
if __name__ == "__main__":
    main()
"""


def tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in KiB (Linux /proc)."""
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
            peak = max(peak, tree_rss_kb(process.pid))
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


def has_chunked() -> bool:
    try:
        import dossier.render.chunked  # noqa: F401
    except ImportError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--skip-sequential", action="store_true")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    print(f"cores available: {len(os.sched_getaffinity(0))}, jobs: {options.jobs}")
    print(
        f"{'incidents':>9} {'scenario':<28} {'seconds':>8} {'pages':>6} {'peak MB':>8} {'ratio':>6}"
    )
    try:
        for size in (int(part) for part in options.sizes.split(",")):
            source = make_workbook(work / f"in-{size}", size)
            cache = work / f"cache-{size}"
            html_out = work / f"html-{size}"
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import sys; from pathlib import Path; from dossier.build import build; "
                    "build(Path(sys.argv[1]), langs=['fr'], formats=['html'], "
                    "out=Path(sys.argv[2]))",
                    str(source),
                    str(html_out),
                ],
                check=True,
            )
            html = html_out / "ddd-fr.html"
            rows: list[tuple[str, dict[str, float]]] = []
            baseline = run_child(BASELINE_CHILD, str(html))
            rows.append(("baseline (1 PDF, 1 process)", baseline))
            if not options.skip_sequential:
                rows.append(
                    (
                        "sequential fr+en, jobs 1",
                        run_child(BUILD_CHILD, str(source), str(work / "seq"), "1", "-", "fr,en"),
                    )
                )
            rows.append(
                (
                    f"parallel fr+en, jobs {options.jobs}",
                    run_child(
                        BUILD_CHILD, str(source), str(work / "par"), str(options.jobs), "-", "fr,en"
                    ),
                )
            )
            if has_chunked():
                figures = run_child(CHUNKED_CHILD, str(html), str(options.jobs), "-")
                label = f"chunked fr, jobs {options.jobs}"
                if figures.get("fallback"):
                    label += " (fell back)"
                rows.append((label, figures))
            # Warm the cache, change one incident, build again.
            run_child(
                BUILD_CHILD, str(source), str(work / "warm"), str(options.jobs), str(cache), "fr,en"
            )
            edit_one_incident(source)
            rows.append(
                (
                    "warm rebuild fr+en, 1 edit",
                    run_child(
                        BUILD_CHILD,
                        str(source),
                        str(work / "warm"),
                        str(options.jobs),
                        str(cache),
                        "fr,en",
                    ),
                )
            )
            for label, figures in rows:
                ratio = figures["seconds"] / baseline["seconds"]
                print(
                    f"{size:>9} {label:<28} {figures['seconds']:8.2f} {int(figures['pages']):>6} "
                    f"{figures['peak_mb']:8.0f} {ratio:6.2f}"
                )
        print(
            "ratio = scenario time / baseline time (same run); fr+en builds make two PDFs, "
            "so their sequential ratio is about 2."
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
