"""The visits of inline elements: images, emphasis, line breaks, spans, links and footnotes."""

from __future__ import annotations

import logging
import re
import unicodedata
import urllib.parse

from docx.image.exceptions import UnrecognizedImageError
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml.etree import SubElement

from dossier.render.docx.core import TranslatorCore
from dossier.render.docx.images import image_inline
from dossier.render.docx.ooxml import W_R, W_RPR, W_T, XML_SPACE, add_w
from dossier.render.docx.pages import footnote_height
from dossier.render.docx.parts import footnotes_part
from dossier.render.docx.state import Flow, Frame, SkipNode
from dossier.render.docx.tree import Element
from dossier.render.pdf import ASSET_BASE_URL, RefusedURLError

LOGGER = logging.getLogger("dossier.render")

#: U+200F, a strong right-to-left character that prints nothing.
RIGHT_TO_LEFT_MARK = "\u200f"


class InlineVisits(TranslatorCore):
    """visit_/depart_ pairs of the elements that become runs (or a footnote) in a paragraph."""

    # ------------------------------------------------------------------ images

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
            inline = image_inline(
                self.package,
                self.flow.rel_part,
                self.shape_id + 1,
                blob,
                mime,
                node,
                self.width_stack[-1] * 635,  # twips to EMU
            )
        except (UnrecognizedImageError, ValueError, OSError) as error:
            LOGGER.warning("Image %s left out of the DOCX: %s", src[:80], error)
            if alt:
                self.visit_text(alt)
            raise SkipNode from None
        self.shape_id += 1
        run = self._new_run()
        drawing = SubElement(run, qn("w:drawing"))
        drawing.append(inline)
        self.flow.at_line_start = False
        self.flow.paragraph_chars += 80 * max(1, int(inline.extent.cy) // 914400)
        raise SkipNode

    def depart_img(self, node: Element) -> None:
        pass

    # ------------------------------------------------------------ text formatting

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
        SubElement(run, qn("w:br"))
        self.flow.pending_space = False
        self.flow.at_line_start = True
        self.flow.paragraph_chars += 60
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

    def visit_bdi(self, node: Element) -> None:
        """A run of right-to-left text isolated in the HTML: runs marked ``w:rtl`` (Word then
        orders the run's punctuation as the run's)."""
        self._push_run(node=node)
        self.isolate_starts.append(self.last_text)

    def depart_bdi(self, node: Element) -> None:
        self._pop()
        started_after = self.isolate_starts.pop()
        last = self.last_text
        if last is None or last is started_after or not last.text:
            return
        if node.attrs.get("dir") == "rtl" and unicodedata.bidirectional(last.text[-1]) not in (
            "R",
            "AL",
        ):
            # LibreOffice ignores w:rtl when it orders a line: a right-to-left mark after the
            # run's closing full stop holds the stop on the run's side (« ‫عمر ح.‬ », not
            # « ‫عمر ح‬. »), in LibreOffice and Word alike. It prints nothing.
            last.text += RIGHT_TO_LEFT_MARK

    def visit_a(self, node: Element) -> None:
        href = node.attrs.get("href", "").strip()
        style = "Exhibit Reference" if node.has_class("exhibit-ref") else "Hyperlink"
        target: tuple[str, str] | None = None
        if href.startswith("#") and len(href) > 1:
            anchor = urllib.parse.unquote(href[1:])
            name = self.bookmarks.name(anchor)
            target = ("anchor", name)
        elif re.match(r"(?i)^(https?:|mailto:)", href):
            key = (id(self.flow.rel_part), href)
            r_id = self.url_rids.get(key)
            if r_id is None:
                r_id = self.flow.rel_part.relate_to(href, RT.HYPERLINK, is_external=True)
                self.url_rids[key] = r_id
            target = ("url", r_id)
        if target is None:
            self._push_run(node=node)
            self._link_saved.append(self.flow.link)
            return
        self._flush_space()
        self._link_saved.append(self.flow.link)
        self.flow.link = target
        self.flow.link_element = None
        self._push_run(char_style=style, node=node)
        if node.has_class("exhibit-ref"):
            self.flow.frames[-1].nowrap = True  # "Pièce n° 3" stays on one line, as in the PDF

    def depart_a(self, node: Element) -> None:
        self._pop()
        self.flow.link = self._link_saved.pop()
        self.flow.link_element = None

    # --------------------------------------------------------------- footnotes

    def _footnote(self, node: Element) -> None:
        """The call in the text, the note in the footnotes part, written in a flow of its own."""
        if self.footnotes is None:
            self.footnotes = footnotes_part(self.document)
        footnotes = self.footnotes
        self._flush_space()
        footnotes.last_id += 1
        ident = str(footnotes.last_id)
        paragraph = self._ensure_paragraph()
        # The call goes outside any hyperlink; text after it opens a new one.
        self.flow.link_element = None
        run = SubElement(paragraph, W_R)
        rpr = SubElement(run, W_RPR)
        add_w(rpr, "rStyle", val=self.style_ids["Footnote Reference"])
        add_w(run, "footnoteReference", id=ident)
        self.flow.at_line_start = False

        note = add_w(footnotes.element, "footnote", id=ident)
        text_flow = self.flow
        self.flow = Flow(note, footnotes.part, [Frame(para_style="Footnote Text")])
        first = self._new_paragraph()
        ref = SubElement(first, W_R)
        add_w(SubElement(ref, W_RPR), "rStyle", val=self.style_ids["Footnote Reference"])
        SubElement(ref, qn("w:footnoteRef"))
        space = SubElement(SubElement(first, W_R), W_T)
        space.text = " "
        space.set(XML_SPACE, "preserve")
        for child in node.children:
            self.walk(child)
        chars = self.flow.paragraph_chars
        self.flow = text_flow
        # The note takes room at the foot of the page.
        self.estimate.add(footnote_height(chars, self.text_width))
