"""Checks that need the audiences: short forms they show, terms, tags and template text."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from briefing.diagnostics import Diagnostic, Location, Severity
from briefing.model.base import anchor
from briefing.model.content import Content
from briefing.style.audience import Audience, nothing_concerns, organisation_ids
from briefing.style.model import PartSpec


def _short_form(audience: str, part: str) -> str:
    return f"the {audience} briefing shows {part} in short form"


def short_forms(content: Content, audiences: Iterable[Audience]) -> Iterator[Diagnostic]:
    """Each short form a briefing shows exists, and says which field to fill."""
    conclusions = content.conclusions
    for audience in audiences:
        for entry in audience.spec.parts:
            part = entry if isinstance(entry, PartSpec) else PartSpec(part=entry)
            if part.part == "summary" and content.report.editorial.summary is None:
                yield Diagnostic(
                    Severity.WARNING,
                    "SHORT_FORM_MISSING",
                    f"the {audience.name} briefing shows why the trip was made in short "
                    "form; the purpose's background is used instead",
                    anchor(content.report).key("title"),
                    "fill editorial.summary in report.yaml",
                )
            if part.depth != "summary":
                continue
            groups = {
                "findings": ("findings",),
                "recommendations": ("recommendations",),
                "conclusions": ("findings", "recommendations"),
            }.get(part.part, ())
            for group in groups:
                for i, item in enumerate(getattr(conclusions, group)):
                    if item.editorial.summary is None:
                        yield Diagnostic(
                            Severity.WARNING,
                            "SHORT_FORM_MISSING",
                            f"{_short_form(audience.name, group)}; this one has none "
                            "and is shown in full",
                            anchor(conclusions).at(group, i, "text"),
                            f"fill {group}[{i}].editorial.summary",
                        )
            if part.part == "visits":
                for visit in content.visits:
                    if visit.editorial.summary is None:
                        yield Diagnostic(
                            Severity.WARNING,
                            "SHORT_FORM_MISSING",
                            f"{_short_form(audience.name, 'visits')}; {visit.id} has none "
                            "and is shown by its date and place",
                            anchor(visit).at("id"),
                            "fill editorial.summary",
                        )


def _term(
    term: str | None, terms: dict[str, str], what: str, where: Location
) -> Iterator[Diagnostic]:
    if term is None or term in terms:
        return
    close = difflib.get_close_matches(term, sorted(terms), n=1)
    hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(sorted(terms))
    yield Diagnostic(
        Severity.ERROR,
        "UNKNOWN_TERM",
        f"{term!r} is not a {what} of the vocabulary",
        where,
        hint + "; or add it under vocabulary: in report.yaml",
    )


def vocabulary_terms(content: Content, audiences: Sequence[Audience]) -> Iterator[Diagnostic]:
    """Visit kinds, times of day and the trip category are terms the vocabulary knows."""
    seen: set[str] = set()
    for audience in audiences:
        if audience.locale.name in seen:
            continue
        seen.add(audience.locale.name)
        vocabulary = audience.vocabulary
        report = content.report
        yield from _term(
            report.category,
            vocabulary.trip_categories,
            "trip category",
            anchor(report).at("category"),
        )
        for visit in content.visits:
            at = anchor(visit)
            yield from _term(visit.kind, vocabulary.visit_kinds, "visit kind", at.at("kind"))
            yield from _term(visit.period, vocabulary.periods, "time of day", at.at("period"))


def organisation_tags(content: Content, styles_dir: Path) -> Iterator[Diagnostic]:
    """Every organisation the content is tagged for is declared in styles/organisations/."""
    declared = organisation_ids(styles_dir)

    def unknown(tag: str, where: Location) -> Iterator[Diagnostic]:
        if tag in declared:
            return
        close = difflib.get_close_matches(tag, declared, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "declared: " + ", ".join(declared)
        yield Diagnostic(
            Severity.ERROR,
            "UNKNOWN_ORGANISATION",
            f"no organisation {tag!r} is declared",
            where,
            hint + f"; or add {tag}.yaml to styles/organisations/",
        )

    at = anchor(content.report)
    for i, member in enumerate(content.report.members):
        if member.organisation_id:
            location = at.at("members", i, "organisation_id")
            yield from unknown(member.organisation_id, location)
    for visit in content.visits:
        for k, tag in enumerate(visit.editorial.organisations):
            yield from unknown(tag, anchor(visit).at("editorial", "organisations", k))
    conclusions = anchor(content.conclusions)
    for group in ("findings", "recommendations"):
        for i, item in enumerate(getattr(content.conclusions, group)):
            for k, tag in enumerate(item.editorial.organisations):
                where = conclusions.at(group, i, "editorial", "organisations", k)
                yield from unknown(tag, where)


def concerned(content: Content, audiences: Iterable[Audience]) -> Iterator[Diagnostic]:
    """An organisation's briefing that nothing in the content concerns is said so."""
    for audience in audiences:
        found = nothing_concerns(audience, content)
        if found is not None:
            yield found


def abstract_length(content: Content, audiences: Sequence[Audience]) -> Iterator[Diagnostic]:
    """The abstract keeps to the length the content language's locale asks for."""
    locale = next((a.locale for a in audiences if a.locale.name == content.report.language), None)
    if locale is None:
        return
    rule = locale.abstract_length
    paragraphs = content.report.abstract
    if rule.unit == "words":
        size = sum(len(p.split()) for p in paragraphs)
    else:  # characters, not counting spaces
        size = sum(len("".join(p.split())) for p in paragraphs)
    if not rule.min <= size <= rule.max:
        yield Diagnostic(
            Severity.WARNING,
            "ABSTRACT_LENGTH",
            f"the abstract has {size} {rule.unit}; the format asks for {rule.min}–{rule.max}",
            anchor(content.report).at("abstract"),
        )
