"""A rough running page count, for the table of contents when no PDF page numbers are given."""

from __future__ import annotations

import math


class PageEstimate:
    """The page the text written so far would end on, and how much of it is used.

    Word and LibreOffice lay out on their own; this only has to be plausible until someone
    updates the table of contents. Heights are in points.
    """

    def __init__(self, text_height: float) -> None:
        self.text_height = text_height
        self.page = 1
        self.used = 0.0

    def add(self, height: float, splittable: bool = True) -> None:
        if self.used + height <= self.text_height:
            self.used += height
        elif splittable:
            overflow = self.used + height - self.text_height
            pages = int(overflow // self.text_height) + 1
            self.page += pages
            self.used = overflow - (pages - 1) * self.text_height
        else:
            self.page += 1
            self.used = min(height, self.text_height)

    def ensure_room(self, height: float) -> None:
        if self.used and self.used + height > self.text_height:
            self.page_break()

    def page_break(self) -> None:
        if self.used:
            self.page += 1
            self.used = 0.0


# (font size in pt, space before + after in pt) per paragraph style, for the estimate only.
PARAGRAPH_METRICS = {
    "Heading 1": (17.0, 31.0),
    "Heading 2": (13.0, 28.0),
    "Heading 3": (11.0, 20.0),
    "TOC Heading": (17.0, 31.0),
    "Title": (22.0, 142.0),
    "Subtitle": (13.0, 34.0),
    "TOC 1": (10.5, 8.5),
    "TOC 2": (10.5, 2.3),
    "TOC 3": (10.5, 2.3),
    "Marking": (12.0, 30.0),
    "Epigraph": (9.5, 4.0),
    "Caption": (9.0, 15.0),
    "Footnote Text": (8.0, 2.0),
    "Table Text": (9.5, 0.0),
    "Table Heading": (9.5, 0.0),
    "Compact Table Text": (7.5, 0.0),
    "Compact Table Heading": (7.5, 0.0),
    "Fact Label": (9.5, 0.0),
    "Fact Value": (9.5, 0.0),
}
DEFAULT_METRICS = (10.5, 7.0)


def body_paragraph_height(style: str, chars: int, text_width: int) -> float:
    """Points a body paragraph of ``chars`` characters takes, spacing included."""
    size, spacing = PARAGRAPH_METRICS.get(style, DEFAULT_METRICS)
    chars_per_line = max(10, text_width / (size * 9.8))
    lines = max(1, math.ceil(chars / chars_per_line))
    return lines * size * 1.35 + spacing


def cell_paragraph_height(style: str, chars: int, cell_width: int) -> float:
    """Points a paragraph of ``chars`` characters takes in a table cell ``cell_width`` wide."""
    size, _spacing = PARAGRAPH_METRICS.get(style, DEFAULT_METRICS)
    chars_per_line = max(4, (cell_width - 200) / (size * 10))
    lines = max(1, math.ceil(chars / chars_per_line))
    return lines * size * 1.22


def footnote_height(chars: int, text_width: int) -> float:
    """Points a footnote of ``chars`` characters takes at the foot of the page."""
    return math.ceil(max(chars, 1) / (text_width / 80)) * 10.5 + 2
