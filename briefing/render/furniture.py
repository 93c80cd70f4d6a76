"""Page furniture every format shares: a running header shortened to leave the marking room."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from briefing.document import Layout

ELLIPSIS = "…"

DANGLING = " |｜-–—:：,，;；、/"
"""Separators that would be left hanging before the ellipsis ("Title |…")."""

MM = 72 / 25.4
"""Points per millimetre."""


def _em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    return 0.68 if ch.isupper() else 0.52  # a little wider than Latin faces' averages


def estimated_width(text: str, size: float) -> float:
    """Width in points of `text` set at `size`: wide (CJK) characters an em, Latin capitals
    about two thirds, other characters about half."""
    return size * sum(map(_em, text))


def shorten(text: str, room: float, width_of: Callable[[str], float]) -> str:
    """The text as it fits `room`: whole, or cut (at a space where Latin text has one) and
    ended with an ellipsis."""
    if width_of(text) <= room:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with its ellipsis
        middle = (low + high + 1) // 2
        if width_of(text[:middle].rstrip() + ELLIPSIS) <= room:
            low = middle
        else:
            high = middle - 1
    cut = text[:low].rstrip()
    space = cut.rfind(" ")
    if 0 < low < len(text) and text[low] != " " and space > len(cut) // 2:
        cut = cut[:space].rstrip()  # not in the middle of a word
    return cut.rstrip(DANGLING).rstrip() + ELLIPSIS


def header_room(page_width_mm: float, margins_mm: float, marking: str, size: float) -> float:
    """Points left for the running title on a header line that also carries the marking."""
    room = (page_width_mm - margins_mm) * MM
    if marking:
        room -= estimated_width(marking, size * 1.05) + 2 * size  # bold marking, and a gap
    return room


def running_title(layout: Layout) -> str:
    """The header text, shortened with an ellipsis so that it never runs into the marking.

    The editable formats cannot measure, so widths are estimated (CJK an em, Latin a little
    over half), erring towards a shorter title.
    """
    size = layout.note.size  # headers are set in the note size
    margins = layout.margin_left_mm + layout.margin_right_mm
    room = header_room(layout.page_width_mm, margins, layout.marking, size)
    return shorten(layout.header_text, room, lambda text: estimated_width(text, size))
