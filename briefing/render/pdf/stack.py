"""Stack: flowables kept with the start of a body (a heading with its first lines, a
caption with its table), splitting only the body."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus.flowables import Flowable
from reportlab.platypus.tables import Table as RLTable

SMALL_TABLE_ROWS = 8
"""Tables with at most this many body rows move whole to the next page, unless that
would leave more than MOVE_SHARE of the page empty."""
MOVE_SHARE = 0.2
"""Largest share of the page a table may leave empty by moving whole to the next one."""
MIN_TABLE_ROWS = 2
"""Fewest body rows a table part may have, on either side of a page break."""


class Stack(Flowable):
    """`before` flowables, a `body`, `after` flowables, drawn top to bottom.

    When the stack does not fit, only the body splits: `before` goes with the body's
    first part, `after` with its last, so a caption, heading or source line is never
    left alone at a page bottom or top.
    """

    def __init__(
        self, before: Sequence[Flowable], body: Flowable, after: Sequence[Flowable] = ()
    ) -> None:
        """Stack `before`, `body` and `after`."""
        super().__init__()
        self.before = tuple(before)
        self.body = body
        self.after = tuple(after)
        parts = self._parts()
        self.spaceBefore = parts[0].getSpaceBefore()
        self.spaceAfter = parts[-1].getSpaceAfter()
        self._placed: list[tuple[Flowable, float, float]] = []

    def _parts(self) -> list[Flowable]:
        """Return the stacked flowables, top to bottom."""
        return [*self.before, self.body, *self.after]

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        """Return the stack's size; inner gaps are the larger of space after/before."""
        self._placed = []
        parts = self._parts()
        height = 0.0
        for i, part in enumerate(parts):
            _, h = part.wrap(aw, ah)
            gap = 0.0
            if i < len(parts) - 1:
                gap = max(part.getSpaceAfter(), parts[i + 1].getSpaceBefore())
            self._placed.append((part, h, gap))
            height += h + gap
        self.width = aw
        self.height = height
        return aw, height

    def _before_height(self, aw: float, ah: float) -> float:
        """Return the height taken by `before` and the gap under it."""
        total = 0.0
        parts = [*self.before, self.body]
        for i, part in enumerate(self.before):
            total += part.wrap(aw, ah)[1] + max(part.getSpaceAfter(), parts[i + 1].getSpaceBefore())
        return total

    def _after_height(self, aw: float, ah: float) -> float:
        """Return the height taken by `after` and the gap above it."""
        total = 0.0
        parts = [self.body, *self.after]
        for i, part in enumerate(self.after):
            total += part.wrap(aw, ah)[1] + max(parts[i].getSpaceAfter(), part.getSpaceBefore())
        return total

    def split(self, aw: float, ah: float) -> list[Flowable]:
        """Split the body; `before` goes with its first part, `after` with its last."""
        # At the top of a frame there is no better place to go: split however we can.
        frame = getattr(self, "_frame", None)
        wasteful = ah > MOVE_SHARE * getattr(frame, "_height", 0.0)
        return self.split_into(
            aw, ah, strict=not getattr(frame, "_atTop", False), whole=not wasteful
        )

    def split_into(self, aw: float, ah: float, strict: bool, whole: bool = True) -> list[Flowable]:
        """Split into height `ah`; `strict` applies the keep rules for tables, and
        `whole` lets a small table move whole rather than split."""
        room = ah - self._before_height(aw, ah)
        if room <= 0:
            return []
        parts = _split_body(self.body, aw, room, strict, whole)
        if len(parts) == 1 and self.after and not strict:
            # At the top of a frame the body fits but `after` does not: split the body
            # higher, so that `after` goes with its last part (else nothing can be placed).
            room -= self._after_height(aw, ah)
            parts = _split_body(self.body, aw, room, strict, whole)
        if len(parts) < 2:
            return []
        first = Stack(self.before, parts[0]) if self.before else parts[0]
        last = Stack((), parts[-1], self.after) if self.after else parts[-1]
        return [first, *parts[1:-1], last]

    def draw(self) -> None:
        """Draw the stacked parts from the top down."""
        y = self.height
        for part, h, gap in self._placed:
            y -= h
            part.drawOn(self.canv, 0, y)
            y -= gap


def _split_body(
    body: Flowable, aw: float, room: float, strict: bool, whole: bool
) -> list[Flowable]:
    """Split `body` into `room`. Strictly, no table part has a lone row, and small tables
    stay whole when `whole`; at the top of a frame, any split between rows will do."""
    if isinstance(body, Stack):
        return body.split_into(aw, room, strict, whole)
    if not isinstance(body, RLTable):
        return body.split(aw, room)
    if not strict:
        return body.split(aw, room)
    head_rows = body.repeatRows if isinstance(body.repeatRows, int) else 0
    if whole and len(body._cellvalues) - head_rows <= SMALL_TABLE_ROWS:
        return []
    while room > 0:
        parts = body.split(aw, room)
        if len(parts) < 2:
            return []
        head_body = len(parts[0]._cellvalues) - head_rows
        tail_body = len(parts[1]._cellvalues) - head_rows
        if head_body < MIN_TABLE_ROWS:
            return []
        if tail_body >= MIN_TABLE_ROWS:
            return parts
        parts[0].wrap(aw, room)
        room -= parts[0]._rowHeights[-1] + 0.5
    return []
