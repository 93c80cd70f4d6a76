"""The render context and the sink that block renderers write into."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.parts.document import DocumentPart
from docx.text.parfmt import ParagraphFormat
from lxml.etree import _Element

from briefing.document import Heading, Layout
from briefing.render.docx import ooxml
from briefing.render.docx.styles import StyleIds

if TYPE_CHECKING:  # numbering imports the page estimate, which imports the chart renderer
    from briefing.render.docx.numbering import Numbering

TWIPS_PER_MM = 1440 / 25.4


@dataclass(frozen=True)
class Bookmark:
    """Where a heading can be linked to, and the page it is estimated to be on."""

    id: int
    name: str
    page: int | None


@dataclass(frozen=True)
class Context:
    """What block renderers need, handed down explicitly (replaced, never mutated)."""

    part: DocumentPart
    ids: StyleIds
    layout: Layout
    text_width: int
    """Width of the text area in twips."""
    text_height: int
    bookmarks: Mapping[str, Bookmark]
    """Bookmark of each heading, by anchor."""
    headings: tuple[Heading, ...]
    numbering: Numbering
    """Numbering of headings, lists and captions, planned for the whole document."""
    block: int = -1
    """Index of the block being rendered (the key of the numbering plan)."""
    break_before: bool = False
    """The block starts a new page (it follows a PageBreak)."""


class Sink:
    """Appends block-level elements to the body, before its final section properties."""

    def __init__(self, body: _Element) -> None:
        """Write into `body`, whose last child is its section properties."""
        self._end = body[-1]

    def add(self, el: _Element) -> _Element:
        """Append a paragraph or table; a spacer keeps two tables from merging."""
        previous = self._end.getprevious()
        if ooxml.is_table(el) and previous is not None and ooxml.is_table(previous):
            self._end.addprevious(ooxml.paragraph(StyleIds.normal))
        self._end.addprevious(el)
        return el

    def last(self) -> _Element | None:
        """The element added last, if any."""
        return self._end.getprevious()

    def end_section(self) -> None:
        """Close the current section at the last paragraph (adding one after a table)."""
        last = self.last()
        if last is None or ooxml.is_table(last):
            last = self.paragraph(StyleIds.normal)
        ooxml.end_section(last, self._end)

    def mark_end(self, bookmark_id: int, name: str) -> None:
        """Bookmark the last paragraph of the body (adding one after a final table)."""
        last = self.last()
        if last is None or ooxml.is_table(last):
            last = self.paragraph(StyleIds.normal)
        ooxml.add_bookmark(last, bookmark_id, name)

    def paragraph(self, style_id: str, text: str = "", *, break_before: bool = False) -> _Element:
        """Append a paragraph of `style_id` holding `text`."""
        return self.add(new_paragraph(style_id, text, break_before=break_before))


def new_paragraph(style_id: str, text: str = "", *, break_before: bool = False) -> _Element:
    """A paragraph of `style_id` holding `text` as one run."""
    p = ooxml.paragraph(style_id)
    if text:
        p.append(ooxml.text_run(text))
    if break_before:
        ParagraphFormat(p).page_break_before = True
    return p
