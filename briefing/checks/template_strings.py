"""Template strings: characters a document can print, lengths that fit in one piece."""

from __future__ import annotations

from collections.abc import Iterator

from briefing.checks.characters import character_problems
from briefing.checks.text import within
from briefing.diagnostics import Diagnostic, Severity
from briefing.model.base import anchor
from briefing.model.walk import iter_texts
from briefing.style.model import AudienceSpec

MAX_TEMPLATE_TEXT = 200
"""Longest template string: wording, addressee and titles print in one piece."""
MAX_MARKING = 20
"""Longest marking (e.g. 內部參考): it shares the header line and boxes the cover."""


def template_characters(spec: AudienceSpec) -> Iterator[Diagnostic]:
    """Template strings follow the same character policy as content."""
    at = anchor(spec)
    for path, text in iter_texts(spec):
        if path in (("name",), ("base",)):  # set by the loader, not written in the file
            continue
        for problem in character_problems(text):
            yield Diagnostic(
                problem.severity,
                problem.code,
                problem.message,
                within(at, path, text, problem.index),
                problem.hint,
            )


def template_lengths(spec: AudienceSpec) -> Iterator[Diagnostic]:
    """Template strings are short enough to print in one piece."""
    at = anchor(spec)
    for path, text in iter_texts(spec):
        limit = MAX_MARKING if path == ("marking",) else MAX_TEMPLATE_TEXT
        if len(text) > limit:
            yield Diagnostic(
                Severity.ERROR,
                "TEXT_TOO_LONG",
                f"{spec.name}: {len(text):,} characters; a template string may have at most "
                f"{limit}",
                within(at, path, text, limit),
                "shorten it",
            )
