"""Charts in the PDF: the shared vector drawing (briefing.render.charts), caption and
source line below, in the faces this render registered."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.flowables import Flowable

from briefing.document import Chart
from briefing.render.charts import chart_drawing, register_faces
from briefing.render.pdf.context import Ctx, Env
from briefing.render.pdf.fonts import clean
from briefing.render.pdf.replay import DrawnText, record_runs
from briefing.render.pdf.stack import Stack
from briefing.render.pdf.tags import Elem, marked
from briefing.render.pdf.textbox import TextBox

WIDTH_SHARE = 0.9
"""Chart width as a share of the text width (centred)."""


class ChartBox(Flowable):
    """A chart drawing, centred."""

    def __init__(self, env: Env, chart: Chart, size: float, tag: Elem) -> None:
        """Prepare `chart` with its text at `size` points, tagged as Figure `tag`."""
        super().__init__()
        self.env = env
        self.tag = tag
        self.chart = chart
        self.size = size
        self.spaceBefore = size
        self._drawing: Drawing | None = None

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        """Return the full width and the drawing's height."""
        if self._drawing is None or self._drawing.width != aw * WIDTH_SHARE:
            self._drawing = self._make(aw * WIDTH_SHARE)
        self.width = aw
        self.height = self._drawing.height
        return aw, self.height

    def _make(self, width: float) -> Drawing:
        """The chart's drawing at `width`, built once per chart, width and faces (drawing
        it leaves it as it was, so a warm process draws the same drawing again)."""
        faces = self.env.faces
        accent = self.env.styles.accent
        key = self._key(width)
        drawing: Drawing | None = faces.layout(key)
        if drawing is None:
            # The faces are registered already; this only names them for the drawing.
            names = register_faces(faces.fontset)
            drawing = chart_drawing(self.chart, width, names, accent, size=self.size)
            # The renderer starts from Helvetica unless told otherwise (it would be
            # referenced, unembedded, in every PDF with a chart).
            drawing.initialFontName = names.regular
            faces.keep_layout(key, drawing)
        return drawing

    def _key(self, width: float) -> tuple[object, ...]:
        """Everything the chart's drawing at `width` depends on, besides the faces."""
        return ("chart", self.chart, width, self.env.styles.accent, self.size)

    def split(self, aw: float, ah: float) -> list[Flowable]:
        """Never split a chart."""
        return []

    def draw(self) -> None:
        """Draw the chart; replay its operators when this process drew the same chart at
        the same place of its box before and this document codes its labels' characters
        as that one did (see `DrawnText`)."""
        drawing = self._drawing
        if drawing is None:
            return
        canv: Canvas = self.canv
        x = (self.width - drawing.width) / 2
        # The renderer sets a size without a face from the canvas's face: part of the key.
        key = ("chart-ops", self._key(drawing.width), x, canv._fontname, canv._fontsize)
        # The chart's own labels are part of the figure; its alternative text says all.
        with marked(canv, self.tag):
            found = self.env.faces.layout(key)
            if isinstance(found, DrawnText) and found.fits(canv._doc):
                canv._code.extend(op for op in found.ops if op is not None)
                return
            start = len(canv._code)
            runs: list[tuple[str, str]] = []
            begin_text = canv.beginText

            def recording_text(*args: Any, **kwargs: Any) -> PDFTextObject:
                return record_runs(begin_text(*args, **kwargs), runs)

            canv.beginText = recording_text  # type: ignore[method-assign]
            try:
                drawing.drawOn(canv, x, 0)
            finally:
                del canv.beginText  # the class's own again
            ops = tuple(canv._code[start:])
            self.env.faces.keep_layout(key, DrawnText.record(ops, runs, canv._doc))


def chart_flowable(ctx: Ctx, chart: Chart) -> Flowable:
    """Return the chart with its caption and source line below."""
    env = ctx.env
    styles = env.styles
    figure = ctx.add_tag("Figure", alt=clean(chart.alt or chart.caption.printed))
    caption = ctx.add_tag("Caption")
    after: list[Flowable] = [
        TextBox(env, clean(chart.caption.printed), styles.caption, tag=caption)
    ]
    if chart.source:
        source = styles.note.but(align="center")
        after.append(TextBox(env, clean(chart.source), source, tag=ctx.add_tag("P")))
    return Stack((), ChartBox(env, chart, styles.table.size, figure), after)
