"""Chart text: the faces it is set in, measuring, and line breaking of Chinese labels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefing.fonts import FontSet

REGULAR = 400
BOLD = 700

# Closing punctuation may not start a line, opening punctuation may not end one: each is
# glued to its neighbour before breaking.
_NO_START = frozenset("，。、；：？！）》」』】〕〉％%…‧·,.;:!?)]}")
_NO_END = frozenset("（《「『【〔〈([{")


@dataclass(frozen=True)
class ChartFaces:
    """Registered reportlab font names for chart text: the CJK face and, optionally, Latin."""

    regular: str
    bold: str
    latin: str | None = None
    latin_bold: str | None = None

    def face(self, text: str, bold: bool = False) -> str:
        """Return the font of a whole string: the Latin face for plain ASCII, when given."""
        latin = self.latin_bold if bold else self.latin
        # ASCII is always in the prepared Latin subset; anything else stays in the CJK face
        # so that one string never needs two fonts.
        if latin is not None and text.isascii():
            return latin
        return self.bold if bold else self.regular

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Return the advance width of `text` at `size` points."""
        return pdfmetrics.stringWidth(text, self.face(text, bold), size)

    def covers(self, text: str) -> bool:
        """Return True when the regular CJK face has a glyph for every character of `text`."""
        font = pdfmetrics.getFont(self.regular)
        cmap = getattr(getattr(font, "face", None), "charToGlyph", None)
        return cmap is None or all(ord(ch) in cmap for ch in text if not ch.isspace())

    def check(self) -> None:
        """Raise ValueError when a face is not registered with reportlab."""
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name in (self.regular, self.bold, self.latin, self.latin_bold):
            if name is not None and name not in registered:
                raise ValueError(
                    f"chart font {name!r} is not registered with reportlab; register the"
                    " prepared faces (pdfmetrics.registerFont) before drawing charts"
                )


def register_faces(fonts: FontSet) -> ChartFaces:
    """Register the main and Latin faces of `fonts` (once) and return them as ChartFaces."""
    registered = set(pdfmetrics.getRegisteredFontNames())

    def name(logical: str | None, weight: int) -> str | None:
        if logical is None or (logical, weight) not in fonts.faces:
            return None
        prepared = fonts.font(logical, weight)
        # Re-registering a name would swap the font object under a canvas that uses it.
        if prepared.register_name not in registered:
            pdfmetrics.registerFont(TTFont(prepared.register_name, str(prepared.path)))
            registered.add(prepared.register_name)
        return prepared.register_name

    regular = name(fonts.main, REGULAR) or name(fonts.main, fonts.weights[0])
    assert regular is not None  # prepare_fonts always prepares the main face
    return ChartFaces(
        regular=regular,
        bold=name(fonts.main, BOLD) or regular,
        latin=name(fonts.latin, REGULAR),
        latin_bold=name(fonts.latin, BOLD),
    )


def _tokens(text: str) -> list[str]:
    """Split `text` into unbreakable pieces: ASCII words, single CJK characters, spaces."""
    tokens: list[str] = []
    for ch in text:
        if tokens:
            last = tokens[-1][-1]
            word = _wordish(ch) and _wordish(last)
            if word or (ch in _NO_START and not last.isspace()) or last in _NO_END:
                tokens[-1] += ch
                continue
        tokens.append(ch)
    return tokens


def _wordish(ch: str) -> bool:
    """Return True for characters that join into an unbreakable Latin word or number."""
    return ch.isascii() and not ch.isspace() and ch not in "([{"


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Break `text` greedily into lines no wider than `width` (a lone long word overflows)."""
    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        trial = current + token
        if current.strip() and measure(trial.rstrip()) > width:
            lines.append(current.strip())
            current = token.lstrip()
        else:
            current = trial
    if current.strip() or not lines:
        lines.append(current.strip())
    return lines


def balanced(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Break `text` into as few lines as `wrap` needs, but of even length."""
    lines = wrap(text, width, measure)
    if len(lines) < 2:
        return lines
    # The narrowest width that still needs no more lines gives the most even break.
    low, high = measure(text) / len(lines) / 2, width
    for _ in range(14):
        middle = (low + high) / 2
        if len(wrap(text, middle, measure)) <= len(lines):
            high = middle
        else:
            low = middle
    return wrap(text, high, measure)
