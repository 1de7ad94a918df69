"""One output to render, as plain data that crosses to a worker process as it is.

A :class:`RenderJob` holds the HTML and the keyword arguments of ``render_pdf`` or
``render_docx``; :mod:`dossier.render.dispatch` renders it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["SPOOLED_KINDS", "JobResult", "RenderJob"]


@dataclass(frozen=True)
class RenderJob:
    """One output to render: ``kind`` is ``pdf`` or ``docx``; ``options`` are the keyword
    arguments of :func:`dossier.render.pdf.render_pdf` or :func:`dossier.render.docx.render_docx`
    (all picklable: paths, strings, numbers, bytes, attachments)."""

    name: str
    kind: str
    html: str
    options: Mapping[str, Any]
    #: How errors name the output (default: ``name``).
    label: str = ""
    #: The file that holds the HTML instead (``html`` is then empty): a large dossier's
    #: HTML waits on disk, not in the build's memory, until a worker reads it
    #: (:meth:`Renderer.spool_text`).
    html_file: Path | None = None

    def source(self) -> str:
        """The HTML to render, read from :attr:`html_file` when it is there."""
        if self.html_file is None:
            return self.html
        return self.html_file.read_text(encoding="utf-8")


@dataclass(frozen=True)
class JobResult:
    data: bytes
    pages: int | None = None
    refused_urls: tuple[str, ...] = ()
    #: True when the bytes came from the cache.
    cached: bool = False
    #: Warnings the render logged, replayed when the result comes from the cache.
    warnings: tuple[tuple[str, int, str], ...] = field(default=(), compare=False)
    #: What a piece of a PDF tells the merger (page names, anchors, bookmarks): JSON data.
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)
    #: The file the bytes were moved to (``data`` is then empty): see :data:`SPOOLED_KINDS`.
    spool: Path | None = field(default=None, compare=False)

    def payload(self) -> bytes | Path:
        """The bytes, or the file that holds them."""
        return self.data if self.spool is None else self.spool


#: Jobs whose results wait in a temporary file, not in memory, until they are read: the
#: pieces of a large PDF (a 5,000-incident dossier has some 300), which the join reads one
#: at a time. The files are deleted when the renderer closes.
SPOOLED_KINDS = frozenset({"pdf-piece", "pdf-furniture"})
