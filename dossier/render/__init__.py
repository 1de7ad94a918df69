"""Rendering: the view model to HTML, PDF and DOCX."""

#: HTML elements that have no end tag (the HTML standard's void elements).
VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
