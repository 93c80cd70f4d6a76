"""Findings (心得) and recommendations (建議事項)."""

from __future__ import annotations

from briefing.model.base import Id, Model, Text
from briefing.model.points import Point


class ConclusionEditorial(Model):
    """Editorial additions for tailoring; none of this is in the source."""

    summary: Text | None = None
    """The point in one or two sentences, for the executive summary."""
    themes: tuple[Id, ...] = ()
    organisations: tuple[Id, ...] = ()
    """Declared organisations (styles/organisations/) this point concerns."""


class Conclusion(Model):
    """A finding or recommendation: a numbered point with editorial tags."""

    text: Text
    paragraphs: tuple[Text, ...] = ()
    points: tuple[Point, ...] = ()
    editorial: ConclusionEditorial = ConclusionEditorial()


class Conclusions(Model):
    """Chapter 伍: findings and recommendations."""

    findings: tuple[Conclusion, ...] = ()
    recommendations: tuple[Conclusion, ...] = ()
