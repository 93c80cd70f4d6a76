"""The table of contents: one entry per heading, dot leaders, page numbers, links."""

from __future__ import annotations

from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.flowables import Flowable

from briefing.document import Contents, Document, Heading
from briefing.render.pdf.canvas import BriefingCanvas
from briefing.render.pdf.context import Ctx, Env
from briefing.render.pdf.fonts import clean
from briefing.render.pdf.styles import TextSpec
from briefing.render.pdf.tags import Elem, marked
from briefing.render.pdf.text import Line
from briefing.render.pdf.textbox import TextBox, set_line

NUMBER_EMS = 2.5
"""Width of the page-number column, in em."""
LEADER_PITCH = 0.5
"""Distance between leader dots, in em."""
LEADER_GAP = 0.3
"""Space between the last leader dot and the page number, in em."""


class ContentsEntry(Flowable):
    """One contents line: heading label, dot leader, right-aligned page number, a link."""

    def __init__(
        self, env: Env, heading: Heading, spec: TextSpec, indent: float, tag: Elem
    ) -> None:
        """Make the entry of `heading`, indented `indent` points, tagged as Link `tag`."""
        super().__init__()
        self.env = env
        self.tag = tag
        self.anchor = heading.anchor
        self.text = clean(heading.label).replace("\n", " ")
        self.spec = spec
        self.indent = indent
        self.spaceBefore = spec.space_before
        self.spaceAfter = spec.space_after
        self._lines: list[Line] = []

    def _number_width(self) -> float:
        """Return the width kept free for the page number."""
        return NUMBER_EMS * self.spec.size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        """Break the label so it leaves room for leader and page number."""
        avail = aw - self.indent - self._number_width() - self.spec.size
        self._lines = self.env.lines(self.text, self.spec, avail, avail)
        self.width = aw
        self.height = len(self._lines) * self.spec.leading
        return aw, self.height

    def draw(self) -> None:
        """Draw the label, the leader and the page number; link the entry to its heading."""
        state = self.env.state
        if not state.drawing:
            return
        canv = self.canv
        spec = self.spec
        faces = self.env.faces
        size = spec.size
        top_pad = (spec.leading - size) / 2 + faces.ascent * size
        measured = faces.measure(self.text, spec.bold)
        tx = canv.beginText()
        code: list[str] = tx._code
        left = spec.but(align="left")
        char_space = 0.0
        y = self.height - top_pad
        kerns = self.env.kerns(self.text, size)
        with marked(canv, self.tag, code):
            for i, line in enumerate(self._lines):
                y = self.height - i * spec.leading - top_pad
                char_space = set_line(
                    tx, measured, line, self.indent, y, self.width, left, char_space, kerns
                )
        last = self._lines[-1] if self._lines else Line(0, 0, 0.0, True)
        number = str(state.known_pages.get(self.anchor, ""))
        number_box = faces.measure(number, spec.bold)
        number_width = sum(number_box.advances) * size
        right = self.width - number_width
        # Leaders end one gap before the number, whatever its width.
        leader_end = right - LEADER_GAP * size
        with marked(canv, None, code):
            self._leader(tx, self.indent + last.width + size / 2, leader_end, y)
        with marked(canv, self.tag, code):
            set_line(tx, number_box, Line(0, len(number), number_width, True), right, y, 0, left)
        if char_space:
            tx.setCharSpace(0)
        canv.drawText(tx)
        rect = (self.indent, 0.0, self.width, self.height)
        if isinstance(canv, BriefingCanvas):
            canv.tagged_link(self.tag, self.text, self.anchor, rect)

    def _leader(self, tx: PDFTextObject, x0: float, x1: float, y: float) -> None:
        """Draw dots at a fixed pitch between x0 and x1, the last one ending at x1."""
        size = self.spec.size
        pitch = LEADER_PITCH * size
        dot = self.env.faces.width(".", size)
        count = int((x1 - dot - x0) // pitch) + 1
        first = x1 - dot - (count - 1) * pitch
        if count <= 0:
            return
        measured = self.env.faces.measure(".", False)
        tx.setTextOrigin(first, y)
        tx.setFont(measured.fonts[0], size)
        tx.setCharSpace(pitch - measured.advances[0] * size)
        tx._textOut("." * count)
        tx.setCharSpace(0)


def contents_flowables(ctx: Ctx, block: Contents, document: Document) -> list[Flowable]:
    """Return the contents title and one entry per heading in the contents."""
    env = ctx.env
    styles = env.styles
    title_spec = styles.heading(1).but(align="center")
    out: list[Flowable] = [TextBox(env, clean(block.title), title_spec, tag=ctx.add_tag("P"))]
    toc = ctx.add_tag("TOC")
    tags = env.state.tags
    body = styles.body.but(align="left", space_before=0.0, space_after=0.0)
    for heading in document.headings():
        if not heading.in_contents or heading.level > block.depth:
            continue
        level = max(heading.level, 1)
        spec = body.but(space_before=body.size / 2) if level == 1 else body
        link = tags.add(tags.add(toc, "TOCI"), "Link")
        indent = (level - 1) * 2 * body.size
        out.append(ContentsEntry(env, heading, spec, indent=indent, tag=link))
    return out
