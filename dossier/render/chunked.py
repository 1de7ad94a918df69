"""Typeset a large dossier in pieces on several cores and join them into the PDF one render gives.

WeasyPrint lays a document out on one core, and keeps every page in memory. A dossier cut
at its page breaks (see :mod:`dossier.render.chunks`) can instead be typeset piece by piece
in worker processes, each piece's memory freed when it is done, and only the pieces that
changed typeset again on a rebuild (each piece is a cache entry of its own). What a piece
cannot know on its own is added when the pieces are joined:

* the page furniture (running title, marking, "page X / Y"): pieces are typeset without
  their margin boxes; more renders, of empty pages with the same named pages and the same
  running strings, in segments of :data:`FURNITURE_PAGES` pages, draw every margin box with
  the true page numbers, laid over each page as an untagged artifact, where a single render
  puts it;
* the table of contents: the pieces that hold it (the front, and those a long contents runs
  into) are typeset again once every heading's page is known, with the numbers written in
  (``nav.toc a::after``);
* links between pieces, bookmarks, named destinations, the tag tree (one ``Document``
  element; a section cut in two is joined again), footnote numbers (each piece starts
  counting after the footnotes before it), metadata, PDF/A output intent and attachments.

The result has the same text, pages, contents numbers and bookmarks as a single render of the
same HTML (tests/test_chunked.py compares them).
"""

from __future__ import annotations

import contextlib
import html as html_lib
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.render.chunks import CONTINUED_CLASS, NotChunkable, check_stylesheet, plan_chunks
from dossier.render.jobs import RenderJob
from dossier.render.join import JoinPiece, join_pieces
from dossier.render.pdf import ASSET_BASE_URL, SafeURLFetcher, render_pdf

__all__ = [
    "MARGIN_BOXES",
    "PIECE_SIZE",
    "PieceResult",
    "PiecewisePdf",
    "merge_pieces",
    "overlay_html",
    "plan_pdf",
    "render_overlay",
    "render_piece",
    "toc_anchors",
]

#: Every CSS page-margin box: a piece draws none of them, the overlay draws them all.
MARGIN_BOXES = (
    "top-left-corner",
    "top-left",
    "top-center",
    "top-right",
    "top-right-corner",
    "right-top",
    "right-middle",
    "right-bottom",
    "bottom-right-corner",
    "bottom-right",
    "bottom-center",
    "bottom-left",
    "bottom-left-corner",
    "left-bottom",
    "left-middle",
    "left-top",
)

#: Points per CSS pixel: how WeasyPrint maps layout coordinates to PDF ones.
_SCALE = 0.75

#: The table of contents as the templates write it (docs/templates.md).
_TOC = re.compile(r'<nav class="toc">.*?</nav>', re.DOTALL)
_TOC_LINK = re.compile(r'<a href="#([^"]+)"')
_TOC_START = '<nav class="toc">'

#: Where the built-in stylesheet numbers the contents, and how a piece does it instead.
_TOC_NUMBERS = 'nav.toc a::after { content: leader(dotted) " " attr(data-page) !important; }'

#: The running strings the built-in stylesheet sets (``string-set``) from the cover.
_RUNNING_STRING_CLASSES = ("running-title", "marking")


@dataclass(frozen=True)
class PieceResult:
    """A typeset piece and what the merger needs to know about it."""

    #: The PDF, or the file it waits in (see dossier.render.jobs.SPOOLED_KINDS).
    pdf: bytes | Path
    #: Named page (``@page NAME``; "" for the default) of each of its pages.
    page_names: tuple[str, ...]
    #: Anchor (``id``) → index of the page it lands on, in this piece.
    anchors: Mapping[str, int]
    #: (level, label, page index, x, y, open) of each bookmark, in document order; x and y
    #: are PDF points from the page's bottom-left corner.
    bookmarks: tuple[tuple[int, str, int, float, float, bool], ...]
    refused_urls: tuple[str, ...] = ()

    def info(self) -> dict[str, Any]:
        """Everything but the PDF, as JSON-able data (kept with the PDF in the cache)."""
        return {
            "page_names": list(self.page_names),
            "anchors": dict(self.anchors),
            "bookmarks": [list(bookmark) for bookmark in self.bookmarks],
        }

    @classmethod
    def from_info(
        cls, pdf: bytes | Path, info: Mapping[str, Any], refused_urls: Sequence[str] = ()
    ) -> PieceResult:
        return cls(
            pdf=pdf,
            page_names=tuple(str(name) for name in info["page_names"]),
            anchors={str(name): int(page) for name, page in info["anchors"].items()},
            bookmarks=tuple(
                (int(level), str(label), int(page), float(x), float(y), bool(is_open))
                for level, label, page, x, y, is_open in info["bookmarks"]
            ),
            refused_urls=tuple(refused_urls),
        )


# ------------------------------------------------------------------------------ pieces


def _inject_style(document: str, css: str) -> str:
    """``document`` with ``css`` as the last stylesheet of its head (it wins ties)."""
    if "</head>" not in document:
        raise NotChunkable("the HTML has no </head>")
    return document.replace("</head>", f"<style>\n{css}</style>\n</head>", 1)


def _piece_css(footnotes_before: int, *, toc_numbers: bool) -> str:
    boxes = " ".join(f"@{box} {{ content: none !important; }}" for box in MARGIN_BOXES)
    rules = [
        f"@page {{ {boxes} }}",
        f".{CONTINUED_CLASS} {{ margin-top: 0 !important; padding-top: 0 !important; "
        "border-top-width: 0 !important; }",
    ]
    if footnotes_before:
        rules.append(f"html {{ counter-reset: footnote {footnotes_before}; }}")
    if toc_numbers:
        rules.append(_TOC_NUMBERS)
    return "\n".join(rules) + "\n"


def _holds_contents(html: str) -> bool:
    """Whether ``html`` holds (part of) the table of contents."""
    return _TOC_START in html


def toc_anchors(piece_html: str) -> list[str]:
    """The anchors the contents in ``piece_html`` link to, in order (a long contents is
    written in several groups, each its own ``nav.toc``, possibly in several pieces)."""
    return [anchor for toc in _TOC.findall(piece_html) for anchor in _TOC_LINK.findall(toc)]


def _number_toc(piece_html: str, numbers: Mapping[str, str]) -> str:
    def numbered(toc: re.Match[str]) -> str:
        return _TOC_LINK.sub(
            lambda link: f'{link[0]} data-page="{html_lib.escape(numbers.get(link[1], ""))}"',
            toc[0],
        )

    return _TOC.sub(numbered, piece_html)


def _inspect_piece(document: Any) -> dict[str, Any]:
    """Page names, anchors and bookmarks of a laid-out piece; links to anchors of other
    pieces are kept (WeasyPrint drops links to unknown anchors) by pointing them, for now,
    at the piece's last page: the merger points them at the real place."""
    page_names = [page._page_box.page_type.name for page in document.pages]
    anchors: dict[str, int] = {}
    bookmarks: list[list[Any]] = []
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
        for level, label, (x, y), state in page.bookmarks:
            bookmarks.append(
                [level, label, index, x * _SCALE, (page.height - y) * _SCALE, state != "closed"]
            )
    if document.pages:
        elsewhere = {
            target
            for page in document.pages
            for kind, target, _rectangle, _box in page.links
            if kind == "internal" and target not in anchors
        }
        for name in sorted(elsewhere):
            document.pages[-1].anchors[name] = (0, 0, 0, 0)
    return {"page_names": page_names, "anchors": anchors, "bookmarks": bookmarks}


def render_piece(
    html: str,
    *,
    footnotes_before: int = 0,
    toc_numbers: Mapping[str, str] | None = None,
    **options: Any,
) -> tuple[bytes, int, list[str], dict[str, Any]]:
    """Typeset one piece without page furniture; return the PDF, its page count, the URLs
    refused and its :meth:`PieceResult.info`. ``toc_numbers`` (anchor → printed number)
    writes the contents' page numbers in; ``options`` go to :func:`render_pdf`."""

    document = html if toc_numbers is None else _number_toc(html, toc_numbers)
    document = _inject_style(
        document, _piece_css(footnotes_before, toc_numbers=toc_numbers is not None)
    )
    rendered = render_pdf(document, inspect=_inspect_piece, **options)
    return rendered.data, rendered.pages, rendered.refused_urls, rendered.inspected


# ----------------------------------------------------------------------------- overlay

_BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def _running_string_sources(front_html: str) -> str:
    """The first element of each running-string class, as written in the front piece."""
    sources = []
    for css_class in _RUNNING_STRING_CLASSES:
        match = re.search(
            rf'<(p|div|span)\b[^>]*class="[^"]*\b{css_class}\b[^"]*"[^>]*>.*?</\1>',
            front_html,
            re.DOTALL,
        )
        if match:
            sources.append(match[0])
    return "".join(sources)


def overlay_html(front_html: str, page_names: Sequence[str]) -> str:
    """Empty pages, one per page of the dossier with its named page, that show only the page
    furniture: the margin boxes of the dossier's stylesheets, with its running strings."""
    head_end = front_html.index("</head>")
    head = front_html[:head_end]
    body = _BODY_TAG.search(front_html)
    body_tag = body[0] if body else "<body>"
    css = (
        "html, body { background: none !important; }\n"
        "body * { visibility: hidden !important; }\n"
        ".dossier-sheet { display: block; height: 0; margin: 0; padding: 0; border: 0; }\n"
        ".dossier-sheet + .dossier-sheet { break-before: page; }\n"
    )
    sheets = []
    for index, name in enumerate(page_names):
        page = f' style="page: {name}"' if name else ""
        inner = _running_string_sources(front_html) if index == 0 else ""
        sheets.append(f'<div class="dossier-sheet"{page}>{inner}</div>')
    return (
        f"{head}<style>\n{css}</style>\n</head>\n{body_tag}\n"
        + "\n".join(sheets)
        + "\n</body>\n</html>\n"
    )


#: Pages of furniture typeset in one render: the furniture of a large dossier is typeset in
#: segments, so that its memory does not grow with the dossier either.
FURNITURE_PAGES = 200


def furniture_segments(total: int, size: int | None = None) -> list[tuple[int, int]]:
    """(start, stop) page indexes of the furniture segments of a ``total``-page PDF.

    Each segment after the first is typeset with one page before it, then dropped: so that
    the segment's first page is not the document's first (``@page :first``), and — the
    segments starting at odd indexes — that left and right pages fall as in the document.
    """
    size = size or FURNITURE_PAGES
    bounds = [0, *range(size + 1, total, size), total]
    return list(itertools.pairwise(bounds))


@contextlib.contextmanager
def _numbered_from(first: int, total: int) -> Iterator[None]:
    """Margin boxes drawn as if the pages rendered were pages ``first + 1``, ``first + 2``, ...
    of a ``total``-page document.

    WeasyPrint offers no option for this: its margin boxes read the page counter and the
    page count from the page's counter state, which this wraps (WeasyPrint is pinned to one
    version; tests/test_chunked.py compares every page's furniture with a single render).
    """
    # The layout module is patched for the duration of this render only, so it is named here.
    import weasyprint.layout as layout

    original = layout.make_margin_boxes

    def numbered(context: Any, page: Any, state: Any) -> Any:
        quote_depth, counters, scopes, groups = state
        shifted = dict(counters)
        shifted["page"] = [value + first for value in counters.get("page", [0])]
        shifted["pages"] = [total]
        return original(context, page, type(state)((quote_depth, shifted, scopes, groups)))

    layout.make_margin_boxes = numbered
    try:
        yield
    finally:
        layout.make_margin_boxes = original


def render_overlay(
    front_html: str,
    page_names: Sequence[str],
    *,
    first_page: int = 0,
    total_pages: int | None = None,
    skip: int = 0,
    **options: Any,
) -> tuple[bytes, int, list[str]]:
    """Typeset the page furniture (untagged: it is laid over tagged pages) of the pages
    named ``page_names``, the first being page index ``first_page`` of a ``total_pages``-page
    document; the first ``skip`` pages are typeset but left out of the PDF."""

    def drop_leading(document: Any) -> None:
        del document.pages[:skip]

    total = len(page_names) if total_pages is None else total_pages
    with _numbered_from(first_page, total):
        rendered = render_pdf(
            overlay_html(front_html, page_names), tagged=False, inspect=drop_leading, **options
        )
    return rendered.data, rendered.pages, rendered.refused_urls


# ------------------------------------------------------------------------------- merge


def merge_pieces(
    pieces: Sequence[PieceResult], furniture: Sequence[bytes | Path], target: Path
) -> None:
    """Join ``pieces`` (the front first) into one PDF written to ``target``, the pages of
    ``furniture`` (the page furniture, in segments, in page order) laid over theirs; see
    :func:`dossier.render.join.join_pieces`, which writes each piece out as it reads it."""

    with target.open("wb") as out:
        join_pieces(
            [JoinPiece(piece.pdf, piece.anchors, piece.bookmarks) for piece in pieces],
            furniture,
            out,
        )


# ------------------------------------------------------------------------- orchestration

#: Pieces of about this many characters of HTML (some 10 to 14 pages of incidents): small
#: enough that a rebuild after one change typesets little, and that a worker's memory stays
#: low; large enough that what every piece costs whatever its length (about 0.2 s of CPU:
#: parsing the HTML and the stylesheet, setting up the cascade and the fonts, writing and
#: subsetting the fonts of a PDF, a worker process) stays small next to its pages. Measured
#: (bench/profile_piece.py, docs/performance.md): at 24,000 characters that fixed cost was
#: some 14 % of the pieces' CPU time, at 60,000 about 5 %. 40,000 since 8 December 2026: on a
#: quiet machine the short shape's rebuild after one edit went from 5.83 s to 5.36 s (0.105 to
#: 0.092 x the full build) for a full build 5.8 % longer (55.3 s to 58.5 s).
PIECE_SIZE = 40_000

#: How many times the pieces holding the contents are typeset again when their page counts
#: move.
_NUMBERING_ATTEMPTS = 3


@dataclass(frozen=True)
class _WaitingPiece:
    """A piece to typeset: its HTML in a file, how long that HTML is, and how many
    footnotes come before it."""

    html_file: Path
    size: int
    footnotes_before: int


class PiecewisePdf:
    """One PDF output typeset in pieces through a :class:`dossier.build.workers.Renderer`.

    Three steps, so that several outputs can share the workers: :meth:`start` submits every
    piece, those holding the contents (the front piece, and the pieces a long contents runs
    into) with stand-in page numbers, to learn their page counts; :meth:`finish` (once the
    results are in) submits those again with the true numbers, and the page furniture in
    segments; :meth:`result` joins everything.
    """

    def __init__(self, job: Any, plan: Any, renderer: Any) -> None:
        self.job = job
        #: The front piece's HTML: the page furniture is typeset from its head and cover.
        self._front_html: str = plan.front.html
        self.renderer = renderer
        self.render_options = {
            key: value
            for key, value in job.options.items()
            if key not in ("variant", "attachments")
        }
        chunks = [plan.front, *plan.body]
        self._tocs = [toc_anchors(chunk.html) for chunk in chunks]
        # Each piece's HTML waits in a file until a worker reads it: together the pieces
        # are the whole dossier's HTML once more (at 5,000 incidents some 14 MB).
        self._pieces = [
            _WaitingPiece(renderer.spool_text(chunk.html), len(chunk.html), chunk.footnotes_before)
            for chunk in chunks
        ]
        #: The pieces typeset twice: the front (it also carries the PDF variant and the
        #: attachments) and every piece with contents in it.
        self._numbered = [index for index, toc in enumerate(self._tocs) if toc or index == 0]
        self._first: list[int] = []
        self._final: dict[int, int] = {}
        self._furniture: list[int] = []
        self._expected: dict[int, int] = {}
        self._drafts: list[PieceResult] = []

    def _name(self, index: int) -> str:
        return "front" if index == 0 else f"{index}/{len(self._pieces) - 1}"

    def _submit(self, index: int, numbers: Mapping[str, str] | None, *, final: bool) -> int:

        piece = self._pieces[index]
        options: dict[str, Any] = dict(self.render_options)
        if index:
            options["footnotes_before"] = piece.footnotes_before
        if self._tocs[index]:
            options["toc_numbers"] = numbers
        if final and index == 0:
            options["variant"] = self.job.options.get("variant")
            options["attachments"] = self.job.options.get("attachments", [])
        name = self.job.name
        part = self._name(index)
        return int(
            self.renderer.submit(
                RenderJob(
                    name=f"{name} [{part}{', numbered' if final else ''}]",
                    kind="pdf-piece",
                    html="",
                    html_file=piece.html_file,
                    options=options,
                    label=self.job.label or name,
                ),
                f"typeset {name}: {'contents ' if final else ''}part {part}",
            )
        )

    def start(self) -> None:
        count = len(self._pieces)
        self.renderer.expect(count + len(self._numbered) + 1)
        # Stand-ins as wide as the numbers will likely be (a line that wraps because of its
        # number is typeset again anyway, below).
        width = 4 if count > 40 else 3
        draft = {anchor: "0" * width for toc in self._tocs for anchor in toc}
        # The front first, then the largest pieces: the workers finish together instead of
        # waiting for a long last one.
        order = [0, *sorted(range(1, count), key=lambda i: -self._pieces[i].size)]
        submitted = {index: self._submit(index, draft, final=False) for index in order}
        self._first = [submitted[index] for index in range(count)]

    def finish(self) -> None:
        """Submit the numbered pieces and the furniture (every piece must be typeset)."""
        self._drafts = [
            PieceResult.from_info(*self._piece(result))
            for result in self.renderer.wait(self._first)
        ]
        self._submit_final(self._drafts)

    def _submit_final(self, pieces: Sequence[PieceResult]) -> None:
        numbers = self._numbers(pieces)
        self._final = {index: self._submit(index, numbers, final=True) for index in self._numbered}
        self._expected = {index: len(pieces[index].page_names) for index in self._numbered}
        page_names = [name for piece in pieces for name in piece.page_names]
        total = len(page_names)

        self._furniture = []
        segments = furniture_segments(total)
        self.renderer.expect(len(segments) - 1)
        for number, (start, stop) in enumerate(segments, 1):
            skip = 1 if start else 0
            self._furniture.append(
                self.renderer.submit(
                    RenderJob(
                        name=f"{self.job.name} [page furniture {number}/{len(segments)}]",
                        kind="pdf-furniture",
                        html=self._front_html,
                        options={
                            **self.render_options,
                            "page_names": page_names[start - skip : stop],
                            "first_page": start - skip,
                            "total_pages": total,
                            "skip": skip,
                        },
                        label=self.job.label or self.job.name,
                    ),
                    f"typeset {self.job.name}: page furniture {number}/{len(segments)}",
                )
            )

    def _piece(self, result: Any) -> tuple[bytes | Path, Mapping[str, Any], Sequence[str]]:
        return result.payload(), result.extra, result.refused_urls

    def _numbers(self, pieces: Sequence[PieceResult]) -> dict[str, str]:
        """The printed page number of every anchor the contents link to."""
        where: dict[str, int] = {}
        offset = 0
        for piece in pieces:
            for anchor, index in piece.anchors.items():
                where.setdefault(anchor, offset + index + 1)
            offset += len(piece.page_names)
        return {
            anchor: str(where[anchor]) for toc in self._tocs for anchor in toc if anchor in where
        }

    def result(self) -> tuple[Path, int, tuple[str, ...]]:
        """Join the pieces: the PDF (a file of the renderer's, deleted when it closes), its
        page count and every URL refused on the way."""
        pieces = list(self._drafts)
        for _attempt in range(_NUMBERING_ATTEMPTS):
            finals = self.renderer.wait([self._final[index] for index in self._numbered])
            for index, final in zip(self._numbered, finals, strict=True):
                pieces[index] = PieceResult.from_info(*self._piece(final))
            if all(
                len(pieces[index].page_names) == self._expected[index] for index in self._numbered
            ):
                break
            # True numbers moved a line to another page: number again from the new counts.
            self._submit_final(pieces)
        else:
            raise NotChunkable("the contents' page count does not settle")
        furniture = [result.payload() for result in self.renderer.wait(self._furniture)]
        joined = self.renderer.spool_file(".pdf")
        merge_pieces(pieces, furniture, joined)
        refused = tuple(dict.fromkeys(url for piece in pieces for url in piece.refused_urls))
        return joined, sum(len(piece.page_names) for piece in pieces), refused


_STYLESHEET_LINK = re.compile(
    r"""<link\b[^>]*\brel\s*=\s*["']?stylesheet["']?[^>]*>""", re.IGNORECASE
)
_HREF = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)

#: The one contents rule a piece knows how to number (the built-in stylesheet's).
_BUILT_IN_TOC_RULE = re.compile(
    r'nav\.toc\s+a::after\s*\{\s*content:\s*leader\(dotted\)\s*" "\s*'
    r"target-counter\(attr\(href\),\s*page\);"
)


def plan_pdf(html: str, asset_dirs: Sequence[Any], piece_size: int | None = None) -> Any:
    """How to typeset ``html`` in pieces, or None when it is too small to be worth it (or has
    no page break to cut at). Raise :class:`NotChunkable` when cutting it would change the
    PDF (the message says why; the caller renders it in one piece and says so)."""

    head = html[: html.find("</head>")] if "</head>" in html else html
    css_parts = [block for block in _STYLE_BLOCK.findall(html)]
    fetcher = SafeURLFetcher(asset_dirs)
    for link in _STYLESHEET_LINK.findall(head):
        href = _HREF.search(link)
        if href is None:
            continue
        url = href[1] if ":" in href[1] else ASSET_BASE_URL + href[1]
        try:
            response = fetcher.fetch(url)
        except ValueError:
            continue  # the single render refuses it the same way
        css_parts.append(response.read().decode("utf-8", "replace"))
        response.close()
    css = "\n".join(css_parts)
    if "@import" in css:
        raise NotChunkable("a stylesheet imports another one")
    toc_rules = len(_BUILT_IN_TOC_RULE.findall(css))
    # Sections the stylesheet always starts on a new page are places to cut too.
    cut_before = frozenset(
        css_class
        for css_class in ("annex", "confidential-annex")
        if re.search(rf"section\.{css_class}\s*\{{[^}}]*break-before:\s*page", css)
    )
    try:
        plan = plan_chunks(
            html,
            target_size=piece_size or PIECE_SIZE,
            cut_before=cut_before,
            # A piece holding contents is typeset twice (stand-in numbers, then the true
            # ones), the second time after every other piece: one holding incidents too
            # would typeset them twice, and an edit to one of them would cost both passes.
            kept_apart=_holds_contents,
        )
    except NotChunkable:
        return None
    if len(plan.body) < 2:
        return None
    if toc_anchors(plan.front.html) and toc_rules != 1:
        raise NotChunkable("the contents are numbered by another rule than the built-in one")
    check_stylesheet(css, allowed_targets=toc_rules, allowed_string_sets=2)
    return plan
