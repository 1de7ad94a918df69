"""Render one job in this process with the renderer its kind names, mapping renderer errors to
:class:`dossier.errors.BuildError`."""

from __future__ import annotations

from dossier.errors import BuildError
from dossier.render.chunked import render_overlay, render_piece
from dossier.render.docx import MissingStyle, UnsupportedElement, render_docx
from dossier.render.jobs import JobResult, RenderJob
from dossier.render.pdf import render_pdf

__all__ = ["run_job"]


def run_job(job: RenderJob) -> JobResult:
    """Render ``job`` in this process, mapping renderer errors to ``BuildError`` as
    :func:`dossier.build.pipeline.build` always has."""
    if job.kind == "pdf":
        try:
            result = render_pdf(job.source(), **job.options)
        except ValueError as error:
            raise BuildError(str(error)) from None
        return JobResult(result.data, result.pages, tuple(result.refused_urls))
    if job.kind in ("pdf-piece", "pdf-furniture"):
        return _run_piece(job)
    if job.kind == "docx":
        try:
            return JobResult(render_docx(job.source(), **job.options))
        except (UnsupportedElement, MissingStyle) as error:
            raise BuildError(f"{job.label or job.name}: {error}") from None
    raise BuildError(f"unknown format: {job.kind}")


def _run_piece(job: RenderJob) -> JobResult:
    """A piece of a PDF typeset in parts (see :mod:`dossier.render.chunked`)."""

    options = dict(job.options)
    try:
        if job.kind == "pdf-furniture":
            page_names = options.pop("page_names")
            data, pages, refused = render_overlay(job.source(), page_names, **options)
            return JobResult(data, pages, tuple(refused))
        data, pages, refused, info = render_piece(job.source(), **options)
    except ValueError as error:
        raise BuildError(f"{job.label or job.name}: {error}") from None
    return JobResult(data, pages, tuple(refused), extra=info)
