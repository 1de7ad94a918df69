"""Readings and rewrites of the HTML tree before the Word document is written from it."""

from __future__ import annotations

from typing import TypeGuard

from dossier.render.docx.tree import ASCII_WHITESPACE, Element


def is_toc_group(node: Element | str) -> TypeGuard[Element]:
    """A ``nav.toc`` that holds its entries (a list), as ``fill_toc`` writes each group."""
    return (
        isinstance(node, Element)
        and node.tag == "nav"
        and node.has_class("toc")
        and any(isinstance(c, Element) and c.tag in ("ol", "ul") for c in node.children)
    )


def join_toc_groups(root: Element) -> None:
    """Make consecutive ``nav.toc`` groups one ``nav``: one contents field in Word.

    ``fill_toc`` writes a large contents in groups, each its own ``nav.toc``, separated by
    page-break markers, so that a PDF typeset in pieces has bounded pieces. In Word each nav
    would be a contents field that regenerates into the whole contents when fields are
    updated, so the groups' lists go into the first nav and the markers between them (which
    would break the page inside the contents) are dropped. A marker after the last group is
    kept. The tree is changed in place.
    """
    for element in root.iter():
        children = element.children
        if sum(1 for child in children if is_toc_group(child)) < 2:
            continue
        joined: list[Element | str] = []
        index = 0
        while index < len(children):
            child = children[index]
            joined.append(child)
            index += 1
            if not is_toc_group(child):
                continue
            while True:
                ahead = index
                while ahead < len(children) and between_toc_groups(children[ahead]):
                    ahead += 1
                following = children[ahead] if ahead < len(children) else None
                if following is None or not is_toc_group(following) or "id" in following.attrs:
                    break  # an id of its own would need its own bookmark: left as it is
                child.children.extend(following.children)
                index = ahead + 1
        element.children[:] = joined


def between_toc_groups(node: Element | str) -> bool:
    """Whitespace or an empty page-break marker, as ``fill_toc`` writes between groups."""
    if isinstance(node, str):
        return not node.strip(ASCII_WHITESPACE)
    return (
        node.tag == "div"
        and node.has_class("page-break")
        and not any(isinstance(c, Element) or c.strip(ASCII_WHITESPACE) for c in node.children)
    )


def first_text(root: Element, css_class: str) -> str:
    """The text of the first ``p`` of class ``css_class`` (the running title, the marking)."""
    for element in root.iter():
        if element.tag == "p" and element.has_class(css_class):
            return element.text()
    return ""


def starts_with_cover(root: Element) -> bool:
    """Whether a cover section comes before any content (its page has no header or footer)."""
    for element in root.iter():
        if element.tag == "section":
            return element.has_class("cover")
        if element.tag in (
            "p",
            "h1",
            "h2",
            "h3",
            "table",
            "ul",
            "ol",
            "div",
            "nav",
        ) and not element.has_class("running-title"):
            return False
    return False


def has_confidential_annex(root: Element) -> bool:
    """Whether a confidential annex (its own Word section and header) is in the tree."""
    return any(e.tag == "section" and e.has_class("confidential-annex") for e in root.iter())
