"""Audiences: templates resolved for one content, with their locale and organisation.

An audience is a template (styles/<name>.yaml), or an organisation (styles/organisations/
<id>.yaml) whose briefing uses a per-organisation template. Which audiences a content
folder gets is its own choice (`audiences:` in report.yaml); by default every template,
and a briefing for each organisation the content is tagged for.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.diagnostics import Diagnostic, Diagnostics, Location, Severity, display_path
from briefing.model.base import Anchor, anchor
from briefing.model.content import Content
from briefing.style.files import load_model, names_in
from briefing.style.load import available, load_style
from briefing.style.locale import Locale, Vocabulary, Words, load_locale
from briefing.style.model import AudienceSpec, Organisation


@dataclass(frozen=True)
class Audience:
    """One briefing to build: its template, words, vocabulary and organisation."""

    name: str
    """Output name: the template's, or the organisation's id."""
    spec: AudienceSpec
    locale: Locale
    """The locale, its words as the template and organisation say them."""
    vocabulary: Vocabulary
    """The locale's terms with the content's own added."""
    organisation: Organisation | None = None

    @property
    def words(self) -> Words:
        """Every word the compiler adds to this briefing."""
        return self.locale.words

    @property
    def description(self) -> str:
        """One line saying whom the briefing is for."""
        if self.organisation is not None:
            org = self.organisation
            return f"{org.name} ({org.short_name})" + (
                f": {org.description}" if org.description else ""
            )
        return self.spec.description


def organisation_ids(styles_dir: Path) -> list[str]:
    """Ids of the organisations declared in a styles folder."""
    return names_in(styles_dir / "organisations")


def load_organisation(
    org_id: str, styles_dir: Path, diagnostics: Diagnostics
) -> Organisation | None:
    """Load and validate one declared organisation (by a plain id: nothing else is opened)."""
    if org_id not in organisation_ids(styles_dir):
        return None
    path = styles_dir / "organisations" / f"{org_id}.yaml"
    return load_model(path, Organisation, {"id": org_id}, "an organisation", diagnostics)


def concerned_organisations(content: Content) -> list[str]:
    """Organisation ids the content is tagged for, in order of first mention."""
    tags: list[str] = []
    tags.extend(m.organisation_id for m in content.report.members if m.organisation_id)
    for visit in content.visits:
        tags.extend(visit.editorial.organisations)
    for item in (*content.conclusions.findings, *content.conclusions.recommendations):
        tags.extend(item.editorial.organisations)
    return list(dict.fromkeys(tags))


class _Resolver:
    """Resolves audience names for one content, loading each file once."""

    def __init__(self, content: Content, styles_dir: Path, diagnostics: Diagnostics) -> None:
        self.content = content
        self.styles_dir = styles_dir
        self.diagnostics = diagnostics
        self.locales: dict[str, Locale | None] = {}
        self.templates: dict[str, AudienceSpec | None] = {}

    def template(self, name: str) -> AudienceSpec | None:
        """A template, loaded (and its problems reported) once."""
        if name not in self.templates:
            self.templates[name] = load_style(name, self.styles_dir, self.diagnostics)
        return self.templates[name]

    def default_names(self) -> list[str]:
        """The audiences a content folder is built for: its own list, or the default."""
        content = self.content
        if content.report.audiences is not None:
            return list(dict.fromkeys(content.report.audiences))
        names = []
        for name in available(self.styles_dir):
            spec = self.template(name)
            if spec is not None and not spec.base and not spec.per_organisation:
                names.append(name)
        concerned = set(concerned_organisations(content))
        return names + [org for org in organisation_ids(self.styles_dir) if org in concerned]

    def locale(self, spec: AudienceSpec) -> Locale | None:
        """The template's locale, else the one named by the content's language."""
        name = spec.locale or self.content.report.language
        if name not in self.locales:
            where = (
                anchor(spec).at("locale")
                if spec.locale
                else anchor(self.content.report).at("language")
            )
            self.locales[name] = load_locale(name, self.styles_dir, self.diagnostics, where)
        return self.locales[name]

    def resolve(self, name: str, where: Location) -> Audience | None:
        """The audience of this name, or None with a diagnostic."""
        templates = available(self.styles_dir)
        organisation = None
        if name in templates:
            spec = self.template(name)
            if spec is None:
                return None
            if spec.base or spec.per_organisation:
                what = "a base" if spec.base else "a per-organisation"
                self.diagnostics.error(
                    "UNKNOWN_AUDIENCE",
                    f"{name!r} is {what} template, not an audience of its own",
                    where,
                    "name a template or an organisation",
                )
                return None
        elif name in organisation_ids(self.styles_dir):
            organisation = load_organisation(name, self.styles_dir, self.diagnostics)
            if organisation is None:
                return None
            spec = self.template(organisation.template)
            if spec is None:
                return None
            if not spec.per_organisation:
                self.diagnostics.error(
                    "UNKNOWN_AUDIENCE",
                    f"organisation {name!r} uses template {organisation.template!r}, which is "
                    "not a per-organisation template",
                    anchor(organisation).at("template"),
                    "set per_organisation: true in the template, or name another",
                )
                return None
        else:
            known = templates + organisation_ids(self.styles_dir)
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "available: " + ", ".join(known)
            self.diagnostics.error(
                "UNKNOWN_AUDIENCE", f"no template or organisation named {name!r}", where, hint
            )
            return None
        locale = self.locale(spec)
        if locale is None:
            return None
        words = self._words(locale, spec, organisation)
        if words is None:
            return None
        content_terms = Vocabulary(**self.content.report.vocabulary.model_dump())
        return Audience(
            name=name,
            spec=spec,
            locale=locale.model_copy(update={"words": words}),
            vocabulary=locale.vocabulary.merged(content_terms),
            organisation=organisation,
        )

    def _words(
        self, locale: Locale, spec: AudienceSpec, organisation: Organisation | None
    ) -> Words | None:
        """The locale's words with the template's and the organisation's own."""
        known = set(Words.model_fields)
        overrides: dict[str, str] = {}
        sources: list[tuple[dict[str, str], Anchor]] = [(spec.wording, anchor(spec))]
        if organisation is not None:
            sources.append((organisation.wording, anchor(organisation)))
        ok = True
        for wording, at in sources:
            for key, value in wording.items():
                if key not in known:
                    close = difflib.get_close_matches(key, sorted(known), n=1)
                    self.diagnostics.error(
                        "SCHEMA_UNKNOWN",
                        f"the locale has no word {key!r}",
                        at.key("wording", key),
                        f"did you mean {close[0]!r}?" if close else "",
                    )
                    ok = False
                overrides[key] = value
        if not ok:
            return None
        return locale.words.model_copy(update=overrides)


def resolve_audiences(
    content: Content,
    styles_dir: Path,
    diagnostics: Diagnostics,
    names: Sequence[str] | None = None,
) -> list[Audience]:
    """The audiences to build: those named on the command line, or the content's."""
    resolver = _Resolver(content, styles_dir, diagnostics)
    if names:
        wheres: Iterable[tuple[str, Location]] = (
            (name, Location(display_path(styles_dir))) for name in dict.fromkeys(names)
        )
    else:
        chosen = resolver.default_names()
        at = anchor(content.report)
        listed = content.report.audiences is not None
        wheres = (
            (name, at.at("audiences", i) if listed else at.at("id"))
            for i, name in enumerate(chosen)
        )
    found = [resolver.resolve(name, where) for name, where in wheres]
    return [audience for audience in found if audience is not None]


def nothing_concerns(audience: Audience, content: Content) -> Diagnostic | None:
    """A warning when nothing in the content concerns the briefing's organisation."""
    organisation = audience.organisation
    if organisation is None or organisation.id in concerned_organisations(content):
        return None
    focus = organisation.focus
    for visit in content.visits:
        tags = visit.editorial
        if set(tags.industries) & set(focus.industries) or set(tags.themes) & set(focus.themes):
            return None
    return Diagnostic(
        Severity.WARNING,
        "NOTHING_CONCERNS",
        f"nothing in the content is tagged for {organisation.id} ({organisation.short_name}) "
        "or matches its focus; its briefing says so and shows only the trip as a whole",
        anchor(content.report).at("id"),
        f"tag visits, findings or recommendations with organisations: [{organisation.id}], "
        "or leave it out of audiences:",
    )
