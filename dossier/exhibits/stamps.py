"""Stamp a page's margin with text: « Pièce n° 3 — p. 2/5 », "Exhibit no. 3 — p. 2/5"."""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name

#: Height of the strip added under a page that was not made with a margin for the stamp:
#: the stamp goes there, so it never covers what the page shows.
STRIP_HEIGHT = 20.0
#: Where the stamp's baseline sits above the page's bottom edge, and its size.
BASELINE = 7.0
FONT_SIZE = 8.0
#: The resource name of the stamp's font, unlikely to clash with a page's own fonts.
FONT_RESOURCE = "/DossierStampFont"
#: Helvetica's widths (in 1/1000 of the font size) for the characters a stamp holds, used to
#: right-align it; other characters count as an average width.
_WIDTHS = {
    " ": 278, ".": 278, "/": 278, "—": 1000, "°": 400, "n": 556, "p": 556, "è": 556,
    "P": 667, "E": 667, "x": 500, "h": 556, "i": 222, "b": 556, "t": 278, "o": 556,
    "e": 556, "c": 500, "B": 667, "r": 333, "d": 556, "a": 556, "u": 556, "s": 500,
}  # fmt: skip


def stamp_text(lang: str, number: int, page: int, pages: int) -> str:
    """The stamp of page ``page`` of ``pages`` of pièce ``number``, in ``lang``."""
    if lang == "fr":
        return f"Pièce n° {number} — p. {page}/{pages}"
    return f"Exhibit no. {number} — p. {page}/{pages}"


def stamp_page(pdf: pikepdf.Pdf, page: pikepdf.Page, text: str, *, add_strip: bool) -> None:
    """Write ``text`` at the bottom right of ``page``, as text a reader can search and copy.

    With ``add_strip`` the page grows a strip at the bottom and the stamp goes in it: a page
    merged from someone else's PDF may be printed to its edges. Pages dossier made keep a
    bottom margin for the stamp, so they stay A4.
    """
    box = [float(value) for value in page.mediabox]
    left, bottom, right = box[0], box[1], box[2]
    if add_strip:
        bottom -= STRIP_HEIGHT
        grown = Array([left, bottom, right, box[3]])
        page.obj.MediaBox = grown
        if Name.CropBox in page.obj:
            crop = [float(value) for value in page.obj.CropBox]
            page.obj.CropBox = Array([crop[0], bottom, crop[2], crop[3]])
    font = Dictionary(
        Type=Name.Font,
        Subtype=Name.Type1,
        BaseFont=Name.Helvetica,
        Encoding=Name.WinAnsiEncoding,
    )
    resources = page.obj.get(Name.Resources)
    if resources is None:
        page.obj.Resources = resources = Dictionary()
    elif resources.is_indirect:
        # Shared with other pages: a copy of its own, so the stamp's font is this page's.
        page.obj.Resources = resources = Dictionary(dict(resources.items()))
    fonts = resources.get(Name.Font)
    fonts = Dictionary() if fonts is None else Dictionary(dict(fonts.items()))
    fonts[FONT_RESOURCE] = pdf.make_indirect(font)
    resources.Font = fonts
    width = sum(_WIDTHS.get(char, 556) for char in text) * FONT_SIZE / 1000
    x = right - 28 - width
    y = bottom + BASELINE
    encoded = _pdf_string(text)
    # q/Q around the page's own content, so its graphics state cannot move or hide the stamp.
    page.contents_coalesce()
    page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    stamp = (
        b"Q\nq BT 0 g " + FONT_RESOURCE.encode("ascii") + b" "
        + f"{FONT_SIZE:g} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm ".encode("ascii")
        + encoded + b" Tj ET Q\n"
    )  # fmt: skip
    page.contents_add(pdf.make_stream(stamp), prepend=False)


def _pdf_string(text: str) -> bytes:
    """``text`` as a PDF literal string in WinAnsi (cp1252), which Helvetica is encoded in."""
    raw = text.encode("cp1252", errors="replace")
    escaped = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + escaped + b")"
