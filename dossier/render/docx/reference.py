"""The reference document read safely: inside its pack, and refused when it holds code or links out.

A ``reference.docx`` gives the DOCX its styles, and the writer keeps its package (settings,
relationships, headers) as the base of every DOCX it writes. Whatever the reference points
outside itself would therefore travel into every dossier: Word fetches an external
``attachedTemplate`` (a ``file:`` or ``http:`` address) when the document opens, and loads
external images and frames the same way; macros would run in the reader's Word. A style
document needs none of that, so such a reference is refused, each problem named, rather than
cleaned silently: removing parts would change what the editor meant (a letterhead image
linked rather than embedded would vanish) without their knowing. What the reference's own
text used (a previous dossier edited in Word, with its links) is no problem: the writer
drops that text and every relationship of it.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from dossier.errors import DossierError
from dossier.i18n.catalog import N_
from dossier.i18n.messages import Message
from dossier.render.pack import REFERENCE_NAME, pack_file_exists, read_pack_file

#: Package parts that hold or describe code: VBA projects, ActiveX controls, macro sheets.
_CODE_PART = re.compile(r"(vbaProject|vbaData|activeX|macrosheets?/)", re.IGNORECASE)
#: Content types of macro-enabled documents and templates (``.docm``, ``.dotm``) and of code.
_CODE_TYPE = re.compile(r"(macroEnabled|vbaProject|activeX|ms-office\.vba)", re.IGNORECASE)
_WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
#: The relationships of the reference's main part the writer keeps; it drops every other one
#: (the reference's own text goes, and what it used: links, images, comments).
KEPT_RELATIONSHIPS = frozenset(
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
#: The main part's relationships, which the writer drops unless kept (see above).
_MAIN_RELATIONSHIPS = "word/_rels/document.xml.rels"
#: Longest part of a reference document read to look for links out (the built-in one's largest
#: part is a few tens of kilobytes).
MAX_PART_BYTES = 32 * 1024 * 1024


class ReferenceRefused(DossierError):
    """The reference document holds macros, an attached template or links out of itself."""

    def __init__(self, path: Path | str, problems: list[Message]) -> None:
        super().__init__(N_("docx.reference_refused"), file=path, problems=problems)
        self.path = path
        self.problems = problems


def pack_reference(templates: Path | None) -> Path | None:
    """The pack's ``reference.docx``, or None when the pack has none.

    Raises :class:`~dossier.render.pack.PackFileRefused` when it is a link (or not a file).
    """
    if templates is None or not pack_file_exists(templates, [REFERENCE_NAME]):
        return None
    read_pack_file(templates, [REFERENCE_NAME])
    return templates / REFERENCE_NAME


def reference_problems(data: bytes) -> list[Message]:
    """What makes a reference document unfit: each part of code, each link out, in order."""
    problems: list[Message] = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return []  # not a package: python-docx says so, as it always did
    with archive:
        for info in archive.infolist():
            name = info.filename
            if _CODE_PART.search(name):
                problems.append(Message("docx.reference_code", part=name))
                continue
            if info.file_size > MAX_PART_BYTES:
                continue
            if name == "[Content_Types].xml":
                problems += _code_types(archive.read(info))
            elif name.endswith(".rels"):
                problems += _external_targets(name, archive.read(info))
            elif name == "word/settings.xml":
                problems += _attached_template(archive.read(info))
    return problems


def _parsed(data: bytes) -> ElementTree.Element | None:
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None


def _code_types(data: bytes) -> list[Message]:
    root = _parsed(data)
    if root is None:
        return []
    return [
        Message("docx.reference_code", part=element.get("PartName") or element.get("Extension"))
        for element in root
        if _CODE_TYPE.search(element.get("ContentType") or "")
    ]


def _external_targets(part: str, data: bytes) -> list[Message]:
    root = _parsed(data)
    if root is None:
        return []
    found = []
    for relationship in root.iter(f"{{{_RELS_NS}}}Relationship"):
        if (
            part == _MAIN_RELATIONSHIPS
            and (relationship.get("Type") or "") not in KEPT_RELATIONSHIPS
        ):
            # What the reference's own text used (a link in a dossier edited in Word): the
            # writer drops it with that text; it never reaches a DOCX.
            continue
        if (relationship.get("TargetMode") or "").lower() == "external":
            kind = (relationship.get("Type") or "").rsplit("/", 1)[-1]
            target = relationship.get("Target") or ""
            shown = target if len(target) <= 120 else target[:120] + "…"
            found.append(
                Message("docx.reference_external", part=part, kind=kind, target=repr(shown))
            )
    return found


def _attached_template(data: bytes) -> list[Message]:
    root = _parsed(data)
    if root is None or root.find(f"{{{_WORD_NS}}}attachedTemplate") is None:
        return []
    return [Message("docx.reference_attached_template")]


def check_reference_safety(data: bytes, path: Path | str) -> None:
    """Raise :class:`ReferenceRefused` listing every problem of :func:`reference_problems`."""
    problems = reference_problems(data)
    if problems:
        raise ReferenceRefused(path, problems)


def read_reference(path: Path) -> bytes:
    """The bytes of a reference document, checked by :func:`check_reference_safety`."""
    data = path.read_bytes()
    check_reference_safety(data, path)
    return data
