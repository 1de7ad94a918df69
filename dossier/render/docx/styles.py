"""The Word styles the writer uses by name, and the check that a reference document has them."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

from dossier.render.docx.reference import read_reference
from dossier.render.html import builtin_templates_dir


class MissingStyle(ValueError):
    """The reference document lacks Word styles the writer uses (all of them are listed)."""

    def __init__(self, style_names: Sequence[str], reference_path: Path | str | None) -> None:
        self.style_names = tuple(style_names)
        self.style_name = self.style_names[0] if self.style_names else ""
        self.reference_path = reference_path
        super().__init__(
            f"{reference_path or 'the reference document'} lacks "
            f"{len(self.style_names)} Word style(s) the DOCX writer needs: "
            f"{'; '.join(self.style_names)}. Start from the built-in templates/reference.docx "
            "and restyle it rather than removing styles."
        )


#: Every style the writer refers to, by name (as Word shows it), with its type.
REQUIRED_STYLES: dict[str, str] = {
    "Normal": "paragraph",
    "Body Text": "paragraph",
    "Title": "paragraph",
    "Subtitle": "paragraph",
    "Heading 1": "paragraph",
    "Heading 2": "paragraph",
    "Heading 3": "paragraph",
    "TOC Heading": "paragraph",
    "TOC 1": "paragraph",
    "TOC 2": "paragraph",
    "TOC 3": "paragraph",
    "Quote": "paragraph",
    "Epigraph": "paragraph",
    "List Bullet": "paragraph",
    "List Number": "paragraph",
    "Marking": "paragraph",
    "Signature": "paragraph",
    "Letter Sender": "paragraph",
    "Letter Recipient": "paragraph",
    "Letter Date": "paragraph",
    "Figure": "paragraph",
    "Caption": "paragraph",
    "Table Text": "paragraph",
    "Table Heading": "paragraph",
    "Compact Table Text": "paragraph",
    "Compact Table Heading": "paragraph",
    "Fact Label": "paragraph",
    "Fact Value": "paragraph",
    "Footnote Text": "paragraph",
    "Header": "paragraph",
    "Footer": "paragraph",
    "Dossier Table": "table",
    "Facts Table": "table",
    "Footnote Reference": "character",
    "Hyperlink": "character",
    "Exhibit Reference": "character",
    "Fingerprint": "character",
    "Marking Char": "character",
    "Untranslated": "character",
    "Muted": "character",
}


def default_reference_docx() -> Path:
    """The built-in reference.docx, next to the built-in templates."""

    return builtin_templates_dir() / "reference.docx"


@dataclass(frozen=True)
class StyleInfo:
    """A style of the reference document: its id, its type and its ``w:style`` element."""

    style_id: str
    kind: str
    element: Any


def styles_by_name(styles_element: Any) -> dict[str, StyleInfo]:
    """Styles of a styles.xml by lower-cased name (Word stores "heading 1", shows "Heading 1")."""
    found: dict[str, StyleInfo] = {}
    for style in styles_element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None:
            continue
        key = (name.get(qn("w:val")) or "").lower()
        found.setdefault(
            key, StyleInfo(style.get(qn("w:styleId")) or "", style.get(qn("w:type")) or "", style)
        )
    return found


def missing_styles(found: Mapping[str, StyleInfo]) -> list[str]:
    """Each required style ``found`` lacks or has with the wrong type, described."""
    problems = []
    for name, kind in REQUIRED_STYLES.items():
        info = found.get(name.lower())
        if info is None:
            problems.append(f"{name} ({kind} style)")
        elif info.kind != kind:
            problems.append(f"{name} (must be a {kind} style, is a {info.kind} style)")
    return problems


def check_reference_docx(reference_docx: Path | None = None) -> None:
    """Raise :class:`MissingStyle` listing every needed style ``reference_docx`` lacks, and
    :class:`~dossier.render.docx.reference.ReferenceRefused` when it holds macros, an attached
    template or links out of itself."""
    path = reference_docx or default_reference_docx()
    # Macros, an attached template or links out are refused first (ReferenceRefused).
    document = docx.Document(io.BytesIO(read_reference(path)))
    problems = missing_styles(styles_by_name(document.styles.element))
    if problems:
        raise MissingStyle(problems, path)


def style_ids(styles: Mapping[str, StyleInfo]) -> dict[str, str]:
    """The style id of every required style, by the name the writer uses."""
    return {name: styles[name.lower()].style_id for name in REQUIRED_STYLES}
