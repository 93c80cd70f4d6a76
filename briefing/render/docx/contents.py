"""The table of contents: one paragraph per heading, linked, with a PAGEREF page number.

Not wrapped in a TOC field: LibreOffice freezes a TOC field's cached entries, but lays out
PAGEREF fields itself, so its page numbers are right; Word shows the cached estimates
until fields are updated, and never asks to update them on opening.
"""

from __future__ import annotations

from briefing.document import Contents, Document
from briefing.render.docx import ooxml
from briefing.render.docx.context import Bookmark, Context, Sink
from briefing.render.docx.paging import estimate_pages

END_BOOKMARK = "_End"
"""Hidden bookmark on the document's last paragraph: its page is the body's total."""


def plan_bookmarks(document: Document) -> tuple[dict[str, Bookmark], Bookmark]:
    """A bookmark for every heading, by anchor, and one for the end, with estimated pages."""
    pages = estimate_pages(document)
    headings = document.headings()
    marks = {
        heading.anchor: Bookmark(index, f"_Toc{index:06d}", pages.headings.get(heading.anchor))
        for index, heading in enumerate(headings, start=1)
    }
    return marks, Bookmark(len(headings) + 1, END_BOOKMARK, pages.last)


def render_contents(sink: Sink, contents: Contents, ctx: Context) -> None:
    """目次 title, then one `toc N` paragraph per heading up to the contents' depth."""
    ids = ctx.ids
    sink.paragraph(ids.toc_title, contents.title, break_before=ctx.break_before)
    depth = max(contents.depth, 1)
    for heading in ctx.headings:
        if not heading.in_contents or heading.level > depth:
            continue
        p = sink.paragraph(ids.toc(heading.level))
        mark = ctx.bookmarks[heading.anchor]
        page = "" if mark.page is None else str(mark.page)
        ooxml.toc_entry(p, heading.label, mark.name, page)
