"""The report itself: cover facts, abstract, purposes and the delegation."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from briefing.model.base import Day, Id, Model, Text
from briefing.model.points import Correction, Point

Language = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
"""A BCP 47 language tag, e.g. zh-TW or en."""


class Member(Model):
    """One member of the delegation."""

    name: Text
    title: Text
    """Position title, e.g. 副主任委員."""
    organisation: Text
    """Organisation as the source names it, e.g. 國科會."""
    unit: Text | None = None
    """Unit within the organisation (服務單位), where the source names one."""
    rank: Text | None = None
    """Civil-service rank (官職等), where the source gives one."""
    leads: bool = False
    """This member led the delegation (never inferred from the order of the list)."""
    organisation_id: Id | None = None
    """Id of a declared organisation (styles/organisations/) the member belongs to."""


class Purpose(Model):
    """Chapter 壹's opening: background of the trip and its aims."""

    background: tuple[Text, ...] = ()
    """Paragraphs on why the trip was made."""
    aims: tuple[Point, ...] = ()
    """The purposes (目的), as numbered points."""


FigureRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")]
"""A figure in the data, as `dataset-id/figure-id`."""


class ReportEditorial(Model):
    """Editorial additions that the source does not contain."""

    summary: Text | None = None
    """Why the trip, in two or three sentences, for the executive summary."""
    keywords: tuple[Text, ...] = ()
    """Keywords chosen by the editors where the source gives none."""
    notes: tuple[Text, ...] = ()
    """Remarks on where the cover facts came from."""
    key_figures: tuple[FigureRef, ...] = ()
    """Figures that briefings show as callouts, most important first (dataset/figure)."""
    charts: tuple[Id, ...] = ()
    """Charts that head a short briefing, most important first."""


class ContentVocabulary(Model):
    """Terms this content uses beyond the locale's, with their labels."""

    visit_kinds: dict[Id, Text] = Field(default_factory=dict)
    trip_categories: dict[Id, Text] = Field(default_factory=dict)


class Report(Model):
    """The report's cover facts, abstract, purposes and delegation."""

    id: Id
    title: Text
    language: Language = "zh-TW"
    """Language the content is written in; briefings use the locale of that name."""
    audiences: tuple[Id, ...] | None = None
    """Audiences built for this content (templates, organisations); by default every
    template, and a briefing for each organisation the content is tagged for."""
    organisation: Text
    """Issuing organisation (服務機關)."""
    unit: Text | None = None
    """Issuing unit within the organisation, where the source names one."""
    category: Id
    """Trip category (出國類別), a term of the locale's or the content's vocabulary."""
    destinations: tuple[Text, ...] = Field(min_length=1)
    """Countries or regions visited (派赴國家/地區)."""
    start: Day
    """First day of the trip."""
    end: Day
    """Last day of the trip."""
    report_date: Day | None = None
    """Date of the report (報告日期); the checker warns when it is missing."""
    abstract: tuple[Text, ...] = Field(min_length=1)
    """The abstract (摘要), one entry per paragraph."""
    keywords: tuple[Text, ...] = ()
    """Keywords as the source gives them."""
    purpose: Purpose = Purpose()
    members_intro: Text | None = None
    """Lead-in to the member list."""
    members: tuple[Member, ...] = Field(min_length=1)
    vocabulary: ContentVocabulary = ContentVocabulary()
    corrections: tuple[Correction, ...] = ()
    editorial: ReportEditorial = ReportEditorial()
