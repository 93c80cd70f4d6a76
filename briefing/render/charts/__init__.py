"""Charts for both renderers: a reportlab Drawing (PDF, vector) and a PNG of it (DOCX).

Register the faces with reportlab first (`register_faces`, or the PDF renderer's own
registration), with the chart's strings (`chart_texts`) among the prepared characters.
"""

from __future__ import annotations

from collections.abc import Iterator

from briefing.document import Chart
from briefing.render.charts.draw import ACCENT, chart_drawing
from briefing.render.charts.raster import rasterise
from briefing.render.charts.text import ChartFaces, register_faces

__all__ = ["ACCENT", "ChartFaces", "chart_drawing", "chart_png", "chart_texts", "register_faces"]

CHART_CHARS = "0123456789.,%()"
"""Characters a chart adds to its content: tick labels, shares and the unit line."""


def chart_png(
    chart: Chart,
    width_pt: float,
    faces: ChartFaces,
    dpi: int = 200,
    accent: str = ACCENT,
    *,
    size: float = 9.0,
) -> bytes:
    """Return `chart` drawn `width_pt` wide as a PNG of width_pt / 72 × dpi pixels."""
    return rasterise(chart_drawing(chart, width_pt, faces, accent, size=size), dpi)


def chart_texts(chart: Chart) -> Iterator[str]:
    """Yield every string a chart may draw, for preparing the font subsets."""
    yield CHART_CHARS
    yield chart.unit
    yield chart.unit_label
    for item in chart.items:
        yield item.label
        yield item.text
