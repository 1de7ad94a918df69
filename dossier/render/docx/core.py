"""The translator's core: the walk, frames, paragraphs, runs, bookmarks and Word sections.

The visit_/depart_ pairs of each family of elements live in their own module (blocks, tables,
inline, contents), as classes over this one that :mod:`dossier.render.docx.translator` joins.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn
from lxml import etree
from lxml.etree import SubElement

from dossier.render.docx.numbering import ListNumbering
from dossier.render.docx.ooxml import (
    W_P,
    W_PPR,
    W_R,
    W_RPR,
    W_T,
    XML_SPACE,
    Bookmarks,
    add_w,
    drop_first_page,
    mm,
    text_area,
)
from dossier.render.docx.pages import PageEstimate, body_paragraph_height, cell_paragraph_height
from dossier.render.docx.parts import Footnotes
from dossier.render.docx.state import (
    Contents,
    Flow,
    Frame,
    RunKey,
    SkipNode,
    Table,
    TocEntry,
)
from dossier.render.docx.styles import StyleInfo, style_ids
from dossier.render.docx.tree import ASCII_WHITESPACE, WHITESPACE_RUN, Element, UnsupportedElement
from dossier.render.pdf import SafeURLFetcher

VisitPair = tuple[Callable[[Element], None], Callable[[Element], None]]


class TranslatorCore:
    """Walk the HTML tree and write WordprocessingML into the reference document.

    One ``visit_<tag>``/``depart_<tag>`` pair per element of the subset, as in Sphinx's
    writers. Paragraphs and runs are built with lxml directly, style ids resolved once: the
    python-docx object API looks styles up by name on every call, far too slow for a
    thousand-incident dossier.
    """

    def __init__(
        self,
        document: Any,
        styles: Mapping[str, StyleInfo],
        *,
        lang: str,
        asset_dirs: Sequence[Path],
        toc_pages: Mapping[str, int] | None,
        title: str = "",
    ) -> None:
        self.document = document
        self.title = title
        self.heading_text = ""  # the text of the last heading written
        self.package = document.part.package
        self.lang = lang
        self.style_ids = style_ids(styles)
        self.fetcher = SafeURLFetcher(asset_dirs)

        section = document.element.body.find(qn("w:sectPr"))
        self.final_sect_pr = section
        self.text_width, text_height = text_area(section)
        self.estimate = PageEstimate(text_height / 20)

        self.body = document.element.body
        self.flow = Flow(self.body, document.part, [Frame(para_style="Body Text")])
        # The last w:t written, in any flow: a space after a footnote call goes after the call,
        # so this is not part of the flow a footnote puts back.
        self.last_text: Any = None
        # The last text written before each open <bdi>: what the isolate wrote is after it.
        self.isolate_starts: list[Any] = []
        self.pending_break = False  # the next body paragraph starts a page
        self.content_started = False  # no page break before the body's first content
        self.tables: list[Table] = []
        self.width_stack: list[int] = [self.text_width]  # width available, in twips
        self.signature_paragraphs: list[Any] = []

        self.bookmarks = Bookmarks()
        self.contents = Contents(pdf_pages=toc_pages)
        self.rpr_cache: dict[RunKey, Any] = {}  # a w:rPr per formatting, copied into runs
        self.url_rids: dict[tuple[int, str], str] = {}  # (id of part, URL) -> rId
        self.shape_id = 0

        self.confidential_depth = 0
        self.section_breaks: list[Any] = []
        self.confidential_refs: list[tuple[str, str]] = []  # the annex's header, footer
        # (tag, rId)

        self.footnotes: Footnotes | None = None  # the footnotes part, made at the first note
        self.lists = ListNumbering(document, styles)

        self._dispatch: dict[str, VisitPair] = {}
        self._saved_containers: list[Any] = []
        self._link_saved: list[tuple[str, str] | None] = []
        self._heading_bookmark: str | None = None

    # ----------------------------------------------------------------- the walk

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
            self.flow.pending_anchors.append(anchor)
        try:
            methods[0](node)
        except SkipNode:
            return
        for child in node.children:
            self.walk(child)
        methods[1](node)

    def _prescan(self, root: Element) -> None:
        """Bookmark names for every id (links may come before their target), the headings."""
        cover = next((e for e in root.iter() if e.tag == "section" and e.has_class("cover")), None)
        in_cover = {id(e) for e in cover.iter()} if cover is not None else set()
        for element in root.iter():
            anchor = element.attrs.get("id")
            if anchor:
                self.bookmarks.register(anchor)
            if (
                element.tag in ("h1", "h2")
                and anchor
                and element.attrs.get("data-toc") != "no"
                and id(element) not in in_cover
            ):
                self.contents.headings.append(TocEntry(int(element.tag[1]), anchor, element.text()))

    # ---------------------------------------------------------------- Word sections

    def _section_break(self, *, confidential: bool) -> None:
        """End the Word section here: the sectPr of what precedes goes in its last paragraph."""
        self._close_paragraph()
        last = self.body[-1] if len(self.body) > 1 else None
        if last is None:
            return  # nothing before: no section to end
        if last.tag != W_P or last.find(f"{W_PPR}/{qn('w:sectPr')}") is not None:
            anchors, self.flow.pending_anchors = self.flow.pending_anchors, []
            self.pending_break = False
            last = self._new_paragraph("Normal")
            self._close_paragraph()
            self.flow.pending_anchors = anchors
        ppr = last.find(W_PPR)
        if ppr is None:
            ppr = last.makeelement(W_PPR, {})
            last.insert(0, ppr)
        sect_pr = copy.deepcopy(self.final_sect_pr)
        if confidential:
            self._use_confidential_refs(sect_pr)
        elif self.section_breaks:
            drop_first_page(sect_pr)
        ppr.append(sect_pr)
        self.section_breaks.append(sect_pr)
        # A new Word section starts on a new page by itself.
        self.pending_break = False
        self.estimate.page_break()

    def _use_confidential_refs(self, sect_pr: Any) -> None:
        drop_first_page(sect_pr)
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
            drop_first_page(self.final_sect_pr)

    # ------------------------------------------------------------ frames, paragraphs

    def _push(self, **changes: Any) -> Frame:
        frames = self.flow.frames
        frame = replace(frames[-1], **changes)
        frames.append(frame)
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
        style, was_bold, was_italic, was_vert, rtl, lang = self.flow.frames[-1].run
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
        self.flow.frames.pop()

    def _block(self, node: Element, **changes: Any) -> None:
        """Push a frame for a block element: paragraph style, direction, muted text."""
        frame = self.flow.frames[-1]
        rtl, lang = self._direction(node, frame.run[4], frame.run[5])
        run = frame.run
        if (rtl, lang) != (run[4], run[5]) or node.has_class("muted"):
            style = "Muted" if node.has_class("muted") else run[0]
            run = (style, run[1], run[2], run[3], rtl, lang)
        direction = node.attrs.get("dir")
        bidi = (direction == "rtl") if direction in ("rtl", "ltr") else frame.bidi
        self._push(run=run, bidi=bidi, **changes)

    def _ensure_paragraph(self) -> Any:
        if self.flow.paragraph is None:
            self._new_paragraph()
        return self.flow.paragraph

    def _new_paragraph(self, style: str | None = None, *, outline_none: bool = False) -> Any:
        self._close_paragraph()
        flow = self.flow
        frame = flow.frames[-1]
        style = style or frame.para_style
        in_body = flow.container is self.body
        paragraph = SubElement(flow.container, W_P)
        ppr = SubElement(paragraph, W_PPR)
        add_w(ppr, "pStyle", val=self.style_ids[style])
        if in_body and self.pending_break:
            if self.content_started:
                SubElement(ppr, qn("w:pageBreakBefore"))
                self.estimate.page_break()
            self.pending_break = False
        item = frame.list_item
        continuation = False
        if item is not None:
            # The item's first paragraph carries the number; later ones only its indent.
            continuation = item.numbered
            num_pr = SubElement(ppr, qn("w:numPr"))
            add_w(num_pr, "ilvl", val="0" if continuation else str(item.level))
            add_w(num_pr, "numId", val="0" if continuation else str(item.num_id))
            item.numbered = True
        if frame.bidi:
            SubElement(ppr, qn("w:bidi"))
        if (
            in_body
            and flow.heading is None
            and len(self.body) > 1
            and self.body[-2].tag == qn("w:tbl")
        ):
            # Tables carry no space below them; the paragraph after one does (CSS: 4 mm).
            add_w(ppr, "spacing", before=str(mm(3)))
        if continuation and item is not None:
            add_w(ppr, "ind", left=str(item.indent))
        if frame.jc:
            add_w(ppr, "jc", val=frame.jc)
        if outline_none:
            add_w(ppr, "outlineLvl", val="9")
        if in_body:
            self.content_started = True
        if flow.pending_anchors:
            for anchor in flow.pending_anchors:
                self.bookmarks.place(paragraph, anchor, wrap=False)
            flow.pending_anchors = []
        flow.paragraph = paragraph
        flow.paragraph_chars = 0
        flow.paragraph_style = style
        flow.link_element = None
        flow.pending_space = False
        flow.at_line_start = True
        if flow.in_signature:
            self.signature_paragraphs.append(paragraph)
        return paragraph

    def _close_paragraph(self) -> None:
        flow = self.flow
        if flow.paragraph is None:
            return
        frame_cell = flow.frames[-1].cell
        if flow.container is self.body:
            height = body_paragraph_height(
                flow.paragraph_style, flow.paragraph_chars, self.text_width
            )
            if flow.heading is not None:
                self.estimate.ensure_room(height + 2 * 14)
                self.estimate.add(height, splittable=False)
            else:
                self.estimate.add(height)
        elif frame_cell is not None:
            frame_cell.heights.append(
                cell_paragraph_height(flow.paragraph_style, flow.paragraph_chars, frame_cell.width)
            )
        flow.paragraph = None
        flow.link_element = None
        flow.pending_space = False
        flow.at_line_start = True

    # -------------------------------------------------------------------- runs

    def _rpr(self, key: RunKey) -> Any:
        prototype = self.rpr_cache.get(key)
        if prototype is None:
            char_style, bold, italic, vert, rtl, lang = key
            prototype = etree.Element(W_RPR)
            if char_style:
                add_w(prototype, "rStyle", val=self.style_ids[char_style])
            if bold:
                SubElement(prototype, qn("w:b"))
                SubElement(prototype, qn("w:bCs"))
            if italic:
                SubElement(prototype, qn("w:i"))
                SubElement(prototype, qn("w:iCs"))
            if vert:
                add_w(prototype, "vertAlign", val=vert)
            if rtl:
                SubElement(prototype, qn("w:rtl"))
            if lang:
                if lang.split("-")[0] in ("ar", "fa", "he", "ur", "ps"):
                    add_w(prototype, "lang", bidi=lang)
                else:
                    add_w(prototype, "lang", val=lang)
            self.rpr_cache[key] = prototype
        return prototype

    def _run_parent(self) -> Any:
        paragraph = self._ensure_paragraph()
        flow = self.flow
        if flow.link is None:
            return paragraph
        if flow.link_element is None or flow.link_element.getparent() is not paragraph:
            kind, target = flow.link
            if kind == "anchor":
                flow.link_element = add_w(paragraph, "hyperlink", anchor=target, history="1")
            else:
                flow.link_element = SubElement(
                    paragraph, qn("w:hyperlink"), {qn("r:id"): target, qn("w:history"): "1"}
                )
        return flow.link_element

    def _new_run(self, parent: Any = None) -> Any:
        run = SubElement(parent if parent is not None else self._run_parent(), W_R)
        prototype = self._rpr(self.flow.frames[-1].run)
        if len(prototype):
            run.append(copy.deepcopy(prototype))
        return run

    def _emit(self, text: str) -> None:
        run = self._new_run()
        element = SubElement(run, W_T)
        element.text = text
        if text[0] in " \u00a0" or text[-1] in " \u00a0":
            element.set(XML_SPACE, "preserve")
        self.flow.paragraph_chars += len(text)
        self.last_text = element

    def visit_text(self, data: str) -> None:
        flow = self.flow
        if flow.paragraph is None and not data.strip(ASCII_WHITESPACE):
            return
        text = WHITESPACE_RUN.sub(" ", data)
        if text.startswith(" "):
            flow.pending_space = True
            text = text[1:]
        if not text:
            return
        trailing = text.endswith(" ")
        if trailing:
            text = text[:-1]
        if flow.frames[-1].nowrap:
            text = text.replace(" ", "\u00a0")
        if flow.pending_space and not flow.at_line_start and flow.paragraph is not None:
            self._emit_space()
        self._emit(text)
        flow.pending_space = trailing
        flow.at_line_start = False

    def _flush_space(self) -> None:
        flow = self.flow
        if flow.pending_space and not flow.at_line_start and flow.paragraph is not None:
            self._emit_space()
        flow.pending_space = False

    def _emit_space(self) -> None:
        """A space between two runs goes at the end of the first ("de **42**", not "de** 42**")."""
        last = self.last_text
        container = last.getparent().getparent() if last is not None else None
        if (
            container is not None
            and self._paragraph_of(last) is self.flow.paragraph
            and (container.tag != qn("w:hyperlink") or container is self.flow.link_element)
        ):
            last.text += " "
            last.set(XML_SPACE, "preserve")
            self.flow.paragraph_chars += 1
        else:
            self._emit(" ")

    def _paragraph_of(self, element: Any) -> Any:
        parent = element.getparent().getparent()
        return parent.getparent() if parent.tag == qn("w:hyperlink") else parent
