"""Tables and key-figure boxes: named cell styles, header rows that repeat, merged groups."""

from __future__ import annotations

from collections.abc import Sequence

from lxml.etree import _Element

from briefing.document import KeyFigures, Table
from briefing.render.odt.context import Context, Para
from briefing.render.odt.odf import add_text, sub
from briefing.render.odt.pictures import caption_paragraph
from briefing.render.odt.styles import odf_align

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE_VALUE_TYPE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value-type"


def column_widths(weights: Sequence[float], total: float) -> list[float]:
    """Relative widths scaled to `total` points."""
    weight_sum = sum(w for w in weights if w > 0) or 1.0
    return [total * max(w, 0) / weight_sum for w in weights]


def _fit(row: Sequence[str], ncols: int) -> Sequence[str]:
    """Pad or cut a row to the column count (content checks report the mismatch)."""
    if len(row) == ncols:
        return row
    return (*row[:ncols], *("",) * (ncols - len(row)))


def _spans(rows: Sequence[Sequence[str]], grouped: Sequence[int]) -> dict[tuple[int, int], int]:
    """Rows spanned by each filled cell of a grouped column; covered cells map to 0."""
    spans: dict[tuple[int, int], int] = {}
    for col in grouped:
        top = None
        for r, row in enumerate(rows):
            if col >= len(row):
                continue
            if row[col] or top is None:
                top = r
                spans[(r, col)] = 1
            else:
                spans[(top, col)] += 1
                spans[(r, col)] = 0
    return spans


def _cell(row: _Element, cell_style: str, para_style: str, text: str, span: int = 1) -> None:
    """A cell holding `text`, one paragraph (lines split by \\n break within it)."""
    cell = sub(row, "table:table-cell", {"table:style-name": cell_style})
    cell.set(OFFICE_VALUE_TYPE, "string")
    if span > 1:
        cell.set(f"{_T}number-rows-spanned", str(span))
    add_text(sub(cell, "text:p", {"text:style-name": para_style}), text)


def render_table(body: _Element, table: Table, ctx: Context) -> None:
    """Caption above, header rows that repeat on every page, rows that never split."""
    start = ctx.start
    if table.caption:
        caption_paragraph(body, ctx.first(Para("Caption", keep_next=True)), table.caption, ctx)
        start = ""
    if not table.columns or not (table.header or table.rows):  # nothing to lay out
        return
    compact = "Compact" if table.compact else ""
    suffix = "_20_Compact" if table.compact else ""
    widths = column_widths([c.width for c in table.columns], ctx.text_width)
    name = ctx.auto.table(ctx.text_width, start)
    element = sub(
        body, "table:table", {"table:name": f"Table{len(body)}", "table:style-name": name}
    )
    for width in widths:
        sub(element, "table:table-column", {"table:style-name": ctx.auto.column(width)})
    ncols = len(widths)
    header_rows = table.header
    body_rows = [tuple(_fit(r, ncols)) for r in table.rows]
    if table.layout_only:  # arrangement, not data: no header semantics
        body_rows = [tuple(_fit(r, ncols)) for r in header_rows] + body_rows
        header_rows = ()
    if header_rows:
        head = sub(element, "table:table-header-rows")
        for row in header_rows:
            tr = sub(head, "table:table-row", {"table:style-name": "Row"})
            for text in _fit(row, ncols):
                _cell(tr, f"TableHeadCell{compact}", f"Table_20_Heading{suffix}", text)
    aligns = [
        ctx.auto.paragraph(Para(f"Table_20_Contents{suffix}", align=odf_align(c.align)))
        for c in table.columns
    ]
    spans = _spans(body_rows, table.grouped_columns)
    cell_style = f"TableCell{compact}"
    for r, row in enumerate(body_rows):
        tr = sub(element, "table:table-row", {"table:style-name": "Row"})
        for col, text in enumerate(row):
            span = spans.get((r, col), 1)
            if span == 0:
                sub(tr, "table:covered-table-cell")
            else:
                _cell(tr, cell_style, aligns[col], text, span)
    if table.source:
        add_text(sub(body, "text:p", {"text:style-name": "Note"}), table.source)


def render_key_figures(body: _Element, figures: KeyFigures, ctx: Context) -> None:
    """A row of boxes: the value large in the accent colour, its label, its source."""
    start = ctx.start
    if figures.title:
        add_text(
            sub(body, "text:p", {"text:style-name": ctx.first(Para("Caption", keep_next=True))}),
            figures.title,
        )
        start = ""
    if not figures.items:
        return
    widths = column_widths([1.0] * len(figures.items), ctx.text_width)
    name = ctx.auto.table(ctx.text_width, start)
    element = sub(
        body, "table:table", {"table:name": f"Table{len(body)}", "table:style-name": name}
    )
    for width in widths:
        sub(element, "table:table-column", {"table:style-name": ctx.auto.column(width)})
    row = sub(element, "table:table-row", {"table:style-name": "Row"})
    for item in figures.items:
        cell = sub(row, "table:table-cell", {"table:style-name": "KeyFigureCell"})
        cell.set(OFFICE_VALUE_TYPE, "string")
        add_text(sub(cell, "text:p", {"text:style-name": "Key_20_Figure_20_Value"}), item.value)
        add_text(sub(cell, "text:p", {"text:style-name": "Key_20_Figure_20_Label"}), item.label)
        if item.source:
            add_text(
                sub(cell, "text:p", {"text:style-name": "Key_20_Figure_20_Source"}), item.source
            )
