"""Cut a dossier's HTML into pieces that WeasyPrint can typeset separately.

A dossier can only be cut where the single render starts a new page anyway: at the
``<div class="page-break"></div>`` markers the templates place before each incident (DDD)
or chapter (report). Each piece is a complete HTML document: the original ``<head>`` (so
the same stylesheets), the ``<body>`` tag, the elements still open at the cut reopened
(their ``id`` dropped, so no anchor exists twice, and marked ``dossier-continued``), the
content, and the closing tags.

:func:`plan_chunks` also says when a dossier must not be cut, and why: the merged PDF
would differ from a single render (a stylesheet that numbers pages inside the content,
running strings set by the content, cross-references other than the table of contents).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from dossier.render import VOID_ELEMENTS

__all__ = [
    "CONTINUED_CLASS",
    "Chunk",
    "ChunkPlan",
    "NotChunkable",
    "plan_chunks",
    "split_at_page_breaks",
]

#: Class added to the elements a piece reopens: the injected stylesheet removes their top
#: margin, border and padding, which the single render does not repeat after a page break.
CONTINUED_CLASS = "dossier-continued"

_VOID = VOID_ELEMENTS

# What a page-break marker looks like in the templates (docs/templates.md).
_MARKER_CLASS = "page-break"


class NotChunkable(Exception):
    """This HTML cannot be cut without changing the PDF; the message says why."""


@dataclass(frozen=True)
class Chunk:
    """One piece of a dossier, as a complete HTML document."""

    html: str
    #: How many elements (below ``<body>``) it reopens at its start.
    continued: int
    #: Footnotes that come before it in the whole document (its numbering starts after).
    footnotes_before: int


@dataclass(frozen=True)
class ChunkPlan:
    """The front matter (with the table of contents) and the pieces after it, in order."""

    front: Chunk
    body: tuple[Chunk, ...]

    @property
    def chunks(self) -> tuple[Chunk, ...]:
        return (self.front, *self.body)


@dataclass(frozen=True)
class _Cut:
    """A page-break marker: where it starts and ends in the text, and what encloses it."""

    start: int
    end: int
    #: The start tags of the elements open around the marker, body excluded.
    ancestors: tuple[tuple[str, str], ...]


class _Scanner(HTMLParser):
    """Find ``<body>`` and every page-break marker, with the elements open around it."""

    def __init__(self, text: str, cut_before: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.cut_before = cut_before
        self._line_starts = [0]
        for match in re.finditer("\n", text):
            self._line_starts.append(match.end())
        self.stack: list[tuple[str, str]] = []
        self.body_end: int | None = None
        self.body_close: int | None = None
        self.cuts: list[_Cut] = []
        self._open_marker: tuple[int, tuple[tuple[str, str], ...]] | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or f"<{tag}>"
        if tag == "body":
            self.body_end = start + len(raw)
            self.stack = []
            return
        if self.body_end is None or tag in _VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        if tag == "section" and self.cut_before.intersection(classes):
            # A section the stylesheet always starts on a new page: cut just before it.
            self.cuts.append(_Cut(start, start, tuple(self.stack)))
        if tag == "div" and _MARKER_CLASS in classes:
            self._open_marker = (start, tuple(self.stack))
        self.stack.append((tag, raw))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <div/> is not self-closing in HTML, but nothing in a dossier writes it that way.
        return

    def handle_endtag(self, tag: str) -> None:
        if tag == "body":
            self.body_close = self._offset()
            return
        if self.body_end is None or tag in _VOID:
            return
        # Close up to the matching element (the templates write well-formed HTML; an
        # unmatched end tag is ignored, as a browser would).
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break
        else:
            return
        if self._open_marker is not None and tag == "div":
            start, ancestors = self._open_marker
            if len(self.stack) == len(ancestors):
                end = self.text.index(">", self._offset()) + 1
                self.cuts.append(_Cut(start, end, ancestors))
                self._open_marker = None


def split_at_page_breaks(
    document: str, cut_before: frozenset[str] = frozenset()
) -> tuple[str, str, list[_Cut], str]:
    """Return the text up to ``<body …>``, the body content, the markers and the tail.

    Besides page-break markers, a ``<section>`` with one of the ``cut_before`` classes is a
    place to cut (the caller checked that the stylesheet starts those on a new page).
    """
    scanner = _Scanner(document, cut_before)
    scanner.feed(document)
    scanner.close()
    if scanner.body_end is None or scanner.body_close is None:
        raise NotChunkable("the HTML has no <body>")
    head = document[: scanner.body_end]
    tail = document[scanner.body_close :]
    return head, document[scanner.body_end : scanner.body_close], scanner.cuts, tail


_ID_ATTRIBUTE = re.compile(r"""\s+id\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_CLASS_ATTRIBUTE = re.compile(r"""(\s+class\s*=\s*)("([^"]*)"|'([^']*)')""", re.IGNORECASE)


def _reopen(start_tag: str) -> str:
    """The start tag of an element continued from the previous piece: no id, one more class."""
    tag = _ID_ATTRIBUTE.sub("", start_tag)
    match = _CLASS_ATTRIBUTE.search(tag)
    if match:
        classes = match[3] if match[3] is not None else match[4]
        return (
            tag[: match.start()]
            + f'{match[1]}"{html_lib.escape(classes, quote=True)} {CONTINUED_CLASS}"'
            + tag[match.end() :]
        )
    name_end = re.match(r"<[a-zA-Z0-9]+", tag)
    assert name_end is not None
    return f'{tag[: name_end.end()]} class="{CONTINUED_CLASS}"{tag[name_end.end() :]}'


_FOOTNOTE = re.compile(
    r"""<[a-zA-Z0-9]+\s[^>]*class\s*=\s*["'](?:[^"']*\s)?footnote(?:\s[^"']*)?["']"""
)

# Stylesheet features a piece cannot reproduce on its own (the page counters and running
# strings are drawn by the merger; cross-references other than the contents' need the
# whole document).
_TARGET_FUNCTION = re.compile(r"target-(?:counter|counters|text)\s*\(", re.IGNORECASE)
_PAGE_COUNTER = re.compile(r"counters?\(\s*pages?\s*[,)]", re.IGNORECASE)
_STRING_SET = re.compile(r"string-set\s*:", re.IGNORECASE)
# The furniture is typeset in segments, each numbered from where it starts: a page counter
# the stylesheet resets or steps, or pages picked by number, would need the whole document.
_PAGE_COUNTER_CHANGE = re.compile(r"counter-(?:reset|increment|set)\s*:[^;}]*\bpage\b", re.I)
_PAGE_BY_NUMBER = re.compile(r"@page\b[^{]*:nth\(", re.IGNORECASE)


def check_stylesheet(css: str, *, allowed_targets: int, allowed_string_sets: int) -> None:
    """Raise :class:`NotChunkable` when ``css`` uses what only a whole render can do."""
    targets = len(_TARGET_FUNCTION.findall(css))
    if targets > allowed_targets:
        raise NotChunkable(
            "the stylesheet uses target-counter() or target-text() outside the contents"
        )
    if len(_STRING_SET.findall(css)) > allowed_string_sets:
        raise NotChunkable("the stylesheet sets running strings (string-set) in the content")
    if _PAGE_COUNTER_CHANGE.search(css):
        raise NotChunkable("the stylesheet resets or steps the page counter")
    if _PAGE_BY_NUMBER.search(css):
        raise NotChunkable("the stylesheet styles pages by their number (@page :nth())")
    # Page counters inside @page rules are fine: the page furniture draws them.
    outside_pages = _strip_page_rules(css)
    if _PAGE_COUNTER.search(outside_pages):
        raise NotChunkable("the stylesheet prints page numbers inside the content")


def _strip_page_rules(css: str) -> str:
    """``css`` without its ``@page`` rules (nested braces included) and comments."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    out: list[str] = []
    position = 0
    for match in re.finditer(r"@page\b[^{]*\{", css):
        if match.start() < position:
            continue
        out.append(css[position : match.start()])
        depth = 1
        index = match.end()
        while index < len(css) and depth:
            if css[index] == "{":
                depth += 1
            elif css[index] == "}":
                depth -= 1
            index += 1
        position = index
    out.append(css[position:])
    return "".join(out)


def plan_chunks(
    document: str,
    *,
    target_size: int = 40_000,
    cut_before: frozenset[str] = frozenset(),
    kept_apart: Callable[[str], bool] | None = None,
) -> ChunkPlan:
    """Cut ``document`` at its page-break markers into a front piece and body pieces of at
    most ``target_size`` characters of HTML each, unless a marker's segment alone is longer
    (a piece is never cut inside one). Raise :class:`NotChunkable` when there is no marker.

    Segments for which ``kept_apart`` (given a segment's HTML) is true never share a piece
    with segments for which it is false: the pieces holding the contents, typeset twice, hold
    nothing else."""
    head, body, cuts, _tail = split_at_page_breaks(document, cut_before)
    if not cuts:
        raise NotChunkable("the dossier has no page-break marker to cut at")
    body_start = len(head)
    # Positions are in the whole document; make them relative to the body content.
    segments: list[tuple[int, int, tuple[tuple[str, str], ...]]] = []
    # Segment 0: before the first marker (front). Then one segment per marker: from the
    # marker (kept: a forced break at the start of a document makes no page, and the marker
    # is in the tag tree of a single render) to the next marker or the end of the body.
    bounds = [(cut.start - body_start, cut.end - body_start, cut.ancestors) for cut in cuts]
    front_html = body[: bounds[0][0]]
    for index, (start, _end, ancestors) in enumerate(bounds):
        stop = bounds[index + 1][0] if index + 1 < len(bounds) else len(body)
        segments.append((start, stop, ancestors))

    def close_tags(ancestors: tuple[tuple[str, str], ...]) -> str:
        return "".join(f"</{tag}>" for tag, _raw in reversed(ancestors))

    # Group consecutive segments into pieces of at most target_size characters (a segment
    # longer than that is a piece on its own): a worker's memory follows its piece's size,
    # and the peak of the build is two of them side by side.
    groups: list[list[int]] = []
    size = 0
    previous_apart: bool | None = None
    for index, (start, stop, _ancestors) in enumerate(segments):
        apart = kept_apart is not None and kept_apart(body[start:stop])
        if not groups or size + (stop - start) > target_size or apart != previous_apart:
            groups.append([])
            size = 0
        groups[-1].append(index)
        size += stop - start
        previous_apart = apart

    footnotes_seen = len(_FOOTNOTE.findall(front_html))
    front = Chunk(
        html=head + front_html + close_tags(bounds[0][2]) + "\n</body>\n</html>\n",
        continued=0,
        footnotes_before=0,
    )
    pieces: list[Chunk] = []
    for group in groups:
        first, last = group[0], group[-1]
        ancestors = segments[first][2]
        start = segments[first][0]
        stop = segments[last][1]
        content = body[start:stop]
        # The last piece runs to the end of the body: its ancestors are already closed.
        closing = close_tags(segments[last + 1][2]) if last + 1 < len(segments) else ""
        reopened = "".join(_reopen(raw) for _tag, raw in ancestors)
        pieces.append(
            Chunk(
                html=head + reopened + content + closing + "\n</body>\n</html>\n",
                continued=len(ancestors),
                footnotes_before=footnotes_seen,
            )
        )
        footnotes_seen += len(_FOOTNOTE.findall(content))
    return ChunkPlan(front=front, body=tuple(pieces))
