"""Characters that no configured font can draw."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

from briefing.checks.characters import is_invisible
from briefing.checks.text import within
from briefing.diagnostics import Diagnostic, Severity
from briefing.fonts import missing_characters
from briefing.load.yaml_source import FieldPath
from briefing.model.base import Anchor, anchor
from briefing.model.content import Content, text_roots
from briefing.model.walk import chars_of, texts_of
from briefing.style.audience import Audience
from briefing.style.model import FormatFonts

MAX_PLACES_PER_CHAR = 10

Placed = tuple[Anchor, FieldPath, str]
"""A text and where it was read: its model's anchor and its path below it."""


def missing_glyphs(content: Content, chains: Iterable[FormatFonts]) -> Iterator[Diagnostic]:
    """Report each place where a character appears that a template's PDF fonts lack."""
    roots = text_roots(content)
    used = frozenset().union(*(chars_of(root) for root in roots))
    texts = ((anchor(root), path, text) for root in roots for path, text in texts_of(root))
    yield from _places(used, texts, chains)


def template_glyphs(audiences: Iterable[Audience]) -> Iterator[Diagnostic]:
    """Report each character of a template's, locale's or organisation's own strings that
    the template's PDF fonts lack."""
    for audience in audiences:
        found = (audience.spec, audience.locale, audience.organisation)
        models = [m for m in found if m is not None]
        used = frozenset().union(*(chars_of(model) for model in models))
        texts = ((anchor(m), path, text) for m in models for path, text in texts_of(m))
        yield from _places(used, texts, (audience.spec.fonts.pdf,))


def _places(
    used: frozenset[str], texts: Iterable[Placed], chains: Iterable[FormatFonts]
) -> Iterator[Diagnostic]:
    """Report where the characters of `used` that a chain lacks appear in `texts`."""
    # Invisible characters are refused by the character policy already: one diagnostic each.
    used = frozenset(ch for ch in used if not is_invisible(ch))
    missing: dict[str, str] = {}
    for fonts in chains:
        chain = [fonts.main, *fonts.fallbacks]
        # Font names were validated with the template, so every name here is packaged.
        for ch in missing_characters(used, chain, fonts.latin):
            missing.setdefault(ch, " → ".join(chain))
    if not missing:
        return
    places: dict[str, int] = {}
    for at, path, text in texts:
        for index, ch in enumerate(text):
            if ch not in missing or places.get(ch, 0) >= MAX_PLACES_PER_CHAR:
                continue
            places[ch] = places.get(ch, 0) + 1
            name = unicodedata.name(ch, "unnamed character")
            yield Diagnostic(
                Severity.ERROR,
                "MISSING_GLYPH",
                f"no font can draw U+{ord(ch):04X} {ch!r} ({name})",
                within(at, path, text, index),
                f"fonts tried: {missing[ch]}; replace the character or add a font",
            )
