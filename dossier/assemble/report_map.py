"""The report's map of incidents by commune: an SVG drawn offline over bundled coastlines.

Each commune is a circle whose area is proportional to the incidents recorded there, placed at
the average of their coordinates rounded as the audience's coordinates are (about 1 km for the
public), so the map never locates an incident more finely than the edition's tables do. The
coast and the Belgian border are Natural Earth's (public domain, :mod:`channel_coast`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from dossier.assemble import channel_coast
from dossier.i18n import l10n

__all__ = ["MapPoint", "draw_map"]

WIDTH = 600  # SVG user units; the <img> is given the charts' display width
_MARGIN = 0.06  # degrees around the communes and the coast box
_INK = "#1a1a1a"
_COAST = "#555555"
_SHOWN = "#1f3b5a"

_NAMES = {
    "fr": (
        ("Manche", 1.42, 50.72),
        ("Mer du Nord", 2.25, 51.2),
        ("Belgique", 2.75, 50.93),
        ("France", 2.0, 50.75),
    ),
    "en": (
        ("English Channel", 1.42, 50.72),
        ("North Sea", 2.25, 51.2),
        ("Belgium", 2.75, 50.93),
        ("France", 2.0, 50.75),
    ),
}


@dataclass(frozen=True)
class MapPoint:
    """A commune on the map: its name, the incidents recorded there, where it is drawn."""

    label: str
    count: int
    longitude: float
    latitude: float


def draw_map(points: Sequence[MapPoint], lang: str) -> str:
    """The SVG text of the map: same points, same text."""
    west, south, east, north = channel_coast.BOX
    for point in points:
        west = min(west, point.longitude - _MARGIN)
        east = max(east, point.longitude + _MARGIN)
        south = min(south, point.latitude - _MARGIN)
        north = max(north, point.latitude + _MARGIN)
    # An equirectangular projection true to scale at the middle latitude: over 100 km, the
    # error is far below the 1 km rounding of the points.
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / ((east - west) * squeeze)
    height = round((north - south) * scale)

    def xy(longitude: float, latitude: float) -> tuple[float, float]:
        return (
            round((longitude - west) * squeeze * scale, 1),
            round((north - latitude) * scale, 1),
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="DejaVu Sans, sans-serif">',
        f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="{height - 1}" fill="#ffffff" '
        f'stroke="{_COAST}"/>',
    ]
    for line in channel_coast.COAST:
        path = " ".join(f"{x},{y}" for x, y in (xy(*point) for point in line))
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{_COAST}" stroke-width="1.5"/>'
        )
    for line in channel_coast.BORDER:
        path = " ".join(f"{x},{y}" for x, y in (xy(*point) for point in line))
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{_COAST}" stroke-width="1" '
            'stroke-dasharray="4 3"/>'
        )
    for name, longitude, latitude in _NAMES[lang]:
        x, y = xy(longitude, latitude)
        parts.append(
            f'<text x="{x}" y="{y}" font-size="11" font-style="italic" fill="{_COAST}" '
            f'text-anchor="middle">{escape(name)}</text>'
        )
    largest = max((point.count for point in points), default=1)
    ordered = sorted(points, key=lambda point: (point.longitude, point.latitude, point.label))
    for position, point in enumerate(ordered):
        x, y = xy(point.longitude, point.latitude)
        radius = round(3 + 17 * math.sqrt(point.count / largest), 1)
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{_SHOWN}" fill-opacity="0.55" '
            f'stroke="{_SHOWN}"/>'
        )
        # Neighbouring communes (Dunkirk, Grande-Synthe, Loon-Plage) are a few km apart:
        # their labels go alternately above left and below right of their circles.
        above = position % 2 == 0
        dy = -(radius + 3) if above else radius + 12
        anchor = "end" if above else "start"
        label = f"{point.label} ({l10n.number(point.count, lang)})"
        parts.append(
            f'<text x="{x}" y="{round(y + dy, 1)}" font-size="12" fill="{_INK}" '
            f'text-anchor="{anchor}">{escape(label)}</text>'
        )
    # A 10 km scale bar, bottom left.
    ten_km = 10 / (111.32 * squeeze) * squeeze * scale
    bar_y = height - 16
    parts.append(
        f'<line x1="16" y1="{bar_y}" x2="{round(16 + ten_km, 1)}" y2="{bar_y}" '
        f'stroke="{_INK}" stroke-width="2"/>'
    )
    parts.append(f'<text x="16" y="{bar_y - 5}" font-size="11" fill="{_INK}">10 km</text>')
    parts.append(
        f'<text x="{WIDTH - 8}" y="{height - 8}" font-size="9" fill="{_COAST}" '
        f'text-anchor="end">{escape(channel_coast.SOURCE)}</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)
