"""Line breaking for Chinese text mixed with Latin words: break rules and greedy fitting.

Pure functions over a string and its per-character advance widths; no reportlab here.
Rules (after the usual Chinese 禁則): no line starts with closing punctuation, no line
ends with opening punctuation, Latin words and numbers stay whole (and with the measure
word or unit after them), and a string too long for a whole line (a URL) is cut where it
must be, preferably after / - . ? & = _.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

CANNOT_START = frozenset(
    "，。、；：？！）」』】〉》〕］｝〙〗〞’”…‥—–・·％‰℃°ー々〜"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    ",.;:?!)]}%"
    "\uff0e\uff61\uff64\ufe50\ufe51\ufe52\ufe54\ufe55\ufe56\ufe57"  # small/half-width stops
)
"""Characters that must not begin a line (closing brackets, stops, dashes, ellipses)."""

CANNOT_END = frozenset("（「『【〈《〔［｛〘〖〝‘“([{")
"""Characters that must not end a line (opening brackets and quotes)."""

URL_BREAK_AFTER = frozenset("/-.?&=_#")
"""Preferred cut points inside an over-long unbreakable string."""

_SPACE = frozenset(" \t")
_FUZZ = 1e-6


def is_wide(ch: str) -> bool:
    """Return True for characters set one per unit with break chances around them (CJK)."""
    cp = ord(ch)
    return cp >= 0x2E80 or (0x2010 <= cp <= 0x206F and ch != "–")


def break_after(text: str) -> list[bool]:
    """Return, per character, whether a line may break right after it."""
    n = len(text)
    allowed = [False] * n
    wide = [is_wide(ch) for ch in text]
    for i in range(n - 1):
        a, b = text[i], text[i + 1]
        if b in CANNOT_START or a in CANNOT_END or b in _SPACE:
            continue
        if wide[i + 1]:
            # 88個, 2000年, 53.44億元: clreq allows the break, readers stumble over it.
            allowed[i] = not a.isdigit()
        elif wide[i] or a in _SPACE:
            allowed[i] = True
        # Two narrow characters: inside a Latin word or number, never break.
    if n:
        allowed[-1] = True
    return allowed


@dataclass(frozen=True)
class Line:
    """One laid-out line: characters [start, end) of the text and their natural width."""

    start: int
    end: int
    width: float
    last: bool
    """Last line of the paragraph or ended by a hard break: never justified."""


def break_lines(text: str, widths: Sequence[float], first_width: float, width: float) -> list[Line]:
    """Break `text` into lines no wider than `first_width` (first line) and `width`."""
    lines: list[Line] = []
    start = 0
    for stop in _hard_stops(text):
        lines.extend(
            _break_run(text, widths, start, stop, first_width if not lines else width, width)
        )
        start = stop + 1
    return lines


def _hard_stops(text: str) -> list[int]:
    """Return the index of every "\n" plus the end of the text."""
    stops = [i for i, ch in enumerate(text) if ch == "\n"]
    stops.append(len(text))
    return stops


def _break_run(
    text: str, widths: Sequence[float], start: int, stop: int, first: float, rest: float
) -> list[Line]:
    """Break the hard-break-free run text[start:stop] greedily into lines."""
    if start >= stop:
        return [Line(start, start, 0.0, True)]
    run = text[start:stop]
    prefix = [0.0, *accumulate(widths[start:stop])]
    allowed = break_after(run)
    n = len(run)
    chances = [i + 1 for i in range(n) if allowed[i]]  # break positions (local, exclusive)
    out: list[tuple[int, int]] = []
    line_start = 0
    last_fit = -1  # last break position that fits on the current line
    limit = first
    k = 0
    while k < len(chances):
        pos = chances[k]
        if _natural(run, prefix, line_start, pos) <= limit + _FUZZ:
            last_fit = pos
            k += 1
            continue
        if last_fit > line_start:
            out.append((line_start, last_fit))
            line_start = last_fit
        else:
            cut = _force_cut(run, prefix, line_start, pos, limit)
            out.append((line_start, cut))
            line_start = cut
        last_fit = -1
        limit = rest
    if line_start < n:
        out.append((line_start, n))
    out = _avoid_lonely_last(run, prefix, out, chances, rest if len(out) > 1 else first)
    return [
        Line(
            start + a,
            start + _trim(run, a, b),
            _natural(run, prefix, a, b),
            i == len(out) - 1,
        )
        for i, (a, b) in enumerate(out)
    ]


def _trim(run: str, a: int, b: int) -> int:
    """Return `b` moved back over trailing spaces (they are not drawn at a line end)."""
    while b > a and run[b - 1] in _SPACE:
        b -= 1
    return b


def _natural(run: str, prefix: Sequence[float], a: int, b: int) -> float:
    """Return the width of run[a:b] without its trailing spaces."""
    return prefix[_trim(run, a, b)] - prefix[a]


def _force_cut(run: str, prefix: Sequence[float], a: int, b: int, limit: float) -> int:
    """Cut an unbreakable run[a:b] wider than `limit`; return the cut position."""
    core = b
    while core > a + 1 and run[core - 1] in CANNOT_START:
        core -= 1
    if prefix[core] - prefix[a] <= limit + _FUZZ:
        # Only closing punctuation overflows (e.g. "35.0%。"): let it hang in the margin
        # rather than cut the number or start a line with "。".
        return b
    fit = a + 1
    while fit < b and prefix[fit + 1] - prefix[a] <= limit + _FUZZ:
        fit += 1
    # A number and its unit wider than the line: part them rather than cut the number.
    for cut in range(fit, a, -1):
        if cut < len(run) and run[cut - 1].isdigit() and is_wide(run[cut]):
            return cut
    # Prefer a URL-friendly cut in the latter two thirds of what fits.
    for cut in range(fit, a + max((fit - a) // 3, 1), -1):
        if cut < len(run) and run[cut - 1] in URL_BREAK_AFTER and run[cut] not in CANNOT_START:
            return cut
    cut = fit
    while (
        cut > a + 1 and cut < len(run) and (run[cut] in CANNOT_START or run[cut - 1] in CANNOT_END)
    ):
        cut -= 1
    return cut


def _avoid_lonely_last(
    run: str,
    prefix: Sequence[float],
    out: list[tuple[int, int]],
    chances: list[int],
    limit: float,
) -> list[tuple[int, int]]:
    """Pull one unit down when the last line would hold a single character (孤字)."""
    if len(out) < 2:
        return out
    a, b = out[-1]
    if sum(1 for ch in run[a:b] if ch not in CANNOT_START and ch not in _SPACE) > 1:
        return out
    pa, _ = out[-2]
    earlier = [c for c in chances if pa < c < a]
    if not earlier:
        return out
    new = earlier[-1]
    if _natural(run, prefix, new, b) > limit + _FUZZ or new - pa < 4:
        return out
    return [*out[:-2], (pa, new), (new, b)]
