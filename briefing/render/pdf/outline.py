"""Headings: a text box that also leaves a named destination and a PDF outline entry."""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable

from briefing.document import Heading
from briefing.render.pdf.context import Env
from briefing.render.pdf.fonts import clean
from briefing.render.pdf.styles import TextSpec
from briefing.render.pdf.tags import Elem
from briefing.render.pdf.textbox import TextBox


class HeadingBox(TextBox):
    """A heading: the number hangs, the text wraps after it; bookmarked under `anchor`."""

    def __init__(self, env: Env, heading: Heading, spec: TextSpec, tag: Elem) -> None:
        """Set `heading` in `spec`, tagged as `tag` (H1…H6)."""
        super().__init__(env, clean(heading.text), spec, label=clean(heading.number), tag=tag)
        self.anchor = heading.anchor
        self.level = heading.level
        self.title = clean(heading.label).replace("\n", " ")

    def split(self, aw: float, ah: float) -> list[Flowable]:
        """Never split a heading (the keep rules move it whole)."""
        return []

    def draw(self) -> None:
        """Draw the heading and register its destination and outline entry."""
        state = self.env.state
        # In footer numbering, for the contents (set when the file is saved).
        page = self.canv.getPageNumber() - state.cover_pages
        state.heading_pages.setdefault(self.anchor, page)
        canv = self.canv
        canv.bookmarkHorizontal(self.anchor, 0, self.height + self.spaceBefore)
        # reportlab nests an entry under the previous one and refuses jumps of more
        # than one level (a level-3 heading right under a level-1 one).
        level = min(max(self.level - 1, 0), state.outline_level + 1)
        state.outline_level = level
        canv.addOutlineEntry(self.title, self.anchor, level, closed=level >= 1)
        super().draw()
