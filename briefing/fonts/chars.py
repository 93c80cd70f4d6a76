"""Character classes: ignorable (whitespace/control) and Latin-face characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

_IGNORABLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})

# Inclusive codepoint ranges set in the Latin face when it has the glyph.
LATIN_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII letters, digits, punctuation
    (0x00A0, 0x00B6),  # Latin-1 punctuation/symbols (U+00B7 middle dot stays CJK)
    (0x00B8, 0x00FF),  # Latin-1 symbols and letters
    (0x0100, 0x024F),  # Latin Extended-A/B
    (0x0300, 0x036F),  # combining diacritics
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2013, 0x2013),  # en dash (number ranges)
)

# Printable ASCII: always put into the main and Latin subsets (page numbers, dates).
BASE_CODEPOINTS: frozenset[int] = frozenset(range(0x20, 0x7F))


def is_latin(ch: str) -> bool:
    """Return True for characters that belong in the Latin face."""
    cp = ord(ch)
    return any(low <= cp <= high for low, high in LATIN_RANGES)


def is_ignorable(ch: str) -> bool:
    """Return True for whitespace, control and format characters and variation selectors."""
    cp = ord(ch)
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return True
    return unicodedata.category(ch) in _IGNORABLE_CATEGORIES


def char_set(chars: str | Iterable[str]) -> frozenset[str]:
    """Return the distinct single characters of a string or an iterable of strings."""
    if isinstance(chars, str):
        return frozenset(chars)
    return frozenset("".join(chars))  # joined first: set from one string at C speed
