"""Charts: they draw data that exists, in one unit, from parts of one whole."""

from __future__ import annotations

from collections.abc import Iterator

from briefing.diagnostics import Diagnostic, Severity
from briefing.model.base import anchor
from briefing.model.content import Content
from briefing.model.stats import ChartSpec, FiguresDataset, TableDataset


def _error(
    code: str, message: str, spec: ChartSpec, *path: str | int, hint: str = ""
) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, anchor(spec).at(*path), hint)


def charts_have_data(content: Content) -> Iterator[Diagnostic]:
    """Every chart names an existing dataset, its figures or columns, in one unit."""
    seen: set[str] = set()
    for spec in content.charts:
        if spec.id in seen:
            yield _error("DUPLICATE_ID", f"chart id {spec.id!r} is used twice", spec, "id")
        seen.add(spec.id)
        dataset = content.dataset(spec.dataset)
        if dataset is None:
            yield _error("UNKNOWN_REF", f"no dataset has the id {spec.dataset!r}", spec, "dataset")
        elif isinstance(dataset, FiguresDataset):
            yield from _figure_chart(spec, dataset)
        else:
            yield from _table_chart(spec, dataset)
    if content.background is not None:
        at = anchor(content.background)
        known = {c.id for c in content.charts}
        for s, section in enumerate(content.background.sections):
            for k, ref in enumerate(section.charts):
                if ref not in known:
                    yield Diagnostic(
                        Severity.ERROR,
                        "UNKNOWN_REF",
                        f"no chart has the id {ref!r}",
                        at.at("sections", s, "charts", k),
                    )


def _figure_chart(spec: ChartSpec, dataset: FiguresDataset) -> Iterator[Diagnostic]:
    by_id = {f.id: f for f in dataset.figures}
    if not spec.figures:
        yield _error(
            "CHART_DATA", "a chart of a figures dataset must list its figures", spec, "dataset"
        )
        return
    units: dict[str, str] = {}
    for i, entry in enumerate(spec.figures):
        figure = by_id.get(entry.figure)
        if figure is None:
            yield _error(
                "UNKNOWN_REF",
                f"{dataset.id} has no figure {entry.figure!r}",
                spec,
                "figures",
                i,
                "figure",
            )
            continue
        if figure.value < 0:
            yield _error(
                "CHART_DATA",
                f"{figure.label} is negative ({figure.value:g}); charts draw amounts from zero",
                spec,
                "figures",
                i,
                "figure",
            )
        unit = f"{figure.scale or ''}{figure.unit}"
        if units and unit not in units:
            first = next(iter(units.items()))
            yield _error(
                "CHART_UNITS",
                f"{figure.label} is in {unit}, but {first[1]} is in "
                f"{first[0]}: one chart, one unit",
                spec,
                "figures",
                i,
                "figure",
            )
        units.setdefault(unit, figure.label)
    if spec.rest_label:
        wholes = {by_id[e.figure].part_of for e in spec.figures if e.figure in by_id}
        if len(wholes) != 1 or None in wholes:
            yield _error(
                "CHART_DATA",
                "rest_label needs every figure to be part_of the same whole",
                spec,
                "rest_label",
            )


def _table_chart(spec: ChartSpec, dataset: TableDataset) -> Iterator[Diagnostic]:
    columns = {c.key: c for c in dataset.columns}
    if spec.value is None:
        yield _error(
            "CHART_DATA", "a chart of a table dataset must name its value column", spec, "dataset"
        )
    elif spec.value not in columns:
        yield _error("UNKNOWN_REF", f"{dataset.id} has no column {spec.value!r}", spec, "value")
    elif columns[spec.value].type == "text":
        yield _error("CHART_DATA", f"column {spec.value!r} holds text, not numbers", spec, "value")
    else:
        values = [row.get(spec.value) for row in dataset.rows]
        negative = [v for v in values if isinstance(v, int | float) and v < 0]
        if negative:
            yield _error(
                "CHART_DATA",
                f"column {spec.value!r} has negative values "
                f"({negative[0]:g}); charts draw amounts from zero",
                spec,
                "value",
            )
    for i, key in enumerate(spec.category):
        if key not in columns:
            yield _error("UNKNOWN_REF", f"{dataset.id} has no column {key!r}", spec, "category", i)
