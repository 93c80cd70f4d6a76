"""Counts stated in the prose equal what the content holds."""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefing.diagnostics import Diagnostic, Location, Severity
from briefing.model.base import anchor
from briefing.model.claims import Claim
from briefing.model.content import Content, text_roots
from briefing.model.stats import TableDataset
from briefing.model.walk import texts_of

_NUMBER = re.compile(r"[0-9]+")
MAX_DIGITS = 15
"""Most digits a stated count may have (and far fewer than Python refuses to convert)."""

_WHAT = {
    "visits": "institutions visited",
    "trip-days": "days of the trip",
    "members": "delegation members",
    "dataset-rows": "rows",
}


def actual_count(claim: Claim, content: Content) -> int | None:
    """What the claim counts, as the content holds it; None if it cannot be counted."""
    match claim.counts:
        case "visits":
            return len(content.visits)
        case "trip-days":
            return (content.report.end - content.report.start).days + 1
        case "members":
            return len(content.report.members)
        case "dataset-rows":
            dataset = content.dataset(claim.dataset or "")
            if dataset is None:
                return None
            return len(dataset.rows) if isinstance(dataset, TableDataset) else len(dataset.figures)
    return None


def _occurrences(quote: str, content: Content) -> list[Location]:
    found: list[Location] = []
    for root in text_roots(content):
        at = anchor(root)
        for path, text in texts_of(root):
            if quote in text:
                found.append(at.at(*path))
    return found


def stated_counts(content: Content) -> Iterator[Diagnostic]:
    """Each claim's quote is in the text, and the number it states is the real count."""
    for claim in content.claims:
        at = anchor(claim)
        stated = claim.value
        if stated is None:
            match = _NUMBER.search(claim.quote)
            if match is None:
                yield Diagnostic(
                    Severity.ERROR,
                    "CLAIM_VALUE",
                    "the quote has no number; give the claim a value",
                    at.at("quote"),
                )
                continue
            if len(match.group()) > MAX_DIGITS:
                yield Diagnostic(
                    Severity.ERROR,
                    "CLAIM_VALUE",
                    f"the quote's number has {len(match.group()):,} digits; no count has that many",
                    at.at("quote"),
                )
                continue
            stated = int(match.group())
        places = _occurrences(claim.quote, content)
        if not places:
            yield Diagnostic(
                Severity.ERROR,
                "CLAIM_NOT_FOUND",
                f"the quote {claim.quote!r} is not in any text of the content",
                at.at("quote"),
                "quote the exact words",
            )
            continue
        actual = actual_count(claim, content)
        if actual is None or actual == stated:
            continue
        what = _WHAT[claim.counts]
        if claim.dataset:
            what = f"{what} in {claim.dataset}"
        for place in places:
            yield Diagnostic(
                Severity.WARNING,
                "COUNT_MISMATCH",
                f"the text says {stated} ({claim.quote!r}) but the content has {actual} {what}",
                place,
                f"claim at {at.at('quote')}",
            )
