"""Dictionary hyphenation of Latin words, from pyphen's (LibreOffice's) pattern files."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import pyphen

from briefing.render.pdf.text import MIN_AFTER, MIN_BEFORE

Points = Callable[[str], tuple[int, ...]]
"""A word's hyphenation points: how many characters may precede each hyphen."""


def dictionary_name(language: str) -> str | None:
    """Return pyphen's dictionary for a BCP 47 tag (en-GB: en_GB, en: en_US), or None."""
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
def hyphenator(language: str) -> Points | None:
    """Return the hyphenation points function for `language`, or None without a dictionary."""
    name = dictionary_name(language)
    if name is None:
        return None
    dictionary = pyphen.Pyphen(lang=name, left=MIN_BEFORE, right=MIN_AFTER)

    @lru_cache(maxsize=1 << 14)
    def points(word: str) -> tuple[int, ...]:
        return tuple(dictionary.positions(word))

    return points
