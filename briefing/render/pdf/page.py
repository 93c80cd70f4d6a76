"""Page templates (cover and body), running header, footer and the document template."""

from __future__ import annotations

from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.frames import Frame

from briefing.document import Document
from briefing.render.furniture import running_title
from briefing.render.pdf.canvas import BriefingCanvas
from briefing.render.pdf.context import Env
from briefing.render.pdf.flowables import BODY_TEMPLATE, COVER_TEMPLATE
from briefing.render.pdf.fonts import clean
from briefing.render.pdf.styles import TextSpec, color
from briefing.render.pdf.tags import marked
from briefing.render.pdf.text import Line
from briefing.render.pdf.textbox import set_line

HEADER_GAP = 8.0
"""Distance from the top of the text frame up to the header rule, in points."""
FOOTER_GAP = 12.0
"""Distance from the bottom of the text frame down to the footer's top, in points."""


class BriefingDocTemplate(BaseDocTemplate):
    """The document template: a cover page template and a body one with furniture."""

    def __init__(self, out: IO[bytes], env: Env, document: Document, cover: bool) -> None:
        """Lay out `document` into `out`; the first page uses the cover template if `cover`."""
        layout = document.layout
        meta = document.metadata
        super().__init__(
            out,
            pagesize=(layout.page_width_mm * mm, layout.page_height_mm * mm),
            leftMargin=layout.margin_left_mm * mm,
            rightMargin=layout.margin_right_mm * mm,
            topMargin=layout.margin_top_mm * mm,
            bottomMargin=layout.margin_bottom_mm * mm,
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            keywords=", ".join(meta.keywords),
            creator="briefing",
            lang=meta.language,
            invariant=1,
            pageCompression=1,
            # A TrueType initial font: otherwise every page references Helvetica.
            initialFontName=env.faces.main(False),
        )
        self.env = env
        self.layout = layout
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="text",
        )
        templates = [
            PageTemplate(BODY_TEMPLATE, [frame], onPage=self._body_page),
        ]
        cover_template = PageTemplate(COVER_TEMPLATE, [frame], onPage=self._cover_page)
        templates.insert(0 if cover else 1, cover_template)
        self.addPageTemplates(templates)

    def _cover_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """Count a cover page; it carries no furniture."""
        state = self.env.state
        state.pages += 1
        state.cover_pages += 1

    def _body_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """Count a page and draw its header and footer."""
        state = self.env.state
        state.pages += 1
        assert isinstance(canv, BriefingCanvas)
        with marked(canv, None, kind="Pagination"):
            self._draw_furniture(canv, state.pages - state.cover_pages)

    def _draw_furniture(self, canv: BriefingCanvas, page: int) -> None:
        """Draw the header, its rule and the footer (page furniture: an artifact); the
        footer is set once the page total is known."""
        env = self.env
        layout = self.layout
        spec = env.styles.furniture
        left = self.leftMargin
        right = self.leftMargin + self.width
        top = self.bottomMargin + self.height + HEADER_GAP
        canv.saveState()
        tx = canv.beginText()
        tx.setFillColor(color(spec.color))
        baseline = top + spec.size * 0.45
        if layout.header_text:
            # The same shortened title as the DOCX and ODT, which cannot measure.
            title = clean(running_title(layout))
            _put(tx, env, title, spec, left, baseline, self.width, "left")
        if layout.marking:
            _put(
                tx,
                env,
                clean(layout.marking),
                spec.but(color=layout.accent, bold=True),
                left,
                baseline,
                self.width,
                "right",
            )
        foot_y = self.bottomMargin - FOOTER_GAP - spec.size

        def footer(later: PDFTextObject) -> None:
            pages = env.state.numbered_pages
            text = layout.footer_format.replace("{page}", str(page))
            later.setFillColor(color(spec.color))
            _put(later, env, clean(text.replace("{pages}", str(pages))), spec, left, foot_y,
                 self.width, "center")  # fmt: skip

        # An empty ActualText keeps header and footer out of copied and extracted text
        # (Acrobat, poppler), so a paragraph that crosses a page comes out whole.
        canv.addLiteral(f"/Span <</ActualText {NO_TEXT}>> BDC")
        canv.drawText(tx)
        canv.draw_later(footer)
        canv.addLiteral("EMC")
        canv.setStrokeColor(color(layout.accent))
        canv.setLineWidth(0.6)
        canv.line(left, top, right, top)
        canv.restoreState()


NO_TEXT = "<FEFF>"
"""An empty text string (UTF-16 byte order mark only)."""


def _put(
    tx: Any, env: Env, text: str, spec: TextSpec, x: float, y: float, width: float, align: str
) -> None:
    """Set a one-line string on `tx` aligned within [x, x + width]."""
    measured = env.faces.measure(text, spec.bold)
    line = Line(0, len(text), sum(measured.advances) * spec.size, True)
    if spec.color != env.styles.furniture.color:
        tx.setFillColor(color(spec.color))
    set_line(tx, measured, line, x, y, width, spec.but(align=align))
    if spec.color != env.styles.furniture.color:
        tx.setFillColor(color(env.styles.furniture.color))
