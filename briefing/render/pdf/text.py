"""Line breaking for Chinese text mixed with Latin words: break rules and greedy fitting.

Pure functions over a string and its per-character advance widths; no reportlab here.
Rules (after the usual Chinese 禁則): no line starts with closing punctuation, no line
ends with opening punctuation, Latin words and numbers stay whole (and with the measure
word or unit after them), and a string too long for a whole line (a URL) is cut where it
must be, preferably after / - . ? & = _.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
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
_WORD = re.compile(r"([(\[\"'“‘]*)([^\W\d_]+(?:[-'’][^\W\d_]+)*)([)\]\"'”’.,;:!?]*)")
"""A word that may be hyphenated: letters (parts joined by - or '), punctuation around."""
MIN_BEFORE = 2
"""Fewest letters left before a hyphen."""
MIN_AFTER = 3
"""Fewest letters carried after a hyphen."""


@dataclass(frozen=True)
class Hyphenation:
    """How to hyphenate: a word's break points (as pyphen gives them) and the hyphen's width."""

    points: Callable[[str], Sequence[int]]
    hyphen_width: float


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
    hyphen: bool = False
    """The line ends inside a word: a hyphen is drawn after it (counted in `width`)."""


def is_cjk_letter(ch: str) -> bool:
    """Return True for a CJK ideograph or kana (not CJK punctuation)."""
    return is_wide(ch) and ch.isalpha()


def is_latin_alnum(ch: str) -> bool:
    """Return True for a narrow letter or digit (Latin, Greek, Cyrillic …)."""
    return not is_wide(ch) and ch.isalnum()


def cjk_latin_kerns(text: str, space: float) -> list[float] | None:
    """Return the extra room after each character of `text` that precedes a switch between
    a CJK letter and a Latin letter or digit (either order); None when there is none."""
    if space <= 0:
        return None
    kerns = [0.0] * len(text)
    found = False
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if (is_cjk_letter(a) and is_latin_alnum(b)) or (is_latin_alnum(a) and is_cjk_letter(b)):
            kerns[i] = space
            found = True
    return kerns if found else None


def break_lines(
    text: str,
    widths: Sequence[float],
    first_width: float,
    width: float,
    *,
    kerns: Sequence[float] | None = None,
    hyphenation: Hyphenation | None = None,
) -> list[Line]:
    """Break `text` into lines no wider than `first_width` (first line) and `width`.

    `kerns` is extra room after each character (dropped at a line end); `hyphenation`,
    when given, breaks Latin words at its points rather than leave a line short.
    """
    if kerns is not None:
        widths = [w + k for w, k in zip(widths, kerns, strict=True)]
    lines: list[Line] = []
    start = 0
    for stop in _hard_stops(text):
        run = _Run(text[start:stop], widths[start:stop], kerns[start:stop] if kerns else None)
        limit = first_width if not lines else width
        lines.extend(_shift(line, start) for line in run.lines(limit, width, hyphenation))
        start = stop + 1
    return lines


def _shift(line: Line, by: int) -> Line:
    """Return `line` with its character positions moved by `by`."""
    return Line(line.start + by, line.end + by, line.width, line.last, line.hyphen)


def _hard_stops(text: str) -> list[int]:
    """Return the index of every "\n" plus the end of the text."""
    stops = [i for i, ch in enumerate(text) if ch == "\n"]
    stops.append(len(text))
    return stops


class _Run:
    """A hard-break-free run of text with its advances, broken greedily into lines."""

    def __init__(self, run: str, widths: Sequence[float], kerns: Sequence[float] | None) -> None:
        """Prepare `run` (advances `widths`, kerns included) for breaking."""
        self.run = run
        self.prefix = [0.0, *accumulate(widths)]
        self.kerns = kerns

    def lines(self, first: float, rest: float, hyphenation: Hyphenation | None) -> list[Line]:
        """Return the lines of the run: the first no wider than `first`, others `rest`."""
        run = self.run
        n = len(run)
        if not n:
            return [Line(0, 0, 0.0, True)]
        allowed = break_after(run)
        chances = [i + 1 for i in range(n) if allowed[i]]  # break positions (exclusive)
        out: list[tuple[int, int, bool]] = []
        line_start = 0
        last_fit = -1  # last break position that fits on the current line
        limit = first
        k = 0
        while k < len(chances):
            pos = chances[k]
            if self.natural(line_start, pos) <= limit + _FUZZ:
                last_fit = pos
                k += 1
                continue
            word = last_fit if last_fit > line_start else line_start
            cut = (
                self._hyphen_cut(line_start, word, pos, limit, hyphenation)
                if hyphenation is not None
                else None
            )
            if cut is not None:
                out.append((line_start, cut[0], cut[1]))
                line_start = cut[0]
            elif last_fit > line_start:
                out.append((line_start, last_fit, False))
                line_start = last_fit
            else:
                cut_at = self._force_cut(line_start, pos, limit)
                out.append((line_start, cut_at, False))
                line_start = cut_at
            last_fit = -1
            limit = rest
        if line_start < n:
            out.append((line_start, n, False))
        out = self._avoid_lonely_last(out, chances, rest if len(out) > 1 else first)
        hyphen_width = hyphenation.hyphen_width if hyphenation is not None else 0.0
        return [
            Line(
                a,
                self.trim(a, b),
                self.natural(a, b) + (hyphen_width if hyphen else 0.0),
                i == len(out) - 1,
                hyphen,
            )
            for i, (a, b, hyphen) in enumerate(out)
        ]

    def trim(self, a: int, b: int) -> int:
        """Return `b` moved back over trailing spaces (they are not drawn at a line end)."""
        run = self.run
        while b > a and run[b - 1] in _SPACE:
            b -= 1
        return b

    def natural(self, a: int, b: int) -> float:
        """Return the width of run[a:b] without its trailing spaces and last kern."""
        end = self.trim(a, b)
        width = self.prefix[end] - self.prefix[a]
        if self.kerns is not None and end > a:
            width -= self.kerns[end - 1]
        return width

    def _hyphen_cut(
        self, a: int, word: int, pos: int, limit: float, hyphenation: Hyphenation
    ) -> tuple[int, bool] | None:
        """Return where to break the word run[word:pos] so that run[a:cut] (and a hyphen,
        when one must be added) fills the line best, or None.

        Only words in Latin context (after a space, or alone on the line) are broken:
        inside Chinese text a line may as well break before the word. The last word of a
        paragraph is not (as InDesign's default): a last line of "tion." reads badly.
        """
        run = self.run
        if (word > a and run[word - 1] not in _SPACE) or self.trim(pos, len(run)) == pos:
            return None
        stop = self.trim(word, pos)
        match = _WORD.fullmatch(run, word, stop)
        if match is None or any(map(is_wide, match.group(2))):
            return None
        body = match.start(2)
        cuts: list[tuple[int, bool]] = []
        part = body
        for piece in re.split(r"([-])", match.group(2)):
            if piece == "-":
                cuts.append((part + 1, False))  # after an explicit hyphen: nothing added
            else:
                cuts.extend(
                    (part + p, True)
                    for p in hyphenation.points(piece)
                    if MIN_BEFORE <= p <= len(piece) - MIN_AFTER
                )
            part += len(piece)
        hyphen = hyphenation.hyphen_width
        for cut, add in sorted(cuts, reverse=True):
            if self.prefix[cut] - self.prefix[a] + (hyphen if add else 0.0) <= limit + _FUZZ:
                return cut, add
        return None

    def _force_cut(self, a: int, b: int, limit: float) -> int:
        """Cut an unbreakable run[a:b] wider than `limit`; return the cut position."""
        run, prefix = self.run, self.prefix
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
            cut > a + 1
            and cut < len(run)
            and (run[cut] in CANNOT_START or run[cut - 1] in CANNOT_END)
        ):
            cut -= 1
        return cut

    def _avoid_lonely_last(
        self, out: list[tuple[int, int, bool]], chances: list[int], limit: float
    ) -> list[tuple[int, int, bool]]:
        """Pull one unit down when the last line would hold a single character (孤字)."""
        if len(out) < 2:
            return out
        run = self.run
        a, b, _ = out[-1]
        if sum(1 for ch in run[a:b] if ch not in CANNOT_START and ch not in _SPACE) > 1:
            return out
        pa, _, _ = out[-2]
        earlier = [c for c in chances if pa < c < a]
        if not earlier:
            return out
        new = earlier[-1]
        if self.natural(new, b) > limit + _FUZZ or new - pa < 4:
            return out
        return [*out[:-2], (pa, new, False), (new, b, False)]
