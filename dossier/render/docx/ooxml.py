"""WordprocessingML helpers: element names, the schema's child order, fields, units, bookmarks."""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Sequence
from typing import Any

from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from lxml import etree
from lxml.etree import SubElement

W_P, W_R, W_T, W_PPR, W_RPR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:pPr"), qn("w:rPr")
W_VAL = qn("w:val")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _words(text: str) -> tuple[str, ...]:
    """The element names of a space-separated list."""
    return tuple(text.split())


# Schema order of the pPr, rPr and settings children the writer sets (Word rejects others).
PPR_ORDER = _words(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
RPR_ORDER = _words(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
SETTINGS_ORDER = _words(
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
    "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
    "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
    "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting "
    "bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
    "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
    "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin "
    "drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData "
    "noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars "
    "noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
    "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace "
    "updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr "
    "attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
    "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
    "schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
)


def get_or_insert(parent: Any, tag: str, order: Sequence[str]) -> Any:
    """The ``w:tag`` child of ``parent``, created at its place in the schema's order."""
    existing = parent.find(qn(f"w:{tag}"))
    if existing is not None:
        return existing
    element = parent.makeelement(qn(f"w:{tag}"), {})
    rank = order.index(tag)
    for index, child in enumerate(parent):
        name = etree.QName(child).localname
        if name in order and order.index(name) > rank:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def add_w(parent: Any, tag: str, **attrs: str) -> Any:
    """Append ``<w:tag w:attr="…">`` to ``parent``."""
    return SubElement(parent, qn(f"w:{tag}"), {qn(f"w:{k}"): v for k, v in attrs.items()})


def field_runs(parent: Any, instruction: str, cached: str, rpr: Any = None) -> Any:
    """Append a complex field; returns the ``w:t`` holding its cached result."""

    def run() -> Any:
        element = SubElement(parent, W_R)
        if rpr is not None:
            element.append(copy.deepcopy(rpr))
        return element

    add_w(run(), "fldChar", fldCharType="begin")
    instr = add_w(run(), "instrText")
    instr.set(XML_SPACE, "preserve")
    instr.text = f" {instruction} "
    add_w(run(), "fldChar", fldCharType="separate")
    text = SubElement(run(), W_T)
    text.text = cached
    add_w(run(), "fldChar", fldCharType="end")
    return text


def drop_first_page(sect_pr: Any) -> None:
    """A section after the first has no distinct first page (that is the cover's)."""
    for element in list(sect_pr):
        if element.tag == qn("w:titlePg") or (
            element.tag in (qn("w:headerReference"), qn("w:footerReference"))
            and element.get(qn("w:type")) == "first"
        ):
            sect_pr.remove(element)


def mm(value: float) -> int:
    """Millimetres in twips (twentieths of a point), Word's unit for lengths."""
    return round(value * 1440 / 25.4)


def text_area(sect_pr: Any) -> tuple[int, int]:
    """Width and height of the text area of a section, in twips (A4 defaults)."""
    width, height = 11906, 16838
    left = right = 1247
    top, bottom = 1361, 1247
    if sect_pr is not None:
        size = sect_pr.find(qn("w:pgSz"))
        if size is not None:
            width = int(size.get(qn("w:w"), width))
            height = int(size.get(qn("w:h"), height))
        margins = sect_pr.find(qn("w:pgMar"))
        if margins is not None:
            left = int(margins.get(qn("w:left"), left))
            right = int(margins.get(qn("w:right"), right))
            top = abs(int(margins.get(qn("w:top"), top)))
            bottom = abs(int(margins.get(qn("w:bottom"), bottom)))
    return max(width - left - right, 1440), max(height - top - bottom, 1440)


def bookmark_name(anchor: str, used: set[str]) -> str:
    """A Word bookmark name for an HTML id: a letter first, [A-Za-z0-9_], at most 40."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
    if not name[:1].isalpha():
        name = f"id_{name}"
    if len(name) > 40:
        digest = hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:8]
        name = f"{name[:31]}_{digest}"
    base, counter = name, 2
    while name.lower() in used:
        suffix = f"_{counter}"
        name = f"{base[: 40 - len(suffix)]}{suffix}"
        counter += 1
    return name


def replace_with_xml_part(source: Any, part: Any, element: Any) -> XmlPart:
    """An XML part in place of ``part`` (loaded as bytes), ``source``'s relationships moved."""
    xml_part = XmlPart(part.partname, part.content_type, element, part.package)
    for r_id, rel in list(source.rels.items()):
        if not rel.is_external and rel.target_part is part:
            source.rels[r_id] = type(rel)(r_id, rel.reltype, xml_part, rel._baseURI)
            source.rels._target_parts_by_rId[r_id] = xml_part
    return xml_part


class Bookmarks:
    """The Word bookmark of each HTML id, named before writing (a link may precede its target)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self._names_used: set[str] = set()  # lower-cased: Word's bookmark names ignore case
        self._placed: set[str] = set()
        self._last_id = 0

    def register(self, anchor: str) -> None:
        """Name the bookmark of ``anchor``, unless it has one."""
        if anchor not in self.names:
            name = bookmark_name(anchor, self._names_used)
            self._names_used.add(name.lower())
            self.names[anchor] = name

    def name(self, anchor: str) -> str:
        """The bookmark name of ``anchor`` (of an id the document lacks: its would-be name)."""
        return self.names.get(anchor) or bookmark_name(anchor, set())

    def place(self, paragraph: Any, anchor: str, *, wrap: bool) -> str | None:
        """Start the bookmark of ``anchor`` in ``paragraph``, once.

        With ``wrap`` the bookmark's id is returned and the caller ends it after the text it
        wraps; otherwise the bookmark is ended at once.
        """
        if anchor in self._placed:
            return None
        self._placed.add(anchor)
        self._last_id += 1
        ident = str(self._last_id)
        add_w(paragraph, "bookmarkStart", id=ident, name=self.names[anchor])
        if not wrap:
            add_w(paragraph, "bookmarkEnd", id=ident)
            return None
        return ident
