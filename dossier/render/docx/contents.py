"""The visit of the table of contents (``nav``): a TOC field prefilled with its entries."""

from __future__ import annotations

import urllib.parse

from docx.oxml.ns import qn
from lxml.etree import SubElement

from dossier.render.docx.core import TranslatorCore
from dossier.render.docx.ooxml import W_R, W_T, XML_SPACE, add_w, field_runs
from dossier.render.docx.state import SkipNode, TocEntry
from dossier.render.docx.tree import Element


class ContentsVisits(TranslatorCore):
    """The ``nav`` visit: a TOC field with its result written in.

    A headless LibreOffice does not refresh a TOC field, so its result is written here: the
    entries of the HTML's own list, else the document's headings, with PAGEREF fields to their
    bookmarks and the pages of the PDF (or estimated ones).
    """

    def visit_nav(self, node: Element) -> None:
        self._close_paragraph()
        entries: list[TocEntry] = []
        others: list[Element | str] = []
        for child in node.children:
            if isinstance(child, Element) and child.tag in ("ol", "ul"):
                entries += toc_entries(child, 1)
            else:
                others.append(child)
        self._block(node, jc=None)
        for child in others:
            self.walk(child)
        self._close_paragraph()
        if not any(
            isinstance(child, Element) and child.tag in ("ol", "ul") for child in node.children
        ):
            entries = list(self.contents.headings)
        self._write_toc(entries)
        self._pop()
        self.pending_break = True
        raise SkipNode

    def depart_nav(self, node: Element) -> None:
        pass

    def _write_toc(self, entries: list[TocEntry]) -> None:
        """A TOC field whose result is the entries, each a link to its heading and its page."""
        depth = max((entry.level for entry in entries), default=2)
        instruction = f'TOC \\o "1-{min(max(depth, 2), 3)}" \\h \\z \\u'
        if not entries:
            paragraph = self._new_paragraph("TOC 1")
            field_runs(paragraph, instruction, "")
            self._close_paragraph()
            return
        for index, entry in enumerate(entries):
            paragraph = self._new_paragraph(f"TOC {min(entry.level, 3)}")
            if index == 0:
                add_w(SubElement(paragraph, W_R), "fldChar", fldCharType="begin")
                instr = add_w(SubElement(paragraph, W_R), "instrText")
                instr.set(XML_SPACE, "preserve")
                instr.text = f" {instruction} "
                add_w(SubElement(paragraph, W_R), "fldChar", fldCharType="separate")
            name = self.bookmarks.name(entry.anchor)
            link = add_w(paragraph, "hyperlink", anchor=name, history="1")
            text = SubElement(SubElement(link, W_R), W_T)
            text.text = entry.text
            if entry.text[:1] == " " or entry.text[-1:] == " ":
                text.set(XML_SPACE, "preserve")
            SubElement(SubElement(link, W_R), qn("w:tab"))
            cached = field_runs(link, f"PAGEREF {name} \\h", "")
            self.contents.page_fields.append((entry.anchor, cached))
            self.flow.paragraph_chars = len(entry.text)
            if index == len(entries) - 1:
                add_w(SubElement(paragraph, W_R), "fldChar", fldCharType="end")
            self._close_paragraph()

    def _fill_toc_pages(self) -> None:
        """Each entry's page: the PDF's when given, else the estimate (blank for no heading)."""
        for anchor, cached in self.contents.page_fields:
            page = None
            if self.contents.pdf_pages is not None:
                page = self.contents.pdf_pages.get(anchor)
            if page is None:
                page = self.contents.estimated_pages.get(anchor)
            cached.text = str(page) if page is not None else ""


def toc_entries(list_element: Element, level: int) -> list[TocEntry]:
    """The entries of a contents list written in the HTML (``li > a[href^="#"]``), nested."""
    entries: list[TocEntry] = []
    for item in list_element.children:
        if not isinstance(item, Element) or item.tag != "li":
            continue
        link = next((c for c in item.children if isinstance(c, Element) and c.tag == "a"), None)
        if link is not None and link.attrs.get("href", "").startswith("#"):
            anchor = urllib.parse.unquote(link.attrs["href"][1:])
            entries.append(TocEntry(level, anchor, link.text()))
        for child in item.children:
            if isinstance(child, Element) and child.tag in ("ol", "ul"):
                entries += toc_entries(child, level + 1)
    return entries
