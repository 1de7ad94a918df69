"""Render dossier HTML to an editable, reproducible DOCX styled from a reference.docx.

The HTML is read into a tree (:mod:`.tree`), rewritten where Word needs it
(:mod:`.transforms`), written into the reference document's body by a visitor
(:mod:`.translator` over :mod:`.core`, :mod:`.blocks`, :mod:`.tables`, :mod:`.inline`,
:mod:`.contents`) with the header, footer and footnotes parts (:mod:`.parts`) and the styles
the reference must have (:mod:`.styles`), then packaged reproducibly (:mod:`.package`);
:func:`render_docx` (:mod:`.writer`) does it all.
"""

from dossier.render.docx.package import core_properties_xml, normalize_package, set_properties
from dossier.render.docx.parts import CONFIDENTIAL_LABELS
from dossier.render.docx.reference import ReferenceRefused, pack_reference, reference_problems
from dossier.render.docx.styles import (
    REQUIRED_STYLES,
    MissingStyle,
    check_reference_docx,
    default_reference_docx,
)
from dossier.render.docx.tree import SUBSET, UnsupportedElement, check_html_subset
from dossier.render.docx.writer import render_docx
from dossier.render.pdf import ZIP_EPOCH

__all__ = [
    "CONFIDENTIAL_LABELS",
    "REQUIRED_STYLES",
    "SUBSET",
    "ZIP_EPOCH",
    "MissingStyle",
    "ReferenceRefused",
    "UnsupportedElement",
    "check_html_subset",
    "check_reference_docx",
    "core_properties_xml",
    "default_reference_docx",
    "normalize_package",
    "pack_reference",
    "reference_problems",
    "render_docx",
    "set_properties",
]
