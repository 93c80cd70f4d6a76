"""Background chapters: narrative sections with points and tables."""

from __future__ import annotations

from pydantic import Field

from briefing.model.base import Id, Model, Text
from briefing.model.points import Point


class Section(Model):
    """A titled section: paragraphs, then points, then the tables of its datasets."""

    title: Text
    paragraphs: tuple[Text, ...] = ()
    points: tuple[Point, ...] = ()
    datasets: tuple[Id, ...] = ()
    """Ids of datasets shown as tables after the points."""
    charts: tuple[Id, ...] = ()
    """Ids of charts shown after the tables."""


class Background(Model):
    """A background chapter (the source's 參)."""

    title: Text
    paragraphs: tuple[Text, ...] = ()
    sections: tuple[Section, ...] = Field(min_length=1)
