"""The report itself: cover facts, abstract, purposes and the delegation."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from briefing.model.base import Day, Id, Model, Text
from briefing.model.points import Correction, Point

TripCategory = Literal["考察", "進修", "研究", "實習", "其他"]
Bureau = Literal["hsp", "ctsp", "stsp"]
"""Science park bureaus: 竹科 (hsp), 中科 (ctsp), 南科 (stsp)."""


class Member(Model):
    """One member of the delegation."""

    name: Text
    title: Text
    """Position title, e.g. 副主任委員."""
    organisation: Text
    """Organisation as the source names it, e.g. 國科會."""
    bureau: Bureau | None = None
    """The science park bureau the member belongs to, where one does."""


class Purpose(Model):
    """Chapter 壹's opening: background of the trip and its aims."""

    background: tuple[Text, ...]
    """Paragraphs on why the trip was made."""
    aims: tuple[Point, ...] = Field(min_length=1)
    """The purposes (目的), as numbered points."""


class ReportEditorial(Model):
    """Editorial additions that the source does not contain."""

    summary: Text | None = None
    """Why the trip, in two or three sentences, for the executive summary."""
    keywords: tuple[Text, ...] = ()
    """Keywords chosen by the editors where the source gives none."""
    notes: tuple[Text, ...] = ()
    """Remarks on where the cover facts came from."""


class Report(Model):
    """The report's cover facts, abstract, purposes and delegation."""

    id: Id
    title: Text
    organisation: Text
    """Issuing organisation (服務機關)."""
    unit: Text | None = None
    """Issuing unit within the organisation, where the source names one."""
    category: TripCategory
    """Trip category (出國類別)."""
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
    purpose: Purpose
    members_intro: Text | None = None
    """Lead-in to the member list."""
    members: tuple[Member, ...] = Field(min_length=1)
    corrections: tuple[Correction, ...] = ()
    editorial: ReportEditorial = ReportEditorial()
