"""Parts of short briefings: masthead, why the trip, the trip at a glance, key figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from briefing.compose.composer import Composer
from briefing.document import Block, KeyFigure, KeyFigures, Masthead, Paragraph, Table, TableColumn
from briefing.model.stats import Figure, FiguresDataset
from briefing.style.model import PartSpec


def masthead(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The title block of a short briefing."""
    report = c.content.report
    yield Masthead(
        kicker=c.text(c.words.kicker),
        title=c.text(c.spec.title),
        subtitle=c.text(c.spec.subtitle),
        addressee=c.text(c.spec.addressee),
        date_line=c.phrase(c.words.period_line, period=c.period(report.start, report.end)),
        marking=c.text(c.spec.marking),
    )


def summary(c: Composer, part: PartSpec) -> Iterator[Block]:
    """Why the trip was made, in the editors' short form (else the purpose in full)."""
    report = c.content.report
    paragraphs = (
        (report.editorial.summary,) if report.editorial.summary else report.purpose.background
    )
    if paragraphs:
        yield from c.part_heading(part, c.words.summary)
        yield from (Paragraph(p) for p in paragraphs)


def glance(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The trip at a glance: dates, places, institutions, delegation; rows with no data left out."""
    content, words = c.content, c.words
    report = content.report
    days = (report.end - report.start).days + 1
    period = c.period(report.start, report.end)
    rows = [(words.glance_period, c.phrase(words.glance_days, period=period, days=days))]
    visits = content.visits_in_itinerary_order()
    places = c.join(list(dict.fromkeys(v.city for v in visits if v.city)))
    if places:
        rows.append((words.glance_places, places))
    if visits:
        kinds = Counter(v.kind for v in visits)
        if len(kinds) == 1:  # "1個（會議1）" says the count twice
            kinds_text = c.term("visit_kinds", visits[0].kind)
        else:
            kinds_text = c.join(
                [
                    c.phrase(words.kind_count, kind=c.term("visit_kinds", k), count=n)
                    for k, n in kinds.most_common()
                ]
            )
        count = c.phrase(words.institutions_count, count=len(visits), kinds=kinds_text)
        rows.append((words.glance_institutions, count))
    leader = next((m for m in report.members if m.leads), None)
    label = words.glance_delegation
    if len(report.members) == 1:  # one traveller leads no delegation
        (member,) = report.members
        label = words.glance_traveller
        delegation = c.phrase(
            words.traveller,
            organisation=member.organisation,
            unit=member.unit,
            name=member.name,
            title=member.title,
        )
    elif leader is not None:
        delegation = c.phrase(
            words.delegation_led,
            organisation=leader.organisation,
            name=leader.name,
            title=leader.title,
            count=len(report.members),
        )
    else:
        delegation = c.phrase(words.delegation_size, count=len(report.members))
    rows.append((label, delegation))
    yield from c.part_heading(part, words.glance)
    yield Table(
        columns=(TableColumn(1.2, "center"), TableColumn(5, "left")),
        header=(),
        rows=tuple(rows),
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
    """The content's key figures as callouts, as many as the template shows, with sources."""
    words = c.words
    items = []
    for ref in c.content.report.editorial.key_figures[: c.spec.key_figures]:
        found = resolve_figure(c, ref)
        if found is None:
            continue
        figure, dataset = found
        what = figure.label
        if figure.share_of and words.share_marker not in what:
            share = c.phrase(words.share_of, whole=figure.share_of)
            what = c.phrase(words.key_figure_share, label=what, share=share)
        items.append(
            KeyFigure(
                value=c.numbers.figure_value(figure),
                label=c.phrase(words.key_figure_label, label=what, year=dataset.as_of),
                source=c.source_line(dataset.source),
            )
        )
    if items:
        yield from c.part_heading(part, words.key_figures)
        yield KeyFigures(tuple(items))


def figures(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The figures cited at the visits this part selects, as tables."""
    chosen = c.visits_for(part)
    datasets = [d for v in chosen for d in c.content.datasets if d.visit == v.id]
    if part.limit:
        datasets = datasets[: part.limit]
    if not datasets:
        return
    yield from c.part_heading(part, c.words.figures)
    for dataset in datasets:
        yield c.dataset_table(dataset)


def charts(c: Composer, part: PartSpec) -> Iterator[Block]:
    """The content's highlighted charts, as many as the template shows."""
    chosen = c.content.report.editorial.charts[: c.spec.charts]
    drawn = [chart for chart in map(c.chart, chosen) if chart is not None]
    if drawn:
        yield from c.part_heading(part, c.words.charts)
        yield from drawn
