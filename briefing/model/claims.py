"""Counts the prose states, tied to what they count so the checker can verify them."""

from __future__ import annotations

from typing import Literal

from briefing.model.base import Id, Model, Text


class Claim(Model):
    """A number stated in the text (e.g. 拜訪15個機構) and what it counts."""

    quote: Text
    """The exact words, as they appear in some text of the content."""
    value: int | None = None
    """The number stated; by default the first number in the quote."""
    counts: Literal["visits", "trip-days", "members", "dataset-rows"]
    dataset: Id | None = None
    """For dataset-rows: the dataset whose rows are counted."""
    note: Text | None = None


class Claims(Model):
    """The claims file."""

    claims: tuple[Claim, ...] = ()
