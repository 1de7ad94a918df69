"""Where a piece's time goes: profile the typesetting of a PDF's pieces as a worker does it.

Usage: python bench/profile_piece.py [--shape flow] [--incidents 300] [--pieces 6] [--whole]

It generates a fictional workbook (bench/shapes.py), writes its French DDD HTML, cuts it as
the build does (dossier.render.chunked.plan_pdf) and then, in fresh child processes:

* starts workers as the build does (a forkserver with the renderers preloaded) and times
  the start of one that does nothing: what a fresh process per piece costs;
* typesets ``--pieces`` body pieces one after the other in ONE process, each under cProfile,
  and prints for each piece its pages, wall time and how its profiled time splits between
  HTML parsing, stylesheets (fetch, parse), the cascade, the font configuration, the box
  tree, layout and PDF writing. The first piece is what a fresh worker pays; the next ones
  show what stays warm in a long-lived process;
* with ``--whole``, typesets every piece of the body one after the other in one process and
  the whole HTML in one render, and prints the seconds per page of each: what cutting costs
  on the CPU, whatever the number of cores;
* typesets the page furniture of the first segment (as a worker does) and times it.

The profiled times are larger than unprofiled ones (cProfile's overhead falls mostly on the
many small calls of layout), so read them as shares, and the wall times as the figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shapes import SHAPES

PIECES_CHILD = r"""
import cProfile, json, pstats, sys, time
from pathlib import Path
from dossier.render.chunked import plan_pdf, render_piece
from dossier.render.html import asset_dirs

#: (file suffix, function) -> category; cumulative times, so nested ones overlap on purpose.
CATEGORIES = {
    ("weasyprint/__init__.py", "__init__", "HTML"): "HTML parse",
    ("weasyprint/css/__init__.py", "get_all_computed_styles", None): "stylesheets+cascade",
    ("weasyprint/__init__.py", "__init__", "CSS"): "  of which stylesheet parse",
    ("weasyprint/text/fonts.py", "__init__", None): "font configuration",
    ("weasyprint/text/fonts.py", "add_font_face", None): "  @font-face",
    ("weasyprint/formatting_structure/build.py", "build_formatting_structure", None): "box tree",
    ("weasyprint/layout/__init__.py", "layout_document", None): "layout",
    ("weasyprint/document.py", "write_pdf", None): "PDF write",
}

def split(profile):
    stats = pstats.Stats(profile).stats
    found = {}
    for (filename, line, name), (calls, _prim, tottime, cumtime, callers) in stats.items():
        for (suffix, function, owner), label in CATEGORIES.items():
            if filename.endswith(suffix) and name == function:
                if owner is not None:
                    # HTML.__init__ and CSS.__init__ share a file and a name: tell them apart
                    # by their line (CSS is defined after HTML in weasyprint/__init__.py).
                    is_css = line > LINE_OF_CSS
                    if (owner == "CSS") != is_css:
                        continue
                found[label] = found.get(label, 0.0) + cumtime
    total = sum(value[3] for key, value in stats.items() if key[2] == "render_piece")
    found["total (profiled)"] = total
    return found

import inspect, weasyprint
LINE_OF_CSS = inspect.getsourcelines(weasyprint.CSS)[1]

html = Path(sys.argv[1]).read_text(encoding="utf-8")
count = int(sys.argv[2])
whole = sys.argv[3] == "1"
folders = asset_dirs(None)
plan = plan_pdf(html, folders)
options = dict(asset_dirs=folders, lang="fr", title="Bench", author="Bench", subject="Bench")
body = plan.body
# Pieces of the body, spread through it (not only the first ones).
step = max(1, len(body) // count)
chosen = body[::step][:count]
rows = []
for chunk in chosen:
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    data, pages, refused, info = render_piece(
        chunk.html, footnotes_before=chunk.footnotes_before, **options)
    profile.disable()
    wall = time.perf_counter() - started
    rows.append({"chars": len(chunk.html), "pages": pages, "wall": wall,
                 "split": split(profile)})
result = {"pieces": len(body) + 1, "rows": rows}
if whole:
    started = time.perf_counter()
    pages = 0
    for chunk in body:
        pages += render_piece(chunk.html, footnotes_before=chunk.footnotes_before, **options)[1]
    result["body_pieces"] = {"seconds": time.perf_counter() - started, "pages": pages}
    from dossier.render.pdf import render_pdf
    started = time.perf_counter()
    rendered = render_pdf(html, **options)
    result["whole"] = {"seconds": time.perf_counter() - started, "pages": rendered.pages}
print(json.dumps(result))
"""

FURNITURE_CHILD = r"""
import json, sys, time
from pathlib import Path
from dossier.render.chunked import plan_pdf, render_overlay, FURNITURE_PAGES
from dossier.render.html import asset_dirs
html = Path(sys.argv[1]).read_text(encoding="utf-8")
folders = asset_dirs(None)
plan = plan_pdf(html, folders)
names = [""] * FURNITURE_PAGES
started = time.perf_counter()
data, pages, refused = render_overlay(plan.front.html, names, total_pages=1000,
    asset_dirs=folders, lang="fr", title="Bench", author="Bench", subject="Bench")
print(json.dumps({"seconds": time.perf_counter() - started, "pages": pages}))
"""

START_CHILD = r"""
import json, time, concurrent.futures
from dossier.build import workers
def main():
    context = workers._context()
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context,
                                                max_tasks_per_child=1) as pool:
        pool.submit(int, 0).result()  # starts the fork server
        started = time.perf_counter()
        for _ in range(5):
            pool.submit(int, 0).result()
        per_start = (time.perf_counter() - started) / 5
    print(json.dumps({"seconds": per_start}))
if __name__ == "__main__":
    main()
"""


def child(code: str, *args: str) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.exit(f"child failed:\n{completed.stderr}")
    figures: dict[str, object] = json.loads(completed.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", default="flow", choices=sorted(SHAPES))
    parser.add_argument("--incidents", type=int, default=300)
    parser.add_argument("--pieces", type=int, default=6)
    parser.add_argument("--whole", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dossier-profile-") as work:
        source = SHAPES[options.shape](Path(work) / "in", options.incidents)
        out = Path(work) / "out"
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from pathlib import Path; "
                "from dossier.build.pipeline import build_dossiers; "
                "build_dossiers(Path(sys.argv[1]), langs=['fr'], formats=['html'], "
                "out=Path(sys.argv[2]))",
                str(source),
                str(out),
            ],
            check=True,
        )
        html = str(out / "ddd-fr.html")
        start = child(START_CHILD)
        print(f"worker start (forkserver, renderers preloaded): {start['seconds'] * 1000:.0f} ms")
        pieces = child(PIECES_CHILD, html, str(options.pieces), "1" if options.whole else "0")
        print(f"{options.shape}, {options.incidents} incidents: {pieces['pieces']} pieces")
        rows = pieces["rows"]
        assert isinstance(rows, list)
        for number, row in enumerate(rows, 1):
            split = row["split"]
            total = split.pop("total (profiled)") or 1.0
            shares = ", ".join(
                f"{label.strip()} {seconds:.2f} s ({seconds / total:.0%})"
                for label, seconds in split.items()
            )
            print(
                f"piece {number}: {row['chars']} chars, {row['pages']} pages, "
                f"{row['wall']:.2f} s wall ({row['wall'] / max(row['pages'], 1):.3f} s/page); "
                f"profiled {total:.2f} s: {shares}"
            )
        for key, label in (("body_pieces", "every body piece, one process"),
                           ("whole", "whole HTML, one render")):  # fmt: skip
            figures = pieces.get(key)
            if isinstance(figures, dict):
                print(
                    f"{label}: {figures['seconds']:.2f} s, {figures['pages']} pages, "
                    f"{figures['seconds'] / figures['pages']:.3f} s/page"
                )
        furniture = child(FURNITURE_CHILD, html)
        print(
            f"page furniture, one segment: {furniture['pages']} pages in "
            f"{furniture['seconds']:.2f} s"
        )


if __name__ == "__main__":
    main()
