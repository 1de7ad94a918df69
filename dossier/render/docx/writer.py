"""``render_docx``: dossier HTML checked, written into the reference document, packaged."""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

from dossier.render.docx.fonts import set_ethiopic_fonts, write_font_table
from dossier.render.docx.ooxml import SETTINGS_ORDER, W_VAL, get_or_insert
from dossier.render.docx.package import core_properties_xml, normalize_package, set_properties
from dossier.render.docx.pagination import LibreOfficeError, libreoffice_pages
from dossier.render.docx.parts import (
    WORD_LANGUAGES,
    confidential_header_footer,
    drop_separators_without_notes,
    drop_stale_parts,
    header_footer,
    set_language,
)
from dossier.render.docx.reference import read_reference
from dossier.render.docx.styles import (
    MissingStyle,
    default_reference_docx,
    missing_styles,
    styles_by_name,
)
from dossier.render.docx.transforms import first_text, has_confidential_annex, starts_with_cover
from dossier.render.docx.translator import DocxTranslator
from dossier.render.docx.tree import parse_html, subset_problems
from dossier.render.html import asset_dirs as default_asset_dirs
from dossier.render.pdf import resolve_source_date_epoch

LOGGER = logging.getLogger("dossier.render")


def render_docx(
    html: str,
    *,
    reference_docx: Path | None = None,
    title: str,
    author: str,
    lang: str,
    subject: str = "",
    keywords: Sequence[str] = (),
    source_date_epoch: int | None = None,
    header_text: str = "",
    marking: str = "",
    toc_pages: Mapping[str, int] | None = None,
    asset_dirs: Sequence[Path] | None = None,
    libreoffice: str | None = None,
) -> bytes:
    """Render ``html`` (the dossier subset) to DOCX bytes styled from ``reference_docx``.

    Raises :class:`UnsupportedElement` for an element or class outside the subset (with the
    HTML line) and :class:`MissingStyle` listing every style the reference lacks.
    ``header_text`` and ``marking`` default to the ``p.running-title`` and the first
    ``p.marking`` of the HTML. ``toc_pages`` maps heading ids to page numbers (the PDF's)
    for the table of contents; without it the pages are estimated, or, with ``libreoffice``
    (the command, see :func:`~dossier.render.docx.pagination.find_libreoffice`), read from
    LibreOffice's layout of the document: the numbers it shows on opening are then the right
    ones. Word refreshes them itself (``w:updateFields``). Images come only from ``data:``
    URIs and ``asset_dirs`` (default: the built-in template assets). The same HTML and epoch
    give the same bytes (with ``libreoffice``: on a machine with the same LibreOffice and
    fonts, as the PDF needs the same fonts).
    """
    options: dict[str, Any] = {
        "reference_docx": reference_docx,
        "title": title,
        "author": author,
        "lang": lang,
        "subject": subject,
        "keywords": keywords,
        "epoch": resolve_source_date_epoch(source_date_epoch),
        "header_text": header_text,
        "marking": marking,
        "asset_dirs": asset_dirs,
    }
    data, contents = _write_docx(html, toc_pages=toc_pages, **options)
    if libreoffice is None or toc_pages is not None or not contents:
        return data
    try:
        measured = libreoffice_pages(data, contents.values(), soffice=libreoffice)
    except LibreOfficeError as error:
        LOGGER.warning("Contents keep estimated page numbers: %s", error)
        return data
    pages = {anchor: measured[name] for anchor, name in contents.items() if name in measured}
    if len(pages) < len(contents):
        LOGGER.warning(
            "LibreOffice placed %d of the %d contents entries; the others keep estimated pages",
            len(pages),
            len(contents),
        )
    data, _contents = _write_docx(html, toc_pages=pages, **options)
    return data


def _write_docx(
    html: str,
    *,
    reference_docx: Path | None,
    title: str,
    author: str,
    lang: str,
    subject: str,
    keywords: Sequence[str],
    epoch: int,
    header_text: str,
    marking: str,
    toc_pages: Mapping[str, int] | None,
    asset_dirs: Sequence[Path] | None,
) -> tuple[bytes, dict[str, str]]:
    """The DOCX, and the bookmark name of each heading id its contents show a page for."""
    root = parse_html(html)
    problems = subset_problems(root)
    if problems:
        first = problems[0]
        if len(problems) > 1:
            first.args = (f"{first.args[0]} (and {len(problems) - 1} more problem(s))",)
        raise first

    reference = reference_docx or default_reference_docx()
    document = docx.Document(io.BytesIO(read_reference(reference)))
    styles = styles_by_name(document.styles.element)
    missing = missing_styles(styles)
    if missing:
        raise MissingStyle(missing, reference)

    if asset_dirs is None:
        asset_dirs = default_asset_dirs(None)

    language = WORD_LANGUAGES.get(lang, lang)
    set_language(document, language)

    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)

    translator = DocxTranslator(
        document, styles, lang=lang, asset_dirs=asset_dirs, toc_pages=toc_pages, title=title
    )
    total = header_footer(
        document,
        styles,
        header_text=header_text or first_text(root, "running-title") or title,
        marking=marking or first_text(root, "marking"),
        lang=lang,
        cover=starts_with_cover(root),
        text_width=translator.text_width,
    )
    if has_confidential_annex(root):
        translator.confidential_refs = confidential_header_footer(
            document,
            styles,
            marking=marking or first_text(root, "marking"),
            lang=lang,
            text_width=translator.text_width,
        )
    translator.translate(root)
    sect_pr = translator.final_sect_pr
    if sect_pr is not None:
        body.append(sect_pr)
    drop_stale_parts(document)
    drop_separators_without_notes(document)
    set_ethiopic_fonts(document)
    write_font_table(document)
    pages = translator.estimate.page
    if toc_pages:
        pages = max(pages, *toc_pages.values())
    total.text = str(pages)

    # Word refreshes the contents' page numbers (and every other field) on opening.
    get_or_insert(document.settings.element, "updateFields", SETTINGS_ORDER).set(W_VAL, "true")
    set_properties(
        document,
        core_properties_xml(
            title=title,
            author=author,
            subject=subject,
            keywords=keywords,
            language=language,
            epoch=epoch,
        ),
    )
    buffer = io.BytesIO()
    document.save(buffer)
    contents = {
        anchor: translator.bookmarks.name(anchor)
        for anchor, _cached in translator.contents.page_fields
    }
    return normalize_package(buffer.getvalue(), epoch=epoch), contents
