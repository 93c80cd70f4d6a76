"""Render a Document tree to DOCX bytes with python-docx.

Pipeline: page setup → styles (defined once) → blocks → header/footer per section →
properties → reproducible zip. Raw OOXML lives in `ooxml`; nothing here reads a clock.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx

from briefing.document import Document, ListItem, NumberedList
from briefing.render.docx import ooxml, package, sections, styles
from briefing.render.docx.blocks import render_body
from briefing.render.docx.contents import plan_bookmarks
from briefing.render.docx.context import TWIPS_PER_MM, Context, Sink
from briefing.render.docx.numbering import plan_numbering
from briefing.render.docx.styles import (
    HEADING_LEVELS,
    LIST_STYLES,
    Bindings,
    StyleIds,
    define_styles,
)

__all__ = ["render_docx"]


def word_language(tag: str) -> str:
    """The Word language id for a BCP 47 tag: zh-Hant(-TW) → zh-TW; zh-TW by default."""
    parts = [p for p in tag.replace("_", "-").split("-") if p]
    if not parts:
        return "zh-TW"
    if parts[0].lower() == "zh" and (len(parts) == 1 or parts[1].lower() == "hant"):
        return "zh-TW" if len(parts) <= 2 else f"zh-{parts[-1].upper()}"
    return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])


def _depth(items: Sequence[ListItem]) -> int:
    """How many levels a list has."""
    return 1 + max((_depth(item.children) for item in items if item.children), default=0)


def render_docx(document: Document) -> bytes:
    """The document as a .docx file; the same tree always gives the same bytes."""
    layout = document.layout
    metadata = document.metadata
    language = word_language(metadata.language)
    languages = (
        word_language(metadata.latin_language),
        word_language(metadata.east_asian_language),
    )
    doc = docx.Document()
    ooxml.strip_theme(doc.element.body)  # the template's section carries revision ids
    sections.setup_page(doc.sections[0], layout)
    text_width = round(
        (layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm) * TWIPS_PER_MM
    )
    text_height = round(
        (layout.page_height_mm - layout.margin_top_mm - layout.margin_bottom_mm) * TWIPS_PER_MM
    )
    ids = StyleIds()
    # Heading and list styles for the levels in use (and two at least, as a clerk expects).
    levels = max([2, len(layout.headings), *(h.level for h in document.headings())])
    depths = max([2, *(_depth(b.items) for b in document.blocks if isinstance(b, NumberedList))])
    plan = plan_numbering(
        document,
        [ids.heading(level) for level in range(1, min(levels, HEADING_LEVELS) + 1)],
        [ids.list_number(depth) for depth in range(min(depths, LIST_STYLES))],
    )
    bindings = Bindings(
        plan.heading_num, plan.list_num, plan.list_levels, min(levels, HEADING_LEVELS),
        min(depths, LIST_STYLES),
    )  # fmt: skip
    define_styles(doc, layout, languages, text_width, bindings)
    numbering_xml = doc.part.numbering_part.element
    for old in list(numbering_xml):
        numbering_xml.remove(old)
    numbering_xml.extend(plan.definitions)
    bookmarks, end = plan_bookmarks(document)
    ctx = Context(
        part=doc.part,
        ids=ids,
        layout=layout,
        text_width=text_width,
        text_height=text_height,
        bookmarks=bookmarks,
        headings=document.headings(),
        numbering=plan,
    )
    sink = Sink(doc.element.body)
    covers = render_body(sink, document.blocks, ctx)
    sink.mark_end(end.id, end.name)
    sections.furnish(doc, layout, ids, covers, end)
    parts = [doc.element, numbering_xml]
    for section in doc.sections:
        parts.extend((section.header._element, section.footer._element))
    styles.prune(doc, parts)
    package.set_properties(doc, document.metadata, language)
    package.drop_template_extras(doc)
    package.tidy_settings(doc, *languages)
    out = io.BytesIO()
    doc.save(out)
    return package.reproducible_zip(out.getvalue(), layout.docx_fonts)
