"""The DOCX translator: the visits of every element family, joined over the translator's core."""

from __future__ import annotations

from dossier.render.docx.blocks import BlockVisits
from dossier.render.docx.contents import ContentsVisits
from dossier.render.docx.inline import InlineVisits
from dossier.render.docx.tables import TableVisits
from dossier.render.docx.transforms import join_toc_groups
from dossier.render.docx.tree import Element


class DocxTranslator(BlockVisits, TableVisits, InlineVisits, ContentsVisits):
    """Walk the HTML tree and write WordprocessingML into the reference document's body."""

    def translate(self, root: Element) -> None:
        join_toc_groups(root)
        self._prescan(root)
        self.walk(root)
        self._close_paragraph()
        if self.flow.pending_anchors:
            self._ensure_paragraph()
            self._close_paragraph()
        self._finish_sections()
        self._fill_toc_pages()
