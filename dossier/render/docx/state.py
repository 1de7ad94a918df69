"""What the translator keeps track of as it walks: frames, the flow, tables, the contents."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class SkipNode(Exception):
    """Raised by a visit_ method: do not walk the children, do not call depart_."""


#: The formatting of a run: (character style, bold, italic, vertAlign, right-to-left, lang).
RunKey = tuple[str | None, bool, bool, str | None, bool, str | None]
PLAIN_RUN: RunKey = (None, False, False, None, False, None)


@dataclass
class Frame:
    """What the open elements imply for the paragraphs and runs created inside them."""

    para_style: str  # style name
    jc: str | None = None
    bidi: bool = False
    run: RunKey = PLAIN_RUN
    numbering: tuple[int, int] | None = None  # (numId, ilvl) of the list item
    list_item: ListItem | None = None
    list_depth: int = 0
    nowrap: bool = False
    cover: bool = False
    cell: Cell | None = None


@dataclass
class ListItem:
    """A list item being written: its numbering, and whether its number is written yet."""

    num_id: int
    level: int
    indent: int
    numbered: bool = False


@dataclass
class Flow:
    """Where text goes: the container and paragraph being written, and what applies there.

    The body has one flow; a footnote writes into a flow of its own and the body's flow is
    put back after it, all of it at once.
    """

    container: Any  # w:body, w:tc or w:footnote
    rel_part: Any  # the part whose relationships links and images go in
    frames: list[Frame]
    paragraph: Any = None  # the open w:p
    paragraph_chars: int = 0  # characters written in it, for the page estimate
    paragraph_style: str = ""
    link: tuple[str, str] | None = None  # ("anchor"|"url", bookmark name or rId)
    link_element: Any = None  # the w:hyperlink of the open paragraph the link writes into
    pending_space: bool = False  # a collapsed space waits for the next text
    at_line_start: bool = True
    pending_anchors: list[str] = field(default_factory=list)  # ids bookmarked at the next w:p
    heading: tuple[str | None, int] | None = None  # (anchor, level) being written
    in_signature: int = 0  # depth of div.signature elements


@dataclass
class Cell:
    """A table cell being written: its width, and the height of each of its paragraphs."""

    width: int
    heights: list[float] = field(default_factory=list)


@dataclass
class Table:
    """A table being written (an HTML table or a fact list) and its current row."""

    element: Any
    widths: list[int]
    compact: bool
    estimate: bool
    facts: bool = False
    row: Any = None
    column: int = 0
    in_thead: bool = False
    cells: list[Cell] = field(default_factory=list)
    value_cell: Any = None


@dataclass
class TocEntry:
    """An entry of the table of contents: heading level, the heading's id, its text."""

    level: int
    anchor: str
    text: str


@dataclass
class Contents:
    """What the table of contents needs: the headings, their pages, the fields to fill."""

    pdf_pages: Mapping[str, int] | None  # page of each heading id in the PDF, when given
    headings: list[TocEntry] = field(default_factory=list)
    estimated_pages: dict[str, int] = field(default_factory=dict)
    page_fields: list[tuple[str, Any]] = field(default_factory=list)  # (anchor, its w:t)
