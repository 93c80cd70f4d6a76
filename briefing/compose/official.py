"""Parts of the official trip report: cover, abstract, contents, body chapters, appendix."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from briefing.compose import dates
from briefing.compose.composer import POINT_LEVEL, Composer, list_items
from briefing.compose.numbering import label
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
from briefing.style.fields import render
from briefing.style.model import PartSpec


def cover(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The cover page with the facts the official format asks for."""
    report = c.content.report
    style = c.spec.date_style
    members = "\n".join(f"{m.name}　{m.organisation}{m.title}" for m in report.members)
    organisation = "".join(p for p in (report.organisation, report.unit or "") if p)
    yield Cover(
        kicker=render(c.words.kicker, category=report.category),
        title=render(c.spec.title, title=report.title),
        subtitle=c.spec.subtitle,
        fields=(
            CoverField("服務機關", organisation),
            CoverField("姓名職稱", members),
            CoverField("派赴國家/地區", "、".join(report.destinations)),
            CoverField("出國期間", dates.date_range(report.start, report.end, style)),
            CoverField("報告日期", c.date(report.report_date) if report.report_date else ""),
        ),
        addressee=c.spec.addressee,
        marking=c.spec.marking,
    )


def abstract(c: Composer, part: PartSpec) -> Iterator[Block]:
    """摘要: the abstract, unnumbered, before the contents."""
    yield c.heading(1, part.title or c.words.abstract, contents=False)
    for paragraph in c.content.report.abstract:
        yield Paragraph(paragraph)


def contents(c: Composer, part: PartSpec) -> Iterator[Block]:
    """目次."""
    yield Contents(part.title or c.words.contents, depth=c.spec.contents_depth)


def purpose(c: Composer, part: PartSpec) -> Iterator[Block]:
    """目的: background, aims and the delegation."""
    report = c.content.report
    yield c.chapter_heading(part.title or c.words.purpose)
    for paragraph in report.purpose.background:
        yield Paragraph(paragraph)
    yield c.section_heading(c.words.aims)
    yield NumberedList(list_items(report.purpose.aims, POINT_LEVEL))
    yield c.section_heading(c.words.members)
    if report.members_intro:
        yield Paragraph(report.members_intro)
    groups = [
        (org, list(people)) for org, people in groupby(report.members, key=lambda m: m.organisation)
    ]
    yield NumberedList(
        tuple(
            ListItem(
                label(POINT_LEVEL, i + 1),
                f"{org}：" + "、".join(f"{m.name}{m.title}" for m in people),
            )
            for i, (org, people) in enumerate(groups)
        )
    )


def itinerary(c: Composer, part: PartSpec) -> Iterator[Block]:
    """過程: the day-by-day schedule as a table."""
    schedule = c.content.itinerary
    yield c.chapter_heading(part.title or c.words.itinerary)
    for paragraph in schedule.intro:
        yield Paragraph(paragraph)
    rows: list[tuple[str, ...]] = []
    for region in schedule.regions:
        for i, day in enumerate(region.days):
            where = f"{region.name}\n（{dates.short_range(region.start, region.end)}）"
            rows.append(
                (
                    where if i == 0 else "",
                    dates.month_day(day.date, weekday=True),
                    "\n".join(day.activities),
                )
            )
    yield Table(
        columns=(TableColumn(1.6, "center"), TableColumn(1.4, "center"), TableColumn(5, "left")),
        header=(("參訪地區（日期）", "日期", "工作項目"),),
        rows=tuple(rows),
        caption=c.caption(c.words.itinerary),
        anchor="t-itinerary",
        grouped_columns=(0,),
    )


def background(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The background chapter: sections of prose, points and tables."""
    chapter = c.content.background
    if chapter is None:
        return
    yield c.chapter_heading(part.title or chapter.title)
    for paragraph in chapter.paragraphs:
        yield Paragraph(paragraph)
    for section in chapter.sections:
        yield c.section_heading(section.title)
        for paragraph in section.paragraphs:
            yield Paragraph(paragraph)
        if section.points:
            yield NumberedList(list_items(section.points, POINT_LEVEL))
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
            yield NumberedList(list_items(notes[done:stop], POINT_LEVEL, start=done + 1))
            done = stop
        yield c.photo(photo)
    if done < len(notes):
        yield NumberedList(list_items(notes[done:], POINT_LEVEL, start=done + 1))


def visits(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The visits, in full, in short, or as a list."""
    chosen = c.visits_for(part)
    if not chosen:
        return
    c.shown_visits.update(v.id for v in chosen)
    yield c.chapter_heading(part.title or c.words.visits)
    if part.depth == "list":
        yield NumberedList(
            tuple(
                ListItem(label(POINT_LEVEL, i + 1), f"{v.name}（{c.when(v)}，{v.city}）")
                for i, v in enumerate(chosen)
            )
        )
        return
    if part.depth == "full" and part.only == "all":
        for paragraph in c.content.itinerary.visits_intro:
            yield Paragraph(paragraph)
    for visit in chosen:
        yield c.section_heading(visit.short_name)
        if part.depth == "summary":
            summary = visit.editorial.summary
            yield Paragraph(summary or f"{c.when(visit)}，{visit.venue}。", role="body")
        elif visit.notes or visit.photos:
            yield from visit_notes(c, visit)
        else:
            yield Paragraph(c.words.no_notes, role="note")


def _conclusion_items(
    c: Composer, part: PartSpec, items: tuple[Conclusion, ...]
) -> Iterator[Block]:
    chosen = list(items)
    if part.order == "relevance":
        chosen.sort(key=lambda item: not c.concerns_bureau(item))
    if part.only == "relevant":
        chosen = [item for item in chosen if c.concerns_bureau(item)]
    elif part.only == "others":
        chosen = [item for item in chosen if not c.concerns_bureau(item)]
    if part.limit:
        chosen = chosen[: part.limit]
    if part.depth == "full":
        yield NumberedList(list_items(chosen, POINT_LEVEL))
        return
    yield NumberedList(
        tuple(
            ListItem(label(POINT_LEVEL, i + 1), item.editorial.summary or item.text)
            for i, item in enumerate(chosen)
        )
    )


def findings(c: Composer, part: PartSpec) -> Iterator[Block]:
    """心得, as a chapter of its own (briefings)."""
    yield c.chapter_heading(part.title or c.words.findings)
    yield from _conclusion_items(c, part, c.content.conclusions.findings)


def recommendations(c: Composer, part: PartSpec) -> Iterator[Block]:
    """建議事項, as a chapter of its own (briefings); the bureau's own first by relevance."""
    yield c.chapter_heading(part.title or c.words.recommendations)
    yield from _conclusion_items(c, part, c.content.conclusions.recommendations)


def conclusions(c: Composer, part: PartSpec) -> Iterator[Block]:
    """心得及建議事項, as the official report has them."""
    yield c.chapter_heading(part.title or c.words.conclusions)
    yield c.section_heading(c.words.findings)
    yield from _conclusion_items(c, part, c.content.conclusions.findings)
    yield c.section_heading(c.words.recommendations)
    yield from _conclusion_items(c, part, c.content.conclusions.recommendations)


def appendix(c: Composer, part: PartSpec) -> Iterator[Block]:
    """附錄: the people met at each institution, with time and place."""
    yield c.heading(1, part.title or c.words.appendix)
    for v, visit in enumerate(c.visits_for(part)):
        yield c.heading(2, visit.name, label(2, v + 1), contents=False)
        yield Paragraph(f"時間：{c.when(visit)}　地點：{visit.venue}", first_line_indent=False)
        if visit.contacts:
            yield Table(
                columns=(TableColumn(1.2, "center"), TableColumn(5, "left")),
                header=(("姓名", "職務"),),
                rows=tuple((person.name or "—", person.position) for person in visit.contacts),
                caption=c.caption(f"{visit.name}主要洽談人"),
                anchor=f"t-contacts-{visit.id}",
            )
