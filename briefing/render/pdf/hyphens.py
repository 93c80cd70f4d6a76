"""Dictionary hyphenation of Latin words, from pyphen's (LibreOffice's) pattern files.

pyphen is imported and its dictionary parsed (about 0.1 s) only when a word first needs
breaking: most Chinese reports never do.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from briefing.render.pdf.text import MIN_AFTER, MIN_BEFORE

if TYPE_CHECKING:
    import pyphen

Points = Callable[[str], tuple[int, ...]]
"""A word's hyphenation points: how many characters may precede each hyphen."""


def dictionary_name(language: str) -> str | None:
    """Return pyphen's dictionary for a BCP 47 tag (en-GB: en_GB, en: en_US), or None."""
    import pyphen

    parts = language.replace("_", "-").split("-")
    if not parts[0]:
        return None
    primary = parts[0].lower()
    if primary == "en" and len(parts) == 1:
        # pyphen's bare "en" is its US dictionary under another name; name it plainly.
        return "en_US"
    tag = primary + "".join(f"_{p.upper()}" for p in parts[1:2] if len(p) == 2)
    found: str | None = pyphen.language_fallback(tag)
    return found


@lru_cache(maxsize=8)
def hyphenator(language: str) -> Points:
    """Return the hyphenation points of words in `language` (none without a dictionary)."""

    @lru_cache(maxsize=1 << 14)
    def points(word: str) -> tuple[int, ...]:
        dictionary = _dictionary(language)
        return () if dictionary is None else tuple(dictionary.positions(word))

    return points


@lru_cache(maxsize=8)
def _dictionary(language: str) -> pyphen.Pyphen | None:
    """Return the parsed dictionary of `language`, or None when pyphen has none."""
    import pyphen

    name = dictionary_name(language)
    if name is None:
        return None
    return pyphen.Pyphen(lang=name, left=MIN_BEFORE, right=MIN_AFTER)
