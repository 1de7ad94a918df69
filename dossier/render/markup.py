"""The markup check: no URL out of the dossier, no element or attribute that fetches or runs.

A template pack is written by someone else; the dossiers it makes are read in a browser (the
HTML edition, ``dossier preview``), a PDF reader or Word. Whatever the markup makes a reader's
program fetch on opening is a way to send the dossier's text out (``<img
src="https://…?d={{ … }}">``), and a template can build the address from the data. So every
rendered page is checked before it is used: a URL in ``src``, ``srcset``, ``poster``,
``data``, ``action``…, a ``<link>``'s ``href``, a CSS ``url()``/``@import``, must stay in the
dossier (an asset path, a fragment, an image ``data:`` URI); a link a reader clicks (``<a
href>``) may also be a plain ``https:`` address. ``<base>``, ``<form>``, ``<iframe>``,
``<frame>``, ``<object>``, ``<embed>``, ``<applet>``, ``<script>``, ``on…`` handlers, ``ping``,
``<meta http-equiv="refresh">`` and ``rel="attachment"`` are refused outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Protocol

import jinja2

from dossier.i18n.catalog import N_
from dossier.i18n.messages import Message

#: Elements that fetch, navigate, submit or run code whatever their attributes.
REFUSED_ELEMENTS = frozenset(
    {
        "base",
        "form",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "script",
        "portal",
        # SVG animation can set an href to an address the markup never shows.
        "set",
        "animate",
    }
)
#: Attributes holding a URL (HTML, SVG).
URL_ATTRIBUTES = frozenset(
    {
        "src",
        "href",
        "xlink:href",
        "srcset",
        "imagesrcset",
        "action",
        "formaction",
        "data",
        "poster",
        "background",
        "cite",
        "longdesc",
        "manifest",
        "codebase",
        "classid",
        "archive",
        "icon",
        "profile",
        "lowsrc",
        "dynsrc",
        "usemap",
    }
)
#: Elements whose ``href`` is a link a reader follows by clicking, not a fetch.
CLICKED = frozenset({"a", "area"})

# Browsers drop tabs and line breaks anywhere in a URL, and spaces and controls at its ends.
_URL_NOISE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CSS_COMMENT = re.compile(r"/\*.*?(\*/|$)", re.S)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\(.)", re.S)
_CSS_URL = re.compile(r"url\(\s*(?:\"([^\"]*)\"|'([^']*)'|([^)]*?))\s*\)", re.I)
_CSS_IMPORT = re.compile(r"@import\s+(?:\"([^\"]*)\"|'([^']*)')", re.I)
_CSS_IMAGE_SET = re.compile(r"image-set\(([^)]*)\)", re.I)
_CSS_STRING = re.compile(r"\"([^\"]*)\"|'([^']*)'")
_REFRESH = "refresh"


@dataclass(frozen=True)
class MarkupProblem:
    """Something in a page that would fetch, navigate or run at the reader's end."""

    line: int
    message: Message
    #: Where the element starts in the page (characters from the start).
    offset: int = 0


def _css_unescaped(text: str) -> str:
    def replace(found: re.Match[str]) -> str:
        if found[1]:
            code = int(found[1], 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return found[2]

    return _CSS_ESCAPE.sub(replace, _CSS_COMMENT.sub(" ", text))


def css_urls(text: str) -> list[str]:
    """Every address a stylesheet's text would fetch: ``url()``, ``@import``, ``image-set()``."""
    css = _css_unescaped(text)
    found = [
        next(group for group in match.groups() if group is not None)
        for match in _CSS_URL.finditer(css)
    ]
    found += [match[1] if match[1] is not None else match[2] for match in _CSS_IMPORT.finditer(css)]
    for image_set in _CSS_IMAGE_SET.finditer(css):
        found += [m[1] if m[1] is not None else m[2] for m in _CSS_STRING.finditer(image_set[1])]
    return found


_ENDS = "".join(chr(code) for code in range(0x21)) + "\x7f"


def _cleaned(url: str) -> str:
    return _URL_NOISE.sub("", url).strip(_ENDS)


def stays_in_the_dossier(url: str, *, image: bool = False, clicked: bool = False) -> bool:
    """Whether ``url`` names something of the dossier itself: a fragment, a relative path (an
    asset), an image ``data:`` URI where an image is expected, a plain ``https:`` link where a
    reader clicks."""
    url = _cleaned(url)
    if url.startswith("#") or not url:
        return True
    scheme = _SCHEME.match(url)
    if scheme is None:
        # A relative path, unless it names another host (``//host/…``, ``\\host``, ``/\\host``).
        return not re.match(r"^[/\\]{2}|^/\\", url)
    name = scheme[1].lower()
    if image and name == "data":
        return url[5:].lstrip().lower().startswith("image/")
    return clicked and name == "https"


def _srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split(" ")[0] for candidate in value.split(",") if candidate.strip()]


def _shown(url: str) -> str:
    url = _cleaned(url)
    return repr(url if len(url) <= 120 else url[:120] + "…")


class PageReader(Protocol):
    """What else reads a page during the markup check's pass over it (see
    :func:`markup_problems`): the handlers of an :class:`~html.parser.HTMLParser`."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None: ...

    def handle_endtag(self, tag: str) -> None: ...

    def handle_data(self, data: str) -> None: ...


class _Scanner(HTMLParser):
    def __init__(self, html: str, reader: PageReader | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.reader = reader
        self.problems: list[MarkupProblem] = []
        self._in_style = False
        self._line_starts = [0] + [found.end() for found in re.finditer("\n", html)]

    def _add(self, key: str, attribute: str | None = None, **params: object) -> None:
        line, column = self.getpos()
        offset = self._line_starts[line - 1] + column
        raw = self.get_starttag_text() or ""
        if attribute and raw:
            # Where the attribute's value starts: a URL made from the data is written there.
            found = re.search(rf"(?i)[\s/]{re.escape(attribute)}\s*=\s*[\"']?", raw)
            if found:
                offset += found.end()
        self.problems.append(MarkupProblem(line, Message(key, **params), offset))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.reader is not None:
            self.reader.handle_starttag(tag, attrs)
        tag = tag.lower()
        self._in_style = tag == "style"
        if tag in REFUSED_ELEMENTS:
            self._add(N_("markup.element_refused"), element=f"<{tag}>")
            return
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta" and values.get("http-equiv", "").strip().lower() == _REFRESH:
            self._add(N_("markup.refresh_refused"))
        if tag in ("link", "a", "area") and "attachment" in values.get("rel", "").lower().split():
            self._add(N_("markup.attachment_refused"), element=f"<{tag}>")
        for name, value in values.items():
            if name.startswith("on"):
                self._add(N_("markup.handler_refused"), name, handler=name, element=f"<{tag}>")
            elif name == "ping":
                self._add(N_("markup.attribute_refused"), name, name=name, element=f"<{tag}>")
            elif name == "style":
                self._check_css(value, f"<{tag} style>", name)
            elif name in URL_ATTRIBUTES:
                urls = _srcset_urls(value) if name.endswith("srcset") else [value]
                image = name in ("src", "srcset", "poster", "imagesrcset") and tag != "script"
                clicked = tag in CLICKED and name in ("href", "xlink:href")
                for url in urls:
                    if not stays_in_the_dossier(url, image=image, clicked=clicked):
                        where = f"<{tag} {name}>"
                        self._add(N_("markup.url_out"), name, where=where, url=_shown(url))

    def handle_endtag(self, tag: str) -> None:
        if self.reader is not None:
            self.reader.handle_endtag(tag)
        if tag.lower() == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self.reader is not None:
            self.reader.handle_data(data)
        if self._in_style:
            self._check_css(data, "<style>")

    def _check_css(self, text: str, where: str, attribute: str | None = None) -> None:
        for url in css_urls(text):
            cleaned = _cleaned(url).lower()
            if cleaned.startswith("data:"):
                # Fonts and images; a stylesheet in a data: URI could import another.
                fine = not cleaned[5:].lstrip().startswith("text")
            else:
                fine = stays_in_the_dossier(url)
            if not fine:
                self._add(N_("markup.url_out"), attribute, where=where, url=_shown(url))


def markup_problems(html: str, reader: PageReader | None = None) -> list[MarkupProblem]:
    """Every URL out, and every element or attribute that fetches, navigates or runs, with its
    line in ``html`` (a template's source or a rendered page).

    ``reader``, if given, is handed every start tag, end tag and text of the same pass, as an
    :class:`~html.parser.HTMLParser` fed ``html`` would be (a page of a million characters
    takes Python's parser a third of a second: a second reader need not parse it again)."""
    scanner = _Scanner(html, reader)
    scanner.feed(html)
    scanner.close()
    return scanner.problems


def stylesheet_problems(text: str) -> list[MarkupProblem]:
    """Every address out of the dossier a stylesheet (a pack's ``assets/*.css``) would fetch,
    at the line it is written on (the first line holding it, for an escaped one)."""
    problems = []
    for url in css_urls(text):
        cleaned = _cleaned(url).lower()
        if cleaned.startswith("data:"):
            fine = not cleaned[5:].lstrip().startswith("text")
        else:
            fine = stays_in_the_dossier(url)
        if not fine:
            at = text.find(url)
            line = text.count("\n", 0, at) + 1 if at >= 0 else 1
            said = Message(N_("markup.url_out"), where="url()", url=_shown(url))
            problems.append(MarkupProblem(line, said, max(at, 0)))
    return problems


#: A page's ``<meta http-equiv="refresh">``, whatever its quoting and case.
REFRESH_META = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?\s*refresh[^>]*>", re.I)


def without_refresh(html: str) -> str:
    """``html`` with every ``<meta http-equiv="refresh">`` taken out (the preview's own guard)."""
    return REFRESH_META.sub("", html)


# -- where in a template a problem of the rendered page was written ---------------------------


def line_in_source(file: str, near: int, said: Message) -> int:
    """The line of ``file`` where the same problem is written, at or after ``near``; else
    ``near``. (Jinja marks the line of each expression; text written as it is takes the line
    of the tag before it.)"""
    try:
        source = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return near
    kind = (getattr(said, "key", ""), getattr(said, "params", {}).get("where"))
    lines = sorted(
        found.line
        for found in markup_problems(source)
        if (found.message.key, found.message.params.get("where")) == kind
    )
    return next((line for line in lines if line >= near), near)


def line_writing(
    template: jinja2.Template, context: dict[str, Any], offset: int, budget: Any = None
) -> tuple[str, int] | None:
    """The template file and line whose output holds character ``offset`` of the page.

    Each piece a template yields comes from the innermost generator of the chain of
    ``{% extends %}``, blocks and includes; its frame's line maps to a template line through
    Jinja's debug information. A macro's output is written where the macro is called.
    """
    if budget is not None:
        budget.start()
    generator = template.root_render_func(template.new_context(dict(context)))
    written = 0
    try:
        for chunk in generator:
            written += len(chunk)
            if written <= offset:
                continue
            inner: Any = generator
            while getattr(inner, "gi_yieldfrom", None) is not None:
                inner = inner.gi_yieldfrom
            frame = getattr(inner, "gi_frame", None)
            if frame is None:
                return None
            owner = frame.f_globals.get("__jinja_template__")
            if owner is None or not owner.filename:
                return None
            return owner.filename, owner.get_corresponding_lineno(frame.f_lineno)
    except Exception:  # the first render went through: a second that fails tells nothing
        return None
    finally:
        close = getattr(generator, "close", None)
        if close is not None:
            close()
    return None
