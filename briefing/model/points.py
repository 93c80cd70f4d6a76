"""Headed, numbered, nested points: the shape of notes, findings and recommendations."""

from __future__ import annotations

from briefing.model.base import Model, Text


class Point(Model):
    """One numbered point; its number is generated from its depth and position."""

    text: Text
    """The point's first paragraph (often a lead-in ending in a colon)."""
    paragraphs: tuple[Text, ...] = ()
    """Further paragraphs of the same point, unnumbered."""
    points: tuple[Point, ...] = ()
    """Sub-points, numbered one level deeper."""


class Correction(Model):
    """An editorial change to the source's words or figures, with the reason."""

    field: Text
    """Which field was changed (its path in this file)."""
    source_says: Text
    """What the source wrote."""
    note: Text
    """What was changed and why."""
