"""The composer: running numbers, shared helpers, and the dispatch of parts to builders."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from briefing.compose import dates
from briefing.compose.charts import build_chart
from briefing.compose.numbering import format_label, scheme_of
from briefing.compose.numbers import Numbers
from briefing.document import (
    Block,
    Caption,
    Chart,
    Figure,
    Heading,
    ListItem,
    PageBreak,
    Paragraph,
    Table,
    TableColumn,
)
from briefing.load.images import resolve_image
from briefing.model.conclusions import Conclusion
from briefing.model.content import Content
from briefing.model.points import Point
from briefing.model.stats import Dataset, FiguresDataset, Source, TableDataset
from briefing.model.stats import Figure as StatFigure
from briefing.model.visit import Photo, Visit
from briefing.style.audience import Audience, nothing_concerns
from briefing.style.model import PartName, PartSpec
from briefing.style.pattern import fill

POINT_LEVEL = 3
"""Outline level of the first level of points under a section heading: （一）."""

PartBuilder = Callable[["Composer", PartSpec], Iterator[Block]]

NEW_PAGE_BEFORE = frozenset({"abstract", "contents", "purpose", "appendix"})
"""Parts of the official report that start on a new page."""

TITLE_PARTS = frozenset({"cover", "masthead"})
"""Parts that title a document; a notice to the reader follows them."""


def as_part(part: PartName | PartSpec) -> PartSpec:
    """A part named by a bare string, with default settings."""
    return part if isinstance(part, PartSpec) else PartSpec(part=part)


class Composer:
    """Composes one document; holds the running heading, table and figure numbers."""

    def __init__(self, content: Content, audience: Audience) -> None:
        self.content = content
        self.audience = audience
        self.spec = audience.spec
        self.locale = audience.locale
        self.words = audience.words
        self.scheme = scheme_of(audience.locale)
        self.numbers = Numbers(self.words)
        self.chapter = 0
        self.sections = 0
        self.tables = 0
        self.figures = 0
        self.anchors = 0
        self.shown_visits: set[str] = set()
        """Visits a part has already shown, so that a later part can show only the rest."""

    # ----------------------------------------------------------------- headings

    def heading(self, level: int, text: str, number: str = "", *, contents: bool = True) -> Heading:
        """A heading with a unique anchor."""
        self.anchors += 1
        return Heading(level, number, text, f"h{self.anchors}", in_contents=contents)

    def label(self, level: int, n: int) -> str:
        """The label of the n-th item at an outline level, under the current chapter."""
        above = [self.chapter, self.sections][: level - 1]
        return format_label(self.scheme, level, [*above, *[1] * (level - 1 - len(above)), n])

    def own_label(self, level: int, n: int) -> str:
        """A label that shows only its own counter (sections of an unnumbered chapter)."""
        fmt = self.scheme[min(level, len(self.scheme)) - 1]
        return format_label((replace(fmt, levels=1),), 1, [n])

    def chapter_heading(self, text: str) -> Heading:
        """The next numbered chapter heading (壹、貳、…)."""
        self.chapter += 1
        self.sections = 0
        return self.heading(1, text, format_label(self.scheme, 1, [self.chapter]))

    def section_heading(self, text: str) -> Heading:
        """The next numbered section heading within a chapter (一、二、…)."""
        self.sections += 1
        return self.heading(2, text, format_label(self.scheme, 2, [self.chapter, self.sections]))

    def part_heading(self, part: PartSpec, default: str) -> Iterator[Heading]:
        """A part's chapter heading (its own title or the locale's word), unless it has none."""
        if part.heading:
            yield self.chapter_heading(self.text(part.title) if part.title else default)

    def list_items(
        self, points: Sequence[Point | Conclusion], level: int, start: int = 1
    ) -> tuple[ListItem, ...]:
        """Points as numbered list items; sub-points are numbered one level deeper."""
        return self._items(points, level, [self.chapter, self.sections], start)

    def _items(
        self, points: Sequence[Point | Conclusion], level: int, above: list[int], start: int
    ) -> tuple[ListItem, ...]:
        items = []
        for i, point in enumerate(points):
            counters = [*above, start + i]
            items.append(
                ListItem(
                    label=format_label(self.scheme, level, counters),
                    text=point.text,
                    paragraphs=tuple(point.paragraphs),
                    children=self._items(point.points, level + 1, counters, 1),
                )
            )
        return tuple(items)

    # ------------------------------------------------------------ dates & words

    def text(self, pattern: str, **values: object) -> str:
        """A template pattern: locale words named in it, then the fields those words name."""
        data = {**template_fields(self.content, self.audience), **values}
        words = self.words.model_dump()
        return fill(fill(pattern, {**words, **_escaped(data)}), data)

    def phrase(self, pattern: str, **values: object) -> str:
        """A locale phrase filled with values (values are never read as patterns)."""
        return fill(pattern, values)

    def join(self, items: Sequence[str]) -> str:
        """Items run in, with the locale's list separator."""
        return self.words.list_separator.join(item for item in items if item)

    def long_date(self, day: date) -> str:
        """A long date in the template's style."""
        return dates.long_date(day, self.locale, self.spec.date_style)

    def period(self, start: date, end: date) -> str:
        """A date range in the template's style."""
        return dates.date_range(start, end, self.locale, self.spec.date_style)

    def when(self, visit: Visit) -> str:
        """When a visit took place: date, weekday, time of day and clock times."""
        clock = ""
        if visit.start_time:
            clock = self.phrase(
                self.words.clock_range, start=visit.start_time, end=visit.end_time or ""
            )
        return self.phrase(
            self.words.visit_when,
            date=self.long_date(visit.date),
            weekday=self.locale.weekdays[visit.date.weekday()],
            period=self.term("periods", visit.period),
            clock=clock,
        )

    def term(self, group: str, term_id: str | None) -> str:
        """A vocabulary term's label (checked to exist before compose runs)."""
        if term_id is None:
            return ""
        terms: dict[str, str] = getattr(self.audience.vocabulary, group)
        return terms.get(term_id, term_id)

    def source_line(self, source: Source) -> str:
        """The source line under a table or figure."""
        parts = [p for p in (source.url, source.citation) if p]
        return self.words.source_label + self.words.source_separator.join(parts)

    # ------------------------------------------------------------------ tables

    def caption(self, title: str) -> Caption:
        """The next numbered table caption."""
        self.tables += 1
        return Caption(
            title, "table", self.tables, self.words.table_label, self.words.caption_separator
        )

    def dataset_table(self, dataset: Dataset) -> Table:
        """A dataset as a numbered table with its source line."""
        if isinstance(dataset, FiguresDataset):
            return self._figures_table(dataset)
        return self._rows_table(dataset)

    def _rows_table(self, dataset: TableDataset) -> Table:
        columns = dataset.columns
        widths = [1.0 if c.type != "text" else 3.0 for c in columns]
        aligns = ["center" if c.type != "text" else "left" for c in columns]
        cell_text, column_header = self.numbers.cell_text, self.numbers.column_header
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
            columns=tuple(
                TableColumn(w, a)  # type: ignore[arg-type]
                for w, a in zip(widths, aligns, strict=True)
            ),
            header=(header,),
            rows=tuple(rows),
            caption=self.caption(dataset.title),
            source=self.source_line(dataset.source),
            anchor=f"t-{dataset.id}",
            compact=len(rows) > 20,
        )

    def _figures_table(self, dataset: FiguresDataset) -> Table:
        words = self.words
        rows: list[tuple[str, ...]] = [
            (f.label, self.numbers.figure_value(f), self._remark(f)) for f in dataset.figures
        ]
        header: tuple[str, ...] = (words.figures_item, words.figures_value, words.figures_note)
        columns: tuple[TableColumn, ...] = (
            TableColumn(3, "left"),
            TableColumn(1.4, "right"),
            TableColumn(2.6, "left"),
        )
        if not any(row[2] for row in rows):  # no remark anywhere: no empty column
            rows = [row[:2] for row in rows]
            header, columns = header[:2], columns[:2]
        return Table(
            columns=columns,
            header=(header,),
            rows=tuple(rows),
            caption=self.caption(dataset.title),
            source=self.source_line(dataset.source),
            anchor=f"t-{dataset.id}",
        )

    def _remark(self, figure: StatFigure) -> str:
        """What a figure is a share of, unless its label already says; else its note."""
        if figure.share_of and self.words.share_marker not in figure.label:
            return self.phrase(self.words.share_of, whole=figure.share_of)
        return figure.note or ""

    def chart(self, chart_id: str) -> Chart | None:
        """A declared chart as a numbered figure with its source, if its data exists."""
        spec = self.content.chart(chart_id)
        dataset = self.content.dataset(spec.dataset) if spec else None
        if spec is None or dataset is None:
            return None
        title = spec.title
        if dataset.as_of is not None:
            title += self.phrase(self.words.chart_year, year=dataset.as_of)
        caption = Caption(
            title,
            "figure",
            self.figures + 1,
            self.words.figure_label,
            self.words.caption_separator,
        )
        chart = build_chart(
            spec, self.content, caption, self.source_line(dataset.source), self.numbers
        )
        if chart is not None:
            self.figures += 1
        return chart

    def photo(self, photo: Photo) -> Figure:
        """A photo: numbered when its image is there, else its caption marked as without one."""
        image = None
        if photo.image is not None:
            found = resolve_image(self.content.folder, photo.image)
            image = str(found) if isinstance(found, Path) else None
        if image is None:  # a numbered 圖 with no picture would send the reader looking
            return Figure(
                caption=Caption(
                    photo.caption, prefix=self.words.photo_label, suffix=self.words.photo_missing
                )
            )
        self.figures += 1
        return Figure(
            caption=Caption(
                photo.caption,
                "figure",
                self.figures,
                self.words.figure_label,
                self.words.caption_separator,
            ),
            image=image,
            alt=photo.alt or photo.caption,
        )

    # --------------------------------------------------------------- relevance

    def focus_match(self, visit: Visit) -> int:
        """How many of the organisation's focus industries (×2) and themes a visit shares."""
        organisation = self.audience.organisation
        if organisation is None:
            return 0
        tags, focus = visit.editorial, organisation.focus
        industries = len(set(tags.industries) & set(focus.industries))
        return 2 * industries + len(set(tags.themes) & set(focus.themes))

    def tagged(self, organisations: Sequence[str]) -> bool:
        """Whether the editors tagged an item for this briefing's organisation."""
        organisation = self.audience.organisation
        return organisation is not None and organisation.id in organisations

    def relevance(self, visit: Visit) -> int:
        """Focus match, plus one when the editors tagged the visit for the organisation."""
        return self.focus_match(visit) + int(self.tagged(visit.editorial.organisations))

    def visits_for(self, part: PartSpec) -> list[Visit]:
        """The visits a part shows, filtered and ordered as it asks."""
        visits = list(self.content.visits_in_itinerary_order())
        if part.only == "relevant":
            visits = [v for v in visits if self.relevance(v) > 0]
        elif part.only == "others":
            visits = [v for v in visits if v.id not in self.shown_visits]
        if part.order == "relevance":
            visits.sort(key=self.relevance, reverse=True)  # stable: source order breaks ties
        return visits[: part.limit] if part.limit else visits

    def concerns(self, item: Conclusion) -> bool:
        """Whether a finding or recommendation is tagged for the briefing's organisation."""
        return self.tagged(item.editorial.organisations)

    # -------------------------------------------------------------------- parts

    def compose_parts(self, builders: dict[PartName, PartBuilder]) -> tuple[Block, ...]:
        """Every part the template lists, in its order, with page breaks where due."""
        blocks: list[Block] = []
        pending = self.unconcerned_notice()
        for entry in self.spec.parts:
            part = as_part(entry)
            counters = (self.chapter, self.sections, self.tables, self.figures, self.anchors)
            part_blocks = list(builders[part.part](self, part))
            if not any(not isinstance(b, Heading) for b in part_blocks):
                # a part with nothing to show leaves no trace: no heading, no number used
                self.chapter, self.sections, self.tables, self.figures, self.anchors = counters
                continue
            if blocks and part.part in NEW_PAGE_BEFORE:
                blocks.append(PageBreak())
            if pending is not None and part.part not in TITLE_PARTS:
                blocks.append(pending)
                pending = None
            blocks.extend(part_blocks)
        return tuple(blocks)

    def unconcerned_notice(self) -> Paragraph | None:
        """The line an organisation's briefing opens with when nothing concerns it."""
        if nothing_concerns(self.audience, self.content) is None:
            return None
        return Paragraph(self.text(self.words.nothing_concerns), role="lead")


def template_fields(content: Content, audience: Audience) -> dict[str, object]:
    """The fields a template string may name, besides the locale's words."""
    organisation = audience.organisation
    report = content.report
    terms = audience.vocabulary.trip_categories
    return {
        "title": report.title,
        "category": terms.get(report.category, report.category),
        "name": organisation.name if organisation else "",
        "short_name": organisation.short_name if organisation else "",
        "page": "{page}",
        "pages": "{pages}",
    }


def _escaped(values: dict[str, object]) -> dict[str, str]:
    """Values made literal, so that filling a pattern twice never reads them as fields."""
    return {
        key: str(value).replace("{", "{{").replace("}", "}}").replace("[", "[[").replace("]", "]]")
        for key, value in values.items()
    }
