"""The fonts a DOCX names: Ethiopic text in the PDF's Ethiopic font, a font table of those used.

Word picks a run's font by script: ``w:ascii``/``w:hAnsi`` for Latin and the scripts it
does not class apart, ``w:cs`` for complex scripts (Arabic, Persian…), ``w:eastAsia`` for
CJK. Ethiopic is in none of its classes, so a run of Ethiopic text would be set in the Latin
font, which lacks it, and LibreOffice substitutes whatever it finds: such text gets runs of
its own in the Ethiopic font the PDF uses.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from dossier.render.docx.ooxml import RPR_ORDER, W_R, W_RPR, W_T, XML_SPACE, get_or_insert

__all__ = [
    "ETHIOPIC_FONT",
    "fonts_used",
    "set_ethiopic_fonts",
    "set_ethiopic_runs",
    "write_font_table",
]

#: The Ethiopic font of the PDF (dossier.css's stacks name it; pdffonts finds it embedded).
ETHIOPIC_FONT = "Noto Serif Ethiopic"

#: Ethiopic, Ethiopic Supplement, Ethiopic Extended and Extended-A.
_ETHIOPIC = "\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f"
#: A stretch of Ethiopic letters, with the spaces and punctuation between them.
_ETHIOPIC_RUN = re.compile(f"[{_ETHIOPIC}](?:[{_ETHIOPIC} .,;:!?'’«»\u00a0\u202f-]*[{_ETHIOPIC}])?")

_FONT_ATTRIBUTES = tuple(qn(f"w:{name}") for name in ("ascii", "hAnsi", "cs", "eastAsia"))


def set_ethiopic_runs(root: Any) -> None:
    """Give each stretch of Ethiopic text under ``root`` a run of its own in
    :data:`ETHIOPIC_FONT` (the run's other properties kept)."""

    for run in list(root.iter(W_R)):
        texts = [child for child in run if child.tag != W_RPR]
        if len(texts) != 1 or texts[0].tag != W_T or not texts[0].text:
            continue
        text = texts[0].text
        pieces: list[tuple[str, bool]] = []
        position = 0
        for match in _ETHIOPIC_RUN.finditer(text):
            if match.start() > position:
                pieces.append((text[position : match.start()], False))
            pieces.append((match.group(), True))
            position = match.end()
        if not pieces:
            continue
        if position < len(text):
            pieces.append((text[position:], False))
        parent = run.getparent()
        index = parent.index(run)
        for offset, (piece, ethiopic) in enumerate(pieces):
            new_run = copy.deepcopy(run)
            new_text = new_run.find(W_T)
            new_text.text = piece
            if piece != piece.strip():
                new_text.set(XML_SPACE, "preserve")
            elif XML_SPACE in new_text.attrib:
                del new_text.attrib[XML_SPACE]
            if ethiopic:
                properties = new_run.find(W_RPR)
                if properties is None:
                    properties = new_run.makeelement(W_RPR, {})
                    new_run.insert(0, properties)
                # Every slot: Word reads Ethiopic with the Latin fonts, LibreOffice with the
                # complex-script one, and the run holds nothing else.
                fonts = get_or_insert(properties, "rFonts", RPR_ORDER)
                for attribute in _FONT_ATTRIBUTES:
                    fonts.set(attribute, ETHIOPIC_FONT)
            parent.insert(index + offset, new_run)
        parent.remove(run)


#: The parts that hold text: the body, headers, footers, notes.
_TEXT_PARTS = frozenset({CT.WML_DOCUMENT_MAIN, CT.WML_HEADER, CT.WML_FOOTER, CT.WML_FOOTNOTES})


def set_ethiopic_fonts(document: Any) -> None:
    """:func:`set_ethiopic_runs` in every part of ``document`` that holds text."""
    for part in document.part.package.iter_parts():
        if isinstance(part, XmlPart) and part.content_type in _TEXT_PARTS:
            set_ethiopic_runs(part.element)


def fonts_used(document: Any) -> list[str]:
    """Every font the document's parts name in ``w:rFonts``, sorted."""

    names: set[str] = set()
    for part in document.part.package.iter_parts():
        if not isinstance(part, XmlPart):
            continue
        for fonts in part.element.iter(qn("w:rFonts")):
            names.update(value for attribute in _FONT_ATTRIBUTES if (value := fonts.get(attribute)))
    return sorted(names)


def write_font_table(document: Any) -> None:
    """Replace the font table (the reference's lists python-docx's template fonts: Calibri,
    Cambria, MS Mincho…) by the fonts the document uses."""

    entries = "".join(f'<w:font w:name="{_attribute(name)}"/>' for name in fonts_used(document))
    element = parse_xml(f"<w:fonts {nsdecls('w')}>{entries}</w:fonts>")
    for rel in document.part.rels.values():
        if rel.reltype == RT.FONT_TABLE and not rel.is_external:
            part = rel.target_part
            if isinstance(part, XmlPart):
                part._element = element
            else:
                part._blob = etree.tostring(
                    element, xml_declaration=True, encoding="UTF-8", standalone=True
                )
            return


def _attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
