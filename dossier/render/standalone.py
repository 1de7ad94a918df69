"""A dossier's HTML as one self-contained page: stylesheets inlined, assets as ``data:`` URIs.

``--format html`` writes a file a reader opens on its own, sent by e-mail or copied to a USB
stick: a ``<link rel="stylesheet" href="dossier.css">`` to a file that is not beside it would
leave the reader with raw text. Every reference is read through the PDF renderer's
:class:`~dossier.render.pdf.SafeURLFetcher`, so the page can hold only what a PDF could: the
template pack's assets and ``data:`` URIs. A reference the fetcher refuses is left as it is and
reported, as the PDF reports the URLs it refused. The result depends only on the HTML and the
assets' bytes, so it is as reproducible as the PDF.
"""

from __future__ import annotations

import base64
import re
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from dossier.render.pdf import ASSET_BASE_URL, SafeURLFetcher

__all__ = ["StandalonePage", "standalone_html"]

#: An opening ``<link>`` or ``<img>`` tag: the only elements of the dossier subset that refer
#: to another file (``docs/templates.md``); CSS ``url()`` is handled inside the stylesheets.
_TAG_RE = re.compile(r"<(?:link|img)\b[^>]*>", re.IGNORECASE)
#: ``url(...)`` in CSS, quoted or not (the quotes are kept out of the captured reference).
_CSS_URL_RE = re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<ref>[^'")]*)(?P=quote)\s*\)""")
#: A CSS string or comment: comments are left out of the page (the built-in stylesheet's quote
#: markup — ``<nav class="toc">`` — that a reader or a tool searching the page must not meet);
#: strings are matched only so that a "/*" inside one is not taken for a comment.
_CSS_STRING_OR_COMMENT_RE = re.compile(
    r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|/\*.*?\*/""", re.S
)
#: ``@import`` of another stylesheet, which a ``data:`` page could not follow either.
_CSS_IMPORT_RE = re.compile(
    r"""@import\s+(?:url\(\s*)?(?P<quote>['"]?)(?P<ref>[^'");\s]+)(?P=quote)\s*\)?[^;]*;"""
)


@dataclass
class StandalonePage:
    """The self-contained page, and the references the fetcher refused (left as they were)."""

    html: str
    refused: list[str] = field(default_factory=list)


class _Attributes(HTMLParser):
    """The attributes of the one tag fed to it, names lower-cased, as an HTML parser reads
    them (quotes, entities and repeated attributes handled the standard way)."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self.feed(tag)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            # The first occurrence wins, as in browsers and WeasyPrint.
            self.values.setdefault(name, value or "")

    handle_startendtag = handle_starttag


def standalone_html(html: str, asset_dirs: Sequence[Path]) -> StandalonePage:
    """``html`` with every stylesheet link replaced by a ``<style>`` element holding the
    stylesheet (its own ``url()`` references inlined) and every ``<img src>`` that names an
    asset replaced by a ``data:`` URI."""

    fetcher = SafeURLFetcher(asset_dirs)
    refused: list[str] = []

    def fetch(url: str) -> tuple[bytes, str] | None:
        try:
            response = fetcher.fetch(url)
        except Exception:  # RefusedURLError, or an unreadable asset: reported, not fatal
            refused.append(url)
            return None
        mime_type = response.headers.get("Content-Type", "application/octet-stream")
        return response.read(), mime_type.split(";")[0].strip()

    def replace(match: re.Match[str]) -> str:
        tag = match[0]
        attributes = _Attributes(tag).values
        if tag[1:4].lower() == "img":
            source = attributes.get("src", "")
            if not source or source.lower().startswith("data:"):
                return tag
            fetched = fetch(urllib.parse.urljoin(ASSET_BASE_URL, source))
            if fetched is None:
                return tag
            return tag.replace(_match_attribute(tag, "src", source), f'src="{_data_uri(*fetched)}"')
        if "stylesheet" not in attributes.get("rel", "").lower().split():
            return tag
        url = urllib.parse.urljoin(ASSET_BASE_URL, attributes.get("href", ""))
        fetched = fetch(url)
        if fetched is None:
            return tag
        css = _inline_css(fetched[0].decode("utf-8", errors="replace"), url, fetch)
        media = attributes.get("media")
        media_attribute = f' media="{_escape_attribute(media)}"' if media else ""
        # "</style" inside the text would close the element early; "\/" is the same "/" to CSS.
        closed_safely = css.replace("</", "<\\/")
        return f"<style{media_attribute}>\n{closed_safely}</style>"

    return StandalonePage(html=_TAG_RE.sub(replace, html), refused=refused)


def _match_attribute(tag: str, name: str, value: str) -> str:
    """The text of attribute ``name`` in ``tag`` as written (any quoting), for replacement."""

    pattern = re.compile(
        rf"""\b{name}\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""",
        re.IGNORECASE,
    )
    found = pattern.search(tag)
    return found[0] if found else f'{name}="{value}"'


def _inline_css(
    css: str, stylesheet_url: str, fetch: Callable[[str], tuple[bytes, str] | None]
) -> str:
    """``css`` with its ``url()`` references, relative to ``stylesheet_url``, as data URIs;
    an ``@import`` becomes the imported stylesheet's text (one level, as the templates use)."""

    def imported(match: re.Match[str]) -> str:
        url = urllib.parse.urljoin(stylesheet_url, match["ref"])
        fetched = fetch(url)
        if fetched is None:
            return match[0]
        text = _CSS_STRING_OR_COMMENT_RE.sub(lambda found: found[1] or "", fetched[0].decode())
        return _CSS_URL_RE.sub(lambda found: url_to_data(found, url), text)

    def url_to_data(match: re.Match[str], base: str) -> str:
        reference = match["ref"].strip()
        if not reference or reference.lower().startswith("data:") or reference.startswith("#"):
            return match[0]
        fetched = fetch(urllib.parse.urljoin(base, reference))
        if fetched is None:
            return match[0]
        return f'url("{_data_uri(*fetched)}")'

    css = _CSS_STRING_OR_COMMENT_RE.sub(lambda found: found[1] or "", css)
    css = _CSS_IMPORT_RE.sub(imported, css)
    return _CSS_URL_RE.sub(lambda found: url_to_data(found, stylesheet_url), css)


def _data_uri(body: bytes, mime_type: str) -> str:
    return f"data:{mime_type};base64,{base64.b64encode(body).decode('ascii')}"


def _escape_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
