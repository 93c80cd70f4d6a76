"""Ids are unique and every reference names something that exists."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from briefing.diagnostics import Diagnostic, Location, Severity
from briefing.model.base import Anchor, anchor
from briefing.model.content import Content
from briefing.model.stats import FiguresDataset, TableDataset


def _duplicates(items: Iterable[tuple[str, Location]], what: str) -> Iterator[Diagnostic]:
    seen: dict[str, Location] = {}
    for item_id, location in items:
        if item_id in seen:
            first = seen[item_id]
            yield Diagnostic(
                Severity.ERROR,
                "DUPLICATE_ID",
                f"{what} id {item_id!r} is used twice",
                location,
                f"first used at {first}",
            )
        else:
            seen[item_id] = location


def unique_ids(content: Content) -> Iterator[Diagnostic]:
    """Visit, dataset, region, figure and column ids are unique where they must be."""
    yield from _duplicates(((v.id, anchor(v).at("id")) for v in content.visits), "visit")
    yield from _duplicates(((d.id, anchor(d).at("id")) for d in content.datasets), "dataset")
    itinerary = anchor(content.itinerary)
    yield from _duplicates(
        ((r.id, itinerary.at("regions", i, "id")) for i, r in enumerate(content.itinerary.regions)),
        "region",
    )
    for dataset in content.datasets:
        at = anchor(dataset)
        if isinstance(dataset, FiguresDataset):
            yield from _duplicates(
                ((f.id, at.at("figures", i, "id")) for i, f in enumerate(dataset.figures)),
                f"figure (in {dataset.id})",
            )
        else:
            yield from _duplicates(
                ((c.key, at.at("columns", i, "key")) for i, c in enumerate(dataset.columns)),
                f"column (in {dataset.id})",
            )


def _unknown(kind: str, ref: str, known: Iterable[str], location: Location) -> Diagnostic:
    names = sorted(known)
    hint = "known: " + ", ".join(names) if len(names) <= 20 else f"{len(names)} {kind}s exist"
    return Diagnostic(
        Severity.ERROR, "UNKNOWN_REF", f"no {kind} has the id {ref!r}", location, hint
    )


def references_resolve(content: Content) -> Iterator[Diagnostic]:
    """Every id that content refers to exists."""
    visits = {v.id for v in content.visits}
    datasets = {d.id for d in content.datasets}
    regions = {r.id for r in content.itinerary.regions}
    itinerary = anchor(content.itinerary)
    for r, region in enumerate(content.itinerary.regions):
        for d, day in enumerate(region.days):
            for k, ref in enumerate(day.visits):
                if ref not in visits:
                    location = itinerary.at("regions", r, "days", d, "visits", k)
                    yield _unknown("visit", ref, visits, location)
    for visit in content.visits:
        if visit.region is not None and visit.region not in regions:
            yield _unknown("region", visit.region, regions, anchor(visit).at("region"))
    yield from _highlights(content)
    if content.background is not None:
        at = anchor(content.background)
        for s, section in enumerate(content.background.sections):
            for k, ref in enumerate(section.datasets):
                if ref not in datasets:
                    yield _unknown("dataset", ref, datasets, at.at("sections", s, "datasets", k))
    for claim in content.claims:
        if claim.counts == "dataset-rows":
            if claim.dataset is None:
                yield Diagnostic(
                    Severity.ERROR,
                    "UNKNOWN_REF",
                    "a dataset-rows claim must name its dataset",
                    anchor(claim).key("counts"),
                )
            elif claim.dataset not in datasets:
                yield _unknown("dataset", claim.dataset, datasets, anchor(claim).at("dataset"))
    for dataset in content.datasets:
        yield from _dataset_references(dataset, anchor(dataset), visits)


def _highlights(content: Content) -> Iterator[Diagnostic]:
    """The key figures and charts the editors chose for briefings exist."""
    editorial = content.report.editorial
    at = anchor(content.report)
    for i, ref in enumerate(editorial.key_figures):
        dataset_id, _, figure_id = ref.partition("/")
        dataset = content.dataset(dataset_id)
        if isinstance(dataset, FiguresDataset) and figure_id in {f.id for f in dataset.figures}:
            continue
        what = "dataset" if dataset is None else "figure"
        yield Diagnostic(
            Severity.ERROR,
            "KEY_FIGURE_REF",
            f"key figure {ref!r} names no {what} of that id",
            at.at("editorial", "key_figures", i),
            "write dataset-id/figure-id of a figures dataset",
        )
    charts = {chart.id for chart in content.charts}
    for i, ref in enumerate(editorial.charts):
        if ref not in charts:
            yield _unknown("chart", ref, charts, at.at("editorial", "charts", i))


def _dataset_references(
    dataset: TableDataset | FiguresDataset, at: Anchor, visits: set[str]
) -> Iterator[Diagnostic]:
    if dataset.visit is not None and dataset.visit not in visits:
        yield _unknown("visit", dataset.visit, visits, at.at("visit"))
    if isinstance(dataset, TableDataset):
        keys = {c.key for c in dataset.columns}
        if dataset.total is not None and dataset.total.column not in keys:
            yield _unknown("column", dataset.total.column, keys, at.at("total", "column"))
        return
    figures = {f.id for f in dataset.figures}
    for i, figure in enumerate(dataset.figures):
        if figure.part_of is not None and figure.part_of not in figures:
            yield _unknown("figure", figure.part_of, figures, at.at("figures", i, "part_of"))
    for i, ref in enumerate(dataset.totals):
        if ref not in figures:
            yield _unknown("figure", ref, figures, at.at("totals", i))
