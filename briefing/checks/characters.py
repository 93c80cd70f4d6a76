"""One policy for the characters of every string that reaches a document.

Content, dataset labels, chart fields and template strings all pass through it, so a
character is either refused at its place by `briefing check` or printed alike by every
format: the PDF draws no glyph for a zero-width or format character while the DOCX keeps
it, so letting one through would make the two documents say different things.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from briefing.diagnostics import Severity

MAX_PER_TEXT = 20
"""Diagnostics reported for one string: enough to find them, not a flood."""

# XML 1.0 forbids C0 controls except tab, newline and carriage return, and U+FFFE/U+FFFF;
# DEL and the C1 controls it allows but discourages: no font draws them, so they vanish.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_BIDI = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
"""Bidirectional marks, embeddings, overrides and isolates."""
_FILLERS = frozenset([0x115F, 0x1160, 0x3164, 0xFFA0])
"""Hangul fillers: letters that draw nothing."""


@dataclass(frozen=True)
class CharProblem:
    """A character a document must not carry, at its index in the text."""

    index: int
    severity: Severity
    code: str
    message: str
    hint: str


def _u(ch: str) -> str:
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, 'unnamed character')})"


def is_invisible(ch: str) -> bool:
    """A character that draws nothing and moves nothing a reader can see."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) == "Cf"
        or 0xFE00 <= cp <= 0xFE0F  # variation selectors
        or 0xE0100 <= cp <= 0xE01EF  # variation selectors supplement
        or cp in _FILLERS
    )


def _blank(ch: str) -> bool:
    """Whether a character leaves no mark: invisible, a space, or a control."""
    return is_invisible(ch) or ch.isspace() or _XML_FORBIDDEN.fullmatch(ch) is not None


def _problem(ch: str, index: int) -> CharProblem | None:
    cp = ord(ch)
    if _XML_FORBIDDEN.fullmatch(ch):
        return CharProblem(
            index,
            Severity.ERROR,
            "CONTROL_CHAR",
            f"control character U+{cp:04X} cannot appear in a document",
            "delete it (it often comes from copying out of Word or a PDF)",
        )
    if cp in _BIDI:
        return CharProblem(
            index,
            Severity.ERROR,
            "BIDI_CHAR",
            f"bidirectional control {_u(ch)} can make text display differently from how it reads",
            "delete it",
        )
    if is_invisible(ch):
        what = "tag character" if 0xE0000 <= cp <= 0xE007F else "invisible character"
        return CharProblem(
            index,
            Severity.ERROR,
            "INVISIBLE_CHAR",
            f"{what} {_u(ch)}: the PDF would drop it and the DOCX keep it",
            "delete it (it often comes from copying out of a web page or a chat)",
        )
    if ch == "\ufffd":
        return CharProblem(
            index,
            Severity.WARNING,
            "REPLACEMENT_CHAR",
            "U+FFFD (�) marks text that was garbled by a wrong encoding",
            "recover the original characters",
        )
    return None


@lru_cache(maxsize=65536)
def _suspect(ch: str) -> bool:
    """Whether the policy has anything to say of a character (asked once per character)."""
    return _problem(ch, 0) is not None


def character_problems(text: str) -> Iterator[CharProblem]:
    """What the policy refuses or warns of in one string, first occurrences first."""
    if not any(map(_suspect, set(text))):  # the common case, with no character walk
        return
    found = 0
    seen_replacement = False
    for index, ch in enumerate(text):
        if ch.isascii() and ch.isprintable():
            continue
        problem = _problem(ch, index)
        if problem is None:
            continue
        if problem.code == "REPLACEMENT_CHAR":  # one is enough: the whole text is garbled
            if seen_replacement:
                continue
            seen_replacement = True
        found += 1
        if found > MAX_PER_TEXT:
            return
        yield problem
    # Spaces alone are a legitimate separator (U+3000 between a caption's number and text).
    if any(is_invisible(ch) for ch in text) and all(_blank(ch) for ch in text):
        yield CharProblem(
            0,
            Severity.ERROR,
            "EMPTY_TEXT",
            "the text has only invisible characters: it would print as nothing",
            "write the text, or remove the entry",
        )
