"""Checks beyond the schema: each yields diagnostics with a stable code and severity."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from briefing.checks import charts, counts, dates, images, lengths, references, statistics, text
from briefing.diagnostics import Diagnostic
from briefing.model.content import Content

Check = Callable[[Content], Iterable[Diagnostic]]

CHECKS: tuple[Check, ...] = (
    references.unique_ids,
    references.references_resolve,
    dates.trip_dates,
    dates.itinerary_matches_visits,
    dates.report_date,
    counts.stated_counts,
    statistics.table_sizes,
    statistics.table_cells,
    statistics.percentages,
    statistics.number_ranges,
    statistics.declared_totals,
    statistics.sources,
    charts.charts_have_data,
    images.images,
    text.placeholders,
    text.forbidden_characters,
    lengths.text_lengths,
)


def run_checks(content: Content) -> list[Diagnostic]:
    """Run every check on validated content."""
    found: list[Diagnostic] = []
    for check in CHECKS:
        found.extend(check(content))
    return found
