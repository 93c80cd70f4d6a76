"""Tables (cells set as text boxes, header rows repeating) and key-figure callouts."""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable
from reportlab.platypus.tables import Table as RLTable
from reportlab.platypus.tables import TableStyle

from briefing.document import KeyFigures, Table
from briefing.render.pdf.context import Ctx, Env
from briefing.render.pdf.fonts import clean
from briefing.render.pdf.stack import Stack
from briefing.render.pdf.styles import GREY, TextSpec, color, tint
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


def cell(env: Env, text: str, spec: TextSpec) -> object:
    """Return a table cell: a text box, or nothing for empty text."""
    text = clean(text)
    return TextBox(env, text, spec) if text else EMPTY


def fit_widths(weights: list[float], width: float, floor: float) -> list[float]:
    """Return column widths in proportion to `weights`, filling `width`, none narrower
    than `floor` (an em and the padding) where the width allows it."""
    count = len(weights)
    if not count:
        return []
    weights = [max(w, 0.0) for w in weights]
    if not sum(weights):
        weights = [1.0] * count
    floor = min(floor, width / count)
    fixed: set[int] = set()
    while True:
        free = width - floor * len(fixed)
        rest = sum(w for i, w in enumerate(weights) if i not in fixed)
        widths = [
            floor if i in fixed else (free * w / rest if rest else 0.0)
            for i, w in enumerate(weights)
        ]
        narrow = {i for i, w in enumerate(widths) if i not in fixed and w < floor}
        if not narrow:
            return widths
        fixed |= narrow


def _fit_row(cells: list[object], widths: list[float], limit: float) -> list[list[object]]:
    """Return the row, or several rows when a cell is taller than `limit`: the long
    cells continue in rows below (reportlab cannot split a row cleanly)."""
    chunks: list[list[TextBox]] = []
    for value, width in zip(cells, widths, strict=True):
        if isinstance(value, TextBox):
            per_row = max(int(limit // value.spec.leading), 1)
            chunks.append(value.chunks(width, per_row))
        else:
            chunks.append([])
    count = max((len(c) for c in chunks), default=1)
    if count <= 1:
        return [cells]
    return [[c[k] if k < len(c) else EMPTY for c in chunks] for k in range(count)]


def table_flowable(ctx: Ctx, block: Table) -> Flowable:
    """Return the table with its caption above and source line below."""
    env = ctx.env
    styles = env.styles
    spec = styles.table_compact if block.compact else styles.table
    width = ctx.width - ctx.indent
    pad_x, pad_y = (3.0, 1.2) if block.compact else (4.0, 2.5)
    widths = fit_widths([c.width for c in block.columns], width, 2 * pad_x + spec.size)
    pad_x = min([pad_x, *(w / 4 for w in widths)])  # a cell's padding never exceeds it
    head_spec = spec.but(bold=True, align="center", space_before=0.0, space_after=0.0)
    cell_specs = [spec.but(align=c.align, space_before=0.0, space_after=0.0) for c in block.columns]
    ncols = len(block.columns)

    def row(cells: tuple[str, ...], specs: list[TextSpec]) -> list[object]:
        padded = (*cells, *("",) * (ncols - len(cells)))[:ncols]
        return [cell(env, text, s) for text, s in zip(padded, specs, strict=True)]

    data = [row(cells, [head_spec] * ncols) for cells in block.header]
    inner = [w - 2 * pad_x for w in widths]
    limit = styles.frame_height * ROW_PAGE_SHARE
    for cells in block.rows:
        data.extend(_fit_row(row(cells, cell_specs), inner, limit))
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
    nhead = len(block.header)
    if nhead:
        commands += [
            ("BACKGROUND", (0, 0), (-1, nhead - 1), color(tint(accent, 0.14))),
            ("LINEBELOW", (0, nhead - 1), (-1, nhead - 1), RULE * 1.6, color(accent)),
        ]
    table = RLTable(
        data or [[EMPTY] * max(ncols, 1)],
        colWidths=widths or [width],
        repeatRows=nhead,
        style=TableStyle(commands),
        hAlign="LEFT",
    )
    table.spaceBefore = 0.0
    table.spaceAfter = styles.body.space_after * 2
    before = [TextBox(env, clean(block.caption.printed), styles.caption)] if block.caption else []
    after = []
    if block.source:
        table.spaceAfter = 0.0
        after = [TextBox(env, clean(block.source), styles.note.but(space_before=3.0))]
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
    card = (ctx.width - ctx.indent - gap * (n - 1)) / n
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
    for i, kf in enumerate(block.items):
        if i:
            cells.append(EMPTY)
            widths.append(gap)
        col = len(cells)
        content = [TextBox(env, clean(kf.value), value), TextBox(env, clean(kf.label), label)]
        if kf.source:
            content.append(TextBox(env, clean(kf.source), source))
        cells.append(content)
        widths.append(card)
        commands += [
            ("BOX", (col, 0), (col, 0), RULE * 1.6, color(accent)),
            ("BACKGROUND", (col, 0), (col, 0), color(tint(accent, 0.06))),
        ]
    table = RLTable([cells or [EMPTY]], colWidths=widths or [card], style=TableStyle(commands))
    table.hAlign = "LEFT"
    table.spaceAfter = body.space_after * 2
    before = []
    if block.title:
        before = [TextBox(env, clean(block.title), styles.caption.but(align="left"))]
    return Stack(before, table)
