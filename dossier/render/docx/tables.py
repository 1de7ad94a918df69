"""The visits of tables and fact lists (``dl``), which become Word tables, and column widths."""

from __future__ import annotations

import math
from collections.abc import Iterator

from docx.oxml.ns import qn
from lxml.etree import SubElement

from dossier.render.docx.core import TranslatorCore
from dossier.render.docx.ooxml import PPR_ORDER, W_PPR, add_w, get_or_insert, mm
from dossier.render.docx.state import Cell, Table
from dossier.render.docx.tree import ASCII_WHITESPACE, WHITESPACE_RUN, Element


class TableVisits(TranslatorCore):
    """visit_/depart_ pairs of tables and fact lists; a cell is a container of paragraphs."""

    def visit_dl(self, node: Element) -> None:
        self._close_paragraph()
        cover = self.flow.frames[-1].cover
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
        self.flow.pending_space = False
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
            self._saved_containers.append(self.flow.container)
            self.flow.container = cell
            self.width_stack.append(width)
            self._block(node, para_style="Fact Value", cell=table.cells[-1])
        else:
            self._start_cell(table, node, "Fact Value")
            table.value_cell = (self.flow.container, self.width_stack[-1])

    def depart_dd(self, node: Element) -> None:
        self._end_cell()

    # ------------------------------------------------------------------- tables

    def _new_table(
        self, style: str, widths: list[int], *, header: bool, center: bool = False
    ) -> Table:
        container = self.flow.container
        if self.pending_break and container is self.body:
            # A table cannot carry pageBreakBefore: an empty, tiny paragraph does.
            self._spacer_paragraph(20)
        elif len(container) and container[-1].tag == qn("w:tbl"):
            # Word and LibreOffice merge adjacent tables: keep them apart with a small gap.
            self._spacer_paragraph(mm(3))
        tbl = SubElement(container, qn("w:tbl"))
        tbl_pr = SubElement(tbl, qn("w:tblPr"))
        add_w(tbl_pr, "tblStyle", val=self.style_ids[style])
        add_w(tbl_pr, "tblW", w=str(sum(widths)), type="dxa")
        if center:
            add_w(tbl_pr, "jc", val="center")
        add_w(tbl_pr, "tblLayout", type="fixed")
        add_w(
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
        # What a screen reader announces for the table (Word's "Alt Text" title): the heading it
        # sits under (the subset has no <caption>), else the document's title.
        add_w(tbl_pr, "tblCaption", val=self.heading_text or self.title)
        grid = SubElement(tbl, qn("w:tblGrid"))
        for width in widths:
            add_w(grid, "gridCol", w=str(width))
        self.content_started = self.content_started or container is self.body
        table = Table(tbl, widths, compact=False, estimate=container is self.body)
        self.tables.append(table)
        return table

    def _spacer_paragraph(self, height: int) -> None:
        """An empty paragraph exactly ``height`` twips high, with no space around it."""
        self._new_paragraph("Normal")
        spacing = get_or_insert(self.flow.paragraph.find(W_PPR), "spacing", PPR_ORDER)
        spacing.set(qn("w:before"), "0")
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), str(height))
        spacing.set(qn("w:lineRule"), "exact")
        self._close_paragraph()

    def _end_table(self) -> None:
        self.tables.pop()

    def visit_table(self, node: Element) -> None:
        self._close_paragraph()
        compact = node.has_class("compact")
        header = any(child.tag == "thead" for child in node.children if isinstance(child, Element))
        widths = column_widths(node, self.width_stack[-1], compact)
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

    def _start_row(self, table: Table, *, header: bool) -> None:
        row = SubElement(table.element, qn("w:tr"))
        tr_pr = SubElement(row, qn("w:trPr"))
        SubElement(tr_pr, qn("w:cantSplit"))
        if header:
            SubElement(tr_pr, qn("w:tblHeader"))
        table.row = row
        table.column = 0
        table.cells = []
        table.value_cell = None

    def _finish_row(self, table: Table) -> None:
        row = table.row
        if table.facts and table.column < 2:
            # <dt> without <dd>: an empty value cell keeps the grid whole.
            cell = SubElement(row, qn("w:tc"))
            tc_pr = SubElement(cell, qn("w:tcPr"))
            add_w(tc_pr, "tcW", w=str(table.widths[1]), type="dxa")
            add_w(cell, "p")
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

    def _start_cell(self, table: Table, node: Element, style: str) -> None:
        span = node.attrs.get("colspan", "1")
        columns = max(1, min(int(span) if span.isdigit() else 1, 63))
        start = min(table.column, len(table.widths) - 1)
        width = sum(table.widths[start : start + columns]) or table.widths[-1]
        table.column += columns
        cell = SubElement(table.row, qn("w:tc"))
        tc_pr = SubElement(cell, qn("w:tcPr"))
        add_w(tc_pr, "tcW", w=str(width), type="dxa")
        if columns > 1:
            add_w(tc_pr, "gridSpan", val=str(columns))
        tally = Cell(width)
        table.cells.append(tally)
        self._saved_containers.append(self.flow.container)
        self.flow.container = cell
        self.width_stack.append(width)
        self._block(node, para_style=style, jc=None, numbering=None, list_item=None, cell=tally)

    def _end_cell(self) -> None:
        self._close_paragraph()
        cell = self.flow.container
        if len(cell) == 1 or cell[-1].tag == qn("w:tbl"):
            add_w(cell, "p")  # Word requires a paragraph in a cell, and after a nested table.
        self.flow.container = self._saved_containers.pop()
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


# ---------------------------------------------------------------- column widths


def column_widths(table: Element, available: int, compact: bool) -> list[int]:
    """Column widths in twips from the cells' text: long texts get more room.

    Like a browser's automatic table layout, each column gets at least its longest word
    and shares the rest in proportion to its longest text (capped so one long description
    cannot starve the other columns). A header word is never broken: when the longest words
    do not all fit, the columns give up room down to their header's longest word, no
    further.
    """
    char = 7.5 * 12.4 if compact else 9.5 * 12.4  # 0.62 em (a Noto Serif average), in twips
    padding = mm(2.4) if compact else mm(3.6)
    longest: dict[int, int] = {}
    word: dict[int, int] = {}
    header_word: dict[int, int] = {}
    columns = 0
    for row in table_rows(table):
        column = 0
        for cell in row.children:
            if not isinstance(cell, Element) or cell.tag not in ("td", "th"):
                continue
            span = cell.attrs.get("colspan", "1")
            count = max(1, int(span)) if span.isdigit() else 1
            if count == 1:
                text = cell_text(cell)
                longest[column] = max(longest.get(column, 0), min(len(text), 60))
                words = max((_word_length(w) for w in WHITESPACE_RUN.split(text)), default=0)
                word[column] = max(word.get(column, 0), min(words + 1, 16))
                if cell.tag == "th":
                    # Uncapped: a header word is short, and broken it reads as nonsense
                    # ("B/y").
                    header_word[column] = max(header_word.get(column, 0), words + 1)
                    word[column] = max(word[column], header_word[column])
            column += count
        columns = max(columns, column)
    columns = max(columns, 1)
    minimum = [max(word.get(i, 2), 2) * char + padding for i in range(columns)]
    # A column whose texts are all shorter than its longest word (a header over initials)
    # still wants that word's width, not less.
    natural = [
        max(longest.get(i, 4) * char + padding, least)
        for i, least in zip(range(columns), minimum, strict=True)
    ]
    floor = [max(header_word.get(i, 2), 2) * char + padding for i in range(columns)]
    if sum(natural) <= available:
        scale = available / sum(natural)
        widths = [n * scale for n in natural]
    elif sum(floor) >= available:
        scale = available / sum(floor)
        widths = [f * scale for f in floor]
    elif sum(minimum) >= available:
        # Long words give up room, in proportion to what they ask beyond the header's.
        room = available - sum(floor)
        wanted = [m - f for m, f in zip(minimum, floor, strict=True)]
        total = sum(wanted) or 1
        widths = [f + room * w / total for f, w in zip(floor, wanted, strict=True)]
    else:
        room = available - sum(minimum)
        wanted = [n - m for n, m in zip(natural, minimum, strict=True)]
        total = sum(wanted) or 1
        widths = [m + room * w / total for m, w in zip(minimum, wanted, strict=True)]
    rounded = [int(w) for w in widths]
    rounded[-1] += available - sum(rounded)
    return rounded


def _word_length(word: str) -> int:
    """A word's width in average characters, rounded up: capitals are about a third wider
    (initials such as "MD" broke in two at the width of "By")."""
    return len(word) + math.ceil(sum(1 for char in word if char.isupper()) / 3)


def cell_text(cell: Element) -> str:
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
    return WHITESPACE_RUN.sub(" ", "".join(parts)).strip(ASCII_WHITESPACE)


def table_rows(table: Element) -> Iterator[Element]:
    """The rows of a table, in or out of its thead and tbody."""
    for child in table.children:
        if not isinstance(child, Element):
            continue
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody"):
            for row in child.children:
                if isinstance(row, Element) and row.tag == "tr":
                    yield row
