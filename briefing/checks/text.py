"""Text: nothing unfinished, no characters that break documents, an abstract of fair length."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from briefing.diagnostics import Diagnostic, Location, Severity
from briefing.model.base import Anchor, anchor
from briefing.model.content import Content, text_roots
from briefing.model.walk import iter_texts

PLACEHOLDERS = re.compile(r"○○|〇〇|ＸＸ|XXX|TODO|TBD|FIXME|待填|待補|待確認")
"""Length of 摘要 that tools following the official rule accept, in characters."""

# XML 1.0 forbids C0 controls except tab, newline and carriage return, and U+FFFE/U+FFFF;
# DEL and the C1 controls it allows but discourages: no font draws them, so they vanish.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def within(at: Anchor, path: tuple[str | int, ...], text: str, index: int) -> Location:
    """The location of character `index` of a text value, as exactly as the source allows."""
    location = at.at(*path)
    mark = at.source.values.get((*at.prefix, *path))
    if mark is None or "\n" in mark.raw or mark.raw.strip() != text:
        return location
    offset = index + (0 if mark.plain else 1) + (len(mark.raw) - len(mark.raw.lstrip()))
    return Location(location.file, location.line, location.column + offset, location.field)


def placeholders(content: Content) -> Iterator[Diagnostic]:
    """No unfinished placeholders (○○, TODO, XXX, 待填) remain."""
    for root in text_roots(content):
        at = anchor(root)
        for path, text in iter_texts(root):
            for match in PLACEHOLDERS.finditer(text):
                yield Diagnostic(
                    Severity.ERROR,
                    "PLACEHOLDER",
                    f"unfinished placeholder {match.group()!r}",
                    within(at, path, text, match.start()),
                    "replace it with the real text before building",
                )


def forbidden_characters(content: Content) -> Iterator[Diagnostic]:
    """No control characters that XML forbids, no bidirectional overrides, no U+FFFD."""
    for root in text_roots(content):
        at = anchor(root)
        for path, text in iter_texts(root):
            for match in _XML_FORBIDDEN.finditer(text):
                yield Diagnostic(
                    Severity.ERROR,
                    "CONTROL_CHAR",
                    f"control character U+{ord(match.group()):04X} cannot appear in a document",
                    within(at, path, text, match.start()),
                    "delete it (it often comes from copying out of Word or a PDF)",
                )
            for match in _BIDI.finditer(text):
                name = unicodedata.name(match.group(), "bidirectional control")
                yield Diagnostic(
                    Severity.ERROR,
                    "BIDI_CHAR",
                    f"bidirectional control U+{ord(match.group()):04X} ({name}) "
                    "can make text display differently from how it reads",
                    within(at, path, text, match.start()),
                    "delete it",
                )
            index = text.find("\ufffd")
            if index >= 0:
                yield Diagnostic(
                    Severity.WARNING,
                    "REPLACEMENT_CHAR",
                    "U+FFFD (�) marks text that was garbled by a wrong encoding",
                    within(at, path, text, index),
                    "recover the original characters",
                )
