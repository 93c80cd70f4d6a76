"""Chart nodes as reportlab Drawings: horizontal bars, vertical columns, or a pie."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib.colors import Color, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing.document import Chart, ChartItem
from briefing.render.charts.scale import axis, color, is_percent, percent, tick_label, ticks, tint
from briefing.render.charts.text import ChartFaces, balanced

ACCENT = "#1F3864"
INK = color("#262626")
"""Labels and values: near-black reads as black but sits softer beside the bars."""
MUTED = color("#595959")
"""Tick labels and the unit line."""
AXIS = color("#8C8C8C")
GRID = color("#D9D9D9")
ASCENT = 0.36
"""Baseline offset (in em) that centres a CJK line on a point: the ideographic box's middle."""
LEADING = 1.25
SMALL = 0.88
"""Size of tick labels and the unit line, relative to the chart text."""
MAX_LABEL_LINES = 3
"""Most lines a column label may take before the chart is drawn as bars instead."""


@dataclass
class Pen:
    """Adds shapes and text to a drawing in the chart's faces and size."""

    drawing: Drawing
    faces: ChartFaces
    size: float

    def font(self, texts: Iterable[str], *, bold: bool = False) -> str:
        """Return one face for a group of strings (all labels, all values, all ticks)."""
        # One face per group: a year set in the Latin face beside a Chinese label set in
        # the CJK face would look a size apart.
        return self.faces.face("".join(texts), bold)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        font: str,
        anchor: str = "start",
        *,
        small: bool = False,
        fill: Color = INK,
    ) -> None:
        """Add one line of text with its baseline at y (anchor: start, middle or end)."""
        size = self.size * (SMALL if small else 1.0)
        self.drawing.add(
            String(x, y, text, fontName=font, fontSize=size, fillColor=fill, textAnchor=anchor)
        )

    def width(self, text: str, font: str, *, small: bool = False) -> float:
        """Return the width of `text` in `font` at the chart (or small) size."""
        return stringWidth(text, font, self.size * (SMALL if small else 1.0))

    def lines(self, text: str, width: float, font: str) -> list[str]:
        """Return `text` broken into even lines no wider than `width`."""
        return balanced(text, width, lambda s: self.width(s, font))

    def rect(self, x: float, y: float, w: float, h: float, fill: Color) -> None:
        """Add a filled rectangle without outline."""
        self.drawing.add(Rect(x, y, w, h, fillColor=fill, strokeColor=None, strokeWidth=0))

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: Color, w: float) -> None:
        """Add a straight line."""
        self.drawing.add(Line(x1, y1, x2, y2, strokeColor=stroke, strokeWidth=w))


def chart_drawing(
    chart: Chart, width: float, faces: ChartFaces, accent: str = ACCENT, *, size: float = 9.0
) -> Drawing:
    """Return `chart` drawn `width` points wide; its height follows the kind and the items."""
    faces.check()
    items = [
        ChartItem(" ".join(i.label.split()), _value(i.value), " ".join(i.text.split()))
        for i in chart.items
    ]
    drawing = Drawing(width, 0)
    if not items:
        return drawing
    pen = Pen(drawing, faces, size)
    match chart.kind:
        case "bar":
            drawing.height = _bars(pen, chart, items, width, accent)
        case "column":
            # Columns too narrow for their labels read better as bars than as a text tower.
            height = _columns(pen, chart, items, width, accent)
            if height is None:
                height = _bars(pen, chart, items, width, accent)
            drawing.height = height
        case _:
            drawing.height = _pie(pen, items, width, accent)
    return drawing


def _value(value: float) -> float:
    """Return a drawable length: negative and non-finite values draw as nothing."""
    value = float(value)  # YAML and hand-built nodes may hold ints
    return value if math.isfinite(value) and value > 0 else 0.0


def _unit_line(pen: Pen, chart: Chart) -> str:
    """Return the axis title for a non-percent unit, e.g. 單位：萬人 ('' when not needed)."""
    unit = chart.unit.strip()
    if not unit or is_percent(unit):
        return ""
    # The words are the locale's; fall back to characters every font subset carries.
    label = chart.unit_label
    return label if label and pen.faces.covers(label) else f"({unit})"


@dataclass(frozen=True)
class Scale:
    """A value axis from 0 to `top`, its tick marks and the fonts of the chart's text groups."""

    top: float
    marks: list[tuple[float, str]]
    tick: str
    label: str
    value: str


def _scale(pen: Pen, chart: Chart, items: list[ChartItem]) -> Scale:
    """Return the value axis of a bar or column chart and its fonts."""
    values = [i.value for i in items]
    top, step = axis(values, chart.maximum, all(v.is_integer() for v in values))
    marks = [(t, tick_label(t, step, chart.unit, top >= 10000)) for t in ticks(top, step)]
    return Scale(
        top,
        marks,
        tick=pen.font(text for _, text in marks),
        label=pen.font(i.label for i in items),
        value=pen.font((i.text for i in items), bold=True),
    )


def _bars(pen: Pen, chart: Chart, items: list[ChartItem], width: float, accent: str) -> float:
    """Draw horizontal bars, first item on top; return the height used."""
    s, lead = pen.size, pen.size * LEADING
    sc = _scale(pen, chart, items)
    labels = [pen.lines(i.label, width * 0.36, sc.label) for i in items]
    label_w = max(pen.width(line, sc.label) for lines in labels for line in lines)
    x0 = label_w + 0.7 * s
    avail = width - x0
    plot = avail - pen.width(sc.marks[-1][1], sc.tick, small=True) / 2
    for item in items:
        # The longest bar must leave room for its value label inside the drawing.
        share = item.value / sc.top
        if share > 0:
            plot = min(plot, (avail - 0.4 * s - pen.width(item.text, sc.value)) / share)
    rows = [max(2.2 * s, len(lines) * lead + 0.9 * s) for lines in labels]
    unit = _unit_line(pen, chart)
    below = 1.7 * s + (lead if unit else 0.0)
    height = 0.3 * s + sum(rows) + below
    y_top, y_bottom = height - 0.3 * s, below

    for t, _ in sc.marks[1:]:
        x = x0 + plot * t / sc.top
        pen.line(x, y_bottom, x, y_top, GRID, 0.5)
    y = y_top
    for item, lines, row in zip(items, labels, rows, strict=True):
        mid = y - row / 2
        bar = plot * item.value / sc.top
        first = mid + (len(lines) - 1) * lead / 2 - ASCENT * s
        # Label before value: the PDF's text then reads (and copies) in that order.
        for k, line in enumerate(lines):
            pen.text(label_w, first - k * lead, line, sc.label, "end")
        pen.rect(x0, mid - 0.65 * s, bar, 1.3 * s, color(accent))
        pen.text(x0 + bar + 0.4 * s, mid - ASCENT * s, item.text, sc.value)
        y -= row
    pen.line(x0, y_bottom, x0, y_top, AXIS, 0.75)
    for t, text in sc.marks:
        x = x0 + plot * t / sc.top
        pen.text(x, y_bottom - 1.15 * s, text, sc.tick, "middle", small=True, fill=MUTED)
    if unit:
        pen.text(x0 + plot, 0.3 * s, unit, pen.font([unit]), "end", small=True, fill=MUTED)
    return height


def _columns(
    pen: Pen, chart: Chart, items: list[ChartItem], width: float, accent: str
) -> float | None:
    """Draw vertical columns with values on top and labels below; return the height used.

    Draw nothing and return None when a label needs more than three lines or a value is
    wider than its column's slot.
    """
    s, lead = pen.size, pen.size * LEADING
    sc = _scale(pen, chart, items)
    x0 = max(pen.width(text, sc.tick, small=True) for _, text in sc.marks) + 0.6 * s
    slot = (width - x0) / len(items)
    labels = [pen.lines(i.label, slot - 0.6 * s, sc.label) for i in items]
    values_w = max(pen.width(i.text, sc.value) for i in items)
    if max(len(lines) for lines in labels) > MAX_LABEL_LINES or values_w > slot - 0.3 * s:
        return None
    label_h = max(len(lines) for lines in labels) * lead + 0.6 * s
    plot = min(max(0.28 * width, 8 * s), 14 * s)
    unit = _unit_line(pen, chart)
    y0 = label_h
    height = y0 + plot + 1.5 * s + (lead if unit else 0.0)

    for t, text in sc.marks:
        y = y0 + plot * t / sc.top
        if t > 0:
            pen.line(x0, y, width, y, GRID, 0.5)
        base = y - ASCENT * SMALL * s
        pen.text(x0 - 0.5 * s, base, text, sc.tick, "end", small=True, fill=MUTED)
    bar_w = min(0.5 * slot, 4.5 * s)
    for k, (item, lines) in enumerate(zip(items, labels, strict=True)):
        mid = x0 + (k + 0.5) * slot
        h = plot * item.value / sc.top
        for j, line in enumerate(lines):
            pen.text(mid, y0 - 1.25 * s - j * lead, line, sc.label, "middle")
        pen.rect(mid - bar_w / 2, y0, bar_w, h, color(accent))
        pen.text(mid, y0 + h + 0.45 * s, item.text, sc.value, "middle")
    pen.line(x0, y0, width, y0, AXIS, 0.75)
    if unit:
        pen.text(0, height - 0.95 * s, unit, pen.font([unit]), small=True, fill=MUTED)
    return height


def _pie(pen: Pen, items: list[ChartItem], width: float, accent: str) -> float:
    """Draw a pie clockwise from 12 o'clock with a legend of values and shares."""
    s = pen.size
    total = sum(i.value for i in items)
    shares = [percent(100 * i.value / total if total else 0.0) for i in items]
    n = len(items)
    # The first slice in the accent, later ones lighter: a trailing "rest" is the palest.
    fills = [tint(accent, 0.78 * k / (n - 1) if n > 1 else 0.0) for k in range(n)]
    label_f = pen.font(i.label for i in items)
    value_f = pen.font(i.text for i in items)
    share_f = pen.font(shares, bold=True)
    label_w = max(pen.width(i.label, label_f) for i in items)
    value_w = max(pen.width(i.text, value_f) for i in items)
    share_w = max(pen.width(text, share_f) for text in shares)
    key, row, gap = 0.9 * s, 1.9 * s, 2.5 * s
    legend_w = key + 0.6 * s + label_w + 1.5 * s + value_w + 1.2 * s + share_w
    height = max(min(0.34 * width, 16 * s), n * row + 2 * s)
    radius = max(min(height / 2 - 0.5 * s, (width - legend_w - gap) / 2), 2 * s)
    left = max((width - 2 * radius - gap - legend_w) / 2, 0.0)
    cx, cy = left + radius, height / 2

    start = 90.0
    for item, fill in zip(items, fills, strict=True):
        extent = 360.0 * item.value / total if total else 0.0
        if extent > 0:
            pen.drawing.add(_slice(cx, cy, radius, start, extent, fill))
        start -= extent
    x = left + 2 * radius + gap
    y = cy + (n - 1) * row / 2
    for item, fill, share in zip(items, fills, shares, strict=True):
        pen.rect(x, y - key / 2, key, key, fill)
        base = y - ASCENT * s
        pen.text(x + key + 0.6 * s, base, item.label, label_f)
        pen.text(x + legend_w - share_w - 1.2 * s, base, item.text, value_f, "end")
        pen.text(x + legend_w, base, share, share_f, "end")
        y -= row
    return height


def _slice(cx: float, cy: float, r: float, start: float, extent: float, fill: Color) -> Polygon:
    """Return one slice from `start` degrees, `extent` degrees clockwise, as a polygon."""
    # Polygons (1° chords, <0.01 pt off the arc) draw the same in PDF and in the raster.
    steps = max(2, math.ceil(extent))
    points: list[float] = []
    for k in range(steps + 1):
        a = math.radians(start - extent * k / steps)
        points += [cx + r * math.cos(a), cy + r * math.sin(a)]
    if extent < 359.99:
        points += [cx, cy]
    # Round joins keep the white separators from spiking at the centre of thin slices.
    return Polygon(points, fillColor=fill, strokeColor=white, strokeWidth=0.75, strokeLineJoin=1)
