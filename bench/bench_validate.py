"""Benchmark `load_and_validate` on 100,000 incident rows against merely reading them with `csv`.

Usage: python bench/bench_validate.py [--rows 100000] [--keep DIR] [--profile] [--against TREE]
                                     [--no-legal-names]

It writes a fictional folder of CSVs (incidents with every column filled; 2,000 persons with
made-up legal names and contacts, which validation looks for in every printed text; evidence
for the references) into a temporary folder, then, in this one run:

* times reading incidents.csv with the plain ``csv`` module (the baseline: decode and split only);
* times ``load_and_validate`` on the folder (best of three, so a cold disk cache does not count),
  in wall-clock time and in the process's CPU time (less sensitive to other processes' load);
* measures peak memory in a fresh child process that only runs ``load_and_validate``: its
  resident high-water mark (VmHWM in /proc/self/status), i.e. everything the process held at
  its peak (interpreter, libraries, records, report), which is what a machine's memory limit
  sees. ``resource.getrusage(...).ru_maxrss`` is not used on Linux: it is inherited from the
  parent across fork and exec, so it would report this (larger) process. tracemalloc would
  count Python allocations only, and slow the run several times;
* checks the report: a few known bad rows injected among the 100,000 must give exactly the
  problems (column, code, value) that the same rows give on their own in a small file.

With ``--against TREE`` (the source tree of another version: ``git worktree add`` or
``git archive COMMIT | tar -x -C TREE``), both versions are also timed in fresh child processes,
turn about, on the same inputs: a before/after comparison from one run, on the same machine load.

``--no-legal-names`` writes the persons sheet without legal names and contacts, the benchmark's
shape before issue 25 measured the name search: then no name is looked for at all.

Targets (issue 25) on a 2-core machine: at least 100,000 rows/s and at most 300 MB peak.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import json
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HEADERS = [
    "id", "date", "time", "date precision", "commune", "place", "location type", "latitude",
    "longitude", "context", "forces", "units", "number of officers", "RIO numbers", "RIO visible",
    "acts", "weapons or means", "number of victims", "minors involved", "injuries",
    "medical certificate", "ITT days", "belongings affected", "summary in French",
    "summary in English", "victim ids", "witness ids", "evidence ids", "violation status",
    "confidentiality", "recorded by", "recorded on",
]  # fmt: skip

COMMUNES = ["Calais", "Coquelles", "Grande-Synthe", "Dunkerque", "Loon-Plage", "Marck", "Sangatte"]
PLACES = ["rue des Garennes", "zone industrielle des Dunes", "quai de la Batellerie",
          "bois du Puythouck", "rocade portuaire", "parking de l'hôpital",
          "plage de Sangatte"]  # fmt: skip
LOCATION_TYPES = ["campement", "camp", "voie publique", "street", "port", "bois", "motorway"]
CONTEXTS = ["expulsion de campement", "eviction", "contrôle d'identité", "distribution de repas",
            "tentative de passage en camion", "patrouille", "crowd control"]  # fmt: skip
FORCES = ["CRS", "police nationale", "PAF", "gendarmerie mobile", "border police",
          "police municipale", "non identifiées"]  # fmt: skip
UNITS = ["CRS 8", "CRS 40", "BAC", "EGM 24/2", "PAF Coquelles"]
ACTS = ["gaz lacrymogène", "tear gas or pepper spray", "violences physiques", "biens détruits",
        "belongings seized", "insultes ou propos racistes", "menaces", "expulsion",
        "contrôle d'identité", "interpellation", "privation de sommeil"]  # fmt: skip
WEAPONS = ["gazeuse", "matraque", "LBD", "grenade de désencerclement", "chien"]
BELONGINGS = ["tente", "bâche", "sac de couchage", "couverture", "vêtements", "téléphone",
              "sleeping bag", "shoes", "nourriture ou eau"]  # fmt: skip
STATUSES = ["confirmée", "probable", "possible", "non vérifiée", "confirmed"]
CONFIDENTIALITY = ["public", "restreint", "confidentiel", "restricted"]
SUMMARY_FR = (
    "Vers {h}h, des agents sont intervenus {place} pendant que des personnes exilées dormaient. "
    "Selon les témoins, les tentes ont été lacérées et du gaz a été utilisé sans sommation ; "
    "plusieurs personnes ont été bousculées."
)
SUMMARY_EN = (
    "Around {h}:00, officers came to {place} while exiled people were asleep. According to "
    "witnesses, tents were slashed and gas was used without warning; several people were pushed."
)

PERSONS, EXHIBITS = 2000, 1000

# Invented syllables for the persons' legal names: a real persons sheet holds legal names and
# contacts, and validation looks for each of them (and each distinctive part) in every printed
# text. These names are made up and read as made up; none is a real person's.
SYLLABLES = ["zor", "quel", "vax", "tri", "mub", "ken", "lof", "dra", "wix", "pum"]


def invented_word(number: int, stem: str) -> str:
    letters = [SYLLABLES[number % 10], SYLLABLES[number // 10 % 10], SYLLABLES[number // 100 % 10]]
    return (stem + "".join(letters)).capitalize()


def legal_name(number: int) -> str:
    """A made-up legal name, unique per person: "Fictzorquelvax Nominvtrimub"."""
    return f"{invented_word(number, 'fict')} {invented_word(number // 2, 'nominv')}"


LEGAL_NAME_ROW = {
    "summary in French": "Selon FICTVAXZORZOR\u00a0nominvquelzorzor, la police est venue."
}

# Known bad rows: (cells to change) → the problems they must give, wherever they stand.
BAD_ROWS: list[dict[str, str]] = [
    {"date": "31/02/2015"},
    {"acts": "gazage; coups"},
    {"RIO numbers": "12345"},
    {"latitude": "95,2", "confidentiality": ""},
    {"summary in French": "", "summary in English": ""},
    {"victim ids": "P-99999"},
    # A legal name typed into a printed text, with other case and spacing; a contact.
    LEGAL_NAME_ROW,
    {"place": "près du 06 00 00 17 42"},
    {"id": "DUP-1"},
    {"id": "DUP-1"},  # last: check_report expects the duplicate on the last bad row
]


def incident_rows(count: int, rng: random.Random) -> Iterator[list[str]]:
    start = dt.date(2014, 1, 1)
    for number in range(count):
        day = start + dt.timedelta(days=rng.randrange(3 * 365))
        hour = rng.randrange(24)
        place = rng.choice(PLACES)
        lat, lon = 50.9 + rng.random() / 5, 1.8 + rng.random() / 2
        decimal = "," if number % 2 else "."
        yield [
            f"CAL-{day.year}-{number:06d}",
            day.strftime("%d/%m/%Y") if number % 2 else day.isoformat(),
            f"{hour}h{rng.randrange(60):02d}"
            if number % 3
            else f"{hour:02d}:{rng.randrange(60):02d}",
            rng.choice(["exacte", "exact", "approximative"]),
            rng.choice(COMMUNES),
            place,
            rng.choice(LOCATION_TYPES),
            f"{lat:.5f}".replace(".", decimal),
            f"{lon:.5f}".replace(".", decimal),
            rng.choice(CONTEXTS),
            "; ".join(rng.sample(FORCES, rng.randint(1, 2))),
            "; ".join(rng.sample(UNITS, rng.randint(1, 2))),
            str(rng.randint(2, 60)),
            "; ".join(f"{rng.randrange(10**7):07d}" for _ in range(rng.randint(0, 2))),
            rng.choice(["non", "oui", "inconnu", "no"]),
            "; ".join(rng.sample(ACTS, rng.randint(1, 3))),
            "; ".join(rng.sample(WEAPONS, rng.randint(1, 2))),
            str(rng.randint(1, 40)),
            rng.choice(["oui", "non", "yes", "no"]),
            rng.choice(["irritation des yeux", "hématome au bras", "entorse", "aucune"]),
            rng.choice(["oui", "non"]),
            str(rng.randint(0, 10)),
            "; ".join(
                f"{b}:{rng.randint(1, 9)}" for b in rng.sample(BELONGINGS, rng.randint(1, 3))
            ),
            # Every account is different in real data: keep the strings unique, as they would be.
            SUMMARY_FR.format(h=hour, place=place) + f" Témoignage recueilli n° {number}.",
            SUMMARY_EN.format(h=hour, place=place) + f" Testimony no. {number}.",
            f"P-{rng.randrange(PERSONS):05d}",
            f"P-{rng.randrange(PERSONS):05d}",
            f"E-{rng.randrange(EXHIBITS):05d}",
            rng.choice(STATUSES),
            rng.choice(CONFIDENTIALITY),
            rng.choice(["A. B.", "C. D.", "E. F."]),
            (day + dt.timedelta(days=rng.randint(1, 30))).strftime("%d/%m/%Y"),
        ]


def bad_row(base: list[str], changes: dict[str, str]) -> list[str]:
    row = list(base)
    for header, value in changes.items():
        row[HEADERS.index(header)] = value
    return row


def write_folder(folder: Path, rows: list[list[str]], legal_names: bool = True) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "incidents.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    with (folder / "persons.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        identity = ["legal name", "contact"] if legal_names else []
        writer.writerow(["id", "pseudonym", "roles", "age", "gender", "nationality", *identity,
                         "article 8 status", "publication consent"])  # fmt: skip
        for n in range(PERSONS):
            contact = f"06 00 00 {n // 100:02d} {n % 100:02d}"
            identity = [legal_name(n), contact] if legal_names else []
            writer.writerow([f"P-{n:05d}", f"Personne {n} N.", "victime; témoin", str(18 + n % 40),
                             "homme", "érythréenne", *identity, "a consenti",
                             "anonymisé"])  # fmt: skip
    with (folder / "evidence.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "incident ids", "kind", "URL", "captured at", "confidentiality"])
        for n in range(EXHIBITS):
            writer.writerow([f"E-{n:05d}", "", "photo", f"https://example.org/e/{n}",
                             "2015-06-30 23:10", "restreint"])  # fmt: skip


def make_inputs(root: Path, count: int, legal_names: bool = True) -> tuple[Path, Path, list[int]]:
    """The big folder, the small folder (the bad rows alone) and the rows where they stand."""
    rng = random.Random(2015)
    rows = list(incident_rows(count, rng))
    template = rows[0]
    changes_made = [c for c in BAD_ROWS if legal_names or c is not LEGAL_NAME_ROW]
    bad = [
        bad_row(template, {"id": f"BAD-{n}", **changes}) for n, changes in enumerate(changes_made)
    ]
    step = count // (len(bad) + 1)
    positions = [step * (n + 1) for n in range(len(bad))]
    for position, row in zip(positions, bad, strict=True):
        rows[position] = row
    write_folder(root / "big", rows, legal_names)
    write_folder(root / "small", bad, legal_names)
    return root / "big", root / "small", [p + 2 for p in positions]  # header is row 1


def time_csv_baseline(path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    with path.open(newline="", encoding="utf-8") as handle:
        count = sum(1 for _ in csv.reader(handle)) - 1
    return time.perf_counter() - started, count


def time_validation(folder: Path, repeat: int = 3) -> tuple[float, float]:
    """The best wall-clock time and the best CPU time of ``repeat`` validations."""
    from dossier.validate.rows import load_and_validate

    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = load_and_validate(folder)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        del result  # freeing 100,000 records takes time too, but it is not validation's
        best, best_cpu = min(best, elapsed), min(best_cpu, cpu)
    return best, best_cpu


def child_peak_memory(folder: Path) -> dict[str, float]:
    """Run one validation in a fresh child process; return its peak memory and its own timing.

    The peak is the child's VmHWM ("high water mark" of resident memory) from /proc: unlike
    ru_maxrss, which Linux carries over from the parent through fork and exec, it belongs to the
    child's own address space. Elsewhere ru_maxrss is used, read before anything else runs.
    """
    code = f"""
import json, resource, time
from pathlib import Path
started = time.perf_counter()
from dossier.validate.rows import load_and_validate
dataset, report = load_and_validate(Path({str(folder)!r}))
elapsed = time.perf_counter() - started
try:
    status = Path("/proc/self/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM"))
    peak_kib = int(line.split()[1])
except (OSError, StopIteration):
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"maxrss_kib": peak_kib, "seconds": elapsed,
                  "incidents": len(dataset.incidents)}}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def child_timing(folder: Path, tree: Path) -> tuple[float, float]:
    """Best of three load_and_validate runs on ``folder`` with the package of ``tree``: the
    wall-clock time and the CPU time."""
    code = f"""
import time
from pathlib import Path
from dossier.validate.rows import load_and_validate
best, best_cpu = float("inf"), float("inf")
for _ in range(3):
    started, started_cpu = time.perf_counter(), time.process_time()
    result = load_and_validate(Path({str(folder)!r}))
    best = min(best, time.perf_counter() - started)
    best_cpu = min(best_cpu, time.process_time() - started_cpu)
    del result
import dossier
tree = Path({str(tree)!r}).resolve()
assert Path(dossier.__file__).resolve().is_relative_to(tree), dossier.__file__
print(best, best_cpu)
"""
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    # Run from the tree: "python -c" puts the current folder first on sys.path, so run from this
    # repository the child would import this tree's dossier whatever PYTHONPATH says (it did,
    # until issue 25: both "versions" compared were this one).
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        cwd=tree,
    )
    wall, cpu = done.stdout.split()
    return float(wall), float(cpu)


def compare(folder: Path, other: Path, rows: int, rounds: int = 2) -> None:
    """Time this tree and ``other`` on the same folder, turn about; print the best of each."""
    here = Path(__file__).resolve().parents[1]
    best = {here: float("inf"), other: float("inf")}
    best_cpu = dict(best)
    for _ in range(rounds):
        for tree in best:
            wall, cpu = child_timing(folder, tree)
            best[tree], best_cpu[tree] = min(best[tree], wall), min(best_cpu[tree], cpu)
    for tree, seconds in best.items():
        name = "this tree" if tree == here else str(tree)
        cpu = best_cpu[tree]
        print(
            f"{name:20.20s}: {seconds:6.2f} s  ({rows / seconds:12,.0f} rows/s)  child processes;"
            f" CPU {cpu:6.2f} s ({rows / cpu:,.0f} rows/s)"
        )


def problems(folder: Path) -> list[tuple[int | None, str | None, str, str | None, str]]:
    from dossier.validate.rows import load_and_validate

    _, report = load_and_validate(folder)
    return [
        (p.row, p.column, p.code, p.value, p.severity.value)
        for p in report.sorted_problems()
        if p.sheet == "incidents"
    ]


def check_report(big: Path, small: Path, rows: list[int]) -> bool:
    """Same problems for the bad rows, whether alone or among the 100,000; none elsewhere."""
    expected = problems(small)
    found = problems(big)
    small_to_big = {n + 2: row for n, row in enumerate(rows)}
    translated = [(small_to_big[r], c, code, v, s) for r, c, code, v, s in expected if r]
    # duplicate_id names the row of the first occurrence, which differs between the two files.
    same = [p for p in found if p[2] != "duplicate_id"] == [
        p for p in translated if p[2] != "duplicate_id"
    ]
    duplicates = [p[0] for p in found if p[2] == "duplicate_id"] == [rows[-1]]
    return same and duplicates and len(expected) >= len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="write the inputs here and keep them")
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile run")
    parser.add_argument(
        "--against", type=Path, help="another version's source tree, timed on the same inputs"
    )
    parser.add_argument(
        "--no-legal-names",
        action="store_true",
        help="persons without legal names or contacts (the shape before the name search counted)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = args.keep or Path(temporary)
        big, small, rows = make_inputs(root, args.rows, not args.no_legal_names)
        size = (big / "incidents.csv").stat().st_size
        print(f"input: {args.rows:,} incident rows, {size / 1e6:.1f} MB, in {big}")

        memory = child_peak_memory(big)  # first, while this process is still small
        baseline, counted = time_csv_baseline(big / "incidents.csv")
        assert counted == args.rows
        seconds, cpu_seconds = time_validation(big)
        report_ok = check_report(big, small, rows)

        rate = args.rows / seconds
        peak_mb = memory["maxrss_kib"] / 1024
        print(f"csv module baseline : {baseline:6.2f} s  ({args.rows / baseline:12,.0f} rows/s)")
        print(f"load_and_validate   : {seconds:6.2f} s  ({rate:12,.0f} rows/s)  best of 3")
        print(
            f"  in CPU time       : {cpu_seconds:6.2f} s  ({args.rows / cpu_seconds:12,.0f} rows/s)"
        )
        print(f"ratio to baseline   : {seconds / baseline:6.1f} x")
        print(f"load average        : {' '.join(f'{load:.2f}' for load in os.getloadavg())}"
              f" on {os.cpu_count()} cores")  # fmt: skip
        print(f"peak memory (child) : {peak_mb:6.0f} MB  resident, high-water mark (VmHWM)")
        same = "same problems as the small case" if report_ok else "MISMATCH"
        print(f"report check        : {same}")
        verdict = rate >= 100_000 and peak_mb <= 300 and report_ok
        print(
            "targets (>= 100,000 rows/s, <= 300 MB, same report):",
            "met" if verdict else "NOT met",
        )
        if args.against is not None:
            compare(big, args.against.resolve(), args.rows)
        if args.profile:
            from dossier.validate.rows import load_and_validate

            profiler = cProfile.Profile()
            profiler.runcall(load_and_validate, big)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        if not verdict:
            sys.exit(1)


if __name__ == "__main__":
    main()
