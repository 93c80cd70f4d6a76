"""The composer: running numbers, shared helpers, and the dispatch of parts to builders."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path

from briefing.compose import dates
from briefing.compose.charts import build_chart
from briefing.compose.numbering import label
from briefing.compose.numbers import cell_text, column_header, figure_value
from briefing.document import (
    Block,
    Caption,
    Chart,
    Figure,
    Heading,
    ListItem,
    PageBreak,
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
from briefing.style.model import AudienceSpec, PartName, PartSpec

POINT_LEVEL = 3
"""Outline level of the first level of points under a section heading: （一）."""

PartBuilder = Callable[["Composer", PartSpec], Iterator[Block]]

NEW_PAGE_BEFORE = frozenset({"abstract", "contents", "purpose", "appendix"})
"""Parts of the official report that start on a new page."""


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


def as_part(part: PartName | PartSpec) -> PartSpec:
    """A part named by a bare string, with default settings."""
    return part if isinstance(part, PartSpec) else PartSpec(part=part)


def _remark(figure: StatFigure) -> str:
    """What a figure is a share of, unless its label already says; else its note."""
    if figure.share_of and "占" not in figure.label:
        return f"占{figure.share_of}"
    return figure.note or ""


class Composer:
    """Composes one document; holds the running heading, table and figure numbers."""

    def __init__(self, content: Content, spec: AudienceSpec) -> None:
        self.content = content
        self.spec = spec
        self.words = spec.wording
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

    def chapter_heading(self, text: str) -> Heading:
        """The next numbered chapter heading (壹、貳、…)."""
        self.chapter += 1
        self.sections = 0
        return self.heading(1, text, label(1, self.chapter))

    def section_heading(self, text: str) -> Heading:
        """The next numbered section heading within a chapter (一、二、…)."""
        self.sections += 1
        return self.heading(2, text, label(2, self.sections))

    # ------------------------------------------------------------ dates & words

    def date(self, day: date) -> str:
        """A long date in the template's style."""
        return dates.long_date(day, self.spec.date_style)

    def when(self, visit: Visit) -> str:
        """When a visit took place: date, weekday, time of day and clock times."""
        text = f"{self.date(visit.date)}（{dates.WEEKDAYS[visit.date.weekday()]}）"
        text += dates.PERIODS[visit.period]
        if visit.start_time:
            text += f" {visit.start_time}"
            if visit.end_time:
                text += f"~{visit.end_time}"
        return text

    def source_line(self, source: Source) -> str:
        """The 資料來源 line under a table or figure."""
        parts = [p for p in (source.url, source.citation) if p]
        return self.words.source_label + "；".join(parts)

    # ------------------------------------------------------------------ tables

    def caption(self, title: str) -> Caption:
        """The next numbered table caption."""
        self.tables += 1
        return Caption(title, "table", self.tables, self.words.table_label, "　")

    def dataset_table(self, dataset: Dataset) -> Table:
        """A dataset as a numbered table with its source line."""
        if isinstance(dataset, FiguresDataset):
            return self._figures_table(dataset)
        return self._rows_table(dataset)

    def _rows_table(self, dataset: TableDataset) -> Table:
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
        rows = tuple((f.label, figure_value(f), _remark(f)) for f in dataset.figures)
        return Table(
            columns=(TableColumn(3, "left"), TableColumn(1.4, "right"), TableColumn(2.6, "left")),
            header=(("項目", "數值", "說明"),),
            rows=rows,
            caption=self.caption(dataset.title),
            source=self.source_line(dataset.source),
            anchor=f"t-{dataset.id}",
        )

    def chart(self, chart_id: str) -> Chart | None:
        """A declared chart as a numbered figure with its source, if its data exists."""
        spec = self.content.chart(chart_id)
        dataset = self.content.dataset(spec.dataset) if spec else None
        if spec is None or dataset is None:
            return None
        year = f"（{dataset.as_of}年）"
        caption = Caption(
            f"{spec.title}{year}", "figure", self.figures + 1, self.words.figure_label, "　"
        )
        chart = build_chart(spec, self.content, caption, self.source_line(dataset.source))
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
            caption=Caption(photo.caption, "figure", self.figures, self.words.figure_label, "　"),
            image=image,
            alt=photo.alt or photo.caption,
        )

    # --------------------------------------------------------------- relevance

    def focus_match(self, visit: Visit) -> int:
        """How many of the template's focus industries (×2) and themes a visit shares."""
        tags, focus = visit.editorial, self.spec.focus
        industries = len(set(tags.industries) & set(focus.industries))
        return 2 * industries + len(set(tags.themes) & set(focus.themes))

    def relevance(self, visit: Visit) -> int:
        """Focus match, plus one when the editors tagged the visit for the template's bureau."""
        tagged = self.spec.bureau is not None and self.spec.bureau in visit.editorial.bureaus
        return self.focus_match(visit) + int(tagged)

    def visits_for(self, part: PartSpec) -> list[Visit]:
        """The visits a part shows, filtered and ordered as it asks."""
        visits = list(self.content.visits_in_itinerary_order())
        if part.only == "relevant":
            visits = [v for v in visits if self.focus_match(v) > 0]
        elif part.only == "others":
            visits = [v for v in visits if v.id not in self.shown_visits]
        if part.order == "relevance":
            visits.sort(key=self.relevance, reverse=True)  # stable: source order breaks ties
        return visits[: part.limit] if part.limit else visits

    def concerns_bureau(self, item: Conclusion) -> bool:
        """Whether a finding or recommendation is tagged for the template's bureau."""
        return self.spec.bureau is not None and self.spec.bureau in item.editorial.bureaus

    # -------------------------------------------------------------------- parts

    def compose_parts(self, builders: dict[PartName, PartBuilder]) -> tuple[Block, ...]:
        """Every part the template lists, in its order, with page breaks where due."""
        blocks: list[Block] = []
        for entry in self.spec.parts:
            part = as_part(entry)
            part_blocks = list(builders[part.part](self, part))
            if not part_blocks:
                continue
            if blocks and part.part in NEW_PAGE_BEFORE:
                blocks.append(PageBreak())
            blocks.extend(part_blocks)
        return tuple(blocks)
