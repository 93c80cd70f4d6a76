"""Automatic table layout: column widths from their content, as browsers and Word do.

Each column has a minimum (its widest unbreakable piece) and a maximum (its widest line
unbroken). If every column fits at its maximum, spare room is shared in proportion to
the maxima; otherwise each column gets its minimum plus a share of the room left, in
proportion to how much it would still need (max − min). So a column of long sentences
takes the width, and a column of short labels keeps its labels on one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.render.pdf.text import break_after, break_lines


@dataclass(frozen=True)
class Extent:
    """A column's (or cell's) narrowest and widest content, in points."""

    least: float
    most: float

    def join(self, other: Extent) -> Extent:
        """Return the extent of a column holding both."""
        return Extent(max(self.least, other.least), max(self.most, other.most))


def text_extent(text: str, advances: Sequence[float], keep_whole: bool = False) -> Extent:
    """Return the extent of `text` (advances in points); `keep_whole` asks that each
    line stay unbroken where possible (a header such as 設立年度)."""
    most = 0.0
    least = 0.0
    start = 0
    for line in text.split("\n"):
        widths = advances[start : start + len(line)]
        start += len(line) + 1
        whole = sum(widths)
        most = max(most, whole)
        if keep_whole:
            least = max(least, whole)
            continue
        allowed = break_after(line)
        piece = 0.0
        for ch, width, may_break in zip(line, widths, allowed, strict=True):
            if ch != " ":
                piece += width
            if may_break:
                least = max(least, piece)
                piece = 0.0
        least = max(least, piece)
    return Extent(least, most)


def auto_widths(extents: Sequence[Extent], width: float, padding: float) -> list[float]:
    """Return column widths filling `width` from the columns' content extents.

    `padding` is added to every column (both sides of a cell). Columns whose minimum
    cannot fit share the width in proportion to their minima.
    """
    count = len(extents)
    if not count:
        return []
    least = [e.least + padding for e in extents]
    most = [max(e.most, e.least) + padding for e in extents]
    if sum(most) <= width:
        spare = width - sum(most)
        total = sum(most)
        return [m + spare * m / total for m in most]
    if sum(least) >= width:
        total = sum(least)
        return [w * width / total for w in least]
    # Columns whose whole content fits in a fair share of what is left keep it (a column
    # of short labels stays on one line); the others share the rest by what they need.
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(count) if i not in fixed]
        left = width - sum(fixed.values())
        fair = left / len(free) if free else 0.0
        fits = [i for i in free if most[i] <= fair]
        if not fits:
            break
        fixed.update({i: most[i] for i in fits})
    free = [i for i in range(count) if i not in fixed]
    if not free:
        return [fixed[i] for i in range(count)]
    room = width - sum(fixed.values()) - sum(least[i] for i in free)
    if room < 0:
        fixed = {}
        free = list(range(count))
        room = width - sum(least)
    need = {i: most[i] - least[i] for i in free}
    total_need = sum(need.values()) or 1.0
    return [
        fixed[i] if i in fixed else least[i] + room * need[i] / total_need for i in range(count)
    ]


BALANCE_ROWS = 30
"""Tables with at most this many rows get widths that make them as short as they can."""
_TRIES = 8
"""Widenings (in em) tried per column and step when balancing."""

Cell = tuple[str, Sequence[float]]
"""A cell's text and its characters' advances in points."""


class _Heights:
    """Lines each cell takes at a column width, from the real line breaker (memoised)."""

    def __init__(self, rows: Sequence[Sequence[Cell]], padding: float) -> None:
        self.rows = rows
        self.padding = padding
        self._memo: dict[tuple[int, int, float], int] = {}

    def cell(self, r: int, c: int, width: float) -> int:
        key = (r, c, round(width, 3))
        found = self._memo.get(key)
        if found is None:
            text, advances = self.rows[r][c]
            inner = max(width - self.padding, 1.0)
            if not text:
                found = 0
            elif "\n" not in text and sum(advances) <= inner:
                found = 1  # fits unbroken: no need to run the breaker
            else:
                found = len(break_lines(text, advances, inner, inner))
            self._memo[key] = found
        return found

    def table(self, widths: Sequence[float]) -> int:
        """Return the table's height in lines: the tallest cell of each row, added up."""
        return sum(
            max(max(self.cell(r, c, w) for c, w in enumerate(widths)), 1)
            for r in range(len(self.rows))
        )

    def others(self, widths: Sequence[float], col: int) -> list[int]:
        """Return, per row, the tallest cell outside column `col`."""
        return [
            max((self.cell(r, c, w) for c, w in enumerate(widths) if c != col), default=1)
            for r in range(len(self.rows))
        ]

    def with_column(self, others: Sequence[int], col: int, width: float) -> int:
        """Return the table's height with column `col` at `width`, given `others`."""
        return sum(max(o, self.cell(r, col, width), 1) for r, o in enumerate(others))


def balanced_widths(
    extents: Sequence[Extent],
    rows: Sequence[Sequence[Cell]],
    width: float,
    padding: float,
    em: float,
) -> list[float]:
    """Return column widths filling `width` that make the table as short as they can.

    From every column at its minimum, the room left goes an em or a few at a time to
    the column whose widening saves the most lines per point (lines counted by the real
    line breaker); what no column can use is shared like `auto_widths` does. With too
    many rows, or no room to share, this is `auto_widths`.
    """
    least = [e.least + padding for e in extents]
    most = [max(e.most, e.least) + padding for e in extents]
    if len(rows) > BALANCE_ROWS or sum(least) >= width or sum(most) <= width:
        return auto_widths(extents, width, padding)
    heights = _Heights(rows, padding)
    widths = list(least)
    height = heights.table(widths)
    while True:
        left = width - sum(widths)
        best: tuple[float, int, float, int] | None = None  # (lines per point, col, width, h)
        for col in range(len(widths)):
            others = heights.others(widths, col)
            for k in range(1, _TRIES + 1):
                target = min(widths[col] + k * em, most[col])
                if target <= widths[col] or target - widths[col] > left:
                    break
                h = heights.with_column(others, col, target)
                if h < height:
                    saving = (height - h) / (target - widths[col])
                    if best is None or saving > best[0]:
                        best = (saving, col, target, h)
                    break
        if best is None:
            break
        _, col, widths[col], height = best
    left = width - sum(widths)
    want = [max(m - w, 0.0) for m, w in zip(most, widths, strict=True)]
    share = want if sum(want) > 0 else widths
    total = sum(share)
    return [w + left * s / total for w, s in zip(widths, share, strict=True)]
