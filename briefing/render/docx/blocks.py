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
from briefing.render.docx.captions import caption_paragraph
from briefing.render.docx.charts import render_chart
from briefing.render.docx.contents import render_contents
from briefing.render.docx.context import TWIPS_PER_MM, Context, Sink
from briefing.render.docx.numbering import heading_text
from briefing.render.docx.paging import em_width, fit_scale
from briefing.render.docx.tables import render_key_figures, render_table


def render_body(sink: Sink, blocks: Sequence[Block], ctx: Context) -> list[bool]:
    """Render every block; return, per section, whether it is a cover section."""
    kinds: list[bool] = []
    for index, block in enumerate(blocks):
        after_break = index > 0 and isinstance(blocks[index - 1], PageBreak)
        local = replace(ctx, block=index, break_before=after_break)
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
                num_id = ctx.numbering.lists.get(index)
                if num_id is None:
                    _render_labelled(sink, block.items, block.level, 0, local)
                else:
                    _render_numbered(sink, block.items, num_id, 0, local)
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
    _render_cover_fields(sink, cover, ctx)


def _render_cover_fields(sink: Sink, cover: Cover, ctx: Context) -> None:
    """Labels (bold) in one column and values in the next, the block centred as in the PDF."""
    # Each field is a paragraph: label, tab, value; a hanging indent as wide as the label
    # column keeps further lines of the value (one member per line) in the value column.
    if not cover.fields:
        return
    size = ctx.layout.body.size + 1  # the Cover Field style's size
    width = ctx.text_width / 20
    labels = [f.label for f in cover.fields]  # compose ends each with the locale's separator
    label_w = max(em_width(label) for label in labels) * size + 2
    lines = [line for f in cover.fields for line in f.value.split("\n")]
    value_w = max((em_width(line) for line in lines), default=0.0) * size + 2
    value_w = min(max(value_w, width * 0.35), width - label_w)
    left = round((max((width - label_w - value_w) / 2, 0.0) + label_w) * 20)
    hanging = round(label_w * 20)
    for index, (label, item) in enumerate(zip(labels, cover.fields, strict=True)):
        p = sink.paragraph(ctx.ids.cover_field)
        p.append(ooxml.text_run(label, style=ctx.ids.cover_label))
        p.append(ooxml.text_run(f"\t{item.value}"))
        props = ooxml.ppr(p)
        ooxml.set_tab(props, left)
        ooxml.set_indent(props, left=left, hanging=hanging)
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
    """A heading in its Word heading style (which numbers it), bookmarked for the TOC."""
    text = heading_text(heading, ctx.numbering)
    p = sink.paragraph(ctx.ids.heading(heading.level), text, break_before=ctx.break_before)
    ref = ctx.numbering.headings.get(heading.anchor)
    if ref is not None and ref.direct:  # a restart, or out of the style's numbering
        ooxml.set_numbering(ooxml.ppr(p), ref.num_id, ref.ilvl)
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


def _render_numbered(
    sink: Sink, items: Sequence[ListItem], num_id: int, depth: int, ctx: Context
) -> None:
    """Items numbered by Word (list instance `num_id`); children one level deeper."""
    ids = ctx.ids
    for index, item in enumerate(items):
        p = sink.paragraph(
            ids.list_number(depth), item.text, break_before=ctx.break_before and index == 0
        )
        ooxml.set_numbering(ooxml.ppr(p), num_id, depth)
        for extra in item.paragraphs:
            sink.paragraph(ids.list_continue(depth), extra)
        if item.children:
            _render_numbered(
                sink, item.children, num_id, depth + 1, replace(ctx, break_before=False)
            )


def _render_labelled(
    sink: Sink, items: Sequence[ListItem], indent: int, depth: int, ctx: Context
) -> None:
    """Items whose labels Word cannot number: label, tab, text, with a hanging indent."""
    ids, size = ctx.ids, ctx.layout.body.size
    hanging_em = max((label_width(i.label) for i in items), default=0.0)
    hanging = round(hanging_em * size * 20)
    step = ctx.layout.list_indent_mm * TWIPS_PER_MM
    left = round(min(indent, MAX_INDENT_LEVELS) * step) + hanging
    for index, item in enumerate(items):
        # A tab that is reached exactly would jump to the next stop, so a label as wide as
        # the hanging indent (一、 among 一、二、) is followed by the text directly.
        gap = "" if em_width(item.label) == hanging_em else "\t"
        p = sink.paragraph(
            ids.list_number(depth),
            f"{item.label}{gap}{item.text}",
            break_before=ctx.break_before and index == 0,
        )
        props = ooxml.ppr(p)
        off = ctx.numbering.literal.get(ctx.block, 0)
        if off:  # the style numbers; this label is text
            ooxml.set_numbering(props, off, depth)
        ooxml.set_tab(props, left)
        ooxml.set_indent(props, left=left, hanging=hanging)
        for extra in item.paragraphs:
            more = sink.paragraph(ids.list_continue(depth), extra)
            ooxml.set_indent(ooxml.ppr(more), left=left)
        if item.children:
            _render_labelled(
                sink, item.children, indent + 1, depth + 1, replace(ctx, break_before=False)
            )


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
        caption_paragraph(sink, figure.caption, ctx)
    else:
        caption_paragraph(sink, figure.caption, ctx, break_before=ctx.break_before)
