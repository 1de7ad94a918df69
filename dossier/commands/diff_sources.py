"""What a reviewer compares, read from each format: the sections of words of an HTML, PDF or
DOCX dossier, and the pages of a PDF."""

from __future__ import annotations

import bisect
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

from dossier.errors import UsageError

#: Where the text of a document comes from, best first.
TEXT_FORMATS = ("html", "pdf", "docx")


class DiffUsageError(UsageError):
    """The paths cannot be compared (missing, of different kinds, unreadable, tool missing)."""


def _format_of(path: Path) -> str | None:
    suffix = path.suffix.lower().lstrip(".")
    return {"htm": "html"}.get(suffix, suffix) if suffix in (*TEXT_FORMATS, "htm") else None


def _kind(key: str) -> Literal["incident", "exhibit", "section"]:
    if key.startswith(("incident-", "incident_")):
        return "incident"
    if key.startswith(("exhibit-", "exhibit_", "exhibit:")):
        return "exhibit"
    return "section"


#: Resolution of the page images (dots per inch): small enough for a page of many pictures.
PAGE_DPI = 60
#: Running headers and footers are looked for in this fraction of the page's top and bottom.
MARGIN_BAND = 0.12
#: The pages of the old and the new version a change falls on (None: no such page).
PagePair = tuple[int | None, int | None]
#: A rectangle on a page: left, top, right, bottom (points, or fractions of the page).
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Segment:
    """One section of a document's text: an incident, a chapter, an exhibit row…"""

    key: str
    title: str
    words: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)


# --------------------------------------------------------------------------------------------
# Text extraction


_SPACES = re.compile(r"[\u00a0\u202f\u2007\u2009\u200a]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff]")
_FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")


def words_of(text: str) -> list[str]:
    """Words as a reader sees them: non-breaking and thin spaces are spaces, soft hyphens go."""
    return _INVISIBLE.sub("", _SPACES.sub(" ", text)).split()


class _SegmentBuilder:
    """Collects words into sections as a document is walked in reading order."""

    def __init__(self) -> None:
        self.segments: list[tuple[str, list[str], list[str]]] = [("(start)", [], [])]
        self.parts: list[str] = []

    def start(self, key: str) -> None:
        self._flush()
        self.segments.append((key, [], []))

    def title(self, text: str) -> None:
        _key, title, _words = self.segments[-1]
        if not title:
            title.extend(words_of(text))

    def add(self, text: str) -> None:
        self.parts.append(text)

    def _flush(self) -> None:
        self.segments[-1][2].extend(words_of("".join(self.parts)))
        self.parts = []

    def finish(self) -> list[Segment]:
        self._flush()
        result: list[Segment] = []
        seen: dict[str, int] = {}
        for key, title, words in self.segments:
            if not words:
                continue
            if _kind(key) == "exhibit":
                # Keyed by fingerprint, a renumbered exhibit is the same exhibit.
                key = next((f"exhibit:{w}" for w in words if _FINGERPRINT.match(w)), key)
            seen[key] = seen.get(key, 0) + 1
            unique = key if seen[key] == 1 else f"{key}#{seen[key]}"
            result.append(Segment(unique, " ".join(title or words[:12]), tuple(words)))
        return result


def extract_segments(path: Path) -> list[Segment]:
    kind = _format_of(path)
    if kind == "html":
        return html_segments(path.read_text(encoding="utf-8", errors="replace"))
    if kind == "pdf":
        return pdf_segments(read_pdf(path))
    if kind == "docx":
        return docx_segments(path)
    raise DiffUsageError("diff.not_a_document", path=path)


_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "div"),
        *("dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hr", "li", "main", "nav", "ol", "p", "section", "table", "tbody", "td"),
        *("tfoot", "th", "thead", "tr", "ul"),
    }
)
# Elements whose id starts a section of their own (inline ones, like a footnote, do not).
_BOUNDARY_TAGS = frozenset(
    {
        *("article", "aside", "blockquote", "div", "dl", "dt", "figure", "h1", "h2", "h3"),
        *("h4", "h5", "h6", "li", "nav", "ol", "p", "section", "table", "tr", "ul"),
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SKIPPED = frozenset({"head", "script", "style", "template", "title"})


class _HtmlSections(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = _SegmentBuilder()
        self.skipping = 0
        self.heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
            return
        attributes = dict(attrs)
        key = attributes.get("id")
        if tag in _BOUNDARY_TAGS and key:
            self.builder.start(key)
        elif tag == "section":
            classes = (attributes.get("class") or "").split()
            self.builder.start(f"section.{classes[0]}" if classes else "section")
        if tag in _HEADINGS:
            self.heading = []
        if tag in _BLOCK_TAGS:
            self.builder.add(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.builder.add(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if tag in _HEADINGS and self.heading is not None:
            self.builder.title("".join(self.heading))
            self.heading = None
        if tag in _BLOCK_TAGS:
            self.builder.add(" ")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        self.builder.add(data)
        if self.heading is not None:
            self.heading.append(data)


def html_segments(text: str) -> list[Segment]:
    """Sections of a dossier's HTML: a new one at each block element with an id, and at each
    ``<section>``; the text of ``<head>`` is left out."""
    parser = _HtmlSections()
    parser.feed(text)
    parser.close()
    return parser.builder.finish()


# PDF --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfLine:
    page: int  # 1-based
    y: float  # from the top of the page, in points
    words: tuple[str, ...]
    boxes: tuple[Box, ...]  # one per word


@dataclass(frozen=True)
class PdfDestination:
    name: str
    page: int
    y: float


@dataclass
class PdfText:
    """The text of a PDF, line by line, without the running headers and footers."""

    path: Path
    pages: list[list[PdfLine]]
    destinations: list[PdfDestination]
    #: (width, height) of each page, in points.
    sizes: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class PageChanges:
    """Where two PDFs differ: page pairs, and the rectangles of the changed words."""

    pairs: list[PagePair] = field(default_factory=list)
    #: page number → rectangles of deleted (old) or inserted (new) words, as fractions of the page.
    old_marks: dict[int, list[Box]] = field(default_factory=dict)
    new_marks: dict[int, list[Box]] = field(default_factory=dict)


_XHTML = "{http://www.w3.org/1999/xhtml}"
_DEST_LINE = re.compile(
    r'^\s*(?P<page>\d+)\s+\[\s*(?P<kind>\w+)(?P<args>[^\]]*)\]\s+"(?P<name>.*)"\s*$'
)


def _poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        raise DiffUsageError("diff.tool_missing", tool=tool)
    done = subprocess.run(
        [tool, *args], capture_output=True, text=True, encoding="utf-8", errors="replace"
    )
    if done.returncode != 0:
        raise DiffUsageError(
            "diff.tool_failed",
            file=args[-2] if len(args) > 1 else "",
            tool=tool,
            reason=done.stderr.strip() or done.returncode,
        )
    return done.stdout


def pdf_page_count(path: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)", _poppler("pdfinfo", str(path)), re.MULTILINE)
    if not match:
        raise DiffUsageError("diff.no_page_count", file=path)
    return int(match.group(1))


def read_pdf(path: Path) -> PdfText:
    """Lines (with page and position) from ``pdftotext -bbox-layout`` and the named
    destinations from ``pdfinfo -dests``; running headers and footers removed."""
    layout = _poppler("pdftotext", "-bbox-layout", str(path), "-")
    try:
        root = ET.fromstring(layout)
    except ET.ParseError as error:
        raise DiffUsageError("diff.pdftotext_unreadable", file=path, reason=str(error)) from None
    pages: list[list[PdfLine]] = []
    sizes: list[tuple[float, float]] = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), start=1):
        sizes.append((float(page.get("width", "0")), float(page.get("height", "0"))))
        lines: list[PdfLine] = []
        for block in page.iter(f"{_XHTML}block"):
            block_lines = [_pdf_line(number, line) for line in block.iter(f"{_XHTML}line")]
            lines += _dehyphenate([line for line in block_lines if line.words])
        pages.append(lines)
    heights = [height for _width, height in sizes]
    pages = _without_running_lines(pages, sizes)
    destinations = []
    for text_line in _poppler("pdfinfo", "-dests", str(path)).splitlines():
        match = _DEST_LINE.match(text_line)
        if not match:
            continue
        number = int(match.group("page"))
        args = match.group("args").split()
        top: float | None = None
        if match.group("kind") == "XYZ" and len(args) >= 2:
            top = _number(args[1])
        elif match.group("kind") in ("FitH", "FitBH") and args:
            top = _number(args[0])
        height = heights[number - 1] if 0 < number <= len(heights) else 0.0
        destinations.append(
            PdfDestination(match.group("name"), number, height - top if top is not None else 0.0)
        )
    return PdfText(path, pages, destinations, sizes)


def _pdf_line(page: int, line: ET.Element) -> PdfLine:
    words: list[str] = []
    boxes: list[Box] = []
    for word in line.iter(f"{_XHTML}word"):
        box = tuple(float(word.get(edge, "0")) for edge in ("xMin", "yMin", "xMax", "yMax"))
        for text in words_of(word.text or ""):
            words.append(text)
            boxes.append((box[0], box[1], box[2], box[3]))
    return PdfLine(page, float(line.get("yMin", "0")), tuple(words), tuple(boxes))


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _dehyphenate(lines: list[PdfLine]) -> list[PdfLine]:
    """Join a word the typesetter hyphenated at the end of a line with its second half."""
    result = list(lines)
    for index in range(len(result) - 1):
        line, following = result[index], result[index + 1]
        last, first = (
            line.words[-1] if line.words else "",
            following.words[0] if following.words else "",
        )
        if len(last) > 1 and last[-1] in "-\u2010" and last[-2].isalpha() and first[:1].islower():
            result[index] = PdfLine(
                line.page, line.y, (*line.words[:-1], last[:-1] + first), line.boxes
            )
            result[index + 1] = PdfLine(
                following.page, following.y, following.words[1:], following.boxes[1:]
            )
    return [line for line in result if line.words]


def _without_running_lines(
    pages: list[list[PdfLine]], sizes: list[tuple[float, float]]
) -> list[list[PdfLine]]:
    """Drop the lines repeated at the same height on most pages (headers, footers, "page 3 / 48"):
    they would turn every page into a change when the page count moves."""

    def signature(line: PdfLine) -> tuple[int, str]:
        return round(line.y), re.sub(r"\d+", "#", " ".join(line.words))

    def in_margin(line: PdfLine, height: float) -> bool:
        return line.y < MARGIN_BAND * height or line.y > (1 - MARGIN_BAND) * height

    counts: dict[tuple[int, str], int] = {}
    for lines, (_width, height) in zip(pages, sizes, strict=True):
        for key in {signature(line) for line in lines if in_margin(line, height)}:
            counts[key] = counts.get(key, 0) + 1
    threshold = max(2, len(pages) / 2)
    running = {key for key, count in counts.items() if count >= threshold}
    return [[line for line in lines if signature(line) not in running] for lines in pages]


def pdf_segments(pdf: PdfText) -> list[Segment]:
    """Sections of a PDF: a new one where each named destination (an element's id) points."""
    by_position: dict[tuple[int, int], list[str]] = {}
    for destination in pdf.destinations:
        by_position.setdefault((destination.page, round(destination.y)), []).append(
            destination.name
        )
    # A section and its heading start at the same place: keep one name, the same every time.
    marks = sorted(
        (position, max(names, key=lambda n: (n.startswith("incident-"), len(n), n)))
        for position, names in by_position.items()
    )
    positions = [(page, y - 2.0) for (page, y), _name in marks]
    builder = _SegmentBuilder()
    current = -1
    assigned: list[list[PdfLine]] = [[] for _ in marks]
    start: list[PdfLine] = []
    for lines in pdf.pages:
        for line in lines:
            current = bisect.bisect_right(positions, (line.page, line.y)) - 1
            (assigned[current] if current >= 0 else start).append(line)
    builder.add(" ".join(word for line in start for word in line.words))
    for (_position, name), lines in zip(marks, assigned, strict=True):
        builder.start(name)
        if lines:
            builder.title(" ".join(lines[0].words))
        builder.add(" ".join(word for line in lines for word in line.words))
    return builder.finish()


def _page_words(pdf: PdfText) -> list[list[tuple[str, int, Box]]]:
    return [
        [
            (word, line.page, box)
            for line in lines
            for word, box in zip(line.words, line.boxes, strict=True)
        ]
        for lines in pdf.pages
    ]


def changed_pages(old: PdfText, new: PdfText) -> PageChanges:
    """Pairs (old page, new page) where words changed, pages matched by their content, with
    the rectangles of the deleted and inserted words.

    Pages are aligned by their text; within the stretches that differ, a word-level alignment
    finds the pages each change sits on, so text that merely flowed onto another page is not
    counted as a change.
    """
    old_words, new_words = _page_words(old), _page_words(new)
    pages = SequenceMatcher(
        None,
        [" ".join(w for w, _p, _b in page) for page in old_words],
        [" ".join(w for w, _p, _b in page) for page in new_words],
        autojunk=False,
    )
    pairs: set[PagePair] = set()
    changes = PageChanges()
    for tag, i1, i2, j1, j2 in pages.get_opcodes():
        if tag == "equal":
            continue
        before = [word for page in old_words[i1:i2] for word in page]
        after = [word for page in new_words[j1:j2] for word in page]
        if not before or not after:
            old_range: list[int | None] = [*range(i1 + 1, i2 + 1)] or [None]
            new_range: list[int | None] = [*range(j1 + 1, j2 + 1)] or [None]
            pairs.update(_zip_pages(old_range, new_range))
            _mark(changes.old_marks, before, old.sizes)
            _mark(changes.new_marks, after, new.sizes)
            continue
        # Past a few pages of differences, let difflib ignore the most frequent words when it
        # looks for anchors: exact enough, and minutes faster on two unrelated documents.
        words = SequenceMatcher(
            None,
            [w for w, _p, _b in before],
            [w for w, _p, _b in after],
            autojunk=len(before) + len(after) > 4000,
        )
        for op, a1, a2, b1, b2 in words.get_opcodes():
            if op != "equal":
                pairs.update(_zip_pages(_pages_at(before, a1, a2), _pages_at(after, b1, b2)))
                _mark(changes.old_marks, before[a1:a2], old.sizes)
                _mark(changes.new_marks, after[b1:b2], new.sizes)
    changes.pairs = sorted(pairs, key=lambda pair: (pair[1] or pair[0] or 0, pair[0] or 0))
    return changes


def _mark(
    marks: dict[int, list[Box]],
    words: Sequence[tuple[str, int, Box]],
    sizes: Sequence[tuple[float, float]],
) -> None:
    """Add the rectangles of ``words`` to ``marks``, one per run of words on a line."""
    runs: list[tuple[int, Box]] = []
    for _word, page, box in words:
        if runs and runs[-1][0] == page and abs(runs[-1][1][1] - box[1]) < 1.0:
            left, top, right, bottom = runs[-1][1]
            runs[-1] = (page, (min(left, box[0]), top, max(right, box[2]), max(bottom, box[3])))
        else:
            runs.append((page, box))
    for page, (left, top, right, bottom) in runs:
        width, height = sizes[page - 1] if page <= len(sizes) else (0.0, 0.0)
        if width > 0 and height > 0:
            marks.setdefault(page, []).append(
                (left / width, top / height, right / width, bottom / height)
            )


def _pages_at(words: Sequence[tuple[str, int, Box]], start: int, end: int) -> list[int | None]:
    if end > start:
        return [*sorted({page for _word, page, _box in words[start:end]})]
    return [words[min(start, len(words) - 1)][1]]


def _zip_pages(old: Sequence[int | None], new: Sequence[int | None]) -> Iterator[PagePair]:
    for index in range(max(len(old), len(new))):
        yield old[min(index, len(old) - 1)], new[min(index, len(new) - 1)]


def render_page_png(pdf: Path, page: int, dpi: int = PAGE_DPI) -> bytes:
    """One page as a PNG, with poppler's ``pdftoppm``."""
    with tempfile.TemporaryDirectory(prefix="dossier-diff-") as folder:
        prefix = Path(folder) / "page"
        _poppler(
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        )
        return prefix.with_suffix(".png").read_bytes()


def pictured_page_changes(old: Path, new: Path, dpi: int = PAGE_DPI) -> list[PagePair]:
    """Pages whose pictures differ, for two PDFs with the same text on every page."""
    with tempfile.TemporaryDirectory(prefix="dossier-diff-") as folder:
        pictures = []
        for side, pdf in (("old", old), ("new", new)):
            _poppler("pdftoppm", "-png", "-r", str(dpi), str(pdf), str(Path(folder) / side))
            pictures.append(sorted(Path(folder).glob(f"{side}-*.png")))
        return [
            (number, number)
            for number, (one, other) in enumerate(zip(*pictures, strict=False), start=1)
            if one.read_bytes() != other.read_bytes()
        ]


# DOCX -------------------------------------------------------------------------------------


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_segments(path: Path) -> list[Segment]:
    """Sections of a DOCX: a new one at each bookmarked paragraph (headings, exhibit rows:
    the writer bookmarks every HTML id) and each heading; footnotes last."""
    # python-docx is needed only when the DOCX are all there is to compare: loaded then.
    import docx
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a damaged file
        raise DiffUsageError("diff.docx_unreadable", file=path, reason=str(error)) from None
    builder = _SegmentBuilder()
    styles: dict[str, str] = {
        style.style_id: style.name or "" for style in document.styles if style.style_id
    }
    for element in _docx_paragraphs(document.element.body):
        paragraph = Paragraph(element, document)
        text = paragraph.text
        style_id = element.find(f"{_W}pPr/{_W}pStyle")
        style = styles.get(style_id.get(f"{_W}val", "") if style_id is not None else "", "")
        heading = style.startswith("Heading") or style == "Title"
        marks = [
            name
            for mark in element.findall(f"{_W}bookmarkStart")
            if not (name := mark.get(f"{_W}name", "")).startswith("_")
        ]
        if marks:
            builder.start(marks[0])
        elif heading:
            builder.start(f"heading:{' '.join(words_of(text))}")
        if heading:
            builder.title(text)
        builder.add(f" {text} ")
    footnotes = _docx_footnotes(document)
    if footnotes:
        builder.start("footnotes")
        builder.add(" ".join(footnotes))
    return builder.finish()


def _docx_paragraphs(parent: Any) -> Iterator[Any]:
    """Body paragraphs in reading order, table cells' paragraphs included."""
    for child in parent.iterchildren():
        if child.tag == f"{_W}p":
            yield child
        elif child.tag in (f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}sdt", f"{_W}sdtContent"):
            yield from _docx_paragraphs(child)


def _docx_footnotes(document: Any) -> list[str]:
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/word/footnotes.xml":
            root = ET.fromstring(part.blob)
            return [
                "".join(t.text or "" for t in note.iter(f"{_W}t"))
                for note in root.iter(f"{_W}footnote")
                if note.get(f"{_W}type") not in ("separator", "continuationSeparator")
            ]
    return []
