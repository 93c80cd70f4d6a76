"""Build the blocks of each part of a briefing, numbering as it goes."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import groupby

from briefing.compose import dates
from briefing.compose.numbering import label
from briefing.compose.numbers import cell_text, column_header, figure_value
from briefing.document import (
    Block,
    Contents,
    Cover,
    CoverField,
    Figure,
    Heading,
    ListItem,
    NumberedList,
    PageBreak,
    Paragraph,
    Table,
    TableColumn,
)
from briefing.model.conclusions import Conclusion
from briefing.model.content import Content
from briefing.model.points import Point
from briefing.model.stats import Dataset, FiguresDataset, Source, TableDataset
from briefing.model.visit import Visit
from briefing.style.model import AudienceSpec, Part

POINT_LEVEL = 3
"""Outline level of the first level of points under a section heading: （一）."""


def list_items(
    points: Sequence[Point | Conclusion], level: int, start: int = 1
) -> tuple[ListItem, ...]:
    """Points as numbered list items; sub-points are numbered one level deeper."""
    return tuple(
        ListItem(
            label=label(level, start + i),
            text=point.text,
            paragraphs=tuple(point.paragraphs),
            children=list_items(point.points, level + 1),
        )
        for i, point in enumerate(points)
    )


class Composer:
    """Composes one document; holds the running heading, table and figure numbers."""

    def __init__(self, content: Content, spec: AudienceSpec) -> None:
        self.content = content
        self.spec = spec
        self.words = spec.wording
        self.chapter = 0
        self.tables = 0
        self.figures = 0
        self.anchors = 0

    # ------------------------------------------------------------------ helpers

    def heading(self, level: int, text: str, number: str = "", *, contents: bool = True) -> Heading:
        """A heading with a unique anchor."""
        self.anchors += 1
        return Heading(level, number, text, f"h{self.anchors}", in_contents=contents)

    def chapter_heading(self, text: str) -> Heading:
        """The next numbered chapter heading (壹、貳、…)."""
        self.chapter += 1
        return self.heading(1, text, label(1, self.chapter))

    def source_line(self, source: Source) -> str:
        """The 資料來源 line under a table."""
        parts = [p for p in (source.url, source.citation) if p]
        return self.words.source_label + "；".join(parts)

    def date(self, day: object) -> str:
        """A long date in the template's style."""
        from datetime import date

        assert isinstance(day, date)
        return dates.long_date(day, self.spec.date_style)

    def dataset_table(self, dataset: Dataset) -> Table:
        """A dataset as a numbered table with its source line."""
        self.tables += 1
        caption = f"{self.words.table_label}{self.tables}　{dataset.title}"
        if isinstance(dataset, FiguresDataset):
            return self._figures_table(dataset, caption)
        return self._rows_table(dataset, caption)

    def _rows_table(self, dataset: TableDataset, caption: str) -> Table:
        columns = dataset.columns
        widths = [1.0 if c.type != "text" else 3.0 for c in columns]
        aligns = ["center" if c.type != "text" else "left" for c in columns]
        rows = [tuple(cell_text(c, row.get(c.key)) for c in columns) for row in dataset.rows]
        header = tuple(column_header(c) for c in columns)
        panels = min(dataset.panels, len(rows))
        if panels > 1:  # long narrow lists are set side by side, like the source
            per = -(-len(rows) // panels)
            chunks = [rows[i * per : (i + 1) * per] for i in range(panels)]
            blank = ("",) * len(columns)
            rows = [
                tuple(cell for chunk in chunks for cell in (chunk[r] if r < len(chunk) else blank))
                for r in range(per)
            ]
            header, widths, aligns = header * panels, widths * panels, aligns * panels
        return Table(
            columns=tuple(TableColumn(w, a) for w, a in zip(widths, aligns, strict=True)),  # type: ignore[arg-type]
            header=(header,),
            rows=tuple(rows),
            caption=caption,
            source=self.source_line(dataset.source),
            anchor=f"t-{dataset.id}",
            compact=len(rows) > 20,
        )

    def _figures_table(self, dataset: FiguresDataset, caption: str) -> Table:
        rows = tuple(
            (f.label, figure_value(f), f"占{f.share_of}" if f.share_of else (f.note or ""))
            for f in dataset.figures
        )
        return Table(
            columns=(TableColumn(3, "left"), TableColumn(1.4, "right"), TableColumn(2.6, "left")),
            header=(("項目", "數值", "說明"),),
            rows=rows,
            caption=caption,
            source=self.source_line(dataset.source),
            anchor=f"t-{dataset.id}",
        )

    def photo(self, caption: str) -> Figure:
        """A numbered photo caption (content carries no image files yet)."""
        self.figures += 1
        return Figure(caption=f"{self.words.figure_label}{self.figures}　{caption}")

    # -------------------------------------------------------------------- parts

    def compose_parts(self) -> tuple[Block, ...]:
        """Every part the template lists, in its order, with page breaks between."""
        builders: dict[Part, Callable[[], Iterator[Block]]] = {
            "cover": self.cover,
            "abstract": self.abstract,
            "contents": self.contents,
            "purpose": self.purpose,
            "itinerary": self.itinerary,
            "background": self.background,
            "visits": self.visits,
            "conclusions": self.conclusions,
            "appendix": self.appendix,
        }
        blocks: list[Block] = []
        for part in self.spec.parts:
            part_blocks = list(builders[part]())
            if not part_blocks:
                continue
            if blocks and part in ("abstract", "contents", "purpose", "appendix"):
                blocks.append(PageBreak())
            blocks.extend(part_blocks)
        return tuple(blocks)

    def cover(self) -> Iterator[Block]:
        report = self.content.report
        style = self.spec.date_style
        members = "\n".join(f"{m.name}　{m.organisation}{m.title}" for m in report.members)
        organisation = "".join(p for p in (report.organisation, report.unit or "") if p)
        yield Cover(
            kicker=self.words.kicker.format(category=report.category),
            title=report.title,
            fields=(
                CoverField("服務機關", organisation),
                CoverField("姓名職稱", members),
                CoverField("派赴國家/地區", "、".join(report.destinations)),
                CoverField("出國期間", dates.date_range(report.start, report.end, style)),
                CoverField(
                    "報告日期",
                    dates.long_date(report.report_date, style) if report.report_date else "",
                ),
            ),
            marking=self.spec.marking,
        )

    def abstract(self) -> Iterator[Block]:
        yield self.heading(1, self.words.abstract, contents=False)
        for paragraph in self.content.report.abstract:
            yield Paragraph(paragraph)

    def contents(self) -> Iterator[Block]:
        yield Contents(self.words.contents, depth=self.spec.contents_depth)

    def purpose(self) -> Iterator[Block]:
        report = self.content.report
        yield self.chapter_heading(self.words.purpose)
        for paragraph in report.purpose.background:
            yield Paragraph(paragraph)
        yield self.heading(2, self.words.aims, label(2, 1))
        yield NumberedList(list_items(report.purpose.aims, POINT_LEVEL))
        yield self.heading(2, self.words.members, label(2, 2))
        if report.members_intro:
            yield Paragraph(report.members_intro)
        groups = [
            (organisation, list(members))
            for organisation, members in groupby(report.members, key=lambda m: m.organisation)
        ]
        yield NumberedList(
            tuple(
                ListItem(
                    label(POINT_LEVEL, i + 1),
                    f"{organisation}：" + "、".join(f"{m.name}{m.title}" for m in members),
                )
                for i, (organisation, members) in enumerate(groups)
            )
        )

    def itinerary(self) -> Iterator[Block]:
        itinerary = self.content.itinerary
        yield self.chapter_heading(self.words.itinerary)
        for paragraph in itinerary.intro:
            yield Paragraph(paragraph)
        rows: list[tuple[str, ...]] = []
        for region in itinerary.regions:
            for i, day in enumerate(region.days):
                where = f"{region.name}\n（{dates.short_range(region.start, region.end)}）"
                rows.append(
                    (
                        where if i == 0 else "",
                        dates.month_day(day.date, weekday=True),
                        "\n".join(day.activities),
                    )
                )
        self.tables += 1
        yield Table(
            columns=(
                TableColumn(1.6, "center"),
                TableColumn(1.4, "center"),
                TableColumn(5, "left"),
            ),
            header=(("參訪地區（日期）", "日期", "工作項目"),),
            rows=tuple(rows),
            caption=f"{self.words.table_label}{self.tables}　{self.words.itinerary}",
            anchor="t-itinerary",
        )

    def background(self) -> Iterator[Block]:
        background = self.content.background
        if background is None:
            return
        yield self.chapter_heading(background.title)
        for paragraph in background.paragraphs:
            yield Paragraph(paragraph)
        for s, section in enumerate(background.sections):
            yield self.heading(2, section.title, label(2, s + 1))
            for paragraph in section.paragraphs:
                yield Paragraph(paragraph)
            if section.points:
                yield NumberedList(list_items(section.points, POINT_LEVEL))
            for dataset_id in section.datasets:
                dataset = self.content.dataset(dataset_id)
                if dataset is not None:
                    yield self.dataset_table(dataset)

    def visit_notes(self, visit: Visit) -> Iterator[Block]:
        """A visit's notes with its photos where they stand."""
        notes = visit.notes
        placed = sorted(visit.photos, key=lambda p: len(notes) if p.after is None else p.after)
        done = 0
        for photo in placed:
            stop = min(len(notes), len(notes) if photo.after is None else photo.after)
            if stop > done:
                yield NumberedList(list_items(notes[done:stop], POINT_LEVEL, start=done + 1))
                done = stop
            yield self.photo(photo.caption)
        if done < len(notes):
            yield NumberedList(list_items(notes[done:], POINT_LEVEL, start=done + 1))

    def visits(self) -> Iterator[Block]:
        yield self.chapter_heading(self.words.visits)
        for paragraph in self.content.itinerary.visits_intro:
            yield Paragraph(paragraph)
        for v, visit in enumerate(self.content.visits_in_itinerary_order()):
            yield self.heading(2, visit.short_name, label(2, v + 1))
            if not visit.notes and not visit.photos:
                yield Paragraph(self.words.no_notes, role="note")
                continue
            yield from self.visit_notes(visit)

    def conclusions(self) -> Iterator[Block]:
        conclusions = self.content.conclusions
        yield self.chapter_heading(self.words.conclusions)
        yield self.heading(2, self.words.findings, label(2, 1))
        yield NumberedList(list_items(conclusions.findings, POINT_LEVEL))
        yield self.heading(2, self.words.recommendations, label(2, 2))
        yield NumberedList(list_items(conclusions.recommendations, POINT_LEVEL))

    def appendix(self) -> Iterator[Block]:
        yield self.heading(1, self.words.appendix)
        for v, visit in enumerate(self.content.visits_in_itinerary_order()):
            yield self.heading(2, visit.name, label(2, v + 1), contents=False)
            when = f"{self.date(visit.date)}（{dates.WEEKDAYS[visit.date.weekday()]}）"
            when += dates.PERIODS[visit.period]
            if visit.start_time:
                when += f" {visit.start_time}"
                if visit.end_time:
                    when += f"~{visit.end_time}"
            yield Paragraph(f"時間：{when}　地點：{visit.venue}", first_line_indent=False)
            if visit.contacts:
                self.tables += 1
                yield Table(
                    columns=(TableColumn(1.2, "center"), TableColumn(5, "left")),
                    header=(("姓名", "職務"),),
                    rows=tuple((c.name or "—", c.position) for c in visit.contacts),
                    caption=f"{self.words.table_label}{self.tables}　{visit.name}主要洽談人",
                    anchor=f"t-contacts-{visit.id}",
                )
