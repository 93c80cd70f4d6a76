"""Dates: the trip, its regions and days, the visits and the report agree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

from briefing.diagnostics import Diagnostic, Location, Severity
from briefing.model.base import anchor
from briefing.model.content import Content

FILING_DEADLINE = timedelta(days=92)
"""Reports are filed within three months of return."""


def _error(code: str, message: str, location: Location, hint: str = "") -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, location, hint)


def trip_dates(content: Content) -> Iterator[Diagnostic]:
    """The trip ends after it starts; regions and days lie inside it, in order."""
    report = content.report
    at_report = anchor(report)
    if report.end < report.start:
        yield _error(
            "TRIP_DATES",
            f"the trip ends ({report.end}) before it starts ({report.start})",
            at_report.at("end"),
        )
        return
    itinerary = anchor(content.itinerary)
    covered: set[date] = set()
    for r, region in enumerate(content.itinerary.regions):
        if region.end < region.start:
            yield _error(
                "TRIP_DATES",
                f"region {region.id} ends before it starts",
                itinerary.at("regions", r, "end"),
            )
        if region.start < report.start or region.end > report.end:
            yield _error(
                "TRIP_DATES",
                f"region {region.id} ({region.start}–{region.end}) lies outside the trip "
                f"({report.start}–{report.end})",
                itinerary.at("regions", r, "start"),
            )
        for d, day in enumerate(region.days):
            if not region.start <= day.date <= region.end:
                yield _error(
                    "TRIP_DATES",
                    f"{day.date} is outside its region's dates ({region.start}–{region.end})",
                    itinerary.at("regions", r, "days", d, "date"),
                )
            if day.date in covered:
                yield _error(
                    "TRIP_DATES",
                    f"{day.date} appears twice in the itinerary",
                    itinerary.at("regions", r, "days", d, "date"),
                )
            covered.add(day.date)
    missing = [
        report.start + timedelta(days=i)
        for i in range((report.end - report.start).days + 1)
        if report.start + timedelta(days=i) not in covered
    ]
    if missing:
        shown = ", ".join(str(d) for d in missing[:5])
        yield Diagnostic(
            Severity.WARNING,
            "ITINERARY_GAP",
            f"the itinerary says nothing of {shown}",
            itinerary.at("regions"),
        )
    for visit in content.visits:
        if not report.start <= visit.date <= report.end:
            yield _error(
                "VISIT_DATE",
                f"visit {visit.id} on {visit.date} is outside the trip "
                f"({report.start}–{report.end})",
                anchor(visit).at("date"),
            )


def itinerary_matches_visits(content: Content) -> Iterator[Diagnostic]:
    """Each visit is on the itinerary once, on its own date, in its own region."""
    itinerary = anchor(content.itinerary)
    listed: dict[str, int] = {}
    for r, region in enumerate(content.itinerary.regions):
        for d, day in enumerate(region.days):
            for k, ref in enumerate(day.visits):
                listed[ref] = listed.get(ref, 0) + 1
                visit = content.visit(ref)
                if visit is None:
                    continue
                where = itinerary.at("regions", r, "days", d, "visits", k)
                if visit.date != day.date:
                    yield _error(
                        "ITINERARY_MISMATCH",
                        f"the itinerary lists {ref} on {day.date}, but the visit is dated "
                        f"{visit.date}",
                        where,
                        f"see {anchor(visit).at('date')}",
                    )
                if visit.region is not None and visit.region != region.id:
                    yield _error(
                        "ITINERARY_MISMATCH",
                        f"the itinerary lists {ref} in region {region.id}, but the visit "
                        f"says {visit.region}",
                        where,
                    )
    for visit in content.visits:
        count = listed.get(visit.id, 0)
        if count == 0:
            yield Diagnostic(
                Severity.WARNING,
                "ITINERARY_MISSING",
                f"visit {visit.id} is not on the itinerary",
                anchor(visit).at("id"),
            )
        elif count > 1:
            yield _error(
                "ITINERARY_MISMATCH",
                f"visit {visit.id} is on the itinerary {count} times",
                anchor(visit).at("id"),
            )


def report_date(content: Content) -> Iterator[Diagnostic]:
    """The report is dated, after the trip, and within the filing deadline."""
    report = content.report
    at = anchor(report)
    if report.report_date is None:
        yield Diagnostic(
            Severity.WARNING,
            "REPORT_DATE_MISSING",
            "the report has no report_date; the cover's report date stays empty",
            replace(at.key("end"), field="report_date"),
            "add report_date: YYYY-MM-DD",
        )
        return
    if report.report_date < report.end:
        yield _error(
            "REPORT_DATE",
            f"the report is dated {report.report_date}, before the trip ended ({report.end})",
            at.at("report_date"),
        )
    elif report.report_date - report.end > FILING_DEADLINE:
        yield Diagnostic(
            Severity.WARNING,
            "REPORT_LATE",
            f"the report is dated {(report.report_date - report.end).days} days after "
            "return; reports are due within three months",
            at.at("report_date"),
        )
