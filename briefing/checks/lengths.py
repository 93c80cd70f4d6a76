"""Lengths: text that prints as a heading, a caption, a label or a table cell fits a page.

Prose (notes, paragraphs, points) wraps and runs over pages at any length. A heading, a
contents entry, a chart label or a cell of the cover's table cannot be split, so a very
long one would check clean and then fail the build; these limits refuse it at check time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from briefing.checks.text import per_file, within
from briefing.diagnostics import Diagnostic, Severity
from briefing.load.yaml_source import FieldPath
from briefing.model.base import Model, anchor
from briefing.model.content import Content

TITLE, NAME, SHORT, LABEL, UNIT, CITATION = 200, 100, 60, 100, 30, 300

LIMITS: dict[tuple[str, str], int] = {
    ("Report", "title"): TITLE,
    ("Report", "organisation"): NAME,
    ("Report", "unit"): NAME,
    ("Report", "destinations"): NAME,
    ("Member", "name"): NAME,
    ("Member", "title"): NAME,
    ("Member", "organisation"): NAME,
    ("Visit", "name"): TITLE,
    ("Visit", "short_name"): SHORT,
    ("Visit", "city"): NAME,
    ("Visit", "venue"): TITLE,
    ("Contact", "name"): NAME,
    ("Contact", "position"): TITLE,
    ("Photo", "caption"): TITLE,
    ("Region", "name"): NAME,
    ("Background", "title"): TITLE,
    ("Section", "title"): TITLE,
    ("TableDataset", "title"): TITLE,
    ("FiguresDataset", "title"): TITLE,
    ("Column", "label"): LABEL,
    ("Column", "unit"): UNIT,
    ("Figure", "label"): LABEL,
    ("Figure", "unit"): UNIT,
    ("Figure", "share_of"): LABEL,
    ("Source", "citation"): CITATION,
    ("ChartSpec", "title"): TITLE,
    ("ChartSpec", "rest_label"): LABEL,
    ("ChartEntry", "label"): LABEL,
}
"""Most characters of a field (model class, field name) that cannot be split across pages."""


def limited_texts(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str, int]]:
    """Every limited string below a model: its path, text and limit."""
    if not isinstance(value, BaseModel):
        return
    owner = type(value).__name__
    for name in type(value).model_fields:
        field = getattr(value, name)
        limit = LIMITS.get((owner, name))
        items = list(enumerate(field)) if isinstance(field, tuple) else [(None, field)]
        for index, item in items:
            at = (*path, name) if index is None else (*path, name, index)
            if isinstance(item, str) and limit is not None:
                yield at, item, limit
            elif isinstance(item, BaseModel):
                yield from limited_texts(item, at)


def text_lengths(content: Content) -> Iterator[Diagnostic]:
    """Headings, names, labels and cover facts keep within LIMITS."""
    return per_file(content, "lengths", _text_lengths)


def _text_lengths(root: Model) -> tuple[Diagnostic, ...]:
    at = anchor(root)
    return tuple(
        Diagnostic(
            Severity.ERROR,
            "TEXT_TOO_LONG",
            f"{_field(path)} has {len(text):,} characters; it prints in one piece "
            f"and may have at most {limit}",
            within(at, path, text, limit),
            "shorten it; put the detail in a note or paragraph",
        )
        for path, text, limit in limited_texts(root)
        if len(text) > limit
    )


def _field(path: FieldPath) -> str:
    """The name of the field a path ends in (its last name, not an index)."""
    return next(str(p) for p in reversed(path) if isinstance(p, str))
