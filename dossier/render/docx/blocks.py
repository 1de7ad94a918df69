"""The visits of block elements: document parts, sections, paragraphs, headings, lists, figures."""

from __future__ import annotations

from typing import Any, ClassVar

from docx.oxml.ns import qn

from dossier.render.docx.core import TranslatorCore
from dossier.render.docx.ooxml import PPR_ORDER, W_PPR, W_VAL, add_w, get_or_insert, mm
from dossier.render.docx.state import ListItem, SkipNode
from dossier.render.docx.tree import Element


class BlockVisits(TranslatorCore):
    """visit_/depart_ pairs of the block elements that become paragraphs (tables aside)."""

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
            self.flow.in_signature += 1
            self._block(node, para_style="Signature", jc=None)
        else:
            self._block(node)

    def depart_div(self, node: Element) -> None:
        self._close_paragraph()
        self._pop()
        if node.has_class("signature"):
            self.flow.in_signature -= 1
            if self.signature_paragraphs and not self.flow.in_signature:
                last = self.signature_paragraphs[-1]
                ppr = last.find(W_PPR)
                keep = ppr.find(qn("w:keepNext"))
                if keep is None:
                    keep = get_or_insert(ppr, "keepNext", PPR_ORDER)
                keep.set(W_VAL, "0")
                spacing = get_or_insert(ppr, "spacing", PPR_ORDER)
                spacing.set(qn("w:after"), str(mm(28)))
                first = self.signature_paragraphs[0].find(W_PPR)
                get_or_insert(first, "spacing", PPR_ORDER).set(qn("w:before"), str(mm(10)))
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
        frame = self.flow.frames[-1]
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
        self.heading_text = node.text()
        self.flow.heading = (anchor, level)
        paragraph = self._new_paragraph(style, outline_none=outline_none)
        ident = self.bookmarks.place(paragraph, anchor, wrap=True) if anchor else None
        self._heading_bookmark = ident

    def _depart_heading(self, node: Element) -> None:
        ident = self._heading_bookmark
        paragraph = self.flow.paragraph
        if ident is not None and paragraph is not None:
            add_w(paragraph, "bookmarkEnd", id=ident)
        self._close_paragraph()
        anchor = self.flow.heading[0] if self.flow.heading else None
        if anchor:
            self.contents.estimated_pages.setdefault(anchor, self.estimate.page)
        self.flow.heading = None
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
        level = min(self.flow.frames[-1].list_depth, 8)
        self._block(node, numbering=(self.lists.bullet_num, level), list_depth=level + 1, jc=None)

    def visit_ol(self, node: Element) -> None:
        self._close_paragraph()
        level = min(self.flow.frames[-1].list_depth, 8)
        num_id = self.lists.new_numbered_list(level, node.attrs.get("start", "1"))
        self._block(node, numbering=(num_id, level), list_depth=level + 1, jc=None)

    def depart_ul(self, node: Element) -> None:
        self._close_paragraph()
        self._pop()

    depart_ol = depart_ul

    def visit_li(self, node: Element) -> None:
        self._close_paragraph()
        numbering = self.flow.frames[-1].numbering or (self.lists.bullet_num, 0)
        num_id, level = numbering
        ordered = num_id != self.lists.bullet_num
        item = ListItem(num_id, level, self.lists.level_indents[(ordered, level)])
        self._block(
            node,
            para_style="List Number" if ordered else "List Bullet",
            list_item=item,
        )

    def depart_li(self, node: Element) -> None:
        self._close_paragraph()
        self._pop()

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
