"""Text: nothing unfinished, no characters that break documents, an abstract of fair length."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial

from briefing.checks.characters import character_problems
from briefing.diagnostics import Diagnostic, Location, Severity
from briefing.model.base import Anchor, Model, anchor
from briefing.model.content import Content, text_roots
from briefing.model.walk import per_model, texts_of

PLACEHOLDERS = re.compile(r"○○|〇〇|ＸＸ|XXX|TODO|TBD|FIXME|待填|待補|待確認")
"""Length of 摘要 that tools following the official rule accept, in characters."""


def within(at: Anchor, path: tuple[str | int, ...], text: str, index: int) -> Location:
    """The location of character `index` of a text value, as exactly as the source allows."""
    location = at.at(*path)
    mark = at.source.values.get((*at.prefix, *path))
    if mark is None or "\n" in mark.raw or mark.raw.strip() != text:
        return location
    offset = index + (0 if mark.plain else 1) + (len(mark.raw) - len(mark.raw.lstrip()))
    return Location(location.file, location.line, location.column + offset, location.field)


def per_file(
    content: Content, kind: str, check: Callable[[Model], tuple[Diagnostic, ...]]
) -> Iterator[Diagnostic]:
    """What `check` finds in each file's model, found once per validated file: a warm
    process (`briefing watch`) checks only the files that changed."""
    for root in text_roots(content):
        yield from per_model(root, kind, partial(check, root))


def placeholders(content: Content) -> Iterator[Diagnostic]:
    """No unfinished placeholders (○○, TODO, XXX, 待填) remain."""
    return per_file(content, "placeholders", _placeholders)


def _placeholders(root: Model) -> tuple[Diagnostic, ...]:
    at = anchor(root)
    return tuple(
        Diagnostic(
            Severity.ERROR,
            "PLACEHOLDER",
            f"unfinished placeholder {match.group()!r}",
            within(at, path, text, match.start()),
            "replace it with the real text before building",
        )
        for path, text in texts_of(root)
        for match in PLACEHOLDERS.finditer(text)
    )


def forbidden_characters(content: Content) -> Iterator[Diagnostic]:
    """No characters a document must not carry: controls, bidirectional and invisible
    format characters (see briefing.checks.characters), and a warning for U+FFFD."""
    return per_file(content, "characters", _forbidden_characters)


def _forbidden_characters(root: Model) -> tuple[Diagnostic, ...]:
    at = anchor(root)
    return tuple(
        Diagnostic(
            problem.severity,
            problem.code,
            problem.message,
            within(at, path, text, problem.index),
            problem.hint,
        )
        for path, text in texts_of(root)
        for problem in character_problems(text)
    )
