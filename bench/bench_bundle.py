"""Benchmark the pièces bundle (one photo per incident) against the dossier's own PDF build.

Usage: python bench/bench_bundle.py [--sizes 100,1000] [--lang fr] [--photo-size 1024x768]

For each size it generates a fictional workbook (bench_build's incidents) with one JPEG photo
per incident, then, each in a child process: builds the French DDD PDF alone (the dossier's own
build), and builds the HTML edition with its bundle (`pieces-fr.pdf`: bordereau, every photo
on its stamped page). It prints wall time, pages and peak memory (the child's maximum resident
set size: the bundle is made in that process; the dossier's PDF is typeset in worker processes,
which this figure does not count) of each, and the bundle's time against the dossier's.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_build import make_workbook
from PIL import Image, ImageDraw

#: The issue's bound on the bundle's peak memory at 1,000 photos.
PEAK_LIMIT_MB = 500


def add_photos(folder: Path, incidents: int, size: tuple[int, int], seed: int = 11) -> int:
    """One JPEG per incident in ``folder/evidence`` and the evidence sheet citing them; the
    photos' total size in bytes."""
    rng = random.Random(seed)
    evidence = folder / "evidence"
    evidence.mkdir(parents=True, exist_ok=True)
    total = 0
    with (folder / "evidence.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "incident ids", "kind", "description fr", "file", "confidentiality"])
        for number in range(incidents):
            image = Image.new("RGB", size, (rng.randrange(256), 120, 90))
            draw = ImageDraw.Draw(image)
            for _ in range(40):
                x, y = rng.randrange(size[0]), rng.randrange(size[1])
                colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
                draw.rectangle((x, y, x + rng.randrange(200), y + rng.randrange(150)), colour)
            path = evidence / f"photo-{number:05d}.jpg"
            image.save(path, format="JPEG", quality=85)
            total += path.stat().st_size
            writer.writerow(
                [
                    f"E-{number:05d}",
                    f"B-{number:05d}",
                    "photograph",
                    f"Photo prise après l'évacuation, n° {number}.",
                    path.name,
                    "restricted",
                ]
            )
    return total


DOSSIER_CHILD = """
import json, resource, sys, time
from pathlib import Path
from dossier.build.pipeline import build_dossiers
started = time.perf_counter()
result = build_dossiers(
    Path(sys.argv[1]), langs=["%(lang)s"], formats=["pdf"], out=Path(sys.argv[2])
)
elapsed = time.perf_counter() - started
pdf = [o for o in result.outputs if o.format == "pdf"][0]
print(json.dumps({"seconds": elapsed, "pages": pdf.pages,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

BUNDLE_CHILD = """
import json, resource, sys, time
from pathlib import Path
from dossier.build.enclosures import Enclosures
from dossier.build.pipeline import build_dossiers
started = time.perf_counter()
result = build_dossiers(Path(sys.argv[1]), langs=["%(lang)s"], formats=["html"],
                        out=Path(sys.argv[2]), enclosures=Enclosures(bundle=True))
elapsed = time.perf_counter() - started
bundle = [o for o in result.outputs if o.path.name.startswith("pieces-")][0]
print(json.dumps({"seconds": elapsed, "pages": bundle.pages, "bytes": bundle.path.stat().st_size,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def run_child(code: str, *args: str) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.exit(f"child failed:\n{completed.stderr}")
    figures: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--lang", default="fr", choices=["fr", "en"])
    parser.add_argument("--photo-size", default="1024x768")
    options = parser.parse_args()
    width, height = (int(part) for part in options.photo_size.split("x"))
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-bundle-"))
    try:
        print(f"{'incidents':>9} {'what':<22} {'seconds':>8} {'pages':>6} {'peak MB':>8} {'MB':>7}")
        for size in (int(part) for part in options.sizes.split(",")):
            source = make_workbook(work / f"in-{size}", size)
            started = time.perf_counter()
            photos = add_photos(source, size, (width, height))
            made = time.perf_counter() - started
            print(
                f"{size:>9} {'(photos made)':<22} {made:8.2f} {'':>6} {'':>8} {photos / 1e6:7.1f}"
            )
            lang = {"lang": options.lang}
            dossier = run_child(DOSSIER_CHILD % lang, str(source), str(work / f"dossier-{size}"))
            bundle = run_child(BUNDLE_CHILD % lang, str(source), str(work / f"bundle-{size}"))
            for label, figures in (("dossier PDF build", dossier), ("HTML + bundle", bundle)):
                megabytes = f"{figures['bytes'] / 1e6:7.1f}" if "bytes" in figures else f"{'':>7}"
                print(
                    f"{size:>9} {label:<22} {figures['seconds']:8.2f} "
                    f"{int(figures['pages']):>6} {figures['maxrss_kb'] / 1024:8.0f} {megabytes}"
                )
            ratio = bundle["seconds"] / dossier["seconds"]
            peak = bundle["maxrss_kb"] / 1024
            verdict = "within" if peak <= PEAK_LIMIT_MB else "ABOVE"
            print(
                f"{size:>9} bundle time / dossier time = {ratio:.2f}; bundle peak {peak:.0f} MB "
                f"({verdict} the {PEAK_LIMIT_MB} MB bound)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
