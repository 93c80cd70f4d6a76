"""Locales: every word, separator, numbering scheme and date format the compiler adds.

A locale is data (`styles/locales/<name>.yaml`); code holds no label in any language. A
template picks a locale, or follows the language the content declares.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from briefing.diagnostics import Diagnostics, Location, display_path
from briefing.model.base import Id, Model, Text
from briefing.style.files import load_model, names_in

LocaleName = str
"""A locale's file name without .yaml, e.g. zh-TW or en."""

NumberSystemName = Literal[
    "decimal", "cjk-formal", "cjk", "upper-latin", "lower-latin", "upper-roman", "lower-roman"
]


class LevelFormat(Model):
    """How one outline level is numbered."""

    model_config = ConfigDict(str_strip_whitespace=False)  # a prefix may be a space

    system: NumberSystemName
    prefix: str = ""
    suffix: str = ""
    levels: int = Field(default=1, ge=1, le=9)
    """How many counters are shown, ending with this level's (2 gives 1.1)."""
    joiner: str = "."


Phrase = Annotated[str, StringConstraints(min_length=1)]
"""A word or phrase kept exactly as written: spaces around it count ("Table ", ": ")."""


class Words(Model):
    """Headings, labels and phrases the compiler adds (placeholders in braces are filled in)."""

    model_config = ConfigDict(str_strip_whitespace=False)  # separators are often spaces

    kicker: Phrase
    """Line above the title; {category} is the trip category's label."""
    abstract: Phrase
    contents: Phrase
    purpose: Phrase
    aims: Phrase
    members: Phrase
    itinerary: Phrase
    visits: Phrase
    summary: Phrase
    glance: Phrase
    key_figures: Phrase
    figures: Phrase
    charts: Phrase
    conclusions: Phrase
    findings: Phrase
    recommendations: Phrase
    related_recommendations: Phrase
    """Recommendations tagged for the briefing's organisation."""
    other_recommendations: Phrase
    related_visits: Phrase
    """Visits that match the organisation's focus."""
    other_visits: Phrase
    related_figures: Phrase
    overall_findings: Phrase
    main_findings: Phrase
    executive_subtitle: Phrase
    organisation_subtitle: Phrase
    internal_marking: Phrase
    addressee: Phrase
    """Addressee line of an organisation's briefing; {name} is the organisation's name."""
    organisation_header: Phrase
    """Running header of an organisation's briefing: {title}, {short_name}."""
    executive_header: Phrase
    footer: Phrase
    """Page footer: {page} and {pages} (the body's page count)."""
    nothing_concerns: Phrase
    """Said in an organisation's briefing when nothing in the content is tagged for it."""
    appendix: Phrase
    no_notes: Phrase
    source_label: Phrase
    table_label: Phrase
    figure_label: Phrase
    caption_separator: str
    photo_label: Phrase
    photo_missing: Phrase
    cover_organisation: Phrase
    cover_members: Phrase
    cover_destinations: Phrase
    cover_period: Phrase
    cover_report_date: Phrase
    member_line: Phrase
    """One member on the cover: {name}, {title}, {organisation}, {unit}, {rank}."""
    member_group: Phrase
    """A member in the list under an organisation: {name}, {title}, {rank}."""
    itinerary_region: Phrase
    itinerary_date: Phrase
    itinerary_work: Phrase
    region_dates: Phrase
    """A region's dates under its name in the itinerary: {range}."""
    appendix_when_where: Phrase
    """{when} and {where} of a visit in the appendix."""
    appendix_when: Phrase
    appendix_where: Phrase
    contact_name: Phrase
    contact_position: Phrase
    contacts_caption: Phrase
    """Caption of a visit's contacts table: {institution}."""
    no_name: Phrase
    glance_period: Phrase
    glance_days: Phrase
    """{period} and {days}."""
    glance_places: Phrase
    glance_institutions: Phrase
    institutions_count: Phrase
    """{count} institutions, of which {kinds}."""
    kind_count: Phrase
    """{kind} and {count}."""
    glance_delegation: Phrase
    delegation_led: Phrase
    """Who led and how many went: {organisation}, {name}, {title}, {count}."""
    delegation_size: Phrase
    """How many went, when nobody is named as leading: {count}."""
    glance_traveller: Phrase
    """The at-a-glance label when one person travelled alone."""
    traveller: Phrase
    """The one person who travelled: {organisation}, {unit}, {name}, {title}."""
    period_line: Phrase
    """The masthead's date line: {period}."""
    visit_list_item: Phrase
    """A visit in a bare list: {name}, {when}, {place}."""
    visit_summary: Phrase
    """A visit without a short form: {when}, {place}."""
    figures_item: Phrase
    figures_value: Phrase
    figures_note: Phrase
    share_of: Phrase
    """What a figure is a share of: {whole}."""
    share_marker: Phrase
    """A word whose presence in a label means it already says what the share is of."""
    key_figure_label: Phrase
    """{label} and {year}."""
    key_figure_share: Phrase
    """{label} and {share}."""
    chart_year: Phrase
    """Appended to a chart's title: {year}."""
    chart_unit: Phrase
    """The unit's title on a chart's value axis: {unit}."""
    chart_alt: Phrase
    """Alternative text of a chart: {title}, {items}."""
    approximately: Phrase
    """{value} given as approximate."""
    yes: Phrase
    no: Phrase
    unit_in_header: Phrase
    """A column label with its unit: {label}, {unit}."""
    date_long_roc: Phrase
    """{year} {roc_year} {month} {month_name} {day}."""
    date_long_western: Phrase
    date_month_day: Phrase
    date_month_day_weekday: Phrase
    """{month} {month_name} {day} {weekday}."""
    date_range: Phrase
    """{start} and {end} (the end without its year when it is the same year)."""
    date_short_range: Phrase
    """{start_month} {start_day} {end_month} {end_day}."""
    visit_when: Phrase
    """{date} {weekday} {period} {clock}."""
    clock_range: Phrase
    """{start} and {end}."""
    quantity: Phrase
    """A number with its unit (scale included): {value}, {unit}."""
    organisation_unit: Phrase
    """An organisation with the unit within it: {organisation}, {unit}."""
    list_separator: str
    """Between items of a run-in list (、 or , )."""
    source_separator: str
    """Between the parts of a source line."""
    label_separator: str
    """After a label (： or : )."""


class Vocabulary(Model):
    """Labels of the terms content may use: visit kinds, trip categories, times of day."""

    visit_kinds: dict[Id, Text] = Field(default_factory=dict)
    trip_categories: dict[Id, Text] = Field(default_factory=dict)
    periods: dict[Id, Text] = Field(default_factory=dict)

    def merged(self, other: Vocabulary) -> Vocabulary:
        """This vocabulary with another's terms added (the other's labels win)."""
        return Vocabulary(
            visit_kinds={**self.visit_kinds, **other.visit_kinds},
            trip_categories={**self.trip_categories, **other.trip_categories},
            periods={**self.periods, **other.periods},
        )


class AbstractRule(Model):
    """How long the abstract should be, counted in characters (CJK) or words (Latin)."""

    unit: Literal["characters", "words"]
    min: int = Field(ge=0)
    max: int = Field(ge=1)


class Locale(Model):
    """Words, numbering, dates and vocabulary of one language."""

    name: LocaleName
    """The file name without .yaml (set by the loader)."""
    language: Text
    """BCP 47 tag stamped into documents, e.g. zh-TW."""
    latin_language: Text
    """Language of Latin-script runs (spell-checking, hyphenation)."""
    east_asian_language: Text
    """Language of CJK runs."""
    words: Words
    numbering: tuple[LevelFormat, ...] = Field(min_length=2)
    """Outline levels 1, 2, … (headings first, then list points)."""
    weekdays: tuple[Text, Text, Text, Text, Text, Text, Text]
    """Monday to Sunday."""
    months: tuple[Text, ...] = Field(min_length=12, max_length=12)
    """Month names, January to December (used by {month_name})."""
    vocabulary: Vocabulary
    abstract_length: AbstractRule


def locale_names(styles_dir: Path) -> list[str]:
    """Names of the locales in a styles folder."""
    return names_in(styles_dir / "locales")


def load_locale(
    name: str, styles_dir: Path, diagnostics: Diagnostics, where: Location | None = None
) -> Locale | None:
    """Load and validate one locale; `where` is the line that asked for it."""
    known = locale_names(styles_dir)
    if name not in known:  # only plain names of files that exist: nothing else is opened
        diagnostics.error(
            "UNKNOWN_LOCALE",
            f"no locale named {name!r}",
            where or Location(display_path(styles_dir / "locales")),
            "available: " + (", ".join(known) or "none"),
        )
        return None
    path = styles_dir / "locales" / f"{name}.yaml"
    return load_model(path, Locale, {"name": name}, "a locale", diagnostics)
