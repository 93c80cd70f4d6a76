"""Dates in the locale's words: 民國 (ROC) or western years, weekdays, short ranges."""

from __future__ import annotations

from datetime import date
from typing import Literal

from briefing.style.locale import Locale
from briefing.style.pattern import fill

DateStyle = Literal["roc", "western"]


def _fields(d: date, locale: Locale) -> dict[str, object]:
    return {
        "year": d.year,
        "roc_year": d.year - 1911,
        "month": d.month,
        "month_name": locale.months[d.month - 1],
        "day": d.day,
        "weekday": locale.weekdays[d.weekday()],
    }


def long_date(d: date, locale: Locale, style: DateStyle) -> str:
    """民國100年9月19日, 2011年9月19日 or 19 September 2011, as the locale writes them."""
    words = locale.words
    pattern = words.date_long_roc if style == "roc" else words.date_long_western
    return fill(pattern, _fields(d, locale))


def month_day(d: date, locale: Locale, *, weekday: bool = False) -> str:
    """9月19日, optionally with the weekday: 9月19日（一）."""
    words = locale.words
    pattern = words.date_month_day_weekday if weekday else words.date_month_day
    return fill(pattern, _fields(d, locale))


def date_range(start: date, end: date, locale: Locale, style: DateStyle) -> str:
    """民國100年9月19日至9月27日 or 19 to 27 September 2011: the year once when it does not
    change ({start} {end} with the year first, {start_short} {end_long} with it last)."""
    if end == start:
        return long_date(start, locale, style)
    same_year = end.year == start.year
    start_long, end_long = long_date(start, locale, style), long_date(end, locale, style)
    return fill(
        locale.words.date_range,
        {
            "start": start_long,
            "end": month_day(end, locale) if same_year else end_long,
            "start_short": month_day(start, locale) if same_year else start_long,
            "end_long": end_long,
        },
    )


def short_range(start: date, end: date, locale: Locale) -> str:
    """9/19~9/21, as the itinerary writes it."""
    return fill(
        locale.words.date_short_range,
        {
            "start_month": start.month,
            "start_day": start.day,
            "end_month": end.month,
            "end_day": end.day,
        },
    )
