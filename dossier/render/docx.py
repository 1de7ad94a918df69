"""Render dossier HTML to an editable, reproducible DOCX styled from a reference.docx."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import logging
import math
import re
import urllib.parse
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar, TypeGuard

import docx
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.shape import CT_Inline
from docx.shared import Emu
from lxml import etree

from dossier.render import VOID_ELEMENTS
from dossier.render.html import asset_dirs as default_asset_dirs
from dossier.render.html import builtin_templates_dir
from dossier.render.pdf import (
    ASSET_BASE_URL,
    DEFAULT_SOURCE_DATE_EPOCH,
    RefusedURLError,
    SafeURLFetcher,
    resolve_source_date_epoch,
)

__all__ = [
    "DEFAULT_SOURCE_DATE_EPOCH",
    "REQUIRED_STYLES",
    "SUBSET",
    "MissingStyle",
    "UnsupportedElement",
    "check_html_subset",
    "check_reference_docx",
    "default_reference_docx",
    "normalize_package",
    "render_docx",
]

LOGGER = logging.getLogger("dossier.render")

# --------------------------------------------------------------------------- the subset

#: Elements of the dossier HTML subset and the classes each may carry (see dossier.css).
SUBSET: dict[str, frozenset[str]] = {
    tag: frozenset(classes)
    for tag, classes in {
        "html": (),
        "head": (),
        "title": (),
        "meta": (),
        "link": (),
        "style": (),
        "body": (),
        "section": ("cover", "letter", "annex", "confidential-annex", "contents", "incident"),
        "nav": ("toc",),
        "div": ("page-break", "signature"),
        "p": (
            "running-title",
            "marking",
            "subtitle",
            "sender",
            "recipient",
            "place-date",
            "account",
        ),
        "h1": (),
        "h2": (),
        "h3": (),
        "ul": (),
        "ol": (),
        "li": ("toc-1", "toc-2", "toc-3"),
        "table": ("compact",),
        "thead": (),
        "tbody": (),
        "tr": (),
        "th": (),
        "td": (),
        "blockquote": ("epigraph",),
        "figure": (),
        "img": (),
        "figcaption": (),
        "dl": ("facts",),
        "dt": (),
        "dd": (),
        "em": (),
        "strong": (),
        "sup": (),
        "sub": (),
        "a": ("exhibit-ref",),
        "br": (),
        "span": ("footnote", "fingerprint", "untranslated", "signature"),
    }.items()
}
#: Classes allowed on any element of the subset.
GLOBAL_CLASSES = frozenset({"muted"})
#: Class prefixes base.html puts on <body> for CSS (``layout-ddd``, ``audience-public``).
BODY_CLASS_PREFIXES = ("layout-", "audience-")

_VOID = VOID_ELEMENTS

# Starting one of these closes an open <p>, as in HTML.
_CLOSES_P = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "div",
        "dl",
        "figure",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    }
)
_INLINE = frozenset(
    {"a", "em", "strong", "sup", "sub", "span", "b", "i", "u", "small", "code", "abbr", "q"}
)
# Start tag -> (open tags it closes, open tags that stop the search).
_IMPLIED_END = {
    "li": ({"li"}, {"ul", "ol", "nav", "body"}),
    "dt": ({"dt", "dd"}, {"dl", "body"}),
    "dd": ({"dt", "dd"}, {"dl", "body"}),
    "tr": ({"tr", "td", "th"}, {"table", "thead", "tbody"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "thead": ({"thead", "tbody", "tr", "td", "th"}, {"table"}),
    "tbody": ({"thead", "tbody", "tr", "td", "th"}, {"table"}),
}

_ASCII_WHITESPACE = " \t\n\r\f"
_COLLAPSE = re.compile(r"[ \t\n\r\f]+")
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


class UnsupportedElement(ValueError):
    """An element or class outside the dossier HTML subset, with its line in the HTML."""

    def __init__(
        self, tag: str, classes: Sequence[str] = (), line: int | None = None, reason: str = ""
    ) -> None:
        self.tag = tag
        self.classes = tuple(classes)
        self.line = line
        self.reason = reason
        shown = f"<{tag}"
        if self.classes:
            shown += f' class="{" ".join(self.classes)}"'
        shown += ">"
        where = f"line {line}: " if line else ""
        detail = reason or (
            f"class {', '.join(self.classes)} is not in the dossier HTML subset"
            if self.classes and tag in SUBSET
            else "element is not in the dossier HTML subset"
        )
        super().__init__(f"{where}{shown}: {detail} (see docs/templates.md)")


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

#: Word language tags for the dossier languages.
WORD_LANGUAGES = {"fr": "fr-FR", "en": "en-GB"}

# -------------------------------------------------------------------------- the tree


@dataclass(eq=False)
class Element:
    """An element of the parsed HTML: tag, attributes, children and its source line."""

    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(self.attrs.get("class", "").split())

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()

    def static_classes(self) -> tuple[str, ...]:
        """The classes, less Jinja expressions (when checking a template's own source)."""
        return tuple(_JINJA.sub(" ", self.attrs.get("class", "")).split())

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def text(self, skip_footnotes: bool = True) -> str:
        """The element's text, whitespace collapsed (footnotes left out by default)."""
        parts: list[str] = []
        self._collect(parts, skip_footnotes)
        return _COLLAPSE.sub(" ", "".join(parts)).strip(_ASCII_WHITESPACE)

    def _collect(self, parts: list[str], skip_footnotes: bool) -> None:
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not (skip_footnotes and child.tag == "span" and child.has_class("footnote")):
                if child.tag == "br":
                    parts.append(" ")
                child._collect(parts, skip_footnotes)


class _TreeBuilder(HTMLParser):
    """Build an :class:`Element` tree with source lines, closing tags HTML implies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, 0)
        self.stack: list[Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._imply_end(tag)
        element = Element(
            tag,
            {name: _INVALID_XML.sub("", value or "") for name, value in attrs},
            self.getpos()[0],
        )
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
        # A stray end tag is ignored, as browsers do.

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(_INVALID_XML.sub("", data))

    def _imply_end(self, tag: str) -> None:
        if tag in _CLOSES_P:
            for depth in range(len(self.stack) - 1, 0, -1):
                open_tag = self.stack[depth].tag
                if open_tag == "p":
                    del self.stack[depth:]
                    break
                if open_tag not in _INLINE:
                    break
        implied = _IMPLIED_END.get(tag)
        if implied:
            closes, stops = implied
            for depth in range(len(self.stack) - 1, 0, -1):
                open_tag = self.stack[depth].tag
                if open_tag in closes:
                    del self.stack[depth:]
                    break
                if open_tag in stops:
                    break


def parse_html(html: str) -> Element:
    """Parse dossier HTML into an :class:`Element` tree (root tag ``#document``)."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _problems(root: Element) -> list[UnsupportedElement]:
    found = []
    for element in root.iter():
        if element.tag == "#document":
            continue
        allowed = SUBSET.get(element.tag)
        if allowed is None:
            found.append(UnsupportedElement(element.tag, element.classes, element.line))
            continue
        unknown = [
            name
            for name in element.static_classes()
            if name not in allowed
            and name not in GLOBAL_CLASSES
            and not (element.tag == "body" and name.startswith(BODY_CLASS_PREFIXES))
        ]
        if unknown:
            found.append(UnsupportedElement(element.tag, unknown, element.line))
    return found


def check_html_subset(html: str) -> list[UnsupportedElement]:
    """Every element or class of ``html`` outside the subset, in document order."""
    return _problems(parse_html(html))


# ----------------------------------------------------------------- the reference document


def default_reference_docx() -> Path:
    """The built-in reference.docx, next to the built-in templates."""

    return builtin_templates_dir() / "reference.docx"


@dataclass(frozen=True)
class _StyleInfo:
    style_id: str
    kind: str
    element: Any


def _styles_by_name(styles_element: Any) -> dict[str, _StyleInfo]:
    """Styles of a styles.xml by lower-cased name (Word stores "heading 1", shows "Heading 1")."""
    found: dict[str, _StyleInfo] = {}
    for style in styles_element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None:
            continue
        key = (name.get(qn("w:val")) or "").lower()
        found.setdefault(
            key, _StyleInfo(style.get(qn("w:styleId")) or "", style.get(qn("w:type")) or "", style)
        )
    return found


def _missing_styles(found: Mapping[str, _StyleInfo]) -> list[str]:
    problems = []
    for name, kind in REQUIRED_STYLES.items():
        info = found.get(name.lower())
        if info is None:
            problems.append(f"{name} ({kind} style)")
        elif info.kind != kind:
            problems.append(f"{name} (must be a {kind} style, is a {info.kind} style)")
    return problems


def check_reference_docx(reference_docx: Path | None = None) -> None:
    """Raise :class:`MissingStyle` listing every needed style ``reference_docx`` lacks."""
    path = reference_docx or default_reference_docx()
    document = docx.Document(str(path))
    problems = _missing_styles(_styles_by_name(document.styles.element))
    if problems:
        raise MissingStyle(problems, path)


# ------------------------------------------------------------------------- XML helpers

W_P, W_R, W_T, W_PPR, W_RPR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:pPr"), qn("w:rPr")
W_VAL = qn("w:val")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SUB = etree.SubElement


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Schema order of the pPr and rPr children the writer sets (Word rejects other orders).
_PPR_ORDER = _words(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
_RPR_ORDER = _words(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
_SETTINGS_ORDER = _words(
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


def _get_or_insert(parent: Any, tag: str, order: Sequence[str]) -> Any:
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


def _w(parent: Any, tag: str, **attrs: str) -> Any:
    """Append ``<w:tag w:attr="…">`` to ``parent``."""
    return _SUB(parent, qn(f"w:{tag}"), {qn(f"w:{k}"): v for k, v in attrs.items()})


def _field_runs(parent: Any, instruction: str, cached: str, rpr: Any = None) -> Any:
    """Append a complex field; returns the ``w:t`` holding its cached result."""

    def run() -> Any:
        element = _SUB(parent, W_R)
        if rpr is not None:
            element.append(copy.deepcopy(rpr))
        return element

    _w(run(), "fldChar", fldCharType="begin")
    instr = _w(run(), "instrText")
    instr.set(XML_SPACE, "preserve")
    instr.text = f" {instruction} "
    _w(run(), "fldChar", fldCharType="separate")
    text = _SUB(run(), W_T)
    text.text = cached
    _w(run(), "fldChar", fldCharType="end")
    return text


# ---------------------------------------------------------------------- page estimate


class _PageEstimate:
    """A rough running page count, for TOC page numbers when no PDF pages are given.

    Word and LibreOffice lay out on their own; this only has to be plausible until someone
    updates the table of contents. Heights are in points.
    """

    def __init__(self, text_height: float) -> None:
        self.text_height = text_height
        self.page = 1
        self.used = 0.0

    def add(self, height: float, splittable: bool = True) -> None:
        if self.used + height <= self.text_height:
            self.used += height
        elif splittable:
            overflow = self.used + height - self.text_height
            pages = int(overflow // self.text_height) + 1
            self.page += pages
            self.used = overflow - (pages - 1) * self.text_height
        else:
            self.page += 1
            self.used = min(height, self.text_height)

    def ensure_room(self, height: float) -> None:
        if self.used and self.used + height > self.text_height:
            self.page_break()

    def page_break(self) -> None:
        if self.used:
            self.page += 1
            self.used = 0.0


# (font size in pt, space before + after in pt) per paragraph style, for the estimate only.
_EST_METRICS = {
    "Heading 1": (17.0, 31.0),
    "Heading 2": (13.0, 28.0),
    "Heading 3": (11.0, 20.0),
    "TOC Heading": (17.0, 31.0),
    "Title": (22.0, 142.0),
    "Subtitle": (13.0, 34.0),
    "TOC 1": (10.5, 8.5),
    "TOC 2": (10.5, 2.3),
    "TOC 3": (10.5, 2.3),
    "Marking": (12.0, 30.0),
    "Epigraph": (9.5, 4.0),
    "Caption": (9.0, 15.0),
    "Footnote Text": (8.0, 2.0),
    "Table Text": (9.5, 0.0),
    "Table Heading": (9.5, 0.0),
    "Compact Table Text": (7.5, 0.0),
    "Compact Table Heading": (7.5, 0.0),
    "Fact Label": (9.5, 0.0),
    "Fact Value": (9.5, 0.0),
}
_EST_DEFAULT = (10.5, 7.0)


# ------------------------------------------------------------------------------ writer


class SkipNode(Exception):
    """Raised by a visit_ method: do not walk the children, do not call depart_."""


RunKey = tuple[str | None, bool, bool, str | None, bool, str | None]
_PLAIN_RUN: RunKey = (None, False, False, None, False, None)


@dataclass
class _Frame:
    """What the open elements imply for the paragraphs and runs created inside them."""

    para_style: str  # style name
    jc: str | None = None
    bidi: bool = False
    run: RunKey = _PLAIN_RUN
    numbering: tuple[int, int] | None = None  # (numId, ilvl) of the list item
    list_item: _ListItem | None = None
    list_depth: int = 0
    nowrap: bool = False
    cover: bool = False
    cell: _Cell | None = None


@dataclass
class _ListItem:
    num_id: int
    level: int
    indent: int
    numbered: bool = False


@dataclass
class _Cell:
    width: int
    heights: list[float] = field(default_factory=list)


@dataclass
class _Table:
    element: Any
    widths: list[int]
    compact: bool
    estimate: bool
    facts: bool = False
    row: Any = None
    column: int = 0
    in_thead: bool = False
    cells: list[_Cell] = field(default_factory=list)
    value_cell: Any = None


@dataclass
class _TocEntry:
    level: int
    anchor: str
    text: str


class DocxTranslator:
    """Walk the HTML tree and write WordprocessingML into the reference document.

    One ``visit_<tag>``/``depart_<tag>`` pair per element of the subset, as in Sphinx's
    writers. Paragraphs and runs are built with lxml directly, style ids resolved once: the
    python-docx object API looks styles up by name on every call, far too slow for a
    thousand-incident dossier.
    """

    def __init__(
        self,
        document: Any,
        styles: Mapping[str, _StyleInfo],
        *,
        lang: str,
        asset_dirs: Sequence[Path],
        toc_pages: Mapping[str, int] | None,
    ) -> None:
        self.document = document
        self.package = document.part.package
        self.lang = lang
        self.style_ids = {name: styles[name.lower()].style_id for name in REQUIRED_STYLES}
        self.styles = styles
        self.fetcher = SafeURLFetcher(asset_dirs)
        self.toc_pages = toc_pages

        section = document.element.body.find(qn("w:sectPr"))
        self.final_sect_pr = section
        self.text_width, text_height = _text_area(section)
        self.estimate = _PageEstimate(text_height / 20)

        self.body = document.element.body
        self.container: Any = self.body
        self.rel_part: Any = document.part
        self.frames: list[_Frame] = [_Frame(para_style="Body Text")]
        self.p: Any = None
        self.p_chars = 0
        self.p_style = ""
        self.link: tuple[str, str] | None = None  # ("anchor"|"url", target)
        self.link_element: Any = None
        self.pending_space = False
        self.at_line_start = True
        self.last_text: Any = None
        self.pending_break = False
        self.pending_anchors: list[str] = []
        self.heading: tuple[str | None, int] | None = None  # (anchor, level) being written
        self.tables: list[_Table] = []
        self.width_stack: list[int] = [self.text_width]
        self.signature_paragraphs: list[Any] = []
        self.in_signature = 0

        self.bookmark_names: dict[str, str] = {}
        self.bookmarked: set[str] = set()
        self.bookmark_id = 0
        self.heading_pages: dict[str, int] = {}
        self.toc_results: list[tuple[str, Any]] = []
        self.rpr_cache: dict[RunKey, Any] = {}
        self.url_rids: dict[tuple[int, str], str] = {}
        self.shape_id = 0
        self.content_started = False

        self.confidential_depth = 0
        self.section_breaks: list[Any] = []
        self.confidential_refs: list[tuple[str, str]] = []  # (tag, rId) of its header, footer
        self.headings: list[_TocEntry] = []

        self.footnotes: Any = None
        self.footnotes_part: Any = None
        self.footnote_id = 0

        self.numbering = _numbering_element(document)
        self.bullet_num, self.number_abstract = self._list_definitions()
        self.next_num_id = 1 + max(
            (int(n.get(qn("w:numId"))) for n in self.numbering.iterchildren(qn("w:num"))),
            default=0,
        )
        self.level_indents = self._level_indents()

        self._dispatch: dict[str, tuple[Callable[[Element], None], Callable[[Element], None]]]
        self._dispatch = {}
        self._saved_containers: list[Any] = []
        self._link_saved: list[tuple[str, str] | None] = []
        self._heading_bookmark: str | None = None

    # ----------------------------------------------------------------- the walk

    def translate(self, root: Element) -> None:
        _join_toc_groups(root)
        self._prescan(root)
        self.walk(root)
        self._close_paragraph()
        if self.pending_anchors:
            self._ensure_paragraph()
            self._close_paragraph()
        self._finish_sections()
        self._fill_toc_pages()

    def walk(self, node: Element | str) -> None:
        if isinstance(node, str):
            self.visit_text(node)
            return
        methods = self._dispatch.get(node.tag)
        if methods is None:
            visit = getattr(self, f"visit_{node.tag.replace('#', '')}", None)
            depart = getattr(self, f"depart_{node.tag.replace('#', '')}", None)
            if visit is None or depart is None:
                raise UnsupportedElement(node.tag, node.classes, node.line)
            methods = self._dispatch[node.tag] = (visit, depart)
        anchor = node.attrs.get("id")
        if anchor and node.tag not in ("h1", "h2", "h3"):
            self.pending_anchors.append(anchor)
        try:
            methods[0](node)
        except SkipNode:
            return
        for child in node.children:
            self.walk(child)
        methods[1](node)

    def _prescan(self, root: Element) -> None:
        """Bookmark names for every id (links may come before their target), the headings."""
        used: set[str] = set()
        cover = next((e for e in root.iter() if e.tag == "section" and e.has_class("cover")), None)
        in_cover = {id(e) for e in cover.iter()} if cover is not None else set()
        for element in root.iter():
            anchor = element.attrs.get("id")
            if anchor and anchor not in self.bookmark_names:
                name = _bookmark_name(anchor, used)
                used.add(name.lower())
                self.bookmark_names[anchor] = name
            if (
                element.tag in ("h1", "h2")
                and anchor
                and element.attrs.get("data-toc") != "no"
                and id(element) not in in_cover
            ):
                self.headings.append(_TocEntry(int(element.tag[1]), anchor, element.text()))

    # ---------------------------------------------------------------- Word sections

    def _section_break(self, *, confidential: bool) -> None:
        """End the Word section here: the sectPr of what precedes goes in its last paragraph."""
        self._close_paragraph()
        last = self.body[-1] if len(self.body) > 1 else None
        if last is None:
            return  # nothing before: no section to end
        if last.tag != W_P or last.find(f"{W_PPR}/{qn('w:sectPr')}") is not None:
            anchors, self.pending_anchors = self.pending_anchors, []
            self.pending_break = False
            last = self._new_paragraph("Normal")
            self._close_paragraph()
            self.pending_anchors = anchors
        ppr = last.find(W_PPR)
        if ppr is None:
            ppr = last.makeelement(W_PPR, {})
            last.insert(0, ppr)
        sect_pr = copy.deepcopy(self.final_sect_pr)
        if confidential:
            self._use_confidential_refs(sect_pr)
        elif self.section_breaks:
            _drop_first_page(sect_pr)
        ppr.append(sect_pr)
        self.section_breaks.append(sect_pr)
        # A new Word section starts on a new page by itself.
        self.pending_break = False
        self.estimate.page_break()

    def _use_confidential_refs(self, sect_pr: Any) -> None:
        _drop_first_page(sect_pr)
        for tag in ("headerReference", "footerReference"):
            for ref in sect_pr.findall(qn(f"w:{tag}")):
                sect_pr.remove(ref)
        for index, (tag, r_id) in enumerate(self.confidential_refs):
            ref = sect_pr.makeelement(qn(f"w:{tag}"), {qn("w:type"): "default", qn("r:id"): r_id})
            sect_pr.insert(index, ref)

    def _finish_sections(self) -> None:
        """The body's sectPr describes the last section: fix it when sections were added."""
        if not self.section_breaks:
            return
        last = self.body[-1]
        own = last.find(f"{W_PPR}/{qn('w:sectPr')}") if last.tag == W_P else None
        if own is not None:
            # The document ends with the confidential annex: its section is the last one.
            own.getparent().remove(own)
            self.body.replace(self.final_sect_pr, own)
            self.final_sect_pr = own
        else:
            _drop_first_page(self.final_sect_pr)

    # ------------------------------------------------------------ frames, paragraphs

    def _push(self, **changes: Any) -> _Frame:
        frame = replace(self.frames[-1], **changes)
        self.frames.append(frame)
        return frame

    def _push_run(
        self,
        *,
        char_style: str | None = None,
        bold: bool = False,
        italic: bool = False,
        vert: str | None = None,
        node: Element | None = None,
    ) -> None:
        style, was_bold, was_italic, was_vert, rtl, lang = self.frames[-1].run
        if node is not None:
            rtl, lang = self._direction(node, rtl, lang)
            if node.has_class("muted") and char_style is None:
                char_style = "Muted"
        self._push(
            run=(
                char_style or style,
                bold or was_bold,
                italic or was_italic,
                vert or was_vert,
                rtl,
                lang,
            )
        )

    def _direction(self, node: Element, rtl: bool, lang: str | None) -> tuple[bool, str | None]:
        direction = node.attrs.get("dir")
        if direction in ("rtl", "ltr"):
            rtl = direction == "rtl"
        return rtl, node.attrs.get("lang") or lang

    def _pop(self) -> None:
        self.frames.pop()

    def _block(self, node: Element, **changes: Any) -> None:
        """Push a frame for a block element: paragraph style, direction, muted text."""
        frame = self.frames[-1]
        rtl, lang = self._direction(node, frame.run[4], frame.run[5])
        run = frame.run
        if (rtl, lang) != (run[4], run[5]) or node.has_class("muted"):
            style = "Muted" if node.has_class("muted") else run[0]
            run = (style, run[1], run[2], run[3], rtl, lang)
        direction = node.attrs.get("dir")
        bidi = (direction == "rtl") if direction in ("rtl", "ltr") else frame.bidi
        self._push(run=run, bidi=bidi, **changes)

    def _ensure_paragraph(self) -> Any:
        if self.p is None:
            self._new_paragraph()
        return self.p

    def _new_paragraph(self, style: str | None = None, *, outline_none: bool = False) -> Any:
        self._close_paragraph()
        frame = self.frames[-1]
        style = style or frame.para_style
        in_body = self.container is self.body
        paragraph = _SUB(self.container, W_P)
        ppr = _SUB(paragraph, W_PPR)
        _w(ppr, "pStyle", val=self.style_ids[style])
        if in_body and self.pending_break:
            if self.content_started:
                _SUB(ppr, qn("w:pageBreakBefore"))
                self.estimate.page_break()
            self.pending_break = False
        item = frame.list_item
        continuation = False
        if item is not None:
            # The item's first paragraph carries the number; later ones only its indent.
            continuation = item.numbered
            num_pr = _SUB(ppr, qn("w:numPr"))
            _w(num_pr, "ilvl", val="0" if continuation else str(item.level))
            _w(num_pr, "numId", val="0" if continuation else str(item.num_id))
            item.numbered = True
        if frame.bidi:
            _SUB(ppr, qn("w:bidi"))
        if (
            in_body
            and self.heading is None
            and len(self.body) > 1
            and self.body[-2].tag == qn("w:tbl")
        ):
            # Tables carry no space below them; the paragraph after one does (CSS: 4 mm).
            _w(ppr, "spacing", before=str(_mm(3)))
        if continuation and item is not None:
            _w(ppr, "ind", left=str(item.indent))
        if frame.jc:
            _w(ppr, "jc", val=frame.jc)
        if outline_none:
            _w(ppr, "outlineLvl", val="9")
        if in_body:
            self.content_started = True
        if self.pending_anchors:
            for anchor in self.pending_anchors:
                self._bookmark(paragraph, anchor, wrap=False)
            self.pending_anchors = []
        self.p = paragraph
        self.p_chars = 0
        self.p_style = style
        self.link_element = None
        self.pending_space = False
        self.at_line_start = True
        if self.in_signature:
            self.signature_paragraphs.append(paragraph)
        return paragraph

    def _close_paragraph(self) -> None:
        if self.p is None:
            return
        size, spacing = _EST_METRICS.get(self.p_style, _EST_DEFAULT)
        frame_cell = self.frames[-1].cell
        if self.container is self.body:
            chars_per_line = max(10, self.text_width / (size * 9.8))
            lines = max(1, math.ceil(self.p_chars / chars_per_line))
            height = lines * size * 1.35 + spacing
            if self.heading is not None:
                self.estimate.ensure_room(height + 2 * 14)
                self.estimate.add(height, splittable=False)
            else:
                self.estimate.add(height)
        elif frame_cell is not None:
            chars_per_line = max(4, (frame_cell.width - 200) / (size * 10))
            lines = max(1, math.ceil(self.p_chars / chars_per_line))
            frame_cell.heights.append(lines * size * 1.22)
        self.p = None
        self.link_element = None
        self.pending_space = False
        self.at_line_start = True

    def _bookmark(self, paragraph: Any, anchor: str, *, wrap: bool) -> Any:
        """Add a bookmark for ``anchor``; returns its id when ``wrap`` (end added later)."""
        if anchor in self.bookmarked:
            return None
        self.bookmarked.add(anchor)
        self.bookmark_id += 1
        ident = str(self.bookmark_id)
        _w(paragraph, "bookmarkStart", id=ident, name=self.bookmark_names[anchor])
        if not wrap:
            _w(paragraph, "bookmarkEnd", id=ident)
            return None
        return ident

    # -------------------------------------------------------------------- runs

    def _rpr(self, key: RunKey) -> Any:
        prototype = self.rpr_cache.get(key)
        if prototype is None:
            char_style, bold, italic, vert, rtl, lang = key
            prototype = etree.Element(W_RPR)
            if char_style:
                _w(prototype, "rStyle", val=self.style_ids[char_style])
            if bold:
                _SUB(prototype, qn("w:b"))
                _SUB(prototype, qn("w:bCs"))
            if italic:
                _SUB(prototype, qn("w:i"))
                _SUB(prototype, qn("w:iCs"))
            if vert:
                _w(prototype, "vertAlign", val=vert)
            if rtl:
                _SUB(prototype, qn("w:rtl"))
            if lang:
                if lang.split("-")[0] in ("ar", "fa", "he", "ur", "ps"):
                    _w(prototype, "lang", bidi=lang)
                else:
                    _w(prototype, "lang", val=lang)
            self.rpr_cache[key] = prototype
        return prototype

    def _run_parent(self) -> Any:
        paragraph = self._ensure_paragraph()
        if self.link is None:
            return paragraph
        if self.link_element is None or self.link_element.getparent() is not paragraph:
            kind, target = self.link
            if kind == "anchor":
                self.link_element = _w(paragraph, "hyperlink", anchor=target, history="1")
            else:
                self.link_element = _SUB(
                    paragraph, qn("w:hyperlink"), {qn("r:id"): target, qn("w:history"): "1"}
                )
        return self.link_element

    def _new_run(self, parent: Any = None) -> Any:
        run = _SUB(parent if parent is not None else self._run_parent(), W_R)
        prototype = self._rpr(self.frames[-1].run)
        if len(prototype):
            run.append(copy.deepcopy(prototype))
        return run

    def _emit(self, text: str) -> None:
        run = self._new_run()
        element = _SUB(run, W_T)
        element.text = text
        if text[0] in " \u00a0" or text[-1] in " \u00a0":
            element.set(XML_SPACE, "preserve")
        self.p_chars += len(text)
        self.last_text = element

    def visit_text(self, data: str) -> None:
        if self.p is None and not data.strip(_ASCII_WHITESPACE):
            return
        text = _COLLAPSE.sub(" ", data)
        if text.startswith(" "):
            self.pending_space = True
            text = text[1:]
        if not text:
            return
        trailing = text.endswith(" ")
        if trailing:
            text = text[:-1]
        if self.frames[-1].nowrap:
            text = text.replace(" ", "\u00a0")
        if self.pending_space and not self.at_line_start and self.p is not None:
            self._emit_space()
        self._emit(text)
        self.pending_space = trailing
        self.at_line_start = False

    def _flush_space(self) -> None:
        if self.pending_space and not self.at_line_start and self.p is not None:
            self._emit_space()
        self.pending_space = False

    def _emit_space(self) -> None:
        """A space between two runs goes at the end of the first ("de **42**", not "de** 42**")."""
        last = self.last_text
        container = last.getparent().getparent() if last is not None else None
        if (
            container is not None
            and self._paragraph_of(last) is self.p
            and (container.tag != qn("w:hyperlink") or container is self.link_element)
        ):
            last.text += " "
            last.set(XML_SPACE, "preserve")
            self.p_chars += 1
        else:
            self._emit(" ")

    def _paragraph_of(self, element: Any) -> Any:
        parent = element.getparent().getparent()
        return parent.getparent() if parent.tag == qn("w:hyperlink") else parent

    # ------------------------------------------------------------- document parts

    def visit_document(self, node: Element) -> None:
        pass

    def depart_document(self, node: Element) -> None:
        pass

    def visit_html(self, node: Element) -> None:
        pass

    def depart_html(self, node: Element) -> None:
        pass

    def visit_head(self, node: Element) -> None:
        raise SkipNode

    def depart_head(self, node: Element) -> None:
        pass

    def visit_title(self, node: Element) -> None:
        raise SkipNode

    visit_meta = visit_link = visit_style = visit_title
    depart_title = depart_meta = depart_link = depart_style = depart_head

    def visit_body(self, node: Element) -> None:
        pass

    def depart_body(self, node: Element) -> None:
        pass

    # ------------------------------------------------------------- sections

    def visit_section(self, node: Element) -> None:
        self._close_paragraph()
        if node.has_class("confidential-annex"):
            if self.confidential_depth == 0:
                # Its own Word section, whose header and footer say CONFIDENTIEL, as in the PDF.
                self._section_break(confidential=False)
            self.confidential_depth += 1
        elif node.has_class("letter") or node.has_class("annex"):
            self.pending_break = True
        if node.has_class("cover"):
            self._block(node, jc="center", cover=True)
        else:
            self._block(node)

    def depart_section(self, node: Element) -> None:
        self._close_paragraph()
        self._pop()
        if node.has_class("confidential-annex"):
            self.confidential_depth -= 1
            if self.confidential_depth == 0:
                self._section_break(confidential=True)
        if node.has_class("cover") or node.has_class("letter"):
            self.pending_break = True

    def visit_div(self, node: Element) -> None:
        self._close_paragraph()
        if node.has_class("page-break"):
            self.pending_break = True
            raise SkipNode
        if node.has_class("signature"):
            self.in_signature += 1
            self._block(node, para_style="Signature", jc=None)
        else:
            self._block(node)

    def depart_div(self, node: Element) -> None:
        self._close_paragraph()
        self._pop()
        if node.has_class("signature"):
            self.in_signature -= 1
            if self.signature_paragraphs and not self.in_signature:
                last = self.signature_paragraphs[-1]
                ppr = last.find(W_PPR)
                keep = ppr.find(qn("w:keepNext"))
                if keep is None:
                    keep = _get_or_insert(ppr, "keepNext", _PPR_ORDER)
                keep.set(W_VAL, "0")
                spacing = _get_or_insert(ppr, "spacing", _PPR_ORDER)
                spacing.set(qn("w:after"), str(_mm(28)))
                first = self.signature_paragraphs[0].find(W_PPR)
                _get_or_insert(first, "spacing", _PPR_ORDER).set(qn("w:before"), str(_mm(10)))
                self.signature_paragraphs = []

    # ------------------------------------------------------------- paragraphs

    _P_STYLES: ClassVar[dict[str, str]] = {
        "marking": "Marking",
        "subtitle": "Subtitle",
        "sender": "Letter Sender",
        "recipient": "Letter Recipient",
        "place-date": "Letter Date",
    }

    def visit_p(self, node: Element) -> None:
        self._close_paragraph()
        if node.has_class("running-title"):
            raise SkipNode
        style = next(
            (self._P_STYLES[name] for name in node.classes if name in self._P_STYLES), None
        )
        changes: dict[str, Any] = {}
        if style:
            changes["para_style"] = style
            if style != "Subtitle":
                changes["jc"] = None
        self._block(node, **changes)

    def depart_p(self, node: Element) -> None:
        self._close_paragraph()
        self._pop()

    def _heading(self, node: Element, level: int) -> None:
        self._close_paragraph()
        frame = self.frames[-1]
        anchor = node.attrs.get("id")
        outline_none = False
        if frame.cover:
            style = "Title" if level == 1 else "Subtitle"
        elif node.attrs.get("data-toc") == "no":
            style = "TOC Heading" if level == 1 else f"Heading {level}"
            outline_none = level > 1
        else:
            style = f"Heading {level}"
        self._block(node, jc=None)
        self.heading = (anchor, level)
        paragraph = self._new_paragraph(style, outline_none=outline_none)
        ident = self._bookmark(paragraph, anchor, wrap=True) if anchor else None
        self._heading_bookmark = ident

    def _depart_heading(self, node: Element) -> None:
        ident = self._heading_bookmark
        paragraph = self.p
        if ident is not None and paragraph is not None:
            _w(paragraph, "bookmarkEnd", id=ident)
        self._close_paragraph()
        anchor = self.heading[0] if self.heading else None
        if anchor:
            self.heading_pages.setdefault(anchor, self.estimate.page)
        self.heading = None
        self._pop()

    def visit_h1(self, node: Element) -> None:
        self._heading(node, 1)

    def visit_h2(self, node: Element) -> None:
        self._heading(node, 2)

    def visit_h3(self, node: Element) -> None:
        self._heading(node, 3)

    depart_h1 = depart_h2 = depart_h3 = _depart_heading

    def visit_blockquote(self, node: Element) -> None:
        self._close_paragraph()
        style = "Epigraph" if node.has_class("epigraph") else "Quote"
        self._block(node, para_style=style, jc=None)

    def depart_blockquote(self, node: Element) -> None:
        self._close_paragraph()
        self._pop()

    # ------------------------------------------------------------------ lists

    def visit_ul(self, node: Element) -> None:
        self._close_paragraph()
        level = min(self.frames[-1].list_depth, 8)
        self._block(node, numbering=(self.bullet_num, level), list_depth=level + 1, jc=None)

    def visit_ol(self, node: Element) -> None:
        self._close_paragraph()
        level = min(self.frames[-1].list_depth, 8)
        num_id = self.next_num_id
        self.next_num_id += 1
        num = _w(self.numbering, "num", numId=str(num_id))
        _w(num, "abstractNumId", val=str(self.number_abstract))
        override = _w(num, "lvlOverride", ilvl=str(level))
        start = node.attrs.get("start", "1")
        _w(override, "startOverride", val=start if start.isdigit() else "1")
        self._block(node, numbering=(num_id, level), list_depth=level + 1, jc=None)

    def depart_ul(self, node: Element) -> None:
        self._close_paragraph()
        self._pop()

    depart_ol = depart_ul

    def visit_li(self, node: Element) -> None:
        self._close_paragraph()
        numbering = self.frames[-1].numbering or (self.bullet_num, 0)
        num_id, level = numbering
        ordered = num_id != self.bullet_num
        item = _ListItem(num_id, level, self.level_indents[(ordered, level)])
        self._block(
            node,
            para_style="List Number" if ordered else "List Bullet",
            list_item=item,
        )

    def depart_li(self, node: Element) -> None:
        self._close_paragraph()
        self._pop()

    # --------------------------------------------------------------- fact lists

    def visit_dl(self, node: Element) -> None:
        self._close_paragraph()
        cover = self.frames[-1].cover
        # On the centred cover, a narrower list, centred.
        width = round(self.width_stack[-1] * (0.8 if cover else 1))
        label = round(width * 0.34)
        table = self._new_table("Facts Table", [label, width - label], header=False, center=cover)
        table.facts = True
        self._push(numbering=None, list_item=None, jc=None)

    def depart_dl(self, node: Element) -> None:
        self._close_paragraph()
        table = self.tables[-1]
        if table.row is not None:
            self._finish_row(table)
        self._end_table()
        self._pop()

    def visit_dt(self, node: Element) -> None:
        self._close_paragraph()
        table = self.tables[-1]
        if table.row is not None:
            self._finish_row(table)
        self._start_row(table, header=False)
        self._start_cell(table, node, "Fact Label")

    def depart_dt(self, node: Element) -> None:
        self._ensure_paragraph()
        self.pending_space = False
        self._emit("\u00a0:" if self.lang == "fr" else ":")
        self._end_cell()
        self.tables[-1].value_cell = None

    def visit_dd(self, node: Element) -> None:
        self._close_paragraph()
        table = self.tables[-1]
        if table.row is None:
            self._start_row(table, header=False)
            self._start_cell(table, node, "Fact Label")
            self._end_cell()
        if table.value_cell is not None:
            # A second <dd> for the same <dt>: more paragraphs in the same cell.
            cell, width = table.value_cell
            self._saved_containers.append(self.container)
            self.container = cell
            self.width_stack.append(width)
            self._block(node, para_style="Fact Value", cell=table.cells[-1])
        else:
            self._start_cell(table, node, "Fact Value")
            table.value_cell = (self.container, self.width_stack[-1])

    def depart_dd(self, node: Element) -> None:
        self._end_cell()

    # ------------------------------------------------------------------- tables

    def _new_table(
        self, style: str, widths: list[int], *, header: bool, center: bool = False
    ) -> _Table:
        if self.pending_break and self.container is self.body:
            # A table cannot carry pageBreakBefore: an empty, tiny paragraph does.
            self._new_paragraph("Normal")
            ppr = self.p.find(W_PPR)
            spacing = _get_or_insert(ppr, "spacing", _PPR_ORDER)
            spacing.set(qn("w:before"), "0")
            spacing.set(qn("w:after"), "0")
            spacing.set(qn("w:line"), "20")
            spacing.set(qn("w:lineRule"), "exact")
            self._close_paragraph()
        elif len(self.container) and self.container[-1].tag == qn("w:tbl"):
            # Word and LibreOffice merge adjacent tables: keep them apart with a small gap.
            self._new_paragraph("Normal")
            ppr = self.p.find(W_PPR)
            spacing = _get_or_insert(ppr, "spacing", _PPR_ORDER)
            spacing.set(qn("w:before"), "0")
            spacing.set(qn("w:after"), "0")
            spacing.set(qn("w:line"), str(_mm(3)))
            spacing.set(qn("w:lineRule"), "exact")
            self._close_paragraph()
        tbl = _SUB(self.container, qn("w:tbl"))
        tbl_pr = _SUB(tbl, qn("w:tblPr"))
        _w(tbl_pr, "tblStyle", val=self.style_ids[style])
        _w(tbl_pr, "tblW", w=str(sum(widths)), type="dxa")
        if center:
            _w(tbl_pr, "jc", val="center")
        _w(tbl_pr, "tblLayout", type="fixed")
        _w(
            tbl_pr,
            "tblLook",
            val="0420" if header else "0400",
            firstRow="1" if header else "0",
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
        grid = _SUB(tbl, qn("w:tblGrid"))
        for width in widths:
            _w(grid, "gridCol", w=str(width))
        self.content_started = self.content_started or self.container is self.body
        table = _Table(
            tbl,
            widths,
            compact=False,
            estimate=self.container is self.body,
        )
        self.tables.append(table)
        return table

    def _end_table(self) -> None:
        self.tables.pop()

    def visit_table(self, node: Element) -> None:
        self._close_paragraph()
        compact = node.has_class("compact")
        header = any(child.tag == "thead" for child in node.children if isinstance(child, Element))
        widths = _column_widths(node, self.width_stack[-1], compact)
        table = self._new_table("Dossier Table", widths, header=header)
        table.compact = compact
        self._block(node, numbering=None, list_item=None, jc=None)

    def depart_table(self, node: Element) -> None:
        self._close_paragraph()
        self._end_table()
        self._pop()

    def visit_thead(self, node: Element) -> None:
        self.tables[-1].in_thead = True

    def depart_thead(self, node: Element) -> None:
        self.tables[-1].in_thead = False

    def visit_tbody(self, node: Element) -> None:
        pass

    def depart_tbody(self, node: Element) -> None:
        pass

    def _start_row(self, table: _Table, *, header: bool) -> None:
        row = _SUB(table.element, qn("w:tr"))
        tr_pr = _SUB(row, qn("w:trPr"))
        _SUB(tr_pr, qn("w:cantSplit"))
        if header:
            _SUB(tr_pr, qn("w:tblHeader"))
        table.row = row
        table.column = 0
        table.cells = []
        table.value_cell = None

    def _finish_row(self, table: _Table) -> None:
        row = table.row
        if table.facts and table.column < 2:
            # <dt> without <dd>: an empty value cell keeps the grid whole.
            cell = _SUB(row, qn("w:tc"))
            tc_pr = _SUB(cell, qn("w:tcPr"))
            _w(tc_pr, "tcW", w=str(table.widths[1]), type="dxa")
            _w(cell, "p")
        if table.estimate and table.cells:
            padding = 3.4 if table.facts else 4.5 if table.compact else 6.8
            height = max((sum(c.heights) for c in table.cells), default=0.0) + padding
            self.estimate.add(height, splittable=False)
        table.row = None

    def visit_tr(self, node: Element) -> None:
        self._close_paragraph()
        table = self.tables[-1]
        self._start_row(table, header=table.in_thead)

    def depart_tr(self, node: Element) -> None:
        self._finish_row(self.tables[-1])

    def _start_cell(self, table: _Table, node: Element, style: str) -> None:
        span = node.attrs.get("colspan", "1")
        columns = max(1, min(int(span) if span.isdigit() else 1, 63))
        start = min(table.column, len(table.widths) - 1)
        width = sum(table.widths[start : start + columns]) or table.widths[-1]
        table.column += columns
        cell = _SUB(table.row, qn("w:tc"))
        tc_pr = _SUB(cell, qn("w:tcPr"))
        _w(tc_pr, "tcW", w=str(width), type="dxa")
        if columns > 1:
            _w(tc_pr, "gridSpan", val=str(columns))
        tally = _Cell(width)
        table.cells.append(tally)
        self._saved_containers.append(self.container)
        self.container = cell
        self.width_stack.append(width)
        self._block(node, para_style=style, jc=None, numbering=None, list_item=None, cell=tally)

    def _end_cell(self) -> None:
        self._close_paragraph()
        cell = self.container
        if len(cell) == 1 or cell[-1].tag == qn("w:tbl"):
            _w(cell, "p")  # Word requires a paragraph in a cell, and after a nested table.
        self.container = self._saved_containers.pop()
        self.width_stack.pop()
        self._pop()

    def visit_th(self, node: Element) -> None:
        self._close_paragraph()
        table = self.tables[-1]
        self._start_cell(table, node, "Compact Table Heading" if table.compact else "Table Heading")

    def visit_td(self, node: Element) -> None:
        self._close_paragraph()
        table = self.tables[-1]
        self._start_cell(table, node, "Compact Table Text" if table.compact else "Table Text")

    def depart_th(self, node: Element) -> None:
        self._end_cell()

    depart_td = depart_th

    # ----------------------------------------------------------------- figures

    def visit_figure(self, node: Element) -> None:
        self._close_paragraph()
        self._block(node, para_style="Figure", jc=None, numbering=None, list_item=None)

    def depart_figure(self, node: Element) -> None:
        self._close_paragraph()
        self._pop()

    def visit_figcaption(self, node: Element) -> None:
        self._close_paragraph()
        self._block(node, para_style="Caption", jc=None)

    def depart_figcaption(self, node: Element) -> None:
        self._close_paragraph()
        self._pop()

    def visit_img(self, node: Element) -> None:
        self._flush_space()
        src = node.attrs.get("src", "")
        alt = node.attrs.get("alt", "")
        try:
            response = self.fetcher.fetch(urllib.parse.urljoin(ASSET_BASE_URL, src))
            blob = response.read()
            mime = response.headers.get_content_type()
        except RefusedURLError:
            if alt:
                self.visit_text(alt)
            raise SkipNode from None
        try:
            inline = self._image_inline(blob, mime, node)
        except (UnrecognizedImageError, ValueError, OSError) as error:
            LOGGER.warning("Image %s left out of the DOCX: %s", src[:80], error)
            if alt:
                self.visit_text(alt)
            raise SkipNode from None
        run = self._new_run()
        drawing = _SUB(run, qn("w:drawing"))
        drawing.append(inline)
        self.at_line_start = False
        self.p_chars += 80 * max(1, int(inline.extent.cy) // 914400)
        raise SkipNode

    def depart_img(self, node: Element) -> None:
        pass

    def _image_inline(self, blob: bytes, mime: str, node: Element) -> Any:
        svg: bytes | None = None
        if mime == "image/svg+xml" or (
            blob.lstrip()[:5] in (b"<?xml", b"<svg ") and b"<svg" in blob[:2048]
        ):
            svg = blob
            width_px, height_px = _svg_size(blob)
            blob = _placeholder_png(width_px, height_px, node.attrs.get("alt", ""))
        try:
            image = Image.from_blob(blob)
        except UnrecognizedImageError:
            blob = _to_png(blob)
            image = Image.from_blob(blob)
        natural_w, natural_h = int(image.width), int(image.height)  # EMU
        if svg is not None:
            natural_w, natural_h = round(width_px * 9525), round(height_px * 9525)
        cx, cy = _image_extent(node, natural_w, natural_h, self.width_stack[-1] * 635)
        image_part = self.package.get_or_add_image_part(io.BytesIO(blob))
        r_id = self.rel_part.relate_to(image_part, RT.IMAGE)
        self.shape_id += 1
        inline = CT_Inline.new_pic_inline(
            self.shape_id, r_id, image_part.filename, Emu(cx), Emu(cy)
        )
        doc_pr = inline.docPr
        doc_pr.set("descr", node.attrs.get("alt", ""))
        if svg is not None:
            svg_part = Part(
                self.package.next_partname("/word/media/image%d.svg"),
                "image/svg+xml",
                svg,
                self.package,
            )
            svg_rid = self.rel_part.relate_to(svg_part, RT.IMAGE)
            blip = inline.xpath(".//a:blip")[0]
            ext_list = etree.SubElement(blip, qn("a:extLst"))
            ext = etree.SubElement(ext_list, qn("a:ext"), uri=_SVG_EXT_URI)
            svg_blip = etree.SubElement(ext, f"{{{_ASVG_NS}}}svgBlip", nsmap={"asvg": _ASVG_NS})
            svg_blip.set(qn("r:embed"), svg_rid)
        return inline

    # ------------------------------------------------------------------ inline

    def visit_em(self, node: Element) -> None:
        self._push_run(italic=True, node=node)

    def visit_strong(self, node: Element) -> None:
        self._push_run(bold=True, node=node)

    def visit_sup(self, node: Element) -> None:
        self._push_run(vert="superscript", node=node)

    def visit_sub(self, node: Element) -> None:
        self._push_run(vert="subscript", node=node)

    def depart_em(self, node: Element) -> None:
        self._pop()

    depart_strong = depart_sup = depart_sub = depart_em

    def visit_br(self, node: Element) -> None:
        run = self._new_run()
        _SUB(run, qn("w:br"))
        self.pending_space = False
        self.at_line_start = True
        self.p_chars += 60
        raise SkipNode

    def depart_br(self, node: Element) -> None:
        pass

    def visit_span(self, node: Element) -> None:
        if node.has_class("footnote"):
            self._footnote(node)
            raise SkipNode
        style = None
        if node.has_class("fingerprint"):
            style = "Fingerprint"
        elif node.has_class("untranslated"):
            style = "Untranslated"
        self._push_run(char_style=style, node=node)

    def depart_span(self, node: Element) -> None:
        self._pop()

    def visit_a(self, node: Element) -> None:
        href = node.attrs.get("href", "").strip()
        style = "Exhibit Reference" if node.has_class("exhibit-ref") else "Hyperlink"
        target: tuple[str, str] | None = None
        if href.startswith("#") and len(href) > 1:
            anchor = urllib.parse.unquote(href[1:])
            name = self.bookmark_names.get(anchor) or _bookmark_name(anchor, set())
            target = ("anchor", name)
        elif re.match(r"(?i)^(https?:|mailto:)", href):
            key = (id(self.rel_part), href)
            r_id = self.url_rids.get(key)
            if r_id is None:
                r_id = self.rel_part.relate_to(href, RT.HYPERLINK, is_external=True)
                self.url_rids[key] = r_id
            target = ("url", r_id)
        if target is None:
            self._push_run(node=node)
            self._link_saved.append(self.link)
            return
        self._flush_space()
        self._link_saved.append(self.link)
        self.link = target
        self.link_element = None
        self._push_run(char_style=style, node=node)
        if node.has_class("exhibit-ref"):
            self.frames[-1].nowrap = True  # "Pièce n° 3" stays on one line, as in the PDF

    def depart_a(self, node: Element) -> None:
        self._pop()
        self.link = self._link_saved.pop()
        self.link_element = None

    # --------------------------------------------------------------- footnotes

    def _footnote(self, node: Element) -> None:
        footnotes = self._footnotes_element()
        self._flush_space()
        self.footnote_id += 1
        ident = str(self.footnote_id)
        paragraph = self._ensure_paragraph()
        # The call goes outside any hyperlink; text after it opens a new one.
        self.link_element = None
        run = _SUB(paragraph, W_R)
        rpr = _SUB(run, W_RPR)
        _w(rpr, "rStyle", val=self.style_ids["Footnote Reference"])
        _w(run, "footnoteReference", id=ident)
        self.at_line_start = False

        saved = (
            self.container,
            self.p,
            self.p_chars,
            self.p_style,
            self.frames,
            self.link,
            self.link_element,
            self.pending_space,
            self.at_line_start,
            self.rel_part,
            self.pending_anchors,
            self.heading,
            self.in_signature,
        )
        note = _w(footnotes, "footnote", id=ident)
        self.in_signature = 0
        self.container = note
        self.rel_part = self.footnotes_part
        self.frames = [_Frame(para_style="Footnote Text")]
        self.p = None
        self.link = None
        self.pending_anchors = []
        self.heading = None
        first = self._new_paragraph()
        ref = _SUB(first, W_R)
        _w(_SUB(ref, W_RPR), "rStyle", val=self.style_ids["Footnote Reference"])
        _SUB(ref, qn("w:footnoteRef"))
        space = _SUB(_SUB(first, W_R), W_T)
        space.text = " "
        space.set(XML_SPACE, "preserve")
        for child in node.children:
            self.walk(child)
        chars = self.p_chars
        self.p = None
        (
            self.container,
            self.p,
            self.p_chars,
            self.p_style,
            self.frames,
            self.link,
            self.link_element,
            self.pending_space,
            self.at_line_start,
            self.rel_part,
            self.pending_anchors,
            self.heading,
            self.in_signature,
        ) = saved
        # The note takes room at the foot of the page.
        self.estimate.add(math.ceil(max(chars, 1) / (self.text_width / 80)) * 10.5 + 2)

    def _footnotes_element(self) -> Any:
        if self.footnotes is not None:
            return self.footnotes
        part = None
        for rel in self.document.part.rels.values():
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                part = rel.target_part
                break
        if part is not None and not isinstance(part, XmlPart):
            element = parse_xml(part.blob)
            part = _replace_with_xml_part(self.document.part, part, element)
        if part is None:
            element = parse_xml(
                f"<w:footnotes {nsdecls('w', 'r')}>"
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>'
                '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                "<w:r><w:separator/></w:r></w:p></w:footnote>"
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
                '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
                "</w:footnotes>"
            )
            part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, self.package)
            self.document.part.relate_to(part, RT.FOOTNOTES)
        element = part.element
        separators = []
        for note in list(element.iterchildren(qn("w:footnote"))):
            if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
                separators.append(note.get(qn("w:id")))
            else:
                element.remove(note)
        self.footnote_id = max((int(i) for i in separators if i), default=0)
        settings = self.document.settings.element
        foot_pr = _get_or_insert(settings, "footnotePr", _SETTINGS_ORDER)
        for child in list(foot_pr.iterchildren(qn("w:footnote"))):
            foot_pr.remove(child)
        for ident in separators:
            foot_pr.append(foot_pr.makeelement(qn("w:footnote"), {qn("w:id"): ident}))
        self.footnotes = element
        self.footnotes_part = part
        return element

    # ---------------------------------------------------------- table of contents

    def visit_nav(self, node: Element) -> None:
        self._close_paragraph()
        entries: list[_TocEntry] = []
        others: list[Element | str] = []
        for child in node.children:
            if isinstance(child, Element) and child.tag in ("ol", "ul"):
                entries += _toc_entries(child, 1)
            else:
                others.append(child)
        self._block(node, jc=None)
        for child in others:
            self.walk(child)
        self._close_paragraph()
        if not any(
            isinstance(child, Element) and child.tag in ("ol", "ul") for child in node.children
        ):
            entries = list(self.headings)
        self._write_toc(entries)
        self._pop()
        self.pending_break = True
        raise SkipNode

    def depart_nav(self, node: Element) -> None:
        pass

    def _write_toc(self, entries: list[_TocEntry]) -> None:
        depth = max((entry.level for entry in entries), default=2)
        instruction = f'TOC \\o "1-{min(max(depth, 2), 3)}" \\h \\z \\u'
        if not entries:
            paragraph = self._new_paragraph("TOC 1")
            _field_runs(paragraph, instruction, "")
            self._close_paragraph()
            return
        for index, entry in enumerate(entries):
            paragraph = self._new_paragraph(f"TOC {min(entry.level, 3)}")
            if index == 0:
                _w(_SUB(paragraph, W_R), "fldChar", fldCharType="begin")
                instr = _w(_SUB(paragraph, W_R), "instrText")
                instr.set(XML_SPACE, "preserve")
                instr.text = f" {instruction} "
                _w(_SUB(paragraph, W_R), "fldChar", fldCharType="separate")
            name = self.bookmark_names.get(entry.anchor) or _bookmark_name(entry.anchor, set())
            link = _w(paragraph, "hyperlink", anchor=name, history="1")
            text = _SUB(_SUB(link, W_R), W_T)
            text.text = entry.text
            if entry.text[:1] == " " or entry.text[-1:] == " ":
                text.set(XML_SPACE, "preserve")
            _SUB(_SUB(link, W_R), qn("w:tab"))
            cached = _field_runs(link, f"PAGEREF {name} \\h", "")
            self.toc_results.append((entry.anchor, cached))
            self.p_chars = len(entry.text)
            if index == len(entries) - 1:
                _w(_SUB(paragraph, W_R), "fldChar", fldCharType="end")
            self._close_paragraph()

    def _fill_toc_pages(self) -> None:
        for anchor, cached in self.toc_results:
            page = None
            if self.toc_pages is not None:
                page = self.toc_pages.get(anchor)
            if page is None:
                page = self.heading_pages.get(anchor)
            cached.text = str(page) if page is not None else ""

    # ------------------------------------------------------------ list definitions

    def _list_definitions(self) -> tuple[int, int]:
        """numId of the bullets and abstractNumId of the numbers, from the list styles."""
        bullet_num = self._style_num_id("List Bullet")
        number_num = self._style_num_id("List Number")
        abstract_of = {
            n.get(qn("w:numId")): n.find(qn("w:abstractNumId")).get(W_VAL)
            for n in self.numbering.iterchildren(qn("w:num"))
            if n.find(qn("w:abstractNumId")) is not None
        }
        if bullet_num is None or str(bullet_num) not in abstract_of:
            bullet_num = self._add_definition("bullet")
            abstract_of = self._abstract_map()
        if number_num is None or str(number_num) not in abstract_of:
            number_num = self._add_definition("decimal")
            abstract_of = self._abstract_map()
        return bullet_num, int(abstract_of[str(number_num)])

    def _abstract_map(self) -> dict[str, str]:
        return {
            n.get(qn("w:numId")): n.find(qn("w:abstractNumId")).get(W_VAL)
            for n in self.numbering.iterchildren(qn("w:num"))
            if n.find(qn("w:abstractNumId")) is not None
        }

    def _style_num_id(self, name: str) -> int | None:
        element = self.styles[name.lower()].element
        found = element.find(f"{W_PPR}/{qn('w:numPr')}/{qn('w:numId')}")
        value = found.get(W_VAL) if found is not None else None
        return int(value) if value and value.isdigit() and value != "0" else None

    def _add_definition(self, kind: str) -> int:
        abstract_ids = [
            int(a.get(qn("w:abstractNumId")))
            for a in self.numbering.iterchildren(qn("w:abstractNum"))
        ]
        abstract_id = max(abstract_ids, default=-1) + 1
        num_ids = [int(n.get(qn("w:numId"))) for n in self.numbering.iterchildren(qn("w:num"))]
        num_id = max(num_ids, default=0) + 1
        abstract = self.numbering.makeelement(
            qn("w:abstractNum"), {qn("w:abstractNumId"): str(abstract_id)}
        )
        _w(abstract, "multiLevelType", val="multilevel")
        for level in range(9):
            lvl = _w(abstract, "lvl", ilvl=str(level))
            _w(lvl, "start", val="1")
            _w(lvl, "numFmt", val=kind)
            _w(lvl, "lvlText", val="•" if kind == "bullet" else f"%{level + 1}.")
            _w(lvl, "lvlJc", val="left")
            _w(_w(lvl, "pPr"), "ind", left=str(_mm(7) * (level + 1)), hanging=str(_mm(5)))
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        num = _w(self.numbering, "num", numId=str(num_id))
        _w(num, "abstractNumId", val=str(abstract_id))
        self.next_num_id = max(getattr(self, "next_num_id", 1), num_id + 1)
        return num_id

    def _level_indents(self) -> dict[tuple[bool, int], int]:
        """Left indent of each list level, for the paragraphs that continue an item."""
        abstracts = {
            a.get(qn("w:abstractNumId")): a
            for a in self.numbering.iterchildren(qn("w:abstractNum"))
        }
        bullet_abstract = self._abstract_map().get(str(self.bullet_num))
        indents: dict[tuple[bool, int], int] = {}
        for ordered, abstract_id in ((False, bullet_abstract), (True, str(self.number_abstract))):
            abstract = abstracts.get(abstract_id or "")
            for level in range(9):
                indent = _mm(7) * (level + 1)
                if abstract is not None:
                    for lvl in abstract.iterchildren(qn("w:lvl")):
                        if lvl.get(qn("w:ilvl")) == str(level):
                            ind = lvl.find(f"{W_PPR}/{qn('w:ind')}")
                            value = None
                            if ind is not None:
                                value = ind.get(qn("w:left")) or ind.get(qn("w:start"))
                            if value and value.lstrip("-").isdigit():
                                indent = int(value)
                indents[(ordered, level)] = indent
        return indents


_SVG_EXT_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
_ASVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


# What a document part keeps from the reference even when its XML names no relationship.
_KEPT_RELATIONSHIPS = frozenset(
    {
        RT.STYLES,
        RT.NUMBERING,
        RT.SETTINGS,
        RT.WEB_SETTINGS,
        RT.FONT_TABLE,
        RT.THEME,
        RT.FOOTNOTES,
        RT.ENDNOTES,
        RT.CUSTOM_XML,
    }
)


def _drop_stale_parts(document: Any) -> None:
    """Drop what the reference's own text used: images, links, headers, comments, endnotes.

    A reference may be a dossier edited in Word: none of its content may reach the new one.
    """
    part = document.part
    for rel in part.rels.values():
        if rel.reltype == RT.ENDNOTES and not rel.is_external:
            # The settings name the endnote separators: keep them, drop the notes.
            notes = rel.target_part
            element = notes.element if isinstance(notes, XmlPart) else parse_xml(notes.blob)
            for note in list(element.iterchildren(qn("w:endnote"))):
                if note.get(qn("w:type")) not in ("separator", "continuationSeparator"):
                    element.remove(note)
            if not isinstance(notes, XmlPart):
                notes._blob = etree.tostring(
                    element, xml_declaration=True, encoding="UTF-8", standalone=True
                )
    used = set(part.element.xpath("//@r:*"))
    for r_id, rel in list(part.rels.items()):
        if r_id not in used and rel.reltype not in _KEPT_RELATIONSHIPS:
            part.rels.pop(r_id)
            part.rels._target_parts_by_rId.pop(r_id, None)


def _numbering_element(document: Any) -> Any:
    """The numbering definitions, created empty when the reference has none."""
    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        from docx.parts.numbering import NumberingPart

        part = NumberingPart(
            PackURI("/word/numbering.xml"),
            CT.WML_NUMBERING,
            parse_xml(f"<w:numbering {nsdecls('w')}/>"),
            document.part.package,
        )
        document.part.relate_to(part, RT.NUMBERING)
        return part.element


def _drop_first_page(sect_pr: Any) -> None:
    """A section after the first has no distinct first page (that is the cover's)."""
    for element in list(sect_pr):
        if element.tag == qn("w:titlePg") or (
            element.tag in (qn("w:headerReference"), qn("w:footerReference"))
            and element.get(qn("w:type")) == "first"
        ):
            sect_pr.remove(element)


def _mm(value: float) -> int:
    return round(value * 1440 / 25.4)


def _text_area(sect_pr: Any) -> tuple[int, int]:
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


def _bookmark_name(anchor: str, used: set[str]) -> str:
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


def _is_toc_group(node: Element | str) -> TypeGuard[Element]:
    """A ``nav.toc`` that holds its entries (a list), as ``fill_toc`` writes each group."""
    return (
        isinstance(node, Element)
        and node.tag == "nav"
        and node.has_class("toc")
        and any(isinstance(c, Element) and c.tag in ("ol", "ul") for c in node.children)
    )


def _join_toc_groups(root: Element) -> None:
    """Make consecutive ``nav.toc`` groups one ``nav``: one contents field in Word.

    ``fill_toc`` writes a large contents in groups, each its own ``nav.toc``, separated by
    page-break markers, so that a PDF typeset in pieces has bounded pieces. In Word each nav
    would be a contents field that regenerates into the whole contents when fields are
    updated, so the groups' lists go into the first nav and the markers between them (which
    would break the page inside the contents) are dropped. A marker after the last group is
    kept. The tree is changed in place.
    """
    for element in root.iter():
        children = element.children
        if sum(1 for child in children if _is_toc_group(child)) < 2:
            continue
        joined: list[Element | str] = []
        index = 0
        while index < len(children):
            child = children[index]
            joined.append(child)
            index += 1
            if not _is_toc_group(child):
                continue
            while True:
                ahead = index
                while ahead < len(children) and _between_toc_groups(children[ahead]):
                    ahead += 1
                following = children[ahead] if ahead < len(children) else None
                if following is None or not _is_toc_group(following) or "id" in following.attrs:
                    break  # an id of its own would need its own bookmark: left as it is
                child.children.extend(following.children)
                index = ahead + 1
        element.children[:] = joined


def _between_toc_groups(node: Element | str) -> bool:
    """Whitespace or an empty page-break marker, as ``fill_toc`` writes between groups."""
    if isinstance(node, str):
        return not node.strip(_ASCII_WHITESPACE)
    return (
        node.tag == "div"
        and node.has_class("page-break")
        and not any(isinstance(c, Element) or c.strip(_ASCII_WHITESPACE) for c in node.children)
    )


def _toc_entries(list_element: Element, level: int) -> list[_TocEntry]:
    entries: list[_TocEntry] = []
    for item in list_element.children:
        if not isinstance(item, Element) or item.tag != "li":
            continue
        link = next((c for c in item.children if isinstance(c, Element) and c.tag == "a"), None)
        if link is not None and link.attrs.get("href", "").startswith("#"):
            anchor = urllib.parse.unquote(link.attrs["href"][1:])
            entries.append(_TocEntry(level, anchor, link.text()))
        for child in item.children:
            if isinstance(child, Element) and child.tag in ("ol", "ul"):
                entries += _toc_entries(child, level + 1)
    return entries


def _column_widths(table: Element, available: int, compact: bool) -> list[int]:
    """Column widths in twips from the cells' text: long texts get more room.

    Like a browser's automatic table layout, each column gets at least its longest word
    and shares the rest in proportion to its longest text (capped so one long description
    cannot starve the other columns).
    """
    char = 7.5 * 12.4 if compact else 9.5 * 12.4  # 0.62 em (DejaVu Serif is wide), in twips
    padding = _mm(2.4) if compact else _mm(3.6)
    longest: dict[int, int] = {}
    word: dict[int, int] = {}
    columns = 0
    for row in _rows(table):
        column = 0
        for cell in row.children:
            if not isinstance(cell, Element) or cell.tag not in ("td", "th"):
                continue
            span = cell.attrs.get("colspan", "1")
            count = max(1, int(span)) if span.isdigit() else 1
            if count == 1:
                text = _cell_text(cell)
                longest[column] = max(longest.get(column, 0), min(len(text), 60))
                words = max((len(w) for w in _COLLAPSE.split(text)), default=0)
                word[column] = max(word.get(column, 0), min(words + 1, 16))
            column += count
        columns = max(columns, column)
    columns = max(columns, 1)
    natural = [longest.get(i, 4) * char + padding for i in range(columns)]
    minimum = [max(word.get(i, 2), 2) * char + padding for i in range(columns)]
    if sum(natural) <= available:
        scale = available / sum(natural)
        widths = [n * scale for n in natural]
    elif sum(minimum) >= available:
        scale = available / sum(minimum)
        widths = [m * scale for m in minimum]
    else:
        room = available - sum(minimum)
        wanted = [n - m for n, m in zip(natural, minimum, strict=True)]
        total = sum(wanted) or 1
        widths = [m + room * w / total for m, w in zip(minimum, wanted, strict=True)]
    rounded = [int(w) for w in widths]
    rounded[-1] += available - sum(rounded)
    return rounded


def _cell_text(cell: Element) -> str:
    """A cell's text, with the spaces of exhibit references (never broken) made hard."""
    parts: list[str] = []

    def collect(element: Element, hard: bool) -> None:
        for child in element.children:
            if isinstance(child, str):
                parts.append(child.replace(" ", "\u00a0") if hard else child)
            elif not (child.tag == "span" and child.has_class("footnote")):
                if child.tag == "br":
                    parts.append(" ")
                collect(child, hard or child.has_class("exhibit-ref"))

    collect(cell, False)
    return _COLLAPSE.sub(" ", "".join(parts)).strip(_ASCII_WHITESPACE)


def _rows(table: Element) -> Iterator[Element]:
    for child in table.children:
        if not isinstance(child, Element):
            continue
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody"):
            for row in child.children:
                if isinstance(row, Element) and row.tag == "tr":
                    yield row


def _image_extent(node: Element, natural_w: int, natural_h: int, max_w: int) -> tuple[int, int]:
    """Width and height in EMU: the img's width/height (CSS px) or its own size, fitted."""

    def px(name: str) -> int | None:
        value = node.attrs.get(name, "").strip().removesuffix("px")
        try:
            number = float(value)
        except ValueError:
            return None
        return round(number * 9525) if number > 0 else None

    width, height = px("width"), px("height")
    natural_w, natural_h = max(natural_w, 1), max(natural_h, 1)
    if width and not height:
        height = round(width * natural_h / natural_w)
    elif height and not width:
        width = round(height * natural_w / natural_h)
    elif not width or not height:
        width, height = natural_w, natural_h
    if width > max_w:
        height = round(height * max_w / width)
        width = max_w
    return width, height


def _svg_size(blob: bytes) -> tuple[float, float]:
    """An SVG's size in CSS px from width/height, else its viewBox, else 300×150."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(blob, parser)
    except etree.XMLSyntaxError as error:
        raise ValueError(f"unreadable SVG: {error}") from None

    def length(value: str | None) -> float | None:
        match = re.fullmatch(r"\s*([0-9.]+)\s*(px|pt|mm|cm|in)?\s*", value or "")
        if not match:
            return None
        factor = {"px": 1, None: 1, "pt": 4 / 3, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96}
        return float(match[1]) * factor[match[2]]

    width, height = length(root.get("width")), length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        try:
            box_w, box_h = float(box[2]), float(box[3])
        except ValueError:
            box_w = box_h = 0
        if box_w > 0 and box_h > 0:
            if width is None and height is None:
                width, height = box_w, box_h
            elif width is None and height is not None:
                width = height * box_w / box_h
            elif width is not None:
                height = width * box_h / box_w
    return width or 300.0, height or 150.0


def _placeholder_png(width_px: float, height_px: float, alt: str) -> bytes:
    """The PNG shown by readers without SVG support: a framed box with the alt text."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    width, height = max(1, round(width_px)), max(1, round(height_px))
    picture = PILImage.new("RGB", (width, height), (245, 245, 245))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, width - 1, height - 1), outline=(160, 160, 160))
    if alt and width > 40 and height > 16:
        draw.text((6, 4), alt[:80], fill=(80, 80, 80))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _to_png(blob: bytes) -> bytes:
    """Convert an image python-docx cannot embed (WebP…) to PNG."""
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(blob)) as picture:
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _replace_with_xml_part(source: Any, part: Any, element: Any) -> XmlPart:
    xml_part = XmlPart(part.partname, part.content_type, element, part.package)
    for r_id, rel in list(source.rels.items()):
        if not rel.is_external and rel.target_part is part:
            source.rels[r_id] = type(rel)(r_id, rel.reltype, xml_part, rel._baseURI)
            source.rels._target_parts_by_rId[r_id] = xml_part
    return xml_part


# ----------------------------------------------------------------- header, footer, props


def _header_footer(
    document: Any,
    styles: Mapping[str, _StyleInfo],
    *,
    header_text: str,
    marking: str,
    lang: str,
    cover: bool,
    text_width: int,
) -> Any:
    """Fill the header (title, marking) and footer (page X / Y); returns NUMPAGES' ``w:t``."""
    style_ids = {name: styles[name.lower()].style_id for name in REQUIRED_STYLES}
    section = document.sections[0]
    section.different_first_page_header_footer = cover
    header = section.header
    header.is_linked_to_previous = False
    element = header._element
    for child in list(element):
        element.remove(child)
    paragraph = _SUB(element, W_P)
    ppr = _SUB(paragraph, W_PPR)
    _w(ppr, "pStyle", val=style_ids["Header"])
    tabs = _SUB(ppr, qn("w:tabs"))
    # Clear the style's own tab stops so one tab reaches the right margin.
    header_style = styles["header"].element
    for tab in header_style.iterfind(f"{W_PPR}/{qn('w:tabs')}/{qn('w:tab')}"):
        position = tab.get(qn("w:pos"))
        if position and position != str(text_width):
            _w(tabs, "tab", val="clear", pos=position)
    _w(tabs, "tab", val="right", pos=str(text_width))
    if header_text:
        _SUB(_SUB(paragraph, W_R), W_T).text = header_text
    if marking:
        _SUB(_SUB(paragraph, W_R), qn("w:tab"))
        run = _SUB(paragraph, W_R)
        _w(_SUB(run, W_RPR), "rStyle", val=style_ids["Marking Char"])
        _SUB(run, W_T).text = marking

    footer = section.footer
    footer.is_linked_to_previous = False
    element = footer._element
    for child in list(element):
        element.remove(child)
    paragraph = _SUB(element, W_P)
    _w(_SUB(paragraph, W_PPR), "pStyle", val=style_ids["Footer"])

    total = _footer_page_fields(paragraph, lang)

    if cover:
        for blank in (section.first_page_header, section.first_page_footer):
            blank.is_linked_to_previous = False
            element = blank._element
            for child in list(element):
                element.remove(child)
            paragraph = _SUB(element, W_P)
            style = "Header" if blank is section.first_page_header else "Footer"
            _w(_SUB(paragraph, W_PPR), "pStyle", val=style_ids[style])
    return total


CONFIDENTIAL_LABELS = {"fr": "CONFIDENTIEL", "en": "CONFIDENTIAL"}


def _confidential_header_footer(
    document: Any,
    styles: Mapping[str, _StyleInfo],
    *,
    marking: str,
    lang: str,
    text_width: int,
) -> list[tuple[str, str]]:
    """Header and footer parts of a confidential annex; returns their (tag, rId)."""
    from docx.parts.hdrftr import FooterPart, HeaderPart

    style_ids = {name: styles[name.lower()].style_id for name in REQUIRED_STYLES}
    label = CONFIDENTIAL_LABELS.get(lang, CONFIDENTIAL_LABELS["fr"])
    refs = []
    for tag, style in (("headerReference", "Header"), ("footerReference", "Footer")):
        if style == "Header":
            part: Any = HeaderPart.new(document.part.package)
            r_id = document.part.relate_to(part, RT.HEADER)
        else:
            part = FooterPart.new(document.part.package)
            r_id = document.part.relate_to(part, RT.FOOTER)
        element = part.element
        for child in list(element):
            element.remove(child)
        paragraph = _SUB(element, W_P)
        ppr = _SUB(paragraph, W_PPR)
        _w(ppr, "pStyle", val=style_ids[style])
        tabs = _SUB(ppr, qn("w:tabs"))
        for tab in styles[style.lower()].element.iterfind(f"{W_PPR}/{qn('w:tabs')}/{qn('w:tab')}"):
            position = tab.get(qn("w:pos"))
            if position:
                _w(tabs, "tab", val="clear", pos=position)
        if style == "Header":
            _w(tabs, "tab", val="right", pos=str(text_width))
        else:
            _w(tabs, "tab", val="center", pos=str(text_width // 2))
            _w(ppr, "jc", val="left")
        run = _SUB(paragraph, W_R)
        _w(_SUB(run, W_RPR), "rStyle", val=style_ids["Marking Char"])
        _SUB(run, W_T).text = label
        _SUB(_SUB(paragraph, W_R), qn("w:tab"))
        if style == "Header":
            if marking:
                run = _SUB(paragraph, W_R)
                _w(_SUB(run, W_RPR), "rStyle", val=style_ids["Marking Char"])
                _SUB(run, W_T).text = marking
        else:
            _footer_page_fields(paragraph, lang)
        refs.append((tag, r_id))
    return refs


def _footer_page_fields(paragraph: Any, lang: str) -> Any:
    """ "page X / Y" (fr) or "page X of Y" (en); returns the NUMPAGES result's ``w:t``."""

    def text(value: str) -> None:
        node = _SUB(_SUB(paragraph, W_R), W_T)
        node.text = value
        node.set(XML_SPACE, "preserve")

    text("page ")
    _field_runs(paragraph, "PAGE", "1")
    text(" of " if lang == "en" else " / ")
    return _field_runs(paragraph, "NUMPAGES", "1")


def core_properties_xml(
    *,
    title: str,
    author: str,
    subject: str,
    keywords: Sequence[str],
    language: str,
    epoch: int,
    description: str = "",
) -> Any:
    """docProps/core.xml with fixed dates and revision, nothing from the clock."""
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    ns = {
        "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        "dc": "http://purl.org/dc/elements/1.1/",
        "dcterms": "http://purl.org/dc/terms/",
        "dcmitype": "http://purl.org/dc/dcmitype/",
        "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    }
    root = etree.Element(f"{{{ns['cp']}}}coreProperties", nsmap=ns)

    def add(prefix: str, name: str, value: str) -> Any:
        element = etree.SubElement(root, f"{{{ns[prefix]}}}{name}")
        element.text = _INVALID_XML.sub("", value)
        return element

    add("dc", "title", title)
    add("dc", "subject", subject)
    add("dc", "creator", author)
    add("cp", "keywords", ", ".join(keywords))
    if description:
        add("dc", "description", description)
    add("cp", "lastModifiedBy", author)
    add("cp", "revision", "1")
    for name in ("created", "modified"):
        add("dcterms", name, stamp).set(f"{{{ns['xsi']}}}type", "dcterms:W3CDTF")
    add("dc", "language", language)
    return root


APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'docPropsVTypes"><Application>dossier</Application><DocSecurity>0</DocSecurity>'
    b"<ScaleCrop>false</ScaleCrop><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def set_properties(document: Any, core: Any) -> None:
    """Replace core.xml by ``core`` and app.xml by fixed values; drop the thumbnail."""
    package = document.part.package
    core_part = package._core_properties_part
    core_part._element = core
    app_part = None
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(r_id)
            package.rels._target_parts_by_rId.pop(r_id, None)
        elif rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            app_part = rel.target_part
    if app_part is None:
        app_part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, APP_XML, package)
        package.relate_to(app_part, RT.EXTENDED_PROPERTIES)
    elif isinstance(app_part, XmlPart):
        app_part._element = parse_xml(APP_XML)
    else:
        app_part._blob = APP_XML


def normalize_package(data: bytes, *, epoch: int | None) -> bytes:
    """Rewrite a DOCX zip so the same content always gives the same bytes.

    Entries in a fixed order ([Content_Types].xml first, as Office writes it, then sorted),
    every entry dated from ``epoch`` (1980-01-01 when None or earlier, the zip format's
    first day), deflated at one fixed level, with no host-dependent attributes.
    """
    stamp = dt.datetime.fromtimestamp(
        max(epoch if epoch is not None else DEFAULT_SOURCE_DATE_EPOCH, DEFAULT_SOURCE_DATE_EPOCH),
        tz=dt.UTC,
    )
    date_time = (
        min(stamp.year, 2107),
        stamp.month,
        stamp.day,
        stamp.hour,
        stamp.minute,
        stamp.second - stamp.second % 2,
    )
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    first = [name for name in ("[Content_Types].xml", "_rels/.rels") if name in entries]
    order = first + sorted(name for name in entries if name not in first)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, entries[name], compresslevel=6)
    return output.getvalue()


# ------------------------------------------------------------------------ entry point


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
) -> bytes:
    """Render ``html`` (the dossier subset) to DOCX bytes styled from ``reference_docx``.

    Raises :class:`UnsupportedElement` for an element or class outside the subset (with the
    HTML line) and :class:`MissingStyle` listing every style the reference lacks.
    ``header_text`` and ``marking`` default to the ``p.running-title`` and the first
    ``p.marking`` of the HTML. ``toc_pages`` maps heading ids to page numbers (the PDF's)
    for the table of contents; without it the pages are estimated. Images come only from
    ``data:`` URIs and ``asset_dirs`` (default: the built-in template assets). The same
    HTML and epoch give the same bytes.
    """
    epoch = resolve_source_date_epoch(source_date_epoch)
    root = parse_html(html)
    problems = _problems(root)
    if problems:
        first = problems[0]
        if len(problems) > 1:
            first.args = (f"{first.args[0]} (and {len(problems) - 1} more problem(s))",)
        raise first

    reference = reference_docx or default_reference_docx()
    document = docx.Document(str(reference))
    styles = _styles_by_name(document.styles.element)
    missing = _missing_styles(styles)
    if missing:
        raise MissingStyle(missing, reference)

    if asset_dirs is None:
        asset_dirs = default_asset_dirs(None)

    language = WORD_LANGUAGES.get(lang, lang)
    _set_language(document, language)

    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)

    translator = DocxTranslator(
        document, styles, lang=lang, asset_dirs=asset_dirs, toc_pages=toc_pages
    )
    total = _header_footer(
        document,
        styles,
        header_text=header_text or _first_text(root, "running-title") or title,
        marking=marking or _first_text(root, "marking"),
        lang=lang,
        cover=_starts_with_cover(root),
        text_width=translator.text_width,
    )
    if any(e.tag == "section" and e.has_class("confidential-annex") for e in root.iter()):
        translator.confidential_refs = _confidential_header_footer(
            document,
            styles,
            marking=marking or _first_text(root, "marking"),
            lang=lang,
            text_width=translator.text_width,
        )
    translator.translate(root)
    sect_pr = translator.final_sect_pr
    if sect_pr is not None:
        body.append(sect_pr)
    _drop_stale_parts(document)
    pages = translator.estimate.page
    if toc_pages:
        pages = max(pages, *toc_pages.values())
    total.text = str(pages)

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
    return normalize_package(buffer.getvalue(), epoch=epoch)


def _first_text(root: Element, css_class: str) -> str:
    for element in root.iter():
        if element.tag == "p" and element.has_class(css_class):
            return element.text()
    return ""


def _starts_with_cover(root: Element) -> bool:
    for element in root.iter():
        if element.tag == "section":
            return element.has_class("cover")
        if element.tag in (
            "p",
            "h1",
            "h2",
            "h3",
            "table",
            "ul",
            "ol",
            "div",
            "nav",
        ) and not element.has_class("running-title"):
            return False
    return False


def _set_language(document: Any, language: str) -> None:
    """The document's language in the style defaults and in the settings."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = styles.makeelement(qn("w:docDefaults"), {})
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = defaults.makeelement(qn("w:rPrDefault"), {})
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(W_RPR)
    if rpr is None:
        rpr = _SUB(rpr_default, W_RPR)
    _get_or_insert(rpr, "lang", _RPR_ORDER).set(W_VAL, language)
    settings = document.settings.element
    _get_or_insert(settings, "themeFontLang", _SETTINGS_ORDER).set(W_VAL, language)
    # A justified line ending in a line break (<br>) is not stretched, as in HTML.
    compat = _get_or_insert(settings, "compat", _SETTINGS_ORDER)
    if compat.find(qn("w:doNotExpandShiftReturn")) is None:
        compat.insert(0, compat.makeelement(qn("w:doNotExpandShiftReturn"), {}))
