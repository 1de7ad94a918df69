"""Benchmark `dossier build` (ddd layout, PDF) against one plain WeasyPrint call on the same HTML.

Usage: python bench/bench_build.py [--sizes 100,1000] [--lang fr]

For each size it generates a fictional workbook, builds the French DDD PDF through the library
(load, validate, assemble, render, write) in a child process, then renders the HTML that build
produced with a bare `weasyprint.HTML(...).write_pdf()` in another child process, and prints
wall time, pages, pages per second, peak memory (the child's maximum resident set size) and the
ratio of the two: the project's own overhead is what the ratio shows above 1.00.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CONFIG = """\
[organisation]
name = "Benchmark association (fictional)"
legal_form = { fr = "association loi 1901", en = "non-profit association" }
address = "1 rue de l'Exemple\\n62100 Calais"
email = "bench@example.org"

[signatory]
name = "Bench Signatory"
quality = { fr = "présidente", en = "chair" }
place = "Calais"
date = 2016-11-15

[dossier]
reference = "BENCH-1"
title = { fr = "Dossier de test", en = "Test dossier" }
"""

ACTS = ["tear_gas", "physical_violence", "belongings_destroyed", "eviction", "insults_racism"]
FORCES = ["crs", "paf", "national_police", "mobile_gendarmerie"]


def make_workbook(folder: Path, incidents: int, seed: int = 7) -> Path:
    """A folder of CSVs with ``incidents`` incidents and one victim each."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    start = dt.date(2014, 6, 1)
    with (folder / "incidents.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "id",
                "date",
                "time",
                "commune",
                "place",
                "context",
                "forces",
                "rio visible",
                "acts",
                "belongings",
                "summary fr",
                "summary en",
                "victim ids",
                "confidentiality",
                "medical certificate",
                "itt days",
            ]
        )
        for number in range(incidents):
            day = start + dt.timedelta(days=rng.randrange(800))
            writer.writerow(
                [
                    f"B-{number:05d}",
                    day.isoformat(),
                    f"{rng.randrange(24):02d}:{rng.randrange(60):02d}",
                    rng.choice(["Calais", "Grande-Synthe", "Coquelles"]),
                    "Zone industrielle des Dunes",
                    "eviction",
                    "; ".join(rng.sample(FORCES, 2)),
                    rng.choice(["yes", "no", "unknown"]),
                    "; ".join(rng.sample(ACTS, 2)),
                    f"tent:{rng.randrange(1, 9)}; sleeping bag:2",
                    "Des agents ont aspergé de gaz lacrymogène les personnes présentes, puis ont "
                    "lacéré les tentes et emporté les sacs de couchage. " * 2,
                    "Officers sprayed tear gas on the people present, then slashed the tents and "
                    "took the sleeping bags away. " * 2,
                    f"P-{number:05d}",
                    "restricted",
                    "yes",
                    str(rng.randrange(0, 6)),
                ]
            )
    with (folder / "persons.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "pseudonym", "roles", "age", "nationality", "art. 8 status"])
        for number in range(incidents):
            writer.writerow(
                [
                    f"P-{number:05d}",
                    f"Person {number} N.",
                    "victim",
                    rng.randrange(15, 40),
                    "Eritrean",
                    "informed, did not object",
                ]
            )
    (folder / "dossier.toml").write_text(CONFIG, encoding="utf-8")
    return folder


BUILD_CHILD = """
import json, resource, sys, time
from pathlib import Path
from dossier.build.pipeline import build_dossiers
started = time.perf_counter()
result = build_dossiers(
    Path(sys.argv[1]), langs=["%(lang)s"], formats=["pdf", "html"], out=Path(sys.argv[2])
)
elapsed = time.perf_counter() - started
pdf = [o for o in result.outputs if o.format == "pdf"][0]
print(json.dumps({"seconds": elapsed, "pages": pdf.pages,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

PLAIN_CHILD = """
import json, resource, sys, time
from pathlib import Path
import weasyprint
from dossier.render.html import asset_dirs
html = Path(sys.argv[1]).read_text(encoding="utf-8")
css = asset_dirs(None)[0] / "dossier.css"
started = time.perf_counter()
# Same output features as a dossier: a tagged PDF.
document = weasyprint.HTML(string=html, base_url=str(css.parent) + "/").render(pdf_tags=True)
data = document.write_pdf(pdf_tags=True)
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "pages": len(document.pages),
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def run_child(code: str, *args: str) -> dict[str, float]:
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.exit(f"child failed:\n{completed.stderr}")
    figures: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    figures["wall"] = time.perf_counter() - started
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--lang", default="fr", choices=["fr", "en"])
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    try:
        print(
            f"{'incidents':>9} {'what':<16} {'seconds':>8} {'pages':>6} {'pages/s':>8} "
            f"{'peak MB':>8} {'ratio':>6}"
        )
        for size in (int(part) for part in options.sizes.split(",")):
            source = make_workbook(work / f"in-{size}", size)
            out = work / f"out-{size}"
            ours = run_child(BUILD_CHILD % {"lang": options.lang}, str(source), str(out))
            html = out / f"ddd-{options.lang}.html"
            plain = run_child(PLAIN_CHILD, str(html))
            ratio = ours["seconds"] / plain["seconds"]
            for label, figures, shown_ratio in (
                ("dossier build", ours, f"{ratio:6.2f}"),
                ("plain WeasyPrint", plain, f"{1:6.2f}"),
            ):
                print(
                    f"{size:>9} {label:<16} {figures['seconds']:8.2f} {int(figures['pages']):>6} "
                    f"{figures['pages'] / figures['seconds']:8.1f} "
                    f"{figures['maxrss_kb'] / 1024:8.0f} {shown_ratio}"
                )
        print("ratio = dossier build time / plain WeasyPrint time on the same HTML (same run).")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
