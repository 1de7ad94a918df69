"""Where LibreOffice lays out each bookmarked heading of a DOCX: the pages the contents show.

A headless LibreOffice neither refreshes a TOC field on opening nor can it re-save the file
without rewriting all of it (styles, footnotes, fields: the DOCX would no longer be the
writer's, nor the same bytes twice). So the file is only converted to PDF, with its
bookmarks as named destinations, and the page of each bookmark is read back: the writer
then puts those numbers in the contents' cached field results.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pikepdf

__all__ = ["LibreOfficeError", "find_libreoffice", "libreoffice_pages"]

LOGGER = logging.getLogger("dossier.render")

#: The PDF export filter, asked to turn Writer bookmarks into named destinations.
_EXPORT_FILTER = (
    'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'
)

#: Seconds a conversion may take (a 100-page dossier takes some 10 s, 20 s the first time a
#: profile is made).
TIMEOUT = 300


class LibreOfficeError(RuntimeError):
    """LibreOffice could not convert the document."""


def find_libreoffice() -> str | None:
    """The LibreOffice command on this machine, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def destination_name(bookmark: str) -> str:
    """The named destination LibreOffice (7.4) writes for a bookmark: every character other
    than an ASCII letter or digit spelled as its UTF-8 bytes in hexadecimal."""
    return "".join(
        char if char.isascii() and char.isalnum() else char.encode("utf-8").hex().upper()
        for char in bookmark
    )


def libreoffice_pages(docx: bytes, bookmarks: Iterable[str], *, soffice: str) -> dict[str, int]:
    """The page (from 1) on which LibreOffice lays out each of ``bookmarks`` in ``docx``; a
    bookmark it does not export is left out. Raises :class:`LibreOfficeError`."""

    with tempfile.TemporaryDirectory(prefix="dossier-lo-") as scratch:
        folder = Path(scratch)
        source = folder / "document.docx"
        source.write_bytes(docx)
        # A profile of its own: another LibreOffice (the user's, a parallel worker's) may be
        # running with the default one, and would take the conversion over.
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            _EXPORT_FILTER,
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            completed = subprocess.run(
                command, capture_output=True, timeout=TIMEOUT, check=False, stdin=subprocess.DEVNULL
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise LibreOfficeError(f"{soffice} did not convert the document: {error}") from error
        converted = folder / "document.pdf"
        if completed.returncode != 0 or not converted.is_file():
            detail = completed.stderr.decode("utf-8", "replace").strip()[-300:]
            raise LibreOfficeError(
                f"{soffice} did not convert the document (exit {completed.returncode}): {detail}"
            )
        with pikepdf.open(converted) as pdf:
            page_numbers: dict[tuple[int, int], int] = {
                page.obj.objgen: number for number, page in enumerate(pdf.pages, 1)
            }
            destinations = pdf.Root.get("/Dests", pikepdf.Dictionary())
            pages: dict[str, int] = {}
            for bookmark in bookmarks:
                destination = destinations.get("/" + destination_name(bookmark))
                if isinstance(destination, pikepdf.Dictionary):
                    destination = destination.get("/D")
                if isinstance(destination, pikepdf.Array) and len(destination):
                    number = page_numbers.get(destination[0].objgen)
                    if number is not None:
                        pages[bookmark] = number
            return pages
