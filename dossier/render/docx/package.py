"""The DOCX package: fixed core and app properties, no thumbnail, a reproducible zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from lxml import etree

from dossier.render.docx.tree import INVALID_XML_CHARS
from dossier.render.pdf import ZIP_EPOCH


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
        element.text = INVALID_XML_CHARS.sub("", value)
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
    stamp = dt.datetime.fromtimestamp(max(epoch if epoch is not None else 0, ZIP_EPOCH), tz=dt.UTC)
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
