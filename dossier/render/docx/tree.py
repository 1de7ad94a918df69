"""The dossier HTML subset, and dossier HTML read into an element tree with source lines."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

# The standard library's tokenizer, not tinyhtml5 (the HTML5 parser WeasyPrint uses): its parse
# alone took 2.3 to 4.7 times as long as this tree builder on the sample and 1,000-incident
# dossiers, and it keeps no source lines, which `dossier templates check` reports. The end
# tags HTML implies for the subset are supplied below.
from html.parser import HTMLParser

from dossier.render import VOID_ELEMENTS

# --------------------------------------------------------------------------- the subset

#: Elements of the dossier HTML subset and the classes each may carry (see dossier.css).
SUBSET: dict[str, frozenset[str]] = {
    tag: frozenset(classes)
    for tag, classes in {
        "html": (),
        "head": (),
        "title": (),
        "meta": (),
        "link": (),
        "style": (),
        "body": (),
        "section": ("cover", "letter", "annex", "confidential-annex", "contents", "incident"),
        "nav": ("toc",),
        "div": ("page-break", "signature"),
        "p": (
            "running-title",
            "marking",
            "subtitle",
            "sender",
            "recipient",
            "place-date",
            "account",
        ),
        "h1": (),
        "h2": (),
        "h3": (),
        "ul": (),
        "ol": (),
        "li": ("toc-1", "toc-2", "toc-3"),
        "table": ("compact",),
        "thead": (),
        "tbody": (),
        "tr": (),
        "th": (),
        "td": (),
        "blockquote": ("epigraph",),
        "figure": (),
        "img": (),
        "figcaption": (),
        "dl": ("facts",),
        "dt": (),
        "dd": (),
        "em": (),
        "strong": (),
        "sup": (),
        "sub": (),
        "a": ("exhibit-ref",),
        "br": (),
        "span": ("footnote", "fingerprint", "untranslated", "signature"),
        "bdi": (),
    }.items()
}
#: Classes allowed on any element of the subset.
GLOBAL_CLASSES = frozenset({"muted"})
#: Class prefixes base.html puts on <body> for CSS (``layout-ddd``, ``audience-public``).
BODY_CLASS_PREFIXES = ("layout-", "audience-")

# ------------------------------------------------------------------------ reading HTML

# Starting one of these closes an open <p>, as in HTML.
_CLOSES_P = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "div",
        "dl",
        "figure",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    }
)
_INLINE = frozenset(
    {"a", "em", "strong", "sup", "sub", "span", "bdi", "b", "i", "u", "small", "code", "abbr", "q"}
)
# Start tag -> (open tags it closes, open tags that stop the search).
_IMPLIED_END = {
    "li": ({"li"}, {"ul", "ol", "nav", "body"}),
    "dt": ({"dt", "dd"}, {"dl", "body"}),
    "dd": ({"dt", "dd"}, {"dl", "body"}),
    "tr": ({"tr", "td", "th"}, {"table", "thead", "tbody"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "thead": ({"thead", "tbody", "tr", "td", "th"}, {"table"}),
    "tbody": ({"thead", "tbody", "tr", "td", "th"}, {"table"}),
}

#: What HTML collapses in text (not U+00A0, which French typography relies on).
ASCII_WHITESPACE = " \t\n\r\f"
WHITESPACE_RUN = re.compile(r"[ \t\n\r\f]+")
#: Characters XML 1.0 cannot carry: dropped from the text and attributes read.
INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


class UnsupportedElement(ValueError):
    """An element or class outside the dossier HTML subset, with its line in the HTML."""

    def __init__(
        self, tag: str, classes: Sequence[str] = (), line: int | None = None, reason: str = ""
    ) -> None:
        self.tag = tag
        self.classes = tuple(classes)
        self.line = line
        self.reason = reason
        shown = f"<{tag}"
        if self.classes:
            shown += f' class="{" ".join(self.classes)}"'
        shown += ">"
        where = f"line {line}: " if line else ""
        detail = reason or (
            f"class {', '.join(self.classes)} is not in the dossier HTML subset"
            if self.classes and tag in SUBSET
            else "element is not in the dossier HTML subset"
        )
        super().__init__(f"{where}{shown}: {detail} (see docs/templates.md)")


# -------------------------------------------------------------------------- the tree


@dataclass(eq=False)
class Element:
    """An element of the parsed HTML: tag, attributes, children and its source line."""

    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(self.attrs.get("class", "").split())

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()

    def static_classes(self) -> tuple[str, ...]:
        """The classes, less Jinja expressions (when checking a template's own source)."""
        return tuple(_JINJA.sub(" ", self.attrs.get("class", "")).split())

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def text(self, skip_footnotes: bool = True) -> str:
        """The element's text, whitespace collapsed (footnotes left out by default)."""
        parts: list[str] = []
        self._collect(parts, skip_footnotes)
        return WHITESPACE_RUN.sub(" ", "".join(parts)).strip(ASCII_WHITESPACE)

    def _collect(self, parts: list[str], skip_footnotes: bool) -> None:
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not (skip_footnotes and child.tag == "span" and child.has_class("footnote")):
                if child.tag == "br":
                    parts.append(" ")
                child._collect(parts, skip_footnotes)


class _TreeBuilder(HTMLParser):
    """Build an :class:`Element` tree with source lines, closing tags HTML implies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, 0)
        self.stack: list[Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._imply_end(tag)
        element = Element(
            tag,
            {name: INVALID_XML_CHARS.sub("", value or "") for name, value in attrs},
            self.getpos()[0],
        )
        self.stack[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
        # A stray end tag is ignored, as browsers do.

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(INVALID_XML_CHARS.sub("", data))

    def _imply_end(self, tag: str) -> None:
        if tag in _CLOSES_P:
            for depth in range(len(self.stack) - 1, 0, -1):
                open_tag = self.stack[depth].tag
                if open_tag == "p":
                    del self.stack[depth:]
                    break
                if open_tag not in _INLINE:
                    break
        implied = _IMPLIED_END.get(tag)
        if implied:
            closes, stops = implied
            for depth in range(len(self.stack) - 1, 0, -1):
                open_tag = self.stack[depth].tag
                if open_tag in closes:
                    del self.stack[depth:]
                    break
                if open_tag in stops:
                    break


def parse_html(html: str) -> Element:
    """Parse dossier HTML into an :class:`Element` tree (root tag ``#document``)."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def subset_problems(root: Element) -> list[UnsupportedElement]:
    """Every element or class of the tree outside the subset, in document order."""
    found = []
    for element in root.iter():
        if element.tag == "#document":
            continue
        allowed = SUBSET.get(element.tag)
        if allowed is None:
            found.append(UnsupportedElement(element.tag, element.classes, element.line))
            continue
        unknown = [
            name
            for name in element.static_classes()
            if name not in allowed
            and name not in GLOBAL_CLASSES
            and not (element.tag == "body" and name.startswith(BODY_CLASS_PREFIXES))
        ]
        if unknown:
            found.append(UnsupportedElement(element.tag, unknown, element.line))
    return found


def check_html_subset(html: str) -> list[UnsupportedElement]:
    """Every element or class of ``html`` outside the subset, in document order."""
    return subset_problems(parse_html(html))
