"""Block-level rendering: one `match` over the document tree's node types."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import assert_never

from docx.shared import Emu, Pt
from docx.text.parfmt import ParagraphFormat

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
from briefing.render.docx import ooxml
from briefing.render.docx.charts import render_chart
from briefing.render.docx.contents import render_contents
from briefing.render.docx.context import TWIPS_PER_MM, Context, Sink
from briefing.render.docx.paging import em_width, fit_scale
from briefing.render.docx.tables import render_key_figures, render_table


def render_body(sink: Sink, blocks: Sequence[Block], ctx: Context) -> list[bool]:
    """Render every block; return, per section, whether it is a cover section."""
    kinds: list[bool] = []
    for index, block in enumerate(blocks):
        local = replace(ctx, break_before=index > 0 and isinstance(blocks[index - 1], PageBreak))
        match block:
            case Cover():
                if sink.last() is not None:  # content before the cover keeps its own section
                    sink.end_section()
                    kinds.append(False)
                _render_cover(sink, block, ctx)
                if index < len(blocks) - 1:
                    sink.end_section()
                    kinds.append(True)
                    continue
                kinds.append(True)
                return kinds
            case Masthead():
                _render_masthead(sink, block, local)
            case Contents():
                render_contents(sink, block, local)
            case Heading():
                _render_heading(sink, block, local)
            case Paragraph():
                _render_paragraph(sink, block, local)
            case NumberedList():
                _render_items(sink, block.items, block.level, local)
            case Table():
                render_table(sink, block, local)
            case Figure():
                _render_figure(sink, block, local)
            case Chart():
                render_chart(sink, block, local)
            case KeyFigures():
                render_key_figures(sink, block, local)
            case PageBreak():
                pass  # realised as "page break before" on the next block: no empty line
            case _:
                assert_never(block)
    kinds.append(False)
    return kinds


def _render_cover(sink: Sink, cover: Cover, ctx: Context) -> None:
    """The cover page: marking, kicker, title, subtitle, addressee, labelled fields."""
    ids = ctx.ids
    if cover.marking:
        sink.paragraph(ids.cover_marking, cover.marking)
    sink.paragraph(ids.cover_kicker, cover.kicker)
    sink.paragraph(ids.cover_title, cover.title)
    if cover.subtitle:
        sink.paragraph(ids.cover_subtitle, cover.subtitle)
    if cover.addressee:
        sink.paragraph(ids.cover_addressee, cover.addressee)
    size = ctx.layout.headings[min(2, len(ctx.layout.headings)) - 1].size
    block_indent = ctx.text_width // 8
    for index, item in enumerate(cover.fields):
        label = item.label  # compose ends it with the locale's separator
        p = sink.paragraph(ids.cover_field, f"{label}{item.value}")
        # Lines of a multi-line value (one member per line) align after the label.
        hanging = round(em_width(label) * size * 20)
        ooxml.set_indent(ooxml.ppr(p), left=block_indent + hanging, hanging=hanging)
        if index == 0:  # the fields sit in the lower half of the page
            ParagraphFormat(p).space_before = Pt(ctx.layout.cover_title.size * 4)


def _render_masthead(sink: Sink, masthead: Masthead, ctx: Context) -> None:
    """A briefing's title block at the top of its first page, closed by a rule."""
    ids = ctx.ids
    if masthead.marking:
        sink.paragraph(ids.cover_marking, masthead.marking)
    sink.paragraph(ids.masthead_kicker, masthead.kicker)
    last = sink.paragraph(ids.masthead_title, masthead.title)
    for text, style in (
        (masthead.subtitle, ids.masthead_subtitle),
        (masthead.addressee, ids.masthead_line),
        (masthead.date_line, ids.masthead_line),
    ):
        if text:
            last = sink.paragraph(style, text)
    ooxml.set_bottom_border(ooxml.ppr(last), ctx.layout.accent.lstrip("#").upper())
    ParagraphFormat(last).space_after = Pt(ctx.layout.body.leading)


def _render_heading(sink: Sink, heading: Heading, ctx: Context) -> None:
    """A heading in its Word heading style, bookmarked for the TOC."""
    p = sink.paragraph(ctx.ids.heading(heading.level), heading.label, break_before=ctx.break_before)
    if not heading.in_contents:  # still a heading style, but kept out of the TOC
        ooxml.set_outline_level(ooxml.ppr(p), 9)
    mark = ctx.bookmarks.get(heading.anchor)
    if mark is not None:
        ooxml.add_bookmark(p, mark.id, mark.name)


def _render_paragraph(sink: Sink, para: Paragraph, ctx: Context) -> None:
    """A body, lead or note paragraph, indented to its list level."""
    ids = ctx.ids
    match para.role:
        case "note":
            style = ids.note
        case "lead":
            style = ids.lead
        case "body":
            style = ids.body if para.first_line_indent else ids.normal
        case _:
            assert_never(para.role)
    p = sink.paragraph(style, para.text, break_before=ctx.break_before)
    indented = para.first_line_indent and para.role != "note"
    if para.indent_level or (para.role == "lead" and indented):
        size = ctx.layout.body.size
        ooxml.set_indent(
            ooxml.ppr(p),
            left=round(
                min(para.indent_level, MAX_INDENT_LEVELS) * ctx.layout.list_indent_mm * TWIPS_PER_MM
            ),
            first_line=round(size * 40) if indented else 0,
            chars=200 if indented else 0,
        )


def label_width(label: str) -> float:
    """Width of a list label in ems, with a gap after a narrow last character (1. → 1.5)."""
    width = em_width(label)
    if label and em_width(label[-1]) < 1:
        width += 0.5
    return math.ceil(width * 2) / 2


def _render_items(sink: Sink, items: Sequence[ListItem], depth: int, ctx: Context) -> None:
    """List items as hanging-indent paragraphs: label, tab, text; children one level in."""
    ids, size = ctx.ids, ctx.layout.body.size
    hanging_em = max((label_width(i.label) for i in items), default=0.0)
    hanging = round(hanging_em * size * 20)
    left = round(min(depth, MAX_INDENT_LEVELS) * ctx.layout.list_indent_mm * TWIPS_PER_MM) + hanging
    for index, item in enumerate(items):
        # A tab that is reached exactly would jump to the next stop, so a label as wide as
        # the hanging indent (一、 among 一、二、) is followed by the text directly.
        gap = "" if em_width(item.label) == hanging_em else "\t"
        p = sink.paragraph(
            ids.list_item,
            f"{item.label}{gap}{item.text}",
            break_before=ctx.break_before and index == 0,
        )
        props = ooxml.ppr(p)
        ooxml.set_tab(props, left)
        ooxml.set_indent(props, left=left, hanging=hanging)
        for extra in item.paragraphs:
            ooxml.set_indent(ooxml.ppr(sink.paragraph(ids.list_continue, extra)), left=left)
        if item.children:
            _render_items(sink, item.children, depth + 1, replace(ctx, break_before=False))


def _render_figure(sink: Sink, figure: Figure, ctx: Context) -> None:
    """A picture scaled into the text area with its caption below, or the caption alone."""
    ids = ctx.ids
    if figure.image is not None:
        inline = ctx.part.new_pic_inline(figure.image)
        extent = inline.extent
        scale = fit_scale(extent.cx, extent.cy, ctx.text_width * 635, ctx.text_height * 635)
        width, height = Emu(round(extent.cx * scale)), Emu(round(extent.cy * scale))
        extent.cx, extent.cy = width, height
        inline.graphic.graphicData.pic.spPr.cx = width
        inline.graphic.graphicData.pic.spPr.cy = height
        p = sink.paragraph(ids.figure, break_before=ctx.break_before)
        p.append(ooxml.picture_run(inline, figure.alt or figure.caption.printed))
        sink.paragraph(ids.caption, figure.caption.printed)
    else:
        sink.paragraph(ids.caption, figure.caption.printed, break_before=ctx.break_before)
