"""Tables and key-figure boxes, built as fixed-layout Word tables."""

from __future__ import annotations

from collections.abc import Sequence

from docx.text.parfmt import ParagraphFormat
from lxml.etree import _Element

from briefing.document import Align, KeyFigures, Table
from briefing.render.docx import ooxml
from briefing.render.docx.context import Context, Sink, new_paragraph
from briefing.render.docx.styles import CELL_PADDING

_JC: dict[Align, str] = {"left": "left", "center": "center", "right": "right", "justify": "both"}
_BORDER = "808080"
"""Thin grey rules: visible in print without the weight of black grids."""


def tint(color: str, amount: float) -> str:
    """`color` (#RRGGBB) mixed with white; amount 1.0 is white."""
    rgb = color.lstrip("#")
    channels = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c + (255 - c) * amount):02X}" for c in channels)


def column_widths(weights: Sequence[float], total: int) -> list[int]:
    """Relative widths scaled to `total` twips; the last column takes the rounding."""
    weight_sum = sum(w for w in weights if w > 0) or 1.0
    widths = [round(total * max(w, 0) / weight_sum) for w in weights]
    if widths:
        widths[-1] += total - sum(widths)
    return widths


def _cell(tr: _Element, width: int, style: str, text: str, align: str, fill: str = "") -> None:
    """Append a cell holding one paragraph of `text`."""
    tc = ooxml.add_cell(tr, width, fill, "center")
    p = new_paragraph(style, text)
    ooxml.set_align(ooxml.ppr(p), align)
    tc.append(p)


def render_table(sink: Sink, table: Table, ctx: Context) -> None:
    """Caption above, header rows that repeat, rows that never split, source below."""
    ids = ctx.ids
    if table.caption:
        caption = sink.paragraph(ids.caption, table.caption.printed, break_before=ctx.break_before)
        ParagraphFormat(caption).keep_with_next = True
    if not table.columns:  # nothing to lay out (content checks report it)
        return
    widths = column_widths([c.width for c in table.columns], ctx.text_width)
    jc = [_JC[c.align] for c in table.columns]
    if table.compact:
        text_style, head_style = ids.table_text_compact, ids.table_head_compact
    else:
        text_style, head_style = ids.table_text, ids.table_head
    tbl = ooxml.table(ctx.text_width, widths, _BORDER, *CELL_PADDING[table.compact])
    fill = tint(ctx.layout.accent, 0.85)
    ncols = len(widths)
    for row in table.header:
        tr = ooxml.add_row(tbl, header=True)
        for col, text in enumerate(_fit(row, ncols)):
            _cell(tr, widths[col], head_style, text, "center", fill)
    for row in table.rows:
        tr = ooxml.add_row(tbl, header=False)
        for col, text in enumerate(_fit(row, ncols)):
            _cell(tr, widths[col], text_style, text, jc[col])
    if ctx.break_before and not table.caption:
        first = tbl.find(".//" + ooxml.qn("w:p"))
        ParagraphFormat(first).page_break_before = True
    sink.add(tbl)
    if table.source:
        sink.paragraph(ids.note, table.source)


def _fit(row: Sequence[str], ncols: int) -> Sequence[str]:
    """Pad or cut a row to the column count (content checks report the mismatch)."""
    if len(row) == ncols:
        return row
    return (*row[:ncols], *("",) * (ncols - len(row)))


def render_key_figures(sink: Sink, figures: KeyFigures, ctx: Context) -> None:
    """A row of boxes: the value large in the accent colour, its label, its source."""
    ids = ctx.ids
    if figures.title:
        title = sink.paragraph(ids.caption, figures.title, break_before=ctx.break_before)
        ParagraphFormat(title).keep_with_next = True
    if not figures.items:
        return
    widths = column_widths([1.0] * len(figures.items), ctx.text_width)
    accent = ctx.layout.accent.lstrip("#").upper()
    tbl = ooxml.table(ctx.text_width, widths, accent, *CELL_PADDING[False])
    tr = ooxml.add_row(tbl, header=False)
    fill = tint(ctx.layout.accent, 0.92)
    for width, item in zip(widths, figures.items, strict=True):
        tc = ooxml.add_cell(tr, width, fill, "top")
        tc.append(new_paragraph(ids.key_value, item.value))
        tc.append(new_paragraph(ids.key_label, item.label))
        if item.source:
            tc.append(new_paragraph(ids.key_source, item.source))
    if ctx.break_before and not figures.title:
        ParagraphFormat(tbl.find(".//" + ooxml.qn("w:p"))).page_break_before = True
    sink.add(tbl)
