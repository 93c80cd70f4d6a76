"""Fit one line of running text (a header) to the page, the same way for every format."""

from __future__ import annotations

import unicodedata

from briefing.style.model import AudienceSpec

MM_PER_POINT = 25.4 / 72


def ems(text: str) -> float:
    """Width of a text in ems: wide (CJK) characters one, others 0.6 (Latin averages 0.5)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text)


def fit_line(text: str, width_mm: float, size_pt: float) -> str:
    """The text, cut with an ellipsis where it would run past `width_mm` at `size_pt`.

    Cut in compose rather than in a renderer, so that the PDF (which cannot wrap a header)
    and the DOCX (which would) print the same words.
    """
    room = width_mm / (size_pt * MM_PER_POINT)
    if ems(text) <= room:
        return text
    kept = ""
    for ch in text:
        if ems(kept + ch) + 1 > room:  # one em for the ellipsis
            break
        kept += ch
    return kept.rstrip() + "…"


def running_header(spec: AudienceSpec, header: str, marking: str, paper_width_mm: float) -> str:
    """The header cut to the line it shares with the marking (a header never wraps)."""
    line = paper_width_mm - spec.page.margins.left - spec.page.margins.right
    size = spec.typography.note.size
    beside = ems(marking) + 2 if marking else 0  # a gap of two ems before the marking
    return fit_line(header, line - beside * size * MM_PER_POINT, size)
