"""The itinerary: regions with their date ranges, and what was done each day."""

from __future__ import annotations

from pydantic import Field

from briefing.model.base import Day, Id, Model, Text


class ItineraryDay(Model):
    """One day: what the source says was done, and the visits it refers to."""

    date: Day
    activities: tuple[Text, ...] = Field(min_length=1)
    """The day's work items, as the source words them."""
    visits: tuple[Id, ...] = ()
    """Ids of the visits made that day; empty on travel-only days."""


class Region(Model):
    """A region of the trip with its date range."""

    id: Id
    name: Text
    """Region as the source names it, e.g. 武漢地區."""
    start: Day
    end: Day
    days: tuple[ItineraryDay, ...] = Field(min_length=1)


class Itinerary(Model):
    """Chapter 貳: the trip's schedule."""

    intro: tuple[Text, ...] = ()
    """Paragraphs introducing the schedule."""
    regions: tuple[Region, ...] = ()
    visits_intro: tuple[Text, ...] = ()
    """Paragraphs introducing the visit notes (chapter 肆)."""
