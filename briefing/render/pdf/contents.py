"""The table of contents: one entry per heading, dot leaders, page numbers, links."""

from __future__ import annotations

from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.flowables import Flowable

from briefing.document import Contents, Document, Heading
from briefing.render.pdf.canvas import BriefingCanvas
from briefing.render.pdf.context import Ctx, Env
from briefing.render.pdf.fonts import Measured, clean
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
        """Draw the label; leave places for the leader and the page number (known once
        every page is laid out); link the entry to its heading."""
        canv = self.canv
        assert isinstance(canv, BriefingCanvas)
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
        if char_space:
            tx.setCharSpace(0)
        canv.drawText(tx)
        last = self._lines[-1] if self._lines else Line(0, 0, 0.0, True)
        leader_start = self.indent + last.width + size / 2
        with marked(canv, None):
            canv.draw_later(lambda later: self._leader(later, leader_start, y))
        with marked(canv, self.tag):
            canv.draw_later(lambda later: self._number(later, y))
        rect = (self.indent, 0.0, self.width, self.height)
        canv.tagged_link(self.tag, self.text, self.anchor, rect)

    def _page(self) -> tuple[str, Measured, float]:
        """Return the heading's page number, its glyphs and its width (once laid out)."""
        number = str(self.env.state.heading_pages.get(self.anchor, ""))
        box = self.env.faces.measure(number, self.spec.bold)
        return number, box, sum(box.advances) * self.spec.size

    def _number(self, tx: PDFTextObject, y: float) -> None:
        """Set the page number flush right on the entry's last line."""
        number, box, width = self._page()
        left = self.spec.but(align="left")
        set_line(tx, box, Line(0, len(number), width, True), self.width - width, y, 0, left)

    def _leader(self, tx: PDFTextObject, x0: float, y: float) -> None:
        """Draw dots at a fixed pitch from x0 to one gap before the page number (whatever
        its width), the last dot ending there."""
        size = self.spec.size
        x1 = self.width - self._page()[2] - LEADER_GAP * size
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
