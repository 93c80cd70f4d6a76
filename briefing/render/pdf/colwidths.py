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

from briefing.render.pdf.text import break_after


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
    room = width - sum(least)
    need = [m - lo for m, lo in zip(most, least, strict=True)]
    total_need = sum(need)
    return [lo + room * n / total_need for lo, n in zip(least, need, strict=True)]
