"""Render one job in this process with the renderer its kind names, mapping renderer errors to
:class:`dossier.errors.BuildError`."""

from __future__ import annotations

from dossier.errors import BuildError, DossierError
from dossier.i18n.messages import Message
from dossier.render.chunked import render_overlay, render_piece
from dossier.render.docx import SUBSET, MissingStyle, UnsupportedElement, render_docx
from dossier.render.jobs import JobResult, RenderJob
from dossier.render.pdf import render_pdf

__all__ = ["describe_missing_styles", "describe_unsupported", "run_job"]


def run_job(job: RenderJob) -> JobResult:
    """Render ``job`` in this process, mapping renderer errors to ``BuildError`` as
    :func:`dossier.build.build_dossiers` always has."""
    if job.kind == "pdf":
        try:
            result = render_pdf(job.source(), **job.options)
        except DossierError as error:
            raise BuildError(error.key, **error.params) from None
        except ValueError as error:
            raise BuildError("build.renderer_failed", output=job.name, reason=str(error)) from None
        return JobResult(result.data, result.pages, tuple(result.refused_urls))
    if job.kind in ("pdf-piece", "pdf-furniture"):
        return _run_piece(job)
    if job.kind == "docx":
        try:
            return JobResult(render_docx(job.source(), **job.options))
        except UnsupportedElement as error:
            reason = describe_unsupported(error)
        except MissingStyle as error:
            reason = describe_missing_styles(error)
        raise BuildError("build.renderer_failed", output=job.label or job.name, reason=reason)
    raise BuildError("build.unknown_format", format=job.kind)


def _run_piece(job: RenderJob) -> JobResult:
    """A piece of a PDF typeset in parts (see :mod:`dossier.render.chunked`)."""

    options = dict(job.options)
    try:
        if job.kind == "pdf-furniture":
            page_names = options.pop("page_names")
            data, pages, refused = render_overlay(job.source(), page_names, **options)
            return JobResult(data, pages, tuple(refused))
        data, pages, refused, info = render_piece(job.source(), **options)
    except DossierError as error:
        reason: str = error.as_message()
    except ValueError as error:
        reason = str(error)
    else:
        return JobResult(data, pages, tuple(refused), extra=info)
    raise BuildError("build.renderer_failed", output=job.label or job.name, reason=reason)


# The DOCX writer's exceptions carry what went wrong as data; the words are said here, in the
# user's language, with the same English as the writer's own.


def describe_unsupported(error: UnsupportedElement, *, with_line: bool = True) -> Message:
    """An element or class outside the HTML subset, as a message (with its line, if known)."""
    element = f"<{error.tag}"
    if error.classes:
        element += f' class="{" ".join(error.classes)}"'
    element += ">"
    if error.classes and error.tag in SUBSET:
        problem = Message(
            "html.class_not_in_subset", element=element, classes=", ".join(error.classes)
        )
    else:
        problem = Message("html.not_in_subset", element=element)
    if with_line and error.line:
        return Message("html.at_line", line=error.line, problem=problem)
    return problem


def describe_missing_styles(error: MissingStyle) -> Message:
    """The Word styles a reference document lacks, all of them."""
    reference = error.reference_path or Message("build.the_reference_document")
    return Message(
        "build.reference_lacks_styles",
        file=reference,
        count=len(error.style_names),
        styles="; ".join(error.style_names),
    )
