"""Parts of short briefings: masthead, why the trip, the trip at a glance, key figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from briefing.compose import dates
from briefing.compose.composer import Composer
from briefing.compose.numbers import figure_value
from briefing.document import Block, KeyFigure, KeyFigures, Masthead, Paragraph, Table, TableColumn
from briefing.model.stats import Figure, FiguresDataset
from briefing.style.fields import render
from briefing.style.model import PartSpec

KIND_NAMES = {
    "government": "政府機關",
    "development-zone": "高新區管理機構",
    "company": "企業",
    "university": "大學",
    "research-institute": "研究機構",
    "exchange": "技術交易機構",
}


def masthead(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The title block of a short briefing."""
    report = c.content.report
    period = dates.date_range(report.start, report.end, c.spec.date_style)
    yield Masthead(
        kicker=render(c.words.kicker, category=report.category),
        title=render(c.spec.title, title=report.title),
        subtitle=c.spec.subtitle,
        addressee=c.spec.addressee,
        date_line=f"出國期間：{period}",
        marking=c.spec.marking,
    )


def summary(c: Composer, part: PartSpec) -> Iterator[Block]:
    """Why the trip was made, in the editors' short form (else the purpose in full)."""
    report = c.content.report
    yield c.chapter_heading(part.title or c.words.summary)
    if report.editorial.summary:
        yield Paragraph(report.editorial.summary)
    else:
        yield from (Paragraph(p) for p in report.purpose.background)


def glance(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The trip at a glance: dates, places, institutions, delegation."""
    content = c.content
    report = content.report
    days = (report.end - report.start).days + 1
    kinds = Counter(v.kind for v in content.visits)
    kinds_text = "、".join(f"{KIND_NAMES[k]}{n}" for k, n in kinds.most_common())
    cities = "、".join(dict.fromkeys(v.city for v in content.visits_in_itinerary_order()))
    lead = report.members[0]
    period = dates.date_range(report.start, report.end, c.spec.date_style)
    rows = (
        ("出國期間", f"{period}（{days}天）"),
        ("參訪城市", cities),
        ("參訪機構", f"{len(content.visits)}個（{kinds_text}）"),
        ("代表團", f"{lead.organisation}{lead.name}{lead.title}率團，共{len(report.members)}人"),
    )
    yield c.chapter_heading(part.title or c.words.glance)
    yield Table(
        columns=(TableColumn(1.2, "center"), TableColumn(5, "left")),
        header=(),
        rows=rows,
        anchor="t-glance",
        layout_only=True,
    )


def resolve_figure(c: Composer, ref: str) -> tuple[Figure, FiguresDataset] | None:
    """The figure a `dataset-id/figure-id` reference names, with its dataset."""
    dataset_id, _, figure_id = ref.partition("/")
    dataset = c.content.dataset(dataset_id)
    if not isinstance(dataset, FiguresDataset):
        return None
    figure = next((f for f in dataset.figures if f.id == figure_id), None)
    return None if figure is None else (figure, dataset)


def key_figures(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The template's key figures as callouts, each with its source."""
    items = []
    for ref in c.spec.key_figures:
        found = resolve_figure(c, ref)
        if found is None:
            continue
        figure, dataset = found
        what = figure.label
        if figure.share_of and "占" not in what:
            what = f"{what}（占{figure.share_of}）"
        items.append(
            KeyFigure(
                value=figure_value(figure),
                label=f"{what}，{dataset.as_of}年",
                source=c.source_line(dataset.source),
            )
        )
    if items:
        yield c.chapter_heading(part.title or c.words.key_figures)
        yield KeyFigures(tuple(items))


def figures(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The figures cited at the visits this part selects, as tables."""
    chosen = c.visits_for(part)
    datasets = [d for v in chosen for d in c.content.datasets if d.visit == v.id]
    if part.limit:
        datasets = datasets[: part.limit]
    if not datasets:
        return
    yield c.chapter_heading(part.title or c.words.figures)
    for dataset in datasets:
        yield c.dataset_table(dataset)


def charts(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The charts the template names, under one heading."""
    drawn = [chart for chart in map(c.chart, c.spec.charts) if chart is not None]
    if drawn:
        yield c.chapter_heading(part.title or c.words.charts)
        yield from drawn
