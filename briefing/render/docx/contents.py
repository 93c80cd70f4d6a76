"""The table of contents: a real TOC field, pre-filled with the document's headings."""

from __future__ import annotations

from briefing.document import Contents, Document
from briefing.render.docx import ooxml
from briefing.render.docx.context import Bookmark, Context, Sink
from briefing.render.docx.paging import estimate_pages


def plan_bookmarks(document: Document) -> dict[str, Bookmark]:
    """A bookmark for every heading, with its estimated page, by anchor."""
    pages = estimate_pages(document)
    return {
        heading.anchor: Bookmark(index, f"_Toc{index:06d}", pages.get(heading.anchor))
        for index, heading in enumerate(document.headings(), start=1)
    }


def render_contents(sink: Sink, contents: Contents, ctx: Context) -> None:
    """目次 title, then TOC 1…N paragraphs inside one TOC field spanning them all."""
    ids = ctx.ids
    sink.paragraph(ids.toc_title, contents.title, break_before=ctx.break_before)
    depth = max(contents.depth, 1)
    entries = [h for h in ctx.headings if h.in_contents and h.level <= depth]
    start = ooxml.field_start(f'TOC \\o "1-{depth}" \\h \\z \\u')
    if not entries:  # Word fills an empty field when it updates it
        p = sink.paragraph(ids.toc(1))
        p.extend([*start, ooxml.field_end()])
        return
    for index, heading in enumerate(entries):
        p = sink.paragraph(ids.toc(heading.level))
        if index == 0:
            p.extend(start)
        mark = ctx.bookmarks[heading.anchor]
        page = "" if mark.page is None else str(mark.page)
        ooxml.toc_entry(p, heading.label, mark.name, page)
        if index == len(entries) - 1:
            p.append(ooxml.field_end())
