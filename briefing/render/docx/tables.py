"""Tables and key-figure boxes: fixed-layout Word tables of the document's table styles."""

from __future__ import annotations

from collections.abc import Sequence

from docx.text.parfmt import ParagraphFormat

from briefing.document import KeyFigures, Table
from briefing.render.docx import ooxml, tablexml
from briefing.render.docx.captions import caption_paragraph
from briefing.render.docx.context import Context, Sink, new_paragraph


def column_widths(weights: Sequence[float], total: int) -> list[int]:
    """Relative widths scaled to `total` twips; the last column takes the rounding."""
    weight_sum = sum(w for w in weights if w > 0) or 1.0
    widths = [round(total * max(w, 0) / weight_sum) for w in weights]
    if widths:
        widths[-1] += total - sum(widths)
    return widths


def merges(rows: Sequence[Sequence[str]], grouped: Sequence[int]) -> list[list[str]]:
    """Vertical merge of each cell: empty cells of grouped columns continue the one above."""
    marks = [[""] * len(row) for row in rows]
    for col in grouped:
        start: int | None = None  # the row whose filled cell the empty ones continue
        for r, row in enumerate(rows):
            if col >= len(row):
                start = None
            elif row[col]:
                start = r
            elif start is not None:
                marks[start][col] = "restart"
                marks[r][col] = "continue"
    return marks


def render_table(sink: Sink, table: Table, ctx: Context) -> None:
    """Caption above, header rows that repeat, rows that never split, source below."""
    ids = ctx.ids
    if table.caption:
        caption = caption_paragraph(sink, table.caption, ctx, break_before=ctx.break_before)
        ParagraphFormat(caption).keep_with_next = True
    if not table.columns:  # nothing to lay out (content checks report it)
        return
    widths = column_widths([c.width for c in table.columns], ctx.text_width)
    styles = [ids.table_cell(c.align) for c in table.columns]
    header = bool(table.header) and not table.layout_only
    tbl = tablexml.table(
        ids.table_compact if table.compact else ids.table, ctx.text_width, widths, header=header
    )
    ncols = len(widths)
    for head_row in table.header:
        tr = tablexml.add_row(tbl, header=header)
        for col, text in enumerate(_fit(head_row, ncols)):
            style = ids.table_head if header else styles[col]
            tablexml.add_cell(tr, widths[col]).append(new_paragraph(style, text))
    rows = [_fit(row, ncols) for row in table.rows]
    marks = merges(rows, table.grouped_columns)
    for row, row_marks in zip(rows, marks, strict=True):
        tr = tablexml.add_row(tbl, header=False)
        for col, text in enumerate(row):
            tc = tablexml.add_cell(tr, widths[col], row_marks[col])
            tc.append(new_paragraph(styles[col], text))
    if ctx.break_before and not table.caption:
        first = tbl.find(".//" + ooxml.qn("w:p"))
        ParagraphFormat(first).page_break_before = True
    sink.add(tbl)
    if table.source:
        sink.paragraph(ids.note, table.source)  # left-aligned under a table, as in the PDF


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
    tbl = tablexml.table(ids.key_table, ctx.text_width, widths, header=False)
    tr = tablexml.add_row(tbl, header=False)
    for width, item in zip(widths, figures.items, strict=True):
        tc = tablexml.add_cell(tr, width)
        tc.append(new_paragraph(ids.key_value, item.value))
        tc.append(new_paragraph(ids.key_label, item.label))
        if item.source:
            tc.append(new_paragraph(ids.key_source, item.source))
    if ctx.break_before and not figures.title:
        ParagraphFormat(tbl.find(".//" + ooxml.qn("w:p"))).page_break_before = True
    sink.add(tbl)
