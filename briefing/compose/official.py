"""Parts of the official trip report: cover, abstract, contents, body chapters, appendix."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import groupby

from briefing.compose import dates
from briefing.compose.composer import POINT_LEVEL, Composer, as_part
from briefing.document import (
    Block,
    Contents,
    Cover,
    CoverField,
    ListItem,
    NumberedList,
    Paragraph,
    Table,
    TableColumn,
)
from briefing.model.conclusions import Conclusion
from briefing.model.visit import Visit
from briefing.style.model import PartSpec


def cover(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The cover page with the facts the official format asks for."""
    report, words = c.content.report, c.words
    members = "\n".join(
        c.phrase(
            words.member_line,
            name=m.name,
            organisation=m.organisation,
            unit=m.unit,
            title=m.title,
            rank=m.rank,
        )
        for m in report.members
    )
    organisation = c.phrase(
        words.organisation_unit, organisation=report.organisation, unit=report.unit
    )
    yield Cover(
        kicker=c.text(words.kicker),
        title=c.text(c.spec.title),
        subtitle=c.text(c.spec.subtitle),
        fields=tuple(
            CoverField(f"{label}{words.label_separator}", value)
            for label, value in (
                (words.cover_organisation, organisation),
                (words.cover_members, members),
                (words.cover_destinations, c.join(report.destinations)),
                (words.cover_period, c.period(report.start, report.end)),
                (words.cover_report_date, _maybe(c, report.report_date)),
            )
        ),
        addressee=c.text(c.spec.addressee),
        marking=c.text(c.spec.marking),
    )


def _maybe(c: Composer, day: date | None) -> str:
    return c.long_date(day) if day is not None else ""


def abstract(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The abstract, unnumbered, before the contents."""
    title = c.text(part.title) if part.title else c.words.abstract
    yield c.heading(1, title, contents=False)
    for paragraph in c.content.report.abstract:
        yield Paragraph(paragraph)


def contents(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The table of contents."""
    yield Contents(c.text(part.title) if part.title else c.words.contents, c.spec.contents_depth)


def purpose(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The trip's purpose: background, aims and the delegation."""
    report, words = c.content.report, c.words
    yield from c.part_heading(part, words.purpose)
    for paragraph in report.purpose.background:
        yield Paragraph(paragraph)
    if report.purpose.aims:
        yield c.section_heading(words.aims)
        yield NumberedList(c.list_items(report.purpose.aims, POINT_LEVEL))
    yield c.section_heading(words.members)
    if report.members_intro:
        yield Paragraph(report.members_intro)
    groups = [
        (org, list(people))
        for org, people in groupby(report.members, key=lambda m: (m.organisation, m.unit))
    ]
    items = []
    for i, ((organisation, unit), people) in enumerate(groups):
        names = c.join(
            [c.phrase(words.member_group, name=m.name, title=m.title, rank=m.rank) for m in people]
        )
        who = c.phrase(words.organisation_unit, organisation=organisation, unit=unit)
        text = f"{who}{words.label_separator}{names}"
        items.append(ListItem(c.label(POINT_LEVEL, i + 1), text))
    yield NumberedList(tuple(items))


def itinerary(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The day-by-day schedule as a table."""
    schedule, words = c.content.itinerary, c.words
    rows: list[tuple[str, ...]] = []
    for region in schedule.regions:
        for i, day in enumerate(region.days):
            span = dates.short_range(region.start, region.end, c.locale)
            where = f"{region.name}\n{c.phrase(words.region_dates, range=span)}"
            rows.append(
                (
                    where if i == 0 else "",
                    dates.month_day(day.date, c.locale, weekday=True),
                    "\n".join(day.activities),
                )
            )
    if not rows and not schedule.intro:
        return
    yield from c.part_heading(part, words.itinerary)
    for paragraph in schedule.intro:
        yield Paragraph(paragraph)
    if rows:
        yield Table(
            columns=(
                TableColumn(1.6, "center"),
                TableColumn(1.4, "center"),
                TableColumn(5, "left"),
            ),
            header=((words.itinerary_region, words.itinerary_date, words.itinerary_work),),
            rows=tuple(rows),
            caption=c.caption(words.itinerary),
            anchor="t-itinerary",
            grouped_columns=(0,),
        )


def background(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The background chapter: sections of prose, points and tables."""
    chapter = c.content.background
    if chapter is None:
        return
    yield from c.part_heading(part, chapter.title)
    for paragraph in chapter.paragraphs:
        yield Paragraph(paragraph)
    for section in chapter.sections:
        yield c.section_heading(section.title)
        for paragraph in section.paragraphs:
            yield Paragraph(paragraph)
        if section.points:
            yield NumberedList(c.list_items(section.points, POINT_LEVEL))
        for dataset_id in section.datasets:
            dataset = c.content.dataset(dataset_id)
            if dataset is not None:
                yield c.dataset_table(dataset)
        for chart_id in section.charts:
            chart = c.chart(chart_id)
            if chart is not None:
                yield chart


def visit_notes(c: Composer, visit: Visit) -> Iterator[Block]:
    """A visit's notes in full, with its photos where they stand."""
    notes = visit.notes
    placed = sorted(visit.photos, key=lambda p: len(notes) if p.after is None else p.after)
    done = 0
    for photo in placed:
        stop = len(notes) if photo.after is None else min(len(notes), photo.after)
        if stop > done:
            yield NumberedList(
                c.list_items(notes[done:stop], POINT_LEVEL, start=done + 1), start=done + 1
            )
            done = stop
        yield c.photo(photo)
    if done < len(notes):
        yield NumberedList(c.list_items(notes[done:], POINT_LEVEL, start=done + 1), start=done + 1)


def visits(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The visits, in full, in short, or as a list."""
    chosen = c.visits_for(part)
    if not chosen:
        return
    c.shown_visits.update(v.id for v in chosen)
    words = c.words
    yield from c.part_heading(part, words.visits)
    if part.depth == "list":
        yield NumberedList(
            tuple(
                ListItem(
                    c.label(POINT_LEVEL, i + 1),
                    c.phrase(words.visit_list_item, name=v.name, when=c.when(v), place=v.city),
                )
                for i, v in enumerate(chosen)
            )
        )
        return
    if part.depth == "full" and part.only == "all":
        for paragraph in c.content.itinerary.visits_intro:
            yield Paragraph(paragraph)
    has_appendix = any(as_part(p).part == "appendix" for p in c.spec.parts) and any(
        v.contacts for v in c.content.visits
    )
    for visit in chosen:
        yield c.section_heading(visit.short_name or visit.name)
        if part.depth == "summary":
            summary = visit.editorial.summary or c.phrase(
                words.visit_summary, when=c.when(visit), place=visit.venue or visit.city
            )
            yield Paragraph(summary, role="body")
        elif visit.notes or visit.photos:
            yield from visit_notes(c, visit)
        elif has_appendix:
            yield Paragraph(words.no_notes, role="note")
        else:
            place = visit.venue or visit.city
            yield Paragraph(c.phrase(words.visit_summary, when=c.when(visit), place=place))


def _conclusion_items(
    c: Composer, part: PartSpec, items: tuple[Conclusion, ...]
) -> list[Conclusion]:
    chosen = list(items)
    if part.order == "relevance":
        chosen.sort(key=lambda item: not c.concerns(item))
    if part.only == "relevant":
        chosen = [item for item in chosen if c.concerns(item)]
    elif part.only == "others":
        chosen = [item for item in chosen if not c.concerns(item)]
    return chosen[: part.limit] if part.limit else chosen


def _conclusion_list(c: Composer, part: PartSpec, chosen: list[Conclusion]) -> NumberedList:
    if part.depth == "full":
        return NumberedList(c.list_items(chosen, POINT_LEVEL))
    items = []
    for i, item in enumerate(chosen):
        if item.editorial.summary:
            items.append(ListItem(c.label(POINT_LEVEL, i + 1), item.editorial.summary))
        else:  # no short form: shown in full, as the warning says, paragraphs and all
            (whole,) = c.list_items([item], POINT_LEVEL, start=i + 1)
            items.append(whole)
    return NumberedList(tuple(items))


def findings(c: Composer, part: PartSpec) -> Iterator[Block]:
    """Findings, as a chapter of their own (briefings)."""
    chosen = _conclusion_items(c, part, c.content.conclusions.findings)
    if chosen:
        yield from c.part_heading(part, c.words.findings)
        yield _conclusion_list(c, part, chosen)


def recommendations(c: Composer, part: PartSpec) -> Iterator[Block]:
    """Recommendations, as a chapter of their own (briefings)."""
    chosen = _conclusion_items(c, part, c.content.conclusions.recommendations)
    if chosen:
        yield from c.part_heading(part, c.words.recommendations)
        yield _conclusion_list(c, part, chosen)


def conclusions(c: Composer, part: PartSpec) -> Iterator[Block]:
    """Findings and recommendations, as the official report has them."""
    found = _conclusion_items(c, part, c.content.conclusions.findings)
    advised = _conclusion_items(c, part, c.content.conclusions.recommendations)
    if not found and not advised:
        return
    yield from c.part_heading(part, c.words.conclusions)
    for title, chosen in ((c.words.findings, found), (c.words.recommendations, advised)):
        if chosen:
            yield c.section_heading(title)
            yield _conclusion_list(c, part, chosen)


def appendix(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The people met at each institution, with time and place."""
    words = c.words
    shown = c.visits_for(part)
    if not any(v.contacts for v in shown):  # an appendix of people met, with nobody in it
        return
    yield c.heading(1, c.text(part.title) if part.title else words.appendix)
    for v, visit in enumerate(shown):
        yield c.heading(2, visit.name, c.own_label(2, v + 1), contents=False)
        when_where = c.phrase(words.appendix_when_where, when=c.when(visit), where=visit.venue)
        yield Paragraph(when_where, first_line_indent=False)
        if visit.contacts:
            yield Table(
                columns=(TableColumn(1.2, "center"), TableColumn(5, "left")),
                header=((words.contact_name, words.contact_position),),
                rows=tuple(
                    (person.name or words.no_name, person.position) for person in visit.contacts
                ),
                caption=c.caption(c.phrase(words.contacts_caption, institution=visit.name)),
                anchor=f"t-contacts-{visit.id}",
            )
