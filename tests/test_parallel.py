"""Outputs rendered in worker processes: same bytes, same errors, one progress stream."""

from __future__ import annotations

import logging
import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest
from test_build import EPOCH, write_dataset

from dossier.build.pipeline import BuildResult, build_dossiers
from dossier.build.workers import Renderer, default_jobs
from dossier.errors import BuildError
from dossier.events import Progress, StepProgress
from dossier.render.dispatch import run_job
from dossier.render.jobs import RenderJob

MARQUEE = """{% extends "default:ddd.html" %}
{% block requests %}{{ super() }}
<marquee>not in the subset</marquee>
{% endblock %}
"""


def fingerprints(result: BuildResult) -> list[tuple[str, str, int | None]]:
    return [(o.path.name, o.sha256, o.pages) for o in result.outputs]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return write_dataset(tmp_path / "data")


@pytest.mark.slow
def test_parallel_build_gives_the_bytes_of_the_sequential_build(data: Path, tmp_path: Path) -> None:
    formats = ("pdf", "docx", "html")
    sequential = build_dossiers(
        data, formats=formats, out=tmp_path / "seq", jobs=1, use_cache=False
    )
    steps: list[str] = []
    parallel = build_dossiers(
        data,
        formats=formats,
        out=tmp_path / "par",
        jobs=2,
        use_cache=False,
        progress=steps.append,
    )
    assert fingerprints(parallel) == fingerprints(sequential)
    assert [o.path.name for o in parallel.outputs] == [
        "ddd-fr.pdf",
        "ddd-fr.docx",
        "ddd-fr.html",
        "ddd-en.pdf",
        "ddd-en.docx",
        "ddd-en.html",
    ]
    for name in ("ddd-fr.pdf", "ddd-en.docx", "manifest.json"):
        assert (tmp_path / "par" / name).read_bytes() == (tmp_path / "seq" / name).read_bytes()
    assert parallel.refused_urls == sequential.refused_urls
    assert parallel.withheld == sequential.withheld

    # One stream: each PDF and DOCX built once, counted up to the total.
    built = [step for step in steps if step.startswith("built ")]
    assert [step.split()[-1] for step in built] == ["(1/4)", "(2/4)", "(3/4)", "(4/4)"]
    assert sorted(step.split()[1] for step in built) == [
        "ddd-en.docx",
        "ddd-en.pdf",
        "ddd-fr.docx",
        "ddd-fr.pdf",
    ]
    assert steps[0] == "validate" and steps[-1] == "write"
    # The renderer's progress (loading and checking report theirs as StepProgress).
    progress = [
        step for step in steps if isinstance(step, Progress) and not isinstance(step, StepProgress)
    ]
    assert [step.done for step in progress if step.startswith("built ")] == [1, 2, 3, 4]
    assert all(step.total == 4 for step in progress)
    assert progress[-1].running == ()


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_docx_is_a_build_error_naming_the_first_output(
    data: Path, tmp_path: Path, jobs: int
) -> None:
    templates = tmp_path / "tpl"
    for lang in ("fr", "en"):
        (templates / lang).mkdir(parents=True)
        (templates / lang / "ddd.html").write_text(MARQUEE, encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(BuildError) as caught:
        build_dossiers(
            data,
            formats=("pdf", "docx"),
            templates=templates,
            out=out,
            jobs=jobs,
            use_cache=False,
        )
    # Both DOCXs fail; whichever worker finishes first, the error is the French one, as in a
    # sequential build.
    assert str(caught.value).startswith("ddd-fr.docx: ")
    assert "<marquee>" in str(caught.value)
    assert not out.exists()


@pytest.mark.slow
def test_what_a_worker_logs_reaches_the_parent(
    data: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    templates = tmp_path / "tpl"
    (templates / "fr").mkdir(parents=True)
    (templates / "fr" / "ddd.html").write_text(
        '{% extends "default:ddd.html" %}\n'
        '{% block requests %}{{ super() }}<p><img src="no-such-picture.png" alt=""></p>'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="dossier.render"):
        result = build_dossiers(
            data,
            langs=("fr", "en"),
            templates=templates,
            out=tmp_path / "out",
            jobs=2,
            use_cache=False,
        )
    assert result.refused_urls == ["asset:/no-such-picture.png"]
    refused = [r for r in caplog.records if r.name == "dossier.render"]
    assert [r.getMessage() for r in refused] == [
        "Refused to fetch asset:/no-such-picture.png: no asset named 'no-such-picture.png'"
    ]


def test_jobs_must_be_positive() -> None:
    with pytest.raises(BuildError, match="jobs must be at least 1, got 0"):
        Renderer(jobs=0, expected=2)


def test_one_job_or_one_output_renders_in_this_process() -> None:
    assert Renderer(jobs=1, expected=4).workers == 1
    assert Renderer(jobs=8, expected=1).workers == 1
    assert Renderer(jobs=8, expected=3).workers == 3
    assert Renderer(expected=64).workers == default_jobs()
    assert default_jobs() >= 1


def test_a_worker_replaying_a_script_does_not_build(monkeypatch: pytest.MonkeyPatch) -> None:
    # What a worker sees when the caller's script builds at import time (no __main__ guard).
    monkeypatch.setattr(multiprocessing.current_process(), "_inheriting", True, raising=False)
    with pytest.raises(RuntimeError, match="__name__ == '__main__'"):
        Renderer(jobs=2, expected=2)


def test_unknown_kind_is_a_build_error() -> None:
    with pytest.raises(BuildError, match="unknown format: odt"):
        run_job(RenderJob(name="x.odt", kind="odt", html="", options={}))


def test_progress_is_a_string_with_counts() -> None:
    step = Progress("built ddd-fr.pdf (1/2)", done=1, total=2, running=["ddd-en.pdf"])
    assert step == "built ddd-fr.pdf (1/2)"
    assert isinstance(step, str)
    assert (step.done, step.total, step.running) == (1, 2, ("ddd-en.pdf",))


@pytest.mark.slow
def test_without_worker_processes_it_renders_in_this_one(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def no_processes() -> None:
        raise OSError("no sockets in this sandbox")

    monkeypatch.setattr("dossier.build.workers._context", no_processes)
    with caplog.at_level(logging.WARNING, logger="dossier.build.workers"):
        result = build_dossiers(
            data, formats=("docx",), out=tmp_path / "out", jobs=2, use_cache=False
        )
    assert [o.path.name for o in result.outputs] == ["ddd-fr.docx", "ddd-en.docx"]
    assert "Cannot start worker processes (no sockets in this sandbox)" in caplog.text


@pytest.mark.slow
def test_a_template_error_stops_the_renders_under_way(data: Path, tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    (templates / "en").mkdir(parents=True)
    (templates / "en" / "ddd.html").write_text('{% extends "default:ddd.html" %}\n{% block x %')
    out = tmp_path / "out"
    with pytest.raises(BuildError, match=r"en/ddd\.html, line 2"):
        # The French PDF is already with a worker when the English template fails.
        build_dossiers(data, templates=templates, out=out, jobs=2, use_cache=False)
    assert not out.exists()
    assert not multiprocessing.active_children()


def _piece_job(name: str) -> RenderJob:
    """A one-paragraph piece of a PDF, rendered by a worker as a large PDF's pieces are."""
    from dossier.render.html import asset_dirs

    return RenderJob(
        name=name,
        kind="pdf-piece",
        html=(
            '<html><head><link rel="stylesheet" href="dossier.css"></head>'
            "<body><p>piece</p></body></html>"
        ),
        options={
            "asset_dirs": asset_dirs(None),
            "lang": "en",
            "title": "t",
            "author": "a",
            "subject": "s",
        },
    )


@pytest.mark.slow
def test_staged_waits_raise_a_worker_failure_instead_of_hanging() -> None:
    # A large PDF is rendered in stages (pieces, then the contents and page furniture): a
    # failing job must surface at whichever wait asks for it, and never block the build.
    good = _piece_job("good")
    html = good.html
    bad = RenderJob(name="bad", kind="pdf-piece", html=html, options={"no_such_option": 1})
    with Renderer(jobs=2, expected=3) as renderer:
        first = renderer.submit(good, "typeset good")
        failing = renderer.submit(bad, "typeset bad")
        assert renderer.wait([first])[0].extra["page_names"] == [""]
        with pytest.raises(TypeError):
            renderer.wait([failing])
        with pytest.raises(TypeError):
            renderer.results()


@pytest.mark.slow
def test_resting_ends_the_idle_workers_and_a_later_job_starts_new_ones() -> None:
    job = _piece_job("piece")
    with Renderer(jobs=2, expected=2) as renderer:
        renderer.wait([renderer.submit(job, "typeset piece")])
        pool = renderer._pool
        assert pool is not None
        workers = list((pool._processes or {}).values())
        renderer.rest()
        assert renderer._pool is None
        assert not [worker for worker in workers if worker.is_alive()]
        # The joins that follow may still need a render (a piece typeset again in one go).
        again = renderer.wait([renderer.submit(job, "typeset piece again")])[0]
        assert again.extra["page_names"] == [""]


@pytest.mark.slow
def test_pieces_and_their_html_wait_in_private_files_that_go_when_the_renderer_closes() -> None:
    # A large PDF's pieces add up to the whole dossier, twice (HTML in, PDF out): the build
    # keeps them on disk, readable by this user only, and nothing of them once it is done.
    import concurrent.futures
    import gc
    import stat

    job = _piece_job("piece")
    with Renderer(jobs=2, expected=2) as renderer:
        indices = [renderer.submit(job, "typeset piece"), renderer.submit(job, "typeset again")]
        results = renderer.wait(indices)
        spooled = [result.spool for result in results]
        assert all(path is not None for path in spooled)
        pdfs = [path for path in spooled if path is not None]
        assert all(path.read_bytes().startswith(b"%PDF-") for path in pdfs)
        assert all(result.data == b"" for result in results)
        folder = pdfs[0].parent
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        html_files = sorted(folder.glob("*.html"))
        assert [path.read_text(encoding="utf-8") for path in html_files] == [job.html] * 2
        for path in [*pdfs, *html_files]:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
        # What the workers sent is not kept anywhere once it is on disk.
        gc.collect()
        kept = [
            item
            for item in gc.get_objects()
            if isinstance(item, concurrent.futures.Future) and item.done()
        ]
        assert kept == []
    assert not folder.exists()


def test_a_job_can_carry_its_html_in_a_file(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Dans un fichier</p></body></html>", encoding="utf-8")
    options = {"lang": "fr", "title": "t", "author": "a", "source_date_epoch": 0}
    job = RenderJob(name="file", kind="docx", html="", html_file=page, options=options)
    assert job.source() == page.read_text(encoding="utf-8")
    with Renderer(jobs=1, expected=1) as renderer:
        assert renderer.spooled_job(job) is job
        small = RenderJob(name="x", kind="docx", html="<p>x</p>", options={})
        spooled = renderer.spooled_job(small)
        assert spooled.html == "" and spooled.html_file is not None
        assert spooled.source() == "<p>x</p>"
        inline = RenderJob(
            name="y", kind="docx", html=page.read_text(encoding="utf-8"), options=options
        )
        # The same HTML, in memory or in a file, is the same render (and the same cache key).
        assert run_job(job).data == run_job(inline).data


WARM_UP = """
import os, sys, time
from pathlib import Path
from dossier.build.workers import Renderer

def children() -> list[str]:
    found = []
    for task in Path("/proc/self/task").iterdir():
        for pid in (task / "children").read_text().split():
            found.append(Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"))
    return found

if __name__ == "__main__":
    before = children()
    with Renderer(jobs=int(sys.argv[1]), expected=1) as renderer:
        renderer.prepare_workers()
        # The server process is spawned (fork, then exec): wait until it shows as itself.
        started = 0
        for _attempt in range(100):
            started = sum("forkserver" in line for line in children()) - sum(
                "forkserver" in line for line in before)
            if started:
                break
            time.sleep(0.1)
        print(started)
"""


@pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods()
    or not Path("/proc/self/task").exists(),
    reason="needs a fork server and /proc",
)
@pytest.mark.parametrize(("jobs", "started"), [(2, "1"), (1, "0")])
def test_the_fork_server_starts_before_the_first_job(
    tmp_path: Path, jobs: int, started: str
) -> None:
    # Started while the build reads the workbook and writes the HTML, the fork server has
    # imported the renderers by the time the first piece needs a worker; with one job there
    # are no workers, so no fork server either. A process of its own: a fork server started
    # by an earlier test of this session would hide whether this one starts it.
    script = tmp_path / "warm_up.py"
    script.write_text(WARM_UP, encoding="utf-8")
    output = subprocess.run(
        [sys.executable, str(script), str(jobs)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert output.stdout.strip() == started, output.stderr
