"""Zero-width joiners and non-joiners kept in the PDF's text, so Persian reads back as typed.

Pango shapes U+200C (zero-width non-joiner, « اشک‌آور ») and U+200D (zero-width joiner) as an
empty glyph, and WeasyPrint 70 writes no glyph, hence no text, for an empty glyph: the PDF's
text read « اشکآور », a word no search finds. LibreOffice writes a blank glyph there, with the
character as its text. This does the same: before WeasyPrint draws a line, each empty glyph
that stands for a joiner or non-joiner becomes a blank glyph of the same font (no outline, no
advance: nothing printed moves), and that glyph's text in the PDF is the character.

The blank glyph is not the font's own glyph of the character: the Noto fonts draw U+200C and
U+200D as a visible bar, for editors that show invisible characters. It is the font's glyph of
another character Pango never draws (a zero-width space, a byte order mark, a word joiner),
so its text in the PDF is free for the joiner.
"""

from __future__ import annotations

from typing import Any

from weasyprint.draw import text as weasyprint_text
from weasyprint.text.ffi import ffi, harfbuzz, pango

# The one HarfBuzz function WeasyPrint's bindings do not declare: a font's glyph for a
# character (false when it has none).
ffi.cdef(
    "hb_bool_t hb_font_get_nominal_glyph "
    "(hb_font_t *font, hb_codepoint_t unicode, hb_codepoint_t *glyph);"
)

#: Each character of a word's spelling that Pango shapes as an empty glyph, and the characters
#: whose glyph may stand for it in the PDF (default-ignorable ones, which Pango never draws),
#: the character's own first.
JOINERS: dict[str, tuple[str, ...]] = {
    "\u200c": ("\u200c", "\u200b", "\ufeff", "\u2060"),
    "\u200d": ("\u200d", "\u2060", "\ufeff", "\u200b"),
}

_weasyprint_draw_first_line = weasyprint_text.draw_first_line


def draw_first_line_with_joiners(
    stream: Any, textbox: Any, text_overflow: Any, block_ellipsis: Any, matrix: Any
) -> Any:
    """WeasyPrint's ``draw_first_line``, the joiners of the line given a blank glyph first."""
    text = textbox.pango_layout.text
    if any(joiner in text for joiner in JOINERS):
        _show_joiners(stream, textbox.pango_layout, text.encode())
    return _weasyprint_draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix)


def _show_joiners(stream: Any, layout: Any, utf8: bytes) -> None:
    # WeasyPrint sets this before it reads the line; setting it later would shape the text again
    # and undo what is done here (setting it again to the same value changes nothing).
    pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
    line, _ = layout.get_first_line()
    runs = line.runs[0]
    while runs != ffi.NULL:
        glyph_item = runs.data
        runs = runs.next
        glyphs = glyph_item.glyphs
        item = glyph_item.item
        count = glyphs.num_glyphs
        # Where each cluster's text ends: the next start after its own (clusters run backwards
        # in a right-to-left item).
        starts = sorted({glyphs.log_clusters[index] for index in range(count)})
        ends = dict(zip(starts, [*starts[1:], item.length], strict=True))
        for index in range(count):
            info = glyphs.glyphs[index]
            if info.glyph != pango.PANGO_GLYPH_EMPTY:
                continue
            start = glyphs.log_clusters[index]
            character = utf8[item.offset + start : item.offset + ends[start]].decode()
            if character in JOINERS:
                glyph = _blank_glyph(stream, item.analysis.font, character)
                if glyph is not None:
                    info.glyph = glyph


def _blank_glyph(stream: Any, pango_font: Any, joiner: str) -> int | None:
    """A glyph of ``pango_font`` that prints nothing and whose text in the PDF is ``joiner``,
    or None when the font has none (the joiner then stays out of the PDF's text)."""
    font, _ = stream.add_font(pango_font)
    hb_font = pango.pango_font_get_hb_font(pango_font)
    found = ffi.new("hb_codepoint_t *")
    for character in JOINERS[joiner]:
        if not harfbuzz.hb_font_get_nominal_glyph(hb_font, ord(character), found):
            continue
        glyph = int(found[0])
        if font.to_unicode.get(glyph, joiner) != joiner:
            continue
        pango.pango_font_get_glyph_extents(pango_font, glyph, stream.ink_rect, stream.logical_rect)
        if stream.ink_rect.width or stream.ink_rect.height or stream.logical_rect.width:
            continue
        font.to_unicode[glyph] = joiner
        return glyph
    return None


def keep_joiners_in_pdf_text() -> None:
    """Make WeasyPrint draw lines through :func:`draw_first_line_with_joiners` (idempotent;
    weasyprint is pinned to the version whose ``draw_first_line`` this wraps)."""
    weasyprint_text.draw_first_line = draw_first_line_with_joiners
