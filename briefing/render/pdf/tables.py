"""Tables (cells set as text boxes, header rows repeating) and key-figure callouts."""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable
from reportlab.platypus.tables import Table as RLTable
from reportlab.platypus.tables import TableStyle

from briefing.document import KeyFigures, Table
from briefing.render.pdf.colwidths import Cell, Extent, balanced_widths, text_extent
from briefing.render.pdf.context import Ctx, Env
from briefing.render.pdf.fonts import clean
from briefing.render.pdf.stack import Stack
from briefing.render.pdf.styles import GREY, TextSpec, color, tint
from briefing.render.pdf.tags import Elem, marked
from briefing.render.pdf.textbox import TextBox

RULE = 0.5
"""Width of table grid lines, in points."""
ROW_PAGE_SHARE = 0.3
"""Cells taller than this share of the text frame continue in further rows."""
EMPTY: list[Flowable] = []
"""An empty cell: no flowables (a "" cell would make reportlab set Helvetica)."""


def base_commands(env: Env) -> list[tuple[object, ...]]:
    """Return table style commands every table needs: our font as the cell default
    (reportlab sets the cell font even for flowable cells; Helvetica would be embedded)."""
    return [("FONT", (0, 0), (-1, -1), env.faces.main(False))]


def cell(env: Env, text: str, spec: TextSpec, tag: Elem | None = None) -> object:
    """Return a table cell: a text box tagged as `tag`, or nothing for empty text."""
    text = clean(text)
    return TextBox(env, text, spec, tag=tag) if text else EMPTY


class TaggedTable(RLTable):
    """A reportlab table whose fills and rules are drawn as artifacts (the cells' text
    boxes tag themselves)."""

    def _drawBkgrnd(self) -> None:
        with marked(self.canv, None):
            super()._drawBkgrnd()

    def _drawLines(self) -> None:
        with marked(self.canv, None):
            super()._drawLines()


def _fit_row(
    cells: list[object], widths: list[float], limit: float, whole: set[int]
) -> list[list[object]]:
    """Return the row, or several rows when a cell is taller than `limit`: the long
    cells continue in rows below (reportlab cannot split a row cleanly). Cells in
    columns `whole` (merged down the rows) are never cut."""
    chunks: list[list[object]] = []
    for col, (value, width) in enumerate(zip(cells, widths, strict=True)):
        if isinstance(value, TextBox) and col not in whole:
            per_row = max(int(limit // value.spec.leading), 1)
            chunks.append(list(value.chunks(width, per_row)))
        else:
            chunks.append([value])
    count = max((len(c) for c in chunks), default=1)
    if count <= 1:
        return [cells]
    return [[c[k] if k < len(c) else EMPTY for c in chunks] for k in range(count)]


def _groups(block: Table) -> dict[tuple[int, int], int]:
    """Return (row, column) -> rows spanned, for the first cell of each merged run in
    the grouped columns (empty cells continue the filled cell above)."""
    spans: dict[tuple[int, int], int] = {}
    ncols = len(block.columns)
    for col in block.grouped_columns:
        if not 0 <= col < ncols:
            continue
        top = -1
        for r, cells in enumerate(block.rows):
            text = cells[col] if col < len(cells) else ""
            if text.strip() or top < 0:
                top = r
                spans[(r, col)] = 1
            else:
                spans[(top, col)] += 1
    return {k: v for k, v in spans.items() if v > 1}


def _extents(
    env: Env, block: Table, head: TextSpec, specs: list[TextSpec]
) -> tuple[list[Extent], list[list[Cell]]]:
    """Return each column's content extent (headers kept whole where they can be), and
    every body cell's text and advances."""
    ncols = len(block.columns)
    out = [Extent(0.0, 0.0)] * ncols
    rows: list[list[Cell]] = []
    cap = 6 * head.size

    def measure(text: str, spec: TextSpec) -> list[float]:
        return [a * spec.size for a in env.faces.measure(text, spec.bold).advances]

    for cells in block.header:
        for col, text in enumerate(cells[:ncols]):
            text = clean(text)
            e = text_extent(text, measure(text, head), keep_whole=True)
            out[col] = out[col].join(Extent(min(e.least, cap), e.most))
    for cells in block.rows:
        row: list[Cell] = [("", ())] * ncols
        for col, text in enumerate(cells[:ncols]):
            text = clean(text)
            advances = measure(text, specs[col])
            out[col] = out[col].join(text_extent(text, advances))
            row[col] = (text, advances)
        rows.append(row)
    return out, rows


def table_flowable(ctx: Ctx, block: Table) -> Flowable:
    """Return the table with its caption above and source line below."""
    env = ctx.env
    styles = env.styles
    tags = env.state.tags
    spec = styles.table_compact if block.compact else styles.table
    width = ctx.width - ctx.indent
    pad_x, pad_y = (3.0, 1.2) if block.compact else (4.0, 2.5)
    head_spec = spec.but(bold=True, align="center", space_before=0.0, space_after=0.0)
    cell_specs = [spec.but(align=c.align, space_before=0.0, space_after=0.0) for c in block.columns]
    ncols = len(block.columns)
    # A cell never gets narrower than an em and its padding where the width allows.
    floor = spec.size + 2 * pad_x
    key = ("widths", ncols, block.header, block.rows, head_spec, tuple(cell_specs), width, pad_x)
    widths = env.faces.layout(key)
    if widths is None:
        found, cell_lines = _extents(env, block, head_spec, cell_specs)
        extents = [Extent(max(e.least, floor - 2 * pad_x), e.most) for e in found]
        widths = balanced_widths(extents, cell_lines, width, 2 * pad_x, spec.size)
        env.faces.keep_layout(key, widths)
    widths = list(widths)
    pad_x = min([pad_x, *(w / 4 for w in widths)])  # a cell's padding never exceeds it
    layout = block.layout_only
    # A layout table is no Table to a screen reader: a Div of one paragraph per row.
    table_tag = ctx.add_tag("Div" if layout else "Table")
    caption = None
    if block.caption:
        caption = tags.add(table_tag, "P" if layout else "Caption")
    heads = block.header if not layout else ()
    thead = tags.add(table_tag, "THead") if heads else None
    tbody = tags.add(table_tag, "TBody") if heads else table_tag
    spans = _groups(block)
    covered = {(r + k, c) for (r, c), n in spans.items() for k in range(1, n)}

    def row(
        cells: tuple[str, ...], specs: list[TextSpec], parent: Elem, r: int, header: bool
    ) -> list[object]:
        tr = tags.add(parent, "P" if layout else "TR")
        padded = (*cells, *("",) * (ncols - len(cells)))[:ncols]
        out: list[object] = []
        for col, (text, s) in enumerate(zip(padded, specs, strict=True)):
            if (r, col) in covered:
                out.append(EMPTY)
                continue
            attrs: dict[str, str | int] = {}
            if header:
                attrs["Scope"] = "Column"
            if (r, col) in spans:
                attrs["RowSpan"] = spans[(r, col)]
            if layout:
                out.append(cell(env, text, s, tr))
                continue
            td = tags.add(tr, "TH" if header else "TD", table=attrs or None, once=header)
            out.append(cell(env, text, s, td))
        return out

    data: list[list[object]] = []
    for cells in block.header:
        parent = thead if thead is not None else tbody
        data.append(row(cells, [head_spec] * ncols, parent, -1, thead is not None))
    nhead = len(data)
    inner = [w - 2 * pad_x for w in widths]
    limit = styles.frame_height * ROW_PAGE_SHARE
    whole = {c for (_, c) in spans}
    first_rows: list[int] = []
    for r, cells in enumerate(block.rows):
        first_rows.append(len(data))
        data.extend(_fit_row(row(cells, cell_specs, tbody, r, False), inner, limit, whole))
    first_rows.append(len(data))
    accent = styles.accent
    commands: list[tuple[object, ...]] = [
        *base_commands(env),
        ("GRID", (0, 0), (-1, -1), RULE, color(tint(accent, 0.55))),
        ("BOX", (0, 0), (-1, -1), RULE * 1.6, color(accent)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), pad_y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y),
    ]
    for (r, c), n in spans.items():
        commands.append(("SPAN", (c, first_rows[r]), (c, first_rows[r + n] - 1)))
    if nhead:
        commands += [
            ("BACKGROUND", (0, 0), (-1, nhead - 1), color(tint(accent, 0.14))),
            ("LINEBELOW", (0, nhead - 1), (-1, nhead - 1), RULE * 1.6, color(accent)),
        ]
    table = TaggedTable(
        data or [[EMPTY] * max(ncols, 1)],
        colWidths=widths or [width],
        repeatRows=nhead,
        style=TableStyle(commands),
        hAlign="LEFT",
    )
    table.spaceBefore = 0.0
    table.spaceAfter = styles.body.space_after * 2
    before = []
    if block.caption:
        before = [TextBox(env, clean(block.caption.printed), styles.caption, tag=caption)]
    after = []
    if block.source:
        table.spaceAfter = 0.0
        source = styles.note.but(space_before=3.0)
        after = [TextBox(env, clean(block.source), source, tag=ctx.add_tag("P"))]
    return Stack(before, table, after)


def key_figures_flowable(ctx: Ctx, block: KeyFigures) -> Flowable:
    """Return a row of boxed callouts: big accent value, label, small source."""
    env = ctx.env
    styles = env.styles
    accent = styles.accent
    body = styles.body
    value = body.but(
        size=body.size * 1.8,
        leading=body.size * 2.3,
        bold=True,
        color=accent,
        align="center",
        space_before=0.0,
        space_after=0.0,
    )
    label = body.but(align="center", space_before=0.0, space_after=2.0)
    source = styles.note.but(align="center", color=GREY, space_before=0.0, space_after=0.0)
    n = max(len(block.items), 1)
    gap = body.size
    card_width = (ctx.width - ctx.indent - gap * (n - 1)) / n
    cells: list[object] = []
    widths: list[float] = []
    commands: list[tuple[object, ...]] = [
        *base_commands(env),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 6.0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6.0),
        ("LEFTPADDING", (0, 0), (-1, -1), 4.0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4.0),
    ]
    before = []
    if block.title:
        title = styles.caption.but(align="left")
        before = [TextBox(env, clean(block.title), title, tag=ctx.add_tag("P"))]
    for i, kf in enumerate(block.items):
        if i:
            cells.append(EMPTY)
            widths.append(gap)
        col = len(cells)
        card = ctx.under(ctx.add_tag("Div"))
        content = [
            TextBox(env, clean(kf.value), value, tag=card.add_tag("P")),
            TextBox(env, clean(kf.label), label, tag=card.add_tag("P")),
        ]
        if kf.source:
            content.append(TextBox(env, clean(kf.source), source, tag=card.add_tag("P")))
        cells.append(content)
        widths.append(card_width)
        commands += [
            ("BOX", (col, 0), (col, 0), RULE * 1.6, color(accent)),
            ("BACKGROUND", (col, 0), (col, 0), color(tint(accent, 0.06))),
        ]
    table = TaggedTable(
        [cells or [EMPTY]], colWidths=widths or [card_width], style=TableStyle(commands)
    )
    table.hAlign = "LEFT"
    table.spaceAfter = body.space_after * 2
    return Stack(before, table)
