"""Visits: one per institution, with contacts, notes and photos."""

from __future__ import annotations

from pydantic import Field

from briefing.model.base import Day, Id, Model, Text, TimeOfDay
from briefing.model.points import Correction, Point


class Contact(Model):
    """A person met, as listed in the appendix."""

    name: Text | None = None
    """Name; absent where the source gives only a role."""
    position: Text
    """Position and organisation, as the source words them."""


class Photo(Model):
    """A photo from the visit: the caption always, the image file when there is one."""

    caption: Text
    image: Text | None = None
    """Image path relative to the content folder."""
    alt: Text | None = None
    """Alternative text describing the image, where it differs from the caption."""
    after: int | None = Field(default=None, ge=0)
    """Stands after this many top-level note points (default: after all notes)."""


class VisitEditorial(Model):
    """Editorial additions used for tailoring; none of this is in the source."""

    industries: tuple[Id, ...] = ()
    """Industries the institution concerns (e.g. optoelectronics, rare-earth)."""
    themes: tuple[Id, ...] = ()
    """Policy themes the visit touched (e.g. innovation-finance, talent)."""
    organisations: tuple[Id, ...] = ()
    """Declared organisations (styles/organisations/) for which this visit matters most."""
    summary: Text | None = None
    """Two or three sentences for briefings that show the visit in short."""


class Visit(Model):
    """One institution visited."""

    id: Id
    name: Text
    """Official name, as in the appendix (拜訪機構名稱)."""
    short_name: Text
    """Name used in the body's heading."""
    kind: Id
    """What was visited: a term of the locale's or the content's vocabulary (e.g. company,
    university, conference)."""
    city: Text | None = None
    region: Id | None = None
    """Id of the itinerary region."""
    date: Day
    period: Id | None = None
    """Time of day: morning, afternoon, evening or all-day (or a term of the vocabulary)."""
    start_time: TimeOfDay | None = None
    end_time: TimeOfDay | None = None
    venue: Text | None = None
    """Where the meeting took place (地點)."""
    contacts: tuple[Contact, ...] = ()
    notes: tuple[Point, ...] = ()
    """The visit's notes (訪談紀要) as nested points; empty where the source has none."""
    photos: tuple[Photo, ...] = ()
    corrections: tuple[Correction, ...] = ()
    editorial: VisitEditorial = VisitEditorial()
