"""Block-level rendering: one `match` over the document tree's node types."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import assert_never

from lxml.etree import _Element

from briefing.document import (
    MAX_INDENT_LEVELS,
    Block,
    Chart,
    Contents,
    Cover,
    Figure,
    Heading,
    KeyFigures,
    ListItem,
    Masthead,
    NumberedList,
    PageBreak,
    Paragraph,
    Table,
)
from briefing.render.odt.contents import render_contents
from briefing.render.odt.context import MM, Break, Context, Para
from briefing.render.odt.numbering import ODF_LEVELS, em_width, widest_label
from briefing.render.odt.odf import add_text, sub
from briefing.render.odt.pictures import render_chart, render_figure
from briefing.render.odt.styles import heading_name
from briefing.render.odt.tables import render_key_figures, render_table


def paragraph(parent: _Element, style: str, text: str = "") -> _Element:
    """Append a text:p of `style` holding `text`."""
    return add_text(sub(parent, "text:p", {"text:style-name": style}), text)


def render_body(body: _Element, blocks: Sequence[Block], ctx: Context) -> None:
    """Render every block into office:text, each starting a page where the tree says."""
    pending: Break = ""
    parent_numbered = True  # whether the last heading shallower than the next one was numbered
    previous_level = 0
    for block in blocks:
        local = replace(ctx, start=pending)
        if not isinstance(block, PageBreak):
            pending = ""
        match block:
            case Cover():
                _render_cover(body, block, replace(local, start="cover"))
                pending = "body"
            case Masthead():
                _render_masthead(body, block, local)
            case Contents():
                render_contents(body, block, local)
            case Heading():
                restart = block.level > previous_level and not parent_numbered
                _render_heading(body, block, local, restart=restart)
                previous_level = block.level
                parent_numbered = bool(block.number) and block.in_contents
            case Paragraph():
                _render_paragraph(body, block, local)
            case NumberedList():
                _render_list(body, block, local)
            case Table():
                render_table(body, block, local)
            case Figure():
                render_figure(body, block, local)
            case Chart():
                render_chart(body, block, local)
            case KeyFigures():
                render_key_figures(body, block, local)
            case PageBreak():
                pending = pending or "page"
            case _:
                assert_never(block)


def _render_cover(body: _Element, cover: Cover, ctx: Context) -> None:
    """The cover page: marking, kicker, title, subtitle, addressee, labelled fields."""
    lines = [("Cover_20_Marking", cover.marking)] if cover.marking else []
    lines.append(("Cover_20_Kicker", cover.kicker))
    lines.append(("Cover_20_Title", cover.title))
    if cover.subtitle:
        lines.append(("Cover_20_Subtitle", cover.subtitle))
    if cover.addressee:
        lines.append(("Cover_20_Addressee", cover.addressee))
    for index, (style, text) in enumerate(lines):
        paragraph(body, ctx.first(Para(style)) if index == 0 else style, text)
    layout = ctx.layout
    size = layout.headings[min(2, len(layout.headings)) - 1].size if layout.headings else 12.0
    block_indent = ctx.text_width / 8
    for index, item in enumerate(cover.fields):
        label = item.label  # compose ends it with the locale's separator
        hanging = em_width(label) * size  # lines of a multi-line value align after the label
        para = Para(
            "Cover_20_Field",
            margin_left=block_indent + hanging,
            text_indent=-hanging,
            space_before=layout.cover_title.size * 4 if index == 0 else None,
        )
        paragraph(body, ctx.auto.paragraph(para), f"{label}{item.value}")


def _render_masthead(body: _Element, masthead: Masthead, ctx: Context) -> None:
    """A briefing's title block at the top of its first page, closed by a rule."""
    lines = [("Cover_20_Marking", masthead.marking)] if masthead.marking else []
    lines.append(("Masthead_20_Kicker", masthead.kicker))
    lines.append(("Masthead_20_Title", masthead.title))
    for text, style in (
        (masthead.subtitle, "Masthead_20_Subtitle"),
        (masthead.addressee, "Masthead_20_Line"),
        (masthead.date_line, "Masthead_20_Line"),
    ):
        if text:
            lines.append((style, text))
    last = len(lines) - 1
    for index, (style, text) in enumerate(lines):
        para = Para(style)
        if index == last:
            para = replace(para, rule_below=ctx.layout.accent, space_after=ctx.layout.body.leading)
        name = ctx.first(para) if index == 0 else ctx.auto.paragraph(para)
        paragraph(body, name, text)


def _render_heading(body: _Element, heading: Heading, ctx: Context, *, restart: bool) -> None:
    """A heading in its outline-levelled style; the outline style prints its number."""
    level = max(heading.level, 1)
    attrs = {
        "text:style-name": ctx.first(Para(heading_name(level, heading.in_contents))),
        "text:outline-level": str(min(level, ODF_LEVELS)),
    }
    # LibreOffice numbers only the styles its outline is assigned to (Heading N), so a
    # heading kept out of the contents (its own style) carries its number as text.
    outlined = ctx.numbered and bool(heading.number) and heading.in_contents
    if ctx.numbered and not outlined:
        attrs["text:is-list-header"] = "true"  # not numbered by the outline, not counted
    elif outlined and restart:  # compose counts afresh under an unnumbered parent
        attrs["text:restart-numbering"] = "true"
        attrs["text:start-value"] = "1"
    h = sub(body, "text:h", attrs)
    add_text(h, heading.text if outlined else heading.label)


def _render_paragraph(body: _Element, para: Paragraph, ctx: Context) -> None:
    """A body, lead or note paragraph, indented to its list level."""
    match para.role:
        case "note":
            style = Para("Note")
        case "lead":
            style = Para("Lead")
        case "body":
            style = Para("Text_20_body" if para.first_line_indent else "Standard")
        case _:
            assert_never(para.role)
    if para.indent_level:
        indent = min(para.indent_level, MAX_INDENT_LEVELS)
        style = replace(style, margin_left=indent * ctx.layout.list_indent_mm * MM)
    if para.role == "lead" and not para.first_line_indent:
        style = replace(style, text_indent=0.0)
    paragraph(body, ctx.first(style), para.text)


def _render_list(body: _Element, block: NumberedList, ctx: Context) -> None:
    """Numbered points: an ODF list counting in the outline format, or literal labels."""
    if not block.items:
        return
    if not ctx.numbered:
        _literal_items(body, block.items, block.level, ctx, first=True)
        return
    name = ctx.list_styles[(block.outline_level, block.level)]
    _list(body, name, block.items, ctx, start=block.start)


def _list(
    parent: _Element, style: str, items: Sequence[ListItem], ctx: Context, *, start: int = 1
) -> None:
    """A text:list of `items`; the first paragraph of each item shows its number."""
    attrs = {"text:style-name": style} if style else {}
    text_list = sub(parent, "text:list", attrs)
    for index, item in enumerate(items):
        entry = sub(text_list, "text:list-item")
        if index == 0 and start != 1:
            entry.set("{urn:oasis:names:tc:opendocument:xmlns:text:1.0}start-value", str(start))
        first = ctx.first(Para("List_20_Item")) if index == 0 else "List_20_Item"
        paragraph(entry, first, item.text)
        for extra in item.paragraphs:
            paragraph(entry, "List_20_Continue", extra)
        if item.children:
            _list(entry, "", item.children, replace(ctx, start=""))
        ctx = replace(ctx, start="")


def _literal_items(
    body: _Element, items: Sequence[ListItem], depth: int, ctx: Context, *, first: bool
) -> None:
    """Points as hanging-indent paragraphs with their printed labels (no number formats)."""
    size = ctx.layout.body.size
    hanging = widest_label(items) * size + 0.5
    left = min(depth, MAX_INDENT_LEVELS) * ctx.layout.list_indent_mm * MM + hanging
    for index, item in enumerate(items):
        para = Para("List_20_Item", margin_left=left, text_indent=-hanging)
        name = ctx.first(para) if first and index == 0 else ctx.auto.paragraph(para)
        paragraph(body, name, f"{item.label}\t{item.text}")
        for extra in item.paragraphs:
            paragraph(body, ctx.auto.paragraph(Para("List_20_Continue", margin_left=left)), extra)
        if item.children:
            _literal_items(body, item.children, depth + 1, ctx, first=False)
