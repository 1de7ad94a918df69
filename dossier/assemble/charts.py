"""Deterministic PNG bar charts for the report, drawn with Pillow: same data, same bytes."""

from __future__ import annotations

import base64
import functools
import io
import math
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from dossier.i18n import l10n

#: Charts are drawn at 300 dpi, 6 inches wide: sharp in print and in Word.
DPI = 300
WIDTH = 1800
#: The width templates give the <img> in CSS px (96 per inch): 6 inches, within an A4 text block.
DISPLAY_WIDTH = WIDTH * 96 // DPI

# One dark blue for what the edition tells and a light, hatched grey for what it withholds:
# the two differ by lightness and by texture, so they stay apart in greyscale and for readers
# who do not tell colours apart.
INK = (26, 26, 26)
MUTED = (85, 85, 85)
GRID = (215, 215, 215)
SHOWN = (31, 59, 90)
WITHHELD = (200, 200, 200)
HATCH = (110, 110, 110)
WHITE = (255, 255, 255)

LABEL_SIZE = 30  # px at 300 dpi: about 7 pt in print
VALUE_SIZE = 28
MARGIN = 24

# Fonts tried when fontconfig is absent (Debian's fonts-dejavu-core paths).
_FALLBACK_FONTS = {
    False: ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",),
    True: ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",),
}


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its whole count and, when split, the part this edition tells."""

    label: str
    value: int
    shown: int | None = None

    @property
    def withheld(self) -> int:
        return 0 if self.shown is None else max(self.value - self.shown, 0)


@functools.cache
def font_file(bold: bool = False) -> str | None:
    """DejaVu Sans as fontconfig resolves it (``fc-match``), else its usual Debian path."""
    pattern = "DejaVu Sans:bold" if bold else "DejaVu Sans"
    fc_match = shutil.which("fc-match")
    if fc_match:
        try:
            found = subprocess.run(
                [fc_match, "-f", "%{file}", pattern],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            found = ""
        if found and Path(found).is_file():
            return found
    return next((path for path in _FALLBACK_FONTS[bold] if Path(path).is_file()), None)


@functools.cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = font_file(bold)
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(path, size)


def _text_width(font: ImageFont.FreeTypeFont | ImageFont.ImageFont, text: str) -> int:
    left, _top, right, _bottom = font.getbbox(text)
    return math.ceil(right - left)


def _wrap(
    text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int, lines: int = 2
) -> list[str]:
    """Split ``text`` into at most ``lines`` lines that fit ``width``; the last ends with …."""
    words = text.split() or [""]
    result: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if _text_width(font, candidate) <= width or not current:
            current = candidate
        else:
            result.append(current)
            current = word
    result.append(current)
    if len(result) > lines:
        result = [*result[: lines - 1], " ".join(result[lines - 1 :])]
    last = result[-1]
    if _text_width(font, last) > width:
        while last and _text_width(font, last + "…") > width:
            last = last[:-1]
        result[-1] = last.rstrip() + "…"
    return result


def _hatched(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int]) -> None:
    """A light bar with diagonal lines: what is recorded but not told in this edition."""
    x0, y0, x1, y1 = box
    if x1 <= x0 or y1 <= y0:
        return
    draw.rectangle(box, fill=WITHHELD)
    step = 14
    height = y1 - y0
    for start in range(x0 - height, x1, step):
        # Clip each 45° line to the bar.
        ax, ay = start, y1
        bx, by = start + height, y0
        if ax < x0:
            ay -= x0 - ax
            ax = x0
        if bx > x1:
            by += bx - x1
            bx = x1
        if ax <= bx:
            draw.line([(ax, ay), (bx, by)], fill=HATCH, width=3)
    draw.rectangle(box, outline=HATCH, width=2)


def _legend(draw: ImageDraw.ImageDraw, legend: tuple[str, str], y: int, x: int = MARGIN) -> int:
    """Draw the two swatches and their labels from ``x``; return the height used."""
    font = _font(LABEL_SIZE)
    size = 34
    draw.rectangle((x, y, x + size, y + size), fill=SHOWN)
    x += size + 12
    draw.text((x, y + size // 2), legend[0], font=font, fill=INK, anchor="lm")
    x += _text_width(font, legend[0]) + 48
    _hatched(draw, (x, y, x + size, y + size))
    x += size + 12
    draw.text((x, y + size // 2), legend[1], font=font, fill=INK, anchor="lm")
    return size + 28


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    # No text chunks, no timestamps: Pillow writes only IHDR, pHYs, IDAT and IEND here.
    image.save(buffer, format="PNG", dpi=(DPI, DPI), optimize=False, compress_level=9)
    return buffer.getvalue()


def _split(bar: Bar) -> tuple[int, int]:
    """(told, withheld) parts of a bar."""
    if bar.shown is None:
        return bar.value, 0
    shown = min(max(bar.shown, 0), bar.value)
    return shown, bar.value - shown


def horizontal_bars(
    bars: Sequence[Bar], *, lang: str, legend: tuple[str, str] | None = None
) -> bytes:
    """One labelled bar per row, largest scale fitted to the width, its count at its end."""
    label_font = _font(LABEL_SIZE)
    value_font = _font(VALUE_SIZE, bold=True)
    values = [l10n.number(bar.value, lang) for bar in bars]
    label_width = min(
        max((_text_width(label_font, bar.label) for bar in bars), default=0),
        int(WIDTH * 0.36),
    )
    wrapped = [_wrap(bar.label, label_font, label_width) for bar in bars]
    line_height = LABEL_SIZE + 8
    rows = [max(64, len(lines) * line_height + 20) for lines in wrapped]
    top = MARGIN + (0 if legend is None else 62)
    height = top + sum(rows) + MARGIN
    image = Image.new("RGB", (WIDTH, height), WHITE)
    draw = ImageDraw.Draw(image)
    if legend is not None:
        _legend(draw, legend, MARGIN)
    value_room = max((_text_width(value_font, text) for text in values), default=0) + 20
    x0 = MARGIN + label_width + 24
    x1 = WIDTH - MARGIN - value_room
    largest = max((bar.value for bar in bars), default=0) or 1
    scale = (x1 - x0) / largest
    y = top
    for bar, lines, row, value in zip(bars, wrapped, rows, values, strict=True):
        middle = y + row // 2
        text_top = middle - len(lines) * line_height // 2
        for number, line in enumerate(lines):
            draw.text(
                (x0 - 24, text_top + number * line_height + line_height // 2),
                line,
                font=label_font,
                fill=INK,
                anchor="rm",
            )
        shown, withheld = _split(bar)
        thickness = 38
        b0, b1 = middle - thickness // 2, middle + thickness // 2
        end_shown = x0 + round(shown * scale)
        end = x0 + round(bar.value * scale)
        if shown:
            draw.rectangle((x0, b0, end_shown, b1), fill=SHOWN)
        if withheld:
            _hatched(draw, (end_shown, b0, end, b1))
        draw.text((end + 12, middle), value, font=value_font, fill=INK, anchor="lm")
        y += row
    draw.line([(x0, top - 6), (x0, y + 6)], fill=MUTED, width=2)
    return _png(image)


def _nice_step(largest: int, ticks: int = 5) -> int:
    """A gridline step of 1, 2 or 5 × 10^k giving at most ``ticks`` lines above zero."""
    rough = max(largest / ticks, 1)
    magnitude = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= rough:
            return int(factor * magnitude)
    return int(10 * magnitude)


def vertical_bars(
    bars: Sequence[Bar], *, lang: str, legend: tuple[str, str] | None = None
) -> bytes:
    """Columns in the given order (a timeline), labels turned a quarter, gridlines with values."""
    label_font = _font(LABEL_SIZE - 4)
    value_font = _font(VALUE_SIZE - 4, bold=True)
    tick_font = _font(VALUE_SIZE - 4)
    largest = max((bar.value for bar in bars), default=0) or 1
    step = _nice_step(largest)
    top_value = step * math.ceil(largest / step)
    ticks = [l10n.number(value, lang) for value in range(0, top_value + 1, step)]
    tick_room = max(_text_width(tick_font, text) for text in ticks) + 16
    label_room = min(max((_text_width(label_font, bar.label) for bar in bars), default=0), 320)
    top = MARGIN + (0 if legend is None else 62) + VALUE_SIZE + 12
    plot_height = 520
    height = top + plot_height + 16 + label_room + MARGIN
    image = Image.new("RGB", (WIDTH, height), WHITE)
    draw = ImageDraw.Draw(image)
    if legend is not None:
        _legend(draw, legend, MARGIN)
    x0 = MARGIN + tick_room
    x1 = WIDTH - MARGIN
    base = top + plot_height
    scale = plot_height / top_value
    for value, text in zip(range(0, top_value + 1, step), ticks, strict=True):
        y = base - round(value * scale)
        draw.line([(x0, y), (x1, y)], fill=GRID if value else MUTED, width=2)
        draw.text((x0 - 10, y), text, font=tick_font, fill=MUTED, anchor="rm")
    slot = (x1 - x0) / max(len(bars), 1)
    width = max(int(slot * 0.7), 2)
    # Label every bar when there is room, else every n-th, always the first.
    every = max(1, math.ceil((LABEL_SIZE + 6) / slot))
    for index, bar in enumerate(bars):
        centre = x0 + round(slot * index + slot / 2)
        shown, withheld = _split(bar)
        left, right = centre - width // 2, centre - width // 2 + width
        top_shown = base - round(shown * scale)
        top_all = base - round(bar.value * scale)
        if shown:
            draw.rectangle((left, top_shown, right, base), fill=SHOWN)
        if withheld:
            _hatched(draw, (left, top_all, right, top_shown))
        if bar.value and _text_width(value_font, l10n.number(bar.value, lang)) <= slot:
            draw.text(
                (centre, top_all - 6),
                l10n.number(bar.value, lang),
                font=value_font,
                fill=INK,
                anchor="mb",
            )
        if index % every == 0:
            line = _wrap(bar.label, label_font, label_room, lines=1)[0]
            strip = Image.new("L", (label_room, LABEL_SIZE + 8), 0)
            ImageDraw.Draw(strip).text(
                (label_room, (LABEL_SIZE + 8) // 2), line, font=label_font, fill=255, anchor="rm"
            )
            turned = strip.rotate(90, expand=True)
            image.paste(
                Image.new("RGB", turned.size, INK),
                (centre - turned.width // 2, base + 16),
                turned,
            )
    return _png(image)


def data_uri(png: bytes) -> str:
    """The ``data:`` URI an <img> of the template carries (the renderers fetch nothing else)."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
