"""Typeset a large dossier in pieces on several cores and join them into the PDF one render gives.

WeasyPrint lays a document out on one core, and keeps every page in memory. A dossier cut
at its page breaks (see :mod:`dossier.render.chunks`) can instead be typeset piece by piece
in worker processes, each piece's memory freed when it is done, and only the pieces that
changed typeset again on a rebuild (each piece is a cache entry of its own). What a piece
cannot know on its own is added when the pieces are joined:

* the page furniture (running title, marking, "page X / Y"): pieces are typeset without
  their margin boxes; one more render, of empty pages with the same named pages and the
  same running strings, draws every margin box with the true page numbers, and is laid over
  each page as an untagged artifact, where a single render puts it;
* the table of contents: the front piece is typeset again once every heading's page is
  known, with the numbers written in (``nav.toc a::after``);
* links between pieces, bookmarks, named destinations, the tag tree (one ``Document``
  element; a section cut in two is joined again), footnote numbers (each piece starts
  counting after the footnotes before it), metadata, PDF/A output intent and attachments.

The result has the same text, pages, contents numbers and bookmarks as a single render of the
same HTML (tests/test_chunked.py compares them).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dossier.render.chunks import CONTINUED_CLASS, NotChunkable

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

#: Where the built-in stylesheet numbers the contents, and how a piece does it instead.
_TOC_NUMBERS = 'nav.toc a::after { content: leader(dotted) " " attr(data-page) !important; }'

#: The running strings the built-in stylesheet sets (``string-set``) from the cover.
_RUNNING_STRING_CLASSES = ("running-title", "marking")


@dataclass(frozen=True)
class PieceResult:
    """A typeset piece and what the merger needs to know about it."""

    pdf: bytes
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
        cls, pdf: bytes, info: Mapping[str, Any], refused_urls: Sequence[str] = ()
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


def toc_anchors(front_html: str) -> list[str]:
    """The anchors the table of contents links to, in order."""
    match = _TOC.search(front_html)
    return _TOC_LINK.findall(match[0]) if match else []


def _number_toc(front_html: str, numbers: Mapping[str, str]) -> str:
    def numbered(toc: re.Match[str]) -> str:
        return _TOC_LINK.sub(
            lambda link: f'{link[0]} data-page="{html_lib.escape(numbers.get(link[1], ""))}"',
            toc[0],
        )

    return _TOC.sub(numbered, front_html, count=1)


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
    from dossier.render.pdf import render_pdf

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


def render_overlay(
    front_html: str, page_names: Sequence[str], **options: Any
) -> tuple[bytes, int, list[str]]:
    """Typeset the page furniture of every page (untagged: it is laid over tagged pages)."""
    from dossier.render.pdf import render_pdf

    rendered = render_pdf(overlay_html(front_html, page_names), tagged=False, **options)
    return rendered.data, rendered.pages, rendered.refused_urls


# ------------------------------------------------------------------------------- merge


def merge_pieces(pieces: Sequence[PieceResult], furniture: Sequence[bytes]) -> bytes:
    """Join ``pieces`` (the front first) into one PDF and lay the pages of ``furniture``
    (the page furniture, in segments, in page order) over theirs; see
    :func:`dossier.render.join.join_pieces`, which writes each piece out as it reads it."""
    from dossier.render.join import JoinPiece, join_pieces

    return join_pieces(
        [JoinPiece(piece.pdf, piece.anchors, piece.bookmarks) for piece in pieces], furniture
    )


# ------------------------------------------------------------------------- orchestration

#: Pieces of about this many characters of HTML (some 15 pages of incidents): small enough
#: that a rebuild after one change typesets little, and that a worker's memory stays low;
#: large enough that the per-piece cost (a worker process, fonts) stays small.
PIECE_SIZE = 24_000

#: How many times the front piece is typeset again when its own page count moves.
_FRONT_ATTEMPTS = 3


class PiecewisePdf:
    """One PDF output typeset in pieces through a :class:`dossier.parallel.Renderer`.

    Three steps, so that several outputs can share the workers: :meth:`start` submits the
    front piece (contents numbered with stand-ins, to learn its page count) and every body
    piece; :meth:`finish` (once their results are in) submits the front piece with the true
    numbers and the page furniture; :meth:`result` joins everything.
    """

    def __init__(self, job: Any, plan: Any, renderer: Any) -> None:
        self.job = job
        self.plan = plan
        self.renderer = renderer
        self.render_options = {
            key: value
            for key, value in job.options.items()
            if key not in ("variant", "attachments")
        }
        self._body: list[int] = []
        self._front_draft: int | None = None
        self._front: int | None = None
        self._furniture: int | None = None
        self._toc = toc_anchors(plan.front.html)

    def _piece_job(self, name: str, html: str, **options: Any) -> Any:
        from dossier.parallel import RenderJob

        return RenderJob(
            name=name,
            kind="pdf-piece",
            html=html,
            options={**self.render_options, **options},
            label=self.job.label or self.job.name,
        )

    def start(self) -> None:
        count = len(self.plan.body)
        self.renderer.expect(count + 2)
        name = self.job.name
        self._front_draft = self.renderer.submit(
            self._piece_job(f"{name} [front]", self.plan.front.html, toc_numbers=self._draft()),
            f"typeset {name}: front",
        )
        # Largest first: the workers finish together instead of waiting for a long last one.
        order = sorted(range(count), key=lambda index: -len(self.plan.body[index].html))
        submitted: dict[int, int] = {}
        for index in order:
            chunk = self.plan.body[index]
            submitted[index] = self.renderer.submit(
                self._piece_job(
                    f"{name} [{index + 1}/{count}]",
                    chunk.html,
                    footnotes_before=chunk.footnotes_before,
                ),
                f"typeset {name}: part {index + 1}/{count}",
            )
        self._body = [submitted[index] for index in range(count)]

    def _draft(self, width: int = 3) -> dict[str, str]:
        return {anchor: "0" * width for anchor in self._toc}

    def finish(self) -> None:
        """Submit the numbered front piece and the furniture (body pieces must be done)."""
        assert self._front_draft is not None
        draft = PieceResult.from_info(*self._piece(self.renderer.wait([self._front_draft])[0]))
        self._submit_final(draft)

    def _submit_final(self, front: PieceResult) -> None:
        body = self._body_results()
        numbers = self._numbers(front, body)
        name = self.job.name
        self._front = self.renderer.submit(
            self._piece_job(
                f"{name} [front, numbered]",
                self.plan.front.html,
                toc_numbers=numbers,
                variant=self.job.options.get("variant"),
                attachments=self.job.options.get("attachments", []),
            ),
            f"typeset {name}: contents",
        )
        page_names = [*front.page_names, *(name for piece in body for name in piece.page_names)]
        from dossier.parallel import RenderJob

        self._furniture = self.renderer.submit(
            RenderJob(
                name=f"{name} [page furniture]",
                kind="pdf-furniture",
                html=self.plan.front.html,
                options={**self.render_options, "page_names": page_names},
                label=self.job.label or self.job.name,
            ),
            f"typeset {name}: page furniture",
        )
        self._front_pages = len(front.page_names)

    def _piece(self, result: Any) -> tuple[bytes, Mapping[str, Any], Sequence[str]]:
        return result.data, result.extra, result.refused_urls

    def _body_results(self) -> list[PieceResult]:
        return [
            PieceResult.from_info(*self._piece(result)) for result in self.renderer.wait(self._body)
        ]

    def _numbers(self, front: PieceResult, body: Sequence[PieceResult]) -> dict[str, str]:
        """The printed page number of every anchor the contents link to."""
        where = {anchor: index + 1 for anchor, index in front.anchors.items()}
        offset = len(front.page_names)
        for piece in body:
            for anchor, index in piece.anchors.items():
                where.setdefault(anchor, offset + index + 1)
            offset += len(piece.page_names)
        numbers = {anchor: str(where[anchor]) for anchor in self._toc if anchor in where}
        return numbers

    def result(self) -> tuple[bytes, int, tuple[str, ...]]:
        """Join the pieces: the PDF, its page count and every URL refused on the way."""
        assert self._front is not None and self._furniture is not None
        for _attempt in range(_FRONT_ATTEMPTS):
            front_result, furniture = self.renderer.wait([self._front, self._furniture])
            front = PieceResult.from_info(*self._piece(front_result))
            if len(front.page_names) == self._front_pages:
                break
            # Real numbers moved a line to another page: number again from the new count.
            self._submit_final(front)
        else:
            raise NotChunkable("the contents' page count does not settle")
        body = self._body_results()
        data = merge_pieces(
            [front, *body],
            [furniture.data],
        )
        refused = tuple(
            dict.fromkeys(url for piece in (front, *body) for url in piece.refused_urls)
        )
        return data, len(front.page_names) + sum(len(p.page_names) for p in body), refused


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
    from dossier.render.chunks import check_stylesheet, plan_chunks
    from dossier.render.pdf import ASSET_BASE_URL, SafeURLFetcher

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
        plan = plan_chunks(html, target_size=piece_size or PIECE_SIZE, cut_before=cut_before)
    except NotChunkable:
        return None
    if len(plan.body) < 2:
        return None
    if toc_anchors(plan.front.html) and toc_rules != 1:
        raise NotChunkable("the contents are numbered by another rule than the built-in one")
    check_stylesheet(css, allowed_targets=toc_rules, allowed_string_sets=2)
    return plan
