"""Template text: template strings and the locale words compose fills as such name only
fields that exist, and every word is a pattern."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from briefing.checks.characters import character_problems
from briefing.checks.template_strings import MAX_TEMPLATE_TEXT
from briefing.checks.text import within
from briefing.diagnostics import Diagnostic, Location, Severity
from briefing.model.base import Anchor, anchor
from briefing.model.walk import iter_texts
from briefing.style.audience import Audience
from briefing.style.locale import Words
from briefing.style.model import AudienceSpec, PartSpec
from briefing.style.pattern import PatternError, check, field_names, parse

TEMPLATE_FIELDS = frozenset({"title", "category", "name", "short_name"})
"""Fields a template string may name besides the locale's words."""

PAGE_FIELDS = frozenset({"page", "pages"})

TEXT_WORDS = ("kicker", "nothing_concerns")
"""Words compose fills as template text (Composer.text), not as a phrase with values."""


def _where(audience: Audience, key: str) -> Location:
    """Where a word is said: the template's or organisation's wording, else the locale."""
    if key in audience.spec.wording:
        return anchor(audience.spec).at("wording", key)
    organisation = audience.organisation
    if organisation is not None and key in organisation.wording:
        return anchor(organisation).at("wording", key)
    return anchor(audience.locale).at("words", key)


def template_words(audiences: Iterable[Audience]) -> Iterator[Diagnostic]:
    """A word filled as template text names only template fields (and, used directly,
    other words): otherwise a clean check would meet an unfillable text in the build."""
    data = TEMPLATE_FIELDS | PAGE_FIELDS
    for audience in audiences:
        words = audience.words.model_dump()
        named = set(TEXT_WORDS)
        texts = [text for text, _ in _spec_strings(audience.spec)] + [audience.spec.footer]
        for text in texts:
            try:
                named |= field_names(text) & words.keys()
            except PatternError:
                continue  # template_text reports it
        for key in sorted(named):
            try:
                parse(words[key])
            except PatternError:
                continue  # template_text reports a word that is no pattern at all
            allowed = (words.keys() | data) if key in TEXT_WORDS else data
            problem = check(words[key], allowed)
            if problem:
                yield Diagnostic(
                    Severity.ERROR,
                    "TEMPLATE_FIELD",
                    f"{key}: {problem}",
                    _where(audience, key),
                    "this word is filled as template text",
                )


def styles_text(audiences: Iterable[Audience]) -> Iterator[Diagnostic]:
    """Locales and organisations follow the character policy and length limit of templates."""
    seen: set[int] = set()
    for audience in audiences:
        overridden = set(audience.spec.wording)
        organisation = audience.organisation
        if organisation is not None:
            overridden |= set(organisation.wording)
        for model in (audience.locale, organisation):
            if model is None or id(model) in seen:
                continue
            seen.add(id(model))
            at = anchor(model)
            for path, text in iter_texts(model):
                if model is audience.locale and path[:1] == ("words",) and path[1] in overridden:
                    continue  # said by the template or organisation, and checked there
                yield from _policy(at, path, text)


def _policy(at: Anchor, path: tuple[str | int, ...], text: str) -> Iterator[Diagnostic]:
    for problem in character_problems(text):
        where = within(at, path, text, problem.index)
        yield Diagnostic(problem.severity, problem.code, problem.message, where, problem.hint)
    if len(text) > MAX_TEMPLATE_TEXT:
        yield Diagnostic(
            Severity.ERROR,
            "TEXT_TOO_LONG",
            f"{len(text):,} characters; a word or name of the styles may have at most "
            f"{MAX_TEMPLATE_TEXT}",
            within(at, path, text, MAX_TEMPLATE_TEXT),
            "shorten it",
        )


def _spec_strings(spec: AudienceSpec) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    for key in ("title", "subtitle", "addressee", "header", "marking"):
        yield getattr(spec, key), (key,)
    for i, entry in enumerate(spec.parts):
        if isinstance(entry, PartSpec) and entry.title:
            yield entry.title, ("parts", i, "title")


def template_text(audiences: Sequence[Audience]) -> Iterator[Diagnostic]:
    """Template strings name only fields that exist: the locale's words and the report's."""
    words = frozenset(Words.model_fields)
    seen: set[str] = set()
    for audience in audiences:
        yield from _word_patterns(audience)
        spec = audience.spec
        if spec.name in seen:
            continue
        seen.add(spec.name)
        at: Anchor = anchor(spec)
        for text, path in _spec_strings(spec):
            problem = check(text, words | TEMPLATE_FIELDS)
            if problem:
                yield Diagnostic(Severity.ERROR, "TEMPLATE_FIELD", problem, at.at(*path))
        problem = check(spec.footer, words | TEMPLATE_FIELDS | PAGE_FIELDS)
        if problem:
            yield Diagnostic(Severity.ERROR, "TEMPLATE_FIELD", problem, at.at("footer"))


def _word_patterns(audience: Audience) -> Iterator[Diagnostic]:
    """Every word of the locale, as the template and organisation say it, is a pattern."""
    for key, value in audience.words.model_dump().items():
        try:
            parse(value)
        except PatternError as exc:
            yield Diagnostic(
                Severity.ERROR, "TEMPLATE_FIELD", f"{key}: {exc}", _where(audience, key)
            )
