"""Dates as the template wants them: 民國 (ROC) or western years."""

from __future__ import annotations

from datetime import date
from typing import Literal

DateStyle = Literal["roc", "western"]
WEEKDAYS = "一二三四五六日"
PERIODS = {"morning": "上午", "afternoon": "下午", "evening": "晚上", "all-day": "全日"}


def year(d: date, style: DateStyle) -> str:
    """The year part: 民國100年 or 2011年."""
    return f"民國{d.year - 1911}年" if style == "roc" else f"{d.year}年"


def long_date(d: date, style: DateStyle) -> str:
    """民國100年9月19日 or 2011年9月19日."""
    return f"{year(d, style)}{d.month}月{d.day}日"


def date_range(start: date, end: date, style: DateStyle) -> str:
    """民國100年9月19日至9月27日 (the year once when it does not change)."""
    tail = f"{end.month}月{end.day}日"
    if end.year != start.year:
        tail = long_date(end, style)
    return f"{long_date(start, style)}至{tail}"


def month_day(d: date, *, weekday: bool = False) -> str:
    """9月19日, optionally with the weekday: 9月19日（一）."""
    text = f"{d.month}月{d.day}日"
    return f"{text}（{WEEKDAYS[d.weekday()]}）" if weekday else text


def short_range(start: date, end: date) -> str:
    """9/19~9/21, as the itinerary writes it."""
    return f"{start.month}/{start.day}~{end.month}/{end.day}"
