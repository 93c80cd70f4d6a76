"""Statistics: cells fit their columns, shares are shares, totals add up, sources exist."""

from __future__ import annotations

import math
from collections.abc import Iterator

from briefing.diagnostics import Diagnostic, Location, Severity
from briefing.model.base import anchor
from briefing.model.content import Content
from briefing.model.stats import Cell, Column, Figure, FiguresDataset, TableDataset

SCALE = {None: 1.0, "萬": 1e4, "億": 1e8, "萬億": 1e12}
_TOLERANCE = 1e-6


def _cell_problem(column: Column, value: Cell) -> str | None:
    """Why a cell does not fit its column, or None if it does."""
    if value is None:
        return None
    match column.type:
        case "text":
            return None if isinstance(value, str) else f"expected text, got {value!r}"
        case "integer" | "year":
            if isinstance(value, bool) or not isinstance(value, int):
                return f"expected a whole number, got {value!r}"
            if column.type == "year" and not 1800 <= value <= 2200:
                return f"{value} is not a plausible year"
            return None
        case "number" | "percent":
            if isinstance(value, bool) or not isinstance(value, int | float):
                return f"expected a number, got {value!r}"
            return None
    return None


def table_cells(content: Content) -> Iterator[Diagnostic]:
    """Each row names only known columns, and each cell has its column's type."""
    for dataset in content.datasets:
        if not isinstance(dataset, TableDataset):
            continue
        at = anchor(dataset)
        columns = {c.key: c for c in dataset.columns}
        for r, row in enumerate(dataset.rows):
            for key, value in row.items():
                column = columns.get(key)
                if column is None:
                    yield Diagnostic(
                        Severity.ERROR,
                        "CELL_COLUMN",
                        f"row {r + 1} has a value for {key!r}, which is not a column",
                        at.key("rows", r, key),
                        "columns: " + ", ".join(columns),
                    )
                    continue
                problem = _cell_problem(column, value)
                if problem:
                    yield Diagnostic(
                        Severity.ERROR,
                        "CELL_TYPE",
                        f"column {key!r} ({column.type}): {problem}",
                        at.at("rows", r, key),
                    )
            total = dataset.total
            if total is not None and row.get(total.column) is None:
                yield Diagnostic(
                    Severity.ERROR,
                    "CELL_MISSING",
                    f"row {r + 1} has no value for {total.column}, which has a declared total",
                    at.at("rows", r),
                )


def _is_percent(figure: Figure) -> bool:
    return figure.unit.strip() in ("%", "％", "percent")


def percentages(content: Content) -> Iterator[Diagnostic]:
    """Percentages lie within 0–100."""
    for dataset in content.datasets:
        at = anchor(dataset)
        if isinstance(dataset, FiguresDataset):
            for i, figure in enumerate(dataset.figures):
                if _is_percent(figure) and not 0 <= figure.value <= 100:
                    yield Diagnostic(
                        Severity.ERROR,
                        "PERCENT_RANGE",
                        f"{figure.label} is {figure.value}%, outside 0–100",
                        at.at("figures", i, "value"),
                    )
            continue
        percent_columns = [c.key for c in dataset.columns if c.type == "percent"]
        for r, row in enumerate(dataset.rows):
            for key in percent_columns:
                value = row.get(key)
                if isinstance(value, int | float) and not 0 <= value <= 100:
                    yield Diagnostic(
                        Severity.ERROR,
                        "PERCENT_RANGE",
                        f"{key} is {value}%, outside 0–100",
                        at.at("rows", r, key),
                    )


def _amount(figure: Figure) -> float:
    return figure.value * SCALE[figure.scale]


def declared_totals(content: Content) -> Iterator[Diagnostic]:
    """Declared totals equal the sum of their parts; no part exceeds its whole."""
    for dataset in content.datasets:
        at = anchor(dataset)
        if isinstance(dataset, TableDataset):
            total = dataset.total
            if total is None:
                continue
            values = [row.get(total.column) for row in dataset.rows]
            numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
            found = sum(numbers)
            if not math.isclose(found, total.value, rel_tol=_TOLERANCE):
                yield Diagnostic(
                    Severity.ERROR,
                    "TOTAL_MISMATCH",
                    f"{dataset.id}: column {total.column!r} adds up to "
                    f"{found:g}, but the declared total is {total.value:g}",
                    at.at("total", "value"),
                )
            continue
        by_id = {f.id: f for f in dataset.figures}
        for i, figure in enumerate(dataset.figures):
            whole = by_id.get(figure.part_of or "")
            if whole is None or whole.unit != figure.unit:
                continue
            if _amount(figure) > _amount(whole) * (1 + _TOLERANCE):
                yield Diagnostic(
                    Severity.ERROR,
                    "PART_EXCEEDS_WHOLE",
                    f"{figure.label} ({figure.value:g}{figure.scale or ''}) is larger "
                    f"than {whole.label}, of which it is a part",
                    at.at("figures", i, "value"),
                )
        for t, total_id in enumerate(dataset.totals):
            whole = by_id.get(total_id)
            if whole is None:
                continue
            parts = [f for f in dataset.figures if f.part_of == total_id]
            found = sum(_amount(p) for p in parts)
            if math.isclose(found, _amount(whole), rel_tol=_TOLERANCE):
                continue
            rough = whole.approximate or any(p.approximate for p in parts)
            yield Diagnostic(
                Severity.WARNING if rough else Severity.ERROR,
                "TOTAL_MISMATCH",
                f"{dataset.id}: the parts of {whole.label} add up to "
                f"{found / SCALE[whole.scale]:g}{whole.scale or ''}, not "
                f"{whole.value:g}{whole.scale or ''}",
                at.at("totals", t),
            )


def sources(content: Content) -> Iterator[Diagnostic]:
    """Every dataset has a source; those the editors supplied are flagged, once per file."""
    by_file: dict[str, list[tuple[str, Location]]] = {}
    for dataset in content.datasets:
        if dataset.source.editorial:
            location = anchor(dataset).at("source", "citation")
            by_file.setdefault(location.file, []).append((dataset.id, location))
    for flagged in by_file.values():
        ids = ", ".join(dataset_id for dataset_id, _ in flagged)
        count = f"{len(flagged)} datasets cite" if len(flagged) > 1 else "1 dataset cites"
        yield Diagnostic(
            Severity.WARNING,
            "SOURCE_EDITORIAL",
            f"{count} a source the editors supplied, not the report: {ids}",
            flagged[0][1],
            "confirm them before filing: reports citing no source are sent back",
        )
