"""Charts in the DOCX: the PDF's vector drawing as a 200 dpi picture, with alternative text.

Both formats draw with briefing.render.charts and the same (PDF) faces, so a chart
looks the same in Word as in the PDF.
"""

from __future__ import annotations

import io

from docx.shared import Emu

from briefing.document import Chart, Layout
from briefing.fonts import prepare_fonts
from briefing.render.charts import (
    ChartFaces,
    chart_drawing,
    chart_png,
    chart_texts,
    register_faces,
)
from briefing.render.docx import ooxml
from briefing.render.docx.captions import caption_paragraph
from briefing.render.docx.context import Context, Sink

WIDTH_SHARE = 0.9
"""Chart width as a share of the text width (as in the PDF)."""
DPI = 200
_EMU_PER_PT = 12700


def _faces(chart: Chart, layout: Layout) -> ChartFaces:
    """The PDF's faces for the chart's text, prepared and registered with reportlab."""
    fonts = layout.pdf_fonts
    chars = {ch for text in chart_texts(chart) for ch in text}
    return register_faces(prepare_fonts(chars, (fonts.main, *fonts.fallbacks), fonts.latin))


def chart_height(chart: Chart, text_width_pt: float, layout: Layout) -> float:
    """Height in points of the chart as drawn (for the page estimate of the contents)."""
    drawing = chart_drawing(
        chart,
        text_width_pt * WIDTH_SHARE,
        _faces(chart, layout),
        layout.accent,
        size=layout.table.size,
    )
    return float(drawing.height)


def chart_picture(chart: Chart, ctx: Context) -> tuple[bytes, float]:
    """The chart as PNG bytes and its width in points."""
    layout = ctx.layout
    width_pt = ctx.text_width / 20 * WIDTH_SHARE
    png = chart_png(
        chart, width_pt, _faces(chart, layout), DPI, layout.accent, size=layout.table.size
    )
    return png, width_pt


def render_chart(sink: Sink, chart: Chart, ctx: Context) -> None:
    """The chart picture, centred, then its caption and source line."""
    if not chart.items:
        return
    png, width_pt = chart_picture(chart, ctx)
    inline = ctx.part.new_pic_inline(io.BytesIO(png))
    extent = inline.extent
    scale = width_pt * _EMU_PER_PT / extent.cx  # the PNG's dpi decides its natural size
    width, height = Emu(round(extent.cx * scale)), Emu(round(extent.cy * scale))
    extent.cx, extent.cy = width, height
    inline.graphic.graphicData.pic.spPr.cx = width
    inline.graphic.graphicData.pic.spPr.cy = height
    p = sink.paragraph(ctx.ids.figure, break_before=ctx.break_before)
    p.append(ooxml.picture_run(inline, chart.alt or chart.caption.printed))
    caption_paragraph(sink, chart.caption, ctx)
    if chart.source:
        sink.paragraph(ctx.ids.source, chart.source)
