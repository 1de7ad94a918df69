"""The document's parts besides the body: header, footer, footnotes, language, stale parts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.hdrftr import FooterPart, HeaderPart
from lxml import etree
from lxml.etree import SubElement

from dossier.render.docx.ooxml import (
    RPR_ORDER,
    SETTINGS_ORDER,
    W_P,
    W_PPR,
    W_R,
    W_RPR,
    W_T,
    W_VAL,
    XML_SPACE,
    add_w,
    field_runs,
    get_or_insert,
    replace_with_xml_part,
)
from dossier.render.docx.reference import KEPT_RELATIONSHIPS
from dossier.render.docx.styles import StyleInfo, style_ids

#: Word language tags for the dossier languages.
WORD_LANGUAGES = {"fr": "fr-FR", "en": "en-GB"}

# ------------------------------------------------------------------------ header, footer


def header_footer(
    document: Any,
    styles: Mapping[str, StyleInfo],
    *,
    header_text: str,
    marking: str,
    lang: str,
    cover: bool,
    text_width: int,
) -> Any:
    """Fill the header (title, marking) and footer (page X / Y); returns NUMPAGES' ``w:t``."""
    ids = style_ids(styles)
    section = document.sections[0]
    section.different_first_page_header_footer = cover
    header = section.header
    header.is_linked_to_previous = False
    element = header._element
    for child in list(element):
        element.remove(child)
    paragraph = SubElement(element, W_P)
    ppr = SubElement(paragraph, W_PPR)
    add_w(ppr, "pStyle", val=ids["Header"])
    tabs = SubElement(ppr, qn("w:tabs"))
    # Clear the style's own tab stops so one tab reaches the right margin.
    header_style = styles["header"].element
    for tab in header_style.iterfind(f"{W_PPR}/{qn('w:tabs')}/{qn('w:tab')}"):
        position = tab.get(qn("w:pos"))
        if position and position != str(text_width):
            add_w(tabs, "tab", val="clear", pos=position)
    add_w(tabs, "tab", val="right", pos=str(text_width))
    if header_text:
        SubElement(SubElement(paragraph, W_R), W_T).text = header_text
    if marking:
        SubElement(SubElement(paragraph, W_R), qn("w:tab"))
        run = SubElement(paragraph, W_R)
        add_w(SubElement(run, W_RPR), "rStyle", val=ids["Marking Char"])
        SubElement(run, W_T).text = marking

    footer = section.footer
    footer.is_linked_to_previous = False
    element = footer._element
    for child in list(element):
        element.remove(child)
    paragraph = SubElement(element, W_P)
    add_w(SubElement(paragraph, W_PPR), "pStyle", val=ids["Footer"])

    total = footer_page_fields(paragraph, lang)

    if cover:
        for blank in (section.first_page_header, section.first_page_footer):
            blank.is_linked_to_previous = False
            element = blank._element
            for child in list(element):
                element.remove(child)
            paragraph = SubElement(element, W_P)
            style = "Header" if blank is section.first_page_header else "Footer"
            add_w(SubElement(paragraph, W_PPR), "pStyle", val=ids[style])
    return total


CONFIDENTIAL_LABELS = {"fr": "CONFIDENTIEL", "en": "CONFIDENTIAL"}


def confidential_header_footer(
    document: Any,
    styles: Mapping[str, StyleInfo],
    *,
    marking: str,
    lang: str,
    text_width: int,
) -> list[tuple[str, str]]:
    """Header and footer parts of a confidential annex; returns their (tag, rId)."""
    ids = style_ids(styles)
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
        paragraph = SubElement(element, W_P)
        ppr = SubElement(paragraph, W_PPR)
        add_w(ppr, "pStyle", val=ids[style])
        tabs = SubElement(ppr, qn("w:tabs"))
        for tab in styles[style.lower()].element.iterfind(f"{W_PPR}/{qn('w:tabs')}/{qn('w:tab')}"):
            position = tab.get(qn("w:pos"))
            if position:
                add_w(tabs, "tab", val="clear", pos=position)
        if style == "Header":
            add_w(tabs, "tab", val="right", pos=str(text_width))
        else:
            add_w(tabs, "tab", val="center", pos=str(text_width // 2))
            add_w(ppr, "jc", val="left")
        run = SubElement(paragraph, W_R)
        add_w(SubElement(run, W_RPR), "rStyle", val=ids["Marking Char"])
        SubElement(run, W_T).text = label
        SubElement(SubElement(paragraph, W_R), qn("w:tab"))
        if style == "Header":
            if marking:
                run = SubElement(paragraph, W_R)
                add_w(SubElement(run, W_RPR), "rStyle", val=ids["Marking Char"])
                SubElement(run, W_T).text = marking
        else:
            footer_page_fields(paragraph, lang)
        refs.append((tag, r_id))
    return refs


def footer_page_fields(paragraph: Any, lang: str) -> Any:
    """ "page X / Y" (fr) or "page X of Y" (en); returns the NUMPAGES result's ``w:t``."""

    def text(value: str) -> None:
        node = SubElement(SubElement(paragraph, W_R), W_T)
        node.text = value
        node.set(XML_SPACE, "preserve")

    text("page ")
    field_runs(paragraph, "PAGE", "1")
    text(" of " if lang == "en" else " / ")
    return field_runs(paragraph, "NUMPAGES", "1")


# --------------------------------------------------------------------------- footnotes


@dataclass
class Footnotes:
    """The footnotes part being written: its ``w:footnotes`` element and the last id used."""

    element: Any
    part: Any
    last_id: int


def footnotes_part(document: Any) -> Footnotes:
    """The reference's footnotes part emptied of notes (separators kept), or a new one."""
    part = None
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            part = rel.target_part
            break
    if part is not None and not isinstance(part, XmlPart):
        element = parse_xml(part.blob)
        part = replace_with_xml_part(document.part, part, element)
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
        part = XmlPart(
            PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, document.part.package
        )
        document.part.relate_to(part, RT.FOOTNOTES)
    element = part.element
    separators = []
    for note in list(element.iterchildren(qn("w:footnote"))):
        if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
            separators.append(note.get(qn("w:id")))
        else:
            element.remove(note)
    settings = document.settings.element
    foot_pr = get_or_insert(settings, "footnotePr", SETTINGS_ORDER)
    for child in list(foot_pr.iterchildren(qn("w:footnote"))):
        foot_pr.remove(child)
    for ident in separators:
        foot_pr.append(foot_pr.makeelement(qn("w:footnote"), {qn("w:id"): ident}))
    # Notes are numbered after the separators' ids.
    return Footnotes(element, part, max((int(i) for i in separators if i), default=0))


# -------------------------------------------------------- language, what the reference used


def set_language(document: Any, language: str) -> None:
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
        rpr = SubElement(rpr_default, W_RPR)
    get_or_insert(rpr, "lang", RPR_ORDER).set(W_VAL, language)
    settings = document.settings.element
    get_or_insert(settings, "themeFontLang", SETTINGS_ORDER).set(W_VAL, language)
    # A justified line ending in a line break (<br>) is not stretched, as in HTML.
    compat = get_or_insert(settings, "compat", SETTINGS_ORDER)
    if compat.find(qn("w:doNotExpandShiftReturn")) is None:
        compat.insert(0, compat.makeelement(qn("w:doNotExpandShiftReturn"), {}))


def drop_separators_without_notes(document: Any) -> None:
    """Name footnote and endnote separators in the settings only when the notes part that
    holds them is there: Word may call a file naming separators it lacks corrupt (the
    reference's settings name them whether or not a dossier has notes)."""
    related = {rel.reltype for rel in document.part.rels.values() if not rel.is_external}
    settings = document.settings.element
    for properties, note, reltype in (
        ("footnotePr", "footnote", RT.FOOTNOTES),
        ("endnotePr", "endnote", RT.ENDNOTES),
    ):
        if reltype in related:
            continue
        element = settings.find(qn(f"w:{properties}"))
        if element is None:
            continue
        for separator in list(element.iterchildren(qn(f"w:{note}"))):
            element.remove(separator)
        if len(element) == 0:
            settings.remove(element)


def drop_stale_parts(document: Any) -> None:
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
    # KEPT_RELATIONSHIPS: what the part keeps from the reference even when its XML names no
    # relationship (dossier/render/docx/reference.py, which checks the rest is not external).
    used = set(part.element.xpath("//@r:*"))
    for r_id, rel in list(part.rels.items()):
        if r_id not in used and rel.reltype not in KEPT_RELATIONSHIPS:
            part.rels.pop(r_id)
            part.rels._target_parts_by_rId.pop(r_id, None)
