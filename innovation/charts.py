"""Chart geometry, one module for the pages and the PDF reports.

Each function returns plain numbers and strings (coordinates, polygons, wrapped
label lines) that a template draws as inline SVG; :func:`bar_chart_svg` also
writes the bar chart as an SVG string for WeasyPrint. Every chart comes with a
table (or a text) as its accessible alternative where it is shown.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from django.utils.formats import number_format

RADAR_SIZE = 320
RADAR_RADIUS = 110
CHART_COLOURS = ("#1d3f8f", "#2f6fb0", "#0b7a75", "#8a4b00", "#6b3fa0")


def radar_chart(*, steps: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Geometry of a radar chart of step scores (0–100); steps without a score sit at the centre."""
    centre = RADAR_SIZE / 2
    count = max(len(steps), 1)

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        radius = RADAR_RADIUS * value / 100
        return round(centre + radius * math.cos(angle), 1), round(centre + radius * math.sin(angle), 1)

    rings = [" ".join(f"{x},{y}" for x, y in (point(i, level) for i in range(count))) for level in (25, 50, 75, 100)]
    axes = []
    for index, step in enumerate(steps):
        x, y = point(index, 100)
        lx, ly = point(index, 118)
        axes.append({"x": x, "y": y, "label_x": lx, "label_y": ly + 4, "label": step["position"]})
    shape = [point(index, step["score"] or 0) for index, step in enumerate(steps)]
    return {
        "size": RADAR_SIZE,
        "centre": centre,
        "rings": rings,
        "axes": axes,
        "polygon": " ".join(f"{x},{y}" for x, y in shape),
        "dots": [{"x": x, "y": y} for x, y in shape],
    }


def progress_chart(*, scores: Sequence[float | None]) -> dict[str, Any]:
    """Geometry of a line chart of overall scores (0–100) across successive assessments."""
    width, height, left, top, bottom = 480, 200, 40, 10, 30
    inner_w, inner_h = width - left - 20, height - top - bottom
    count = len(scores)
    points = []
    for index, score in enumerate(scores):
        x = left + (inner_w * index / (count - 1) if count > 1 else inner_w / 2)
        y = top + inner_h * (1 - (score or 0) / 100)
        points.append({"x": round(x, 1), "y": round(y, 1), "number": index + 1})
    return {
        "width": width,
        "height": height,
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "grid_lines": [{"y": round(top + inner_h * (1 - v / 100), 1), "value": v} for v in (0, 50, 100)],
        "left": left,
        "right": width - 20,
        "baseline": height - bottom + 18,
    }


BAR_LABEL_WIDTH = 200  # px for the labels, wrapped on words within it
BAR_LABEL_CHARS = 34  # characters a 10 px label line holds in that width
BAR_WIDTH = 260
BAR_LINE = 12  # px between two lines of a label
BAR_GAP = 8


def bar_chart(
    *, bars: Sequence[tuple[str, float | None]], maximum: float | None = None, unit: str = "", decimals: int = 0
) -> dict[str, Any]:
    """Geometry of a horizontal bar chart: each label wrapped whole on as many lines as it needs, never cut."""
    maximum = maximum or max([value or 0 for _label, value in bars] + [1])
    rows = []
    y = 4
    for index, (label, value) in enumerate(bars):
        lines = textwrap.wrap(str(label), width=BAR_LABEL_CHARS, break_on_hyphens=False) or [""]
        height = max(len(lines) * BAR_LINE + 4, 18)
        width = 0.0 if not value else BAR_WIDTH * float(value) / float(maximum)
        shown = "—" if value is None else number_format(value, decimal_pos=decimals) + unit
        rows.append(
            {
                "lines": lines,
                "y": y,
                "bar_y": y + (height - 14) / 2,
                "text_y": y + BAR_LINE - 2,
                "value_y": y + (height - 14) / 2 + 11,
                "width": round(width, 1),
                "shown": shown,
                "colour": CHART_COLOURS[index % len(CHART_COLOURS)],
            }
        )
        y += height + BAR_GAP
    return {
        "label_width": BAR_LABEL_WIDTH,
        "width": BAR_LABEL_WIDTH + BAR_WIDTH + 70,
        "height": y,
        "rows": rows,
        "line": BAR_LINE,
    }


def bar_chart_svg(
    *, bars: Sequence[tuple[str, float | None]], title: str, maximum: float | None = None, unit: str = "",
    decimals: int = 0,
) -> str:  # fmt: skip
    """The bar chart as an SVG string (WeasyPrint draws it as vectors)."""
    chart = bar_chart(bars=bars, maximum=maximum, unit=unit, decimals=decimals)
    left = chart["label_width"]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{chart["width"]}" height="{chart["height"]}" '
        f'viewBox="0 0 {chart["width"]} {chart["height"]}">',
        f"<title>{escape(title)}</title>",
    ]
    for row in chart["rows"]:
        spans = "".join(
            f'<tspan x="{left - 6}" dy="{0 if index == 0 else chart["line"]}">{escape(line)}</tspan>'
            for index, line in enumerate(row["lines"])
        )
        parts.append(
            f'<text x="{left - 6}" y="{row["text_y"]}" text-anchor="end" font-size="10" fill="#212529">{spans}</text>'
            f'<rect x="{left}" y="{row["bar_y"]}" width="{row["width"]}" height="14" fill="{row["colour"]}"/>'
            f'<text x="{left + row["width"] + 4:.1f}" y="{row["value_y"]}" font-size="10" fill="#212529">'
            f"{escape(row['shown'])}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
