"""Characters that no configured font can draw."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

from briefing.checks.text import within
from briefing.diagnostics import Diagnostic, Severity
from briefing.fonts import missing_characters
from briefing.model.base import anchor
from briefing.model.content import Content, text_roots
from briefing.model.walk import iter_texts
from briefing.style.model import FormatFonts

MAX_PLACES_PER_CHAR = 10


def missing_glyphs(content: Content, chains: Iterable[FormatFonts]) -> Iterator[Diagnostic]:
    """Report each place where a character appears that a template's PDF fonts lack."""
    texts = [(root, path, text) for root in text_roots(content) for path, text in iter_texts(root)]
    used = {ch for _, _, text in texts for ch in text}
    missing: dict[str, str] = {}
    for fonts in chains:
        chain = [fonts.main, *fonts.fallbacks]
        # Font names were validated with the template, so every name here is packaged.
        for ch in missing_characters(used, chain, fonts.latin):
            missing.setdefault(ch, " → ".join(chain))
    if not missing:
        return
    places: dict[str, int] = {}
    for root, path, text in texts:
        for index, ch in enumerate(text):
            if ch not in missing or places.get(ch, 0) >= MAX_PLACES_PER_CHAR:
                continue
            places[ch] = places.get(ch, 0) + 1
            name = unicodedata.name(ch, "unnamed character")
            yield Diagnostic(
                Severity.ERROR,
                "MISSING_GLYPH",
                f"no font can draw U+{ord(ch):04X} {ch!r} ({name})",
                within(anchor(root), path, text, index),
                f"fonts tried: {missing[ch]}; replace the character or add a font",
            )
